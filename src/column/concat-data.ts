/**
 * Arrow `Data` of one type joined into one `Data`, for any layout: validity bitmaps and boolean
 * bits are re-packed from each part's bit offset, fixed-width values copied, offsets rebased,
 * children joined recursively (a list's children over the ranges its offsets cover, a dense
 * union's offsets shifted per member). Categorical dictionaries are merged by value. One copy into
 * buffers from the allocator; the parts are not changed.
 */
import { makeData, type Data, type DataType } from 'apache-arrow';
import { SchemaError } from '../errors.js';
import type { AnyDType } from '../dtype/dtype.js';
import { allocTyped, heapAllocator, type Allocator, type AnyTypedArray, type TypedArrayConstructor } from '../util/alloc.js';
import { bitmapBytes } from '../util/bits.js';
import { arrowTypeWith } from './arrow-type.js';
import { makeBuilder } from './builders.js';
import { nullableReader } from './readers.js';

/** Copy bits `[from, from + n)` of `src` (all set when absent) to bits `[at, at + n)` of `dst` (zeroed). */
function copyBits(src: Uint8Array | null | undefined, from: number, dst: Uint8Array, at: number, n: number): void {
  if (src === null || src === undefined || src.length === 0) {
    for (let i = 0; i < n; i++) dst[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    return;
  }
  if ((from & 7) === 0 && (at & 7) === 0) {
    const whole = n >> 3;
    dst.set(src.subarray(from >> 3, (from >> 3) + whole), at >> 3);
    for (let i = whole * 8; i < n; i++) if ((src[(from + i) >> 3]! & (1 << ((from + i) & 7))) !== 0) dst[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    return;
  }
  for (let i = 0; i < n; i++) if ((src[(from + i) >> 3]! & (1 << ((from + i) & 7))) !== 0) dst[(at + i) >> 3]! |= 1 << ((at + i) & 7);
}

/** The joined validity bitmap, or `undefined` when no part has a null. */
function joinValidity(parts: readonly Data[], total: number, alloc: Allocator): Uint8Array | undefined {
  if (parts.every((p) => p.nullCount === 0)) return undefined;
  const out = allocTyped(Uint8Array, bitmapBytes(total), alloc);
  let at = 0;
  for (const p of parts) {
    copyBits(p.nullCount > 0 ? p.nullBitmap : undefined, p.offset, out, at, p.length);
    at += p.length;
  }
  return out;
}

/** Elements `[0, n)` of each part's (already sliced) values, one after another. */
function joinValues(arrays: readonly AnyTypedArray[], counts: readonly number[], alloc: Allocator): AnyTypedArray {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = allocTyped(arrays[0]!.constructor as TypedArrayConstructor, total, alloc);
  let at = 0;
  arrays.forEach((a, k) => {
    (out as Float64Array).set((a as Float64Array).subarray(0, counts[k]!), at);
    at += counts[k]!;
  });
  return out;
}

/** Offsets of each part rebased to run on from the last; returns them and each part's child range. */
function joinOffsets(parts: readonly Data[], total: number, alloc: Allocator, large: boolean): { offsets: Int32Array | BigInt64Array; ranges: [number, number][] } {
  const offsets = allocTyped(large ? BigInt64Array : Int32Array, total + 1, alloc);
  const ranges: [number, number][] = [];
  let row = 0;
  let at = 0;
  for (const p of parts) {
    const o = p.valueOffsets as unknown as ArrayLike<number | bigint>;
    const start = Number(o[0]!);
    const end = Number(o[p.length]!);
    if (large) for (let i = 1; i <= p.length; i++) (offsets as BigInt64Array)[row + i] = BigInt(Number(o[i]!) - start + at);
    else for (let i = 1; i <= p.length; i++) (offsets as Int32Array)[row + i] = (o[i] as number) - start + at;
    ranges.push([start, end]);
    at += end - start;
    row += p.length;
  }
  if (!large && at > 2 ** 31 - 1) throw new SchemaError(`The parts hold ${at} values or bytes together, more than 32-bit offsets address; use a large type`);
  return { offsets, ranges };
}

/**
 * `parts` (Arrow data of dtype `dtype`, all of one Arrow type) joined into one `Data` of that
 * type; buffers come from `allocator`. A single part is returned as it is.
 * @throws SchemaError when joined values pass what 32-bit offsets address.
 * @example
 * ```ts
 * import { readerOf } from './readers.js';
 * const a = DataFrame.fromColumns({ xs: [[1], null] }, { schema: { xs: nullable(list(int32())) } }).getColumn('xs');
 * const b = DataFrame.fromColumns({ xs: [[2, 3]] }, { schema: { xs: nullable(list(int32())) } }).getColumn('xs');
 * const joined = concatData([a.data, b.data], a.dtype);
 * readerOf(joined, a.dtype, 'xs', 'json')(2); // → [ 2, 3 ]
 * [joined.length, joined.nullCount]; // → [ 3, 1 ]
 * ```
 */
export function concatData(parts: readonly Data[], dtype: AnyDType, allocator: Allocator = heapAllocator): Data {
  if (parts.length === 1) return parts[0]!;
  const type = (parts[0]?.type ?? undefined) as DataType;
  const total = parts.reduce((n, p) => n + p.length, 0);
  if (parts.length === 0) return makeBuilder(dtype, '', { allocator }).finish();
  const nullCount = parts.reduce((n, p) => n + p.nullCount, 0);
  const nullBitmap = dtype.kind === 'union' || dtype.kind === 'null' ? undefined : joinValidity(parts, total, allocator);
  const base = { type, length: total, nullCount, nullBitmap };
  switch (dtype.kind) {
    case 'null':
      return makeData({ type, length: total } as never);
    case 'bool': {
      const bits = allocTyped(Uint8Array, bitmapBytes(total), allocator);
      let at = 0;
      for (const p of parts) {
        copyBits(p.values as Uint8Array, p.offset, bits, at, p.length);
        at += p.length;
      }
      return makeData({ ...base, data: bits } as never);
    }
    case 'utf8':
    case 'largeUtf8':
    case 'binary':
    case 'largeBinary': {
      const { offsets, ranges } = joinOffsets(parts, total, allocator, dtype.kind === 'largeUtf8' || dtype.kind === 'largeBinary');
      const bytes = joinValues(
        parts.map((p, k) => (p.values as Uint8Array).subarray(ranges[k]![0])),
        ranges.map(([s, e]) => e - s),
        allocator,
      );
      return makeData({ ...base, data: bytes, valueOffsets: offsets } as never);
    }
    case 'categorical':
      return rebuild(parts, dtype, total, allocator);
    case 'list':
    case 'largeList':
    case 'map': {
      const { offsets, ranges } = joinOffsets(parts, total, allocator, dtype.kind === 'largeList');
      const child = concatData(
        parts.map((p, k) => p.children[0]!.slice(ranges[k]![0], ranges[k]![1] - ranges[k]![0])),
        dtype.item!.dtype, // a map's item is its entries struct
        allocator,
      );
      return makeData({ ...base, type: arrowTypeWith(dtype, [child]), valueOffsets: offsets, child } as never);
    }
    case 'fixedSizeList': {
      const n = dtype.size!;
      const child = concatData(
        parts.map((p) => sliceTo(p.children[0]!, p.length * n)),
        dtype.item!.dtype,
        allocator,
      );
      return makeData({ ...base, type: arrowTypeWith(dtype, [child]), child } as never);
    }
    case 'struct': {
      const children = dtype.fields!.map((f, k) =>
        concatData(
          parts.map((p) => sliceTo(p.children[k]!, p.length)),
          f.dtype,
          allocator,
        ),
      );
      return makeData({ ...base, type: arrowTypeWith(dtype, children), children } as never);
    }
    case 'union':
      return joinUnion(parts, dtype, total, allocator);
    default: {
      // Fixed-width values, `stride` elements a row (decimals, intervals, fixed-size binary: more than one).
      const stride = parts[0]!.stride;
      const values = joinValues(
        parts.map((p) => p.values as AnyTypedArray),
        parts.map((p) => p.length * stride),
        allocator,
      );
      return makeData({ ...base, data: values } as never);
    }
  }
}

/** The first `n` rows of a child (children sliced with their parent may still be longer). */
function sliceTo(d: Data, n: number): Data {
  return d.length === n ? d : d.slice(0, n);
}

function joinUnion(parts: readonly Data[], dtype: AnyDType, total: number, allocator: Allocator): Data {
  const typeIds = joinValues(
    parts.map((p) => p.typeIds as Int8Array),
    parts.map((p) => p.length),
    allocator,
  ) as Int8Array;
  const ids = dtype.typeIds!;
  if (dtype.mode !== 'dense') {
    const children = dtype.fields!.map((f, k) =>
      concatData(
        parts.map((p) => sliceTo(p.children[k]!, p.length)),
        f.dtype,
        allocator,
      ),
    );
    return makeData({ type: arrowTypeWith(dtype, children), length: total, nullCount: 0, typeIds, children } as never);
  }
  // Dense: members are joined whole; each part's offsets shift by the rows its members' earlier parts hold.
  const member = new Int32Array(128).fill(-1);
  ids.forEach((id, k) => (member[id] = k));
  const offsets = allocTyped(Int32Array, total, allocator);
  const shift = ids.map(() => 0);
  let row = 0;
  for (const p of parts) {
    const t = p.typeIds as Int8Array;
    const o = p.valueOffsets as Int32Array;
    for (let i = 0; i < p.length; i++) offsets[row + i] = o[i]! + shift[member[t[i]!]!]!;
    p.children.forEach((c, k) => (shift[k]! += c.length));
    row += p.length;
  }
  const children = dtype.fields!.map((f, k) =>
    concatData(
      parts.map((p) => p.children[k]!),
      f.dtype,
      allocator,
    ),
  );
  return makeData({ type: arrowTypeWith(dtype, children), length: total, nullCount: 0, typeIds, valueOffsets: offsets, children } as never);
}

/** Values read and appended again (categoricals: the dictionaries are merged by value). */
function rebuild(parts: readonly Data[], dtype: AnyDType, total: number, allocator: Allocator): Data {
  const b = makeBuilder(dtype, '', { allocator, capacity: Math.max(1, total) });
  for (const p of parts) {
    const read = nullableReader(p, dtype, '', 'plain');
    for (let i = 0; i < p.length; i++) b.append(read(i));
  }
  return b.finish();
}
