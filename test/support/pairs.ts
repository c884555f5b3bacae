/**
 * Expressions built twice, side by side: the colframe `Expr`, the code that builds it (for
 * reproductions) and the DuckDB SQL that computes what colframe's decided semantics say it must
 * give. The SQL is written for exact values: numeric comparisons never go through DuckDB's
 * implicit casts (INTEGER = FLOAT compares in float there), integer arithmetic is computed in
 * HUGEINT and wrapped as colframe wraps (difference 1), an int64 compared with a float compares
 * exactly (difference 2), `round` rounds the shortest decimal form (difference 3).
 */
import { Expr, col, lit, type AnyDType, type DTypeKind } from '../../src/index.js';
import { dtypeOf, is64, isFloat, isInt, isNumber, isText, numberCode, dateCode, type ColumnSpec } from './frame-specs.js';
import { ident, sqlString, sqlType } from './duckdb.js';
import { jsString } from './values.js';

/** The four families of values colframe compares within. */
export type Family = 'number' | 'string' | 'bool' | 'time';

/** The family of a kind. */
export function familyOf(kind: DTypeKind): Family {
  if (isNumber(kind)) return 'number';
  if (isText(kind)) return 'string';
  if (kind === 'bool') return 'bool';
  return 'time';
}

/** How a colframe result is compared with DuckDB's. */
export type CompareMode =
  | { readonly kind: 'exact' }
  /** colframe gives text; it must parse (Number) to DuckDB's float (float32: after rounding to float32). */
  | { readonly kind: 'text-number'; readonly float32: boolean }
  /** colframe gives text; it must name DuckDB's instant (read exactly, any year). */
  | { readonly kind: 'text-instant' }
  /** DuckDB gives `[its upper/lower, the input]` as JSON; see difference 7. */
  | { readonly kind: 'case'; readonly fn: 'upper' | 'lower' };

/** An expression built for both sides. */
export interface Pair {
  /** The colframe expression. */
  readonly e: Expr;
  /** Code building it (as written in a reproduction). */
  readonly code: string;
  /** The same, as an argument of a method (`5` rather than `lit(5)` for literals). */
  readonly arg: string;
  /** DuckDB SQL of the value colframe must give. */
  readonly sql: string;
  /** The dtype colframe must give (nullability not checked); null when not decided. */
  readonly dt: AnyDType | null;
  /** Whether this is the null literal. */
  readonly isNull?: boolean;
  /** Whether the value is a literal (no column). */
  readonly isLit?: boolean;
  /** Whether this is a bare column or literal. */
  readonly leaf?: boolean;
  /** How to compare (default exact). */
  readonly mode?: CompareMode;
  /** For integer results: the range of the decided dtype; a DuckDB value beyond it means colframe must raise (difference 4). */
  readonly range?: readonly [bigint, bigint];
  /** For strict casts: SQL of the argument (colframe must throw iff some non-null argument gives null). */
  readonly strictArg?: string;
  /** The outermost operation, for grouping mismatches. */
  readonly op?: string;
  /** Sub-expressions that are checked on their own when this one disagrees (to find the smallest). */
  readonly parts?: readonly Pair[];
}

/** The operands that are expressions themselves (not bare columns or literals). */
export function inner(...xs: Pair[]): Pair[] {
  return xs.filter((x) => x.leaf !== true);
}

/** Every sub-expression listed in `parts`, recursively, then `p` itself. */
export function allParts(p: Pair): Pair[] {
  return [...(p.parts ?? []).flatMap(allParts), p];
}

/** The names of the columns an expression reads. */
export function columnsOf(p: Pair): string[] {
  return [...p.code.matchAll(/col\("((?:[^"\\]|\\.)*)"\)/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

/** The sentinel DuckDB gives for a row whose value the semantics do not settle (not compared). */
export const SKIP = '§skip';

/**
 * The prefix of a sentinel `§instant:<ms>`: colframe's text for the row is not settled, but must
 * read back (Date.parse) as that instant.
 */
export const INSTANT_TEXT = '§instant:';

const H = (x: string) => `CAST(${x} AS HUGEINT)`;
const D = (x: string) => `CAST(${x} AS DOUBLE)`;
const hugeConst = (n: bigint) => `CAST('${n}' AS HUGEINT)`;

// ------------------------------------------------------------------ leaves

/** A column. */
export function colP(c: Pick<ColumnSpec, 'name' | 'dtype'>): Pair {
  const code = `col(${JSON.stringify(c.name)})`;
  return { e: col(c.name), code, arg: code, sql: ident(c.name), dt: c.dtype, leaf: true };
}

/**
 * The dtype colframe gives a literal: int32 for integers in int32 range (not −0), int64 for other
 * safe integers (as polars types them), float64 for other numbers, int64 (uint64 at 2^63 and
 * above) for bigints, utf8, bool, timestamp.
 */
export function literalKind(v: number | bigint | string | boolean | Date): DTypeKind {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || Object.is(v, -0)) return 'float64';
    return v >= -2147483648 && v <= 2147483647 ? 'int32' : Number.isSafeInteger(v) ? 'int64' : 'float64';
  }
  if (typeof v === 'bigint') return v >= -(2n ** 63n) && v < 2n ** 63n ? 'int64' : 'uint64';
  if (typeof v === 'string') return 'utf8';
  if (typeof v === 'boolean') return 'bool';
  return 'timestamp';
}

/** A float as exact SQL. */
export function doubleSql(x: number): string {
  const text = Object.is(x, -0) ? '-0' : String(x);
  return `CAST('${text}' AS DOUBLE)`;
}

/** A literal. */
export function litP(v: number | bigint | string | boolean | Date | null): Pair {
  if (v === null) return { e: lit(null), code: 'lit(null)', arg: 'null', sql: 'NULL', dt: null, isNull: true, isLit: true, leaf: true };
  const kind = literalKind(v);
  let sql: string;
  let arg: string;
  if (typeof v === 'number') {
    sql = kind === 'int32' ? `CAST(${v} AS INTEGER)` : kind === 'int64' ? `CAST(${v} AS BIGINT)` : doubleSql(v);
    arg = numberCode(v);
  } else if (typeof v === 'bigint') {
    sql = kind === 'int64' ? `CAST('${v}' AS BIGINT)` : `CAST('${v}' AS UBIGINT)`;
    arg = `${v}n`;
  } else if (typeof v === 'string') {
    sql = sqlString(v);
    arg = jsString(v);
  } else if (typeof v === 'boolean') {
    sql = v ? 'TRUE' : 'FALSE';
    arg = String(v);
  } else {
    sql = `epoch_ms(CAST(${v.getTime()} AS BIGINT))`;
    arg = dateCode(v.getTime(), false);
  }
  return { e: lit(v), code: `lit(${arg})`, arg, sql, dt: dtypeOf(kind), isLit: true, leaf: true };
}

/** A spec value of a column's dtype as a literal of the same family (ints as number or bigint). */
export function literalOf(v: unknown, dt: AnyDType, asBigint = false): number | bigint | string | boolean | Date | null {
  if (v === null) return null;
  if (dt.kind === 'date') return new Date((v as number) * 86_400_000);
  if (dt.kind === 'timestamp') return new Date(v as number);
  if (typeof v === 'bigint') return !asBigint && Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (typeof v === 'number' && isInt(dt.kind) && asBigint) return BigInt(v);
  return v as number | string | boolean;
}

function famOf(p: Pair): Family | null {
  return p.dt === null ? null : familyOf(p.dt.kind);
}

// ------------------------------------------------------------------ comparisons and logic

/** Comparison operators. */
export type CmpOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
const CMP_SQL: Record<CmpOp, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const FLIP: Record<CmpOp, CmpOp> = { eq: 'eq', neq: 'neq', gt: 'lt', gte: 'lte', lt: 'gt', lte: 'gte' };

/** SQL comparing two numbers exactly (an int64 against a float by exact value: difference 2). */
export function numberCmpSql(op: CmpOp, a: string, ak: DTypeKind, b: string, bk: DTypeKind): string {
  const o = CMP_SQL[op];
  if (!isFloat(ak) && !isFloat(bk)) return `(${H(a)} ${o} ${H(b)})`;
  if (is64(ak) && isFloat(bk)) return exactIntFloat(o, a, b);
  if (is64(bk) && isFloat(ak)) return exactIntFloat(CMP_SQL[FLIP[op]], b, a);
  return `(${D(a)} ${o} ${D(b)})`;
}

/**
 * `i OP d` for a 64-bit integer `i` and a float `d`, by exact value: where `i` rounds to `d` the
 * float is an integer and both compare as HUGEINT; elsewhere the rounding keeps the order.
 */
function exactIntFloat(o: string, i: string, d: string): string {
  return `(CASE WHEN ${D(i)} = ${D(d)} THEN ${H(i)} ${o} TRY_CAST(${D(d)} AS HUGEINT) ELSE ${D(i)} ${o} ${D(d)} END)`;
}

/** `a OP b`. */
export function cmpP(op: CmpOp, a: Pair, b: Pair): Pair {
  const e = a.e[op](b.e);
  const code = `${a.code}.${op}(${b.arg})`;
  const bool = dtypeOf('bool');
  if (a.isNull || b.isNull) return { e, code, arg: code, sql: 'CAST(NULL AS BOOLEAN)', dt: bool };
  const fam = famOf(a);
  if (fam !== famOf(b)) throw new Error(`cannot compare ${code}`);
  let sql: string;
  if (fam === 'number') sql = numberCmpSql(op, a.sql, a.dt!.kind, b.sql, b.dt!.kind);
  else if (fam === 'time') sql = `(epoch_ms(${a.sql}) ${CMP_SQL[op]} epoch_ms(${b.sql}))`;
  else sql = `(${a.sql} ${CMP_SQL[op]} ${b.sql})`;
  return { e, code, arg: code, sql, dt: bool, parts: inner(a, b), op };
}

/** `a.and(b)` / `a.or(b)`. */
export function logicP(op: 'and' | 'or', a: Pair, b: Pair): Pair {
  const code = `${a.code}.${op}(${b.arg})`;
  return { e: a.e[op](b.e), code, arg: code, sql: `(${a.sql} ${op.toUpperCase()} ${b.sql})`, dt: dtypeOf('bool'), parts: [a, b] };
}

/** `a.not()`. */
export function notP(a: Pair): Pair {
  const code = `${a.code}.not()`;
  return { e: a.e.not(), code, arg: code, sql: `(NOT ${a.sql})`, dt: dtypeOf('bool'), parts: [a] };
}

/** `a.isNull()` / `a.isNotNull()`. */
export function nullTestP(op: 'isNull' | 'isNotNull', a: Pair): Pair {
  const code = `${a.code}.${op}()`;
  return { e: a.e[op](), code, arg: code, sql: `(${a.sql} IS ${op === 'isNull' ? '' : 'NOT '}NULL)`, dt: dtypeOf('bool') };
}

/** `a.isIn(values)` (values of a's family, no null). */
export function isInP(a: Pair, values: readonly (number | bigint | string | boolean | Date)[]): Pair {
  const code = `${a.code}.isIn([${values.map((v) => litP(v).arg).join(', ')}])`;
  const eqs = values.map((v) => cmpP('eq', a, litP(v)).sql);
  const sql = `(CASE WHEN ${a.sql} IS NULL THEN NULL ELSE (${eqs.length === 0 ? 'FALSE' : eqs.join(' OR ')}) END)`;
  return { e: a.e.isIn(values), code, arg: code, sql, dt: dtypeOf('bool') };
}

/** `a.between(lo, hi)`. */
export function betweenP(a: Pair, lo: Pair, hi: Pair): Pair {
  const code = `${a.code}.between(${lo.arg}, ${hi.arg})`;
  return { e: a.e.between(lo.e, hi.e), code, arg: code, sql: `(${cmpP('gte', a, lo).sql} AND ${cmpP('lte', a, hi).sql})`, dt: dtypeOf('bool') };
}

// ------------------------------------------------------------------ arithmetic

/** Kinds whose arithmetic stays int32 (difference 1). */
export function isSmallInt(kind: DTypeKind): boolean {
  return kind === 'int8' || kind === 'int16' || kind === 'int32' || kind === 'uint8' || kind === 'uint16';
}

/** The dtype colframe's arithmetic gives (difference 1; `div` always float64). */
export function arithKind(op: ArithOp, a: DTypeKind, b: DTypeKind): DTypeKind {
  if (op === 'div' || isFloat(a) || isFloat(b)) return 'float64';
  return isSmallInt(a) && isSmallInt(b) ? 'int32' : 'int64';
}

/** SQL wrapping an exact HUGEINT to a two's-complement width (difference 1). */
export function wrapSql(v: string, bits: 32 | 64): string {
  const half = hugeConst(2n ** BigInt(bits - 1));
  const full = hugeConst(2n ** BigInt(bits));
  return `CAST((((${v}) + ${half}) % ${full} + ${full}) % ${full} - ${half} AS ${bits === 32 ? 'INTEGER' : 'BIGINT'})`;
}

/** An integer as HUGEINT in its int64 two's-complement reading (for products modulo 2^64). */
function signed64(x: string, kind: DTypeKind): string {
  if (kind !== 'uint64') return H(x);
  return `(CASE WHEN ${H(x)} > ${hugeConst(2n ** 63n - 1n)} THEN ${H(x)} - ${hugeConst(2n ** 64n)} ELSE ${H(x)} END)`;
}

/** Binary arithmetic operators. */
export type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
const ARITH_SQL: Record<ArithOp, string> = { add: '+', sub: '-', mul: '*', div: '/', mod: '%' };

/** `a OP b` on numbers. */
export function arithP(op: ArithOp, a: Pair, b: Pair): Pair {
  const ak = a.dt!.kind;
  const bk = b.dt!.kind;
  const kind = arithKind(op, ak, bk);
  const o = ARITH_SQL[op];
  let sql: string;
  if (kind === 'float64') sql = `(${D(a.sql)} ${o} ${D(b.sql)})`;
  else if (kind === 'int32') sql = wrapSql(`${H(a.sql)} ${o} ${H(b.sql)}`, 32);
  else if (op === 'mul') sql = wrapSql(`${signed64(a.sql, ak)} * ${signed64(b.sql, bk)}`, 64);
  else sql = wrapSql(`${H(a.sql)} ${o} ${H(b.sql)}`, 64);
  const code = `${a.code}.${op}(${b.arg})`;
  return { e: a.e[op](b.e), code, arg: code, sql, dt: dtypeOf(kind), parts: inner(a, b), op };
}

/** Unary numeric operators. */
export type UnaryOp = 'neg' | 'abs' | 'floor' | 'ceil';

/**
 * `a.neg()` … on numbers (not uint64, whose wrapped results the semantics leave open); `floor` and
 * `ceil` leave integers as they are (their dtype too, as polars).
 */
export function unaryP(op: UnaryOp, a: Pair): Pair {
  const k = a.dt!.kind;
  const code = `${a.code}.${op}()`;
  const e = a.e[op]();
  if (isFloat(k)) {
    const f = op === 'neg' ? `(- ${D(a.sql)})` : `${op}(${D(a.sql)})`;
    return { e, code, arg: code, sql: f, dt: dtypeOf('float64'), parts: inner(a), op };
  }
  if (op === 'floor' || op === 'ceil') return { e, code, arg: code, sql: a.sql, dt: a.dt, parts: inner(a), op };
  const bits = isSmallInt(k) ? 32 : 64;
  const x = H(a.sql);
  const v = op === 'neg' ? `- ${x}` : op === 'abs' ? `abs(${x})` : x;
  return { e, code, arg: code, sql: wrapSql(v, bits), dt: dtypeOf(bits === 32 ? 'int32' : 'int64'), parts: inner(a), op };
}

/**
 * SQL of colframe's `round(x, d)` for a float `x` (d in −2 … 6): half away from zero on the
 * shortest decimal form of the double (difference 3), through DECIMAL, which holds that form
 * exactly in each magnitude band used.
 */
export function roundSql(x: string, d: number): string {
  const v = D(x);
  const text = `CAST(${v} AS VARCHAR)`;
  return `(CASE WHEN NOT isfinite(${v}) THEN ${v} WHEN abs(${v}) >= 1e27 THEN ${v} WHEN abs(${v}) < 1e-13 THEN ${v} * 0 WHEN abs(${v}) < 1e7 THEN CAST(round(CAST(${text} AS DECIMAL(38,30)), ${d}) AS DOUBLE) ELSE CAST(round(CAST(${text} AS DECIMAL(38,10)), ${d}) AS DOUBLE) END)`;
}

/** `a.round(d)`: floats by `roundSql`; integers exactly (not 64-bit ones with d < 0, which the semantics leave open). */
export function roundP(a: Pair, d: number): Pair {
  const k = a.dt!.kind;
  const code = `${a.code}.round(${d})`;
  const e = a.e.round(d);
  if (isFloat(k)) return { e, code, arg: code, sql: roundSql(a.sql, d), dt: dtypeOf('float64'), parts: inner(a), op: 'round' };
  // Integers: unchanged (their dtype too) for d ≥ 0; rounded to tens, hundreds … as int64 for d < 0.
  const sql = d >= 0 ? H(a.sql) : `CAST(round(CAST(${a.sql} AS DECIMAL(38,0)), ${d}) AS HUGEINT)`;
  return { e, code, arg: code, sql, dt: d >= 0 ? a.dt : dtypeOf('int64'), parts: inner(a), op: 'round' };
}

/** `a.fillNull(b)`. */
export function fillNullP(a: Pair, b: Pair): Pair {
  const code = `${a.code}.fillNull(${b.arg})`;
  return { e: a.e.fillNull(b.e), code, arg: code, sql: `coalesce(${a.sql}, ${b.sql})`, dt: a.dt };
}

/** The SQL type of a pair's dtype. */
export function sqlTypeOf(p: Pair): string {
  return p.dt === null ? 'VARCHAR' : sqlType(p.dt);
}

