/**
 * Text forms a cast from utf8 accepts, parsed from UTF-8 bytes with no string per value on the
 * common paths. The rules follow DuckDB's CAST for the forms colframe accepts:
 * - surrounding ASCII whitespace (space, tab, newline, vertical tab, form feed, carriage return)
 *   is ignored;
 * - integers: `[+-]digits[.digits][e[+-]digits]`, exact (a bigint beyond 2^53, no double in
 *   between), a fraction rounded half away from zero (`2.5` → 3, `-2.5` → −3);
 * - booleans: `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n`, `1`/`0`, in any case;
 * - dates: `YYYY-MM-DD`, or an ISO 8601 expanded year: a sign and 4–9 digits (`+010000-01-01`,
 *   `-0001-12-31`), as the readers take them;
 * - timestamps: the readers' ISO form with such years, or a date alone (midnight).
 * Floats use the CSV reader's parser (`inf`, `nan`, exponents, correctly rounded); float32 is
 * rounded once from the decimal text.
 */
import { parseFloatBytes, parsed } from '../../util/parse-bytes.js';
import { parseDateBytes, parseTimestampBytes, timestampBig, timestampZone } from '../../util/parse-dates.js';

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const COLON = 58;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MS_PER_DAY = 86_400_000;

/** `[s, e)` of the last `trimmed` call. */
export const span = { s: 0, e: 0 };

/**
 * Set `span` to `[s, e)` without surrounding ASCII whitespace.
 * @example
 * ```ts
 * trimmed(new TextEncoder().encode(' 12 '), 0, 4); span; // → { s: 1, e: 3 }
 * ```
 */
export function trimmed(b: Uint8Array, s: number, e: number): void {
  while (s < e && isSpace(b[s]!)) s++;
  while (e > s && isSpace(b[e - 1]!)) e--;
  span.s = s;
  span.e = e;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= ZERO + 9;
}

/** The exact value of the last integer or timestamp parse that returned `BIG`. */
export const bigOut = { value: 0n };
/** Returned by the integer and timestamp parsers when the exact value is in `bigOut.value`. */
export const BIG = Infinity;

/** The parts of the last `scanDecimal`: sign, significant digits (no leading zeros), exponent. */
const dec = { neg: false, digits: '', scale: 0 };

/** Scan `[+-]digits[.digits][e[+-]digits]` (at least one digit) into `dec`; false when it is not one. */
function scanDecimal(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  dec.neg = false;
  if (i < e && (b[i] === MINUS || b[i] === PLUS)) dec.neg = b[i++] === MINUS;
  const intStart = i;
  while (i < e && isDigit(b[i])) i++;
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < e && b[i] === DOT) {
    fracStart = ++i;
    while (i < e && isDigit(b[i])) i++;
    fracEnd = i;
  }
  if (intEnd === intStart && fracEnd === fracStart) return false;
  let exp = 0;
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    let eneg = false;
    if (i < e && (b[i] === MINUS || b[i] === PLUS)) eneg = b[i++] === MINUS;
    if (i === e) return false;
    for (; i < e; i++) {
      const d = b[i]! - ZERO;
      if (d < 0 || d > 9) return false;
      if (exp < 1e7) exp = exp * 10 + d;
    }
    if (eneg) exp = -exp;
  }
  if (i !== e) return false;
  let digits = '';
  for (let k = intStart; k < intEnd; k++) if (digits !== '' || b[k] !== ZERO) digits += String.fromCharCode(b[k]!);
  for (let k = fracStart; k < fracEnd; k++) if (digits !== '' || b[k] !== ZERO) digits += String.fromCharCode(b[k]!);
  dec.digits = digits;
  dec.scale = exp - (fracEnd - fracStart);
  return true;
}

/**
 * The integer a decimal text rounds to (half away from zero), exactly: a number when within
 * ±(2^53 − 1), `BIG` with the value in `bigOut.value` beyond, NaN when the text is not a decimal.
 * Magnitudes beyond 10^20 come back as ±10^21 (beyond every integer dtype).
 * @example
 * ```ts
 * const b = new TextEncoder().encode('-2.5e0');
 * parseIntegerText(b, 0, b.length); // → -3
 * ```
 */
export function parseIntegerText(b: Uint8Array, s: number, e: number): number {
  // Fast path: an optional sign and at most 15 digits.
  let i = s;
  const neg = i < e && b[i] === MINUS;
  if (i < e && (b[i] === MINUS || b[i] === PLUS)) i++;
  if (e - i > 0 && e - i <= 15) {
    let v = 0;
    let k = i;
    for (; k < e; k++) {
      const d = b[k]! - ZERO;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (k === e) return neg && v !== 0 ? -v : v;
  }
  if (!scanDecimal(b, s, e)) return NaN;
  const { digits, scale } = dec;
  if (digits === '') return 0;
  let q: string;
  let up = false;
  if (scale >= 0) {
    if (digits.length + scale > 20) {
      bigOut.value = dec.neg ? -(10n ** 21n) : 10n ** 21n;
      return BIG;
    }
    q = digits + '0'.repeat(scale);
  } else {
    const k = -scale;
    if (k > digits.length) return 0; // below 0.1
    q = digits.slice(0, digits.length - k);
    up = digits.charCodeAt(digits.length - k) >= ZERO + 5;
  }
  if (q.length <= 15) {
    const v = (q === '' ? 0 : Number(q)) + (up ? 1 : 0);
    return dec.neg && v !== 0 ? -v : v;
  }
  let big = BigInt(q) + (up ? 1n : 0n);
  if (dec.neg) big = -big;
  if (big <= BigInt(MAX_SAFE) && big >= -BigInt(MAX_SAFE)) return Number(big);
  bigOut.value = big;
  return BIG;
}

/**
 * `true` / `false`, `t` / `f`, `yes` / `no`, `y` / `n`, `1` / `0` in any case: 1, 0, or −1 for
 * anything else.
 * @example
 * ```ts
 * const b = new TextEncoder().encode('Yes');
 * parseBoolText(b, 0, 3); // → 1
 * ```
 */
export function parseBoolText(b: Uint8Array, s: number, e: number): number {
  let word = '';
  if (e - s > 5) return -1;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    word += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  }
  switch (word) {
    case 'true':
    case 't':
    case 'yes':
    case 'y':
    case '1':
      return 1;
    case 'false':
    case 'f':
    case 'no':
    case 'n':
    case '0':
      return 0;
    default:
      return -1;
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const w64 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The float32 next to the non-negative float32 `f`, one step up or down. */
function stepFloat32(f: number, up: boolean): number {
  f32[0] = f;
  u32[0] = u32[0]! + (up ? 1 : -1);
  return f32[0];
}

/**
 * A decimal text as a float32, rounded once from the exact decimal (no double rounding through
 * float64); sets `parsed.ok`. Overflow gives ±Infinity, as a float parse does.
 * @example
 * ```ts
 * const b = new TextEncoder().encode('1.00000017881393432617187499');
 * parseFloat32Text(b, 0, b.length); // → 1.0000001192092896
 * ```
 */
export function parseFloat32Text(b: Uint8Array, s: number, e: number): number {
  const d = parseFloatBytes(b, s, e);
  if (!parsed.ok) return 0;
  const f = Math.fround(d);
  if (f === d || d !== d || d - d !== 0) return f;
  // Only a double that is exactly halfway between two float32s can round the wrong way.
  const a = Math.abs(d);
  const fa = Math.abs(f);
  const lo = fa < a ? fa : stepFloat32(fa === Infinity ? 2 ** 128 : fa, false);
  const hi = fa < a ? stepFloat32(fa, true) : fa;
  const hiValue = hi === Infinity ? 2 ** 128 : hi;
  if ((lo + hiValue) / 2 !== a || !scanDecimal(b, s, e)) return f;
  const c = compareDecimal(a);
  if (c === 0) return f;
  const r = c > 0 ? hi : lo;
  return d < 0 ? -r : r;
}

/** The sign of |the last scanned decimal| − `a` (a finite, positive double), exactly. */
function compareDecimal(a: number): number {
  f64[0] = a;
  const hi = w64[HI]!;
  const lo = w64[1 - HI]!;
  const ebits = (hi >>> 20) & 0x7ff;
  const m = BigInt(((hi & 0xfffff) | (ebits === 0 ? 0 : 0x100000)) * 4294967296 + lo);
  const k = (ebits === 0 ? 1 : ebits) - 1075;
  let left = dec.digits === '' ? 0n : BigInt(dec.digits);
  let right = m;
  if (dec.scale >= 0) left *= 10n ** BigInt(dec.scale);
  else right *= 10n ** BigInt(-dec.scale);
  if (k >= 0) right <<= BigInt(k);
  else left <<= BigInt(-k);
  return left > right ? 1 : left < right ? -1 : 0;
}

function two(b: Uint8Array, i: number): number {
  return isDigit(b[i]) && isDigit(b[i + 1]) ? (b[i]! - ZERO) * 10 + b[i + 1]! - ZERO : -1;
}

/**
 * Days since 1970-01-01 of `YYYY-MM-DD` or of an ISO 8601 expanded year (`+010000-01-01`,
 * `-0001-12-31`: the readers' date parser); NaN when the text is not a valid date.
 * @example
 * ```ts
 * const b = new TextEncoder().encode('-000001-12-31');
 * parseDateText(b, 0, b.length); // → -719529
 * ```
 */
export function parseDateText(b: Uint8Array, s: number, e: number): number {
  const days = parseDateBytes(b, s, e);
  return parsed.ok ? days : NaN;
}

/**
 * Milliseconds since the epoch of an ISO timestamp (the readers' form, expanded years included)
 * or of a date alone (midnight): a number within ±(2^53 − 1), `BIG` with the value in
 * `bigOut.value` beyond, NaN when invalid. Sets `timestampZone.aware` when the text has a `Z` or
 * an offset (the result is then the instant; else the wall time read as UTC). Offsets may have
 * seconds (`-04:56:02`), as local mean times print.
 * @example
 * ```ts
 * const b = new TextEncoder().encode('2024-01-05T10:30:00+02:00');
 * parseTimestampText(b, 0, b.length); // → 1704443400000
 * ```
 */
export function parseTimestampText(b: Uint8Array, s: number, e: number): number {
  // An offset with seconds (`-04:56:02`, local mean time): parse without them, then apply them.
  const o = e - 9;
  if (o > s + 10 && (b[o] === PLUS || b[o] === MINUS) && b[o + 3] === COLON && b[o + 6] === COLON && two(b, o + 1) >= 0 && two(b, o + 4) >= 0) {
    const secs = two(b, o + 7);
    if (secs < 0 || secs > 59) return NaN;
    const t = parseTimestampWithoutSeconds(b, s, e - 3);
    const shift = (b[o] === MINUS ? secs : -secs) * 1000;
    if (t !== BIG) {
      const r = t + shift; // NaN stays NaN
      if (!(Math.abs(r) > MAX_SAFE)) return r;
      bigOut.value = BigInt(t);
    }
    bigOut.value += BigInt(shift);
    return BIG;
  }
  return parseTimestampWithoutSeconds(b, s, e);
}

function parseTimestampWithoutSeconds(b: Uint8Array, s: number, e: number): number {
  timestampZone.aware = false;
  const days = parseDateBytes(b, s, e);
  if (parsed.ok) return exact(days * MS_PER_DAY, () => BigInt(days) * 86_400_000n);
  const ms = parseTimestampBytes(b, s, e);
  if (!parsed.ok) return NaN;
  return exact(ms, timestampBig);
}

/** `ms` when it is exact, else `BIG` with the exact value in `bigOut.value`. */
function exact(ms: number, big: () => bigint): number {
  if (ms <= MAX_SAFE && ms >= -MAX_SAFE) return ms;
  bigOut.value = big();
  return BIG;
}
