/**
 * Gathering rows of any layout by index, an index of −1 giving a null: fixed-width values of any
 * stride (decimals, intervals, fixed-size binary, float16), booleans, strings and bytes with 32-
 * or 64-bit offsets, lists, fixed-size lists, structs, maps and unions, children gathered
 * recursively. Flat columns go through `takeColumn`/`takeOrNull`.
 */
import { makeData, Type, UnionMode, type Data } from 'apache-arrow';
import { Column } from '../column/column.js';
import { withNullable } from '../dtype/dtype.js';
import { bitmapBytes } from '../util/bits.js';
import type { AnyTypedArray, TypedArrayConstructor } from '../util/alloc.js';
import { takeColumn, takeOrNull } from './take.js';

/** Kinds `takeColumn` gathers itself (one fixed-width value, a bit or a utf8 string per row). */
const FLAT = new Set(['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'utf8', 'categorical', 'date', 'timestamp']);

/**
 * The rows of `c` at `idx` (in that order), any dtype; an index of −1 gives a null (the result is
 * then nullable).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ k: ['a', 'a', 'b'], x: [1, 2, 3] }).groupBy('k').agg({ xs: col('x').implode() });
 * takeAny(df.getColumn('xs'), Int32Array.of(1, -1, 0)).toArray(); // → [ Int32Array(1) [ 3 ], null, Int32Array(2) [ 1, 2 ] ]
 * ```
 */
export function takeAny(c: Column, idx: Int32Array): Column {
  if (FLAT.has(c.dtype.kind)) return takeOrNull(c, idx);
  let missing = false;
  for (let k = 0; k < idx.length; k++) if (idx[k]! < 0) missing = true;
  const data = gatherData(c.data, idx);
  return new Column(c.name, missing ? withNullable(c.dtype, true) : c.dtype, data, c.metadata);
}

function isValid(d: Data, i: number): boolean {
  const bits = d.nullBitmap as Uint8Array | undefined;
  if (d.nullCount === 0 || bits === undefined || bits.length === 0) return true;
  const j = d.offset + i;
  return (bits[j >> 3]! & (1 << (j & 7))) !== 0;
}

/** The validity of the gathered rows, and how many are null. */
function gatherValidity(d: Data, idx: Int32Array): { bits: Uint8Array | undefined; nulls: number } {
  const n = idx.length;
  const out = new Uint8Array(bitmapBytes(n));
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (i >= 0 && isValid(d, i)) out[k >> 3]! |= 1 << (k & 7);
    else nulls++;
  }
  return nulls === 0 ? { bits: undefined, nulls } : { bits: out, nulls };
}

/** Offsets (32- or 64-bit) of the gathered variable-length rows, and the source range of each. */
function gatherRanges(offs: Int32Array | BigInt64Array, idx: Int32Array): { out: Int32Array | BigInt64Array; starts: Float64Array; total: number } {
  const n = idx.length;
  const big = offs instanceof BigInt64Array;
  const at = (i: number) => (big ? Number((offs as BigInt64Array)[i]!) : (offs as Int32Array)[i]!);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n + 1);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (i >= 0) {
      const s = at(i);
      starts[k] = s;
      total += at(i + 1) - s;
    }
    ends[k + 1] = total;
  }
  const out = big ? BigInt64Array.from(ends, (x) => BigInt(x)) : Int32Array.from(ends);
  return { out, starts, total };
}

/** The gathered data of `d` at `idx` (−1 gives a null), any layout. */
export function gatherData(d: Data, idx: Int32Array): Data {
  const n = idx.length;
  const type = d.type as { typeId: number; children?: unknown[] } & Data['type'];
  const { bits, nulls } = gatherValidity(d, idx);
  const base = { type, length: n, nullCount: nulls, nullBitmap: bits };
  switch (type.typeId as Type) {
    case Type.Null:
      return makeData({ type, length: n, nullCount: n } as never);
    case Type.Bool: {
      const src = d.values as Uint8Array;
      const out = new Uint8Array(bitmapBytes(n));
      for (let k = 0; k < n; k++) {
        const i = idx[k]!;
        if (i < 0) continue;
        const j = i + d.offset;
        if ((src[j >> 3]! & (1 << (j & 7))) !== 0) out[k >> 3]! |= 1 << (k & 7);
      }
      return makeData({ ...base, data: out } as never);
    }
    case Type.Binary:
    case Type.Utf8:
    case Type.LargeBinary:
    case Type.LargeUtf8: {
      const src = d.values as Uint8Array;
      const { out, starts, total } = gatherRanges(d.valueOffsets as unknown as Int32Array | BigInt64Array, idx);
      const bytes = new Uint8Array(total);
      const ends = out instanceof BigInt64Array ? (k: number) => Number(out[k]!) : (k: number) => (out as Int32Array)[k]!;
      for (let k = 0; k < n; k++) {
        const o = ends(k);
        const len = ends(k + 1) - o;
        if (len > 0) bytes.set(src.subarray(starts[k]!, starts[k]! + len), o);
      }
      return makeData({ ...base, data: bytes, valueOffsets: out } as never);
    }
    case Type.List:
    case Type.Map:
    case Type.LargeList: {
      const { out, starts, total } = gatherRanges(d.valueOffsets as unknown as Int32Array | BigInt64Array, idx);
      const childIdx = new Int32Array(total);
      const ends = out instanceof BigInt64Array ? (k: number) => Number(out[k]!) : (k: number) => (out as Int32Array)[k]!;
      for (let k = 0; k < n; k++) {
        const o = ends(k);
        const len = ends(k + 1) - o;
        for (let j = 0; j < len; j++) childIdx[o + j] = starts[k]! + j;
      }
      return makeData({ ...base, valueOffsets: out, child: gatherData(d.children[0]!, childIdx) } as never);
    }
    case Type.FixedSizeList: {
      const size = (type as unknown as { listSize: number }).listSize;
      const childIdx = new Int32Array(n * size);
      for (let k = 0; k < n; k++) {
        const i = idx[k]!;
        for (let j = 0; j < size; j++) childIdx[k * size + j] = i < 0 ? -1 : i * size + j;
      }
      return makeData({ ...base, child: gatherData(d.children[0]!, childIdx) } as never);
    }
    case Type.Struct:
      return makeData({ ...base, children: d.children.map((ch) => gatherData(ch, idx)) } as never);
    case Type.Union:
      return gatherUnion(d, idx);
    default:
      return gatherFixed(d, idx, base);
  }
}

/** Fixed-width values, `stride` elements a row (numbers, decimals, intervals, fixed-size binary, dictionary codes). */
function gatherFixed(d: Data, idx: Int32Array, base: object): Data {
  const n = idx.length;
  const src = d.values as AnyTypedArray;
  const stride = d.stride;
  const out = new (src.constructor as TypedArrayConstructor)(n * stride) as AnyTypedArray & { [k: number]: number | bigint };
  const from = src as unknown as { [k: number]: number | bigint };
  if (stride === 1) {
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (i >= 0) out[k] = from[i]!;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (i < 0) continue;
      for (let j = 0; j < stride; j++) out[k * stride + j] = from[i * stride + j]!;
    }
  }
  return makeData({ ...base, data: out, dictionary: d.dictionary } as never);
}

/** A union's rows: type ids gathered; a sparse union gathers every child, a dense one each child's own rows. */
function gatherUnion(d: Data, idx: Int32Array): Data {
  const n = idx.length;
  const type = d.type as unknown as { mode: number; typeIds: ArrayLike<number> };
  const ids = d.typeIds as Int8Array;
  const outIds = new Int8Array(n);
  // A missing row (−1) takes the first child's type id and a null in that child.
  const firstId = type.typeIds[0] ?? 0;
  for (let k = 0; k < n; k++) outIds[k] = idx[k]! < 0 ? firstId : ids[idx[k]!]!;
  if (type.mode === UnionMode.Sparse) {
    // Sparse: every child has a slot per row (a missing row is null in each).
    const children = d.children.map((ch) => gatherData(ch, idx));
    return makeData({ type: d.type, length: n, nullCount: 0, typeIds: outIds, children } as never);
  }
  const offs = d.valueOffsets as Int32Array;
  const childOf = new Map<number, number>(Array.from(type.typeIds, (t, c) => [t, c]));
  const rows: number[][] = d.children.map(() => []);
  const outOffs = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const c = childOf.get(outIds[k]!)!;
    outOffs[k] = rows[c]!.length;
    rows[c]!.push(idx[k]! < 0 ? -1 : offs[idx[k]!]!);
  }
  const children = d.children.map((ch, c) => gatherData(ch, Int32Array.from(rows[c]!)));
  return makeData({ type: d.type, length: n, nullCount: 0, typeIds: outIds, valueOffsets: outOffs, children } as never);
}

/** `takeColumn` for the flat kinds, `takeAny` for the rest (no index is −1). */
export function takeRowsAny(c: Column, idx: Int32Array): Column {
  return FLAT.has(c.dtype.kind) ? takeColumn(c, idx) : takeAny(c, idx);
}
