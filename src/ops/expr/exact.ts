/**
 * Exact views of numeric and temporal columns, the one path every verb takes for comparing,
 * ordering, hashing and summing values — 64-bit integers included, beyond 2^53.
 *
 * - `fitsDoubles(c)`: whether every value is exactly a JavaScript number (always for 8–32-bit
 *   integers, floats and dates; for 64-bit integers and timestamps when every non-null value lies
 *   within [−2^53, 2^53), checked once per column on its 32-bit words and remembered).
 * - `orderWords(c)`: each row as two 32-bit words whose unsigned order (hi, then lo) is the values'
 *   order: a total order where NaN is one value greater than +Infinity and −0 equals 0. Equal
 *   words ⇔ equal values, so the words also serve as hash keys.
 * - `exactAt(c)`: per-row values as `number`, or `bigint` beyond ±2^53 (for the rare mixed paths);
 *   JavaScript compares a bigint with a number exactly.
 * - `doublesOf(c)`: values as doubles, 64-bit integers rounded to the nearest double — only for
 *   results that are floats anyway (mean, std, median …).
 */
import { makeData } from 'apache-arrow';
import { Column } from '../../column/column.js';
import { dtypeOfKind, type AnyDType, type DTypeKind } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { nullsIn, validityOf } from './values.js';

const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of the low / high 32-bit word of element `i` of a 64-bit array viewed as 32-bit words. */
export const LO = LITTLE ? 0 : 1;
export const HI = 1 - LO;
const TWO_32 = 4294967296;
const MS_PER_DAY = 86_400_000;
/** |hi| < 2^21 (as a signed word) ⇔ the int64 lies within ±2^53. */
const HI_SAFE = 0x200000;

/** Whether a kind is stored as 64-bit integers (int64, uint64, timestamps and durations of any unit). */
export function isWideKind(kind: DTypeKind): boolean {
  return kind === 'int64' || kind === 'uint64' || kind === 'timestamp' || kind === 'duration';
}

/** Whether a kind holds integers (any width). */
export function isIntegerKind(kind: DTypeKind): boolean {
  return kind.startsWith('int') || kind.startsWith('uint');
}

/** A 64-bit column's values as 32-bit words (element `i` at `2i + LO`, `2i + HI`). */
export function wordsOf(c: Column): Uint32Array {
  const v = c.data.values as BigInt64Array;
  return new Uint32Array(v.buffer, v.byteOffset, c.length * 2);
}

const safeCache = new WeakMap<object, boolean>();

/**
 * Whether every value of `c` is exactly a JavaScript number (see the module comment).
 * @example
 * ```ts
 * fitsDoubles(DataFrame.fromColumns({ id: [1n, 2n ** 60n] }).getColumn('id')); // → false
 * ```
 */
export function fitsDoubles(c: Column): boolean {
  if (!isWideKind(c.dtype.kind)) return true;
  const known = safeCache.get(c.data);
  if (known !== undefined) return known;
  const w = wordsOf(c);
  const v = validityOf(c);
  const unsigned = c.dtype.kind === 'uint64';
  let ok = true;
  for (let i = 0; i < c.length && ok; i++) {
    const hi = w[2 * i + HI]!;
    // Signed: −2^21 ≤ hi < 2^21; unsigned: hi < 2^21.
    const fits = unsigned ? hi < HI_SAFE : ((hi + HI_SAFE) >>> 0) < 2 * HI_SAFE;
    if (!fits && (v === null || (v[i >> 3]! & (1 << (i & 7))) !== 0)) ok = false;
  }
  safeCache.set(c.data, ok);
  return ok;
}

/**
 * Values as doubles from row 0 (nulls read as whatever the buffer holds); 64-bit integers are
 * rounded to the nearest double, dates read as days. Floats and 32-bit integers are returned as
 * stored (no copy).
 * @example
 * ```ts
 * doublesOf(DataFrame.fromColumns({ id: [2n ** 60n + 1n] }).getColumn('id')); // → Float64Array(1) [ 1152921504606847000 ]
 * ```
 */
export function doublesOf(c: Column): ArrayLike<number> {
  if (!isWideKind(c.dtype.kind)) {
    if (c.dtype.kind === 'bool') return boolNumbers(c);
    return c.data.values as ArrayLike<number>;
  }
  const w = wordsOf(c);
  const n = c.length;
  const out = new Float64Array(n);
  if (c.dtype.kind === 'uint64') for (let i = 0; i < n; i++) out[i] = w[2 * i + HI]! * TWO_32 + w[2 * i + LO]!;
  else for (let i = 0; i < n; i++) out[i] = (w[2 * i + HI]! | 0) * TWO_32 + w[2 * i + LO]!;
  return out;
}

/** A boolean column's values as 0/1 bytes from row 0. */
function boolNumbers(c: Column): Uint8Array {
  const d = c.data;
  const bits = d.values as Uint8Array;
  const n = d.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const j = i + d.offset;
    out[i] = (bits[j >> 3]! >> (j & 7)) & 1;
  }
  return out;
}

/**
 * A per-row reader of exact values: numbers, or bigints for 64-bit integers beyond ±2^53; dates
 * and timestamps as milliseconds; booleans as 0/1. Null rows read as whatever the buffer holds.
 * @example
 * ```ts
 * const read = exactAt(DataFrame.fromColumns({ id: [7n, 2n ** 60n] }).getColumn('id'));
 * [read(0), read(1)]; // → [ 7, 1152921504606846976n ]
 * ```
 */
export function exactAt(c: Column): (i: number) => number | bigint {
  const kind = c.dtype.kind;
  if (kind === 'date') {
    const days = c.data.values as Int32Array;
    return (i) => days[i]! * MS_PER_DAY;
  }
  if (!isWideKind(kind)) {
    const xs = doublesOf(c);
    return (i) => xs[i]!;
  }
  const big = c.data.values as BigInt64Array | BigUint64Array;
  const w = wordsOf(c);
  const unsigned = kind === 'uint64';
  return (i) => {
    const hi = w[2 * i + HI]!;
    const safe = unsigned ? hi < HI_SAFE : ((hi + HI_SAFE) >>> 0) < 2 * HI_SAFE;
    return safe ? (unsigned ? hi : hi | 0) * TWO_32 + w[2 * i + LO]! : big[i]!;
  };
}

/** The canonical exact key of a value: a number when it is one exactly, else a bigint (an integral double beyond 2^53 too). */
export function canonicalKey(x: number | bigint): number | bigint {
  if (typeof x === 'bigint') return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
  if (Number.isInteger(x) && !Number.isSafeInteger(x)) return BigInt(x);
  return x === 0 ? 0 : x; // −0 → 0; NaN stays NaN (Map and Set keys treat NaN as one value)
}

/** Three-way comparison of exact values in the total order (NaN greatest, −0 = 0). */
export function compareExact(a: number | bigint, b: number | bigint): number {
  if (a < b) return -1;
  if (a > b) return 1;
  // eslint-disable-next-line eqeqeq -- a bigint equals a number of the same value only loosely
  if (a == b) return 0;
  const an = typeof a === 'number' && a !== a;
  const bn = typeof b === 'number' && b !== b;
  return an === bn ? 0 : an ? 1 : -1;
}

/** Two arrays of 32-bit words per row: unsigned (hi, lo) order is the value order. */
export interface OrderWords {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
}

/** The order words of doubles: the IEEE pattern with −0 folded into 0, NaN made one value, flipped so unsigned order is numeric order. */
function doubleWords(xs: ArrayLike<number>, n: number): OrderWords {
  const f = xs instanceof Float64Array ? xs : Float64Array.from(xs as ArrayLike<number>);
  const w = new Uint32Array(f.buffer, f.byteOffset, n * 2);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = w[2 * i + HI]!;
    let l = w[2 * i + LO]!;
    const x = f[i]!;
    if (x !== x) {
      h = 0x7ff80000;
      l = 0;
    } else if (x === 0) h = l = 0;
    if ((h & 0x80000000) !== 0) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[i] = h;
    lo[i] = l;
  }
  return { hi, lo };
}

/**
 * The order words of a numeric, boolean, date or timestamp column (see the module comment):
 * 64-bit integers and timestamps from their exact bits, everything else from its double value.
 * @example
 * ```ts
 * const w = orderWords(DataFrame.fromColumns({ x: [-0, 0, NaN, Infinity] }).getColumn('x'));
 * [w.hi[0] === w.hi[1], w.hi[2] > w.hi[3]]; // → [ true, true ]
 * ```
 */
export function orderWords(c: Column): OrderWords {
  const n = c.length;
  const kind = c.dtype.kind;
  if (!isWideKind(kind)) return doubleWords(kind === 'date' ? (c.data.values as Int32Array) : doublesOf(c), n);
  const w = wordsOf(c);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const flip = kind === 'uint64' ? 0 : 0x80000000;
  for (let i = 0; i < n; i++) {
    hi[i] = (w[2 * i + HI]! ^ flip) >>> 0;
    lo[i] = w[2 * i + LO]!;
  }
  return { hi, lo };
}

/** Which order words two columns share: the same 64-bit family, or doubles when both fit them. */
export function commonWords(a: Column, b: Column): 'same' | 'doubles' | null {
  const wa = isWideKind(a.dtype.kind);
  const wb = isWideKind(b.dtype.kind);
  if (wa && wb && (a.dtype.kind === 'uint64') === (b.dtype.kind === 'uint64')) return 'same';
  if (!wa && !wb) return 'same';
  return fitsDoubles(a) && fitsDoubles(b) ? 'doubles' : null;
}

/** Order words of a column through its double values (only for columns that fit doubles). */
export function doubleOrderWords(c: Column): OrderWords {
  return doubleWords(c.dtype.kind === 'date' ? (c.data.values as Int32Array) : doublesOf(c), c.length);
}

/**
 * An int64 column from integral doubles and, where a value needs them, bigints (`big[i]` wins when
 * defined); values written as words, no bigint per ordinary value.
 */
export function int64Column(name: string, values: Float64Array, validity: Uint8Array | null, big?: ReadonlyMap<number, bigint>, dtype: AnyDType = dtypeOfKind('int64', false)): Column {
  const n = values.length;
  const store = dtype.kind === 'uint64' ? new BigUint64Array(n) : new BigInt64Array(n);
  const w = new Uint32Array(store.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const h = Math.floor(v / TWO_32);
    w[2 * i + LO] = v - h * TWO_32;
    w[2 * i + HI] = h;
  }
  if (big !== undefined) for (const [i, v] of big) (store as BigInt64Array)[i] = v as never;
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind(dtype.kind, nulls > 0 || dtype.nullable, dtype.int64 === undefined ? {} : { int64: dtype.int64 });
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: store, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}
