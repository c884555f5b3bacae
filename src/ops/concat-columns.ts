/**
 * Joining two columns end to end (the generic kernel is data/concat-data.ts), and the adaptive
 * categorical join of the CSV reader: a merged dictionary that grows too large becomes utf8.
 */
import { Utf8, makeData, type Data } from 'apache-arrow';
import { dtypeOfKind, type AnyDType } from '../dtype/dtype.js';
import { Column } from '../column/column.js';
import { Utf8Bytes } from '../column/builder-strings.js';
import { heapAllocator, type Allocator } from '../util/alloc.js';
import { concatData, mergeDictionaries } from '../column/concat-data.js';
import { validBits } from '../column/layout.js';

/** Most distinct values an adaptive (inferred) categorical keeps before it becomes utf8. */
export const MAX_ADAPTIVE_CATEGORIES = 65536;

/** A categorical part as plain utf8. */
export function categoricalToUtf8(d: Data, allocator: Allocator): Data {
  const dict = d.dictionary!.data[0]!;
  const offs = dict.valueOffsets as Int32Array;
  const bytes = dict.values as Uint8Array;
  const codes = d.values as Uint8Array;
  let total = 0;
  for (let i = 0; i < d.length; i++) total += offs[codes[i]! + 1]! - offs[codes[i]!]!;
  const out = new Utf8Bytes(allocator, d.length, total);
  const v = validBits(d);
  for (let i = 0; i < d.length; i++) {
    const j = i + d.offset;
    if (v !== null && (v[j >> 3]! & (1 << (j & 7))) === 0) out.pushEmpty();
    else out.pushBytes(bytes, offs[codes[i]!]!, offs[codes[i]! + 1]!);
  }
  const { bytes: b, offsets } = out.finish();
  return makeData({ type: new Utf8(), length: d.length, nullCount: d.nullCount, data: b, valueOffsets: offsets, nullBitmap: v ?? undefined } as never);
}

/** Two categorical parts with their dictionaries merged, or as utf8 when the merged dictionary holds too many values. */
function joinAdaptive(a: Data, b: Data, dtype: AnyDType, allocator: Allocator): Data {
  const merged = mergeDictionaries([a, b]).strings.length;
  const nonNull = a.length + b.length - a.nullCount - b.nullCount;
  if (merged > MAX_ADAPTIVE_CATEGORIES || merged * 2 > nonNull) {
    return concatData([categoricalToUtf8(a, allocator), categoricalToUtf8(b, allocator)], dtypeOfKind('utf8', dtype.nullable), allocator);
  }
  return concatData([a, b], dtype, allocator);
}

/**
 * Two columns of the same dtype end to end, named after `a`. `adaptive` lets a merged categorical
 * with too many values (more than half its values, or more than 65,536) become utf8.
 * @example
 * ```ts
 * const [a] = DataFrame.fromColumns({ s: ['x', 'y'] }, { schema: { s: categorical() } }).getColumns();
 * const [b] = DataFrame.fromColumns({ t: ['y', 'z'] }, { schema: { t: categorical() } }).getColumns();
 * const c = concatTwo(a!, b!);
 * [c.name, String(c.dtype), c.toArray()]; // → [ 's', 'categorical', [ 'x', 'y', 'y', 'z' ] ]
 * ```
 */
export function concatTwo(a: Column, b: Column, adaptive = false, allocator: Allocator = heapAllocator): Column {
  let dtype: AnyDType = a.dtype.nullable || !b.dtype.nullable ? a.dtype : b.dtype;
  let data: Data;
  if (dtype.kind === 'categorical' && adaptive) {
    data = joinAdaptive(a.data, b.data, dtype, allocator);
    if (data.type.typeId !== a.data.type.typeId) dtype = dtypeOfKind('utf8', dtype.nullable);
  } else {
    data = concatData([a.data, b.data], dtype, allocator);
  }
  return new Column(a.name, dtype, data);
}
