/** `unnest`: the fields of struct columns as columns of their own, in the struct's place. */
import { DuplicateColumnError, SchemaError } from '../errors.js';
import { dtypeName } from '../dtype/dtype.js';
import type { Column } from '../column/column.js';
import { FrameCore } from '../core/frame-core.js';
import { structField } from './expr/struct-eval.js';

/**
 * `core` with each struct column of `names` replaced, in place, by one column per field (named
 * by the field; the struct's nulls applied to each, values shared).
 * @throws ColumnNotFoundError; SchemaError for a column that is not a struct; DuplicateColumnError
 * naming every field whose name another column (or field) already has.
 * @example
 * ```ts
 * import { tableFromArrays, vectorFromArray, Struct, Field, Int32, Utf8 } from 'apache-arrow';
 * const type = new Struct([new Field('x', new Int32()), new Field('tag', new Utf8())]);
 * const df = DataFrame.fromArrow(tableFromArrays({ id: Int32Array.of(7), p: vectorFromArray([{ x: 1, tag: 'a' }], type) } as never));
 * new DataFrame(unnest(df.core, ['p'])).toRecords(); // → [ { id: 7, x: 1, tag: 'a' } ]
 * ```
 */
export function unnest(core: FrameCore, names: readonly string[]): FrameCore {
  if (new Set(names).size !== names.length) throw new SchemaError('unnest names a column twice');
  for (const name of names) {
    const c = core.column(name);
    if (c.dtype.kind !== 'struct') throw new SchemaError(`unnest: column "${name}" is ${dtypeName(c.dtype)}, not a struct`, name);
  }
  const out: Column[] = [];
  const unnested = new Set(names);
  for (const c of core.columns) {
    if (!unnested.has(c.name)) out.push(c);
    else for (const f of c.dtype.fields!) out.push(structField(c, f.name, `unnest("${c.name}")`));
  }
  const seen = new Set<string>();
  const clashes = new Set<string>();
  for (const c of out) (seen.has(c.name) ? clashes : seen).add(c.name);
  if (clashes.size > 0) {
    const all = [...clashes].map((x) => `"${x}"`).join(', ');
    throw new DuplicateColumnError([...clashes][0]!, ` after unnest(${names.map((x) => `"${x}"`).join(', ')}): names given twice: ${all}; rename the clashing columns first`);
  }
  return new FrameCore(out, core.height);
}
