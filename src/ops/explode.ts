/**
 * `explode`: one row per item of a list column, the other columns repeated. As polars: an empty
 * list and a null list each give one row whose item is null.
 */
import { SchemaError } from '../errors.js';
import { dtypeName } from '../dtype/dtype.js';
import type { Column } from '../column/column.js';
import { FrameCore } from '../core/frame-core.js';
import { isListKind, listLayout, type ListLayout } from './expr/list-eval.js';
import { takeColumn, takeOrNull } from './take.js';

/**
 * `core` with the list columns `names` replaced by their items, one row per item; every other
 * column repeats its row. Several columns explode together and must hold lists of equal lengths
 * in each row.
 * @throws ColumnNotFoundError; SchemaError for a column that is not a list, or lists of unequal
 * lengths in one row (naming the row).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ k: ['a', 'b', 'a'], x: [1, 2, 3] }).groupBy('k').agg({ xs: col('x').implode() });
 * new DataFrame(explode(df.core, ['xs'])).toRecords(); // → [ { k: 'a', xs: 1 }, { k: 'a', xs: 3 }, { k: 'b', xs: 2 } ]
 * ```
 */
export function explode(core: FrameCore, names: readonly string[]): FrameCore {
  if (names.length === 0) return core;
  if (new Set(names).size !== names.length) throw new SchemaError('explode names a column twice');
  const layouts = names.map((name) => {
    const c = core.column(name);
    if (!isListKind(c.dtype)) throw new SchemaError(`explode: column "${name}" is ${dtypeName(c.dtype)}, not a list`, name);
    return listLayout(c);
  });
  const n = core.height;
  const first = layouts[0]!;
  const len = (l: ListLayout, i: number) => (l.validity !== null && (l.validity[i >> 3]! & (1 << (i & 7))) === 0 ? -1 : l.offsets[i + 1]! - l.offsets[i]!);
  for (let k = 1; k < layouts.length; k++) {
    for (let i = 0; i < n; i++) {
      const a = Math.max(0, len(first, i));
      const b = Math.max(0, len(layouts[k]!, i));
      if (a !== b) throw new SchemaError(`explode: row ${i} holds ${a} items in "${names[0]}" but ${b} in "${names[k]}"; exploded together, lists must be equally long`, names[k]);
    }
  }
  // Output rows: one per item, one for an empty or null list.
  let total = 0;
  let simple = true; // every list non-null and non-empty
  for (let i = 0; i < n; i++) {
    const m = len(first, i);
    total += m > 0 ? m : 1;
    if (m <= 0) simple = false;
  }
  const rows = new Int32Array(total);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const m = Math.max(1, len(first, i));
    rows.fill(i, p, p + m);
    p += m;
  }
  const itemsOf = (l: ListLayout): Column => {
    const o = l.offsets;
    // Lists are contiguous in their items: without empty or null lists, the items are one slice.
    if (simple) return l.items.sliceUnchecked(o[0]!, o[n]! - o[0]!);
    const idx = new Int32Array(total);
    let q = 0;
    for (let i = 0; i < n; i++) {
      const m = len(l, i);
      if (m <= 0) idx[q++] = -1;
      else for (let j = 0; j < m; j++) idx[q++] = o[i]! + j;
    }
    return takeOrNull(l.items, idx);
  };
  const exploded = new Map(names.map((name, k) => [name, itemsOf(layouts[k]!).rename(name)]));
  const cols = core.columns.map((c) => exploded.get(c.name) ?? takeColumn(c, rows));
  return new FrameCore(cols, total);
}

