import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, col, date, float64, int64, lit, nullable, timestamp, uint64 } from '../../../src/index.js';

const ops = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
type Op = (typeof ops)[number];
const ref = (op: Op, c: number) => ({ eq: c === 0, neq: c !== 0, gt: c > 0, gte: c >= 0, lt: c < 0, lte: c <= 0 })[op];
/** The total order: NaN equal to itself and greatest, −0 = 0. */
const total = (a: number, b: number) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0);
const apply = (e: ReturnType<typeof col>, op: Op, other: unknown) => (e as unknown as Record<Op, (x: unknown) => ReturnType<typeof col>>)[op](other);

describe('comparisons: NaN and −0', () => {
  it('NaN equals NaN and is greater than every number, also +Infinity', () => {
    const df = DataFrame.fromColumns({ x: [NaN, NaN, 1, Infinity], y: [NaN, 1, NaN, NaN] });
    const r = (op: Op) => df.select(apply(col('x'), op, col('y')).alias('o')).getColumn('o').toArray();
    expect(r('eq')).toEqual([true, false, false, false]);
    expect(r('gt')).toEqual([false, true, false, false]);
    expect(r('lt')).toEqual([false, false, true, true]);
    expect(df.filter(col('x').gt(1e308)).height).toBe(3);
    expect(df.filter(col('x').eq(NaN)).height).toBe(2);
    expect(df.filter(lit(NaN).gt(col('x'))).height).toBe(2);
  });

  it('−0 equals 0', () => {
    const df = DataFrame.fromColumns({ x: [-0, 0], y: [0, -0] });
    expect(df.filter(col('x').eq(col('y'))).height).toBe(2);
    expect(df.filter(col('x').eq(0)).height).toBe(2);
    expect(df.filter(col('x').lt(0)).height).toBe(0);
  });

  it('property: every operator follows the total order, column against column and against a literal', () => {
    const num = fc.oneof(fc.double(), fc.constantFrom(NaN, 0, -0, Infinity, -Infinity, 1));
    fc.assert(
      fc.property(fc.array(fc.tuple(num, num), { minLength: 1, maxLength: 40 }), num, (pairs, s) => {
        const df = DataFrame.fromColumns({ a: pairs.map((p) => p[0]), b: pairs.map((p) => p[1]) }, { schema: { a: float64(), b: float64() } });
        for (const op of ops) {
          const cc = df.select(apply(col('a'), op, col('b')).alias('o')).getColumn('o').toArray();
          const cs = df.select(apply(col('a'), op, s).alias('o')).getColumn('o').toArray();
          pairs.forEach(([a, b], i) => {
            expect(cc[i]).toBe(ref(op, total(a, b)));
            expect(cs[i]).toBe(ref(op, total(a, s)));
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('comparisons: 64-bit integers', () => {
  const ids = [2n ** 60n + 1n, 2n ** 60n, -(2n ** 63n), 2n ** 63n - 1n, 5n, null];
  const df = DataFrame.fromColumns({ id: ids }, { schema: { id: nullable(int64('bigint')) } });

  it('compare exactly beyond 2^53 against bigints, integral and fractional numbers', () => {
    expect(df.filter(col('id').eq(2n ** 60n + 1n)).getColumn('id').toArray()).toEqual([2n ** 60n + 1n]);
    expect(df.filter(col('id').gt(2 ** 60)).getColumn('id').toArray()).toEqual([2n ** 60n + 1n, 2n ** 63n - 1n]);
    expect(df.filter(col('id').gte(4.5)).height).toBe(4);
    expect(df.filter(col('id').lte(5.5)).getColumn('id').toArray()).toEqual([-(2n ** 63n), 5n]);
    expect(df.filter(col('id').eq(5.5)).height).toBe(0);
    expect(df.filter(col('id').lt(Infinity)).height).toBe(5);
    expect(df.filter(col('id').lt(NaN)).height).toBe(5);
    expect(df.filter(col('id').gt(2n ** 70n)).height).toBe(0);
  });

  it('compare an int64 with a float64 by exact value (2^53 + 1 is above 2^53)', () => {
    const m = DataFrame.fromColumns({ i: [2n ** 53n + 1n, 2n ** 53n], f: [2 ** 53, 2 ** 53] }, { schema: { i: int64('bigint'), f: float64() } });
    expect(m.select(col('i').eq(col('f')).alias('eq'), col('i').gt(col('f')).alias('gt')).toRecords()).toEqual([
      { eq: false, gt: true },
      { eq: true, gt: false },
    ]);
  });

  it('property: int64 and uint64 against a literal equal bigint comparison', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 30 }), fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), (xs, s) => {
        const t = DataFrame.fromColumns({ x: xs }, { schema: { x: int64('bigint') } });
        for (const op of ops) {
          const got = t.select(apply(col('x'), op, s).alias('o')).getColumn('o').toArray();
          xs.forEach((x, i) => expect(got[i]).toBe(ref(op, x < s ? -1 : x > s ? 1 : 0)));
        }
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { minLength: 1, maxLength: 30 }), fc.bigInt({ min: -1n, max: 2n ** 64n }), (xs, s) => {
        const t = DataFrame.fromColumns({ x: xs }, { schema: { x: uint64('bigint') } });
        for (const op of ops) {
          const got = t.select(apply(col('x'), op, s).alias('o')).getColumn('o').toArray();
          xs.forEach((x, i) => expect(got[i]).toBe(ref(op, x < s ? -1 : x > s ? 1 : 0)));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('comparisons: text against dates and timestamps', () => {
  const df = DataFrame.fromColumns(
    { d: [new Date('2015-12-29'), new Date('2015-12-30'), new Date('2015-12-31')], t: [new Date('2015-12-30T09:00:00Z'), new Date('2015-12-30T10:00:00Z'), new Date('2015-12-30T11:00:00Z')] },
    { schema: { d: date(), t: timestamp({ timezone: 'Europe/Oslo' }) } },
  );

  it('reads an ISO 8601 literal as the day or instant it names', () => {
    expect(df.filter(col('d').gte('2015-12-30')).height).toBe(2);
    expect(df.filter(lit('2015-12-30').lte(col('d'))).height).toBe(2);
    expect(df.filter(col('d').lt('2015-12-30T12:00:00')).height).toBe(2);
    expect(df.filter(col('t').gt('2015-12-30T10:30:00Z')).height).toBe(1);
  });

  it('reads a time without an offset as wall time in the column\'s zone', () => {
    // 10:30 in Oslo is 09:30 UTC.
    expect(df.filter(col('t').gt('2015-12-30T10:30:00')).height).toBe(2);
  });

  it('refuses text that is not a date, naming it', () => {
    expect(() => df.filter(col('d').eq('yesterday'))).toThrow('col("d").eq("yesterday"): "yesterday" is not a date or timestamp');
  });
});
