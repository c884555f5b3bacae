/**
 * Arithmetic kernels: `add sub mul div mod`, `neg abs floor ceil` and `round`.
 *
 * Result dtypes (polars' rules): integers that fit int32 (int8/16/32, uint8/16, integer literals in
 * int32 range) give int32 and wrap on overflow; other integers (int64, uint32, uint64, bigint and
 * larger integer literals) give int64, exact, wrapping modulo 2^64; anything with a float gives
 * float64 (64-bit integers converted to the nearest double). `div` is always float64.
 */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, isNumericKind, type AnyDType, type DTypeKind } from '../../dtype/dtype.js';
import { makeData } from 'apache-arrow';
import { Column } from '../../column/column.js';
import { toArrowType } from '../../dtype/arrow.js';
import { bitmapBytes } from '../../util/bits.js';
import { nullColumn } from '../take.js';
import type { BinaryOp, Where } from './expr.js';
import type { Value } from './eval.js';
import { andValidity, isSmallInt, nullsIn, numberColumn, validityOf } from './values.js';
import { doublesOf, exactAt, fitsDoubles, int64Column, isIntegerKind } from './exact.js';
import { isTemporalOperand, temporalArithmetic } from './arith-temporal.js';
import { decimalArithmetic, decimalRound, decimalUnary, isDecimalValue } from './decimal-arith.js';

const TWO_53 = 9007199254740992;

/** One operand of an arithmetic kernel. */
interface Operand {
  /** The column, or null for a scalar. */
  readonly column: Column | null;
  /** The scalar (numbers, or a bigint beyond ±2^53); NaN for a null scalar. */
  readonly scalar: number | bigint;
  /** Whether the scalar is null. */
  readonly nullScalar: boolean;
  /** Whether every value is an integer type (column kind or integral literal). */
  readonly integer: boolean;
  /** Whether the values fit int32 arithmetic (see the module comment). */
  readonly small: boolean;
  /** Whether the values are read as bigint (a bigint literal or an int64('bigint') column). */
  readonly bigint: boolean;
}

function operand(v: Value, where: Where): Operand {
  if ('column' in v) {
    const c = v.column;
    const k = c.dtype.kind;
    if (!isNumericKind(k)) throw new ExpressionError(where, `expected numbers, got ${dtypeName(c.dtype)} column "${c.name}"`);
    return { column: c, scalar: 0, nullScalar: false, integer: isIntegerKind(k), small: isSmallInt(k), bigint: c.dtype.int64 === 'bigint' };
  }
  const s = v.scalar;
  if (s === null) return { column: null, scalar: NaN, nullScalar: true, integer: true, small: true, bigint: false };
  if (typeof s === 'bigint') {
    const safe = s >= -9007199254740991n && s <= 9007199254740991n;
    return { column: null, scalar: safe ? Number(s) : s, nullScalar: false, integer: true, small: false, bigint: true };
  }
  if (typeof s !== 'number') throw new ExpressionError(where, `expected a number, got ${typeof s}`);
  return { column: null, scalar: s, nullScalar: false, integer: isIntegerKind(v.dtype.kind), small: isSmallInt(v.dtype.kind), bigint: false };
}

/** Whether an operand's values are all exact doubles. */
function exactDoubles(o: Operand): boolean {
  return o.column !== null ? fitsDoubles(o.column) : typeof o.scalar === 'number';
}

/** An operand's values as doubles (64-bit integers rounded) and its scalar as a double. */
function doubles(o: Operand): { xs: ArrayLike<number> | null; s: number } {
  return o.column !== null ? { xs: doublesOf(o.column), s: 0 } : { xs: null, s: Number(o.scalar) };
}

function nameOf(l: Value, r: Value): string {
  return 'column' in l ? l.column.name : 'column' in r ? r.column.name : 'literal';
}

/**
 * Evaluate `add sub mul div mod` (see the module comment for result dtypes).
 * @throws ExpressionError for operands that are not numbers.
 */
export function arithmetic(fn: BinaryOp, l: Value, r: Value, n: number, where: Where): Value {
  if (isTemporalOperand(l) || isTemporalOperand(r)) return temporalArithmetic(fn, l, r, n, where);
  if (isDecimalValue(l) || isDecimalValue(r)) return decimalArithmetic(fn, l, r, n, where, (f, x, y) => arithmetic(f, x, y, n, where));
  const a = operand(l, where);
  const b = operand(r, where);
  const name = nameOf(l, r);
  const kind: DTypeKind = fn === 'div' || !a.integer || !b.integer ? 'float64' : a.small && b.small ? 'int32' : 'int64';
  const repr = kind === 'int64' && (a.bigint || b.bigint) ? { int64: 'bigint' as const } : {};
  const outType = dtypeOfKind(kind, false, repr);
  if (a.nullScalar || b.nullScalar) return { column: nullColumn(name, outType, n) };
  if (a.column === null && b.column === null) return { scalar: scalarArith(fn, kind, a.scalar, b.scalar), dtype: outType };
  const va = a.column === null ? null : validityOf(a.column);
  const vb = b.column === null ? null : validityOf(b.column);
  let validity = andValidity(va, vb, n);
  if (kind === 'int64') {
    const { column, zero } = int64Arith(fn, a, b, n, name, validity, outType);
    return { column: zero === null ? column : withNulls(column, zero, validity, n) };
  }
  const x = doubles(a);
  const y = doubles(b);
  const int = kind === 'int32';
  const out = int ? new Int32Array(n) : new Float64Array(n);
  floatArith(fn, int, x.xs, x.s, y.xs, y.s, n, out);
  if (int && fn === 'mod') {
    // Integer x % 0 has no value: a null, like polars and SQL.
    for (let i = 0; i < n; i++) {
      if ((y.xs === null ? y.s : y.xs[i]!) === 0) {
        // Never clear a bit of an operand's own bitmap (andValidity may return it as is).
        if (validity === null) validity = new Uint8Array(bitmapBytes(n)).fill(0xff);
        else if (validity === va || validity === vb) validity = validity.slice();
        validity[i >> 3]! &= ~(1 << (i & 7));
      }
    }
  }
  return { column: numberColumn(name, outType, out, validity) };
}

/** A column with the rows in `zero` (integer division by zero) made null. */
function withNulls(c: Column, zero: readonly number[], validity: Uint8Array | null, n: number): Column {
  const v = validity === null ? new Uint8Array(bitmapBytes(n)).fill(0xff) : validity.slice();
  for (const i of zero) v[i >> 3]! &= ~(1 << (i & 7));
  const nulls = nullsIn(v, n);
  const dt = dtypeOfKind(c.dtype.kind, true, c.dtype.int64 === undefined ? {} : { int64: c.dtype.int64 });
  const d = c.data;
  return new Column(c.name, dt, makeData({ type: d.type, length: n, nullCount: nulls, data: d.values, nullBitmap: v } as never));
}

/** `x op y` of two scalars, in the result kind's arithmetic. */
function scalarArith(fn: BinaryOp, kind: DTypeKind, x: number | bigint, y: number | bigint): number | bigint | null {
  if (kind === 'int64') {
    const X = BigInt(x);
    const Y = BigInt(y);
    if (fn === 'mod' && Y === 0n) return null;
    const r = BigInt.asIntN(64, fn === 'add' ? X + Y : fn === 'sub' ? X - Y : fn === 'mul' ? X * Y : X % Y);
    return r >= -9007199254740991n && r <= 9007199254740991n && typeof x === 'number' && typeof y === 'number' ? Number(r) : r;
  }
  const a = Number(x);
  const b = Number(y);
  if (kind === 'int32') {
    if (fn === 'mod' && b === 0) return null;
    return fn === 'mul' ? Math.imul(a, b) : (fn === 'add' ? a + b : fn === 'sub' ? a - b : a % b) | 0;
  }
  return fn === 'add' ? a + b : fn === 'sub' ? a - b : fn === 'mul' ? a * b : fn === 'div' ? a / b : a % b;
}

/** Double (or int32) arithmetic, one loop per operator and operand shape (no closure per row). */
function floatArith(fn: BinaryOp, int: boolean, av: ArrayLike<number> | null, as: number, bv: ArrayLike<number> | null, bs: number, n: number, out: Float64Array | Int32Array): void {
  if (int && fn === 'mul') {
    for (let i = 0; i < n; i++) out[i] = Math.imul(av === null ? as : av[i]!, bv === null ? bs : bv[i]!);
  } else if (fn === 'add') {
    if (av !== null && bv !== null) for (let i = 0; i < n; i++) out[i] = av[i]! + bv[i]!;
    else if (av !== null) for (let i = 0; i < n; i++) out[i] = av[i]! + bs;
    else for (let i = 0; i < n; i++) out[i] = as + bv![i]!;
  } else if (fn === 'sub') {
    if (av !== null && bv !== null) for (let i = 0; i < n; i++) out[i] = av[i]! - bv[i]!;
    else if (av !== null) for (let i = 0; i < n; i++) out[i] = av[i]! - bs;
    else for (let i = 0; i < n; i++) out[i] = as - bv![i]!;
  } else if (fn === 'mul') {
    if (av !== null && bv !== null) for (let i = 0; i < n; i++) out[i] = av[i]! * bv[i]!;
    else if (av !== null) for (let i = 0; i < n; i++) out[i] = av[i]! * bs;
    else for (let i = 0; i < n; i++) out[i] = as * bv![i]!;
  } else if (fn === 'div') {
    for (let i = 0; i < n; i++) out[i] = (av === null ? as : av[i]!) / (bv === null ? bs : bv[i]!);
  } else {
    for (let i = 0; i < n; i++) {
      const y = bv === null ? bs : bv[i]!;
      out[i] = int && y === 0 ? 0 : (av === null ? as : av[i]!) % y;
    }
  }
}

/**
 * Exact int64 arithmetic wrapping modulo 2^64: in doubles while operands and results stay within
 * 2^53 (the usual case), a bigint for each row that leaves it; per-row bigints when an operand
 * holds values beyond 2^53. Returns the rows divided by zero (`mod`), which become null.
 */
function int64Arith(fn: BinaryOp, a: Operand, b: Operand, n: number, name: string, validity: Uint8Array | null, dtype: AnyDType): { column: Column; zero: number[] | null } {
  const zero: number[] = [];
  const valid = (i: number) => validity === null || (validity[i >> 3]! & (1 << (i & 7))) !== 0;
  if (exactDoubles(a) && exactDoubles(b)) {
    const x = doubles(a);
    const y = doubles(b);
    const out = new Float64Array(n);
    floatArith(fn, false, x.xs, x.s, y.xs, y.s, n, out);
    let big: Map<number, bigint> | undefined;
    for (let i = 0; i < n; i++) {
      const v = out[i]!;
      if (v > -TWO_53 && v < TWO_53 && v === v) continue;
      if (!valid(i)) {
        out[i] = 0;
        continue;
      }
      const p = BigInt(x.xs === null ? x.s : x.xs[i]!);
      const q = BigInt(y.xs === null ? y.s : y.xs[i]!);
      if (fn === 'mod' && q === 0n) {
        out[i] = 0;
        zero.push(i);
        continue;
      }
      (big ??= new Map()).set(i, BigInt.asIntN(64, fn === 'add' ? p + q : fn === 'sub' ? p - q : fn === 'mul' ? p * q : p % q));
    }
    return { column: int64Column(name, out, validity, big, dtype), zero: zero.length > 0 ? zero : null };
  }
  const x = a.column !== null ? exactAt(a.column) : null;
  const y = b.column !== null ? exactAt(b.column) : null;
  const xs = BigInt(a.scalar);
  const ys = BigInt(b.scalar);
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    if (!valid(i)) continue;
    const p = x === null ? xs : BigInt(x(i));
    const q = y === null ? ys : BigInt(y(i));
    if (fn === 'mod' && q === 0n) {
      zero.push(i);
      continue;
    }
    out[i] = BigInt.asIntN(64, fn === 'add' ? p + q : fn === 'sub' ? p - q : fn === 'mul' ? p * q : p % q);
  }
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind('int64', nulls > 0, dtype.int64 === undefined ? {} : { int64: dtype.int64 });
  const column = new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: out, nullBitmap: nulls > 0 ? validity! : undefined } as never));
  return { column, zero: zero.length > 0 ? zero : null };
}

/**
 * Evaluate `neg abs floor ceil`: integers keep int32 (wrapping) or int64 (exact, wrapping); floats
 * give float64. `floor`/`ceil` leave integers unchanged.
 * @throws ExpressionError for an operand that is not a number.
 */
export function numericUnary(fn: 'neg' | 'abs' | 'floor' | 'ceil', v: Value, n: number, where: Where): Value {
  if (isDecimalValue(v)) return decimalUnary(fn, v, n, where);
  const a = operand(v, where);
  const name = 'column' in v ? v.column.name : 'literal';
  if (a.integer && (fn === 'floor' || fn === 'ceil')) return v;
  if (a.integer && !a.small) {
    // −x as 0 − x, |x| as x or 0 − x: the exact int64 path.
    const zeroValue: Value = { scalar: 0, dtype: dtypeOfKind('int32', false) };
    if (fn === 'neg') return arithmetic('sub', zeroValue, v, n, where);
    if (a.column === null) return { scalar: typeof a.scalar === 'bigint' ? BigInt.asIntN(64, a.scalar < 0n ? -a.scalar : a.scalar) : Math.abs(a.scalar), dtype: dtypeOfKind('int64', false) };
    const neg = arithmetic('sub', zeroValue, v, n, where) as { column: Column };
    const read = exactAt(a.column);
    const negRead = exactAt(neg.column);
    const values = new Float64Array(n);
    let big: Map<number, bigint> | undefined;
    const validity = validityOf(a.column);
    for (let i = 0; i < n; i++) {
      if (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const x = read(i);
      const r = x < 0 ? negRead(i) : x;
      if (typeof r === 'bigint') (big ??= new Map()).set(i, BigInt.asIntN(64, r));
      else values[i] = r;
    }
    return { column: int64Column(name, values, validity, big, dtypeOfKind('int64', false, a.bigint ? { int64: 'bigint' } : {})) };
  }
  const int = a.integer && a.small;
  const outType = dtypeOfKind(int ? 'int32' : 'float64', false);
  const f = fn === 'neg' ? (x: number) => -x : fn === 'abs' ? Math.abs : fn === 'floor' ? Math.floor : Math.ceil;
  if (a.column === null) return { scalar: a.nullScalar ? null : int ? f(Number(a.scalar)) | 0 : f(Number(a.scalar)), dtype: outType };
  const av = doublesOf(a.column);
  const out = int ? new Int32Array(n) : new Float64Array(n);
  if (fn === 'neg') for (let i = 0; i < n; i++) out[i] = -av[i]!;
  else if (fn === 'abs') for (let i = 0; i < n; i++) out[i] = Math.abs(av[i]!);
  else if (fn === 'floor') for (let i = 0; i < n; i++) out[i] = Math.floor(av[i]!);
  else for (let i = 0; i < n; i++) out[i] = Math.ceil(av[i]!);
  return { column: numberColumn(name, outType, out, validityOf(a.column)) };
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `x` rounded to `d` decimal places, half away from zero, on the shortest decimal form of the
 * double (`round(1.005, 2)` is 1.01, as the value prints). Scaling by 10^d decides every value
 * that is not within rounding error of a tie; the rest are decided on their decimal digits.
 * @example
 * ```ts
 * [roundDecimal(1.005, 2), roundDecimal(-2.5, 0), roundDecimal(1e-7, 0), roundDecimal(1234, -2)]; // → [ 1.01, -3, 0, 1200 ]
 * ```
 */
export function roundDecimal(x: number, d: number): number {
  if (!Number.isFinite(x) || x === 0 || (d >= 0 && Number.isInteger(x))) return x;
  const ax = Math.abs(x);
  if (d >= 0 && d <= 22) {
    const y = ax * POW10[d]!;
    if (y < 2 ** 52) {
      const f = y - Math.floor(y);
      if (Math.abs(f - 0.5) > y * 1e-14 + 1e-300) {
        const r = (f > 0.5 ? Math.ceil(y) : Math.floor(y)) / POW10[d]!;
        return x < 0 ? -r : r;
      }
    }
  }
  const [m, e] = ax.toExponential().split('e') as [string, string];
  const digits = m.replace('.', '');
  const exp = Number(e); // ax = 0.digits × 10^(exp + 1)
  const keep = exp + 1 + d; // digits before the rounding position
  if (keep < 0) return x < 0 ? -0 : 0;
  if (keep >= digits.length) return x;
  let kept = keep === 0 ? 0n : BigInt(digits.slice(0, keep));
  if (digits.charCodeAt(keep) >= 53) kept += 1n; // the next digit is 5 or more: away from zero
  const r = Number(`${kept}e${exp + 1 - keep}`);
  return x < 0 ? -r : r;
}

/**
 * Evaluate `round(decimals)`: floats to float64 (see `roundDecimal`); integers are unchanged for
 * `decimals ≥ 0`, and rounded half away from zero to a multiple of 10^−decimals otherwise, exactly,
 * as int64 (which holds every rounded 32-bit integer; int64 itself wraps at its ends).
 * @throws ExpressionError for a non-integer `decimals` or an operand that is not a number.
 */
export function rounding(v: Value, n: number, where: Where, decimals: number): Value {
  if (!Number.isInteger(decimals)) throw new ExpressionError(where, `decimals must be an integer, got ${decimals}`);
  if (isDecimalValue(v)) return decimalRound(v, n, where, decimals);
  const a = operand(v, where);
  const name = 'column' in v ? v.column.name : 'literal';
  if (a.integer) {
    if (decimals >= 0) return v;
    const q = 10n ** BigInt(-decimals);
    const roundInt = (x: bigint): bigint => {
      const r = x % q;
      const down = x - r;
      return 2n * (r < 0n ? -r : r) >= q ? down + (r < 0n ? -q : q) : down;
    };
    // int64, which holds every rounded 8–32-bit integer; int64 itself wraps at its ends.
    const kind = 'int64';
    if (a.column === null) {
      if (a.nullScalar) return v;
      const r = BigInt.asIntN(64, roundInt(BigInt(a.scalar)));
      return { scalar: typeof a.scalar === 'bigint' ? r : Number(r), dtype: dtypeOfKind(kind, false) };
    }
    const read = exactAt(a.column);
    const validity = validityOf(a.column);
    const values = new Float64Array(n);
    let big: Map<number, bigint> | undefined;
    for (let i = 0; i < n; i++) {
      if (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const r = BigInt.asIntN(64, roundInt(BigInt(read(i))));
      if (r >= -9007199254740991n && r <= 9007199254740991n) values[i] = Number(r);
      else (big ??= new Map()).set(i, r);
    }
    return { column: int64Column(name, values, validity, big, dtypeOfKind('int64', false, a.bigint ? { int64: 'bigint' } : {})) };
  }
  if (a.column === null) return { scalar: a.nullScalar ? null : roundDecimal(Number(a.scalar), decimals), dtype: dtypeOfKind('float64', false) };
  const xs = doublesOf(a.column);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = roundDecimal(xs[i]!, decimals);
  return { column: numberColumn(name, dtypeOfKind('float64', false), out, validityOf(a.column)) };
}
