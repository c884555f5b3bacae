/**
 * Numeric kernels of the aggregations: exact integer sums (64-bit included), float sums, the
 * numerically stable variance (Welford), quantiles, and min/max in the total order of exact.ts.
 */
import type { Where } from '../expr/expr.js';
import { ExpressionError } from '../../errors.js';
import type { Column } from '../../column/column.js';
import { doublesOf, fitsDoubles, HI, isWideKind, LO, orderWords, wordsOf } from '../expr/exact.js';

const TWO_16 = 65536;
const TWO_32 = 4294967296;
const TWO_48 = 281474976710656;
const TWO_53 = 9007199254740992;
/** Rows below which a sum of 32-bit integers in a double cannot leave 2^53. */
const SMALL_SUM_ROWS = 1 << 21;

type SumKernel = (sums: Float64Array, ids: Int32Array, xs: ArrayLike<number>, valid: Uint8Array | null, n: number) => void;
const sumKernels = new Map<string, SumKernel>();

/**
 * Per-group sums of `xs` (rows whose validity bit is clear skipped), generated once per array
 * type so the loop stays monomorphic; readable form:
 * `for (i) if (valid(i)) sums[ids[i]] += xs[i]`.
 */
export function sumKernel(xs: ArrayLike<number>): SumKernel {
  const key = xs.constructor.name;
  let k = sumKernels.get(key);
  if (k === undefined) {
    k = new Function(
      'sums',
      'ids',
      'xs',
      'valid',
      'n',
      `if (valid === null) { for (let i = 0; i < n; i++) sums[ids[i]] += xs[i]; return; }
       for (let i = 0; i < n; i++) if ((valid[i >> 3] & (1 << (i & 7))) !== 0) sums[ids[i]] += xs[i];`,
    ) as SumKernel;
    sumKernels.set(key, k);
  }
  return k;
}

/** Exact per-group integer sums: doubles where exact, and the groups whose total needs a bigint. */
export interface IntegerSums {
  /** The sum of each group (exact unless the group is in `big`). */
  readonly sums: Float64Array;
  /** Groups whose sum lies beyond ±2^53, with their exact value. */
  readonly big: Map<number, bigint>;
}

/** Sum partial sums of 16-bit pieces `parts[k] · 2^(16k)` into doubles, or bigints where needed. */
function combine(parts: readonly Float64Array[], G: number): IntegerSums {
  const sums = new Float64Array(G);
  const big = new Map<number, bigint>();
  const scale = [1, TWO_16, TWO_32, TWO_48];
  for (let g = 0; g < G; g++) {
    let approx = 0;
    let large = false;
    for (let k = 0; k < parts.length; k++) {
      const t = parts[k]![g]! * scale[k]!;
      if (Math.abs(t) >= TWO_53 / 4) large = true;
      approx += t;
    }
    if (!large && Math.abs(approx) < TWO_53 / 4) {
      sums[g] = approx;
      continue;
    }
    let exact = 0n;
    for (let k = 0; k < parts.length; k++) exact += BigInt(parts[k]![g]!) << BigInt(16 * k);
    if (exact >= -9007199254740991n && exact <= 9007199254740991n) sums[g] = Number(exact);
    else big.set(g, exact);
  }
  return { sums, big };
}

/**
 * Exact per-group sums of an integer (or boolean) column. Doubles are exact while no partial sum
 * can pass 2^53 (known from the row count and, for 64-bit columns, the largest magnitude);
 * otherwise each value is split into 16-bit pieces summed apart (exact for 2^37 rows) and
 * recombined, as bigints where a total passes 2^53.
 */
export function integerSums(c: Column, ids: Int32Array, G: number, valid: Uint8Array | null): IntegerSums {
  const n = c.length;
  const isValid = (i: number) => valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
  if (!isWideKind(c.dtype.kind) || fitsDoubles(c)) {
    const xs = doublesOf(c);
    let maxAbs = isWideKind(c.dtype.kind) ? 0 : TWO_32;
    if (isWideKind(c.dtype.kind)) for (let i = 0; i < n; i++) if (isValid(i)) maxAbs = Math.max(maxAbs, Math.abs(xs[i]!));
    if (maxAbs * n < TWO_53 && (isWideKind(c.dtype.kind) || n < SMALL_SUM_ROWS)) {
      const sums = new Float64Array(G);
      sumKernel(xs)(sums, ids, xs, valid, n);
      return { sums, big: new Map() };
    }
    if (!isWideKind(c.dtype.kind)) {
      // 32-bit integers, many rows: low and high 16 bits apart.
      const lo = new Float64Array(G);
      const hi = new Float64Array(G);
      for (let i = 0; i < n; i++) {
        if (!isValid(i)) continue;
        const x = xs[i]!;
        const l = x & 0xffff;
        lo[ids[i]!]! += l;
        hi[ids[i]!]! += (x - l) / TWO_16;
      }
      return combine([lo, hi], G);
    }
  }
  // 64-bit integers: four 16-bit pieces, the top one signed for int64.
  const w = wordsOf(c);
  const signed = c.dtype.kind !== 'uint64';
  const p0 = new Float64Array(G);
  const p1 = new Float64Array(G);
  const p2 = new Float64Array(G);
  const p3 = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    if (!isValid(i)) continue;
    const g = ids[i]!;
    const l = w[2 * i + LO]!;
    const h = w[2 * i + HI]!;
    p0[g]! += l & 0xffff;
    p1[g]! += l >>> 16;
    p2[g]! += h & 0xffff;
    p3[g]! += signed ? (h | 0) >> 16 : h >>> 16;
  }
  return combine([p0, p1, p2, p3], G);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Check that every sum fits the result dtype (int64, or uint64 for uint64 input).
 * @throws ExpressionError naming the aggregation and the group's exact total.
 */
export function checkSumRange(s: IntegerSums, unsigned: boolean, where: Where): void {
  for (const v of s.big.values()) {
    if (unsigned ? v > UINT64_MAX : v < INT64_MIN || v > INT64_MAX) {
      throw new ExpressionError(where, `the sum ${v} does not fit ${unsigned ? 'uint64' : 'int64'}; cast the column to float64 first for an approximate sum`);
    }
  }
}

/** The value of sum `g` as a double (rounded where it is a bigint). */
export function sumAsDouble(s: IntegerSums, g: number): number {
  const b = s.big.get(g);
  return b === undefined ? s.sums[g]! : Number(b);
}

/**
 * Per-group sample variance (or, with `std`, standard deviation) by Welford's update over the
 * values scaled by a power of two per group (the group's largest finite magnitude brought near 1,
 * an exact scaling), so neither a large offset nor huge magnitudes (two values of 1.797e308 of
 * opposite signs) overflow on the way: the result is exact up to rounding, and Infinity only when
 * the variance itself is. `counts` and the results (n − 1 in the denominator; NaN where a group has
 * fewer than 2).
 */
export function variances(xs: ArrayLike<number>, ids: Int32Array, G: number, valid: Uint8Array | null, n: number, std = false): { counts: Float64Array; out: Float64Array } {
  const isValid = (i: number) => valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
  const maxAbs = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    if (!isValid(i)) continue;
    const a = Math.abs(xs[i]!);
    if (a !== Infinity && a > maxAbs[ids[i]!]!) maxAbs[ids[i]!] = a;
  }
  // scale = 2^e, e in [−1022, 1023], with max / scale near [1, 2): multiplying by 2^−e is exact and
  // neither factor leaves the doubles.
  const scales = new Float64Array(G);
  const inv = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const e = maxAbs[g] === 0 ? 0 : Math.min(1023, Math.max(-1022, Math.ceil(Math.log2(maxAbs[g]!)) - 1));
    scales[g] = 2 ** e;
    inv[g] = 2 ** -e;
  }
  const counts = new Float64Array(G);
  const mean = new Float64Array(G);
  const m2 = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    if (!isValid(i)) continue;
    const g = ids[i]!;
    const x = xs[i]! * inv[g]!;
    const k = ++counts[g]!;
    const d = x - mean[g]!;
    mean[g]! += d / k;
    m2[g]! += d * (x - mean[g]!);
  }
  const out = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const v = m2[g]! / (counts[g]! - 1);
    const scale = scales[g]!;
    out[g] = std ? Math.sqrt(v) * scale : v * scale * scale;
  }
  return { counts, out };
}

/**
 * The `q` quantile of sorted values (NaN last, as a typed array sorts), linearly interpolated as
 * `a·(1 − t) + b·t` between neighbours — so an infinity next to a finite value stays infinite,
 * and equal neighbours (∞ and ∞) give themselves.
 * @example
 * ```ts
 * quantileOfSorted(Float64Array.of(1, 2, 3, 4), 0.5); // → 2.5
 * quantileOfSorted(Float64Array.of(1, Infinity, Infinity), 0.5); // → Infinity
 * ```
 */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (lo === hi || a === b) return a;
  const t = pos - lo;
  return a * (1 - t) + b * t;
}

/**
 * The `qs` quantiles (ascending, each in [0, 1]) of `xs`, linearly interpolated as
 * {@link quantileOfSorted} gives them from the sorted values (NaN greatest), found by selection
 * instead of a sort: linear time on average. `xs` is reordered in place.
 * @example
 * ```ts
 * selectQuantiles(Float64Array.of(4, NaN, 1, 3, 2), [0, 0.25, 0.5, 1]); // → [ 1, 2, 3, NaN ]
 * ```
 */
export function selectQuantiles(xs: Float64Array, qs: readonly number[]): number[] {
  const n = xs.length;
  // NaN sorts after every number: move them to the end; selection runs on the rest.
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    if (x === x) {
      xs[i] = xs[m]!;
      xs[m++] = x;
    }
  }
  const out: number[] = [];
  let from = 0;
  for (const q of qs) {
    if (n === 0) {
      out.push(NaN);
      continue;
    }
    const pos = q * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    if (lo >= m) {
      out.push(NaN);
      continue;
    }
    if (lo >= from) {
      selectRank(xs, from, m - 1, lo);
      from = lo;
    }
    const a = xs[lo]!;
    let b = a;
    if (hi !== lo) {
      if (hi >= m) b = NaN;
      else {
        b = xs[lo + 1]!;
        for (let i = lo + 2; i < m; i++) if (xs[i]! < b) b = xs[i]!;
      }
    }
    if (lo === hi || a === b) out.push(a);
    else {
      const t = pos - lo;
      out.push(a * (1 - t) + b * t);
    }
  }
  return out;
}

/**
 * Reorder `a[left..right]` (no NaN) so that `a[k]` holds the value of rank `k` and everything
 * before it is ≤ it, everything after ≥ it (Hoare partitions around a median of three).
 */
function selectRank(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    const mid = left + ((right - left) >> 1);
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * The row of each group's smallest (or largest) non-null value in the total order (NaN greatest,
 * −0 = 0, 64-bit integers exact), or −1 for a group with none.
 */
export function extremeRows(c: Column, ids: Int32Array, G: number, valid: Uint8Array | null, max: boolean): Int32Array {
  const { hi, lo } = orderWords(c);
  const best = new Int32Array(G).fill(-1);
  for (let i = 0; i < c.length; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const g = ids[i]!;
    const b = best[g]!;
    if (b < 0) {
      best[g] = i;
      continue;
    }
    const h = hi[i]!;
    const hb = hi[b]!;
    const better = max ? h > hb || (h === hb && lo[i]! > lo[b]!) : h < hb || (h === hb && lo[i]! < lo[b]!);
    if (better) best[g] = i;
  }
  return best;
}
