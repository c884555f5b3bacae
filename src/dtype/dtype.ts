/**
 * Dtype descriptors: one per Arrow type colframe holds. A descriptor is a small frozen object
 * (`kind`, `nullable`, and a few options); its JavaScript value type lives at the type level only,
 * so `RowOf<S>` can give typed rows.
 */
import { inspect } from 'node:util';
import { InvalidArgumentError, SchemaError } from '../errors.js';
import { checkOptions } from '../util/options.js';
import type { Decimal, Instant, IntervalUnit, IntervalValue, TimeUnit } from './values.js';

/** The dtypes colframe holds. */
export type DTypeKind =
  | 'null'
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'decimal'
  | 'utf8'
  | 'largeUtf8'
  | 'binary'
  | 'largeBinary'
  | 'fixedSizeBinary'
  | 'categorical'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'duration'
  | 'interval'
  | 'list'
  | 'largeList'
  | 'fixedSizeList'
  | 'struct'
  | 'map'
  | 'union';

/** How a 64-bit integer column is read: as a `number` (throws outside ±(2^53 − 1)) or as a `bigint`. */
export type Int64Repr = 'number' | 'bigint';

/** A named child of a nested dtype (a struct field, a list item, a union member, a map's key or value). */
export interface ChildField {
  readonly name: string;
  readonly dtype: AnyDType;
  /** Custom key/value metadata of the child field (extension names live here), when there is any. */
  readonly metadata?: ReadonlyMap<string, string>;
}

/** The parameters a dtype may carry besides its kind and nullability. */
export interface DTypeParams {
  /** For `int64` / `uint64` / `duration`: read values as `number` (checked) or `bigint`. */
  readonly int64?: Int64Repr;
  /** For `timestamp`: the IANA time zone the instants are shown in, or `null` for none. */
  readonly timezone?: string | null;
  /** For `timestamp`, `time`, `duration`: the time unit; for `interval`: the interval unit. */
  readonly unit?: TimeUnit | IntervalUnit;
  /** For `decimal`: total significant digits. */
  readonly precision?: number;
  /** For `decimal`: digits after the decimal point. */
  readonly scale?: number;
  /** For `decimal`: the storage width in bits (32, 64, 128 or 256). */
  readonly bitWidth?: number;
  /** For `fixedSizeBinary`: bytes per value; for `fixedSizeList`: items per value. */
  readonly size?: number;
  /** For `list`, `largeList`, `fixedSizeList`: the item (its name is Arrow's child field name). For `map`: the entries struct. */
  readonly item?: ChildField;
  /** For `struct` and `union`: the children in order. */
  readonly fields?: readonly ChildField[];
  /** For `union`: `sparse` or `dense`. */
  readonly mode?: 'sparse' | 'dense';
  /** For `union`: the type id of each child, in child order. */
  readonly typeIds?: readonly number[];
  /** For `map`: whether the keys of each map are sorted. */
  readonly keysSorted?: boolean;
}

/** Phantom key carrying a dtype's JavaScript value type. It exists only at the type level. */
export declare const JsValue: unique symbol;

/**
 * A dtype descriptor. `K` is its kind, `T` the JavaScript type of its values, `N` whether it
 * admits nulls.
 *
 * @example
 * ```ts
 * const d = nullable(int32());
 * console.log(d.kind, d.nullable, String(d));
 * // prints: int32 true int32?
 * ```
 */
export interface DType<K extends DTypeKind = DTypeKind, T = unknown, N extends boolean = boolean> extends DTypeParams {
  /** The kind of values. */
  readonly kind: K;
  /** Whether the column may hold nulls. */
  readonly nullable: N;
  /** The JavaScript value type (type level only). */
  readonly [JsValue]?: T;
}

/** Any dtype. */
export type AnyDType = DType<DTypeKind, unknown, boolean>;

/** The JavaScript value type of a dtype, with `null` when it is nullable. */
export type ValueOf<D> = D extends DType<DTypeKind, infer T, infer N>
  ? N extends false
    ? T
    : T | null
  : unknown;

/** The JavaScript value type of a dtype, never including `null`. */
export type NonNullValueOf<D> = D extends DType<DTypeKind, infer T, boolean> ? T : unknown;

/** Names used when printing a dtype (as polars prints them). */
const SHORT: Record<DTypeKind, string> = {
  null: 'null',
  bool: 'bool',
  int8: 'i8',
  int16: 'i16',
  int32: 'i32',
  int64: 'i64',
  uint8: 'u8',
  uint16: 'u16',
  uint32: 'u32',
  uint64: 'u64',
  float16: 'f16',
  float32: 'f32',
  float64: 'f64',
  decimal: 'decimal',
  utf8: 'str',
  largeUtf8: 'large_str',
  binary: 'binary',
  largeBinary: 'large_binary',
  fixedSizeBinary: 'binary',
  categorical: 'cat',
  date: 'date',
  timestamp: 'datetime',
  time: 'time',
  duration: 'duration',
  interval: 'interval',
  list: 'list',
  largeList: 'large_list',
  fixedSizeList: 'array',
  struct: 'struct',
  map: 'map',
  union: 'union',
};

const PARAM_KEYS = ['int64', 'timezone', 'unit', 'precision', 'scale', 'bitWidth', 'size', 'item', 'fields', 'mode', 'typeIds', 'keysSorted'] as const;

class DTypeDescriptor {
  declare readonly kind: DTypeKind;
  declare readonly nullable: boolean;

  constructor(kind: DTypeKind, nullable: boolean, opts: DTypeParams) {
    Object.defineProperty(this, 'kind', { value: kind, enumerable: true });
    Object.defineProperty(this, 'nullable', { value: nullable, enumerable: true });
    for (const key of PARAM_KEYS) {
      const v = opts[key];
      if (v !== undefined) Object.defineProperty(this, key, { value: v, enumerable: true });
    }
    Object.freeze(this);
  }

  /** `int32`, `int32?` when nullable, `int64<bigint>`, `timestamp[ms, UTC]`, `list<float64>`. */
  toString(): string {
    return dtypeName(this as AnyDType) + (this.nullable ? '?' : '');
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** A descriptor of `kind` with its parameters (internal: the public constructors check their arguments). */
export function makeDType<D extends AnyDType>(kind: DTypeKind, nullable: boolean, opts: DTypeParams = {}): D {
  return new DTypeDescriptor(kind, nullable, opts) as unknown as D;
}
const make = makeDType;

const BOOL = make<DType<'bool', boolean, false>>('bool', false);
const INT8 = make<DType<'int8', number, false>>('int8', false);
const INT16 = make<DType<'int16', number, false>>('int16', false);
const INT32 = make<DType<'int32', number, false>>('int32', false);
const UINT8 = make<DType<'uint8', number, false>>('uint8', false);
const UINT16 = make<DType<'uint16', number, false>>('uint16', false);
const UINT32 = make<DType<'uint32', number, false>>('uint32', false);
const FLOAT32 = make<DType<'float32', number, false>>('float32', false);
const FLOAT64 = make<DType<'float64', number, false>>('float64', false);
const UTF8 = make<DType<'utf8', string, false>>('utf8', false);
const CATEGORICAL = make<DType<'categorical', string, false>>('categorical', false);
const DATE = make<DType<'date', Date, false>>('date', false);

/**
 * Booleans, bit-packed (1 bit a value).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ ok: [true, false] }, { schema: { ok: bool() } });
 * df.row(0).ok; // → true
 * ```
 */
export function bool(): DType<'bool', boolean, false> {
  return BOOL;
}
/**
 * 8-bit signed integers (−128 … 127).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ t: [-5, 100] }, { schema: { t: int8() } });
 * String(df.schema.get('t')); // → 'int8'
 * df.getColumn('t').data.values; // → Int8Array(2) [ -5, 100 ]
 * ```
 */
export function int8(): DType<'int8', number, false> {
  return INT8;
}
/**
 * 16-bit signed integers (−32768 … 32767).
 * @example
 * ```ts
 * String(int16()); // → 'int16'
 * ```
 */
export function int16(): DType<'int16', number, false> {
  return INT16;
}
/**
 * 32-bit signed integers.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ age: [31, 42] }, { schema: { age: int32() } });
 * df.row(1).age; // → 42
 * ```
 */
export function int32(): DType<'int32', number, false> {
  return INT32;
}
/**
 * 64-bit signed integers, stored exactly. Read as `number` by default (reading a value outside
 * ±(2^53 − 1) throws `Int64RangeError`); `int64('bigint')` reads them as `bigint`.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ id: [2n ** 60n] }, { schema: { id: int64('bigint') } });
 * df.row(0).id; // → 1152921504606846976n
 * ```
 */
export function int64(): DType<'int64', number, false>;
export function int64(repr: 'number'): DType<'int64', number, false>;
export function int64(repr: 'bigint'): DType<'int64', bigint, false>;
export function int64(repr: Int64Repr = 'number'): DType<'int64', number | bigint, false> {
  checkRepr(repr, 'int64');
  return repr === 'bigint' ? INT64_BIG : INT64_NUM;
}
const INT64_NUM = make<DType<'int64', number, false>>('int64', false, { int64: 'number' });
const INT64_BIG = make<DType<'int64', bigint, false>>('int64', false, { int64: 'bigint' });
/**
 * 8-bit unsigned integers (0 … 255).
 * @example
 * ```ts
 * DataFrame.fromColumns({ q: [300] }, { schema: { q: uint8() } });
 * // throws InvalidValueError: Column "q", row 0: 300 (number) does not fit uint8: out of range 0 … 255
 * ```
 */
export function uint8(): DType<'uint8', number, false> {
  return UINT8;
}
/**
 * 16-bit unsigned integers (0 … 65535).
 * @example
 * ```ts
 * String(uint16()); // → 'uint16'
 * ```
 */
export function uint16(): DType<'uint16', number, false> {
  return UINT16;
}
/**
 * 32-bit unsigned integers.
 * @example
 * ```ts
 * String(uint32()); // → 'uint32'
 * ```
 */
export function uint32(): DType<'uint32', number, false> {
  return UINT32;
}
/**
 * 64-bit unsigned integers, stored exactly; read as `number` (checked) or `bigint` as for {@link int64}.
 * @example
 * ```ts
 * String(uint64('bigint')); // → 'uint64<bigint>'
 * ```
 */
export function uint64(): DType<'uint64', number, false>;
export function uint64(repr: 'number'): DType<'uint64', number, false>;
export function uint64(repr: 'bigint'): DType<'uint64', bigint, false>;
export function uint64(repr: Int64Repr = 'number'): DType<'uint64', number | bigint, false> {
  checkRepr(repr, 'uint64');
  return repr === 'bigint' ? UINT64_BIG : UINT64_NUM;
}
const UINT64_NUM = make<DType<'uint64', number, false>>('uint64', false, { int64: 'number' });
const UINT64_BIG = make<DType<'uint64', bigint, false>>('uint64', false, { int64: 'bigint' });
/**
 * 32-bit floats. Values are rounded to float32 precision when stored, as in every float32 store.
 * @example
 * ```ts
 * String(float32()); // → 'float32'
 * ```
 */
export function float32(): DType<'float32', number, false> {
  return FLOAT32;
}
/**
 * 64-bit floats (JavaScript numbers).
 * @example
 * ```ts
 * DataFrame.fromColumns({ x: [1.5] }, { schema: { x: float64() } }).row(0).x; // → 1.5
 * ```
 */
export function float64(): DType<'float64', number, false> {
  return FLOAT64;
}
/**
 * UTF-8 strings: one byte buffer plus 32-bit offsets.
 * @example
 * ```ts
 * DataFrame.fromColumns({ name: ['Ada'] }, { schema: { name: utf8() } }).row(0).name; // → 'Ada'
 * ```
 */
export function utf8(): DType<'utf8', string, false> {
  return UTF8;
}
/**
 * Dictionary-encoded strings (categorical). Each distinct string is stored once; rows hold an
 * index whose width fits the dictionary: uint8 up to 256 values, uint16 up to 65,536, else int32.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ city: ['Oslo', 'Oslo', 'Rome'] }, { schema: { city: categorical() } });
 * df.memoryUsage().columns.city; // → { values: 3, offsets: 0, validity: 0, dictionary: 20, total: 23 }
 * ```
 */
export function categorical(): DType<'categorical', string, false> {
  return CATEGORICAL;
}
/**
 * Calendar dates, stored as days since 1970-01-01; read as `Date` at UTC midnight.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ d: [new Date('2024-02-29')] }, { schema: { d: date() } });
 * df.row(0).d; // → 2024-02-29T00:00:00.000Z
 * ```
 */
export function date(): DType<'date', Date, false> {
  return DATE;
}
/** The row value of a timestamp of unit `U`: a `Date` for seconds and milliseconds, an exact {@link Instant} for finer units. */
export type TimestampValue<U extends TimeUnit> = U extends 's' | 'ms' ? Date : Instant;

/**
 * Instants, stored as 64-bit counts of `unit` since the epoch (default milliseconds). Rows read
 * `s`/`ms` values as `Date` and `us`/`ns` values as exact {@link Instant}s (a `Date` would drop
 * their digits). The optional IANA time zone only changes how values print.
 * @example
 * ```ts
 * String(timestamp({ timezone: 'UTC' })); // → 'timestamp[ms, UTC]'
 * String(timestamp('ns', { timezone: 'Europe/Oslo' })); // → 'timestamp[ns, Europe/Oslo]'
 * ```
 */
export function timestamp(opts?: { timezone?: string | null }): DType<'timestamp', Date, false>;
export function timestamp<U extends TimeUnit>(unit: U, opts?: { timezone?: string | null }): DType<'timestamp', TimestampValue<U>, false>;
export function timestamp(a: TimeUnit | { timezone?: string | null } = {}, b: { timezone?: string | null } = {}): AnyDType {
  const unit = typeof a === 'string' ? a : 'ms';
  const opts = typeof a === 'string' ? b : a;
  checkTimeUnit(unit, 'timestamp');
  checkOptions(opts, ['timezone'], 'timestamp');
  const tz = opts.timezone ?? null;
  if (tz !== null) checkTimeZone(tz);
  return make('timestamp', false, { unit, timezone: tz });
}

/**
 * Times of day, stored as counts of `unit` since midnight (32-bit for `s`/`ms`, 64-bit for
 * `us`/`ns`, as Arrow's Time32/Time64); read as that count (a `number`, always exact).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ t: [37_800_000] }, { schema: { t: time('ms') } });
 * console.log(String(df.schema.get('t')), df.row(0).t);
 * // prints: time[ms] 37800000
 * ```
 */
export function time(unit: TimeUnit = 'ms'): DType<'time', number, false> {
  checkTimeUnit(unit, 'time');
  return make('time', false, { unit });
}

/**
 * Elapsed times, stored as 64-bit counts of `unit`; read as a `number` (checked like int64) or,
 * with `repr` `'bigint'`, as a `bigint`.
 * @example
 * ```ts
 * String(duration('us')); // → 'duration[us]'
 * String(duration('ns', 'bigint')); // → 'duration[ns]<bigint>'
 * ```
 */
export function duration(unit?: TimeUnit, repr?: 'number'): DType<'duration', number, false>;
export function duration(unit: TimeUnit, repr: 'bigint'): DType<'duration', bigint, false>;
export function duration(unit: TimeUnit = 'ms', repr: Int64Repr = 'number'): AnyDType {
  checkTimeUnit(unit, 'duration');
  checkRepr(repr, 'duration');
  return make('duration', false, { unit, int64: repr });
}

/**
 * Calendar intervals as Arrow holds them: `yearMonth` (months), `dayTime` (days and
 * milliseconds) or `monthDayNano` (months, days and nanoseconds); read as plain objects.
 * @example
 * ```ts
 * String(interval('monthDayNano')); // → 'interval[monthDayNano]'
 * ```
 */
export function interval<U extends IntervalUnit>(unit: U): DType<'interval', IntervalValue<U>, false> {
  if (unit !== 'yearMonth' && unit !== 'dayTime' && unit !== 'monthDayNano') {
    throw new InvalidArgumentError(`interval(unit): the unit is 'yearMonth', 'dayTime' or 'monthDayNano', got ${String(unit)}`, unit);
  }
  return make('interval', false, { unit });
}

/**
 * Exact decimals of `precision` significant digits, `scale` of them after the point, stored as
 * 32-, 64-, 128- or 256-bit integers (the narrowest of 128 and 256 that holds the precision
 * unless `bitWidth` says otherwise); read as {@link Decimal}s.
 * @throws InvalidArgumentError when the precision is outside 1 … 76, the scale above the precision,
 * or the width too narrow for the precision.
 * @example
 * ```ts
 * console.log(String(decimal(10, 2)), decimal(40, 5).bitWidth, decimal(9, 2, { bitWidth: 32 }).bitWidth);
 * // prints: decimal(10, 2) 256 32
 * ```
 */
export function decimal(precision: number, scale = 0, opts: { bitWidth?: 32 | 64 | 128 | 256 } = {}): DType<'decimal', Decimal, false> {
  checkOptions(opts, ['bitWidth'], 'decimal');
  if (!Number.isInteger(precision) || precision < 1 || precision > 76) {
    throw new InvalidArgumentError(`decimal(precision): the precision is an integer in 1 … 76, got ${String(precision)}`, precision);
  }
  if (!Number.isInteger(scale) || scale > precision || scale < -precision) {
    throw new InvalidArgumentError(`decimal(precision, scale): the scale is an integer of at most the precision (${precision}), got ${String(scale)}`, scale);
  }
  const bitWidth = opts.bitWidth ?? (precision <= 38 ? 128 : 256);
  if (MAX_DECIMAL_PRECISION[bitWidth] === undefined) {
    throw new InvalidArgumentError(`decimal: the bit width is 32, 64, 128 or 256, got ${String(bitWidth)}`, bitWidth);
  }
  if (precision > MAX_DECIMAL_PRECISION[bitWidth]!) {
    throw new InvalidArgumentError(`decimal(${precision}, ${scale}): a ${bitWidth}-bit decimal holds at most ${MAX_DECIMAL_PRECISION[bitWidth]} digits`, precision);
  }
  return make('decimal', false, { precision, scale, bitWidth });
}

/** The most digits a decimal of each bit width holds (Arrow's limits). */
export const MAX_DECIMAL_PRECISION: Readonly<Record<number, number>> = Object.freeze({ 32: 9, 64: 18, 128: 38, 256: 76 });

/**
 * 16-bit floats (IEEE half precision), read as numbers. Arithmetic takes float32 or float64;
 * `cast` a float16 column first.
 * @example
 * ```ts
 * String(float16()); // → 'float16'
 * ```
 */
export function float16(): DType<'float16', number, false> {
  return FLOAT16;
}
/**
 * UTF-8 strings with 64-bit offsets (Arrow's LargeUtf8), for columns of more than 2 GiB of text.
 * @example
 * ```ts
 * String(largeUtf8()); // → 'largeUtf8'
 * ```
 */
export function largeUtf8(): DType<'largeUtf8', string, false> {
  return LARGE_UTF8;
}
/**
 * Variable-length bytes, read as `Uint8Array` views of the column's buffer (zero-copy).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ b: [new Uint8Array([1, 2])] }, { schema: { b: binary() } });
 * df.row(0).b; // → Uint8Array(2) [ 1, 2 ]
 * ```
 */
export function binary(): DType<'binary', Uint8Array, false> {
  return BINARY;
}
/**
 * Variable-length bytes with 64-bit offsets (Arrow's LargeBinary).
 * @example
 * ```ts
 * String(largeBinary()); // → 'largeBinary'
 * ```
 */
export function largeBinary(): DType<'largeBinary', Uint8Array, false> {
  return LARGE_BINARY;
}
/**
 * Byte strings of `size` bytes each (Arrow's FixedSizeBinary), read as `Uint8Array` views.
 * @example
 * ```ts
 * String(fixedSizeBinary(16)); // → 'fixedSizeBinary(16)'
 * ```
 */
export function fixedSizeBinary(size: number): DType<'fixedSizeBinary', Uint8Array, false> {
  if (!Number.isInteger(size) || size < 0 || size > 2 ** 31 - 1) {
    throw new InvalidArgumentError(`fixedSizeBinary(size): the size is a non-negative integer, got ${String(size)}`, size);
  }
  return make('fixedSizeBinary', false, { size });
}
/**
 * The type of a column of nulls only (Arrow's Null type: no buffers at all).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ n: [null, null] }, { schema: { n: nullType() } });
 * console.log(String(df.schema.get('n')), df.row(1).n);
 * // prints: null? null
 * ```
 */
export function nullType(): DType<'null', null, true> {
  return NULL;
}
const FLOAT16 = make<DType<'float16', number, false>>('float16', false);
const LARGE_UTF8 = make<DType<'largeUtf8', string, false>>('largeUtf8', false);
const BINARY = make<DType<'binary', Uint8Array, false>>('binary', false);
const LARGE_BINARY = make<DType<'largeBinary', Uint8Array, false>>('largeBinary', false);
const NULL = make<DType<'null', null, true>>('null', true);

/**
 * The same dtype, admitting nulls: rows type its values as `T | null`.
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ a: null }], { schema: { a: nullable(utf8()) } });
 * // typed string | null:
 * df.row(0).a; // → null
 * ```
 */
export function nullable<K extends DTypeKind, T>(d: DType<K, T, boolean>): DType<K, T, true> {
  return withNullable(d, true) as DType<K, T, true>;
}

/** The same dtype with `nullable` set as given (a no-op when it already is; the null type is always nullable). */
export function withNullable<D extends AnyDType>(d: D, isNullable: boolean): D {
  if (d.nullable === isNullable || d.kind === 'null') return d;
  return make<D>(d.kind, isNullable, paramsOf(d));
}

/** The same dtype with its 64-bit integer read mode set (a no-op for other kinds). */
export function withInt64Repr<D extends AnyDType>(d: D, repr: Int64Repr): D {
  if ((d.kind !== 'int64' && d.kind !== 'uint64' && d.kind !== 'duration') || d.int64 === repr) return d;
  return make<D>(d.kind, d.nullable, { ...paramsOf(d), int64: repr });
}

/** The parameters of a dtype (everything but kind and nullability). */
export function paramsOf(d: AnyDType): DTypeParams {
  const o: Record<string, unknown> = {};
  for (const key of PARAM_KEYS) if (d[key] !== undefined) o[key] = d[key];
  return o as DTypeParams;
}

/** Build a descriptor for `kind` (used when mapping from Arrow or inferring); defaults fill missing parameters. */
export function dtypeOfKind(kind: DTypeKind, isNullable: boolean, opts: DTypeParams = {}): AnyDType {
  const o: { -readonly [K in keyof DTypeParams]: DTypeParams[K] } = { ...opts };
  if ((kind === 'int64' || kind === 'uint64' || kind === 'duration') && o.int64 === undefined) o.int64 = 'number';
  if (kind === 'timestamp') {
    if (o.timezone === undefined) o.timezone = null;
    if (o.unit === undefined) o.unit = 'ms';
  }
  if ((kind === 'time' || kind === 'duration') && o.unit === undefined) o.unit = 'ms';
  return make(kind, isNullable || kind === 'null', o);
}

/** Arrow's spelling of a time unit in dtype names. */
function unitName(d: AnyDType): string {
  return String(d.unit ?? 'ms');
}

function childName(c: ChildField): string {
  return String(c.dtype);
}

/**
 * The full name of a dtype without its nullability: `int32`, `int64<bigint>`, `timestamp[ms, UTC]`,
 * `decimal(10, 2)`, `list<float64>`, `struct<a: int32, b: utf8?>`.
 */
export function dtypeName(d: AnyDType): string {
  switch (d.kind) {
    case 'int64':
    case 'uint64':
      return d.int64 === 'bigint' ? `${d.kind}<bigint>` : d.kind;
    case 'timestamp':
      return d.timezone ? `timestamp[${unitName(d)}, ${d.timezone}]` : `timestamp[${unitName(d)}]`;
    case 'time':
      return `time[${unitName(d)}]`;
    case 'duration':
      return `duration[${unitName(d)}]${d.int64 === 'bigint' ? '<bigint>' : ''}`;
    case 'interval':
      return `interval[${String(d.unit)}]`;
    case 'decimal':
      return d.bitWidth === 128 || (d.bitWidth === 256 && d.precision! > 38) ? `decimal(${d.precision}, ${d.scale})` : `decimal${d.bitWidth}(${d.precision}, ${d.scale})`;
    case 'fixedSizeBinary':
      return `fixedSizeBinary(${d.size})`;
    case 'list':
    case 'largeList':
      return `${d.kind}<${childName(d.item!)}>`;
    case 'fixedSizeList':
      return `fixedSizeList<${childName(d.item!)}, ${d.size}>`;
    case 'struct':
      return `struct<${d.fields!.map((f) => `${fieldLabel(f.name)}: ${childName(f)}`).join(', ')}>`;
    case 'map': {
      const [k, v] = d.item!.dtype.fields!;
      return `map<${childName(k!)}, ${childName(v!)}>`;
    }
    case 'union':
      return `${d.mode}Union<${d.fields!.map((f, i) => `${fieldLabel(f.name)}=${d.typeIds![i]}: ${childName(f)}`).join(', ')}>`;
    default:
      return d.kind;
  }
}

function fieldLabel(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

const SHORT_UNIT: Readonly<Record<string, string>> = { s: 's', ms: 'ms', us: 'μs', ns: 'ns' };

/** The short name printed in table headers (polars' spelling): `i32`, `str`, `cat`, `datetime[μs, UTC]`, `list[f64]`. */
export function dtypeShortName(d: AnyDType): string {
  switch (d.kind) {
    case 'timestamp': {
      const u = SHORT_UNIT[unitName(d)]!;
      return d.timezone ? `datetime[${u}, ${d.timezone}]` : `datetime[${u}]`;
    }
    case 'duration':
    case 'time':
      return `${d.kind}[${SHORT_UNIT[unitName(d)]}]`;
    case 'decimal':
      return `decimal[${d.precision},${d.scale}]`;
    case 'fixedSizeBinary':
      return `binary[${d.size}]`;
    case 'list':
    case 'largeList':
      return `${SHORT[d.kind]}[${dtypeShortName(d.item!.dtype)}]`;
    case 'fixedSizeList':
      return `array[${dtypeShortName(d.item!.dtype)}, ${d.size}]`;
    case 'struct':
      return `struct[${d.fields!.length}]`;
    case 'map': {
      const [k, v] = d.item!.dtype.fields!;
      return `map[${dtypeShortName(k!.dtype)}, ${dtypeShortName(v!.dtype)}]`;
    }
    case 'union':
      return `union[${d.fields!.length}]`;
    default:
      return SHORT[d.kind];
  }
}

function childrenEqual(a: readonly ChildField[], b: readonly ChildField[]): boolean {
  return a.length === b.length && a.every((f, i) => f.name === b[i]!.name && dtypeEquals(f.dtype, b[i]!.dtype));
}

/**
 * Whether two dtypes describe the same values (kind and parameters, children included), ignoring
 * top-level nullability if asked.
 * @example
 * ```ts
 * dtypeEquals(int32(), nullable(int32())); // → false
 * dtypeEquals(int32(), nullable(int32()), { ignoreNullable: true }); // → true
 * dtypeEquals(list(int32()), list(nullable(int32())), { ignoreNullable: true }); // → false
 * ```
 */
export function dtypeEquals(a: AnyDType, b: AnyDType, opts: { ignoreNullable?: boolean } = {}): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (!opts.ignoreNullable && a.nullable !== b.nullable) return false;
  if ((a.int64 ?? 'number') !== (b.int64 ?? 'number')) return false;
  if ((a.timezone ?? null) !== (b.timezone ?? null)) return false;
  if (a.unit !== b.unit || a.precision !== b.precision || a.scale !== b.scale || a.bitWidth !== b.bitWidth || a.size !== b.size) return false;
  if (a.mode !== b.mode || (a.keysSorted ?? false) !== (b.keysSorted ?? false)) return false;
  if ((a.item === undefined) !== (b.item === undefined)) return false;
  if (a.item !== undefined && !childrenEqual([a.item], [b.item!])) return false;
  if ((a.fields === undefined) !== (b.fields === undefined)) return false;
  if (a.fields !== undefined && !childrenEqual(a.fields, b.fields!)) return false;
  if (a.typeIds !== undefined && (b.typeIds === undefined || a.typeIds.join() !== b.typeIds.join())) return false;
  return true;
}

/**
 * Whether `value` is a dtype descriptor (made by `int32()`, `utf8()` …).
 * @example
 * ```ts
 * isDType(int32()); // → true
 * isDType('int32'); // → false
 * ```
 */
export function isDType(value: unknown): value is AnyDType {
  return value instanceof DTypeDescriptor;
}

/** Integer kinds with their inclusive range (as numbers; 64-bit ranges are checked as bigint). */
export const INT_RANGES: Readonly<Partial<Record<DTypeKind, readonly [number, number]>>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

const NUMERIC = new Set<DTypeKind>(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64']);

/** Whether the kind is a numeric kind the arithmetic kernels take (integers, float32 and float64). */
export function isNumericKind(kind: DTypeKind): boolean {
  return NUMERIC.has(kind);
}

/** Whether the kind has children (list, struct, map, union kinds). */
export function isNestedKind(kind: DTypeKind): boolean {
  return kind === 'list' || kind === 'largeList' || kind === 'fixedSizeList' || kind === 'struct' || kind === 'map' || kind === 'union';
}

/** The dtypes whose values are strings (plain, large and dictionary-encoded). */
export function isStringKind(kind: DTypeKind): boolean {
  return kind === 'utf8' || kind === 'largeUtf8' || kind === 'categorical';
}

function checkTimeUnit(unit: unknown, where: string): asserts unit is TimeUnit {
  if (unit !== 's' && unit !== 'ms' && unit !== 'us' && unit !== 'ns') {
    throw new InvalidArgumentError(`${where}(unit): the unit is 's', 'ms', 'us' or 'ns', got ${typeof unit === 'string' ? JSON.stringify(unit) : String(unit)}`, unit);
  }
}

/** A 64-bit integer's representation is 'number' or 'bigint', nothing else (a typo is not ignored). */
function checkRepr(repr: unknown, where: string): void {
  if (repr !== 'number' && repr !== 'bigint') {
    throw new InvalidArgumentError(`${where}(repr): the representation is 'number' or 'bigint', got ${typeof repr === 'string' ? JSON.stringify(repr) : String(repr)}`, repr);
  }
}

function checkTimeZone(tz: string): void {
  if (typeof tz !== 'string') throw new SchemaError(`timestamp: the time zone is an IANA name (a string), got ${String(tz)}`);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new SchemaError(`Unknown time zone ${JSON.stringify(tz)}; use an IANA name such as "UTC" or "Europe/Oslo"`);
  }
}
