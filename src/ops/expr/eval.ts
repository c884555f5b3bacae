/**
 * Evaluating expressions column-at-a-time over a frame's typed arrays.
 *
 * Result dtypes:
 * - `add`, `sub`, `mul`, `mod` of integers that fit int32 (int8/16/32, uint8/16, integer literals
 *   in int32 range) give int32 and wrap on overflow, as polars and C do; any other numbers
 *   (float32/64, uint32, int64/uint64 — read as numbers, `Int64RangeError` beyond 2^53) give
 *   float64. `div` always gives float64.
 * - Comparisons give bool; strings compare by code point (their UTF-8 bytes); categorical
 *   columns compare through their dictionary codes; dates and timestamps compare by instant.
 * - Nulls propagate: an operation with a null operand is null, except `and`/`or`, which follow
 *   SQL's three-valued logic, and `isNull`/`isNotNull`, never null.
 * - `str.*` (str-eval.ts): on utf8 or categorical; tests give bool, `length` int32, the others
 *   utf8 (categorical in, categorical out). `dt.*` (dt-eval.ts): on date or timestamp; fields give
 *   int32, `truncate` the input dtype. `when` (when-eval.ts): see `when` for how values unify.
 * A type mismatch (`col('name').gt(5)` on utf8) is an `ExpressionError` before any row is read.
 */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, isNumericKind, type AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { buildData } from '../../column/builders.js';
import type { FrameCore } from '../../core/frame-core.js';
import { bitmapBytes } from '../../util/bits.js';
import { show, type BinaryOp, type ExprNode } from './expr.js';
import { compare } from './compare.js';
import { nullColumn } from '../take.js';
import { strValue } from './str-eval.js';
import { dtValue } from './dt-eval.js';
import { whenValue } from './when-eval.js';
import { castValue } from './cast.js';
import { fillNull } from './fill-null.js';
import { aggregateOverFrame } from './agg-broadcast.js';
import { alignedBits, andValidity, boolColumn, isSmallInt, numberColumn, numbersOf, validityOf } from './values.js';

/** A column, or one value broadcast to every row. */
export type Value = { readonly column: Column } | { readonly scalar: unknown; readonly dtype: AnyDType };

/** The dtype a literal value has. */
export function literalDType(v: unknown, where: string): AnyDType {
  if (v === null) return dtypeOfKind('utf8', true);
  switch (typeof v) {
    case 'number':
      return dtypeOfKind(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0) ? 'int32' : 'float64', false);
    case 'bigint':
      return dtypeOfKind('int64', false);
    case 'string':
      return dtypeOfKind('utf8', false);
    case 'boolean':
      return dtypeOfKind('bool', false);
    default:
      if (v instanceof Date) return dtypeOfKind('timestamp', false);
      throw new ExpressionError(where, `unsupported literal ${String(v)}`);
  }
}

/** The dtype of a value. */
export function dtypeOf(v: Value): AnyDType {
  return 'column' in v ? v.column.dtype : v.dtype;
}

/** Evaluate `node` on `core`. */
export function evaluate(node: ExprNode, core: FrameCore): Value {
  const where = show(node);
  switch (node.op) {
    case 'col':
      return { column: core.column(node.name) };
    case 'lit':
      return { scalar: node.value, dtype: literalDType(node.value, where) };
    case 'alias': {
      const v = evaluate(node.arg, core);
      return 'column' in v ? { column: v.column.rename(node.name) } : v;
    }
    case 'binary':
      return binary(node.fn, evaluate(node.left, core), evaluate(node.right, core), core.height, where);
    case 'unary':
      return unary(node.fn, evaluate(node.arg, core), core.height, where);
    case 'round':
      return rounding(evaluate(node.arg, core), core.height, where, node.decimals);
    case 'isIn':
      return isIn(evaluate(node.arg, core), node.values, core.height);
    case 'fillNull':
      return fillNull(evaluate(node.arg, core), evaluate(node.value, core), core.height, where);
    case 'cast':
      return castValue(evaluate(node.arg, core), node.dtype, core.height, where, node.strict !== false);
    case 'agg':
      return aggregateOverFrame(node, core);
    case 'str':
      return strValue(node.call, evaluate(node.arg, core), core.height, where);
    case 'dt':
      return dtValue(node.call, evaluate(node.arg, core), core.height, where);
    case 'when': {
      const branches = node.branches.map((b) => ({ cond: evaluate(b.cond, core), value: evaluate(b.value, core) }));
      return whenValue(branches, node.otherwise === null ? null : evaluate(node.otherwise, core), core.height, where);
    }
  }
}

/** A value as a full column of `n` rows named `name`. */
export function materialize(v: Value, n: number, name: string): Column {
  if ('column' in v) return v.column.name === name ? v.column : v.column.rename(name);
  const dt = dtypeOfKind(v.dtype.kind, v.scalar === null, v.dtype.int64 === undefined ? {} : { int64: v.dtype.int64 });
  return new Column(name, dt, buildData(new Array<unknown>(n).fill(v.scalar), dt, name));
}

function numericOperand(v: Value, where: string): { values: ArrayLike<number> | null; scalar: number; validity: Uint8Array | null; small: boolean } {
  const dt = dtypeOf(v);
  if ('column' in v) {
    if (!isNumericKind(dt.kind)) throw new ExpressionError(where, `expected numbers, got ${dtypeName(dt)} column "${v.column.name}"`);
    return { values: numbersOf(v.column), scalar: 0, validity: validityOf(v.column), small: isSmallInt(dt.kind) };
  }
  if (v.scalar === null) return { values: null, scalar: NaN, validity: new Uint8Array(0), small: true };
  if (typeof v.scalar === 'bigint') {
    const n = Number(v.scalar);
    if (!Number.isSafeInteger(n)) throw new ExpressionError(where, `${v.scalar}n does not fit a number exactly`);
    return { values: null, scalar: n, validity: null, small: false };
  }
  if (typeof v.scalar !== 'number') throw new ExpressionError(where, `expected a number, got ${typeof v.scalar}`);
  return { values: null, scalar: v.scalar, validity: null, small: isSmallInt(dt.kind) };
}

/** A column of `n` nulls of `dtype`. */
function allNull(dtype: AnyDType, n: number, name: string): Value {
  return { column: nullColumn(name, dtypeOfKind(dtype.kind, true), n) };
}

const ARITH: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  mod: (a, b) => a % b,
};

function arithmetic(fn: BinaryOp, l: Value, r: Value, n: number, where: string): Value {
  const a = numericOperand(l, where);
  const b = numericOperand(r, where);
  const int = fn !== 'div' && a.small && b.small;
  const name = 'column' in l ? l.column.name : 'column' in r ? r.column.name : 'literal';
  const outType = dtypeOfKind(int ? 'int32' : 'float64', false);
  if ((a.values === null && a.validity !== null) || (b.values === null && b.validity !== null)) return allNull(outType, n, name);
  if (a.values === null && b.values === null) {
    const x = ARITH[fn]!(a.scalar, b.scalar);
    return { scalar: int ? (fn === 'mul' ? Math.imul(a.scalar, b.scalar) : x | 0) : x, dtype: outType };
  }
  const out = int ? new Int32Array(n) : new Float64Array(n);
  const av = a.values;
  const bv = b.values;
  const as = a.scalar;
  const bs = b.scalar;
  // One loop per operator and operand shape, chosen once (no closure per row).
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
      const x = av === null ? as : av[i]!;
      const y = bv === null ? bs : bv[i]!;
      // Integer modulo by zero has no value: a null, like polars.
      out[i] = int && y === 0 ? 0 : x % y;
    }
  }
  let validity = andValidity(a.validity, b.validity, n);
  if (int && fn === 'mod') {
    // x % 0 → null for integers.
    for (let i = 0; i < n; i++) {
      if ((bv === null ? bs : bv[i]!) === 0) {
        validity ??= new Uint8Array(bitmapBytes(n)).fill(0xff);
        if (validity === a.validity || validity === b.validity) validity = validity.slice();
        validity[i >> 3]! &= ~(1 << (i & 7));
      }
    }
  }
  return { column: numberColumn(name, outType, out, validity) };
}

function logical(fn: 'and' | 'or', l: Value, r: Value, n: number, where: string): Value {
  const bits = (v: Value): { bits: Uint8Array | null; scalar: boolean | null; validity: Uint8Array | null } => {
    const dt = dtypeOf(v);
    if ('column' in v) {
      if (dt.kind !== 'bool') throw new ExpressionError(where, `expected booleans, got ${dtypeName(dt)} column "${v.column.name}"`);
      const d = v.column.data;
      return { bits: alignedBits(d.values as Uint8Array, d.offset, n), scalar: null, validity: validityOf(v.column) };
    }
    if (v.scalar !== null && typeof v.scalar !== 'boolean') throw new ExpressionError(where, `expected a boolean, got ${typeof v.scalar}`);
    return { bits: null, scalar: v.scalar as boolean | null, validity: null };
  };
  const a = bits(l);
  const b = bits(r);
  const name = 'column' in l ? l.column.name : 'literal';
  if (a.bits !== null && b.bits !== null && a.validity === null && b.validity === null) {
    // No nulls: one byte operation per 8 rows.
    const out = new Uint8Array(bitmapBytes(n));
    const x = a.bits;
    const y = b.bits;
    if (fn === 'and') for (let i = 0; i < out.length; i++) out[i] = x[i]! & y[i]!;
    else for (let i = 0; i < out.length; i++) out[i] = x[i]! | y[i]!;
    return { column: boolColumn(name, out, null, n) };
  }
  // Three-valued logic a byte (eight rows) at a time over value and validity bits:
  // and: true where both are true, false where either is false; or: the dual; else null.
  const bytes = bitmapBytes(n);
  const out = new Uint8Array(bytes);
  const valid = new Uint8Array(bytes);
  const fill = (v: boolean): Uint8Array => new Uint8Array(bytes).fill(v ? 0xff : 0);
  const av = a.bits ?? fill(a.scalar === true);
  const bv = b.bits ?? fill(b.scalar === true);
  const aok = a.validity ?? fill(a.bits !== null || a.scalar !== null);
  const bok = b.validity ?? fill(b.bits !== null || b.scalar !== null);
  logicBytes(fn === 'and', av, aok, bv, bok, out, valid);
  return { column: boolColumn(name, out, valid, n) };
}

/** Kleene `and` / `or` of (values, validity) bitmaps into `out` / `valid`, byte by byte. */
function logicBytes(and: boolean, av: Uint8Array, aok: Uint8Array, bv: Uint8Array, bok: Uint8Array, out: Uint8Array, valid: Uint8Array): void {
  for (let i = 0; i < out.length; i++) {
    const at = av[i]! & aok[i]!;
    const af = ~av[i]! & aok[i]!;
    const bt = bv[i]! & bok[i]!;
    const bf = ~bv[i]! & bok[i]!;
    const t = and ? at & bt : at | bt;
    const f = and ? af | bf : af & bf;
    out[i] = t;
    valid[i] = (t | f) & 0xff;
  }
}

function binary(fn: BinaryOp, l: Value, r: Value, n: number, where: string): Value {
  switch (fn) {
    case 'and':
    case 'or':
      return logical(fn, l, r, n, where);
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(fn, l, r, n, where);
    default:
      return arithmetic(fn, l, r, n, where);
  }
}

function unary(fn: string, v: Value, n: number, where: string): Value {
  const name = 'column' in v ? v.column.name : 'literal';
  if (fn === 'isNull' || fn === 'isNotNull') {
    const validity = 'column' in v ? validityOf(v.column) : null;
    const isNull = 'column' in v ? null : v.scalar === null;
    const out = new Uint8Array(bitmapBytes(n));
    for (let i = 0; i < n; i++) {
      const nul = isNull ?? (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0);
      if (nul === (fn === 'isNull')) out[i >> 3]! |= 1 << (i & 7);
    }
    return { column: boolColumn(name, out, null, n) };
  }
  if (fn === 'not') {
    const dt = dtypeOf(v);
    if (dt.kind !== 'bool') throw new ExpressionError(where, `expected booleans, got ${dtypeName(dt)}`);
    if (!('column' in v)) return { scalar: v.scalar === null ? null : !v.scalar, dtype: dt };
    const d = v.column.data;
    const bits = alignedBits(d.values as Uint8Array, d.offset, n);
    const out = new Uint8Array(bitmapBytes(n));
    for (let i = 0; i < out.length; i++) out[i] = ~bits[i]! & 0xff;
    return { column: boolColumn(name, out, validityOf(v.column), n) };
  }
  const a = numericOperand(v, where);
  const int = a.small;
  const outType = dtypeOfKind(int ? 'int32' : 'float64', false);
  const f = fn === 'neg' ? (x: number) => -x : fn === 'abs' ? Math.abs : fn === 'floor' ? Math.floor : Math.ceil;
  if (a.values === null) return { scalar: a.validity !== null ? null : int ? f(a.scalar) | 0 : f(a.scalar), dtype: outType };
  const out = int ? new Int32Array(n) : new Float64Array(n);
  const av = a.values;
  if (fn === 'neg') for (let i = 0; i < n; i++) out[i] = -av[i]!;
  else if (fn === 'abs') for (let i = 0; i < n; i++) out[i] = Math.abs(av[i]!);
  else if (fn === 'floor') for (let i = 0; i < n; i++) out[i] = Math.floor(av[i]!);
  else for (let i = 0; i < n; i++) out[i] = Math.ceil(av[i]!);
  return { column: numberColumn(name, outType, out, a.validity) };
}

function rounding(v: Value, n: number, where: string, decimals: number): Value {
  if (!Number.isInteger(decimals)) throw new ExpressionError(where, `decimals must be an integer, got ${decimals}`);
  const a = numericOperand(v, where);
  const name = 'column' in v ? v.column.name : 'literal';
  // Half away from zero, on the decimal value the double prints as (1.005 → 1.01 at 2 places).
  const round = (x: number) => (Number.isFinite(x) ? Math.sign(x) * Number(`${Math.round(Number(`${Math.abs(x)}e${decimals}`))}e${-decimals}`) : x);
  if (a.small && decimals >= 0) return v;
  if (a.values === null) return { scalar: a.validity !== null ? null : round(a.scalar), dtype: dtypeOfKind('float64', false) };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = round(a.values[i]!);
  return { column: numberColumn(name, dtypeOfKind('float64', false), out, a.validity) };
}

function isIn(v: Value, values: readonly unknown[], n: number): Value {
  if (!('column' in v)) return { scalar: v.scalar === null ? null : values.some((x) => sameValue(x, v.scalar)), dtype: dtypeOfKind('bool', false) };
  const c = v.column;
  const keys = new Set(values.map((x) => keyOf(x)));
  const out = new Uint8Array(bitmapBytes(n));
  const kind = c.dtype.kind;
  if (kind === 'categorical') {
    const dict = c.access.dict!;
    const hit = dict.map((s) => keys.has(s));
    const codes = c.data.values as Uint8Array;
    for (let i = 0; i < n; i++) if (hit[codes[i]!]) out[i >> 3]! |= 1 << (i & 7);
  } else {
    for (let i = 0; i < n; i++) {
      const x = c.at(i);
      if (x !== null && keys.has(keyOf(x))) out[i >> 3]! |= 1 << (i & 7);
    }
  }
  return { column: boolColumn(c.name, out, validityOf(c), n) };
}

function keyOf(x: unknown): unknown {
  return x instanceof Date ? x.getTime() : typeof x === 'bigint' && Number.isSafeInteger(Number(x)) ? Number(x) : x;
}

function sameValue(a: unknown, b: unknown): boolean {
  return keyOf(a) === keyOf(b);
}
