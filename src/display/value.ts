/**
 * How single values print in tables, on one line: floats with at most 6 decimals (exponent form
 * for very large and very small magnitudes), dates as `YYYY-MM-DD`, timestamps, times and
 * durations exactly in their unit (in the dtype's time zone with its offset), decimals with all
 * their scale digits, bytes as `b"…"`, text escaped and cut to a display width. Nested values
 * (lists, structs, maps, unions) are spelled from these by `cell.ts`.
 */
import type { AnyDType } from '../dtype/dtype.js';
import { Decimal, Instant, formatDecimal, formatInterval, type IntervalValue, type IntervalUnit } from '../dtype/values.js';
import { shortestFloat32 } from '../util/digits.js';
import { MS_PER_DAY, formatDate } from '../util/temporal.js';
import { formatTimeCount, formatTimestampCount, type CountUnit } from '../util/temporal-units.js';
import { formatDuration } from './duration.js';
import { escapeText, truncateText } from './width.js';

/** Default for `maxStringLength`: text wider than this many terminal columns is cut. */
export const DEFAULT_MAX_STRING_LENGTH = 32;

/** Options for {@link formatValue}. */
export interface FormatValueOptions {
  /** Text wider than this many terminal columns is cut and ends with `…` (default 32). */
  maxStringLength?: number;
  /** Write strings double-quoted with `"` and `\` escaped, as inside a list or struct (default false). */
  quote?: boolean;
}

/**
 * Format one value as a table cell shows it, on one line.
 *
 * Follows the dtype: `null`; `true` / `false`; integers exactly (numbers or bigints); floats with
 * at most 6 decimals and at least one (`12.0`, `0.3`), in exponent form when |x| ≥ 1e15 or
 * 0 < |x| < 1e-5 (`1.2e-7`, `1.234568e+20`), `NaN`, `inf`, `-inf`, `-0.0`; float32 and float16
 * values by their shortest float32 spelling; decimals with all their scale digits (`12.3400`);
 * dates as `YYYY-MM-DD`; timestamps as `YYYY-MM-DD HH:MM:SS`, then the fraction of a second with
 * exactly the unit's digits when it is not zero (`.123`, `.123456`, `.123456789`), naive as
 * stored, zoned in the dtype's time zone followed by its offset (`+01:00`); times as
 * `HH:MM:SS[.fraction]`; durations as polars prints them (`1d 2h 3m 4s 500ms`, `123µs`);
 * intervals as ISO 8601 periods (`P1Y2M`); bytes as `b"…"` with printable ASCII as is and other
 * bytes as `\xNN`; text escaped (`\n`, `\t`, `\u0001`), optionally quoted, and cut with `…` to
 * `maxStringLength` display columns (bytes too). Timestamps, dates, times and durations may be
 * given as their stored count (a number or bigint, in the dtype's unit), which is spelled
 * exactly at any magnitude. Never throws.
 *
 * @param value - The value, as a column reads it (`null` for nulls), or a temporal count.
 * @param dtype - The column's dtype; it chooses the rules above.
 * @param opts - `maxStringLength`: the widest text shown, in terminal columns (default 32); `quote`.
 * @returns The cell text, on one line.
 * @example
 * ```ts
 * console.log(formatValue(0.1 + 0.2, float64()), formatValue(12, float64()), formatValue(1.2e-7, float64()));
 * // prints: 0.3 12.0 1.2e-7
 * console.log(formatValue(new Date(Date.UTC(2024, 0, 15, 12)), timestamp({ timezone: 'Europe/Oslo' })));
 * // prints: 2024-01-15 13:00:00+01:00
 * console.log(formatValue(1_714_557_600_123_456n, timestamp('us')), formatValue(new Decimal(123400n, 4), decimal(10, 4)));
 * // prints: 2024-05-01 10:00:00.123456 12.3400
 * console.log(formatValue('line one\nline two', utf8(), { maxStringLength: 12 }), formatValue('a"b', utf8(), { quote: true }));
 * // prints: line one\nl… "a\"b"
 * console.log(formatValue(new Uint8Array([0, 1, 97, 98]), binary()), formatValue(5_400_000, duration('ms')));
 * // prints: b"\x00\x01ab" 1h 30m
 * ```
 */
export function formatValue(value: unknown, dtype: AnyDType, opts: FormatValueOptions = {}): string {
  if (value === null || value === undefined) return 'null';
  const text = temporalText(value, dtype) ?? kindText(value, dtype);
  if (text !== undefined) return text;
  switch (typeof value) {
    case 'number':
      if (dtype.kind === 'float32' || dtype.kind === 'float16') return formatFloat(shortestFloat32(value));
      if (dtype.kind === 'float64' || !Number.isInteger(value)) return formatFloat(value);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return stringText(value, opts);
    default:
      if (value instanceof Uint8Array) return bytesText(value, opts.maxStringLength);
      return cutText(safeString(value), opts.maxStringLength);
  }
}

/** Dates, timestamps, times and durations (as stored counts, `Date`s or `Instant`s); `undefined` for other values. */
function temporalText(value: unknown, dtype: AnyDType): string | undefined {
  const unit = (dtype.unit ?? 'ms') as CountUnit;
  const count = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
  switch (dtype.kind) {
    case 'date':
      if (typeof value === 'number' && Number.isInteger(value)) return formatDate(value);
      if (value instanceof Date) return dateValueText(value);
      return undefined;
    case 'timestamp': {
      const tz = dtype.timezone ?? null;
      if (count) return timestampText(value as bigint | number, unit, tz);
      if (value instanceof Instant) return timestampText(value.epoch, value.unit, tz);
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : timestampText(value.getTime(), 'ms', tz);
      return undefined;
    }
    case 'time':
      return count ? formatTimeCount(value as bigint | number, unit) : undefined;
    case 'duration':
      return count ? formatDuration(value as bigint | number, unit) : undefined;
    default:
      return undefined;
  }
}

/** Decimals, intervals and the null type; `undefined` for other values. */
function kindText(value: unknown, dtype: AnyDType): string | undefined {
  switch (dtype.kind) {
    case 'null':
      return 'null';
    case 'decimal':
      if (value instanceof Decimal) return value.toString();
      if (typeof value === 'bigint') return formatDecimal(value, dtype.scale ?? 0);
      return undefined;
    case 'interval':
      return typeof value === 'object' ? formatInterval(value as IntervalValue<IntervalUnit>) : undefined;
    default:
      return undefined;
  }
}

function maxWidthOf(maxStringLength: number | undefined): number {
  const max = maxStringLength ?? DEFAULT_MAX_STRING_LENGTH;
  return Number.isNaN(max) ? DEFAULT_MAX_STRING_LENGTH : Math.max(1, max);
}

function cutText(s: string, maxStringLength: number | undefined): string {
  return truncateText(escapeText(s), maxWidthOf(maxStringLength));
}

/** Text as is (escaped, cut), or quoted with `"` and `\` escaped: the quotes count in the width. */
function stringText(s: string, opts: FormatValueOptions): string {
  if (opts.quote !== true) return cutText(s, opts.maxStringLength);
  const body = escapeText(s.replace(/[\\"]/g, '\\$&'));
  return `"${truncateText(body, Math.max(1, maxWidthOf(opts.maxStringLength) - 2))}"`;
}

/**
 * `b"…"`: printable ASCII as is (`"` and `\` escaped), other bytes as `\xNN`, cut with `…` inside
 * the quotes to `maxStringLength` columns in all. Only the bytes shown are looked at.
 */
function bytesText(bytes: Uint8Array, maxStringLength: number | undefined): string {
  const budget = Math.max(1, maxWidthOf(maxStringLength) - 3);
  let body = '';
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k]!;
    const piece = b === 0x22 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b < 16 ? '0' : ''}${b.toString(16)}`;
    // Room for the piece, and for `…` unless it is the last byte.
    if (body.length + piece.length + (k + 1 < bytes.length ? 1 : 0) > budget) return `b"${body}…"`;
    body += piece;
  }
  return `b"${body}"`;
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

function dateValueText(d: Date): string {
  const ms = d.getTime();
  return Number.isNaN(ms) ? 'Invalid Date' : formatDate(Math.floor(ms / MS_PER_DAY));
}

/** `YYYY-MM-DD HH:MM:SS[.fraction]`: naive as is, zoned in the zone with its offset (UTC + `Z` when it cannot be placed). */
function timestampText(count: bigint | number, unit: CountUnit, timezone: string | null): string {
  return formatTimestampCount(count, unit, timezone, { separator: ' ', inZone: true });
}
