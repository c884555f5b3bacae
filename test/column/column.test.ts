import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { Field as ArrowField, Int32, SparseUnion, Table, Utf8, makeData, makeVector, vectorFromArray } from 'apache-arrow';
import { DataFrame, IndexOutOfRangeError, nullable, float64 } from '../../src/index.js';
import { everyDtypeVectors, frameOf } from '../support/every-dtype.js';

const col = () => DataFrame.fromColumns({ x: [1.5, null, 3] }, { schema: { x: nullable(float64()) } }).getColumn('x');

describe('Column', () => {
  it('exposes length, nullCount, dtype and name', () => {
    const c = col();
    expect(c.length).toBe(3);
    expect(c.nullCount).toBe(1);
    expect(String(c.dtype)).toBe('float64?');
    expect(c.name).toBe('x');
  });

  it('get reads a value or null, negative indices from the end', () => {
    const c = col();
    expect(c.get(0)).toBe(1.5);
    expect(c.get(1)).toBeNull();
    expect(c.get(-1)).toBe(3);
    expect(c.isNull(1)).toBe(true);
    expect(c.isNull(-3)).toBe(false);
  });

  it('get rejects indices outside the column', () => {
    const c = col();
    expect(() => c.get(3)).toThrow(IndexOutOfRangeError);
    expect(() => c.get(3)).toThrow('Index 3 is out of range for column "x" of length 3 (valid: -3 … 2)');
    expect(() => c.get(0.5)).toThrow(IndexOutOfRangeError);
    expect(() => c.isNull(-4)).toThrow(IndexOutOfRangeError);
  });

  it('iterates and converts to an array', () => {
    expect([...col()]).toEqual([1.5, null, 3]);
    expect(col().toArray()).toEqual([1.5, null, 3]);
  });

  it('converts to an Arrow Vector over the same data', () => {
    const c = col();
    const v = c.toArrow();
    expect(v.data[0]).toBe(c.data);
    expect(v.toArray()[2]).toBe(3);
  });

  it('prints its name, dtype and first values, spelled as the table spells them', () => {
    expect(inspect(col())).toBe('Column "x" [float64?, 3 values]: [1.5, null, 3.0]');
    expect(String(DataFrame.fromColumns({ s: ['a', null] }).getColumn('s'))).toBe('Column "s" [utf8?, 2 values]: ["a", null]');
    const nested = frameOf(everyDtypeVectors());
    expect(String(nested.getColumn('list_str'))).toBe('Column "list_str" [list<utf8?>?, 3 values]: [["a", "b\\"c"], [null], []]');
    expect(String(nested.getColumn('struct'))).toBe('Column "struct" [struct<a: int32?, b: utf8?>?, 3 values]: [{a: 1, b: "x"}, null, {a: null, b: "<&>"}]');
    expect(String(nested.getColumn('ts_us'))).toBe('Column "ts_us" [timestamp[us]?, 3 values]: [2024-05-01 10:00:00.123456, null, 2024-05-01 10:00:00]');
    const long = DataFrame.fromColumns({ i: Array.from({ length: 25 }, (_, k) => k) }).getColumn('i');
    expect(long.toString()).toBe('Column "i" [int32, 25 values]: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 15 more]');
  });
});

describe('Column of a union', () => {
  it('counts as null the rows whose selected child value is null (a union has no validity of its own)', () => {
    const children = [new ArrowField('i', new Int32(), true), new ArrowField('s', new Utf8(), true)];
    const ints = vectorFromArray([1, null, null], new Int32()).data[0]!;
    const strs = vectorFromArray(['a', null, 'c'], new Utf8()).data[0]!;
    const data = makeData({ type: new SparseUnion([0, 1], children), length: 3, nullCount: 0, typeIds: new Int8Array([0, 1, 1]), children: [ints, strs] });
    const c = DataFrame.fromArrow(new Table({ u: makeVector(data) })).getColumn('u');
    expect(c.toArray()).toEqual([1, null, 'c']);
    expect(c.nullCount).toBe(1);
  });
});
