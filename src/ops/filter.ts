/** `filter`: the rows where a predicate is true (null counts as false, as in SQL). */
import { ExpressionError } from '../errors.js';
import type { FrameCore } from '../core/frame-core.js';
import { Expr, show } from './expr/expr.js';
import { evaluate } from './expr/eval.js';
import { alignedBits, validityOf } from './expr/values.js';
import { eachRow, type RowFn } from './row-callback.js';
import { takeRows } from './take.js';

/**
 * The rows of `core` where `predicate` is true: an expression evaluating to bool, or a function
 * of a row view returning a boolean (a truthy non-boolean is an error, not a guess).
 * @throws ExpressionError when the expression is not boolean or names an unknown column.
 */
export function filter(core: FrameCore, predicate: Expr | RowFn<never, unknown>): FrameCore {
  const n = core.height;
  const keep = new Int32Array(n);
  let k = 0;
  if (predicate instanceof Expr) {
    const v = evaluate(predicate.node, core);
    const where = show(predicate.node);
    if ('scalar' in v) {
      if (v.scalar !== null && typeof v.scalar !== 'boolean') throw new ExpressionError(`filter(${where})`, 'the predicate is not boolean');
      return v.scalar === true ? core : core.sliceRows(0, 0);
    }
    const c = v.column;
    if (c.dtype.kind !== 'bool') throw new ExpressionError(`filter(${where})`, `the predicate gives ${String(c.dtype)}, not booleans`);
    const bits = alignedBits(c.data.values as Uint8Array, c.data.offset, n);
    const valid = validityOf(c);
    // Eight rows per byte: skip bytes with no row kept (most, for a selective predicate).
    const bytes = (n + 7) >> 3;
    for (let b = 0; b < bytes; b++) {
      let byte = bits[b]!;
      if (valid !== null) byte &= valid[b]!;
      if (byte === 0) continue;
      const base = b << 3;
      for (let j = 0; j < 8; j++) if ((byte & (1 << j)) !== 0 && base + j < n) keep[k++] = base + j;
    }
  } else if (typeof predicate === 'function') {
    eachRow(core, predicate, (i, ok) => {
      if (ok === true) keep[k++] = i;
      else if (ok !== false && ok !== null && ok !== undefined) {
        throw new ExpressionError('filter(fn)', `row ${i}: the function returned ${typeof ok} ${String(ok)}, not a boolean`);
      }
    });
  } else {
    throw new ExpressionError('filter', 'expects an expression such as col("x").gt(5) or a function of a row');
  }
  if (k === n) return core;
  return takeRows(core, keep.subarray(0, k));
}
