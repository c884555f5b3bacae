/**
 * Decimal columns as unscaled integers: reading the 32-, 64-, 128- or 256-bit little-endian
 * words of each value as a bigint, and writing bigints back into a new decimal column.
 */
import { makeData } from 'apache-arrow';
import { dtypeOfKind, MAX_DECIMAL_PRECISION, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Decimal, formatDecimal, pow10 } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import { nullsIn } from './values.js';

/**
 * A reader of each row's unscaled value (null rows read whatever is stored).
 * @example
 * ```ts
 * unscaledReader(decimalColumn('d', decimal(5, 2), [1234n, -5n], null))(1); // → -5n
 * ```
 */
export function unscaledReader(c: Column): (i: number) => bigint {
  const words = c.data.values as Uint32Array;
  const bits = c.dtype.bitWidth ?? 128;
  const stride = bits / 32;
  if (stride === 1) return (i) => BigInt(words[i]! | 0);
  if (stride === 2) {
    // Within ±2^53 (the usual case) without building a bigint from two words.
    return (i) => {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]! | 0;
      return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
    };
  }
  return (i) => {
    const w = i * stride;
    // Values within ±2^52 (one word and a sign extension) need no shifts.
    const top = words[w + 1]!;
    let signExt = true;
    const fill = (top & 0x80000000) !== 0 ? 0xffffffff : 0;
    for (let k = 2; k < stride; k++) if (words[w + k] !== fill) signExt = false;
    if (signExt && (fill === 0 ? top < 0x100000 : top >= 0xfff00000)) return BigInt((top | 0) * 4294967296 + words[w]!);
    let v = 0n;
    for (let k = stride - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[w + k]!);
    return BigInt.asIntN(bits, v);
  };
}

/** The largest unscaled magnitude of a decimal of `precision` digits. */
export function maxUnscaled(precision: number): bigint {
  return pow10(precision) - 1n;
}

/**
 * A decimal column of `dtype` from unscaled values (null rows: `validity` bit clear; their slot
 * holds 0). Values must fit the dtype's precision (checked by the callers).
 */
export function decimalColumn(name: string, dtype: AnyDType, values: ArrayLike<bigint> | readonly bigint[], validity: Uint8Array | null): Column {
  const n = values.length;
  const bits = dtype.bitWidth ?? 128;
  const stride = bits / 32;
  const words = new Uint32Array(n * stride);
  for (let i = 0; i < n; i++) {
    let v = BigInt.asUintN(bits, values[i]!);
    const w = i * stride;
    for (let k = 0; k < stride; k++) {
      words[w + k] = Number(v & 0xffffffffn);
      v >>= 32n;
    }
  }
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind('decimal', nulls > 0, { precision: dtype.precision!, scale: dtype.scale!, bitWidth: bits });
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: words, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}

/**
 * The decimal dtype of `precision` digits and `scale` (128-bit up to 38 digits, else 256-bit).
 * @example
 * ```ts
 * String(decimalType(12, 3)); // → 'decimal(12, 3)'
 * ```
 */
export function decimalType(precision: number, scale: number, isNullable = false): AnyDType {
  const bitWidth = precision <= MAX_DECIMAL_PRECISION[128]! ? 128 : 256;
  return dtypeOfKind('decimal', isNullable, { precision, scale, bitWidth });
}

/**
 * A number, bigint or `Decimal` as an unscaled value at `scale`, or null when it has more fraction
 * digits than `scale` holds (a number by its shortest decimal text).
 * @example
 * ```ts
 * [unscaledAt(1.25, 3), unscaledAt(1.25, 1), unscaledAt(new Decimal(5n, 1), 2)]; // → [ 1250n, null, 50n ]
 * ```
 */
export function unscaledAt(v: Decimal | number | bigint, scale: number): bigint | null {
  if (v instanceof Decimal) {
    if (v.scale <= scale) return v.unscaled * pow10(scale - v.scale);
    const f = pow10(v.scale - scale);
    return v.unscaled % f === 0n ? v.unscaled / f : null;
  }
  if (typeof v === 'bigint') return scale >= 0 ? v * pow10(scale) : v % pow10(-scale) === 0n ? v / pow10(-scale) : null;
  if (!Number.isFinite(v)) return null;
  const d = Decimal.parse(String(v).replace(/^-0$/, '0'), Math.max(scale, 400));
  return unscaledAt(d, scale);
}

/** Sets `out[j] = 1` where decimal item `j` equals `value` (nulls are cleared by the caller). */
export function decimalEquals(items: Column, value: Decimal | number | bigint, out: Uint8Array): void {
  const target = unscaledAt(value, items.dtype.scale ?? 0);
  if (target === null) return;
  const read = unscaledReader(items);
  for (let j = 0; j < items.length; j++) if (read(j) === target) out[j] = 1;
}

/** The digits an integer kind holds, as DuckDB types an integer operand of decimal arithmetic (int32 as decimal(10, 0) …). */
export const INTEGER_DIGITS: Readonly<Record<string, number>> = { int8: 3, uint8: 3, int16: 5, uint16: 5, int32: 10, uint32: 10, int64: 19, uint64: 20 };

/**
 * Each row's unscaled value as a double, exact for values within ±2^53 (the caller checks the
 * precision: 15 digits or fewer always are).
 */
export function unscaledDoubles(c: Column): Float64Array {
  const n = c.length;
  const words = c.data.values as Uint32Array;
  const stride = (c.dtype.bitWidth ?? 128) / 32;
  const out = new Float64Array(n);
  if (stride === 1) for (let i = 0; i < n; i++) out[i] = words[i]! | 0;
  else for (let i = 0; i < n; i++) out[i] = (words[i * stride + 1]! | 0) * 4294967296 + words[i * stride]!;
  return out;
}

/**
 * A decimal column of `dtype` from unscaled values given as doubles (integers within ±2^53; null
 * rows: `validity` bit clear), written as words without a bigint per value.
 */
export function decimalFromDoubles(name: string, dtype: AnyDType, values: Float64Array, validity: Uint8Array | null): Column {
  const n = values.length;
  const bits = dtype.bitWidth ?? 128;
  const stride = bits / 32;
  const words = new Uint32Array(n * stride);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const hi = Math.floor(v / 4294967296);
    const w = i * stride;
    words[w] = v - hi * 4294967296;
    if (stride === 1) continue;
    words[w + 1] = hi;
    const fill = hi < 0 ? 0xffffffff : 0;
    for (let k = 2; k < stride; k++) words[w + k] = fill;
  }
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind('decimal', nulls > 0, { precision: dtype.precision!, scale: dtype.scale!, bitWidth: bits });
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: words, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}

/**
 * The nearest double to `unscaled × 10^−scale` (correctly rounded through its decimal text).
 * @example
 * ```ts
 * decimalToNumber(-5n, 2); // → -0.05
 * ```
 */
export function decimalToNumber(unscaled: bigint, scale: number): number {
  return Number(formatDecimal(unscaled, scale));
}
