/**
 * Parsing dates and timestamps from field bytes with no string per field: `YYYY-MM-DD`, ISO 8601
 * timestamps, and both with ISO 8601 expanded years (`+010000-01-01`, `-000001-12-31`) — every
 * form the writers emit (see `util/temporal.ts`). Parsers report failure through `parsed.ok`.
 */
import { parsed } from './parse-bytes.js';

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;

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
 * console.log(daysFromCivil(1970, 1, 1), daysFromCivil(2024, 2, 29), daysFromCivil(0, 1, 1));
 * // prints: 0 19782 -719528
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
 * @example
 * ```ts
 * const days = (t: string) => parseDateBytes(Buffer.from(t), 0, t.length);
 * console.log(days('2024-02-29'), days('+010000-01-01'), days('-000001-12-31'));
 * // prints: 19782 2932897 -719529
 * ```
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
 * that day's midnight (UTC; may be negative or beyond a day after an offset), the nanoseconds
 * below the millisecond (`subNs`, 0 … 999,999) and how many fraction digits were written
 * (`digits`: 0 for none, 3 for `.123`, 6 for `.123456` …). The sum of days and milliseconds is
 * exact as a number only within ±2^53; beyond that use {@link timestampBig}.
 */
export const timestampParts = { days: 0, ms: 0, subNs: 0, digits: 0 };

/**
 * The last parsed timestamp as an exact bigint of milliseconds (for values beyond ±2^53).
 * @example
 * ```ts
 * const t = '+292278994-08-17T07:12:55.807';
 * parseTimestampBytes(Buffer.from(t), 0, t.length);
 * console.log(timestampBig());
 * // prints: 9223372036854775807n
 * ```
 */
export function timestampBig(): bigint {
  return BigInt(timestampParts.days) * 86_400_000n + BigInt(timestampParts.ms);
}

const INT64_MIN_MS = -(2n ** 63n);
const INT64_MAX_MS = 2n ** 63n - 1n;

/** Units per millisecond as bigints, and nanoseconds per unit below the millisecond. */
const PER_MS_BIG = { s: 1n, ms: 1n, us: 1000n, ns: 1_000_000n } as const;
const NS_PER_UNIT = { s: 1_000_000_000, ms: 1_000_000, us: 1000, ns: 1 } as const;

/**
 * The last parsed timestamp as an exact count of `unit` since the epoch, after adding `shiftMs`
 * milliseconds (a zone's offset), truncating toward −∞ below the unit (callers check
 * {@link timestampSubUnit} first when digits must not be lost).
 * @example
 * ```ts
 * const t = '1969-12-31T23:59:59.999999999';
 * parseTimestampBytes(Buffer.from(t), 0, t.length, true);
 * console.log(timestampIn('ns'), timestampIn('us'), timestampIn('s'));
 * // prints: -1n -1n -1n
 * ```
 */
export function timestampIn(unit: 's' | 'ms' | 'us' | 'ns', shiftMs = 0): bigint {
  const ms = timestampBig() + BigInt(shiftMs);
  if (unit === 's') {
    const q = ms / 1000n;
    return ms < 0n && q * 1000n !== ms ? q - 1n : q;
  }
  return ms * PER_MS_BIG[unit] + BigInt(Math.floor(timestampParts.subNs / NS_PER_UNIT[unit]));
}

/**
 * Whether the last parsed timestamp has digits finer than `unit` (nonzero nanoseconds below it,
 * or for seconds a nonzero fraction): reading it in that unit would lose them.
 * @example
 * ```ts
 * const t = '2024-01-01T00:00:00.1234';
 * parseTimestampBytes(Buffer.from(t), 0, t.length, true);
 * console.log(timestampSubUnit('ms'), timestampSubUnit('us'), timestampSubUnit('ns'));
 * // prints: true false false
 * ```
 */
export function timestampSubUnit(unit: 's' | 'ms' | 'us' | 'ns'): boolean {
  const sub = timestampParts.subNs;
  if (unit === 's') return sub !== 0 || timestampParts.ms % 1000 !== 0;
  return sub % NS_PER_UNIT[unit] !== 0;
}

/** Days from the epoch within which every timestamp fits int64 microseconds / nanoseconds. */
const SAFE_DAYS_US = 106_751_000;
const SAFE_DAYS_NS = 106_749;

/**
 * Whether the last parsed timestamp (shifted by `shiftMs`) fits an int64 count of `unit`:
 * nanoseconds hold years 1677–2262, microseconds about ±292,000 years, milliseconds and seconds
 * every value the parser accepts.
 * @example
 * ```ts
 * const t = '2300-01-01T00:00:00';
 * parseTimestampBytes(Buffer.from(t), 0, t.length, true);
 * console.log(timestampFits('us'), timestampFits('ns'));
 * // prints: true false
 * ```
 */
export function timestampFits(unit: 's' | 'ms' | 'us' | 'ns', shiftMs = 0): boolean {
  if (unit === 's' || unit === 'ms') return true;
  const d = Math.abs(timestampParts.days);
  if (d < (unit === 'ns' ? SAFE_DAYS_NS : SAFE_DAYS_US)) return true;
  const v = timestampIn(unit, shiftMs);
  return v >= INT64_MIN_MS && v <= INT64_MAX_MS;
}


/**
 * An ISO-8601 timestamp `YYYY-MM-DD[T| ]HH:MM[:SS[.fffffffff]][Z|±HH[:MM]]` as milliseconds since
 * the epoch (UTC); the date may have an ISO 8601 expanded year (`+010000-01-01T00:00:00`).
 * Fraction digits beyond milliseconds are accepted only when they are zeros (nothing is rounded
 * away) unless `fine` is set: then up to nine significant digits are read (nanoseconds) and the
 * ones below the millisecond go to `timestampParts.subNs`; digits beyond the ninth must be zeros.
 * `timestampParts.digits` counts the fraction digits written. Sets `parsed.ok`,
 * `timestampZone.aware` and `timestampParts`. The result is exact within ±2^53 ms (years about
 * −283,000 to 287,000); beyond that read {@link timestampBig} (values beyond int64 fail).
 * @example
 * ```ts
 * import { parsed } from './parse-bytes.js';
 * const t = '2024-03-05T14:22:10.123+01:00';
 * console.log(parseTimestampBytes(Buffer.from(t), 0, t.length), parsed.ok, timestampZone.aware);
 * // prints: 1709644930123 true true
 * const u = '2024-03-05T14:22:10.1234567';
 * console.log(parseTimestampBytes(Buffer.from(u), 0, u.length, true), timestampParts.subNs, timestampParts.digits);
 * // prints: 1709648530123 456700 7
 * ```
 */
export function parseTimestampBytes(b: Uint8Array, s: number, e: number, fine = false): number {
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
  let sub = 0;
  let k = 0;
  if (i < e && b[i] === 58) {
    ss = digits2(b, i + 1);
    if (i + 3 > e || ss < 0 || ss > 59) return 0;
    i += 3;
    if (i < e && (b[i] === DOT || b[i] === 44)) {
      i++;
      let frac = 0;
      for (; i < e; i++, k++) {
        const d = b[i]! - ZERO;
        if (d < 0 || d > 9) break;
        if (k < 3) frac = frac * 10 + d;
        else if (k < 9 && (fine || d === 0)) sub = sub * 10 + d;
        else if (d !== 0) return 0; // a digit the unit cannot hold would be lost
      }
      if (k === 0) return 0;
      for (let pad = Math.min(k, 3); pad < 3; pad++) frac *= 10;
      for (let pad = Math.max(Math.min(k, 9), 3); pad < 9; pad++) sub *= 10;
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
  timestampParts.subNs = sub;
  timestampParts.digits = k;
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
