/** `dropNulls` and `fillNull` over whole frames. */
import type { Data } from 'apache-arrow';
import { ColframeError, InvalidArgumentError, describeValue } from '../errors.js';
import { INT_RANGES, dtypeName, isNumericKind, withNullable, type AnyDType, type DTypeKind } from '../dtype/dtype.js';
import { Decimal, Instant } from '../dtype/values.js';
import { Column } from '../column/column.js';
import { buildData } from '../column/builders.js';
import { FrameCore } from '../core/frame-core.js';
import { literalDType } from './expr/eval.js';
import { fillColumn } from './expr/fill-null.js';
import { concatData } from './data/concat-data.js';
import { takeData } from './data/take-data.js';
import { columnValidity, nullCountOf } from './data/validity.js';
import { takeColumn, takeRows } from './take.js';

/**
 * The rows with no null in `subset` (default: every column).
 * @throws ColumnNotFoundError.
 * @example
 * ```ts
 * import { FrameCore } from '../core/frame-core.js';
 * const df = DataFrame.fromColumns({ amount: [1, null, 3], note: [null, 'b', 'c'] });
 * const core = new FrameCore(df.getColumns(), df.height);
 * dropNulls(core, ['amount']).height; // → 2
 * dropNulls(core).height; // → 1
 * ```
 */
export function dropNulls(core: FrameCore, subset?: readonly string[]): FrameCore {
  const valids = (subset ?? core.schema.names).map((n) => columnValidity(core.column(n))).filter((v): v is Uint8Array => v !== null);
  if (valids.length === 0) return core;
  const keep: number[] = [];
  for (let i = 0; i < core.height; i++) {
    const m = 1 << (i & 7);
    if (valids.every((v) => (v[i >> 3]! & m) !== 0)) keep.push(i);
  }
  return takeRows(core, Int32Array.from(keep));
}

/** A fill strategy: carry the previous value forward, the next one backward, or the column mean. */
export type FillStrategy = 'forward' | 'backward' | 'mean';

/**
 * A value `fillNull` puts in place of nulls: a number, bigint, string, boolean, `Date`, `Decimal`,
 * `Instant`, bytes (`Uint8Array`) or a list (an array).
 */
export type FillValue = number | bigint | string | boolean | Date | Decimal | Instant | Uint8Array | readonly unknown[];

/** A value for one named column: a {@link FillValue}, or a struct or interval value (a plain object). */
export type ColumnFillValue = FillValue | { readonly [field: string]: unknown };

/**
 * What `df.fillNull` takes: one value for every column it fits; `{ strategy }`; or values per
 * column, as an object keyed by column name or a `Map` (the Map form is never read as a
 * strategy, so a column named `strategy` is filled with `new Map([['strategy', 'x']])`).
 */
export type FillSpec = FillValue | { readonly strategy: FillStrategy } | Readonly<Record<string, ColumnFillValue>> | ReadonlyMap<string, ColumnFillValue>;

const STRATEGIES: readonly string[] = ['forward', 'backward', 'mean'];
const USAGE = "fillNull expects a value (0, 'n/a' …), { strategy: 'forward' | 'backward' | 'mean' }, or values per column ({ column: value } or a Map)";

/** Whether a plain object (a struct or interval value, or the per-column form). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
}

/**
 * Whether `value` is a value of the kind of dtype `d` (a number for numbers and decimals, text for
 * text, bytes for binary kinds, an instant for timestamps, an array for lists and maps, an object
 * for structs and intervals), before its fit is checked.
 */
function sameKind(d: AnyDType, value: unknown): boolean {
  switch (d.kind) {
    case 'float16':
    case 'decimal':
      return typeof value === 'number' || typeof value === 'bigint' || value instanceof Decimal;
    case 'duration':
    case 'time':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'largeUtf8':
      return typeof value === 'string';
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return value instanceof Uint8Array;
    case 'timestamp':
      return value instanceof Instant || (value instanceof Date && !Number.isNaN(value.getTime()));
    case 'list':
    case 'largeList':
    case 'fixedSizeList':
    case 'map':
      return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
    case 'struct':
    case 'interval':
      return isPlainObject(value);
    case 'union':
      return value !== null && value !== undefined;
    default:
      return false;
  }
}

/** One row of `value` in dtype `d`, or null when `d` does not hold it (the builders decide: range, scale, unit, size, items). */
function oneRow(d: AnyDType, value: unknown, name: string): Data | null {
  try {
    return buildData([value], withNullable(d, false), name);
  } catch (e) {
    if (e instanceof ColframeError) return null;
    throw e;
  }
}

/**
 * Whether the column dtype `d` holds `value` exactly, so filling with it keeps the dtype. With
 * `named` false (one value for every column), a number fills numeric, float16 and decimal columns
 * but not durations and times, which take a number only when the column is named.
 * @example
 * ```ts
 * holds(int32(), 2.5); // → false
 * holds(float64(), 2); // → true
 * holds(decimal(5, 2), new Decimal(12345n, 3)); // → false
 * holds(timestamp('ns'), new Instant(5n, 'ns')); // → true
 * ```
 */
export function holds(d: AnyDType, value: unknown, named = true): boolean {
  const kind = d.kind;
  if (!named && (kind === 'duration' || kind === 'time')) return false;
  if (!FLAT_FILL.has(kind)) return sameKind(d, value) && oneRow(d, value, 'fillNull') !== null;
  if (value instanceof Date) return kind === 'timestamp' || (kind === 'date' && value.getTime() % 86_400_000 === 0);
  if (typeof value === 'string') return kind === 'utf8' || kind === 'categorical';
  if (typeof value === 'boolean') return kind === 'bool';
  if (typeof value !== 'number' && typeof value !== 'bigint') return false;
  if (!isNumericKind(kind)) return false;
  if (kind === 'float32' || kind === 'float64') {
    const x = Number(value);
    if (typeof value === 'bigint' && BigInt(x) !== value) return false;
    // float32 rounds as every float32 store does, but a finite value must stay finite.
    return kind === 'float64' || Number.isFinite(Math.fround(x)) || !Number.isFinite(x);
  }
  const x = typeof value === 'bigint' ? value : Number.isInteger(value) ? BigInt(value) : undefined;
  if (x === undefined) return false;
  const r = INT_RANGES[kind];
  if (r !== undefined) return x >= BigInt(r[0]) && x <= BigInt(r[1]);
  return kind === 'int64' ? x >= -(2n ** 63n) && x < 2n ** 63n : x >= 0n && x < 2n ** 64n;
}

/** The kinds the expression fill kernel fills (the rest take the generic path: one row of the value, concatenated and gathered). */
const FLAT_FILL = new Set<DTypeKind>(['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'utf8', 'categorical', 'date']);

function isFillValue(v: unknown): v is FillValue {
  return (
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (v instanceof Date && !Number.isNaN(v.getTime())) ||
    v instanceof Decimal ||
    v instanceof Instant ||
    v instanceof Uint8Array ||
    Array.isArray(v)
  );
}

/**
 * Nulls replaced, column dtypes unchanged:
 * - a value: in every column whose dtype holds it exactly (others are left as they are, as
 *   polars does: `fillNull(2.5)` fills float columns and leaves integer columns alone);
 * - `{ strategy }` (an object whose only key is `strategy`): `forward` / `backward` carry the
 *   previous / next non-null value, `mean` fills numeric columns with their mean;
 * - values per column (`{ v: 0, s: '?' }` or a `Map`): each named column filled with its value,
 *   which must fit its dtype.
 * @throws InvalidArgumentError for no value or strategy (`undefined`, `null`, `{}`), an unknown
 * strategy, or a per-column value its column's dtype does not hold; ColumnNotFoundError (with the
 * closest name) for a per-column key the frame does not have.
 * @example
 * ```ts
 * import { FrameCore } from '../core/frame-core.js';
 * const df = DataFrame.fromColumns({ qty: [1, null], note: ['a', null] });
 * const core = new FrameCore(df.getColumns(), df.height);
 * DataFrame.fromCore(fillNull(core, 0)).toRecords(); // → [ { qty: 1, note: 'a' }, { qty: 0, note: null } ]
 * DataFrame.fromCore(fillNull(core, { strategy: 'forward' })).toRecords(); // → [ { qty: 1, note: 'a' }, { qty: 1, note: 'a' } ]
 * DataFrame.fromCore(fillNull(core, { qty: 0, note: '' })).toRecords(); // → [ { qty: 1, note: 'a' }, { qty: 0, note: '' } ]
 * ```
 */
export function fillNull(core: FrameCore, fill: unknown): FrameCore {
  if (isFillValue(fill)) {
    const cols = core.columns.map((c) => (nullCountOf(c.data, c.dtype) > 0 && holds(c.dtype, fill, false) ? filled(c, fill, core.height) : c));
    return new FrameCore(cols, core.height);
  }
  if (fill instanceof Map) return fillColumns(core, [...(fill as Map<unknown, unknown>).entries()]);
  if (fill === null || typeof fill !== 'object' || Array.isArray(fill) || fill instanceof Date) throw new InvalidArgumentError(`${USAGE}; got ${describeValue(fill)}`, fill);
  const keys = Object.keys(fill);
  if (keys.length === 1 && keys[0] === 'strategy') {
    const strategy = (fill as { strategy: unknown }).strategy;
    if (typeof strategy !== 'string' || !STRATEGIES.includes(strategy)) {
      throw new InvalidArgumentError(
        `fillNull: strategy must be 'forward', 'backward' or 'mean', got ${String(strategy)} (to fill a column named "strategy", pass a Map)`,
        strategy,
      );
    }
    return fillStrategy(core, strategy as FillStrategy);
  }
  return fillColumns(core, Object.entries(fill));
}

/** `c` with its nulls replaced by `value`, which its dtype holds; the dtype stays as declared. */
function filled(c: Column, value: unknown, n: number): Column {
  if (FLAT_FILL.has(c.dtype.kind) || (c.dtype.kind === 'timestamp' && c.dtype.unit === 'ms' && value instanceof Date)) {
    const scalar = { scalar: value as FillValue, dtype: literalDType(value, 'fillNull') };
    return new Column(c.name, c.dtype, fillColumn(c, c.dtype, scalar, n, 'fillNull').data, c.metadata);
  }
  // Any other dtype: one row of the value after the column's rows, each null row gathered from it.
  const valid = columnValidity(c);
  if (valid === null) return c;
  const both = concatData([c.data, oneRow(c.dtype, value, c.name)!], c.dtype);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = (valid[i >> 3]! & (1 << (i & 7))) !== 0 ? i : n;
  return new Column(c.name, c.dtype, takeData(both, c.dtype, idx), c.metadata);
}

/** Each named column filled with its value. */
function fillColumns(core: FrameCore, entries: readonly (readonly [unknown, unknown])[]): FrameCore {
  if (entries.length === 0) throw new InvalidArgumentError(`${USAGE}; got no column`, entries);
  const cols = core.columns.slice();
  for (const [name, value] of entries) {
    const i = core.schema.indexOf(core.column(String(name)).name);
    const c = cols[i]!;
    if (!(isFillValue(value) || isPlainObject(value)) || !holds(c.dtype, value)) {
      throw new InvalidArgumentError(
        `fillNull: ${describeValue(value)} does not fit ${dtypeName(c.dtype)} column "${c.name}"; to change its dtype, use withColumns({ ${JSON.stringify(c.name)}: col(${JSON.stringify(c.name)}).fillNull(value) })`,
        value,
      );
    }
    if (nullCountOf(c.data, c.dtype) > 0) cols[i] = filled(c, value, core.height);
  }
  return new FrameCore(cols, core.height);
}

/** Every column filled by a strategy (`mean`: numeric columns only). */
function fillStrategy(core: FrameCore, strategy: FillStrategy): FrameCore {
  const cols = core.columns.map((c) => {
    const valid = columnValidity(c);
    if (valid === null) return c;
    if (strategy === 'mean') return isNumericKind(c.dtype.kind) ? fillMean(c) : c;
    // Each null takes the row of the nearest non-null value before (forward) or after (backward).
    const n = c.length;
    const idx = new Int32Array(n);
    const isValid = (i: number) => (valid[i >> 3]! & (1 << (i & 7))) !== 0;
    if (strategy === 'forward') for (let i = 0, last = -1; i < n; i++) idx[i] = isValid(i) ? (last = i) : last < 0 ? i : last;
    else for (let i = n - 1, next = -1; i >= 0; i--) idx[i] = isValid(i) ? (next = i) : next < 0 ? i : next;
    return takeColumn(c, idx);
  });
  return new FrameCore(cols, core.height);
}

function fillMean(c: Column): Column {
  const values = c.toArray() as unknown[];
  let s = 0;
  let k = 0;
  for (const x of values) if (x !== null) ((s += Number(x)), k++);
  const v = k === 0 ? null : s / k;
  if (v !== null && !Number.isInteger(v) && !(c.dtype.kind === 'float32' || c.dtype.kind === 'float64')) {
    throw new InvalidArgumentError(`fillNull: the mean of ${dtypeName(c.dtype)} column "${c.name}" (${String(v)}) is not an integer; cast to float64 first`, v);
  }
  for (let i = 0; i < values.length; i++) values[i] ??= v;
  return new Column(c.name, c.dtype, buildData(values, c.dtype, c.name));
}
