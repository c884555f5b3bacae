/**
 * Turning user input into columns: JavaScript arrays (validated, or inferred), typed arrays
 * (zero-copy when they match the dtype), apache-arrow `Vector`s / `Table`s (zero-copy for one
 * chunk), records, and colframe columns.
 */
import { Table, Vector, makeData, type Data } from 'apache-arrow';
import { DuplicateColumnError, SchemaError, ShapeError } from '../errors.js';
import {
  dtypeName,
  dtypeOfKind,
  paramsOf,
  withInt64Repr,
  type AnyDType,
  type ChildField,
  type DTypeParams,
  type DTypeKind,
  type Int64Repr,
} from '../dtype/dtype.js';
import { FIXED_STORAGE, fromArrowType, toArrowType } from '../dtype/arrow.js';
import { Schema, type SchemaShape } from '../dtype/schema.js';
import { Column } from '../column/column.js';
import { buffersOfData, noteBorrowed } from '../column/detach.js';
import { buildData, makeBuilder, type BuilderOptions } from '../column/builders.js';
import { concatData } from '../column/concat-data.js';
import type { Allocator } from '../util/alloc.js';
import { inferDType } from './infer.js';
import { withArticle } from '../util/strings.js';
import { isRowView } from './row-view.js';

/** What one column can be built from. */
export type ColumnInput =
  | readonly unknown[]
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Float32Array
  | Float64Array
  | Vector
  | Column;

/** Options every frame constructor takes. */
export interface FrameOptions {
  /**
   * How 64-bit integer columns are read: `'number'` (default; reading a value beyond ±(2^53 − 1)
   * throws `Int64RangeError`) or `'bigint'`. Applies to every int64 / uint64 column.
   */
  int64?: Int64Repr;
  /** Where new buffers are allocated (default: the heap). Zero-copy inputs keep their buffers. */
  allocator?: Allocator;
}

const TYPED_KINDS: ReadonlyArray<readonly [Function, DTypeKind]> = [
  [Float64Array, 'float64'],
  [Int32Array, 'int32'],
  [Float32Array, 'float32'],
  [Int8Array, 'int8'],
  [Int16Array, 'int16'],
  [BigInt64Array, 'int64'],
  [Uint8Array, 'uint8'],
  [Uint8ClampedArray, 'uint8'],
  [Uint16Array, 'uint16'],
  [Uint32Array, 'uint32'],
  [BigUint64Array, 'uint64'],
];

function typedKind(input: ArrayBufferView): DTypeKind | undefined {
  for (const [ctor, kind] of TYPED_KINDS) if (input instanceof ctor) return kind;
  return undefined;
}

function builderOpts(opts: FrameOptions): BuilderOptions {
  return opts.allocator === undefined ? {} : { allocator: opts.allocator };
}

function applyRepr(d: AnyDType, opts: FrameOptions): AnyDType {
  return opts.int64 === undefined ? d : deepInt64Repr(d, opts.int64);
}

/** `d` with every 64-bit integer in it (list items, struct fields … too) read as `repr`. */
function deepInt64Repr(d: AnyDType, repr: Int64Repr): AnyDType {
  if (d.item === undefined && d.fields === undefined) return withInt64Repr(d, repr);
  const child = (c: ChildField): ChildField => {
    const dtype = deepInt64Repr(c.dtype, repr);
    return dtype === c.dtype ? c : Object.freeze({ ...c, dtype });
  };
  const item = d.item === undefined ? undefined : child(d.item);
  const fields = d.fields?.map(child);
  if (item === d.item && (fields === undefined || fields.every((f, k) => f === d.fields![k]))) return d;
  const params: DTypeParams = { ...paramsOf(d), ...(item === undefined ? {} : { item }), ...(fields === undefined ? {} : { fields: Object.freeze(fields) }) };
  return dtypeOfKind(d.kind, d.nullable, params);
}

/**
 * One column from an input and an optional declared dtype.
 * @throws SchemaError, InvalidValueError when the input does not fit the dtype.
 */
export function columnFromInput(name: string, input: unknown, declared: AnyDType | undefined, opts: FrameOptions): Column {
  if (input instanceof Column) return columnFromData(name, input.data, input.dtype, declared, opts);
  if (input instanceof Vector) return columnFromVector(name, input, declared, opts);
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) return columnFromTyped(name, input, declared, opts);
  if (Array.isArray(input)) {
    const dtype = applyRepr(declared ?? inferDType(input, name), opts);
    return new Column(name, dtype, buildData(input, dtype, name, builderOpts(opts)));
  }
  throw new SchemaError(
    `Column "${name}": expected an array, a typed array, an Arrow Vector or a Column, got ${describeInput(input)}`,
    name,
  );
}

function describeInput(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return withArticle(typeof x);
  return withArticle((x as { constructor?: { name?: string } }).constructor?.name ?? 'object');
}

function columnFromTyped(name: string, input: ArrayBufferView, declared: AnyDType | undefined, opts: FrameOptions): Column {
  const kind = typedKind(input);
  if (kind === undefined) throw new SchemaError(`Column "${name}": unsupported typed array ${describeInput(input)}`, name);
  const dtype = applyRepr(declared ?? dtypeOfKind(kind, false), opts);
  // float16 is stored as Uint16Array bit patterns: a typed array of numbers is converted, never taken as bits.
  const storage = dtype.kind === 'float16' ? undefined : FIXED_STORAGE[dtype.kind];
  if (storage !== undefined && (input instanceof storage || (dtype.kind === 'uint8' && input instanceof Uint8ClampedArray))) {
    // Zero-copy: the typed array becomes the values buffer.
    const values = input instanceof Uint8ClampedArray ? new Uint8Array(input.buffer, input.byteOffset, input.length) : input;
    noteBorrowed([values.buffer]); // the caller's array: a transfer copies it rather than moving it
    const length = (values as Uint8Array).length;
    const data = makeData({ type: toArrowType(dtype), length, nullCount: 0, data: values } as never) as Data;
    return new Column(name, dtype, data);
  }
  // Different storage: convert value by value, checking each against the dtype.
  return new Column(name, dtype, buildData(input as unknown as ArrayLike<unknown>, dtype, name, builderOpts(opts)));
}

function columnFromVector(name: string, input: Vector, declared: AnyDType | undefined, opts: FrameOptions): Column {
  const chunks = input.data;
  const nullCount = chunks.reduce((n, d) => n + d.nullCount, 0);
  const native = fromArrowType(name, input.type, nullCount > 0);
  if (chunks.length === 1) {
    noteBorrowed(buffersOfData(chunks[0]!)); // the caller's Arrow buffers: a transfer copies them
    return columnFromData(name, chunks[0]!, native, declared, opts);
  }
  // Several chunks: joined into one (a copy of their buffers, any layout; children recursively).
  const dtype = applyRepr(declared ?? native, opts);
  checkCompatible(name, native, dtype, nullCount);
  return new Column(name, dtype, concatData(chunks, native, opts.allocator));
}

/** A column over existing Arrow data whose colframe dtype is `native`; zero-copy. */
function columnFromData(name: string, data: Data, native: AnyDType, declared: AnyDType | undefined, opts: FrameOptions): Column {
  const dtype = applyRepr(declared ?? native, opts);
  checkCompatible(name, native, dtype, data.nullCount);
  return new Column(name, dtype, data);
}

/** Whether data of dtype `a` reads as dtype `b`: the same kind and parameters, children included; nullability and the 64-bit read mode may differ. */
function sameLayout(a: AnyDType, b: AnyDType): boolean {
  if (a.kind !== b.kind || (a.timezone ?? null) !== (b.timezone ?? null) || a.unit !== b.unit || a.size !== b.size || a.mode !== b.mode) return false;
  if (a.precision !== b.precision || a.scale !== b.scale || a.bitWidth !== b.bitWidth || String(a.typeIds) !== String(b.typeIds)) return false;
  if ((a.item === undefined) !== (b.item === undefined) || (a.item !== undefined && !sameLayout(a.item.dtype, b.item!.dtype))) return false;
  const fa = a.fields ?? [];
  const fb = b.fields ?? [];
  return fa.length === fb.length && fa.every((f, k) => f.name === fb[k]!.name && sameLayout(f.dtype, fb[k]!.dtype));
}

function checkCompatible(name: string, native: AnyDType, dtype: AnyDType, nullCount: number): void {
  if (!sameLayout(native, dtype)) {
    throw new SchemaError(
      `Column "${name}" holds ${dtypeName(native)} but the schema declares ${dtypeName(dtype)}; cast it first`,
      name,
    );
  }
  if (!dtype.nullable && nullCount > 0) {
    throw new SchemaError(
      `Column "${name}" holds ${nullCount} null${nullCount === 1 ? '' : 's'} but the schema declares it not nullable; use nullable(${dtypeName(dtype)})`,
      name,
    );
  }
}

/**
 * Check that every column has the same length.
 * @throws ShapeError listing each column's length.
 */
export function checkLengths(columns: readonly Column[]): number {
  if (columns.length === 0) return 0;
  const n = columns[0]!.length;
  if (columns.every((c) => c.length === n)) return n;
  const lengths: Record<string, number> = {};
  for (const c of columns) lengths[c.name] = c.length;
  throw new ShapeError(
    `Columns have different lengths: ${columns.map((c) => `${c.name}: ${c.length}`).join(', ')}`,
    lengths,
  );
}

/**
 * Columns from an object of inputs, with an optional declared schema.
 * @throws SchemaError when schema and data disagree on names; ShapeError on unequal lengths.
 */
export function columnsFromInputs(inputs: Readonly<Record<string, unknown>>, schema: SchemaShape | undefined, opts: FrameOptions): Column[] {
  if (inputs === null || typeof inputs !== 'object') throw new SchemaError('fromColumns expects an object of { name: values }');
  const names = Object.keys(inputs);
  if (schema !== undefined) {
    const s = Schema.from(schema);
    const missing = s.names.filter((n) => !Object.hasOwn(inputs, n));
    const extra = names.filter((n) => !s.has(n));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [];
      if (missing.length > 0) parts.push(`missing from the data: ${missing.join(', ')}`);
      if (extra.length > 0) parts.push(`not in the schema: ${extra.join(', ')}`);
      throw new SchemaError(`The schema and the columns disagree (${parts.join('; ')})`);
    }
    const cols = s.fields.map((f) => columnFromInput(f.name, inputs[f.name], f.dtype, opts));
    checkLengths(cols);
    return cols;
  }
  const cols = names.map((n) => columnFromInput(n, inputs[n], undefined, opts));
  checkLengths(cols);
  return cols;
}

function toRecordObject(rec: unknown, row: number): Record<string, unknown> {
  if (isRowView(rec)) return rec.toObject();
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
    throw new SchemaError(`Row ${row} is ${rec === null ? 'null' : Array.isArray(rec) ? 'an array' : withArticle(typeof rec)}, not a record object`);
  }
  return rec as Record<string, unknown>;
}

/**
 * Columns from an iterable of records. Without a schema, columns are the union of the records'
 * keys in first-seen order (a missing key is a null) and dtypes are inferred; with a schema,
 * a record field the schema does not name is a `SchemaError`.
 */
export function columnsFromRecords(rows: Iterable<unknown>, schema: SchemaShape | undefined, opts: FrameOptions): Column[] {
  if (rows === null || typeof (rows as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== 'function') {
    throw new SchemaError('fromRecords expects an array (or iterable) of record objects');
  }
  if (schema !== undefined) {
    const s = Schema.from(schema);
    const builders = s.fields.map((f) => makeBuilder(applyRepr(f.dtype, opts), f.name, builderOpts(opts)));
    let row = 0;
    for (const raw of rows) {
      const rec = toRecordObject(raw, row);
      for (const key in rec) {
        if (!s.has(key)) throw new SchemaError(`Row ${row} has field "${key}", which the schema does not declare (${s.names.join(', ')})`, key);
      }
      for (const b of builders) b.append(rec[b.name]);
      row++;
    }
    return builders.map((b) => new Column(b.name, b.dtype, b.finish()));
  }
  // Gather each key's values (one pass), then infer and build per column.
  const gathered = new Map<string, unknown[]>();
  let row = 0;
  for (const raw of rows) {
    const rec = toRecordObject(raw, row);
    for (const key in rec) {
      let arr = gathered.get(key);
      if (arr === undefined) {
        arr = new Array<unknown>(row).fill(null);
        gathered.set(key, arr);
      }
      arr[row] = rec[key];
    }
    row++;
  }
  const cols: Column[] = [];
  for (const [name, arr] of gathered) {
    if (arr.length < row) {
      const start = arr.length;
      arr.length = row;
      arr.fill(null, start);
    }
    // Holes (keys missing from a record) read as undefined: nulls.
    const dtype = applyRepr(inferDType(arr, name), opts);
    cols.push(new Column(name, dtype, buildData(arr, dtype, name, builderOpts(opts))));
  }
  return cols;
}

/**
 * Columns over an apache-arrow `Table`: zero-copy for single-batch tables; several batches are
 * combined into one chunk per column (a copy).
 * @throws UnsupportedTypeError for Arrow types colframe does not hold; DuplicateColumnError.
 */
export function columnsFromArrow(table: Table, opts: FrameOptions): Column[] {
  if (!(table instanceof Table)) throw new SchemaError(`fromArrow expects an apache-arrow Table, got ${describeInput(table)}`);
  const cols: Column[] = [];
  const seen = new Set<string>();
  for (const f of table.schema.fields) {
    if (seen.has(f.name)) throw new DuplicateColumnError(f.name, ' in the Arrow table');
    seen.add(f.name);
  }
  table.schema.fields.forEach((f, k) => {
    const vec = table.getChildAt(k)!;
    const native = fromArrowType(f.name, f.type, f.nullable);
    cols.push(columnFromVector(f.name, vec, native, opts));
  });
  return cols;
}
