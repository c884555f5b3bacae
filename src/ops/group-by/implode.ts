/** `implode`: each group's values, nulls included and in row order, as one list. */
import { Field, List, makeData } from 'apache-arrow';
import { Column } from '../../column/column.js';
import { list } from '../../dtype/nested.js';
import { takeColumn } from '../take.js';

/**
 * A list column of one list per group: the rows of group `g` are `rows[start[g] … start[g + 1])`
 * (in row order), gathered once into the item column.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ x: [5, 6, 7] }).getColumn('x');
 * implodeGroups(c, { rows: Int32Array.of(1, 0, 2), start: Int32Array.of(0, 1, 3) }, 'xs').toArray();
 * // → [ Int32Array(1) [ 6 ], Int32Array(2) [ 5, 7 ] ]
 * ```
 */
export function implodeGroups(c: Column, byGroup: { rows: Int32Array; start: Int32Array }, name: string): Column {
  const items = takeColumn(c, byGroup.rows);
  const dt = list(c.dtype);
  const G = byGroup.start.length - 1;
  // The item field's type is the gathered data's own (a dictionary keeps its index width and id).
  const type = new List(new Field('item', items.data.type, c.dtype.nullable));
  const data = makeData({ type, length: G, nullCount: 0, valueOffsets: byGroup.start, child: items.data } as never);
  return new Column(name, dt, data);
}
