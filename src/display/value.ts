/**
 * How single values print in tables: floats with at most 6 decimals (exponent form for very large
 * and very small magnitudes), dates as `YYYY-MM-DD`, timestamps in UTC or in their dtype's time
 * zone with its offset, text escaped and cut to a display width.
 */
import type { AnyDType } from '../dtype/dtype.js';
import { shortestFloat32 } from '../util/digits.js';
import { MS_PER_DAY, formatDate, formatTimestamp } from '../util/temporal.js';
import { escapeText, truncateText } from './width.js';

/** Default for `maxStringLength`: text wider than this many terminal columns is cut. */
export const DEFAULT_MAX_STRING_LENGTH = 32;

/** Options for {@link formatValue}. */
export interface FormatValueOptions {
  /** Text wider than this many terminal columns is cut and ends with `…` (default 32). */
  maxStringLength?: number;
}

/**
 * Format one value as a table cell shows it, on one line.
 *
 * Follows the dtype: `null`; `true` / `false`; integers exactly (numbers or bigints); floats with
 * at most 6 decimals and at least one (`12.0`, `0.3`), in exponent form when |x| ≥ 1e15 or
 * 0 < |x| < 1e-5 (`1.2e-7`, `1.234568e+20`), `NaN`, `inf`, `-inf`, `-0.0`; float32 values by
 * their shortest float32 spelling; dates as `YYYY-MM-DD`; timestamps as
 * `YYYY-MM-DD HH:MM:SS[.mmm]` in UTC, or in the dtype's time zone followed by its offset
 * (`+01:00`); text escaped (`\n`, `\t`, `\u0001`) and cut with `…` to `maxStringLength` display
 * columns. Never throws.
 *
 * @param value - The value, as a column reads it (`null` for nulls).
 * @param dtype - The column's dtype; it chooses float, date and time-zone rules.
 * @param opts - `maxStringLength`: the widest text shown, in terminal columns (default 32).
 * @returns The cell text, on one line.
 * @example
 * ```ts
 * console.log(formatValue(0.1 + 0.2, float64()), formatValue(12, float64()), formatValue(1.2e-7, float64()));
 * // prints: 0.3 12.0 1.2e-7
 * console.log(formatValue(new Date(Date.UTC(2024, 0, 15, 12)), timestamp({ timezone: 'Europe/Oslo' })));
 * // prints: 2024-01-15 13:00:00+01:00
 * console.log(formatValue('line one\nline two', utf8(), { maxStringLength: 12 }));
 * // prints: line one\nl…
 * ```
 */
export function formatValue(value: unknown, dtype: AnyDType, opts: FormatValueOptions = {}): string {
  if (value === null || value === undefined) return 'null';
  // Dates and timestamps as stored (days, milliseconds): spelled exactly, at any magnitude.
  if (dtype.kind === 'date' && typeof value === 'number') return formatDate(value);
  if (dtype.kind === 'timestamp' && (typeof value === 'bigint' || typeof value === 'number')) return timestampCell(value, dtype.timezone ?? null);
  switch (typeof value) {
    case 'number':
      if (dtype.kind === 'float32') return formatFloat(shortestFloat32(value));
      if (dtype.kind === 'float64' || !Number.isInteger(value)) return formatFloat(value);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return cutText(value, opts.maxStringLength);
    default:
      if (value instanceof Date) {
        return dtype.kind === 'date' ? formatDateValue(value) : formatTimestampValue(value, dtype.timezone ?? null);
      }
      return cutText(safeString(value), opts.maxStringLength);
  }
}

function cutText(s: string, maxStringLength: number | undefined): string {
  let max = maxStringLength ?? DEFAULT_MAX_STRING_LENGTH;
  if (Number.isNaN(max)) max = DEFAULT_MAX_STRING_LENGTH;
  return truncateText(escapeText(s), Math.max(1, max));
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Floats

/** Polars-like float text: `12.0`, `0.3`, `1234567.891`, `1.234568e+20`, `NaN`, `inf`, `-0.0`. */
function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const a = Math.abs(x);
  if (a >= 1e15 || a < 1e-5) {
    // The shortest exact spelling when its mantissa has at most 6 decimals, else 6 decimals.
    const shortest = x.toExponential();
    const e = shortest.indexOf('e');
    const dot = shortest.indexOf('.');
    if (dot < 0 || e - dot - 1 <= 6) return shortest;
    const s = x.toExponential(6);
    const e6 = s.indexOf('e');
    return trimFraction(s.slice(0, e6), 0) + s.slice(e6);
  }
  if (Number.isInteger(x)) return x.toFixed(1);
  // In [1e-5, 1e15) String() gives plain decimal notation: use it when it is short enough.
  const s = String(x);
  if (s.length - s.indexOf('.') - 1 <= 6) return s;
  return trimFraction(x.toFixed(6), 1);
}

/** Drop trailing zeros after the decimal point, keeping at least `keep` decimals (and the point only if kept). */
function trimFraction(s: string, keep: number): string {
  const dot = s.indexOf('.');
  if (dot < 0) return s;
  let end = s.length;
  while (end > dot + 1 + keep && s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (end === dot + 1) end = dot;
  return s.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Dates and timestamps

function formatDateValue(d: Date): string {
  const ms = d.getTime();
  return Number.isNaN(ms) ? 'Invalid Date' : formatDate(Math.floor(ms / MS_PER_DAY));
}

function formatTimestampValue(d: Date, timezone: string | null): string {
  const ms = d.getTime();
  return Number.isNaN(ms) ? 'Invalid Date' : timestampCell(ms, timezone);
}

/** `YYYY-MM-DD HH:MM:SS[.mmm]`: naive as is, zoned in the zone with its offset (UTC + `Z` when it cannot be placed). */
function timestampCell(ms: bigint | number, timezone: string | null): string {
  return formatTimestamp(ms, timezone, { separator: ' ', inZone: true });
}
