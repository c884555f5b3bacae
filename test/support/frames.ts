/**
 * Looking at frames in tests: random frames of every dtype for round-trip properties (nulls, NaN,
 * ±inf, −0, int64 extremes, unicode, dates and timestamps across everything their integers hold),
 * two frames compared on their stored values, rows as arrays, an expression's values, a thrown
 * error.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { makeData } from 'apache-arrow';
import { Column } from '../../src/column/column.js';
import { buildData } from '../../src/column/builders.js';
import { FrameCore } from '../../src/core/frame-core.js';
import { toArrowType } from '../../src/dtype/arrow.js';
import {
  bool,
  categorical,
  date,
  dtypeEquals,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  nullable,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  type AnyDType,
} from '../../src/dtype/dtype.js';
import { DataFrame } from '../../src/frame/dataframe.js';
import type { Expr } from '../../src/index.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Values that stress a float column: the specials, whole numbers around 2^31 and 2^53, extremes. */
const specialDoubles = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1,
  2147483647,
  2147483648,
  -2147483649,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 60,
  9.2e18,
  1e20,
  1e21,
  1e-7,
  5e-324,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
);

/** Text with separators, quotes, line ends, BOMs, null-like words, numbers-as-text and emoji. */
const textUnit = fc.oneof(
  fc.constantFrom(',', ';', '"', "'", '\n', '\r', '\r\n', ' ', '\t', '\\', '\0', '\ufeff', 'NA', 'null', '-', '.', '1', 'e', '😀', '日本', 'é'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Days a date column holds (int32), biased to the edges and the four-digit years. */
const days = fc.oneof(
  fc.integer({ min: -719_528, max: 2_932_896 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, -719_529, 2_932_897, -1, 0),
);

/** Milliseconds a timestamp column holds (int64), biased to the edges and the four-digit years. */
const millis = fc.oneof(
  fc.bigInt({ min: -62_167_219_200_000n, max: 253_402_300_799_999n }),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.constantFrom(INT64_MIN, INT64_MAX, -8_640_000_000_000_001n, 8_640_000_000_000_001n, 2n ** 53n + 1n, -62_167_219_200_001n, 253_402_300_800_000n),
);

/** One generator per dtype: the dtype and its (non-null) values, as the column stores them. */
export const DTYPE_VALUES: Readonly<Record<string, readonly [AnyDType, fc.Arbitrary<unknown>]>> = {
  bool: [bool(), fc.boolean()],
  int8: [int8(), fc.integer({ min: -128, max: 127 })],
  int16: [int16(), fc.integer({ min: -32768, max: 32767 })],
  int32: [int32(), fc.integer()],
  int64: [int64('bigint'), fc.oneof(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.constantFrom(INT64_MIN, INT64_MAX, 2n ** 60n, 2n ** 53n + 1n))],
  uint8: [uint8(), fc.integer({ min: 0, max: 255 })],
  uint16: [uint16(), fc.integer({ min: 0, max: 65535 })],
  uint32: [uint32(), fc.integer({ min: 0, max: 2 ** 32 - 1 })],
  uint64: [uint64('bigint'), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
  float32: [float32(), fc.oneof(fc.float(), specialDoubles.map(Math.fround))],
  float64: [float64(), fc.oneof(fc.double(), specialDoubles)],
  utf8: [utf8(), fc.string({ unit: textUnit, maxLength: 10 })],
  categorical: [categorical(), fc.constantFrom('red', '', 'a,b', 'NA', ' x', 'say "hi"', '日本', '12', 'true')],
  date: [date(), days],
  timestamp: [timestamp(), millis],
  timestampUTC: [timestamp({ timezone: 'UTC' }), millis],
  timestampZone: [timestamp({ timezone: 'America/New_York' }), millis],
};

/**
 * A column from stored values: dates as days, timestamps as bigint milliseconds (so values beyond
 * a JS Date's range can be built), everything else through the column builders.
 */
export function columnOf(name: string, dtype: AnyDType, values: readonly unknown[]): Column {
  if (dtype.kind !== 'date' && dtype.kind !== 'timestamp') return new Column(name, dtype, buildData(values, dtype, name));
  const n = values.length;
  const store = dtype.kind === 'date' ? new Int32Array(n) : new BigInt64Array(n);
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null) nulls++;
    else {
      bitmap[i >> 3]! |= 1 << (i & 7);
      (store as unknown as unknown[])[i] = v;
    }
  });
  const data = makeData({ type: toArrowType(dtype), length: n, nullCount: nulls, data: store, nullBitmap: nulls === 0 ? null : bitmap } as never);
  return new Column(name, dtype, data as never);
}

/** A frame of the given columns. */
export function frameOf(columns: readonly Column[], height = columns[0]?.length ?? 0): DataFrame {
  return DataFrame.fromCore(new FrameCore(columns, height));
}

/** A generated frame and which of its columns a reader cannot infer back without being told. */
export interface GeneratedFrame {
  readonly df: DataFrame;
  /** The dtype of every column. */
  readonly schema: Readonly<Record<string, AnyDType>>;
}

/**
 * Random frames over a random subset of `kinds` (keys of {@link DTYPE_VALUES}), each column
 * nullable (with nulls) or not, `minHeight` … `maxHeight` rows.
 */
export function framesOf(kinds: readonly string[], opts: { minHeight?: number; maxHeight?: number; minColumns?: number } = {}): fc.Arbitrary<GeneratedFrame> {
  return fc
    .uniqueArray(fc.constantFrom(...kinds), { minLength: opts.minColumns ?? 1, maxLength: Math.min(6, kinds.length) })
    .chain((keys) =>
      fc.tuple(
        fc.constant(keys),
        fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
        fc.integer({ min: opts.minHeight ?? 0, max: opts.maxHeight ?? 20 }),
      ),
    )
    .chain(([keys, nullables, height]) =>
      fc
        .tuple(
          ...keys.map((k, j) => {
            const values = DTYPE_VALUES[k]![1];
            return fc.array(nullables[j] ? fc.option(values, { nil: null, freq: 4 }) : values, { minLength: height, maxLength: height });
          }),
        )
        .map((cols) => {
          const schema: Record<string, AnyDType> = {};
          const columns = keys.map((k, j) => {
            const dt = nullables[j] ? nullable(DTYPE_VALUES[k]![0]) : DTYPE_VALUES[k]![0];
            schema[k] = dt;
            return columnOf(k, dt, cols[j]!);
          });
          return { df: frameOf(columns, height), schema };
        }),
    );
}

/** Row `i` of `col` as stored: days, bigint milliseconds, bigint 64-bit integers, else the value. */
export function storedValue(col: Column, i: number): unknown {
  if (col.isNull(i)) return null;
  const k = col.dtype.kind;
  if (k === 'date' || k === 'timestamp' || k === 'int64' || k === 'uint64') return (col.data.values as ArrayLike<unknown>)[i];
  return col.at(i);
}

/**
 * Expect `b` to hold the same columns as `a`: names, dtypes (nullability ignored when asked: a
 * reader's inferred columns are always nullable) and every stored value (`Object.is` for floats,
 * so -0 and NaN count).
 */
export function expectSameFrame(a: DataFrame, b: DataFrame, opts: { ignoreNullable?: boolean; what?: string } = {}): void {
  const what = opts.what === undefined ? '' : `${opts.what}: `;
  expect(b.columns, `${what}columns`).toEqual(a.columns);
  expect(b.height, `${what}height`).toBe(a.height);
  for (const ca of a.getColumns()) {
    const cb = b.getColumn(ca.name);
    const same = dtypeEquals(ca.dtype, cb.dtype, { ignoreNullable: opts.ignoreNullable ?? false });
    expect(same, `${what}dtype of ${ca.name}: ${String(ca.dtype)} vs ${String(cb.dtype)}`).toBe(true);
    for (let i = 0; i < a.height; i++) {
      const x = storedValue(ca, i);
      const y = storedValue(cb, i);
      if (!Object.is(x, y)) expect(y, `${what}${ca.name} row ${i}`).toStrictEqual(x);
    }
  }
}

/** The frame's rows as arrays of values, in column order. */
export function rowsOf(df: DataFrame): unknown[][] {
  const cols = df.getColumns().map((c) => c.toArray() as unknown[]);
  return Array.from({ length: df.height }, (_, i) => cols.map((c) => c[i]));
}

/** The values of `e` over `frame`. */
export function valuesOf(e: Expr, frame: DataFrame): unknown[] {
  return frame.select(e.alias('out')).getColumn('out').toArray();
}

/** The dtype of `e` over `frame`, as text (`int32?`). */
export function dtypeOf(e: Expr, frame: DataFrame): string {
  return String(frame.select(e.alias('out')).schema.get('out'));
}

/** The error `fn` throws; fails the test when it throws nothing. */
export function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
