/**
 * The date-time namespace, `col(name).dt`: methods building calendar expressions. Evaluated by
 * dt-eval.ts.
 */
import type { Expr, ExprNode } from './expr.js';
import type { TruncateUnit } from './calendar.js';

export type { TruncateUnit } from './calendar.js';

/** A calendar field `dt` can extract. */
export type DtField =
  | 'year'
  | 'quarter'
  | 'month'
  | 'day'
  | 'ordinalDay'
  | 'weekday'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond'
  | 'nanosecond';

/** A whole count of a unit a duration holds (`dt.totalSeconds()` …). */
export type DtTotal = 'totalDays' | 'totalHours' | 'totalMinutes' | 'totalSeconds' | 'totalMilliseconds' | 'totalMicroseconds' | 'totalNanoseconds';

/** One date-time operation. */
export type DtCall = { readonly fn: DtField | DtTotal } | { readonly fn: 'truncate'; readonly unit: TruncateUnit };

/**
 * A date-time call as code, after `.dt`.
 * @example
 * ```ts
 * showDt({ fn: 'truncate', unit: 'month' }); // → 'truncate("month")'
 * ```
 */
export function showDt(c: DtCall): string {
  return c.fn === 'truncate' ? `truncate(${JSON.stringify(c.unit)})` : `${c.fn}()`;
}

/**
 * Calendar fields of a date or timestamp expression, reached through `expr.dt`, and whole counts
 * of a duration. Computed from the stored numbers with calendar arithmetic (proleptic Gregorian;
 * dates before 1970 included), exactly in every unit (seconds to nanoseconds), not a `Date` per
 * row. A timestamp with a time zone gives the fields of its wall clock in that zone (offsets from
 * `Intl`, looked up once per day of data); a timestamp without one is UTC. Fields are int32,
 * totals int64; nulls stay null. Any other dtype is an `ExpressionError` naming the expression.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ d: [new Date('1969-07-20'), null] }, { schema: { d: nullable(date()) } });
 * df.select(col('d').dt.year()).getColumn('d').toArray();
 * // → [ 1969, null ]
 * ```
 */
export class DtNamespace {
  /** @internal */
  constructor(
    private readonly arg: ExprNode,
    private readonly wrap: (node: ExprNode) => Expr,
  ) {}

  private call(call: DtCall): Expr {
    return this.wrap({ op: 'dt', arg: this.arg, call });
  }

  /**
   * The year (int32; 1 BC is year 0, as in ISO 8601).
   * @example
   * ```ts
   * DataFrame.fromColumns({ t: [new Date('2024-12-31T23:30:00Z')] })
   *   .select(col('t').dt.year()).getColumn('t').toArray();
   * // → [ 2024 ]
   * ```
   */
  year(): Expr {
    return this.call({ fn: 'year' });
  }

  /**
   * The month, 1 (January) … 12 (int32).
   * @example
   * ```ts
   * DataFrame.fromColumns({ t: [new Date('2024-02-29T12:00:00Z')] })
   *   .select(col('t').dt.month()).getColumn('t').toArray();
   * // → [ 2 ]
   * ```
   */
  month(): Expr {
    return this.call({ fn: 'month' });
  }

  /**
   * The day of the month, 1 … 31 (int32).
   * @example
   * ```ts
   * DataFrame.fromColumns({ t: [new Date('2024-02-29T12:00:00Z')] })
   *   .select(col('t').dt.day()).getColumn('t').toArray();
   * // → [ 29 ]
   * ```
   */
  day(): Expr {
    return this.call({ fn: 'day' });
  }

  /**
   * The hour, 0 … 23 (int32), on the column's wall clock. Timestamps only: a date has no time of day.
   * @example
   * ```ts
   * // 20:45 UTC is 02:15 the next day in India:
   * const df = DataFrame.fromColumns({ t: [new Date('2024-01-15T20:45:00Z')] }, { schema: { t: timestamp({ timezone: 'Asia/Kolkata' }) } });
   * df.select(col('t').dt.hour()).getColumn('t').toArray(); // → [ 2 ]
   * ```
   */
  hour(): Expr {
    return this.call({ fn: 'hour' });
  }

  /**
   * The minute, 0 … 59 (int32), on the column's wall clock. Timestamps only.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ t: [new Date('2024-01-15T20:45:00Z')] }, { schema: { t: timestamp({ timezone: 'Asia/Kolkata' }) } });
   * df.select(col('t').dt.minute()).getColumn('t').toArray();
   * // → [ 15 ]
   * ```
   */
  minute(): Expr {
    return this.call({ fn: 'minute' });
  }

  /**
   * The second of the minute, 0 … 59 (int32). Timestamps only.
   * @example
   * ```ts
   * DataFrame.fromColumns({ t: [new Date('2024-01-15T20:45:07.250Z')] }).select(col('t').dt.second()).getColumn('t').toArray(); // → [ 7 ]
   * ```
   */
  second(): Expr {
    return this.call({ fn: 'second' });
  }

  /**
   * The millisecond of the second, 0 … 999 (int32), as polars (DuckDB's `millisecond` counts
   * from the minute). Timestamps only.
   * @example
   * ```ts
   * DataFrame.fromColumns({ t: [new Date('2024-01-15T20:45:07.250Z')] }).select(col('t').dt.millisecond()).getColumn('t').toArray(); // → [ 250 ]
   * ```
   */
  millisecond(): Expr {
    return this.call({ fn: 'millisecond' });
  }

  /**
   * The microsecond of the second, 0 … 999,999 (int32), exact for microsecond and nanosecond
   * timestamps. Timestamps only.
   * @example
   * ```ts
   * import { tableFromArrays, makeVector, makeData, TimestampMicrosecond } from 'apache-arrow';
   * const t = makeVector(makeData({ type: new TimestampMicrosecond(), length: 1, nullCount: 0, data: BigInt64Array.of(1714557600123456n) }));
   * DataFrame.fromArrow(tableFromArrays({ t } as never)).select(col('t').dt.microsecond()).getColumn('t').toArray(); // → [ 123456 ]
   * ```
   */
  microsecond(): Expr {
    return this.call({ fn: 'microsecond' });
  }

  /**
   * The nanosecond of the second, 0 … 999,999,999 (int32). Timestamps only.
   * @example
   * ```ts
   * import { tableFromArrays, makeVector, makeData, TimestampNanosecond } from 'apache-arrow';
   * const t = makeVector(makeData({ type: new TimestampNanosecond(), length: 1, nullCount: 0, data: BigInt64Array.of(-1n) }));
   * DataFrame.fromArrow(tableFromArrays({ t } as never)).select(col('t').dt.nanosecond()).getColumn('t').toArray(); // → [ 999999999 ]
   * ```
   */
  nanosecond(): Expr {
    return this.call({ fn: 'nanosecond' });
  }

  /**
   * The quarter, 1 … 4 (int32).
   * @example
   * ```ts
   * DataFrame.fromColumns({ d: [new Date('2024-08-01')] }, { schema: { d: date() } }).select(col('d').dt.quarter()).getColumn('d').toArray(); // → [ 3 ]
   * ```
   */
  quarter(): Expr {
    return this.call({ fn: 'quarter' });
  }

  /**
   * The day of the year, 1 … 366 (int32).
   * @example
   * ```ts
   * DataFrame.fromColumns({ d: [new Date('2024-12-31')] }, { schema: { d: date() } }).select(col('d').dt.ordinalDay()).getColumn('d').toArray(); // → [ 366 ]
   * ```
   */
  ordinalDay(): Expr {
    return this.call({ fn: 'ordinalDay' });
  }

  /**
   * The ISO weekday: Monday 1 … Sunday 7 (int32), as polars.
   * @example
   * ```ts
   * // 2024-06-02 is a Sunday:
   * DataFrame.fromColumns({ d: [new Date('2024-06-02')] }, { schema: { d: date() } })
   *   .select(col('d').dt.weekday()).getColumn('d').toArray(); // → [ 7 ]
   * ```
   */
  weekday(): Expr {
    return this.call({ fn: 'weekday' });
  }

  /**
   * The whole number of days of a duration (int64), truncated toward zero as polars.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ a: [new Date('2024-03-01')], b: [new Date('2024-01-01T12:00:00Z')] });
   * df.select(col('a').sub(col('b')).dt.totalDays().alias('d')).getColumn('d').toArray(); // → [ 59 ]
   * ```
   */
  totalDays(): Expr {
    return this.call({ fn: 'totalDays' });
  }

  /** The whole number of hours of a duration (int64, truncated toward zero). */
  totalHours(): Expr {
    return this.call({ fn: 'totalHours' });
  }

  /** The whole number of minutes of a duration (int64, truncated toward zero). */
  totalMinutes(): Expr {
    return this.call({ fn: 'totalMinutes' });
  }

  /**
   * The whole number of seconds of a duration (int64, truncated toward zero as polars: −1.5 s
   * gives −1).
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ a: [new Date(0)], b: [new Date(1500)] });
   * df.select(col('a').sub(col('b')).dt.totalSeconds().alias('s')).getColumn('s').toArray(); // → [ -1 ]
   * ```
   */
  totalSeconds(): Expr {
    return this.call({ fn: 'totalSeconds' });
  }

  /** The whole number of milliseconds of a duration (int64, truncated toward zero). */
  totalMilliseconds(): Expr {
    return this.call({ fn: 'totalMilliseconds' });
  }

  /** The whole number of microseconds of a duration (int64; exact in finer units, an error beyond int64). */
  totalMicroseconds(): Expr {
    return this.call({ fn: 'totalMicroseconds' });
  }

  /** The whole number of nanoseconds of a duration (int64; an error when it does not fit). */
  totalNanoseconds(): Expr {
    return this.call({ fn: 'totalNanoseconds' });
  }

  /**
   * The value rounded down to the start of its year, quarter, month, ISO week (Monday), day,
   * hour, minute or second, as the same dtype (the unit kept, exactly). On a date, `day`, `hour`,
   * `minute` and `second` leave it as is. On a timestamp
   * with a time zone, the start is on that zone's wall clock: a start that falls in a DST gap
   * becomes the instant the gap ends, and one that occurs twice the occurrence with the original
   * instant's offset (else the earlier), so the result never passes the original.
   * @throws ExpressionError (when evaluated) for an unknown unit.
   * @example
   * ```ts
   * DataFrame.fromColumns({ d: [new Date('2024-05-17')] }, { schema: { d: date() } })
   *   .select(col('d').dt.truncate('month')).getColumn('d').toArray();
   * // → [ 2024-05-01T00:00:00.000Z ]
   * ```
   */
  truncate(unit: TruncateUnit): Expr {
    return this.call({ fn: 'truncate', unit });
  }
}
