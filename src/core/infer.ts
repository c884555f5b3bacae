/**
 * Dtype inference from JavaScript values (for `fromColumns` arrays and `fromRecords`).
 *
 * Rules, per column, over every value (and, for nested values, over every item and field value
 * of every row):
 * - numbers: `int32` when every one is an integer in the int32 range (and none is −0), else `float64`;
 * - bigints: `int64` (numbers mixed in must be safe integers);
 * - strings: `utf8`; booleans: `bool`; `Date`s: `timestamp` (ms, no time zone);
 * - `Instant`s: `timestamp` in the finest unit seen, at least `us` (so rows read them back as
 *   exact `Instant`s; `Date`s may be mixed in);
 * - `Decimal`s: `decimal(38, s)` with `s` the largest scale seen (`decimal(76, s)` when a value
 *   needs more than 38 digits);
 * - bytes (`Uint8Array`, `Buffer`): `binary`;
 * - arrays: `list` of the dtype inferred over all their items; other typed arrays: `list` of
 *   their own kind (`Float64Array` → `list<float64>`) when every row holds the same kind, else
 *   their items are inferred with the rest;
 * - plain objects (and row views): `struct` of the union of their keys in first-seen order, each
 *   field inferred over its values (a key missing from a record is a null there);
 * - `null` / `undefined` make the column (or item, or field) nullable; a column of nothing but
 *   nulls (or no values) is a nullable `utf8`;
 * - any other mix (number and string, …) or value (`Map`s, class instances, functions, symbols)
 *   is a `SchemaError` naming the column, the rows and where inside a value: nothing is coerced
 *   silently.
 */
import { SchemaError } from '../errors.js';
import { withArticle } from '../util/strings.js';
import { dtypeOfKind, withNullable, type AnyDType, type DTypeKind } from '../dtype/dtype.js';
import { binary, decimal, timestamp } from '../dtype/dtype.js';
import { list, struct } from '../dtype/nested.js';
import { Decimal, Instant, type TimeUnit } from '../dtype/values.js';

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const ROW_VIEW = Symbol.for('colframe.rowView');

type Seen = 'number' | 'bigint' | 'string' | 'boolean' | 'Date' | 'Instant' | 'Decimal' | 'bytes' | 'list' | 'struct';

/** The typed arrays a list value may be, with the kind of their items. */
const TYPED_ITEMS: ReadonlyArray<readonly [Function, DTypeKind]> = [
  [Float64Array, 'float64'],
  [Float32Array, 'float32'],
  [Int32Array, 'int32'],
  [Int16Array, 'int16'],
  [Int8Array, 'int8'],
  [Uint32Array, 'uint32'],
  [Uint16Array, 'uint16'],
  [Uint8ClampedArray, 'uint8'],
  [BigInt64Array, 'int64'],
  [BigUint64Array, 'uint64'],
];

const UNIT_RANK: Readonly<Record<TimeUnit, number>> = { s: 0, ms: 1, us: 2, ns: 3 };

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function kindOfValue(v: unknown): Seen | null | 'other' {
  switch (typeof v) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'bigint';
    case 'undefined':
      return null;
    case 'object':
      if (v === null) return null;
      if (v instanceof Date) return 'Date';
      if (v instanceof Instant) return 'Instant';
      if (v instanceof Decimal) return 'Decimal';
      if (v instanceof Uint8Array && !(v instanceof Uint8ClampedArray)) return 'bytes';
      if (Array.isArray(v) || ArrayBuffer.isView(v)) return ArrayBuffer.isView(v) && v instanceof DataView ? 'other' : 'list';
      if ((v as { [ROW_VIEW]?: boolean })[ROW_VIEW] === true || isPlainObject(v)) return 'struct';
      return 'other';
    default:
      return 'other';
  }
}

function describeKind(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    if (Array.isArray(v)) return 'an array';
    const name = (v as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== 'Object' ? withArticle(name) : 'an object';
  }
  return withArticle(typeof v);
}

const NAMES: Readonly<Record<Seen, string>> = {
  number: 'number',
  bigint: 'bigint',
  string: 'string',
  boolean: 'boolean',
  Date: 'Date',
  Instant: 'Instant',
  Decimal: 'Decimal',
  bytes: 'bytes',
  list: 'list',
  struct: 'object',
};

/** What has been seen of one column, item or field, accumulated value by value. */
class Inferrer {
  private seen: Seen | undefined;
  private firstRow = -1;
  private hasNull = false;
  private allInt32 = true;
  private hasNumber = false;
  private hasBigint = false;
  private nonSafeRow = -1;
  private unit: TimeUnit = 'ms';
  private maxScale = 0;
  private maxIntDigits = 0;
  private items: Inferrer | undefined;
  /** The typed-array class every list value has been, `null` once anything else was seen. */
  private typedClass: Function | null | undefined;
  private fields: Map<string, Inferrer> | undefined;
  private structRows = 0;

  constructor(
    private readonly column: string,
    /** Where inside a row value this is (`item`, `field "a"`), or '' for the column itself. */
    private readonly path: string,
  ) {}

  private get label(): string {
    return this.path === '' ? `Column "${this.column}"` : `Column "${this.column}", ${this.path}`;
  }

  private child(segment: string): Inferrer {
    return new Inferrer(this.column, this.path === '' ? segment : `${this.path}, ${segment}`);
  }

  /** Take value `v` of top-level row `row`. */
  add(v: unknown, row: number): void {
    // Hot path: a number or a string where the same kind was seen before.
    if (typeof v === 'number' && this.seen === 'number') {
      if (this.allInt32 && (!Number.isInteger(v) || v < I32_MIN || v > I32_MAX || Object.is(v, -0))) this.allInt32 = false;
      if (this.nonSafeRow < 0 && !Number.isSafeInteger(v)) this.nonSafeRow = row;
      return;
    }
    if (typeof v === 'string' && this.seen === 'string') return;
    this.addAny(v, row);
  }

  private addAny(v: unknown, row: number): void {
    const k = kindOfValue(v);
    if (k === null) {
      this.hasNull = true;
      return;
    }
    if (k === 'other') {
      const where = this.path === '' ? `Column "${this.column}", row ${row}` : `Column "${this.column}", row ${row}, ${this.path}`;
      throw new SchemaError(
        `${where}: ${describeKind(v)} is not a supported value ` +
          '(expected number, bigint, string, boolean, Date, Instant, Decimal, bytes, an array, a plain object or null)',
        this.column,
      );
    }
    if (this.seen === undefined) {
      this.seen = k;
      this.firstRow = row;
    } else if (this.seen !== k && !compatible(this.seen, k)) {
      throw new SchemaError(`${this.label} mixes ${NAMES[this.seen]} (row ${this.firstRow}) and ${NAMES[k]} (row ${row}); pass a schema to choose a dtype`, this.column);
    }
    switch (k) {
      case 'number': {
        this.hasNumber = true; // (also set once `seen` is number: the hot path does not touch it)
        const n = v as number;
        if (this.allInt32 && (!Number.isInteger(n) || n < I32_MIN || n > I32_MAX || Object.is(n, -0))) this.allInt32 = false;
        if (this.nonSafeRow < 0 && !Number.isSafeInteger(n)) this.nonSafeRow = row;
        return;
      }
      case 'bigint':
        this.hasBigint = true;
        return;
      case 'Instant': {
        const u = (v as Instant).unit;
        if (UNIT_RANK[u] > UNIT_RANK[this.unit]) this.unit = u;
        if (UNIT_RANK[this.unit] < UNIT_RANK.us) this.unit = 'us';
        return;
      }
      case 'Decimal': {
        const d = v as Decimal;
        const digits = (d.unscaled < 0n ? -d.unscaled : d.unscaled).toString().length;
        if (d.scale > this.maxScale) this.maxScale = d.scale;
        if (digits - d.scale > this.maxIntDigits) this.maxIntDigits = digits - d.scale;
        return;
      }
      case 'list':
        this.addList(v as ArrayLike<unknown>, row);
        return;
      case 'struct':
        this.addStruct(v as object, row);
        return;
      default:
        return;
    }
  }

  private addList(v: ArrayLike<unknown>, row: number): void {
    const items = (this.items ??= this.child('item'));
    const ctor = Array.isArray(v) ? null : (v as object).constructor;
    if (this.typedClass === undefined) this.typedClass = ctor;
    else if (this.typedClass !== ctor) this.typedClass = null;
    for (let i = 0; i < v.length; i++) items.add(v[i], row);
  }

  private addStruct(v: object, row: number): void {
    const rec = (v as { [ROW_VIEW]?: boolean })[ROW_VIEW] === true ? (v as { toObject(): Record<string, unknown> }).toObject() : (v as Record<string, unknown>);
    const fields = (this.fields ??= new Map());
    for (const key in rec) {
      let f = fields.get(key);
      if (f === undefined) {
        f = this.child(`field ${JSON.stringify(key)}`);
        if (this.structRows > 0) f.hasNull = true; // missing from the records before
        fields.set(key, f);
      }
      f.add(rec[key], row);
    }
    for (const [key, f] of fields) if (!Object.hasOwn(rec, key) && !(key in rec)) f.hasNull = true;
    this.structRows++;
  }

  /** The dtype of everything taken. */
  dtype(): AnyDType {
    const nullable = this.hasNull || this.seen === undefined;
    switch (this.seen) {
      case undefined:
      case 'string':
        return dtypeOfKind('utf8', nullable);
      case 'boolean':
        return dtypeOfKind('bool', nullable);
      case 'number':
      case 'bigint':
        if (this.hasBigint) {
          if (this.hasNumber && this.nonSafeRow >= 0) {
            throw new SchemaError(`${this.label} mixes bigint and a number that is not a safe integer (row ${this.nonSafeRow}); pass a schema`, this.column);
          }
          return dtypeOfKind('int64', nullable);
        }
        return dtypeOfKind(this.allInt32 ? 'int32' : 'float64', nullable);
      case 'Date':
      case 'Instant':
        return withNullable(timestamp(this.unit), nullable);
      case 'Decimal': {
        const digits = Math.max(1, this.maxIntDigits + this.maxScale);
        if (digits > 76) throw new SchemaError(`${this.label} holds a Decimal of ${digits} digits, more than a decimal holds (76)`, this.column);
        return withNullable(decimal(digits > 38 ? 76 : 38, this.maxScale), nullable);
      }
      case 'bytes':
        return withNullable(binary(), nullable);
      case 'list': {
        const typed = this.typedClass ? TYPED_ITEMS.find(([c]) => c === this.typedClass)?.[1] : undefined;
        const item = typed !== undefined ? dtypeOfKind(typed, false) : this.items!.dtype();
        return withNullable(list(item), nullable);
      }
      case 'struct':
        return withNullable(struct([...this.fields!].map(([name, f]) => [name, f.dtype()] as const)), nullable);
    }
  }
}

/** Kinds that mix into one dtype: numbers with bigints (int64), Dates with Instants (timestamp). */
function compatible(a: Seen, b: Seen): boolean {
  return ((a === 'number' || a === 'bigint') && (b === 'number' || b === 'bigint')) || ((a === 'Date' || a === 'Instant') && (b === 'Date' || b === 'Instant'));
}

/**
 * The dtype of a column of JavaScript values.
 * @throws SchemaError for mixed or unsupported value types, naming the column, rows and path.
 * @example
 * ```ts
 * String(inferDType([[1, 2.5], null, []], 'xs')); // → 'list<float64>?'
 * String(inferDType([{ a: 1 }, { a: 2, b: 'x' }], 'p')); // → 'struct<a: int32, b: utf8?>'
 * String(inferDType([new Instant(1n, 'ns'), new Date(0)], 't')); // → 'timestamp[ns]'
 * String(inferDType([new Decimal(1234n, 2), new Decimal(5n, 3)], 'd')); // → 'decimal(38, 3)'
 * String(inferDType([new Uint8Array([1]), new Float64Array(2)], 'b'));
 * // throws SchemaError: Column "b" mixes bytes (row 0) and list (row 1); pass a schema to choose a dtype
 * ```
 */
export function inferDType(values: ArrayLike<unknown>, column: string): AnyDType {
  const acc = new Inferrer(column, '');
  for (let i = 0; i < values.length; i++) acc.add(values[i], i);
  return acc.dtype();
}
