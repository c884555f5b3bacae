/** `dropNulls` and `fillNull` over whole frames. */
import { InvalidArgumentError } from '../errors.js';
import { dtypeName, isNumericKind, type DTypeKind } from '../dtype/dtype.js';
import { Column } from '../column/column.js';
import { buildData } from '../column/builders.js';
import { FrameCore } from '../core/frame-core.js';
import { validityOf } from './expr/values.js';
import { takeRows } from './take.js';

/**
 * The rows with no null in `subset` (default: every column).
 * @throws ColumnNotFoundError.
 */
export function dropNulls(core: FrameCore, subset?: readonly string[]): FrameCore {
  const valids = (subset ?? core.schema.names).map((n) => validityOf(core.column(n))).filter((v): v is Uint8Array => v !== null);
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

function fits(value: unknown, kind: DTypeKind): boolean {
  if (value instanceof Date) return kind === 'date' || kind === 'timestamp';
  if (typeof value === 'number') return isNumericKind(kind);
  if (typeof value === 'bigint') return kind === 'int64' || kind === 'uint64';
  if (typeof value === 'string') return kind === 'utf8' || kind === 'categorical';
  if (typeof value === 'boolean') return kind === 'bool';
  return false;
}

/**
 * Nulls replaced: by `value` in every column whose dtype takes it (other columns unchanged, as
 * polars does), or by a strategy in every column (`mean`: numeric columns only).
 * @throws InvalidArgumentError for an unknown strategy; InvalidValueError when a value does not fit.
 */
export function fillNull(core: FrameCore, fill: unknown): FrameCore {
  const strategy = typeof fill === 'object' && fill !== null && !(fill instanceof Date) ? (fill as { strategy?: unknown }).strategy : undefined;
  if (strategy !== undefined && strategy !== 'forward' && strategy !== 'backward' && strategy !== 'mean') {
    throw new InvalidArgumentError(`fillNull: strategy must be 'forward', 'backward' or 'mean', got ${String(strategy)}`, strategy);
  }
  const cols = core.columns.map((c) => {
    if (c.nullCount === 0) return c;
    if (strategy === undefined && !fits(fill, c.dtype.kind)) return c;
    if (strategy === 'mean' && !isNumericKind(c.dtype.kind)) return c;
    const values = c.toArray() as unknown[];
    const n = values.length;
    if (strategy === 'forward') for (let i = 1; i < n; i++) values[i] ??= values[i - 1];
    else if (strategy === 'backward') for (let i = n - 2; i >= 0; i--) values[i] ??= values[i + 1];
    else {
      let v: unknown = fill;
      if (strategy === 'mean') {
        let s = 0;
        let k = 0;
        for (const x of values) if (x !== null) ((s += Number(x)), k++);
        v = k === 0 ? null : s / k;
        if (v !== null && !Number.isInteger(v) && !(c.dtype.kind === 'float32' || c.dtype.kind === 'float64')) {
          throw new InvalidArgumentError(`fillNull: the mean of ${dtypeName(c.dtype)} column "${c.name}" (${String(v)}) is not an integer; cast to float64 first`, v);
        }
      }
      for (let i = 0; i < n; i++) values[i] ??= v;
    }
    return new Column(c.name, c.dtype, buildData(values, c.dtype, c.name));
  });
  return new FrameCore(cols, core.height);
}
