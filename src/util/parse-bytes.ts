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
 * parseIntBytes(b, 0, b.length); // → 42
 * parsed.ok; // → true
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
 * parseBigIntBytes(b, 0, b.length); // → 9223372036854775807n
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
 * latin1(new Uint8Array([104, 105]), 0, 2); // → 'hi'
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
 * equalsIgnoreCase(new TextEncoder().encode('NaN'), 0, 3, 'nan'); // → true
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
 * parseFloatBytes(b, 0, b.length); // → -1500
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
 * parseBoolBytes(new TextEncoder().encode('TRUE'), 0, 4); // → true
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
