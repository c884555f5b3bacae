/** `withColumns` and expression `select`: new or replaced columns from expressions or row functions. */
import { ExpressionError, SchemaError } from '../errors.js';
import { isDType, type AnyDType } from '../dtype/dtype.js';
import { Column } from '../column/column.js';
import { makeBuilder } from '../column/builders.js';
import { FrameCore } from '../core/frame-core.js';
import { Expr, outputName, show } from './expr/expr.js';
import { evaluate, materialize } from './expr/eval.js';
import { eachRow, type RowFn } from './row-callback.js';

/** A column computed by a function of each row, with its declared dtype. */
export interface RowColumnSpec<R = never, T = unknown> {
  /** The dtype of the values `fn` returns (checked: a value that does not fit is an error). */
  readonly dtype: AnyDType;
  /** Called once per row with a reused row view. */
  readonly fn: RowFn<R, T>;
}

/** What `withColumns` takes per name. */
export type ColumnSpec = Expr | RowColumnSpec;

/** Evaluate one spec on `core` into a column named `name`. */
export function computeColumn(core: FrameCore, name: string, spec: ColumnSpec): Column {
  if (spec instanceof Expr) return materialize(evaluate(spec.node, core), core.height, name);
  if (spec !== null && typeof spec === 'object' && typeof spec.fn === 'function' && isDType(spec.dtype)) {
    const b = makeBuilder(spec.dtype, name, { capacity: Math.max(1, core.height) });
    eachRow(core, spec.fn, (_i, v) => b.append(v));
    return new Column(name, spec.dtype, b.finish());
  }
  throw new ExpressionError(`withColumns(${name})`, 'expects an expression, or { dtype, fn } for a function of each row');
}

/**
 * `core` with the given columns added (at the end) or replaced (in place). Every spec sees the
 * input frame, not the columns added beside it.
 */
export function withColumns(core: FrameCore, specs: Readonly<Record<string, ColumnSpec>> | readonly Expr[]): FrameCore {
  const computed: Column[] = Array.isArray(specs)
    ? (specs as readonly Expr[]).map((e) => {
        if (!(e instanceof Expr)) throw new ExpressionError('withColumns([...])', 'expects expressions');
        const name = outputName(e.node);
        if (name === undefined) throw new ExpressionError(show(e.node), 'has no name; add .alias(name)');
        return computeColumn(core, name, e);
      })
    : Object.entries(specs as Readonly<Record<string, ColumnSpec>>).map(([name, spec]) => computeColumn(core, name, spec));
  const cols = core.columns.slice();
  const seen = new Set<string>();
  for (const c of computed) {
    if (seen.has(c.name)) throw new SchemaError(`withColumns sets "${c.name}" twice`, c.name);
    seen.add(c.name);
    const i = core.schema.indexOf(c.name);
    if (i >= 0) cols[i] = c;
    else cols.push(c);
  }
  return new FrameCore(cols, core.height);
}

/** The columns of `items` (names or expressions), in order. */
export function selectItems(core: FrameCore, items: readonly (string | Expr)[]): FrameCore {
  if (items.every((x) => typeof x === 'string')) return core.pick(items as string[]);
  const cols = items.map((x) => {
    if (typeof x === 'string') return core.column(x);
    const name = outputName(x.node);
    return computeColumn(core, name ?? 'literal', x);
  });
  const seen = new Set<string>();
  for (const c of cols) {
    if (seen.has(c.name)) throw new SchemaError(`select yields "${c.name}" twice; rename with .alias()`, c.name);
    seen.add(c.name);
  }
  return new FrameCore(cols, core.height);
}
