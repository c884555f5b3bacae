import { describe, expect, expectTypeOf, it } from 'vitest';
import { Field, Float64, List, TimestampNanosecond, tableFromArrays, vectorFromArray } from 'apache-arrow';
import {
  ColumnNotFoundError,
  DataFrame,
  Decimal,
  Instant,
  binary,
  decimal,
  float16,
  list,
  map,
  nullType,
  struct,
  bool,
  categorical,
  date,
  float64,
  int32,
  int64,
  nullable,
  timestamp,
  uint64,
  utf8,
  type Column,
  type DType,
  type RecordOf,
  type RowOf,
} from '../../src/index.js';

/** A row type without the view's methods: its column values alone. */
type Values<R> = { [K in keyof R as K extends 'toObject' | 'toJSON' ? never : K]: R[K] };
const values = <R>(row: R): Values<R> => row as Values<R>;
/** What an untyped row view is: unknown values, and the methods giving a plain record. */
type UntypedRow = Readonly<Record<string, unknown>> & { readonly toObject: () => Record<string, unknown>; readonly toJSON: () => Record<string, unknown> };

describe('typed rows', () => {
  it('a declared schema gives rows typed RowOf<S>', () => {
    const df = DataFrame.fromRecords([{ name: 'Ada', age: 36, address: null }], {
      schema: { name: utf8(), age: int32(), address: nullable(utf8()) },
    });
    expectTypeOf(values(df.row(0))).toEqualTypeOf<{ readonly name: string; readonly age: number; readonly address: string | null }>();
    for (const r of df) {
      expectTypeOf(r.name).toEqualTypeOf<string>();
      expectTypeOf(r.address).toEqualTypeOf<string | null>();
    }
    expectTypeOf(df.getColumn('age')).toEqualTypeOf<Column<DType<'int32', number, false>>>();
    expectTypeOf(df.getColumn('age').get(0)).toEqualTypeOf<number>();
  });

  it('each dtype maps to its JavaScript value type', () => {
    const schema = {
      b: bool(),
      c: categorical(),
      d: date(),
      t: timestamp({ timezone: 'UTC' }),
      f: float64(),
      i: int64(),
      ib: int64('bigint'),
      u: uint64('bigint'),
      n: nullable(int32()),
    };
    type R = Values<RowOf<typeof schema>>;
    expectTypeOf<R>().toEqualTypeOf<{
      readonly b: boolean;
      readonly c: string;
      readonly d: Date;
      readonly t: Date;
      readonly f: number;
      readonly i: number;
      readonly ib: bigint;
      readonly u: bigint;
      readonly n: number | null;
    }>();
  });

  it('rows of a schema known only at run time are untyped records', () => {
    const df = DataFrame.fromArrow(tableFromArrays({ x: new Float64Array(1) }));
    expectTypeOf(df.row(0)).toEqualTypeOf<UntypedRow>();
    expectTypeOf(df.row(0).toObject()).toEqualTypeOf<Record<string, unknown>>();
  });

  it('fromColumns infers dtypes from typed arrays and plain arrays', () => {
    const df = DataFrame.fromColumns({
      f: new Float64Array(2),
      i: new Int32Array(2),
      s: ['a', null],
      n: [1, 2],
      b: [true, false],
      t: [new Date(), new Date()],
      big: new BigInt64Array(2),
    });
    expectTypeOf(values(df.row(0))).toEqualTypeOf<{
      readonly f: number;
      readonly i: number;
      readonly s: string | null;
      readonly n: number;
      readonly b: boolean;
      readonly t: Date;
      readonly big: number;
    }>();
    const big = DataFrame.fromColumns({ big: new BigInt64Array(2) }, { int64: 'bigint' });
    expectTypeOf(big.row(0).big).toEqualTypeOf<bigint>();
  });

  it('fromRecords infers a schema from the record type, optional keys nullable', () => {
    const df = DataFrame.fromRecords([{ a: 1, b: 'x' }] as { a: number; b?: string }[]);
    expectTypeOf(values(df.row(0))).toEqualTypeOf<{ readonly a: number; readonly b: string | null }>();
  });

  it('a row view has toObject() and toJSON() giving the plain record of its values', () => {
    const schema = { name: utf8(), age: int32(), address: nullable(utf8()) };
    const df = DataFrame.fromRecords([{ name: 'Ada', age: 36, address: null }], { schema });
    const row = df.row(0);
    expectTypeOf(row.toObject()).toEqualTypeOf<{ name: string; age: number; address: string | null }>();
    expectTypeOf(row.toJSON()).toEqualTypeOf<{ name: string; age: number; address: string | null }>();
    expectTypeOf(row.toObject()).toEqualTypeOf<RecordOf<typeof schema>>();
    expect(row.toObject()).toEqual({ name: 'Ada', age: 36, address: null });
    for (const r of df) expectTypeOf(r.toObject()).toEqualTypeOf<RecordOf<typeof schema>>();
  });

  it('a column named toObject or toJSON shadows that method, in the type as at run time', () => {
    const df = DataFrame.fromColumns({ toObject: [1], x: ['a'] }, { schema: { toObject: int32(), x: utf8() } });
    const row = df.row(0);
    expectTypeOf(row.toObject).toEqualTypeOf<number>();
    expectTypeOf(row.toJSON()).toEqualTypeOf<{ toObject: number; x: string }>();
    expect(row.toObject).toBe(1);
    expect(row.toJSON()).toEqual({ toObject: 1, x: 'a' });
  });

  it('toRecords gives mutable plain records, with bigint when asked', () => {
    const df = DataFrame.fromColumns({ id: [1n], s: ['x'] }, { schema: { id: int64(), s: utf8() } });
    expectTypeOf(df.toRecords()).toEqualTypeOf<{ id: number; s: string }[]>();
    expectTypeOf(df.toRecords({ int64: 'bigint' })).toEqualTypeOf<{ id: bigint; s: string }[]>();
  });
});

describe('typed verbs', () => {
  const df = DataFrame.fromColumns(
    { name: ['Ada'], age: [36], city: ['London'] },
    { schema: { name: utf8(), age: int32(), city: categorical() } },
  );

  it('select narrows the schema', () => {
    const s = df.select('name', 'age');
    expectTypeOf(values(s.row(0))).toEqualTypeOf<{ readonly name: string; readonly age: number }>();
    // @ts-expect-error: "agee" is not a column
    expect(() => df.select('agee')).toThrow(ColumnNotFoundError);
  });

  it('drop removes columns from the type', () => {
    expectTypeOf(values(df.drop('city').row(0))).toEqualTypeOf<{ readonly name: string; readonly age: number }>();
  });

  it('rename renames keys in the type', () => {
    expectTypeOf(values(df.rename({ age: 'years' }).row(0))).toEqualTypeOf<{
      readonly name: string;
      readonly years: number;
      readonly city: string;
    }>();
  });

  it('head, tail and slice keep the schema', () => {
    expectTypeOf(df.head(1)).toEqualTypeOf<typeof df>();
    expectTypeOf(df.tail(1)).toEqualTypeOf<typeof df>();
    expectTypeOf(df.slice(0, 1)).toEqualTypeOf<typeof df>();
  });

  it('a typed frame is assignable to an untyped one', () => {
    const untyped: DataFrame = df;
    expectTypeOf(untyped.row(0)).toEqualTypeOf<UntypedRow>();
  });
});

describe('typed rows of nested and exact dtypes', () => {
  it('RowOf maps list, struct and timestamp[ns] schemas to typed-array views, nested records and Instants', () => {
    const schema = { xs: list(float64()), p: struct({ a: int32(), b: nullable(utf8()) }), t: timestamp('ns') };
    type R = Values<RowOf<typeof schema>>;
    expectTypeOf<R['xs']>().toEqualTypeOf<Float64Array>();
    expectTypeOf<R['p']>().toEqualTypeOf<{ readonly a: number; readonly b: string | null }>();
    expectTypeOf<R['t']>().toEqualTypeOf<Instant>();
    const df = DataFrame.fromRecords([{ xs: [1.5], p: { a: 1, b: null }, t: new Instant(1n, 'ns') }], { schema });
    const row = df.row(0);
    expect(row.xs).toBeInstanceOf(Float64Array);
    expect([row.p.a, row.p.b]).toEqual([1, null]);
    expect(row.t).toBeInstanceOf(Instant);
  });

  it('RowOf of the other new dtypes', () => {
    const schema = {
      n: list(nullable(int32())),
      s: list(utf8()),
      m: map(utf8(), nullable(int64('bigint'))),
      d: nullable(decimal(10, 2)),
      b: binary(),
      ts: timestamp('s'),
      h: float16(),
      z: nullType(),
    };
    type R = Values<RowOf<typeof schema>>;
    expectTypeOf<R>().toEqualTypeOf<{
      readonly n: Int32Array | (number | null)[];
      readonly s: string[];
      readonly m: [string, bigint | null][];
      readonly d: Decimal | null;
      readonly b: Uint8Array;
      readonly ts: Date;
      readonly h: number;
      readonly z: null;
    }>();
  });

  it('fromRecords and fromColumns infer nested dtypes at the type level as they do at run time', () => {
    const df = DataFrame.fromRecords([
      { xs: [1.5, 2], p: { a: 1, b: 'x' as string | undefined }, t: new Instant(5n, 'ns'), d: new Decimal(1n, 2), bytes: new Uint8Array([1]), f32: new Float32Array(1) },
    ]);
    const row = values(df.row(0));
    expectTypeOf(row.xs).toEqualTypeOf<Int32Array | Float64Array>();
    expectTypeOf(row.p).toEqualTypeOf<{ readonly a: number; readonly b: string | null }>();
    expectTypeOf(row.t).toEqualTypeOf<Instant>();
    expectTypeOf(row.d).toEqualTypeOf<Decimal>();
    expectTypeOf(row.bytes).toEqualTypeOf<Uint8Array>();
    expectTypeOf(row.f32).toEqualTypeOf<Float32Array>();
    expect(df.dtypes.map(String)).toEqual(['list<float64>', 'struct<a: int32, b: utf8>', 'timestamp[ns]', 'decimal(38, 2)', 'binary', 'list<float32>']);
    const cols = DataFrame.fromColumns({ ys: [[1, null], null] });
    expectTypeOf(values(cols.row(0)).ys).toEqualTypeOf<Int32Array | Float64Array | (number | null)[] | null>();
    expect(cols.getColumn('ys').get(0)).toEqual([1, null]);
  });

  it('fromArrow-typed vectors give the dtype of their Arrow type, nested ones included', () => {
    const l = vectorFromArray([[1, 2]], new List(new Field('item', new Float64())));
    const ns = vectorFromArray([new Date(0)], new TimestampNanosecond());
    const df = DataFrame.fromColumns({ l, ns });
    const row = values(df.row(0));
    expectTypeOf(row.l).toEqualTypeOf<Float64Array | (number | null)[] | null>();
    expectTypeOf(row.ns).toEqualTypeOf<Instant | null>();
    expect(row.l).toEqual(new Float64Array([1, 2]));
    expect(row.ns).toEqual(new Instant(0n, 'ns'));
  });
});
