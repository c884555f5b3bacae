/** `DataFrame.concat`: frames stacked vertically, or diagonally (a union of their columns). */
import { SchemaError } from '../errors.js';
import { dtypeEquals, dtypeName, dtypeOfKind } from '../dtype/dtype.js';
import { heapAllocator } from '../util/alloc.js';
import { Column } from '../column/column.js';
import { FrameCore } from '../core/frame-core.js';
import { categoricalToUtf8, concatTwo } from './concat-columns.js';
import { nullColumn } from './take.js';

/** How frames are stacked: same columns (`vertical`) or the union of columns (`diagonal`). */
export type ConcatHow = 'vertical' | 'diagonal';

/** One column from parts of the same name; categorical and utf8 parts give utf8. */
function stack(parts: Column[]): Column {
  const anyUtf8 = parts.some((p) => p.dtype.kind === 'utf8');
  const asText = (c: Column) =>
    anyUtf8 && c.dtype.kind === 'categorical' ? new Column(c.name, dtypeOfKind('utf8', c.dtype.nullable), categoricalToUtf8(c.data, heapAllocator)) : c;
  let out = asText(parts[0]!);
  for (let k = 1; k < parts.length; k++) out = concatTwo(out, asText(parts[k]!));
  return out;
}

/**
 * Frames stacked top to bottom. `vertical` (default): every frame has the same column names in the
 * same order and the same dtypes (nullability may differ; categorical and utf8 mix into utf8).
 * `diagonal`: the union of the columns, in order of first appearance, missing ones null.
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
  const cols = names.map((name) => {
    const present = frames.filter((f) => f.schema.has(name));
    const first = present[0]!.column(name);
    for (const f of present) {
      const c = f.column(name);
      const textual = (k: string) => k === 'utf8' || k === 'categorical';
      if (!dtypeEquals(c.dtype, first.dtype, { ignoreNullable: true }) && !(textual(c.dtype.kind) && textual(first.dtype.kind))) {
        throw new SchemaError(`concat: column "${name}" is ${dtypeName(first.dtype)} in one frame and ${dtypeName(c.dtype)} in another; cast first`, name);
      }
    }
    return stack(frames.map((f) => (f.schema.has(name) ? f.column(name) : nullColumn(first.name, first.dtype, f.height))));
  });
  return new FrameCore(cols, frames.reduce((n, f) => n + f.height, 0));
}
