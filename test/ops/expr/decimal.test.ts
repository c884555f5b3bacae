/** Decimal arithmetic, comparisons, rounding and casts, against a bigint reference. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, Decimal, ExpressionError, InvalidValueError, col, decimal, float32, float64, int32, int64, int8, lit, nullable, uint64, utf8 } from '../../../src/index.js';
import { caught, dtypeOf, valuesOf } from '../../support/frames.js';

const pow10 = (k: number) => 10n ** BigInt(k);
const text = (vs: unknown[]) => vs.map((v) => (v === null ? null : String(v)));

/** A decimal(p, s) column of unscaled values. */
function decimals(p: number, s: number, values: (bigint | null)[], name = 'a'): DataFrame {
  return DataFrame.fromColumns({ [name]: values.map((v) => (v === null ? null : new Decimal(v, s))) }, { schema: { [name]: nullable(decimal(p, s)) } });
}

const decimalArb = (p: number) => fc.option(fc.bigInt({ min: -(pow10(p) - 1n), max: pow10(p) - 1n }), { nil: null, freq: 6 });

describe('decimal arithmetic', () => {
  it('follows DuckDB\'s result types', () => {
    const df = DataFrame.fromColumns(
      { a: [new Decimal(125n, 2)], b: [new Decimal(35n, 1)], i: [3], l: [3n], t: [1], u: [1n] },
      { schema: { a: decimal(10, 2), b: decimal(5, 1), i: int32(), l: int64('bigint'), t: int8(), u: uint64('bigint') } },
    );
    expect(dtypeOf(col('a').add(col('b')), df)).toBe('decimal(11, 2)');
    expect(dtypeOf(col('a').sub(col('b')), df)).toBe('decimal(11, 2)');
    expect(dtypeOf(col('a').mul(col('b')), df)).toBe('decimal(15, 3)');
    expect(dtypeOf(col('a').mod(col('b')), df)).toBe('decimal(10, 2)');
    expect(dtypeOf(col('a').div(col('b')), df)).toBe('float64');
    expect(dtypeOf(col('a').add(col('i')), df)).toBe('decimal(13, 2)');
    expect(dtypeOf(col('a').add(col('l')), df)).toBe('decimal(22, 2)');
    expect(dtypeOf(col('a').add(col('t')), df)).toBe('decimal(11, 2)');
    expect(dtypeOf(col('a').sub(col('u')), df)).toBe('decimal(23, 2)');
    expect(dtypeOf(col('a').mul(col('l')), df)).toBe('decimal(29, 2)');
    expect(dtypeOf(col('a').add(1.5), df)).toBe('float64');
    expect(dtypeOf(col('a').neg(), df)).toBe('decimal(10, 2)');
    expect(dtypeOf(col('a').floor(), df)).toBe('decimal(10, 0)');
    expect(dtypeOf(col('a').round(1), df)).toBe('decimal(10, 1)');
  });

  for (const [p1, s1, p2, s2] of [
    [5, 2, 4, 1],
    [18, 4, 18, 9],
    [38, 10, 30, 3],
    [12, 0, 20, 12],
  ] as const) {
    it(`adds, subtracts, multiplies and takes the remainder of decimal(${p1}, ${s1}) and decimal(${p2}, ${s2}) exactly (property)`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(decimalArb(p1), decimalArb(p2)), { minLength: 1, maxLength: 10 }), (rows) => {
          const df = DataFrame.fromColumns(
            { a: rows.map(([x]) => (x === null ? null : new Decimal(x, s1))), b: rows.map(([, y]) => (y === null ? null : new Decimal(y, s2))) },
            { schema: { a: nullable(decimal(p1, s1)), b: nullable(decimal(p2, s2)) } },
          );
          const s = Math.max(s1, s2);
          const al = (x: bigint, from: number) => x * pow10(s - from);
          const cases: [string, ReturnType<typeof col>, (x: bigint, y: bigint) => bigint | null, number, number][] = [
            ['add', col('a').add(col('b')), (x, y) => al(x, s1) + al(y, s2), Math.max(p1 - s1, p2 - s2) + s + 1, s],
            ['sub', col('a').sub(col('b')), (x, y) => al(x, s1) - al(y, s2), Math.max(p1 - s1, p2 - s2) + s + 1, s],
            ['mul', col('a').mul(col('b')), (x, y) => x * y, p1 + p2, s1 + s2],
            ['mod', col('a').mod(col('b')), (x, y) => (y === 0n ? null : al(x, s1) % al(y, s2)), Math.max(p1 - s1, p2 - s2) + s, s],
          ];
          for (const [label, e, f, prec, scale] of cases) {
            const p = Math.min(prec, 38);
            const want = rows.map(([x, y]) => (x === null || y === null ? null : f(x, y)));
            if (want.some((v) => v !== null && (v >= pow10(p) || v <= -pow10(p)))) {
              expect(() => df.select(e.alias('x')), label).toThrow(ExpressionError);
              continue;
            }
            const out = df.select(e.alias('x'));
            expect(String(out.schema.get('x')).replace('?', ''), label).toBe(`decimal(${p}, ${scale})`);
            expect(text(out.getColumn('x').toArray()), label).toEqual(want.map((v) => (v === null ? null : new Decimal(v, scale).toString())));
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('caps the precision at 38 and raises for a value beyond it, or a scale beyond it', () => {
    const df = decimals(38, 0, [pow10(37), 1n]);
    expect(dtypeOf(col('a').add(col('a')), df)).toBe('decimal(38, 0)');
    expect(text(valuesOf(col('a').add(col('a')), df))).toEqual(['20000000000000000000000000000000000000', '2']);
    const e = caught(() => valuesOf(col('a').mul(col('a')), df));
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toBe('col("a").mul(col("a")): row 0: 100000000000000000000000000000000000000000000000000000000000000000000000000 does not fit decimal(38, 0); cast an operand to float64 for an approximate result');
    const fine = decimals(30, 20, [1n]);
    expect(caught(() => valuesOf(col('a').mul(col('a')), fine)).message).toBe('col("a").mul(col("a")): the product needs scale 40, beyond the 38 digits a decimal holds; cast an operand to a smaller scale or to float64 first');
  });

  it('gives null for a remainder by zero, and float64 for division and float operands (±inf by zero)', () => {
    const df = DataFrame.fromColumns({ a: [new Decimal(725n, 2), new Decimal(-725n, 2)], b: [new Decimal(0n, 1), new Decimal(3n, 1)], f: [0.5, 2] }, { schema: { a: decimal(10, 2), b: decimal(3, 1), f: float64() } });
    expect(text(valuesOf(col('a').mod(col('b')), df))).toEqual([null, '-0.05']);
    expect(valuesOf(col('a').div(col('b')), df)).toEqual([Infinity, -7.25 / 0.3]);
    expect(valuesOf(col('a').mul(col('f')), df)).toEqual([3.625, -14.5]);
  });

  it('takes Decimal and integer literals on either side', () => {
    const df = decimals(10, 2, [125n, null]);
    expect(text(valuesOf(lit(Decimal.parse('0.005', 3)).add(col('a')), df))).toEqual(['1.255', null]);
    expect(text(valuesOf(col('a').mul(3), df))).toEqual(['3.75', null]);
    expect(text(valuesOf(lit(10n).sub(col('a')), df))).toEqual(['8.75', null]);
    expect(valuesOf(col('a').add(lit(null)), df)).toEqual([null, null]);
    expect(String(df.select(lit(new Decimal(1n, 1)).add(lit(new Decimal(2n, 2))).alias('x')).row(0).x)).toBe('0.12');
  });

  it('negates, takes magnitudes, floors, ceils and rounds half away from zero', () => {
    const df = decimals(6, 2, [125n, -125n, -150n, 5n, null]);
    expect(text(valuesOf(col('a').neg(), df))).toEqual(['-1.25', '1.25', '1.50', '-0.05', null]);
    expect(text(valuesOf(col('a').abs(), df))).toEqual(['1.25', '1.25', '1.50', '0.05', null]);
    expect(text(valuesOf(col('a').floor(), df))).toEqual(['1', '-2', '-2', '0', null]);
    expect(text(valuesOf(col('a').ceil(), df))).toEqual(['2', '-1', '-1', '1', null]);
    expect(text(valuesOf(col('a').round(1), df))).toEqual(['1.3', '-1.3', '-1.5', '0.1', null]);
    expect(text(valuesOf(col('a').round(0), df))).toEqual(['1', '-1', '-2', '0', null]);
    expect(text(valuesOf(col('a').round(5), df))).toEqual(['1.25', '-1.25', '-1.50', '0.05', null]);
  });

  it('refuses an operand that is not a number', () => {
    const df = DataFrame.fromColumns({ a: [new Decimal(1n, 0)], s: ['x'] }, { schema: { a: decimal(3, 0), s: utf8() } });
    expect(caught(() => valuesOf(col('a').add(col('s')), df)).message).toBe('col("a").add(col("s")): expected numbers, got utf8 column "s"');
  });
});

describe('decimal comparisons', () => {
  it('compare decimals of different scales and integers exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(decimalArb(20), decimalArb(6), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })), { minLength: 1, maxLength: 10 }), (rows) => {
        const df = DataFrame.fromColumns(
          { a: rows.map(([x]) => (x === null ? null : new Decimal(x, 7))), b: rows.map(([, y]) => (y === null ? null : new Decimal(y, 2))), i: rows.map(([, , z]) => z) },
          { schema: { a: nullable(decimal(20, 7)), b: nullable(decimal(6, 2)), i: int64('bigint') } },
        );
        for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const) {
          const t = (x: bigint, y: bigint) => ({ eq: x === y, neq: x !== y, gt: x > y, gte: x >= y, lt: x < y, lte: x <= y })[op];
          expect(valuesOf(col('a')[op](col('b')), df)).toEqual(rows.map(([x, y]) => (x === null || y === null ? null : t(x, y * 100000n))));
          expect(valuesOf(col('b')[op](col('i')), df)).toEqual(rows.map(([, y, z]) => (y === null ? null : t(y, z * 100n))));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('read a number literal as its shortest decimal text, and compare with float columns as doubles', () => {
    const df = DataFrame.fromColumns({ a: [new Decimal(10n, 2), new Decimal(30n, 2), new Decimal(-1n, 2)], f: [0.1, 0.3, NaN] }, { schema: { a: decimal(5, 2), f: float64() } });
    expect(valuesOf(col('a').eq(0.1), df)).toEqual([true, false, false]);
    expect(valuesOf(col('a').gt(0.2999), df)).toEqual([false, true, false]);
    expect(valuesOf(lit(0.3).lte(col('a')), df)).toEqual([false, true, false]);
    expect(valuesOf(col('a').lt(Infinity), df)).toEqual([true, true, true]);
    expect(valuesOf(col('a').eq(col('f')), df)).toEqual([true, true, false]);
    expect(valuesOf(col('a').lt(col('f')), df)).toEqual([false, false, true]);
    expect(valuesOf(col('a').isIn([0.3, new Decimal(-1n, 2), 'x' as never]), df)).toEqual([false, true, true]);
  });

  it('refuse text', () => {
    const df = decimals(5, 2, [1n]);
    expect(caught(() => valuesOf(col('a').eq('1'), df)).message).toBe('col("a").eq("1"): cannot compare a decimal with a string');
  });
});

describe('decimal casts', () => {
  it('to floats (nearest), integers (half away from zero) and decimals (rescaled, rounded)', () => {
    const df = decimals(20, 3, [1500n, -2500n, 1234567n, null]);
    expect(valuesOf(col('a').cast(float64()), df)).toEqual([1.5, -2.5, 1234.567, null]);
    expect(valuesOf(col('a').cast(float32()), df)).toEqual([1.5, -2.5, Math.fround(1234.567), null]);
    expect(valuesOf(col('a').cast(int32()), df)).toEqual([2, -3, 1235, null]);
    expect(text(valuesOf(col('a').cast(decimal(10, 1)), df))).toEqual(['1.5', '-2.5', '1234.6', null]);
    expect(text(valuesOf(col('a').cast(decimal(30, 5)), df))).toEqual(['1.50000', '-2.50000', '1234.56700', null]);
    expect(valuesOf(col('a').cast(utf8()), df)).toEqual(['1.500', '-2.500', '1234.567', null]);
  });

  it('from integers, floats (their exact value) and text, raising or giving null when a value does not fit', () => {
    const df = DataFrame.fromColumns({ i: [123456, -5], f: [1.005, NaN], s: ['12.345', 'x'] }, { schema: { i: int32(), f: float64(), s: utf8() } });
    expect(text(valuesOf(col('i').cast(decimal(8, 2)), df))).toEqual(['123456.00', '-5.00']);
    const e = caught(() => valuesOf(col('i').cast(decimal(4, 1)), df));
    expect(e).toBeInstanceOf(InvalidValueError);
    expect(e.message).toBe('Column "i", row 0: 123456 (number) does not fit decimal(4, 1): needs more than 4 digits');
    expect(text(valuesOf(col('i').cast(decimal(4, 1), { strict: false }), df))).toEqual([null, '-5.0']);
    expect(text(valuesOf(col('f').cast(decimal(5, 2), { strict: false }), df))).toEqual(['1.00', null]);
    expect(text(valuesOf(col('s').cast(decimal(5, 2), { strict: false }), df))).toEqual(['12.35', null]);
    expect(dtypeOf(col('s').cast(decimal(5, 2), { strict: false }), df)).toBe('decimal(5, 2)?');
  });
});
