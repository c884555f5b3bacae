/**
 * Column sinks for the CSV reader: each takes field bytes and writes the parsed value straight
 * into a typed array (no string per numeric field). `append` returns false when the text does not
 * fit the sink's dtype, so the reader can widen an inferred column or report a bad value.
 */
import { zoneOf, type Zone } from '../../ops/expr/zone.js';
import { makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../../dtype/dtype.js';
import { INT_RANGES, withNullable } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { ValidityBuilder } from '../../column/builder-base.js';
import { NUMBER_STORAGE } from '../../column/builder-numeric.js';
import { allocTyped, grownCapacity, heapAllocator, resizeTyped, type Allocator, type AnyTypedArray, type TypedArrayConstructor } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import {
  floatOutOfRange,
  parseBigIntBytes,
  parseBoolBytes,
  parseDateBytes,
  parseFloatBytes,
  parseTimestampBytes,
  parsed,
  timestampBig,
  timestampFits,
  timestampIn,
  timestampParts,
  timestampSubUnit,
  timestampZone,
} from './values.js';
import { FRACTION_DIGITS, type TimeUnit } from '../../dtype/values.js';

/** Receives one column's fields. */
export interface Sink {
  /** The dtype being built (made nullable by `makeNullable`). */
  readonly dtype: AnyDType;
  /** Whether the dtype was inferred (strict about text that would not read back the same). */
  readonly inferred: boolean;
  /** Values appended so far. */
  length: number;
  /** Append the value of field bytes `[s, e)`; false when it does not fit. */
  append(b: Uint8Array, s: number, e: number): boolean;
  /** Append a null; false when the column is not nullable. */
  appendNull(): boolean;
  /** Let the column hold nulls from now on (`onBadRow: 'null'` nulling a value of a non-nullable column). */
  makeNullable(): void;
  /** Drop rows from `n` on (rolling back a bad row). */
  truncate(n: number): void;
  /** The built column data over exact-length buffers. */
  finish(): Data;
}

/**
 * The rows where an integer column read the text `-0`, by the column data its sink built: an
 * integer has no negative zero, but a float column it widens into does (so `-0` stays `-0`).
 */
const negativeZeros = new WeakMap<Data, readonly number[]>();

/** The rows (ascending) where integer column data built by a sink read `-0`, if any. */
export function negativeZeroRows(data: Data): readonly number[] | undefined {
  return negativeZeros.get(data);
}

/** Record that the integer column `data` read `-0` at `rows` (ascending; a worker's part, rebuilt). */
export function setNegativeZeroRows(data: Data, rows: readonly number[] | undefined): void {
  if (rows !== undefined && rows.length > 0) negativeZeros.set(data, rows);
}

/** Rows of an integer sink that read `-0`, kept in step with `truncate`. */
class NegativeZeros {
  rows: number[] = [];
  truncate(n: number): void {
    const r = this.rows;
    while (r.length > 0 && r[r.length - 1]! >= n) r.pop();
  }
  register(data: Data): Data {
    if (this.rows.length > 0) negativeZeros.set(data, this.rows.slice());
    return data;
  }
}

/** Options every sink takes. */
export interface SinkOptions {
  readonly allocator?: Allocator;
  /** Expected rows, to size buffers. */
  readonly capacity?: number;
  /** Expected bytes of a string column, to size its byte buffer. */
  readonly byteCapacity?: number;
  /** Whether the dtype was inferred. */
  readonly inferred: boolean;
}

/** Shared state: a validity bitmap, nullability and the allocator. */
export abstract class BaseSink {
  length = 0;
  readonly allocator: Allocator;
  readonly validity: ValidityBuilder;
  readonly inferred: boolean;

  constructor(
    public dtype: AnyDType,
    opts: SinkOptions,
  ) {
    this.allocator = opts.allocator ?? heapAllocator;
    this.validity = new ValidityBuilder(this.allocator);
    this.inferred = opts.inferred;
  }

  appendNull(): boolean {
    if (!this.dtype.nullable) return false;
    this.reserve();
    this.validity.setNull(this.length);
    this.length++;
    return true;
  }

  makeNullable(): void {
    if (!this.dtype.nullable) this.dtype = withNullable(this.dtype, true);
  }

  truncate(n: number): void {
    if (n >= this.length) return;
    this.validity.truncate(n, this.length);
    this.length = n;
  }

  /** Make room for row `this.length`. */
  protected abstract reserve(): void;

  /** Data over `values` (already exact length). */
  protected data(values: ArrayBufferView, extra: Record<string, unknown> = {}): Data {
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.validity.nulls,
      data: values,
      nullBitmap: this.validity.finish(this.length),
      ...extra,
    } as never);
  }
}

/** A sink over one typed values array. */
abstract class TypedSink<T extends AnyTypedArray> extends BaseSink {
  values: T;
  constructor(dtype: AnyDType, opts: SinkOptions, ctor: TypedArrayConstructor) {
    super(dtype, opts);
    this.values = allocTyped(ctor, Math.max(16, opts.capacity ?? 1024), this.allocator) as T;
  }

  protected reserve(): void {
    if (this.length >= this.values.length) {
      this.values = resizeTyped(this.values, this.length, grownCapacity(this.values.length, this.length + 1), this.allocator);
    }
    this.validity.setValid(this.length);
  }

  /** The values trimmed to the length (one copy when there is slack). */
  protected exactValues(): T {
    return this.values.length === this.length ? this.values : resizeTyped(this.values, this.length, this.length, this.allocator);
  }

  finish(): Data {
    return this.data(this.exactValues());
  }
}

/** Out-parameter of `digitsStart`: whether the number had a `-`. */
const sign = { negative: false };

/**
 * Where the digits of an integer start after an optional `-` (or `+`, unless `strict`), or -1 when
 * there are none or, when `strict`, when they have a leading zero ("007" stays text when inferred).
 */
function digitsStart(b: Uint8Array, s: number, e: number, strict: boolean): number {
  let i = s;
  const c0 = b[i];
  sign.negative = c0 === 45;
  if (c0 === 45) i++;
  else if (c0 === 43) {
    if (strict) return -1;
    i++;
  }
  if (i === e || (strict && e - i > 1 && b[i] === 48)) return -1;
  return i;
}

/** 8–32-bit integers. Inferred columns reject a leading `+` or leading zeros (they stay text). */
export class IntSink extends TypedSink<Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array> implements Sink {
  private readonly negZeros = new NegativeZeros();
  private readonly min: number;
  private readonly max: number;

  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts, NUMBER_STORAGE[dtype.kind]!);
    [this.min, this.max] = INT_RANGES[dtype.kind]!;
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    let i = digitsStart(b, s, e, this.inferred);
    if (i < 0) return false;
    const neg = sign.negative;
    if (e - i > 10) return false;
    let v = 0;
    for (; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) return false;
      v = v * 10 + d;
    }
    if (neg) {
      if (v === 0) this.negZeros.rows.push(this.length);
      v = -v;
    }
    if (v < this.min || v > this.max) return false;
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.values[this.length++] = v;
    return true;
  }

  override truncate(n: number): void {
    this.negZeros.truncate(n);
    super.truncate(n);
  }

  override finish(): Data {
    return this.negZeros.register(super.finish());
  }
}

/**
 * 64-bit integers and millisecond timestamps in a BigInt64Array (BigUint64Array for uint64). Safe
 * integers are written as two 32-bit words, with no bigint per value.
 */
abstract class Int64Words extends BaseSink {
  values: BigInt64Array | BigUint64Array;
  words: Uint32Array;

  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts);
    this.values = allocTyped(dtype.kind === 'uint64' ? BigUint64Array : BigInt64Array, Math.max(16, opts.capacity ?? 1024), this.allocator);
    this.words = new Uint32Array(this.values.buffer as ArrayBuffer, this.values.byteOffset, this.values.length * 2);
  }

  protected reserve(): void {
    if (this.length >= this.values.length) {
      this.values = resizeTyped(this.values, this.length, grownCapacity(this.values.length, this.length + 1), this.allocator);
      this.words = new Uint32Array(this.values.buffer as ArrayBuffer, this.values.byteOffset, this.values.length * 2);
    }
    this.validity.setValid(this.length);
  }

  /** Write the safe integer `v` at row `this.length` and count it. */
  protected put(v: number): void {
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    const w = this.length * 2;
    // Little-endian two's complement: low word, then the high word.
    this.words[w] = v >>> 0;
    this.words[w + 1] = Math.floor(v / 4294967296) >>> 0;
    this.length++;
  }

  finish(): Data {
    const v = this.values.length === this.length ? this.values : resizeTyped(this.values, this.length, this.length, this.allocator);
    return this.data(v);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** int64 / uint64. */
export class Int64Sink extends Int64Words implements Sink {
  private readonly negZeros = new NegativeZeros();

  override truncate(n: number): void {
    this.negZeros.truncate(n);
    super.truncate(n);
  }

  override finish(): Data {
    return this.negZeros.register(super.finish());
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    let i = digitsStart(b, s, e, this.inferred);
    if (i < 0) return false;
    const neg = sign.negative;
    if (e - i <= 15) {
      let v = 0;
      for (; i < e; i++) {
        const d = b[i]! - 48;
        if (d < 0 || d > 9) return false;
        v = v * 10 + d;
      }
      if (neg) {
        if (this.dtype.kind === 'uint64' && v !== 0) return false;
        if (v === 0) this.negZeros.rows.push(this.length);
        v = -v;
      }
      this.put(v);
      return true;
    }
    const big = parseBigIntBytes(b, s, e);
    if (big === undefined) return false;
    if (this.dtype.kind === 'uint64' ? big < 0n || big > UINT64_MAX : big < INT64_MIN || big > INT64_MAX) return false;
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.values[this.length++] = big;
    return true;
  }
}

/**
 * Timestamps of any unit, parsed exactly from ISO 8601 text (up to nine fraction digits, read as
 * integers: never through a float or a `Date`). An inferred column holds either wall times (no
 * zone) or instants (`Z` or an offset, dtype zone UTC); a value of the other sort does not fit,
 * nor does one with more fraction digits than its unit has (so the column widens to a finer
 * unit). A declared timestamp column takes both sorts: a wall time is read as wall-clock time in
 * the column's time zone (UTC when it has none), as `cast` reads text, polars'
 * `to_datetime(time_zone=…)` and DuckDB's TIMESTAMPTZ do; it takes fraction digits beyond its
 * unit only when they are zeros.
 */
export class TimestampSink extends Int64Words implements Sink {
  private readonly aware: boolean;
  private readonly zone: Zone | null;
  private readonly unit: TimeUnit;
  /** Fraction digits the unit holds (3 for ms). */
  private readonly digits: number;
  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts);
    this.aware = (dtype.timezone ?? null) !== null;
    this.zone = this.inferred ? null : zoneOf(dtype.timezone ?? null);
    this.unit = (dtype.unit ?? 'ms') as TimeUnit;
    this.digits = FRACTION_DIGITS[this.unit];
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    if (this.unit !== 'ms') return this.appendIn(b, s, e);
    let ms = parseTimestampBytes(b, s, e);
    if (!parsed.ok || (this.inferred && (timestampZone.aware !== this.aware || timestampParts.digits > 3))) return false;
    const local = this.zone !== null && !timestampZone.aware;
    if (ms <= Number.MAX_SAFE_INTEGER && ms >= -Number.MAX_SAFE_INTEGER) {
      if (local) {
        const t = this.zone.toUtc(ms, this.zone.offset(ms));
        if (t <= Number.MAX_SAFE_INTEGER && t >= -Number.MAX_SAFE_INTEGER) ms = t;
      }
      this.put(ms);
    } else {
      // Beyond ±2^53 ms (years beyond about ±285,000): the exact value as a bigint.
      let big = timestampBig();
      if (local) big -= BigInt(this.zone.offset(ms));
      if (big < -(2n ** 63n) || big > 2n ** 63n - 1n) return false;
      this.putBig(big);
    }
    return true;
  }

  /** Seconds, microseconds and nanoseconds. */
  private appendIn(b: Uint8Array, s: number, e: number): boolean {
    const unit = this.unit;
    const ms = parseTimestampBytes(b, s, e, unit !== 's');
    if (!parsed.ok) return false;
    if (this.inferred ? timestampZone.aware !== this.aware || timestampParts.digits > this.digits : timestampSubUnit(unit)) return false;
    let shift = 0;
    if (this.zone !== null && !timestampZone.aware) {
      // Wall time in the column's zone: the zone's offset there, in whole milliseconds.
      const at = Math.max(-8.64e15, Math.min(8.64e15, ms));
      shift = this.zone.toUtc(at, this.zone.offset(at)) - at;
    }
    const t = ms + shift;
    const sub = timestampParts.subNs;
    if (unit === 'us' && t < 9e12 && t > -9e12) {
      // Within ±2^53 µs (years 1685–2255): one exact number, no bigint.
      this.put(t * 1000 + (sub - (sub % 1000)) / 1000);
      return true;
    }
    if (unit === 'ns' && t < 9.2e12 && t > -9.2e12) {
      this.putNanos(t, sub);
      return true;
    }
    if (unit === 's' && t <= Number.MAX_SAFE_INTEGER && t >= -Number.MAX_SAFE_INTEGER) {
      this.put(Math.floor(t / 1000));
      return true;
    }
    if (!timestampFits(unit, shift)) return false;
    this.putBig(timestampIn(unit, shift));
    return true;
  }

  /**
   * Write `ms × 10^6 + sub` (nanoseconds, |ms| < 9.2e12 so it fits int64) as two 32-bit words,
   * exactly and without a bigint: `ms = q·2^32 + r`, so the count is `q·10^6·2^32 + (r·10^6 + sub)`.
   */
  private putNanos(ms: number, sub: number): void {
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    const q = Math.floor(ms / 4294967296);
    const low = (ms - q * 4294967296) * 1_000_000 + sub; // < 2^52: exact
    const carry = Math.floor(low / 4294967296);
    const w = this.length * 2;
    this.words[w] = (low - carry * 4294967296) >>> 0;
    this.words[w + 1] = (q * 1_000_000 + carry) >>> 0;
    this.length++;
  }

  /** Write an exact bigint value (already checked to fit int64). */
  private putBig(v: bigint): void {
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.values[this.length++] = v;
  }
}

const SAFE_FLOAT_INT = 2 ** 53;

/** Whether `[s, e)` is an optional sign and digits only. */
function isIntegerLiteral(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (b[i] === 45 || b[i] === 43) i++;
  if (i === e) return false;
  for (; i < e; i++) if (b[i]! < 48 || b[i]! > 57) return false;
  return true;
}

/** Whether the integer literal `[s, e)` is beyond ±2^53 (its double may be rounded). */
function beyondSafe(b: Uint8Array, s: number, e: number): boolean {
  const big = parseBigIntBytes(b, s, e);
  return big === undefined || big > 2n ** 53n || big < -(2n ** 53n);
}

/** float64 / float32. Inferred columns reject leading zeros ("007.5") and a leading `+`. */
export class FloatSink extends TypedSink<Float64Array | Float32Array> implements Sink {
  private readonly f32: boolean;
  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts, dtype.kind === 'float32' ? Float32Array : Float64Array);
    this.f32 = dtype.kind === 'float32';
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    if (this.inferred) {
      let i = s;
      if (b[i] === 45) i++;
      else if (b[i] === 43) return false;
      if (b[i] === 48 && i + 1 < e && b[i + 1]! >= 48 && b[i + 1]! <= 57) return false;
    }
    const v = parseFloatBytes(b, s, e);
    if (!parsed.ok) return false;
    // An integer literal beyond ±2^53 would be rounded: an inferred column becomes text instead
    // (as an int64 column beyond ±2^53 does when it meets a float).
    if (this.inferred && (v >= SAFE_FLOAT_INT || v <= -SAFE_FLOAT_INT) && isIntegerLiteral(b, s, e) && beyondSafe(b, s, e)) return false;
    // A literal beyond the range would be stored as ±Infinity or 0: it does not fit.
    const r = this.f32 ? Math.fround(v) : v;
    if ((r === 0 || r - r !== 0) && floatOutOfRange(v, b, s, e, this.f32)) return false;
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.values[this.length++] = v;
    return true;
  }
}

/** Booleans (`true` / `false`, any case), bit-packed. */
export class BoolSink extends BaseSink implements Sink {
  bits: Uint8Array;
  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts);
    this.bits = allocTyped(Uint8Array, bitmapBytes(Math.max(64, opts.capacity ?? 1024)), this.allocator);
  }

  protected reserve(): void {
    if (this.length >> 3 >= this.bits.length) {
      this.bits = resizeTyped(this.bits, this.bits.length, bitmapBytes(grownCapacity(this.bits.length * 8, this.length + 1)), this.allocator);
    }
    this.validity.setValid(this.length);
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    let v: boolean;
    // Fast path for lowercase `true` / `false`; any other case goes through the general parser.
    const n = e - s;
    if (n === 4 && b[s] === 116 && b[s + 1] === 114 && b[s + 2] === 117 && b[s + 3] === 101) v = true;
    else if (n === 5 && b[s] === 102 && b[s + 1] === 97 && b[s + 2] === 108 && b[s + 3] === 115 && b[s + 4] === 101) v = false;
    else {
      v = parseBoolBytes(b, s, e);
      if (!parsed.ok) return false;
    }
    const i = this.length;
    if (i >> 3 >= this.bits.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(i);
    this.length = i + 1;
    if (v) this.bits[i >> 3]! |= 1 << (i & 7);
    else this.bits[i >> 3]! &= ~(1 << (i & 7));
    return true;
  }

  finish(): Data {
    const n = bitmapBytes(this.length);
    const bits = this.bits.length === n ? this.bits : resizeTyped(this.bits, n, n, this.allocator);
    return this.data(bits);
  }
}

/** Dates `YYYY-MM-DD` (or with an expanded year, `+010000-01-01`), as days since the epoch. */
export class DateSink extends TypedSink<Int32Array> implements Sink {
  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts, Int32Array);
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    const days = parseDateBytes(b, s, e);
    if (!parsed.ok) return false;
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.values[this.length++] = days;
    return true;
  }
}
