/** `DataFrame.concat`: frames stacked vertically, or diagonally (a union of their columns). */
import { SchemaError } from '../errors.js';
import { dtypeName, dtypeOfKind, withNullable, type AnyDType } from '../dtype/dtype.js';
import { heapAllocator } from '../util/alloc.js';
import { Column } from '../column/column.js';
import { FrameCore } from '../core/frame-core.js';
import { categoricalToUtf8 } from './concat-columns.js';
import { concatData } from '../column/concat-data.js';
import { nullData } from './data/null-data.js';
import { unifyNullability } from './data/unify.js';

/** How frames are stacked: same columns (`vertical`) or the union of columns (`diagonal`). */
export type ConcatHow = 'vertical' | 'diagonal';

/** One column from parts of the same name (null where a frame lacks it); categorical and utf8 parts give utf8. */
function stack(name: string, parts: readonly (Column | number)[]): Column {
  const present = parts.filter((p): p is Column => typeof p !== 'number');
  const anyUtf8 = present.some((p) => p.dtype.kind === 'utf8');
  const asText = (c: Column) =>
    anyUtf8 && c.dtype.kind === 'categorical' ? new Column(c.name, dtypeOfKind('utf8', c.dtype.nullable), categoricalToUtf8(c.data, heapAllocator)) : c;
  const cols = present.map(asText);
  let dtype: AnyDType = cols[0]!.dtype;
  for (const c of cols) {
    const u = unifyNullability(dtype, c.dtype);
    if (u === null) throw new SchemaError(`concat: column "${name}" is ${dtypeName(dtype)} in one frame and ${dtypeName(c.dtype)} in another; cast first`, name);
    dtype = u;
  }
  if (parts.some((p) => typeof p === 'number')) dtype = withNullable(dtype, true);
  let k = 0;
  const datas = parts.map((p) => (typeof p === 'number' ? nullData(dtype, p) : cols[k++]!.data));
  const first = present[0]!;
  return new Column(first.name, dtype, concatData(datas, dtype), first.metadata);
}

/**
 * Frames stacked top to bottom. `vertical` (default): every frame has the same column names in the
 * same order and the same dtypes (nullability may differ, at any depth; categorical and utf8 mix
 * into utf8). `diagonal`: the union of the columns, in order of first appearance, missing ones null.
 * Columns of every dtype stack, nested ones included; categorical dictionaries are merged.
 * @throws SchemaError naming the first mismatch.
 */
export function concat(frames: readonly FrameCore[], how: ConcatHow = 'vertical'): FrameCore {
  if (frames.length === 0) return new FrameCore([]);
  if (how !== 'vertical' && how !== 'diagonal') throw new SchemaError(`concat: how must be 'vertical' or 'diagonal', got ${String(how)}`);
  let names: string[];
  if (how === 'vertical') {
    names = frames[0]!.schema.names;
    frames.forEach((f, i) => {
      const got = f.schema.names;
      if (got.length !== names.length || got.some((n, k) => n !== names[k])) {
        throw new SchemaError(`concat: frame ${i} has columns [${got.join(', ')}], frame 0 has [${names.join(', ')}] (use how: 'diagonal' to fill missing columns with nulls)`);
      }
    });
  } else {
    names = [...new Set(frames.flatMap((f) => f.schema.names))];
  }
  const textual = (k: string) => k === 'utf8' || k === 'categorical';
  const cols = names.map((name) => {
    const present = frames.filter((f) => f.schema.has(name)).map((f) => f.column(name));
    const first = present[0]!;
    for (const c of present) {
      if (unifyNullability(c.dtype, first.dtype) === null && !(textual(c.dtype.kind) && textual(first.dtype.kind))) {
        throw new SchemaError(`concat: column "${name}" is ${dtypeName(first.dtype)} in one frame and ${dtypeName(c.dtype)} in another; cast first`, name);
      }
    }
    return stack(
      name,
      frames.map((f) => (f.schema.has(name) ? f.column(name) : f.height)),
    );
  });
  return new FrameCore(cols, frames.reduce((n, f) => n + f.height, 0));
}
