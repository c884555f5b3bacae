/**
 * Rows of an Arrow `Data` of any dtype gathered by index into new, compact buffers: how
 * dictionaries of non-string values are decoded, run-end encoded fields expanded and list views
 * made into lists. Index −1 gives a null row. Inputs follow Arrow JS's slicing conventions
 * (values, offsets and type ids sliced; bitmaps indexed at `offset + i`; struct, sparse union
 * and fixed-size list children sliced with their parent; list and dense union children not).
 */
import type { Data } from 'apache-arrow';
import { SchemaError } from '../../errors.js';
import type { AnyDType } from '../../dtype/dtype.js';
import { bitmapBytes } from '../../util/bits.js';
import type { AnyTypedArray } from '../../util/alloc.js';
import { arrowTypeWith, bitAt, bitmapOf, dataOf, strideOf, validAt } from './arrow-data.js';

const MAX_INT32 = 2147483647;

/** `out[k * s … k * s + s) = values[i * s …]` for `i = idx[k]` (zeros where `i` is −1). */
function gatherFixed(values: AnyTypedArray, s: number, idx: Int32Array): AnyTypedArray {
  const n = idx.length;
  const out = new (values.constructor as new (n: number) => AnyTypedArray)(n * s);
  if (s === 1) {
    const v = values as Int32Array;
    const o = out as Int32Array;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (i >= 0) o[k] = v[i]!;
    }
    return out;
  }
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (i >= 0) (out as Int32Array).set((values as Int32Array).subarray(i * s, i * s + s), k * s);
  }
  return out;
}

/** Offsets `[start, end)` of row `i` of a list-like or binary `Data`, as numbers. */
function rangeOf(offs: Int32Array | BigInt64Array, i: number): [number, number] {
  return [Number(offs[i]!), Number(offs[i + 1]!)];
}

function gatherBytes(d: Data, idx: Int32Array, valid: Uint8Array | undefined): Data {
  const n = idx.length;
  const offs = d.valueOffsets as Int32Array | BigInt64Array;
  const large = offs instanceof BigInt64Array;
  const src = d.values as Uint8Array;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (i < 0 || (valid !== undefined && !bitAt(valid, k))) continue;
    const [a, b] = rangeOf(offs, i);
    total += b - a;
  }
  if (!large && total > MAX_INT32) throw new SchemaError(`Gathered values hold ${total} bytes, more than the 2 GiB 32-bit offsets address`);
  const bytes = new Uint8Array(total);
  const out = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (i >= 0 && (valid === undefined || bitAt(valid, k))) {
      const [a, b] = rangeOf(offs, i);
      bytes.set(src.subarray(a, b), at);
      at += b - a;
    }
    if (large) (out as BigInt64Array)[k + 1] = BigInt(at);
    else (out as Int32Array)[k + 1] = at;
  }
  return dataOf({ type: d.type, length: n, nullCount: -1, data: bytes, valueOffsets: out, nullBitmap: valid });
}

function gatherList(d: Data, dtype: AnyDType, idx: Int32Array, valid: Uint8Array | undefined): Data {
  const n = idx.length;
  const offs = d.valueOffsets as Int32Array | BigInt64Array;
  const large = offs instanceof BigInt64Array;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (i < 0 || (valid !== undefined && !bitAt(valid, k))) continue;
    const [a, b] = rangeOf(offs, i);
    total += b - a;
  }
  if (total > MAX_INT32) throw new SchemaError(`Gathered lists hold ${total} items, more than 2^31 − 1`);
  const childIdx = new Int32Array(total);
  const out = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (i >= 0 && (valid === undefined || bitAt(valid, k))) {
      const [a, b] = rangeOf(offs, i);
      for (let j = a; j < b; j++) childIdx[at++] = j;
    }
    if (large) (out as BigInt64Array)[k + 1] = BigInt(at);
    else (out as Int32Array)[k + 1] = at;
  }
  const child = gather(d.children[0]!, dtype.item!.dtype, childIdx);
  return dataOf({ type: arrowTypeWith(dtype, [child]), length: n, nullCount: -1, valueOffsets: out, child, nullBitmap: valid });
}

/** Indices for children sliced with their parent: −1 (a null parent row) reads child row 0 when there is one. */
function childIndices(idx: Int32Array, childLength: number): Int32Array {
  if (childLength === 0) return idx;
  let any = false;
  for (let k = 0; k < idx.length; k++) if (idx[k]! < 0) any = true;
  if (!any) return idx;
  return idx.map((i) => (i < 0 ? 0 : i));
}

function gatherUnion(d: Data, dtype: AnyDType, idx: Int32Array): Data {
  const n = idx.length;
  const ids = d.typeIds as Int8Array;
  const typeIds = dtype.typeIds!;
  const childOf = new Int8Array(128).fill(-1);
  typeIds.forEach((t, c) => (childOf[t] = c));
  const outIds = new Int8Array(n);
  if (dtype.mode === 'sparse') {
    for (let k = 0; k < n; k++) outIds[k] = idx[k]! >= 0 ? ids[idx[k]!]! : typeIds[0]!;
    const children = dtype.fields!.map((f, c) => gather(d.children[c]!, f.dtype, idx));
    return dataOf({ type: arrowTypeWith(dtype, children), length: n, typeIds: outIds, children });
  }
  const offs = d.valueOffsets as Int32Array;
  const picks: number[][] = dtype.fields!.map(() => []);
  const outOffs = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const c = i >= 0 ? childOf[ids[i]!]! : 0;
    outIds[k] = typeIds[c]!;
    outOffs[k] = picks[c]!.length;
    picks[c]!.push(i >= 0 ? offs[i]! : -1);
  }
  const children = dtype.fields!.map((f, c) => gather(d.children[c]!, f.dtype, Int32Array.from(picks[c]!)));
  return dataOf({ type: arrowTypeWith(dtype, children), length: n, typeIds: outIds, valueOffsets: outOffs, children });
}

/**
 * The rows `idx` of `d` (dtype `dtype`) as new data; `idx[k] = −1` makes row `k` null.
 * @throws SchemaError when gathered text or list items pass what 32-bit offsets address.
 * @example
 * ```ts
 * import { Int32, vectorFromArray } from 'apache-arrow';
 * const d = vectorFromArray([10, 20, 30], new Int32()).data[0]!;
 * const g = gather(d, int32(), Int32Array.of(2, -1, 0));
 * [g.length, g.nullCount, Array.from(g.values)]; // → [ 3, 1, [ 30, 0, 10 ] ]
 * ```
 */
export function gather(d: Data, dtype: AnyDType, idx: Int32Array): Data {
  const n = idx.length;
  if (dtype.kind === 'union') return gatherUnion(d, dtype, idx);
  if (dtype.kind === 'null') return dataOf({ type: d.type, length: n });
  const { bits, nulls } = bitmapOf(n, (k) => idx[k]! >= 0 && validAt(d, idx[k]!));
  switch (dtype.kind) {
    case 'bool': {
      const src = d.values as Uint8Array;
      const off = d.offset;
      const out = new Uint8Array(bitmapBytes(n));
      for (let k = 0; k < n; k++) {
        const i = idx[k]!;
        if (i >= 0 && bitAt(src, off + i)) out[k >> 3]! |= 1 << (k & 7);
      }
      return dataOf({ type: d.type, length: n, nullCount: nulls, data: out, nullBitmap: bits });
    }
    case 'utf8':
    case 'binary':
    case 'largeUtf8':
    case 'largeBinary':
      return gatherBytes(d, idx, bits);
    case 'list':
    case 'largeList':
    case 'map':
      return gatherList(d, dtype, idx, bits);
    case 'fixedSizeList': {
      const s = dtype.size!;
      const ci = new Int32Array(n * s);
      const src = d.children[0]!;
      for (let k = 0; k < n; k++) {
        const i = idx[k]! < 0 ? (src.length >= s ? 0 : -1) : idx[k]!;
        for (let j = 0; j < s; j++) ci[k * s + j] = i < 0 ? -1 : i * s + j;
      }
      const child = gather(src, dtype.item!.dtype, ci);
      return dataOf({ type: arrowTypeWith(dtype, [child]), length: n, nullCount: nulls, child, nullBitmap: bits });
    }
    case 'struct': {
      const children = dtype.fields!.map((f, c) => gather(d.children[c]!, f.dtype, childIndices(idx, d.children[c]!.length)));
      return dataOf({ type: arrowTypeWith(dtype, children), length: n, nullCount: nulls, children, nullBitmap: bits });
    }
    default: {
      const values = gatherFixed(d.values as AnyTypedArray, dtype.kind === 'categorical' ? 1 : strideOf(dtype), idx);
      const props: Record<string, unknown> = { type: d.type, length: n, nullCount: nulls, data: values, nullBitmap: bits };
      if (dtype.kind === 'categorical') props['dictionary'] = d.dictionary;
      return dataOf(props);
    }
  }
}
