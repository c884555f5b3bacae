/**
 * How durations print: polars' spelling, the count split into days, hours, minutes and seconds
 * and the rest of a second as one whole number of the largest of ms, µs and ns that holds it
 * exactly (`1d 2h 3m 4s 500ms`, `123µs`, `-5ns`; `µ` is U+00B5 MICRO SIGN, as polars writes it).
 * Computed in bigint arithmetic, so every 64-bit count is spelled exactly.
 */

/** A duration's time unit. */
type DurationUnit = 's' | 'ms' | 'us' | 'ns';

const PER_SECOND: Readonly<Record<DurationUnit, bigint>> = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n };
const PARTS: readonly (readonly [string, bigint])[] = [
  ['d', 86_400n],
  ['h', 3_600n],
  ['m', 60n],
  ['s', 1n],
];
/** Names of a sub-second remainder by its size: [unit itself, its thousands, its millions]. */
const SUB_SECOND: Readonly<Record<DurationUnit, readonly string[]>> = {
  s: [],
  ms: ['ms'],
  us: ['µs', 'ms'],
  ns: ['ns', 'µs', 'ms'],
};
const ZERO: Readonly<Record<DurationUnit, string>> = { s: '0s', ms: '0ms', us: '0µs', ns: '0ns' };

/**
 * A duration of `count` units as polars prints it: its non-zero days, hours, minutes and seconds
 * (`1d 2h 3m 4s`), then the rest of a second as a whole number of ms, µs or ns — the largest that
 * holds it exactly (`500ms`, `1500µs`). A negative duration has the sign on every part
 * (`-1m -30s`), so the parts still add up. Zero is `0` and the unit (`0ms`).
 *
 * @param count - The stored count (a bigint or an integer number).
 * @param unit - Its unit.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(formatDuration(93_784_500n, 'ms'), formatDuration(123, 'us'), formatDuration(-5n, 'ns'));
 * // prints: 1d 2h 3m 4s 500ms 123µs -5ns
 * console.log(formatDuration(-90, 's'), formatDuration(0, 'us'), formatDuration(1_500_000n, 'ns'));
 * // prints: -1m -30s 0µs 1500µs
 * ```
 */
export function formatDuration(count: bigint | number, unit: DurationUnit): string {
  const v = BigInt(count);
  if (v === 0n) return ZERO[unit];
  const per = PER_SECOND[unit];
  // Truncating division (as bigint `/` and `%` are), so every part carries the sign.
  const secs = v / per;
  const out: string[] = [];
  let rest = secs;
  for (const [name, size] of PARTS) {
    const n = rest / size;
    rest %= size;
    if (n !== 0n) out.push(`${n}${name}`);
  }
  let frac = v % per;
  if (frac !== 0n) {
    const names = SUB_SECOND[unit];
    let k = 0;
    while (k + 1 < names.length && frac % 1000n === 0n) {
      frac /= 1000n;
      k++;
    }
    out.push(`${frac}${names[k]}`);
  }
  return out.join(' ');
}
