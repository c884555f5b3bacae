/**
 * The last word on an inferred text column's storage, once the whole column is read: categorical
 * (dictionary-encoded) when it has at most half as many distinct values as values and at most
 * 65,536 of them, else plain utf8. The readers decide early (after 10,000 rows a column with many
 * distinct values so far turns utf8, to stop growing a dictionary that will not pay); this
 * revisits that choice at the end, so a column whose values repeat only over the whole file (a
 * million rows over 19,000 cities) is categorical after all — and a categorical one that grew too
 * many distinct values is utf8.
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../../dtype/arrow.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { allocTyped, heapAllocator, type Allocator } from '../../util/alloc.js';
import { MAX_ADAPTIVE_CATEGORIES, categoricalToUtf8 } from '../../ops/concat-columns.js';

/**
 * Whether a text column of `distinct` values among `nonNull` is better stored categorical: at
 * most half as many distinct values as values, and at most 65,536 of them.
 * @example
 * ```ts
 * console.log(fitsCategorical(18_931, 1_000_000), fitsCategorical(6, 10), fitsCategorical(70_000, 1e6));
 * // prints: true false false
 * ```
 */
export function fitsCategorical(distinct: number, nonNull: number): boolean {
  return distinct <= MAX_ADAPTIVE_CATEGORIES && distinct * 2 <= nonNull;
}

/**
 * A utf8 column's data as categorical data when its values fit (see {@link fitsCategorical}),
 * else undefined. One pass: each value's bytes are hashed (FNV-1a) and looked up in an
 * open-addressing table over the first row of each distinct value; no string is made per row,
 * and the pass stops as soon as the column has too many distinct values.
 *
 * @param data - Utf8 Arrow data (any offset).
 * @param allocator - Where the codes and the dictionary are allocated.
 * @returns Dictionary data (codes uint8 or uint16) with the same validity, or undefined.
 * @example
 * ```ts
 * const [c] = DataFrame.fromColumns({ c: ['x', 'y', 'x', 'x'] }).core.columns;
 * console.log(utf8ToCategorical(c!.data)?.dictionary?.toArray());
 * // prints: [ 'x', 'y' ]
 * ```
 */
export function utf8ToCategorical(data: Data, allocator: Allocator = heapAllocator): Data | undefined {
  const n = data.length;
  const nonNull = n - data.nullCount;
  const limit = Math.min(MAX_ADAPTIVE_CATEGORIES, Math.floor(nonNull / 2));
  if (limit < 1) return undefined;
  const offs = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const valid = data.nullCount > 0 ? (data.nullBitmap as Uint8Array | undefined) : undefined;
  const bit0 = data.offset;
  let size = 16;
  while (size < limit * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size); // code + 1, 0 for an empty slot
  const firstRow = new Int32Array(limit);
  const hashes = new Int32Array(limit);
  const codes = allocTyped(Uint16Array, n, allocator);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (valid !== undefined) {
      const j = i + bit0;
      if ((valid[j >> 3]! & (1 << (j & 7))) === 0) continue; // a null: code 0
    }
    const s = offs[i]!;
    const e = offs[i + 1]!;
    // hashBytes(bytes, s, e), inlined
    let h = 0x811c9dc5 | 0; // as int32, as the table stores it
    for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    let slot = h & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) {
        if (count === limit) return undefined; // too many distinct values: utf8 it stays
        table[slot] = count + 1;
        hashes[count] = h;
        firstRow[count] = i;
        codes[i] = count++;
        break;
      }
      const c = entry - 1;
      if (hashes[c] === h) {
        const r = firstRow[c]!;
        const rs = offs[r]!;
        const len = offs[r + 1]! - rs;
        if (len === e - s) {
          let k = 0;
          while (k < len && bytes[rs + k] === bytes[s + k]) k++;
          if (k === len) {
            codes[i] = c;
            break;
          }
        }
      }
      slot = (slot + 1) & mask;
    }
  }
  let total = 0;
  for (let c = 0; c < count; c++) total += offs[firstRow[c]! + 1]! - offs[firstRow[c]!]!;
  const dict = new Utf8Bytes(allocator, count, total);
  for (let c = 0; c < count; c++) {
    const r = firstRow[c]!;
    dict.pushBytes(bytes, offs[r]!, offs[r + 1]!);
  }
  const { bytes: dictBytes, offsets: dictOffsets } = dict.finish();
  const width = indexWidthFor(count);
  let out: Uint8Array | Uint16Array = codes;
  if (width === 'uint8') {
    out = allocTyped(Uint8Array, n, allocator);
    out.set(codes);
  }
  const dtype: AnyDType = dtypeOfKind('categorical', true);
  return makeData({
    type: toArrowType(dtype, arrowIndexType(width)),
    length: n,
    nullCount: data.nullCount,
    data: out,
    nullBitmap: valid === undefined ? null : bitsFrom(valid, bit0, n, allocator),
    dictionary: new Vector([makeData({ type: new Utf8(), length: count, nullCount: 0, data: dictBytes, valueOffsets: dictOffsets } as never)]),
  } as never);
}

/** A validity bitmap starting at row 0 (a copy when the data starts at a bit offset). */
function bitsFrom(valid: Uint8Array, bit0: number, n: number, allocator: Allocator): Uint8Array {
  if (bit0 === 0) return valid;
  const out = allocTyped(Uint8Array, Math.ceil(n / 8), allocator);
  for (let i = 0; i < n; i++) {
    const j = i + bit0;
    if ((valid[j >> 3]! & (1 << (j & 7))) !== 0) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

/**
 * An inferred text column's final storage: a utf8 column whose values fit becomes categorical,
 * a categorical one that does not becomes utf8; anything else is returned as it is.
 *
 * @param dtype - The column's dtype.
 * @param data - Its data.
 * @param allocator - Where new buffers are allocated.
 * @returns The dtype (nullable for text columns, as inferred ones are) and data to keep.
 * @example
 * ```ts
 * const [c] = DataFrame.fromColumns({ c: ['a', 'b', 'a', 'b'] }).core.columns;
 * console.log(settleText(c!.dtype, c!.data).dtype.kind);
 * // prints: categorical
 * ```
 */
export function settleText(dtype: AnyDType, data: Data, allocator: Allocator = heapAllocator): { dtype: AnyDType; data: Data } {
  if (dtype.kind === 'utf8') {
    const cat = utf8ToCategorical(data, allocator);
    return cat === undefined ? { dtype, data } : { dtype: dtypeOfKind('categorical', dtype.nullable), data: cat };
  }
  if (dtype.kind === 'categorical') {
    const distinct = data.dictionary?.length ?? 0;
    if (!fitsCategorical(distinct, data.length - data.nullCount)) return { dtype: dtypeOfKind('utf8', dtype.nullable), data: categoricalToUtf8(data, allocator) };
  }
  return { dtype, data };
}
