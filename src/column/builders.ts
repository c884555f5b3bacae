/**
 * Column builders: append values one at a time straight into typed arrays, then hand back an
 * Arrow `Data` over exact-length buffers. Builders own allocation (see `Allocator`), so the same
 * code fills `ArrayBuffer`s or `SharedArrayBuffer`s. Every appended value is checked against the
 * dtype; a value that does not fit throws `InvalidValueError` naming the column and row.
 */
import { checkOptions } from '../util/options.js';
import type { Data } from 'apache-arrow';
import type { AnyDType } from '../dtype/dtype.js';
import { NullBuilder, type BaseBuilder, type BuilderOptions, type ColumnBuilder } from './builder-base.js';
import { BigIntBuilder, BoolBuilder, Float16Builder, NumberBuilder } from './builder-numeric.js';
import { CategoricalBuilder, Utf8Builder } from './builder-strings.js';
import { IntervalBuilder, TimeBuilder, TimestampBuilder } from './builder-temporal.js';
import { DecimalBuilder } from './builder-decimal.js';
import { FixedSizeBinaryBuilder, VarBytesBuilder } from './builder-binary.js';
import { FixedSizeListBuilder, ListBuilder, MapBuilder } from './builder-list.js';
import { StructBuilder, UnionBuilder } from './builder-struct.js';

export type { BuilderOptions, ColumnBuilder } from './builder-base.js';

/**
 * A builder for `dtype`; `name` is used in error messages. Every dtype has one: nested dtypes
 * get builders for their children, recursively, all allocating from the same allocator.
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
  checkOptions(opts, ['allocator', 'capacity', 'byteCapacity', 'itemCapacity'], 'makeBuilder');
  return builderFor(dtype, name, opts);
}

/** The builder of `dtype` (options already checked); nested builders make their children with it. */
function builderFor(dtype: AnyDType, name: string, opts: BuilderOptions): BaseBuilder {
  switch (dtype.kind) {
    case 'null':
      return new NullBuilder(dtype, name, opts);
    case 'bool':
      return new BoolBuilder(dtype, name, opts);
    case 'int64':
    case 'uint64':
    case 'duration':
      return new BigIntBuilder(dtype, name, opts);
    case 'timestamp':
      return new TimestampBuilder(dtype, name, opts);
    case 'time':
      return new TimeBuilder(dtype, name, opts);
    case 'interval':
      return new IntervalBuilder(dtype, name, opts);
    case 'decimal':
      return new DecimalBuilder(dtype, name, opts);
    case 'float16':
      return new Float16Builder(dtype, name, opts);
    case 'utf8':
      return new Utf8Builder(dtype, name, opts);
    case 'categorical':
      return new CategoricalBuilder(dtype, name, opts);
    case 'binary':
    case 'largeBinary':
    case 'largeUtf8':
      return new VarBytesBuilder(dtype, name, opts);
    case 'fixedSizeBinary':
      return new FixedSizeBinaryBuilder(dtype, name, opts);
    case 'list':
    case 'largeList':
      return new ListBuilder(dtype, name, opts, builderFor);
    case 'fixedSizeList':
      return new FixedSizeListBuilder(dtype, name, opts, builderFor);
    case 'map':
      return new MapBuilder(dtype, name, opts, builderFor);
    case 'struct':
      return new StructBuilder(dtype, name, opts, builderFor);
    case 'union':
      return new UnionBuilder(dtype, name, opts, builderFor);
    default:
      return new NumberBuilder(dtype, name, opts);
  }
}

/** Build a column's Data from JavaScript values, sizing buffers once from the values. */
export function buildData(values: ArrayLike<unknown>, dtype: AnyDType, name: string, opts: BuilderOptions = {}): Data {
  const sized: BuilderOptions = { ...opts, capacity: Math.max(values.length, 1) };
  if (dtype.kind === 'utf8' || dtype.kind === 'largeUtf8') {
    // UTF-16 length is the UTF-8 length of ASCII text: exact for ASCII, grown once otherwise.
    let chars = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string') chars += v.length;
    }
    sized.byteCapacity = chars;
  } else if (dtype.kind === 'list' || dtype.kind === 'largeList') {
    // Arrays and typed arrays say how many items they hold: size the child once.
    let items = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as { length?: unknown } | null | undefined;
      if (v !== null && v !== undefined && typeof v.length === 'number') items += v.length;
    }
    sized.itemCapacity = items;
  }
  const b = makeBuilder(dtype, name, sized);
  for (let i = 0; i < values.length; i++) b.append(values[i]);
  return b.finish();
}
