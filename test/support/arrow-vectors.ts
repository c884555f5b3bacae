/**
 * apache-arrow vectors of every Arrow type colframe holds, four rows each with nulls, for the IPC
 * reader and writer tests: numbers of every width, temporal types in every unit, intervals,
 * decimals of every width, binary kinds, lists, structs, maps, unions and categoricals nested in
 * lists and structs.
 */
import * as A from 'apache-arrow';

const F = (n: string, t: A.DataType, nullable = true): A.Field => new A.Field(n, t, nullable);
const bits = (...valid: boolean[]): Uint8Array => {
  const out = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => {
    if (v) out[i >> 3]! |= 1 << (i & 7);
  });
  return out;
};
const VALID = bits(true, false, true, true);

/** A fixed-width vector of 4 rows (row 1 null) from its raw values. */
function fixed(type: A.DataType, data: ArrayBufferView): A.Vector {
  return new A.Vector([A.makeData({ type, length: 4, nullCount: 1, nullBitmap: VALID, data } as never)]);
}

/** Decimal words (little-endian 32-bit) of unscaled values, `width` bits each. */
function decimalWords(values: bigint[], width: number): Uint32Array {
  const words = width / 32;
  const out = new Uint32Array(values.length * words);
  values.forEach((v, i) => {
    let x = BigInt.asUintN(width, v);
    for (let k = 0; k < words; k++) {
      out[i * words + k] = Number(x & 0xffffffffn);
      x >>= 32n;
    }
  });
  return out;
}

function union(mode: A.UnionMode): A.Vector {
  const ints = A.vectorFromArray([7, null, 9, 10], new A.Int32()).data[0]!;
  const strs = A.vectorFromArray(['a', 'b', null, 'd'], new A.Utf8()).data[0]!;
  const typeIds = Int8Array.of(3, 5, 5, 3);
  const type = new A.Union(mode, [3, 5], [F('i', new A.Int32()), F('s', new A.Utf8())]);
  const props = mode === A.UnionMode.Dense
    ? { type, length: 4, typeIds, valueOffsets: Int32Array.of(0, 0, 1, 1), children: [ints.slice(0, 2), strs.slice(0, 2)] }
    : { type, length: 4, typeIds, children: [ints, strs] };
  return new A.Vector([A.makeData(props as never)]);
}

/** One vector of each Arrow type, by a descriptive name. */
export function arrowVectors(): Record<string, A.Vector> {
  const cat = (): A.Vector => A.vectorFromArray(['x', 'y', null, 'x'], new A.Dictionary(new A.Utf8(), new A.Int32()));
  return {
    int8: A.vectorFromArray([1, null, -3, 4], new A.Int8()),
    uint64: A.vectorFromArray([1n, null, 2n ** 63n, 4n], new A.Uint64()),
    float16: A.vectorFromArray([1.5, null, -2, 65504], new A.Float16()),
    bool: A.vectorFromArray([true, null, false, true], new A.Bool()),
    nulls: A.vectorFromArray([null, null, null, null], new A.Null()),
    decimal32: fixed(new A.Decimal(2, 9, 32), decimalWords([123n, 0n, -999_999_999n, 5n], 32)),
    decimal64: fixed(new A.Decimal(3, 18, 64), decimalWords([123n, 0n, -(10n ** 18n - 1n), 5n], 64)),
    decimal128: fixed(new A.Decimal(4, 38, 128), decimalWords([123n, 0n, -(10n ** 38n - 1n), 5n], 128)),
    decimal256: fixed(new A.Decimal(5, 76, 256), decimalWords([123n, 0n, -(10n ** 76n - 1n), 5n], 256)),
    date: A.vectorFromArray([new Date(0), null, new Date(86_400_000 * 365), new Date(-86_400_000)], new A.DateDay()),
    timeS: fixed(new A.Time(A.TimeUnit.SECOND, 32), Int32Array.of(1, 0, 86_399, 3)),
    timeNs: fixed(new A.Time(A.TimeUnit.NANOSECOND, 64), BigInt64Array.of(1n, 0n, 86_399_999_999_999n, 3n)),
    tsS: fixed(new A.Timestamp(A.TimeUnit.SECOND, 'UTC'), BigInt64Array.of(1n, 0n, -2n, 3n)),
    tsNs: fixed(new A.Timestamp(A.TimeUnit.NANOSECOND, 'Europe/Oslo'), BigInt64Array.of(1n, 0n, -(2n ** 62n), 3n)),
    durationUs: fixed(new A.Duration(A.TimeUnit.MICROSECOND), BigInt64Array.of(1n, 0n, -(2n ** 62n), 3n)),
    yearMonth: fixed(new A.Interval(A.IntervalUnit.YEAR_MONTH), Int32Array.of(1, 0, -14, 3)),
    dayTime: fixed(new A.Interval(A.IntervalUnit.DAY_TIME), Int32Array.of(1, 2, 0, 0, -3, -4, 5, 6)),
    monthDayNano: fixed(new A.Interval(A.IntervalUnit.MONTH_DAY_NANO), Int32Array.of(1, 2, 3, 0, 0, 0, 0, 0, -1, -2, -3, -1, 5, 6, 7, 8)),
    utf8: A.vectorFromArray(['a', null, '', 'ééé'], new A.Utf8()),
    largeUtf8: A.vectorFromArray(['a', null, '', '😀'], new A.LargeUtf8()),
    binary: A.vectorFromArray([Uint8Array.of(1), null, new Uint8Array(0), Uint8Array.of(2, 3)], new A.Binary()),
    largeBinary: A.vectorFromArray([Uint8Array.of(1), null, new Uint8Array(0), Uint8Array.of(2, 3)], new A.LargeBinary()),
    fixedSizeBinary: fixed(new A.FixedSizeBinary(3), Uint8Array.of(1, 2, 3, 0, 0, 0, 4, 5, 6, 7, 8, 9)),
    categorical: cat(),
    list: A.vectorFromArray([[1, 2], null, [], [3, null]], new A.List(F('item', new A.Int32()))),
    largeList: A.vectorFromArray([['a'], null, [], ['b', 'c']], new A.LargeList(F('item', new A.Utf8()))),
    fixedSizeList: A.vectorFromArray([[1, 2], null, [3, 4], [5, null]], new A.FixedSizeList(2, F('item', new A.Float64()))),
    struct: A.vectorFromArray([{ a: 1, b: 'x' }, null, { a: 3, b: null }, { a: 4, b: 'z' }], new A.Struct([F('a', new A.Int32()), F('b', new A.Utf8())])),
    map: A.vectorFromArray(
      [new Map([['a', 1]]), null, new Map(), new Map([['b', 2], ['c', null]])],
      new A.Map_(F('entries', new A.Struct([F('key', new A.Utf8(), false), F('value', new A.Int32())]), false)),
    ),
    listOfStruct: A.vectorFromArray([[{ a: 1 }], null, [], [{ a: null }, { a: 2 }]], new A.List(F('item', new A.Struct([F('a', new A.Int16())])))),
    sparseUnion: union(A.UnionMode.Sparse),
    denseUnion: union(A.UnionMode.Dense),
    listOfCategorical: new A.Vector([
      A.makeData({ type: new A.List(F('item', cat().type)), length: 4, nullCount: 1, nullBitmap: VALID, valueOffsets: Int32Array.of(0, 2, 2, 2, 4), child: cat().data[0]! } as never),
    ]),
    structOfCategorical: new A.Vector([
      A.makeData({ type: new A.Struct([F('c', cat().type)]), length: 4, nullCount: 1, nullBitmap: VALID, children: [cat().data[0]!] } as never),
    ]),
  };
}
