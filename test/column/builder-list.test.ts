import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedSizeList, float64, int32, int64, largeList, list, map, nullable, sharedAllocator, struct, utf8 } from '../../src/index.js';
import { makeBuilder } from '../../src/column/builders.js';
import { appendError, build, buffersIn } from '../support/build.js';

const arr = (v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<unknown>) : v);

describe('list builders', () => {
  it('take arrays, typed arrays and any iterable of items', () => {
    function* gen() {
      yield 5;
      yield 6;
    }
    const c = build(nullable(list(float64())), [[1.5, 2], new Float64Array([3]), new Int32Array([4]), new Set([7]), gen(), null, []]);
    expect(c.toArray().map(arr)).toEqual([[1.5, 2], [3], [4], [7], [5, 6], null, []]);
    expect(c.data.valueOffsets).toEqual(new Int32Array([0, 2, 3, 4, 5, 7, 7, 7]));
    expect(c.data.children[0]!.values).toEqual(new Float64Array([1.5, 2, 3, 4, 7, 5, 6]));
  });

  it('largeList keeps 64-bit offsets; items of any dtype nest', () => {
    const c = build(largeList(list(utf8())), [[['a'], []], [['b', 'c']]]);
    expect(c.data.valueOffsets).toEqual(new BigInt64Array([0n, 2n, 3n]));
    expect(c.toArray()).toEqual([[['a'], []], [['b', 'c']]]);
  });

  it('null items need a nullable item dtype; the row then reads as an array', () => {
    expect(build(list(nullable(int32())), [[1, null, 3]]).get(0)).toEqual([1, null, 3]);
    expect(appendError(list(int32()), [1, null])).toBe(
      'Column "c", row 0, item 1: null does not fit int32: the items are not nullable (declare the item dtype with nullable(...))',
    );
  });

  it('name the row and the item path of a value that does not fit', () => {
    expect(appendError(list(float64()), [1, 'a'], [[1]])).toBe('Column "c", row 1, item 1: "a" (string) does not fit float64: expected a number');
    expect(appendError(list(list(struct({ a: int32() }))), [[], [{ a: 1 }, { a: 'x' }]])).toBe(
      'Column "c", row 0, item 1, item 1, field "a": "x" (string) does not fit int32: expected an integer number',
    );
    expect(appendError(list(utf8()), 'abc')).toBe('Column "c", row 0: "abc" (string) does not fit list<utf8>: expected an array (or a typed array or iterable) of items');
    expect(appendError(list(utf8()), 5)).toMatch(/expected an array/);
  });

  it('a failed append leaves the builder as it was', () => {
    const b = makeBuilder(list(list(int32())), 'c');
    b.append([[1], [2]]);
    expect(() => b.append([[3], [4, 'x']])).toThrow(/row 1, item 1, item 1/);
    b.append([[5]]);
    const d = b.finish();
    expect(d.length).toBe(2);
    expect(d.valueOffsets).toEqual(new Int32Array([0, 2, 3]));
    expect(d.children[0]!.valueOffsets).toEqual(new Int32Array([0, 1, 2, 3]));
    expect(d.children[0]!.children[0]!.values).toEqual(new Int32Array([1, 2, 5]));
  });

  it('hand back exact-length buffers, all from the allocator', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? null : Array.from({ length: i % 5 }, (_, k) => (k === 2 ? null : [`${i}`]))));
    const c = build(nullable(list(nullable(list(utf8())))), values, { allocator: sharedAllocator });
    expect(c.toArray()).toEqual(values);
    for (const b of buffersIn(c.data)) expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const b of buffersIn(c.data)) expect(b.byteOffset === 0 && b.byteLength === b.buffer.byteLength).toBe(true);
    expect(c.data.valueOffsets).toHaveLength(1001);
  });

  it('property: list<int32?> round-trips any arrays with nulls at any level', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.array(fc.option(fc.integer(), { nil: null }), { maxLength: 8 }), { nil: null }), { maxLength: 60 }), (values) => {
        const c = build(nullable(list(nullable(int32()))), values);
        expect(c.toArray().map(arr)).toEqual(values);
        expect(c.nullCount).toBe(values.filter((v) => v === null).length);
      }),
    );
  });
});

describe('fixed-size list builders', () => {
  it('hold exactly size items a row; a null row holds placeholder items', () => {
    const c = build(nullable(fixedSizeList(int32(), 2)), [[1, 2], null, new Int32Array([5, 6]), new Set([7, 8])]);
    expect(c.toArray().map(arr)).toEqual([[1, 2], null, [5, 6], [7, 8]]);
    expect(c.data.children[0]!.length).toBe(8);
  });

  it('refuse another count of items, from arrays and from iterables', () => {
    expect(appendError(fixedSizeList(int32(), 2), [1, 2, 3])).toBe('Column "c", row 0: an Array does not fit fixedSizeList<int32, 2>: holds 3 items; each value holds exactly 2');
    const b = makeBuilder(fixedSizeList(int32(), 2), 'c');
    expect(() => b.append(new Set([1]))).toThrow(/holds 1 items; each value holds exactly 2/);
    b.append([3, 4]);
    expect(b.finish().children[0]!.values).toEqual(new Int32Array([3, 4]));
  });
});

describe('map builders', () => {
  const m = map(utf8(), nullable(int64()));

  it('take a Map, an array of [key, value] pairs or a plain object, keeping order and duplicates', () => {
    const c = build(nullable(m), [
      new Map<string, number | null>([
        ['a', 1],
        ['b', null],
      ]),
      [
        ['x', 2],
        ['x', 3],
      ],
      { k: 4 },
      null,
      [],
    ]);
    expect(c.toArray()).toEqual([[['a', 1], ['b', null]], [['x', 2], ['x', 3]], [['k', 4]], null, []]);
    expect(c.data.children[0]!.children.map((d) => d.length)).toEqual([5, 5]);
  });

  it('refuse null keys, entries that are not pairs and values that are not maps, naming the entry', () => {
    expect(appendError(m, [['a', 1], [null, 2]])).toBe('Column "c", row 0, entry 1, key: null does not fit utf8: a map key is never null');
    expect(appendError(m, [['a', 'x']])).toBe('Column "c", row 0, entry 0, value: "x" (string) does not fit int64: expected an integer number or a bigint');
    expect(appendError(m, [['a', 1, 2]])).toMatch(/entry 0 is not a \[key, value\] pair/);
    expect(appendError(m, 'ab')).toMatch(/expected a Map, an array of \[key, value\] pairs or a plain object/);
    const b = makeBuilder(m, 'c');
    expect(() => b.append([['a', 1], [null, 2]])).toThrow();
    b.append([['z', 9]]);
    const d = b.finish();
    expect(d.children[0]!.length).toBe(1);
  });
});
