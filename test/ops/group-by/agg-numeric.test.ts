import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileOfSorted, selectQuantiles } from '../../../src/ops/group-by/agg-numeric.js';

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0) },
);

describe('selectQuantiles', () => {
  it('property: gives the quantiles of the sorted values (NaN greatest), for any values and quantiles', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }), (xs, qs) => {
        const sortedQs = [...qs].sort((a, b) => a - b);
        const sorted = Float64Array.from(xs).sort();
        const want = sortedQs.map((q) => (xs.length === 0 ? NaN : quantileOfSorted(sorted, q)));
        const got = selectQuantiles(Float64Array.from(xs), sortedQs);
        // −0 and 0 are the same quantile.
        expect(got.map((x) => (x === 0 ? 0 : x))).toEqual(want.map((x) => (x === 0 ? 0 : x)));
      }),
      { numRuns: 500, seed: 4242 },
    );
  });

  it('handles many equal values, sorted and reversed input in linear time', () => {
    const n = 1_000_000;
    const cases = [new Float64Array(n).fill(7), Float64Array.from({ length: n }, (_, i) => i), Float64Array.from({ length: n }, (_, i) => n - i)];
    for (const xs of cases) {
      const want = [0.25, 0.5, 0.75].map((q) => quantileOfSorted(Float64Array.from(xs).sort(), q));
      expect(selectQuantiles(xs, [0.25, 0.5, 0.75])).toEqual(want);
    }
  });
});
