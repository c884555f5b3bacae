import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { float16, nullable } from '../../src/index.js';
import { numberToFloat16 } from '../../src/column/builder-numeric.js';
import { float16ToNumber } from '../../src/column/readers.js';
import { appendError, build } from '../support/build.js';

/** Every float16 value, in bit-pattern order of its positive half (0x0000 … 0x7c00). */
const halves = Array.from({ length: 0x7c01 }, (_, h) => float16ToNumber(h));

describe('float16 builder', () => {
  it('keeps every float16 value, infinities, NaN and signed zero exactly', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0) continue; // NaN payloads
      if (numberToFloat16(float16ToNumber(h)) !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
    expect(numberToFloat16(NaN)).toBe(0x7e00);
    expect(build(float16(), [Infinity, -Infinity, NaN, -0]).toArray()).toEqual([Infinity, -Infinity, NaN, -0]);
  });

  it('rounds to nearest, ties to even, overflowing past 65504 to Infinity', () => {
    expect(numberToFloat16(65504)).toBe(0x7bff);
    expect(numberToFloat16(65519.99)).toBe(0x7bff);
    expect(numberToFloat16(65520)).toBe(0x7c00);
    expect(numberToFloat16(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and the next: even is 1
    expect(numberToFloat16(1 + 3 * 2 ** -11)).toBe(0x3c02); // halfway, rounds up to the even mantissa
    expect(numberToFloat16(2 ** -25)).toBe(0); // half the smallest subnormal: ties to even zero
    expect(numberToFloat16(2 ** -25 + 2 ** -40)).toBe(1);
    expect(numberToFloat16(-(2 ** -24))).toBe(0x8001);
  });

  it('property: the result is the nearest float16 (an even one on a tie)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 65504, noNaN: true }), (x) => {
        const got = float16ToNumber(numberToFloat16(x));
        let lo = 0;
        let hi = halves.length - 1;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (halves[mid]! <= x) lo = mid;
          else hi = mid;
        }
        const a = halves[lo]!;
        const b = halves[hi]!;
        const best = x - a < b - x ? a : x - a > b - x ? b : (lo & 1) === 0 ? a : b;
        expect(got).toBe(x === b ? b : best);
      }),
    );
  });

  it('refuses what is not a number', () => {
    expect(appendError(nullable(float16()), '1')).toBe('Column "c", row 0: "1" (string) does not fit float16: expected a number');
  });
});
