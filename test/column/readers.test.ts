import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Binary, Decimal as ArrowDecimal, DenseUnion, Field, FixedSizeBinary, Float16, Float64, Int32, IntervalDayTime, IntervalMonthDayNano,
  IntervalYearMonth, LargeBinary, TimestampNanosecond, LargeList, LargeUtf8, List, Map_, SparseUnion, Struct, TimeNanosecond, TimeSecond, Utf8,
  makeData, vectorFromArray, type Data,
} from 'apache-arrow';
import { Decimal, Instant } from '../../src/index.js';
import { fromArrowType } from '../../src/dtype/arrow.js';
import { float16ToNumber, nullableReader, readerOf, type ReadMode } from '../../src/column/readers.js';

function read(data: Data, mode: ReadMode = 'plain'): unknown[] {
  const dtype = fromArrowType('x', data.type, true);
  const r = nullableReader(data, dtype, 'x', mode);
  return Array.from({ length: data.length }, (_, i) => r(i));
}

/** Little-endian 32-bit words of `v` in `words` words (two's complement). */
function wordsOf(values: bigint[], words: number): Uint32Array {
  const out = new Uint32Array(values.length * words);
  values.forEach((v, i) => {
    let x = BigInt.asUintN(words * 32, v);
    for (let k = 0; k < words; k++) {
      out[i * words + k] = Number(x & 0xffffffffn);
      x >>= 32n;
    }
  });
  return out;
}

describe('value readers', () => {
  it('read decimals of every width exactly, negatives included', () => {
    for (const [bits, v] of [[32, [-2147483648n, 5n, 2147483647n]], [64, [-(2n ** 63n), -1n, 2n ** 63n - 1n]], [128, [-(10n ** 38n) + 1n, 0n, 10n ** 38n - 1n]], [256, [-(2n ** 255n), 12345n, 2n ** 255n - 1n]]] as const) {
      const data = makeData({ type: new ArrowDecimal(3, 76, bits), length: 3, nullCount: 0, data: wordsOf([...v], bits / 32) });
      expect(read(data).map(String)).toEqual(v.map((x) => new Decimal(x, 3).toString()));
      expect(read(data.slice(1, 2), 'json')).toEqual(v.slice(1).map((x) => new Decimal(x, 3).toString()));
    }
  });

  it('read float16 bit patterns as the numbers they hold', () => {
    const cases: [number, number][] = [[0x0000, 0], [0x8000, -0], [0x3c00, 1], [0x7bff, 65504], [0x0001, 2 ** -24], [0x03ff, 1023 * 2 ** -24], [0x7c00, Infinity], [0xfc00, -Infinity], [0x3555, 0.333251953125]];
    for (const [h, v] of cases) expect(Object.is(float16ToNumber(h), v), `0x${h.toString(16)}`).toBe(true);
    expect(float16ToNumber(0x7e00)).toBeNaN();
    const data = makeData({ type: new Float16(), length: 2, nullCount: 0, data: new Uint16Array([0x3c00, 0xc000]) });
    expect(read(data)).toEqual([1, -2]);
  });

  it('read every float16 as the float32 of the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (h) => {
        const v = float16ToNumber(h);
        if (Number.isNaN(v)) return;
        expect(Math.fround(v)).toBe(v);
      }),
    );
  });

  it('read intervals as plain objects', () => {
    const ym = makeData({ type: new IntervalYearMonth(), length: 1, nullCount: 0, data: new Int32Array([-14]) });
    const dt = makeData({ type: new IntervalDayTime(), length: 1, nullCount: 0, data: new Int32Array([3, 4]) });
    const mdn = makeData({ type: new IntervalMonthDayNano(), length: 2, nullCount: 0, data: new Int32Array([1, 2, -1, -1, 5, 6, 7, 0]) });
    expect(read(ym)).toEqual([{ months: -14 }]);
    expect(read(dt)).toEqual([{ days: 3, milliseconds: 4 }]);
    expect(read(mdn)).toEqual([{ months: 1, days: 2, nanoseconds: -1n }, { months: 5, days: 6, nanoseconds: 7n }]);
    expect(read(mdn.slice(1, 1), 'json')).toEqual([{ months: 5, days: 6, nanoseconds: '7' }]);
  });

  it('read times of day as counts and nanosecond timestamps as Instants', () => {
    const t = makeData({ type: new TimeNanosecond(), length: 1, nullCount: 0, data: new BigInt64Array([86_399_999_999_999n]) });
    expect(read(t)).toEqual([86_399_999_999_999]);
    const s = makeData({ type: new TimeSecond(), length: 1, nullCount: 0, data: new Int32Array([37800]) });
    expect(read(s)).toEqual([37800]);
    const c = fromArrowType('t', new TimeSecond(), false);
    expect(readerOf(s, c, 't', 'view')(0)).toBe(37800);
    const ts = makeData({ type: new TimestampNanosecond(), length: 1, nullCount: 0, data: new BigInt64Array([1n]) });
    expect(read(ts)[0]).toEqual(new Instant(1n, 'ns'));
    expect(read(ts, 'json')).toEqual(['1970-01-01T00:00:00.000000001Z']);
  });

  it('read bytes as views of the buffer, large offsets and fixed widths included', () => {
    const b = vectorFromArray([new Uint8Array([1, 2]), null, new Uint8Array([])], new Binary()).data[0]!;
    const got = read(b) as (Uint8Array | null)[];
    expect(got).toEqual([new Uint8Array([1, 2]), null, new Uint8Array([])]);
    expect(got[0]!.buffer).toBe((b.values as Uint8Array).buffer);
    expect(read(b, 'json')).toEqual(['AQI=', null, '']);
    const lb = vectorFromArray([new Uint8Array([9])], new LargeBinary()).data[0]!;
    expect(read(lb)).toEqual([new Uint8Array([9])]);
    const fb = makeData({ type: new FixedSizeBinary(2), length: 3, nullCount: 0, data: new Uint8Array([1, 2, 3, 4, 5, 6]) });
    expect(read(fb.slice(1, 2))).toEqual([new Uint8Array([3, 4]), new Uint8Array([5, 6])]);
    const lu = vectorFromArray(['a', 'é€'], new LargeUtf8()).data[0]!;
    expect(read(lu)).toEqual(['a', 'é€']);
  });

  it('read numeric lists as views, with nulls as arrays, and keep slices right', () => {
    const l = vectorFromArray([[1, 2], [3, null], null, [], [4]], new List(new Field('item', new Float64(), true))).data[0]!;
    const got = read(l, 'view');
    expect(got[0]).toBeInstanceOf(Float64Array);
    expect(got).toEqual([new Float64Array([1, 2]), [3, null], null, new Float64Array([]), new Float64Array([4])]);
    expect(read(l.slice(3, 2), 'view')).toEqual([new Float64Array([]), new Float64Array([4])]);
    expect(read(l, 'json')).toEqual([[1, 2], [3, null], null, [], [4]]);
    const ll = vectorFromArray([['a'], ['b', 'c']], new LargeList(new Field('item', new Utf8(), true))).data[0]!;
    expect(read(ll)).toEqual([['a'], ['b', 'c']]);
  });

  it('read structs as plain objects in field order, maps as entries', () => {
    const s = vectorFromArray(
      [{ b: 1, a: 'x' }, null, { b: 2, a: null }],
      new Struct([new Field('b', new Int32()), new Field('a', new Utf8(), true)]),
    ).data[0]!;
    const got = read(s) as Record<string, unknown>[];
    expect(got).toEqual([{ b: 1, a: 'x' }, null, { b: 2, a: null }]);
    expect(Object.keys(got[0]!)).toEqual(['b', 'a']);
    expect(read(s.slice(2, 1))).toEqual([{ b: 2, a: null }]);
    const entries = new Field('entries', new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]), false);
    const m = vectorFromArray([new Map([['a', 1], ['b', null]]), new Map()], new Map_(entries)).data[0]!;
    expect(read(m)).toEqual([[['a', 1], ['b', null]], []]);
  });

  it('read sparse and dense unions through their type ids', () => {
    const children = [new Field('i', new Int32(), true), new Field('s', new Utf8(), true)];
    const ints = vectorFromArray([1, null, 3], new Int32()).data[0]!;
    const strs = vectorFromArray(['a', 'b', 'c'], new Utf8()).data[0]!;
    const sparse = makeData({ type: new SparseUnion([3, 9], children), length: 3, nullCount: 0, typeIds: new Int8Array([9, 3, 3]), children: [ints, strs] });
    expect(read(sparse)).toEqual(['a', null, 3]);
    expect(read(sparse.slice(1, 2))).toEqual([null, 3]);
    const dense = makeData({ type: new DenseUnion([3, 9], children), length: 3, nullCount: 0, typeIds: new Int8Array([3, 9, 3]), valueOffsets: new Int32Array([2, 0, 0]), children: [ints, strs] });
    expect(read(dense)).toEqual([3, 'a', 1]);
    const bad = makeData({ type: new SparseUnion([3, 9], children), length: 1, nullCount: 0, typeIds: new Int8Array([4]), children: [ints.slice(0, 1), strs.slice(0, 1)] });
    expect(() => read(bad)).toThrow('Column "x", row 0: union type id 4 names no child');
  });
});

