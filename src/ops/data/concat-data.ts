/**
 * Joining Arrow data end to end, for every layout (layout.ts): validity and booleans by bit
 * copies, fixed-width values by one copy, bytes with shifted offsets, lists by their items'
 * rows, structs and sparse unions child by child, dense unions by the child rows each part
 * references, categoricals with their dictionaries merged (at any depth).
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { InvalidArgumentError, SchemaError } from '../../errors.js';
import type { AnyDType } from '../../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../../dtype/arrow.js';
import { decodeDictionary } from '../../column/readers.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { allocTyped, heapAllocator, type Allocator, type AnyTypedArray, type TypedArrayConstructor } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { childFields, copyBits, hasLargeOffsets, layoutOf, nestedType, validBits } from './layout.js';
import { unionChildIndex } from './take-data.js';

const MAX_INDEX = 2 ** 31 - 1;

/** The joined validity of the parts, or undefined when none has a null. */
function joinValidity(parts: readonly Data[], total: number, allocator: Allocator): Uint8Array | undefined {
  if (parts.every((p) => validBits(p) === null)) return undefined;
  const out = allocTyped(Uint8Array, bitmapBytes(total), allocator);
  let at = 0;
  for (const p of parts) {
    copyBits(validBits(p), p.offset, out, at, p.length);
    at += p.length;
  }
  return out;
}

/** A child of a row-aligned parent cut to the parent's rows (`rows` child rows from the start). */
function childRows(child: Data, rows: number): Data {
  return child.length === rows ? child : child.slice(0, rows);
}

/** The merged dictionary of categorical parts and each part's code remapping (null: codes unchanged). */
export function mergeDictionaries(parts: readonly Data[]): { strings: string[]; remaps: (Int32Array | null)[] } {
  const first = parts[0]!.dictionary;
  const strings = first === undefined ? [] : decodeDictionary(first);
  const index = new Map(strings.map((s, i) => [s, i]));
  const remaps = parts.map((p, k) => {
    if (k === 0 || p.dictionary === first) return null;
    const ds = p.dictionary === undefined ? [] : decodeDictionary(p.dictionary);
    const remap = new Int32Array(ds.length);
    let identity = true;
    ds.forEach((s, j) => {
      let c = index.get(s);
      if (c === undefined) {
        c = strings.length;
        strings.push(s);
        index.set(s, c);
      }
      remap[j] = c;
      if (c !== j) identity = false;
    });
    return identity ? null : remap;
  });
  return { strings, remaps };
}

/** A Utf8 dictionary vector of `strings`. */
export function dictionaryOf(strings: readonly string[], allocator: Allocator): Vector {
  const dict = new Utf8Bytes(allocator, strings.length, 64);
  for (const s of strings) dict.push(s);
  const { bytes, offsets } = dict.finish();
  return new Vector([makeData({ type: new Utf8(), length: strings.length, nullCount: 0, data: bytes, valueOffsets: offsets } as never)]);
}

function concatCategorical(parts: readonly Data[], dtype: AnyDType, total: number, nullBitmap: Uint8Array | undefined, nullCount: number, allocator: Allocator): Data {
  const sameDict = parts.every((p) => p.dictionary === parts[0]!.dictionary);
  const { strings, remaps } = sameDict ? { strings: null, remaps: null } : mergeDictionaries(parts);
  const size = strings === null ? (parts[0]!.dictionary?.length ?? 0) : strings.length;
  const width = indexWidthFor(size);
  const ctor = width === 'uint8' ? Uint8Array : width === 'uint16' ? Uint16Array : Int32Array;
  const codes = allocTyped(ctor, total, allocator);
  let at = 0;
  parts.forEach((p, k) => {
    const src = p.values as Uint8Array;
    const remap = remaps?.[k] ?? null;
    if (remap === null && src.constructor === ctor) codes.set(src.subarray(0, p.length), at);
    else if (remap === null) for (let i = 0; i < p.length; i++) codes[at + i] = src[i]!;
    else {
      // A null row keeps code 0 (as the readers' sinks write it), so joined bytes do not depend on where parts meet.
      const bits = p.nullCount > 0 ? (p.nullBitmap as Uint8Array | undefined) : undefined;
      for (let i = 0; i < p.length; i++) {
        const j = i + p.offset;
        codes[at + i] = bits !== undefined && bits.length > 0 && (bits[j >> 3]! & (1 << (j & 7))) === 0 ? 0 : remap[src[i]!]!;
      }
    }
    at += p.length;
  });
  const dictionary = strings === null ? parts[0]!.dictionary : dictionaryOf(strings, allocator);
  const type = sameDict && parts[0]!.values.constructor === ctor ? parts[0]!.type : toArrowType(dtype, arrowIndexType(width));
  return makeData({ type, length: total, nullCount, data: codes, nullBitmap, dictionary } as never);
}

function concatBinary(parts: readonly Data[], dtype: AnyDType, total: number, nullBitmap: Uint8Array | undefined, nullCount: number, allocator: Allocator): Data {
  const large = hasLargeOffsets(dtype);
  const at = (p: Data, i: number) => (large ? Number((p.valueOffsets as unknown as BigInt64Array)[i]!) : (p.valueOffsets as Int32Array)[i]!);
  let bytesTotal = 0;
  for (const p of parts) bytesTotal += at(p, p.length) - at(p, 0);
  if (!large && bytesTotal > MAX_INDEX) {
    throw new SchemaError(`The joined ${dtype.kind} column passes 2 GiB (${bytesTotal} bytes), which 32-bit offsets cannot address; cast to large${dtype.kind === 'utf8' ? 'Utf8' : 'Binary'} first`);
  }
  const bytes = allocTyped(Uint8Array, bytesTotal, allocator);
  const offsets = large ? allocTyped(BigInt64Array, total + 1, allocator) : allocTyped(Int32Array, total + 1, allocator);
  let row = 0;
  let base = 0;
  for (const p of parts) {
    const s = at(p, 0);
    const e = at(p, p.length);
    bytes.set((p.values as Uint8Array).subarray(s, e), base);
    if (large) {
      const o = offsets as BigInt64Array;
      const src = p.valueOffsets as unknown as BigInt64Array;
      const shift = BigInt(base - s);
      for (let i = 1; i <= p.length; i++) o[row + i] = src[i]! + shift;
    } else {
      const o = offsets as Int32Array;
      const src = p.valueOffsets as Int32Array;
      const shift = base - s;
      for (let i = 1; i <= p.length; i++) o[row + i] = src[i]! + shift;
    }
    row += p.length;
    base += e - s;
  }
  return makeData({ type: parts[0]!.type, length: total, nullCount, data: bytes, valueOffsets: offsets, nullBitmap } as never);
}

function concatList(parts: readonly Data[], dtype: AnyDType, total: number, nullBitmap: Uint8Array | undefined, nullCount: number, allocator: Allocator): Data {
  const large = hasLargeOffsets(dtype);
  const at = (p: Data, i: number) => (large ? Number((p.valueOffsets as unknown as BigInt64Array)[i]!) : (p.valueOffsets as Int32Array)[i]!);
  const offsets = large ? allocTyped(BigInt64Array, total + 1, allocator) : allocTyped(Int32Array, total + 1, allocator);
  const items: Data[] = [];
  let row = 0;
  let base = 0;
  for (const p of parts) {
    const s = at(p, 0);
    const e = at(p, p.length);
    items.push(p.children[0]!.slice(s, e - s));
    for (let i = 1; i <= p.length; i++) {
      const v = at(p, i) - s + base;
      if (large) (offsets as BigInt64Array)[row + i] = BigInt(v);
      else (offsets as Int32Array)[row + i] = v;
    }
    row += p.length;
    base += e - s;
  }
  if (!large && base > MAX_INDEX) throw new InvalidArgumentError(`The joined ${dtype.kind} column holds ${base} items, more than 32-bit offsets address; cast to largeList first`, base);
  const child = concatData(items, childFields(dtype)[0]!.dtype, allocator);
  return makeData({ type: nestedType(dtype, parts[0]!.type, [child]), length: total, nullCount, valueOffsets: offsets, child, nullBitmap } as never);
}

function concatDenseUnion(parts: readonly Data[], dtype: AnyDType, total: number, allocator: Allocator): Data {
  const fields = childFields(dtype);
  const childOf = unionChildIndex(dtype);
  const typeIds = allocTyped(Int8Array, total, allocator);
  const valueOffsets = allocTyped(Int32Array, total, allocator);
  const pieces: Data[][] = fields.map(() => []);
  const base = new Int32Array(fields.length);
  let row = 0;
  for (const p of parts) {
    const ids = p.typeIds as Int8Array;
    const offs = p.valueOffsets as Int32Array;
    // The range of each child's rows this part references.
    const lo = new Int32Array(fields.length).fill(MAX_INDEX);
    const hi = new Int32Array(fields.length).fill(-1);
    for (let i = 0; i < p.length; i++) {
      const c = childOf[ids[i]!]!;
      if (offs[i]! < lo[c]!) lo[c] = offs[i]!;
      if (offs[i]! > hi[c]!) hi[c] = offs[i]!;
    }
    for (let i = 0; i < p.length; i++) {
      const c = childOf[ids[i]!]!;
      typeIds[row + i] = ids[i]!;
      valueOffsets[row + i] = offs[i]! - lo[c]! + base[c]!;
    }
    fields.forEach((_, c) => {
      if (hi[c]! < 0) return;
      pieces[c]!.push(p.children[c]!.slice(lo[c]!, hi[c]! - lo[c]! + 1));
      base[c]! += hi[c]! - lo[c]! + 1;
    });
    row += p.length;
  }
  const children = fields.map((f, c) => concatData(pieces[c]!.length > 0 ? pieces[c]! : [parts[0]!.children[c]!.slice(0, 0)], f.dtype, allocator));
  return makeData({ type: nestedType(dtype, parts[0]!.type, children), length: total, nullCount: 0, typeIds, valueOffsets, children } as never);
}

/**
 * `parts` (data of `dtype`, nullability aside) end to end, as one new data; buffers from
 * `allocator`. Categorical parts with different dictionaries get a merged dictionary (the
 * first part's entries first) and codes as wide as it needs.
 * @throws SchemaError when the joined bytes pass 2 GiB in a column of 32-bit offsets; InvalidArgumentError
 *   when the joined list items pass what 32-bit offsets address.
 * @example
 * ```ts
 * const a = DataFrame.fromColumns({ s: ['x', 'y'] }, { schema: { s: categorical() } }).getColumn('s');
 * const b = DataFrame.fromColumns({ s: ['z', 'x'] }, { schema: { s: categorical() } }).getColumn('s');
 * new Column('s', categorical(), concatData([a.data, b.data], a.dtype)).toArray(); // → [ 'x', 'y', 'z', 'x' ]
 * ```
 */
export function concatData(parts: readonly Data[], dtype: AnyDType, allocator: Allocator = heapAllocator): Data {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((n, p) => n + p.length, 0);
  const layout = layoutOf(dtype);
  const type = parts[0]!.type;
  if (layout === 'null') return makeData({ type, length: total, nullCount: total } as never);
  if (layout === 'denseUnion') return concatDenseUnion(parts, dtype, total, allocator);
  if (layout === 'sparseUnion') {
    const typeIds = allocTyped(Int8Array, total, allocator);
    let at = 0;
    for (const p of parts) {
      typeIds.set((p.typeIds as Int8Array).subarray(0, p.length), at);
      at += p.length;
    }
    const children = childFields(dtype).map((f, k) => concatData(parts.map((p) => childRows(p.children[k]!, p.length)), f.dtype, allocator));
    return makeData({ type: nestedType(dtype, type, children), length: total, nullCount: 0, typeIds, children } as never);
  }
  const nullBitmap = joinValidity(parts, total, allocator);
  const nullCount = parts.reduce((n, p) => n + p.nullCount, 0);
  switch (layout) {
    case 'bits': {
      const bits = allocTyped(Uint8Array, bitmapBytes(total), allocator);
      let at = 0;
      for (const p of parts) {
        copyBits(p.values as Uint8Array, p.offset, bits, at, p.length);
        at += p.length;
      }
      return makeData({ type, length: total, nullCount, data: bits, nullBitmap } as never);
    }
    case 'binary':
      return concatBinary(parts, dtype, total, nullBitmap, nullCount, allocator);
    case 'list':
      return concatList(parts, dtype, total, nullBitmap, nullCount, allocator);
    case 'fixedList': {
      const size = dtype.size!;
      const child = concatData(
        parts.map((p) => childRows(p.children[0]!, p.length * size)),
        childFields(dtype)[0]!.dtype,
        allocator,
      );
      return makeData({ type: nestedType(dtype, type, [child]), length: total, nullCount, child, nullBitmap } as never);
    }
    case 'struct': {
      const children = childFields(dtype).map((f, k) => concatData(parts.map((p) => childRows(p.children[k]!, p.length)), f.dtype, allocator));
      return makeData({ type: nestedType(dtype, type, children), length: total, nullCount, children, nullBitmap } as never);
    }
    default: {
      if (dtype.kind === 'categorical') return concatCategorical(parts, dtype, total, nullBitmap, nullCount, allocator);
      const first = parts[0]!.values as AnyTypedArray;
      const stride = parts[0]!.stride;
      const out = allocTyped(first.constructor as TypedArrayConstructor, total * stride, allocator) as Float64Array;
      let at = 0;
      for (const p of parts) {
        out.set((p.values as Float64Array).subarray(0, p.length * stride), at);
        at += p.length * stride;
      }
      return makeData({ type, length: total, nullCount, data: out, nullBitmap } as never);
    }
  }
}
