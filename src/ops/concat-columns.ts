/**
 * Joining columns end to end: numbers and dates (one copy), booleans and validity (bit copies),
 * utf8 (bytes and shifted offsets), categoricals (dictionaries merged, codes remapped).
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { SchemaError } from '../errors.js';
import { dtypeOfKind, type AnyDType } from '../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../dtype/arrow.js';
import { Column } from '../column/column.js';
import { decodeDictionary } from '../column/access.js';
import { Utf8Bytes } from '../column/builder-strings.js';
import { allocTyped, heapAllocator, type Allocator, type AnyTypedArray, type TypedArrayConstructor } from '../util/alloc.js';
import { bitmapBytes } from '../util/bits.js';

/** Most distinct values an adaptive (inferred) categorical keeps before it becomes utf8. */
export const MAX_ADAPTIVE_CATEGORIES = 65536;

/** Copy `n` bits from `src` (from bit `so`) into `dst` (from bit `dO`). */
function copyBits(src: Uint8Array | null, so: number, dst: Uint8Array, dO: number, n: number): void {
  if (src === null) {
    for (let i = 0; i < n; i++) dst[(dO + i) >> 3]! |= 1 << ((dO + i) & 7);
    return;
  }
  if ((so & 7) === 0 && (dO & 7) === 0) {
    const bytes = n >> 3;
    dst.set(src.subarray(so >> 3, (so >> 3) + bytes), dO >> 3);
    for (let i = bytes * 8; i < n; i++) if ((src[(so + i) >> 3]! & (1 << ((so + i) & 7))) !== 0) dst[(dO + i) >> 3]! |= 1 << ((dO + i) & 7);
    return;
  }
  for (let i = 0; i < n; i++) {
    if ((src[(so + i) >> 3]! & (1 << ((so + i) & 7))) !== 0) dst[(dO + i) >> 3]! |= 1 << ((dO + i) & 7);
  }
}

function validityOf(d: Data): Uint8Array | null {
  return d.nullCount > 0 && d.nullBitmap !== undefined && d.nullBitmap.length > 0 ? d.nullBitmap : null;
}

/** The joined validity bitmap of two parts, or undefined when neither has nulls. */
function joinValidity(a: Data, b: Data, allocator: Allocator): Uint8Array | undefined {
  const va = validityOf(a);
  const vb = validityOf(b);
  if (va === null && vb === null) return undefined;
  const out = allocTyped(Uint8Array, bitmapBytes(a.length + b.length), allocator);
  copyBits(va, a.offset, out, 0, a.length);
  copyBits(vb, b.offset, out, a.length, b.length);
  return out;
}

function joinTyped(a: AnyTypedArray, b: AnyTypedArray, na: number, nb: number, allocator: Allocator): AnyTypedArray {
  const out = allocTyped(a.constructor as TypedArrayConstructor, na + nb, allocator) as AnyTypedArray;
  (out as Float64Array).set(a.subarray(0, na) as Float64Array);
  (out as Float64Array).set(b.subarray(0, nb) as Float64Array, na);
  return out;
}

/** A categorical part as plain utf8. */
export function categoricalToUtf8(d: Data, allocator: Allocator): Data {
  const dict = d.dictionary!.data[0]!;
  const offs = dict.valueOffsets as Int32Array;
  const bytes = dict.values as Uint8Array;
  const codes = d.values as Uint8Array;
  let total = 0;
  for (let i = 0; i < d.length; i++) total += offs[codes[i]! + 1]! - offs[codes[i]!]!;
  const out = new Utf8Bytes(allocator, d.length, total);
  const v = validityOf(d);
  for (let i = 0; i < d.length; i++) {
    const j = i + d.offset;
    if (v !== null && (v[j >> 3]! & (1 << (j & 7))) === 0) out.pushEmpty();
    else out.pushBytes(bytes, offs[codes[i]!]!, offs[codes[i]! + 1]!);
  }
  const { bytes: b, offsets } = out.finish();
  return makeData({ type: new Utf8(), length: d.length, nullCount: d.nullCount, data: b, valueOffsets: offsets, nullBitmap: v ?? undefined } as never);
}

function joinUtf8(a: Data, b: Data, dtype: AnyDType, allocator: Allocator): Data {
  const ao = a.valueOffsets as Int32Array;
  const bo = b.valueOffsets as Int32Array;
  const aBytes = ao[a.length]! - ao[0]!;
  const bBytes = bo[b.length]! - bo[0]!;
  if (aBytes + bBytes > 2 ** 31 - 1) {
    throw new SchemaError('A text column passes 2 GiB of UTF-8, which utf8 columns cannot hold (large_utf8 is not supported)');
  }
  const bytes = allocTyped(Uint8Array, aBytes + bBytes, allocator);
  bytes.set((a.values as Uint8Array).subarray(ao[0]!, ao[a.length]!));
  bytes.set((b.values as Uint8Array).subarray(bo[0]!, bo[b.length]!), aBytes);
  const offsets = allocTyped(Int32Array, a.length + b.length + 1, allocator);
  for (let i = 0; i <= a.length; i++) offsets[i] = ao[i]! - ao[0]!;
  const shift = aBytes - bo[0]!;
  for (let i = 1; i <= b.length; i++) offsets[a.length + i] = bo[i]! + shift;
  return makeData({
    type: toArrowType(dtype),
    length: a.length + b.length,
    nullCount: a.nullCount + b.nullCount,
    data: bytes,
    valueOffsets: offsets,
    nullBitmap: joinValidity(a, b, allocator),
  } as never);
}

/** Two categorical parts with their dictionaries merged (the second part's codes remapped). */
function joinCategorical(a: Data, b: Data, dtype: AnyDType, adaptive: boolean, allocator: Allocator): Data {
  const da = decodeDictionary(a.dictionary!);
  const db = decodeDictionary(b.dictionary!);
  const index = new Map(da.map((s, i) => [s, i]));
  const merged = da.slice();
  const remap = new Int32Array(db.length);
  db.forEach((s, j) => {
    let c = index.get(s);
    if (c === undefined) {
      c = merged.length;
      merged.push(s);
      index.set(s, c);
    }
    remap[j] = c;
  });
  const n = a.length + b.length;
  const nonNull = n - a.nullCount - b.nullCount;
  if (adaptive && (merged.length > MAX_ADAPTIVE_CATEGORIES || merged.length * 2 > nonNull)) {
    return joinUtf8(categoricalToUtf8(a, allocator), categoricalToUtf8(b, allocator), dtypeOfKind('utf8', dtype.nullable), allocator);
  }
  const width = indexWidthFor(merged.length);
  const ctor = width === 'uint8' ? Uint8Array : width === 'uint16' ? Uint16Array : Int32Array;
  const codes = allocTyped(ctor, n, allocator);
  const ca = a.values as Uint8Array;
  const cb = b.values as Uint8Array;
  for (let i = 0; i < a.length; i++) codes[i] = ca[i]!;
  // A null row keeps code 0 (as a sink writes it), so the bytes do not depend on where parts join.
  const vb = b.nullCount > 0 ? (b.nullBitmap as Uint8Array | undefined) : undefined;
  for (let i = 0; i < b.length; i++) {
    const j = i + b.offset;
    codes[a.length + i] = vb !== undefined && vb.length > 0 && (vb[j >> 3]! & (1 << (j & 7))) === 0 ? 0 : remap[cb[i]!]!;
  }
  const dict = new Utf8Bytes(allocator, merged.length, 64);
  for (const s of merged) dict.push(s);
  const { bytes, offsets } = dict.finish();
  const dictData = makeData({ type: new Utf8(), length: merged.length, nullCount: 0, data: bytes, valueOffsets: offsets } as never);
  return makeData({
    type: toArrowType(dtype, arrowIndexType(width)),
    length: n,
    nullCount: a.nullCount + b.nullCount,
    data: codes,
    nullBitmap: joinValidity(a, b, allocator),
    dictionary: new Vector([dictData]),
  } as never);
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
  const da = a.data;
  const db = b.data;
  let dtype: AnyDType = a.dtype.nullable || !b.dtype.nullable ? a.dtype : b.dtype;
  let data: Data;
  switch (dtype.kind) {
    case 'utf8':
      data = joinUtf8(da, db, dtype, allocator);
      break;
    case 'categorical':
      data = joinCategorical(da, db, dtype, adaptive, allocator);
      if (data.type.typeId !== da.type.typeId) dtype = dtypeOfKind('utf8', dtype.nullable);
      break;
    case 'bool': {
      const bits = allocTyped(Uint8Array, bitmapBytes(da.length + db.length), allocator);
      copyBits(da.values as Uint8Array, da.offset, bits, 0, da.length);
      copyBits(db.values as Uint8Array, db.offset, bits, da.length, db.length);
      data = makeData({ type: toArrowType(dtype), length: da.length + db.length, nullCount: da.nullCount + db.nullCount, data: bits, nullBitmap: joinValidity(da, db, allocator) } as never);
      break;
    }
    default:
      data = makeData({
        type: toArrowType(dtype),
        length: da.length + db.length,
        nullCount: da.nullCount + db.nullCount,
        data: joinTyped(da.values as AnyTypedArray, db.values as AnyTypedArray, da.length, db.length, allocator),
        nullBitmap: joinValidity(da, db, allocator),
      } as never);
  }
  return new Column(a.name, dtype, data);
}
