/**
 * Exact 64-bit integer arithmetic on the two 32-bit words of each value, in doubles: no bigint
 * per row. Each operation leaves its result in `R` (a shared scratch record, read right away) and
 * returns whether it fits int64. Words: `hi` is the signed high word, `lo` the unsigned low word;
 * the value is `hi · 2^32 + lo`.
 */

const TWO_32 = 4294967296;
const TWO_16 = 65536;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The result of the last operation: a quotient and remainder, or the words of a value. */
export const R = { hi: 0, lo: 0, q: 0, r: 0 };

/**
 * Floor division of the int64 `hi · 2^32 + lo` by `d` (1 … 2^21): `R.q` the quotient (exact: it
 * is within ±2^53 for any `d ≥ 1024`; for smaller `d` only when it fits), `R.r` the remainder in
 * [0, d).
 * @example
 * ```ts
 * // −1 (hi −1, lo 2^32 − 1) divided by 10^6 is −1 remainder 999999:
 * divWords(-1, 4294967295, 1e6);
 * [R.q, R.r]; // → [ -1, 999999 ]
 * ```
 */
export function divWords(hi: number, lo: number, d: number): void {
  const qh = Math.floor(hi / d);
  const rh = hi - qh * d; // [0, d)
  const t = rh * TWO_32 + lo; // < d · 2^32 ≤ 2^53: exact
  let q2 = Math.floor(t / d);
  let r = t - q2 * d;
  if (r < 0) {
    q2--;
    r += d;
  } else if (r >= d) {
    q2++;
    r -= d;
  }
  R.q = qh * TWO_32 + q2;
  R.r = r;
}

/**
 * `x · k` into `R.hi`/`R.lo` for an integer `x` within ±2^53 and `k` in 1 … 2^30; false when the
 * product leaves int64.
 * @example
 * ```ts
 * mulWords(1714557600123456, 1000); // → true
 * BigInt(R.hi) * 2n ** 32n + BigInt(R.lo); // → 1714557600123456000n
 * ```
 */
export function mulWords(x: number, k: number): boolean {
  const x2 = Math.floor(x / TWO_32); // signed, |x2| ≤ 2^21
  const rest = x - x2 * TWO_32; // [0, 2^32)
  const x1 = Math.floor(rest / TWO_16);
  const x0 = rest - x1 * TWO_16;
  const p1 = x1 * k; // < 2^46
  const a = Math.floor(p1 / TWO_16);
  const b = p1 - a * TWO_16;
  const low = b * TWO_16 + x0 * k; // < 2^32 + 2^46
  const carry = Math.floor(low / TWO_32);
  const hi = x2 * k + a + carry;
  if (hi < INT32_MIN || hi > INT32_MAX) return false;
  R.hi = hi;
  R.lo = low - carry * TWO_32;
  return true;
}

/**
 * `(ah, al) + (bh, bl)` into `R.hi`/`R.lo`; false when the sum leaves int64.
 * @example
 * ```ts
 * [addWords(2147483647, 4294967295, 0, 1), addWords(0, 4294967295, 0, 1), R.hi, R.lo]; // → [ false, true, 1, 0 ]
 * ```
 */
export function addWords(ah: number, al: number, bh: number, bl: number): boolean {
  const low = al + bl;
  const carry = low >= TWO_32 ? 1 : 0;
  const hi = ah + bh + carry;
  if (hi < INT32_MIN || hi > INT32_MAX) return false;
  R.hi = hi;
  R.lo = low - carry * TWO_32;
  return true;
}

/**
 * `(ah, al) − (bh, bl)` into `R.hi`/`R.lo`; false when the difference leaves int64.
 * @example
 * ```ts
 * [subWords(0, 0, 0, 1), R.hi, R.lo]; // → [ true, -1, 4294967295 ]
 * ```
 */
export function subWords(ah: number, al: number, bh: number, bl: number): boolean {
  const low = al - bl;
  const borrow = low < 0 ? 1 : 0;
  const hi = ah - bh - borrow;
  if (hi < INT32_MIN || hi > INT32_MAX) return false;
  R.hi = hi;
  R.lo = low + borrow * TWO_32;
  return true;
}

/** Whether the int64 of high word `hi` lies within ±2^53 (so `hi · 2^32 + lo` is an exact double). */
export function safeHi(hi: number): boolean {
  return hi >= -0x200000 && hi < 0x200000;
}

/** The words of `v` (an integer within ±2^53) into `R.hi`/`R.lo`. */
export function toWords(v: number): void {
  const hi = Math.floor(v / TWO_32);
  R.hi = hi;
  R.lo = v - hi * TWO_32;
}
