/**
 * Gathering rows of Arrow data by index, for every layout (layout.ts): the kernel behind filter,
 * sort, join, unique and every verb that moves rows. Written once, recursive over nested data:
 * a list gathers its items' rows from its child, a struct gathers each field, a dense union
 * gathers each child's referenced rows. Flat layouts loop over typed arrays by element width
 * (64-bit values as pairs of 32-bit words, never as bigints).
 */
import { makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../../dtype/dtype.js';
import { InvalidArgumentError } from '../../errors.js';
import { allocTyped, heapAllocator, type Allocator, type AnyTypedArray, type TypedArrayConstructor } from '../../util/alloc.js';
import { childFields, clearBitmap, hasLargeOffsets, isValidAt, layoutOf, unionChildIndex, validBits } from '../../column/layout.js';
import { nullData } from './null-data.js';

const MAX_INDEX = 2 ** 31 - 1;

/** `out` row `k` = `values` row `idx[k]`, rows of `rowBytes` bytes, on unsigned views of the widest width that fits. */
function gatherRows(values: AnyTypedArray, out: AnyTypedArray, idx: Int32Array, rowBytes: number): void {
  const n = idx.length;
  const aligned4 = values.byteOffset % 4 === 0 && values.byteLength % 4 === 0;
  if (rowBytes === 8 && aligned4) {
    const v = new Uint32Array(values.buffer, values.byteOffset, values.byteLength >> 2);
    const o = new Uint32Array(out.buffer, out.byteOffset, n * 2);
    for (let k = 0; k < n; k++) {
      const i = idx[k]! * 2;
      o[2 * k] = v[i]!;
      o[2 * k + 1] = v[i + 1]!;
    }
  } else if (rowBytes === 4 && aligned4) {
    const v = new Uint32Array(values.buffer, values.byteOffset, values.byteLength >> 2);
    const o = new Uint32Array(out.buffer, out.byteOffset, n);
    for (let k = 0; k < n; k++) o[k] = v[idx[k]!]!;
  } else if (rowBytes === 2 && values.byteOffset % 2 === 0) {
    const v = new Uint16Array(values.buffer, values.byteOffset, values.byteLength >> 1);
    const o = new Uint16Array(out.buffer, out.byteOffset, n);
    for (let k = 0; k < n; k++) o[k] = v[idx[k]!]!;
  } else if (rowBytes === 1) {
    const v = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const o = new Uint8Array(out.buffer, out.byteOffset, n);
    for (let k = 0; k < n; k++) o[k] = v[idx[k]!]!;
  } else if (rowBytes % 4 === 0 && aligned4) {
    // Decimals, month-day-nano intervals, fixed-size binary of whole words: w words a row.
    const w = rowBytes >> 2;
    const v = new Uint32Array(values.buffer, values.byteOffset, values.byteLength >> 2);
    const o = new Uint32Array(out.buffer, out.byteOffset, n * w);
    for (let k = 0; k < n; k++) {
      const i = idx[k]! * w;
      for (let p = 0; p < w; p++) o[k * w + p] = v[i + p]!;
    }
  } else {
    const v = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const o = new Uint8Array(out.buffer, out.byteOffset, n * rowBytes);
    for (let k = 0; k < n; k++) {
      const i = idx[k]! * rowBytes;
      for (let p = 0; p < rowBytes; p++) o[k * rowBytes + p] = v[i + p]!;
    }
  }
}

/** The validity of the gathered rows (undefined when none is null) and their null count. */
function gatherValidity(data: Data, idx: Int32Array, allocator: Allocator): { bitmap: Uint8Array | undefined; nulls: number } {
  const bits = validBits(data);
  if (bits === null) return { bitmap: undefined, nulls: 0 };
  const n = idx.length;
  const off = data.offset;
  const out = clearBitmap(n, allocator);
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    const j = idx[k]! + off;
    if ((bits[j >> 3]! & (1 << (j & 7))) !== 0) out[k >> 3]! |= 1 << (k & 7);
    else nulls++;
  }
  return { bitmap: nulls === 0 ? undefined : out, nulls };
}

/** Bytes of rows `idx` of utf8/binary data with 32-bit offsets. */
function gatherBinary(d: Data, idx: Int32Array, allocator: Allocator): { bytes: Uint8Array; offsets: Int32Array } {
  const n = idx.length;
  const offs = d.valueOffsets as Int32Array;
  const bytes = d.values as Uint8Array;
  // First the rows' byte ranges (one random read of the offsets per row), then the bytes.
  const starts = new Int32Array(n);
  const outOffs = allocTyped(Int32Array, n + 1, allocator);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const s = offs[i]!;
    starts[k] = s;
    total += offs[i + 1]! - s;
    outOffs[k + 1] = total;
  }
  if (total > MAX_INDEX) throw new InvalidArgumentError(`The gathered rows hold ${total} bytes, more than a 32-bit-offset column holds; use largeUtf8/largeBinary`, total);
  const out = allocTyped(Uint8Array, total, allocator);
  for (let k = 0; k < n; k++) {
    const s = starts[k]!;
    const o = outOffs[k]!;
    const len = outOffs[k + 1]! - o;
    if (len <= 16) for (let p = 0; p < len; p++) out[o + p] = bytes[s + p]!;
    else out.set(bytes.subarray(s, s + len), o);
  }
  return { bytes: out, offsets: outOffs };
}

/** Bytes of rows `idx` of largeUtf8/largeBinary data (64-bit offsets). */
function gatherLargeBinary(d: Data, idx: Int32Array, allocator: Allocator): { bytes: Uint8Array; offsets: BigInt64Array } {
  const n = idx.length;
  const offs = d.valueOffsets as unknown as BigInt64Array;
  const bytes = d.values as Uint8Array;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const s = Number(offs[i]!);
    starts[k] = s;
    total += Number(offs[i + 1]!) - s;
    ends[k + 1] = total;
  }
  const out = allocTyped(Uint8Array, total, allocator);
  const outOffs = allocTyped(BigInt64Array, n + 1, allocator);
  for (let k = 0; k < n; k++) {
    const s = starts[k]!;
    out.set(bytes.subarray(s, s + ends[k + 1]! - ends[k]!), ends[k]!);
    outOffs[k + 1] = BigInt(ends[k + 1]!);
  }
  return { bytes: out, offsets: outOffs };
}

/** The child rows of list rows `idx` (their items, in order) and the new offsets. */
function listItems(d: Data, large: boolean, idx: Int32Array, allocator: Allocator): { items: Int32Array; offsets: Int32Array | BigInt64Array } {
  const n = idx.length;
  const offs = d.valueOffsets as unknown as ArrayLike<number | bigint>;
  const at = large ? (i: number) => Number(offs[i] as bigint) : (i: number) => offs[i] as number;
  let total = 0;
  for (let k = 0; k < n; k++) total += at(idx[k]! + 1) - at(idx[k]!);
  if (total > MAX_INDEX) throw new InvalidArgumentError(`The gathered list rows hold ${total} items, more than one take can address`, total);
  const items = new Int32Array(total);
  const offsets = large ? allocTyped(BigInt64Array, n + 1, allocator) : allocTyped(Int32Array, n + 1, allocator);
  let p = 0;
  for (let k = 0; k < n; k++) {
    const s = at(idx[k]!);
    const e = at(idx[k]! + 1);
    for (let j = s; j < e; j++) items[p++] = j;
    if (large) (offsets as BigInt64Array)[k + 1] = BigInt(p);
    else (offsets as Int32Array)[k + 1] = p;
  }
  return { items, offsets };
}


/**
 * The rows of `data` at `idx`, in that order (every index within `[0, data.length)`), as new
 * data of the same Arrow type; dictionaries are shared, buffers come from `allocator`.
 * @example
 * ```ts
 * import { Field, Int32, List, Table, vectorFromArray } from 'apache-arrow';
 * const xs = vectorFromArray([[1, 2], [3], []], new List(new Field('item', new Int32())));
 * const c = DataFrame.fromArrow(new Table({ xs })).getColumn('xs');
 * const d = takeData(c.data, c.dtype, Int32Array.of(2, 0, 0));
 * new Column('xs', c.dtype, d).toArray(); // → [ Int32Array(0) [], Int32Array(2) [ 1, 2 ], Int32Array(2) [ 1, 2 ] ]
 * ```
 */
export function takeData(data: Data, dtype: AnyDType, idx: Int32Array, allocator: Allocator = heapAllocator): Data {
  const n = idx.length;
  const type = data.type;
  const layout = layoutOf(dtype);
  if (layout === 'null') return makeData({ type, length: n, nullCount: n } as never);
  if (layout === 'sparseUnion' || layout === 'denseUnion') return takeUnion(data, dtype, idx, allocator);
  const { bitmap: nullBitmap, nulls: nullCount } = gatherValidity(data, idx, allocator);
  switch (layout) {
    case 'bits': {
      const bits = data.values as Uint8Array;
      const off = data.offset;
      const out = clearBitmap(n, allocator);
      for (let k = 0; k < n; k++) {
        const j = idx[k]! + off;
        if ((bits[j >> 3]! & (1 << (j & 7))) !== 0) out[k >> 3]! |= 1 << (k & 7);
      }
      return makeData({ type, length: n, nullCount, data: out, nullBitmap } as never);
    }
    case 'binary': {
      const { bytes, offsets } = hasLargeOffsets(dtype) ? gatherLargeBinary(data, idx, allocator) : gatherBinary(data, idx, allocator);
      return makeData({ type, length: n, nullCount, data: bytes, valueOffsets: offsets, nullBitmap } as never);
    }
    case 'list': {
      const { items, offsets } = listItems(data, hasLargeOffsets(dtype), idx, allocator);
      const child = takeData(data.children[0]!, childFields(dtype)[0]!.dtype, items, allocator);
      return makeData({ type, length: n, nullCount, valueOffsets: offsets, child, nullBitmap } as never);
    }
    case 'fixedList': {
      const size = dtype.size!;
      const items = new Int32Array(n * size);
      for (let k = 0, p = 0; k < n; k++) for (let j = 0, s = idx[k]! * size; j < size; j++) items[p++] = s + j;
      const child = takeData(data.children[0]!, childFields(dtype)[0]!.dtype, items, allocator);
      return makeData({ type, length: n, nullCount, child, nullBitmap } as never);
    }
    case 'struct': {
      const children = childFields(dtype).map((f, k) => takeData(data.children[k]!, f.dtype, idx, allocator));
      return makeData({ type, length: n, nullCount, children, nullBitmap } as never);
    }
    default: {
      // Fixed width (numbers, temporal kinds, decimals, intervals, fixed-size binary, dictionary
      // codes): `stride` elements a row, gathered by their byte width.
      const values = data.values as AnyTypedArray;
      const stride = data.stride;
      const out = allocTyped(values.constructor as TypedArrayConstructor, n * stride, allocator) as AnyTypedArray;
      gatherRows(values, out, idx, values.BYTES_PER_ELEMENT * stride);
      return makeData({ type, length: n, nullCount, data: out, nullBitmap, dictionary: data.dictionary } as never);
    }
  }
}

/** Union rows at `idx`; an index of −1 selects a null of the first nullable child (a union has no validity of its own). */
function takeUnion(data: Data, dtype: AnyDType, idx: Int32Array, allocator: Allocator): Data {
  const n = idx.length;
  const ids = data.typeIds as Int8Array;
  const fields = childFields(dtype);
  const childOf = unionChildIndex(dtype);
  const nullChild = Math.max(0, fields.findIndex((f) => f.dtype.nullable));
  const nullId = dtype.typeIds![nullChild]!;
  const typeIds = allocTyped(Int8Array, n, allocator);
  for (let k = 0; k < n; k++) typeIds[k] = idx[k]! < 0 ? nullId : ids[idx[k]!]!;
  if (dtype.mode !== 'dense') {
    const children = fields.map((f, k) => takeDataOrNull(data.children[k]!, f.dtype, idx, allocator));
    return makeData({ type: data.type, length: n, nullCount: 0, typeIds, children } as never);
  }
  // Dense: each child gathers the rows it is referenced at, in output order.
  const offs = data.valueOffsets as Int32Array;
  const counts = new Int32Array(fields.length);
  for (let k = 0; k < n; k++) counts[childOf[typeIds[k]!]!]!++;
  const lists = fields.map((_, c) => new Int32Array(counts[c]!));
  const valueOffsets = allocTyped(Int32Array, n, allocator);
  counts.fill(0);
  for (let k = 0; k < n; k++) {
    const c = childOf[typeIds[k]!]!;
    const p = counts[c]!++;
    lists[c]![p] = idx[k]! < 0 ? -1 : offs[idx[k]!]!;
    valueOffsets[k] = p;
  }
  const children = fields.map((f, c) => takeDataOrNull(data.children[c]!, f.dtype, lists[c]!, allocator));
  return makeData({ type: data.type, length: n, nullCount: 0, typeIds, valueOffsets, children } as never);
}

/**
 * The rows of `data` at `idx`, where an index of −1 gives a null (rows an outer join or a group
 * lacks). Without a −1 this is {@link takeData}.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ s: ['a', 'b'] }).getColumn('s');
 * new Column('s', nullable(utf8()), takeDataOrNull(c.data, c.dtype, Int32Array.of(1, -1))).toArray(); // → [ 'b', null ]
 * ```
 */
export function takeDataOrNull(data: Data, dtype: AnyDType, idx: Int32Array, allocator: Allocator = heapAllocator): Data {
  let missing = 0;
  for (let k = 0; k < idx.length; k++) if (idx[k]! < 0) missing++;
  if (missing === 0) return takeData(data, dtype, idx, allocator);
  const layout = layoutOf(dtype);
  if (layout === 'sparseUnion' || layout === 'denseUnion') return takeUnion(data, dtype, idx, allocator);
  if (data.length === 0 || missing === idx.length) return nullData(dtype, idx.length, allocator);
  // Take row 0 where a row is missing, then clear those rows' validity.
  const taken = takeData(
    data,
    dtype,
    idx.map((i) => (i < 0 ? 0 : i)),
    allocator,
  );
  if (layout === 'null') return taken;
  const n = idx.length;
  const prev = validBits(taken);
  const bits = clearBitmap(n, allocator);
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    if (idx[k]! >= 0 && isValidAt(prev, 0, k)) bits[k >> 3]! |= 1 << (k & 7);
    else nulls++;
  }
  return taken.clone(taken.type, 0, n, nulls, [taken.valueOffsets, taken.values, bits, taken.typeIds] as never);
}
