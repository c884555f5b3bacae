/**
 * Exact row values for the Arrow types a JavaScript primitive cannot hold: instants finer than a
 * millisecond (`Instant`), decimals (`Decimal`) and calendar intervals. Each prints as exact text
 * and serializes to JSON as that text; none converts to a number implicitly (`valueOf` throws), so
 * `a < b` cannot compare rounded values by accident.
 */
import { inspect } from 'node:util';
import { InvalidArgumentError } from '../errors.js';

/** A time unit of timestamps, times and durations. */
export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

/** Units per second of each time unit. */
export const UNITS_PER_SECOND: Readonly<Record<TimeUnit, bigint>> = Object.freeze({ s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n });

/** Decimal digits of the fraction of a second each unit carries. */
export const FRACTION_DIGITS: Readonly<Record<TimeUnit, number>> = Object.freeze({ s: 0, ms: 3, us: 6, ns: 9 });

const NS_PER: Readonly<Record<TimeUnit, bigint>> = Object.freeze({ s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n });

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day count since 1970-01-01 (years beyond 9999 get a sign, as ISO 8601 expands them). */
function civilDate(days: number): string {
  // Days to the proleptic Gregorian civil date (H. Hinnant's algorithm), exact for any day count a
  // 64-bit count of seconds gives (|days| < 2^47), beyond what a Date holds.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * ISO-8601 text of `count` units since the epoch in UTC, with exactly the unit's fraction digits:
 * `2024-05-01T10:00:00.123456Z`. Exact for every 64-bit count.
 * @example
 * ```ts
 * formatEpoch(1714557600123456n, 'us'); // → '2024-05-01T10:00:00.123456Z'
 * ```
 */
export function formatEpoch(count: bigint, unit: TimeUnit, opts: { separator?: string; zone?: string } = {}): string {
  const per = UNITS_PER_SECOND[unit];
  const secs = floorDiv(count, per);
  const frac = count - secs * per;
  const days = floorDiv(secs, 86_400n);
  const sod = Number(secs - days * 86_400n);
  const time = `${pad(Math.floor(sod / 3600), 2)}:${pad(Math.floor(sod / 60) % 60, 2)}:${pad(sod % 60, 2)}`;
  const digits = FRACTION_DIGITS[unit];
  const fraction = digits === 0 ? '' : `.${pad(frac, digits)}`;
  return `${civilDate(Number(days))}${opts.separator ?? 'T'}${time}${fraction}${opts.zone ?? 'Z'}`;
}

/**
 * An exact instant: a count of seconds, milliseconds, microseconds or nanoseconds since
 * 1970-01-01T00:00:00Z. Row values of `timestamp('us')` and `timestamp('ns')` columns (a `Date`
 * holds milliseconds only, so it would truncate them). Prints and serializes as ISO-8601 text with
 * all of the unit's digits; compare with `Instant.compare` or `equals` (`valueOf` throws, so
 * `a < b` cannot compare rounded values).
 *
 * @example
 * ```ts
 * const t = new Instant(1714557600123456789n, 'ns');
 * console.log(String(t), t.epochMilliseconds, t.toDate().toISOString());
 * // prints: 2024-05-01T10:00:00.123456789Z 1714557600123 2024-05-01T10:00:00.123Z
 * ```
 */
export class Instant {
  /** The count of `unit` since the epoch. */
  readonly epoch: bigint;
  /** The unit of `epoch`. */
  readonly unit: TimeUnit;

  /**
   * An instant of `epoch` units since 1970-01-01T00:00:00Z.
   * @throws InvalidArgumentError when `epoch` is not a bigint or `unit` is not a time unit.
   */
  constructor(epoch: bigint, unit: TimeUnit) {
    if (typeof epoch !== 'bigint') throw new InvalidArgumentError(`Instant: the epoch count is a bigint, got ${typeof epoch}`, epoch);
    if (!(unit in UNITS_PER_SECOND)) throw new InvalidArgumentError(`Instant: the unit is 's', 'ms', 'us' or 'ns', got ${String(unit)}`, unit);
    this.epoch = epoch;
    this.unit = unit;
    Object.freeze(this);
  }

  /** Nanoseconds since the epoch (exact). */
  get epochNanoseconds(): bigint {
    return this.epoch * NS_PER[this.unit];
  }

  /** Whole milliseconds since the epoch, rounded toward −∞ (what `toDate()` holds). */
  get epochMilliseconds(): number {
    return Number(floorDiv(this.epochNanoseconds, 1_000_000n));
  }

  /** The instant in `unit`; throws rather than drop digits when the unit is coarser than the value. */
  to(unit: TimeUnit): Instant {
    if (unit === this.unit) return this;
    const ns = this.epochNanoseconds;
    if (ns % NS_PER[unit] !== 0n) throw new InvalidArgumentError(`Instant ${this.toString()} has digits finer than ${unit}`, this);
    return new Instant(ns / NS_PER[unit], unit);
  }

  /** A `Date` of this instant, truncated to the millisecond (toward −∞); call it when that is wanted. */
  toDate(): Date {
    return new Date(this.epochMilliseconds);
  }

  /** ISO-8601 text in UTC with the unit's fraction digits. */
  toISOString(): string {
    return formatEpoch(this.epoch, this.unit);
  }

  /** Same as `toISOString()`. */
  toString(): string {
    return this.toISOString();
  }

  /** Same as `toISOString()`: JSON holds the exact text. */
  toJSON(): string {
    return this.toISOString();
  }

  /** Whether both denote the same instant (whatever their units). */
  equals(other: Instant): boolean {
    return Instant.compare(this, other) === 0;
  }

  /** −1, 0 or 1 as `a` is before, at or after `b`. */
  static compare(a: Instant, b: Instant): -1 | 0 | 1 {
    const x = a.unit === b.unit ? a.epoch : a.epochNanoseconds;
    const y = a.unit === b.unit ? b.epoch : b.epochNanoseconds;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Throws: an instant is not a number; use `epoch`, `epochMilliseconds` or `Instant.compare`. */
  valueOf(): never {
    throw new TypeError('An Instant has no number value: compare with Instant.compare(a, b) or a.epoch');
  }

  [inspect.custom](): string {
    return this.toISOString();
  }
}

/** 10^k as a bigint. */
export function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

/**
 * An exact decimal: an unscaled integer and a scale, `unscaled × 10^−scale`. Row values of
 * `decimal(p, s)` columns. Prints and serializes as exact text with `scale` fraction digits
 * (`12.3400`); converts to a number only when asked (`toNumber()`; `valueOf` throws).
 *
 * @example
 * ```ts
 * const d = new Decimal(123400n, 4);
 * console.log(String(d), d.toNumber(), JSON.stringify({ d }), Decimal.parse('-0.05', 3).unscaled);
 * // prints: 12.3400 12.34 {"d":"12.3400"} -50n
 * ```
 */
export class Decimal {
  /** The integer whose value is scaled by 10^−scale. */
  readonly unscaled: bigint;
  /** Digits after the decimal point. */
  readonly scale: number;

  /**
   * The decimal `unscaled × 10^−scale`.
   * @throws InvalidArgumentError when `unscaled` is not a bigint or `scale` not an integer.
   */
  constructor(unscaled: bigint, scale: number) {
    if (typeof unscaled !== 'bigint') throw new InvalidArgumentError(`Decimal: the unscaled value is a bigint, got ${typeof unscaled}`, unscaled);
    if (!Number.isInteger(scale)) throw new InvalidArgumentError(`Decimal: the scale is an integer, got ${String(scale)}`, scale);
    this.unscaled = unscaled;
    this.scale = scale;
    Object.freeze(this);
  }

  /**
   * Parse decimal text (`-12.34`, `1e3`, `.5`) exactly at `scale`.
   * @throws InvalidArgumentError when the text is not a decimal number or has more fraction digits than `scale` holds.
   */
  static parse(text: string, scale: number): Decimal {
    const v = parseDecimalText(text, scale);
    if (typeof v === 'string') throw new InvalidArgumentError(`Decimal.parse: ${JSON.stringify(text)} ${v}`, text);
    return new Decimal(v, scale);
  }

  /** The nearest float64 (rounding, as any conversion to a number does). */
  toNumber(): number {
    return Number(this.toString());
  }

  /** Exact text with `scale` fraction digits. */
  toString(): string {
    return formatDecimal(this.unscaled, this.scale);
  }

  /** Exact text: JSON holds every digit. */
  toJSON(): string {
    return this.toString();
  }

  /** Whether both have the same value (whatever their scales). */
  equals(other: Decimal): boolean {
    return Decimal.compare(this, other) === 0;
  }

  /** −1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
  static compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
    let x = a.unscaled;
    let y = b.unscaled;
    if (a.scale < b.scale) x *= pow10(b.scale - a.scale);
    else if (b.scale < a.scale) y *= pow10(a.scale - b.scale);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Throws: use `toNumber()` when a rounded number is wanted. */
  valueOf(): never {
    throw new TypeError('A Decimal has no implicit number value: use d.toNumber() or Decimal.compare(a, b)');
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Exact text of `unscaled × 10^−scale`: `formatDecimal(-5n, 2)` is `-0.05`.
 * @example
 * ```ts
 * formatDecimal(-5n, 2); // → '-0.05'
 * ```
 */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * pow10(-scale)).toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The unscaled value of decimal text at `scale`, or a reason it is not one (a string).
 * @example
 * ```ts
 * parseDecimalText('1.5e2', 2); // → 15000n
 * parseDecimalText('0.125', 2); // → 'has more than 2 fraction digits'
 * ```
 */
export function parseDecimalText(text: string, scale: number): bigint | string {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (m === null || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return 'is not a decimal number';
  const int = m[2] ?? '';
  let frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 10_000) return 'has an exponent out of range';
  // Shift the decimal point by the exponent, then to the scale.
  let digits = int + frac;
  let point = int.length + exp;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  frac = digits.slice(point);
  const whole = digits.slice(0, point);
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > scale) return `has more than ${scale} fraction digits`;
  const v = BigInt((whole === '' ? '0' : whole) + trimmed.padEnd(scale, '0'));
  return m[1] === '-' ? -v : v;
}

/** The interval units of Arrow: months; days and milliseconds; months, days and nanoseconds. */
export type IntervalUnit = 'yearMonth' | 'dayTime' | 'monthDayNano';

/** A `interval('yearMonth')` value: a count of months. */
export interface YearMonthInterval {
  readonly months: number;
}
/** A `interval('dayTime')` value: days and milliseconds. */
export interface DayTimeInterval {
  readonly days: number;
  readonly milliseconds: number;
}
/** A `interval('monthDayNano')` value: months, days and nanoseconds. */
export interface MonthDayNanoInterval {
  readonly months: number;
  readonly days: number;
  readonly nanoseconds: bigint;
}

/** The row value of an interval of unit `U`. */
export type IntervalValue<U extends IntervalUnit> = U extends 'yearMonth'
  ? YearMonthInterval
  : U extends 'dayTime'
    ? DayTimeInterval
    : MonthDayNanoInterval;

/**
 * ISO-8601-like text of an interval: `P1Y2M`, `P3DT0.004S`, `P1M2DT0.000000003S`.
 * @example
 * ```ts
 * formatInterval({ months: 14 }); // → 'P1Y2M'
 * formatInterval({ days: 3, milliseconds: 4 }); // → 'P3DT0.004S'
 * ```
 */
export function formatInterval(v: YearMonthInterval | DayTimeInterval | MonthDayNanoInterval): string {
  let out = 'P';
  if ('months' in v && v.months !== 0) {
    const y = Math.trunc(v.months / 12);
    const m = v.months % 12;
    if (y !== 0) out += `${y}Y`;
    if (m !== 0) out += `${m}M`;
  }
  if ('days' in v && v.days !== 0) out += `${v.days}D`;
  if ('milliseconds' in v && v.milliseconds !== 0) out += `T${formatDecimal(BigInt(v.milliseconds), 3)}S`;
  if ('nanoseconds' in v && v.nanoseconds !== 0n) out += `T${formatDecimal(v.nanoseconds, 9)}S`;
  return out === 'P' ? 'P0D' : out;
}
