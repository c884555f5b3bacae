/**
 * How each dtype's values are spelled in CSV (and JSON): floats as the shortest text that reads
 * back to the same value *as a float* (`1.0`, `-0.0`, `1e+21`, `NaN`, `inf`), the characters each
 * dtype's texts use ({@link alphabetOf}), and integers written straight into a buffer. Dates and
 * timestamps are spelled by `temporal.ts`. A byte writer writes at `p` and returns the position
 * after what it wrote; the caller has made room (64 bytes a value are enough).
 */
import type { DTypeKind } from '../dtype/dtype.js';
import { shortestFloat32 } from '../util/digits.js';

/**
 * A float64 as CSV text that a reader infers back as the same double of a float dtype: the
 * shortest decimal that reads back to it (`String(x)`), with `.0` added when that text is a
 * whole number (`2147483647.0`, `9007199254740993` would read as an integer), `-0.0` for
 * negative zero, `NaN`, `inf`, `-inf`. Exponent forms (`1e+21`, `5e-324`) already read as floats.
 *
 * @param x - The value.
 * @returns Its text.
 * @example
 * ```ts
 * console.log([0.1 + 0.2, 2, -0, 2 ** 60, 1e21, 5e-324, NaN, -Infinity].map(float64Text).join(' '));
 * // prints: 0.30000000000000004 2.0 -0.0 1152921504606847000.0 1e+21 5e-324 NaN -inf
 * ```
 */
export function float64Text(x: number): string {
  if (x - x !== 0) return x !== x ? 'NaN' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return 1 / x < 0 ? '-0.0' : '0.0';
  return wholeAsFloat('' + x);
}

/** A finite number's text with `.0` added when it has neither a point nor an exponent. */
function wholeAsFloat(t: string): string {
  for (let i = t.length - 1; i >= 0; i--) {
    const c = t.charCodeAt(i);
    if (c === 46 || c === 101) return t; // '.' or 'e'
  }
  return t + '.0';
}

/**
 * A float32 (as read from a `Float32Array`) as CSV text: the shortest decimal that reads back to
 * the same float32 (`Math.fround(parseFloat(text)) === x`), with `.0` added to whole numbers as
 * {@link float64Text} does; non-finite values and -0 as {@link float64Text}. A reader infers it
 * back as float64 (`0.1` is then the double nearest 0.1, not the float32); declare the column
 * `float32()` to read back the same float32.
 *
 * @param x - The value, exactly representable as a float32.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(float32Text(Math.fround(0.1)), float32Text(Math.fround(1 / 3)), float32Text(Math.fround(16777217)));
 * // prints: 0.1 0.33333334 16777216.0
 * ```
 */
export function float32Text(x: number): string {
  if (x - x !== 0 || x === 0) return float64Text(x);
  return wholeAsFloat('' + shortestFloat32(x));
}

/**
 * The characters a non-text dtype's values are spelled with, to know when they need quoting
 * (when the delimiter or quote is one of them, or `nullValue` could be one of their texts).
 *
 * @param kind - The column's dtype kind.
 * @returns The characters, or `null` for text dtypes (`utf8`, `categorical`), which may hold any.
 * @example
 * ```ts
 * console.log(alphabetOf('date'), alphabetOf('bool'), alphabetOf('utf8'));
 * // prints: 0123456789-+ truefals null
 * ```
 */
export function alphabetOf(kind: DTypeKind): string | null {
  switch (kind) {
    case 'bool':
      return 'truefals';
    case 'float32':
    case 'float64':
      return '0123456789.-+eNaNinf';
    case 'date':
      return '0123456789-+';
    case 'timestamp':
      return '0123456789-+:.TZ';
    case 'utf8':
    case 'categorical':
      return null;
    default:
      return '0123456789-';
  }
}

// ---------------------------------------------------------------------------------------------
// Byte forms

/**
 * An integer of at most 10 digits (int8 … uint32) in decimal, written at `p`.
 *
 * @param out - The buffer written to.
 * @param p - Where the digits start.
 * @param v - The integer.
 * @returns The position after the digits.
 * @example
 * ```ts
 * const out = Buffer.alloc(16);
 * console.log(out.toString('latin1', 0, writeInt(out, 0, -4_294_967)));
 * // prints: -4294967
 * ```
 */
export function writeInt(out: Buffer, p: number, v: number): number {
  if (v < 0) {
    out[p++] = 45; // '-'
    v = -v;
  }
  let n = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) n++;
  let q = p + n;
  while (v >= 10) {
    const d = v % 10;
    out[--q] = 48 + d;
    v = (v - d) / 10;
  }
  out[--q] = 48 + v;
  return p + n;
}
