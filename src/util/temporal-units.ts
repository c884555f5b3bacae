/**
 * Timestamps and times of day in every time unit — seconds, milliseconds, microseconds and
 * nanoseconds — spelled exactly from their stored 64-bit counts: the integer is split in bigint
 * arithmetic and the fraction of a second written from the count itself, never through a
 * `Date`, so every digit the unit carries is kept and every count has its text (years outside
 * 0–9999 as ISO 8601 expanded years, as {@link formatDate} writes them).
 */
import { pad2 } from './digits.js';
import { formatDate, zoneOffset } from './temporal.js';

/** A time unit: seconds, milliseconds, microseconds or nanoseconds. */
export type CountUnit = 's' | 'ms' | 'us' | 'ns';

const PER_SECOND: Readonly<Record<CountUnit, bigint>> = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n };
const DIGITS: Readonly<Record<CountUnit, number>> = { s: 0, ms: 3, us: 6, ns: 9 };

/** Options of {@link formatTimestampCount}. */
export interface TimestampCountOptions {
  /** Between the date and the time: `'T'` (default) or `' '` (tables). */
  separator?: 'T' | ' ';
  /**
   * For a column with a time zone: `false` (default) writes the instant in UTC with `Z`; `true`
   * writes the wall time in the zone followed by its offset (`+02:00`), or in UTC with `Z` when
   * the zone is unknown or cannot place the instant (beyond JavaScript's ±8.64e15 ms).
   */
  inZone?: boolean;
}

/** Whole seconds (toward −∞) and the non-negative remainder of `count` units. */
function splitSeconds(count: bigint, unit: CountUnit): [bigint, bigint] {
  const per = PER_SECOND[unit];
  let secs = count / per;
  let frac = count - secs * per;
  if (frac < 0n) {
    frac += per;
    secs -= 1n;
  }
  return [secs, frac];
}

/** `.ddd…` with exactly the unit's digits, or `''` when the fraction is zero. */
function fractionText(frac: bigint, unit: CountUnit): string {
  return frac === 0n ? '' : `.${frac.toString().padStart(DIGITS[unit], '0')}`;
}

/** `HH:MM:SS` of a second of the day (0 … 86399). */
function clock(sod: number): string {
  return `${pad2(Math.floor(sod / 3600))}:${pad2(Math.floor(sod / 60) % 60)}:${pad2(sod % 60)}`;
}

/**
 * A timestamp stored as `count` units since 1970-01-01T00:00:00Z as ISO 8601 text:
 * `YYYY-MM-DDTHH:MM:SS`, then the fraction of a second with exactly the unit's digits (3 for
 * `ms`, 6 for `us`, 9 for `ns`) when it is not zero. A naive timestamp (`timezone` null) has no
 * suffix; one with a zone is written in UTC with `Z`, or with `inZone` as the zone's wall time
 * followed by its offset at that instant. Exact for every 64-bit count.
 *
 * @param count - The stored count (a bigint, or a safe integer).
 * @param unit - Its unit.
 * @param timezone - The column's time zone, or `null` / `undefined` for a naive timestamp.
 * @param options - {@link TimestampCountOptions}: the separator and whether to show zone wall time.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(formatTimestampCount(1_714_557_600_123_456n, 'us', null, { separator: ' ' }));
 * // prints: 2024-05-01 10:00:00.123456
 * console.log(formatTimestampCount(1_714_557_600_000_000_500n, 'ns', 'Europe/Oslo', { inZone: true }));
 * // prints: 2024-05-01T12:00:00.000000500+02:00
 * console.log(formatTimestampCount(-1n, 'ns', 'UTC'), formatTimestampCount(2n ** 62n, 's', null));
 * // prints: 1969-12-31T23:59:59.999999999Z +146138514283-06-19T07:45:04
 * ```
 */
export function formatTimestampCount(
  count: bigint | number,
  unit: CountUnit,
  timezone: string | null | undefined,
  options: TimestampCountOptions = {},
): string {
  let [secs, frac] = splitSeconds(BigInt(count), unit);
  const zoned = timezone !== null && timezone !== undefined && timezone !== '';
  let suffix = zoned ? 'Z' : '';
  if (zoned && options.inZone === true) {
    const ms = Number(secs) * 1000;
    const off = Math.abs(ms) <= 8.64e15 ? zoneOffset(ms, timezone) : undefined;
    if (off !== undefined) {
      // Offsets are whole seconds, so the wall time keeps the fraction as it is.
      secs += BigInt(Math.round(off.ms / 1000));
      suffix = off.label;
    }
  }
  let days = secs / 86_400n;
  let sod = secs - days * 86_400n;
  if (sod < 0n) {
    sod += 86_400n;
    days -= 1n;
  }
  return `${formatDate(Number(days))}${options.separator ?? 'T'}${clock(Number(sod))}${fractionText(frac, unit)}${suffix}`;
}

/**
 * A time of day stored as `count` units since midnight as `HH:MM:SS`, then the fraction of a
 * second with exactly the unit's digits when it is not zero: `10:30:00.123456`. A count outside
 * one day is spelled the same way (hours past 23, a leading `-` when negative) rather than wrapped.
 *
 * @param count - The stored count (a bigint or an integer number).
 * @param unit - Its unit.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(formatTimeCount(37_800_123_456n, 'us'), formatTimeCount(37_800, 's'), formatTimeCount(1, 'ns'));
 * // prints: 10:30:00.123456 10:30:00 00:00:00.000000001
 * ```
 */
export function formatTimeCount(count: bigint | number, unit: CountUnit): string {
  const c = BigInt(count);
  const neg = c < 0n;
  const [secs, frac] = splitSeconds(neg ? -c : c, unit);
  const h = secs / 3600n;
  const rest = Number(secs - h * 3600n);
  return `${neg ? '-' : ''}${h < 10n ? '0' : ''}${h}:${pad2(Math.floor(rest / 60))}:${pad2(rest % 60)}${fractionText(frac, unit)}`;
}
