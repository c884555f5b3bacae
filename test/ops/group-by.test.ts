import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, ExpressionError, SchemaError, binary, categorical, col, duration, float16, float64, int32, int64, largeUtf8, nullable, utf8, type DType } from '../../src/index.js';
import { frameOfRows } from '../support/arrow-data.js';

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

describe('groupBy: exact keys and aggregations', () => {
  it('puts every empty string in one group (groupBy, unique, valueCounts, describe)', () => {
    const t = DataFrame.fromColumns({ s: ['', 'a', '', ''] }, { schema: { s: utf8() } });
    expect(t.groupBy('s').agg({ n: col('s').len() }).toRecords()).toEqual([
      { s: '', n: 3 },
      { s: 'a', n: 1 },
    ]);
    expect(t.unique().height).toBe(2);
    expect(t.valueCounts('s').toRecords()).toEqual([
      { s: '', count: 3 },
      { s: 'a', count: 1 },
    ]);
    expect(t.describe().filter(col('statistic').eq('unique')).getColumn('s').toArray()).toEqual(['2']);
  });

  it('groups int64 keys beyond 2^53 exactly, and −0 with 0, NaN with NaN', () => {
    const t = DataFrame.fromColumns({ id: [2n ** 60n + 1n, 2n ** 60n, 2n ** 60n + 1n] }, { schema: { id: int64('bigint') } });
    expect(t.groupBy('id').agg({ n: col('id').len() }).toRecords()).toEqual([
      { id: 2n ** 60n + 1n, n: 2 },
      { id: 2n ** 60n, n: 1 },
    ]);
    const f = DataFrame.fromColumns({ x: [0, -0, NaN, NaN, 1.5] });
    expect(f.groupBy('x').agg({ n: col('x').len() }).getColumn('n').toArray()).toEqual([2, 2, 1]);
    expect(f.agg({ u: col('x').nUnique() }).toRecords()).toEqual([{ u: 3 }]);
  });

  it('sums int64 exactly: three times 2^53 − 1, and the mean of them', () => {
    const m = 2n ** 53n - 1n;
    const t = DataFrame.fromColumns({ v: [m, m, m] }, { schema: { v: int64('bigint') } });
    expect(t.agg({ s: col('v').sum(), mean: col('v').mean(), sd: col('v').std() }).toRecords()).toEqual([{ s: 3n * m, mean: 9007199254740991, sd: 0 }]);
  });

  it('sums int32 exactly past 2^53 (5,000,001 × 2147483647)', () => {
    const t = DataFrame.fromColumns({ v: new Int32Array(5_000_001).fill(2147483647) });
    expect(t.agg({ s: col('v').sum() }).toRecords({ int64: 'bigint' })).toEqual([{ s: 5_000_001n * 2147483647n }]);
  });

  it('raises when an int64 sum leaves int64, naming the aggregation', () => {
    const t = DataFrame.fromColumns({ v: [2n ** 62n, 2n ** 62n] }, { schema: { v: int64('bigint') } });
    expect(() => t.agg({ s: col('v').sum() })).toThrow('col("v").sum(): the sum 9223372036854775808 does not fit int64');
  });

  it('takes min and max in the total order whatever the row order (NaN greatest)', () => {
    for (const xs of [[NaN, 1, 2], [1, NaN, 2], [1, 2, NaN]]) {
      expect(DataFrame.fromColumns({ x: xs }).agg({ mn: col('x').min(), mx: col('x').max() }).toRecords()).toEqual([{ mn: 1, mx: NaN }]);
    }
    expect(DataFrame.fromColumns({ x: [NaN, NaN] }).agg({ mn: col('x').min() }).toRecords()).toEqual([{ mn: NaN }]);
    const t = DataFrame.fromColumns({ v: [2n ** 60n + 1n, -(2n ** 63n), 2n ** 60n] }, { schema: { v: int64('bigint') } });
    expect(t.agg({ mn: col('v').min(), mx: col('v').max() }).toRecords()).toEqual([{ mn: -(2n ** 63n), mx: 2n ** 60n + 1n }]);
  });

  it('interpolates median and quantiles next to infinities without NaN', () => {
    const t = DataFrame.fromColumns({ x: [Infinity, Infinity, 1, -Infinity] });
    expect(t.agg({ md: col('x').median(), q: col('x').quantile(0.25), q9: col('x').quantile(0.9) }).toRecords()).toEqual([{ md: Infinity, q: -Infinity, q9: Infinity }]);
    expect(DataFrame.fromColumns({ x: [1, Infinity] }).agg({ q: col('x').quantile(0.25) }).toRecords()).toEqual([{ q: Infinity }]);
  });

  it('aggregates zero rows without keys to one row: sum 0, count 0, the rest null', () => {
    const e = DataFrame.fromColumns({ x: [] as number[] }, { schema: { x: float64() } });
    expect(e.agg({ s: col('x').sum(), n: col('x').count(), r: col('x').len(), m: col('x').mean(), mn: col('x').min(), f: col('x').first(), md: col('x').median(), u: col('x').nUnique() }).toRecords()).toEqual([
      { s: 0, n: 0, r: 0, m: null, mn: null, f: null, md: null, u: 0 },
    ]);
  });

  it('computes std and var stably: huge magnitudes and a constant group near 2^53', () => {
    expect(DataFrame.fromColumns({ x: [1.797e308, 1.797e308] }).agg({ sd: col('x').std() }).toRecords()).toEqual([{ sd: 0 }]);
    // The variance of two huge values of opposite signs is beyond the doubles: +Infinity, not −Infinity or NaN.
    expect(DataFrame.fromColumns({ x: [1.797e308, -1.797e308] }).agg({ sd: col('x').std(), vr: col('x').var() }).toRecords()).toEqual([{ sd: Infinity, vr: Infinity }]);
    expect(DataFrame.fromColumns({ x: [5e-324, 1e-323] }).agg({ sd: col('x').std() }).toRecords()).toEqual([{ sd: 5e-324 }]);
    const near = DataFrame.fromColumns({ v: [9007199254740990n, 9007199254740990n, 9007199254740990n] }, { schema: { v: int64('bigint') } });
    expect(near.agg({ sd: col('v').std(), vr: col('v').var() }).toRecords()).toEqual([{ sd: 0, vr: 0 }]);
    const shifted = DataFrame.fromColumns({ x: [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16] });
    expect(shifted.agg({ vr: col('x').var() }).toRecords()).toEqual([{ vr: 30 }]);
  });

  it('property: grouped int64 sums equal bigint sums', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('p', 'q'), fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n })), { maxLength: 40 }), (rows) => {
        const t = DataFrame.fromColumns({ g: rows.map((r) => r[0]), v: rows.map((r) => r[1]) }, { schema: { g: utf8(), v: int64('bigint') } });
        const got = new Map(t.groupBy('g').agg({ s: col('v').sum() }).toRecords().map((r) => [r.g, r.s]));
        const want = new Map<string, bigint>();
        for (const [g, v] of rows) want.set(g, (want.get(g) ?? 0n) + v);
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('groupBy min and max of the other ordered kinds', () => {
  it('take the least and greatest duration, time, float16, bytes and large text of each group', () => {
    const df = frameOfRows({
      k: [int32(), [1, 1, 2, 2]],
      du: [nullable(duration('ns')), [5, -5, null, 7]],
      h: [float16(), [1.5, NaN, -2, 0.25]],
      b: [binary(), [Uint8Array.of(1), Uint8Array.of(0, 255), Uint8Array.of(), Uint8Array.of(0)]],
      s: [largeUtf8(), ['b', 'a', 'é', 'z']],
    });
    const out = df.groupBy('k').agg({ dmin: col('du').min(), dmax: col('du').max(), hmax: col('h').max(), bmin: col('b').min(), smax: col('s').max() });
    expect(out.toRecords()).toEqual([
      { k: 1, dmin: -5, dmax: 5, hmax: NaN, bmin: Uint8Array.of(0, 255), smax: 'b' },
      { k: 2, dmin: 7, dmax: 7, hmax: 0.25, bmin: Uint8Array.of(), smax: 'é' },
    ]);
    expect(() => df.groupBy('k').agg({ x: col('h').sum() })).toThrow('cannot take sum of float16');
  });
});
