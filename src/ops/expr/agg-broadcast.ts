/**
 * Aggregations inside expressions evaluated over a whole frame (`withColumns`, `select`,
 * `filter`, `sort`): `col('x').sub(col('x').mean())` computes the mean once over every row and
 * broadcasts it, as polars does outside a group context.
 */
import type { FrameCore } from '../../core/frame-core.js';
import { aggregate } from '../group-by/agg.js';
import type { Groups } from '../group-by/groups.js';
import { takeColumn } from '../take.js';
import { ExpressionError } from '../../errors.js';
import { argumentsOf, Expr, outputName, receiverOf, show, type ExprNode } from './expr.js';
import type { Value } from './eval.js';

/**
 * The aggregation `node` over every row of `core`, as a column repeating its one value.
 * @throws ExpressionError as the aggregation does (e.g. `mean` of text).
 * @example
 * ```ts
 * import { FrameCore } from '../../core/frame-core.js';
 * const df = DataFrame.fromColumns({ x: [1, 2, 6] });
 * const mean = col('x').mean().node as Parameters<typeof aggregateOverFrame>[0];
 * (aggregateOverFrame(mean, new FrameCore(df.getColumns(), df.height)) as { column: Column }).column.toArray(); // → [ 3, 3, 3 ]
 * df.withColumns({ centered: col('x').sub(col('x').mean()) }).getColumn('centered').toArray(); // → [ -2, -1, 3 ]
 * ```
 */
export function aggregateOverFrame(node: Extract<ExprNode, { op: 'agg' }>, core: FrameCore): Value {
  const n = core.height;
  const everyRow: Groups = { ids: new Int32Array(n), count: 1, firstRow: Int32Array.of(0) };
  const one = aggregate(node, core, everyRow, outputName(node) ?? 'literal');
  return { column: takeColumn(one, new Int32Array(n)) };
}

/**
 * The first aggregation nested inside `node` (below its top), if any: in a grouped `agg` it would
 * be computed over the whole frame, not per group.
 * @example
 * ```ts
 * nestedAggregation(col('x').sub(col('x').mean()).sum().node); // → { op: 'agg', fn: 'mean', arg: { op: 'col', name: 'x' } }
 * nestedAggregation(col('x').sum().node); // → undefined
 * ```
 */
export function nestedAggregation(node: ExprNode): ExprNode | undefined {
  // Depth first, children in order, with a stack instead of recursion (chains can be long).
  const stack = children(node).reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.op === 'agg') return n;
    const kids = children(n);
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
  }
  return undefined;
}

function children(n: ExprNode): ExprNode[] {
  const r = receiverOf(n);
  return r === undefined ? [...argumentsOf(n)] : [r, ...argumentsOf(n)];
}

/**
 * Refuse, for a grouped `agg` (with keys), an aggregation nested inside another: it would be
 * computed over the whole frame, not per group (polars computes it per group).
 * @throws ExpressionError naming the nested aggregation.
 * @example
 * ```ts
 * refuseNestedAggregations({ d: col('x').sub(col('x').mean()).sum() });
 * // throws ExpressionError: col("x").sub(col("x").mean()).sum(): col("x").mean() inside a grouped aggregation would be computed over the whole frame, not per group; compute it per group first (groupBy + join) or use df.agg
 * ```
 */
export function refuseNestedAggregations(aggs: Readonly<Record<string, unknown>>): void {
  if (aggs === null || typeof aggs !== 'object') return;
  for (const e of Object.values(aggs)) {
    if (!(e instanceof Expr)) continue;
    const inner = nestedAggregation(e.node);
    if (inner !== undefined) {
      throw new ExpressionError(
        show(e.node),
        `${show(inner)} inside a grouped aggregation would be computed over the whole frame, not per group; compute it per group first (groupBy + join) or use df.agg`,
      );
    }
  }
}
