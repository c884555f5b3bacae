/** Builders of numbers, 64-bit integers and durations, dates and booleans. */
import { makeData, type Data } from 'apache-arrow';
import { INT_RANGES, type AnyDType, type DTypeKind } from '../dtype/dtype.js';
import { toArrowType } from '../dtype/arrow.js';
import { allocTyped, grownCapacity, resizeTyped } from '../util/alloc.js';
import { bitmapBytes } from '../util/bits.js';
import { BaseBuilder, TypedValuesBuilder, type BuilderOptions } from './builder-base.js';

const MS_PER_DAY = 86_400_000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

type NumArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;
type NumCtor =
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

/** The typed array each 8–32-bit integer, float and date dtype stores its values in. */
export const NUMBER_STORAGE: Partial<Record<DTypeKind, NumCtor>> = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
  date: Int32Array,
};

/** Numbers of a fixed width (8–32-bit integers, floats) and dates (as days). */
export class NumberBuilder extends TypedValuesBuilder<NumArray> {
  private readonly range: readonly [number, number] | undefined;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts, NUMBER_STORAGE[dtype.kind]!);
    this.range = INT_RANGES[dtype.kind];
    this.bulk = dtype.kind !== 'date';
  }

  protected appendValue(value: unknown): void {
    let n: number;
    if (this.dtype.kind === 'date') {
      n = dateToDays(value, (reason) => this.fail(value, reason));
    } else if (typeof value === 'number') {
      n = value;
      const r = this.range;
      if (r !== undefined) {
        if (!Number.isInteger(n)) this.fail(value, 'expected an integer number');
        if (n < r[0] || n > r[1]) this.fail(value, `out of range ${r[0]} … ${r[1]}`);
      }
    } else if (typeof value === 'bigint' && this.range !== undefined) {
      const r = this.range;
      if (value < BigInt(r[0]) || value > BigInt(r[1])) this.fail(value, `out of range ${r[0]} … ${r[1]}`);
      n = Number(value);
    } else {
      this.fail(value, this.range === undefined ? 'expected a number' : 'expected an integer number');
    }
    this.ensure();
    this.values[this.length] = n;
  }
}

/** 64-bit integers and durations, stored in a BigInt64Array / BigUint64Array. */
export class BigIntBuilder extends TypedValuesBuilder<BigInt64Array | BigUint64Array> {
  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts, dtype.kind === 'uint64' ? BigUint64Array : BigInt64Array);
    this.bulk = true;
  }

  protected appendValue(value: unknown): void {
    let v: bigint;
    const kind = this.dtype.kind;
    if (typeof value === 'bigint') {
      v = value;
    } else if (typeof value === 'number') {
      if (!Number.isInteger(value)) this.fail(value, 'expected an integer');
      if (!Number.isSafeInteger(value)) {
        this.fail(value, 'the number is beyond ±(2^53 − 1) and may already be rounded; pass a bigint');
      }
      v = BigInt(value);
    } else {
      this.fail(value, 'expected an integer number or a bigint');
    }
    if (kind === 'uint64' ? v < 0n || v > UINT64_MAX : v < INT64_MIN || v > INT64_MAX) {
      this.fail(value, kind === 'uint64' ? 'out of range 0 … 2^64-1' : 'out of range -2^63 … 2^63-1');
    }
    this.ensure();
    this.values[this.length] = v;
  }
}

/** Booleans, bit-packed. */
export class BoolBuilder extends BaseBuilder {
  private bits: Uint8Array;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts);
    this.bits = allocTyped(Uint8Array, bitmapBytes(opts.capacity ?? 256), this.allocator);
  }

  protected appendValue(value: unknown): void {
    if (typeof value !== 'boolean') this.fail(value, 'expected a boolean');
    this.ensure();
    if (value) this.bits[this.length >> 3]! |= 1 << (this.length & 7);
  }

  protected appendEmpty(): void {
    this.ensure();
  }

  protected override truncateValues(n: number): void {
    const bits = this.bits;
    for (let i = n; i < this.length; i++) bits[i >> 3]! &= ~(1 << (i & 7));
  }

  private ensure(): void {
    if (this.length >> 3 >= this.bits.length) {
      this.bits = resizeTyped(this.bits, this.bits.length, bitmapBytes(grownCapacity(this.bits.length * 8, this.length + 1)), this.allocator);
    }
  }

  finish(): Data {
    const n = bitmapBytes(this.length);
    const bits = this.bits.length === n ? this.bits : resizeTyped(this.bits, n, n, this.allocator);
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.nullCount,
      data: bits,
      nullBitmap: this.validity.finish(this.length),
    } as never);
  }
}

function dateToDays(value: unknown, fail: (reason: string) => never): number {
  if (!(value instanceof Date)) return fail('expected a Date');
  const ms = value.getTime();
  if (Number.isNaN(ms)) return fail('the Date is invalid');
  if (ms % MS_PER_DAY !== 0) return fail('a date holds whole days; the Date has a time of day (use timestamp())');
  return ms / MS_PER_DAY;
}

const f64 = new Float64Array(1);
const f64hi = new Uint32Array(f64.buffer, 4, 1);

/** `m` rounded to the nearest integer, ties to even (`m` ≥ 0). */
function roundHalfEven(m: number): number {
  const r = Math.floor(m);
  const d = m - r;
  return d > 0.5 || (d === 0.5 && (r & 1) === 1) ? r + 1 : r;
}

/**
 * The IEEE half-precision bit pattern nearest to `x` (ties to even, as IEEE rounding does);
 * beyond ±65504 rounds to ±Infinity, NaN stays NaN. Rounds once, from the float64 itself (going
 * through float32 first would round twice).
 * @example
 * ```ts
 * import { float16ToNumber } from './readers.js';
 * numberToFloat16(1); // → 15360
 * numberToFloat16(65520); // → 31744
 * float16ToNumber(numberToFloat16(0.1)); // → 0.0999755859375
 * ```
 */
export function numberToFloat16(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00; // 65520 is halfway to 2^16: ties go to the even Infinity
  f64[0] = a;
  const e = ((f64hi[0]! >>> 20) & 0x7ff) - 1023; // floor(log2(a)) for a normal double
  if (e < -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal (1024 carries into the smallest normal)
  let m = roundHalfEven(a * 2 ** (10 - e)); // 1024 … 2048
  let exp = e + 15;
  if (m === 2048) {
    m = 1024;
    exp++;
  }
  return exp >= 31 ? sign | 0x7c00 : sign | (exp << 10) | (m - 1024);
}

/** IEEE half-precision floats, rounded to nearest (ties to even) from each number. */
export class Float16Builder extends TypedValuesBuilder<Uint16Array> {
  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts, Uint16Array);
  }

  protected appendValue(value: unknown): void {
    if (typeof value !== 'number') this.fail(value, 'expected a number');
    this.ensure();
    this.values[this.length] = numberToFloat16(value);
  }
}
