/**
 * Nested dtypes: lists (32- and 64-bit offsets, fixed size), structs, maps and unions. Each names
 * its children as Arrow does (`item` for list items, `entries` / `key` / `value` for maps) and
 * carries its row value type: a numeric list reads as a typed-array view of the child buffer, a
 * struct as a nested row view, a map as an array of `[key, value]` entries.
 */
import { InvalidArgumentError, SchemaError } from '../errors.js';
import { checkOptions } from '../util/options.js';
import { isDType, makeDType, withNullable, type AnyDType, type ChildField, type DType, type NonNullValueOf, type ValueOf } from './dtype.js';

/** The typed array a numeric list item of kind `K` is viewed through. */
type TypedArrayOf<K, T> = K extends 'float64'
  ? Float64Array
  : K extends 'float32'
    ? Float32Array
    : K extends 'int32'
      ? Int32Array
      : K extends 'int16'
        ? Int16Array
        : K extends 'int8'
          ? Int8Array
          : K extends 'uint32'
            ? Uint32Array
            : K extends 'uint16'
              ? Uint16Array
              : K extends 'uint8'
                ? Uint8Array
                : K extends 'int64'
                  ? T extends bigint
                    ? BigInt64Array
                    : never
                  : K extends 'uint64'
                    ? T extends bigint
                      ? BigUint64Array
                      : never
                    : never;

/**
 * The row value of a list whose items have dtype `D`: a typed-array view (zero-copy) for numeric
 * items without nulls; for a nullable numeric item, that view when the row holds no null and an
 * array with the nulls otherwise; an array of item values for any other item.
 */
export type ListValue<D> = D extends DType<infer K, infer T, infer N>
  ? [TypedArrayOf<K, T>] extends [never]
    ? ValueOf<D>[]
    : N extends false
      ? TypedArrayOf<K, T>
      : TypedArrayOf<K, T> | (T | null)[]
  : unknown[];

/** The row value of a struct of fields `F`: a (read-only) record of the fields' values. */
export type StructValue<F> = { readonly [K in keyof F]: ValueOf<F[K]> };

/** The row value of a map: its entries as `[key, value]` pairs in stored order. */
export type MapValue<K, V> = [NonNullValueOf<K>, ValueOf<V>][];

/** Children given as `{ name: dtype }` (in key order) or as `[name, dtype]` pairs (any names, duplicates allowed). */
export type FieldsInput = Readonly<Record<string, AnyDType>> | readonly (readonly [string, AnyDType])[];

function child(name: string, dtype: unknown, where: string): ChildField {
  if (!isDType(dtype)) throw new SchemaError(`${where}: the dtype of ${JSON.stringify(name)} is not a dtype; use one of int32(), utf8(), list(…) …`, name);
  return Object.freeze({ name, dtype });
}

function fieldsOf(input: FieldsInput, where: string): ChildField[] {
  if (Array.isArray(input)) {
    return (input as readonly (readonly [string, AnyDType])[]).map((pair, i) => {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string') throw new SchemaError(`${where}: child ${i} is not a [name, dtype] pair`);
      return child(pair[0], pair[1], where);
    });
  }
  if (input === null || typeof input !== 'object') throw new SchemaError(`${where}: the children are an object of { name: dtype } or an array of [name, dtype] pairs`);
  return Object.keys(input).map((name) => child(name, (input as Record<string, AnyDType>)[name], where));
}

/**
 * Variable-length lists of `item` values (Arrow's List: 32-bit offsets into one child column).
 * A row reads a numeric list as a typed-array view of the child buffer (no copy), any other list
 * as an array. A nullable item (`list(nullable(float64()))`) admits null items.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ xs: [[1.5, 2], []] }, { schema: { xs: list(float64()) } });
 * console.log(String(df.schema.get('xs')), df.row(0).xs, df.row(1).xs.length);
 * // prints: list<float64> Float64Array(2) [ 1.5, 2 ] 0
 * ```
 */
export function list<D extends AnyDType>(item: D): DType<'list', ListValue<D>, false> {
  return makeDType('list', false, { item: child('item', item, 'list') });
}

/**
 * Lists with 64-bit offsets (Arrow's LargeList), for child columns of more than 2^31 − 1 values.
 * @example
 * ```ts
 * String(largeList(utf8())); // → 'largeList<utf8>'
 * ```
 */
export function largeList<D extends AnyDType>(item: D): DType<'largeList', ListValue<D>, false> {
  return makeDType('largeList', false, { item: child('item', item, 'largeList') });
}

/**
 * Lists of exactly `size` items each (Arrow's FixedSizeList, polars' Array): no offsets at all.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ p: [[1, 2], [3, 4]] }, { schema: { p: fixedSizeList(float32(), 2) } });
 * df.row(1).p; // → Float32Array(2) [ 3, 4 ]
 * ```
 */
export function fixedSizeList<D extends AnyDType>(item: D, size: number): DType<'fixedSizeList', ListValue<D>, false> {
  if (!Number.isInteger(size) || size < 0 || size > 2 ** 31 - 1) {
    throw new InvalidArgumentError(`fixedSizeList(item, size): the size is a non-negative integer, got ${String(size)}`, size);
  }
  return makeDType('fixedSizeList', false, { item: child('item', item, 'fixedSizeList'), size });
}

/**
 * Records of named fields (Arrow's Struct). A row reads a struct value as a nested row view with
 * a getter per field; `toObject()` gives a plain object. Fields come as `{ name: dtype }` or, for
 * names JavaScript would reorder (`"1"`) or repeat, as `[name, dtype]` pairs.
 * @example
 * ```ts
 * const schema = { p: struct({ x: float64(), tag: nullable(utf8()) }) };
 * const df = DataFrame.fromRecords([{ p: { x: 1, tag: null } }], { schema });
 * console.log(String(df.schema.get('p')), df.row(0).p.x, df.toRecords()[0]);
 * // prints: struct<x: float64, tag: utf8?> 1 { p: { x: 1, tag: null } }
 * ```
 */
export function struct<F extends Readonly<Record<string, AnyDType>>>(fields: F): DType<'struct', StructValue<F>, false>;
export function struct(fields: readonly (readonly [string, AnyDType])[]): DType<'struct', Readonly<Record<string, unknown>>, false>;
export function struct(fields: FieldsInput): AnyDType {
  return makeDType('struct', false, { fields: Object.freeze(fieldsOf(fields, 'struct')) });
}

/**
 * Maps from `key` to `value` (Arrow's Map: a list of `{ key, value }` entries; keys are never
 * null). A row reads a map as an array of `[key, value]` pairs in stored order, duplicates kept.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ m: [[['a', 1], ['b', null]]] }, { schema: { m: map(utf8(), nullable(int32())) } });
 * df.row(0).m; // → [ [ 'a', 1 ], [ 'b', null ] ]
 * ```
 */
export function map<K extends AnyDType, V extends AnyDType>(key: K, value: V, opts: { keysSorted?: boolean } = {}): DType<'map', MapValue<K, V>, false> {
  checkOptions(opts, ['keysSorted'], 'map');
  const entries = makeDType('struct', false, {
    fields: Object.freeze([child('key', withNullable(key, false), 'map'), child('value', value, 'map')]),
  });
  return makeDType('map', false, { item: child('entries', entries, 'map'), keysSorted: opts.keysSorted === true });
}

/** The row value of a union of children `F`: the value of whichever child the row holds. */
export type UnionValue<F> = { [K in keyof F]: ValueOf<F[K]> }[keyof F];

/**
 * Values each of which is one of several types (Arrow's sparse or dense Union). A row reads the
 * value of the child its type id selects. `typeIds` default to 0, 1, 2 …
 * @example
 * ```ts
 * String(union({ i: int32(), s: utf8() }, { mode: 'dense' })); // → 'denseUnion<i=0: int32, s=1: utf8>?'
 * ```
 */
export function union<F extends Readonly<Record<string, AnyDType>>>(
  fields: F,
  opts?: { mode?: 'sparse' | 'dense'; typeIds?: readonly number[] },
): DType<'union', UnionValue<F>, true>;
export function union(fields: readonly (readonly [string, AnyDType])[], opts?: { mode?: 'sparse' | 'dense'; typeIds?: readonly number[] }): DType<'union', unknown, true>;
export function union(fields: FieldsInput, opts: { mode?: 'sparse' | 'dense'; typeIds?: readonly number[] } = {}): AnyDType {
  checkOptions(opts, ['mode', 'typeIds'], 'union');
  const kids = fieldsOf(fields, 'union');
  const mode = opts.mode ?? 'sparse';
  if (mode !== 'sparse' && mode !== 'dense') throw new InvalidArgumentError(`union: the mode is 'sparse' or 'dense', got ${String(mode)}`, mode);
  const typeIds = opts.typeIds ?? kids.map((_, i) => i);
  if (typeIds.length !== kids.length || new Set(typeIds).size !== typeIds.length || typeIds.some((t) => !Number.isInteger(t) || t < 0 || t > 127)) {
    throw new InvalidArgumentError(`union: typeIds are ${kids.length} distinct integers in 0 … 127, got [${typeIds.join(', ')}]`, typeIds);
  }
  // A union has no validity bitmap of its own: its nulls are its children's, so it is always nullable.
  return makeDType('union', true, { fields: Object.freeze(kids), mode, typeIds: Object.freeze([...typeIds]) });
}

/** The item dtype of a list kind (list, largeList, fixedSizeList). */
export function itemOf(d: AnyDType): AnyDType {
  return d.item!.dtype;
}

/** The key and value children of a map dtype. */
export function mapChildren(d: AnyDType): readonly [ChildField, ChildField] {
  const f = d.item!.dtype.fields!;
  return [f[0]!, f[1]!];
}
