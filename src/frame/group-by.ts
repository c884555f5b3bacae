/** `GroupBy`: the result of `df.groupBy(...keys)`, waiting for its aggregations. */
import type { AnyDType } from '../dtype/dtype.js';
import type { SchemaShape } from '../dtype/schema.js';
import type { FrameCore } from '../core/frame-core.js';
import type { Expr } from '../ops/expr/expr.js';
import { groupByAgg } from '../ops/group-by/group-by.js';
import { refuseNestedAggregations } from '../ops/expr/agg-broadcast.js';

/** The schema of `groupBy(...K).agg(A)`: the keys, then one column per aggregation. */
export type AggSchema<S extends SchemaShape, K extends keyof S, A> = { readonly [P in K]: S[P] } & { readonly [P in keyof A]: AnyDType };

/**
 * Rows grouped by key columns; `agg` computes one row per group.
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([
 *   { category: 'a', amount: 10 },
 *   { category: 'b', amount: 5 },
 *   { category: 'a', amount: 2 },
 * ]);
 * const g = df.groupBy('category');
 * g.keys; // → [ 'category' ]
 * g.agg({ total: col('amount').sum(), n: col('amount').count() }).toRecords(); // → [ { category: 'a', total: 12, n: 2 }, { category: 'b', total: 5, n: 1 } ]
 * ```
 */
export class GroupBy<S extends SchemaShape, K extends keyof S & string> {
  constructor(
    private readonly core: FrameCore,
    /** The key columns. */
    readonly keys: readonly K[],
    private readonly wrap: (core: FrameCore) => unknown,
  ) {
    Object.freeze(this);
  }

  /**
   * One row per distinct key (groups in order of first appearance; a null key is a group), with
   * the keys and each aggregation.
   * @throws ExpressionError for a non-aggregation, an aggregation the dtype does not allow, or an
   * aggregation nested inside another (`col('x').sub(col('x').mean()).sum()`), which would not be
   * computed per group.
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([
   *   { city: 'Oslo', amount: 10 },
   *   { city: 'Rome', amount: 5 },
   *   { city: 'Oslo', amount: 3 },
   * ]);
   * console.log(df.groupBy('city').agg({ total: col('amount').sum(), avg: col('amount').mean() }));
   * // prints:
   * // shape: (2, 3)
   * // ┌──────┬───────┬─────┐
   * // │ city ┆ total ┆ avg │
   * // │ ---  ┆ ---   ┆ --- │
   * // │ str  ┆ i64   ┆ f64 │
   * // ╞══════╪═══════╪═════╡
   * // │ Oslo ┆    13 ┆ 6.5 │
   * // │ Rome ┆     5 ┆ 5.0 │
   * // └──────┴───────┴─────┘
   * ```
   */
  agg<const A extends Readonly<Record<string, Expr>>>(aggs: A): import('./dataframe.js').DataFrame<AggSchema<S, K, A>> {
    if (this.keys.length > 0) refuseNestedAggregations(aggs);
    return this.wrap(groupByAgg(this.core, this.keys, aggs)) as import('./dataframe.js').DataFrame<AggSchema<S, K, A>>;
  }
}
