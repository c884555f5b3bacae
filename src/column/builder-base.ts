/**
 * The common machinery of column builders: the builder contract, a lazily allocated validity
 * bitmap, null handling and value errors, and builders over one typed values array.
 */
import { makeData, type Data } from 'apache-arrow';
import { InvalidValueError } from '../errors.js';
import { dtypeName, type AnyDType } from '../dtype/dtype.js';
import { toArrowType } from '../dtype/arrow.js';
import {
  allocTyped,
  grownCapacity,
  heapAllocator,
  resizeTyped,
  type Allocator,
  type AnyTypedArray,
  type TypedArrayConstructor,
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
  /** Expected items of a list column (all rows together), to size its child's buffers once. */
  itemCapacity?: number;
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
  /**
   * Append a slot that holds no value of its own: what a nested column puts in its children
   * under a null row (a struct's fields, a fixed-size list's items) or in the members a union
   * row does not select. The slot reads as a valid zero, empty string or empty list; it is
   * never read through the parent. Never fails, whatever the nullability.
   */
  appendPlaceholder(): void;
  /** The built column over exact-length buffers. The builder must not be used afterwards. */
  finish(): Data;
}

/** A lazily allocated validity bitmap: no bytes at all until the first null. */
export class ValidityBuilder {
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

  /** Forget rows `[n, length)`: their bits become valid again (for rolling back a row). */
  truncate(n: number, length: number): void {
    const bits = this.bits;
    if (bits === null) return;
    for (let i = n; i < length; i++) {
      if ((bits[i >> 3]! & (1 << (i & 7))) === 0) {
        bits[i >> 3]! |= 1 << (i & 7);
        this.nulls--;
      }
    }
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

/** Null handling, row counting and value errors shared by every builder. */
export abstract class BaseBuilder implements ColumnBuilder {
  length = 0;
  /** The reason a null is refused (a nested column words it for its children). */
  notNullable = 'the column is not nullable (declare it with nullable(...))';
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
    if (!this.dtype.nullable) this.fail(null, this.notNullable);
    this.appendEmpty();
    this.validity.setNull(this.length);
    this.length++;
  }

  appendPlaceholder(): void {
    this.appendEmpty();
    this.validity.setValid(this.length);
    this.length++;
  }

  /**
   * Forget rows `[n, length)` (a nested column undoing a value that failed part-way, a union
   * trying its members in turn): afterwards the builder is as it was with `n` rows.
   */
  truncate(n: number): void {
    if (n >= this.length) return;
    this.validity.truncate(n, this.length);
    this.truncateValues(n);
    this.length = n;
  }

  /** Drop what rows `[n, length)` stored beyond the values the next appends overwrite. */
  protected truncateValues(_n: number): void {}

  /** Store a non-null value at row `this.length`. */
  protected abstract appendValue(value: unknown): void;
  /** Store a placeholder for a null at row `this.length`. */
  protected abstract appendEmpty(): void;
  abstract finish(): Data;

  protected fail(value: unknown, reason: string): never {
    throw new InvalidValueError(value, this.name, this.length, dtypeName(this.dtype), reason);
  }

  /**
   * Rethrow an error of a child builder as an error of this builder's current row, with
   * `segment` (`field "x"`, `item 2`) in front of the child's path. Other errors pass through.
   */
  protected rethrow(e: unknown, segment: string): never {
    if (!(e instanceof InvalidValueError)) throw e;
    throw new InvalidValueError(e.value, this.name, this.length, e.dtype, e.reason, e.path === undefined ? segment : `${segment}, ${e.path}`);
  }

  protected get nullCount(): number {
    return this.validity.nulls;
  }
}

/**
 * A builder whose values live in one typed array, `stride` elements a row (a decimal128 is four
 * 32-bit words): grown by doubling, trimmed once at the end.
 */
export abstract class TypedValuesBuilder<T extends AnyTypedArray> extends BaseBuilder {
  protected values: T;
  /** Whether a typed array of the storage type holds values this dtype takes as they are. */
  protected bulk = false;

  constructor(
    dtype: AnyDType,
    name: string,
    opts: BuilderOptions,
    ctor: TypedArrayConstructor,
    protected readonly stride = 1,
  ) {
    super(dtype, name, opts);
    this.values = allocTyped(ctor, (opts.capacity ?? 32) * stride, this.allocator) as T;
  }

  protected appendEmpty(): void {
    this.ensure();
  }

  /** Make room for the value at row `this.length`. */
  protected ensure(): void {
    const end = (this.length + 1) * this.stride;
    if (end > this.values.length) {
      this.values = resizeTyped(this.values, this.length * this.stride, grownCapacity(this.values.length, end), this.allocator);
    }
  }

  /**
   * Append every element of `src` in one copy when it is a typed array of the storage type and
   * its elements are this dtype's values as they stand (a `Float64Array` into float64 items);
   * returns false, appending nothing, otherwise.
   */
  appendArray(src: unknown): boolean {
    if (!this.bulk || !ArrayBuffer.isView(src) || src.constructor !== this.values.constructor) return false;
    const arr = src as T;
    const n = arr.length;
    if (n === 0) return true;
    const end = this.length + n;
    if (end > this.values.length) this.values = resizeTyped(this.values, this.length, grownCapacity(this.values.length, end), this.allocator);
    (this.values as unknown as { set(a: ArrayLike<unknown>, at: number): void }).set(arr as unknown as ArrayLike<unknown>, this.length);
    this.validity.setValid(end - 1);
    this.length = end;
    return true;
  }

  finish(): Data {
    const n = this.length * this.stride;
    const values = this.values.length === n ? this.values : resizeTyped(this.values, n, n, this.allocator);
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.nullCount,
      data: values,
      nullBitmap: this.validity.finish(this.length),
    } as never);
  }
}

/** Columns of the null type: no buffers at all, every row null. */
export class NullBuilder extends BaseBuilder {
  protected appendValue(value: unknown): void {
    this.fail(value, 'a column of the null type holds only nulls');
  }

  protected appendEmpty(): void {}

  override appendNull(): void {
    this.length++;
  }

  override appendPlaceholder(): void {
    this.length++;
  }

  override truncate(n: number): void {
    if (n < this.length) this.length = n;
  }

  finish(): Data {
    return makeData({ type: toArrowType(this.dtype), length: this.length } as never);
  }
}
