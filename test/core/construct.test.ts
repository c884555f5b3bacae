import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as A from 'apache-arrow';
import {
  DataFrame,
  Decimal,
  Instant,
  binary,
  decimal,
  duration,
  fixedSizeBinary,
  fixedSizeList,
  float16,
  float64,
  int32,
  int64,
  interval,
  largeBinary,
  largeList,
  largeUtf8,
  list,
  map,
  nullType,
  nullable,
  sharedAllocator,
  struct,
  time,
  timestamp,
  union,
  utf8,
} from '../../src/index.js';
import { buffersIn } from '../support/build.js';

const field = (n: string, t: A.DataType, isNullable = true) => new A.Field(n, t, isNullable);

/** One Arrow vector of every type apache-arrow has (that colframe holds as is), built by apache-arrow, and a row value it holds. */
function arrowVectors(): [string, A.Vector, number, unknown][] {
  const i32 = A.vectorFromArray([1, 2, 3], new A.Int32()).data[0]!;
  const str = A.vectorFromArray(['a', 'b', 'c'], new A.Utf8()).data[0]!;
  const sparse = A.makeData({ type: new A.SparseUnion([0, 1], [field('i', new A.Int32()), field('s', new A.Utf8())]), length: 3, typeIds: new Int8Array([0, 1, 0]), children: [i32, str] });
  const dense = A.makeData({
    type: new A.DenseUnion([3, 7], [field('i', new A.Int32()), field('s', new A.Utf8())]),
    length: 3,
    typeIds: new Int8Array([7, 3, 7]),
    valueOffsets: new Int32Array([0, 0, 1]),
    children: [i32, str],
  });
  return [
    ['float16', A.vectorFromArray([1.5, null, 2], new A.Float16()), 0, 1.5],
    ['timestamp[s]', A.vectorFromArray([new Date(1000), null], new A.TimestampSecond()), 0, new Date(1000)],
    ['timestamp[us]', A.vectorFromArray([new Date(1), null], new A.TimestampMicrosecond()), 0, new Instant(1000n, 'us')],
    ['timestamp[ns, UTC]', A.vectorFromArray([new Date(2), null], new A.TimestampNanosecond('UTC')), 0, new Instant(2_000_000n, 'ns')],
    ['time[ms]', A.vectorFromArray([5, null], new A.TimeMillisecond()), 0, 5],
    ['time[ns]', A.vectorFromArray([7n, null], new A.TimeNanosecond()), 0, 7],
    ['duration[ns]', A.vectorFromArray([1n, null], new A.DurationNanosecond()), 0, 1],
    ['interval[dayTime]', new A.Vector([A.makeData({ type: new A.IntervalDayTime(), length: 2, data: new Int32Array([1, 2, 3, 4]) })]), 1, { days: 3, milliseconds: 4 }],
    ['interval[yearMonth]', new A.Vector([A.makeData({ type: new A.IntervalYearMonth(), length: 1, data: new Int32Array([14]) })]), 0, { months: 14 }],
    ['decimal', A.vectorFromArray([new Uint32Array([5, 0, 0, 0]), null], new A.Decimal(2, 10, 128)), 0, new Decimal(5n, 2)],
    ['decimal64', new A.Vector([A.makeData({ type: new A.Decimal(1, 18, 64), length: 1, data: new Uint32Array([0xffffffff, 0xffffffff]) })]), 0, new Decimal(-1n, 1)],
    ['binary', A.vectorFromArray([new Uint8Array([1]), null], new A.Binary()), 0, new Uint8Array([1])],
    ['largeBinary', A.vectorFromArray([new Uint8Array([1, 2]), null], new A.LargeBinary()), 0, new Uint8Array([1, 2])],
    ['largeUtf8', A.vectorFromArray(['a', null], new A.LargeUtf8()), 0, 'a'],
    ['fixedSizeBinary', A.vectorFromArray([new Uint8Array([1, 2]), null], new A.FixedSizeBinary(2)), 0, new Uint8Array([1, 2])],
    ['list', A.vectorFromArray([[1, 2], null, []], new A.List(field('item', new A.Float64()))), 0, new Float64Array([1, 2])],
    ['largeList', A.vectorFromArray([[1, 2], null, []], new A.LargeList(field('item', new A.Int32()))), 0, new Int32Array([1, 2])],
    ['fixedSizeList', A.vectorFromArray([[1, 2], null], new A.FixedSizeList(2, field('item', new A.Int32()))), 0, new Int32Array([1, 2])],
    ['struct', A.vectorFromArray([{ a: 1, b: 'x' }, null], new A.Struct([field('a', new A.Int32()), field('b', new A.Utf8())])), 0, { a: 1, b: 'x' }],
    ['map', A.vectorFromArray([new Map([['a', 1]]), null], new A.Map_(field('entries', new A.Struct([field('key', new A.Utf8(), false), field('value', new A.Int32())])) as A.Field<A.Struct<{ key: A.Utf8; value: A.Int32 }>>)), 0, [['a', 1]]],
    ['sparseUnion', new A.Vector([sparse]), 1, 'b'],
    ['denseUnion', new A.Vector([dense]), 2, 'b'],
    ['null', A.vectorFromArray([null, null], new A.Null()), 0, null],
    ['dictionary', A.vectorFromArray(['a', 'b', 'a'], new A.Dictionary(new A.Utf8(), new A.Int32())), 1, 'b'],
    ['date', A.vectorFromArray([new Date(0)], new A.DateDay()), 0, new Date(0)],
  ];
}

const plain = (v: unknown) => (v !== null && typeof v === 'object' && typeof (v as { toObject?: unknown }).toObject === 'function' ? (v as { toObject(): unknown }).toObject() : v);

describe('fromArrow and toArrow', () => {
  it('are zero-copy for every Arrow type: the column is the vector\'s own Data, and so is the table it gives back', () => {
    for (const [name, vec, row, value] of arrowVectors()) {
      const df = DataFrame.fromArrow(new A.Table({ x: vec }));
      expect(df.getColumn('x').data, name).toBe(vec.data[0]);
      expect(plain(df.getColumn('x').get(row)), name).toEqual(value);
      const back = df.toArrow().getChild('x')!;
      expect(back.data[0], name).toBe(vec.data[0]);
      expect(String(back.type), name).toBe(String(vec.type));
    }
  });

  it('join the chunks of a multi-chunk vector of any type into one column, slices included', () => {
    for (const [name, vec] of arrowVectors()) {
      const d = vec.data[0]!;
      const sliced = d.slice(1, d.length - 1);
      const chunked = new A.Vector([d, sliced, d]);
      const df = DataFrame.fromArrow(new A.Table({ x: chunked }));
      const col = df.getColumn('x');
      expect(col.data.length, name).toBe(2 * d.length + sliced.length);
      const one = DataFrame.fromArrow(new A.Table({ x: vec })).getColumn('x');
      const part = DataFrame.fromArrow(new A.Table({ x: new A.Vector([sliced]) })).getColumn('x');
      const want = [...one.toArray(), ...part.toArray(), ...one.toArray()].map(plain);
      expect(col.toArray().map(plain), name).toEqual(want);
      expect(col.nullCount, name).toBe(want.filter((v) => v === null).length);
    }
  });

  it('join chunks into shared memory with the shared allocator', () => {
    const vec = A.vectorFromArray([[1, 2], null, [3]], new A.List(field('item', new A.Float64())));
    const df = DataFrame.fromArrow(new A.Table({ x: vec.concat(vec) }), { allocator: sharedAllocator });
    for (const b of buffersIn(df.getColumn('x').data)) expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('refuse a declared dtype whose unit, scale or children differ from the data', () => {
    const ns = A.vectorFromArray([new Date(0)], new A.TimestampNanosecond());
    expect(() => DataFrame.fromColumns({ t: ns }, { schema: { t: timestamp('ms') } })).toThrow('Column "t" holds timestamp[ns] but the schema declares timestamp[ms]; cast it first');
    const l = A.vectorFromArray([[1]], new A.List(field('item', new A.Int32())));
    expect(() => DataFrame.fromColumns({ l }, { schema: { l: list(float64()) } })).toThrow(/holds list<int32\?> but the schema declares list<float64>/);
    expect(DataFrame.fromColumns({ l }, { schema: { l: nullable(list(int32())) } }).getColumn('l').data).toBe(l.data[0]);
  });
});

describe('fromColumns and fromRecords with a schema of any dtype', () => {
  const schema = {
    t: nullable(timestamp('ns')),
    tm: time('us'),
    du: duration('ms'),
    iv: interval('monthDayNano'),
    d: nullable(decimal(12, 3)),
    h: float16(),
    b: nullable(binary()),
    lb: largeBinary(),
    fb: fixedSizeBinary(2),
    lu: largeUtf8(),
    n: nullType(),
    xs: nullable(list(float64())),
    ll: largeList(utf8()),
    fl: fixedSizeList(int32(), 2),
    p: nullable(struct({ a: int32(), b: nullable(utf8()) })),
    m: map(utf8(), int64()),
    u: union({ i: int32(), s: nullable(utf8()) }, { mode: 'dense' }),
  };
  const records = [
    {
      t: new Instant(1n, 'ns'),
      tm: 5,
      du: -2,
      iv: { months: 1, days: 2, nanoseconds: 3n },
      d: new Decimal(12345n, 3),
      h: 0.5,
      b: new Uint8Array([1]),
      lb: new Uint8Array([2, 3]),
      fb: new Uint8Array([4, 5]),
      lu: 'é',
      n: null,
      xs: new Float64Array([1, 2.5]),
      ll: ['a', 'b'],
      fl: new Int32Array([1, 2]),
      p: { a: 1, b: null },
      m: [['k', 1]],
      u: 'x',
    },
    {
      t: null,
      tm: 0,
      du: 0,
      iv: { months: 0, days: 0, nanoseconds: 0n },
      d: null,
      h: -0,
      b: null,
      lb: new Uint8Array(0),
      fb: new Uint8Array([0, 0]),
      lu: '',
      n: null,
      xs: null,
      ll: [],
      fl: new Int32Array([3, 4]),
      p: null,
      m: [],
      u: 7,
    },
  ];

  it('build every column from row values, and read the same values back', () => {
    const df = DataFrame.fromRecords(records, { schema });
    expect(df.toRecords()).toEqual(records);
    const cols: Record<string, unknown[]> = Object.fromEntries(Object.keys(schema).map((k) => [k, records.map((r) => r[k as keyof typeof r])]));
    expect(DataFrame.fromColumns(cols as never, { schema }).toRecords()).toEqual(records);
  });

  it('take the values a frame\'s rows hold (views, typed arrays, Instants) back into a frame of the same schema', () => {
    const df = DataFrame.fromRecords(records, { schema });
    const again = DataFrame.fromRecords([...df], { schema });
    expect(again.toRecords()).toEqual(records);
  });

  it('name the column, row and path of a nested value that does not fit', () => {
    expect(() => DataFrame.fromRecords([{ p: { a: 1 } }, { p: { a: 'x' } }], { schema: { p: struct({ a: int32() }) } })).toThrow(
      'Column "p", row 1, field "a": "x" (string) does not fit int32: expected an integer number',
    );
    expect(() => DataFrame.fromColumns({ xs: [[1], [2, 'a']] }, { schema: { xs: list(float64()) } })).toThrow('Column "xs", row 1, item 1: "a" (string) does not fit float64: expected a number');
  });

  it('typed arrays given for a float16 column are numbers to round, not bit patterns', () => {
    expect(DataFrame.fromColumns({ h: new Uint16Array([1, 2]) }, { schema: { h: float16() } }).getColumn('h').toArray()).toEqual([1, 2]);
  });

  it('put a nested column wholly in shared memory with the shared allocator', () => {
    const df = DataFrame.fromRecords(records, { schema, allocator: sharedAllocator });
    for (const c of df.getColumns()) for (const b of buffersIn(c.data)) expect(b.buffer, c.name).toBeInstanceOf(SharedArrayBuffer);
  });

  it('property: list<float64> columns round-trip any arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double(), { maxLength: 6 }), { maxLength: 50 }), (xs) => {
        const df = DataFrame.fromColumns({ xs }, { schema: { xs: list(float64()) } });
        expect(df.getColumn('xs').toArray().map((v) => Array.from(v as Float64Array))).toEqual(xs);
      }),
    );
  });
});
