/**
 * String sinks for the CSV reader: plain UTF-8 (bytes appended to one buffer plus offsets) and
 * dictionary-encoded (a hash table keyed on the field bytes, so no JS string is made per field).
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../../dtype/dtype.js';
import { dtypeOfKind } from '../../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../../dtype/arrow.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { allocTyped, grownCapacity, resizeTyped } from '../../util/alloc.js';
import { BaseSink, type Sink, type SinkOptions } from './sinks.js';
import { MAX_ADAPTIVE_CATEGORIES } from '../../ops/concat-columns.js';

/** Thrown by a string sink for bytes that are not UTF-8; `at` is the offending byte's index. */
export class InvalidUtf8 extends Error {
  constructor(readonly at: number) {
    super('invalid UTF-8');
  }
}

/** Index of the first byte of an invalid UTF-8 sequence in `[s, e)`, or -1. */
export function firstInvalidUtf8(b: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + n >= e) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k]!;
      if ((cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** Check `[s, e)` is UTF-8 (fast for ASCII). @throws InvalidUtf8 */
function checkUtf8(b: Uint8Array, s: number, e: number): void {
  for (let i = s; i < e; i++) {
    if (b[i]! >= 0x80) {
      const bad = firstInvalidUtf8(b, i, e);
      if (bad >= 0) throw new InvalidUtf8(bad);
      return;
    }
  }
}

/** Plain UTF-8 strings. */
export class Utf8Sink extends BaseSink implements Sink {
  readonly buf: Utf8Bytes;

  constructor(dtype: AnyDType, opts: SinkOptions, buf?: Utf8Bytes) {
    super(dtype, opts);
    const cap = Math.max(16, opts.capacity ?? 1024);
    this.buf = buf ?? new Utf8Bytes(this.allocator, cap, opts.byteCapacity || cap * 16);
  }

  protected reserve(): void {
    this.validity.setValid(this.length);
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    const buf = this.buf;
    const end = buf.offsets[buf.count]!;
    const n = e - s;
    if (n <= 64 && end + n <= buf.bytes.length) {
      // Copy and check for non-ASCII in one pass; validate only when a high byte was seen.
      const out = buf.bytes;
      let high = 0;
      for (let k = 0; k < n; k++) {
        const c = b[s + k]!;
        high |= c;
        out[end + k] = c;
      }
      if (high >= 0x80) checkUtf8(b, s, e);
      buf.pushEnd(end + n);
    } else {
      checkUtf8(b, s, e);
      if (!buf.pushBytes(b, s, e)) return false;
    }
    if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.length++;
    return true;
  }

  override appendNull(): boolean {
    if (!this.dtype.nullable) return false;
    this.buf.pushEmpty();
    this.validity.setNull(this.length);
    this.length++;
    return true;
  }

  override truncate(n: number): void {
    if (n >= this.length) return;
    this.buf.truncate(n);
    super.truncate(n);
  }

  finish(): Data {
    const { bytes, offsets } = this.buf.finish();
    return this.data(bytes, { valueOffsets: offsets });
  }
}

/** FNV-1a over bytes `[s, e)`. */
function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/** The most distinct values a categorical column inferred from a file keeps (uint16 indices). */
export const MAX_INFERRED_CATEGORIES = MAX_ADAPTIVE_CATEGORIES;
/** Rows after which an inferred categorical is checked for too many distinct values. */
export const CATEGORY_CHECK_ROWS = 10_000;

/**
 * Dictionary-encoded strings. Field bytes are looked up in an open-addressing hash table over the
 * dictionary's bytes; a new string is checked for UTF-8 once, when it enters the dictionary.
 * Codes start as uint8 and widen to uint16 / int32 as the dictionary grows.
 *
 * An inferred (adaptive) column stops fitting — so the reader turns it into plain utf8 — once it
 * has more than 65,536 distinct values, or more distinct values than half its non-null values
 * after 10,000 rows.
 */
export class DictSink extends BaseSink implements Sink {
  codes: Uint8Array | Uint16Array | Int32Array;
  readonly dict: Utf8Bytes;
  private hashes: Int32Array;
  /** For each dictionary entry, the row that added it (so a dropped row's new values go too). */
  private firstRows: Int32Array;
  private table: Int32Array;
  private mask: number;

  constructor(dtype: AnyDType, opts: SinkOptions) {
    super(dtype, opts);
    this.codes = allocTyped(Uint8Array, Math.max(16, opts.capacity ?? 1024), this.allocator);
    this.dict = new Utf8Bytes(this.allocator, 64, 1024);
    this.hashes = new Int32Array(64);
    this.firstRows = new Int32Array(64);
    this.table = new Int32Array(256);
    this.mask = 255;
  }

  /** Number of distinct values. */
  get size(): number {
    return this.dict.count;
  }

  protected reserve(): void {
    if (this.length >= this.codes.length) {
      this.codes = resizeTyped(this.codes, this.length, grownCapacity(this.codes.length, this.length + 1), this.allocator);
    }
    this.validity.setValid(this.length);
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    const h = hashBytes(b, s, e) | 0;
    const table = this.table;
    const mask = this.mask;
    const dict = this.dict;
    const offs = dict.offsets;
    const bytes = dict.bytes;
    let slot = h & mask;
    let code: number;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) {
        code = this.insert(b, s, e, h, slot);
        if (code < 0) return false;
        break;
      }
      const c = entry - 1;
      if (this.hashes[c] === h) {
        const ds = offs[c]!;
        const n = offs[c + 1]! - ds;
        if (n === e - s) {
          let k = 0;
          while (k < n && bytes[ds + k] === b[s + k]) k++;
          if (k === n) {
            code = c;
            break;
          }
        }
      }
      slot = (slot + 1) & mask;
    }
    if (this.length >= this.codes.length) this.reserve();
    else if (this.validity.bits !== null) this.validity.setValid(this.length);
    this.codes[this.length++] = code;
    if (this.inferred && (this.length & 8191) === 0 && this.length >= CATEGORY_CHECK_ROWS && this.tooManyValues()) {
      // Keep the value, but tell the reader this column is better stored as plain utf8.
      this.length--;
      return false;
    }
    return true;
  }

  /** Whether an inferred column has too many distinct values to stay categorical. */
  tooManyValues(): boolean {
    return this.dict.count * 2 > this.length - this.validity.nulls;
  }

  private insert(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    checkUtf8(b, s, e);
    const code = this.dict.count;
    if (this.inferred && code >= MAX_INFERRED_CATEGORIES) return -1;
    if (code === 2 ** 31 - 2 || !this.dict.pushBytes(b, s, e)) return -1;
    if (code >= this.hashes.length) {
      const next = new Int32Array(this.hashes.length * 2);
      next.set(this.hashes);
      this.hashes = next;
      const rows = new Int32Array(this.hashes.length);
      rows.set(this.firstRows);
      this.firstRows = rows;
    }
    this.hashes[code] = h;
    this.firstRows[code] = this.length;
    this.table[slot] = code + 1;
    if (code === 256 || code === 65536) this.widenCodes(code === 256 ? Uint16Array : Int32Array);
    if ((code + 1) * 2 > this.table.length) this.rehash();
    return code;
  }

  private widenCodes(ctor: Uint16ArrayConstructor | Int32ArrayConstructor): void {
    const next = allocTyped(ctor, this.codes.length, this.allocator);
    next.set(this.codes.subarray(0, this.length));
    this.codes = next;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let c = 0; c < this.dict.count; c++) {
      let slot = this.hashes[c]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = c + 1;
    }
    this.table = table;
    this.mask = mask;
  }

  override appendNull(): boolean {
    if (!this.dtype.nullable) return false;
    this.reserve();
    this.validity.setNull(this.length);
    this.length++;
    return true;
  }

  /**
   * Drop rows from `n` on, and the dictionary entries first added by them: the dictionary holds
   * only values of kept rows. Entries go newest first, which undoes their inserts in the
   * open-addressing table exactly (nothing inserted later probed past them).
   */
  override truncate(n: number): void {
    if (n >= this.length) return;
    let count = this.dict.count;
    while (count > 0 && this.firstRows[count - 1]! >= n) {
      const c = count - 1;
      let slot = this.hashes[c]! & this.mask;
      while (this.table[slot] !== c + 1) slot = (slot + 1) & this.mask;
      this.table[slot] = 0;
      count = c;
    }
    this.dict.truncate(count);
    super.truncate(n);
  }

  /** The same rows as plain utf8 (one pass over the codes). */
  toUtf8(): Utf8Sink {
    const n = this.length;
    const offs = this.dict.offsets;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const c = this.codes[i]!;
      total += offs[c + 1]! - offs[c]!;
    }
    const opts: SinkOptions = { allocator: this.allocator, capacity: Math.max(n * 2, 1024), inferred: this.inferred };
    const buf = new Utf8Bytes(this.allocator, Math.max(n * 2, 1024), Math.max(total * 2, 1024));
    const out = new Utf8Sink(dtypeOfKind('utf8', this.dtype.nullable), opts, buf);
    const bits = this.validity.bits;
    for (let i = 0; i < n; i++) {
      if (bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0) out.appendNull();
      else {
        const c = this.codes[i]!;
        out.buf.pushBytes(this.dict.bytes, offs[c]!, offs[c + 1]!);
        if (out.validity.bits !== null) out.validity.setValid(out.length);
        out.length++;
      }
    }
    return out;
  }

  finish(): Data {
    const n = this.length;
    const codes = this.codes.length === n ? this.codes : resizeTyped(this.codes, n, n, this.allocator);
    const { bytes, offsets } = this.dict.finish();
    const dictData = makeData({ type: new Utf8(), length: this.dict.count, nullCount: 0, data: bytes, valueOffsets: offsets } as never);
    return makeData({
      type: toArrowType(this.dtype, arrowIndexType(indexWidthFor(this.dict.count))),
      length: n,
      nullCount: this.validity.nulls,
      data: codes,
      nullBitmap: this.validity.finish(n),
      dictionary: new Vector([dictData]),
    } as never);
  }
}
