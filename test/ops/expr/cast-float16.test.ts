import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, InvalidValueError, categorical, decimal, float16, float32, float64, int32, largeUtf8, nullable, utf8 } from '../../../src/index.js';
import { frameOfRows } from '../../support/arrow-data.js';
import { seedFor } from '../../support/knobs.js';

const d = (u: bigint, s: number) => new Decimal(u, s);
const texts = (xs: readonly unknown[]) => xs.map((x) => (x === null ? null : String(x)));

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

  it('to and from decimals through float64', () => {
    expect(texts(df.cast({ h: decimal(7, 1) }).getColumn('h').toArray())).toEqual(['1.5', '-2.0', null, '65504.0']);
    const dec = frameOfRows({ d: [decimal(10, 3), [d(1500n, 3), d(-125n, 3)]] });
    expect(dec.cast({ d: float16() }).getColumn('d').toArray()).toEqual([1.5, -0.125]);
  });
});

describe('cast decimals to and from largeUtf8 and categorical, at every width', () => {
  const df = frameOfRows({
    dec: [nullable(decimal(10, 2)), [d(12345n, 2), d(-5n, 2), null, d(100n, 2)]],
    wide: [decimal(40, 5), [d(10n ** 39n, 5), d(-1n, 5), d(0n, 5), d(123n * 10n ** 5n, 5)]],
  });

  it('gives exact text in every text kind', () => {
    expect(df.cast({ dec: largeUtf8() }).getColumn('dec').toArray()).toEqual(['123.45', '-0.05', null, '1.00']);
    expect(df.cast({ wide: largeUtf8() }).getColumn('wide').toArray()[0]).toBe(`1${'0'.repeat(34)}.00000`);
    expect(df.cast({ dec: categorical() }).getColumn('dec').toArray()).toEqual(['123.45', '-0.05', null, '1.00']);
    expect(texts(df.cast({ dec: largeUtf8() }).cast({ dec: decimal(10, 2) }).getColumn('dec').toArray())).toEqual(['123.45', '-0.05', null, '1.00']);
  });

  it('refuses values beyond the target precision, 256-bit to 32-bit included', () => {
    expect(texts(df.cast({ wide: decimal(9, 2, { bitWidth: 32 }) }, { strict: false }).getColumn('wide').toArray())).toEqual([null, '0.00', '0.00', '123.00']);
    expect(() => df.cast({ wide: decimal(38, 5) })).toThrow(InvalidValueError);
  });

  it('property: text → decimal → text is the identity on exact decimal text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n) + 1n, max: 10n ** 30n - 1n }), fc.integer({ min: 0, max: 7 }), (u, scale) => {
        const text = String(d(u, scale));
        const back = frameOfRows({ s: [largeUtf8(), [text]] }).cast({ s: decimal(38, scale) }).cast({ s: utf8() });
        expect(back.getColumn('s').get(0)).toBe(text);
      }),
      { seed: seedFor('cast-decimal-text'), numRuns: 200 },
    );
  });
});
