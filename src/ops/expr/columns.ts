/**
 * Operands and result columns of the string, date-time and conditional kernels: strings as UTF-8
 * bytes, categoricals as codes plus a dictionary, timestamps as milliseconds read and written as
 * 32-bit words (no bigint per value).
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { Int64RangeError } from '../../errors.js';
import { heapAllocator } from '../../util/alloc.js';
import { nullsIn, validityOf } from './values.js';

/** Whether typed arrays are little-endian here (the low word of an int64 comes first). */
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE ? 0 : 1;
const HI = 1 - LO;
const TWO_32 = 4294967296;
const HI_LIMIT = 0x200000; // |hi| < 2^21 ⇔ the value is within ±2^53

/**
 * Whether bit `i` of `bits` is clear (a null), with `null` meaning all valid.
 * @example
 * ```ts
 * isNullBit(new Uint8Array([0b101]), 1); // → true
 * isNullBit(null, 1);                    // → false
 * ```
 */
export function isNullBit(bits: Uint8Array | null, i: number): boolean {
  return bits !== null && (bits[i >> 3]! & (1 << (i & 7))) === 0;
}

/**
 * A timestamp column's milliseconds as numbers from row 0 (null rows read as 0).
 * @throws Int64RangeError for a non-null value outside ±2^53 ms.
 * @example
 * ```ts
 * millisOf(DataFrame.fromColumns({ t: [new Date(-1)] }).getColumn('t')); // → Float64Array(1) [ -1 ]
 * ```
 */
export function millisOf(c: Column): Float64Array {
  const big = c.data.values as BigInt64Array;
  const n = c.length;
  const words = new Int32Array(big.buffer, big.byteOffset, n * 2);
  const valid = validityOf(c);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + HI]!;
    // Number(big[i]), without a bigint per value.
    if (hi >= HI_LIMIT || hi < -HI_LIMIT) {
      if (isNullBit(valid, i)) continue;
      throw new Int64RangeError(big[i]!, c.name, i);
    }
    out[i] = hi * TWO_32 + (words[2 * i + LO]! >>> 0);
  }
  return out;
}

/**
 * A timestamp column (`dtype` gives the time zone) from integral milliseconds.
 * @example
 * ```ts
 * timestampColumn('t', timestamp(), new Float64Array([0]), null).get(0); // → 1970-01-01T00:00:00.000Z
 * ```
 */
export function timestampColumn(name: string, dtype: AnyDType, ms: Float64Array, validity: Uint8Array | null): Column {
  const n = ms.length;
  const big = new BigInt64Array(n);
  const words = new Int32Array(big.buffer);
  for (let i = 0; i < n; i++) {
    // big[i] = BigInt(ms[i]), as two words.
    const x = ms[i]!;
    const hi = Math.floor(x / TWO_32);
    words[2 * i + HI] = hi;
    words[2 * i + LO] = x - hi * TWO_32;
  }
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind('timestamp', nulls > 0, { timezone: dtype.timezone ?? null });
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: big, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}

/**
 * A fresh UTF-8 buffer sized for about `bytes` bytes of `n` strings.
 * @example
 * ```ts
 * const buf = utf8Bytes(2, 16);
 * buf.push('a');
 * buf.pushEmpty();
 * utf8Column('s', buf, null).toArray(); // → [ 'a', '' ]
 * ```
 */
export function utf8Bytes(n: number, bytes: number): Utf8Bytes {
  return new Utf8Bytes(heapAllocator, Math.max(1, n), Math.max(64, bytes));
}

/**
 * A utf8 column from bytes appended row by row (null rows appended empty).
 * @example
 * ```ts
 * const buf = utf8Bytes(2, 16); buf.push('a'); buf.pushEmpty();
 * utf8Column('s', buf, new Uint8Array([0b01])).toArray(); // → [ 'a', null ]
 * ```
 */
export function utf8Column(name: string, buf: Utf8Bytes, validity: Uint8Array | null): Column {
  const n = buf.count;
  const { bytes, offsets } = buf.finish();
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind('utf8', nulls > 0);
  const data: Data = makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: bytes, valueOffsets: offsets, nullBitmap: nulls > 0 ? validity! : undefined } as never);
  return new Column(name, dt, data);
}

/**
 * A categorical column from codes into `dict` (distinct strings). The codes are copied into an
 * index array as wide as the dictionary needs (uint8, uint16 or int32).
 * @example
 * ```ts
 * categoricalColumn('c', [1, 0, 1], ['x', 'y'], null).toArray(); // → [ 'y', 'x', 'y' ]
 * ```
 */
export function categoricalColumn(name: string, codes: ArrayLike<number>, dict: readonly string[], validity: Uint8Array | null): Column {
  const n = codes.length;
  const width = indexWidthFor(dict.length);
  const index = width === 'uint8' ? new Uint8Array(n) : width === 'uint16' ? new Uint16Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = codes[i]!;
  const words = utf8Bytes(dict.length, dict.length * 8);
  for (const s of dict) words.push(s);
  const { bytes, offsets } = words.finish();
  const dictData = makeData({ type: new Utf8(), length: dict.length, nullCount: 0, data: bytes, valueOffsets: offsets } as never);
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind('categorical', nulls > 0);
  const data: Data = makeData({
    type: toArrowType(dt, arrowIndexType(width)),
    length: n,
    nullCount: nulls,
    data: index,
    nullBitmap: nulls > 0 ? validity! : undefined,
    dictionary: new Vector([dictData]),
  } as never);
  return new Column(name, dt, data);
}

/**
 * Strings interned in first-seen order: a dictionary being built.
 * @example
 * ```ts
 * const d = new Interner(); d.code('b'); d.code('a'); d.code('b');
 * d.strings; // → [ 'b', 'a' ]
 * ```
 */
export class Interner {
  /** The distinct strings, by code. */
  readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();

  /**
   * The code of `s`, adding it when new.
   * @example
   * ```ts
   * new Interner().code('x'); // → 0
   * ```
   */
  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(s);
      this.codes.set(s, c);
    }
    return c;
  }
}
