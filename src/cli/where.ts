/**
 * The `--where` filter language of the `colframe` command: simple predicates such as
 * `amount > 500 and (city == 'Oslo' or qty is null)`, read by a tokenizer and a recursive-descent
 * parser into a small tree, then bound to a frame's columns as an {@link Expr}. Nothing is ever
 * evaluated as JavaScript.
 *
 * Grammar (keywords are case-insensitive):
 * ```
 * or      := and ('or' and)*
 * and     := not ('and' not)*
 * not     := 'not' not | compare
 * compare := operand (cmpop operand | 'is' ['not'] 'null')?
 * operand := name | `quoted name` | 'string' | "string" | number | -number | true | false | null | '(' or ')'
 * cmpop   := > | >= | < | <= | == | = | != | <>
 * ```
 * `x == null` means `x is null` and `x != null` means `x is not null`; other comparisons with
 * null are an error. A string compared with a date or timestamp column is read as a date.
 */
import { ColumnNotFoundError, ExpressionError } from '../errors.js';
import { col, lit, type Expr, type ExprNode } from '../ops/expr/expr.js';
import type { AnyDType } from '../dtype/dtype.js';

/** A comparison operator of the filter language, by its `Expr` method name. */
export type WhereCompareOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';

/** A parsed `--where` expression, before it is bound to a frame's columns. */
export type WhereNode =
  | { readonly kind: 'column'; readonly name: string; readonly at: number }
  | { readonly kind: 'literal'; readonly value: number | bigint | string | boolean | null; readonly at: number }
  | { readonly kind: 'compare'; readonly op: WhereCompareOp; readonly left: WhereNode; readonly right: WhereNode; readonly at: number }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly arg: WhereNode; readonly at: number }
  | { readonly kind: 'logic'; readonly op: 'and' | 'or'; readonly left: WhereNode; readonly right: WhereNode; readonly at: number }
  | { readonly kind: 'not'; readonly arg: WhereNode; readonly at: number };

type TokenKind = 'name' | 'qname' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** The decoded value: the name, the string's characters, the operator. */
  readonly value: string;
  /** 1-based character position in the expression. */
  readonly at: number;
}

const OPS: Readonly<Record<string, WhereCompareOp>> = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', '==': 'eq', '=': 'eq', '!=': 'neq', '<>': 'neq' };
const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'null', 'true', 'false']);
const NAME_START = /[\p{L}_$]/u;
const NAME_PART = /[\p{L}\p{N}_$.]/u;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

function fail(source: string, at: number, reason: string): never {
  throw new ExpressionError(`--where ${JSON.stringify(source)}`, `${reason} at position ${at}`);
}

function describeToken(t: Token): string {
  if (t.kind === 'end') return 'the end of the expression';
  return JSON.stringify(t.text);
}

/** Split the expression into tokens. @throws ExpressionError for a character that starts no token. */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const at = i + 1;
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, value: c, at });
      i++;
    } else if (c === "'" || c === '"') {
      // A string: backslash escapes \\ \' \" \n \t \r; anything else after a backslash is an error.
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) fail(src, at, 'unterminated string');
        const d = src[j]!;
        if (d === c) break;
        if (d === '\\') {
          const e = src[j + 1];
          if (e === undefined) fail(src, at, 'unterminated string');
          const map: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r' };
          const r = map[e];
          if (r === undefined) fail(src, j + 1, `unknown escape \\${e} in a string`);
          value += r;
          j += 2;
        } else {
          value += d;
          j++;
        }
      }
      out.push({ kind: 'string', text: src.slice(i, j + 1), value, at });
      i = j + 1;
    } else if (c === '`') {
      // A quoted column name; a doubled backtick is a literal backtick.
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) fail(src, at, 'unterminated `quoted name`');
        if (src[j] === '`') {
          if (src[j + 1] === '`') {
            value += '`';
            j += 2;
            continue;
          }
          break;
        }
        value += src[j];
        j++;
      }
      if (value === '') fail(src, at, 'empty `quoted name`');
      out.push({ kind: 'qname', text: src.slice(i, j + 1), value, at });
      i = j + 1;
    } else if ((c >= '0' && c <= '9') || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
      const m = NUMBER.exec(src.slice(i))!;
      const next = src[i + m[0].length];
      if (next !== undefined && NAME_PART.test(next)) fail(src, at, `malformed number ${JSON.stringify(src.slice(i, i + m[0].length + 1))}`);
      out.push({ kind: 'number', text: m[0], value: m[0], at });
      i += m[0].length;
    } else if ('<>=!-'.includes(c)) {
      const two = src.slice(i, i + 2);
      const op = two in OPS ? two : c in OPS || c === '-' ? c : undefined;
      if (op === undefined) fail(src, at, c === '!' ? 'unexpected "!" (write != or not)' : `unexpected ${JSON.stringify(c)}`);
      out.push({ kind: 'op', text: op, value: op, at });
      i += op.length;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_PART.test(src[j]!)) j++;
      const text = src.slice(i, j);
      out.push({ kind: 'name', text, value: text, at });
      i = j;
    } else {
      fail(src, at, `unexpected character ${JSON.stringify(c)}`);
    }
  }
  out.push({ kind: 'end', text: '', value: '', at: src.length + 1 });
  return out;
}

/**
 * How deep parentheses may nest in a `--where` expression (the parser recurses once per level).
 * @example
 * ```ts
 * MAX_WHERE_NESTING; // → 1000
 * ```
 */
export const MAX_WHERE_NESTING = 1000;

/** Recursive-descent parser over the tokens. */
class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private keyword(t: Token, word: string): boolean {
    return t.kind === 'name' && t.value.toLowerCase() === word;
  }

  parse(): WhereNode {
    if (this.peek().kind === 'end') fail(this.src, 1, 'empty expression');
    const node = this.or();
    const t = this.peek();
    if (t.kind !== 'end') fail(this.src, t.at, `expected and, or or the end, found ${describeToken(t)}`);
    return node;
  }

  private or(): WhereNode {
    let left = this.and();
    while (this.keyword(this.peek(), 'or')) {
      const at = this.tokens[this.i++]!.at;
      left = { kind: 'logic', op: 'or', left, right: this.and(), at };
    }
    return left;
  }

  private and(): WhereNode {
    let left = this.not();
    while (this.keyword(this.peek(), 'and')) {
      const at = this.tokens[this.i++]!.at;
      left = { kind: 'logic', op: 'and', left, right: this.not(), at };
    }
    return left;
  }

  private not(): WhereNode {
    // `not not … x` in a loop: a run of nots does not nest the parser.
    const nots: number[] = [];
    for (let t = this.peek(); this.keyword(t, 'not'); t = this.peek()) {
      nots.push(t.at);
      this.i++;
    }
    let node = this.compare();
    for (let k = nots.length - 1; k >= 0; k--) node = { kind: 'not', arg: node, at: nots[k]! };
    return node;
  }

  private compare(): WhereNode {
    const left = this.operand();
    const t = this.peek();
    if (t.kind === 'op' && t.value !== '-') {
      this.i++;
      const right = this.operand();
      return { kind: 'compare', op: OPS[t.value]!, left, right, at: t.at };
    }
    if (this.keyword(t, 'is')) {
      this.i++;
      let negated = false;
      if (this.keyword(this.peek(), 'not')) {
        negated = true;
        this.i++;
      }
      const n = this.peek();
      if (!this.keyword(n, 'null')) fail(this.src, n.at, `expected null after "is${negated ? ' not' : ''}", found ${describeToken(n)}`);
      this.i++;
      return { kind: 'isNull', negated, arg: left, at: t.at };
    }
    return left;
  }

  private operand(): WhereNode {
    const t = this.tokens[this.i++]!;
    switch (t.kind) {
      case 'lparen': {
        if (++this.depth > MAX_WHERE_NESTING) fail(this.src, t.at, `parentheses nest deeper than ${MAX_WHERE_NESTING} levels, the limit`);
        const inner = this.or();
        this.depth--;
        const close = this.tokens[this.i++]!;
        if (close.kind !== 'rparen') fail(this.src, close.at, `expected ")" to close the "(" at position ${t.at}, found ${describeToken(close)}`);
        return inner;
      }
      case 'string':
        return { kind: 'literal', value: t.value, at: t.at };
      case 'number':
        return { kind: 'literal', value: numberOf(t.value), at: t.at };
      case 'op': {
        const n = this.tokens[this.i];
        if (t.value === '-' && n?.kind === 'number') {
          this.i++;
          const v = numberOf(n.value);
          return { kind: 'literal', value: typeof v === 'bigint' ? -v : -v, at: t.at };
        }
        return fail(this.src, t.at, `expected a column or a value, found ${describeToken(t)}`);
      }
      case 'qname':
        return { kind: 'column', name: t.value, at: t.at };
      case 'name': {
        const w = t.value.toLowerCase();
        if (w === 'true' || w === 'false') return { kind: 'literal', value: w === 'true', at: t.at };
        if (w === 'null') return { kind: 'literal', value: null, at: t.at };
        if (KEYWORDS.has(w)) fail(this.src, t.at, `expected a column or a value, found ${describeToken(t)} (quote a column named so: \`${t.value}\`)`);
        return { kind: 'column', name: t.value, at: t.at };
      }
      default:
        return fail(this.src, t.at, `expected a column or a value, found ${describeToken(t)}`);
    }
  }
}

/** An integer literal too large for a double to hold exactly becomes a bigint. */
function numberOf(text: string): number | bigint {
  const n = Number(text);
  if (/^\d+$/.test(text) && !Number.isSafeInteger(n)) return BigInt(text);
  return n;
}

/**
 * Parse a `--where` expression into its tree, without looking at any frame.
 * @param source - The expression text, e.g. `amount > 500 and city == 'Oslo'`.
 * @returns The tree; bind it to a frame's columns with {@link bindWhere}.
 * @throws ExpressionError naming the position of the first token that does not fit the grammar.
 * @example
 * ```ts
 * parseWhere('qty >= 3 and not flag').kind; // → 'logic'
 * parseWhere('qty >');
 * // throws ExpressionError: --where "qty >": expected a column or a value, found the end of the expression at position 6
 * ```
 */
export function parseWhere(source: string): WhereNode {
  return new Parser(source, tokenize(source)).parse();
}

/** The columns a bound predicate may name: each name and its dtype. */
export interface WhereColumns {
  readonly names: readonly string[];
  readonly dtypes: readonly AnyDType[];
}

function isTime(d: AnyDType | undefined): boolean {
  return d !== undefined && (d.kind === 'date' || d.kind === 'timestamp');
}

/**
 * Bind a parsed `--where` tree to a frame's columns, giving the {@link Expr} that `df.filter`
 * takes. A string literal compared with a date or timestamp column is read as a date
 * (`ts >= '2024-03-01'`).
 * @param node - What {@link parseWhere} returned.
 * @param columns - The frame's column names and dtypes (`{ names: df.columns, dtypes: df.dtypes }`).
 * @param source - The expression text, for error messages.
 * @throws ColumnNotFoundError for a column the frame lacks, suggesting the closest name.
 * @throws ExpressionError for `<`, `>`, `<=`, `>=` with null, or a string that is not a date.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ city: ['Oslo', 'Rome'], day: [new Date('2024-03-01'), new Date('2024-02-01')] });
 * const columns = { names: df.columns, dtypes: df.dtypes };
 * String(bindWhere(parseWhere("city == 'Oslo'"), columns, "city == 'Oslo'")); // → 'col("city").eq("Oslo")'
 * String(bindWhere(parseWhere("day >= '2024-02-15'"), columns, "day >= '2024-02-15'")); // → 'col("day").gte(lit(new Date("2024-02-15T00:00:00.000Z")))'
 * ```
 */
export function bindWhere(node: WhereNode, columns: WhereColumns, source: string): Expr {
  const dtypeOf = (n: WhereNode): AnyDType | undefined => (n.kind === 'column' ? columns.dtypes[columns.names.indexOf(n.name)] : undefined);
  const bind = (n: WhereNode, timeContext: boolean): Expr => {
    switch (n.kind) {
      case 'column':
        if (!columns.names.includes(n.name)) throw new ColumnNotFoundError(n.name, columns.names);
        return col(n.name);
      case 'literal':
        if (timeContext && typeof n.value === 'string') {
          const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(n.value) ? `${n.value}T00:00:00Z` : n.value);
          if (Number.isNaN(d.getTime())) fail(source, n.at, `${JSON.stringify(n.value)} is not a date`);
          return lit(d);
        }
        return lit(n.value);
      case 'compare': {
        const nullSide = [n.left, n.right].find((s) => s.kind === 'literal' && s.value === null);
        if (nullSide !== undefined) {
          const other = nullSide === n.left ? n.right : n.left;
          if (n.op !== 'eq' && n.op !== 'neq') fail(source, n.at, 'only == and != compare with null (they mean is null and is not null)');
          const arg = bind(other, false);
          return n.op === 'eq' ? arg.isNull() : arg.isNotNull();
        }
        const time = isTime(dtypeOf(n.left)) || isTime(dtypeOf(n.right));
        return bind(n.left, time)[n.op](bind(n.right, time));
      }
      case 'isNull': {
        const arg = bind(n.arg, false);
        return n.negated ? arg.isNotNull() : arg.isNull();
      }
      case 'logic':
      case 'not': {
        // `a or b or c …` nests to the left and `not not …` inward: walk such runs in a loop.
        const run: WhereNode[] = [];
        let m: WhereNode = n;
        for (; m.kind === 'logic' || m.kind === 'not'; m = m.kind === 'logic' ? m.left : m.arg) run.push(m);
        let e = bind(m, false);
        for (let k = run.length - 1; k >= 0; k--) {
          const r = run[k]!;
          e = r.kind === 'logic' ? e[r.op](bind(r.right, false)) : e.not();
        }
        return e;
      }
    }
  };
  return bind(node, false);
}

/**
 * Parse a `--where` expression and bind it to a frame's columns: `bindWhere(parseWhere(source), …)`.
 * @param source - The expression text.
 * @param columns - The frame's column names and dtypes.
 * @throws ExpressionError for a syntax error (with its position); ColumnNotFoundError for an unknown column.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ amount: [120, 900, 640, null], flag: [true, true, false, true] });
 * df.filter(compileWhere('amount > 500 and flag', { names: df.columns, dtypes: df.dtypes })).height; // → 1
 * compileWhere('amont > 500', { names: df.columns, dtypes: df.dtypes });
 * // throws ColumnNotFoundError: Column "amont" not found. Did you mean "amount"? Available: amount, flag
 * ```
 */
export function compileWhere(source: string, columns: WhereColumns): Expr {
  return bindWhere(parseWhere(source), columns, source);
}

const PLAIN_NAME = /^[\p{L}_$][\p{L}\p{N}_$.]*$/u;
const SHOW_OP: Readonly<Record<WhereCompareOp, string>> = { eq: '==', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function showLiteral(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ExpressionError(String(v), 'the filter language has no NaN or Infinity');
    return Object.is(v, -0) ? '-0' : String(v);
  }
  if (typeof v === 'string') return `'${v.replace(/[\\'\n\t\r]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c]!)}'`;
  if (v instanceof Date) return `'${v.toISOString()}'`;
  throw new ExpressionError(String(v), 'this literal has no form in the filter language');
}

/**
 * Print an expression in the `--where` language, the inverse of {@link compileWhere} for the
 * expressions that language has: columns, literals, comparisons, `and`, `or`, `not`, `isNull`
 * and `isNotNull`. Logical operands are parenthesized; a chain of one operator prints flat.
 * @param expr - The expression (or its tree).
 * @throws ExpressionError for a node the language cannot say (arithmetic, string functions …).
 * @example
 * ```ts
 * formatWhere(col('qty').gt(3).and(col('note').isNull().not())); // → '(qty > 3) and (not (note is null))'
 * ```
 */
export function formatWhere(expr: Expr | ExprNode): string {
  const top: ExprNode = 'node' in expr ? expr.node : expr;
  // A chain of one logical operator, `a.or(b).or(c)…`, prints flat: `(a) or (b) or (c)`, which
  // reads back as the same chain (the operators group to the left) without nesting parentheses.
  let n = top;
  if (n.op === 'binary' && (n.fn === 'and' || n.fn === 'or')) {
    const fn = n.fn;
    const rights: ExprNode[] = [];
    while (n.op === 'binary' && n.fn === fn) {
      rights.push(n.right);
      n = n.left;
    }
    let out = `(${formatWhere(n)})`;
    for (let k = rights.length - 1; k >= 0; k--) out += ` ${fn} (${formatWhere(rights[k]!)})`;
    return out;
  }
  if (n.op === 'unary' && n.fn === 'not') {
    let nots = 0;
    while (n.op === 'unary' && n.fn === 'not') {
      nots++;
      n = n.arg;
    }
    return `${'not '.repeat(nots)}(${formatWhere(n)})`;
  }
  switch (n.op) {
    case 'col':
      return PLAIN_NAME.test(n.name) && !KEYWORDS.has(n.name.toLowerCase()) ? n.name : `\`${n.name.replace(/`/g, '``')}\``;
    case 'lit':
      return showLiteral(n.value);
    case 'binary':
      if (n.fn === 'and' || n.fn === 'or') return `(${formatWhere(n.left)}) ${n.fn} (${formatWhere(n.right)})`;
      if (n.fn in SHOW_OP) return `${operand(n.left)} ${SHOW_OP[n.fn as WhereCompareOp]} ${operand(n.right)}`;
      break;
    case 'unary':
      if (n.fn === 'isNull' || n.fn === 'isNotNull') {
        return `${operand(n.arg)} ${n.fn === 'isNull' ? 'is null' : 'is not null'}`;
      }
      break;
    default:
      break;
  }
  throw new ExpressionError(formatNode(n), 'the filter language has no form for this expression');
}

/** An operand of a comparison or null test: a column or literal as is, anything else in parentheses. */
function operand(n: ExprNode): string {
  return n.op === 'col' || n.op === 'lit' ? formatWhere(n) : `(${formatWhere(n)})`;
}

function formatNode(n: ExprNode): string {
  return n.op === 'col' ? `col(${JSON.stringify(n.name)})` : n.op;
}
