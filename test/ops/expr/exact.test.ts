import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, float64, int64, nullable, uint64 } from '../../../src/index.js';
import { canonicalKey, compareExact, doublesOf, exactAt, fitsDoubles, orderWords } from '../../../src/ops/expr/exact.js';

const wordOrder = (w: { hi: Uint32Array; lo: Uint32Array }, a: number, b: number) =>
  w.hi[a] !== w.hi[b] ? Math.sign(w.hi[a]! - w.hi[b]!) : Math.sign(w.lo[a]! - w.lo[b]!);

describe('exact views of numeric columns', () => {
  it('knows when 64-bit integers fit doubles, ignoring null rows', () => {
    const col = (xs: (bigint | null)[]) => DataFrame.fromColumns({ x: xs }, { schema: { x: nullable(int64('bigint')) } }).getColumn('x');
    expect(fitsDoubles(col([1n, -(2n ** 53n), 2n ** 53n - 1n]))).toBe(true);
    expect(fitsDoubles(col([1n, 2n ** 53n]))).toBe(false);
    expect(fitsDoubles(col([-(2n ** 53n) - 1n]))).toBe(false);
    const withNull = DataFrame.fromColumns({ x: [1n, null] }, { schema: { x: nullable(int64('bigint')) } }).getColumn('x');
    expect(fitsDoubles(withNull)).toBe(true);
    expect(fitsDoubles(DataFrame.fromColumns({ x: [2n ** 64n - 1n] }, { schema: { x: uint64('bigint') } }).getColumn('x'))).toBe(false);
  });

  it('reads exact values: numbers where they are exact, bigints beyond 2^53', () => {
    const c = DataFrame.fromColumns({ x: [7n, -(2n ** 60n), 2n ** 63n - 1n] }, { schema: { x: int64('bigint') } }).getColumn('x');
    const read = exactAt(c);
    expect([read(0), read(1), read(2)]).toEqual([7, -(2n ** 60n), 2n ** 63n - 1n]);
    const u = DataFrame.fromColumns({ x: [2n ** 64n - 1n, 3n] }, { schema: { x: uint64('bigint') } }).getColumn('x');
    expect([exactAt(u)(0), exactAt(u)(1)]).toEqual([2n ** 64n - 1n, 3]);
    expect(Array.from(doublesOf(u))).toEqual([2 ** 64, 3]);
  });

  it('makes canonical keys: −0 is 0, integral doubles beyond 2^53 meet their bigints', () => {
    expect(Object.is(canonicalKey(-0), 0)).toBe(true);
    expect(canonicalKey(2 ** 60)).toBe(2n ** 60n);
    expect(canonicalKey(2n ** 60n)).toBe(2n ** 60n);
    expect(canonicalKey(5n)).toBe(5);
    expect(canonicalKey(NaN)).toBeNaN();
  });

  it('property: order words order doubles as the total order (NaN greatest, −0 = 0)', () => {
    const special = fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1.797e308, -5e-324, 5e-324);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), special), { minLength: 2, maxLength: 30 }), (xs) => {
        const c = DataFrame.fromColumns({ x: xs }, { schema: { x: float64() } }).getColumn('x');
        const w = orderWords(c);
        for (let a = 0; a < xs.length; a++) for (let b = 0; b < xs.length; b++) expect(wordOrder(w, a, b)).toBe(compareExact(xs[a]!, xs[b]!));
      }),
    );
  });

  it('property: order words order int64 and uint64 exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 2, maxLength: 30 }), (xs) => {
        const w = orderWords(DataFrame.fromColumns({ x: xs }, { schema: { x: int64('bigint') } }).getColumn('x'));
        for (let a = 0; a < xs.length; a++) for (let b = 0; b < xs.length; b++) expect(wordOrder(w, a, b)).toBe(xs[a]! < xs[b]! ? -1 : xs[a]! > xs[b]! ? 1 : 0);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { minLength: 2, maxLength: 30 }), (xs) => {
        const w = orderWords(DataFrame.fromColumns({ x: xs }, { schema: { x: uint64('bigint') } }).getColumn('x'));
        for (let a = 0; a < xs.length; a++) for (let b = 0; b < xs.length; b++) expect(wordOrder(w, a, b)).toBe(xs[a]! < xs[b]! ? -1 : xs[a]! > xs[b]! ? 1 : 0);
      }),
    );
  });

  it('property: compareExact orders a bigint against a double exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), fc.double({ noNaN: true, min: -(2 ** 65), max: 2 ** 65 }), (b, d) => {
        // Against floor(d): below it is below d; above it is at least floor(d) + 1 > d.
        const f = BigInt(Math.floor(d));
        const ref = b < f ? -1 : b > f ? 1 : d === Math.floor(d) ? 0 : -1;
        expect(compareExact(b, d)).toBe(ref);
        expect(compareExact(d, b)).toBe(ref === 0 ? 0 : -ref);
      }),
    );
  });
});
