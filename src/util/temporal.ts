/**
 * The one spelling of dates and timestamps: ISO 8601, computed from the stored integers (days
 * since 1970-01-01, milliseconds since 1970-01-01T00:00:00Z) rather than through a JS `Date`, so
 * every value a column can hold is spelled exactly — years 0–9999 as `YYYY`, any other year as an
 * ISO 8601 expanded year with its sign and at least six digits (`+010000`, `-000001`).
 *
 * The CSV and JSON writers, the table printers and casts to text all spell values with
 * {@link formatDate} and {@link formatTimestamp}; the byte writers below are the same text written
 * straight into a buffer for the four-digit years (checked equal by the tests).
 */
import { pad2, yearText } from './digits.js';

/** Milliseconds in a day. */
export const MS_PER_DAY = 86_400_000;
/** Days from 1970-01-01 to 0000-01-01 and to 9999-12-31: the range of four-digit years. */
export const MIN_DAY_4 = -719_528;
export const MAX_DAY_4 = 2_932_896;
/** Milliseconds at 0000-01-01T00:00:00Z and at 9999-12-31T23:59:59.999Z. */
export const MIN_MS_4 = MIN_DAY_4 * MS_PER_DAY;
export const MAX_MS_4 = (MAX_DAY_4 + 1) * MS_PER_DAY - 1;

// The civil date of the last call of civil(), kept in module variables to avoid an object per value.
let cy = 0;
let cm = 0;
let cd = 0;

/** Year, month and day of `days` since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
function civil(days: number): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  cd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  cm = mp < 10 ? mp + 3 : mp - 9;
  cy = yoe + era * 400 + (cm <= 2 ? 1 : 0);
}

/**
 * A date (days since 1970-01-01, as a date column stores it) as `YYYY-MM-DD`; years outside
 * 0–9999 as ISO 8601 expanded years (`+010000-01-01`, `-000001-12-31`). Every int32 day is
 * spelled exactly (years up to ±5,879,610).
 *
 * @param days - Days since the epoch (an integer).
 * @returns Its text.
 * @example
 * ```ts
 * console.log(formatDate(0), formatDate(19_782), formatDate(-1), formatDate(2_932_897), formatDate(2 ** 31 - 1));
 * // prints: 1970-01-01 2024-02-29 1969-12-31 +010000-01-01 +5881580-07-11
 * ```
 */
export function formatDate(days: number): string {
  civil(days);
  return `${yearText(cy)}-${pad2(cm)}-${pad2(cd)}`;
}

/** How {@link formatTimestamp} spells an instant. */
export interface TimestampFormatOptions {
  /** Between the date and the time: `'T'` (default, ISO 8601 as the writers use it) or `' '` (tables). */
  separator?: 'T' | ' ';
  /**
   * For a column with a time zone: `false` (default) writes the instant in UTC with `Z`; `true`
   * writes the wall time in the zone followed by its offset (`+01:00`), or in UTC with `Z` when
   * the zone is unknown or cannot place the instant (beyond JavaScript's ±8.64e15 ms).
   */
  inZone?: boolean;
}

/**
 * A timestamp (milliseconds since 1970-01-01T00:00:00Z, as a timestamp column stores it) as
 * ISO 8601: `YYYY-MM-DDTHH:MM:SS`, then `.mmm` only when the milliseconds are not zero. A naive
 * timestamp (`timezone` null: a wall time with no zone) is written with no suffix, so it reads
 * back naive; a timestamp with a zone is an instant, written in UTC with `Z` (or, with
 * `inZone`, as the zone's wall time and offset). Years outside 0–9999 as ISO 8601 expanded
 * years. The integer is split exactly (as a bigint when one is given), so every int64 value —
 * also beyond JavaScript's `Date` range of ±8.64e15 ms — has its exact text.
 *
 * @param ms - Milliseconds since the epoch: a bigint (exact for every int64) or a safe integer.
 * @param timezone - The column's time zone, or `null` / `undefined` for a naive timestamp.
 * @param options - {@link TimestampFormatOptions}: the separator and whether to show zone wall time.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(formatTimestamp(1_709_648_530_123n, null), formatTimestamp(0n, 'UTC'), formatTimestamp(-1, null));
 * // prints: 2024-03-05T14:22:10.123 1970-01-01T00:00:00Z 1969-12-31T23:59:59.999
 * console.log(formatTimestamp(1_705_320_000_000, 'Europe/Oslo', { separator: ' ', inZone: true }));
 * // prints: 2024-01-15 13:00:00+01:00
 * console.log(formatTimestamp(2n ** 62n, null));
 * // prints: +146140482-04-24T15:36:27.904
 * ```
 */
export function formatTimestamp(ms: bigint | number, timezone: string | null | undefined, options: TimestampFormatOptions = {}): string {
  const sep = options.separator ?? 'T';
  const zoned = timezone !== null && timezone !== undefined && timezone !== '';
  if (zoned && options.inZone === true) {
    const n = Number(ms);
    const off = Math.abs(n) <= 8.64e15 ? zoneOffset(n, timezone!) : undefined;
    if (off !== undefined && Math.abs(n + off.ms) <= 8.64e15) return clockText(n + off.ms, sep) + off.label;
  }
  return clockText(ms, sep) + (zoned ? 'Z' : '');
}

/**
 * A timestamp's wall-clock text `YYYY-MM-DDTHH:MM:SS[.mmm]` at `ms` shifted by `offsetMs`, followed
 * by that offset (`+05:30`, `-05:00`, `+00:00`; seconds when the offset has them): the text of a
 * zoned instant for callers that already know the zone's offset at that instant.
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
  return clockText(local, 'T') + offsetLabel(offsetMs);
}

/** `+HH:MM` (or `+HH:MM:SS` when the offset has seconds) of an offset in milliseconds. */
function offsetLabel(offsetMs: number): string {
  const s = Math.round(Math.abs(offsetMs) / 1000);
  const sec = s % 60;
  return `${offsetMs < 0 ? '-' : '+'}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}${sec === 0 ? '' : `:${pad2(sec)}`}`;
}

/** `YYYY-MM-DD{sep}HH:MM:SS[.mmm]` of `ms` read as UTC. */
function clockText(ms: bigint | number, sep: string): string {
  let days: number;
  let r: number;
  if (typeof ms === 'bigint') {
    // Split in bigint so values beyond 2^53 ms stay exact.
    let d = ms / 86_400_000n;
    let rem = ms - d * 86_400_000n;
    if (rem < 0n) {
      rem += 86_400_000n;
      d -= 1n;
    }
    days = Number(d);
    r = Number(rem);
  } else {
    days = Math.floor(ms / MS_PER_DAY);
    r = ms - days * MS_PER_DAY;
  }
  const milli = r % 1000;
  const sec = Math.floor(r / 1000);
  const clock = `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
  return `${formatDate(days)}${sep}${clock}${milli === 0 ? '' : '.' + String(milli).padStart(3, '0')}`;
}

/** One offset formatter per time zone (`null` when the zone is not known to Intl). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();
const OFFSET_NAME = /^(?:GMT|UTC)(?:([+\-\u2212])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/**
 * The zone's UTC offset at instant `ms`: milliseconds to add to get the wall time, and a label
 * such as `+01:00`; `undefined` for a zone Intl does not know or an instant it cannot place.
 *
 * @param ms - Milliseconds since the epoch (within ±8.64e15).
 * @param timezone - An IANA zone name or a fixed offset (`+05:30`).
 * @returns The offset, or undefined.
 * @example
 * ```ts
 * console.log(zoneOffset(Date.UTC(2024, 0, 15), 'Europe/Oslo'));
 * // prints: { ms: 3600000, label: '+01:00' }
 * ```
 */
export function zoneOffset(ms: number, timezone: string): { ms: number; label: string } | undefined {
  let fmt = zoneFormatters.get(timezone);
  if (fmt === undefined) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' });
    } catch {
      fmt = null;
    }
    zoneFormatters.set(timezone, fmt);
  }
  if (fmt === null) return undefined;
  let name: string | undefined;
  try {
    name = fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
  const m = name === undefined ? null : OFFSET_NAME.exec(name);
  if (m === null) return undefined;
  if (m[1] === undefined) return { ms: 0, label: '+00:00' };
  const sign = m[1] === '+' ? 1 : -1;
  const h = Number(m[2]);
  const min = Number(m[3] ?? 0);
  const sec = Number(m[4] ?? 0);
  const off = sign * ((h * 60 + min) * 60 + sec) * 1000;
  return { ms: off, label: offsetLabel(off) };
}

// ---------------------------------------------------------------------------------------------
// Byte forms: the same texts written straight into a buffer, for four-digit years.

/** `"00"` … `"99"` as two ASCII bytes each. */
const DIGIT_PAIRS = Buffer.from(Array.from({ length: 100 }, (_, i) => pad2(i)).join(''), 'latin1');

function writePair(out: Buffer, p: number, n: number): number {
  out[p] = DIGIT_PAIRS[2 * n]!;
  out[p + 1] = DIGIT_PAIRS[2 * n + 1]!;
  return p + 2;
}

/**
 * `YYYY-MM-DD` for a day whose year has four digits (`MIN_DAY_4` … `MAX_DAY_4`), written at `p`:
 * the same text as {@link formatDate}.
 *
 * @param out - The buffer written to.
 * @param p - Where the date starts.
 * @param days - Days since 1970-01-01.
 * @returns The position after the date.
 * @example
 * ```ts
 * const out = Buffer.alloc(16);
 * console.log(out.toString('latin1', 0, writeDate(out, 0, 19_782)));
 * // prints: 2024-02-29
 * ```
 */
export function writeDate(out: Buffer, p: number, days: number): number {
  civil(days);
  p = writePair(out, p, Math.floor(cy / 100));
  p = writePair(out, p, cy % 100);
  out[p++] = 45;
  p = writePair(out, p, cm);
  out[p++] = 45;
  return writePair(out, p, cd);
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.mmm]` and then `Z` when `utc` (a zoned column) for an instant whose year
 * has four digits (`MIN_MS_4` … `MAX_MS_4`), written at `p`: the same text as {@link formatTimestamp}.
 *
 * @param out - The buffer written to.
 * @param p - Where the timestamp starts.
 * @param ms - Milliseconds since 1970-01-01T00:00:00Z.
 * @param utc - Whether to end with `Z` (a column with a time zone) or not (a naive column).
 * @returns The position after the timestamp.
 * @example
 * ```ts
 * const out = Buffer.alloc(32);
 * console.log(out.toString('latin1', 0, writeTimestamp(out, 0, 1_709_648_530_123, true)));
 * // prints: 2024-03-05T14:22:10.123Z
 * ```
 */
export function writeTimestamp(out: Buffer, p: number, ms: number, utc: boolean): number {
  const days = Math.floor(ms / MS_PER_DAY);
  let r = ms - days * MS_PER_DAY;
  p = writeDate(out, p, days);
  out[p++] = 84; // 'T'
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const sec = Math.floor(r / 1000);
  r -= sec * 1000;
  p = writePair(out, p, h);
  out[p++] = 58; // ':'
  p = writePair(out, p, m);
  out[p++] = 58;
  p = writePair(out, p, sec);
  if (r !== 0) {
    out[p++] = 46; // '.'
    out[p++] = 48 + Math.floor(r / 100);
    p = writePair(out, p, r % 100);
  }
  if (utc) out[p++] = 90; // 'Z'
  return p;
}

