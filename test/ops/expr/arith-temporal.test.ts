/** Arithmetic on instants and durations of every unit, against a bigint reference. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { col, date, duration, ExpressionError, Instant, int32, int64, lit, nullable, timestamp, type TimeUnit } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { rawBigInts } from '../../support/expr.js';
import { caught } from '../../support/frames.js';

const NS: Record<TimeUnit, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };
const UNITS: TimeUnit[] = ['s', 'ms', 'us', 'ns'];
const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const finer = (a: TimeUnit, b: TimeUnit) => (NS[a] < NS[b] ? a : b);
const int64Arb = fc.oneof(fc.bigInt({ min: MIN, max: MAX }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: -1000n, max: 1000n }));

/** The values of column `x` of `out` as bigints (null for a null). */
function read(out: ReturnType<typeof arrowFrame>): (bigint | null)[] {
  const c = out.getColumn('x');
  return rawBigInts(c).map((v, i) => (c.isNull(i) ? null : v));
}

describe('timestamp and duration arithmetic', () => {
  for (const ua of UNITS) {
    for (const ub of UNITS) {
      it(`timestamp[${ua}] − timestamp[${ub}], ± duration[${ub}], duration ± duration, exact or an error (property)`, () => {
        const u = finer(ua, ub);
        fc.assert(
          fc.property(fc.array(fc.tuple(fc.option(int64Arb, { nil: null, freq: 8 }), int64Arb), { minLength: 1, maxLength: 8 }), (rows) => {
            const df = arrowFrame({
              a: { dtype: nullable(timestamp(ua)), values: rows.map((r) => r[0]) },
              b: { dtype: timestamp(ub), values: rows.map((r) => r[1]) },
              da: { dtype: nullable(duration(ua)), values: rows.map((r) => r[0]) },
              db: { dtype: duration(ub), values: rows.map((r) => r[1]) },
            });
            const cases: [string, ReturnType<typeof col>, string, (x: bigint, y: bigint) => bigint][] = [
              ['a − b', col('a').sub(col('b')), `duration[${u}]`, (x, y) => x - y],
              ['a + db', col('a').add(col('db')), `timestamp[${u}]`, (x, y) => x + y],
              ['a − db', col('a').sub(col('db')), `timestamp[${u}]`, (x, y) => x - y],
              ['db + a', col('db').add(col('a')), `timestamp[${u}]`, (x, y) => y + x],
              ['da + db', col('da').add(col('db')), `duration[${u}]`, (x, y) => x + y],
              ['da − db', col('da').sub(col('db')), `duration[${u}]`, (x, y) => x - y],
            ];
            for (const [label, e, dtype, f] of cases) {
              const want = rows.map(([x, y]) => (x === null ? null : f(x * (NS[ua] / NS[u]), y * (NS[ub] / NS[u]))));
              if (want.some((v) => v !== null && (v < MIN || v > MAX))) {
                const err = caught(() => df.select(e.alias('x')));
                expect(err, label).toBeInstanceOf(ExpressionError);
                expect(err.message, label).toMatch(/row \d+: .* does not fit /);
                continue;
              }
              const out = df.select(e.alias('x'));
              expect(String(out.schema.get('x')).replace('?', ''), label).toBe(dtype);
              expect(read(out), label).toEqual(want);
            }
          }),
          { numRuns: 25 },
        );
      });
    }
  }

  it('keeps the timestamp\'s time zone and gives durations between zones as instants', () => {
    const df = arrowFrame({
      a: { dtype: timestamp('ms', { timezone: 'Asia/Tokyo' }), values: [1000n] },
      b: { dtype: timestamp('us', { timezone: 'America/Lima' }), values: [1n] },
      d: { dtype: duration('s'), values: [2n] },
    });
    const out = df.select(col('a').add(col('d')).alias('x'), col('a').sub(col('b')).alias('y'));
    expect(String(out.schema)).toBe('Schema { x: timestamp[ms, Asia/Tokyo], y: duration[us] }');
    expect(out.row(0).x).toEqual(new Date(3000));
    expect(out.row(0).y).toBe(999_999);
  });

  it('subtracts dates (midnights) and Date or Instant literals', () => {
    const df = arrowFrame({
      d: { dtype: nullable(date()), values: [new Date('2024-03-01'), null, new Date('1969-12-31')] },
      t: { dtype: timestamp('us'), values: [1n, 2n, 3n] },
    });
    const out = df.select(col('d').sub(lit(new Date('2024-01-01'))).alias('x'));
    expect(String(out.schema.get('x'))).toBe('duration[ms]?');
    expect(read(out)).toEqual([60n * 86_400_000n, null, -19724n * 86_400_000n]);
    expect(read(df.select(col('t').sub(col('d')).alias('x')))).toEqual([-1709251199999999n, null, 86_400_000_003n]);
    expect(read(df.select(col('t').sub(new Instant(1n, 'ns')).alias('x')))).toEqual([999n, 1999n, 2999n]);
    expect(String(df.select(col('t').sub(new Instant(1n, 'ns')).alias('x')).schema.get('x'))).toBe('duration[ns]');
  });

  it('multiplies a duration by integers exactly, refusing a product beyond int64', () => {
    const df = arrowFrame({
      d: { dtype: duration('ns'), values: [3n, -(2n ** 40n), 2n ** 62n] },
      k: { dtype: nullable(int32()), values: [2, null, 1] },
      big: { dtype: int64(), values: [2n ** 22n, 1n, 2n] },
    });
    expect(read(df.select(col('d').mul(col('k')).alias('x')))).toEqual([6n, null, 2n ** 62n]);
    expect(read(df.head(2).select(col('big').mul(col('d')).alias('x')))).toEqual([3n * 2n ** 22n, -(2n ** 40n)]);
    expect(String(df.head(1).select(col('d').mul(2).alias('x')).schema.get('x'))).toBe('duration[ns]');
    const e = caught(() => df.select(col('d').mul(col('big')).alias('x')));
    expect(e.message).toBe('col("d").mul(col("big")).alias("x"): row 2: the result does not fit duration[ns] (64-bit counts of ns)'.replace('.alias("x")', ''));
  });

  it('refuses combinations without a meaning, naming both operands', () => {
    const df = arrowFrame({ t: { dtype: timestamp('ms'), values: [1n] }, d: { dtype: duration('ms'), values: [1n] } });
    expect(caught(() => df.select(col('t').add(col('t')))).message).toBe('col("t").add(col("t")): cannot add timestamp[ms] column "t" and timestamp[ms] column "t"');
    expect(caught(() => df.select(col('d').sub(col('t')))).message).toBe('col("d").sub(col("t")): cannot subtract duration[ms] column "d" and timestamp[ms] column "t"');
    expect(caught(() => df.select(col('d').mul(1.5))).message).toBe('col("d").mul(1.5): cannot multiply duration[ms] column "d" and a number');
    expect(caught(() => df.select(col('d').mul(col('d')))).message).toBe('col("d").mul(col("d")): cannot multiply duration[ms] column "d" and duration[ms] column "d"');
  });

  it('computes on literals alone', () => {
    const df = arrowFrame({ x: { dtype: int32(), values: [1] } });
    expect(df.select(lit(new Instant(5n, 'ns')).sub(lit(new Date(0))).alias('d')).toRecords()).toEqual([{ d: 5 }]);
    expect(df.select(lit(new Date(5)).sub(lit(new Date(2))).alias('d')).toRecords()).toEqual([{ d: 3 }]);
  });
});
