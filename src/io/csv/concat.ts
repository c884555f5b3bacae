/**
 * Joining the column parts that a parallel CSV read builds (one per thread) into single columns,
 * reconciling their dtypes when one part widened (int32 → int64 → float64, date → timestamp) or a
 * text column stayed categorical in one part and not the other.
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { SchemaError } from '../../errors.js';
import { dtypeEquals, dtypeOfKind, withInt64Repr, type AnyDType } from '../../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import { decodeDictionary } from '../../column/access.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { allocTyped, heapAllocator, type Allocator, type AnyTypedArray, type TypedArrayConstructor } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { makeSink } from './sink-factory.js';
import { MAX_INFERRED_CATEGORIES } from './string-sinks.js';
import { RestartAsText } from './restart.js';

const RANK: Partial<Record<string, number>> = { int32: 1, int64: 2, float64: 3 };

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

/** A part's values re-read as text into a sink of `to` (exact for the widenings allowed here). */
function reencodeColumn(col: Column, to: AnyDType, allocator: Allocator): Data | undefined {
  const sink = makeSink(to, true, allocator, Math.max(16, col.length), 0);
  const read = new Column(col.name, withInt64Repr(col.dtype, 'bigint'), col.data);
  for (let i = 0; i < read.length; i++) {
    const v = read.at(i);
    if (v === null) {
      if (!sink.appendNull()) return undefined;
      continue;
    }
    let text: string;
    if (v instanceof Date) {
      const iso = v.toISOString();
      text = col.dtype.kind === 'date' ? `${iso.slice(0, 10)}T00:00:00` : iso.slice(0, -1);
    } else text = String(v);
    const bytes = Buffer.from(text, 'utf8');
    if (!sink.append(bytes, 0, bytes.length)) return undefined;
  }
  return sink.finish();
}

/** A categorical part as plain utf8. */
function categoricalToUtf8(d: Data, allocator: Allocator): Data {
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
  if (adaptive && (merged.length > MAX_INFERRED_CATEGORIES || merged.length * 2 > nonNull)) {
    return joinUtf8(categoricalToUtf8(a, allocator), categoricalToUtf8(b, allocator), dtypeOfKind('utf8', dtype.nullable), allocator);
  }
  const width = indexWidthFor(merged.length);
  const ctor = width === 'uint8' ? Uint8Array : width === 'uint16' ? Uint16Array : Int32Array;
  const codes = allocTyped(ctor, n, allocator);
  const ca = a.values as Uint8Array;
  const cb = b.values as Uint8Array;
  for (let i = 0; i < a.length; i++) codes[i] = ca[i]!;
  for (let i = 0; i < b.length; i++) codes[a.length + i] = remap[cb[i]!]!;
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
 * One column from two consecutive parts of it. `adaptive` says the column's dtype was inferred
 * (so a categorical may become utf8 and numbers may widen).
 * @throws RestartAsText when the parts' dtypes cannot be reconciled exactly.
 */
export function joinParts(a: Column, b: Column, adaptive: boolean, allocator: Allocator = heapAllocator): Column {
  let da = a.data;
  let db = b.data;
  let dtype = a.dtype;
  if (!dtypeEquals(a.dtype, b.dtype, { ignoreNullable: true })) {
    const ka = a.dtype.kind;
    const kb = b.dtype.kind;
    if (ka === 'categorical' && kb === 'utf8') {
      da = categoricalToUtf8(da, allocator);
      dtype = b.dtype;
    } else if (ka === 'utf8' && kb === 'categorical') {
      db = categoricalToUtf8(db, allocator);
    } else {
      // Numeric or temporal widening: re-read the narrower part in the wider dtype.
      const ra = RANK[ka];
      const rb = RANK[kb];
      let wider: AnyDType | undefined;
      if (ra !== undefined && rb !== undefined) wider = ra > rb ? a.dtype : b.dtype;
      else if ((ka === 'date' && kb === 'timestamp') || (ka === 'timestamp' && kb === 'date')) wider = ka === 'timestamp' ? a.dtype : b.dtype;
      const redone =
        wider === undefined
          ? undefined
          : wider === a.dtype
            ? reencodeColumn(b, wider, allocator)
            : reencodeColumn(a, wider, allocator);
      if (wider === undefined || redone === undefined) throw new RestartAsText(a.name);
      if (wider === a.dtype) db = redone;
      else da = redone;
      dtype = wider;
    }
  }
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
