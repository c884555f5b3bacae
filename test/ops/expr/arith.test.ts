import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, col, float64, int32, int64, lit, nullable, uint32 } from '../../../src/index.js';
import { roundDecimal } from '../../../src/ops/expr/arith.js';

const big = (xs: (bigint | null)[]) => DataFrame.fromColumns({ x: xs }, { schema: { x: nullable(int64('bigint')) } });
const out = (df: DataFrame, e: ReturnType<typeof col>) => df.select(e.alias('out')).getColumn('out');

describe('round', () => {
  it('rounds tiny and huge magnitudes instead of giving NaN', () => {
    const df = DataFrame.fromColumns({ x: [1e-7, -3e-9, 1e21, 1.5e300, 5e-324] });
    expect(out(df, col('x').round(0)).toArray()).toEqual([0, -0, 1e21, 1.5e300, 0]);
    expect(out(df, col('x').round(2)).toArray()).toEqual([0, -0, 1e21, 1.5e300, 0]);
    expect(out(df, col('x').round(8)).toArray()).toEqual([1e-7, -0, 1e21, 1.5e300, 0]);
  });

  it('keeps integral doubles up to 2^53 and beyond exactly', () => {
    const df = DataFrame.fromColumns({ x: [9007199254740991, 9007199254740992, 2 ** 60] }, { schema: { x: float64() } });
    expect(out(df, col('x').round(0)).toArray()).toEqual([9007199254740991, 9007199254740992, 2 ** 60]);
  });

  it('rounds half away from zero on the value as it prints', () => {
    expect([1.005, 2.675, -0.125, 0.5, -0.5, 2.5, 1.45].map((x) => roundDecimal(x, x === 1.45 ? 1 : x === 0.5 || x === -0.5 || x === 2.5 ? 0 : 2))).toEqual([1.01, 2.68, -0.13, 1, -1, 3, 1.5]);
    expect(roundDecimal(1234.5678, -2)).toBe(1200);
    expect(roundDecimal(1250, -2)).toBe(1300);
    expect(roundDecimal(NaN, 2)).toBeNaN();
    expect(roundDecimal(-Infinity, 2)).toBe(-Infinity);
  });

  it('rounds integers to tens, hundreds …, exactly, and leaves them alone otherwise', () => {
    const df = big([1234n, -1250n, 2n ** 60n + 49n, null]);
    expect(out(df, col('x').round(-2)).toArray()).toEqual([1200n, -1300n, 1152921504606847000n, null]);
    expect(out(df, col('x').round(2)).toArray()).toEqual([1234n, -1250n, 2n ** 60n + 49n, null]);
    // A rounded int32 may leave int32: the result is int64.
    const small = DataFrame.fromColumns({ x: [-2147483645, 2147483647] }, { schema: { x: int32() } });
    const r = out(small, col('x').round(-1));
    expect([String(r.dtype), ...r.toArray()]).toEqual(['int64', -2147483650, 2147483650]);
  });

  it('property: agrees with rounding the printed decimal digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 12 }), (x, d) => {
        // Reference: decimal arithmetic on the shortest digits, with bigints.
        const [m, e] = Math.abs(x).toExponential().split('e') as [string, string];
        const digits = m.replace('.', '');
        const keep = Number(e) + 1 + d;
        let ref: number;
        if (x === 0 || (d >= 0 && Number.isInteger(x))) ref = x;
        else if (keep < 0) ref = 0;
        else if (keep >= digits.length) ref = x;
        else {
          const kept = (keep === 0 ? 0n : BigInt(digits.slice(0, keep))) + (Number(digits[keep]) >= 5 ? 1n : 0n);
          ref = Number(`${kept}e${Number(e) + 1 - keep}`) * (x < 0 ? -1 : 1);
        }
        expect(roundDecimal(x, d) === ref || (roundDecimal(x, d) === 0 && ref === 0)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('integer arithmetic', () => {
  it('keeps int64 exact beyond 2^53 and wraps modulo 2^64', () => {
    const df = big([2n ** 62n, 9007199254740993n, -(2n ** 63n), null]);
    expect(out(df, col('x').add(col('x'))).toArray()).toEqual([-(2n ** 63n), 18014398509481986n, 0n, null]);
    expect(out(df, col('x').add(1)).toArray()).toEqual([2n ** 62n + 1n, 9007199254740994n, -(2n ** 63n) + 1n, null]);
    expect(out(df, col('x').mul(3)).toArray()).toEqual([-(2n ** 62n), 27021597764222979n, -(2n ** 63n), null]);
    expect(out(df, col('x').neg()).toArray()).toEqual([-(2n ** 62n), -9007199254740993n, -(2n ** 63n), null]);
    expect(out(df, col('x').abs()).toArray()).toEqual([2n ** 62n, 9007199254740993n, -(2n ** 63n), null]);
    expect(out(df, col('x').mod(10)).toArray()).toEqual([4n, 3n, -8n, null]);
    expect(out(df, col('x').mod(0)).toArray()).toEqual([null, null, null, null]);
    expect(String(out(df, col('x').add(1)).dtype)).toBe('int64<bigint>?');
  });

  it('gives int64 for integers beyond int32 (uint32, larger literals) and float64 with a float', () => {
    const df = DataFrame.fromColumns({ u: [4294967295, 1], i: [2147483647, -5] }, { schema: { u: uint32(), i: int32() } });
    expect(String(out(df, col('u').add(col('i'))).dtype)).toBe('int64');
    expect(out(df, col('u').add(col('i'))).toArray()).toEqual([6442450942, -4]);
    expect(out(df, col('i').add(2 ** 40)).toArray()).toEqual([1099511627776 + 2147483647, 1099511627776 - 5]);
    expect(String(out(df, col('i').add(lit(0.5))).dtype)).toBe('float64');
    expect(String(out(df, col('i').add(1)).dtype)).toBe('int32');
    expect(out(df, col('i').add(1)).toArray()).toEqual([-2147483648, -4]);
  });

  it('property: int64 add, sub, mul and mod equal bigint arithmetic wrapped to 64 bits', () => {
    const i64 = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }), fc.bigInt({ min: -1000n, max: 1000n }));
    fc.assert(
      fc.property(fc.array(fc.tuple(i64, i64), { minLength: 1, maxLength: 20 }), (pairs) => {
        const df = DataFrame.fromColumns({ a: pairs.map((p) => p[0]), b: pairs.map((p) => p[1]) }, { schema: { a: int64('bigint'), b: int64('bigint') } });
        const r = df.select(col('a').add(col('b')).alias('add'), col('a').sub(col('b')).alias('sub'), col('a').mul(col('b')).alias('mul'), col('a').mod(col('b')).alias('mod')).toRecords();
        pairs.forEach(([a, b], i) => {
          expect(r[i]).toEqual({ add: BigInt.asIntN(64, a + b), sub: BigInt.asIntN(64, a - b), mul: BigInt.asIntN(64, a * b), mod: b === 0n ? null : BigInt.asIntN(64, a % b) });
        });
      }),
      { numRuns: 300 },
    );
  });
});
