/**
 * Spellings shared by table cells (`value.ts`) and CSV fields (`csv-values.ts`): two-digit
 * fields, years, and the shortest decimal of a float32.
 */

/**
 * `n` (0 or more) as at least two digits, with a leading zero below 10.
 *
 * @param n - A non-negative integer: a month, day, hour, minute or second.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(pad2(7), pad2(42), pad2(123));
 * // prints: 07 42 123
 * ```
 */
export function pad2(n: number): string {
  return (n < 10 ? '0' : '') + n;
}

/**
 * A year as `Date#toISOString` spells it: years 0–9999 as four digits, others as ISO 8601
 * expanded years (`+012345`, `-000001`).
 *
 * @param y - The year (proleptic Gregorian, astronomical: 0 is 1 BC).
 * @returns Its text.
 * @example
 * ```ts
 * console.log(yearText(2024), yearText(33), yearText(12_345), yearText(-1));
 * // prints: 2024 0033 +012345 -000001
 * ```
 */
export function yearText(y: number): string {
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
}

/**
 * The shortest decimal (fewest significant digits) that reads back to the float32 `x`:
 * `Math.fround(result) === x`. Zero, NaN and the infinities are returned as they are, and so is
 * a number that no decimal of at most 9 digits reads back to (it is not a float32).
 *
 * @param x - The value, as read from a `Float32Array`.
 * @returns The number whose `String()` is the shortest spelling of `x`.
 * @example
 * ```ts
 * console.log(shortestFloat32(Math.fround(0.1)), shortestFloat32(Math.fround(1 / 3)), shortestFloat32(Math.fround(16777217)));
 * // prints: 0.1 0.33333334 16777216
 * ```
 */
export function shortestFloat32(x: number): number {
  if (x - x !== 0 || x === 0) return x;
  // The fewest significant digits (1 … 9; 9 always suffice for a float32) whose decimal reads back to x.
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(x.toPrecision(mid))) === x) hi = mid;
    else lo = mid + 1;
  }
  const y = Number(x.toPrecision(lo));
  return Math.fround(y) === x ? y : x;
}
