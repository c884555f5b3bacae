/** Reading list values in tests: typed-array views and arrays alike as plain arrays. */

/** A list row value (typed-array view or array, nested too) as a plain array; anything else as is. */
export function plainList(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<unknown>);
  if (Array.isArray(v)) return v.map(plainList);
  return v;
}

/** A column's values with every list as a plain array. */
export function plainValues(values: readonly unknown[]): unknown[] {
  return values.map(plainList);
}
