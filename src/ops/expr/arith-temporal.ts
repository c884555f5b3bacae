/**
 * Arithmetic on instants and durations, exact in 64-bit integers (polars' rules):
 * - timestamp − timestamp → duration, timestamp ± duration → timestamp (the timestamp's zone),
 *   duration ± duration → duration, each in the finer of the two units (the coarser operand is
 *   scaled, exactly);
 * - date − date (or a date with a timestamp) → duration: the date is its midnight;
 * - duration × integer (either side) → duration of the same unit.
 * A result beyond int64 is an `ExpressionError` naming the row, never a wrapped value.
 */
import { makeData } from 'apache-arrow';
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Instant, type TimeUnit } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import { nullColumn } from '../take.js';
import type { BinaryOp, Where } from './expr.js';
import type { Value } from './eval.js';
import { exactAt, HI, isIntegerKind, LO, wordsOf } from './exact.js';
import { addWords, mulWords, R, safeHi, subWords } from './int64-words.js';
import { countIn, finerUnit, unitFactor, unitOf } from './units.js';
import { andValidity, nullsIn, validityOf } from './values.js';

const TWO_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** What an operand of temporal arithmetic is. */
type Role = 'timestamp' | 'date' | 'duration' | 'integer' | 'other' | 'null';

function roleOf(v: Value): Role {
  if ('scalar' in v) {
    const s = v.scalar;
    if (s === null) return 'null';
    if (s instanceof Date || s instanceof Instant) return 'timestamp';
    if (typeof s === 'bigint' || (typeof s === 'number' && Number.isInteger(s))) return 'integer';
    return 'other';
  }
  const k = v.column.dtype.kind;
  if (k === 'timestamp' || k === 'date' || k === 'duration') return k;
  return isIntegerKind(k) ? 'integer' : 'other';
}

/** Whether either operand is an instant or a duration (so `temporalArithmetic` decides). */
export function isTemporalOperand(v: Value): boolean {
  const r = roleOf(v);
  return r === 'timestamp' || r === 'date' || r === 'duration';
}

/** The time unit of a temporal operand (dates count as milliseconds). */
function unitOfValue(v: Value): TimeUnit {
  if ('scalar' in v) return v.scalar instanceof Instant ? v.scalar.unit : 'ms';
  return v.column.dtype.kind === 'date' ? 'ms' : unitOf(v.column.dtype);
}

/** Describe an operand for an error message. */
function what(v: Value): string {
  if ('column' in v) return `${dtypeName(v.column.dtype)} column "${v.column.name}"`;
  const s = v.scalar;
  return s instanceof Date || s instanceof Instant ? 'an instant' : s === null ? 'null' : `a ${typeof s}`;
}

/**
 * Evaluate `add`, `sub` or `mul` where an operand is an instant or a duration.
 * @throws ExpressionError for a combination without a meaning (timestamp + timestamp, duration ×
 * duration, a float factor …) or a result beyond int64 (naming the row).
 */
export function temporalArithmetic(fn: BinaryOp, l: Value, r: Value, n: number, where: Where): Value {
  const a = roleOf(l);
  const b = roleOf(r);
  const name = 'column' in l ? l.column.name : 'column' in r ? r.column.name : 'literal';
  const refuse = (): never => {
    throw new ExpressionError(where, `cannot ${fn === 'add' ? 'add' : fn === 'sub' ? 'subtract' : fn === 'mul' ? 'multiply' : fn} ${what(l)} and ${what(r)}`);
  };
  let out: { kind: 'timestamp' | 'duration'; timezone: string | null } | null = null;
  const instant = (x: Role) => x === 'timestamp' || x === 'date';
  if (fn === 'sub' && instant(a) && instant(b)) out = { kind: 'duration', timezone: null };
  else if ((fn === 'add' || fn === 'sub') && a === 'timestamp' && b === 'duration') out = { kind: 'timestamp', timezone: zoneOf(l) };
  else if (fn === 'add' && a === 'duration' && b === 'timestamp') out = { kind: 'timestamp', timezone: zoneOf(r) };
  else if ((fn === 'add' || fn === 'sub') && a === 'duration' && b === 'duration') out = { kind: 'duration', timezone: null };
  else if (fn === 'mul' && ((a === 'duration' && (b === 'integer' || b === 'null')) || (b === 'duration' && (a === 'integer' || a === 'null')))) {
    return scaleDuration(a === 'duration' ? l : r, a === 'duration' ? r : l, n, name, where);
  } else if ((a === 'null' && b !== 'other') || (b === 'null' && a !== 'other')) {
    const known = a === 'null' ? r : l;
    const dt = 'column' in known ? known.column.dtype : dtypeOfKind('timestamp', true);
    return { column: nullColumn(name, dt.kind === 'date' ? dtypeOfKind('duration', true) : dt, n) };
  } else refuse();
  const unit = finerUnit(unitOfValue(l), unitOfValue(r));
  const dtype = dtypeOfKind(out!.kind, false, out!.kind === 'timestamp' ? { unit, timezone: out!.timezone } : { unit, int64: int64Repr(l, r) });
  if ('scalar' in l && 'scalar' in r) return { scalar: scalarResult(fn, l, r, unit, dtype, where), dtype };
  const validity = andValidity('column' in l ? validityOf(l.column) : null, 'column' in r ? validityOf(r.column) : null, n);
  const x = instantWords(l, unit, n, where, dtype, validity);
  const y = instantWords(r, unit, n, where, dtype, validity);
  const res = new BigInt64Array(n);
  const o = new Uint32Array(res.buffer);
  const op = fn === 'add' ? addWords : subWords;
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const xi = x.scalar ? 0 : i;
    const yi = y.scalar ? 0 : i;
    if (!op(x.w[2 * xi + HI]! | 0, x.w[2 * xi + LO]!, y.w[2 * yi + HI]! | 0, y.w[2 * yi + LO]!)) overflow(where, i, dtype);
    o[2 * i + HI] = R.hi;
    o[2 * i + LO] = R.lo;
  }
  return { column: int64Result(name, dtype, res, validity, n) };
}

function zoneOf(v: Value): string | null {
  return 'column' in v ? (v.column.dtype.timezone ?? null) : null;
}

/** `bigint` when either duration operand reads as bigint. */
function int64Repr(l: Value, r: Value): 'number' | 'bigint' {
  const big = (v: Value) => 'column' in v && v.column.dtype.kind === 'duration' && v.column.dtype.int64 === 'bigint';
  return big(l) || big(r) ? 'bigint' : 'number';
}

function overflow(where: Where, i: number, dtype: AnyDType): never {
  throw new ExpressionError(where, `row ${i}: the result does not fit ${dtypeName(dtype)} (64-bit counts of ${unitOf(dtype)})`);
}

/**
 * An instant or duration operand as 64-bit words in `unit` (a scalar as one row): the column's
 * own words when its unit is `unit`, else each value scaled exactly; an overflow on a row of
 * `valid` (null: every row) is an `ExpressionError` naming the row and `dtype`.
 */
export function instantWords(v: Value, unit: TimeUnit, n: number, where: Where, dtype: AnyDType, valid: Uint8Array | null): { w: Uint32Array; scalar: boolean } {
  if ('scalar' in v) {
    const { floor } = countIn(asInstantValue(v.scalar), unit);
    if (floor < INT64_MIN || floor > INT64_MAX) overflow(where, 0, dtype);
    const u = BigInt.asUintN(64, floor);
    const w = new Uint32Array(2);
    w[LO] = Number(u & 0xffffffffn);
    w[HI] = Number(u >> 32n);
    return { w, scalar: true };
  }
  const c = v.column;
  if (c.dtype.kind === 'date') {
    const days = c.data.values as Int32Array;
    const k = unitFactor('ms', unit);
    const out = new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) {
      // days · 86,400,000 fits int64 for every int32 day; then the unit's factor.
      mulWords(days[i]!, 86_400_000);
      if (k !== 1 && !(safeHi(R.hi) && mulWords(R.hi * TWO_32 + R.lo, k))) {
        if (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0) overflow(where, i, dtype);
      }
      out[2 * i + HI] = R.hi;
      out[2 * i + LO] = R.lo;
    }
    return { w: out, scalar: false };
  }
  const own = unitOf(c.dtype);
  const w = wordsOf(c);
  if (own === unit) return { w, scalar: false };
  const k = unitFactor(own, unit);
  const out = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const hi = w[2 * i + HI]! | 0;
    // A value beyond ±2^53 times at least 1000 leaves int64.
    if (!safeHi(hi) || !mulWords(hi * TWO_32 + w[2 * i + LO]!, k)) overflow(where, i, dtype);
    out[2 * i + HI] = R.hi;
    out[2 * i + LO] = R.lo;
  }
  return { w: out, scalar: false };
}

/** A temporal scalar as an instant: a `Date`, an `Instant`, or (for durations given as numbers) a count. */
function asInstantValue(s: unknown): Date | Instant {
  if (s instanceof Date || s instanceof Instant) return s;
  throw new TypeError(`not an instant: ${String(s)}`);
}

/** Both operands scalars: computed as bigints. */
function scalarResult(fn: BinaryOp, l: { scalar: unknown }, r: { scalar: unknown }, unit: TimeUnit, dtype: AnyDType, where: Where): unknown {
  const x = countIn(asInstantValue(l.scalar), unit).floor;
  const y = countIn(asInstantValue(r.scalar), unit).floor;
  const v = fn === 'add' ? x + y : x - y;
  if (v < INT64_MIN || v > INT64_MAX) overflow(where, 0, dtype);
  if (dtype.kind === 'timestamp') return unit === 'ms' ? new Date(Number(v)) : unit === 's' ? new Date(Number(v) * 1000) : new Instant(v, unit);
  return v >= -9007199254740991n && v <= 9007199254740991n && dtype.int64 !== 'bigint' ? Number(v) : v;
}

/** A timestamp or duration result column over `values`. */
function int64Result(name: string, dtype: AnyDType, values: BigInt64Array, validity: Uint8Array | null, n: number): Column {
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind(dtype.kind, nulls > 0, { unit: dtype.unit!, ...(dtype.kind === 'timestamp' ? { timezone: dtype.timezone ?? null } : { int64: dtype.int64 ?? 'number' }) });
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: values, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}

/** A duration times an integer (column or scalar), exact, of the duration's unit. */
function scaleDuration(d: Value, k: Value, n: number, name: string, where: Where): Value {
  const dc = 'column' in d ? d.column : null;
  const dtype = dtypeOfKind('duration', false, { unit: dc === null ? 'ms' : unitOf(dc.dtype), int64: dc?.dtype.int64 ?? 'number' });
  if (dc === null) throw new ExpressionError(where, 'a duration literal is not supported; use a duration column');
  if ('scalar' in k && k.scalar === null) return { column: nullColumn(name, dtype, n) };
  const xs = exactAt(dc);
  const ks = 'column' in k ? exactAt(k.column) : null;
  const kScalar = 'scalar' in k ? (k.scalar as number | bigint) : 0;
  const validity = andValidity(validityOf(dc), 'column' in k ? validityOf(k.column) : null, n);
  const res = new BigInt64Array(n);
  const o = new Uint32Array(res.buffer);
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const x = xs(i);
    const f = ks === null ? kScalar : ks(i);
    const p = typeof x === 'number' && typeof f === 'number' ? x * f : null;
    if (p !== null && Number.isSafeInteger(p)) {
      // res[i] = BigInt(p), as two words.
      const hi = Math.floor(p / TWO_32);
      o[2 * i + HI] = hi;
      o[2 * i + LO] = p - hi * TWO_32;
      continue;
    }
    const big = BigInt(x) * BigInt(f);
    if (big < INT64_MIN || big > INT64_MAX) overflow(where, i, dtype);
    res[i] = big;
  }
  return { column: int64Result(name, dtype, res, validity, n) };
}
