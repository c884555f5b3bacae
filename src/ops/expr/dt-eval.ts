/**
 * Evaluating date-time operations (`expr.dt.*`) over day numbers (date) and instants of any unit
 * (timestamp, split exactly into day, millisecond of the day and nanoseconds by epoch.ts) with
 * calendar arithmetic: no `Date` per row. A timestamp with a time zone is first moved to its wall
 * clock (UTC offset from `zone.ts`, cached per day); a naive one is UTC. Fields give int32,
 * `truncate` the input dtype (unit and time zone kept), duration totals int64 (dt-total.ts).
 * Nulls stay null.
 */
import { makeData } from 'apache-arrow';
import type { Where } from './expr.js';
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Instant } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import type { Value } from './eval.js';
import type { DtCall } from './dt.js';
import { civilField, DAY, isoWeekday, MONTH, ordinalDay, truncateDays, truncateMillis, YEAR, type TruncateUnit } from './calendar.js';
import { zoneOf, type Zone } from './zone.js';
import { nullsIn, numberColumn, validityOf } from './values.js';
import { isNullBit } from './columns.js';
import { epochParts, MS_PER_DAY, writeInstant } from './epoch.js';
import { durationTotal, isTotal } from './dt-total.js';
import { unitOf } from './units.js';

const UNITS: readonly TruncateUnit[] = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
const FIELDS: readonly string[] = ['year', 'quarter', 'month', 'day', 'ordinalDay', 'weekday', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];
const TIME_OF_DAY: readonly string[] = ['hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];
const INT32 = dtypeOfKind('int32', false);

/** A field of a day number (the date part). */
function dayField(fn: string, z: number): number {
  switch (fn) {
    case 'year':
      return civilField(z, YEAR);
    case 'quarter':
      return Math.floor((civilField(z, MONTH) - 1) / 3) + 1;
    case 'month':
      return civilField(z, MONTH);
    case 'day':
      return civilField(z, DAY);
    case 'ordinalDay':
      return ordinalDay(z);
    default:
      return isoWeekday(z);
  }
}

/** A time-of-day field of milliseconds of the day `ms` and nanoseconds below them `sub`. */
function timeField(fn: string, ms: number, sub: number): number {
  switch (fn) {
    case 'hour':
      return Math.floor(ms / 3_600_000);
    case 'minute':
      return Math.floor(ms / 60_000) % 60;
    case 'second':
      return Math.floor(ms / 1000) % 60;
    case 'millisecond':
      return ms % 1000;
    case 'microsecond':
      return (ms % 1000) * 1000 + Math.floor(sub / 1000);
    default:
      return (ms % 1000) * 1_000_000 + sub;
  }
}

/**
 * Evaluate a date-time operation on an evaluated operand of `n` rows.
 * @throws ExpressionError for a non-temporal input or an unknown unit.
 * @example
 * ```ts
 * dtValue({ fn: 'year' }, { scalar: new Date('1969-07-20'), dtype: timestamp() }, 1, 'lit(…).dt.year()');
 * // → { scalar: 1969, dtype: int32 }
 * ```
 */
export function dtValue(call: DtCall, v: Value, n: number, where: Where): Value {
  if (call.fn === 'truncate' ? !UNITS.includes(call.unit) : !FIELDS.includes(call.fn) && !isTotal(call.fn)) {
    const got = call.fn === 'truncate' ? JSON.stringify(call.unit) : call.fn;
    throw new ExpressionError(where, call.fn === 'truncate' ? `unknown unit ${got}; use one of ${UNITS.join(', ')}` : `unknown field ${got}`);
  }
  if ('scalar' in v) return onScalar(call, v, where);
  const c = v.column;
  if (isTotal(call.fn)) return { column: durationTotal(call.fn, c, where) };
  if (c.dtype.kind === 'date') return { column: onDates(call, c, n, where) };
  if (c.dtype.kind !== 'timestamp') throw new ExpressionError(where, `expected dates or timestamps, got ${dtypeName(c.dtype)} column "${c.name}"`);
  return { column: onTimestamps(call, c, n, where) };
}

/** A scalar through the column kernels (one row). */
function onScalar(call: DtCall, v: { scalar: unknown; dtype: AnyDType }, where: Where): Value {
  const resultKind = call.fn === 'truncate' ? v.dtype : dtypeOfKind(isTotal(call.fn) ? 'int64' : 'int32', true);
  if (v.scalar === null) return { scalar: null, dtype: resultKind };
  if (isTotal(call.fn)) throw new ExpressionError(where, `expected a duration, got ${typeof v.scalar}`);
  if (!(v.scalar instanceof Date) && !(v.scalar instanceof Instant)) throw new ExpressionError(where, `expected a date, got ${typeof v.scalar}`);
  const instant = v.scalar instanceof Date ? new Instant(BigInt(v.scalar.getTime()), 'ms') : v.scalar;
  const dt = dtypeOfKind('timestamp', false, { unit: instant.unit, timezone: v.dtype.timezone ?? null });
  const one = new Column('literal', dt, makeData({ type: toArrowType(dt), length: 1, nullCount: 0, data: BigInt64Array.of(instant.epoch) } as never));
  const out = onTimestamps(call, one, 1, where);
  if (call.fn !== 'truncate') return { scalar: out.at(0), dtype: INT32 };
  const t = (out.data.values as BigInt64Array)[0]!;
  return { scalar: v.scalar instanceof Date ? new Date(Number(t)) : new Instant(t, instant.unit), dtype: v.dtype };
}

function onDates(call: DtCall, c: Column, n: number, where: Where): Column {
  const days = c.data.values as Int32Array;
  const valid = validityOf(c);
  if (call.fn !== 'truncate' && TIME_OF_DAY.includes(call.fn)) {
    throw new ExpressionError(where, `a date has no time of day (column "${c.name}"); cast it to timestamp first`);
  }
  if (call.fn === 'truncate') {
    const unit = call.unit;
    if (unit === 'day' || unit === 'hour' || unit === 'minute' || unit === 'second') return c;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) if (!isNullBit(valid, i)) out[i] = truncateDays(days[i]!, unit);
    return numberColumn(c.name, dtypeOfKind('date', false), out, valid);
  }
  const out = new Int32Array(n);
  const fn = call.fn;
  for (let i = 0; i < n; i++) out[i] = dayField(fn, days[i]!);
  return numberColumn(c.name, INT32, out, valid);
}

function zoneFor(d: AnyDType, where: Where): Zone | null {
  try {
    return zoneOf(d.timezone);
  } catch (e) {
    throw new ExpressionError(where, `time zone ${JSON.stringify(d.timezone)}: ${(e as Error).message}`);
  }
}

function onTimestamps(call: DtCall, c: Column, n: number, where: Where): Column {
  const { days, ms, sub } = epochParts(c);
  const valid = validityOf(c);
  const zone = zoneFor(c.dtype, where);
  // Offsets of the wall clock (kept for truncate, which goes back to UTC with them).
  const offsets = zone === null ? null : new Float64Array(n);
  if (zone !== null) {
    for (let i = 0; i < n; i++) {
      if (isNullBit(valid, i)) continue;
      const o = zone.offset(days[i]! * MS_PER_DAY + ms[i]!);
      offsets![i] = o;
      let m = ms[i]! + o;
      if (m < 0) {
        m += MS_PER_DAY;
        days[i]!--;
      } else if (m >= MS_PER_DAY) {
        m -= MS_PER_DAY;
        days[i]!++;
      }
      ms[i] = m;
    }
  }
  if (call.fn === 'truncate') return truncated(call.unit, c, days, ms, offsets, zone, valid, n, where);
  const fn = call.fn;
  const out = new Int32Array(n);
  if (TIME_OF_DAY.includes(fn)) for (let i = 0; i < n; i++) out[i] = timeField(fn, ms[i]!, sub === null ? 0 : sub[i]!);
  else {
    for (let i = 0; i < n; i++) {
      const f = dayField(fn, days[i]!);
      // Only a year of a second count past ±6.8e16 s leaves int32.
      if (f !== (f | 0) && !isNullBit(valid, i)) throw new ExpressionError(where, `row ${i} of column "${c.name}": the ${fn} ${f} does not fit int32`);
      out[i] = f;
    }
  }
  return numberColumn(c.name, INT32, out, valid);
}

/** Wall-clock parts rounded down to `unit`, back to UTC, in the column's unit. */
function truncated(unit: TruncateUnit, c: Column, days: Float64Array, ms: Int32Array, offsets: Float64Array | null, zone: Zone | null, valid: Uint8Array | null, n: number, where: Where): Column {
  const tu = unitOf(c.dtype);
  const out = new BigInt64Array(n);
  const w = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    if (isNullBit(valid, i)) continue;
    let d = days[i]!;
    let m = ms[i]!;
    if (unit === 'hour' || unit === 'minute' || unit === 'second') m = truncateMillis(m, unit);
    else {
      d = truncateDays(d, unit);
      m = 0;
    }
    if (zone !== null) {
      // Back to UTC on the wall clock's rules (a gap moves forward, a repeat keeps the offset).
      const utc = zone.toUtc(d * MS_PER_DAY + m, offsets![i]!);
      d = Math.floor(utc / MS_PER_DAY);
      m = utc - d * MS_PER_DAY;
    }
    if (!writeInstant(w, i, d, m, tu)) throw new ExpressionError(where, `row ${i} of column "${c.name}": the truncated instant is beyond what ${dtypeName(c.dtype)} holds`);
  }
  const nulls = nullsIn(valid, n);
  const dt = dtypeOfKind('timestamp', nulls > 0, { unit: tu, timezone: c.dtype.timezone ?? null });
  return new Column(c.name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: out, nullBitmap: nulls > 0 ? valid! : undefined } as never));
}
