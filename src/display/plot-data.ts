/**
 * What the chart renderers draw: a numeric column's histogram (computed here, one pass over the
 * typed array for the range and one to count), the value counts of a discrete column (computed by
 * the frame, which may use `ops`), and the "nice" axis ticks and labels both renderers share.
 */
import type { Column } from '../column/column.js';
import { isNumericKind, type AnyDType } from '../dtype/dtype.js';
import { InvalidArgumentError, SchemaError } from '../errors.js';

/** A numeric column's histogram: equal-width bins over its finite values, with what was left out. */
export interface Histogram {
  /** The column's name. */
  readonly column: string;
  /** The column's dtype. */
  readonly dtype: AnyDType;
  /** Bin edges, `counts.length + 1` of them, ascending (empty when there is nothing to bin). */
  readonly edges: Float64Array;
  /** Values per bin: bin `k` holds `edges[k] <= x < edges[k + 1]`, the last bin also `x == edges[last]`. */
  readonly counts: Float64Array;
  /** Whether bins hold whole numbers of integers (integer columns), so `[1, 3)` can read `1 … 2`. */
  readonly integer: boolean;
  /** Values binned (finite and not null). */
  readonly binned: number;
  /** Null values, not binned. */
  readonly nulls: number;
  /** NaN values, not binned. */
  readonly nan: number;
  /** `+Infinity` values, not binned. */
  readonly posInf: number;
  /** `-Infinity` values, not binned. */
  readonly negInf: number;
}

/** A discrete column's most frequent values with their counts, for a bar chart. */
export interface BarCounts {
  /** The column's name. */
  readonly column: string;
  /** The column's dtype. */
  readonly dtype: AnyDType;
  /** The values shown, most frequent first (`null` for the null group). */
  readonly values: readonly unknown[];
  /** Their counts. */
  readonly counts: readonly number[];
  /** Distinct values left out (beyond the top N). */
  readonly otherValues: number;
  /** Rows holding those values. */
  readonly otherRows: number;
  /** Rows in the column. */
  readonly total: number;
}

/** Default number of histogram bins. */
export const DEFAULT_BINS = 10;

/**
 * Check a `bins` option: a positive integer.
 *
 * @param bins - The option as given.
 * @returns `bins`, or {@link DEFAULT_BINS} when absent.
 * @throws InvalidArgumentError when `bins` is not a positive integer.
 * @example
 * ```ts
 * console.log(checkBins(undefined), checkBins(20));
 * // prints: 10 20
 * checkBins(0);
 * // throws InvalidArgumentError: bins must be a positive integer, got 0
 * ```
 */
export function checkBins(bins: number | undefined): number {
  if (bins === undefined) return DEFAULT_BINS;
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1) {
    throw new InvalidArgumentError(`bins must be a positive integer, got ${String(bins)}`, bins);
  }
  return bins;
}

/**
 * The histogram of a numeric column: `bins` equal-width bins from its smallest to its largest
 * finite value (numpy's rule: half-open bins, the last one closed). An integer column gets bins a
 * whole number of values wide, so it may get fewer bins than asked (`1 … 20` in 10 bins of 2).
 * A column whose values are all equal gets one bin of width 1 around the value (wider for huge values). Nulls, NaN and
 * infinities are counted apart, never binned or dropped silently. 64-bit integers are binned as
 * the nearest double.
 *
 * @param col - A numeric column.
 * @param bins - The number of bins (default 10).
 * @returns The bins, their counts and what was left out; no bins when nothing is finite.
 * @throws SchemaError when the column is not numeric.
 * @throws InvalidArgumentError when `bins` is not a positive integer.
 * @example
 * ```ts
 * const x = DataFrame.fromColumns({ x: [1, 2, 2, 3, null, NaN] }).getColumn('x');
 * const h = histogramOf(x, 2);
 * [[...h.edges], [...h.counts], h.nulls, h.nan]; // → [ [ 1, 2, 3 ], [ 1, 3 ], 1, 1 ]
 * ```
 */
export function histogramOf(col: Column, bins?: number): Histogram {
  const nBins = checkBins(bins);
  if (!isNumericKind(col.dtype.kind)) {
    throw new SchemaError(
      `Column "${col.name}" is ${col.dtype.kind}; a histogram needs a numeric column (integers or floats). ` +
        'For the counts of each value use plot.bar.',
      col.name,
    );
  }
  const n = col.length;
  const raw = col.data.values as ArrayLike<number> | ArrayLike<bigint>;
  // 64-bit integers are binned as doubles: convert once, so both passes loop over numbers.
  const values: ArrayLike<number> =
    raw instanceof BigInt64Array || raw instanceof BigUint64Array ? Float64Array.from(raw, Number) : (raw as ArrayLike<number>);
  const bitmap = col.nullCount > 0 ? col.data.nullBitmap : undefined;
  const validity = bitmap !== undefined && bitmap.length > 0 ? bitmap : null;
  const bitOffset = col.data.offset;

  // Pass 1: the finite range and what cannot be binned.
  let lo = Infinity;
  let hi = -Infinity;
  let nulls = 0;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (let i = 0; i < n; i++) {
    // isValid(i), inlined
    if (validity !== null && (validity[(i + bitOffset) >> 3]! & (1 << ((i + bitOffset) & 7))) === 0) {
      nulls++;
      continue;
    }
    const x = values[i]!;
    if (x !== x) nan++;
    else if (x === Infinity) posInf++;
    else if (x === -Infinity) negInf++;
    else {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const binned = n - nulls - nan - posInf - negInf;
  const integer = !(col.dtype.kind === 'float32' || col.dtype.kind === 'float64');
  const base = { column: col.name, dtype: col.dtype, integer, binned, nulls, nan, posInf, negInf };
  if (binned === 0) return { ...base, edges: new Float64Array(0), counts: new Float64Array(0) };

  const edges = binEdges(lo, hi, nBins, integer);
  const k = edges.length - 1;
  const start = edges[0]!;
  const halfSpan = edges[k]! / 2 - start / 2; // halves, so that no difference overflows to Infinity
  const counts = new Float64Array(k);
  // Pass 2: count. A value on an inner edge belongs to the bin it starts (numpy's rule).
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[(i + bitOffset) >> 3]! & (1 << ((i + bitOffset) & 7))) === 0) continue;
    const x = values[i]!;
    if (x - x !== 0) continue; // NaN or ±Infinity
    let b = Math.floor(((x / 2 - start / 2) / halfSpan) * k);
    if (b >= k) b = k - 1;
    else if (!(b >= 0)) b = 0; // also NaN, should the division misbehave
    // Guard against rounding in the division: settle on the bin whose edges hold x.
    while (b > 0 && x < edges[b]!) b--;
    while (b < k - 1 && x >= edges[b + 1]!) b++;
    counts[b]!++;
  }
  return { ...base, edges, counts };
}

/** Edges of `bins` equal-width bins over `[lo, hi]`; whole-number-wide bins for integers. */
function binEdges(lo: number, hi: number, bins: number, integer: boolean): Float64Array {
  if (integer) {
    const span = hi - lo + 1;
    const width = Math.max(1, Math.ceil(span / bins));
    const k = Math.max(1, Math.ceil(span / width));
    return Float64Array.from({ length: k + 1 }, (_, j) => lo + j * width);
  }
  if (lo === hi) {
    // Half a unit either side, or more where half a unit is below the precision of the value.
    const pad = Math.max(0.5, Math.abs(lo) * 2 ** -40);
    return Float64Array.of(lo - pad, lo + pad);
  }
  const edges = new Float64Array(bins + 1);
  const span = hi - lo;
  edges[0] = lo;
  for (let j = 1; j < bins; j++) {
    const t = j / bins;
    // The weighted form when the span overflows (values near ±Number.MAX_VALUE).
    const e = Number.isFinite(span) ? lo + span * t : lo * (1 - t) + hi * t;
    // Drop the last-digit noise of the arithmetic (29.400000000000002 → 29.4), so a value equal
    // to an edge as printed lands in the bin the label says. Only when it moves the edge by a
    // negligible part of a bin, so edges stay strictly increasing.
    const clean = Number(e.toPrecision(15));
    edges[j] = Math.abs(clean - e) <= Math.abs(span / bins) * 1e-9 ? clean : e;
  }
  edges[bins] = hi;
  return edges;
}

/**
 * Axis ticks at "nice" round numbers (1, 2 or 5 times a power of ten) covering `[lo, hi]`, about
 * `target` of them: the first tick at or below `lo`, the last at or above `hi`.
 *
 * @param lo - The smallest value to show.
 * @param hi - The largest value to show.
 * @param target - About how many ticks (default 5).
 * @param minStep - The smallest step allowed (1 for counts, so no tick falls between whole numbers).
 * @returns The ticks, ascending, and the step between them.
 * @example
 * ```ts
 * console.log(niceTicks(-1.6, 35.6).ticks);
 * // prints: [ -10, 0, 10, 20, 30, 40 ]
 * console.log(niceTicks(0, 641).ticks);
 * // prints: [ 0, 200, 400, 600, 800 ]
 * ```
 */
export function niceTicks(lo: number, hi: number, target = 5, minStep = 0): { ticks: number[]; step: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [0, 1], step: 1 };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 2;
    return niceTicks(lo - pad, hi + pad, target, minStep);
  }
  const raw = (hi - lo) / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = Math.max(minStep, (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const count = last - first;
  // Beyond 2^53 consecutive multiples of step are no longer distinct doubles (a range of 1e-6
  // around -1e9): fall back to the ends themselves.
  if (!(count >= 1 && count <= 1000) || Math.abs(first) > 2 ** 52) return { ticks: [lo, hi], step: hi - lo };
  const ticks: number[] = [];
  for (let i = 0; i <= count; i++) ticks.push(roundTo((first + i) * step, step));
  return { ticks, step };
}

/** `x` rounded to the decimals of `step`, so that 0.30000000000000004 reads 0.3. */
function roundTo(x: number, step: number): number {
  const d = decimalsFor(step);
  return d === 0 ? Math.round(x) : Number(x.toFixed(d));
}

/**
 * Decimals needed to tell values `step` apart: 0 for steps of 1 or more, at most 10.
 *
 * @param step - The distance between neighbouring values (a tick step or a bin width).
 * @returns Digits after the point.
 * @example
 * ```ts
 * console.log(decimalsFor(200), decimalsFor(0.5), decimalsFor(0.05), decimalsFor(0.0371));
 * // prints: 0 1 2 2
 * ```
 */
export function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.min(10, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * A number for an axis or a bin label, with the given decimals and thousands separators
 * (`1,461`, `-1.6`, `0.25`); `-0` reads `0`.
 *
 * @param x - The number.
 * @param decimals - Digits after the point.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(axisNumber(1461, 0), axisNumber(-1.6, 1), axisNumber(-0.0001, 2));
 * // prints: 1,461 -1.6 0.00
 * ```
 */
export function axisNumber(x: number, decimals: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Math.abs(x) >= 1e15) return x.toExponential(2);
  const s = x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return /^-[0.,]*$/.test(s) ? s.slice(1) : s;
}

/**
 * Decimals for labelling the edges of a histogram's bins: enough to tell neighbouring edges
 * apart (0 for integer bins).
 *
 * @param h - The histogram.
 * @returns Digits after the point.
 * @example
 * ```ts
 * const t = DataFrame.fromColumns({ t: [-1.6, 35.6] }).getColumn('t');
 * edgeDecimals(histogramOf(t, 10)); // → 1
 * ```
 */
export function edgeDecimals(h: Histogram): number {
  if (h.integer || h.edges.length < 2) return 0;
  const width = (h.edges[h.edges.length - 1]! - h.edges[0]!) / (h.edges.length - 1);
  return Math.min(10, decimalsFor(width) + 1);
}

/**
 * The label of histogram bin `k`: `[a, b)` (the last bin `[a, b]`), or for integer bins the
 * values it holds, `a` or `a … b`.
 *
 * @param h - The histogram.
 * @param k - The bin.
 * @param decimals - Digits after the point (see {@link edgeDecimals}).
 * @returns The label.
 * @example
 * ```ts
 * const h = histogramOf(DataFrame.fromColumns({ t: [-1.6, 35.6] }).getColumn('t'), 10);
 * [binLabel(h, 0, 1), binLabel(h, 9, 1)]; // → [ '[-1.6, 2.1)', '[31.9, 35.6]' ]
 * ```
 */
export function binLabel(h: Histogram, k: number, decimals: number): string {
  const a = h.edges[k]!;
  const b = h.edges[k + 1]!;
  if (h.integer) return b - a <= 1 ? axisNumber(a, 0) : `${axisNumber(a, 0)} … ${axisNumber(b - 1, 0)}`;
  const close = k === h.counts.length - 1 ? ']' : ')';
  return `[${axisNumber(a, decimals)}, ${axisNumber(b, decimals)}${close}`;
}

/**
 * A count with its noun: `1 value`, `1,461 values`.
 *
 * @param n - The count.
 * @param word - The noun in the singular; the plural adds `s`.
 * @returns The text.
 * @example
 * ```ts
 * console.log(plural(1, 'bin'), plural(1461, 'value'));
 * // prints: 1 bin 1,461 values
 * ```
 */
export function plural(n: number, word: string): string {
  return `${axisNumber(n, 0)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What a histogram left out, for a footnote: `null 2 · NaN 1 · inf 1`, always naming nulls and
 * NaN (so a reader knows they were looked for), infinities only when present.
 *
 * @param h - The histogram.
 * @returns The note.
 * @example
 * ```ts
 * const x = DataFrame.fromColumns({ x: [1, null, Infinity] }).getColumn('x');
 * leftOutNote(histogramOf(x)); // → 'not binned: null 1 · NaN 0 · inf 1'
 * ```
 */
export function leftOutNote(h: Histogram): string {
  const parts = [`null ${axisNumber(h.nulls, 0)}`, `NaN ${axisNumber(h.nan, 0)}`];
  if (h.posInf > 0) parts.push(`inf ${axisNumber(h.posInf, 0)}`);
  if (h.negInf > 0) parts.push(`-inf ${axisNumber(h.negInf, 0)}`);
  return `not binned: ${parts.join(' · ')}`;
}
