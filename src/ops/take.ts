/** Gathering rows of columns and frames by index: the kernel behind filter, sort, join and unique. */
import { Column } from '../column/column.js';
import { FrameCore } from '../core/frame-core.js';
import { withNullable, type AnyDType } from '../dtype/dtype.js';
import { nullData } from './data/null-data.js';
import { takeData, takeDataOrNull } from './data/take-data.js';

/** The rows of `c` at `idx` (in that order), as a new column of any dtype; dictionaries are shared. */
export function takeColumn(c: Column, idx: Int32Array): Column {
  return new Column(c.name, c.dtype, takeData(c.data, c.dtype, idx), c.metadata);
}

/** A column of `n` nulls of `dtype` (made nullable). */
export function nullColumn(name: string, dtype: AnyDType, n: number): Column {
  const dt = withNullable(dtype, true);
  return new Column(name, dt, nullData(dt, n));
}

/**
 * The rows of `c` at `idx`, where an index of −1 gives a null (for joins and aggregations with
 * missing rows); the result is nullable when any index is −1.
 */
export function takeOrNull(c: Column, idx: Int32Array): Column {
  const data = takeDataOrNull(c.data, c.dtype, idx);
  if (data.nullCount === 0 || c.dtype.nullable) return new Column(c.name, c.dtype, data, c.metadata);
  return new Column(c.name, withNullable(c.dtype, true), data, c.metadata);
}

/** The rows of `core` at `idx`. */
export function takeRows(core: FrameCore, idx: Int32Array): FrameCore {
  return new FrameCore(
    core.columns.map((c) => takeColumn(c, idx)),
    idx.length,
    core.schema.metadata,
  );
}
