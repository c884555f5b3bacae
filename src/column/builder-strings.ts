/** Builders of strings: plain UTF-8 (bytes + offsets) and dictionary-encoded categoricals. */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../dtype/arrow.js';
import { allocTyped, grownCapacity, resizeTyped, type Allocator } from '../util/alloc.js';
import { BaseBuilder, type BuilderOptions } from './builder-base.js';

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

  /**
   * Append bytes `[s, e)` of `src` (already UTF-8); returns false when the 2 GiB offset limit
   * would be passed.
   */
  pushBytes(src: Uint8Array, s: number, e: number): boolean {
    const end = this.offsets[this.count]!;
    const n = e - s;
    if (end + n > this.bytes.length) {
      if (end + n > MAX_UTF8_BYTES) return false;
      const cap = Math.min(grownCapacity(this.bytes.length, end + n), MAX_UTF8_BYTES);
      this.bytes = resizeTyped(this.bytes, end, cap, this.allocator);
    }
    const b = this.bytes;
    if (n <= 32) {
      for (let k = 0; k < n; k++) b[end + k] = src[s + k]!;
    } else {
      b.set(src.subarray(s, e), end);
    }
    this.pushOffset(end + n);
    return true;
  }

  /** Record an entry whose bytes the caller already wrote, ending at byte `end`. */
  pushEnd(end: number): void {
    this.pushOffset(end);
  }

  /** Keep only the first `count` entries. */
  truncate(count: number): void {
    this.count = Math.min(this.count, count);
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
export class Utf8Builder extends BaseBuilder {
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

  protected override truncateValues(n: number): void {
    this.buf.truncate(n);
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
export class CategoricalBuilder extends BaseBuilder {
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
