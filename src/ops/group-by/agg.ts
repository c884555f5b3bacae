/**
 * Aggregations per group, over typed arrays. Nulls are skipped (`count` counts non-nulls); a group
 * with no non-null value gives null for sum-free aggregations (`sum` gives 0).
 *
 * Result dtypes: `count`, `len` and `nUnique` int64; `sum` int64 for integers and booleans, float64 for
 * floats; `mean`, `std`, `var`, `median`, `quantile` float64; `min`, `max`, `first`, `last` keep
 * the input dtype (strings by code point).
 */
import { makeData } from 'apache-arrow';
import { ExpressionError } from '../../errors.js';
import { dtypeOfKind, isNumericKind } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import type { FrameCore } from '../../core/frame-core.js';
import { bitmapBytes } from '../../util/bits.js';
import { show, type AggOp, type ExprNode } from '../expr/expr.js';
import { evaluate, materialize } from '../expr/eval.js';
import { compareCodePoints } from '../expr/compare.js';
import { alignedBits, numberColumn, numbersOf, validityOf } from '../expr/values.js';
import { takeColumn, takeOrNull } from '../take.js';
import type { Groups } from './groups.js';

/** The `q` quantile of sorted values, linearly interpolated (NaN sorts last, as the native sort puts it). */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** An int64 column from safe-integer numbers (written as words, no bigint per value). */
function int64Column(name: string, values: Float64Array, validity: Uint8Array | null): Column {
  const n = values.length;
  const big = new BigInt64Array(n);
  const words = new Uint32Array(big.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    words[2 * i] = v >>> 0;
    words[2 * i + 1] = Math.floor(v / 4294967296) >>> 0;
  }
  let nulls = 0;
  if (validity !== null) for (let i = 0; i < n; i++) if ((validity[i >> 3]! & (1 << (i & 7))) === 0) nulls++;
  const dt = dtypeOfKind('int64', nulls > 0);
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: big, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}

/** Validity with a bit per group set where `counts[g] > min`. */
function groupsWithValues(counts: Float64Array, min = 0): Uint8Array | null {
  const out = new Uint8Array(bitmapBytes(counts.length));
  let all = true;
  for (let g = 0; g < counts.length; g++) {
    if (counts[g]! > min) out[g >> 3]! |= 1 << (g & 7);
    else all = false;
  }
  return all ? null : out;
}

/** Rows of each group, as one index array sorted by group (counting sort), with group starts. */
function rowsByGroup(groups: Groups): { rows: Int32Array; start: Int32Array } {
  const start = new Int32Array(groups.count + 1);
  const ids = groups.ids;
  for (let i = 0; i < ids.length; i++) start[ids[i]! + 1]!++;
  for (let g = 0; g < groups.count; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups.count);
  const rows = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) rows[next[ids[i]!]!++] = i;
  return { rows, start };
}


type SumKernel = (sums: Float64Array, ids: Int32Array, xs: ArrayLike<number>, valid: Uint8Array | null, n: number) => void;
const sumKernels = new Map<string, SumKernel>();

/**
 * Per-group sums of `xs` (rows whose validity bit is clear skipped), generated once per array
 * type so the loop stays monomorphic; readable form:
 * `for (i) if (valid(i)) sums[ids[i]] += xs[i]`.
 */
function sumKernel(xs: ArrayLike<number>): SumKernel {
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

/** Per-group counts of rows (with `valid`: of rows whose validity bit is set). */
function countInto(counts: Float64Array, ids: Int32Array, valid: Uint8Array | null, n: number): void {
  if (valid === null) {
    for (let i = 0; i < n; i++) counts[ids[i]!]!++;
    return;
  }
  for (let i = 0; i < n; i++) if ((valid[i >> 3]! & (1 << (i & 7))) !== 0) counts[ids[i]!]!++;
}

/**
 * Per-group sums and counts already computed in one `agg` call, by the argument's expression, so
 * `sum`, `mean` and `count` of one column share their passes.
 */
export type AggCache = Map<string, { sums?: Float64Array; counts?: Float64Array }>;

export function aggregate(node: Extract<ExprNode, { op: 'agg' }>, core: FrameCore, groups: Groups, name: string, cache: AggCache = new Map()): Column {
  const where = show(node);
  const argKey = show(node.arg);
  let memo = cache.get(argKey);
  if (memo === undefined) cache.set(argKey, (memo = {}));
  const c = materialize(evaluate(node.arg, core), core.height, name);
  const fn: AggOp = node.fn;
  const n = c.length;
  const G = groups.count;
  const ids = groups.ids;
  const valid = validityOf(c);
  const isValid = (i: number) => valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
  const kind = c.dtype.kind;
  const numeric = isNumericKind(kind) || kind === 'bool';

  if (fn === 'count' || fn === 'len') {
    if (fn === 'count' && memo.counts !== undefined) return int64Column(name, memo.counts, null);
    const counts = new Float64Array(G);
    countInto(counts, ids, fn === 'len' ? null : valid, n);
    if (fn === 'count') memo.counts = counts;
    return int64Column(name, counts, null);
  }
  if (fn === 'first' || fn === 'last') {
    const pick = new Int32Array(G).fill(-1);
    for (let i = 0; i < n; i++) if (fn === 'last' || pick[ids[i]!] === -1) pick[ids[i]!] = i;
    return takeColumn(c, pick).rename(name);
  }
  if (fn === 'nUnique') {
    const sets = Array.from({ length: G }, () => new Set<unknown>());
    const key = (v: unknown) => (v instanceof Date ? v.getTime() : v);
    const read = kind === 'int64' || kind === 'uint64' ? (i: number) => (c.data.values as BigInt64Array)[i] : (i: number) => c.at(i);
    for (let i = 0; i < n; i++) if (isValid(i)) sets[ids[i]!]!.add(key(read(i)));
    return int64Column(name, Float64Array.from(sets, (s) => s.size), null);
  }
  if ((fn === 'min' || fn === 'max') && !numeric && kind !== 'date' && kind !== 'timestamp') {
    if (kind !== 'utf8' && kind !== 'categorical') throw new ExpressionError(where, `cannot take ${fn} of ${String(c.dtype)}`);
    const best = new Int32Array(G).fill(-1);
    const s = (i: number) => c.at(i) as string;
    for (let i = 0; i < n; i++) {
      if (!isValid(i)) continue;
      const g = ids[i]!;
      const b = best[g]!;
      if (b < 0 || (fn === 'min' ? compareCodePoints(s(i), s(b)) < 0 : compareCodePoints(s(i), s(b)) > 0)) best[g] = i;
    }
    return takeOrNull(c, best).rename(name);
  }
  if (!numeric && !(kind === 'date' || kind === 'timestamp') ) {
    throw new ExpressionError(where, `cannot take ${fn} of ${String(c.dtype)}`);
  }
  if ((kind === 'date' || kind === 'timestamp') && fn !== 'min' && fn !== 'max') {
    throw new ExpressionError(where, `cannot take ${fn} of ${String(c.dtype)}`);
  }
  const xs: ArrayLike<number> =
    kind === 'bool'
      ? (() => {
          const bits = alignedBits(c.data.values as Uint8Array, c.data.offset, n);
          const out = new Uint8Array(n);
          for (let i = 0; i < n; i++) out[i] = (bits[i >> 3]! >> (i & 7)) & 1;
          return out;
        })()
      : kind === 'date'
        ? (c.data.values as Int32Array)
        : numbersOf(c);
  const counts = new Float64Array(G);
  if (fn === 'min' || fn === 'max') {
    const best = new Int32Array(G).fill(-1);
    for (let i = 0; i < n; i++) {
      if (!isValid(i)) continue;
      const g = ids[i]!;
      const b = best[g]!;
      const x = xs[i]!;
      if (b < 0 || (fn === 'min' ? x < xs[b]! : x > xs[b]!)) best[g] = i;
    }
    return takeOrNull(c, best).rename(name);
  }
  if (fn === 'sum' || fn === 'mean') {
    let sums = memo.sums;
    if (sums === undefined) {
      sums = new Float64Array(G);
      sumKernel(xs)(sums, ids, xs, valid, n);
      memo.sums = sums;
    }
    if (fn === 'sum') {
      if (kind === 'float32' || kind === 'float64') return numberColumn(name, dtypeOfKind('float64', false), sums.slice(), null);
      return int64Column(name, sums, null);
    }
    let cnt = memo.counts;
    if (cnt === undefined) {
      cnt = new Float64Array(G);
      countInto(cnt, ids, valid, n);
      memo.counts = cnt;
    }
    const means = new Float64Array(G);
    for (let g = 0; g < G; g++) means[g] = sums[g]! / cnt[g]!;
    return numberColumn(name, dtypeOfKind('float64', false), means, groupsWithValues(cnt));
  }
  if (fn === 'std' || fn === 'var') {
    // Two passes: means, then squared deviations (more accurate than sum of squares).
    const means = new Float64Array(G);
    for (let i = 0; i < n; i++) {
      if (!isValid(i)) continue;
      means[ids[i]!]! += xs[i]!;
      counts[ids[i]!]!++;
    }
    for (let g = 0; g < G; g++) means[g] = means[g]! / counts[g]!;
    const ss = new Float64Array(G);
    for (let i = 0; i < n; i++) {
      if (!isValid(i)) continue;
      const d = xs[i]! - means[ids[i]!]!;
      ss[ids[i]!]! += d * d;
    }
    for (let g = 0; g < G; g++) ss[g] = fn === 'var' ? ss[g]! / (counts[g]! - 1) : Math.sqrt(ss[g]! / (counts[g]! - 1));
    return numberColumn(name, dtypeOfKind('float64', false), ss, groupsWithValues(counts, 1));
  }
  // median / quantile: each group's non-null values gathered into one Float64Array, group by
  // group, and each group's stretch sorted with the native numeric sort.
  const q = fn === 'median' ? 0.5 : node.q;
  if (q === undefined || !(q >= 0 && q <= 1)) throw new ExpressionError(where, `quantile expects q in [0, 1], got ${String(q)}`);
  const { rows, start } = rowsByGroup(groups);
  const vals = new Float64Array(n);
  const from = new Int32Array(G + 1);
  let m = 0;
  for (let g = 0; g < G; g++) {
    from[g] = m;
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const i = rows[k]!;
      if (isValid(i)) vals[m++] = xs[i]!;
    }
  }
  from[G] = m;
  const out = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const len = from[g + 1]! - from[g]!;
    counts[g] = len;
    if (len === 0) continue;
    const part = vals.subarray(from[g]!, from[g + 1]!).sort();
    out[g] = quantileOfSorted(part, q);
  }
  return numberColumn(name, dtypeOfKind('float64', false), out, groupsWithValues(counts));
}
