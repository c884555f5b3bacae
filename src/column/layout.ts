/**
 * The physical layouts of Arrow data, as the generic row-moving kernels (take, concat, null
 * columns) see them: the one place that maps a dtype to its layout, plus the validity and
 * type-rebuilding helpers those kernels share.
 *
 * Arrow JS conventions (apache-arrow 21): fixed-width `values`, `valueOffsets` and `typeIds` are
 * sliced to the data's range; validity bitmaps and bit-packed booleans are indexed at
 * `data.offset + i`; struct, sparse-union and fixed-size-list children are sliced with their parent
 * (a fixed-size list's child by `size` items a row), while list, map and dense-union children are
 * not (the offsets point into them).
 */
import { Utf8, Vector, makeData, type Data, type DataType, type Field } from 'apache-arrow';
import type { AnyDType } from '../dtype/dtype.js';
import { arrowTypeWith, childFieldsOf } from './arrow-type.js';
import { bitmapBytes } from '../util/bits.js';
import { allocTyped, type Allocator } from '../util/alloc.js';

/**
 * How a dtype's rows are laid out:
 * - `null`: no buffers;
 * - `bits`: bit-packed booleans;
 * - `fixed`: `stride` typed-array elements a row (numbers, temporal kinds, float16, decimals,
 *   intervals, fixed-size binary, categorical codes);
 * - `binary`: bytes plus 32-bit (`large: false`) or 64-bit offsets (utf8, binary and their large forms);
 * - `list`: offsets into one child (list, largeList, map);
 * - `fixedList`: `size` child items a row;
 * - `struct`: one child a field, row-aligned;
 * - `sparseUnion` / `denseUnion`: type ids, and row-aligned children or offsets into them.
 */
export type Layout = 'null' | 'bits' | 'fixed' | 'binary' | 'list' | 'fixedList' | 'struct' | 'sparseUnion' | 'denseUnion';

/**
 * The layout of a dtype.
 * @example
 * ```ts
 * [layoutOf(int32()), layoutOf(decimal(10, 2)), layoutOf(map(utf8(), int32()))]; // → [ 'fixed', 'fixed', 'list' ]
 * ```
 */
export function layoutOf(d: AnyDType): Layout {
  switch (d.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return 'bits';
    case 'utf8':
    case 'largeUtf8':
    case 'binary':
    case 'largeBinary':
      return 'binary';
    case 'list':
    case 'largeList':
    case 'map':
      return 'list';
    case 'fixedSizeList':
      return 'fixedList';
    case 'struct':
      return 'struct';
    case 'union':
      return d.mode === 'dense' ? 'denseUnion' : 'sparseUnion';
    default:
      return 'fixed';
  }
}

/** Whether the offsets of a `binary` or `list` layout are 64-bit (BigInt64Array). */
export function hasLargeOffsets(d: AnyDType): boolean {
  return d.kind === 'largeUtf8' || d.kind === 'largeBinary' || d.kind === 'largeList';
}

export { childFieldsOf as childFields } from './arrow-type.js';

/** The validity bitmap of `data` (indexed at `data.offset + i`), or null when no row is null. */
export function validBits(data: Data): Uint8Array | null {
  const bits = data.nullBitmap as Uint8Array | undefined;
  if (bits === undefined || bits.length === 0 || data.nullCount === 0) return null;
  return bits;
}

/** Whether row `i` of `data` (with validity `bits` from {@link validBits}) is valid. */
export function isValidAt(bits: Uint8Array | null, offset: number, i: number): boolean {
  if (bits === null) return true;
  const j = i + offset;
  return (bits[j >> 3]! & (1 << (j & 7))) !== 0;
}

/**
 * Copy `n` bits of `src` from bit `so` into `dst` from bit `dO` (`null` source: all set). `dst`
 * must be zeroed where it is written.
 */
export function copyBits(src: Uint8Array | null, so: number, dst: Uint8Array, dO: number, n: number): void {
  if (src === null) {
    let i = 0;
    for (; i < n && ((dO + i) & 7) !== 0; i++) dst[(dO + i) >> 3]! |= 1 << ((dO + i) & 7);
    const whole = (n - i) >> 3;
    if (whole > 0) dst.fill(0xff, (dO + i) >> 3, ((dO + i) >> 3) + whole);
    for (i += whole << 3; i < n; i++) dst[(dO + i) >> 3]! |= 1 << ((dO + i) & 7);
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

/** A bitmap of `n` bits, all clear, from the allocator. */
export function clearBitmap(n: number, allocator: Allocator): Uint8Array {
  return allocTyped(Uint8Array, bitmapBytes(n), allocator);
}

/** A Utf8 dictionary with no entry, or (`withEmpty`) the empty string alone: for categorical rows that name nothing. */
export function emptyDictionary(withEmpty = false): Vector {
  const n = withEmpty ? 1 : 0;
  return new Vector([makeData({ type: new Utf8(), length: n, nullCount: 0, data: new Uint8Array(0), valueOffsets: new Int32Array(n + 1) })]);
}

/**
 * The Arrow type of nested data of dtype `d` whose children are `children`: `type` itself when the
 * children's types are the ones it names (the usual case), else a new type naming the children's
 * types (a categorical child whose merged dictionary needs wider indices changes its type).
 */
export function nestedType(d: AnyDType, type: DataType, children: readonly Data[]): DataType {
  const named = (type.children ?? []) as readonly Field[];
  const kids = childFieldsOf(d);
  if (named.length === children.length && named.every((f, k) => f.type === children[k]!.type && f.nullable === kids[k]!.dtype.nullable)) return type;
  return arrowTypeWith(d, children);
}

/** Child index (position in `dtype.fields`) of each union type id. */
export function unionChildIndex(dtype: AnyDType): Int8Array {
  const out = new Int8Array(128).fill(-1);
  dtype.typeIds!.forEach((t, k) => (out[t] = k));
  return out;
}
