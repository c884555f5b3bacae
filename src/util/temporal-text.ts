/**
 * Dates and timestamps as people read them (table cells, `describe`): `YYYY-MM-DD`, and
 * `YYYY-MM-DD HH:MM:SS[.mmm]` in UTC or in a time zone followed by its offset.
 */
import { pad2, yearText } from './digits.js';

/**
 * A date as `YYYY-MM-DD` (its UTC fields), or `Invalid Date`.
 *
 * @param d - The date.
 * @returns Its text.
 * @example
 * ```ts
 * displayDate(new Date('2012-01-01')); // → '2012-01-01'
 * displayDate(new Date(Date.UTC(-1, 11, 31))); // → '-000001-12-31'
 * ```
 */
export function displayDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : utcDate(d);
}

/**
 * An instant as `YYYY-MM-DD HH:MM:SS`, with `.mmm` when it has milliseconds: in UTC when
 * `timezone` is null or empty, else in that zone followed by its offset (`+01:00`). An unknown
 * zone shows the instant in UTC marked `Z`. `Invalid Date` for an invalid Date.
 *
 * @param d - The instant.
 * @param timezone - An IANA zone name or offset (`Europe/Oslo`, `+05:30`), or null for UTC.
 * @returns Its text.
 * @example
 * ```ts
 * const t = new Date(Date.UTC(2024, 0, 15, 12, 0, 0, 250));
 * displayTimestamp(t, null); // → '2024-01-15 12:00:00.250'
 * displayTimestamp(t, 'Europe/Oslo'); // → '2024-01-15 13:00:00.250+01:00'
 * displayTimestamp(t, 'Mars/Olympus'); // → '2024-01-15 12:00:00.250Z'
 * ```
 */
export function displayTimestamp(d: Date, timezone: string | null): string {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return 'Invalid Date';
  if (timezone === null || timezone === '') return utcDateTime(d);
  const off = zoneOffset(ms, timezone);
  if (off !== undefined) {
    const wall = new Date(ms + off.ms);
    if (!Number.isNaN(wall.getTime())) return utcDateTime(wall) + off.label;
  }
  // Unknown zone or an instant the zone cannot place: show it in UTC, marked as such.
  return `${utcDateTime(d)}Z`;
}

/** `YYYY-MM-DD` of a valid Date's UTC fields. */
function utcDate(d: Date): string {
  return `${yearText(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:MM:SS[.mmm]` of a valid Date's UTC fields. */
function utcDateTime(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const frac = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  return `${utcDate(d)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${frac}`;
}

/** One offset formatter per time zone (`null` when the zone is not known to Intl). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();
const OFFSET_NAME = /^(?:GMT|UTC)(?:([+\-\u2212])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/** The zone's UTC offset at instant `ms`: milliseconds to add, and a label such as `+01:00`. */
function zoneOffset(ms: number, timezone: string): { ms: number; label: string } | undefined {
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
  const label = `${sign > 0 ? '+' : '-'}${pad2(h)}:${pad2(min)}${sec === 0 ? '' : `:${pad2(sec)}`}`;
  return { ms: sign * ((h * 60 + min) * 60 + sec) * 1000, label };
}
