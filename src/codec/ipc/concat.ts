/**
 * Record batches joined into one chunk per column (the frame model: one Arrow `Data` per
 * column). This is a copy; a single batch is kept as is (zero-copy).
 */
import { Dictionary, Int32, Uint16, Uint8, Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { SchemaError } from '../../errors.js';
import type { AnyDType } from '../../dtype/dtype.js';
import { indexWidthFor } from '../../dtype/arrow.js';
import { decodeDictionary } from '../../column/access.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { buildData } from '../../column/builders.js';
import { heapAllocator } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { emptyData } from './arrow-data.js';
import { concatData } from '../../column/concat-data.js';

/** One batch's data for a column, with the dictionary generation it refers to (categoricals). */
export interface Part {
  readonly data: Data;
  readonly generation: number;
}

function copyBits(src: Uint8Array | undefined, dst: Uint8Array, at: number, n: number): void {
  if (src === undefined) {
    for (let i = 0; i < n; i++) dst[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    return;
  }
  if ((at & 7) === 0) {
    const whole = n >> 3;
    dst.set(src.subarray(0, whole), at >> 3);
    for (let i = whole * 8; i < n; i++) if ((src[i >> 3]! & (1 << (i & 7))) !== 0) dst[(at + i) >> 3]! |= 1 << ((at + i) & 7);
    return;
  }
  for (let i = 0; i < n; i++) if ((src[i >> 3]! & (1 << (i & 7))) !== 0) dst[(at + i) >> 3]! |= 1 << ((at + i) & 7);
}

function joinValidity(parts: readonly Data[], total: number): Uint8Array | undefined {
  if (parts.every((p) => p.nullCount === 0)) return undefined;
  const out = new Uint8Array(bitmapBytes(total));
  let at = 0;
  for (const p of parts) {
    copyBits(p.nullCount > 0 ? p.nullBitmap : undefined, out, at, p.length);
    at += p.length;
  }
  return out;
}

function joinUtf8(parts: readonly Data[], total: number, nullCount: number, validity: Uint8Array | undefined): Data {
  let bytesTotal = 0;
  for (const p of parts) {
    const o = p.valueOffsets as Int32Array;
    bytesTotal += o[p.length]! - o[0]!;
  }
  if (bytesTotal > 2147483647) throw new SchemaError(`A text column's record batches hold ${bytesTotal} bytes together, more than the 2 GiB a utf8 column holds`);
  const bytes = new Uint8Array(bytesTotal);
  const offsets = new Int32Array(total + 1);
  let row = 0;
  let at = 0;
  for (const p of parts) {
    const o = p.valueOffsets as Int32Array;
    const base = o[0]!;
    bytes.set((p.values as Uint8Array).subarray(base, o[p.length]!), at);
    for (let i = 1; i <= p.length; i++) offsets[row + i] = o[i]! - base + at;
    at += o[p.length]! - base;
    row += p.length;
  }
  return makeData({ type: new Utf8(), length: total, nullCount, data: bytes, valueOffsets: offsets, nullBitmap: validity } as never) as Data;
}

function codesArray(size: number, n: number): Uint8Array | Uint16Array | Int32Array {
  const w = indexWidthFor(size);
  return w === 'uint8' ? new Uint8Array(n) : w === 'uint16' ? new Uint16Array(n) : new Int32Array(n);
}

function utf8Dictionary(strings: readonly string[]): Data {
  const b = new Utf8Bytes(heapAllocator, strings.length, 64);
  for (const s of strings) b.push(s);
  const { bytes, offsets } = b.finish();
  return makeData({ type: new Utf8(), length: strings.length, nullCount: 0, data: bytes, valueOffsets: offsets } as never) as Data;
}

function joinCategorical(parts: readonly Part[], total: number, nullCount: number, validity: Uint8Array | undefined): Data {
  const gen = parts[0]!.generation;
  let dict: Data;
  let codes: Uint8Array | Uint16Array | Int32Array;
  if (parts.every((p) => p.generation === gen)) {
    // One dictionary, only ever extended by deltas: the last batch's dictionary covers every code.
    dict = parts[parts.length - 1]!.data.dictionary!.data[0]!;
    codes = codesArray(dict.length, total);
    let at = 0;
    for (const { data } of parts) {
      (codes as Int32Array).set(data.values as Int32Array, at);
      at += data.length;
    }
  } else {
    // Dictionaries replaced between batches: merge them by value and remap each batch's codes.
    const index = new Map<string, number>();
    const merged: string[] = [];
    const remaps = parts.map(({ data }) => {
      const strings = decodeDictionary(data.dictionary!);
      return strings.map((s) => {
        let c = index.get(s);
        if (c === undefined) {
          c = merged.length;
          merged.push(s);
          index.set(s, c);
        }
        return c;
      });
    });
    dict = utf8Dictionary(merged);
    codes = codesArray(merged.length, total);
    let at = 0;
    parts.forEach(({ data }, k) => {
      const src = data.values as Int32Array;
      const remap = remaps[k]!;
      for (let i = 0; i < data.length; i++) codes[at + i] = remap[src[i]!] ?? 0;
      at += data.length;
    });
  }
  const indexType = codes instanceof Uint8Array ? new Uint8() : codes instanceof Uint16Array ? new Uint16() : new Int32();
  return makeData({
    type: new Dictionary(new Utf8(), indexType as Uint8),
    length: total,
    nullCount,
    data: codes,
    nullBitmap: validity,
    dictionary: new Vector([dict]),
  } as never) as Data;
}

/**
 * The parts of one column joined into one `Data` (the single part itself when there is one).
 * @throws SchemaError when joined text passes 2 GiB.
 */
export function joinParts(dtype: AnyDType, name: string, parts: readonly Part[]): Data {
  const nonEmpty = parts.filter((p) => p.data.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0]!.data;
  if (nonEmpty.length === 0) {
    if (parts.length > 0 && dtype.kind !== 'categorical') return parts[0]!.data;
    return dtype.kind === 'categorical' ? buildData([], dtype, name) : emptyData(dtype);
  }
  const datas = nonEmpty.map((p) => p.data);
  let total = 0;
  let nullCount = 0;
  for (const d of datas) {
    total += d.length;
    nullCount += d.nullCount;
  }
  switch (dtype.kind) {
    case 'utf8':
      return joinUtf8(datas, total, nullCount, joinValidity(datas, total));
    case 'categorical':
      return joinCategorical(nonEmpty, total, nullCount, joinValidity(datas, total));
    default:
      return concatData(datas, dtype);
  }
}
