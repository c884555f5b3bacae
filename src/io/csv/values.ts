/**
 * Parsing field bytes into values with no string per field: integers, floats, booleans, dates and
 * timestamps, plus the inference classes a field belongs to.
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

function digits2(b: Uint8Array, i: number): number {
  const a = b[i]! - ZERO;
  const c = b[i + 1]! - ZERO;
  if (a < 0 || a > 9 || c < 0 || c > 9) return -1;
  return a * 10 + c;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
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

/** Where the last `expandedDateAt` date ended. */
let expandedEnd = 0;

/** The most and fewest days a date column holds (int32). */
const MAX_DAYS = 2147483647;
const MIN_DAYS = -2147483648;

/**
 * Days since the epoch from an ISO 8601 expanded date `±YYYYYY-MM-DD` (a sign, then 4 to 9 year
 * digits) starting at `s` and ending at or before `e`, or NaN. Sets `expandedEnd`.
 */
function expandedDateAt(b: Uint8Array, s: number, e: number): number {
  const c = b[s];
  if (c !== MINUS && c !== PLUS) return NaN;
  let i = s + 1;
  let y = 0;
  while (i < e && i - s <= 10) {
    const d = b[i]! - ZERO;
    if (d < 0 || d > 9) break;
    y = y * 10 + d;
    i++;
  }
  const n = i - s - 1;
  if (n < 4 || n > 9 || i + 6 > e || b[i] !== MINUS || b[i + 3] !== MINUS) return NaN;
  const m = digits2(b, i + 1);
  const d = digits2(b, i + 4);
  if (c === MINUS) y = -y;
  if (m < 0 || d < 0 || !validDate(y, m, d)) return NaN;
  expandedEnd = i + 6;
  return daysFromCivil(y, m, d);
}

/**
 * A date as days since 1970-01-01: `YYYY-MM-DD`, or an ISO 8601 expanded year (`+010000-01-01`,
 * `-000001-12-31`: a sign and 4 to 9 digits) within the int32 days a date column holds; sets
 * `parsed.ok`.
 */
export function parseDateBytes(b: Uint8Array, s: number, e: number): number {
  let days: number;
  if (e - s === 10) days = dateAt(b, s);
  else {
    days = expandedDateAt(b, s, e);
    if (expandedEnd !== e || days > MAX_DAYS || days < MIN_DAYS) days = NaN;
  }
  parsed.ok = !Number.isNaN(days);
  return parsed.ok ? days : 0;
}

/** The last date part parsed by `parseTimestampBytes` and its days (starts with an impossible date). */
const dateCache = { bytes: new Uint8Array(10), days: 0 };

/** Whether the last `parseTimestampBytes` saw a `Z` or an offset (an instant, not a wall time). */
export const timestampZone = { aware: false };

/**
 * The parts of the last timestamp `parseTimestampBytes` read: its day and the milliseconds from
 * that day's midnight (UTC; may be negative or beyond a day after an offset). Their sum in
 * milliseconds is exact as a number only within ±2^53; beyond that use {@link timestampBig}.
 */
export const timestampParts = { days: 0, ms: 0 };

/** The last parsed timestamp as an exact bigint of milliseconds (for values beyond ±2^53). */
export function timestampBig(): bigint {
  return BigInt(timestampParts.days) * 86_400_000n + BigInt(timestampParts.ms);
}

const INT64_MIN_MS = -(2n ** 63n);
const INT64_MAX_MS = 2n ** 63n - 1n;

/**
 * An ISO-8601 timestamp `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:MM]]` as milliseconds since the
 * epoch (UTC); the date may have an ISO 8601 expanded year (`+010000-01-01T00:00:00`). Fractions
 * beyond milliseconds are accepted only when the extra digits are zeros (nothing is rounded
 * away). Sets `parsed.ok`, `timestampZone.aware` and `timestampParts`. The result is exact
 * within ±2^53 ms (years about −283,000 to 287,000); beyond that read {@link timestampBig}
 * (values beyond int64 fail).
 */
export function parseTimestampBytes(b: Uint8Array, s: number, e: number): number {
  parsed.ok = false;
  if (e - s < 16) return 0;
  // Consecutive timestamps usually share their date: reuse the last one's days when it matches.
  let days: number;
  let t: number;
  if (b[s + 4] === MINUS) {
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
    t = s + 10;
  } else {
    days = expandedDateAt(b, s, e);
    if (Number.isNaN(days)) return 0;
    t = expandedEnd;
  }
  if (e - t < 6) return 0;
  const sep = b[t];
  if (sep !== 84 && sep !== 32 && sep !== 116) return 0; // 'T', ' ', 't'
  const hh = digits2(b, t + 1);
  if (hh < 0 || hh > 23 || b[t + 3] !== 58) return 0;
  const mi = digits2(b, t + 4);
  if (mi < 0 || mi > 59) return 0;
  let i = t + 6;
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
  const msOfDay = ((hh * 60 + mi - offsetMin) * 60 + ss) * 1000 + ms;
  timestampParts.days = days;
  timestampParts.ms = msOfDay;
  const v = days * 86_400_000 + msOfDay;
  if (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) {
    // Beyond 2^53 ms: fine as long as the exact value fits int64 (the caller reads timestampBig()).
    const big = timestampBig();
    if (big > INT64_MAX_MS || big < INT64_MIN_MS) return 0;
  }
  parsed.ok = true;
  timestampZone.aware = aware;
  return v;
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
