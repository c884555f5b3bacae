import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { float32, float64, int32, int64, nullable, uint8, utf8 } from '../../src/dtype/dtype.js';
import { InvalidArgumentError, SchemaError } from '../../src/errors.js';
import { axisNumber, binLabel, checkBins, edgeDecimals, histogramOf, leftOutNote, niceTicks } from '../../src/display/plot-data.js';
import { col } from '../support/columns.js';

describe('histogramOf', () => {
  it('puts values in equal-width bins from min to max, the last bin closed', () => {
    const h = histogramOf(col('x', float64(), [0, 1, 2, 3, 4, 10]), 5);
    expect([...h.edges]).toEqual([0, 2, 4, 6, 8, 10]);
    expect([...h.counts]).toEqual([2, 2, 1, 0, 1]);
    expect(h.binned).toBe(6);
    expect(h.integer).toBe(false);
  });

  it('counts nulls, NaN and both infinities apart instead of binning or dropping them', () => {
    const h = histogramOf(col('x', nullable(float64()), [1, null, NaN, Infinity, -Infinity, Infinity, 3, null]), 2);
    expect([...h.counts]).toEqual([1, 1]);
    expect({ binned: h.binned, nulls: h.nulls, nan: h.nan, posInf: h.posInf, negInf: h.negInf }).toEqual({ binned: 2, nulls: 2, nan: 1, posInf: 2, negInf: 1 });
  });

  it('gives integer columns bins a whole number of values wide', () => {
    const h = histogramOf(col('qty', int32(), Array.from({ length: 20 }, (_, i) => i + 1)), 10);
    expect([...h.edges]).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect([...h.counts]).toEqual(new Array(10).fill(2));
    expect(h.integer).toBe(true);
    // 1 … 20 in 8 bins: width 3, so 7 bins.
    expect(histogramOf(col('qty', int32(), [1, 20]), 8).counts).toHaveLength(7);
    // Fewer distinct values than bins: one bin per value.
    expect([...histogramOf(col('b', uint8(), [5, 6, 6, 7]), 10).counts]).toEqual([1, 2, 1]);
  });

  it('centres one bin of width 1 on a float column whose values are all equal', () => {
    const h = histogramOf(col('x', float64(), [2.5, 2.5, 2.5]), 10);
    expect([...h.edges]).toEqual([2, 3]);
    expect([...h.counts]).toEqual([3]);
  });

  it('has no bins when nothing is finite, counting what there was', () => {
    const empty = histogramOf(col('x', float64(), []));
    expect(empty.counts).toHaveLength(0);
    expect(empty.edges).toHaveLength(0);
    const nulls = histogramOf(col('x', nullable(float64()), [null, null, NaN]));
    expect(nulls.counts).toHaveLength(0);
    expect([nulls.nulls, nulls.nan]).toEqual([2, 1]);
  });

  it('reads 64-bit integers and float32 values', () => {
    expect([...histogramOf(col('x', int64(), [1n, 2n, 3n, 4n]), 2).counts]).toEqual([2, 2]);
    expect([...histogramOf(col('x', float32(), [0.5, 1.5]), 2).counts]).toEqual([1, 1]);
  });

  it('reads only the rows of a sliced column, with its nulls', () => {
    const c = col('x', nullable(float64()), [100, 1, null, 2, 3, -100]).sliceUnchecked(1, 4);
    const h = histogramOf(c, 2);
    expect([h.edges[0], h.edges[2]]).toEqual([1, 3]);
    expect([...h.counts]).toEqual([1, 2]);
    expect(h.nulls).toBe(1);
  });

  it('rejects a non-numeric column with a SchemaError naming it and pointing to plot.bar', () => {
    const err = (() => {
      try {
        histogramOf(col('city', utf8(), ['Oslo']));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SchemaError);
    expect((err as SchemaError).column).toBe('city');
    expect((err as Error).message).toMatch(/Column "city" is utf8; a histogram needs a numeric column.*plot\.bar/);
  });

  it('rejects bins that are not positive integers', () => {
    for (const bins of [0, -3, 1.5, NaN, Infinity]) {
      expect(() => histogramOf(col('x', float64(), [1]), bins)).toThrow(InvalidArgumentError);
    }
    expect(() => checkBins('4' as unknown as number)).toThrow(/bins must be a positive integer, got 4/);
  });

  it('bins every finite value exactly once, into the bin whose edges hold it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ noDefaultInfinity: false }), { nil: null }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (values, bins) => {
          const h = histogramOf(col('x', nullable(float64()), values), bins);
          const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
          expect(h.counts.reduce((a, b) => a + b, 0)).toBe(finite.length);
          expect(h.binned + h.nulls + h.nan + h.posInf + h.negInf).toBe(values.length);
          if (finite.length === 0) return;
          const k = h.counts.length;
          const expected = new Array<number>(k).fill(0);
          for (const x of finite) {
            let b = 0;
            while (b < k - 1 && x >= h.edges[b + 1]!) b++;
            expect(x).toBeGreaterThanOrEqual(h.edges[b]!);
            expected[b]!++;
          }
          expect([...h.counts]).toEqual(expected);
        },
      ),
      { numRuns: Number(process.env['PLOT_RUNS'] ?? 100) },
    );
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the range', () => {
    expect(niceTicks(-1.6, 35.6).ticks).toEqual([-10, 0, 10, 20, 30, 40]);
    expect(niceTicks(0, 641).ticks).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.35, 5).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  it('widens an empty range around its value', () => {
    expect(niceTicks(5, 5).ticks[0]).toBeLessThanOrEqual(5);
    expect(niceTicks(0, 0).ticks).toContain(0);
  });

  it('always covers [lo, hi] with round, evenly spaced ticks', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: 1e-6, max: 1e9, noNaN: true }), fc.integer({ min: 2, max: 10 }), (lo, span, target) => {
        const hi = lo + span;
        const { ticks, step } = niceTicks(lo, hi, target);
        if (ticks.length === 2 && ticks[0] === lo && ticks[1] === hi && step === hi - lo) {
          // The fallback, only for ranges too narrow for the precision at their magnitude.
          expect(Math.max(Math.abs(lo), Math.abs(hi)) / (hi - lo)).toBeGreaterThan(1e6);
          return;
        }
        // Within the precision of doubles at the magnitude of the range.
        const slack = step * 1e-6 + Math.abs(lo) * 1e-12 + Math.abs(hi) * 1e-12;
        expect(ticks[0]!).toBeLessThanOrEqual(lo + slack);
        expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(hi - slack);
        expect(ticks.length).toBeLessThanOrEqual(target * 2.5 + 3);
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
      }),
      { numRuns: Number(process.env['PLOT_RUNS'] ?? 100) },
    );
  });
});

describe('labels', () => {
  it('spells axis numbers with separators and fixed decimals, never -0', () => {
    expect([axisNumber(1461, 0), axisNumber(-1.6, 1), axisNumber(-0.0001, 2), axisNumber(0.25, 2)]).toEqual(['1,461', '-1.6', '0.00', '0.25']);
    expect([axisNumber(NaN, 0), axisNumber(Infinity, 0), axisNumber(2e20, 0)]).toEqual(['NaN', 'inf', '2.00e+20']);
  });

  it('labels float bins [a, b) with the last one closed, and integer bins by the values they hold', () => {
    const h = histogramOf(col('t', float64(), [-1.6, 35.6]), 10);
    expect(edgeDecimals(h)).toBe(1);
    expect([binLabel(h, 0, 1), binLabel(h, 9, 1)]).toEqual(['[-1.6, 2.1)', '[31.9, 35.6]']);
    const q = histogramOf(col('q', int32(), [1, 20]), 10);
    expect(binLabel(q, 0, 0)).toBe('1 … 2');
    expect(binLabel(histogramOf(col('q', int32(), [1, 3]), 10), 1, 0)).toBe('2');
  });

  it('notes nulls and NaN always and infinities when present', () => {
    expect(leftOutNote(histogramOf(col('x', float64(), [1])))).toBe('not binned: null 0 · NaN 0');
    expect(leftOutNote(histogramOf(col('x', nullable(float64()), [1, null, Infinity, -Infinity])))).toBe('not binned: null 1 · NaN 0 · inf 1 · -inf 1');
  });
});

describe('histogramOf on decimal data', () => {
  it('puts a value equal to a printed edge in the bin that edge opens', () => {
    // -1.6 + 37.2 × 5/6 computes as 29.400000000000002; the edge is 29.4, so 29.4 opens the last bin.
    const h = histogramOf(col('t', float64(), [-1.6, 29.4, 29.4, 35.6]), 6);
    expect(h.edges[5]).toBe(29.4);
    expect([...h.counts]).toEqual([1, 0, 0, 0, 0, 3]);
  });
});

describe('niceTicks at the limits of double precision', () => {
  it('falls back to the ends of a range too narrow for its magnitude instead of looping', () => {
    const lo = -1e9;
    const hi = lo + 1e-6;
    expect(niceTicks(lo, hi, 10)).toEqual({ ticks: [lo, hi], step: hi - lo });
  });
});
