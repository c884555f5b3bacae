/** `groupBy(...keys).agg({...})`: one row per distinct key, in order of first appearance. */
import { ExpressionError, SchemaError } from '../../errors.js';
import { FrameCore } from '../../core/frame-core.js';
import { Expr, show, type ExprNode } from '../expr/expr.js';
import { takeColumn } from '../take.js';
import { aggregate, type AggCache } from './agg.js';
import { groupIds } from './groups.js';

function aggNode(name: string, e: unknown): Extract<ExprNode, { op: 'agg' }> {
  if (!(e instanceof Expr)) throw new ExpressionError(`agg(${name})`, 'expects an aggregation such as col("x").sum()');
  let n = e.node;
  while (n.op === 'alias') n = n.arg;
  if (n.op !== 'agg') throw new ExpressionError(show(e.node), 'is not an aggregation (use .sum(), .mean(), .count() …)');
  return n;
}

/**
 * One row per group of `keys` with the key columns and one column per aggregation; without keys,
 * one row.
 * @throws ColumnNotFoundError, ExpressionError, SchemaError (an output name used twice).
 */
export function groupByAgg(core: FrameCore, keys: readonly string[], aggs: Readonly<Record<string, Expr>>): FrameCore {
  if (aggs === null || typeof aggs !== 'object') throw new ExpressionError('agg', 'expects an object of { name: aggregation }');
  const keyCols = keys.map((k) => core.column(k));
  const names = new Set(keys);
  if (names.size !== keys.length) throw new SchemaError('groupBy names a key twice');
  // Without keys every row is in one group, also when there are none: an aggregation of zero
  // rows is one row (sum 0, count 0, the rest null), as in SQL.
  const groups = keys.length === 0 ? { ids: new Int32Array(core.height), count: 1, firstRow: new Int32Array(1) } : groupIds(keyCols, core.height);
  const out = keyCols.map((c) => takeColumn(c, groups.firstRow));
  const cache: AggCache = new Map();
  for (const [name, e] of Object.entries(aggs)) {
    if (names.has(name)) throw new SchemaError(`agg output "${name}" is also a key or another output`, name);
    names.add(name);
    out.push(aggregate(aggNode(name, e), core, groups, name, cache));
  }
  return new FrameCore(out, groups.count);
}
