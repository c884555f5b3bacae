/**
 * Column builders: append values one at a time straight into typed arrays, then hand back an
 * Arrow `Data` over exact-length buffers. Builders own allocation (see `Allocator`), so the same
 * code fills `ArrayBuffer`s or `SharedArrayBuffer`s. Every appended value is checked against the
 * dtype; a value that does not fit throws `InvalidValueError` naming the column and row.
 */
import { checkOptions } from '../util/options.js';
import type { Data } from 'apache-arrow';
import type { AnyDType } from '../dtype/dtype.js';
import type { BuilderOptions, ColumnBuilder } from './builder-base.js';
import { BigIntBuilder, BoolBuilder, NumberBuilder } from './builder-numeric.js';
import { CategoricalBuilder, Utf8Builder } from './builder-strings.js';

export type { BuilderOptions, ColumnBuilder } from './builder-base.js';

/**
 * A builder for `dtype`; `name` is used in error messages.
 * @example
 * ```ts
 * const b = makeBuilder(nullable(int32()), 'age');
 * b.append(31);
 * b.append(null);
 * const data = b.finish();
 * [data.length, data.nullCount]; // → [ 2, 1 ]
 * ```
 */
export function makeBuilder(dtype: AnyDType, name: string, opts: BuilderOptions = {}): ColumnBuilder {
  checkOptions(opts, ['allocator', 'capacity', 'byteCapacity'], 'makeBuilder');
  switch (dtype.kind) {
    case 'bool':
      return new BoolBuilder(dtype, name, opts);
    case 'int64':
    case 'uint64':
    case 'timestamp':
      return new BigIntBuilder(dtype, name, opts);
    case 'utf8':
      return new Utf8Builder(dtype, name, opts);
    case 'categorical':
      return new CategoricalBuilder(dtype, name, opts);
    default:
      return new NumberBuilder(dtype, name, opts);
  }
}

/** Build a column's Data from JavaScript values, sizing buffers once from the values. */
export function buildData(values: ArrayLike<unknown>, dtype: AnyDType, name: string, opts: BuilderOptions = {}): Data {
  const sized: BuilderOptions = { ...opts, capacity: Math.max(values.length, 1) };
  if (dtype.kind === 'utf8') {
    // UTF-16 length is the UTF-8 length of ASCII text: exact for ASCII, grown once otherwise.
    let chars = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string') chars += v.length;
    }
    sized.byteCapacity = chars;
  }
  const b = makeBuilder(dtype, name, sized);
  for (let i = 0; i < values.length; i++) b.append(values[i]);
  return b.finish();
}
