/**
 * Expressions as plain data for `postMessage`: the tree is plain already except for the dtypes
 * of casts, which become small objects and are rebuilt on the other side.
 */
import { ExpressionError } from '../../errors.js';
import { fromPlainDType, plainDType, type PlainDType } from '../../core/wire.js';
import { Expr, type ExprNode } from './expr.js';

/** An expression tree with dtypes as plain data (structured-cloneable). */
export type WireNode = ExprNode | { readonly op: 'cast'; readonly arg: WireNode; readonly dtype: PlainDType; readonly strict?: boolean };

function map(node: ExprNode, f: (n: ExprNode) => ExprNode): ExprNode {
  const n = f(node);
  switch (n.op) {
    case 'col':
    case 'lit':
      return n;
    case 'binary':
      return { ...n, left: map(n.left, f), right: map(n.right, f) };
    case 'when':
      return {
        ...n,
        branches: n.branches.map((b) => ({ cond: map(b.cond, f), value: map(b.value, f) })),
        otherwise: n.otherwise === null ? null : map(n.otherwise, f),
      };
    case 'fillNull':
      return { ...n, arg: map(n.arg, f), value: map(n.value, f) };
    default:
      return { ...n, arg: map(n.arg, f) } as ExprNode;
  }
}

/** An expression as plain data. */
export function exprToWire(e: Expr): WireNode {
  return map(e.node, (n) => (n.op === 'cast' ? ({ ...n, dtype: plainDType(n.dtype) } as unknown as ExprNode) : n)) as WireNode;
}

/**
 * An expression from plain data.
 * @throws ExpressionError when the data is not an expression tree.
 */
export function exprFromWire(w: WireNode): Expr {
  if (w === null || typeof w !== 'object' || typeof (w as { op?: unknown }).op !== 'string') throw new ExpressionError('expression', 'not an expression tree');
  return new Expr(map(w as ExprNode, (n) => (n.op === 'cast' ? { ...n, dtype: fromPlainDType(n.dtype as unknown as PlainDType) } : n)));
}
