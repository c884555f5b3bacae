/** Builders of numbers, 64-bit integers, dates, timestamps and booleans. */
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

/** 64-bit integers and timestamps (milliseconds), stored in a BigInt64Array / BigUint64Array. */
export class BigIntBuilder extends TypedValuesBuilder<BigInt64Array | BigUint64Array> {

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts, dtype.kind === 'uint64' ? BigUint64Array : BigInt64Array);
  }

  protected appendValue(value: unknown): void {
    let v: bigint;
    const kind = this.dtype.kind;
    if (kind === 'timestamp') {
      if (!(value instanceof Date)) this.fail(value, 'expected a Date');
      const ms = value.getTime();
      if (Number.isNaN(ms)) this.fail(value, 'the Date is invalid');
      v = BigInt(ms);
    } else if (typeof value === 'bigint') {
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
