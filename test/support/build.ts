/** Building one column from JavaScript values through `makeBuilder`, and catching what it throws. */
import type { Data } from 'apache-arrow';
import { makeBuilder, type BuilderOptions } from '../../src/column/builders.js';
import { Column } from '../../src/column/column.js';
import type { AnyDType } from '../../src/dtype/dtype.js';

/** A column named `c` built from `values` one `append` at a time. */
export function build(dtype: AnyDType, values: readonly unknown[], opts: BuilderOptions = {}): Column {
  const b = makeBuilder(dtype, 'c', opts);
  for (const v of values) b.append(v);
  return new Column('c', dtype, b.finish());
}

/** The values of a column as plain row values (`toObject` mode: structs as objects). */
export function plainValues(c: Column): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < c.length; i++) out.push(c.at(i));
  return out;
}

/** What `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** The message of the error appending `value` after `before` to a fresh builder of `dtype` throws. */
export function appendError(dtype: AnyDType, value: unknown, before: readonly unknown[] = []): string {
  const b = makeBuilder(dtype, 'c');
  for (const v of before) b.append(v);
  return thrown(() => b.append(value)).message;
}

/** Every non-empty typed array `data` references, children and dictionaries included (Arrow puts an empty one where a buffer is absent). */
export function buffersIn(data: Data): ArrayBufferView[] {
  const out: ArrayBufferView[] = [];
  const visit = (d: Data): void => {
    for (const b of [d.values, d.valueOffsets, d.nullBitmap, d.typeIds] as (ArrayBufferView | undefined)[]) if (b !== undefined && b !== null && b.byteLength > 0) out.push(b);
    for (const c of d.children) visit(c);
    if (d.dictionary !== undefined) for (const c of d.dictionary.data) visit(c);
  };
  visit(data);
  return out;
}
