/** Row callbacks: a user function called once per row with one reused, read-only row view. */
import type { FrameCore } from '../core/frame-core.js';
import { MOVE, rowClassFor, rowStoreFor } from '../core/row-view.js';

/** A function of a row view and its index. */
export type RowFn<R, T> = (row: R, index: number) => T;

/**
 * Call `visit(i, fn(view, i))` for every row, moving one view along (no object per row). The
 * view must not be kept: it shows the current row only.
 */
export function eachRow<T>(core: FrameCore, fn: RowFn<never, T>, visit: (i: number, value: T) => void): void {
  const cls = rowClassFor(core.columns);
  const view = new cls(rowStoreFor(core.columns), 0) as { [MOVE](i: number): object };
  const n = core.height;
  for (let i = 0; i < n; i++) visit(i, fn(view[MOVE](i) as never, i));
}
