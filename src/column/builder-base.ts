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

/** A builder whose values live in one typed array: grown by doubling, trimmed once at the end. */
export abstract class TypedValuesBuilder<T extends AnyTypedArray> extends BaseBuilder {
  protected values: T;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions, ctor: TypedArrayConstructor) {
    super(dtype, name, opts);
    this.values = allocTyped(ctor, opts.capacity ?? 32, this.allocator) as T;
  }

  protected appendEmpty(): void {
    this.ensure();
  }

  /** Make room for the value at row `this.length`. */
  protected ensure(): void {
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
