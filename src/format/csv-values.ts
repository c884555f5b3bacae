/**
 * How each dtype's values are spelled in CSV: floats (shortest round-trip text, `-0`, `NaN`,
 * `inf`), dates (`YYYY-MM-DD`) and timestamps (ISO 8601 in UTC) as strings, the characters each
 * dtype's texts use ({@link alphabetOf}), and the byte forms the encoder writes straight into its
 * buffer for integers, dates and timestamps. Each byte writer writes at `p` and returns the
 * position after what it wrote; the caller has made room (64 bytes a value are enough).
 */
import type { DTypeKind } from '../dtype/dtype.js';
import { pad2, shortestFloat32, yearText } from '../util/digits.js';

/**
 * A float64 as CSV text: the shortest decimal that reads back to the same double (`String(x)`),
 * `-0` for negative zero, `NaN`, `inf`, `-inf`.
 *
 * @param x - The value.
 * @returns Its text.
 * @example
 * ```ts
 * console.log([0.1 + 0.2, -0, 1e21, 5e-324, NaN, -Infinity].map(float64Text).join(' '));
 * // prints: 0.30000000000000004 -0 1e+21 5e-324 NaN -inf
 * ```
 */
export function float64Text(x: number): string {
  if (x - x === 0) return x === 0 && 1 / x < 0 ? '-0' : '' + x;
  return x !== x ? 'NaN' : x > 0 ? 'inf' : '-inf';
}

/**
 * A float32 (as read from a `Float32Array`) as CSV text: the shortest decimal that reads back to
 * the same float32 (`Math.fround(parseFloat(text)) === x`); non-finite values and -0 as {@link float64Text}.
 *
 * @param x - The value, exactly representable as a float32.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(float32Text(Math.fround(0.1)), float32Text(Math.fround(1 / 3)), float32Text(Math.fround(16777217)));
 * // prints: 0.1 0.33333334 16777216
 * ```
 */
export function float32Text(x: number): string {
  if (x - x !== 0 || x === 0) return float64Text(x);
  return '' + shortestFloat32(x);
}

const MS_PER_DAY = 86_400_000;
/** Days from 1970-01-01 to 0000-01-01 and to 9999-12-31: the range of four-digit years. */
export const MIN_DAY_4 = -719_528;
export const MAX_DAY_4 = 2_932_896;
/** Milliseconds at 0000-01-01T00:00:00Z and at 9999-12-31T23:59:59.999Z. */
export const MIN_MS_4 = MIN_DAY_4 * MS_PER_DAY;
export const MAX_MS_4 = (MAX_DAY_4 + 1) * MS_PER_DAY - 1;

// The civil date of the last call of civil(), kept in module variables to avoid an object per value.
let cy = 0;
let cm = 0;
let cd = 0;

/** Year, month and day of `days` since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
function civil(days: number): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  cd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  cm = mp < 10 ? mp + 3 : mp - 9;
  cy = yoe + era * 400 + (cm <= 2 ? 1 : 0);
}

/**
 * A date (days since 1970-01-01) as `YYYY-MM-DD`; years outside 0–9999 as ISO 8601 expanded
 * years (`+012345-01-01`, `-000001-12-31`).
 *
 * @param days - Days since the epoch, as a date column stores them.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(dateText(0), dateText(19_782), dateText(-1));
 * // prints: 1970-01-01 2024-02-29 1969-12-31
 * ```
 */
export function dateText(days: number): string {
  civil(days);
  return `${yearText(cy)}-${pad2(cm)}-${pad2(cd)}`;
}

/**
 * A timestamp (milliseconds since the epoch, UTC) as ISO 8601 with `Z`: `YYYY-MM-DDTHH:MM:SSZ`,
 * with `.mmm` only when the milliseconds are not zero. A column with a time zone is written the
 * same way: the zone only changes how values print, the instant is written in UTC.
 *
 * @param ms - Milliseconds since 1970-01-01T00:00:00Z, as a timestamp column stores them.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(timestampText(1_709_648_530_123n), timestampText(0n), timestampText(-1n));
 * // prints: 2024-03-05T14:22:10.123Z 1970-01-01T00:00:00Z 1969-12-31T23:59:59.999Z
 * ```
 */
export function timestampText(ms: bigint): string {
  // Split in bigint so stored values beyond 2^53 ms stay exact.
  let days = ms / 86_400_000n;
  let rem = ms - days * 86_400_000n;
  if (rem < 0n) {
    rem += 86_400_000n;
    days -= 1n;
  }
  const r = Number(rem);
  const milli = r % 1000;
  const sec = Math.floor(r / 1000);
  const clock = `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
  return `${dateText(Number(days))}T${clock}${milli === 0 ? '' : '.' + String(milli).padStart(3, '0')}Z`;
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

/** `"00"` … `"99"` as two ASCII bytes each. */
const DIGIT_PAIRS = Buffer.from(Array.from({ length: 100 }, (_, i) => pad2(i)).join(''), 'latin1');

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

function writePair(out: Buffer, p: number, n: number): number {
  out[p] = DIGIT_PAIRS[2 * n]!;
  out[p + 1] = DIGIT_PAIRS[2 * n + 1]!;
  return p + 2;
}

/**
 * `YYYY-MM-DD` for a day whose year has four digits (`MIN_DAY_4` … `MAX_DAY_4`), written at `p`:
 * the same text as {@link dateText}.
 *
 * @param out - The buffer written to.
 * @param p - Where the date starts.
 * @param days - Days since 1970-01-01.
 * @returns The position after the date.
 * @example
 * ```ts
 * const out = Buffer.alloc(16);
 * console.log(out.toString('latin1', 0, writeDate(out, 0, 19_782)));
 * // prints: 2024-02-29
 * ```
 */
export function writeDate(out: Buffer, p: number, days: number): number {
  civil(days);
  p = writePair(out, p, Math.floor(cy / 100));
  p = writePair(out, p, cy % 100);
  out[p++] = 45;
  p = writePair(out, p, cm);
  out[p++] = 45;
  return writePair(out, p, cd);
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.mmm]Z` for an instant whose year has four digits (`MIN_MS_4` … `MAX_MS_4`),
 * written at `p`: the same text as {@link timestampText}.
 *
 * @param out - The buffer written to.
 * @param p - Where the timestamp starts.
 * @param ms - Milliseconds since 1970-01-01T00:00:00Z.
 * @returns The position after the timestamp.
 * @example
 * ```ts
 * const out = Buffer.alloc(32);
 * console.log(out.toString('latin1', 0, writeTimestamp(out, 0, 1_709_648_530_123)));
 * // prints: 2024-03-05T14:22:10.123Z
 * ```
 */
export function writeTimestamp(out: Buffer, p: number, ms: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  let r = ms - days * MS_PER_DAY;
  p = writeDate(out, p, days);
  out[p++] = 84; // 'T'
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const sec = Math.floor(r / 1000);
  r -= sec * 1000;
  p = writePair(out, p, h);
  out[p++] = 58; // ':'
  p = writePair(out, p, m);
  out[p++] = 58;
  p = writePair(out, p, sec);
  if (r !== 0) {
    out[p++] = 46; // '.'
    out[p++] = 48 + Math.floor(r / 100);
    p = writePair(out, p, r % 100);
  }
  out[p++] = 90; // 'Z'
  return p;
}
