/** `Column<D>`: one named, typed, immutable column over an Arrow `Data` (one chunk). */
import { inspect } from 'node:util';
import { Vector, type Data } from 'apache-arrow';
import { FrameDetachedError, IndexOutOfRangeError } from '../errors.js';
import { isDetachedData, transfers } from './detach.js';
import type { AnyDType, ValueOf } from '../dtype/dtype.js';
import { accessOf, valueReader, type ColumnAccess, type ValueReader } from './access.js';
import { nullableReader } from './readers.js';

/**
 * A named, typed, immutable column over one Arrow `Data`. Values are read straight from the
 * Arrow buffers with a reader chosen once for the dtype.
 *
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ x: [1.5, null, 3] }).getColumn('x');
 * console.log(c.length, c.nullCount, c.get(0), c.get(-1), c.toArray());
 * // prints: 3 1 1.5 3 [ 1.5, null, 3 ]
 * ```
 */
export class Column<D extends AnyDType = AnyDType> implements Iterable<ValueOf<D>> {
  /** The column's name in its frame. */
  readonly name: string;
  /** The column's dtype. */
  readonly dtype: D;
  /** The Arrow data holding the values (zero-copy; do not mutate). */
  readonly data: Data;
  /** Custom key/value metadata of the column's field (kept from Arrow IPC files), when there is any. */
  readonly metadata?: ReadonlyMap<string, string>;
  #access: ColumnAccess | undefined;
  #read: ValueReader | undefined;
  #epoch = -1;
  #unionNulls: number | undefined;

  /** Wrap Arrow data; the data's type must match the dtype (checked by the frame constructors). */
  constructor(name: string, dtype: D, data: Data, metadata?: ReadonlyMap<string, string>) {
    this.name = name;
    this.dtype = dtype;
    this.data = data;
    if (metadata !== undefined && metadata.size > 0) this.metadata = metadata;
    Object.freeze(this);
  }

  /** Number of values. */
  get length(): number {
    return this.data.length;
  }

  /** Number of nulls. */
  get nullCount(): number {
    // A union has no validity of its own (Arrow JS sums its children's nulls): count the rows
    // whose selected child value is null, once.
    if (this.dtype.kind === 'union') return (this.#unionNulls ??= unionNullCount(this.data, this.dtype));
    return this.data.nullCount;
  }

  /** The raw buffers, extracted once. */
  get access(): ColumnAccess {
    if (this.#epoch !== transfers.epoch) {
      if (isDetachedData(this.data)) throw new FrameDetachedError(this.name);
      this.#epoch = transfers.epoch;
    }
    return (this.#access ??= accessOf(this.data, this.dtype, this.name));
  }

  /**
   * The value at `i` (negative counts from the end), or `null`.
   * @throws IndexOutOfRangeError when `i` is outside the column.
   * @throws Int64RangeError when a 64-bit integer read as number does not fit exactly.
   */
  get(i: number): ValueOf<D> {
    const n = this.data.length;
    let k = i;
    if (!Number.isInteger(k) || k >= n || k < -n) throw new IndexOutOfRangeError(i, n, 'Index', `column "${this.name}" of length`);
    if (k < 0) k += n;
    return this.at(k);
  }

  /** The value at a valid, non-negative `i` (no bounds check). */
  at(i: number): ValueOf<D> {
    const a = this.access;
    const v = a.validity;
    if (v !== null) {
      const j = i + a.bitOffset;
      if ((v[j >> 3]! & (1 << (j & 7))) === 0) return null as ValueOf<D>;
    }
    return (this.#read ??= valueReader(a, this.dtype, this.name))(i) as ValueOf<D>;
  }

  /**
   * Whether the value at `i` is null.
   * @throws IndexOutOfRangeError when `i` is outside the column.
   */
  isNull(i: number): boolean {
    const n = this.data.length;
    if (!Number.isInteger(i) || i >= n || i < -n) throw new IndexOutOfRangeError(i, n, 'Index', `column "${this.name}" of length`);
    const k = i < 0 ? i + n : i;
    const a = this.access;
    if (a.validity === null) return false;
    const j = k + a.bitOffset;
    return (a.validity[j >> 3]! & (1 << (j & 7))) === 0;
  }

  /** Iterate the values in order. */
  [Symbol.iterator](): Iterator<ValueOf<D>> {
    return new ColumnIterator(this);
  }

  /** All values as a plain array (nulls as `null`). */
  toArray(): ValueOf<D>[] {
    const n = this.data.length;
    const out = new Array<ValueOf<D>>(n);
    for (let i = 0; i < n; i++) out[i] = this.at(i);
    return out;
  }

  /** An apache-arrow `Vector` over the same data (zero-copy). */
  toArrow(): Vector {
    return new Vector([this.data]);
  }

  /** The same values under another name (zero-copy). */
  rename(name: string): Column<D> {
    return new Column(name, this.dtype, this.data, this.metadata);
  }

  /** Rows `[offset, offset + length)` (zero-copy). Arguments must already be in range. */
  sliceUnchecked(offset: number, length: number): Column<D> {
    if (offset === 0 && length === this.data.length) return this;
    return new Column(this.name, this.dtype, this.data.slice(offset, length), this.metadata);
  }

  /**
   * `Column "x" [float64?, 3 values]: [1.5, null, 3.0]`: the first 10 values as the table prints
   * them, strings quoted (`["a", "b"]`, `[[1, 2], null]`, `[{a: 1, b: "x"}]`).
   */
  toString(): string {
    const n = Math.min(this.length, 10);
    const vals: string[] = [];
    void this.access; // throws FrameDetachedError for a column whose buffers went to a worker
    const text = columnText?.(this.data, this.dtype, this.name);
    for (let i = 0; i < n; i++) vals.push(text === undefined ? inspect(this.at(i)) : text(i));
    if (this.length > n) vals.push(`… ${this.length - n} more`);
    return `Column "${this.name}" [${String(this.dtype)}, ${this.length} values]: [${vals.join(', ')}]`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function unionNullCount(data: Data, dtype: AnyDType): number {
  const read = nullableReader(data, dtype, '', 'json');
  let n = 0;
  for (let i = 0; i < data.length; i++) if (read(i) === null) n++;
  return n;
}

/** Spells a column's values as the printers do; registered by the display layer (which sits above this one). */
export type ColumnText = (data: Data, dtype: AnyDType, name: string) => (i: number) => string;
let columnText: ColumnText | undefined;

/** Register how `Column.toString` spells values (done once by the display layer when it loads). */
export function registerColumnText(f: ColumnText): void {
  columnText = f;
}

class ColumnIterator<D extends AnyDType> implements Iterator<ValueOf<D>> {
  private i = 0;
  private readonly n: number;
  constructor(private readonly col: Column<D>) {
    this.n = col.length;
  }
  next(): IteratorResult<ValueOf<D>> {
    if (this.i < this.n) return { done: false, value: this.col.at(this.i++) };
    return { done: true, value: undefined };
  }
  [Symbol.iterator](): this {
    return this;
  }
}
