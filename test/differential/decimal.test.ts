/**
 * Decimal arithmetic, comparisons, casts and aggregations against DuckDB, on random precisions
 * and scales (up to 38 digits) with extreme values: add / sub / mul / mod exact with DuckDB's
 * result types (an overflow is an error on both sides), div as DOUBLE, comparisons with decimals,
 * integers, doubles and number literals, casts to DOUBLE / BIGINT / DECIMAL, rounding, and
 * sum / avg / min / max per group.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { col, decimal, float64, int32, int64, nullable, type Expr } from '../../src/index.js';
import { arrowFrame, type ArrowColumnSpec } from '../support/arrow-frames.js';
import { samples } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { columnsCode, loadColumns, normColumn } from '../support/duckdb-nested.js';
import { Findings, attempt, repro, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { checkCases, sortedRows, type NestedCase } from '../support/nested-check.js';
import { closeValue, sameValue, type Norm } from '../support/values.js';

const FILE = 'test/differential/decimal.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const SHAPES: readonly (readonly [number, number])[] = [
  [5, 2],
  [9, 0],
  [4, 4],
  [18, 4],
  [20, 5],
  [38, 10],
  [38, 0],
];
const pow10 = (k: number) => 10n ** BigInt(k);

function unscaled(p: number): fc.Arbitrary<bigint> {
  const max = pow10(p) - 1n;
  return fc.oneof({ arbitrary: fc.bigInt({ min: -999n, max: 999n }), weight: 2 }, { arbitrary: fc.bigInt({ min: -max, max }), weight: 2 }, { arbitrary: fc.constantFrom(max, -max, 0n), weight: 1 });
}

const specArb = fc.tuple(fc.constantFrom(...SHAPES), fc.constantFrom(...SHAPES), fc.integer({ min: 1, max: 12 })).chain(([[p1, s1], [p2, s2], h]) => {
  const column = <T>(a: fc.Arbitrary<T>) => fc.array(fc.option(a, { nil: null, freq: 6 }), { minLength: h, maxLength: h });
  return fc
    .tuple(column(unscaled(p1)), column(unscaled(p2)), column(fc.integer({ min: -1000, max: 1000 })), column(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), column(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0.5, NaN, -Infinity))), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: h, maxLength: h }))
    .map(
      ([a, b, i, l, f, k]): Record<string, ArrowColumnSpec> => ({
        a: { dtype: nullable(decimal(p1, s1)), values: a },
        b: { dtype: nullable(decimal(p2, s2)), values: b },
        i: { dtype: nullable(int32()), values: i },
        l: { dtype: nullable(int64()), values: l },
        f: { dtype: nullable(float64()), values: f },
        k: { dtype: int32(), values: k },
      }),
    );
});

/** A decimal as text with a leading zero before the point (DuckDB prints DECIMAL(4, 4) 0.5 as .5000). */
const text = (sql: string) => `regexp_replace(CAST(${sql} AS VARCHAR), '^(-?)\\.', '\\10.')`;
/** DuckDB brings both sides of a comparison to one DECIMAL(38, s), which a 38-digit value at a larger scale does not fit. */
const WIDE_CAST = /Conversion Error: Casting value .* to type DECIMAL\(38,\d+\) failed/;
/**
 * Difference 17: DuckDB keeps the result of two decimals of at most 18 digits at 18 digits (its
 * 64-bit storage) where the SQL rule gives more; colframe gives the rule's precision. Otherwise the
 * types agree.
 */
const SQL_PRECISION = (mine: string, duck: string) => {
  if (mine === duck) return true;
  const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(mine);
  const d = /^DECIMAL\((\d+),(\d+)\)$/.exec(duck);
  return m !== null && d !== null && d[1] === '18' && Number(m[1]) > 18 && m[2] === d[2];
};
/** DuckDB computes decimals of up to 18 digits in 64 bits and raises when an operand rescaled for it leaves them, even where the result fits its type. */
const NARROW_OVERFLOW = /Overflow in (addition|subtract|multiplication) of DECIMAL\(18\)/;

function cases(spec: Record<string, ArrowColumnSpec>): NestedCase[] {
  const out: NestedCase[] = [];
  // DuckDB computes % of decimals wider than 18 digits through DOUBLE (inexactly): compared only for narrower ones.
  const exactMod = spec['a']!.dtype.precision! <= 18 && spec['b']!.dtype.precision! <= 18;
  const ops = [
    ['add', '+'],
    ['sub', '-'],
    ['mul', '*'],
    ['mod', '%'],
  ] as const;
  for (const [op, sql] of ops) {
    for (const other of ['b', 'i', 'l']) {
      if (op === 'mod' && (!exactMod || other === 'l')) continue;
      out.push({ label: `a ${op} ${other}`, e: col('a')[op](col(other)), sql: text(`a ${sql} ${other}`), typeOf: `a ${sql} ${other}`, sameType: SQL_PRECISION, duckMayRaise: NARROW_OVERFLOW });
      out.push({ label: `${other} ${op} a`, e: col(other)[op](col('a')), sql: text(`${other} ${sql} a`), typeOf: `${other} ${sql} a`, sameType: SQL_PRECISION, duckMayRaise: NARROW_OVERFLOW });
    }
  }
  // Division is float64 on both sides, a zero divisor giving ±Infinity or NaN.
  out.push({ label: 'a div b', e: col('a').div(col('b')), sql: 'a / b', tolerance: 1e-15 });
  out.push({ label: 'a div i', e: col('a').div(col('i')), sql: 'a / i', tolerance: 1e-15 });
  out.push({ label: 'a add f', e: col('a').add(col('f')), sql: 'CAST(a AS DOUBLE) + f', tolerance: 1e-15 });
  for (const op of ['eq', 'neq', 'gt', 'lte'] as const) {
    const sql = { eq: '=', neq: '<>', gt: '>', lte: '<=' }[op];
    for (const other of ['b', 'i', 'l', 'f']) out.push({ label: `a ${op} ${other}`, e: col('a')[op](col(other)), sql: `a ${sql} ${other}`, duckMayRaise: WIDE_CAST });
    out.push({ label: `a ${op} 0.5`, e: col('a')[op](0.5), sql: `a ${sql} 0.5`, duckMayRaise: WIDE_CAST });
    out.push({ label: `a ${op} -12`, e: col('a')[op](-12), sql: `a ${sql} -12`, duckMayRaise: WIDE_CAST });
  }
  out.push({ label: 'cast double', e: col('a').cast(float64()), sql: 'CAST(a AS DOUBLE)' });
  out.push({ label: 'cast bigint', e: col('a').cast(int64()), sql: 'CAST(a AS BIGINT)' });
  out.push({ label: 'cast int32', e: col('a').cast(int32()), sql: 'CAST(a AS INTEGER)' });
  for (const [p, s] of [
    [10, 1],
    [38, 20],
    [6, 6],
  ] as const) {
    out.push({ label: `cast decimal(${p}, ${s})`, e: col('a').cast(decimal(p, s)), sql: text(`CAST(a AS DECIMAL(${p}, ${s}))`) });
  }
  out.push({ label: 'cast i to decimal', e: col('i').cast(decimal(6, 2)), sql: text('CAST(i AS DECIMAL(6, 2))') });
  for (const [name, sql] of [
    ['neg', '-a'],
    ['abs', 'abs(a)'],
    ['floor', 'floor(a)'],
    ['ceil', 'ceil(a)'],
  ] as const) {
    out.push({ label: name, e: (col('a')[name] as () => Expr)(), sql: text(sql) });
  }
  for (const d of [0, 1, 3]) out.push({ label: `round(${d})`, e: col('a').round(d), sql: text(`round(a, ${d})`), typeOf: `round(a, ${d})` });
  return out;
}

describe('decimals, differential against DuckDB', () => {
  it('arithmetic, comparisons, casts and rounding give DuckDB\'s values and types of values, errors where DuckDB overflows', async () => {
    const name = 'decimal expressions';
    const specs = samples(specArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      await checkCases(duck, findings, k, spec, arrowFrame(spec), cases(spec));
    }
    findings.assertNone(specs.length);
  });

  it('sum, mean, min and max per group give DuckDB\'s sum (decimal(38, s); 0 for no value, as every colframe sum), avg, min and max', async () => {
    const name = 'decimal aggregations';
    const specs = samples(specArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      const want = await duck.tryQuery(`SELECT k, ${text('coalesce(sum(a), 0)')}, avg(a), ${text('min(a)')}, ${text('max(a)')}, ${text('coalesce(sum(b), 0)')} FROM t GROUP BY k`);
      const got = attempt(() => {
        const out = arrowFrame(spec)
          .groupBy('k')
          .agg({ s: col('a').sum(), m: col('a').mean(), lo: col('a').min(), hi: col('a').max(), sb: col('b').sum() });
        const cols = (['k', 's', 'm', 'lo', 'hi', 'sb'] as const).map((n) => normColumn(out.getColumn(n)));
        return cols[0]!.map((_, i) => cols.map((c) => c[i]!));
      });
      let ok: boolean;
      // Difference 16: a decimal sum needing more than 38 digits raises; DuckDB returns its HUGEINT total beyond DECIMAL(38, s).
      const digits = (v: Norm) => (typeof v === 'string' ? v.replace(/[-.]/g, '').replace(/^0+/, '').length : 0);
      const tooWide = !('error' in want) && want.rows.some((r) => digits(r[1]!) > 38 || digits(r[5]!) > 38);
      if ('error' in want || tooWide) ok = !got.ok;
      else if (!got.ok) ok = false;
      else {
        const byKey = (rows: readonly (readonly Norm[])[]) => [...rows].sort((x, y) => Number(x[0]) - Number(y[0]));
        const g = byKey(got.value);
        const w = byKey(want.rows);
        ok = g.length === w.length && g.every((r, i) => r.every((v, j) => (j === 2 ? closeValue(v, w[i]![j]!, 1e-15 * Math.max(1, Math.abs(Number(v)))) : sameValue(v, w[i]![j]!))));
      }
      if (!ok) {
        findings.add(k, 'aggregations', {
          title: 'groupBy(k).agg(sum, mean, min, max) differs',
          detail: repro({ frame: columnsCode(spec), call: 'df.groupBy("k").agg({ s: col("a").sum(), m: col("a").mean(), lo: col("a").min(), hi: col("a").max(), sb: col("b").sum() })', got: got.ok ? sortedRows(got.value).join('; ') : showError(got.error), want: 'error' in want ? want.error : sortedRows(want.rows).join('; ') }),
        });
      }
    }
    findings.assertNone(specs.length);
  });
});
