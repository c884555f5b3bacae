import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  binary, decimal, dtypeEquals, duration, fixedSizeBinary, fixedSizeList, float16, float64, int32, int64, interval, largeBinary,
  largeList, largeUtf8, list, map, nullType, nullable, struct, time, timestamp, union, utf8,
  InvalidArgumentError, SchemaError, UnknownOptionError,
  type Decimal, type Instant, type RowOf, type ValueOf,
} from '../../src/index.js';
import { dtypeShortName } from '../../src/dtype/dtype.js';
import { fromArrowType, toArrowType } from '../../src/dtype/arrow.js';

const every = [
  nullType(), float16(), decimal(10, 2), decimal(9, 2, { bitWidth: 32 }), decimal(18, 0, { bitWidth: 64 }), decimal(60, 10),
  largeUtf8(), binary(), largeBinary(), fixedSizeBinary(16),
  timestamp('s'), timestamp('ms'), timestamp('us', { timezone: 'UTC' }), timestamp('ns', { timezone: 'America/New_York' }),
  time('s'), time('ms'), time('us'), time('ns'), duration('s'), duration('ns'),
  interval('yearMonth'), interval('dayTime'), interval('monthDayNano'),
  list(float64()), list(nullable(utf8())), largeList(int32()), fixedSizeList(nullable(float64()), 3),
  struct({ a: int32(), b: nullable(utf8()), c: list(struct({ d: float64() })) }),
  map(utf8(), nullable(int64())), map(int32(), list(utf8()), { keysSorted: true }),
  union({ i: int32(), s: utf8() }), union({ i: int32(), s: utf8() }, { mode: 'dense', typeIds: [5, 7] }),
];

describe('dtypes of every Arrow type', () => {
  it('name themselves fully and in polars\' short spelling', () => {
    expect(every.map(String)).toEqual([
      'null?', 'float16', 'decimal(10, 2)', 'decimal32(9, 2)', 'decimal64(18, 0)', 'decimal(60, 10)',
      'largeUtf8', 'binary', 'largeBinary', 'fixedSizeBinary(16)',
      'timestamp[s]', 'timestamp[ms]', 'timestamp[us, UTC]', 'timestamp[ns, America/New_York]',
      'time[s]', 'time[ms]', 'time[us]', 'time[ns]', 'duration[s]', 'duration[ns]',
      'interval[yearMonth]', 'interval[dayTime]', 'interval[monthDayNano]',
      'list<float64>', 'list<utf8?>', 'largeList<int32>', 'fixedSizeList<float64?, 3>',
      'struct<a: int32, b: utf8?, c: list<struct<d: float64>>>',
      'map<utf8, int64?>', 'map<int32, list<utf8>>',
      'sparseUnion<i=0: int32, s=1: utf8>?', 'denseUnion<i=5: int32, s=7: utf8>?',
    ]);
    expect(every.map(dtypeShortName)).toEqual([
      'null', 'f16', 'decimal[10,2]', 'decimal[9,2]', 'decimal[18,0]', 'decimal[60,10]',
      'large_str', 'binary', 'large_binary', 'binary[16]',
      'datetime[s]', 'datetime[ms]', 'datetime[μs, UTC]', 'datetime[ns, America/New_York]',
      'time[s]', 'time[ms]', 'time[μs]', 'time[ns]', 'duration[s]', 'duration[ns]',
      'interval', 'interval', 'interval',
      'list[f64]', 'list[str]', 'large_list[i32]', 'array[f64, 3]',
      'struct[3]', 'map[str, i64]', 'map[i32, list[str]]', 'union[2]', 'union[2]',
    ]);
  });

  it('map to Arrow types and back to equal dtypes', () => {
    for (const d of every) {
      const back = fromArrowType('x', toArrowType(d), d.nullable);
      expect(dtypeEquals(back, d), `${String(d)} came back as ${String(back)}`).toBe(true);
    }
  });

  it('differ by every parameter, children included', () => {
    for (let i = 0; i < every.length; i++) {
      for (let j = 0; j < every.length; j++) expect(dtypeEquals(every[i]!, every[j]!)).toBe(i === j);
    }
    expect(dtypeEquals(list(int32()), list(nullable(int32())))).toBe(false);
    expect(dtypeEquals(struct({ a: int32() }), struct({ b: int32() }))).toBe(false);
    expect(dtypeEquals(struct({ a: int32() }), struct({ a: int32() }))).toBe(true);
  });

  it('check their arguments, naming what is wrong', () => {
    expect(() => decimal(0)).toThrow('the precision is an integer in 1 … 76, got 0');
    expect(() => decimal(10, 11)).toThrow('the scale is an integer of at most the precision (10), got 11');
    expect(() => decimal(10, 2, { bitWidth: 32 })).toThrow('a 32-bit decimal holds at most 9 digits');
    expect(() => decimal(10, 2, { bitWidth: 48 as 32 })).toThrow('the bit width is 32, 64, 128 or 256, got 48');
    expect(() => decimal(10, 2, { width: 32 } as never)).toThrow(UnknownOptionError);
    expect(() => time('m' as 's')).toThrow(InvalidArgumentError);
    expect(() => duration('us', 'big' as 'bigint')).toThrow(InvalidArgumentError);
    expect(() => interval('weeks' as 'dayTime')).toThrow(InvalidArgumentError);
    expect(() => fixedSizeBinary(-1)).toThrow(InvalidArgumentError);
    expect(() => fixedSizeList(int32(), 1.5)).toThrow(InvalidArgumentError);
    expect(() => list('int32' as never)).toThrow(SchemaError);
    expect(() => struct({ a: 5 as never })).toThrow('struct: the dtype of "a" is not a dtype');
    expect(() => union({ a: int32(), b: utf8() }, { typeIds: [1, 1] })).toThrow('typeIds are 2 distinct integers in 0 … 127, got [1, 1]');
    expect(() => union({ a: int32() }, { mode: 'packed' as 'dense' })).toThrow(InvalidArgumentError);
    expect(() => map(utf8(), int32(), { sorted: true } as never)).toThrow(UnknownOptionError);
  });

  it('keep struct fields in the given order, also for names JavaScript would reorder, and repeated names', () => {
    const d = struct([['b', int32()], ['1', utf8()], ['b', float64()]]);
    expect(d.fields!.map((f) => f.name)).toEqual(['b', '1', 'b']);
    expect(String(d)).toBe('struct<b: int32, "1": utf8, b: float64>');
  });

  it('make map keys non-nullable and the null type always nullable', () => {
    const m = map(nullable(utf8()), int32());
    expect(m.item!.dtype.fields![0]!.dtype.nullable).toBe(false);
    expect(nullable(nullType()).nullable).toBe(true);
    expect(nullType().nullable).toBe(true);
  });

  it('type their row values exactly', () => {
    const schema = {
      xs: list(float64()),
      ys: list(nullable(int32())),
      ss: list(utf8()),
      p: struct({ a: int32(), b: nullable(utf8()) }),
      t: timestamp('ns'),
      m: timestamp('ms'),
      d: nullable(decimal(10, 2)),
      b: binary(),
      kv: map(utf8(), nullable(int64())),
      u: union({ i: int32(), s: utf8() }),
    };
    type R = RowOf<typeof schema>;
    expectTypeOf<R['xs']>().toEqualTypeOf<Float64Array>();
    expectTypeOf<R['ys']>().toEqualTypeOf<Int32Array | (number | null)[]>();
    expectTypeOf<R['ss']>().toEqualTypeOf<string[]>();
    expectTypeOf<R['p']>().toEqualTypeOf<{ readonly a: number; readonly b: string | null }>();
    expectTypeOf<R['t']>().toEqualTypeOf<Instant>();
    expectTypeOf<R['m']>().toEqualTypeOf<Date>();
    expectTypeOf<R['d']>().toEqualTypeOf<Decimal | null>();
    expectTypeOf<R['b']>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<R['kv']>().toEqualTypeOf<[string, number | null][]>();
    expectTypeOf<R['u']>().toEqualTypeOf<number | string | null>();
    expectTypeOf<ValueOf<ReturnType<typeof interval<'monthDayNano'>>>>().toEqualTypeOf<{ readonly months: number; readonly days: number; readonly nanoseconds: bigint }>();
  });
});
