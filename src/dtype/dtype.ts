/**
 * Dtype descriptors: one per Arrow type colframe holds. A descriptor is a small frozen object
 * (`kind`, `nullable`, and a few options); its JavaScript value type lives at the type level only,
 * so `RowOf<S>` can give typed rows.
 */
import { inspect } from 'node:util';
import { InvalidArgumentError, SchemaError } from '../errors.js';
import { checkOptions } from '../util/options.js';

/** The dtypes colframe holds. */
export type DTypeKind =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'utf8'
  | 'categorical'
  | 'date'
  | 'timestamp';

/** How a 64-bit integer column is read: as a `number` (throws outside ±(2^53 − 1)) or as a `bigint`. */
export type Int64Repr = 'number' | 'bigint';

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
export interface DType<K extends DTypeKind = DTypeKind, T = unknown, N extends boolean = boolean> {
  /** The kind of values. */
  readonly kind: K;
  /** Whether the column may hold nulls. */
  readonly nullable: N;
  /** For `int64` / `uint64`: read values as `number` (checked) or `bigint`. */
  readonly int64?: Int64Repr;
  /** For `timestamp`: the IANA time zone the instants are shown in, or `null` for none. */
  readonly timezone?: string | null;
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
  bool: 'bool',
  int8: 'i8',
  int16: 'i16',
  int32: 'i32',
  int64: 'i64',
  uint8: 'u8',
  uint16: 'u16',
  uint32: 'u32',
  uint64: 'u64',
  float32: 'f32',
  float64: 'f64',
  utf8: 'str',
  categorical: 'cat',
  date: 'date',
  timestamp: 'datetime[ms]',
};

class DTypeDescriptor {
  declare readonly kind: DTypeKind;
  declare readonly nullable: boolean;
  declare readonly int64?: Int64Repr;
  declare readonly timezone?: string | null;

  constructor(kind: DTypeKind, nullable: boolean, opts: { int64?: Int64Repr; timezone?: string | null }) {
    Object.defineProperty(this, 'kind', { value: kind, enumerable: true });
    Object.defineProperty(this, 'nullable', { value: nullable, enumerable: true });
    if (opts.int64 !== undefined) Object.defineProperty(this, 'int64', { value: opts.int64, enumerable: true });
    if (opts.timezone !== undefined) Object.defineProperty(this, 'timezone', { value: opts.timezone, enumerable: true });
    Object.freeze(this);
  }

  /** `int32`, `int32?` when nullable, `int64<bigint>`, `timestamp[ms, UTC]`. */
  toString(): string {
    return dtypeName(this as AnyDType) + (this.nullable ? '?' : '');
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function make<D extends AnyDType>(
  kind: DTypeKind,
  nullable: boolean,
  opts: { int64?: Int64Repr; timezone?: string | null } = {},
): D {
  return new DTypeDescriptor(kind, nullable, opts) as unknown as D;
}

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
/**
 * Instants, stored as 64-bit milliseconds since the epoch; read as `Date`. The optional IANA time
 * zone only changes how values print.
 * @example
 * ```ts
 * String(timestamp({ timezone: 'UTC' })); // → 'timestamp[ms, UTC]'
 * ```
 */
export function timestamp(opts: { timezone?: string | null } = {}): DType<'timestamp', Date, false> {
  checkOptions(opts, ['timezone'], 'timestamp');
  const tz = opts.timezone ?? null;
  if (tz !== null) checkTimeZone(tz);
  return make('timestamp', false, { timezone: tz });
}

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

/** The same dtype with `nullable` set as given (a no-op when it already is). */
export function withNullable<D extends AnyDType>(d: D, isNullable: boolean): D {
  if (d.nullable === isNullable) return d;
  return make<D>(d.kind, isNullable, optsOf(d));
}

/** The same dtype with its 64-bit integer read mode set (a no-op for other kinds). */
export function withInt64Repr<D extends AnyDType>(d: D, repr: Int64Repr): D {
  if ((d.kind !== 'int64' && d.kind !== 'uint64') || d.int64 === repr) return d;
  return make<D>(d.kind, d.nullable, { ...optsOf(d), int64: repr });
}

function optsOf(d: AnyDType): { int64?: Int64Repr; timezone?: string | null } {
  const o: { int64?: Int64Repr; timezone?: string | null } = {};
  if (d.int64 !== undefined) o.int64 = d.int64;
  if (d.timezone !== undefined) o.timezone = d.timezone;
  return o;
}

/** Build a descriptor for `kind` (used when mapping from Arrow or inferring). */
export function dtypeOfKind(
  kind: DTypeKind,
  isNullable: boolean,
  opts: { int64?: Int64Repr; timezone?: string | null } = {},
): AnyDType {
  const o = { ...opts };
  if ((kind === 'int64' || kind === 'uint64') && o.int64 === undefined) o.int64 = 'number';
  if (kind === 'timestamp' && o.timezone === undefined) o.timezone = null;
  return make(kind, isNullable, o);
}

/** The full name of a dtype without its nullability: `int32`, `int64<bigint>`, `timestamp[ms, UTC]`. */
export function dtypeName(d: AnyDType): string {
  if ((d.kind === 'int64' || d.kind === 'uint64') && d.int64 === 'bigint') return `${d.kind}<bigint>`;
  if (d.kind === 'timestamp') return d.timezone ? `timestamp[ms, ${d.timezone}]` : 'timestamp[ms]';
  return d.kind;
}

/** The short name printed in table headers (polars' spelling): `i32`, `str`, `cat`, `datetime[ms, UTC]`. */
export function dtypeShortName(d: AnyDType): string {
  if (d.kind === 'timestamp' && d.timezone) return `datetime[ms, ${d.timezone}]`;
  return SHORT[d.kind];
}

/**
 * Whether two dtypes describe the same values (kind and options), ignoring nullability if asked.
 * @example
 * ```ts
 * dtypeEquals(int32(), nullable(int32())); // → false
 * dtypeEquals(int32(), nullable(int32()), { ignoreNullable: true }); // → true
 * ```
 */
export function dtypeEquals(a: AnyDType, b: AnyDType, opts: { ignoreNullable?: boolean } = {}): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (!opts.ignoreNullable && a.nullable !== b.nullable) return false;
  if ((a.int64 ?? 'number') !== (b.int64 ?? 'number')) return false;
  if ((a.timezone ?? null) !== (b.timezone ?? null)) return false;
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

/** Whether the kind is a numeric kind (integers and floats). */
export function isNumericKind(kind: DTypeKind): boolean {
  return kind !== 'bool' && kind !== 'utf8' && kind !== 'categorical' && kind !== 'date' && kind !== 'timestamp';
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
