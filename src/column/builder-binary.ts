/**
 * Builders of byte strings (binary, largeBinary, fixedSizeBinary) and of UTF-8 text with 64-bit
 * offsets (largeUtf8). Bytes come as a `Uint8Array` (a `Buffer` is one), an `ArrayBuffer` or a
 * `SharedArrayBuffer`; they are copied into the column's buffer.
 */
import { makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../dtype/dtype.js';
import { toArrowType } from '../dtype/arrow.js';
import { allocTyped, grownCapacity, resizeTyped } from '../util/alloc.js';
import { BaseBuilder, TypedValuesBuilder, type BuilderOptions } from './builder-base.js';

const encoder = new TextEncoder();
const MAX_32 = 2 ** 31 - 1;

/** The bytes of a binary value, or `undefined` when it is not one. */
export function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) return new Uint8Array(value);
  return undefined;
}

/** Variable-length bytes plus 32- or 64-bit offsets: binary, largeBinary and largeUtf8. */
export class VarBytesBuilder extends BaseBuilder {
  private bytes: Uint8Array;
  private offsets: Int32Array | BigInt64Array;
  /** Byte length so far (the last offset). */
  private end = 0;
  private readonly large: boolean;
  private readonly text: boolean;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts);
    this.large = dtype.kind !== 'binary';
    this.text = dtype.kind === 'largeUtf8';
    const cap = opts.capacity ?? 32;
    this.bytes = allocTyped(Uint8Array, Math.max(64, opts.byteCapacity ?? cap * 16), this.allocator);
    this.offsets = allocTyped(this.large ? BigInt64Array : Int32Array, cap + 1, this.allocator);
  }

  protected appendValue(value: unknown): void {
    if (this.text) {
      if (typeof value !== 'string') this.fail(value, 'expected a string');
      this.room(value.length * 3);
      this.end += encoder.encodeInto(value, this.bytes.subarray(this.end)).written;
    } else {
      const src = bytesOf(value);
      if (src === undefined) this.fail(value, 'expected bytes (a Uint8Array, Buffer or ArrayBuffer)');
      if (!this.large && this.end + src.length > MAX_32) this.fail(value, 'the column would pass 2 GiB of bytes (use largeBinary())');
      this.room(src.length);
      this.bytes.set(src, this.end);
      this.end += src.length;
    }
    this.pushOffset();
  }

  protected appendEmpty(): void {
    this.pushOffset();
  }

  protected override truncateValues(n: number): void {
    const o = this.offsets;
    this.end = this.large ? Number((o as BigInt64Array)[n]!) : (o as Int32Array)[n]!;
  }

  /** Make room for `n` more bytes. */
  private room(n: number): void {
    const need = this.end + n;
    if (need > this.bytes.length) this.bytes = resizeTyped(this.bytes, this.end, grownCapacity(this.bytes.length, need), this.allocator);
  }

  /** Record the end of row `this.length`. */
  private pushOffset(): void {
    const i = this.length + 1;
    if (i >= this.offsets.length) this.offsets = resizeTyped(this.offsets, i, grownCapacity(this.offsets.length, i + 1), this.allocator);
    if (this.large) (this.offsets as BigInt64Array)[i] = BigInt(this.end);
    else (this.offsets as Int32Array)[i] = this.end;
  }

  finish(): Data {
    const nb = this.end;
    const bytes = this.bytes.length === nb ? this.bytes : resizeTyped(this.bytes, nb, nb, this.allocator);
    const no = this.length + 1;
    const offsets = this.offsets.length === no ? this.offsets : resizeTyped(this.offsets, no, no, this.allocator);
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

/** Byte strings of exactly `size` bytes each. */
export class FixedSizeBinaryBuilder extends TypedValuesBuilder<Uint8Array> {
  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts, Uint8Array, dtype.size!);
  }

  protected appendValue(value: unknown): void {
    const src = bytesOf(value);
    if (src === undefined) this.fail(value, 'expected bytes (a Uint8Array, Buffer or ArrayBuffer)');
    if (src.length !== this.stride) this.fail(value, `holds ${src.length} bytes; each value is exactly ${this.stride}`);
    this.ensure();
    this.values.set(src, this.length * this.stride);
  }
}
