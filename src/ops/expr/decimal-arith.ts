/**
 * Decimal arithmetic on unscaled integers with SQL's (DuckDB's) type rules:
 * - `add`/`sub`: scale max(s1, s2), precision max(p1 − s1, p2 − s2) + max(s1, s2) + 1;
 * - `mul`: scale s1 + s2, precision p1 + p2;
 * - `mod`: scale max(s1, s2), precision max(p1 − s1, p2 − s2) + max(s1, s2); sign of the dividend,
 *   a zero divisor gives null;
 * - `div`, and anything with a float: float64 (each decimal converted to the nearest double).
 * An integer operand counts as a decimal of scale 0 and its kind's digits (int32: 10, int64: 19).
 * The precision is capped at 38 (76 when an operand already has more than 38 digits); a value
 * that does not fit the capped precision, or a scale beyond it, is an `ExpressionError` (naming
 * the row), as DuckDB raises — never a wrapped or rounded value. Results of at most 15 digits
 * are computed in doubles (exact there), the rest on bigints.
 */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, MAX_DECIMAL_PRECISION, type AnyDType } from '../../dtype/dtype.js';
import { Decimal, pow10 } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import { nullColumn } from '../take.js';
import type { BinaryOp, Where } from './expr.js';
import type { Value } from './eval.js';
import { exactAt, isIntegerKind } from './exact.js';
import { decimalLiteralType } from './constant.js';
import { decimalColumn, decimalFromDoubles, decimalToNumber, decimalType, INTEGER_DIGITS, unscaledDoubles, unscaledReader } from './decimal-values.js';
import { andValidity, numberColumn, validityOf } from './values.js';

/** The most digits a result takes before the 256-bit width. */
const CAP = MAX_DECIMAL_PRECISION[128]!;
const WIDE_CAP = MAX_DECIMAL_PRECISION[256]!;
/** Results of at most this many digits are exact in doubles. */
const DOUBLE_DIGITS = 15;

/** One operand: a decimal or integer column, or a literal's unscaled value. */
interface DecimalOperand {
  readonly column: Column | null;
  /** The literal's unscaled value; null for a null literal or a column. */
  readonly scalar: bigint | null;
  readonly precision: number;
  readonly scale: number;
}

/** Whether a value is a decimal column or a `Decimal` literal. */
export function isDecimalValue(v: Value): boolean {
  return 'column' in v ? v.column.dtype.kind === 'decimal' : v.scalar instanceof Decimal;
}

/** An operand as a decimal, or null when it is a float (the arithmetic is then float64). */
function operandOf(v: Value, where: Where): DecimalOperand | null {
  if ('column' in v) {
    const d = v.column.dtype;
    if (d.kind === 'decimal') return { column: v.column, scalar: null, precision: d.precision!, scale: d.scale! };
    if (isIntegerKind(d.kind)) return { column: v.column, scalar: null, precision: INTEGER_DIGITS[d.kind]!, scale: 0 };
    if (d.kind === 'float32' || d.kind === 'float64') return null;
    throw new ExpressionError(where, `expected numbers, got ${dtypeName(d)} column "${v.column.name}"`);
  }
  const s = v.scalar;
  if (s === null) return { column: null, scalar: null, precision: 1, scale: 0 };
  if (s instanceof Decimal) {
    const t = decimalLiteralType(s);
    return { column: null, scalar: s.scale >= 0 ? s.unscaled : s.unscaled * pow10(-s.scale), precision: t.precision!, scale: t.scale! };
  }
  if (typeof s === 'bigint') return { column: null, scalar: s, precision: s >= -(2n ** 63n) && s < 2n ** 63n ? 19 : 20, scale: 0 };
  if (typeof s === 'number') {
    if (!Number.isInteger(s) || Object.is(s, -0) || !Number.isSafeInteger(s)) return null;
    return { column: null, scalar: BigInt(s), precision: s >= -2147483648 && s <= 2147483647 ? 10 : 19, scale: 0 };
  }
  throw new ExpressionError(where, `expected a number, got ${typeof s}`);
}

/** The result precision and scale of `fn` (before the cap). */
function resultShape(fn: BinaryOp, a: DecimalOperand, b: DecimalOperand): { precision: number; scale: number } {
  const whole = Math.max(a.precision - a.scale, b.precision - b.scale);
  const scale = Math.max(a.scale, b.scale);
  switch (fn) {
    case 'add':
    case 'sub':
      return { precision: whole + scale + 1, scale };
    case 'mul':
      return { precision: a.precision + b.precision, scale: a.scale + b.scale };
    default:
      return { precision: whole + scale, scale };
  }
}

/** A decimal column's values (or an integer column's) as the nearest doubles, as a float64 column. */
export function decimalAsFloat(c: Column): Column {
  const n = c.length;
  const out = new Float64Array(n);
  const scale = c.dtype.scale ?? 0;
  if ((c.dtype.precision ?? 39) <= DOUBLE_DIGITS && scale >= 0 && scale <= 22) {
    // Both exact doubles: one correctly rounded division.
    const xs = unscaledDoubles(c);
    const f = 10 ** scale;
    for (let i = 0; i < n; i++) out[i] = xs[i]! / f;
  } else {
    const read = unscaledReader(c);
    const valid = validityOf(c);
    for (let i = 0; i < n; i++) if (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0) out[i] = decimalToNumber(read(i), scale);
  }
  return numberColumn(c.name, dtypeOfKind('float64', false), out, validityOf(c));
}

/** A decimal value as float64 (columns converted, literals to the nearest number). */
function asFloat(v: Value): Value {
  if ('column' in v) return v.column.dtype.kind === 'decimal' ? { column: decimalAsFloat(v.column) } : v;
  return v.scalar instanceof Decimal ? { scalar: v.scalar.toNumber(), dtype: dtypeOfKind('float64', false) } : v;
}

/**
 * Evaluate `add sub mul div mod` where an operand is a decimal (see the module comment).
 * @param floatArithmetic - the float64 kernel, for `div` and float operands.
 * @throws ExpressionError for a non-number operand, a scale beyond the cap, or a value beyond the result's precision.
 */
export function decimalArithmetic(fn: BinaryOp, l: Value, r: Value, n: number, where: Where, floatArithmetic: (fn: BinaryOp, l: Value, r: Value) => Value): Value {
  const a = operandOf(l, where);
  const b = operandOf(r, where);
  if (fn === 'div' || a === null || b === null) return floatArithmetic(fn, asFloat(l), asFloat(r));
  const name = 'column' in l ? l.column.name : 'column' in r ? r.column.name : 'literal';
  const shape = resultShape(fn, a, b);
  const cap = a.precision > CAP || b.precision > CAP ? WIDE_CAP : CAP;
  if (shape.scale > cap) {
    throw new ExpressionError(where, `the product needs scale ${shape.scale}, beyond the ${cap} digits a decimal holds; cast an operand to a smaller scale or to float64 first`);
  }
  const precision = Math.min(shape.precision, cap);
  const dtype = decimalType(precision, shape.scale);
  if (('scalar' in l && l.scalar === null) || ('scalar' in r && r.scalar === null)) return { column: nullColumn(name, dtype, n) };
  const ka = fn === 'mul' ? 1n : pow10(shape.scale - a.scale);
  const kb = fn === 'mul' ? 1n : pow10(shape.scale - b.scale);
  const limit = pow10(precision);
  if (a.column === null && b.column === null) {
    const v = combine(fn, a.scalar! * ka, b.scalar! * kb);
    if (v === null) return { scalar: null, dtype };
    if (v >= limit || v <= -limit) throw beyond(where, 0, v, dtype);
    return { scalar: new Decimal(v, shape.scale), dtype };
  }
  let validity = andValidity(a.column === null ? null : validityOf(a.column), b.column === null ? null : validityOf(b.column), n);
  if (shape.precision <= DOUBLE_DIGITS) {
    const x = doublesAt(a, Number(ka), n);
    const y = doublesAt(b, Number(kb), n);
    const out = new Float64Array(n);
    let zero: number[] | null = null;
    for (let i = 0; i < n; i++) {
      const p = x.values === null ? x.scalar : x.values[i]!;
      const q = y.values === null ? y.scalar : y.values[i]!;
      if (fn === 'add') out[i] = p + q;
      else if (fn === 'sub') out[i] = p - q;
      else if (fn === 'mul') out[i] = p * q;
      else if (q === 0) (zero ??= []).push(i);
      else out[i] = (p % q) + 0; // + 0: no −0 in the unscaled integers
    }
    if (zero !== null) validity = withNulls(validity, zero, n);
    return { column: decimalFromDoubles(name, dtype, out, validity) };
  }
  const x = bigintsAt(a);
  const y = bigintsAt(b);
  const out = new Array<bigint>(n).fill(0n);
  let zero: number[] | null = null;
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const v = combine(fn, x(i) * ka, y(i) * kb);
    if (v === null) {
      (zero ??= []).push(i);
      continue;
    }
    if (v >= limit || v <= -limit) throw beyond(where, i, v, dtype);
    out[i] = v;
  }
  if (zero !== null) validity = withNulls(validity, zero, n);
  return { column: decimalColumn(name, dtype, out, validity) };
}

function combine(fn: BinaryOp, x: bigint, y: bigint): bigint | null {
  switch (fn) {
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    default:
      return y === 0n ? null : x % y;
  }
}

function beyond(where: Where, i: number, v: bigint, dtype: AnyDType): ExpressionError {
  return new ExpressionError(where, `row ${i}: ${new Decimal(v, dtype.scale!).toString()} does not fit ${dtypeName(dtype)}; cast an operand to float64 for an approximate result`);
}

/** A validity bitmap with the rows `rows` cleared (a copy). */
function withNulls(validity: Uint8Array | null, rows: readonly number[], n: number): Uint8Array {
  const v = validity === null ? new Uint8Array((n + 7) >> 3).fill(0xff) : validity.slice();
  for (const i of rows) v[i >> 3]! &= ~(1 << (i & 7));
  return v;
}

/** An operand's unscaled values times `k`, as doubles (only for results of at most 15 digits). */
function doublesAt(o: DecimalOperand, k: number, n: number): { values: Float64Array | null; scalar: number } {
  if (o.column === null) return { values: null, scalar: Number(o.scalar!) * k };
  const c = o.column;
  let xs: Float64Array;
  if (c.dtype.kind === 'decimal') xs = unscaledDoubles(c);
  else {
    const read = exactAt(c);
    xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = Number(read(i));
  }
  if (k !== 1) for (let i = 0; i < n; i++) xs[i] = xs[i]! * k;
  return { values: xs, scalar: 0 };
}

/** An operand's unscaled values as a per-row bigint reader. */
function bigintsAt(o: DecimalOperand): (i: number) => bigint {
  if (o.column === null) {
    const s = o.scalar!;
    return () => s;
  }
  if (o.column.dtype.kind === 'decimal') return unscaledReader(o.column);
  const read = exactAt(o.column);
  return (i) => BigInt(read(i));
}

/**
 * `neg`, `abs`, `floor` or `ceil` of a decimal: negation and magnitude keep the dtype; floor and
 * ceil give scale 0 (DuckDB: decimal(p, 0)).
 */
export function decimalUnary(fn: 'neg' | 'abs' | 'floor' | 'ceil', v: Value, n: number, where: Where): Value {
  return decimalRounded(fn, v, n, where, 0);
}

/**
 * `round(d)` of a decimal: half away from zero to `d` fraction digits (scale `d`; a `d` at or
 * beyond the scale leaves the value; a negative `d` rounds to tens, hundreds … at scale 0).
 */
export function decimalRound(v: Value, n: number, where: Where, decimals: number): Value {
  return decimalRounded('round', v, n, where, decimals);
}

function decimalRounded(fn: 'neg' | 'abs' | 'floor' | 'ceil' | 'round', v: Value, n: number, where: Where, decimals: number): Value {
  const d = 'column' in v ? v.column.dtype : decimalLiteralType(v.scalar as Decimal);
  const s = d.scale!;
  const keep = fn === 'neg' || fn === 'abs' || (fn === 'round' && decimals >= s);
  const newScale = keep ? s : fn === 'round' ? Math.max(decimals, 0) : 0;
  // DuckDB keeps the precision and changes the scale.
  const dtype = decimalType(Math.max(d.precision!, newScale, 1), newScale);
  const drop = pow10(s - newScale); // the unscaled value is divided by this
  const unit = fn === 'round' && decimals < 0 ? pow10(-decimals) : 1n; // then rounded to a multiple of this
  const apply = (x: bigint): bigint => {
    if (fn === 'neg') return -x;
    if (fn === 'abs') return x < 0n ? -x : x;
    if (keep) return x;
    const step = drop * unit;
    const q = x / step;
    const r = x - q * step;
    let out = q;
    if (fn === 'floor' && r < 0n) out = q - 1n;
    else if (fn === 'ceil' && r > 0n) out = q + 1n;
    else if (fn === 'round' && 2n * (r < 0n ? -r : r) >= step) out = r < 0n ? q - 1n : q + 1n;
    return out * unit;
  };
  if ('scalar' in v) return { scalar: v.scalar === null ? null : new Decimal(apply(unscaledOf(v.scalar as Decimal, s)), newScale), dtype };
  const c = v.column;
  const read = unscaledReader(c);
  const valid = validityOf(c);
  const out = new Array<bigint>(n).fill(0n);
  const limit = pow10(dtype.precision!);
  for (let i = 0; i < n; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const x = apply(read(i));
    if (x >= limit || x <= -limit) throw beyond(where, i, x, dtype);
    out[i] = x;
  }
  return { column: decimalColumn(c.name, dtype, out, valid) };
}

function unscaledOf(d: Decimal, scale: number): bigint {
  return scale >= d.scale ? d.unscaled * pow10(scale - d.scale) : d.unscaled / pow10(d.scale - scale);
}
