/**
 * Builders of timestamps in every unit, times of day and calendar intervals. A timestamp takes a
 * `Date`, an exact `Instant` or a bigint count of its unit since the epoch; nothing is rounded:
 * a value with digits the unit cannot hold is an error.
 */
import type { AnyDType } from '../dtype/dtype.js';
import { Instant, UNITS_PER_SECOND, type TimeUnit } from '../dtype/values.js';
import { TypedValuesBuilder, type BuilderOptions } from './builder-base.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Instants as 64-bit counts of the dtype's unit since 1970-01-01T00:00:00Z. */
export class TimestampBuilder extends TypedValuesBuilder<BigInt64Array> {
  private readonly unit: TimeUnit;
  /** Units per millisecond (`us`, `ns`), or 0 for seconds (a `Date` must then be whole seconds). */
  private readonly perMs: bigint;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts, BigInt64Array);
    this.unit = (dtype.unit ?? 'ms') as TimeUnit;
    this.perMs = this.unit === 's' ? 0n : UNITS_PER_SECOND[this.unit] / 1000n;
    this.bulk = true;
  }

  protected appendValue(value: unknown): void {
    let v: bigint;
    if (value instanceof Date) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) this.fail(value, 'the Date is invalid');
      if (this.perMs === 0n) {
        if (ms % 1000 !== 0) this.fail(value, 'the Date has milliseconds, which a timestamp[s] column cannot hold');
        v = BigInt(ms / 1000);
      } else {
        v = BigInt(ms) * this.perMs;
      }
    } else if (value instanceof Instant) {
      if (value.unit === this.unit) v = value.epoch;
      else {
        const ns = value.epochNanoseconds;
        const per = 1_000_000_000n / UNITS_PER_SECOND[this.unit];
        if (ns % per !== 0n) this.fail(value, `the Instant has digits finer than ${this.unit}`);
        v = ns / per;
      }
    } else if (typeof value === 'bigint') {
      v = value;
    } else {
      this.fail(value, `expected a Date, an Instant or a bigint count of ${this.unit} since the epoch`);
    }
    if (v < INT64_MIN || v > INT64_MAX) this.fail(value, `out of the range of 64-bit counts of ${this.unit}`);
    this.ensure();
    this.values[this.length] = v;
  }
}

/** Times of day as counts of the unit since midnight: 32-bit for `s`/`ms`, 64-bit for `us`/`ns`. */
export class TimeBuilder extends TypedValuesBuilder<Int32Array | BigInt64Array> {
  private readonly limit: number;
  private readonly big: boolean;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    const unit = (dtype.unit ?? 'ms') as TimeUnit;
    const big = unit === 'us' || unit === 'ns';
    super(dtype, name, opts, big ? BigInt64Array : Int32Array);
    this.big = big;
    this.limit = 86_400 * Number(UNITS_PER_SECOND[unit]);
  }

  protected appendValue(value: unknown): void {
    let n: number;
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) this.fail(value, `expected an integer count of ${String(this.dtype.unit)} since midnight`);
      n = value;
    } else if (typeof value === 'bigint') {
      n = value < 0n || value >= BigInt(this.limit) ? -1 : Number(value);
    } else {
      this.fail(value, `expected a number (or bigint) of ${String(this.dtype.unit)} since midnight`);
    }
    if (n < 0 || n >= this.limit) this.fail(value, `out of range 0 … ${this.limit - 1} (a time of day)`);
    this.ensure();
    if (this.big) (this.values as BigInt64Array)[this.length] = BigInt(n);
    else (this.values as Int32Array)[this.length] = n;
  }
}

/** The components of each interval unit, in storage order. */
const COMPONENTS: Readonly<Record<string, readonly string[]>> = {
  yearMonth: ['months'],
  dayTime: ['days', 'milliseconds'],
  monthDayNano: ['months', 'days', 'nanoseconds'],
};

/**
 * Calendar intervals from their value objects (`{ months }`, `{ days, milliseconds }`,
 * `{ months, days, nanoseconds }`); a missing component is 0, an unknown one an error.
 * Stored as Arrow does: 1, 2 or 4 32-bit words a value (the nanoseconds are a 64-bit pair).
 */
export class IntervalBuilder extends TypedValuesBuilder<Int32Array> {
  private readonly keys: readonly string[];

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    const unit = String(dtype.unit);
    super(dtype, name, opts, Int32Array, unit === 'yearMonth' ? 1 : unit === 'dayTime' ? 2 : 4);
    this.keys = COMPONENTS[unit]!;
  }

  protected appendValue(value: unknown): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(value, `expected an object of ${this.keys.join(', ')}`);
    }
    const rec = value as Record<string, unknown>;
    for (const key in rec) {
      if (!this.keys.includes(key)) this.fail(value, `has "${key}", which an interval[${String(this.dtype.unit)}] does not hold (${this.keys.join(', ')})`);
    }
    const ints: number[] = [];
    let nanos = 0n;
    for (const key of this.keys) {
      const c = rec[key] ?? 0;
      if (key === 'nanoseconds') {
        if (typeof c === 'bigint') nanos = c;
        else if (typeof c === 'number' && Number.isSafeInteger(c)) nanos = BigInt(c);
        else this.fail(value, 'nanoseconds is a bigint (or a safe integer number)');
        if (nanos < INT64_MIN || nanos > INT64_MAX) this.fail(value, 'nanoseconds is out of the 64-bit range');
      } else {
        if (typeof c !== 'number' || !Number.isInteger(c) || c < INT32_MIN || c > INT32_MAX) {
          this.fail(value, `${key} is a 32-bit integer`);
        }
        ints.push(c);
      }
    }
    this.ensure();
    const w = this.length * this.stride;
    const out = this.values;
    out[w] = ints[0]!;
    if (this.stride >= 2) out[w + 1] = ints[1]!;
    if (this.stride === 4) {
      out[w + 2] = Number(BigInt.asIntN(32, nanos));
      out[w + 3] = Number(BigInt.asIntN(32, nanos >> 32n));
    }
  }
}
