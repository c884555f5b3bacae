/**
 * Column builders: append values one at a time straight into typed arrays, then hand back an
 * Arrow `Data` over exact-length buffers. Builders own allocation (see `Allocator`), so the same
 * code fills `ArrayBuffer`s or `SharedArrayBuffer`s. Every appended value is checked against the
 * dtype; a value that does not fit throws `InvalidValueError` naming the column and row.
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { InvalidValueError } from '../errors.js';
import { INT_RANGES, dtypeName, type AnyDType, type DTypeKind } from '../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../dtype/arrow.js';
import {
  allocTyped,
  grownCapacity,
  heapAllocator,
  resizeTyped,
  type Allocator,
} from '../util/alloc.js';
import { bitmapBytes } from '../util/bits.js';

/** Options shared by all builders. */
export interface BuilderOptions {
  /** Where buffers are allocated (default: the heap). */
  allocator?: Allocator;
  /** Expected number of values, to size buffers once. */
  capacity?: number;
  /** Expected UTF-8 bytes of a string column, to size its byte buffer once. */
  byteCapacity?: number;
}

/** Appends values of one dtype and finishes into an Arrow `Data`. */
export interface ColumnBuilder {
  /** The dtype being built. */
  readonly dtype: AnyDType;
  /** The column name used in error messages. */
  readonly name: string;
  /** Values appended so far. */
  readonly length: number;
  /**
   * Append a JavaScript value (`null`/`undefined` append a null).
   * @throws InvalidValueError when the value does not fit the dtype.
   */
  append(value: unknown): void;
  /**
   * Append a null.
   * @throws InvalidValueError when the dtype is not nullable.
   */
  appendNull(): void;
  /** The built column over exact-length buffers. The builder must not be used afterwards. */
  finish(): Data;
}

const MS_PER_DAY = 86_400_000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** A lazily allocated validity bitmap: no bytes at all until the first null. */
class ValidityBuilder {
  bits: Uint8Array | null = null;
  nulls = 0;
  constructor(private readonly allocator: Allocator) {}

  /** Mark row `i` null, allocating (all previous rows valid) on the first null. */
  setNull(i: number): void {
    if (this.bits === null) {
      this.bits = allocTyped(Uint8Array, bitmapBytes(grownCapacity(0, i + 1)), this.allocator);
      this.bits.fill(0xff);
    } else if (i >> 3 >= this.bits.length) {
      this.grow(i + 1);
    }
    this.bits[i >> 3]! &= ~(1 << (i & 7));
    this.nulls++;
  }

  /** Ensure bit `i` exists and is valid (only needed once a bitmap exists). */
  setValid(i: number): void {
    if (this.bits !== null && i >> 3 >= this.bits.length) this.grow(i + 1);
  }

  private grow(n: number): void {
    const old = this.bits!;
    const next = allocTyped(Uint8Array, bitmapBytes(grownCapacity(old.length * 8, n)), this.allocator);
    next.fill(0xff);
    next.set(old);
    this.bits = next;
  }

  /** The exact-length bitmap (trailing bits of the last byte cleared), or undefined when no nulls. */
  finish(length: number): Uint8Array | undefined {
    if (this.bits === null) return undefined;
    const n = bitmapBytes(length);
    const out = this.bits.length === n ? this.bits : resizeTyped(this.bits, n, n, this.allocator);
    if ((length & 7) !== 0) out[n - 1]! &= (1 << (length & 7)) - 1;
    return out;
  }
}

abstract class BaseBuilder implements ColumnBuilder {
  length = 0;
  protected readonly allocator: Allocator;
  protected readonly validity: ValidityBuilder;

  constructor(
    readonly dtype: AnyDType,
    readonly name: string,
    opts: BuilderOptions,
  ) {
    this.allocator = opts.allocator ?? heapAllocator;
    this.validity = new ValidityBuilder(this.allocator);
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    this.appendValue(value);
    this.validity.setValid(this.length);
    this.length++;
  }

  appendNull(): void {
    if (!this.dtype.nullable) {
      this.fail(null, 'the column is not nullable (declare it with nullable(...))');
    }
    this.appendEmpty();
    this.validity.setNull(this.length);
    this.length++;
  }

  /** Store a non-null value at row `this.length`. */
  protected abstract appendValue(value: unknown): void;
  /** Store a placeholder for a null at row `this.length`. */
  protected abstract appendEmpty(): void;
  abstract finish(): Data;

  protected fail(value: unknown, reason: string): never {
    throw new InvalidValueError(value, this.name, this.length, dtypeName(this.dtype), reason);
  }

  protected get nullCount(): number {
    return this.validity.nulls;
  }
}

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

const NUM_CTORS: Partial<Record<DTypeKind, NumCtor>> = {
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
class NumberBuilder extends BaseBuilder {
  private values: NumArray;
  private readonly range: readonly [number, number] | undefined;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts);
    this.values = allocTyped(NUM_CTORS[dtype.kind]!, opts.capacity ?? 32, this.allocator);
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

  protected appendEmpty(): void {
    this.ensure();
  }

  private ensure(): void {
    if (this.length >= this.values.length) {
      this.values = resizeTyped(this.values, this.length, grownCapacity(this.values.length, this.length + 1), this.allocator);
    }
  }

  finish(): Data {
    const values = this.values.length === this.length ? this.values : resizeTyped(this.values, this.length, this.length, this.allocator);
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.nullCount,
      data: values,
      nullBitmap: this.validity.finish(this.length),
    } as never);
  }
}

/** 64-bit integers and timestamps (milliseconds), stored in a BigInt64Array / BigUint64Array. */
class BigIntBuilder extends BaseBuilder {
  private values: BigInt64Array | BigUint64Array;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts);
    this.values = allocTyped(dtype.kind === 'uint64' ? BigUint64Array : BigInt64Array, opts.capacity ?? 32, this.allocator);
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

  protected appendEmpty(): void {
    this.ensure();
  }

  private ensure(): void {
    if (this.length >= this.values.length) {
      this.values = resizeTyped(this.values, this.length, grownCapacity(this.values.length, this.length + 1), this.allocator);
    }
  }

  finish(): Data {
    const values = this.values.length === this.length ? this.values : resizeTyped(this.values, this.length, this.length, this.allocator);
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.nullCount,
      data: values,
      nullBitmap: this.validity.finish(this.length),
    } as never);
  }
}

/** Booleans, bit-packed. */
class BoolBuilder extends BaseBuilder {
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

const encoder = new TextEncoder();
const MAX_UTF8_BYTES = 2 ** 31 - 1;

/** UTF-8 bytes plus 32-bit offsets, appended without an intermediate string array. */
export class Utf8Bytes {
  bytes: Uint8Array;
  offsets: Int32Array;
  count = 0;

  constructor(
    private readonly allocator: Allocator,
    capacity: number,
    byteCapacity = capacity * 16,
  ) {
    this.bytes = allocTyped(Uint8Array, Math.max(64, byteCapacity), allocator);
    this.offsets = allocTyped(Int32Array, capacity + 1, allocator);
  }

  get byteLength(): number {
    return this.offsets[this.count]!;
  }

  /** Append a string's UTF-8 bytes; returns false when the 2 GiB offset limit would be passed. */
  push(s: string): boolean {
    const end = this.offsets[this.count]!;
    const n = s.length;
    // Fast path: ASCII that fits, written with a plain loop (no call, no subarray).
    if (n <= 256 && end + n <= this.bytes.length) {
      const b = this.bytes;
      let k = 0;
      for (; k < n; k++) {
        const c = s.charCodeAt(k);
        if (c > 0x7f) break;
        b[end + k] = c;
      }
      if (k === n) {
        this.pushOffset(end + n);
        return true;
      }
    }
    // Anything else: make room for the worst case (3 bytes per UTF-16 unit), then encodeInto.
    const worst = end + n * 3;
    if (worst > this.bytes.length) {
      if (worst > MAX_UTF8_BYTES && end + encoder.encode(s).length > MAX_UTF8_BYTES) return false;
      const cap = Math.min(grownCapacity(this.bytes.length, worst), MAX_UTF8_BYTES);
      this.bytes = resizeTyped(this.bytes, end, cap, this.allocator);
    }
    const written = encoder.encodeInto(s, this.bytes.subarray(end)).written;
    this.pushOffset(end + written);
    return true;
  }

  /** Append an empty entry (used for nulls). */
  pushEmpty(): void {
    this.pushOffset(this.offsets[this.count]!);
  }

  private pushOffset(o: number): void {
    if (this.count + 1 >= this.offsets.length) {
      this.offsets = resizeTyped(this.offsets, this.count + 1, grownCapacity(this.offsets.length, this.count + 2), this.allocator);
    }
    this.offsets[++this.count] = o;
  }

  /** Exact-length buffers. */
  finish(): { bytes: Uint8Array; offsets: Int32Array } {
    const nb = this.byteLength;
    const bytes = this.bytes.length === nb ? this.bytes : resizeTyped(this.bytes, nb, nb, this.allocator);
    const no = this.count + 1;
    const offsets = this.offsets.length === no ? this.offsets : resizeTyped(this.offsets, no, no, this.allocator);
    return { bytes, offsets };
  }
}

/** Plain UTF-8 strings. */
class Utf8Builder extends BaseBuilder {
  private readonly buf: Utf8Bytes;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts);
    this.buf = new Utf8Bytes(this.allocator, opts.capacity ?? 32, opts.byteCapacity);
  }

  protected appendValue(value: unknown): void {
    if (typeof value !== 'string') this.fail(value, 'expected a string');
    if (!this.buf.push(value)) this.fail(value, 'the column would pass 2 GiB of UTF-8 (large_utf8 is not supported)');
  }

  protected appendEmpty(): void {
    this.buf.pushEmpty();
  }

  finish(): Data {
    const { bytes, offsets } = this.buf.finish();
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.nullCount,
      data: bytes,
      valueOffsets: offsets,
      nullBitmap: this.validity.finish(this.length),
    } as never);
  }
}

/**
 * Dictionary-encoded strings. Codes start as uint8 and widen to uint16 / int32 as the dictionary
 * grows past 256 / 65,536 entries, so the finished index width fits the dictionary.
 */
class CategoricalBuilder extends BaseBuilder {
  private codes: Uint8Array | Uint16Array | Int32Array;
  private readonly lookup = new Map<string, number>();
  private readonly dict: Utf8Bytes;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts);
    this.codes = allocTyped(Uint8Array, opts.capacity ?? 32, this.allocator);
    this.dict = new Utf8Bytes(this.allocator, 32);
  }

  protected appendValue(value: unknown): void {
    if (typeof value !== 'string') this.fail(value, 'expected a string');
    let code = this.lookup.get(value);
    if (code === undefined) {
      code = this.lookup.size;
      if (code === 2 ** 31 - 1) this.fail(value, 'the dictionary would pass 2^31 − 1 entries');
      if (!this.dict.push(value)) this.fail(value, 'the dictionary would pass 2 GiB of UTF-8');
      this.lookup.set(value, code);
      if (code === 256 || code === 65536) this.widen(code === 256 ? Uint16Array : Int32Array);
    }
    this.ensure();
    this.codes[this.length] = code;
  }

  protected appendEmpty(): void {
    this.ensure();
  }

  private widen(ctor: Uint16ArrayConstructor | Int32ArrayConstructor): void {
    const next = allocTyped(ctor, this.codes.length, this.allocator);
    next.set(this.codes.subarray(0, this.length));
    this.codes = next;
  }

  private ensure(): void {
    if (this.length >= this.codes.length) {
      this.codes = resizeTyped(this.codes, this.length, grownCapacity(this.codes.length, this.length + 1), this.allocator);
    }
  }

  finish(): Data {
    const n = this.length;
    const codes = this.codes.length === n ? this.codes : resizeTyped(this.codes, n, n, this.allocator);
    const { bytes, offsets } = this.dict.finish();
    const dictData = makeData({ type: new Utf8(), length: this.dict.count, nullCount: 0, data: bytes, valueOffsets: offsets } as never);
    const width = indexWidthFor(this.lookup.size);
    return makeData({
      type: toArrowType(this.dtype, arrowIndexType(width)),
      length: n,
      nullCount: this.nullCount,
      data: codes,
      nullBitmap: this.validity.finish(n),
      dictionary: new Vector([dictData]),
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

/**
 * A builder for `dtype`; `name` is used in error messages.
 * @example
 * ```ts
 * const b = makeBuilder(nullable(int32()), 'age');
 * b.append(31); b.append(null);
 * b.finish().length; // 2
 * ```
 */
export function makeBuilder(dtype: AnyDType, name: string, opts: BuilderOptions = {}): ColumnBuilder {
  switch (dtype.kind) {
    case 'bool':
      return new BoolBuilder(dtype, name, opts);
    case 'int64':
    case 'uint64':
    case 'timestamp':
      return new BigIntBuilder(dtype, name, opts);
    case 'utf8':
      return new Utf8Builder(dtype, name, opts);
    case 'categorical':
      return new CategoricalBuilder(dtype, name, opts);
    default:
      return new NumberBuilder(dtype, name, opts);
  }
}

/** Build a column's Data from JavaScript values, sizing buffers once from the values. */
export function buildData(values: ArrayLike<unknown>, dtype: AnyDType, name: string, opts: BuilderOptions = {}): Data {
  const sized: BuilderOptions = { ...opts, capacity: Math.max(values.length, 1) };
  if (dtype.kind === 'utf8') {
    // UTF-16 length is the UTF-8 length of ASCII text: exact for ASCII, grown once otherwise.
    let chars = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string') chars += v.length;
    }
    sized.byteCapacity = chars;
  }
  const b = makeBuilder(dtype, name, sized);
  for (let i = 0; i < values.length; i++) b.append(values[i]);
  return b.finish();
}
