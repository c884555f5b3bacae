/** Column fixtures for the printing tests, built without the DataFrame class. */
import { buildData } from '../../src/column/builders.js';
import { Column } from '../../src/column/column.js';
import type { AnyDType } from '../../src/dtype/dtype.js';
import type { TableSource } from '../../src/display/table.js';

/** A column named `name` of `dtype` holding `values`. */
export function col(name: string, dtype: AnyDType, values: readonly unknown[]): Column {
  return new Column(name, dtype, buildData(values, dtype, name));
}

/** A frame-like source over equally long columns. */
export function frame(...columns: Column[]): TableSource {
  return { height: columns[0]?.length ?? 0, columns };
}

/** Numbers 0 … n − 1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
