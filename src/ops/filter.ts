/** `filter`: the rows where a predicate is true (null counts as false, as in SQL). */
import { ExpressionError } from '../errors.js';
import type { FrameCore } from '../core/frame-core.js';
import { Expr, ExprText } from './expr/expr.js';
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
  if (predicate instanceof Expr) {
    const v = evaluate(predicate.node, core);
    const where = new ExprText(predicate.node);
    if ('scalar' in v) {
      if (v.scalar !== null && typeof v.scalar !== 'boolean') throw new ExpressionError(`filter(${where})`, 'the predicate is not boolean');
      return v.scalar === true ? core : core.sliceRows(0, 0);
    }
    const c = v.column;
    if (c.dtype.kind !== 'bool') throw new ExpressionError(`filter(${where})`, `the predicate gives ${String(c.dtype)}, not booleans`);
    const keep = keptRows(alignedBits(c.data.values as Uint8Array, c.data.offset, n), validityOf(c), n);
    return keep.length === n ? core : takeRows(core, keep);
  }
  if (typeof predicate === 'function') {
    const keep = new Int32Array(n);
    let k = 0;
    eachRow(core, predicate, (i, ok) => {
      if (ok === true) keep[k++] = i;
      else if (ok !== false && ok !== null && ok !== undefined) {
        throw new ExpressionError('filter(fn)', `row ${i}: the function returned ${typeof ok} ${String(ok)}, not a boolean`);
      }
    });
    return k === n ? core : takeRows(core, keep.slice(0, k));
  }
  throw new ExpressionError('filter', 'expects an expression such as col("x").gt(5) or a function of a row');
}

/** Bits set in each byte value. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let c = 0;
  for (let x = b; x !== 0; x &= x - 1) c++;
  return c;
});

/**
 * The indices of the rows whose bit is set (and valid), in order: counted first so the index
 * array is allocated at its exact size, then filled eight rows per byte, skipping empty bytes.
 */
function keptRows(bits: Uint8Array, valid: Uint8Array | null, n: number): Int32Array {
  const bytes = n >> 3;
  let count = 0;
  for (let b = 0; b < bytes; b++) count += POPCOUNT[valid === null ? bits[b]! : bits[b]! & valid[b]!]!;
  for (let i = bytes << 3; i < n; i++) if ((bits[i >> 3]! & (1 << (i & 7))) !== 0 && (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0)) count++;
  const keep = new Int32Array(count);
  let k = 0;
  for (let b = 0; b < bytes; b++) {
    let byte = valid === null ? bits[b]! : bits[b]! & valid[b]!;
    const base = b << 3;
    while (byte !== 0) {
      const low = byte & -byte; // lowest set bit
      keep[k++] = base + (31 - Math.clz32(low));
      byte ^= low;
    }
  }
  for (let i = bytes << 3; i < n; i++) if ((bits[i >> 3]! & (1 << (i & 7))) !== 0 && (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0)) keep[k++] = i;
  return keep;
}
