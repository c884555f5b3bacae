/** `DataFrame<S>`: an immutable frame of Arrow columns with typed, lazy row views. */
import { checkOptions } from '../util/options.js';
import { inspect } from 'node:util';
import { RecordBatch, Schema as ArrowSchema, Struct, Table, makeData, Field as ArrowField } from 'apache-arrow';
import { IndexOutOfRangeError, InvalidArgumentError } from '../errors.js';
import { withInt64Repr, type AnyDType } from '../dtype/dtype.js';
import type { RowOf, Schema, SchemaShape } from '../dtype/schema.js';
import { Column } from '../column/column.js';
import { FrameCore, clipSlice } from '../core/frame-core.js';
import { assertAttached, noteTransferred, transfers } from '../column/detach.js';
import { coreFromShared, shareCore, type SharedFrame } from './share.js';
import { frameFromPacket, frameToPacket, type FrameTransfer, type TransferPacket } from '../core/wire.js';
import {
  columnsFromArrow,
  columnsFromInputs,
  columnsFromRecords,
  type ColumnInput,
  type FrameOptions,
} from '../core/construct.js';
import { rowClassFor, rowStoreFor, type RowClass, type RowStore } from '../core/row-view.js';
import { memoryUsageOf, type MemoryUsage } from '../core/memory.js';
import { formatTable, type PrintOptions } from '../display/table.js';
import { formatCSV, type CsvWriteOptions } from '../codec/csv.js';
import { encodeIPC, type IPCEncodeOptions } from '../codec/ipc/layout.js';
import { formatGlimpse, type GlimpseOptions } from '../display/glimpse.js';
import { TextOutput } from '../display/text-output.js';
import { formatMarkdown, type MarkdownOptions } from '../display/markdown.js';
import { formatHTML, jupyterDisplay, type HtmlOptions } from '../display/html.js';
import { formatJSON, type JsonWriteOptions } from '../codec/json.js';
import type {
  BigIntSchema,
  JoinSchema,
  RecordOf,
  RenamedSchema,
  RowColumn,
  SchemaOfColumns,
  SchemaOfRecords,
  SchemaOptions,
  ToRecordsOptions,
  WithColumns,
} from './types.js';
import { Expr } from '../ops/expr/expr.js';
import { filter as filterRows } from '../ops/filter.js';
import { selectItems, withColumns as addColumns, type ColumnSpec } from '../ops/with-columns.js';
import { sort as sortRows, type SortOptions } from '../ops/sort.js';
import { groupByAgg } from '../ops/group-by/group-by.js';
import { GroupBy } from './group-by.js';
import { Plot } from './plot.js';
import { join as joinFrames, type JoinOptions } from '../ops/join.js';
import { concat as concatFrames, type ConcatHow } from '../ops/concat.js';
import { unique as uniqueRows, type UniqueKeep } from '../ops/unique.js';
import { dropNulls as dropNullRows, fillNull as fillNulls, type ColumnFillValue, type FillStrategy, type FillValue } from '../ops/nulls.js';
import { describe as describeFrame } from '../ops/describe.js';
import { explode as explodeRows } from '../ops/explode.js';
import { unnest as unnestColumns } from '../ops/unnest.js';
import { col as colExpr } from '../ops/expr/expr.js';
import type { AnyDType as AnyDTypeT } from '../dtype/dtype.js';

/**
 * An immutable, columnar table. Every column is an Apache Arrow column; rows are lazy views over
 * the columns. Verbs return new frames that share unchanged columns.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([
 *   { name: 'Ada', age: 36 },
 *   { name: 'Linus', age: 54 },
 * ]);
 * console.log(df);
 * // prints:
 * // shape: (2, 2)
 * // ┌───────┬─────┐
 * // │ name  ┆ age │
 * // │ ---   ┆ --- │
 * // │ str   ┆ i32 │
 * // ╞═══════╪═════╡
 * // │ Ada   ┆  36 │
 * // │ Linus ┆  54 │
 * // └───────┴─────┘
 * ```
 */
export class DataFrame<S extends SchemaShape = SchemaShape> implements Iterable<RowOf<S>> {
  readonly #c: FrameCore;
  /** The transfer epoch at which this frame's buffers were last seen attached. */
  #epoch = -1;
  #rowClass: RowClass | undefined;
  #store: RowStore | undefined;
  /** Rows the printers show by default (`maxRows`), when not the printers' own default. */
  #printRows: number | undefined;

  private constructor(core: FrameCore) {
    this.#c = core;
    Object.freeze(this);
  }

  /** Wrap frame internals (used by verbs and readers; not part of the public API). */
  static fromCore<S extends SchemaShape = SchemaShape>(core: FrameCore): DataFrame<S> {
    return new DataFrame<S>(core);
  }

  /** The internals, after checking that no buffer was moved to another thread since last time. */
  get #core(): FrameCore {
    if (this.#epoch !== transfers.epoch) {
      assertAttached(this.#c.columns);
      this.#epoch = transfers.epoch;
    }
    return this.#c;
  }

  /** The frame internals (columns, height, schema). */
  get core(): FrameCore {
    return this.#core;
  }

  // ---------------------------------------------------------------- construct

  /**
   * A frame from columns: arrays (dtypes inferred, or checked against `schema`), typed arrays
   * (zero-copy when they match the dtype), apache-arrow `Vector`s (zero-copy for one chunk) or
   * colframe `Column`s.
   *
   * @param columns `{ name: values }`, in column order.
   * @param options `schema` to declare dtypes; `int64: 'bigint'` to read 64-bit integers as bigint.
   * @throws ShapeError when columns have different lengths.
   * @throws SchemaError when the schema and the columns disagree, or values mix types.
   * @throws InvalidValueError when a value does not fit its dtype (naming column and row).
   * @example
   * ```ts
   * const df = DataFrame.fromColumns(
   *   { name: ['Ada', 'Linus'], age: [36, 54], address: [null, 'Helsinki'] },
   *   { schema: { name: utf8(), age: int32(), address: nullable(utf8()) } },
   * );
   * // Typed string | null:
   * df.row(0).address; // → null
   * DataFrame.fromColumns({ x: new Float64Array([1.5, 2.5]), ok: [true, null] }).schema.toString(); // → 'Schema { x: float64, ok: bool? }'
   * ```
   */
  static fromColumns<const S extends SchemaShape>(
    columns: { readonly [K in keyof S]: ColumnInput },
    options: SchemaOptions<S>,
  ): DataFrame<S>;
  static fromColumns<C extends Readonly<Record<string, ColumnInput>>>(
    columns: C,
    options?: FrameOptions & { int64?: 'number' },
  ): DataFrame<SchemaOfColumns<C>>;
  static fromColumns<C extends Readonly<Record<string, ColumnInput>>>(
    columns: C,
    options: FrameOptions & { int64: 'bigint' },
  ): DataFrame<SchemaOfColumns<C, 'bigint'>>;
  static fromColumns(columns: Readonly<Record<string, unknown>>, options: FrameOptions & { schema?: SchemaShape } = {}): DataFrame {
    checkOptions(options, ['schema', 'int64', 'allocator'], 'DataFrame.fromColumns');
    return new DataFrame(new FrameCore(columnsFromInputs(columns, options.schema, options)));
  }

  /**
   * A frame from record objects. Without a schema the columns are the union of the records' keys
   * in first-seen order (a missing key is null) with inferred dtypes (arrays infer lists, plain
   * objects structs, `Instant`s timestamps, `Decimal`s decimals, `Uint8Array`s binary); with a
   * schema, values are checked against it and a field it does not declare is an error.
   *
   * @throws SchemaError for a non-object row, a field the schema lacks, or mixed value types.
   * @throws InvalidValueError when a value does not fit its dtype (naming column, row and, inside
   *   a nested value, the field or item).
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([{ x: 1, y: 'a' }, { x: 2.5, y: null }]);
   * console.log(df.schema.toString());
   * // prints: Schema { x: float64, y: utf8? }
   * const nested = DataFrame.fromRecords([{ xs: [1, 2.5], p: { a: 1 } }, { xs: [], p: { a: 2, b: 'x' } }]);
   * console.log(nested.schema.toString());
   * // prints: Schema { xs: list<float64>, p: struct<a: int32, b: utf8?> }
   * ```
   */
  static fromRecords<const S extends SchemaShape>(rows: Iterable<object>, options: SchemaOptions<S>): DataFrame<S>;
  static fromRecords<R extends object>(
    rows: Iterable<R>,
    options?: FrameOptions & { int64?: 'number' },
  ): DataFrame<SchemaOfRecords<R>>;
  static fromRecords<R extends object>(
    rows: Iterable<R>,
    options: FrameOptions & { int64: 'bigint' },
  ): DataFrame<SchemaOfRecords<R, 'bigint'>>;
  static fromRecords(rows: Iterable<unknown>, options: FrameOptions & { schema?: SchemaShape } = {}): DataFrame {
    checkOptions(options, ['schema', 'int64', 'allocator'], 'DataFrame.fromRecords');
    return new DataFrame(new FrameCore(columnsFromRecords(rows, options.schema, options)));
  }

  /**
   * A frame over an apache-arrow `Table`, without copying: the columns are the table's `Data`.
   * A table of several record batches is combined into one chunk per column (a copy).
   *
   * @throws UnsupportedTypeError naming the field for an Arrow type colframe does not hold.
   * @throws DuplicateColumnError when two fields share a name.
   * @example
   * ```ts
   * import { tableFromArrays } from 'apache-arrow';
   * const table = tableFromArrays({ x: new Float64Array([1, 2]) });
   * const df = DataFrame.fromArrow(table);
   * df.getColumn('x').data.values.buffer === table.getChild('x')!.data[0]!.values.buffer; // → true
   * ```
   */
  static fromArrow(table: Table, options: FrameOptions = {}): DataFrame {
    checkOptions(options, ['int64', 'allocator'], 'DataFrame.fromArrow');
    return new DataFrame(new FrameCore(columnsFromArrow(table, options), table.numRows));
  }

  /**
   * An apache-arrow `Table` over the same buffers (zero-copy; one record batch).
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
   * const t = df.toArrow();
   * [t.numRows, t.getChild('x')!.data[0]!.values === df.getColumn('x').data.values]; // → [ 3, true ]
   * ```
   */
  toArrow(): Table {
    const cols = this.#core.columns;
    const fields = cols.map((c) => new ArrowField(c.name, c.data.type, c.dtype.nullable));
    const schema = new ArrowSchema(fields);
    const struct = makeData({
      type: new Struct(fields),
      length: this.height,
      nullCount: 0,
      children: cols.map((c) => c.data),
    });
    return new Table(schema, [new RecordBatch(schema, struct)]);
  }

  // ---------------------------------------------------------------- inspect

  /** Number of rows. */
  get height(): number {
    return this.#core.height;
  }

  /** Number of columns. */
  get width(): number {
    return this.#core.width;
  }

  /** `[height, width]`. */
  get shape(): [height: number, width: number] {
    return [this.#core.height, this.#core.width];
  }

  /** Column names in order. */
  get columns(): string[] {
    return this.#core.schema.names;
  }

  /**
   * Dtypes in column order.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada'], age: [36], address: [null] as (string | null)[] });
   * df.dtypes.map(String); // → [ 'utf8', 'int32', 'utf8?' ]
   * ```
   */
  get dtypes(): AnyDType[] {
    return this.#core.columns.map((c) => c.dtype);
  }

  /**
   * Names and dtypes in column order.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada'], age: [36] });
   * String(df.schema.get('age')); // → 'int32'
   * df.schema.names; // → [ 'name', 'age' ]
   * ```
   */
  get schema(): Schema<S> {
    return this.#core.schema as Schema<S>;
  }

  /**
   * A column by name.
   * @throws ColumnNotFoundError listing available names and suggesting the closest.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada', 'Linus'], age: [36, 54] });
   * df.getColumn('age').toArray(); // → [ 36, 54 ]
   * ```
   */
  getColumn<K extends keyof S & string>(name: K): Column<S[K]> {
    return this.#core.column(name) as Column<S[K]>;
  }

  /** All columns in order. */
  getColumns(): Column[] {
    return this.#core.columns.slice();
  }

  /**
   * A lazy, read-only view of row `i` (negative counts from the end).
   * @throws IndexOutOfRangeError when `i` is outside the frame.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada', 'Linus'], age: [36, 54] });
   * const r = df.row(-1);
   * r.name; // → 'Linus'
   * JSON.stringify(r); // → '{"name":"Linus","age":54}'
   * r.toObject(); // → { name: 'Linus', age: 54 }
   * ```
   */
  row(i: number): RowOf<S> {
    const n = this.#core.height;
    if (!Number.isInteger(i) || i >= n || i < -n) throw new IndexOutOfRangeError(i, n);
    const cls = this.rowClass();
    return new cls(this.rowStore(), i < 0 ? i + n : i) as RowOf<S>;
  }

  /**
   * Iterate lazy row views, one per row; nothing is retained per row.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada', 'Linus'], age: [36, 54] });
   * let total = 0;
   * for (const r of df.rows()) total += r.age;
   * total; // → 90
   * ```
   */
  rows(): IterableIterator<RowOf<S>> {
    const cls = this.rowClass();
    return new cls.Iterator(this.rowStore(), this.#core.height) as IterableIterator<RowOf<S>>;
  }

  /** Iterate lazy row views (`for (const r of df)`). */
  [Symbol.iterator](): IterableIterator<RowOf<S>> {
    return this.rows();
  }

  /**
   * Every row as a plain object.
   * @param options `int64: 'bigint'` reads 64-bit integers as bigint for this call.
   * @throws Int64RangeError when a 64-bit integer read as number does not fit exactly.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada', 'Linus'], age: [36, 54] });
   * df.toRecords(); // → [ { name: 'Ada', age: 36 }, { name: 'Linus', age: 54 } ]
   * ```
   */
  toRecords(options: ToRecordsOptions<'bigint'> & { int64: 'bigint' }): RecordOf<BigIntSchema<S>>[];
  toRecords(options?: ToRecordsOptions): RecordOf<S>[];
  toRecords(options: ToRecordsOptions = {}): Record<string, unknown>[] {
    checkOptions(options, ['int64'], 'df.toRecords');
    let cols = this.#core.columns;
    let cls: RowClass;
    let store: RowStore;
    if (options.int64 !== undefined) {
      const repr = options.int64;
      cols = cols.map((c) => new Column(c.name, withInt64Repr(c.dtype, repr), c.data));
      cls = rowClassFor(cols);
      store = rowStoreFor(cols);
    } else {
      cls = this.rowClass();
      store = this.rowStore();
    }
    const n = this.#core.height;
    const out = new Array<Record<string, unknown>>(n);
    const read = cls.read;
    for (let i = 0; i < n; i++) out[i] = read(store, i);
    return out;
  }

  /**
   * The first `n` rows (default 5); a negative `n` gives all but the last `-n`. Zero-copy.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2, 3, 4] });
   * df.head(2).getColumn('x').toArray(); // → [ 1, 2 ]
   * df.head(-1).getColumn('x').toArray(); // → [ 1, 2, 3 ]
   * ```
   */
  head(n = 5): DataFrame<S> {
    return this.slice(0, countOf('head', n, this.#core.height));
  }

  /**
   * The last `n` rows (default 5); a negative `n` gives all but the first `-n`. Zero-copy.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2, 3, 4] });
   * df.tail(2).getColumn('x').toArray(); // → [ 3, 4 ]
   * ```
   */
  tail(n = 5): DataFrame<S> {
    const len = countOf('tail', n, this.#core.height);
    return this.slice(this.#core.height - len, len);
  }

  /**
   * Rows `[offset, offset + length)`: a negative offset counts from the end, `length` defaults
   * to the rest, and both are clipped to the frame. Zero-copy: the slice shares the buffers.
   * @throws InvalidArgumentError for a non-integer offset or a negative or non-integer length.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2, 3, 4] });
   * df.slice(1, 2).getColumn('x').toArray(); // → [ 2, 3 ]
   * df.slice(-1).getColumn('x').toArray(); // → [ 4 ]
   * ```
   */
  slice(offset: number, length?: number): DataFrame<S> {
    const [start, len] = clipSlice(this.#core.height, offset, length);
    const core = this.#core.sliceRows(start, len);
    return core === this.#core ? this : new DataFrame<S>(core);
  }

  /**
   * Only the named columns, in the order given (zero-copy), or computed expressions: names
   * narrow the frame's type; expressions give untyped columns named by their alias (or first
   * column).
   * @throws ColumnNotFoundError; DuplicateColumnError when a name is given twice.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada', 'Linus'], age: [36, 54], city: ['London', 'Helsinki'] });
   * df.select('age', 'name').columns; // → [ 'age', 'name' ]
   * df.select(col('age').add(1).alias('next')).toRecords(); // → [ { next: 37 }, { next: 55 } ]
   * ```
   */
  select<K extends keyof S & string>(...names: (K | readonly K[])[]): DataFrame<Pick<S, K>>;
  select(...items: ((keyof S & string) | Expr | readonly ((keyof S & string) | Expr)[])[]): DataFrame;
  select(...items: (string | Expr | readonly (string | Expr)[])[]): DataFrame {
    const flat = items.flatMap((x) => (Array.isArray(x) ? (x as readonly (string | Expr)[]) : [x as string | Expr]));
    return new DataFrame(selectItems(this.#core, flat));
  }

  /**
   * An expression for the column `name`, typed with its dtype (checked now: an unknown name throws
   * here rather than when the expression runs). Same as `col(name)` otherwise.
   * @throws ColumnNotFoundError suggesting the closest name.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ amount: [10, null, 30] });
   * const out = df.withColumns({ doubled: df.col('amount').mul(2), amount: df.col('amount').fillNull(0) });
   * out.toRecords(); // → [ { amount: 10, doubled: 20 }, { amount: 0, doubled: null }, { amount: 30, doubled: 60 } ]
   * ```
   */
  col<K extends keyof S & string>(name: K): Expr<S[K]> {
    this.#core.column(name);
    return colExpr(name) as Expr<S[K]>;
  }

  /**
   * The rows where `predicate` is true: an expression (null counts as false) or a function of a
   * row view returning a boolean (called with one reused view; keep values, not the view).
   * @throws ExpressionError for a predicate that is not boolean or names an unknown column.
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([
   *   { category: 'c1', amount: 900 },
   *   { category: 'c3', amount: 700 },
   *   { category: 'c3', amount: 100 },
   * ]);
   * df.filter(col('amount').gt(500).and(col('category').eq('c3'))).toRecords(); // → [ { category: 'c3', amount: 700 } ]
   * df.filter((r) => r.amount < 500).toRecords(); // → [ { category: 'c3', amount: 100 } ]
   * ```
   */
  filter(predicate: Expr | ((row: RowOf<S>, index: number) => boolean | null | undefined)): DataFrame<S> {
    const core = filterRows(this.#core, predicate as Expr);
    return core === this.#core ? this : new DataFrame<S>(core);
  }

  /**
   * The frame with columns added (at the end) or replaced (in place): expressions, or
   * `{ dtype, fn }` for a function of each row (values checked against the dtype). Every column
   * is computed from the input frame.
   * @throws ExpressionError; InvalidValueError when a function returns a value its dtype does not take.
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([{ city: 'Oslo', amount: 2.5, qty: 4 }, { city: 'Rome', amount: 10, qty: 1 }]);
   * const out = df.withColumns({
   *   total: col('amount').mul(col('qty')),
   *   label: { dtype: utf8(), fn: (r) => `${r.city}: ${r.amount}` },
   * });
   * console.log(out);
   * // prints:
   * // shape: (2, 5)
   * // ┌──────┬────────┬─────┬───────┬───────────┐
   * // │ city ┆ amount ┆ qty ┆ total ┆ label     │
   * // │ ---  ┆ ---    ┆ --- ┆ ---   ┆ ---       │
   * // │ str  ┆ f64    ┆ i32 ┆ f64   ┆ str       │
   * // ╞══════╪════════╪═════╪═══════╪═══════════╡
   * // │ Oslo ┆    2.5 ┆   4 ┆  10.0 ┆ Oslo: 2.5 │
   * // │ Rome ┆   10.0 ┆   1 ┆  10.0 ┆ Rome: 10  │
   * // └──────┴────────┴─────┴───────┴───────────┘
   * ```
   */
  withColumns<const C extends Readonly<Record<string, Expr | RowColumn<S>>>>(specs: C): DataFrame<WithColumns<S, C>> {
    return new DataFrame(addColumns(this.#core, specs as unknown as Readonly<Record<string, ColumnSpec>>));
  }

  /**
   * The rows in order of `by` (names or expressions): stable, per-key direction, nulls last by
   * default. A single numeric, boolean, temporal or categorical key uses a radix sort.
   * @throws ColumnNotFoundError, ExpressionError, InvalidArgumentError.
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([
   *   { category: 'b', amount: 5 },
   *   { category: 'a', amount: 7 },
   *   { category: 'b', amount: 9 },
   * ]);
   * df.sort('amount', { descending: true }).getColumn('amount').toArray(); // → [ 9, 7, 5 ]
   * df.sort(['category', 'amount'], { descending: [false, true] }).toRecords(); // → [ { category: 'a', amount: 7 }, { category: 'b', amount: 9 }, { category: 'b', amount: 5 } ]
   * ```
   */
  sort(by: (keyof S & string) | Expr | readonly ((keyof S & string) | Expr)[], options: SortOptions = {}): DataFrame<S> {
    return new DataFrame<S>(sortRows(this.#core, by as string | Expr | readonly (string | Expr)[], options));
  }

  /**
   * This frame joined with `other` on key columns (`on`, or `leftOn`/`rightOn`): `inner` (default),
   * `left`, `right`, `full`, `semi`, `anti` or `cross`. Null keys never match. Right columns whose
   * names clash get `suffix` (default `_right`).
   * @throws InvalidArgumentError, ColumnNotFoundError, SchemaError (keys that cannot be compared).
   * @example
   * ```ts
   * const orders = DataFrame.fromRecords([{ id: 1, user_id: 10 }, { id: 2, user_id: 11 }, { id: 3, user_id: 10 }]);
   * const users = DataFrame.fromRecords([{ user_id: 10, name: 'Ada' }]);
   * console.log(orders.join(users, { on: 'user_id', how: 'left' }));
   * // prints:
   * // shape: (3, 3)
   * // ┌─────┬─────────┬──────┐
   * // │ id  ┆ user_id ┆ name │
   * // │ --- ┆ ---     ┆ ---  │
   * // │ i32 ┆ i32     ┆ str  │
   * // ╞═════╪═════════╪══════╡
   * // │   1 ┆      10 ┆ Ada  │
   * // │   2 ┆      11 ┆ null │
   * // │   3 ┆      10 ┆ Ada  │
   * // └─────┴─────────┴──────┘
   * ```
   */
  join<S2 extends SchemaShape, const K extends string = never, const X extends string = '_right'>(
    other: DataFrame<S2>,
    options: JoinOptions & { on?: K | readonly K[]; suffix?: X },
  ): DataFrame<JoinSchema<S, S2, K, X>> {
    return new DataFrame(joinFrames(this.#core, other.#core, options));
  }

  /**
   * Frames stacked top to bottom. `vertical` (default) needs the same columns in the same order
   * and dtypes; `diagonal` takes the union of the columns, filling missing ones with nulls.
   * @throws SchemaError naming the first mismatch.
   * @example
   * ```ts
   * const jan = DataFrame.fromRecords([{ day: 1, sales: 10 }]);
   * const feb = DataFrame.fromRecords([{ day: 1, sales: 12 }]);
   * DataFrame.concat([jan, feb]).getColumn('sales').toArray(); // → [ 10, 12 ]
   * const a = DataFrame.fromRecords([{ x: 1 }]);
   * const b = DataFrame.fromRecords([{ y: 'b' }]);
   * DataFrame.concat([a, b], { how: 'diagonal' }).toRecords(); // → [ { x: 1, y: null }, { x: null, y: 'b' } ]
   * ```
   */
  static concat<S extends SchemaShape>(frames: readonly [DataFrame<S>, ...DataFrame[]], options?: { how?: ConcatHow }): DataFrame<S>;
  static concat(frames: readonly DataFrame[], options?: { how?: ConcatHow }): DataFrame;
  static concat(frames: readonly DataFrame[], options: { how?: ConcatHow } = {}): DataFrame {
    checkOptions(options, ['how'], 'DataFrame.concat');
    return new DataFrame(concatFrames(frames.map((f) => f.#core), options.how));
  }

  /**
   * Rows with distinct values in `subset` (default: all columns), in their original order;
   * `keep` chooses the first (default), the last, or none of a set of duplicates.
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([{ city: 'Oslo', n: 1 }, { city: 'Rome', n: 2 }, { city: 'Oslo', n: 3 }]);
   * df.unique({ subset: ['city'], keep: 'last' }).toRecords(); // → [ { city: 'Rome', n: 2 }, { city: 'Oslo', n: 3 } ]
   * ```
   */
  unique(options: { subset?: readonly (keyof S & string)[]; keep?: UniqueKeep } = {}): DataFrame<S> {
    checkOptions(options, ['subset', 'keep'], 'df.unique');
    const core = uniqueRows(this.#core, options.subset, options.keep);
    return core === this.#core ? this : new DataFrame<S>(core);
  }

  /**
   * Rows without a null in `subset` (default: any column).
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([{ amount: 1, note: null }, { amount: null, note: 'x' }]);
   * df.dropNulls(['amount']).toRecords(); // → [ { amount: 1, note: null } ]
   * df.dropNulls().height; // → 0
   * ```
   */
  dropNulls(subset?: readonly (keyof S & string)[]): DataFrame<S> {
    const core = dropNullRows(this.#core, subset);
    return core === this.#core ? this : new DataFrame<S>(core);
  }

  /**
   * Nulls replaced, dtypes unchanged: by a value in every column whose dtype holds it exactly
   * (others are left alone: `fillNull(2.5)` fills float columns, not integer ones; a `Decimal`,
   * `Instant`, `Uint8Array` or array fills decimal, timestamp, binary or list columns); by a strategy
   * (`{ strategy: 'forward' | 'backward' | 'mean' }`, an object with that single key); or by values
   * per column (`{ qty: 0, note: '' }`, or a `Map`, which is never read as a strategy — the way
   * to fill a column named `strategy`), a value of the column's type (a struct column takes an
   * object, a duration column a number).
   * @throws InvalidArgumentError for nothing to fill with (`undefined`, `null`, `{}`), an unknown
   * strategy, or a per-column value its column does not hold (widen with
   * `withColumns({ v: col('v').fillNull(2.5) })`); ColumnNotFoundError for an unknown column.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, null, 3], s: ['a', null, 'c'] });
   * df.fillNull(0).toRecords(); // → [ { x: 1, s: 'a' }, { x: 0, s: null }, { x: 3, s: 'c' } ]
   * df.fillNull({ strategy: 'forward' }).toRecords(); // → [ { x: 1, s: 'a' }, { x: 1, s: 'a' }, { x: 3, s: 'c' } ]
   * df.fillNull({ x: 0, s: '' }).toRecords(); // → [ { x: 1, s: 'a' }, { x: 0, s: '' }, { x: 3, s: 'c' } ]
   * df.fillNull({ z: 0 });
   * // throws ColumnNotFoundError: Column "z" not found. Did you mean "x"? Available: x, s
   * ```
   */
  fillNull(
    fill: FillValue | { readonly strategy: FillStrategy } | { readonly [K in keyof S & string]?: ColumnFillValue } | ReadonlyMap<keyof S & string, ColumnFillValue>,
  ): DataFrame<S> {
    return new DataFrame<S>(fillNulls(this.#core, fill));
  }

  /**
   * Columns converted to other dtypes, checked (`strict`, default): a value that does not convert
   * is an error naming it; `strict: false` makes it null instead.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ qty: [1, 2], x: [2.5, 1e10] });
   * df.cast({ qty: float64(), x: utf8() }).toRecords(); // → [ { qty: 1, x: '2.5' }, { qty: 2, x: '10000000000.0' } ]
   * df.cast({ x: int32() }, { strict: false }).getColumn('x').toArray(); // → [ 2, null ]
   * df.cast({ x: int32() });
   * // throws InvalidValueError: Column "x", row 1: 10000000000 (number) does not fit int32: out of range -2147483648 … 2147483647
   * ```
   */
  cast<const C extends Readonly<Partial<Record<keyof S & string, AnyDTypeT>>>>(
    dtypes: C,
    options: { strict?: boolean } = {},
  ): DataFrame<{ readonly [K in keyof S]: K extends keyof C ? (C[K] extends AnyDTypeT ? C[K] : S[K]) : S[K] }> {
    checkOptions(options, ['strict'], 'df.cast');
    const specs: Record<string, Expr> = {};
    for (const [name, dt] of Object.entries(dtypes)) {
      this.#core.column(name);
      specs[name] = colExpr(name).cast(dt as AnyDTypeT, options.strict === false ? { strict: false } : {});
    }
    return new DataFrame(addColumns(this.#core, specs));
  }

  /**
   * Summary statistics per column: count, null_count, mean, std, min, quartiles, max for numbers;
   * count, null_count, unique, top for text; count, null_count, min, max for dates and timestamps
   * (spelled as the table prints them). The result prints every statistic: it is not elided like
   * a frame taller than `maxRows` (frames derived from it print as usual).
   * @example
   * ```ts
   * const df = await readCSV({ text: 'day,city,temp\n2024-01-02,Oslo,-3.5\n2024-01-01,Rome,12\n2024-01-03,Oslo,\n' });
   * console.log(df.describe());
   * // prints:
   * // shape: (11, 4)
   * // ┌────────────┬────────────┬──────┬───────────┐
   * // │ statistic  ┆ day        ┆ city ┆ temp      │
   * // │ ---        ┆ ---        ┆ ---  ┆ ---       │
   * // │ str        ┆ str        ┆ str  ┆ f64       │
   * // ╞════════════╪════════════╪══════╪═══════════╡
   * // │ count      ┆ 3          ┆ 3    ┆       2.0 │
   * // │ null_count ┆ 0          ┆ 0    ┆       1.0 │
   * // │ mean       ┆ null       ┆ null ┆      4.25 │
   * // │ std        ┆ null       ┆ null ┆ 10.960155 │
   * // │ min        ┆ 2024-01-01 ┆ null ┆      -3.5 │
   * // │ 25%        ┆ null       ┆ null ┆     0.375 │
   * // │ 50%        ┆ null       ┆ null ┆      4.25 │
   * // │ 75%        ┆ null       ┆ null ┆     8.125 │
   * // │ max        ┆ 2024-01-03 ┆ null ┆      12.0 │
   * // │ unique     ┆ null       ┆ 2    ┆      null │
   * // │ top        ┆ null       ┆ Oslo ┆      null │
   * // └────────────┴────────────┴──────┴───────────┘
   * ```
   */
  describe(): DataFrame {
    const out = new DataFrame(describeFrame(this.#core));
    out.#printRows = -1;
    return out;
  }

  /**
   * Rows grouped by the key columns, for `agg`.
   * @throws ColumnNotFoundError for an unknown key.
   * @example
   * ```ts
   * const df = DataFrame.fromRecords([
   *   { category: 'a', amount: 10 },
   *   { category: 'b', amount: 5 },
   *   { category: 'a', amount: 2 },
   * ]);
   * console.log(df.groupBy('category').agg({ total: col('amount').sum(), n: col('amount').count() }));
   * // prints:
   * // shape: (2, 3)
   * // ┌──────────┬───────┬─────┐
   * // │ category ┆ total ┆ n   │
   * // │ ---      ┆ ---   ┆ --- │
   * // │ str      ┆ i64   ┆ i64 │
   * // ╞══════════╪═══════╪═════╡
   * // │ a        ┆    12 ┆   2 │
   * // │ b        ┆     5 ┆   1 │
   * // └──────────┴───────┴─────┘
   * ```
   */
  groupBy<K extends keyof S & string>(...keys: K[]): GroupBy<S, K> {
    for (const k of keys) this.#core.column(k);
    return new GroupBy<S, K>(this.#core, keys, (core) => new DataFrame(core));
  }

  /**
   * Aggregations over the whole frame: one row.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ amount: [10, null, 32] });
   * df.agg({ total: col('amount').sum(), rows: col('amount').count() }).toRecords(); // → [ { total: 42, rows: 2 } ]
   * ```
   */
  agg<const A extends Readonly<Record<string, Expr>>>(aggs: A): DataFrame<{ readonly [P in keyof A]: AnyDTypeT }> {
    return new DataFrame(groupByAgg(this.#core, [], aggs));
  }

  /**
   * How often each value of a column occurs: the column and `count`, most frequent first (ties
   * in order of first appearance) unless `sort: false`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ weather: ['rain', 'sun', 'rain', 'fog', 'rain'] });
   * console.log(df.valueCounts('weather'));
   * // prints:
   * // shape: (3, 2)
   * // ┌─────────┬───────┐
   * // │ weather ┆ count │
   * // │ ---     ┆ ---   │
   * // │ str     ┆ i64   │
   * // ╞═════════╪═══════╡
   * // │ rain    ┆     3 │
   * // │ sun     ┆     1 │
   * // │ fog     ┆     1 │
   * // └─────────┴───────┘
   * ```
   */
  valueCounts<K extends keyof S & string>(column: K, options: { sort?: boolean } = {}): DataFrame<{ readonly [P in K]: S[P] } & { readonly count: AnyDTypeT }> {
    checkOptions(options, ['sort'], 'df.valueCounts');
    // The count column is `count` (or `count_` when the column itself is named so).
    const out = column === ('count' as string) ? 'count_' : 'count';
    const counted = groupByAgg(this.#core, [column], { [out]: colExpr(column).len() });
    return new DataFrame(options.sort === false ? counted : sortRows(counted, out, { descending: true }));
  }

  /**
   * Every column except those named (zero-copy).
   * @throws ColumnNotFoundError for a name the frame does not have.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada'], age: [36] });
   * df.drop('age').columns; // → [ 'name' ]
   * ```
   */
  drop<K extends keyof S & string>(...names: (K | readonly K[])[]): DataFrame<Omit<S, K>> {
    return new DataFrame(this.#core.without(flatNames(names)));
  }

  /**
   * One row per item of the list columns named (list, largeList or fixedSizeList), the other
   * columns repeated; an empty or null list gives one row with a null item (as polars). Several
   * columns explode together when their lists are equally long in every row.
   * @throws ColumnNotFoundError; SchemaError for a column that is not a list or lists of unequal lengths.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ k: ['a', 'b', 'a'], x: [1, 2, 3] }).groupBy('k').agg({ xs: col('x').implode() });
   * df.explode('xs').toRecords(); // → [ { k: 'a', xs: 1 }, { k: 'a', xs: 3 }, { k: 'b', xs: 2 } ]
   * ```
   */
  explode(...columns: ((keyof S & string) | readonly (keyof S & string)[])[]): DataFrame {
    return new DataFrame(explodeRows(this.#core, flatNames(columns)));
  }

  /**
   * The struct columns named replaced, in place, by one column per field (the struct's nulls
   * applied to each field; values shared, not copied).
   * @throws ColumnNotFoundError; SchemaError for a column that is not a struct; DuplicateColumnError
   * when a field's name is taken by another column.
   * @example
   * ```ts
   * import { tableFromArrays, vectorFromArray, Struct, Field, Float64 } from 'apache-arrow';
   * const type = new Struct([new Field('lat', new Float64()), new Field('lon', new Float64())]);
   * const df = DataFrame.fromArrow(tableFromArrays({ id: Int32Array.of(1, 2), pos: vectorFromArray([{ lat: 59.9, lon: 10.7 }, null], type) } as never));
   * df.unnest('pos').toRecords(); // → [ { id: 1, lat: 59.9, lon: 10.7 }, { id: 2, lat: null, lon: null } ]
   * ```
   */
  unnest(...columns: ((keyof S & string) | readonly (keyof S & string)[])[]): DataFrame {
    return new DataFrame(unnestColumns(this.#core, flatNames(columns)));
  }

  /**
   * Columns renamed by `{ old: new }` (zero-copy; swaps allowed).
   * @throws ColumnNotFoundError for an unknown old name; DuplicateColumnError when names would repeat.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ name: ['Ada'], age: [36] });
   * df.rename({ age: 'years' }).columns; // → [ 'name', 'years' ]
   * ```
   */
  rename<const M extends Partial<Record<keyof S & string, string>>>(mapping: M): DataFrame<RenamedSchema<S, M>> {
    return new DataFrame(this.#core.renamed(mapping as Readonly<Record<string, string>>));
  }

  // ---------------------------------------------------------------- threads

  /**
   * A small handle to post to worker threads, through which they read this frame's memory
   * without copying it: `DataFrame.fromShared(handle)` rebuilds the frame over the same bytes.
   * A frame whose buffers are already in `SharedArrayBuffer`s (e.g. `readCSV(path, { shared: true })`)
   * shares in O(1); otherwise each `share()` copies the frame into a new block of shared memory
   * (copies are not reused, so a frame over a typed array the caller has changed since is copied
   * as it is now). Shared memory is read-only by contract: no thread may write to a shared
   * frame's buffers. A write to a copy reaches only that copy; a write to a frame that already
   * lives in shared memory changes that memory, and so every frame over it.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
   * const handle = df.share();
   * // What a worker receives: `worker.postMessage(handle)` clones it as structuredClone does.
   * const back = DataFrame.fromShared(structuredClone(handle));
   * back.getColumn('x').data.values.buffer instanceof SharedArrayBuffer; // → true
   * back.toRecords(); // → [ { x: 1 }, { x: 2 }, { x: 3 } ]
   * ```
   */
  share(): SharedFrame {
    return shareCore(this.#core);
  }

  /**
   * The frame behind a handle made by `share()` on any thread; its columns are views over the
   * shared memory (no copy).
   * @throws SharedFrameError for a handle of another format version, or a corrupted or truncated block.
   * @example
   * ```ts
   * // In a worker, `parentPort.on('message', (handle) => DataFrame.fromShared(handle))`; here the
   * // handle is cloned the way postMessage clones it:
   * const handle = structuredClone(DataFrame.fromColumns({ x: [1, 2, 3] }).share());
   * DataFrame.fromShared(handle).shape; // → [ 3, 1 ]
   * ```
   */
  static fromShared<S extends SchemaShape = SchemaShape>(handle: SharedFrame): DataFrame<S> {
    return new DataFrame<S>(coreFromShared(handle));
  }

  /**
   * Hands the frame's buffers over to another thread: returns a small `packet` to post and the
   * `transferList` of its distinct `ArrayBuffer`s (each once, even when several columns are views
   * into one buffer). Zero-copy: ownership moves. From this call on, this frame — and any frame
   * or column sharing its buffers — throws `FrameDetachedError` when used. Only buffers the
   * frame owns move: views over memory the caller gave (a typed array passed to `fromColumns`,
   * bytes passed to `readIPCSync`/`readIPC`, an Arrow table's buffers) are copied into the
   * packet, so the caller's arrays stay intact and those columns stay readable here. Buffers
   * that live in `SharedArrayBuffer`s are shared rather than moved and stay readable here.
   * Row views taken before the transfer must not be used after it.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
   * const { packet, transferList } = df.transfer();
   * // worker.postMessage(packet, transferList) moves the buffers; so does structuredClone:
   * const moved = structuredClone(packet, { transfer: transferList });
   * DataFrame.fromTransferred(moved).toRecords(); // → [ { x: 1 }, { x: 2 }, { x: 3 } ]
   * df.height;
   * // throws FrameDetachedError: This frame's buffers were transferred to another thread (column "x"); it can no longer be used
   * ```
   */
  transfer(): FrameTransfer {
    const out = frameToPacket(this.#core);
    noteTransferred(out.transferList);
    return out;
  }

  /**
   * The frame sent by `transfer()` on another thread, over the moved buffers (no copy).
   * @throws SharedFrameError for anything but a well-formed packet of this format version.
   * @example
   * ```ts
   * // In a worker: `parentPort.on('message', (packet) => DataFrame.fromTransferred(packet))`.
   * const { packet, transferList } = DataFrame.fromColumns({ x: [1, 2, 3] }).transfer();
   * const df = DataFrame.fromTransferred(structuredClone(packet, { transfer: transferList }));
   * df.height; // → 3
   * ```
   */
  static fromTransferred<S extends SchemaShape = SchemaShape>(packet: TransferPacket): DataFrame<S> {
    return new DataFrame<S>(frameFromPacket(packet));
  }

  /**
   * Bytes of the Arrow buffers the frame references, per column (values, offsets, validity,
   * dictionary) and in total (shared buffers counted once), with the bytes it keeps alive
   * (`retained`) and the bytes its rows span (`spanned`). JavaScript object overhead is not counted.
   * @example
   * ```ts
   * DataFrame.fromColumns({ x: new Float64Array(1000) }).memoryUsage().total; // → 8000
   * ```
   */
  memoryUsage(): MemoryUsage {
    return memoryUsageOf(this.#core.columns);
  }

  /**
   * The frame as a box table: shape and dtypes in the header, head and tail rows with an
   * elision row for long frames, middle columns elided for wide ones.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2, 3, 4, 5, 6] });
   * console.log(df.toString({ maxRows: 4 }));
   * // prints:
   * // shape: (6, 1)
   * // ┌─────┐
   * // │ x   │
   * // │ --- │
   * // │ i32 │
   * // ╞═════╡
   * // │   1 │
   * // │   2 │
   * // │   … │
   * // │   5 │
   * // │   6 │
   * // └─────┘
   * ```
   */
  toString(options: PrintOptions = {}): string {
    checkOptions(options, ['maxRows', 'maxCols', 'maxWidth', 'maxStringLength', 'showShape', 'showDtypes'], 'df.toString');
    return formatTable(this.#core, this.#printDefaults(options));
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /**
   * The frame as CSV text, for small frames (`writeCSV` streams large ones to a file). The text is
   * exactly what `writeCSV` writes: a header row, then one line per row, each ending with
   * `lineEnding`; fields quoted only where needed (`""` is the empty string, an empty field is null).
   * @param options - `header` (default true), `delimiter` (`,`), `quote` (`"`), `lineEnding` (`\n`), `bom` (false), `nullValue` (empty).
   * @throws InvalidArgumentError for invalid options; UnknownOptionError for an unknown option.
   * @throws Error (`ERR_STRING_TOO_LONG`) when the text would exceed V8's longest string (~512 MiB).
   * @example
   * ```ts
   * DataFrame.fromRecords([{ name: 'Ada, Countess', age: 36 }, { name: '', age: null }]).toCSV(); // → 'name,age\n"Ada, Countess",36\n"",\n'
   * ```
   */
  toCSV(options: CsvWriteOptions = {}): string {
    return formatCSV(this.#core, options, 'df.toCSV');
  }

  /**
   * The frame as Arrow IPC bytes: the file format by default (`ARROW1` magic and footer), or the
   * stream format with `{ format: 'stream' }`. Bodies and buffers are 64-byte aligned (or 8 with
   * `alignment: 8`), categorical columns become dictionary batches, custom metadata is kept.
   * `readIPCSync` reads the bytes back without copying; apache-arrow's `tableFromIPC` reads them too.
   * `compression: 'lz4' | 'zstd'` compresses each buffer (smaller bytes; readers then decompress).
   * @param options - `format` (`'file'` | `'stream'`), `alignment` (64 | 8), `compression` (`'lz4'` | `'zstd'`).
   * @throws InvalidArgumentError for an unknown format, alignment or compression.
   * @example
   * ```ts
   * const bytes = DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC({ format: 'stream' });
   * readIPCSync(bytes).toRecords(); // → [ { x: 1 }, { x: 2 }, { x: 3 } ]
   * const z = DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC({ compression: 'zstd' });
   * readIPCSync(z).toRecords(); // → [ { x: 1 }, { x: 2 }, { x: 3 } ]
   * ```
   */
  toIPC(options: IPCEncodeOptions = {}): Uint8Array {
    return encodeIPC(this.#core, options, 'df.toIPC');
  }

  /**
   * The frame on its side: one line per column with its name, dtype and first values (strings
   * quoted, nulls as `null`), as many as fit the line, as a {@link TextOutput}: `console.log` and
   * the REPL show the text itself, `String(out)` gives it as a string. `print: true` writes it to
   * stdout instead of returning it.
   * @param options - `maxWidth`, `maxCols` (default: all), `maxStringLength`, `maxValues`, `print`.
   * @example
   * ```ts
   * const df = await readCSV({ text: 'date,temp_max,weather\n2012-01-01,12.8,drizzle\n2012-01-02,10.6,rain\n2012-01-03,11.7,\n' });
   * const out = df.glimpse({ maxWidth: 60 });
   * console.log(out);
   * // prints:
   * // Rows: 3
   * // Columns: 3
   * // $ date     <date> 2012-01-01, 2012-01-02, 2012-01-03
   * // $ temp_max <f64>  12.8, 10.6, 11.7
   * // $ weather  <str>  "drizzle", "rain", null
   * String(out).split('\n')[0]; // → 'Rows: 3'
   * ```
   */
  glimpse(options: GlimpseOptions & { print: true }): void;
  glimpse(options?: GlimpseOptions & { print?: false }): TextOutput;
  glimpse(options?: GlimpseOptions & { print?: boolean }): TextOutput | void;
  glimpse(options: GlimpseOptions & { print?: boolean } = {}): TextOutput | void {
    checkOptions(options, ['maxCols', 'maxWidth', 'maxStringLength', 'maxValues', 'print'], 'df.glimpse');
    const text = formatGlimpse(this.#core, options);
    if (options.print !== true) return new TextOutput(text);
    process.stdout.write(`${text}\n`);
  }

  /**
   * The frame as a GitHub-flavoured markdown table: `name (dtype)` headers, numbers right-aligned,
   * cells escaped (`|`, markup, newlines), long and wide frames elided like the box table.
   * @param options - `maxRows` (10), `maxCols` (12), `maxStringLength` (32), `showShape`, `showDtypes`.
   * @example
   * ```ts
   * console.log(DataFrame.fromRecords([{ city: 'Oslo | NO', temp: 3.5 }]).toMarkdown({ showShape: false }));
   * // prints:
   * // | city (str) | temp (f64) |
   * // |------------|-----------:|
   * // | Oslo \| NO |        3.5 |
   * ```
   */
  toMarkdown(options: MarkdownOptions = {}): string {
    checkOptions(options, ['maxRows', 'maxCols', 'maxStringLength', 'showShape', 'showDtypes'], 'df.toMarkdown');
    return formatMarkdown(this.#core, this.#printDefaults(options));
  }

  /**
   * The frame as a self-contained HTML `<table>` (inline styles): shape caption, names and dtypes
   * in `<thead>`, every value HTML-escaped, nulls grey italic, numbers right-aligned, long and
   * wide frames elided like the box table.
   * @param options - `maxRows` (10), `maxCols` (12), `maxStringLength` (32), `showShape`, `showDtypes`.
   * @example
   * ```ts
   * const html = DataFrame.fromRecords([{ s: '<b>' }]).toHTML();
   * html.includes('&lt;b&gt;'); // → true
   * html.split('\n')[0]; // → '<table class="colframe" style="border-collapse:collapse;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;line-height:1.4">'
   * ```
   */
  toHTML(options: HtmlOptions = {}): string {
    checkOptions(options, ['maxRows', 'maxCols', 'maxStringLength', 'showShape', 'showDtypes'], 'df.toHTML');
    return formatHTML(this.#core, this.#printDefaults(options));
  }

  /**
   * Rich display for TypeScript notebook kernels (Deno's Jupyter kernel, tslab): an HTML table
   * and the box table as plain text.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [1, 2] });
   * const bundle = df[jupyterDisplay]();
   * bundle['text/plain'] === df.toString(); // → true
   * bundle['text/html'].startsWith('<table class="colframe"'); // → true
   * ```
   */
  [jupyterDisplay](): { 'text/html': string; 'text/plain': string } {
    return { 'text/html': this.toHTML(), 'text/plain': this.toString() };
  }

  /**
   * Charts of this frame's columns: `plot.hist(column, options)` for a numeric column,
   * `plot.bar(column, options)` for the value counts of a discrete one; terminal text by default,
   * standalone SVG with `format: 'svg'`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ temp_max: [-1.6, 4.4, 8.9, 10.6, 12.8, 13.3, 15.6, 20.6, 25.0, 35.6] });
   * console.log(df.plot.hist('temp_max', { bins: 4, width: 50 }));
   * // prints:
   * // temp_max (f64) · 10 values · 4 bins
   * // [-1.6,  7.7) │█████████████▋ 2
   * // [ 7.7, 17.0) │██████████████████████████████████ 5
   * // [17.0, 26.3) │█████████████▋ 2
   * // [26.3, 35.6] │██████▊ 1
   * // not binned: null 0 · NaN 0
   * ```
   */
  get plot(): Plot<S> {
    return new Plot<S>(this.#core);
  }

  /**
   * The frame as JSON text, for small frames (`writeJSON` streams large ones to a file): a JSON
   * array of objects (`format: 'records'`, default) or one object per line (`'ndjson'`). The text
   * is exactly what `writeJSON` writes (64-bit integers exact, whole floats with `.0`, dates
   * `"YYYY-MM-DD"`, timestamps ISO 8601 — `Z` for zoned columns —, NaN and ±Infinity as null;
   * see `formatJSON`). Named so that it does not
   * change what `JSON.stringify(df)` does.
   * @param options - `format`: `'records'` or `'ndjson'`.
   * @throws InvalidArgumentError for an unknown format; UnknownOptionError for an unknown option.
   * @throws Error (`ERR_STRING_TOO_LONG`) when the text would exceed V8's longest string (~512 MiB).
   * @example
   * ```ts
   * DataFrame.fromRecords([{ id: 1, tag: 'a' }, { id: 2, tag: null }]).toJSONString({ format: 'ndjson' }); // → '{"id":1,"tag":"a"}\n{"id":2,"tag":null}\n'
   * ```
   */
  toJSONString(options: JsonWriteOptions = {}): string {
    return formatJSON(this.#core, options, 'df.toJSONString');
  }

  /** `options` with this frame's own default for `maxRows` (every row, for a describe() result). */
  #printDefaults<O extends { maxRows?: number }>(options: O): O {
    return this.#printRows === undefined || options.maxRows !== undefined ? options : { ...options, maxRows: this.#printRows };
  }

  private rowClass(): RowClass {
    return (this.#rowClass ??= rowClassFor(this.#core.columns));
  }

  private rowStore(): RowStore {
    return (this.#store ??= rowStoreFor(this.#core.columns));
  }
}

/** Rows `head(n)` / `tail(n)` take: `n` clipped to the height, or all but `-n` when negative. */
function countOf(verb: string, n: number, height: number): number {
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`${verb}(n): n must be an integer, got ${String(n)}`, n);
  return n >= 0 ? Math.min(n, height) : Math.max(0, height + n);
}

function flatNames(names: readonly (string | readonly string[])[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (Array.isArray(n)) out.push(...(n as readonly string[]));
    else out.push(n as string);
  }
  return out;
}
