/**
 * The inference classes a CSV or JSON field belongs to. The parsers of field bytes live in
 * util/parse-bytes.ts (casts from text use them too) and are re-exported here.
 */
import { parseBigIntBytes, parseDateBytes, parseFloatBytes, parseIntBytes, parseBoolBytes, parseTimestampBytes, parsed, timestampZone } from '../../util/parse-bytes.js';

export {
  daysFromCivil,
  equalsIgnoreCase,
  latin1,
  parseBigIntBytes,
  parseBoolBytes,
  parseDateBytes,
  parseFloatBytes,
  parseIntBytes,
  parseTimestampBytes,
  parsed,
  timestampZone,
} from '../../util/parse-bytes.js';

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

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
 * The classes a non-null field's text belongs to. Integers and floats with leading zeros
 * ("00501", "01010001", "007.5") and a leading `+` belong to none: they stay strings.
 */
export function classify(b: Uint8Array, s: number, e: number): number {
  const c = b[s]!;
  const n = e - s;
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
    if (parsed.ok) kinds |= Kind.Float;
    if (n === 10) {
      parseDateBytes(b, s, e);
      if (parsed.ok) kinds |= Kind.Date;
    } else if (n >= 16) {
      parseTimestampBytes(b, s, e);
      if (parsed.ok) kinds |= timestampZone.aware ? Kind.TimestampAware : Kind.TimestampNaive;
    }
    return kinds;
  }
  if (n === 4 || n === 5) {
    parseBoolBytes(b, s, e);
    if (parsed.ok) return Kind.Bool;
  }
  if (c === PLUS) return 0;
  parseFloatBytes(b, s, e); // nan, inf, infinity
  return parsed.ok ? Kind.Float : 0;
}
