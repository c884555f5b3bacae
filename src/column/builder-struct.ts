/**
 * Builders of structs and unions. A struct takes plain objects (a missing key is a null; a key it
 * does not declare is an error, as for `fromRecords`), row views and `Map`s; a union puts each
 * value in the first member that takes it.
 */
import { makeData, type Data } from 'apache-arrow';
import { InvalidValueError } from '../errors.js';
import { dtypeName, type AnyDType } from '../dtype/dtype.js';
import { arrowTypeWith } from './arrow-type.js';
import { Decimal, Instant } from '../dtype/values.js';
import { allocTyped, grownCapacity, resizeTyped } from '../util/alloc.js';
import type { BaseBuilder, BuilderOptions } from './builder-base.js';
import { NestedBuilder, type ChildFactory } from './builder-list.js';

/** The mark of colframe row views (see core/row-view.ts; a registered symbol, so no import upward). */
const ROW_VIEW = Symbol.for('colframe.rowView');

/** The fields of a struct value by name, or `undefined` when the value is not a record. */
function recordOf(value: unknown): Readonly<Record<string, unknown>> | ReadonlyMap<unknown, unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if ((value as { [ROW_VIEW]?: boolean })[ROW_VIEW] === true) return (value as { toObject(): Record<string, unknown> }).toObject();
  if (value instanceof Map) return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof Date || value instanceof Instant || value instanceof Decimal || value instanceof ArrayBuffer) return undefined;
  return value as Record<string, unknown>;
}

function fieldLabel(name: string): string {
  return `field ${JSON.stringify(name)}`;
}

/** Structs: one child per field, all of the struct's length; a null row holds placeholders. */
export class StructBuilder extends NestedBuilder {
  readonly children: readonly BaseBuilder[];
  private readonly names: readonly string[];
  private readonly known: ReadonlySet<string>;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions, make: ChildFactory) {
    super(dtype, name, opts);
    const fields = dtype.fields!;
    this.names = fields.map((f) => f.name);
    this.known = new Set(this.names);
    this.children = fields.map((f) => {
      const b = make(f.dtype, name, { allocator: this.allocator, capacity: opts.capacity ?? 32 });
      b.notNullable = 'the field is not nullable (declare it with nullable(...))';
      return b;
    });
  }

  protected appendValue(value: unknown): void {
    const rec = recordOf(value);
    if (rec === undefined) this.fail(value, 'expected an object with the struct\'s fields (or a row view or a Map)');
    const isMap = rec instanceof Map;
    if (isMap) {
      for (const key of rec.keys()) if (typeof key !== 'string' || !this.known.has(key)) this.unknownField(value, key);
    } else {
      for (const key in rec) if (!this.known.has(key)) this.unknownField(value, key);
    }
    const n = this.length;
    const kids = this.children;
    let k = 0;
    try {
      for (; k < kids.length; k++) {
        const child = kids[k]!;
        const key = this.names[k]!;
        const v = isMap ? (rec as ReadonlyMap<unknown, unknown>).get(key) : (rec as Record<string, unknown>)[key];
        if (v === undefined && !child.dtype.nullable && !(isMap ? (rec as ReadonlyMap<unknown, unknown>).has(key) : key in rec)) {
          throw new InvalidValueError(undefined, this.name, n, dtypeName(child.dtype), 'the field is missing and not nullable (declare it with nullable(...))');
        }
        child.append(v);
      }
    } catch (e) {
      for (const c of kids) c.truncate(n);
      this.rethrow(e, fieldLabel(this.names[k]!));
    }
  }

  private unknownField(value: unknown, key: unknown): never {
    this.fail(value, `has field ${typeof key === 'string' ? JSON.stringify(key) : String(key)}, which the struct does not declare (${this.names.join(', ')})`);
  }

  protected appendEmpty(): void {
    for (const c of this.children) c.appendPlaceholder();
  }

  protected override truncateValues(n: number): void {
    for (const c of this.children) c.truncate(n);
  }

  finish(): Data {
    const children = this.children.map((c) => c.finish());
    return makeData({
      type: arrowTypeWith(this.dtype, children),
      length: this.length,
      nullCount: this.nullCount,
      nullBitmap: this.validity.finish(this.length),
      children,
    } as never);
  }
}

/** Whether a member of kind `kind` could take `value` at all (a cheap test before trying it). */
function plausible(kind: AnyDType['kind'], value: unknown): boolean {
  const t = typeof value;
  switch (kind) {
    case 'null':
      return false;
    case 'bool':
      return t === 'boolean';
    case 'float16':
    case 'float32':
    case 'float64':
      return t === 'number';
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'time':
    case 'duration':
      return t === 'number' || t === 'bigint';
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
      return t === 'string';
    case 'decimal':
      return value instanceof Decimal || t === 'string' || t === 'number' || t === 'bigint';
    case 'date':
      return value instanceof Date;
    case 'timestamp':
      return value instanceof Date || value instanceof Instant || t === 'bigint';
    case 'union':
      return true;
    default:
      return t === 'object';
  }
}

/**
 * Unions, sparse or dense. A value goes to the first member that takes it (a null to the first
 * nullable member); a sparse union puts placeholders in the other members, a dense one records
 * the value's offset in its member. A union has no validity bitmap of its own.
 */
export class UnionBuilder extends NestedBuilder {
  readonly children: readonly BaseBuilder[];
  private typeIds: Int8Array;
  private offsets: Int32Array | null;
  private readonly ids: readonly number[];

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions, make: ChildFactory) {
    super(dtype, name, opts);
    const cap = opts.capacity ?? 32;
    this.ids = dtype.typeIds!;
    this.children = dtype.fields!.map((f) => make(f.dtype, name, { allocator: this.allocator, capacity: dtype.mode === 'dense' ? 32 : cap }));
    this.typeIds = allocTyped(Int8Array, cap, this.allocator);
    this.offsets = dtype.mode === 'dense' ? allocTyped(Int32Array, cap, this.allocator) : null;
  }

  override append(value: unknown): void {
    const kids = this.children;
    let chosen = -1;
    let firstError: InvalidValueError | undefined;
    if (value === null || value === undefined) {
      chosen = kids.findIndex((c) => c.dtype.nullable);
      if (chosen < 0) this.fail(value, 'no member of the union is nullable');
      kids[chosen]!.appendNull();
    } else {
      for (let k = 0; k < kids.length && chosen < 0; k++) {
        const c = kids[k]!;
        if (!plausible(c.dtype.kind, value)) continue;
        try {
          c.append(value); // atomic: a failed append leaves the member as it was
          chosen = k;
        } catch (e) {
          if (!(e instanceof InvalidValueError)) throw e;
          firstError ??= e;
        }
      }
      if (chosen < 0) {
        const why = firstError === undefined ? '' : ` (${firstError.path === undefined ? '' : `${firstError.path}: `}${firstError.reason})`;
        this.fail(value, `no member of the union takes it${why}`);
      }
    }
    this.record(chosen);
  }

  override appendNull(): void {
    this.append(null);
  }

  override appendPlaceholder(): void {
    this.children[0]!.appendPlaceholder();
    this.record(0);
  }

  /** Row `length` is in member `k` (its last slot): fill the others (sparse) or note the offset (dense). */
  private record(k: number): void {
    const i = this.length;
    if (i >= this.typeIds.length) {
      const cap = grownCapacity(this.typeIds.length, i + 1);
      this.typeIds = resizeTyped(this.typeIds, i, cap, this.allocator);
      if (this.offsets !== null) this.offsets = resizeTyped(this.offsets, i, cap, this.allocator);
    }
    this.typeIds[i] = this.ids[k]!;
    if (this.offsets !== null) this.offsets[i] = this.children[k]!.length - 1;
    else this.children.forEach((c, j) => j !== k && c.appendPlaceholder());
    this.length++;
  }

  protected appendValue(): void {
    // append() is overridden.
  }

  protected appendEmpty(): void {
    // appendPlaceholder() is overridden.
  }

  override truncate(n: number): void {
    if (n >= this.length) return;
    if (this.offsets === null) {
      for (const c of this.children) c.truncate(n);
    } else {
      const ends = this.children.map((c) => c.length);
      for (let i = n; i < this.length; i++) {
        const k = this.ids.indexOf(this.typeIds[i]!);
        ends[k] = Math.min(ends[k]!, this.offsets[i]!);
      }
      this.children.forEach((c, k) => c.truncate(ends[k]!));
    }
    this.length = n;
  }

  finish(): Data {
    const n = this.length;
    const typeIds = this.typeIds.length === n ? this.typeIds : resizeTyped(this.typeIds, n, n, this.allocator);
    const offsets = this.offsets === null ? undefined : this.offsets.length === n ? this.offsets : resizeTyped(this.offsets, n, n, this.allocator);
    const children = this.children.map((c) => c.finish());
    return makeData({
      type: arrowTypeWith(this.dtype, children),
      length: n,
      nullCount: 0,
      typeIds,
      valueOffsets: offsets,
      children,
    } as never);
  }
}
