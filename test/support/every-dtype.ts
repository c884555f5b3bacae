/**
 * Arrow vectors and frames of every dtype colframe holds, built with apache-arrow (`makeData`,
 * `vectorFromArray`) so they do not depend on colframe's own builders: for printer tests.
 */
import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Dictionary,
  DurationMicrosecond,
  DurationMillisecond,
  DurationNanosecond,
  DurationSecond,
  Field,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int32,
  Int64,
  Int8,
  IntervalDayTime,
  IntervalMonthDayNano,
  IntervalYearMonth,
  LargeBinary,
  LargeUtf8,
  List,
  Map_,
  Null,
  Struct,
  Table,
  TimeMicrosecond,
  TimeMillisecond,
  TimeNanosecond,
  TimeSecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint64,
  Union,
  UnionMode,
  Utf8,
  Vector,
  makeData,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import { DataFrame } from '../../src/frame/dataframe.js';

/** Validity bitmap of `valid` flags (LSB first). */
export function bitmap(valid: readonly boolean[]): Uint8Array {
  const bits = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => {
    if (v) bits[i >> 3]! |= 1 << (i & 7);
  });
  return bits;
}

/** A vector of fixed-width `values` of `type`, null where `values[i]` is `null`. */
export function fixedVector<T extends DataType>(type: T, values: readonly (bigint | number | null)[], Ctor: BigInt64ArrayConstructor | Int32ArrayConstructor | BigUint64ArrayConstructor): Vector<T> {
  const valid = values.map((v) => v !== null);
  const nullCount = valid.filter((v) => !v).length;
  const data = new (Ctor as BigInt64ArrayConstructor)(values.length);
  values.forEach((v, i) => {
    (data as unknown as (bigint | number)[])[i] = v ?? (Ctor === Int32Array ? 0 : 0n);
  });
  return new Vector([makeData({ type, length: values.length, nullCount, nullBitmap: nullCount > 0 ? bitmap(valid) : null, data } as never)]) as Vector<T>;
}

/** Timestamp vector of `unit` (optional zone) holding the given counts. */
export function timestampVector(unit: 's' | 'ms' | 'us' | 'ns', counts: readonly (bigint | null)[], timezone?: string): Vector {
  const type =
    unit === 's'
      ? new TimestampSecond(timezone)
      : unit === 'ms'
        ? new TimestampMillisecond(timezone)
        : unit === 'us'
          ? new TimestampMicrosecond(timezone)
          : new TimestampNanosecond(timezone);
  return fixedVector(type as DataType, counts, BigInt64Array);
}

/** A decimal vector (128-bit) of unscaled values. */
export function decimalVector(precision: number, scale: number, unscaled: readonly (bigint | null)[]): Vector {
  const words = new Uint32Array(unscaled.length * 4);
  unscaled.forEach((v, i) => {
    const x = BigInt.asUintN(128, v ?? 0n);
    for (let k = 0; k < 4; k++) words[i * 4 + k] = Number((x >> BigInt(32 * k)) & 0xffffffffn);
  });
  const valid = unscaled.map((v) => v !== null);
  const nullCount = valid.filter((v) => !v).length;
  return new Vector([makeData({ type: new Decimal(scale, precision, 128), length: unscaled.length, nullCount, nullBitmap: nullCount > 0 ? bitmap(valid) : null, data: words })]);
}

/** Interval vector: yearMonth months, dayTime [days, ms], monthDayNano [months, days, ns]. */
export function intervalVector(unit: 'yearMonth' | 'dayTime' | 'monthDayNano', values: readonly (readonly (number | bigint)[] | null)[]): Vector {
  const width = unit === 'yearMonth' ? 1 : unit === 'dayTime' ? 2 : 4;
  const data = new Int32Array(values.length * width);
  values.forEach((v, i) => {
    if (v === null) return;
    if (unit === 'monthDayNano') {
      const ns = BigInt.asUintN(64, BigInt(v[2]!));
      data.set([Number(v[0]), Number(v[1]), Number(ns & 0xffffffffn) | 0, Number(ns >> 32n) | 0], i * 4);
    } else {
      data.set(v.map(Number), i * width);
    }
  });
  const type = unit === 'yearMonth' ? new IntervalYearMonth() : unit === 'dayTime' ? new IntervalDayTime() : new IntervalMonthDayNano();
  const valid = values.map((v) => v !== null);
  const nullCount = valid.filter((v) => !v).length;
  return new Vector([makeData({ type: type as IntervalYearMonth, length: values.length, nullCount, nullBitmap: nullCount > 0 ? bitmap(valid) : null, data })]);
}

/** A frame of the given vectors, by name. */
export function frameOf(vectors: Record<string, Vector>): DataFrame {
  return DataFrame.fromArrow(new Table(vectors));
}

const item = (t: DataType, nullable = true): Field => new Field('item', t, nullable);

/**
 * Three rows of every dtype: row 0 ordinary values, row 1 nulls (and nulls inside nested
 * values), row 2 edge values (empty lists, extreme instants, negative durations …).
 */
export function everyDtypeVectors(): Record<string, Vector> {
  const entries = new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)] as Field[]);
  const mapType = new Map_(new Field('entries', entries, false) as never);
  const mapData = makeData({
    type: mapType,
    length: 3,
    nullCount: 1,
    nullBitmap: bitmap([true, false, true]),
    valueOffsets: new Int32Array([0, 2, 2, 2]),
    child: makeData({
      type: mapType.children[0]!.type as Struct,
      length: 2,
      nullCount: 0,
      children: [vectorFromArray(['a', 'b'], new Utf8()).data[0]!, vectorFromArray([1, null], new Int32()).data[0]!],
    }),
  });
  const unionType = new Union(UnionMode.Sparse, [0, 1], [new Field('i', new Int32(), true), new Field('s', new Utf8(), true)] as unknown as Field<never>[]);
  const unionData = makeData({
    type: unionType,
    length: 3,
    nullCount: 0,
    typeIds: new Int8Array([0, 1, 1]),
    children: [vectorFromArray([7, null, null], new Int32()).data[0]!, vectorFromArray([null, null, 'u<v>'], new Utf8()).data[0]!],
  });
  return {
    null: vectorFromArray([null, null, null], new Null()),
    bool: vectorFromArray([true, null, false], new Bool()),
    i8: vectorFromArray([-128, null, 127], new Int8()),
    i64: fixedVector(new Int64(), [9_223_372_036_854_775_807n, null, -9_223_372_036_854_775_808n], BigInt64Array),
    u64: fixedVector(new Uint64(), [18_446_744_073_709_551_615n, null, 0n], BigUint64Array),
    f16: vectorFromArray([0.5, null, 65504], new Float16()),
    f32: vectorFromArray([0.1, null, -3.5], new Float32()),
    f64: vectorFromArray([12, null, 1e-7], new Float64()),
    dec: decimalVector(10, 4, [123_400n, null, -5n]),
    str: vectorFromArray(['Ada', null, 'a\nb'], new Utf8()),
    lstr: vectorFromArray(['big', null, ''], new LargeUtf8()),
    bin: vectorFromArray([new Uint8Array([0, 1, 97, 98]), null, new Uint8Array([])], new Binary()),
    lbin: vectorFromArray([new Uint8Array([34, 92]), null, new Uint8Array([255])], new LargeBinary()),
    fbin: vectorFromArray([new Uint8Array([1, 2]), null, new Uint8Array([104, 105])], new FixedSizeBinary(2)),
    cat: vectorFromArray(['x', null, 'y'], new Dictionary(new Utf8(), new Int32())),
    date: fixedVector(new DateDay(), [19_844, null, 2 ** 31 - 1], Int32Array),
    ts_s: timestampVector('s', [1_714_557_600n, null, 2n ** 62n]),
    ts_ms: timestampVector('ms', [1_714_557_600_123n, null, -1n], 'Europe/Oslo'),
    ts_us: timestampVector('us', [1_714_557_600_123_456n, null, 1_714_557_600_000_000n]),
    ts_ns: timestampVector('ns', [1_714_557_600_123_456_789n, null, -1n], 'Europe/Oslo'),
    t_s: fixedVector(new TimeSecond(), [37_800, null, 0], Int32Array),
    t_ms: fixedVector(new TimeMillisecond(), [37_800_123, null, 86_399_999], Int32Array),
    t_us: fixedVector(new TimeMicrosecond(), [37_800_123_456n, null, 0n], BigInt64Array),
    t_ns: fixedVector(new TimeNanosecond(), [37_800_123_456_789n, null, 1n], BigInt64Array),
    d_s: fixedVector(new DurationSecond(), [93_784n, null, -90n], BigInt64Array),
    d_ms: fixedVector(new DurationMillisecond(), [93_784_500n, null, 0n], BigInt64Array),
    d_us: fixedVector(new DurationMicrosecond(), [123n, null, 1_500_000n], BigInt64Array),
    d_ns: fixedVector(new DurationNanosecond(), [-5n, null, 9_223_372_036_854_775_807n], BigInt64Array),
    iv_ym: intervalVector('yearMonth', [[14], null, [-1]]),
    iv_dt: intervalVector('dayTime', [[3, 4], null, [0, 0]]),
    iv_mdn: intervalVector('monthDayNano', [[1, 2, 3n], null, [0, 0, -1n]]),
    list: vectorFromArray([[1, 2], null, []], new List(item(new Float64()))),
    list_str: vectorFromArray([['a', 'b"c'], [null], []], new List(item(new Utf8()))),
    nested: vectorFromArray([[[1], [2, 3]], [null, []], null], new List(item(new List(item(new Int32()))))),
    fsl: vectorFromArray([[1, 2], null, [null, 4]], new FixedSizeList(2, item(new Int32()))),
    struct: vectorFromArray([{ a: 1, b: 'x' }, null, { a: null, b: '<&>' }], new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)])),
    map: new Vector([mapData]),
    union: new Vector([unionData]),
  };
}

/** A list vector over `child` with the given offsets (`null` entries of `valid` are null lists). */
export function listVector(child: Vector, offsets: readonly number[], valid?: readonly boolean[]): Vector {
  const length = offsets.length - 1;
  const nullCount = valid === undefined ? 0 : valid.filter((v) => !v).length;
  const type = new List(new Field('item', child.type as DataType, true));
  return new Vector([
    makeData({ type, length, nullCount, nullBitmap: nullCount > 0 ? bitmap(valid!) : null, valueOffsets: new Int32Array(offsets), child: child.data[0]! }),
  ]);
}

/** A struct vector of the given child vectors (all of the struct's length). */
export function structVector(children: Record<string, Vector>, valid?: readonly boolean[]): Vector {
  const names = Object.keys(children);
  const length = children[names[0]!]!.length;
  const nullCount = valid === undefined ? 0 : valid.filter((v) => !v).length;
  const type = new Struct(names.map((n) => new Field(n, children[n]!.type as DataType, true)));
  return new Vector([
    makeData({ type, length, nullCount, nullBitmap: nullCount > 0 ? bitmap(valid!) : null, children: names.map((n) => children[n]!.data[0]!) }),
  ]);
}

/** Six columns of the kinds printers spell specially: a zoned ns timestamp, a decimal, bytes, a list of text, a struct and a map (nulls at the top level and inside). */
export function printerFrame(): DataFrame {
  const v = everyDtypeVectors();
  return frameOf({ ts_ns: v.ts_ns!, dec: v.dec!, bin: v.bin!, list_str: v.list_str!, struct: v.struct!, map: v.map! });
}
