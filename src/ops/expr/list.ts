/**
 * The list namespace, `col(name).list`: methods building expressions over list, largeList and
 * fixedSizeList values. Evaluated by list-eval.ts.
 */
import type { Expr, ExprNode } from './expr.js';
import type { Decimal, Instant } from '../../dtype/values.js';

/** One list operation, with its arguments. */
export type ListCall =
  | { readonly fn: 'len' | 'first' | 'last' | 'sum' | 'mean' | 'min' | 'max' }
  | { readonly fn: 'get'; readonly index: number }
  | { readonly fn: 'contains'; readonly value: unknown }
  | { readonly fn: 'join'; readonly separator: string };

/**
 * A list call as code, after `.list`.
 * @example
 * ```ts
 * showList({ fn: 'get', index: -1 }); // → 'get(-1)'
 * showList({ fn: 'join', separator: ', ' }); // → 'join(", ")'
 * ```
 */
export function showList(c: ListCall): string {
  switch (c.fn) {
    case 'get':
      return `get(${c.index})`;
    case 'contains':
      return `contains(${showValue(c.value)})`;
    case 'join':
      return `join(${JSON.stringify(c.separator)})`;
    default:
      return `${c.fn}()`;
  }
}

/** A literal value as code. */
function showValue(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return `new Date(${JSON.stringify(v.toISOString())})`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v !== null && typeof v === 'object') return `${v.constructor.name}(${JSON.stringify(String(v))})`;
  return JSON.stringify(v) ?? String(v);
}

/**
 * Operations on each list of a list, largeList or fixedSizeList expression, reached through
 * `expr.list`. Each runs over the list offsets and the item column's typed arrays (no array per
 * row). A null list gives null; any other dtype is an `ExpressionError` naming the expression.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ k: ['a', 'a', 'b'], x: [3, 4, 10] }).groupBy('k').agg({ xs: col('x').implode() });
 * df.select(col('k'), col('xs').list.len().alias('n'), col('xs').list.sum().alias('total')).toRecords();
 * // → [ { k: 'a', n: 2, total: 7 }, { k: 'b', n: 1, total: 10 } ]
 * ```
 */
export class ListNamespace {
  /** @internal */
  constructor(
    private readonly arg: ExprNode,
    private readonly wrap: (node: ExprNode) => Expr,
  ) {}

  private call(call: ListCall): Expr {
    return this.wrap({ op: 'list', arg: this.arg, call });
  }

  /**
   * The number of items in each list, nulls among them counted (uint32, as polars).
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], x: [5, null, 7] }).groupBy('k').agg({ xs: col('x').implode() });
   * df.select(col('xs').list.len()).getColumn('xs').toArray(); // → [ 2, 1 ]
   * ```
   */
  len(): Expr {
    return this.call({ fn: 'len' });
  }

  /**
   * The item at `index` of each list (0 first; negative counts from the end: −1 is the last), or
   * null when the list is shorter. The item dtype, made nullable.
   * @throws ExpressionError (when evaluated) for an index that is not an integer.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], x: [5, 6, 7] }).groupBy('k').agg({ xs: col('x').implode() });
   * df.select(col('xs').list.get(-1).alias('last'), col('xs').list.get(1).alias('second')).toRecords();
   * // → [ { last: 6, second: 6 }, { last: 7, second: null } ]
   * ```
   */
  get(index: number): Expr {
    return this.call({ fn: 'get', index });
  }

  /**
   * The first item of each list (null for an empty list): `get(0)`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1], s: ['x', 'y'] }).groupBy('k').agg({ ss: col('s').implode() });
   * df.select(col('ss').list.first()).getColumn('ss').toArray(); // → [ 'x' ]
   * ```
   */
  first(): Expr {
    return this.call({ fn: 'first' });
  }

  /**
   * The last item of each list (null for an empty list): `get(-1)`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1], s: ['x', 'y'] }).groupBy('k').agg({ ss: col('s').implode() });
   * df.select(col('ss').list.last()).getColumn('ss').toArray(); // → [ 'y' ]
   * ```
   */
  last(): Expr {
    return this.call({ fn: 'last' });
  }

  /**
   * The sum of each list's non-null items: 0 for an empty list (as polars), int64 for integer and
   * boolean items (exact; uint64 for uint64), float64 for floats, for decimals decimal(38, s).
   * @throws ExpressionError (when evaluated) for items that are not numbers, or an integer sum
   * beyond int64.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], x: [1.5, null, 2] }).groupBy('k').agg({ xs: col('x').implode() });
   * df.select(col('xs').list.sum()).getColumn('xs').toArray(); // → [ 1.5, 2 ]
   * ```
   */
  sum(): Expr {
    return this.call({ fn: 'sum' });
  }

  /**
   * The mean of each list's non-null items (float64; null for a list without one).
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], x: [1, 2, null] }).groupBy('k').agg({ xs: col('x').implode() });
   * df.select(col('xs').list.mean()).getColumn('xs').toArray(); // → [ 1.5, null ]
   * ```
   */
  mean(): Expr {
    return this.call({ fn: 'mean' });
  }

  /**
   * The smallest non-null item of each list (null for a list without one), in the item dtype:
   * numbers in the total order (NaN greatest), strings by code point, instants exactly.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], x: [4, -2, NaN] }).groupBy('k').agg({ xs: col('x').implode() });
   * df.select(col('xs').list.min()).getColumn('xs').toArray(); // → [ -2, NaN ]
   * ```
   */
  min(): Expr {
    return this.call({ fn: 'min' });
  }

  /**
   * The largest non-null item of each list (null for a list without one), in the item dtype.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], s: ['pear', 'apple', 'fig'] }).groupBy('k').agg({ ss: col('s').implode() });
   * df.select(col('ss').list.max()).getColumn('ss').toArray(); // → [ 'pear', 'fig' ]
   * ```
   */
  max(): Expr {
    return this.call({ fn: 'max' });
  }

  /**
   * Whether each list holds an item equal to `value` (numbers exactly, NaN equal to NaN, −0 to 0;
   * strings by their text; dates and instants by the instant). A null list gives null, and so
   * does a null `value`; a null item matches nothing.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 2], s: ['a', 'b', 'c'] }).groupBy('k').agg({ ss: col('s').implode() });
   * df.select(col('ss').list.contains('b')).getColumn('ss').toArray(); // → [ true, false ]
   * ```
   */
  contains(value: number | bigint | string | boolean | Date | Instant | Decimal | null): Expr {
    return this.call({ fn: 'contains', value });
  }

  /**
   * The string items of each list joined with `separator` (utf8); null items are skipped, an empty
   * list gives `''`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: [1, 1, 1], s: ['a', null, 'c'] }).groupBy('k').agg({ ss: col('s').implode() });
   * df.select(col('ss').list.join('-')).getColumn('ss').toArray(); // → [ 'a-c' ]
   * ```
   */
  join(separator: string): Expr {
    return this.call({ fn: 'join', separator });
  }
}
