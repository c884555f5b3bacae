import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, decimal, nullable } from '../../src/index.js';
import { unscaledAt } from '../../src/column/builder-decimal.js';
import { appendError, build } from '../support/build.js';

/** The unscaled values a decimal column stores, read from its words independently of the readers. */
function storedWords(words: Uint32Array, stride: number): bigint[] {
  const out: bigint[] = [];
  for (let w = 0; w < words.length; w += stride) {
    let v = 0n;
    for (let k = 0; k < stride; k++) v |= BigInt(words[w + k]!) << BigInt(32 * k);
    out.push(BigInt.asIntN(stride * 32, v));
  }
  return out;
}

describe('decimal builders', () => {
  it('store two\'s complement little-endian words for 32, 64, 128 and 256 bits', () => {
    for (const bits of [32, 64, 128, 256] as const) {
      const c = build(decimal(9, 2, { bitWidth: bits }), ['-0.01', '1234567.89', 0, new Decimal(-5n, 0)]);
      expect(c.data.values).toBeInstanceOf(Uint32Array);
      expect(storedWords(c.data.values as Uint32Array, bits / 32)).toEqual([-1n, 123456789n, 0n, -500n]);
    }
    expect(new Uint32Array(build(decimal(9, 0, { bitWidth: 32 }), [-1n]).data.values.buffer)).toEqual(new Uint32Array([0xffffffff]));
  });

  it('take Decimals rescaled exactly, text, bigints as integers and numbers at their shortest text', () => {
    const c = build(decimal(10, 4), [new Decimal(123n, 1), '-1.5e-3', 7n, 0.1, -0]);
    expect(c.toArray().map(String)).toEqual(['12.3000', '-0.0015', '7.0000', '0.1000', '0.0000']);
    expect(unscaledAt(1e21, 0)).toBe(10n ** 21n);
    expect(unscaledAt(12300n, -2)).toBe(123n);
  });

  it('refuse lost fraction digits, too many digits and other values', () => {
    expect(appendError(decimal(10, 2), new Decimal(1234n, 3))).toBe('Column "c", row 0: Decimal(1.234) does not fit decimal(10, 2): has more than 2 fraction digits');
    expect(appendError(decimal(10, 2), 0.125)).toMatch(/has more than 2 fraction digits/);
    expect(appendError(decimal(5, 2), '1000')).toMatch(/has more than 5 digits \(the precision\)/);
    expect(appendError(decimal(38, 0), 10n ** 38n)).toMatch(/more than 38 digits/);
    expect(appendError(decimal(5, 0), 'abc')).toMatch(/is not a decimal number/);
    expect(appendError(decimal(5, 0), NaN)).toMatch(/is not a finite number/);
    expect(appendError(decimal(5, 0), true)).toMatch(/expected a Decimal, decimal text, a bigint or a number/);
    expect(appendError(decimal(5, -2), 150n)).toMatch(/has digits below 10\^2/);
  });

  it('property: any value of the precision round-trips at every width that holds it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 18 }), (u, s) => {
        for (const bits of [64, 128, 256] as const) {
          const values = [new Decimal(u, s), null];
          expect(build(nullable(decimal(18, s, { bitWidth: bits })), values).toArray()).toEqual(values);
        }
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 76n) + 1n, max: 10n ** 76n - 1n }), (u) => {
        expect(build(decimal(76, 10), [new Decimal(u, 10)]).get(0)).toEqual(new Decimal(u, 10));
      }),
    );
  });
});
