/**
 * Splitting a group-by aggregation into partial aggregates (computed per row range in workers)
 * and the merge that combines them exactly on the main thread.
 */
import { DataFrame } from '../frame/dataframe.js';
import { ExpressionError } from '../errors.js';
import { Expr, col, lit, show, type AggOp, type ExprNode } from '../ops/expr/expr.js';
import { when } from '../ops/expr/when.js';
import { dtypeEquals, float64, nullable } from '../dtype/dtype.js';

/** Aggregations whose partial results merge exactly, and how. */
const MERGE: Partial<Record<AggOp, 'sum' | 'min' | 'max' | 'first' | 'last' | 'mean'>> = {
  sum: 'sum',
  count: 'sum',
  len: 'sum',
  min: 'min',
  max: 'max',
  first: 'first',
  last: 'last',
  mean: 'mean',
};

/** The plan of a parallel aggregation. */
export interface ParallelAgg {
  /** What each worker computes over its rows. */
  readonly partial: readonly { readonly name: string; readonly expr: Expr }[];
  /** Combines the workers' frames (in row-range order) into the final result. */
  merge(frames: readonly DataFrame[]): DataFrame;
}

function unalias(node: ExprNode): ExprNode {
  let n = node;
  while (n.op === 'alias') n = n.arg;
  return n;
}

/**
 * Plans `groupBy(...keys).agg(aggs)` as partial aggregates and a merge. Checks the keys, the
 * aggregations and their dtypes against `df` first (by running them on no rows), so errors
 * surface here with the usual messages.
 * @throws ExpressionError for an aggregation that cannot be merged from partial results.
 */
export function planParallelAgg(df: DataFrame, keys: readonly string[], aggs: Readonly<Record<string, Expr>>): ParallelAgg {
  if (aggs === null || typeof aggs !== 'object') throw new ExpressionError('pool.groupByAgg', 'expects { name: aggregation } such as { total: col("amount").sum() }');
  const expected = df.head(0).groupBy(...keys).agg(aggs); // validates everything on zero rows
  const partial: { name: string; expr: Expr }[] = [];
  const merged: Record<string, Expr> = {};
  const finals: { name: string; expr: Expr }[] = [];
  const names = Object.keys(aggs);
  names.forEach((name, i) => {
    const e = aggs[name]!;
    const node = unalias(e.node);
    const how = node.op === 'agg' ? MERGE[node.fn] : undefined;
    if (node.op !== 'agg' || how === undefined) {
      throw new ExpressionError(
        `pool.groupByAgg: ${name} = ${show(e.node)}`,
        'only sum, count, len, mean, min, max, first and last merge from partial results; run this aggregation with df.groupBy(...).agg(...)',
      );
    }
    const arg = new Expr(node.arg);
    const p = `__p${i}`;
    if (how === 'mean') {
      partial.push({ name: `${p}_s`, expr: arg.cast(nullable(float64())).sum() }, { name: `${p}_n`, expr: arg.count() });
      merged[`${p}_s`] = col(`${p}_s`).sum();
      merged[`${p}_n`] = col(`${p}_n`).sum();
      finals.push({ name, expr: when(col(`${p}_n`).gt(0)).then(col(`${p}_s`).div(col(`${p}_n`))).otherwise(lit(null)) });
    } else {
      partial.push({ name: p, expr: new Expr({ op: 'agg', fn: node.fn, arg: node.arg }) });
      merged[p] = new Expr({ op: 'agg', fn: how as AggOp, arg: { op: 'col', name: p } });
      finals.push({ name, expr: col(p) });
    }
  });
  const dtypes = expected.dtypes;
  return {
    partial,
    merge(frames: readonly DataFrame[]): DataFrame {
      const all = frames.length === 1 ? frames[0]! : DataFrame.concat(frames);
      const grouped = all.groupBy(...keys).agg(merged);
      const cols: Record<string, Expr> = {};
      keys.forEach((k) => (cols[k] = col(k)));
      for (const f of finals) cols[f.name] = f.expr;
      const out = grouped.select(...Object.entries(cols).map(([n, x]) => x.alias(n)));
      const casts: Record<string, (typeof dtypes)[number]> = {};
      expected.columns.forEach((n, i) => {
        if (!dtypeEquals(out.dtypes[i]!, dtypes[i]!)) casts[n] = dtypes[i]!;
      });
      return Object.keys(casts).length === 0 ? out : out.cast(casts as never);
    },
  };
}
