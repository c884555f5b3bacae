import { describe, expect, it } from 'vitest';
import { DataFrame, categorical, col, float64, int32, nullable, utf8 } from '../../src/index.js';

const schema = { k: nullable(categorical()), s: nullable(utf8()), v: nullable(int32()), f: nullable(float64()) };
const frames = {
  empty: DataFrame.fromColumns({ k: [], s: [], v: [], f: [] }, { schema }),
  oneRow: DataFrame.fromColumns({ k: ['a'], s: ['x'], v: [1], f: [0.5] }, { schema }),
  allNull: DataFrame.fromColumns({ k: [null, null], s: [null, null], v: [null, null], f: [null, null] }, { schema }),
  duplicates: DataFrame.fromColumns({ k: ['a', 'a', null, null], s: ['x', 'x', 'y', 'y'], v: [1, 1, 2, 2], f: [0.5, 0.5, NaN, NaN] }, { schema }),
};

describe.each(Object.entries(frames))('every verb on a %s frame', (_, df) => {
  it('filter, withColumns, select', () => {
    const n = df.height;
    expect(df.filter(col('v').gt(0)).height).toBeLessThanOrEqual(n);
    expect(df.filter(col('v').isNull()).height).toBe(df.getColumn('v').nullCount);
    expect(df.withColumns({ w: col('v').mul(2).add(col('f')) }).height).toBe(n);
    expect(df.select(col('s').str.length().alias('len')).height).toBe(n);
  });

  it('sort keeps every row, nulls last', () => {
    for (const by of ['k', 's', 'v', 'f'] as const) {
      const s = df.sort(by);
      expect(s.height).toBe(df.height);
      const vals = s.getColumn(by).toArray();
      const firstNull = vals.indexOf(null);
      if (firstNull >= 0) expect(vals.slice(firstNull).every((x) => x === null)).toBe(true);
    }
    expect(df.sort(['k', 'f'], { descending: [true, false] }).height).toBe(df.height);
  });

  it('groupBy, unique, valueCounts, describe', () => {
    const g = df.groupBy('k').agg({ n: col('v').len(), s: col('v').sum(), m: col('f').mean(), med: col('f').median() });
    expect((g.getColumn('n').toArray() as number[]).reduce((a, b) => a + b, 0)).toBe(df.height);
    expect(df.unique().height).toBeLessThanOrEqual(df.height);
    expect(df.valueCounts('s').height).toBe(new Set(df.getColumn('s').toArray()).size);
    expect(df.describe().height).toBe(11);
  });

  it('join with itself, concat, fillNull, dropNulls, cast', () => {
    const j = df.join(df, { on: 'k' });
    const counts = new Map<unknown, number>();
    for (const k of df.getColumn('k')) if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect(j.height).toBe([...counts.values()].reduce((a, c) => a + c * c, 0));
    expect(DataFrame.concat([df, df]).height).toBe(2 * df.height);
    expect(df.fillNull(0).getColumn('v').nullCount).toBe(0);
    expect(df.dropNulls().height).toBeLessThanOrEqual(df.height);
    expect(df.cast({ v: float64() }).schema.get('v').kind).toBe('float64');
  });
});
