import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, ExpressionError, InvalidValueError, bool, categorical, col, decimal, float16, float32, float64, int32, int64, int8, largeUtf8, nullable, uint8, utf8 } from '../../../src/index.js';
import { frameOfRows } from '../../support/arrow-data.js';
import { seedFor } from '../../support/knobs.js';

const d = (u: bigint, s: number) => new Decimal(u, s);
const texts = (xs: readonly unknown[]) => xs.map((x) => (x === null ? null : String(x)));

describe('cast to and from decimals', () => {
  const df = frameOfRows({
    dec: [nullable(decimal(10, 2)), [d(12345n, 2), d(-5n, 2), null, d(100n, 2)]],
    wide: [decimal(40, 5), [d(10n ** 39n, 5), d(-1n, 5), d(0n, 5), d(123n * 10n ** 5n, 5)]],
  });

  it('rescales to a finer scale exactly and to a coarser one only without lost digits', () => {
    expect(texts(df.cast({ dec: decimal(12, 4) }).getColumn('dec').toArray())).toEqual(['123.4500', '-0.0500', null, '1.0000']);
    expect(texts(df.cast({ dec: decimal(10, 0) }, { strict: false }).getColumn('dec').toArray())).toEqual([null, null, null, '1']);
    expect(() => df.cast({ dec: decimal(10, 1) })).toThrow('Column "dec", row 0: Decimal(123.45) does not fit decimal(10, 1): has more than 1 fraction digits');
  });

  it('refuses values beyond the target precision, across widths (256-bit to 32-bit)', () => {
    expect(texts(df.cast({ dec: decimal(4, 2) }, { strict: false }).getColumn('dec').toArray())).toEqual([null, '-0.05', null, '1.00']);
    expect(texts(df.cast({ wide: decimal(9, 2, { bitWidth: 32 }) }, { strict: false }).getColumn('wide').toArray())).toEqual([null, null, '0.00', '123.00']);
    expect(() => df.cast({ wide: decimal(38, 5) })).toThrow(InvalidValueError);
    expect(() => df.cast({ wide: decimal(38, 5) })).toThrow('more than 38 digits');
  });

  it('converts to floats (nearest), integers (whole values only, range checked) and text (exact)', () => {
    expect(df.cast({ dec: float64() }).getColumn('dec').toArray()).toEqual([123.45, -0.05, null, 1]);
    expect(df.cast({ dec: float32() }).getColumn('dec').toArray()).toEqual([Math.fround(123.45), Math.fround(-0.05), null, 1]);
    expect(df.cast({ dec: int32() }, { strict: false }).getColumn('dec').toArray()).toEqual([null, null, null, 1]);
    expect(df.cast({ wide: int64('bigint') }, { strict: false }).getColumn('wide').toArray()).toEqual([null, null, 0n, 123n]);
    expect(df.cast({ wide: int8() }, { strict: false }).getColumn('wide').toArray()).toEqual([null, null, 0, 123]);
    expect(df.cast({ wide: uint8() }, { strict: false }).getColumn('wide').toArray()).toEqual([null, null, 0, 123]);
    expect(() => df.cast({ dec: int32() })).toThrow('Column "dec", row 0: Decimal(123.45) does not fit int32: has a fraction');
    expect(df.cast({ dec: utf8() }).getColumn('dec').toArray()).toEqual(['123.45', '-0.05', null, '1.00']);
    expect(df.cast({ wide: largeUtf8() }).getColumn('wide').toArray()[0]).toBe(`1${'0'.repeat(34)}.00000`);
    expect(df.cast({ dec: categorical() }).getColumn('dec').toArray()).toEqual(['123.45', '-0.05', null, '1.00']);
  });

  it('converts integers exactly, floats through their shortest text, and text exactly', () => {
    const src = frameOfRows({
      i: [nullable(int64('bigint')), [2n ** 62n, -7n, null, 0n]],
      f: [float64(), [0.1, 2.5, NaN, 1 / 3]],
      s: [nullable(utf8()), [' 12.5 ', '-1e2', null, '0.125']],
      b: [bool(), [true, false, true, false]],
    });
    expect(texts(src.cast({ i: decimal(20, 1) }).getColumn('i').toArray())).toEqual(['4611686018427387904.0', '-7.0', null, '0.0']);
    expect(texts(src.cast({ i: decimal(5, 0) }, { strict: false }).getColumn('i').toArray())).toEqual([null, '-7', null, '0']);
    expect(texts(src.cast({ f: decimal(10, 2) }, { strict: false }).getColumn('f').toArray())).toEqual(['0.10', '2.50', null, null]);
    expect(texts(src.cast({ s: decimal(6, 2) }, { strict: false }).getColumn('s').toArray())).toEqual(['12.50', '-100.00', null, null]);
    expect(() => src.cast({ s: decimal(6, 2) })).toThrow('Column "s", row 3: "0.125" (string) does not fit decimal(6, 2): has more than 2 fraction digits');
    expect(() => src.cast({ b: decimal(6, 2) })).toThrow(ExpressionError);
  });

  it('works in expressions: col(x).cast(decimal) keeps the declared precision and scale', () => {
    const out = df.select(col('dec').cast(decimal(12, 3)).alias('x'));
    expect(String(out.schema.get('x'))).toBe('decimal(12, 3)?');
  });

  it('property: text → decimal → text is the identity on exact decimal text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n) + 1n, max: 10n ** 30n - 1n }), fc.integer({ min: 0, max: 10 }), (u, scale) => {
        const text = String(d(u, scale));
        const back = frameOfRows({ s: [utf8(), [text]] }).cast({ s: decimal(38, scale) }).cast({ s: utf8() });
        expect(back.getColumn('s').get(0)).toBe(text);
      }),
      { seed: seedFor('cast-decimal-text'), numRuns: 200 },
    );
  });
});

describe('cast to and from float16', () => {
  const df = frameOfRows({ h: [nullable(float16()), [1.5, -2, null, 65504]], x: [float64(), [0.1, 1e6, -0, NaN]] });

  it('widens float16 exactly and rounds to float16 to nearest, refusing finite values beyond its range', () => {
    expect(df.cast({ h: float32() }).getColumn('h').toArray()).toEqual([1.5, -2, null, 65504]);
    expect(df.cast({ h: float64() }).getColumn('h').toArray()).toEqual([1.5, -2, null, 65504]);
    expect(df.cast({ h: int32() }).getColumn('h').toArray()).toEqual([2, -2, null, 65504]);
    expect(df.cast({ h: utf8() }).getColumn('h').toArray()).toEqual(['1.5', '-2.0', null, '65504.0']);
    expect(df.cast({ x: float16() }, { strict: false }).getColumn('x').toArray()).toEqual([0.0999755859375, null, -0, NaN]);
    expect(() => df.cast({ x: float16() })).toThrow('Column "x", row 1: 1000000 (number) does not fit float16: out of float16 range');
  });
});
