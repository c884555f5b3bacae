/** `dropNulls` and `fillNull` over whole frames. */
import { InvalidArgumentError, describeValue } from '../errors.js';
import { INT_RANGES, dtypeName, isNumericKind, type AnyDType } from '../dtype/dtype.js';
import { Column } from '../column/column.js';
import { buildData } from '../column/builders.js';
import { FrameCore } from '../core/frame-core.js';
import { literalDType } from './expr/eval.js';
import { fillColumn } from './expr/fill-null.js';
import { columnValidity } from './data/validity.js';
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

/** A value `fillNull` puts in place of nulls. */
export type FillValue = number | bigint | string | boolean | Date;

/**
 * What `df.fillNull` takes: one value for every column it fits; `{ strategy }`; or values per
 * column, as an object keyed by column name or a `Map` (the Map form is never read as a
 * strategy, so a column named `strategy` is filled with `new Map([['strategy', 'x']])`).
 */
export type FillSpec = FillValue | { readonly strategy: FillStrategy } | Readonly<Record<string, FillValue>> | ReadonlyMap<string, FillValue>;

const STRATEGIES: readonly string[] = ['forward', 'backward', 'mean'];
const USAGE = "fillNull expects a value (0, 'n/a' …), { strategy: 'forward' | 'backward' | 'mean' }, or values per column ({ column: value } or a Map)";

/**
 * Whether the column dtype `d` holds `value` exactly, so filling with it keeps the dtype.
 * @example
 * ```ts
 * holds(int32(), 2.5); // → false
 * holds(float64(), 2); // → true
 * ```
 */
export function holds(d: AnyDType, value: unknown): boolean {
  const kind = d.kind;
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

function isFillValue(v: unknown): v is FillValue {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean' || (v instanceof Date && !Number.isNaN(v.getTime()));
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
    const value = { scalar: fill, dtype: literalDType(fill, 'fillNull') };
    const cols = core.columns.map((c) => (c.nullCount > 0 && holds(c.dtype, fill) ? filled(c, value, core.height) : c));
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
function filled(c: Column, value: { scalar: FillValue; dtype: AnyDType }, n: number): Column {
  return new Column(c.name, c.dtype, fillColumn(c, c.dtype, value, n, 'fillNull').data);
}

/** Each named column filled with its value. */
function fillColumns(core: FrameCore, entries: readonly (readonly [unknown, unknown])[]): FrameCore {
  if (entries.length === 0) throw new InvalidArgumentError(`${USAGE}; got no column`, entries);
  const cols = core.columns.slice();
  for (const [name, value] of entries) {
    const i = core.schema.indexOf(core.column(String(name)).name);
    const c = cols[i]!;
    if (!isFillValue(value) || !holds(c.dtype, value)) {
      throw new InvalidArgumentError(
        `fillNull: ${describeValue(value)} does not fit ${dtypeName(c.dtype)} column "${c.name}"; to change its dtype, use withColumns({ ${JSON.stringify(c.name)}: col(${JSON.stringify(c.name)}).fillNull(value) })`,
        value,
      );
    }
    if (c.nullCount > 0) cols[i] = filled(c, { scalar: value, dtype: literalDType(value, 'fillNull') }, core.height);
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
