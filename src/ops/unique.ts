/** `unique`: rows with distinct values in `subset` (default: every column). */
import { InvalidArgumentError } from '../errors.js';
import type { FrameCore } from '../core/frame-core.js';
import { groupIds } from './group-by/groups.js';
import { takeRows } from './take.js';

/** Which row of a set of duplicates stays. */
export type UniqueKeep = 'first' | 'last' | 'none';

/**
 * The rows whose `subset` values first (or last) occur, in their original order; `keep: 'none'`
 * drops every row that has a duplicate. Nulls are equal to each other here (as polars does).
 * Columns of every dtype compare: numbers exactly (NaN equals NaN, −0 equals 0), timestamps in
 * every unit, decimals, binary kinds bytewise, intervals by their fields, lists, structs and maps
 * by their items (nulls inside equal too), and union values when they select the same child and
 * its values are equal.
 * @throws ColumnNotFoundError, InvalidArgumentError.
 */
export function unique(core: FrameCore, subset?: readonly string[], keep: UniqueKeep = 'first'): FrameCore {
  if (keep !== 'first' && keep !== 'last' && keep !== 'none') throw new InvalidArgumentError(`unique: keep must be 'first', 'last' or 'none', got ${String(keep)}`, keep);
  const cols = (subset ?? core.schema.names).map((n) => core.column(n));
  const n = core.height;
  const g = groupIds(cols, n);
  if (g.count === n) return core;
  const pick = new Int32Array(g.count).fill(-1);
  const count = new Int32Array(g.count);
  for (let i = 0; i < n; i++) {
    const id = g.ids[i]!;
    count[id]!++;
    if (keep === 'last' || pick[id] === -1) pick[id] = i;
  }
  const rows: number[] = [];
  const chosen = new Uint8Array(n);
  for (let id = 0; id < g.count; id++) if (keep !== 'none' || count[id] === 1) chosen[pick[id]!] = 1;
  for (let i = 0; i < n; i++) if (chosen[i]) rows.push(i);
  return takeRows(core, Int32Array.from(rows));
}
