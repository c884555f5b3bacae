/**
 * `sort`: a stable reordering by one or more keys (names or expressions), each ascending or
 * descending; nulls last by default. Numbers sort with NaN after every number; strings by code
 * point; categoricals by their strings (not their codes); booleans false before true; dates and
 * timestamps by instant.
 *
 * Numeric, boolean, temporal and categorical keys sort with stable LSD radix passes over 16-bit
 * digits of each value's order-preserving 64-bit pattern (no comparisons), last key first;
 * utf8 keys sort an index array with a comparator.
 */
import { checkOptions } from '../util/options.js';
import { ExpressionError, InvalidArgumentError } from '../errors.js';
import { isNumericKind } from '../dtype/dtype.js';
import type { Column } from '../column/column.js';
import type { FrameCore } from '../core/frame-core.js';
import { Expr, show } from './expr/expr.js';
import { evaluate, materialize } from './expr/eval.js';
import { compareCodePoints } from './expr/compare.js';
import { alignedBits, numbersOf, validityOf } from './expr/values.js';
import { takeRows } from './take.js';

/** Options of `sort`. */
export interface SortOptions {
  /** Descending order, for every key or per key (default false). */
  descending?: boolean | readonly boolean[];
  /** Nulls after every value (default true) or before. */
  nullsLast?: boolean;
}

/** A key as numbers (ranks for categoricals) or strings, with its validity. */
interface Key {
  readonly numbers: Float64Array | null;
  readonly strings: string[] | null;
  readonly validity: Uint8Array | null;
  readonly descending: boolean;
}

const MS_PER_DAY = 86_400_000;

function keyOf(c: Column, descending: boolean, where: string): Key {
  const n = c.length;
  const validity = validityOf(c);
  const kind = c.dtype.kind;
  let numbers: Float64Array | null = null;
  let strings: string[] | null = null;
  if (isNumericKind(kind) || kind === 'timestamp') {
    const v = numbersOf(c);
    numbers = v instanceof Float64Array ? v : Float64Array.from(v as ArrayLike<number>);
  } else if (kind === 'date') {
    numbers = Float64Array.from(c.data.values as Int32Array, (d) => d * MS_PER_DAY);
  } else if (kind === 'bool') {
    const bits = alignedBits(c.data.values as Uint8Array, c.data.offset, n);
    numbers = new Float64Array(n);
    for (let i = 0; i < n; i++) numbers[i] = (bits[i >> 3]! >> (i & 7)) & 1;
  } else if (kind === 'categorical') {
    // Rank each dictionary entry by its string, then sort by rank.
    const dict = c.access.dict!;
    const order = dict.map((_, i) => i).sort((a, b) => compareCodePoints(dict[a]!, dict[b]!));
    const rank = new Float64Array(dict.length);
    order.forEach((code, r) => (rank[code] = r));
    const codes = c.data.values as Uint8Array;
    numbers = new Float64Array(n);
    for (let i = 0; i < n; i++) numbers[i] = rank[codes[i]!]!;
  } else if (kind === 'utf8') {
    strings = c.toArray() as string[];
  } else {
    throw new ExpressionError(where, `cannot sort by ${String(c.dtype)}`);
  }
  return { numbers, strings, validity, descending };
}

function isNull(k: Key, i: number): boolean {
  return k.validity !== null && (k.validity[i >> 3]! & (1 << (i & 7))) === 0;
}

/**
 * Stable LSD radix sort of `idx` by one key: the value's order-preserving 64-bit pattern (flip
 * every bit of a negative, the sign bit of the rest; NaN after +inf; all bits flipped again for
 * descending), nulls given the highest (or lowest) pattern. Four passes of 16-bit digits, each
 * carrying the key words along with the indices so every pass reads sequentially.
 */
function radixSort(idx: Int32Array, k: Key, nullsLast: boolean): Int32Array {
  const n = idx.length;
  const key = k.numbers!;
  const words = new Uint32Array(key.buffer, key.byteOffset, key.length * 2);
  let srcIdx: Int32Array = idx.slice();
  let srcHi = new Uint32Array(n);
  let srcLo = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const i = idx[p]!;
    let h: number;
    let l: number;
    if (isNull(k, i)) {
      h = l = nullsLast ? 0xffffffff : 0;
    } else {
      h = words[2 * i + 1]!;
      l = words[2 * i]!;
      if (Number.isNaN(key[i]!)) {
        h = 0x7ff80000;
        l = 0;
      }
      if ((h & 0x80000000) !== 0) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else h = (h | 0x80000000) >>> 0;
      if (k.descending) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      }
    }
    srcHi[p] = h;
    srcLo[p] = l;
  }
  let dstIdx: Int32Array = new Int32Array(n);
  let dstHi = new Uint32Array(n);
  let dstLo = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const w = pass < 2 ? srcLo : srcHi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let p = 0; p < n; p++) count[(w[p]! >>> shift) & 0xffff]!++;
    if (n === 0 || count[(w[0]! >>> shift) & 0xffff] === n) continue; // one digit value: nothing to do
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let p = 0; p < n; p++) {
      const q = count[(w[p]! >>> shift) & 0xffff]!++;
      dstIdx[q] = srcIdx[p]!;
      dstHi[q] = srcHi[p]!;
      dstLo[q] = srcLo[p]!;
    }
    [srcIdx, dstIdx] = [dstIdx, srcIdx];
    [srcHi, dstHi] = [dstHi, srcHi];
    [srcLo, dstLo] = [dstLo, srcLo];
  }
  return srcIdx;
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
    if (typeof item === 'string') return keyOf(core.column(item), d, `sort(${JSON.stringify(item)})`);
    if (!(item instanceof Expr)) throw new InvalidArgumentError('sort keys are column names or expressions', item);
    return keyOf(materialize(evaluate(item.node, core), n, 'key'), d, `sort(${show(item.node)})`);
  });
  let order: Int32Array;
  if (keys.every((k) => k.numbers !== null)) {
    // Keys with numeric patterns (numbers, booleans, dates, categorical ranks): stable LSD radix
    // passes from the last key to the first.
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let k = keys.length - 1; k >= 0; k--) order = radixSort(order, keys[k]!, nullsLast);
  } else {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => {
      for (const k of keys) {
        const na = isNull(k, a);
        const nb = isNull(k, b);
        if (na || nb) {
          if (na && nb) continue;
          return (na ? 1 : -1) * (nullsLast ? 1 : -1);
        }
        let c: number;
        if (k.numbers !== null) {
          const x = k.numbers[a]!;
          const y = k.numbers[b]!;
          c = x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
        } else c = compareCodePoints(k.strings![a]!, k.strings![b]!);
        if (c !== 0) return k.descending ? -c : c;
      }
      return 0; // stable: equal keys keep their order
    });
    order = Int32Array.from(idx);
  }
  return takeRows(core, order);
}
