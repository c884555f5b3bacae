/**
 * Parsing field bytes into values with no string per field: integers, floats and booleans (dates
 * and timestamps in `parse-dates.ts`, re-exported here), plus the inference classes a field
 * belongs to.
 *
 * Parsers return the value and report failure through `parsed.ok` (no exceptions, no allocation).
 */
import { parsed } from './parsed.js';
import { parseDateBytes, parseTimestampBytes, timestampZone } from './parse-dates.js';

export { parsed } from './parsed.js';
export { daysFromCivil, parseDateBytes, parseTimestampBytes, timestampBig, timestampParts, timestampZone } from './parse-dates.js';

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** 10^0 … 10^22: every power exactly representable as a double. */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * An integer from ASCII digits with an optional `-`/`+` sign, as a number when it is a safe
 * integer. Leading zeros are accepted here (explicit dtypes); inference rejects them separately.
 * Sets `parsed.ok = false` for anything else, or for magnitudes beyond 2^53 − 1.
 */
export function parseIntBytes(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (i < e && (b[i] === MINUS || b[i] === PLUS)) {
    neg = b[i] === MINUS;
    i++;
  }
  if (i === e || e - i > 16) return notParsed();
  let v = 0;
  for (; i < e; i++) {
    const d = b[i]! - ZERO;
    if (d < 0 || d > 9) {
      parsed.ok = false;
      return 0;
    }
    v = v * 10 + d;
  }
  if (v > Number.MAX_SAFE_INTEGER) return notParsed();
  parsed.ok = true;
  return neg ? -v : v;
}

function notParsed(): number {
  parsed.ok = false;
  return 0;
}

/**
 * A 64-bit integer from ASCII digits (any magnitude within int64 / uint64 is the caller's check)
 * as a bigint, or `undefined` when the text is not an integer.
 */
export function parseBigIntBytes(b: Uint8Array, s: number, e: number): bigint | undefined {
  let i = s;
  if (i < e && (b[i] === MINUS || b[i] === PLUS)) i++;
  if (i === e) return undefined;
  for (let k = i; k < e; k++) {
    const c = b[k]!;
    if (c < ZERO || c > NINE) return undefined;
  }
  return BigInt(latin1(b, b[s] === PLUS ? s + 1 : s, e));
}

/** The bytes as a latin1 string (used only on slow paths). */
export function latin1(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i]!);
  return out;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Whether bytes `[s, e)` equal `word` ignoring ASCII case (`word` is lowercase ASCII). */
export function equalsIgnoreCase(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (lower(b[s + i]!) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * A float64 from its text: decimal with optional fraction and exponent, or `nan`, `inf`,
 * `infinity` (any case, optional sign). Correctly rounded: the fast path (at most 15 significant
 * digits, |exponent| ≤ 22) is exact by construction; anything longer goes through `Number()`.
 */
export function parseFloatBytes(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (i < e && (b[i] === MINUS || b[i] === PLUS)) {
    neg = b[i] === MINUS;
    i++;
  }
  if (i === e) {
    parsed.ok = false;
    return 0;
  }
  const c0 = b[i]!;
  if (c0 > NINE || (c0 < ZERO && c0 !== DOT)) return special(b, i, e, neg);
  let mant = 0;
  let digits = 0; // significant digits accumulated in mant
  let dropped = 0; // digits beyond what mant holds exactly
  let exp = 0;
  let sawDigit = false;
  for (; i < e; i++) {
    const d = b[i]! - ZERO;
    if (d < 0 || d > 9) break;
    sawDigit = true;
    if (digits < 15) {
      if (mant !== 0 || d !== 0) digits++;
      mant = mant * 10 + d;
    } else {
      dropped++;
      exp++;
    }
  }
  if (i < e && b[i] === DOT) {
    i++;
    for (; i < e; i++) {
      const d = b[i]! - ZERO;
      if (d < 0 || d > 9) break;
      sawDigit = true;
      if (digits < 15) {
        if (mant !== 0 || d !== 0) digits++;
        mant = mant * 10 + d;
        exp--;
      } else if (d !== 0) {
        dropped++;
      }
    }
  }
  if (!sawDigit) {
    parsed.ok = false;
    return 0;
  }
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    let eneg = false;
    if (i < e && (b[i] === MINUS || b[i] === PLUS)) {
      eneg = b[i] === MINUS;
      i++;
    }
    if (i === e) {
      parsed.ok = false;
      return 0;
    }
    let ev = 0;
    for (; i < e; i++) {
      const d = b[i]! - ZERO;
      if (d < 0 || d > 9) {
        parsed.ok = false;
        return 0;
      }
      if (ev < 100000) ev = ev * 10 + d;
    }
    exp += eneg ? -ev : ev;
  }
  if (i !== e) {
    parsed.ok = false;
    return 0;
  }
  parsed.ok = true;
  if (dropped === 0 && exp >= -22 && exp <= 22) {
    const v = exp < 0 ? mant / POW10[-exp]! : mant * POW10[exp]!;
    return neg ? -v : v;
  }
  // Long mantissas and large exponents: let the engine round the validated text.
  return Number(latin1(b, s, e));
}

function special(b: Uint8Array, i: number, e: number, neg: boolean): number {
  if (equalsIgnoreCase(b, i, e, 'nan')) {
    parsed.ok = true;
    return NaN;
  }
  if (equalsIgnoreCase(b, i, e, 'inf') || equalsIgnoreCase(b, i, e, 'infinity')) {
    parsed.ok = true;
    return neg ? -Infinity : Infinity;
  }
  parsed.ok = false;
  return 0;
}

/** `true` / `false` in any case; sets `parsed.ok`. */
export function parseBoolBytes(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n === 4 && equalsIgnoreCase(b, s, e, 'true')) {
    parsed.ok = true;
    return true;
  }
  if (n === 5 && equalsIgnoreCase(b, s, e, 'false')) {
    parsed.ok = true;
    return false;
  }
  parsed.ok = false;
  return false;
}

/** Inference classes of a field (bit flags; a field can be several). */
export const Kind = {
  Bool: 1,
  Int32: 2,
  Int64: 4,
  Float: 8,
  Date: 16,
  TimestampNaive: 32,
  TimestampAware: 64,
  All: 127,
} as const;

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Whether the digits after an optional sign start with a zero followed by more digits ("007"). */
function leadingZero(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (b[i] === MINUS || b[i] === PLUS) i++;
  if (b[i] !== ZERO || i + 1 >= e) return false;
  const next = b[i + 1]!;
  return next >= ZERO && next <= NINE;
}

/** Whether `[s, e)` is an optional `-` followed by one or more digits. */
function isIntegerText(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (b[i] === MINUS) i++;
  if (i === e) return false;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c < ZERO || c > NINE) return false;
  }
  return true;
}

/**
 * The date / timestamp classes of a text (`YYYY-MM-DD`, ISO 8601 timestamps, and both with
 * expanded years such as `+010000-01-01` or `-000001-12-31`), or 0.
 */
export function temporalKinds(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n < 10) return 0;
  const c = b[s];
  // A date starts with four digits and '-', or with a sign and the digits of an expanded year.
  if (!((c! >= ZERO && c! <= NINE && b[s + 4] === MINUS) || c === PLUS || c === MINUS)) return 0;
  parseDateBytes(b, s, e);
  if (parsed.ok) return Kind.Date;
  if (n < 16) return 0;
  parseTimestampBytes(b, s, e);
  if (parsed.ok) return timestampZone.aware ? Kind.TimestampAware : Kind.TimestampNaive;
  return 0;
}

/**
 * The classes a non-null field's text belongs to. Integers and floats with leading zeros
 * ("00501", "01010001", "007.5") and a leading `+` belong to none: they stay strings. Dates and
 * timestamps are recognised first, so years 0000–0999 and expanded years (`-000001-12-31`) are
 * dates, not text.
 */
export function classify(b: Uint8Array, s: number, e: number): number {
  const c = b[s]!;
  const n = e - s;
  if (n >= 10) {
    const t = temporalKinds(b, s, e);
    if (t !== 0) return t;
  }
  if ((c >= ZERO && c <= NINE) || c === MINUS || c === DOT) {
    if (leadingZero(b, s, e)) return 0;
    let kinds = 0;
    const iv = parseIntBytes(b, s, e);
    if (parsed.ok) {
      kinds |= Kind.Float | Kind.Int64;
      if (iv >= I32_MIN && iv <= I32_MAX) kinds |= Kind.Int32;
      return kinds;
    }
    if (isIntegerText(b, s, e)) {
      // Beyond 2^53: int64 when it fits exactly, else text (a float would round it).
      const big = n <= 20 ? parseBigIntBytes(b, s, e) : undefined;
      return big !== undefined && big >= INT64_MIN && big <= INT64_MAX ? Kind.Int64 : 0;
    }
    parseFloatBytes(b, s, e);
    return parsed.ok ? Kind.Float : 0;
  }
  if (n === 4 || n === 5) {
    parseBoolBytes(b, s, e);
    if (parsed.ok) return Kind.Bool;
  }
  if (c === PLUS) return 0;
  parseFloatBytes(b, s, e); // nan, inf, infinity
  return parsed.ok ? Kind.Float : 0;
}
