/**
 * Lazy row views. One class is generated per schema (and per which columns hold nulls) with a
 * getter per column that reads the Arrow buffers directly; an instance holds only the frame's
 * buffer store and a row index, in private fields. No Proxy, no object per value.
 */
import { inspect } from 'node:util';
import type { AnyDType } from '../dtype/dtype.js';
type Column = ColumnClass;
import { decodeUtf8, int64ToNumber, readerFor, type ColumnAccess } from '../column/access.js';
import { Column as ColumnClass } from '../column/column.js';
import { registerStructViews } from '../column/readers.js';
import type { DTypeKind } from '../dtype/dtype.js';

/** The buffers of every column of a frame, flattened into one fixed-shape object the generated code reads. */
export type RowStore = Readonly<Record<string, unknown>>;

/** A generated row class: `new RowClass(store, i)`. */
export interface RowClass {
  new (store: RowStore, i: number): object;
  /** Read row `i` as a plain record. */
  readonly read: (store: RowStore, i: number) => Record<string, unknown>;
  /** Build the store this class reads from the columns' buffers. */
  readonly store: (access: readonly ColumnAccess[]) => RowStore;
  /** An iterator over rows `[0, n)` yielding views of this class. */
  readonly Iterator: new (store: RowStore, n: number) => IterableIterator<object>;
}

/** Marks row views, so `fromRecords` can read them back as records. */
export const ROW_VIEW: unique symbol = Symbol.for('colframe.rowView');

/** Moves a view to another row: `view[MOVE](i)` (for callbacks evaluated over one reused view). */
export const MOVE: unique symbol = Symbol('colframe.moveRow');

/**
 * Whether a value is a colframe row view.
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ a: 1 }]);
 * isRowView(df.row(0)); // → true
 * isRowView({ a: 1 }); // → false
 * ```
 */
export function isRowView(value: unknown): value is { toObject(): Record<string, unknown> } {
  return typeof value === 'object' && value !== null && (value as { [ROW_VIEW]?: boolean })[ROW_VIEW] === true;
}

const MAX_CACHED_CLASSES = 512;
const classCache = new Map<string, RowClass>();

function keyOf(columns: readonly Column[]): string {
  let key = '';
  for (const c of columns) {
    const a = c.access;
    key += `${c.dtype.kind}:${c.dtype.int64 ?? ''}:${inlined(c.dtype) ? 1 : 0}:${a.validity === null ? 0 : 1}:${c.name.length}:${c.name}|`;
  }
  return key;
}

/** The row class for a frame's columns (cached by schema and null layout). */
export function rowClassFor(columns: readonly Column[]): RowClass {
  const key = keyOf(columns);
  let cls = classCache.get(key);
  if (cls === undefined) {
    if (classCache.size >= MAX_CACHED_CLASSES) classCache.clear();
    cls = generateRowClass(columns);
    classCache.set(key, cls);
  }
  return cls;
}

/**
 * The store the generated code reads: `v<k>` values, `o<k>` offsets, `n<k>` validity, `b<k>` bit
 * offset, `d<k>` dictionary — only those column `k` needs. Built by a generated object literal so
 * every store of a row class has one fixed shape (a store built by adding keys in a loop ends up
 * in slow dictionary mode and measured 8× slower to read).
 */
export function rowStoreFor(columns: readonly Column[]): RowStore {
  return rowClassFor(columns).store(columns.map((c) => c.access));
}

/** The store fields column `k` needs. */
function storeFields(k: number, c: Column): string[] {
  const f = [`v${k}: a[${k}].values`];
  if (c.dtype.kind === 'utf8') f.push(`o${k}: a[${k}].offsets`);
  if (c.access.validity !== null) f.push(`n${k}: a[${k}].validity`);
  if (c.access.validity !== null || c.dtype.kind === 'bool') f.push(`b${k}: a[${k}].bitOffset`);
  if (c.dtype.kind === 'categorical') f.push(`d${k}: a[${k}].dict`);
  if (!inlined(c.dtype)) f.push(`r${k}: readerFor(a[${k}], 'view')`, `p${k}: readerFor(a[${k}], 'plain')`, `j${k}: readerFor(a[${k}], 'json')`);
  return f;
}

/** The kinds whose reads the generated code inlines; every other kind reads through its column's readers. */
const INLINED = new Set<DTypeKind>(['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'utf8', 'categorical', 'date']);

/** Whether the generated code reads this dtype inline (millisecond timestamps too: a `Date` of the stored count). */
function inlined(d: AnyDType): boolean {
  return INLINED.has(d.kind) || (d.kind === 'timestamp' && d.unit === 'ms');
}

/** How a row is read: `view` for getters, `plain` for `toObject`, `json` for `toJSON`. */
type Mode = 'view' | 'plain' | 'json';
const READER_PREFIX: Record<Mode, string> = { view: 'r', plain: 'p', json: 'j' };

/** The expression reading column `k` of row `i` from store `s`. */
function valueExpr(k: number, dtype: AnyDType, mode: Mode): string {
  const v = `s.v${k}`;
  if (!inlined(dtype)) return `s.${READER_PREFIX[mode]}${k}(i)`;
  switch (dtype.kind) {
    case 'bool':
      return `((${v}[(i + s.b${k}) >> 3] & (1 << ((i + s.b${k}) & 7))) !== 0)`;
    case 'int64':
    case 'uint64':
      if (dtype.int64 !== 'bigint') return `int64ToNumber(${v}[i], names[${k}], i)`;
      // JSON has no bigint: toJSON gives its exact decimal text.
      return mode === 'json' ? `String(${v}[i])` : `${v}[i]`;
    case 'utf8':
      return `decodeUtf8(${v}, s.o${k}[i], s.o${k}[i + 1])`;
    case 'categorical':
      return `s.d${k}[${v}[i]]`;
    case 'date':
      return `new Date(${v}[i] * 86400000)`;
    case 'timestamp':
      return `new Date(Number(${v}[i]))`;
    default:
      return `${v}[i]`;
  }
}

function readExpr(k: number, c: Column, mode: Mode = 'view'): string {
  const value = valueExpr(k, c.dtype, mode);
  if (c.access.validity === null) return value;
  return `((s.n${k}[(i + s.b${k}) >> 3] & (1 << ((i + s.b${k}) & 7))) === 0 ? null : ${value})`;
}

/** An object-literal key for a column name (computed for `__proto__`, which a literal key would not define). */
function literalKey(name: string): string {
  return name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name);
}

/**
 * Up to this many getters go in the class body. V8 defines a class body's members on the stack
 * (a class with ~70,000 getters overflowed it), so a wider frame gets its getters in static
 * blocks of this many each, defined on the prototype as non-enumerable accessors as the class
 * body would.
 * @example
 * ```ts
 * GETTERS_PER_BLOCK; // → 2000
 * ```
 */
export const GETTERS_PER_BLOCK = 2000;

function getterSource(c: Column, k: number): string {
  return `get [${JSON.stringify(c.name)}]() { const s = this.#s, i = this.#i; return ${readExpr(k, c)}; }`;
}

function gettersSource(columns: readonly Column[]): string {
  if (columns.length <= GETTERS_PER_BLOCK) return columns.map((c, k) => `  ${getterSource(c, k)}`).join('\n');
  const blocks: string[] = [];
  for (let from = 0; from < columns.length; from += GETTERS_PER_BLOCK) {
    const chunk = columns.slice(from, from + GETTERS_PER_BLOCK).map((c, j) => `    ${getterSource(c, from + j)}`);
    blocks.push(`  static {
    const d = Object.getOwnPropertyDescriptors({
${chunk.join(',\n')}
    });
    for (const key of Reflect.ownKeys(d)) d[key].enumerable = false;
    Object.defineProperties(Row.prototype, d);
  }`);
  }
  return blocks.join('\n');
}

function generateRowClass(columns: readonly Column[]): RowClass {
  const names = columns.map((c) => c.name);
  const taken = new Set(names);
  const getters = gettersSource(columns);
  const fields = columns.map((c, k) => `${literalKey(c.name)}: ${readExpr(k, c, 'plain')}`).join(', ');
  const jsonFields = columns.map((c, k) => `${literalKey(c.name)}: ${readExpr(k, c, 'json')}`).join(', ');
  // Methods a column of the same name would shadow are left out; the column wins.
  const methods = [
    taken.has('toObject') ? '' : '  toObject() { return read(this.#s, this.#i); }',
    taken.has('toJSON') ? '' : '  toJSON() { return readJson(this.#s, this.#i); }',
    '  [inspectSymbol](depth, options, insp) { return insp(read(this.#s, this.#i), options); }',
    '  [moveSymbol](i) { this.#i = i; return this; }',
    '  get [Symbol.toStringTag]() { return "Row"; }',
  ].join('\n');
  const store = columns.flatMap((c, k) => storeFields(k, c)).join(', ');
  const source = `
"use strict";
const store = (a) => ({ ${store} });
const read = (s, i) => ({ ${fields} });
const readJson = (s, i) => ({ ${jsonFields} });
class Row {
  #s; #i;
  constructor(s, i) { this.#s = s; this.#i = i; }
${getters}
${methods}
}
// A hand-written iterator (a generator measured slower), one per row class so that
// \`new Row\` is a constant call target; it yields a new view per row and retains none.
class RowIterator {
  constructor(s, n) { this.s = s; this.n = n; this.i = 0; }
  next() {
    if (this.i < this.n) return { done: false, value: new Row(this.s, this.i++) };
    return { done: true, value: undefined };
  }
  [Symbol.iterator]() { return this; }
}
Object.defineProperty(Row.prototype, rowViewSymbol, { value: true });
Object.defineProperty(Row, 'read', { value: read });
Object.defineProperty(Row, 'store', { value: store });
Object.defineProperty(Row, 'Iterator', { value: RowIterator });
return Row;`;
  const factory = new Function('names', 'decodeUtf8', 'int64ToNumber', 'readerFor', 'inspectSymbol', 'rowViewSymbol', 'moveSymbol', source) as (
    ...args: unknown[]
  ) => RowClass;
  return factory(Object.freeze(names), decodeUtf8, int64ToNumber, readerFor, inspect.custom, ROW_VIEW, MOVE);
}

// A struct value read by a row getter is a nested row view over the struct's children (which
// Arrow slices with their parent, so row i of the struct is row i of each child). Field names that
// repeat cannot each have a getter: such structs read as plain objects instead.
registerStructViews((data, dtype) => {
  const fields = dtype.fields!;
  if (new Set(fields.map((f) => f.name)).size !== fields.length) return null;
  const children = fields.map((f, k) => new ColumnClass(f.name, f.dtype, data.children[k]!));
  const cls = rowClassFor(children);
  const store = cls.store(children.map((c) => c.access));
  return (i) => new cls(store, i);
});
