/**
 * Expressions: an immutable tree built with `col(name)`, `lit(value)` and methods, evaluated
 * column-at-a-time over typed arrays by `evaluate` (see eval.ts).
 */
import { checkOptions } from '../../util/options.js';
import { inspect } from 'node:util';
import type { AnyDType, DType } from '../../dtype/dtype.js';
import { Decimal, Instant } from '../../dtype/values.js';
import { ExpressionError } from '../../errors.js';
import { showStr, StrNamespace, type StrCall } from './str.js';
import { DtNamespace, showDt, type DtCall } from './dt.js';
import { ListNamespace, showList, type ListCall } from './list.js';
import { showStruct, StructNamespace, type StructCall } from './struct.js';

/** Binary operators. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'and' | 'or';
/** Aggregations (used in `groupBy(...).agg(...)`). */
export type AggOp = 'sum' | 'mean' | 'min' | 'max' | 'count' | 'len' | 'nUnique' | 'first' | 'last' | 'std' | 'var' | 'median' | 'quantile' | 'implode';

/** Unary operators. */
export type UnaryOp = 'neg' | 'abs' | 'floor' | 'ceil' | 'not' | 'isNull' | 'isNotNull';

/** A node of an expression tree. */
export type ExprNode =
  | { readonly op: 'col'; readonly name: string }
  | { readonly op: 'lit'; readonly value: unknown }
  | { readonly op: 'binary'; readonly fn: BinaryOp; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly op: 'unary'; readonly fn: UnaryOp; readonly arg: ExprNode }
  | { readonly op: 'round'; readonly arg: ExprNode; readonly decimals: number }
  | { readonly op: 'isIn'; readonly arg: ExprNode; readonly values: readonly unknown[] }
  | { readonly op: 'fillNull'; readonly arg: ExprNode; readonly value: ExprNode }
  | { readonly op: 'cast'; readonly arg: ExprNode; readonly dtype: AnyDType; readonly strict?: boolean }
  | { readonly op: 'alias'; readonly arg: ExprNode; readonly name: string }
  | { readonly op: 'agg'; readonly fn: AggOp; readonly arg: ExprNode; readonly q?: number }
  | { readonly op: 'str'; readonly arg: ExprNode; readonly call: StrCall }
  | { readonly op: 'dt'; readonly arg: ExprNode; readonly call: DtCall }
  | { readonly op: 'list'; readonly arg: ExprNode; readonly call: ListCall }
  | { readonly op: 'struct'; readonly arg: ExprNode; readonly call: StructCall }
  | {
      readonly op: 'when';
      readonly branches: readonly { readonly cond: ExprNode; readonly value: ExprNode }[];
      readonly otherwise: ExprNode | null;
    };

/** Phantom key carrying an expression's dtype (type level only). */
export declare const ExprDType: unique symbol;

/** The dtype of boolean expressions (comparisons, logic, null tests). */
export type BoolDType = DType<'bool', boolean, boolean>;

/** What an operand can be: an expression or a literal value. */
export type Operand = Expr | number | bigint | string | boolean | Date | Instant | Decimal | null;

function nodeOf(x: Operand): ExprNode {
  return x instanceof Expr ? x.node : { op: 'lit', value: x };
}

/**
 * An expression over a frame's columns. Build with `col(name)` and `lit(value)`; evaluate through
 * the verbs (`filter`, `withColumns`, `select`, `sort` …).
 *
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ category: 'c3', amount: 900 }, { category: 'c1', amount: 700 }]);
 * const e = col('amount').gt(500).and(col('category').eq('c3'));
 * String(e); // → 'col("amount").gt(500).and(col("category").eq("c3"))'
 * df.filter(e).toRecords(); // → [ { category: 'c3', amount: 900 } ]
 * ```
 */
export class Expr<D extends AnyDType = AnyDType> {
  /** The expression tree. */
  readonly node: ExprNode;
  /** The dtype of the values, where it is known statically (type level only). */
  declare readonly [ExprDType]?: D;

  /** @throws ExpressionError when `node` nests deeper than {@link MAX_EXPR_NESTING}. */
  constructor(node: ExprNode) {
    const depth = nestingOf(node);
    if (depth > MAX_EXPR_NESTING) {
      throw new ExpressionError(
        abbreviated(show(node)),
        `nests ${depth} expressions deep, beyond the limit of ${MAX_EXPR_NESTING} (an argument inside an argument …); a long condition is a chain instead: a.or(b).or(c) …`,
      );
    }
    this.node = node;
    Object.freeze(this);
  }

  // Built expressions carry no static dtype (`never` widens to whatever the method declares).
  private bin(fn: BinaryOp, other: Operand): Expr<never> {
    return new Expr<never>({ op: 'binary', fn, left: this.node, right: nodeOf(other) });
  }

  private un(fn: UnaryOp): Expr<never> {
    return new Expr<never>({ op: 'unary', fn, arg: this.node });
  }

  /** `this + other`: numbers, decimals (exact, SQL's precision and scale), an instant and a duration, or two durations. */
  add(other: Operand): Expr {
    return this.bin('add', other);
  }
  /** `this - other`; two instants give a duration in the finer of their units. */
  sub(other: Operand): Expr {
    return this.bin('sub', other);
  }
  /** `this * other`; a duration times an integer is a duration. */
  mul(other: Operand): Expr {
    return this.bin('mul', other);
  }
  /** `this / other`, always float64, decimals included (`x / 0` is ±inf or NaN, as in JavaScript). */
  div(other: Operand): Expr {
    return this.bin('div', other);
  }
  /** `this % other` (sign of the dividend, as in JavaScript). */
  mod(other: Operand): Expr {
    return this.bin('mod', other);
  }
  /** `-this`. */
  neg(): Expr {
    return this.un('neg');
  }
  /** `|this|`. */
  abs(): Expr {
    return this.un('abs');
  }
  /** Rounded to `decimals` places (half away from zero). */
  round(decimals = 0): Expr {
    return new Expr({ op: 'round', arg: this.node, decimals });
  }
  /** Rounded down. */
  floor(): Expr {
    return this.un('floor');
  }
  /** Rounded up. */
  ceil(): Expr {
    return this.un('ceil');
  }
  /** `this == other` (null when either is null). */
  eq(other: Operand): Expr<BoolDType> {
    return this.bin('eq', other);
  }
  /** `this != other`. */
  neq(other: Operand): Expr<BoolDType> {
    return this.bin('neq', other);
  }
  /** `this > other`. */
  gt(other: Operand): Expr<BoolDType> {
    return this.bin('gt', other);
  }
  /** `this >= other`. */
  gte(other: Operand): Expr<BoolDType> {
    return this.bin('gte', other);
  }
  /** `this < other`. */
  lt(other: Operand): Expr<BoolDType> {
    return this.bin('lt', other);
  }
  /** `this <= other`. */
  lte(other: Operand): Expr<BoolDType> {
    return this.bin('lte', other);
  }
  /** Logical and, with SQL's three-valued logic (`false and null` is false). */
  and(other: Operand): Expr<BoolDType> {
    return this.bin('and', other);
  }
  /** Logical or (`true or null` is true). */
  or(other: Operand): Expr<BoolDType> {
    return this.bin('or', other);
  }
  /** Logical not (`not null` is null). */
  not(): Expr<BoolDType> {
    return this.un('not');
  }
  /** Whether the value is null (never null itself). */
  isNull(): Expr<BoolDType> {
    return this.un('isNull');
  }
  /** Whether the value is not null. */
  isNotNull(): Expr<BoolDType> {
    return this.un('isNotNull');
  }
  /** Whether the value is one of `values` (null stays null). */
  isIn(values: readonly unknown[]): Expr<BoolDType> {
    return new Expr<never>({ op: 'isIn', arg: this.node, values: [...values] });
  }
  /** `lo <= this <= hi`. */
  between(lo: Operand, hi: Operand): Expr<BoolDType> {
    return this.gte(lo).and(this.lte(hi));
  }
  /** Nulls replaced by `value`. */
  fillNull(value: Operand): Expr<D> {
    return new Expr<never>({ op: 'fillNull', arg: this.node, value: nodeOf(value) });
  }
  /**
   * The values converted to `dtype`: a value that does not convert is an error (`strict`, the
   * default) or, with `{ strict: false }`, a null.
   */
  cast<D2 extends AnyDType>(dtype: D2, options: { strict?: boolean } = {}): Expr<D2> {
    checkOptions(options, ['strict'], 'cast');
    return new Expr<never>(options.strict === false ? { op: 'cast', arg: this.node, dtype, strict: false } : { op: 'cast', arg: this.node, dtype });
  }
  /** The same values under the output name `name`. */
  alias(name: string): Expr<D> {
    return new Expr<never>({ op: 'alias', arg: this.node, name });
  }

  private agg(fn: AggOp, q?: number): Expr {
    return new Expr(q === undefined ? { op: 'agg', fn, arg: this.node } : { op: 'agg', fn, arg: this.node, q });
  }
  /** Sum of the non-null values (0 for none). */
  sum(): Expr {
    return this.agg('sum');
  }
  /** Mean of the non-null values (null for none). */
  mean(): Expr {
    return this.agg('mean');
  }
  /** Smallest non-null value. */
  min(): Expr {
    return this.agg('min');
  }
  /** Largest non-null value. */
  max(): Expr {
    return this.agg('max');
  }
  /** Number of non-null values. */
  count(): Expr {
    return this.agg('count');
  }
  /** Number of rows, nulls included. */
  len(): Expr {
    return this.agg('len');
  }
  /** Number of distinct non-null values. */
  nUnique(): Expr {
    return this.agg('nUnique');
  }
  /** The first value (null included). */
  first(): Expr {
    return this.agg('first');
  }
  /** The last value (null included). */
  last(): Expr {
    return this.agg('last');
  }
  /** Sample standard deviation (n − 1) of the non-null values. */
  std(): Expr {
    return this.agg('std');
  }
  /** Sample variance (n − 1) of the non-null values. */
  var(): Expr {
    return this.agg('var');
  }
  /** Median of the non-null values (mean of the middle two for an even count). */
  median(): Expr {
    return this.agg('median');
  }
  /** The `q` quantile (0 … 1) of the non-null values, linearly interpolated. */
  quantile(q: number): Expr {
    return this.agg('quantile', q);
  }
  /**
   * Every value (nulls included, in row order) as one list: an aggregation, giving a list column
   * of the values' dtype, one list per group in `groupBy().agg` (polars' `implode`, DuckDB's
   * `list`). Over a whole frame it is one list of every row (an empty list for no rows).
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: ['a', 'b', 'a'], x: [1, 2, null] });
   * df.groupBy('k').agg({ xs: col('x').implode() }).toRecords();
   * // → [ { k: 'a', xs: [ 1, null ] }, { k: 'b', xs: Int32Array(1) [ 2 ] } ]
   * ```
   */
  implode(): Expr {
    return this.agg('implode');
  }

  /**
   * String operations (utf8 and categorical): `contains`, `startsWith`, `endsWith`, `lower`,
   * `upper`, `length`, `replace`, `slice`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ city: ['San Diego', 'Santa Fe', 'Oslo'] });
   * df.filter(col('city').str.startsWith('San ')).getColumn('city').toArray(); // → [ 'San Diego' ]
   * ```
   */
  get str(): StrNamespace {
    return new StrNamespace(this.node, wrap);
  }

  /**
   * Date-time operations (dates, timestamps of every unit, durations): `year`, `quarter`,
   * `month`, `day`, `ordinalDay`, `weekday`, `hour`, `minute`, `second`, `millisecond`,
   * `microsecond`, `nanosecond`, `truncate`, and a duration's `totalDays` … `totalNanoseconds`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ ts: [new Date('2024-05-17T10:30:00Z')] });
   * df.withColumns({ month: col('ts').dt.truncate('month') }).row(0).month; // → 2024-05-01T00:00:00.000Z
   * ```
   */
  get dt(): DtNamespace {
    return new DtNamespace(this.node, wrap);
  }

  /**
   * List operations (list, largeList and fixedSizeList): `len`, `get`, `first`, `last`, `sum`,
   * `mean`, `min`, `max`, `contains`, `join`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], x: [2, 5, 9] }).groupBy('k').agg({ xs: col('x').implode() });
   * df.select(col('xs').list.max()).getColumn('xs').toArray(); // → [ 5, 9 ]
   * ```
   */
  get list(): ListNamespace {
    return new ListNamespace(this.node, wrap);
  }

  /**
   * Struct operations: `field(name)`.
   * @example
   * ```ts
   * import { tableFromArrays, vectorFromArray, Struct, Field, Float64 } from 'apache-arrow';
   * const p = vectorFromArray([{ x: 1.5 }, null], new Struct([new Field('x', new Float64(), true)]));
   * const df = DataFrame.fromArrow(tableFromArrays({ p } as never));
   * df.select(col('p').struct.field('x')).getColumn('x').toArray(); // → [ 1.5, null ]
   * ```
   */
  get struct(): StructNamespace {
    return new StructNamespace(this.node, wrap);
  }

  /** The expression as code, e.g. `col("a").gt(5)`. */
  toString(): string {
    return show(this.node);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * How deep expressions may nest: an argument (the right side of `a.or(b)`, a `fillNull` value, a
 * `when` condition, what an aggregation aggregates) inside an argument, and so on. Chains of
 * methods (`a.or(b).or(c)…`) do not nest and have no limit.
 * @example
 * ```ts
 * MAX_EXPR_NESTING; // → 1000
 * ```
 */
export const MAX_EXPR_NESTING = 1000;

/**
 * The receiver of a method node (`a` in `a.or(b)`), along which chains grow; undefined for a
 * column, a literal and `when`.
 * @example
 * ```ts
 * receiverOf(col('a').or(col('b')).node); // → { op: 'col', name: 'a' }
 * receiverOf(col('a').node); // → undefined
 * ```
 */
export function receiverOf(n: ExprNode): ExprNode | undefined {
  switch (n.op) {
    case 'col':
    case 'lit':
    case 'when':
      return undefined;
    case 'binary':
      return n.left;
    default:
      return n.arg;
  }
}

/**
 * The arguments of a node: its children other than the receiver (`b` in `a.or(b)`).
 * @example
 * ```ts
 * argumentsOf(col('a').or(col('b')).node); // → [ { op: 'col', name: 'b' } ]
 * ```
 */
export function argumentsOf(n: ExprNode): readonly ExprNode[] {
  switch (n.op) {
    case 'binary':
      return [n.right];
    case 'fillNull':
      return [n.value];
    case 'when': {
      const out: ExprNode[] = [];
      for (const b of n.branches) out.push(b.cond, b.value);
      if (n.otherwise !== null) out.push(n.otherwise);
      return out;
    }
    default:
      return [];
  }
}

/**
 * The chain below `n`: `n` and its receivers down to the first node without one (that node last).
 * @example
 * ```ts
 * chainOf(col('a').abs().neg().node).map((n) => n.op); // → [ 'unary', 'unary', 'col' ]
 * ```
 */
export function chainOf(n: ExprNode): ExprNode[] {
  const chain = [n];
  for (let r = receiverOf(n); r !== undefined; r = receiverOf(r)) chain.push(r);
  return chain;
}

const nesting = new WeakMap<ExprNode, number>();

/**
 * How deep arguments nest in `root` (0 for a column, a literal or any chain of methods on one);
 * an aggregation's argument counts as nested. Computed without recursion and remembered per node,
 * so building a chain costs constant time a step.
 */
/**
 * Remember the nesting of a node built from parts whose nesting is known (a conditional that
 * extends another by one branch), so that building it costs constant time.
 * @internal
 */
export function noteNesting(node: ExprNode, depth: number): void {
  nesting.set(node, depth);
}

/** @internal */
export function nestingOf(root: ExprNode): number {
  const known = nesting.get(root);
  if (known !== undefined) return known;
  const stack: ExprNode[] = [root];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (nesting.has(n)) {
      stack.pop();
      continue;
    }
    const r = receiverOf(n);
    const args = argumentsOf(n);
    let pending = r !== undefined && !nesting.has(r);
    if (pending) stack.push(r!);
    for (const a of args) {
      if (!nesting.has(a)) {
        stack.push(a);
        pending = true;
      }
    }
    if (pending) continue;
    let d = r === undefined ? 0 : nesting.get(r)! + (n.op === 'agg' ? 1 : 0);
    for (const a of args) d = Math.max(d, nesting.get(a)! + 1);
    nesting.set(n, d);
    stack.pop();
  }
  return nesting.get(root)!;
}

/** At most 200 characters of a printed expression. */
function abbreviated(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 199)}…`;
}

/**
 * An expression printed when it is first read (when an error message is built), not before:
 * evaluating a long chain must not print every sub-expression up front.
 * @example
 * ```ts
 * String(new ExprText(col('a').gt(1).node)); // → 'col("a").gt(1)'
 * ```
 */
export class ExprText {
  constructor(private readonly node: ExprNode) {}
  /** The expression as code. */
  toString(): string {
    return show(this.node);
  }
}

/** Where an error happened, for its message: an expression's text, or the expression printed on demand. */
export type Where = string | ExprText;

/**
 * An expression as code. Walks chains in a loop, so chains of any length print.
 * @example
 * ```ts
 * show(col('a').gt(1).or(col('b').isNull()).node); // → 'col("a").gt(1).or(col("b").isNull())'
 * ```
 */
export function show(node: ExprNode): string {
  const chain = chainOf(node);
  let out = showHead(chain[chain.length - 1]!);
  for (let k = chain.length - 2; k >= 0; k--) out += showStep(chain[k]!);
  return out;
}

/** A node without a receiver. */
function showHead(n: ExprNode): string {
  switch (n.op) {
    case 'col':
      return `col(${JSON.stringify(n.name)})`;
    case 'lit':
      if (n.value instanceof Instant) return `lit(new Instant(${n.value.epoch}n, ${JSON.stringify(n.value.unit)}))`;
      if (n.value instanceof Decimal) return `lit(new Decimal(${n.value.unscaled}n, ${n.value.scale}))`;
      return n.value instanceof Date ? `lit(new Date(${JSON.stringify(n.value.toISOString())}))` : typeof n.value === 'bigint' ? `${n.value}n` : JSON.stringify(n.value) ?? String(n.value);
    case 'when': {
      const branches = n.branches.map((b) => `when(${show(b.cond)}).then(${show(b.value)})`).join('.');
      return n.otherwise === null ? branches : `${branches}.otherwise(${show(n.otherwise)})`;
    }
    default:
      return show(n);
  }
}

/** The method call a node adds to its receiver's code: `.or(col("b"))`. */
function showStep(n: ExprNode): string {
  switch (n.op) {
    case 'binary':
      return `.${n.fn}(${show(n.right)})`;
    case 'unary':
      return `.${n.fn}()`;
    case 'round':
      return `.round(${n.decimals})`;
    case 'isIn':
      return `.isIn(${JSON.stringify(n.values, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))})`;
    case 'fillNull':
      return `.fillNull(${show(n.value)})`;
    case 'cast':
      return `.cast(${String(n.dtype)})`;
    case 'alias':
      return `.alias(${JSON.stringify(n.name)})`;
    case 'agg':
      return `.${n.fn}(${n.q ?? ''})`;
    case 'str':
      return `.str.${showStr(n.call)}`;
    case 'dt':
      return `.dt.${showDt(n.call)}`;
    case 'list':
      return `.list.${showList(n.call)}`;
    case 'struct':
      return `.struct.${showStruct(n.call)}`;
    default:
      return '';
  }
}

function wrap(node: ExprNode): Expr {
  return new Expr(node);
}

/** The output name of an expression: its alias, else its first column's name. */
export function outputName(node: ExprNode): string | undefined {
  for (let n = node; ; ) {
    switch (n.op) {
      case 'alias':
      case 'col':
        return n.name;
      case 'lit':
        return 'literal';
      case 'struct':
        // As polars: a field is named by the field.
        return n.call.name;
      case 'binary':
        n = n.left;
        break;
      case 'when':
        // As polars: the name of the first branch's value.
        n = n.branches[0]!.value;
        break;
      default:
        n = n.arg;
    }
  }
}

/**
 * A reference to the column `name`.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ amount: [1.5, 4] });
 * df.select(col('amount').mul(2).alias('double')).toRecords(); // → [ { double: 3 }, { double: 8 } ]
 * ```
 */
export function col(name: string): Expr {
  return new Expr({ op: 'col', name });
}

/**
 * A literal value, broadcast to every row. A `Date` is a millisecond timestamp, an `Instant` a
 * timestamp of its unit, a `Decimal` a decimal of its scale (and as many digits as it has).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2] });
 * df.withColumns({ one: lit(1), tag: lit('a') }).toRecords(); // → [ { x: 1, one: 1, tag: 'a' }, { x: 2, one: 1, tag: 'a' } ]
 * String(df.select(lit(new Instant(5n, 'us')).alias('t'), lit(Decimal.parse('1.50', 2)).alias('d')).schema);
 * // → 'Schema { t: timestamp[us], d: decimal(3, 2) }'
 * ```
 */
export function lit(value: number | bigint | string | boolean | Date | Instant | Decimal | null): Expr {
  return new Expr({ op: 'lit', value });
}
