/** Gathering rows by index: the kernel behind filter and sort. */
import { makeData, type Data } from 'apache-arrow';
import { Column } from '../column/column.js';
import { FrameCore } from '../core/frame-core.js';
import { bitmapBytes } from '../util/bits.js';
import type { AnyTypedArray, TypedArrayConstructor } from '../util/alloc.js';
import { validityOf } from './expr/values.js';
import { withNullable, type AnyDType } from '../dtype/dtype.js';
import { buildData } from '../column/builders.js';

/** `out[k] = values[idx[k]]` for any fixed-width typed array, by element size. */
function gatherBytes(values: AnyTypedArray, out: AnyTypedArray, idx: Int32Array): void {
  const n = idx.length;
  const size = values.BYTES_PER_ELEMENT;
  if (size === 8) {
    const v = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    const o = new Uint32Array(out.buffer, out.byteOffset, n * 2);
    for (let k = 0; k < n; k++) {
      const i = idx[k]! * 2;
      o[2 * k] = v[i]!;
      o[2 * k + 1] = v[i + 1]!;
    }
  } else if (size === 4) {
    const v = new Uint32Array(values.buffer, values.byteOffset, values.length);
    const o = new Uint32Array(out.buffer, out.byteOffset, n);
    for (let k = 0; k < n; k++) o[k] = v[idx[k]!]!;
  } else if (size === 2) {
    const v = new Uint16Array(values.buffer, values.byteOffset, values.length);
    const o = new Uint16Array(out.buffer, out.byteOffset, n);
    for (let k = 0; k < n; k++) o[k] = v[idx[k]!]!;
  } else {
    const v = new Uint8Array(values.buffer, values.byteOffset, values.length);
    const o = new Uint8Array(out.buffer, out.byteOffset, n);
    for (let k = 0; k < n; k++) o[k] = v[idx[k]!]!;
  }
}

/** The rows of `c` at `idx` (in that order), as a new column; dictionaries are shared. */
export function takeColumn(c: Column, idx: Int32Array): Column {
  const d = c.data;
  const n = idx.length;
  const validity = validityOf(c);
  let outValidity: Uint8Array | undefined;
  let nulls = 0;
  if (validity !== null) {
    outValidity = new Uint8Array(bitmapBytes(n));
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if ((validity[i >> 3]! & (1 << (i & 7))) !== 0) outValidity[k >> 3]! |= 1 << (k & 7);
      else nulls++;
    }
    if (nulls === 0) outValidity = undefined;
  }
  let data: Data;
  switch (c.dtype.kind) {
    case 'bool': {
      const bits = d.values as Uint8Array;
      const off = d.offset;
      const out = new Uint8Array(bitmapBytes(n));
      for (let k = 0; k < n; k++) {
        const j = idx[k]! + off;
        if ((bits[j >> 3]! & (1 << (j & 7))) !== 0) out[k >> 3]! |= 1 << (k & 7);
      }
      data = makeData({ type: d.type, length: n, nullCount: nulls, data: out, nullBitmap: outValidity } as never);
      break;
    }
    case 'utf8': {
      const offs = d.valueOffsets as Int32Array;
      const bytes = d.values as Uint8Array;
      // First the rows' byte ranges (one random read of the offsets per row), then the bytes.
      const starts = new Int32Array(n);
      const outOffs = new Int32Array(n + 1);
      let total = 0;
      for (let k = 0; k < n; k++) {
        const i = idx[k]!;
        const s = offs[i]!;
        starts[k] = s;
        total += offs[i + 1]! - s;
        outOffs[k + 1] = total;
      }
      const out = new Uint8Array(total);
      for (let k = 0; k < n; k++) {
        const s = starts[k]!;
        const o = outOffs[k]!;
        const len = outOffs[k + 1]! - o;
        if (len <= 16) for (let p = 0; p < len; p++) out[o + p] = bytes[s + p]!;
        else out.set(bytes.subarray(s, s + len), o);
      }
      data = makeData({ type: d.type, length: n, nullCount: nulls, data: out, valueOffsets: outOffs, nullBitmap: outValidity } as never);
      break;
    }
    default: {
      // Fixed width (numbers, dates, timestamps, dictionary codes): gather by element size, on
      // unsigned views, so every loop is monomorphic and 64-bit values never become bigints.
      const values = d.values as AnyTypedArray;
      const out = new (values.constructor as TypedArrayConstructor)(n) as AnyTypedArray;
      gatherBytes(values, out, idx);
      data = makeData({ type: d.type, length: n, nullCount: nulls, data: out, nullBitmap: outValidity, dictionary: d.dictionary } as never);
    }
  }
  return new Column(c.name, c.dtype, data);
}

/** A column of `n` nulls of `dtype` (made nullable). */
export function nullColumn(name: string, dtype: AnyDType, n: number): Column {
  const dt = withNullable(dtype, true);
  return new Column(name, dt, buildData(new Array<unknown>(n).fill(null), dt, name));
}

/**
 * The rows of `c` at `idx`, where an index of −1 gives a null (for joins and aggregations with
 * missing rows); the result is nullable when any index is −1.
 */
export function takeOrNull(c: Column, idx: Int32Array): Column {
  let missing = 0;
  for (let k = 0; k < idx.length; k++) if (idx[k]! < 0) missing++;
  if (missing === 0) return takeColumn(c, idx);
  if (c.length === 0) return nullColumn(c.name, c.dtype, idx.length); // nothing to take from
  const taken = takeColumn(c, idx.map((i) => (i < 0 ? 0 : i)));
  const d = taken.data;
  const bits = new Uint8Array(bitmapBytes(idx.length));
  const prev = validityOf(taken);
  let nulls = 0;
  for (let k = 0; k < idx.length; k++) {
    if (idx[k]! >= 0 && (prev === null || (prev[k >> 3]! & (1 << (k & 7))) !== 0)) bits[k >> 3]! |= 1 << (k & 7);
    else nulls++;
  }
  const data = makeData({ type: d.type, length: d.length, nullCount: nulls, data: d.values, valueOffsets: d.valueOffsets, nullBitmap: bits, dictionary: d.dictionary } as never);
  return new Column(c.name, withNullable(c.dtype, true), data);
}

/** The rows of `core` at `idx`. */
export function takeRows(core: FrameCore, idx: Int32Array): FrameCore {
  return new FrameCore(
    core.columns.map((c) => takeColumn(c, idx)),
    idx.length,
  );
}
