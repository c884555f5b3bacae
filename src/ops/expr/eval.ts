/**
 * Evaluating expressions column-at-a-time over a frame's typed arrays.
 *
 * Result dtypes:
 * - `add`, `sub`, `mul`, `mod` (arith.ts) of integers that fit int32 (int8/16/32, uint8/16,
 *   integer literals in int32 range) give int32 and wrap on overflow, as polars and C do; other
 *   integers give int64, exact, wrapping modulo 2^64; anything with a float gives float64. `div`
 *   always gives float64.
 * - Comparisons (compare.ts) give bool; numbers in a total order (NaN equals NaN and is greatest,
 *   −0 equals 0, 64-bit integers exact); strings by code point (their UTF-8 bytes); categorical
 *   columns through their dictionary codes; dates and timestamps by instant.
 * - Nulls propagate: an operation with a null operand is null, except `and`/`or`, which follow
 *   SQL's three-valued logic, and `isNull`/`isNotNull`, never null.
 * - `str.*` (str-eval.ts): on utf8 or categorical; tests give bool, `length` int32, the others
 *   utf8 (categorical in, categorical out). `dt.*` (dt-eval.ts): on date or timestamp of any
 *   unit; fields give int32, `truncate` the input dtype, duration totals int64. `list.*`
 *   (list-eval.ts) and `struct.field` (struct-eval.ts) on nested columns. `when` (when-eval.ts):
 *   see `when` for how values unify.
 * - Instants and durations (arith-temporal.ts, compare-temporal.ts) and decimals
 *   (decimal-arith.ts, decimal-compare.ts) compute exactly; a result beyond its dtype raises.
 * A type mismatch (`col('name').gt(5)` on utf8) is an `ExpressionError` before any row is read.
 */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { buildData } from '../../column/builders.js';
import type { FrameCore } from '../../core/frame-core.js';
import { bitmapBytes } from '../../util/bits.js';
import { chainOf, ExprText, type BinaryOp, type ExprNode, type Where } from './expr.js';
import { compare } from './compare.js';
import { strValue } from './str-eval.js';
import { dtValue } from './dt-eval.js';
import { listValue } from './list-eval.js';
import { structValue } from './struct-eval.js';
import { whenValue } from './when-eval.js';
import { alignedBits, boolColumn, validityOf } from './values.js';
import { arithmetic, numericUnary, rounding } from './arith.js';
import { canonicalKey, exactAt } from './exact.js';
import { castValue } from './cast.js';
import { fillNull } from './fill-null.js';
import { aggregateOverFrame } from './agg-broadcast.js';
import { Decimal, Instant } from '../../dtype/values.js';
import { constantColumn, decimalLiteralType } from './constant.js';
import { countIn, unitOf } from './units.js';
import { unscaledAt, unscaledReader } from './decimal-values.js';

/** A column, or one value broadcast to every row. */
export type Value = { readonly column: Column } | { readonly scalar: unknown; readonly dtype: AnyDType };

/** The dtype a literal value has. */
export function literalDType(v: unknown, where: Where): AnyDType {
  if (v === null) return dtypeOfKind('utf8', true);
  switch (typeof v) {
    case 'number':
      // Integers in int32 range are int32, other safe integers int64 (as polars types literals).
      if (!Number.isInteger(v) || Object.is(v, -0)) return dtypeOfKind('float64', false);
      return dtypeOfKind(v >= -2147483648 && v <= 2147483647 ? 'int32' : Number.isSafeInteger(v) ? 'int64' : 'float64', false);
    case 'bigint':
      // int64, or uint64 from 2^63 on. A literal beyond both still compares exactly; where a
      // column must hold it (arithmetic, when, fillNull) its dtype's range decides.
      return dtypeOfKind(v >= 2n ** 63n ? 'uint64' : 'int64', false, { int64: 'bigint' });
    case 'string':
      return dtypeOfKind('utf8', false);
    case 'boolean':
      return dtypeOfKind('bool', false);
    default:
      if (v instanceof Date) return dtypeOfKind('timestamp', false);
      if (v instanceof Instant) return dtypeOfKind('timestamp', false, { unit: v.unit });
      if (v instanceof Decimal) return decimalLiteralType(v);
      throw new ExpressionError(where, `unsupported literal ${String(v)}`);
  }
}

/** The dtype of a value. */
export function dtypeOf(v: Value): AnyDType {
  return 'column' in v ? v.column.dtype : v.dtype;
}

/**
 * Evaluate `node` on `core`. A chain (`a.or(b).or(c)…`) is evaluated in a loop from its first
 * receiver up, so its length is not bounded by the stack; only arguments recurse, and they nest
 * at most `MAX_EXPR_NESTING` deep. Error messages print the failing sub-expression only when an
 * error is thrown.
 */
export function evaluate(node: ExprNode, core: FrameCore): Value {
  const chain = chainOf(node);
  let k = chain.length - 1;
  // An aggregation evaluates its own argument (once for the whole frame).
  for (let j = k; j >= 0; j--) if (chain[j]!.op === 'agg') k = j;
  let v = head(chain[k]!, core);
  for (k--; k >= 0; k--) v = step(chain[k]!, v, core);
  return v;
}

/** The value of a chain's first node: a column, a literal, `when`, or an aggregation. */
function head(node: ExprNode, core: FrameCore): Value {
  switch (node.op) {
    case 'col':
      return { column: core.column(node.name) };
    case 'lit':
      return { scalar: node.value, dtype: literalDType(node.value, new ExprText(node)) };
    case 'agg':
      return aggregateOverFrame(node, core);
    case 'when': {
      const branches = node.branches.map((b) => ({ cond: evaluate(b.cond, core), value: evaluate(b.value, core) }));
      return whenValue(branches, node.otherwise === null ? null : evaluate(node.otherwise, core), core.height, new ExprText(node));
    }
    default:
      throw new ExpressionError(node.op, 'not the start of an expression');
  }
}

/** The value of `node` given `v`, the value of its receiver. */
function step(node: ExprNode, v: Value, core: FrameCore): Value {
  const where = new ExprText(node);
  switch (node.op) {
    case 'alias':
      return 'column' in v ? { column: v.column.rename(node.name) } : v;
    case 'binary':
      return binary(node.fn, v, evaluate(node.right, core), core.height, where);
    case 'unary':
      return unary(node.fn, v, core.height, where);
    case 'round':
      return rounding(v, core.height, where, node.decimals);
    case 'isIn':
      return isIn(v, node.values, core.height);
    case 'fillNull':
      return fillNull(v, evaluate(node.value, core), core.height, where);
    case 'cast':
      return castValue(v, node.dtype, core.height, where, node.strict !== false);
    case 'str':
      return strValue(node.call, v, core.height, where);
    case 'dt':
      return dtValue(node.call, v, core.height, where);
    case 'list':
      return listValue(node.call, v, core.height, where);
    case 'struct':
      return structValue(node.call, v, where);
    default:
      return head(node, core);
  }
}

/** A value as a full column of `n` rows named `name`. */
export function materialize(v: Value, n: number, name: string): Column {
  if ('column' in v) return v.column.name === name ? v.column : v.column.rename(name);
  const constant = constantColumn(v.scalar, v.dtype, n, name);
  if (constant !== null) return constant;
  const dt = dtypeOfKind(v.dtype.kind, v.scalar === null, v.dtype.int64 === undefined ? {} : { int64: v.dtype.int64 });
  return new Column(name, dt, buildData(new Array<unknown>(n).fill(v.scalar), dt, name));
}

function logical(fn: 'and' | 'or', l: Value, r: Value, n: number, where: Where): Value {
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

function binary(fn: BinaryOp, l: Value, r: Value, n: number, where: Where): Value {
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

function unary(fn: string, v: Value, n: number, where: Where): Value {
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
  return numericUnary(fn as 'neg' | 'abs' | 'floor' | 'ceil', v, n, where);
}

function isIn(v: Value, values: readonly unknown[], n: number): Value {
  // Instants against a timestamp column: as counts of the column's unit (a value between two counts is in no row).
  const unit = 'column' in v && v.column.dtype.kind === 'timestamp' ? unitOf(v.column.dtype) : null;
  const keys = new Set(
    values.map((x) => {
      if (unit === null || !(x instanceof Date || x instanceof Instant)) return memberKey(x);
      const c = countIn(x, unit);
      return c.exact ? canonicalKey(c.floor) : NaN;
    }),
  );
  if (!('column' in v)) return { scalar: v.scalar === null ? null : keys.has(memberKey(v.scalar)), dtype: dtypeOfKind('bool', false) };
  const c = v.column;
  const out = new Uint8Array(bitmapBytes(n));
  const kind = c.dtype.kind;
  const valid = validityOf(c);
  if (kind === 'decimal') {
    // Members as unscaled values at the column's scale (a number by its shortest text); others match nothing.
    const scale = c.dtype.scale ?? 0;
    const wanted = new Set<bigint>();
    for (const x of values) {
      if (x instanceof Decimal || typeof x === 'bigint' || (typeof x === 'number' && Number.isFinite(x))) {
        const u = unscaledAt(x, scale);
        if (u !== null) wanted.add(u);
      }
    }
    const read = unscaledReader(c);
    for (let i = 0; i < n; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      if (wanted.has(read(i))) out[i >> 3]! |= 1 << (i & 7);
    }
  } else if (kind === 'categorical') {
    const dict = c.access.dict!;
    const hit = dict.map((s) => keys.has(s));
    const codes = c.data.values as Uint8Array;
    for (let i = 0; i < n; i++) if (hit[codes[i]!]) out[i >> 3]! |= 1 << (i & 7);
  } else {
    // Numbers, dates and timestamps by exact value (milliseconds for times); text and booleans as read.
    const read = kind === 'utf8' || kind === 'bool' ? (i: number) => c.at(i) : exactAt(c);
    for (let i = 0; i < n; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      if (keys.has(memberKey(read(i)))) out[i >> 3]! |= 1 << (i & 7);
    }
  }
  return { column: boolColumn(c.name, out, valid, n) };
}

/** The set key of a value: numbers and bigints by exact value (−0 as 0, one NaN), dates and instants as milliseconds. */
function memberKey(x: unknown): unknown {
  if (x instanceof Date) return x.getTime();
  if (x instanceof Instant) {
    const c = countIn(x, 'ms');
    return c.exact ? canonicalKey(c.floor) : x.toString();
  }
  return typeof x === 'number' || typeof x === 'bigint' ? canonicalKey(x) : x;
}
