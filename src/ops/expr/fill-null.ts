/**
 * `fillNull` in expressions: a column's nulls replaced by a literal or by another expression's
 * values row by row.
 *
 * Result dtype: the column's, unless the fill needs a wider one (polars' supertype):
 * - a literal that the column's dtype holds exactly keeps it (`int32` filled with 0 stays int32);
 *   an integer beyond it widens to int64, a fraction, NaN or ±Infinity to float64; a float32
 *   column takes any number (rounded to float32, as every float32 store);
 * - a column of another numeric dtype gives the supertype: the wider of two signed or two
 *   unsigned integers; signed with unsigned the signed type wide enough for both (uint64 with
 *   signed: float64); any float: float64 (float32 with float32, int8/16 or uint8/16: float32);
 * - a date column filled with a timestamp (or a `Date` with a time of day) gives a timestamp;
 * - text: utf8 and categorical fill each other and keep the column's kind;
 * - instants and durations take the finer unit of the two (exactly); decimals, lists, structs and
 *   the other kinds take a fill of their own dtype (a decimal literal its precision and scale hold).
 * A widening never rounds silently: an int64 value that float64 cannot hold exactly is an error.
 * A fill of another kind (`col('i').fillNull('x')`) is an `ExpressionError` naming both.
 * The result is non-nullable when no null remains.
 */
import type { Where } from './expr.js';
import { ExpressionError, describeValue } from '../../errors.js';
import { INT_RANGES, dtypeEquals, dtypeName, dtypeOfKind, isNumericKind, withNullable, type AnyDType, type DTypeKind } from '../../dtype/dtype.js';
import { Decimal, Instant, pow10 } from '../../dtype/values.js';
import { unscaledAt } from './decimal-values.js';
import { finerUnit, unitOf } from './units.js';
import { Column } from '../../column/column.js';
import { concatTwo } from '../concat-columns.js';
import { takeColumn } from '../take.js';
import { HI, castColumn } from './cast.js';
import { materialize, type Value } from './eval.js';
import { validityOf } from './values.js';

const MS_PER_DAY = 86_400_000;

/**
 * `v` with its nulls replaced by `fill` (a column or a literal), in the dtype both fit.
 * @throws ExpressionError when the fill is of another kind than the column, or a widening to
 * float64 would round an int64 value.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ i: [1, null] });
 * const out = df.select(col('i').fillNull(2.5));
 * [String(out.schema.get('i')), out.getColumn('i').toArray()]; // → [ 'float64', [ 1, 2.5 ] ]
 * ```
 */
export function fillNull(v: Value, fill: Value, n: number, where: Where): Value {
  if (!('column' in v)) return v.scalar === null ? fill : v;
  if (!('column' in fill) && fill.scalar === null) return v;
  const c = v.column;
  const to = fillDType(c, fill, where);
  if (c.nullCount === 0 && to.kind === c.dtype.kind) return v;
  return { column: fillColumn(c, to, fill, n, where) };
}

/**
 * `c` (cast to `to`) with its nulls taken from `fill` (cast to `to`), row by row or broadcast.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ i: [1, null] });
 * fillColumn(df.getColumn('i'), int32(), { scalar: 0, dtype: int32() }, df.height, 'fill').toArray(); // → [ 1, 0 ]
 * ```
 */
export function fillColumn(c: Column, to: AnyDType, fill: Value, n: number, where: Where): Column {
  if (to.kind === 'float64' && (c.dtype.kind === 'int64' || c.dtype.kind === 'uint64')) exactAsDouble(c, where);
  const base = castColumn(c, to, true);
  if (c.nullCount === 0) return base;
  const broadcast = !('column' in fill);
  let other = materialize(fill, broadcast ? 1 : n, c.name);
  if (!dtypeEquals(other.dtype, to, { ignoreNullable: true })) {
    if (to.kind === 'float64' && (other.dtype.kind === 'int64' || other.dtype.kind === 'uint64')) exactAsDouble(other, where);
    other = castColumn(other, withNullable(to, other.nullCount > 0), true);
  }
  const valid = validityOf(c)!;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = (valid[i >> 3]! & (1 << (i & 7))) !== 0 ? i : broadcast ? n : n + i;
  const merged = takeColumn(concatTwo(base, other), idx);
  return new Column(c.name, withNullable(to, merged.nullCount > 0), merged.data);
}

/** The dtype of `c` filled with `fill`. @throws ExpressionError for a fill of another kind. */
function fillDType(c: Column, fill: Value, where: Where): AnyDType {
  const d = c.dtype;
  const kind = d.kind;
  const mismatch = (): never => {
    const what = 'column' in fill ? `${dtypeName(fill.column.dtype)} column "${fill.column.name}"` : describeValue(fill.scalar);
    throw new ExpressionError(where, `cannot fill the nulls of ${dtypeName(d)} column "${c.name}" with ${what}`);
  };
  if (!('column' in fill)) {
    const x = fill.scalar;
    if (isNumericKind(kind)) {
      if (typeof x === 'number') return numberFill(d, x);
      if (typeof x === 'bigint') return bigintFill(d, x) ?? mismatch();
      return mismatch();
    }
    if (kind === 'bool') return typeof x === 'boolean' ? d : mismatch();
    if (kind === 'utf8' || kind === 'categorical') return typeof x === 'string' ? d : mismatch();
    if (kind === 'decimal') {
      // A value the column's precision and scale hold exactly.
      if (!(x instanceof Decimal) && typeof x !== 'number' && typeof x !== 'bigint') return mismatch();
      const u = unscaledAt(x, d.scale ?? 0);
      return u !== null && u < pow10(d.precision!) && u > -pow10(d.precision!) ? d : mismatch();
    }
    if (kind === 'duration') return typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)) ? d : mismatch();
    if (kind === 'timestamp' && x instanceof Instant) {
      // The column's unit, or the literal's when it is finer.
      const unit = finerUnit(unitOf(d), x.unit);
      return unit === unitOf(d) ? d : dtypeOfKind('timestamp', false, { unit, timezone: d.timezone ?? null });
    }
    if (!(x instanceof Date)) return mismatch();
    if (kind === 'timestamp') return unitOf(d) === 's' && x.getTime() % 1000 !== 0 ? dtypeOfKind('timestamp', false, { unit: 'ms', timezone: d.timezone ?? null }) : d;
    return x.getTime() % MS_PER_DAY === 0 ? d : dtypeOfKind('timestamp', false, { timezone: null });
  }
  const f = fill.column.dtype;
  if (isNumericKind(kind) && isNumericKind(f.kind)) {
    const s = numericSupertype(kind, f.kind);
    return s === kind ? d : dtypeOfKind(s, false, s === 'int64' || s === 'uint64' ? { int64: d.int64 ?? 'number' } : {});
  }
  const text = (k: DTypeKind) => k === 'utf8' || k === 'categorical';
  if (text(kind) && text(f.kind)) return d;
  if (kind === 'timestamp' && (f.kind === 'date' || f.kind === 'timestamp')) {
    // The finer unit of the two, the column's zone.
    const unit = f.kind === 'timestamp' ? finerUnit(unitOf(d), unitOf(f)) : unitOf(d);
    return unit === unitOf(d) ? d : dtypeOfKind('timestamp', false, { unit, timezone: d.timezone ?? null });
  }
  if (kind === 'date' && f.kind === 'timestamp') return f;
  if (kind === 'duration' && f.kind === 'duration') {
    const unit = finerUnit(unitOf(d), unitOf(f));
    return unit === unitOf(d) ? d : dtypeOfKind('duration', false, { unit, int64: d.int64 ?? 'number' });
  }
  // Any other kind (decimals, lists, structs …): the same dtype.
  if (dtypeEquals(d, f, { ignoreNullable: true })) return d;
  return mismatch();
}

const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

/** The dtype an integer or float column takes when filled with the number `x`. */
function numberFill(d: AnyDType, x: number): AnyDType {
  if (d.kind === 'float32' || d.kind === 'float64') return d;
  if (!Number.isInteger(x)) return dtypeOfKind('float64', false);
  const range = INT_RANGES[d.kind];
  if (range !== undefined ? x >= range[0] && x <= range[1] : d.kind === 'int64' ? x >= -TWO_63 && x < TWO_63 : x >= 0 && x < TWO_64) return d;
  if (x >= -TWO_63 && x < TWO_63) return dtypeOfKind('int64', false, { int64: d.int64 ?? 'number' });
  return dtypeOfKind('float64', false);
}

/** The dtype a numeric column takes when filled with the bigint `x`, or undefined when none holds it exactly. */
function bigintFill(d: AnyDType, x: bigint): AnyDType | undefined {
  const range = INT_RANGES[d.kind];
  const int64 = x >= -(2n ** 63n) && x < 2n ** 63n;
  const uint64 = x >= 0n && x < 2n ** 64n;
  if (d.kind === 'float32' || d.kind === 'float64') return BigInt(Number(x)) === x ? d : undefined;
  if (d.kind === 'int64') return int64 ? d : undefined;
  if (d.kind === 'uint64') return uint64 ? d : undefined;
  if (x >= BigInt(range![0]) && x <= BigInt(range![1])) return d;
  // Read as numbers like the column was (a value beyond 2^53 then asks to be read as bigint).
  if (int64) return dtypeOfKind('int64', false, { int64: 'number' });
  return uint64 && d.kind.startsWith('u') ? dtypeOfKind('uint64', false, { int64: 'number' }) : undefined;
}

const WIDTH: Partial<Record<DTypeKind, number>> = { int8: 8, int16: 16, int32: 32, int64: 64, uint8: 8, uint16: 16, uint32: 32, uint64: 64 };
const SIGNED: Record<number, DTypeKind> = { 8: 'int8', 16: 'int16', 32: 'int32', 64: 'int64' };

/**
 * The dtype two numeric dtypes both convert to without loss where one exists (as polars).
 * @example
 * ```ts
 * numericSupertype('int8', 'uint8'); // → 'int16'
 * numericSupertype('int32', 'float32'); // → 'float64'
 * ```
 */
export function numericSupertype(a: DTypeKind, b: DTypeKind): DTypeKind {
  if (a === b) return a;
  const wa = WIDTH[a];
  const wb = WIDTH[b];
  if (wa === undefined || wb === undefined) {
    // At least one float: float32 holds float32 and integers of up to 16 bits exactly.
    const small = (k: DTypeKind) => k === 'float32' || (WIDTH[k] ?? 64) <= 16;
    return small(a) && small(b) ? 'float32' : 'float64';
  }
  const ua = a.startsWith('u');
  const ub = b.startsWith('u');
  if (ua === ub) return wa >= wb ? a : b;
  const [sw, uw] = ua ? [wb, wa] : [wa, wb];
  if (uw < sw) return SIGNED[sw]!;
  return uw === 64 ? 'float64' : SIGNED[uw * 2]!;
}

/** @throws ExpressionError when a 64-bit integer of `c` has no exact float64. */
function exactAsDouble(c: Column, where: Where): void {
  const big = c.data.values as BigInt64Array;
  const words = new Int32Array(big.buffer, big.byteOffset, c.length * 2);
  const valid = validityOf(c);
  const unsigned = c.dtype.kind === 'uint64';
  for (let i = 0; i < c.length; i++) {
    const h = unsigned ? words[2 * i + HI]! >>> 0 : words[2 * i + HI]!;
    if (h < 0x200000 && h >= -0x200000) continue;
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const x = unsigned ? BigInt.asUintN(64, big[i]!) : big[i]!;
    if (BigInt(Number(x)) !== x) {
      throw new ExpressionError(where, `${dtypeName(c.dtype)} column "${c.name}" row ${i} holds ${x}, which float64 cannot hold exactly; cast it explicitly`);
    }
  }
}
