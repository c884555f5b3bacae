/**
 * Dates and timestamps as ISO 8601 text, exact for every stored value: the civil date is computed
 * from the integer (days, or milliseconds as a bigint when beyond 2^53), never through a `Date`,
 * so values beyond the JavaScript Date range (±8.64e15 ms) print too. Years outside 0–9999 use
 * the expanded form (`+010000-01-01`, `-000001-12-31`).
 *
 * Timestamps: `YYYY-MM-DDTHH:MM:SS`, then `.mmm` only when the milliseconds are not zero, then
 * nothing for a naive timestamp (no time zone), `Z` for UTC, or the zone's offset at that instant
 * (`-05:00`) after the local wall-clock time for any other zone.
 */
import { pad2, yearText } from './digits.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_DAY_BIG = 86_400_000n;
const MAX_SAFE = 9_007_199_254_740_991;

/**
 * A date (days since 1970-01-01, proleptic Gregorian) as `YYYY-MM-DD`, years outside 0–9999
 * expanded to a sign and six digits or more.
 *
 * @param days - Days since the epoch, as a date column stores them (any integer).
 * @returns Its ISO 8601 text.
 * @example
 * ```ts
 * console.log(formatDate(0), formatDate(19_727), formatDate(2_932_897), formatDate(-719_529));
 * // prints: 1970-01-01 2024-01-05 +010000-01-01 -000001-12-31
 * ```
 */
export function formatDate(days: number): string {
  // Howard Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${yearText(y)}-${pad2(m)}-${pad2(d)}`;
}

/**
 * A timestamp's wall-clock text `YYYY-MM-DDTHH:MM:SS[.mmm]` for `ms` milliseconds after the epoch
 * shifted by `offsetMs`, followed by that offset (`+05:30`, `-05:00`, `+00:00`; seconds when the
 * offset has them). The building block of {@link formatTimestamp} for callers that know the offset.
 *
 * @param ms - The instant, milliseconds since 1970-01-01T00:00:00Z.
 * @param offsetMs - The zone's offset at that instant, in milliseconds (added to get wall time).
 * @returns Its ISO 8601 text with the offset.
 * @example
 * ```ts
 * console.log(formatTimestampAtOffset(1_704_450_600_000, -5 * 3_600_000));
 * // prints: 2024-01-05T05:30:00-05:00
 * ```
 */
export function formatTimestampAtOffset(ms: number | bigint, offsetMs: number): string {
  const local = typeof ms === 'bigint' ? ms + BigInt(offsetMs) : ms + offsetMs;
  return wallClock(local) + offsetLabel(offsetMs);
}

/**
 * A timestamp as ISO 8601 text: naive (`timezone` null) as its wall-clock time with no zone,
 * UTC with `Z`, another zone as the local wall-clock time followed by its offset at that instant.
 * Exact for every 64-bit millisecond value.
 *
 * @param ms - Milliseconds since the epoch, as a timestamp column stores them.
 * @param timezone - The column's time zone: `null` for naive, `UTC`, an IANA name or a fixed offset.
 * @returns Its ISO 8601 text.
 * @throws RangeError for a time zone `Intl` does not know.
 * @example
 * ```ts
 * const t = 1_704_450_600_000; // 2024-01-05T10:30:00Z
 * console.log(formatTimestamp(t, null), formatTimestamp(t + 5, 'UTC'), formatTimestamp(t, 'America/New_York'));
 * // prints: 2024-01-05T10:30:00 2024-01-05T10:30:00.005Z 2024-01-05T05:30:00-05:00
 * console.log(formatTimestamp(2n ** 63n - 1n, null));
 * // prints: +292278994-08-17T07:12:55.807
 * ```
 */
export function formatTimestamp(ms: number | bigint, timezone: string | null): string {
  if (timezone === null) return wallClock(ms);
  const fixed = fixedOffset(timezone);
  if (fixed === 0) return `${wallClock(ms)}Z`;
  if (fixed !== undefined) return formatTimestampAtOffset(ms, fixed);
  if (isUtcZone(timezone)) return `${wallClock(ms)}Z`;
  return formatTimestampAtOffset(ms, intlOffset(timezone, typeof ms === 'bigint' ? Number(ms) : ms));
}

/** `YYYY-MM-DDTHH:MM:SS[.mmm]` of `ms` read as UTC. */
function wallClock(ms: number | bigint): string {
  let days: number;
  let rem: number;
  if (typeof ms === 'number' && ms <= MAX_SAFE && ms >= -MAX_SAFE) {
    days = Math.floor(ms / MS_PER_DAY);
    rem = ms - days * MS_PER_DAY;
  } else {
    // Split in bigint so values beyond 2^53 stay exact.
    const big = BigInt(ms);
    let d = big / MS_PER_DAY_BIG;
    let r = big - d * MS_PER_DAY_BIG;
    if (r < 0n) {
      r += MS_PER_DAY_BIG;
      d -= 1n;
    }
    days = Number(d);
    rem = Number(r);
  }
  const milli = rem % 1000;
  const sec = (rem - milli) / 1000;
  const clock = `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
  return `${formatDate(days)}T${clock}${milli === 0 ? '' : `.${String(milli).padStart(3, '0')}`}`;
}

/** `+HH:MM` (or `+HH:MM:SS`) of an offset in milliseconds. */
function offsetLabel(offsetMs: number): string {
  const s = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const sec = s % 60;
  return `${offsetMs < 0 ? '-' : '+'}${pad2(h)}:${pad2(m)}${sec === 0 ? '' : `:${pad2(sec)}`}`;
}

const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/** The offset of a fixed-offset zone (`+05:30`, `-0800`) in ms, or undefined for a named zone. */
function fixedOffset(tz: string): number | undefined {
  const m = FIXED.exec(tz);
  if (m === null) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

function isUtcZone(tz: string): boolean {
  const z = formatterFor(tz).resolvedOptions().timeZone;
  return z === 'UTC' || z === 'Etc/UTC' || z === 'Etc/GMT' || z === 'GMT';
}

const MAX_DATE_MS = 8.64e15;

/** The offset of `tz` at instant `t` (clamped to the Date range), to the second, from `Intl`. */
function intlOffset(tz: string, t: number): number {
  const s = Math.floor(Math.min(Math.max(t, -MAX_DATE_MS), MAX_DATE_MS) / 1000) * 1000;
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let se = 0;
  let bc = false;
  for (const p of formatterFor(tz).formatToParts(s)) {
    const v = Number(p.value);
    if (p.type === 'year') y = v;
    else if (p.type === 'month') mo = v;
    else if (p.type === 'day') d = v;
    else if (p.type === 'hour') h = v;
    else if (p.type === 'minute') mi = v;
    else if (p.type === 'second') se = v;
    else if (p.type === 'era') bc = p.value === 'BC' || p.value === 'B';
  }
  if (bc) y = 1 - y;
  // Date.UTC maps years 0–99 to 1900+: shift the year into 2000–2399 by whole 400-year cycles.
  const cycles = Math.floor((y - 2000) / 400);
  return Date.UTC(y - cycles * 400, mo - 1, d, h, mi, se) + cycles * 146_097 * MS_PER_DAY - s;
}
