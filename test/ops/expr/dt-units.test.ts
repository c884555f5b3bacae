/**
 * dt fields, truncate and duration totals on timestamps of every unit, checked against a bigint
 * reference (exact floor division, then `Date` for the calendar and `Intl` for zones).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { col, duration, ExpressionError, Instant, lit, nullable, timestamp, type TimeUnit } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { rawBigInts } from '../../support/expr.js';
import { caught, valuesOf } from '../../support/frames.js';

const NS: Record<TimeUnit, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };
const UNITS: TimeUnit[] = ['s', 'ms', 'us', 'ns'];
const floorDiv = (a: bigint, b: bigint) => (a % b !== 0n && a < 0n ? a / b - 1n : a / b);
const floorMod = (a: bigint, b: bigint) => a - floorDiv(a, b) * b;

/** The reference fields of `v` units: UTC calendar from `Date`, or the wall clock in `tz` from `Intl`. */
function reference(v: bigint, unit: TimeUnit, tz: string | null): Record<string, number> {
  const ns = v * NS[unit];
  const ms = Number(floorDiv(ns, 1_000_000n));
  const nanos = Number(floorMod(ns, 1_000_000_000n));
  let y: number, mo: number, d: number, h: number, mi: number, s: number, wd: number;
  if (tz === null) {
    const t = new Date(ms);
    [y, mo, d, h, mi, s, wd] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCDay()];
  } else {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' }).formatToParts(ms);
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map((t) => Number(get(t))) as [number, number, number, number, number, number];
    wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  }
  return {
    year: y,
    month: mo,
    day: d,
    hour: h,
    minute: mi,
    second: s,
    weekday: wd === 0 ? 7 : wd,
    quarter: Math.floor((mo - 1) / 3) + 1,
    millisecond: Math.floor(nanos / 1e6),
    microsecond: Math.floor(nanos / 1e3),
    nanosecond: nanos,
  };
}

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'weekday', 'quarter', 'millisecond', 'microsecond', 'nanosecond'] as const;
/** Instants a `Date` (and Intl) can show: within ±8.64e15 ms, in each unit. */
const LIMIT_MS = 8_640_000_000_000_000n;
const valueArb = (unit: TimeUnit, limitMs = LIMIT_MS) => {
  // Nanoseconds: all of int64, or (for truncation) all but the last two years at either end.
  const max = unit === 'ns' ? 2n ** 63n - 1n - (limitMs === LIMIT_MS ? 0n : 2n ** 56n) : (limitMs * 1_000_000n) / NS[unit] - 1n;
  const min = unit === 'ns' ? -max - 1n : -max;
  return fc.oneof(fc.bigInt({ min, max }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.constantFrom(0n, -1n, 1n, min, max));
};

describe('dt fields on timestamps of every unit', () => {
  for (const unit of UNITS) {
    for (const tz of [null, 'America/New_York', 'Asia/Kathmandu']) {
      it(`match the reference for timestamp[${unit}${tz === null ? '' : `, ${tz}`}] (property)`, () => {
        fc.assert(
          fc.property(fc.array(fc.option(valueArb(unit), { nil: null, freq: 6 }), { minLength: 1, maxLength: 20 }), (vals) => {
            // Intl refuses years past ±275,760: zones are checked within 1900 … 2100.
            const vs = tz === null ? vals : vals.map((v) => (v === null ? null : floorMod(v, 6_000_000_000n * (1_000_000_000n / NS[unit])) - 2_208_988_800n * (1_000_000_000n / NS[unit])));
            const df = arrowFrame({ t: { dtype: nullable(timestamp(unit, { timezone: tz })), values: vs } });
            for (const f of FIELDS) {
              const got = valuesOf(col('t').dt[f](), df);
              const want = vs.map((v) => (v === null ? null : reference(v, unit, tz)[f]));
              expect(got, `${f} of ${vs.join(', ')}`).toEqual(want);
            }
          }),
          { numRuns: 40 },
        );
      });
    }
  }

  it('reads a nanosecond instant before 1970 on the right day and second', () => {
    const df = arrowFrame({ t: { dtype: timestamp('ns'), values: [-1n, -(10n ** 18n) - 1n] } });
    expect(valuesOf(col('t').dt.year(), df)).toEqual([1969, 1938]);
    expect(valuesOf(col('t').dt.second(), df)).toEqual([59, 19]);
    expect(valuesOf(col('t').dt.nanosecond(), df)).toEqual([999_999_999, 999_999_999]);
  });

  it('takes seconds far beyond a Date (year 10^9) exactly, and refuses a year beyond int32', () => {
    const df = arrowFrame({ t: { dtype: timestamp('s'), values: [31_556_952_000_000_000n, -(2n ** 62n)] } });
    expect(valuesOf(col('t').dt.year(), df.head(1))).toEqual([1_000_001_970]);
    expect(valuesOf(col('t').dt.month(), df)).toEqual([1, 7]);
    expect(caught(() => valuesOf(col('t').dt.year(), df)).message).toBe('col("t").dt.year(): row 1 of column "t": the year -146138510344 does not fit int32');
  });

  it('works on Instant literals', () => {
    const t = new Instant(1714557600123456789n, 'ns');
    const df = arrowFrame({ x: { dtype: timestamp('ms'), values: [0n] } });
    expect(valuesOf(lit(t).dt.nanosecond(), df)).toEqual([123456789]);
    expect(valuesOf(lit(t).dt.truncate('second'), df).map(String)).toEqual(['2024-05-01T10:00:00.000000000Z']);
  });
});

describe('dt.truncate on timestamps of every unit', () => {
  for (const unit of UNITS) {
    it(`keeps the unit and matches the reference in UTC for timestamp[${unit}] (property)`, () => {
      const per = NS[unit];
      const toUnit = (ms: number) => (BigInt(ms) * 1_000_000n) / per;
      fc.assert(
        fc.property(fc.array(valueArb(unit, 8_600_000_000_000_000n), { minLength: 1, maxLength: 10 }), fc.constantFrom('year' as const, 'quarter' as const, 'month' as const, 'week' as const, 'day' as const, 'hour' as const, 'minute' as const, 'second' as const), (vals, u) => {
          const df = arrowFrame({ t: { dtype: timestamp(unit), values: vals } });
          const out = df.select(col('t').dt.truncate(u));
          expect(String(out.schema.get('t'))).toBe(`timestamp[${unit}]`);
          const want = vals.map((v) => {
            const ms = Number(floorDiv(v * per, 1_000_000n));
            const d = new Date(ms);
            const y = d.getUTCFullYear();
            const m = d.getUTCMonth();
            const day = Math.floor(ms / 86_400_000);
            switch (u) {
              case 'year':
                return toUnit(new Date(0).setUTCFullYear(y, 0, 1));
              case 'quarter':
                return toUnit(new Date(0).setUTCFullYear(y, m - (m % 3), 1));
              case 'month':
                return toUnit(new Date(0).setUTCFullYear(y, m, 1));
              case 'week':
                return toUnit((day - ((((day + 3) % 7) + 7) % 7)) * 86_400_000);
              case 'day':
                return toUnit(day * 86_400_000);
              case 'hour':
                return toUnit(Math.floor(ms / 3_600_000) * 3_600_000);
              case 'minute':
                return toUnit(Math.floor(ms / 60_000) * 60_000);
              default:
                return toUnit(Math.floor(ms / 1000) * 1000);
            }
          });
          expect(rawBigInts(out.getColumn('t'))).toEqual(want);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('truncates on the wall clock of a time zone, in nanoseconds', () => {
    // 2024-11-03 01:30 EST (after New York's clocks went back) truncated to the hour: 01:00 EST.
    const t = 1730615400_000_000_000n;
    const df = arrowFrame({ t: { dtype: timestamp('ns', { timezone: 'America/New_York' }), values: [t + 123n] } });
    expect(rawBigInts(df.select(col('t').dt.truncate('hour')).getColumn('t'))).toEqual([1730613600_000_000_000n]);
    expect(rawBigInts(df.select(col('t').dt.truncate('day')).getColumn('t'))).toEqual([1730606400_000_000_000n]);
  });

  it('refuses a truncation that leaves the unit\'s range, naming the row', () => {
    const df = arrowFrame({ t: { dtype: timestamp('ns'), values: [0n, -(2n ** 63n)] } });
    const e = caught(() => df.select(col('t').dt.truncate('year')));
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toBe('col("t").dt.truncate("year"): row 1 of column "t": the truncated instant is beyond what timestamp[ns] holds');
  });
});

describe('duration totals', () => {
  it('give whole counts toward zero in every unit (property)', () => {
    const totals = ['totalDays', 'totalHours', 'totalMinutes', 'totalSeconds', 'totalMilliseconds', 'totalMicroseconds', 'totalNanoseconds'] as const;
    const nsIn = [86_400_000_000_000n, 3_600_000_000_000n, 60_000_000_000n, 1_000_000_000n, 1_000_000n, 1000n, 1n];
    for (const unit of UNITS) {
      fc.assert(
        fc.property(fc.array(fc.option(fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n })), { nil: null }), { maxLength: 10 }), (vals) => {
          const df = arrowFrame({ d: { dtype: nullable(duration(unit)), values: vals } });
          totals.forEach((t, k) => {
            const want = vals.map((v) => (v === null ? null : (v * NS[unit]) / nsIn[k]!));
            if (want.some((x) => x !== null && (x < -(2n ** 63n) || x >= 2n ** 63n))) {
              expect(() => df.select(col('d').dt[t]())).toThrow(ExpressionError);
              return;
            }
            const out = df.select(col('d').dt[t]()).getColumn('d');
            expect(String(out.dtype).replace('?', '')).toBe('int64');
            expect(rawBigInts(out).map((x, i) => (out.isNull(i) ? null : x))).toEqual(want);
          });
        }),
        { numRuns: 30 },
      );
    }
  });

  it('refuse a column that is not a duration', () => {
    const df = arrowFrame({ t: { dtype: timestamp('us'), values: [1n] } });
    expect(caught(() => df.select(col('t').dt.totalSeconds())).message).toBe('col("t").dt.totalSeconds(): expected a duration, got timestamp[us] column "t"');
  });
});
