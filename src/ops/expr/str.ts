/**
 * The string namespace, `col(name).str`: methods building string expressions. Evaluated by
 * str-eval.ts.
 */
import { checkOptions } from '../../util/options.js';
import type { Expr, ExprNode } from './expr.js';

/** A regular expression as stored in an expression tree (rebuilt when evaluated). */
export interface RegexSpec {
  /** The pattern source, as `RegExp.prototype.source`. */
  readonly source: string;
  /** The flags, as `RegExp.prototype.flags`. */
  readonly flags: string;
}

/** A pattern as given: a string, or a regular expression. */
export type StrPattern = string | RegexSpec;

/** One string operation, with its arguments. */
export type StrCall =
  | { readonly fn: 'contains'; readonly pattern: StrPattern; readonly literal: boolean }
  | { readonly fn: 'startsWith' | 'endsWith'; readonly text: string }
  | { readonly fn: 'lower' | 'upper' | 'length' }
  | { readonly fn: 'replace'; readonly pattern: StrPattern; readonly replacement: string; readonly literal: boolean; readonly all: boolean }
  | { readonly fn: 'slice'; readonly start: number; readonly length: number | null };

/** Options of `str.contains`. */
export interface ContainsOptions {
  /** Match a string pattern as plain text rather than as a regular expression (default false). */
  literal?: boolean;
}

/** Options of `str.replace`. */
export interface ReplaceOptions {
  /** Replace every match rather than the first (default false). */
  all?: boolean;
  /**
   * Match a string pattern as plain text, and insert `replacement` as is (no `$1` / `$&`
   * substitution); default false.
   */
  literal?: boolean;
}

function patternOf(p: string | RegExp): StrPattern {
  return p instanceof RegExp ? { source: p.source, flags: p.flags } : p;
}

/** A pattern as code: `"a+"` or `/a+/i`. */
function showPattern(p: StrPattern): string {
  return typeof p === 'string' ? JSON.stringify(p) : typeof p === 'object' && p !== null ? `/${p.source}/${p.flags}` : String(p);
}

/**
 * A string call as code, after `.str`.
 * @example
 * ```ts
 * showStr({ fn: 'contains', pattern: 'a', literal: true }); // → 'contains("a", { literal: true })'
 * ```
 */
export function showStr(c: StrCall): string {
  switch (c.fn) {
    case 'contains':
      return `contains(${showPattern(c.pattern)}${c.literal ? ', { literal: true }' : ''})`;
    case 'startsWith':
    case 'endsWith':
      return `${c.fn}(${JSON.stringify(c.text)})`;
    case 'replace': {
      const opts = [c.all ? 'all: true' : '', c.literal ? 'literal: true' : ''].filter((x) => x !== '');
      return `replace(${showPattern(c.pattern)}, ${JSON.stringify(c.replacement)}${opts.length > 0 ? `, { ${opts.join(', ')} }` : ''})`;
    }
    case 'slice':
      return `slice(${c.start}${c.length === null ? '' : `, ${c.length}`})`;
    default:
      return `${c.fn}()`;
  }
}

/**
 * String operations on a utf8 or categorical expression, reached through `expr.str`. Nulls stay
 * null. On a categorical column each operation runs once per dictionary entry in use, then maps
 * the codes; `lower`, `upper`, `replace` and `slice` give a categorical column again (its
 * dictionary transformed, equal results merged into one entry), the others give bool or int32.
 * Any other dtype is an `ExpressionError` naming the expression.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ s: ['Apple', 'banana', null] });
 * df.select(col('s').str.upper()).getColumn('s').toArray();
 * // → [ 'APPLE', 'BANANA', null ]
 * ```
 */
export class StrNamespace {
  /** @internal */
  constructor(
    private readonly arg: ExprNode,
    private readonly wrap: (node: ExprNode) => Expr,
  ) {}

  private call(call: StrCall): Expr {
    return this.wrap({ op: 'str', arg: this.arg, call });
  }

  /**
   * Whether the string contains a match of `pattern`. A string pattern is a regular expression
   * source (`'^a.c'`) unless `{ literal: true }`; a `RegExp` is used as is (its `g` flag ignored).
   * A literal pattern on a utf8 column is searched in the UTF-8 bytes, without decoding rows.
   * Regular expressions run on JavaScript strings; give the `u` flag for code-point semantics.
   * @throws ExpressionError (when evaluated) for a non-string input or an invalid pattern.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ s: ['a.c', 'abc', null] });
   * df.select(col('s').str.contains('a.c')).getColumn('s').toArray();
   * // → [ true, true, null ]
   * df.select(col('s').str.contains('a.c', { literal: true })).getColumn('s').toArray();
   * // → [ true, false, null ]
   * ```
   */
  contains(pattern: string | RegExp, opts: ContainsOptions = {}): Expr {
    checkOptions(opts, ['literal'], 'str.contains');
    return this.call({ fn: 'contains', pattern: patternOf(pattern), literal: opts.literal === true });
  }

  /**
   * Whether the string starts with `prefix` (compared as UTF-8 bytes on a utf8 column).
   * @example
   * ```ts
   * DataFrame.fromColumns({ s: ['report.csv', 'notes'] })
   *   .select(col('s').str.startsWith('rep')).getColumn('s').toArray();
   * // → [ true, false ]
   * ```
   */
  startsWith(prefix: string): Expr {
    return this.call({ fn: 'startsWith', text: prefix });
  }

  /**
   * Whether the string ends with `suffix` (compared as UTF-8 bytes on a utf8 column).
   * @example
   * ```ts
   * DataFrame.fromColumns({ s: ['report.csv', 'notes'] })
   *   .select(col('s').str.endsWith('.csv')).getColumn('s').toArray();
   * // → [ true, false ]
   * ```
   */
  endsWith(suffix: string): Expr {
    return this.call({ fn: 'endsWith', text: suffix });
  }

  /**
   * The string in lower case (`String.prototype.toLowerCase`: Unicode, locale-independent).
   * @example
   * ```ts
   * DataFrame.fromColumns({ s: ['ÀB', 'Straße'] }).select(col('s').str.lower()).getColumn('s').toArray();
   * // → [ 'àb', 'straße' ]
   * ```
   */
  lower(): Expr {
    return this.call({ fn: 'lower' });
  }

  /**
   * The string in upper case (`String.prototype.toUpperCase`: `'ß'` becomes `'SS'`).
   * @example
   * ```ts
   * DataFrame.fromColumns({ s: ['àb', 'Straße'] }).select(col('s').str.upper()).getColumn('s').toArray();
   * // → [ 'ÀB', 'STRASSE' ]
   * ```
   */
  upper(): Expr {
    return this.call({ fn: 'upper' });
  }

  /**
   * The number of Unicode code points (int32): `'😀'` has length 1, not 2 as in JavaScript.
   * @example
   * ```ts
   * DataFrame.fromColumns({ s: ['abc', 'née', '😀', null] }).select(col('s').str.length()).getColumn('s').toArray();
   * // → [ 3, 3, 1, null ]
   * ```
   */
  length(): Expr {
    return this.call({ fn: 'length' });
  }

  /**
   * The string with the first match of `pattern` replaced, or every match with `{ all: true }`.
   * A string pattern is a regular expression source unless `{ literal: true }`; with a regular
   * expression, `replacement` may refer to groups (`$1`, `$<name>`), as in `String.prototype.replace`.
   * A literal pattern on a utf8 column is replaced in the UTF-8 bytes (rows without it are copied).
   * @throws ExpressionError (when evaluated) for a non-string input or an invalid pattern.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ s: ['a-b-c'] });
   * df.select(col('s').str.replace('-', '+')).getColumn('s').toArray();
   * // → [ 'a+b-c' ]
   * df.select(col('s').str.replace(/(\w)-/, '$1$1', { all: true })).getColumn('s').toArray();
   * // → [ 'aabbc' ]
   * ```
   */
  replace(pattern: string | RegExp, replacement: string, opts: ReplaceOptions = {}): Expr {
    checkOptions(opts, ['literal', 'all'], 'str.replace');
    return this.call({ fn: 'replace', pattern: patternOf(pattern), replacement, literal: opts.literal === true, all: opts.all === true });
  }

  /**
   * The `length` code points from `start` (all the rest when omitted). A negative `start` counts
   * from the end; the window is clipped to the string, as in polars (`'abc'.slice(-5, 3)` is `'a'`).
   * @throws ExpressionError (when evaluated) unless `start` is an integer and `length` a
   * non-negative integer.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ s: ['2024-05-17', 'née😀'] });
   * df.select(col('s').str.slice(0, 4)).getColumn('s').toArray();
   * // → [ '2024', 'née😀' ]
   * df.select(col('s').str.slice(-2)).getColumn('s').toArray();
   * // → [ '17', 'e😀' ]
   * ```
   */
  slice(start: number, length?: number): Expr {
    return this.call({ fn: 'slice', start, length: length ?? null });
  }
}
