/**
 * `Data` of any dtype joined end to end into new, compact buffers (record batches into one
 * column chunk; delta dictionaries onto their dictionary). Inputs follow Arrow JS's slicing
 * conventions (see gather.ts); list offsets are rebased, children joined recursively.
 */
import type { Data } from 'apache-arrow';
import { SchemaError } from '../../errors.js';
import type { AnyDType } from '../../dtype/dtype.js';
import { decodeDictionary } from '../../column/access.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { heapAllocator, type AnyTypedArray } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { Dictionary, Int32, Uint16, Uint8, Utf8 } from 'apache-arrow';
import { arrowTypeWith, bitAt, dataOf, emptyData, strideOf, vectorOf } from './arrow-data.js';

const MAX_INT32 = 2147483647;

/** The validity of parts joined (`undefined` when no part has nulls) and the null count. */
export function joinBits(parts: readonly Data[], total: number): { bits: Uint8Array | undefined; nulls: number } {
  let nulls = 0;
  for (const p of parts) nulls += p.nullCount;
  if (nulls === 0) return { bits: undefined, nulls };
  const out = new Uint8Array(bitmapBytes(total));
  let at = 0;
  for (const p of parts) {
    const src = p.nullCount > 0 ? (p.nullBitmap as Uint8Array | undefined) : undefined;
    for (let i = 0; i < p.length; i++) {
      if (src === undefined || src.length === 0 || bitAt(src, p.offset + i)) out[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    }
    at += p.length;
  }
  return { bits: out, nulls };
}

/** Offsets of parts joined and rebased; returns them and each part's `[first, last)` range. */
function joinOffsets(parts: readonly Data[], total: number, large: boolean): { offsets: Int32Array | BigInt64Array; ranges: [number, number][] } {
  const out = large ? new BigInt64Array(total + 1) : new Int32Array(total + 1);
  const ranges: [number, number][] = [];
  let row = 0;
  let at = 0;
  for (const p of parts) {
    const o = p.valueOffsets as Int32Array | BigInt64Array;
    const first = Number(o[0]!);
    const last = Number(o[p.length]!);
    for (let i = 1; i <= p.length; i++) {
      const v = Number(o[i]!) - first + at;
      if (large) (out as BigInt64Array)[row + i] = BigInt(v);
      else (out as Int32Array)[row + i] = v;
    }
    at += last - first;
    if (!large && at > MAX_INT32) throw new SchemaError(`Joined record batches hold ${at} values, more than 32-bit offsets address`);
    row += p.length;
    ranges.push([first, last]);
  }
  return { offsets: out, ranges };
}

function joinFixed(parts: readonly Data[], total: number, s: number): AnyTypedArray {
  const first = parts[0]!.values as AnyTypedArray;
  const out = new (first.constructor as new (n: number) => AnyTypedArray)(total * s);
  let at = 0;
  for (const p of parts) {
    (out as Int32Array).set((p.values as Int32Array).subarray(0, p.length * s), at);
    at += p.length * s;
  }
  return out;
}

/** Categorical parts: one shared dictionary kept, different ones merged by value (codes remapped). */
function joinCategorical(parts: readonly Data[], total: number, bits: Uint8Array | undefined, nulls: number): Data {
  const dict0 = parts[0]!.dictionary!;
  if (parts.every((p) => p.dictionary === dict0)) {
    return dataOf({ type: parts[0]!.type, length: total, nullCount: nulls, data: joinFixed(parts, total, 1), nullBitmap: bits, dictionary: dict0 });
  }
  const index = new Map<string, number>();
  const merged: string[] = [];
  const codes = new Int32Array(total);
  let at = 0;
  for (const p of parts) {
    const strings = decodeDictionary(p.dictionary!);
    const remap = strings.map((s) => {
      let c = index.get(s);
      if (c === undefined) {
        c = merged.length;
        merged.push(s);
        index.set(s, c);
      }
      return c;
    });
    const src = p.values as Int32Array;
    for (let i = 0; i < p.length; i++) codes[at + i] = remap[src[i]!] ?? 0;
    at += p.length;
  }
  const b = new Utf8Bytes(heapAllocator, merged.length, 64);
  for (const s of merged) b.push(s);
  const { bytes, offsets } = b.finish();
  const dict = dataOf({ type: new Utf8(), length: merged.length, nullCount: 0, data: bytes, valueOffsets: offsets });
  const narrow = merged.length <= 256 ? Uint8Array.from(codes) : merged.length <= 65536 ? Uint16Array.from(codes) : codes;
  const indexType = narrow instanceof Uint8Array ? new Uint8() : narrow instanceof Uint16Array ? new Uint16() : new Int32();
  return dataOf({ type: new Dictionary(new Utf8(), indexType as Uint8), length: total, nullCount: nulls, data: narrow, nullBitmap: bits, dictionary: vectorOf(dict) });
}

function joinUnion(dtype: AnyDType, parts: readonly Data[], total: number): Data {
  const typeIds = new Int8Array(total);
  let at = 0;
  for (const p of parts) {
    typeIds.set((p.typeIds as Int8Array).subarray(0, p.length), at);
    at += p.length;
  }
  const fields = dtype.fields!;
  if (dtype.mode === 'sparse') {
    const children = fields.map((f, c) => concatData(f.dtype, parts.map((p) => p.children[c]!.slice(0, p.length))));
    return dataOf({ type: arrowTypeWith(dtype, children), length: total, typeIds, children });
  }
  const childOf = new Int8Array(128).fill(-1);
  dtype.typeIds!.forEach((t, c) => (childOf[t] = c));
  const offsets = new Int32Array(total);
  const base = fields.map(() => 0);
  at = 0;
  for (const p of parts) {
    const ids = p.typeIds as Int8Array;
    const o = p.valueOffsets as Int32Array;
    for (let i = 0; i < p.length; i++) offsets[at + i] = o[i]! + base[childOf[ids[i]!]!]!;
    fields.forEach((_, c) => (base[c]! += p.children[c]!.length));
    at += p.length;
  }
  const children = fields.map((f, c) => concatData(f.dtype, parts.map((p) => p.children[c]!)));
  return dataOf({ type: arrowTypeWith(dtype, children), length: total, typeIds, valueOffsets: offsets, children });
}

/**
 * The parts joined into one `Data` of `dtype` (new buffers; one part is returned as is).
 * @throws SchemaError when joined text or list items pass what 32-bit offsets address.
 * @example
 * ```ts
 * import { Utf8, vectorFromArray } from 'apache-arrow';
 * const a = vectorFromArray(['a', 'b'], new Utf8()).data[0]!;
 * const b = vectorFromArray(['c'], new Utf8()).data[0]!;
 * const d = concatData(utf8(), [a.slice(1, 1), b]);
 * [d.length, Array.from(d.valueOffsets), new TextDecoder().decode(d.values)]; // → [ 2, [ 0, 1, 2 ], 'bc' ]
 * ```
 */
export function concatData(dtype: AnyDType, parts: readonly Data[]): Data {
  if (parts.length === 0) return emptyData(dtype);
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  if (dtype.kind === 'union') return joinUnion(dtype, parts, total);
  if (dtype.kind === 'null') return dataOf({ type: parts[0]!.type, length: total });
  const { bits, nulls } = joinBits(parts, total);
  const head = { type: parts[0]!.type, length: total, nullCount: nulls, nullBitmap: bits };
  switch (dtype.kind) {
    case 'bool': {
      const out = new Uint8Array(bitmapBytes(total));
      let at = 0;
      for (const p of parts) {
        const src = p.values as Uint8Array;
        for (let i = 0; i < p.length; i++) if (bitAt(src, p.offset + i)) out[(at + i) >> 3]! |= 1 << ((at + i) & 7);
        at += p.length;
      }
      return dataOf({ ...head, data: out });
    }
    case 'utf8':
    case 'binary':
    case 'largeUtf8':
    case 'largeBinary': {
      const large = dtype.kind === 'largeUtf8' || dtype.kind === 'largeBinary';
      const { offsets, ranges } = joinOffsets(parts, total, large);
      const bytes = new Uint8Array(Number(offsets[total]!));
      let at = 0;
      parts.forEach((p, k) => {
        const [a, b] = ranges[k]!;
        bytes.set((p.values as Uint8Array).subarray(a, b), at);
        at += b - a;
      });
      return dataOf({ ...head, data: bytes, valueOffsets: offsets });
    }
    case 'categorical':
      return joinCategorical(parts, total, bits, nulls);
    case 'list':
    case 'largeList':
    case 'map': {
      const { offsets, ranges } = joinOffsets(parts, total, dtype.kind === 'largeList');
      const child = concatData(
        dtype.item!.dtype,
        parts.map((p, k) => p.children[0]!.slice(ranges[k]![0], ranges[k]![1] - ranges[k]![0])),
      );
      return dataOf({ ...head, type: arrowTypeWith(dtype, [child]), valueOffsets: offsets, child });
    }
    case 'fixedSizeList': {
      const s = dtype.size!;
      const child = concatData(
        dtype.item!.dtype,
        parts.map((p) => p.children[0]!.slice(0, p.length * s)),
      );
      return dataOf({ ...head, type: arrowTypeWith(dtype, [child]), child });
    }
    case 'struct': {
      const children = dtype.fields!.map((f, c) => concatData(f.dtype, parts.map((p) => p.children[c]!.slice(0, p.length))));
      return dataOf({ ...head, type: arrowTypeWith(dtype, children), children });
    }
    default:
      return dataOf({ ...head, data: joinFixed(parts, total, strideOf(dtype)) });
  }
}
