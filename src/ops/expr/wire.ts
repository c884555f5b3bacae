/**
 * Expressions as plain data for `postMessage`: the tree is plain already except for the dtypes
 * of casts, which become small objects and are rebuilt on the other side.
 */
import { ExpressionError } from '../../errors.js';
import { fromPlainDType, plainDType, type PlainDType } from '../../core/wire.js';
import { Expr, type ExprNode } from './expr.js';

/** An expression tree with dtypes as plain data (structured-cloneable). */
export type WireNode = ExprNode | { readonly op: 'cast'; readonly arg: WireNode; readonly dtype: PlainDType; readonly strict?: boolean };

/**
 * `node` with `f` applied to every node, top down (the children of `f`'s result are mapped), without
 * recursion: a chain of any length maps.
 */
function map(root: ExprNode, f: (n: ExprNode) => ExprNode): ExprNode {
  const done = new Map<ExprNode, ExprNode>();
  const mapped = new Map<ExprNode, ExprNode>();
  const stack: ExprNode[] = [root];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (done.has(n)) {
      stack.pop();
      continue;
    }
    let m = mapped.get(n);
    if (m === undefined) mapped.set(n, (m = f(n)));
    const kids = childrenOf(m);
    const pending = kids.filter((k) => !done.has(k));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    done.set(n, rebuild(m, (k) => done.get(k)!));
    stack.pop();
  }
  return done.get(root)!;
}

function childrenOf(n: ExprNode): ExprNode[] {
  switch (n.op) {
    case 'col':
    case 'lit':
      return [];
    case 'binary':
      return [n.left, n.right];
    case 'when':
      return [...n.branches.flatMap((b) => [b.cond, b.value]), ...(n.otherwise === null ? [] : [n.otherwise])];
    case 'fillNull':
      return [n.arg, n.value];
    default:
      return [n.arg];
  }
}

function rebuild(n: ExprNode, get: (n: ExprNode) => ExprNode): ExprNode {
  switch (n.op) {
    case 'col':
    case 'lit':
      return n;
    case 'binary':
      return { ...n, left: get(n.left), right: get(n.right) };
    case 'when':
      return {
        ...n,
        branches: n.branches.map((b) => ({ cond: get(b.cond), value: get(b.value) })),
        otherwise: n.otherwise === null ? null : get(n.otherwise),
      };
    case 'fillNull':
      return { ...n, arg: get(n.arg), value: get(n.value) };
    default:
      return { ...n, arg: get(n.arg) } as ExprNode;
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
