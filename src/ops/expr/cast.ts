/**
 * `cast`: values converted to another dtype, column at a time over the typed arrays. A value that
 * does not convert is an `InvalidValueError` naming the column, row and value (`strict`, the
 * default) or a null (`strict: false`, as DuckDB's TRY_CAST).
 *
 * Rules (DuckDB's CAST where it is defined):
 * - integer → integer: exact, range checked; integer → float: the nearest value (ties to even),
 *   from the exact integer (int64 beyond 2^53 included, no double rounding to float32);
 * - float → integer: rounded half to even (2.5 → 2, −2.5 → −2), then range checked (an unsigned
 *   target takes no negative value, −0.4 included, as DuckDB); NaN and
 *   ±Infinity do not convert; float64 → float32: a finite value beyond float32 does not convert;
 * - bool ↔ numbers: true is 1, false 0; a number is true when it is not 0 (NaN is true);
 * - anything → utf8 / categorical: integers exactly, floats as their shortest round-trip text,
 *   dates and timestamps in ISO 8601 (util/temporal.ts);
 * - utf8 / categorical → numbers, bool, date, timestamp: see cast-text.ts;
 * - date ↔ timestamp: see cast-temporal.ts.
 * Other pairs (numbers ↔ dates, bool ↔ dates) are an `ExpressionError` before any row is read.
 */
import type { Where } from './expr.js';
import { makeData } from 'apache-arrow';
import { ExpressionError, InvalidValueError } from '../../errors.js';
import { INT_RANGES, dtypeEquals, dtypeName, dtypeOfKind, paramsOf, type AnyDType, type DTypeKind } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import { NUMBER_STORAGE } from '../../column/builder-numeric.js';
import { bitmapBytes } from '../../util/bits.js';
import { dtypeOf, materialize, type Value } from './eval.js';
import { alignedBits, nullsIn, validityOf } from './values.js';
import { castFromText, castToText } from './cast-text.js';
import { castDuration, castTemporal } from './cast-temporal.js';
import { castDateUnits, castUnits, textToTimestampUnits, timestampUnitsToText } from './cast-units.js';
import { isIntegerKind } from './exact.js';
import { castDecimal } from './cast-decimal.js';
import { castFloat16, float16AsFloat64 } from './cast-float16.js';
import { castBytes, castNested, castNull, isBytesKind } from './cast-layout.js';

const NUMBER_LIKE = new Set<DTypeKind>(['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'decimal']);
const TEXT = new Set<DTypeKind>(['utf8', 'largeUtf8', 'categorical']);
const BYTES = new Set<DTypeKind>(['binary', 'largeBinary', 'fixedSizeBinary']);
const LISTS = new Set<DTypeKind>(['list', 'largeList', 'fixedSizeList']);
/** Kinds text converts to and from. */
const TEXTUAL = new Set<DTypeKind>([...NUMBER_LIKE, ...TEXT, ...BYTES, 'date', 'timestamp']);

/**
 * Whether a `from` value can be cast to `to` at all (some values may still not convert): numbers,
 * booleans and decimals among themselves; text to and from numbers, decimals, dates, timestamps
 * and bytes; dates and timestamps among themselves; times and durations to their own kind in
 * another unit; bytes among binary kinds; lists among list kinds; structs to structs; the null
 * type to anything.
 * @example
 * ```ts
 * castable('utf8', 'int32'); // → true
 * castable('date', 'int32'); // → false
 * castable('decimal', 'float64'); // → true
 * ```
 */
export function castable(from: DTypeKind, to: DTypeKind): boolean {
  if (from === to || from === 'null') return true;
  if (NUMBER_LIKE.has(from) && NUMBER_LIKE.has(to)) return !(from === 'bool' && to === 'decimal') && !(from === 'decimal' && to === 'bool');
  if (TEXT.has(to)) return TEXTUAL.has(from);
  if (TEXT.has(from)) return TEXTUAL.has(to);
  if (BYTES.has(from)) return BYTES.has(to);
  if (LISTS.has(from)) return LISTS.has(to);
  if ((from === 'duration' && isIntegerKind(to)) || (to === 'duration' && isIntegerKind(from))) return true;
  return (from === 'date' || from === 'timestamp') && (to === 'date' || to === 'timestamp');
}

/**
 * `v` converted to `to`: a value that does not convert is an error (`strict`) or a null.
 * @throws ExpressionError for a pair of dtypes with no conversion; InvalidValueError (strict)
 * naming the column, row and value that does not convert.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ s: [' 12 ', '2.5', 'x'] });
 * df.select(col('s').cast(int32(), { strict: false })).getColumn('s').toArray(); // → [ 12, 3, null ]
 * ```
 */
export function castValue(v: Value, to: AnyDType, n: number, where: Where, strict = true): Value {
  const from = dtypeOf(v);
  if (!castable(from.kind, to.kind)) throw new ExpressionError(where, `cannot cast ${dtypeName(from)} to ${dtypeName(to)}`);
  return { column: castColumn(materialize(v, n, 'column' in v ? v.column.name : 'literal'), to, strict) };
}

/**
 * A column converted to `to` (the pair must be `castable`).
 * @throws InvalidValueError (strict) for the first value that does not convert.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ f: [2.5, NaN] });
 * castColumn(df.getColumn('f'), int32(), false).toArray(); // → [ 2, null ]
 * ```
 */
export function castColumn(c: Column, to: AnyDType, strict: boolean): Column {
  const from = c.dtype.kind;
  const kind = to.kind;
  const other = castOtherKinds(c, to, strict);
  if (other !== null) return other;
  if (kind === 'utf8' || kind === 'categorical') return castToText(c, to, strict);
  if (from === 'utf8' || from === 'categorical') return castFromText(c, to, strict);
  if (from === kind && kind !== 'timestamp') return new Column(c.name, resultDType(to, strict, c.nullCount), c.data);
  if (from === 'date' || from === 'timestamp') return castTemporal(c, to, strict);
  return castNumbers(c, to, strict);
}

const OLD_KINDS = new Set<DTypeKind>(['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'utf8', 'categorical', 'date']);

/** Whether a dtype is one the number, text and date kernels of cast.ts, cast-text.ts and cast-temporal.ts take (timestamps in milliseconds). */
function isOldKind(d: AnyDType): boolean {
  return OLD_KINDS.has(d.kind) || (d.kind === 'timestamp' && (d.unit ?? 'ms') === 'ms');
}

/** The casts of the other kinds (cast-units.ts, cast-decimal.ts, cast-layout.ts), or null for the kernels here. */
function castOtherKinds(c: Column, to: AnyDType, strict: boolean): Column | null {
  const from = c.dtype;
  if (from.kind === 'null') return castNull(c, to);
  if (isOldKind(from) && isOldKind(to)) return null;
  const fk = from.kind;
  const tk = to.kind;
  if (fk === tk && dtypeEquals(from, to, { ignoreNullable: true })) return new Column(c.name, resultDType(to, strict, c.nullCount), c.data);
  if (fk === 'decimal' || tk === 'decimal') return castWithDecimal(c, to, strict);
  if (fk === 'float16' || tk === 'float16') return castFloat16(c, to, strict);
  if (fk === tk && (fk === 'timestamp' || fk === 'time' || fk === 'duration')) return castUnits(c, to, strict);
  if ((fk === 'duration' && isIntegerKind(tk)) || (tk === 'duration' && isIntegerKind(fk))) return castDuration(c, to, strict);
  if ((fk === 'timestamp' || fk === 'date') && (tk === 'timestamp' || tk === 'date')) return castDateUnits(c, to, strict);
  if (fk === 'timestamp' && TEXT.has(tk)) return tk === 'largeUtf8' ? castColumn(timestampUnitsToText(c, dtypeOfKind('utf8', to.nullable), strict), to, strict) : timestampUnitsToText(c, to, strict);
  if (TEXT.has(fk) && tk === 'timestamp') return textToTimestampUnits(fk === 'utf8' ? c : castColumn(c, dtypeOfKind('utf8', from.nullable), strict), to, strict);
  if (isBytesKind(fk) && isBytesKind(tk)) return castBytes(c, to, strict);
  // largeUtf8 with categorical, numbers, dates: through utf8.
  if (fk === 'largeUtf8') return castColumn(castBytes(c, dtypeOfKind('utf8', from.nullable), true), to, strict);
  if (tk === 'largeUtf8') return castBytes(castColumn(c, dtypeOfKind('utf8', to.nullable), strict), to, strict);
  if (fk === 'categorical' && isBytesKind(tk)) return castBytes(castColumn(c, dtypeOfKind('utf8', from.nullable), true), to, strict);
  if (LISTS.has(fk) || fk === 'struct') return castNested(c, to, strict);
  throw new ExpressionError(`cast(${dtypeName(to)})`, `cannot cast ${dtypeName(from)} to ${dtypeName(to)}`);
}

/** Casts to or from decimals (cast-decimal.ts), float16 and largeUtf8 through float64 and utf8. */
function castWithDecimal(c: Column, to: AnyDType, strict: boolean): Column {
  const fk = c.dtype.kind;
  const tk = to.kind;
  if (fk === 'float16') return castDecimal(float16AsFloat64(c), to, strict);
  if (tk === 'float16') return castFloat16(castDecimal(c, dtypeOfKind('float64', c.dtype.nullable), strict), to, strict);
  if (fk === 'largeUtf8') return castDecimal(castBytes(c, dtypeOfKind('utf8', c.dtype.nullable), true), to, strict);
  if (tk === 'largeUtf8') return castBytes(castDecimal(c, dtypeOfKind('utf8', to.nullable), strict), to, strict);
  return castDecimal(c, to, strict);
}

/**
 * The dtype of a cast's result: `to`'s kind and options, nullable when any null can come out.
 * @example
 * ```ts
 * // A non-strict cast may give nulls:
 * String(resultDType(int32(), false, 0)); // → 'int32?'
 * ```
 */
export function resultDType(to: AnyDType, strict: boolean, nulls: number): AnyDType {
  // Every parameter of the target (unit, zone, 64-bit reading, precision and scale) is kept.
  return dtypeOfKind(to.kind, nulls > 0 || to.nullable || !strict, paramsOf(to));
}

/**
 * A result column over `values` (a typed array of `to`'s storage, or bit-packed booleans) and
 * `validity` (null: no nulls).
 * @example
 * ```ts
 * castResult('x', int32(), true, 2, new Int32Array([1, 2]), null).toArray(); // → [ 1, 2 ]
 * ```
 */
export function castResult(name: string, to: AnyDType, strict: boolean, n: number, values: ArrayLike<unknown>, validity: Uint8Array | null): Column {
  const nulls = nullsIn(validity, n);
  const dt = resultDType(to, strict, nulls);
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: values, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}

/**
 * Where a cast records values that do not convert: `fail` throws (strict) or clears the row's
 * validity bit (copied from the input's on the first failure).
 * @example
 * ```ts
 * const f = new CastFailures('x', int32(), false, null, 3);
 * f.fail(1, 'abc', 'not a number');
 * // Bit 1 cleared:
 * f.validity; // → Uint8Array(1) [ 253 ]
 * new CastFailures('x', int32(), true, null, 3).fail(1, 'abc', 'not a number');
 * // throws InvalidValueError: Column "x", row 1: "abc" (string) does not fit int32: not a number
 * ```
 */
export class CastFailures {
  private valid: Uint8Array | null;
  private owned = false;

  constructor(
    private readonly column: string,
    private readonly to: AnyDType,
    private readonly strict: boolean,
    input: Uint8Array | null,
    private readonly n: number,
  ) {
    this.valid = input;
  }

  /**
   * Row `row` (holding `value`) does not convert, because of `reason`.
   * @throws InvalidValueError when strict.
   */
  fail(row: number, value: unknown, reason: string): void {
    if (this.strict) throw new InvalidValueError(value, this.column, row, dtypeName(this.to), reason);
    if (!this.owned) {
      this.valid = this.valid === null ? new Uint8Array(bitmapBytes(this.n)).fill(0xff) : this.valid.slice();
      this.owned = true;
    }
    this.valid![row >> 3]! &= ~(1 << (row & 7));
  }

  /** The result's validity: the input's, less the rows that failed. */
  get validity(): Uint8Array | null {
    return this.valid;
  }
}

/** Whether typed arrays are little-endian here (the low word of a 64-bit value comes first). */
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of the low / high 32-bit word of 64-bit value `i` is `2 * i + LO` / `2 * i + HI`. */
export const LO = LITTLE ? 0 : 1;
export const HI = 1 - LO;
export const TWO_32 = 4294967296;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

/**
 * `x` rounded to the nearest integer, ties to even (2.5 → 2, −2.5 → −2), as DuckDB casts.
 * @example
 * ```ts
 * [2.5, 1.5, -2.5, 0.5].map(roundHalfEven); // → [ 2, 2, -2, 0 ]
 * ```
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // half up
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The float32 nearest a 64-bit integer, rounded once from the exact value (ties to even).
 * @example
 * ```ts
 * // 2^54 + 2^31:
 * bigintToFloat32(2n ** 54n + 2n ** 30n + 1n); // → 18014400656965630
 * ```
 */
export function bigintToFloat32(v: bigint): number {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const bits = a.toString(2).length;
  if (bits <= 24) return Number(v);
  const shift = bits - 24;
  let q = a >> BigInt(shift);
  const r = a - (q << BigInt(shift));
  const half = 1n << BigInt(shift - 1);
  if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
  const x = Number(q) * 2 ** shift;
  return neg ? -x : x;
}

/**
 * Write integral `x` (−2^63 ≤ x < 2^64) as the two 32-bit words of 64-bit value `i` (no bigint).
 * @example
 * ```ts
 * const out = new BigInt64Array(1);
 * writeWords(new Int32Array(out.buffer), 0, -(2 ** 40));
 * out[0]; // → -1099511627776n
 * ```
 */
export function writeWords(words: Int32Array, i: number, x: number): void {
  const hi = Math.floor(x / TWO_32);
  words[2 * i + HI] = hi;
  words[2 * i + LO] = x - hi * TWO_32;
}

function isNull(valid: Uint8Array | null, i: number): boolean {
  return valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
}

/** A bool column's values as bytes 0 / 1. */
function boolBytes(c: Column, n: number): Uint8Array {
  const bits = alignedBits(c.data.values as Uint8Array, c.data.offset, n);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (bits[i >> 3]! >> (i & 7)) & 1;
  return out;
}

function rangeText(kind: DTypeKind): string {
  const r = INT_RANGES[kind];
  if (r !== undefined) return `out of range ${r[0]} … ${r[1]}`;
  return kind === 'uint64' ? 'out of range 0 … 2^64-1' : kind === 'int64' ? 'out of range -2^63 … 2^63-1' : 'out of range';
}

/** Numbers and booleans to numbers or booleans. */
function castNumbers(c: Column, to: AnyDType, strict: boolean): Column {
  const n = c.length;
  const valid = validityOf(c);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const from = c.dtype.kind;
  const kind = to.kind;
  if (from === 'int64' || from === 'uint64') {
    const values = fromBig(c.data.values as BigInt64Array | BigUint64Array, from === 'uint64', kind, valid, f, n);
    return castResult(c.name, to, strict, n, values, f.validity);
  }
  const xs: ArrayLike<number> = from === 'bool' ? boolBytes(c, n) : (c.data.values as ArrayLike<number>);
  const isFloat = from === 'float32' || from === 'float64';
  let values: ArrayLike<unknown>;
  if (kind === 'bool') {
    const bits = new Uint8Array(bitmapBytes(n));
    for (let i = 0; i < n; i++) if (xs[i] !== 0) bits[i >> 3]! |= 1 << (i & 7);
    values = bits;
  } else if (kind === 'int64' || kind === 'uint64') {
    const out = kind === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n);
    const words = new Int32Array(out.buffer);
    const lo = kind === 'int64' ? -TWO_63 : 0;
    const hi = kind === 'int64' ? TWO_63 : TWO_64;
    for (let i = 0; i < n; i++) {
      if (isNull(valid, i)) continue;
      const x = xs[i]!;
      const r = isFloat ? roundHalfEven(x) : x;
      // An unsigned target takes no negative value, not even one that rounds to 0 (as DuckDB).
      if (r >= lo && r < hi && !(lo === 0 && x < 0)) writeWords(words, i, r);
      else f.fail(i, x, Number.isNaN(x) ? 'NaN has no integer value' : rangeText(kind));
    }
    values = out;
  } else if (kind === 'float64' || (kind === 'float32' && !isFloat)) {
    // Exact, or (an integer of up to 32 bits to float32) rounded once.
    const out = new NUMBER_STORAGE[kind]!(n);
    out.set(xs as ArrayLike<number>);
    values = out;
  } else if (kind === 'float32') {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (isNull(valid, i)) continue;
      const x = xs[i]!;
      const y = Math.fround(x);
      if (y - y !== 0 && x - x === 0) f.fail(i, x, 'out of float32 range');
      else out[i] = y;
    }
    values = out;
  } else {
    const out = new NUMBER_STORAGE[kind]!(n);
    const [lo, hi] = INT_RANGES[kind]!;
    for (let i = 0; i < n; i++) {
      if (isNull(valid, i)) continue;
      const x = xs[i]!;
      const r = isFloat ? roundHalfEven(x) : x;
      if (r >= lo && r <= hi && !(lo === 0 && x < 0)) out[i] = r;
      else f.fail(i, x, Number.isNaN(x) ? 'NaN has no integer value' : rangeText(kind));
    }
    values = out;
  }
  return castResult(c.name, to, strict, n, values, f.validity);
}

/** 64-bit integers to numbers or booleans, read as 32-bit words (a bigint only beyond 2^53). */
function fromBig(big: BigInt64Array | BigUint64Array, unsigned: boolean, kind: DTypeKind, valid: Uint8Array | null, f: CastFailures, n: number): ArrayLike<unknown> {
  const words = new Int32Array(big.buffer, big.byteOffset, n * 2);
  // The value is hi * 2^32 + lo: one correctly rounded addition; exact within ±2^53 (|hi| < 2^21).
  const high = (i: number) => (unsigned ? words[2 * i + HI]! >>> 0 : words[2 * i + HI]!);
  if (kind === 'bool') {
    const bits = new Uint8Array(bitmapBytes(n));
    for (let i = 0; i < n; i++) if ((words[2 * i + HI]! | words[2 * i + LO]!) !== 0) bits[i >> 3]! |= 1 << (i & 7);
    return bits;
  }
  if (kind === 'int64' || kind === 'uint64') {
    // Same bits; a value is out of range exactly when its sign bit is set.
    const out = kind === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n);
    new Uint8Array(out.buffer).set(new Uint8Array(big.buffer, big.byteOffset, n * 8));
    for (let i = 0; i < n; i++) if (words[2 * i + HI]! < 0 && !isNull(valid, i)) f.fail(i, big[i], rangeText(kind));
    return out;
  }
  if (kind === 'float64') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = high(i) * TWO_32 + (words[2 * i + LO]! >>> 0);
    return out;
  }
  if (kind === 'float32') {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const h = high(i);
      out[i] = h < 0x200000 && h >= -0x200000 ? h * TWO_32 + (words[2 * i + LO]! >>> 0) : bigintToFloat32(big[i]!);
    }
    return out;
  }
  const out = new NUMBER_STORAGE[kind]!(n);
  const [lo, hi] = INT_RANGES[kind]!;
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) continue;
    const h = high(i);
    const x = h * TWO_32 + (words[2 * i + LO]! >>> 0);
    if (h < 0x200000 && h >= -0x200000 && x >= lo && x <= hi) out[i] = x;
    else f.fail(i, big[i], rangeText(kind));
  }
  return out;
}
