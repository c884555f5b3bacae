/**
 * Column sinks for the declared-only dtypes of the text readers (never inferred): exact decimals,
 * times of day, large strings, bytes (base64 text), and the null type. Each takes a field's bytes like the sinks in
 * `sinks.ts` and returns false when the text does not fit.
 */
import { makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import type { TimeUnit } from '../../dtype/values.js';
import { allocTyped, grownCapacity, resizeTyped } from '../../util/alloc.js';
import { BaseSink, type Sink, type SinkOptions } from './sinks.js';
import { Utf8Sink } from './string-sinks.js';

const ZERO = 48;
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Decimals of a declared `decimal(p, s)`, read exactly from their text: `-12.34`, `+5`, `.5`,
 * `1.5e3`. The digits are taken as an integer (through a number while at most 15 of them, else
 * a bigint; never through a float), scaled to the column's scale. A text with more fraction
 * digits than the scale holds (other than trailing zeros), or with more than `p` digits, does
 * not fit.
 */
export class DecimalSink extends BaseSink implements Sink {
  words: Uint32Array;
  private readonly stride: number;
  private readonly scale: number;
  private readonly precision: number;
  private readonly max: bigint;

  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts);
    this.stride = dtype.bitWidth! / 32;
    this.scale = dtype.scale!;
    this.precision = dtype.precision!;
    this.max = 10n ** BigInt(this.precision);
    this.words = allocTyped(Uint32Array, Math.max(16, opts.capacity ?? 1024) * this.stride, this.allocator);
  }

  protected reserve(): void {
    const need = (this.length + 1) * this.stride;
    if (need > this.words.length) {
      this.words = resizeTyped(this.words, this.length * this.stride, grownCapacity(this.words.length, need), this.allocator);
    }
    this.validity.setValid(this.length);
  }

  override appendNull(): boolean {
    if (!this.dtype.nullable) return false;
    this.reserve();
    this.words.fill(0, this.length * this.stride, (this.length + 1) * this.stride);
    this.validity.setNull(this.length);
    this.length++;
    return true;
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    // Sign, integer digits, fraction digits and an exponent, read once.
    let i = s;
    const neg = b[i] === 45;
    if (neg || b[i] === 43) i++;
    const intStart = i;
    while (i < e && b[i]! >= ZERO && b[i]! <= 57) i++;
    const intEnd = i;
    let fracStart = i;
    let fracEnd = i;
    if (i < e && b[i] === 46) {
      fracStart = ++i;
      while (i < e && b[i]! >= ZERO && b[i]! <= 57) i++;
      fracEnd = i;
    }
    if (intEnd === intStart && fracEnd === fracStart) return false;
    let exp = 0;
    if (i < e && (b[i] === 101 || b[i] === 69)) {
      i++;
      const eneg = b[i] === 45;
      if (eneg || b[i] === 43) i++;
      const d0 = i;
      while (i < e && b[i]! >= ZERO && b[i]! <= 57 && i - d0 < 6) exp = exp * 10 + b[i++]! - ZERO;
      if (i === d0) return false;
      if (eneg) exp = -exp;
    }
    if (i !== e) return false;
    // The value is digits × 10^(exp − fraction digits); the unscaled integer shifts that by the scale.
    let shift = this.scale + exp - (fracEnd - fracStart);
    // Trailing zeros that the scale cannot hold are dropped (nothing is lost).
    let lastDigit = fracEnd > fracStart ? fracEnd : intEnd;
    const firstDigit = intStart;
    while (shift < 0 && lastDigit > firstDigit) {
      const k = lastDigit - 1;
      const c = b[k] === 46 ? -1 : b[k]!;
      if (c === -1) {
        lastDigit--;
        continue;
      }
      if (c !== ZERO) return false; // a digit the scale cannot hold
      lastDigit--;
      shift++;
    }
    if (shift < 0) shift = 0; // only zeros were left
    // Count significant digits (leading zeros do not count).
    let digits = 0;
    let v = 0;
    let big: bigint | undefined;
    for (let k = firstDigit; k < lastDigit; k++) {
      const c = b[k]!;
      if (c === 46) continue;
      const d = c - ZERO;
      if (digits === 0 && d === 0) continue;
      digits++;
      if (big === undefined) {
        v = v * 10 + d;
        if (digits === 15) {
          big = BigInt(v);
          v = 0;
        }
      } else big = big * 10n + BigInt(d);
    }
    if (digits === 0) {
      this.putNumber(0);
      return true;
    }
    if (digits + shift > this.precision) return false;
    if (big === undefined && digits + shift <= 15) {
      this.putNumber(neg ? -v * POW10[shift]! : v * POW10[shift]!);
      return true;
    }
    let u = (big ?? BigInt(v)) * 10n ** BigInt(shift);
    if (u >= this.max) return false;
    if (neg) u = -u;
    this.putBig(u);
    return true;
  }

  /** Write a safe integer as `stride` little-endian words (sign-extended). */
  private putNumber(x: number): void {
    if ((this.length + 1) * this.stride > this.words.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    const w = this.length * this.stride;
    const lo = x >>> 0;
    const hi = Math.floor(x / 4294967296);
    this.words[w] = lo;
    if (this.stride > 1) {
      this.words[w + 1] = hi >>> 0;
      const ext = x < 0 ? 0xffffffff : 0;
      for (let k = 2; k < this.stride; k++) this.words[w + k] = ext;
    }
    this.length++;
  }

  private putBig(u: bigint): void {
    if ((this.length + 1) * this.stride > this.words.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    const w = this.length * this.stride;
    let x = BigInt.asUintN(this.stride * 32, u);
    for (let k = 0; k < this.stride; k++) {
      this.words[w + k] = Number(x & 0xffffffffn);
      x >>= 32n;
    }
    this.length++;
  }

  finish(): Data {
    const n = this.length * this.stride;
    const words = this.words.length === n ? this.words : resizeTyped(this.words, n, n, this.allocator);
    return this.data(words);
  }
}

const PER_SECOND: Readonly<Record<TimeUnit, number>> = { s: 1, ms: 1000, us: 1_000_000, ns: 1_000_000_000 };

/** Two ASCII digits at `i`, or -1. */
function two(b: Uint8Array, i: number): number {
  const a = b[i]! - ZERO;
  const c = b[i + 1]! - ZERO;
  return a < 0 || a > 9 || c < 0 || c > 9 ? -1 : a * 10 + c;
}

/**
 * Times of day `HH:MM[:SS[.f…]]` (hours 00–23; up to nine fraction digits, beyond the unit only
 * zeros) as counts of the declared unit since midnight: 32-bit for `s` / `ms`, 64-bit for `us` /
 * `ns`, as Arrow's Time32 / Time64 store them.
 */
export class TimeSink extends BaseSink implements Sink {
  values: Int32Array | BigInt64Array;
  private readonly unit: TimeUnit;
  private readonly wide: boolean;

  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts);
    this.unit = (dtype.unit ?? 'ms') as TimeUnit;
    this.wide = this.unit === 'us' || this.unit === 'ns';
    this.values = allocTyped(this.wide ? BigInt64Array : Int32Array, Math.max(16, opts.capacity ?? 1024), this.allocator);
  }

  protected reserve(): void {
    if (this.length >= this.values.length) {
      this.values = resizeTyped(this.values, this.length, grownCapacity(this.values.length, this.length + 1), this.allocator);
    }
    this.validity.setValid(this.length);
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    if (e - s < 5 || b[s + 2] !== 58) return false;
    const h = two(b, s);
    const m = two(b, s + 3);
    if (h < 0 || h > 23 || m < 0 || m > 59) return false;
    let i = s + 5;
    let sec = 0;
    let frac = 0; // nanoseconds
    if (i < e) {
      if (b[i] !== 58 || i + 3 > e) return false;
      sec = two(b, i + 1);
      if (sec < 0 || sec > 59) return false;
      i += 3;
      if (i < e) {
        if (b[i] !== 46 || i + 1 === e) return false;
        i++;
        let k = 0;
        for (; i < e; i++, k++) {
          const d = b[i]! - ZERO;
          if (d < 0 || d > 9) return false;
          if (k < 9) frac = frac * 10 + d;
          else if (d !== 0) return false;
        }
        for (; k < 9; k++) frac *= 10;
      }
    }
    const per = PER_SECOND[this.unit];
    const nsPer = 1_000_000_000 / per;
    if (frac % nsPer !== 0) return false; // a digit the unit cannot hold
    const whole = (h * 3600 + m * 60 + sec) * per + frac / nsPer;
    if (this.length >= this.values.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    // At most 86,400 × 10^9 nanoseconds: exact as a number.
    if (this.wide) (this.values as BigInt64Array)[this.length++] = BigInt(whole);
    else (this.values as Int32Array)[this.length++] = whole;
    return true;
  }

  finish(): Data {
    const v = this.values.length === this.length ? this.values : resizeTyped(this.values, this.length, this.length, this.allocator);
    return this.data(v);
  }
}

/** Strings with 64-bit offsets (Arrow's LargeUtf8): read as utf8, the offsets widened at the end. */
export class LargeUtf8Sink extends Utf8Sink {
  override finish(): Data {
    const { bytes, offsets } = this.buf.finish();
    const wide = allocTyped(BigInt64Array, offsets.length, this.allocator);
    for (let i = 0; i < offsets.length; i++) wide[i] = BigInt(offsets[i]!);
    return this.data(bytes, { valueOffsets: wide });
  }
}

/** The null type: every value is null, nothing else fits; no buffers. */
export class NullSink extends BaseSink implements Sink {
  protected reserve(): void {}

  append(): boolean {
    return false;
  }

  override appendNull(): boolean {
    this.length++;
    return true;
  }

  override truncate(n: number): void {
    if (n < this.length) this.length = n;
  }

  finish(): Data {
    return makeData({ type: toArrowType(this.dtype), length: this.length } as never);
  }
}

/** Base64 character → its 6 bits, or 255. */
const B64 = new Uint8Array(256).fill(255);
for (let k = 0; k < 64; k++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(k)] = k;

/**
 * Bytes (`binary`, `largeBinary`, `fixedSizeBinary(n)`) from their base64 text, as the writers
 * spell them: the standard alphabet, padded with `=` to a multiple of four characters. Text that
 * is not base64 (or, for a fixed size, decodes to another length) does not fit.
 */
export class BinarySink extends BaseSink implements Sink {
  bytes: Uint8Array;
  offsets: Int32Array;
  private end = 0;
  private readonly size: number;

  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts);
    this.size = dtype.kind === 'fixedSizeBinary' ? dtype.size! : -1;
    const cap = Math.max(16, opts.capacity ?? 1024);
    this.bytes = allocTyped(Uint8Array, Math.max(64, opts.byteCapacity ?? cap * 8), this.allocator);
    this.offsets = allocTyped(Int32Array, cap + 1, this.allocator);
  }

  protected reserve(): void {
    if (this.length + 1 >= this.offsets.length) {
      this.offsets = resizeTyped(this.offsets, this.length + 1, grownCapacity(this.offsets.length, this.length + 2), this.allocator);
    }
    this.validity.setValid(this.length);
  }

  private room(n: number): void {
    if (this.end + n > this.bytes.length) this.bytes = resizeTyped(this.bytes, this.end, grownCapacity(this.bytes.length, this.end + n), this.allocator);
  }

  override appendNull(): boolean {
    if (!this.dtype.nullable) return false;
    this.reserve();
    if (this.size > 0) {
      this.room(this.size);
      this.bytes.fill(0, this.end, this.end + this.size);
      this.end += this.size;
    }
    this.validity.setNull(this.length);
    this.length++;
    this.offsets[this.length] = this.end;
    return true;
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    if (n % 4 !== 0) return false;
    let pad = 0;
    if (n > 0 && b[e - 1] === 61) pad = b[e - 2] === 61 ? 2 : 1;
    const out = (n / 4) * 3 - pad;
    if (this.size >= 0 && out !== this.size) return false;
    this.room(out);
    const o = this.bytes;
    let p = this.end;
    for (let i = s; i < e; i += 4) {
      const last = i + 4 === e;
      const a = B64[b[i]!]!;
      const c = B64[b[i + 1]!]!;
      const d = last && pad === 2 ? 0 : B64[b[i + 2]!]!;
      const f = last && pad >= 1 ? 0 : B64[b[i + 3]!]!;
      if ((a | c | d | f) === 255) return false;
      o[p++] = (a << 2) | (c >> 4);
      if (!(last && pad === 2)) o[p++] = ((c & 15) << 4) | (d >> 2);
      if (!(last && pad >= 1)) o[p++] = ((d & 3) << 6) | f;
    }
    if (this.length + 1 >= this.offsets.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.end = p;
    this.length++;
    this.offsets[this.length] = p;
    return true;
  }

  override truncate(n: number): void {
    if (n >= this.length) return;
    this.end = this.offsets[n]!;
    super.truncate(n);
  }

  finish(): Data {
    const bytes = this.bytes.length === this.end ? this.bytes : resizeTyped(this.bytes, this.end, this.end, this.allocator);
    if (this.size >= 0) return this.data(bytes);
    const offs = this.offsets.subarray(0, this.length + 1);
    const valueOffsets = this.dtype.kind === 'largeBinary' ? BigInt64Array.from(offs, (x) => BigInt(x)) : resizeTyped(this.offsets, this.length + 1, this.length + 1, this.allocator);
    return this.data(bytes, { valueOffsets });
  }
}
