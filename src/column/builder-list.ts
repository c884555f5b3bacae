/**
 * Builders of list-shaped columns: lists with 32- and 64-bit offsets, fixed-size lists and maps.
 * Each appends its items to child builders (made for the item dtype, recursively); a value that
 * fails part-way is undone in the children, and the error names the item: `item 2`,
 * `entry 0, key`.
 */
import { makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../dtype/dtype.js';
import { arrowTypeWith } from './arrow-type.js';
import { allocTyped, grownCapacity, resizeTyped, type Allocator } from '../util/alloc.js';
import { BaseBuilder, TypedValuesBuilder, type BuilderOptions } from './builder-base.js';

/** Makes the builder of a child (the dispatcher in builders.ts, passed in to keep imports one-way). */
export type ChildFactory = (dtype: AnyDType, name: string, opts: BuilderOptions) => BaseBuilder;

const MAX_32 = 2 ** 31 - 1;

/** A builder with children: appends to them atomically and names the child in errors. */
export abstract class NestedBuilder extends BaseBuilder {
  /** Undo `children` back to `undo` rows each, then rethrow `e` as an error of part `segment` of this row. */
  protected undo(e: unknown, segment: string, children: readonly BaseBuilder[], undo: readonly number[]): never {
    children.forEach((c, k) => c.truncate(undo[k]!));
    this.rethrow(e, segment);
  }

  /**
   * Append the items of `value` (an array, a typed array or any iterable but a string) to
   * `child`; returns how many. A typed array of the child's storage type is copied at once.
   */
  protected putItems(child: BaseBuilder, value: unknown): number {
    if (value === null || typeof value !== 'object' || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      this.fail(value, 'expected an array (or a typed array or iterable) of items');
    }
    const start = child.length;
    if (child instanceof TypedValuesBuilder && child.appendArray(value)) return child.length - start;
    let k = 0;
    try {
      if (Array.isArray(value) || ArrayBuffer.isView(value)) {
        const arr = value as ArrayLike<unknown>;
        for (const n = arr.length; k < n; k++) child.append(arr[k]);
      } else {
        for (const item of value as Iterable<unknown>) {
          child.append(item);
          k++;
        }
      }
    } catch (e) {
      this.undo(e, `item ${k}`, [child], [start]);
    }
    return child.length - start;
  }
}

/** Offsets of a list-shaped column: 32-bit, or 64-bit for large lists. */
class Offsets {
  arr: Int32Array | BigInt64Array;
  constructor(
    private readonly large: boolean,
    capacity: number,
    private readonly allocator: Allocator,
  ) {
    this.arr = allocTyped(large ? BigInt64Array : Int32Array, capacity + 1, allocator);
  }

  /** Set the end of row `i − 1` (entry `i`) to `end`. */
  set(i: number, end: number): void {
    if (i >= this.arr.length) this.arr = resizeTyped(this.arr, i, grownCapacity(this.arr.length, i + 1), this.allocator);
    if (this.large) (this.arr as BigInt64Array)[i] = BigInt(end);
    else (this.arr as Int32Array)[i] = end;
  }

  at(i: number): number {
    return this.large ? Number((this.arr as BigInt64Array)[i]!) : (this.arr as Int32Array)[i]!;
  }

  finish(length: number): Int32Array | BigInt64Array {
    const n = length + 1;
    return this.arr.length === n ? this.arr : resizeTyped(this.arr, n, n, this.allocator);
  }
}

/** Variable-length lists (32- or 64-bit offsets) of any item dtype. */
export class ListBuilder extends NestedBuilder {
  readonly child: BaseBuilder;
  private readonly offsets: Offsets;
  private readonly large: boolean;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions, make: ChildFactory) {
    super(dtype, name, opts);
    this.large = dtype.kind === 'largeList';
    this.child = make(dtype.item!.dtype, name, { allocator: this.allocator, capacity: Math.max(1, opts.itemCapacity ?? opts.capacity ?? 32) });
    this.child.notNullable = 'the items are not nullable (declare the item dtype with nullable(...))';
    this.offsets = new Offsets(this.large, opts.capacity ?? 32, this.allocator);
  }

  protected appendValue(value: unknown): void {
    const start = this.child.length;
    this.putItems(this.child, value);
    if (!this.large && this.child.length > MAX_32) {
      this.child.truncate(start);
      this.fail(value, 'the column would pass 2^31 − 1 items (use largeList())');
    }
    this.offsets.set(this.length + 1, this.child.length);
  }

  protected appendEmpty(): void {
    this.offsets.set(this.length + 1, this.child.length);
  }

  protected override truncateValues(n: number): void {
    this.child.truncate(this.offsets.at(n));
  }

  finish(): Data {
    const child = this.child.finish();
    return makeData({
      type: arrowTypeWith(this.dtype, [child]),
      length: this.length,
      nullCount: this.nullCount,
      valueOffsets: this.offsets.finish(this.length),
      nullBitmap: this.validity.finish(this.length),
      child,
    } as never);
  }
}

/** Lists of exactly `size` items each: no offsets; a null row holds `size` placeholder items. */
export class FixedSizeListBuilder extends NestedBuilder {
  readonly child: BaseBuilder;
  private readonly size: number;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions, make: ChildFactory) {
    super(dtype, name, opts);
    this.size = dtype.size!;
    this.child = make(dtype.item!.dtype, name, { allocator: this.allocator, capacity: (opts.capacity ?? 32) * this.size });
    this.child.notNullable = 'the items are not nullable (declare the item dtype with nullable(...))';
  }

  protected appendValue(value: unknown): void {
    const n = (value as { length?: unknown } | null)?.length;
    if (typeof n === 'number' && n !== this.size && (Array.isArray(value) || ArrayBuffer.isView(value))) {
      this.fail(value, `holds ${n} items; each value holds exactly ${this.size}`);
    }
    const start = this.child.length;
    const added = this.putItems(this.child, value);
    if (added !== this.size) {
      this.child.truncate(start);
      this.fail(value, `holds ${added} items; each value holds exactly ${this.size}`);
    }
  }

  protected appendEmpty(): void {
    for (let k = 0; k < this.size; k++) this.child.appendPlaceholder();
  }

  protected override truncateValues(n: number): void {
    this.child.truncate(n * this.size);
  }

  finish(): Data {
    const child = this.child.finish();
    return makeData({
      type: arrowTypeWith(this.dtype, [child]),
      length: this.length,
      nullCount: this.nullCount,
      nullBitmap: this.validity.finish(this.length),
      child,
    } as never);
  }
}

/** The `[key, value]` entries of a map value: a `Map`, an iterable of pairs, or a plain object's own entries. */
function entriesOf(value: unknown): Iterable<unknown> | undefined {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') return value as Iterable<unknown>;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null ? Object.entries(value) : undefined;
}

/** Maps: a list of `{ key, value }` entries; keys are never null. */
export class MapBuilder extends NestedBuilder {
  readonly keys: BaseBuilder;
  readonly values: BaseBuilder;
  private readonly offsets: Offsets;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions, make: ChildFactory) {
    super(dtype, name, opts);
    const [k, v] = dtype.item!.dtype.fields!;
    const child = { allocator: this.allocator, capacity: opts.capacity ?? 32 };
    this.keys = make(k!.dtype, name, child);
    this.keys.notNullable = 'a map key is never null';
    this.values = make(v!.dtype, name, child);
    this.values.notNullable = 'the values are not nullable (declare the value dtype with nullable(...))';
    this.offsets = new Offsets(false, opts.capacity ?? 32, this.allocator);
  }

  protected appendValue(value: unknown): void {
    const entries = entriesOf(value);
    if (entries === undefined) this.fail(value, 'expected a Map, an array of [key, value] pairs or a plain object');
    const kids = [this.keys, this.values];
    const start = this.keys.length;
    let k = 0;
    let part = 'key';
    let notPair = false;
    try {
      for (const entry of entries) {
        if (!Array.isArray(entry) || entry.length !== 2) {
          notPair = true;
          break;
        }
        part = 'key';
        this.keys.append(entry[0]);
        part = 'value';
        this.values.append(entry[1]);
        k++;
      }
    } catch (e) {
      this.undo(e, `entry ${k}, ${part}`, kids, [start, start]);
    }
    if (notPair || this.keys.length > MAX_32) {
      for (const c of kids) c.truncate(start);
      this.fail(value, notPair ? `entry ${k} is not a [key, value] pair` : 'the column would pass 2^31 − 1 entries');
    }
    this.offsets.set(this.length + 1, this.keys.length);
  }

  protected appendEmpty(): void {
    this.offsets.set(this.length + 1, this.keys.length);
  }

  protected override truncateValues(n: number): void {
    const end = this.offsets.at(n);
    this.keys.truncate(end);
    this.values.truncate(end);
  }

  finish(): Data {
    const keys = this.keys.finish();
    const values = this.values.finish();
    const entries = makeData({ type: arrowTypeWith(this.dtype.item!.dtype, [keys, values]), length: keys.length, nullCount: 0, children: [keys, values] } as never) as Data;
    return makeData({
      type: arrowTypeWith(this.dtype, [entries]),
      length: this.length,
      nullCount: this.nullCount,
      valueOffsets: this.offsets.finish(this.length),
      nullBitmap: this.validity.finish(this.length),
      child: entries,
    } as never);
  }
}
