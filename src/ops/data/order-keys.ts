/**
 * Ordering and equality of the values of any column, for sort keys, group ids and min/max:
 *
 * - `orderWordsOf(c)`: for kinds with a numeric order, each row as one or more pairs of 32-bit
 *   order words, most significant first (unsigned order of the sequence = value order): the
 *   numeric, boolean, date and timestamp kinds through expr/exact.ts (one pair; every time unit
 *   exact, ns included), durations and 64-bit times (their signed counts), 32-bit times, float16
 *   (through float64: NaN greatest, −0 = 0), decimals (the unscaled integer: one pair up to 64
 *   bits, two for 128, four for 256).
 * - `bytesOf(c)`: binary, largeBinary, fixed-size binary and largeUtf8 rows as byte ranges, ordered
 *   bytewise (unsigned), a prefix first (UTF-8 bytes order as code points do).
 * - `rowBytes(data, dtype)`: for equality of any dtype (lists, structs, maps, unions, intervals …),
 *   each row as a canonical byte string: equal values ⇔ equal bytes (−0 = 0, one NaN, a
 *   categorical by its string, nulls at any depth as a tag).
 */
import { makeData, type Data } from 'apache-arrow';
import { Column } from '../../column/column.js';
import { decodeDictionary, float16ToNumber } from '../../column/readers.js';
import { dtypeOfKind, isNumericKind, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { InvalidArgumentError } from '../../errors.js';
import { orderWords, type OrderWords } from '../expr/exact.js';
import { childFields, hasLargeOffsets, isValidAt, layoutOf, validBits } from '../../column/layout.js';
import { unionChildIndex } from '../../column/layout.js';
import { decimalAt } from './decimal-words.js';

/** Words of signed 64-bit integers (two's complement, little-endian words), sign bit flipped. */
function signed64Words(words: Uint32Array, n: number, stride = 2, at = 0, flip = 0x80000000): OrderWords {
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = words[i * stride + at]!;
    hi[i] = (words[i * stride + at + 1]! ^ flip) >>> 0;
  }
  return { hi, lo };
}

/** Words of signed 32-bit integers. */
function int32Words(xs: Int32Array, n: number): OrderWords {
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) lo[i] = (xs[i]! ^ 0x80000000) >>> 0;
  return { hi: new Uint32Array(n), lo };
}

function wordsView(a: ArrayBufferView, n32: number): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, n32);
}

/** Whether `orderWordsOf` orders this dtype (kinds with a numeric order). */
export function hasOrderWords(d: AnyDType): boolean {
  switch (d.kind) {
    case 'bool':
    case 'date':
    case 'timestamp':
    case 'duration':
    case 'time':
    case 'float16':
    case 'decimal':
      return true;
    default:
      return isNumericKind(d.kind);
  }
}

/**
 * The order words of a column of a kind with a numeric order (see the module comment), most
 * significant pair first, or null for other kinds.
 * @example
 * ```ts
 * const x = DataFrame.fromColumns({ x: [1, -2] }, { schema: { x: int32() } }).getColumn('x');
 * const [w] = orderWordsOf(x)!;
 * w!.hi[0]! > w!.hi[1]!; // → true
 * orderWordsOf(DataFrame.fromColumns({ s: ['a'] }).getColumn('s')); // → null
 * ```
 */
export function orderWordsOf(c: Column): OrderWords[] | null {
  const d = c.dtype;
  const n = c.length;
  const values = c.data.values as ArrayBufferView;
  switch (d.kind) {
    case 'duration':
      return [signed64Words(wordsView(values, n * 2), n)];
    case 'time':
      return d.unit === 's' || d.unit === 'ms' ? [int32Words(values as Int32Array, n)] : [signed64Words(wordsView(values, n * 2), n)];
    case 'float16': {
      const h = values as Uint16Array;
      const f = new Float64Array(n);
      for (let i = 0; i < n; i++) f[i] = float16ToNumber(h[i]!);
      const dt = dtypeOfKind('float64', false);
      return [orderWords(new Column(c.name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: 0, data: f } as never)))];
    }
    case 'decimal': {
      const w = d.bitWidth! / 32;
      if (w === 1) return [int32Words(values as Int32Array, n)];
      const words = wordsView(values, n * w);
      // Most significant 64 bits signed, the rest unsigned.
      const out: OrderWords[] = [];
      for (let k = w - 2; k >= 0; k -= 2) out.push(signed64Words(words, n, w, k, k === w - 2 ? 0x80000000 : 0));
      return out;
    }
    default:
      return hasOrderWords(d) ? [orderWords(c)] : null;
  }
}

/** Byte ranges of binary rows: row `i` is `bytes[start(i) … end(i))`. */
export interface RowBytes {
  readonly bytes: Uint8Array;
  /** `offsets[i]` … `offsets[i + 1]`: the bytes of row `i` (numbers, whatever the column's offset width). */
  readonly offsets: Int32Array | Float64Array;
}

/** Whether `bytesOf` orders this dtype: binary kinds bytewise, largeUtf8 by its UTF-8 bytes (code point order). */
export function hasOrderedBytes(d: AnyDType): boolean {
  return d.kind === 'binary' || d.kind === 'largeBinary' || d.kind === 'fixedSizeBinary' || d.kind === 'largeUtf8';
}

/** The rows of a binary, largeBinary, fixed-size binary or largeUtf8 column as byte ranges. */
export function bytesOf(c: Column): RowBytes {
  const n = c.length;
  const bytes = c.data.values as Uint8Array;
  if (c.dtype.kind === 'fixedSizeBinary') {
    const w = c.dtype.size!;
    const offsets = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = i * w;
    return { bytes, offsets };
  }
  if (c.dtype.kind === 'largeBinary' || c.dtype.kind === 'largeUtf8') {
    const o = c.data.valueOffsets as unknown as BigInt64Array;
    return { bytes, offsets: Float64Array.from(o.subarray(0, n + 1), Number) };
  }
  return { bytes, offsets: c.data.valueOffsets as Int32Array };
}

/**
 * Bytewise (unsigned) three-way comparison of rows `a` and `b`.
 * @example
 * ```ts
 * const r = { bytes: Uint8Array.of(1, 2, 1), offsets: Int32Array.of(0, 2, 3) };
 * compareRowBytes(r, 0, 1); // → 1
 * ```
 */
export function compareRowBytes(r: RowBytes, a: number, b: number): number {
  const { bytes, offsets } = r;
  const sa = offsets[a]!;
  const sb = offsets[b]!;
  const la = offsets[a + 1]! - sa;
  const lb = offsets[b + 1]! - sb;
  const m = Math.min(la, lb);
  for (let k = 0; k < m; k++) {
    const x = bytes[sa + k]!;
    const y = bytes[sb + k]!;
    if (x !== y) return x - y;
  }
  return la - lb;
}

/** A growable byte buffer. */
class Bytes {
  buf = new Uint8Array(1024);
  len = 0;
  private readonly view = new DataView(new ArrayBuffer(8));
  private readonly scratch = new Uint8Array(this.view.buffer);
  reserve(k: number): void {
    if (this.len + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + k) size *= 2;
    if (size > 2 ** 31 - 1) throw new InvalidArgumentError('The rows compared hold more than 2 GiB of values', size);
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }
  u32(x: number): void {
    this.reserve(4);
    this.view.setUint32(0, x, true);
    this.buf.set(this.scratch.subarray(0, 4), this.len);
    this.len += 4;
  }
  f64(x: number): void {
    this.reserve(8);
    // One NaN, −0 as 0.
    this.view.setFloat64(0, x !== x ? NaN : x === 0 ? 0 : x, true);
    this.buf.set(this.scratch, this.len);
    this.len += 8;
  }
  range(src: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    this.buf.set(src.subarray(start, end), this.len);
    this.len += end - start;
  }
}

const utf8 = new TextEncoder();

/** Appends the canonical bytes of row `i` (valid) to `out`. */
type Writer = (out: Bytes, i: number) => void;

/** Appends a validity tag and, for a valid row, its value. */
function nullableWriter(data: Data, dtype: AnyDType): Writer {
  const write = valueWriter(data, dtype);
  if (dtype.kind === 'union' || dtype.kind === 'null') return write;
  const bits = validBits(data);
  const off = data.offset;
  return (out, i) => {
    if (!isValidAt(bits, off, i)) return out.byte(0);
    out.byte(1);
    write(out, i);
  };
}

function valueWriter(data: Data, dtype: AnyDType): Writer {
  const values = data.values as ArrayBufferView;
  switch (dtype.kind) {
    case 'null':
      return (out) => out.byte(0);
    case 'bool': {
      const bits = data.values as Uint8Array;
      const off = data.offset;
      return (out, i) => out.byte(isValidAt(bits, off, i) ? 1 : 0);
    }
    case 'float32':
    case 'float64': {
      const xs = values as Float64Array;
      return (out, i) => out.f64(xs[i]!);
    }
    case 'float16': {
      const h = values as Uint16Array;
      return (out, i) => out.f64(float16ToNumber(h[i]!));
    }
    case 'categorical': {
      const dict = data.dictionary === undefined ? [] : decodeDictionary(data.dictionary).map((s) => utf8.encode(s));
      const codes = values as Uint8Array;
      return (out, i) => {
        const s = dict[codes[i]!]!;
        out.u32(s.length);
        out.range(s, 0, s.length);
      };
    }
    case 'union': {
      const ids = data.typeIds as Int8Array;
      const childOf = unionChildIndex(dtype);
      const kids = childFields(dtype).map((f, k) => nullableWriter(data.children[k]!, f.dtype));
      const offs = dtype.mode === 'dense' ? (data.valueOffsets as Int32Array) : null;
      // A null of any child is the union's null: one tag for all of them.
      const valid = data.children.map((c, k) => (childFields(dtype)[k]!.dtype.kind === 'null' ? null : validBits(c)));
      return (out, i) => {
        const k = childOf[ids[i]!]!;
        const j = offs === null ? i : offs[i]!;
        const child = data.children[k]!;
        if (childFields(dtype)[k]!.dtype.kind === 'null' || !isValidAt(valid[k]!, child.offset, j)) return out.byte(0);
        out.byte(1);
        out.byte(ids[i]! & 0xff);
        kids[k]!(out, j);
      };
    }
    default:
      break;
  }
  switch (layoutOf(dtype)) {
    case 'binary': {
      const bytes = data.values as Uint8Array;
      const large = hasLargeOffsets(dtype);
      const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
      const at = large ? (i: number) => Number(offs[i] as bigint) : (i: number) => offs[i] as number;
      return (out, i) => {
        const s = at(i);
        const e = at(i + 1);
        out.u32(e - s);
        out.range(bytes, s, e);
      };
    }
    case 'list': {
      const large = hasLargeOffsets(dtype);
      const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
      const at = large ? (i: number) => Number(offs[i] as bigint) : (i: number) => offs[i] as number;
      const item = nullableWriter(data.children[0]!, childFields(dtype)[0]!.dtype);
      return (out, i) => {
        const s = at(i);
        const e = at(i + 1);
        out.u32(e - s);
        for (let j = s; j < e; j++) item(out, j);
      };
    }
    case 'fixedList': {
      const size = dtype.size!;
      const item = nullableWriter(data.children[0]!, childFields(dtype)[0]!.dtype);
      return (out, i) => {
        for (let j = i * size; j < i * size + size; j++) item(out, j);
      };
    }
    case 'struct': {
      const fields = childFields(dtype).map((f, k) => nullableWriter(data.children[k]!, f.dtype));
      return (out, i) => {
        for (const f of fields) f(out, i);
      };
    }
    default: {
      // Fixed width: the stored bytes (integers, temporal counts, decimals of one scale, intervals).
      const v = values as Uint8Array;
      const w = (v.BYTES_PER_ELEMENT ?? 1) * data.stride;
      const raw = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      return (out, i) => out.range(raw, i * w, i * w + w);
    }
  }
}

/**
 * Each row of `data` as a canonical byte string (see the module comment): equal values ⇔ equal
 * bytes. A null row is the single byte 0.
 * @throws InvalidArgumentError when the rows pass 2 GiB of bytes.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ x: [0, -0, NaN, NaN] }).getColumn('x');
 * const r = rowBytes(c.data, c.dtype);
 * [compareRowBytes(r, 0, 1), compareRowBytes(r, 2, 3)]; // → [ 0, 0 ]
 * ```
 */
export function rowBytes(data: Data, dtype: AnyDType): RowBytes {
  const n = data.length;
  const write = nullableWriter(data, dtype);
  const out = new Bytes();
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    write(out, i);
    offsets[i + 1] = out.len;
  }
  return { bytes: out.buf.subarray(0, out.len), offsets };
}

/** Decimal rows as the decimal text of their unscaled values at `scale` (exact at any width). */
function decimalBytes(c: Column, scale: number): RowBytes {
  const n = c.length;
  const stride = c.dtype.bitWidth! / 32;
  const words = wordsView(c.data.values as ArrayBufferView, n * stride);
  const factor = 10n ** BigInt(scale - c.dtype.scale!);
  const out = new Bytes();
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const text = utf8.encode(String(decimalAt(words, i, stride, c.dtype.bitWidth!) * factor));
    out.range(text, 0, text.length);
    offsets[i + 1] = out.len;
  }
  return { bytes: out.buf.subarray(0, out.len), offsets };
}

/**
 * Rows of two columns of one key family as byte strings in one encoding, so equal values (on
 * either side) are equal bytes: binary kinds by their bytes; decimals by their value (at the larger
 * scale, whatever their widths); any other dtype by its canonical row bytes ({@link rowBytes}).
 * Null rows are what they are: the caller sets them apart.
 * @example
 * ```ts
 * const a = DataFrame.fromColumns({ x: ['ab'] }).getColumn('x');
 * const [ra] = equalityBytesOf(a, a);
 * Array.from(ra.bytes); // → [ 1, 2, 0, 0, 0, 97, 98 ]
 * ```
 */
export function equalityBytesOf(a: Column, b: Column): [RowBytes, RowBytes] {
  if (hasOrderedBytes(a.dtype) && a.dtype.kind !== 'largeUtf8') return [bytesOf(a), bytesOf(b)];
  if (a.dtype.kind === 'decimal' && (a.dtype.scale !== b.dtype.scale || a.dtype.bitWidth !== b.dtype.bitWidth)) {
    const scale = Math.max(a.dtype.scale!, b.dtype.scale!);
    return [decimalBytes(a, scale), decimalBytes(b, scale)];
  }
  return [rowBytes(a.data, a.dtype), rowBytes(b.data, b.dtype)];
}

/**
 * The row of the least (or, with `max`, greatest) non-null value of each group, −1 for a group
 * with none: for kinds with order words ({@link orderWordsOf}) and ordered bytes ({@link bytesOf}).
 * Ties keep the first row.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ b: ['b', 'a', 'c'] }, { schema: { b: largeUtf8() } }).getColumn('b');
 * Array.from(extremeRowsOf(c, Int32Array.of(0, 0, 1), 2, null, false)); // → [ 1, 2 ]
 * ```
 */
export function extremeRowsOf(c: Column, ids: Int32Array, groups: number, valid: Uint8Array | null, max: boolean): Int32Array {
  const words = orderWordsOf(c);
  const bytes = words === null ? bytesOf(c) : null;
  const cmp = (a: number, b: number): number => {
    if (bytes !== null) return compareRowBytes(bytes, a, b);
    for (const w of words!) {
      if (w.hi[a] !== w.hi[b]) return w.hi[a]! < w.hi[b]! ? -1 : 1;
      if (w.lo[a] !== w.lo[b]) return w.lo[a]! < w.lo[b]! ? -1 : 1;
    }
    return 0;
  };
  const best = new Int32Array(groups).fill(-1);
  for (let i = 0; i < c.length; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const g = ids[i]!;
    const b = best[g]!;
    if (b < 0 || (max ? cmp(i, b) > 0 : cmp(i, b) < 0)) best[g] = i;
  }
  return best;
}
