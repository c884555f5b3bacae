import { describe, expect, it } from 'vitest';
import { DataFrame, col, int32, nullable } from '../../../src/index.js';
import { nestedAggregation } from '../../../src/ops/expr/agg-broadcast.js';

const df = DataFrame.fromColumns({ x: [1, 2, 6], v: [1, null, 2] }, { schema: { x: int32(), v: nullable(int32()) } });

describe('aggregations inside expressions over the whole frame', () => {
  it('demeans a column: the mean is computed once and broadcast', () => {
    expect(df.withColumns({ d: col('x').sub(col('x').mean()) }).getColumn('d').toArray()).toEqual([-2, -1, 3]);
  });

  it('fills nulls with the column mean, widening to float64', () => {
    const c = df.withColumns({ v: col('v').fillNull(col('v').mean()) }).getColumn('v');
    expect(c.toArray()).toEqual([1, 1.5, 2]);
    expect(String(c.dtype)).toBe('float64');
  });

  it('works in filter, select and sort', () => {
    expect(df.filter(col('x').gt(col('x').mean())).getColumn('x').toArray()).toEqual([6]);
    expect(df.select(col('x').max().alias('m'), 'x').toRecords()).toEqual([
      { m: 6, x: 1 },
      { m: 6, x: 2 },
      { m: 6, x: 6 },
    ]);
    expect(df.select(col('x').sum().alias('s')).getColumn('s').toArray()).toEqual([9, 9, 9]);
    expect(df.sort(col('x').sub(col('x').mean()).abs()).getColumn('x').toArray()).toEqual([2, 1, 6]);
  });

  it('keeps the aggregation dtype and handles an empty frame', () => {
    expect(String(df.select(col('x').count().alias('n')).schema.get('n'))).toBe('int64');
    const empty = df.head(0);
    expect(empty.withColumns({ d: col('x').sub(col('x').mean()) }).height).toBe(0);
  });

  it('finds an aggregation nested inside another, which a grouped agg would compute over the whole frame', () => {
    expect(nestedAggregation(col('x').sub(col('x').mean()).sum().node)).toEqual(col('x').mean().node);
    expect(nestedAggregation(col('x').sum().node)).toBeUndefined();
  });
});

describe('aggregations nested inside a grouped aggregation', () => {
  const g = DataFrame.fromColumns({ k: ['a', 'a', 'b'], x: [1, 3, 10] });

  it('are refused with keys, since they would not be computed per group', () => {
    expect(() => g.groupBy('k').agg({ d: col('x').sub(col('x').mean()).abs().sum() })).toThrow(
      'col("x").sub(col("x").mean()).abs().sum(): col("x").mean() inside a grouped aggregation would be computed over the whole frame',
    );
  });

  it('are computed over the whole frame in df.agg', () => {
    // |1 - 14/3| + |3 - 14/3| + |10 - 14/3| = 32/3
    expect(g.agg({ d: col('x').sub(col('x').mean()).abs().sum() }).getColumn('d').get(0)).toBeCloseTo(32 / 3, 12);
  });
});
