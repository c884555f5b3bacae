/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian), after Howard
 * Hinnant's `civil_from_days` / `days_from_civil`: exact for every day a JavaScript `Date` can
 * hold, before 1970 included, with no `Date` object.
 */

/** Milliseconds in a day. */
export const MS_PER_DAY = 86_400_000;
/** Milliseconds in an hour. */
export const MS_PER_HOUR = 3_600_000;
/** Milliseconds in a minute. */
export const MS_PER_MINUTE = 60_000;

/** Which part of a civil date `civilField` returns: `YEAR`, `MONTH` or `DAY`. */
export type CivilField = 0 | 1 | 2;
/** The year, for `civilField`. */
export const YEAR = 0;
/** The month (1–12), for `civilField`. */
export const MONTH = 1;
/** The day of the month (1–31), for `civilField`. */
export const DAY = 2;

/**
 * The year, month (1–12) or day of month (1–31) of day number `z`.
 * @example
 * ```ts
 * // Day −1 is 1969-12-31:
 * [civilField(-1, YEAR), civilField(-1, MONTH), civilField(-1, DAY)]; // → [ 1969, 12, 31 ]
 * ```
 */
export function civilField(z: number, field: CivilField): number {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March = 0
  const month = mp < 10 ? mp + 3 : mp - 9;
  if (field === MONTH) return month;
  if (field === DAY) return doy - Math.floor((153 * mp + 2) / 5) + 1;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

/**
 * The day number of `year`-`month`-`day` (month 1–12).
 * @example
 * ```ts
 * daysFromCivil(2024, 2, 29); // → 19782
 * ```
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = month > 2 ? month - 3 : month + 9; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/**
 * The day of the year of day number `z`, 1 … 366.
 * @example
 * ```ts
 * ordinalDay(daysFromCivil(2024, 12, 31)); // → 366
 * ```
 */
export function ordinalDay(z: number): number {
  return z - daysFromCivil(civilField(z, YEAR), 1, 1) + 1;
}

/**
 * The ISO weekday of day number `z`: Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
 * @example
 * ```ts
 * isoWeekday(0); // → 4
 * ```
 */
export function isoWeekday(z: number): number {
  return ((((z + 3) % 7) + 7) % 7) + 1;
}

/** The units `truncate` rounds down to. */
export type TruncateUnit = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

/**
 * The first day of the year, quarter, month or ISO week (Monday) holding day `z`; other units keep `z`.
 * @example
 * ```ts
 * // 19782 is Thursday 2024-02-29; 19754 is 2024-02-01 and 19779 Monday 2024-02-26:
 * truncateDays(19782, 'month'); // → 19754
 * truncateDays(19782, 'week'); // → 19779
 * ```
 */
export function truncateDays(z: number, unit: TruncateUnit): number {
  switch (unit) {
    case 'year':
      return daysFromCivil(civilField(z, YEAR), 1, 1);
    case 'month':
      return z - civilField(z, DAY) + 1;
    case 'quarter': {
      const m = civilField(z, MONTH);
      return daysFromCivil(civilField(z, YEAR), m - ((m - 1) % 3), 1);
    }
    case 'week':
      return z - isoWeekday(z) + 1;
    default:
      return z;
  }
}

/**
 * Local wall-clock milliseconds `t` rounded down to `unit`.
 * @example
 * ```ts
 * truncateMillis(Date.UTC(2024, 1, 29, 13, 47), 'hour') === Date.UTC(2024, 1, 29, 13); // → true
 * ```
 */
export function truncateMillis(t: number, unit: TruncateUnit): number {
  switch (unit) {
    case 'second':
      return Math.floor(t / 1000) * 1000;
    case 'minute':
      return Math.floor(t / MS_PER_MINUTE) * MS_PER_MINUTE;
    case 'hour':
      return Math.floor(t / MS_PER_HOUR) * MS_PER_HOUR;
    default:
      return truncateDays(Math.floor(t / MS_PER_DAY), unit) * MS_PER_DAY;
  }
}
