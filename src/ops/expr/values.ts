/**
 * Operands of the expression kernels: a column's values as numbers, strings or bits, aligned to
 * row 0 (sliced columns handled once here), and building result columns.
 */
import { makeData, type Data } from 'apache-arrow';
import { dtypeOfKind, withNullable, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import { bitmapBytes } from '../../util/bits.js';

/** A column's validity as a bitmap starting at row 0, or null when it has no nulls. */
export function validityOf(c: Column): Uint8Array | null {
  const d = c.data;
  if (d.nullCount === 0 || d.nullBitmap === undefined || d.nullBitmap.length === 0) return null;
  return alignedBits(d.nullBitmap, d.offset, d.length);
}

/** Bits `[offset, offset + n)` of `bits` as a bitmap starting at bit 0 (a view when aligned). */
export function alignedBits(bits: Uint8Array, offset: number, n: number): Uint8Array {
  if ((offset & 7) === 0) return bits.subarray(offset >> 3, (offset >> 3) + bitmapBytes(n));
  const out = new Uint8Array(bitmapBytes(n));
  for (let i = 0; i < n; i++) {
    const j = offset + i;
    if ((bits[j >> 3]! & (1 << (j & 7))) !== 0) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

/** The AND of two validity bitmaps (null = all valid). */
export function andValidity(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(bitmapBytes(n));
  for (let i = 0; i < out.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** Number of cleared bits among the first `n` of a bitmap. */
export function nullsIn(bits: Uint8Array | null, n: number): number {
  if (bits === null) return 0;
  let valid = 0;
  for (let i = 0; i < n; i++) if ((bits[i >> 3]! & (1 << (i & 7))) !== 0) valid++;
  return n - valid;
}

/** Whether a kind is an integer of at most 32 bits that fits int32 (results stay int32). */
export function isSmallInt(kind: string): boolean {
  return kind === 'int8' || kind === 'int16' || kind === 'int32' || kind === 'uint8' || kind === 'uint16';
}

/** A result column from numbers (and a validity bitmap). */
export function numberColumn(name: string, dtype: AnyDType, values: Float64Array | Int32Array, validity: Uint8Array | null): Column {
  const n = values.length;
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind(dtype.kind, nulls > 0 || dtype.nullable);
  const data: Data = makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: values, nullBitmap: nulls > 0 ? validity! : undefined } as never);
  return new Column(name, dt, data);
}

/** A bool result column from bits (and a validity bitmap). */
export function boolColumn(name: string, bits: Uint8Array, validity: Uint8Array | null, n: number): Column {
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind('bool', nulls > 0);
  const data: Data = makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: bits, nullBitmap: nulls > 0 ? validity! : undefined } as never);
  return new Column(name, dt, data);
}

/**
 * `c` with the rows whose bit in `mask` (a bitmap from row 0) is clear made null as well; the
 * values are shared, only the validity bitmap is new. `null` masks nothing.
 */
export function maskColumn(c: Column, mask: Uint8Array | null): Column {
  if (mask === null) return c;
  const d = c.data;
  const n = d.length;
  const own = validityOf(c);
  const off = d.offset;
  const bits = new Uint8Array(bitmapBytes(off + n));
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const ok = (mask[i >> 3]! & (1 << (i & 7))) !== 0 && (own === null || (own[i >> 3]! & (1 << (i & 7))) !== 0);
    if (ok) bits[(off + i) >> 3]! |= 1 << ((off + i) & 7);
    else nulls++;
  }
  if (nulls === d.nullCount) return nulls > 0 && !c.dtype.nullable ? new Column(c.name, withNullable(c.dtype, true), d, c.metadata) : c;
  const data = d.clone(d.type, off, n, nulls, [d.valueOffsets, d.values, bits, d.typeIds] as never, d.children);
  return new Column(c.name, withNullable(c.dtype, true), data, c.metadata);
}
