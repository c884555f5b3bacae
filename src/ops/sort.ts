/**
 * `sort`: a stable reordering by one or more keys (names or expressions), each ascending or
 * descending; nulls last by default. Numbers sort with NaN after every number (float16 too);
 * strings (utf8, largeUtf8) by code point; categoricals by their strings (not their codes);
 * booleans false before true; dates and timestamps by instant, exactly in every unit; times and
 * durations by their counts; decimals exactly by value; binary kinds bytewise; 64-bit integers
 * exactly; −0 and 0 are equal (ties keep row order). Intervals, lists, structs, maps and unions
 * have no order: sorting by one is an error. Columns of every dtype move with their rows.
 *
 * Keys of numeric, boolean, temporal, decimal and categorical kinds sort with stable LSD radix
 * passes over 16-bit digits of each value's order words (exact.ts, data/order-keys.ts; no
 * comparisons), last key first; utf8 and binary keys sort an index array with a comparator.
 */
import { checkOptions } from '../util/options.js';
import { ExpressionError, InvalidArgumentError } from '../errors.js';
import { isNumericKind } from '../dtype/dtype.js';
import type { Column } from '../column/column.js';
import type { FrameCore } from '../core/frame-core.js';
import { Expr, show } from './expr/expr.js';
import { evaluate, materialize } from './expr/eval.js';
import { compareCodePoints } from './expr/compare.js';
import { columnValidity } from './data/validity.js';
import { bytesOf, compareRowBytes, hasOrderedBytes, orderWordsOf, type RowBytes } from './data/order-keys.js';
import { orderWords, type OrderWords } from './expr/exact.js';
import { valueReader } from '../column/access.js';
import { takeRows } from './take.js';

/** Options of `sort`. */
export interface SortOptions {
  /** Descending order, for every key or per key (default false). */
  descending?: boolean | readonly boolean[];
  /** Nulls after every value (default true) or before. */
  nullsLast?: boolean;
}

/** A key as order words (numbers, booleans, temporal kinds, decimals, categorical ranks), strings or byte ranges, with its validity. */
interface Key {
  readonly words: OrderWords | null;
  readonly strings: string[] | null;
  readonly bytes: RowBytes | null;
  readonly validity: Uint8Array | null;
  readonly descending: boolean;
}

/**
 * The sort keys of one column, most significant first: one key for most kinds, several for a
 * decimal wider than 64 bits (its unscaled integer 64 bits at a time).
 * @throws ExpressionError for dtypes with no order (intervals, lists, structs, maps, unions).
 */
function keysOf(c: Column, descending: boolean, where: string): Key[] {
  const n = c.length;
  const validity = columnValidity(c);
  const kind = c.dtype.kind;
  const key = (k: Partial<Key>): Key => ({ words: null, strings: null, bytes: null, validity, descending, ...k });
  if (isNumericKind(kind) || kind === 'timestamp' || kind === 'date' || kind === 'bool') return [key({ words: orderWords(c) })];
  if (kind === 'categorical') {
    // Rank each dictionary entry by its string, then sort by rank.
    const dict = c.access.dict!;
    const order = dict.map((_, i) => i).sort((a, b) => compareCodePoints(dict[a]!, dict[b]!));
    const rank = new Uint32Array(dict.length);
    order.forEach((code, r) => (rank[code] = r));
    const codes = c.data.values as Uint8Array;
    const lo = new Uint32Array(n);
    for (let i = 0; i < n; i++) lo[i] = rank[codes[i]!]!;
    return [key({ words: { hi: new Uint32Array(n), lo } })];
  }
  if (kind === 'utf8') {
    const strings = new Array<string>(n);
    const read = valueReader(c.access, c.dtype, c.name);
    for (let i = 0; i < n; i++) if (!isNullAt(validity, i)) strings[i] = read(i) as string;
    return [key({ strings })];
  }
  if (kind === 'null') return [key({ words: { hi: new Uint32Array(n), lo: new Uint32Array(n) } })];
  const words = orderWordsOf(c);
  if (words !== null) return words.map((w) => key({ words: w }));
  if (hasOrderedBytes(c.dtype)) return [key({ bytes: bytesOf(c) })];
  throw new ExpressionError(where, `cannot sort by ${String(c.dtype)}`);
}

function isNullAt(v: Uint8Array | null, i: number): boolean {
  return v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0;
}

/**
 * Stable LSD radix sort of `idx` by one key's order words (all bits flipped for descending).
 * Null rows are set apart first and placed, in their current order, before or after the sorted
 * values, so no word pattern stands for null (every pattern is some value: uint64 2^64−1, the
 * first categorical rank descending …). The histograms of the four 16-bit digits are counted in
 * one read; a pass whose digit is the same for every row is skipped, and the last pass moves
 * the indices alone.
 */
function radixSort(idx: Int32Array, k: Key, nullsLast: boolean): Int32Array {
  const n = idx.length;
  const { hi, lo } = k.words!;
  const validity = k.validity;
  let m = n;
  if (validity !== null) {
    m = 0;
    for (let p = 0; p < n; p++) if (!isNullAt(validity, idx[p]!)) m++;
  }
  let srcIdx = new Int32Array(m);
  let srcHi = new Uint32Array(m);
  let srcLo = new Uint32Array(m);
  const nulls = new Int32Array(n - m);
  const flip = k.descending ? 0xffffffff : 0;
  const count = new Uint32Array(4 * 65536);
  for (let p = 0, q = 0, z = 0; p < n; p++) {
    const i = idx[p]!;
    if (validity !== null && isNullAt(validity, i)) {
      nulls[z++] = i;
      continue;
    }
    const h = (hi[i]! ^ flip) >>> 0;
    const l = (lo[i]! ^ flip) >>> 0;
    srcIdx[q] = i;
    srcHi[q] = h;
    srcLo[q++] = l;
    count[l & 0xffff]!++;
    count[65536 + (l >>> 16)]!++;
    count[131072 + (h & 0xffff)]!++;
    count[196608 + (h >>> 16)]!++;
  }
  const passes: number[] = [];
  for (let pass = 0; pass < 4; pass++) {
    const w = pass < 2 ? srcLo : srcHi;
    const digit = m === 0 ? 0 : (w[0]! >>> ((pass & 1) * 16)) & 0xffff;
    if (m > 0 && count[pass * 65536 + digit] !== m) passes.push(pass);
  }
  let dstIdx = new Int32Array(m);
  let dstHi = passes.length > 1 ? new Uint32Array(m) : srcHi;
  let dstLo = passes.length > 1 ? new Uint32Array(m) : srcLo;
  for (let t = 0; t < passes.length; t++) {
    const pass = passes[t]!;
    const w = pass < 2 ? srcLo : srcHi;
    const shift = (pass & 1) * 16;
    const base = pass * 65536;
    let sum = 0;
    for (let d = base; d < base + 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    if (t === passes.length - 1) {
      for (let p = 0; p < m; p++) dstIdx[count[base + ((w[p]! >>> shift) & 0xffff)]!++] = srcIdx[p]!;
      [srcIdx, dstIdx] = [dstIdx, srcIdx];
      break;
    }
    for (let p = 0; p < m; p++) {
      const q = count[base + ((w[p]! >>> shift) & 0xffff)]!++;
      dstIdx[q] = srcIdx[p]!;
      dstHi[q] = srcHi[p]!;
      dstLo[q] = srcLo[p]!;
    }
    [srcIdx, dstIdx] = [dstIdx, srcIdx];
    [srcHi, dstHi] = [dstHi, srcHi];
    [srcLo, dstLo] = [dstLo, srcLo];
  }
  if (nulls.length === 0) return srcIdx;
  const out = new Int32Array(n);
  out.set(srcIdx, nullsLast ? 0 : nulls.length);
  out.set(nulls, nullsLast ? m : 0);
  return out;
}

/**
 * The rows of `core` ordered by `by`.
 * @throws ColumnNotFoundError, ExpressionError for unknown or unsortable keys; InvalidArgumentError
 *   for a `descending` list of the wrong length.
 */
export function sort(core: FrameCore, by: string | Expr | readonly (string | Expr)[], opts: SortOptions = {}): FrameCore {
  checkOptions(opts, ['descending', 'nullsLast'], 'sort');
  const items = Array.isArray(by) ? (by as readonly (string | Expr)[]) : [by as string | Expr];
  if (items.length === 0) throw new InvalidArgumentError('sort needs at least one key', by);
  const desc = opts.descending ?? false;
  if (Array.isArray(desc) && desc.length !== items.length) {
    throw new InvalidArgumentError(`sort: descending has ${desc.length} entries for ${items.length} keys`, desc);
  }
  const nullsLast = opts.nullsLast ?? true;
  const n = core.height;
  const keys = items.map((item, k) => {
    const d = Array.isArray(desc) ? Boolean(desc[k]) : Boolean(desc);
    if (typeof item === 'string') return keysOf(core.column(item), d, `sort(${JSON.stringify(item)})`);
    if (!(item instanceof Expr)) throw new InvalidArgumentError('sort keys are column names or expressions', item);
    return keysOf(materialize(evaluate(item.node, core), n, 'key'), d, `sort(${show(item.node)})`);
  }).flat();
  let order: Int32Array;
  if (keys.every((k) => k.words !== null)) {
    // Keys with order words (numbers, booleans, dates, categorical ranks): stable LSD radix
    // passes from the last key to the first.
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let k = keys.length - 1; k >= 0; k--) order = radixSort(order, keys[k]!, nullsLast);
  } else {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => {
      for (const k of keys) {
        const na = isNullAt(k.validity, a);
        const nb = isNullAt(k.validity, b);
        if (na || nb) {
          if (na && nb) continue;
          return (na ? 1 : -1) * (nullsLast ? 1 : -1);
        }
        let c: number;
        if (k.words !== null) {
          const { hi, lo } = k.words;
          c = hi[a] !== hi[b] ? (hi[a]! < hi[b]! ? -1 : 1) : lo[a] !== lo[b] ? (lo[a]! < lo[b]! ? -1 : 1) : 0;
        } else if (k.strings !== null) c = compareCodePoints(k.strings[a]!, k.strings[b]!);
        else c = compareRowBytes(k.bytes!, a, b);
        if (c !== 0) return k.descending ? -c : c;
      }
      return 0; // stable: equal keys keep their order
    });
    order = Int32Array.from(idx);
  }
  return takeRows(core, order);
}
