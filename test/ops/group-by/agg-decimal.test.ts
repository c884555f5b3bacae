import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, Decimal, ExpressionError, col, decimal, int32, nullable } from '../../../src/index.js';
import { caught } from '../../support/frames.js';

const pow10 = (k: number) => 10n ** BigInt(k);

function frame(p: number, s: number, rows: readonly (readonly [number, bigint | null])[]): DataFrame {
  return DataFrame.fromColumns(
    { k: rows.map((r) => r[0]), a: rows.map((r) => (r[1] === null ? null : new Decimal(r[1], s))) },
    { schema: { k: int32(), a: nullable(decimal(p, s)) } },
  );
}

describe('decimal aggregations', () => {
  for (const [p, s] of [
    [9, 2],
    [18, 6],
    [38, 10],
  ] as const) {
    it(`sum, mean, min and max of decimal(${p}, ${s}) per group are exact (property)`, () => {
      const value = fc.option(fc.bigInt({ min: -(pow10(p) - 1n), max: pow10(p) - 1n }), { nil: null, freq: 5 });
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), value), { maxLength: 25 }), (rows) => {
          const df = frame(p, s, rows);
          const groups = [...new Set(rows.map((r) => r[0]))];
          let out;
          try {
            out = df.groupBy('k').agg({ sum: col('a').sum(), mean: col('a').mean(), min: col('a').min(), max: col('a').max() });
          } catch (e) {
            // Only a sum beyond 38 digits may fail.
            expect(e).toBeInstanceOf(ExpressionError);
            const sums = groups.map((g) => rows.filter((r) => r[0] === g && r[1] !== null).reduce((a, r) => a + r[1]!, 0n));
            expect(sums.some((x) => x >= pow10(38) || x <= -pow10(38))).toBe(true);
            return;
          }
          expect(String(out.schema).replaceAll('?', '')).toBe(`Schema { k: int32, sum: decimal(38, ${s}), mean: float64, min: decimal(${p}, ${s}), max: decimal(${p}, ${s}) }`);
          groups.forEach((g, j) => {
            const vals = rows.filter((r) => r[0] === g && r[1] !== null).map((r) => r[1]!);
            const sum = vals.reduce((a, b) => a + b, 0n);
            const r = out.row(j) as unknown as Record<string, Decimal | number | null>;
            expect(String(r.sum)).toBe(new Decimal(sum, s).toString());
            expect(r.min === null ? null : String(r.min)).toBe(vals.length === 0 ? null : new Decimal(vals.reduce((a, b) => (b < a ? b : a)), s).toString());
            expect(r.max === null ? null : String(r.max)).toBe(vals.length === 0 ? null : new Decimal(vals.reduce((a, b) => (b > a ? b : a)), s).toString());
            if (vals.length === 0) expect(r.mean).toBe(null);
            else expect(r.mean).toBe(Number(new Decimal((sum * pow10(30)) / BigInt(vals.length), s + 30).toString()));
          });
        }),
        { numRuns: 60 },
      );
    });
  }

  it('sums over the whole frame, 0 for no rows, and raises when a sum needs more than 38 digits', () => {
    const df = frame(38, 0, [[0, pow10(38) - 1n], [0, 1n], [1, 5n]]);
    expect(String(df.tail(1).agg({ s: col('a').sum() }).row(0).s)).toBe('5');
    expect(String(df.head(0).agg({ s: col('a').sum() }).row(0).s)).toBe('0');
    const e = caught(() => df.agg({ s: col('a').sum() }));
    expect(e.message).toBe('col("a").sum(): the sum of group 0 needs more than the 38 digits of decimal(38, 0); cast the column to float64 first for an approximate sum');
  });

  it('sums decimals of at most 15 digits exactly also past 2^53', () => {
    const big = pow10(15) - 1n;
    const df = frame(15, 0, Array.from({ length: 20 }, (_, i) => [i % 2, i === 3 ? 1n : big] as const));
    const out = df.groupBy('k').agg({ s: col('a').sum() });
    expect(out.getColumn('s').toArray().map(String)).toEqual([String(10n * big), String(9n * big + 1n)]);
  });

  it('gives std, var, median and quantile through float64', () => {
    const df = frame(5, 1, [[0, 10n], [0, 30n], [0, null]]);
    expect(df.agg({ sd: col('a').std(), md: col('a').median(), q: col('a').quantile(1) }).toRecords()).toEqual([{ sd: Math.SQRT2, md: 2, q: 3 }]);
  });

  it('lists sum and aggregate decimals per list the same way', () => {
    const df = frame(5, 1, [[0, 10n], [0, 35n], [1, null]]).groupBy('k').agg({ xs: col('a').implode() });
    expect(df.select(col('xs').list.sum(), col('xs').list.max().alias('m')).toRecords().map((r) => [String(r.xs), r.m === null ? null : String(r.m)])).toEqual([
      ['4.5', '3.5'],
      ['0.0', null],
    ]);
  });
});
