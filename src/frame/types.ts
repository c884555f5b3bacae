/** Types of the DataFrame API: the schema inferred from inputs, records, options, and the schemas verbs produce. */
import type {
  Binary,
  Bool,
  DataType,
  DateDay,
  Decimal as ArrowDecimal,
  Dictionary,
  Duration,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float32 as ArrowFloat32,
  Float64 as ArrowFloat64,
  Int16 as ArrowInt16,
  Int32 as ArrowInt32,
  Int64 as ArrowInt64,
  Int8 as ArrowInt8,
  Interval,
  LargeBinary,
  LargeList,
  LargeUtf8,
  List,
  Map_,
  Null,
  Struct,
  Time,
  Timestamp,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint16 as ArrowUint16,
  Uint32 as ArrowUint32,
  Uint64 as ArrowUint64,
  Uint8 as ArrowUint8,
  Union,
  Utf8,
  Vector,
} from 'apache-arrow';
import type { AnyDType, DType, DTypeKind, Int64Repr } from '../dtype/dtype.js';
import type { ListValue, MapValue, StructValue } from '../dtype/nested.js';
import type { Decimal, Instant, IntervalValue, IntervalUnit } from '../dtype/values.js';
import type { RowOf, SchemaShape } from '../dtype/schema.js';
import type { FrameOptions } from '../core/construct.js';
import type { Expr } from '../ops/expr/expr.js';
import type { Column } from '../column/column.js';

type Int64Value<I extends Int64Repr> = I extends 'bigint' ? bigint : number;

/** Whether `null` or `undefined` is part of `V`. */
type HasNull<V> = null extends V ? true : undefined extends V ? true : false;

/** `V` without `null` and `undefined`. */
type Present<V> = Exclude<V, null | undefined>;

/** The list dtype whose items are typed arrays of kind `K` (no null items). */
type TypedList<K extends DTypeKind, T, N extends boolean> = DType<'list', ListValue<DType<K, T, false>>, N>;

/** The list dtype a typed array of type `X` infers as a row value (`never` for other values). */
type ListOfTypedArray<X, I extends Int64Repr, N extends boolean> = X extends Float64Array
  ? TypedList<'float64', number, N>
  : X extends Float32Array
    ? TypedList<'float32', number, N>
    : X extends Int32Array
      ? TypedList<'int32', number, N>
      : X extends Int16Array
        ? TypedList<'int16', number, N>
        : X extends Int8Array
          ? TypedList<'int8', number, N>
          : X extends Uint32Array
            ? TypedList<'uint32', number, N>
            : X extends Uint16Array
              ? TypedList<'uint16', number, N>
              : X extends Uint8ClampedArray
                ? TypedList<'uint8', number, N>
                : X extends BigInt64Array
                  ? TypedList<'int64', Int64Value<I>, N>
                  : X extends BigUint64Array
                    ? TypedList<'uint64', Int64Value<I>, N>
                    : never;

/**
 * The dtype inferred for JavaScript values of type `V` (see the inference rules): numbers,
 * bigints, strings, booleans and `Date`s as flat dtypes; `Instant`s as timestamps (read back as
 * `Instant`s), `Decimal`s as decimals, `Uint8Array`s as binary; typed arrays and arrays as lists;
 * plain objects as structs of their properties (an optional one nullable).
 */
export type DTypeOfValue<V, I extends Int64Repr = 'number'> = [Present<V>] extends [never]
  ? DType<'utf8', string, true>
  : [Present<V>] extends [number]
    ? DType<'int32' | 'float64', number, HasNull<V>>
    : [Present<V>] extends [bigint]
      ? DType<'int64', Int64Value<I>, HasNull<V>>
      : [Present<V>] extends [string]
        ? DType<'utf8', string, HasNull<V>>
        : [Present<V>] extends [boolean]
          ? DType<'bool', boolean, HasNull<V>>
          : [Present<V>] extends [Date]
            ? DType<'timestamp', Date, HasNull<V>>
            : [Present<V>] extends [Date | Instant]
              ? DType<'timestamp', Instant, HasNull<V>>
              : [Present<V>] extends [Decimal]
                ? DType<'decimal', Decimal, HasNull<V>>
                : [Present<V>] extends [Uint8Array]
                  ? [Present<V>] extends [Uint8ClampedArray]
                    ? TypedList<'uint8', number, HasNull<V>>
                    : DType<'binary', Uint8Array, HasNull<V>>
                  : [ListOfTypedArray<Present<V>, I, HasNull<V>>] extends [never]
                    ? [Present<V>] extends [readonly (infer E)[]]
                      ? DType<'list', ListValue<DTypeOfValue<E, I>>, HasNull<V>>
                      : [Present<V>] extends [ReadonlyMap<unknown, unknown> | ReadonlySet<unknown> | ArrayBufferView | ((...args: never[]) => unknown)]
                        ? AnyDType
                        : [Present<V>] extends [object]
                          ? DType<'struct', StructValue<{ readonly [K in keyof Present<V>]-?: DTypeOfValue<Present<V>[K], I> }>, HasNull<V>>
                          : AnyDType
                    : ListOfTypedArray<Present<V>, I, HasNull<V>>;

/** The dtype of an Arrow type (nested types with their children's dtypes). */
export type DTypeOfArrow<T extends DataType, I extends Int64Repr = 'number'> = T extends Bool
  ? DType<'bool', boolean>
  : T extends ArrowInt8
    ? DType<'int8', number>
    : T extends ArrowInt16
      ? DType<'int16', number>
      : T extends ArrowInt32
        ? DType<'int32', number>
        : T extends ArrowInt64
          ? DType<'int64', Int64Value<I>>
          : T extends ArrowUint8
            ? DType<'uint8', number>
            : T extends ArrowUint16
              ? DType<'uint16', number>
              : T extends ArrowUint32
                ? DType<'uint32', number>
                : T extends ArrowUint64
                  ? DType<'uint64', Int64Value<I>>
                  : T extends ArrowFloat32
                    ? DType<'float32', number>
                    : T extends ArrowFloat64
                      ? DType<'float64', number>
                      : T extends Float16
                        ? DType<'float16', number>
                        : T extends Utf8
                          ? DType<'utf8', string>
                          : T extends LargeUtf8
                            ? DType<'largeUtf8', string>
                            : T extends Dictionary
                              ? DType<'categorical', string>
                              : T extends DateDay
                                ? DType<'date', Date>
                                : DTypeOfArrowMore<T, I>;

/** The rest of {@link DTypeOfArrow}: temporal units, decimals, bytes, nested types. */
type DTypeOfArrowMore<T extends DataType, I extends Int64Repr> = T extends TimestampSecond | TimestampMillisecond
  ? DType<'timestamp', Date>
  : T extends TimestampMicrosecond | TimestampNanosecond
    ? DType<'timestamp', Instant>
    : T extends Timestamp
      ? DType<'timestamp', Date | Instant>
      : T extends Time
        ? DType<'time', number>
        : T extends Duration
          ? DType<'duration', Int64Value<I>>
          : T extends Interval
            ? DType<'interval', IntervalValue<IntervalUnit>>
            : T extends ArrowDecimal
              ? DType<'decimal', Decimal>
              : T extends Binary
                ? DType<'binary', Uint8Array>
                : T extends LargeBinary
                  ? DType<'largeBinary', Uint8Array>
                  : T extends FixedSizeBinary
                    ? DType<'fixedSizeBinary', Uint8Array>
                    : T extends Null
                      ? DType<'null', null, true>
                      : T extends List<infer E>
                        ? DType<'list', ListValue<DTypeOfArrow<E, I>>>
                        : T extends LargeList<infer E>
                          ? DType<'largeList', ListValue<DTypeOfArrow<E, I>>>
                          : T extends FixedSizeList<infer E>
                            ? DType<'fixedSizeList', ListValue<DTypeOfArrow<E, I>>>
                            : T extends Map_<infer K, infer V>
                              ? DType<'map', MapValue<DTypeOfArrow<K, I>, DTypeOfArrow<V, I>>>
                              : T extends Struct<infer M>
                                ? DType<'struct', StructValue<{ readonly [K in keyof M]: DTypeOfArrow<M[K], I> }>>
                                : T extends Union
                                  ? DType<'union', unknown, true>
                                  : AnyDType;

type Fixed<K extends DTypeKind, T = number> = DType<K, T, false>;

/** The dtype inferred for one `fromColumns` input. */
export type DTypeOfInput<X, I extends Int64Repr = 'number'> = X extends Column<infer D>
  ? D
  : X extends Vector<infer T>
    ? DTypeOfArrow<T, I>
    : X extends Float64Array
      ? Fixed<'float64'>
      : X extends Float32Array
        ? Fixed<'float32'>
        : X extends Int32Array
          ? Fixed<'int32'>
          : X extends Int16Array
            ? Fixed<'int16'>
            : X extends Int8Array
              ? Fixed<'int8'>
              : X extends BigInt64Array
                ? Fixed<'int64', Int64Value<I>>
                : X extends BigUint64Array
                  ? Fixed<'uint64', Int64Value<I>>
                  : X extends Uint32Array
                    ? Fixed<'uint32'>
                    : X extends Uint16Array
                      ? Fixed<'uint16'>
                      : X extends Uint8Array | Uint8ClampedArray
                        ? Fixed<'uint8'>
                        : X extends readonly (infer V)[]
                          ? DTypeOfValue<V, I>
                          : AnyDType;

/** The schema inferred for a `fromColumns` input object. */
export type SchemaOfColumns<C, I extends Int64Repr = 'number'> = {
  readonly [K in keyof C & string]: DTypeOfInput<C[K], I>;
};

/** The schema inferred for records of type `R`. */
export type SchemaOfRecords<R, I extends Int64Repr = 'number'> = {
  readonly [K in keyof R & string]-?: DTypeOfValue<R[K], I>;
};

/** `S` with its 64-bit integer columns read as bigint. */
export type BigIntSchema<S extends SchemaShape> = {
  readonly [K in keyof S]: S[K] extends DType<infer Kd, unknown, infer N>
    ? Kd extends 'int64' | 'uint64'
      ? DType<Kd, bigint, N>
      : S[K]
    : S[K];
};

/** `S` with columns renamed by `M` (`{ old: new }`). */
export type RenamedSchema<S extends SchemaShape, M extends Partial<Record<keyof S & string, string>>> = {
  readonly [K in keyof S as K extends keyof M ? (M[K] extends string ? M[K] : K) : K]: S[K];
};

/** A column computed per row: its dtype and a function of the (reused, read-only) row view. */
export interface RowColumn<S extends SchemaShape, D extends AnyDType = AnyDType> {
  readonly dtype: D;
  readonly fn: (row: RowOf<S>, index: number) => unknown;
}

/**
 * The schema of a join on `K`: the left columns, then the right ones except the keys, a clashing
 * name taking the suffix `X`. (Left, right and full joins make the other side's values nullable at
 * run time.)
 */
export type JoinSchema<S extends SchemaShape, S2 extends SchemaShape, K extends string, X extends string> = S & {
  readonly [P in keyof S2 as P extends K ? never : P extends keyof S ? `${P & string}${X}` : P]: S2[P];
};

/** The schema after `withColumns(specs)`. */
export type WithColumns<S extends SchemaShape, C> = {
  readonly [K in keyof S as K extends keyof C ? never : K]: S[K];
} & {
  readonly [K in keyof C]: C[K] extends Expr<infer D> ? D : C[K] extends { readonly dtype: infer D extends AnyDType } ? D : AnyDType;
};

export type { RecordOf } from '../dtype/schema.js';

/** Options of `toRecords`. */
export interface ToRecordsOptions<I extends Int64Repr = Int64Repr> {
  /** Read 64-bit integer columns as `bigint` (or as checked `number`, the frame's default). */
  int64?: I;
}

/** Options of `fromColumns` / `fromRecords` with a declared schema. */
export interface SchemaOptions<S extends SchemaShape> extends FrameOptions {
  /** Column names and dtypes; values are checked against it. */
  schema: S;
}

