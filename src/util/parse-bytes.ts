/**
 * Parsing text bytes into values with no string per value: integers, floats, booleans, dates and
 * timestamps. Shared by the CSV and JSON readers and by casts from text.
 *
 * Parsers return the value and report failure through `parsed.ok` (no exceptions, no allocation).
 */

/** Out-parameter of the parsers: whether the last parse succeeded. */
export const parsed = { ok: true };

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
 * @example
 * ```ts
 * const b = new TextEncoder().encode('+42');
 * parseIntBytes(b, 0, b.length); // 42 (parsed.ok is true)
 * ```
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
 * @example
 * ```ts
 * const b = new TextEncoder().encode('9223372036854775807');
 * parseBigIntBytes(b, 0, b.length); // 9223372036854775807n
 * ```
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

/**
 * The bytes as a latin1 string (used only on slow paths).
 * @example
 * ```ts
 * latin1(new Uint8Array([104, 105]), 0, 2); // 'hi'
 * ```
 */
export function latin1(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i]!);
  return out;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Whether bytes `[s, e)` equal `word` ignoring ASCII case (`word` is lowercase ASCII).
 * @example
 * ```ts
 * equalsIgnoreCase(new TextEncoder().encode('NaN'), 0, 3, 'nan'); // true
 * ```
 */
export function equalsIgnoreCase(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (lower(b[s + i]!) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * A float64 from its text: decimal with optional fraction and exponent, or `nan`, `inf`,
 * `infinity` (any case, optional sign). Correctly rounded: the fast path (at most 15 significant
 * digits, |exponent| ≤ 22) is exact by construction; anything longer goes through `Number()`.
 * @example
 * ```ts
 * const b = new TextEncoder().encode('-1.5e3');
 * parseFloatBytes(b, 0, b.length); // -1500
 * ```
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

/**
 * `true` / `false` in any case; sets `parsed.ok`.
 * @example
 * ```ts
 * parseBoolBytes(new TextEncoder().encode('TRUE'), 0, 4); // true
 * ```
 */
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

function digits2(b: Uint8Array, i: number): number {
  const a = b[i]! - ZERO;
  const c = b[i + 1]! - ZERO;
  if (a < 0 || a > 9 || c < 0 || c > 9) return -1;
  return a * 10 + c;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
 * @example
 * ```ts
 * daysFromCivil(2024, 2, 29); // 19782
 * ```
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m - 1]!;
}

/** Days since the epoch from `YYYY-MM-DD` starting at `s` (exactly 10 bytes), or NaN. */
function dateAt(b: Uint8Array, s: number): number {
  if (b[s + 4] !== MINUS || b[s + 7] !== MINUS) return NaN;
  const y1 = digits2(b, s);
  const y2 = digits2(b, s + 2);
  const m = digits2(b, s + 5);
  const d = digits2(b, s + 8);
  if (y1 < 0 || y2 < 0 || m < 0 || d < 0) return NaN;
  const y = y1 * 100 + y2;
  if (!validDate(y, m, d)) return NaN;
  return daysFromCivil(y, m, d);
}

/**
 * A `YYYY-MM-DD` date as days since 1970-01-01; sets `parsed.ok`.
 * @example
 * ```ts
 * const b = new TextEncoder().encode('1969-12-31');
 * parseDateBytes(b, 0, b.length); // -1
 * ```
 */
export function parseDateBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s !== 10) {
    parsed.ok = false;
    return 0;
  }
  const days = dateAt(b, s);
  parsed.ok = !Number.isNaN(days);
  return parsed.ok ? days : 0;
}

/** The last date part parsed by `parseTimestampBytes` and its days (starts with an impossible date). */
const dateCache = { bytes: new Uint8Array(10), days: 0 };

/** Whether the last `parseTimestampBytes` saw a `Z` or an offset (an instant, not a wall time). */
export const timestampZone = { aware: false };

/**
 * An ISO-8601 timestamp `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:MM]]` as milliseconds since the
 * epoch (UTC). Fractions beyond milliseconds are accepted only when the extra digits are zeros
 * (nothing is rounded away). Sets `parsed.ok` and `timestampZone.aware`.
 * @example
 * ```ts
 * const b = new TextEncoder().encode('1970-01-01T00:00:01.5+01:00');
 * parseTimestampBytes(b, 0, b.length); // -3598500 (timestampZone.aware is true)
 * ```
 */
export function parseTimestampBytes(b: Uint8Array, s: number, e: number): number {
  parsed.ok = false;
  if (e - s < 16) return 0;
  // Consecutive timestamps usually share their date: reuse the last one's days when it matches.
  let days: number;
  const lastDate = dateCache.bytes;
  let same = true;
  for (let k = 0; k < 10; k++) {
    if (b[s + k] !== lastDate[k]) {
      same = false;
      break;
    }
  }
  if (same) days = dateCache.days;
  else {
    days = dateAt(b, s);
    if (Number.isNaN(days)) return 0;
    for (let k = 0; k < 10; k++) lastDate[k] = b[s + k]!;
    dateCache.days = days;
  }
  const sep = b[s + 10];
  if (sep !== 84 && sep !== 32 && sep !== 116) return 0; // 'T', ' ', 't'
  const hh = digits2(b, s + 11);
  if (hh < 0 || hh > 23 || b[s + 13] !== 58) return 0;
  const mi = digits2(b, s + 14);
  if (mi < 0 || mi > 59) return 0;
  let i = s + 16;
  let ss = 0;
  let ms = 0;
  if (i < e && b[i] === 58) {
    ss = digits2(b, i + 1);
    if (i + 3 > e || ss < 0 || ss > 59) return 0;
    i += 3;
    if (i < e && (b[i] === DOT || b[i] === 44)) {
      i++;
      let k = 0;
      let frac = 0;
      for (; i < e; i++, k++) {
        const d = b[i]! - ZERO;
        if (d < 0 || d > 9) break;
        if (k < 3) frac = frac * 10 + d;
        else if (d !== 0) return 0; // sub-millisecond precision would be lost
      }
      if (k === 0) return 0;
      for (let pad = Math.min(k, 3); pad < 3; pad++) frac *= 10;
      ms = frac;
    }
  }
  let offsetMin = 0;
  let aware = false;
  if (i < e) {
    const c = b[i];
    if ((c === 90 || c === 122) && i + 1 === e) {
      aware = true;
      i++;
    } else if (c === PLUS || c === MINUS) {
      const sign = c === MINUS ? -1 : 1;
      const oh = digits2(b, i + 1);
      if (i + 3 > e || oh < 0 || oh > 23) return 0;
      i += 3;
      let om = 0;
      if (i < e) {
        if (b[i] === 58) i++;
        om = digits2(b, i);
        if (i + 2 !== e || om < 0 || om > 59) return 0;
        i += 2;
      }
      offsetMin = sign * (oh * 60 + om);
      aware = true;
    } else {
      return 0;
    }
  }
  if (i !== e) return 0;
  parsed.ok = true;
  timestampZone.aware = aware;
  return days * 86_400_000 + ((hh * 60 + mi - offsetMin) * 60 + ss) * 1000 + ms;
}
