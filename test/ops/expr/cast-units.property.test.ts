/** Casts between timestamp units, dates, durations and integers, against a bigint reference. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidValueError, col, date, duration, int32, int64, nullable, timestamp, type TimeUnit } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { rawBigInts } from '../../support/expr.js';
import { caught, dtypeOf, valuesOf } from '../../support/frames.js';

const NS: Record<TimeUnit, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };
const UNITS: TimeUnit[] = ['s', 'ms', 'us', 'ns'];
const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const floorDiv = (a: bigint, b: bigint) => (a % b !== 0n && a < 0n ? a / b - 1n : a / b);
const values = fc.oneof(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.bigInt({ min: MIN, max: MAX }));

describe('casts between time units', () => {
  for (const from of UNITS) {
    for (const to of UNITS) {
      it(`timestamp[${from}] → timestamp[${to}] keeps the instant (rounded down) and duration[${from}] → duration[${to}] the span (toward zero) (property)`, () => {
        fc.assert(
          fc.property(fc.array(values, { minLength: 1, maxLength: 8 }), (vals) => {
            const df = arrowFrame({ t: { dtype: timestamp(from, { timezone: 'Asia/Tokyo' }), values: vals }, d: { dtype: duration(from), values: vals } });
            const t = vals.map((v) => floorDiv(v * NS[from], NS[to]));
            const d = vals.map((v) => (v * NS[from]) / NS[to]);
            if (t.some((v) => v < MIN || v > MAX)) expect(caught(() => df.select(col('t').cast(timestamp(to)))).constructor).toBe(InvalidValueError);
            else {
              const out = df.select(col('t').cast(timestamp(to, { timezone: 'UTC' })));
              expect(String(out.schema.get('t'))).toBe(`timestamp[${to}, UTC]`);
              expect(rawBigInts(out.getColumn('t'))).toEqual(t);
            }
            const ok = d.every((v) => v >= MIN && v <= MAX);
            const out = df.select(col('d').cast(duration(to), { strict: false })).getColumn('d');
            expect(rawBigInts(out).map((v, i) => (out.isNull(i) ? null : v))).toEqual(d.map((v) => (v >= MIN && v <= MAX ? v : null)));
            if (!ok) expect(() => df.select(col('d').cast(duration(to)))).toThrow(InvalidValueError);
          }),
          { numRuns: 30 },
        );
      });
    }
  }

  it('casts dates to timestamps of every unit at (local) midnight, and back to the day holding the instant', () => {
    const df = arrowFrame({ d: { dtype: nullable(date()), values: [new Date('2024-03-10'), null, new Date('1969-12-31')] } });
    expect(rawBigInts(df.select(col('d').cast(timestamp('ns'))).getColumn('d'))).toEqual([1710028800_000_000_000n, 0n, -86_400_000_000_000n]);
    expect(rawBigInts(df.select(col('d').cast(timestamp('s', { timezone: 'America/New_York' }))).getColumn('d')).filter((_, i) => i !== 1)).toEqual([1710046800n, -68400n]);
    const t = arrowFrame({ t: { dtype: timestamp('ns', { timezone: 'Asia/Tokyo' }), values: [-1n, 1710028800_000_000_000n - 1n] } });
    expect(valuesOf(col('t').cast(date()), t)).toEqual([new Date('1970-01-01'), new Date('2024-03-10')]);
  });

  it('casts integers to durations and durations to integers, range checked', () => {
    const df = arrowFrame({ n: { dtype: int32(), values: [1500, -7] }, d: { dtype: duration('us'), values: [3_000_000_000n, -1n] } });
    expect(dtypeOf(col('n').cast(duration('ms')), df)).toBe('duration[ms]');
    expect(valuesOf(col('n').cast(duration('ms')), df)).toEqual([1500, -7]);
    expect(valuesOf(col('d').cast(int64()), df)).toEqual([3_000_000_000, -1]);
    expect(valuesOf(col('d').cast(int32(), { strict: false }), df)).toEqual([null, -1]);
    expect(caught(() => valuesOf(col('d').cast(int32()), df)).message).toBe('Column "d", row 0: 3000000000n (bigint) does not fit int32: out of range -2147483648 … 2147483647');
  });
});
