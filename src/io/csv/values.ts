/**
 * The inference classes a CSV or JSON field belongs to. The parsers of field bytes (integers,
 * floats, booleans in util/parse-bytes.ts; dates and timestamps in util/parse-dates.ts — casts from
 * text use them too) are re-exported here.
 *
 * Parsers return the value and report failure through `parsed.ok` (no exceptions, no allocation).
 */
import { parseBigIntBytes, parseBoolBytes, parseFloatBytes, parseIntBytes, parsed } from '../../util/parse-bytes.js';
import { parseDateBytes, parseTimestampBytes, timestampFits, timestampParts, timestampZone } from '../../util/parse-dates.js';
import type { TimeUnit } from '../../dtype/values.js';

export { equalsIgnoreCase, latin1, parseBigIntBytes, parseBoolBytes, parseFloatBytes, parseIntBytes, parsed } from '../../util/parse-bytes.js';
export {
  daysFromCivil,
  parseDateBytes,
  parseTimestampBytes,
  timestampBig,
  timestampFits,
  timestampIn,
  timestampParts,
  timestampSubUnit,
  timestampZone,
} from '../../util/parse-dates.js';

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * Inference classes (bit flags; a column keeps the classes every value has). A timestamp belongs
 * to the class of each unit that holds it exactly: `.123` to milliseconds, microseconds and
 * nanoseconds, `.123456` to the last two, `.1234567` to nanoseconds only — and a unit only when
 * the value is within its range (nanoseconds: years 1677–2262).
 */
export const Kind = {
  Bool: 1,
  Int32: 2,
  Int64: 4,
  Float: 8,
  Date: 16,
  /** Wall-clock timestamps (no zone) that fit milliseconds. */
  TimestampNaive: 32,
  /** Instants (`Z` or an offset) that fit milliseconds. */
  TimestampAware: 64,
  TimestampNaiveUs: 128,
  TimestampAwareUs: 256,
  TimestampNaiveNs: 512,
  TimestampAwareNs: 1024,
  All: 2047,
} as const;

/** Every timestamp class. */
export const TIMESTAMP_KINDS = 32 | 64 | 128 | 256 | 512 | 1024;

/** The timestamp classes of each unit, naive and aware. */
const UNIT_KINDS: readonly { unit: TimeUnit; naive: number; aware: number }[] = [
  { unit: 'ms', naive: Kind.TimestampNaive, aware: Kind.TimestampAware },
  { unit: 'us', naive: Kind.TimestampNaiveUs, aware: Kind.TimestampAwareUs },
  { unit: 'ns', naive: Kind.TimestampNaiveNs, aware: Kind.TimestampAwareNs },
];

/**
 * The coarsest timestamp unit among classes `k` (wall times when `aware` is false, instants
 * when true): the unit an inferred column of those values takes, or undefined when none.
 * @example
 * ```ts
 * timestampUnitOf(Kind.TimestampNaiveUs | Kind.TimestampNaiveNs, false); // → 'us'
 * ```
 */
export function timestampUnitOf(k: number, aware: boolean): TimeUnit | undefined {
  for (const u of UNIT_KINDS) if (k & (aware ? u.aware : u.naive)) return u.unit;
  return undefined;
}

/**
 * The timestamp classes of the timestamp `parseTimestampBytes(…, true)` read last: a unit for
 * every unit at least as fine as its fraction digits (up to 3 → ms, 4–6 → us, 7 or more → ns)
 * whose range holds it.
 */
function lastTimestampKinds(): number {
  const digits = timestampParts.digits;
  const aware = timestampZone.aware;
  const first = digits <= 3 ? 0 : digits <= 6 ? 1 : 2;
  let k = 0;
  for (let u = first; u < 3; u++) {
    const c = UNIT_KINDS[u]!;
    if (timestampFits(c.unit)) k |= aware ? c.aware : c.naive;
  }
  return k;
}

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
 * Whether a float literal `[s, e)` that parsed to `v` lies beyond the range of float64 (or of
 * float32 with `f32`): a number too large, read as ±Infinity, or a nonzero number too small, read
 * as 0. The tokens `inf`, `Infinity` and `NaN` are not out of range.
 */
export function floatOutOfRange(v: number, b: Uint8Array, s: number, e: number, f32 = false): boolean {
  const x = f32 ? Math.fround(v) : v;
  if (x === 0) {
    // Zero only when every digit of the mantissa is zero.
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c === 101 || c === 69) return false;
      if (c > ZERO && c <= NINE) return true;
    }
    return false;
  }
  if (x === Infinity || x === -Infinity) {
    let i = s;
    if (b[i] === MINUS || b[i] === PLUS) i++;
    const c = b[i]!;
    return (c >= ZERO && c <= NINE) || c === DOT;
  }
  return false;
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
  parseTimestampBytes(b, s, e, true);
  if (parsed.ok) return lastTimestampKinds();
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
    const v = parseFloatBytes(b, s, e);
    // A literal beyond the float range would read as ±Infinity or 0: it is text.
    return parsed.ok && !floatOutOfRange(v, b, s, e) ? Kind.Float : 0;
  }
  if (n === 4 || n === 5) {
    parseBoolBytes(b, s, e);
    if (parsed.ok) return Kind.Bool;
  }
  if (c === PLUS) return 0;
  parseFloatBytes(b, s, e); // nan, inf, infinity
  return parsed.ok ? Kind.Float : 0;
}
