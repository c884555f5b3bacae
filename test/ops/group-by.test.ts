import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, ExpressionError, SchemaError, categorical, col, float64, int32, nullable, utf8, type DType } from '../../src/index.js';

const df = DataFrame.fromColumns(
  { k: ['a', 'b', 'a', null, 'b', 'a'], v: [1, 2, 3, 4, null, 6], f: [0.5, 1, 1.5, 2, 2.5, 3] },
  { schema: { k: nullable(categorical()), v: nullable(int32()), f: float64() } },
);

describe('groupBy().agg()', () => {
  it('gives one row per key in order of first appearance, null keys as a group', () => {
    const out = df.groupBy('k').agg({ s: col('v').sum(), n: col('v').count(), rows: col('v').len(), m: col('f').mean() });
    expect(out.toRecords()).toEqual([
      { k: 'a', s: 10, n: 3, rows: 3, m: 5 / 3 },
      { k: 'b', s: 2, n: 1, rows: 2, m: 1.75 },
      { k: null, s: 4, n: 1, rows: 1, m: 2 },
    ]);
  });

  it('computes min, max, first, last, nUnique, std, var, median and quantiles, skipping nulls', () => {
    const out = df.groupBy('k').agg({
      mn: col('v').min(),
      mx: col('f').max(),
      fi: col('v').first(),
      la: col('v').last(),
      u: col('v').nUnique(),
      sd: col('f').std(),
      vr: col('f').var(),
      med: col('f').median(),
      q: col('f').quantile(0.25),
    });
    const a = out.row(0);
    expect([a.mn, a.mx, a.fi, a.la, a.u]).toEqual([1, 3, 1, 6, 3]);
    expect(a.vr).toBeCloseTo(((0.5 - 5 / 3) ** 2 + (1.5 - 5 / 3) ** 2 + (3 - 5 / 3) ** 2) / 2, 12);
    expect(a.sd).toBeCloseTo(Math.sqrt(a.vr as number), 12);
    expect([a.med, a.q]).toEqual([1.5, 1]);
    expect(out.row(1).la).toBeNull();
    expect(out.row(2).sd).toBeNull(); // one value: no sample deviation
  });

  it('groups by several keys, strings, numbers and booleans', () => {
    const t = DataFrame.fromColumns({ s: ['x', 'x', 'y', 'x'], n: [1, 2, 1, 1], b: [true, true, false, true] });
    expect(t.groupBy('s', 'n').agg({ c: col('b').len() }).toRecords()).toEqual([
      { s: 'x', n: 1, c: 2 },
      { s: 'x', n: 2, c: 1 },
      { s: 'y', n: 1, c: 1 },
    ]);
    expect(t.groupBy('b').agg({ total: col('n').sum() }).toRecords()).toEqual([
      { b: true, total: 4 },
      { b: false, total: 1 },
    ]);
    expect(t.groupBy('n').agg({ first: col('s').first(), min: col('s').min(), max: col('s').max() }).toRecords()).toEqual([
      { n: 1, first: 'x', min: 'x', max: 'y' },
      { n: 2, first: 'x', min: 'x', max: 'x' },
    ]);
  });

  it('works on empty frames and whole-frame aggregations', () => {
    const empty = DataFrame.fromColumns({ k: [] as string[], v: [] as number[] }, { schema: { k: utf8(), v: int32() } });
    expect(empty.groupBy('k').agg({ s: col('v').sum() }).shape).toEqual([0, 2]);
    expect(df.agg({ s: col('v').sum(), n: col('v').count(), m: col('f').max() }).toRecords()).toEqual([{ s: 16, n: 5, m: 3 }]);
  });

  it('counts values, most frequent first', () => {
    expect(df.valueCounts('k').toRecords()).toEqual([
      { k: 'a', count: 3 },
      { k: 'b', count: 2 },
      { k: null, count: 1 },
    ]);
  });

  it('rejects non-aggregations, unknown keys, clashing names and meaningless aggregations', () => {
    expect(() => df.groupBy('k').agg({ x: col('v') })).toThrow('col("v"): is not an aggregation (use .sum(), .mean(), .count() …)');
    expect(() => df.groupBy('kk' as never)).toThrow('Column "kk" not found. Did you mean "k"?');
    expect(() => df.groupBy('k').agg({ k: col('v').sum() })).toThrow(SchemaError);
    expect(() => df.groupBy('v').agg({ m: col('k').mean() })).toThrow(ExpressionError);
    expect(() => df.groupBy('v').agg({ m: col('k').mean() })).toThrow('col("k").mean(): cannot take mean of categorical?');
  });

  it('types the result: keys keep their dtype', () => {
    const out = df.groupBy('k').agg({ s: col('v').sum() });
    expectTypeOf(out.schema.get('k')).toEqualTypeOf<DType<'categorical', string, true>>();
    expectTypeOf(out.row(0).k).toEqualTypeOf<string | null>();
  });

  it('property: group sums add up to the total, counts to the rows', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ g: fc.option(fc.constantFrom('p', 'q', 'r', 's'), { nil: null }), v: fc.integer({ min: -1000, max: 1000 }) }), { maxLength: 100 }), (rows) => {
        const t = DataFrame.fromRecords(rows, { schema: { g: nullable(utf8()), v: int32() } });
        const out = t.groupBy('g').agg({ s: col('v').sum(), n: col('v').len() });
        const total = rows.reduce((a, r) => a + r.v, 0);
        expect(out.getColumn('s').toArray().reduce((a, b) => (a as number) + (b as number), 0)).toBe(total);
        expect(out.getColumn('n').toArray().reduce((a, b) => (a as number) + (b as number), 0)).toBe(rows.length);
        expect(out.height).toBe(new Set(rows.map((r) => r.g)).size);
      }),
    );
  });
});
