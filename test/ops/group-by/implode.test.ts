import { describe, expect, it } from 'vitest';
import { DataFrame, col, int32, nullable, utf8 } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { plainValues } from '../../support/lists.js';
import { list, struct } from '../../../src/index.js';

const df = DataFrame.fromColumns(
  { k: ['a', 'b', 'a', 'c', 'a'], x: [1, 2, null, 4, 5], s: ['p', null, 'q', 'r', 's'] },
  { schema: { k: utf8(), x: nullable(int32()), s: nullable(utf8()) } },
);

describe('implode', () => {
  it('gathers each group\'s values in row order, nulls included, as a list of the values\' dtype', () => {
    const out = df.groupBy('k').agg({ xs: col('x').implode(), ss: col('s').implode() });
    expect(out.getColumn('k').toArray()).toEqual(['a', 'b', 'c']);
    expect(plainValues(out.getColumn('xs').toArray())).toEqual([[1, null, 5], [2], [4]]);
    expect(plainValues(out.getColumn('ss').toArray())).toEqual([['p', 'q', 's'], [null], ['r']]);
    expect(String(out.schema.get('xs'))).toBe('list<int32?>');
  });

  it('over a whole frame gives one list of every row, an empty list for no rows', () => {
    expect(plainValues(df.agg({ xs: col('x').implode() }).getColumn('xs').toArray())).toEqual([[1, 2, null, 4, 5]]);
    expect(plainValues(df.head(0).agg({ xs: col('x').implode() }).getColumn('xs').toArray())).toEqual([[]]);
  });

  it('in select broadcasts the whole-frame list to every row, as every aggregation does there', () => {
    expect(plainValues(df.head(2).select(col('x').implode()).getColumn('x').toArray())).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('implodes an expression, and nested values (lists of lists, of structs)', () => {
    const out = df.groupBy('k').agg({ d: col('x').mul(2).implode() });
    expect(plainValues(out.getColumn('d').toArray())).toEqual([[2, null, 10], [4], [8]]);
    const nested = arrowFrame({ k: { dtype: int32(), values: [1, 1, 2] }, l: { dtype: list(int32()), values: [[1], [2, 3], []] }, p: { dtype: struct({ a: utf8() }), values: [{ a: 'x' }, { a: 'y' }, { a: 'z' }] } });
    const g = nested.groupBy('k').agg({ ll: col('l').implode(), ps: col('p').implode() });
    expect(plainValues(g.getColumn('ll').toArray())).toEqual([[[1], [2, 3]], [[]]]);
    expect(g.toRecords()[0]!.ps).toEqual([{ a: 'x' }, { a: 'y' }]);
  });

  it('round-trips with list.len: each group\'s list is as long as the group', () => {
    const out = df.groupBy('k').agg({ n: col('x').len(), xs: col('x').implode() });
    expect(out.select(col('xs').list.len()).getColumn('xs').toArray()).toEqual(out.getColumn('n').toArray());
  });
});
