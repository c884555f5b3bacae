/**
 * Aggregations per group, over typed arrays. Nulls are skipped (`count` counts non-nulls); a group
 * with no non-null value gives null for sum-free aggregations (`sum` gives 0).
 *
 * Result dtypes: `count`, `len` and `nUnique` int64; `sum` int64 for integers and booleans (exact,
 * uint64 for uint64), float64 for floats; `mean`, `std`, `var`, `median`, `quantile` float64;
 * `min`, `max`, `first`, `last` keep the input dtype (strings by code point; numbers in the total
 * order where NaN is greatest).
 */
import { ExpressionError } from '../../errors.js';
import { dtypeOfKind, isNumericKind } from '../../dtype/dtype.js';
import type { Column } from '../../column/column.js';
import { valueReader } from '../../column/access.js';
import type { FrameCore } from '../../core/frame-core.js';
import { bitmapBytes } from '../../util/bits.js';
import { ExprText, show, type AggOp, type ExprNode } from '../expr/expr.js';
import { evaluate, materialize } from '../expr/eval.js';
import { compareCodePoints } from '../expr/compare.js';
import { numberColumn, validityOf } from '../expr/values.js';
import { doublesOf, int64Column } from '../expr/exact.js';
import { takeOrNull } from '../take.js';
import { implodeGroups } from './implode.js';
import { decimalAggregate } from './agg-decimal.js';
import { groupIds, type Groups } from './groups.js';
import { checkSumRange, extremeRows, integerSums, quantileOfSorted, sumAsDouble, sumKernel, variances, type IntegerSums } from './agg-numeric.js';

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

/** Rows of each group, as one index array sorted by group (counting sort, so in row order within a group), with group starts. */
export function rowsByGroup(groups: Groups): { rows: Int32Array; start: Int32Array } {
  const start = new Int32Array(groups.count + 1);
  const ids = groups.ids;
  for (let i = 0; i < ids.length; i++) start[ids[i]! + 1]!++;
  for (let g = 0; g < groups.count; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups.count);
  const rows = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) rows[next[ids[i]!]!++] = i;
  return { rows, start };
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
export type AggCache = Map<string, { sums?: IntegerSums; counts?: Float64Array }>;

/**
 * One aggregation per group of `groups`, as a column named `name`.
 * @throws ExpressionError for an aggregation the argument's dtype does not have, a quantile outside
 *   [0, 1], or an integer sum beyond the range of int64.
 */
export function aggregate(node: Extract<ExprNode, { op: 'agg' }>, core: FrameCore, groups: Groups, name: string, cache: AggCache = new Map()): Column {
  const where = new ExprText(node);
  const argKey = show(node.arg);
  let memo = cache.get(argKey);
  if (memo === undefined) cache.set(argKey, (memo = {}));
  const c = materialize(evaluate(node.arg, core), core.height, name);
  const fn: AggOp = node.fn;
  const n = c.length;
  const G = groups.count;
  const ids = groups.ids;
  const valid = validityOf(c);
  const kind = c.dtype.kind;
  const numeric = isNumericKind(kind) || kind === 'bool';
  const temporal = kind === 'date' || kind === 'timestamp';

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
    return takeOrNull(c, pick).rename(name);
  }
  if (fn === 'implode') return implodeGroups(c, rowsByGroup(groups), name);
  if (kind === 'decimal') {
    if (fn === 'sum' || fn === 'mean' || fn === 'min' || fn === 'max') return decimalAggregate(fn, c, ids, G, name, where);
    if (fn !== 'nUnique') return aggregate({ ...node, arg: { op: 'cast', arg: node.arg, dtype: dtypeOfKind('float64', true) } }, core, groups, name, cache);
  }
  if (fn === 'nUnique') return int64Column(name, distinctPerGroup(c, groups, valid), null);
  if (fn === 'min' || fn === 'max') {
    if (numeric || temporal) return takeOrNull(c, extremeRows(c, ids, G, valid, fn === 'max')).rename(name);
    if (kind !== 'utf8' && kind !== 'categorical') throw new ExpressionError(where, `cannot take ${fn} of ${String(c.dtype)}`);
    const best = new Int32Array(G).fill(-1);
    const read = valueReader(c.access, c.dtype, c.name);
    const s = (i: number) => read(i) as string;
    for (let i = 0; i < n; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const g = ids[i]!;
      const b = best[g]!;
      if (b < 0 || (fn === 'min' ? compareCodePoints(s(i), s(b)) < 0 : compareCodePoints(s(i), s(b)) > 0)) best[g] = i;
    }
    return takeOrNull(c, best).rename(name);
  }
  if (!numeric) throw new ExpressionError(where, `cannot take ${fn} of ${String(c.dtype)}`);
  const integer = kind !== 'float32' && kind !== 'float64';
  if (fn === 'sum' || fn === 'mean') {
    let sums = memo.sums;
    if (sums === undefined) {
      if (integer) sums = integerSums(c, ids, G, valid);
      else {
        const xs = doublesOf(c);
        const f = new Float64Array(G);
        sumKernel(xs)(f, ids, xs, valid, n);
        sums = { sums: f, big: new Map() };
      }
      memo.sums = sums;
    }
    if (fn === 'sum') {
      if (!integer) return numberColumn(name, dtypeOfKind('float64', false), sums.sums.slice(), null);
      const unsigned = kind === 'uint64';
      checkSumRange(sums, unsigned, where);
      const repr = c.dtype.int64 === 'bigint' ? { int64: 'bigint' as const } : {};
      return int64Column(name, sums.sums.slice(), null, sums.big, dtypeOfKind(unsigned ? 'uint64' : 'int64', false, repr));
    }
    let cnt = memo.counts;
    if (cnt === undefined) {
      cnt = new Float64Array(G);
      countInto(cnt, ids, valid, n);
      memo.counts = cnt;
    }
    const means = new Float64Array(G);
    for (let g = 0; g < G; g++) means[g] = sumAsDouble(sums, g) / cnt[g]!;
    return numberColumn(name, dtypeOfKind('float64', false), means, groupsWithValues(cnt));
  }
  if (fn === 'std' || fn === 'var') {
    const { counts, out } = variances(doublesOf(c), ids, G, valid, n, fn === 'std');
    return numberColumn(name, dtypeOfKind('float64', false), out, groupsWithValues(counts, 1));
  }
  // median / quantile: each group's non-null values gathered into one Float64Array, group by
  // group, and each group's stretch sorted with the native numeric sort (NaN last).
  const q = fn === 'median' ? 0.5 : node.q;
  if (q === undefined || !(q >= 0 && q <= 1)) throw new ExpressionError(where, `quantile expects q in [0, 1], got ${String(q)}`);
  const xs = doublesOf(c);
  const { rows, start } = rowsByGroup(groups);
  const vals = new Float64Array(n);
  const from = new Int32Array(G + 1);
  let m = 0;
  for (let g = 0; g < G; g++) {
    from[g] = m;
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const i = rows[k]!;
      if (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0) vals[m++] = xs[i]!;
    }
  }
  from[G] = m;
  const out = new Float64Array(G);
  const counts = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const len = from[g + 1]! - from[g]!;
    counts[g] = len;
    if (len === 0) continue;
    const part = vals.subarray(from[g]!, from[g + 1]!).sort();
    out[g] = quantileOfSorted(part, q);
  }
  return numberColumn(name, dtypeOfKind('float64', false), out, groupsWithValues(counts));
}

/**
 * The number of distinct non-null values in each group: values numbered once (the group-id
 * machinery: exact, −0 = 0, one NaN), then each group's rows scanned with a stamp per value.
 */
function distinctPerGroup(c: Column, groups: Groups, valid: Uint8Array | null): Float64Array {
  const vid = groupIds([c], c.length);
  const stamp = new Int32Array(vid.count).fill(-1);
  const { rows, start } = rowsByGroup(groups);
  const out = new Float64Array(groups.count);
  for (let g = 0; g < groups.count; g++) {
    let k = 0;
    for (let p = start[g]!; p < start[g + 1]!; p++) {
      const i = rows[p]!;
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const v = vid.ids[i]!;
      if (stamp[v] !== g) ((stamp[v] = g), k++);
    }
    out[g] = k;
  }
  return out;
}
