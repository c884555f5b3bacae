/**
 * Schemas: the ordered names and dtypes of a frame's columns, at run time (`Schema`) and at the
 * type level (`SchemaShape`, `RowOf<S>`).
 */
import { inspect } from 'node:util';
import { ColumnNotFoundError, DuplicateColumnError, SchemaError } from '../errors.js';
import { dtypeName, isDType, type AnyDType, type ValueOf } from './dtype.js';

/**
 * A schema declared by users: column name → dtype, e.g.
 * `{ name: utf8(), age: int32(), address: nullable(utf8()) }`.
 */
export type SchemaShape = { readonly [name: string]: AnyDType };

/**
 * The type of a row of a frame with schema `S`: each column's JavaScript value type, `| null`
 * for nullable columns, and the view's `toObject()` / `toJSON()` (each giving the row's values as
 * a plain {@link RecordOf} record; left out when a column of that name shadows it). A schema
 * known only at run time gives `Record<string, unknown>` values.
 *
 * @example
 * ```ts
 * const schema = { name: utf8(), address: nullable(utf8()) };
 * const df = DataFrame.fromRecords([{ name: 'Ada', address: null }], { schema });
 * // RowOf<typeof schema>: { readonly name: string; readonly address: string | null; toObject(); toJSON() }
 * const row: RowOf<typeof schema> = df.row(0);
 * row.address; // → null
 * row.toObject(); // → { name: 'Ada', address: null }
 * ```
 */
export type RowOf<S extends SchemaShape> = string extends keyof S
  ? Readonly<Record<string, unknown>> & RowMethods<Record<string, unknown>, never>
  : { readonly [K in keyof S]: ValueOf<S[K]> } & RowMethods<RecordOf<S>, keyof S>;

/**
 * A row's values as a plain, mutable object: what `row.toObject()` and `df.toRecords()` give.
 * A schema known only at run time gives `Record<string, unknown>`.
 */
export type RecordOf<S extends SchemaShape> = string extends keyof S ? Record<string, unknown> : { -readonly [K in keyof S]: ValueOf<S[K]> };

/** The row view's methods returning record `R`, except those a column named in `Shadowed` replaces. */
type RowMethods<R, Shadowed> = { readonly [M in Exclude<'toObject' | 'toJSON', Shadowed>]: () => R };

/** One named column's dtype. */
export interface Field {
  readonly name: string;
  readonly dtype: AnyDType;
  /** Custom key/value metadata (kept from Arrow IPC files), when there is any. */
  readonly metadata?: ReadonlyMap<string, string>;
}

/**
 * The ordered names and dtypes of a frame's columns.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ a: [1, 2], b: ['x', null] });
 * console.log(df.schema.toString());
 * // prints: Schema { a: int32, b: utf8? }
 * ```
 */
export class Schema<S extends SchemaShape = SchemaShape> implements Iterable<[string, AnyDType]> {
  /** The fields in column order. */
  readonly fields: readonly Field[];
  /** Custom key/value metadata of the schema (kept from Arrow IPC files), when there is any. */
  readonly metadata?: ReadonlyMap<string, string>;
  readonly #index: ReadonlyMap<string, number>;

  /**
   * A schema from fields in order.
   * @throws DuplicateColumnError when two fields share a name.
   * @throws SchemaError when a dtype is not a colframe dtype.
   */
  constructor(fields: Iterable<Field>, metadata?: ReadonlyMap<string, string>) {
    const list: Field[] = [];
    const index = new Map<string, number>();
    for (const f of fields) {
      if (typeof f.name !== 'string') throw new SchemaError(`Column names must be strings, got ${typeof f.name}`);
      if (!isDType(f.dtype)) {
        throw new SchemaError(
          `Column "${f.name}": ${inspect(f.dtype)} is not a dtype; use one of bool(), int32(), float64(), utf8(), …`,
          f.name,
        );
      }
      if (index.has(f.name)) throw new DuplicateColumnError(f.name, ' in the schema');
      index.set(f.name, list.length);
      list.push(Object.freeze(f.metadata === undefined ? { name: f.name, dtype: f.dtype } : { name: f.name, dtype: f.dtype, metadata: f.metadata }));
    }
    this.fields = Object.freeze(list);
    if (metadata !== undefined && metadata.size > 0) this.metadata = metadata;
    this.#index = index;
    Object.freeze(this);
  }

  /**
   * A schema from a `{ name: dtype }` object, in the object's key order.
   * @example
   * ```ts
   * Schema.from({ name: utf8(), age: int32() }).names; // → [ 'name', 'age' ]
   * ```
   */
  static from<S extends SchemaShape>(shape: S): Schema<S> {
    if (shape === null || typeof shape !== 'object') throw new SchemaError('A schema must be an object of { name: dtype }');
    return new Schema<S>(Object.keys(shape).map((name) => ({ name, dtype: shape[name]! })));
  }

  /** Column names in order. */
  get names(): string[] {
    return this.fields.map((f) => f.name);
  }

  /** Number of columns. */
  get length(): number {
    return this.fields.length;
  }

  /** Whether a column of this name exists. */
  has(name: string): boolean {
    return this.#index.has(name);
  }

  /** The position of `name`, or -1. */
  indexOf(name: string): number {
    return this.#index.get(name) ?? -1;
  }

  /**
   * The dtype of a column.
   * @throws ColumnNotFoundError naming the closest existing column.
   */
  get<K extends keyof S & string>(name: K): S[K] {
    const i = this.#index.get(name);
    if (i === undefined) throw new ColumnNotFoundError(name, this.names);
    return this.fields[i]!.dtype as S[K];
  }

  /** `{ name: dtype }` in column order (beware: JavaScript orders integer-like keys first). */
  toObject(): S {
    const out: Record<string, AnyDType> = {};
    for (const f of this.fields) out[f.name] = f.dtype;
    return out as S;
  }

  /** Whether both schemas have the same names, order and dtypes. */
  equals(other: Schema, opts: { ignoreNullable?: boolean } = {}): boolean {
    if (other.fields.length !== this.fields.length) return false;
    return this.fields.every((f, i) => {
      const g = other.fields[i]!;
      if (f.name !== g.name) return false;
      if (f.dtype.kind !== g.dtype.kind) return false;
      return opts.ignoreNullable ? dtypeName(f.dtype) === dtypeName(g.dtype) : String(f.dtype) === String(g.dtype);
    });
  }

  [Symbol.iterator](): Iterator<[string, AnyDType]> {
    return this.fields.map((f): [string, AnyDType] => [f.name, f.dtype])[Symbol.iterator]();
  }

  /** `Schema { name: utf8, age: int32, address: utf8? }` */
  toString(): string {
    if (this.fields.length === 0) return 'Schema {}';
    return `Schema { ${this.fields.map((f) => `${formatName(f.name)}: ${String(f.dtype)}`).join(', ')} }`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function formatName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
