import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ColumnNotFoundError, DataFrame, SchemaError, col, fixedSizeList, float64, int32, largeList, list, nullable, struct, utf8 } from '../../src/index.js';
import { arrowFrame } from '../support/arrow-frames.js';
import { caught } from '../support/frames.js';
import { plainValues } from '../support/lists.js';

const df = arrowFrame({
  id: { dtype: int32(), values: [1, 2, 3, 4] },
  xs: { dtype: nullable(list(nullable(float64()))), values: [[1, 2], null, [], [null, 3]] },
  tag: { dtype: nullable(utf8()), values: ['a', 'b', null, 'd'] },
});

describe('explode', () => {
  it('gives one row per item, repeating the other columns; an empty or null list gives one row with a null', () => {
    const out = df.explode('xs');
    expect(out.columns).toEqual(['id', 'xs', 'tag']);
    expect(out.toRecords()).toEqual([
      { id: 1, xs: 1, tag: 'a' },
      { id: 1, xs: 2, tag: 'a' },
      { id: 2, xs: null, tag: 'b' },
      { id: 3, xs: null, tag: null },
      { id: 4, xs: null, tag: 'd' },
      { id: 4, xs: 3, tag: 'd' },
    ]);
    expect(String(out.schema.get('xs'))).toBe('float64?');
  });

  it('shares the items without a copy when no list is empty or null', () => {
    const full = arrowFrame({ xs: { dtype: list(nullable(float64())), values: [[1, 2], [null, 3]] } });
    const items = full.getColumn('xs').data.children[0]!.values;
    const out = full.explode('xs');
    expect(out.getColumn('xs').toArray()).toEqual([1, 2, null, 3]);
    expect(out.getColumn('xs').data.values.buffer).toBe(items.buffer);
  });

  it('explodes large and fixed-size lists, lists of structs and sliced frames', () => {
    const other = arrowFrame({
      k: { dtype: utf8(), values: ['p', 'q', 'r'] },
      l: { dtype: largeList(utf8()), values: [['x'], [], ['y', 'z']] },
      f: { dtype: fixedSizeList(int32(), 2), values: [[1, 2], [3, 4], [5, 6]] },
      s: { dtype: list(struct({ a: int32() })), values: [[{ a: 1 }], [{ a: 2 }, { a: 3 }], []] },
    });
    expect(other.explode('l').select('k', 'l').toRecords()).toEqual([
      { k: 'p', l: 'x' },
      { k: 'q', l: null },
      { k: 'r', l: 'y' },
      { k: 'r', l: 'z' },
    ]);
    expect(other.slice(1).explode('f').select('k', 'f').toRecords()).toEqual([
      { k: 'q', f: 3 },
      { k: 'q', f: 4 },
      { k: 'r', f: 5 },
      { k: 'r', f: 6 },
    ]);
    expect(other.explode('s').select('k', 's').toRecords()).toEqual([
      { k: 'p', s: { a: 1 } },
      { k: 'q', s: { a: 2 } },
      { k: 'q', s: { a: 3 } },
      { k: 'r', s: null },
    ]);
    // The other columns (lists among them) repeat by row.
    expect(plainValues(other.explode('s').getColumn('f').toArray())).toEqual([[1, 2], [3, 4], [3, 4], [5, 6]]);
  });

  it('explodes several columns together when their lists are equally long', () => {
    const two = arrowFrame({
      a: { dtype: list(int32()), values: [[1, 2], [], [3]] },
      b: { dtype: list(utf8()), values: [['x', 'y'], [], ['z']] },
    });
    expect(two.explode('a', 'b').toRecords()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
      { a: null, b: null },
      { a: 3, b: 'z' },
    ]);
    const bad = arrowFrame({ a: { dtype: list(int32()), values: [[1], [2, 3]] }, b: { dtype: list(int32()), values: [[1], [2]] } });
    const e = caught(() => bad.explode(['a', 'b']));
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.message).toBe('explode: row 1 holds 2 items in "a" but 1 in "b"; exploded together, lists must be equally long');
  });

  it('refuses a column that is not a list, and an unknown column', () => {
    expect(caught(() => df.explode('tag')).message).toBe('explode: column "tag" is utf8, not a list');
    expect(caught(() => df.explode('xz' as 'xs'))).toBeInstanceOf(ColumnNotFoundError);
  });

  it('is the inverse of implode per group when no list is empty (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.option(fc.double({ noNaN: true }), { nil: null })), { minLength: 1, maxLength: 30 }), (rows) => {
        const frame = DataFrame.fromColumns({ k: rows.map((r) => r[0]), x: rows.map((r) => r[1]) }, { schema: { k: int32(), x: nullable(float64()) } });
        const back = frame.groupBy('k').agg({ x: col('x').implode() }).explode('x');
        const want = frame.sort('k').toRecords();
        const got = back.sort('k').toRecords();
        expect(got).toEqual(want);
      }),
    );
  });
});
