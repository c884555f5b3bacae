/**
 * List expressions, explode and implode against DuckDB: list.len / sum / mean / min / max / get /
 * contains / join (DuckDB's len, list_sum, list_avg, list_min, list_max, list_extract,
 * list_contains, array_to_string) on lists of doubles (NaN, ±0, ±inf), of 64-bit integers (sums
 * beyond int64 included), of strings and fixed-size lists, with null lists, null items and empty
 * lists; explode against UNNEST and implode against list(x ORDER BY row). The deliberate
 * differences (nested-differences.ts) are written into the SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { col, fixedSizeList, float64, int32, int64, list, nullable, utf8 } from '../../src/index.js';
import { arrowFrame, type ArrowColumnSpec } from '../support/arrow-frames.js';
import { samples } from '../support/arbitraries.js';
import { Duck, ident } from '../support/duckdb.js';
import { columnsCode, loadColumns, normColumn } from '../support/duckdb-nested.js';
import { Findings, attempt, repro, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { checkCases, sortedRows, type NestedCase } from '../support/nested-check.js';
import { showValue, type Norm } from '../support/values.js';

const FILE = 'test/differential/lists.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const double = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1.5, -2.25, 1e300), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const int64v = fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.constantFrom(INT64_MIN, INT64_MAX, 2n ** 62n, -(2n ** 62n)), fc.bigInt({ min: INT64_MIN, max: INT64_MAX }));
const text = fc.constantFrom('a', 'b', 'é', '', 'zz', '😀', 'A');
const listOf = <T>(item: fc.Arbitrary<T>) => fc.option(fc.array(fc.option(item, { nil: null, freq: 5 }), { maxLength: 5 }), { nil: null, freq: 6 });

const specArb = fc.integer({ min: 0, max: 20 }).chain((h) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: h, maxLength: h }),
      fc.array(listOf(double), { minLength: h, maxLength: h }),
      fc.array(listOf(int64v), { minLength: h, maxLength: h }),
      fc.array(listOf(text), { minLength: h, maxLength: h }),
      fc.array(fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null, freq: 5 }), { minLength: 3, maxLength: 3 }), { minLength: h, maxLength: h }),
    )
    .map(
      ([k, xs, is, ss, fs]): Record<string, ArrowColumnSpec> => ({
        k: { dtype: int32(), values: k },
        xs: { dtype: nullable(list(nullable(float64()))), values: xs },
        is: { dtype: nullable(list(nullable(int64()))), values: is },
        ss: { dtype: nullable(list(nullable(utf8()))), values: ss },
        fs: { dtype: fixedSizeList(nullable(int32()), 3), values: fs },
      }),
    ),
);

const beyond64 = (vs: readonly Norm[]) => vs.some((v) => typeof v === 'bigint' && (v < INT64_MIN || v > INT64_MAX));
const get = (c: string, i: number) => `list_extract(${c}, ${i >= 0 ? i + 1 : i})`;
/** Difference 9 (polars): the sum of a list without a non-null item is 0, where DuckDB's list_sum is NULL. */
const sum0 = (c: string) => `CASE WHEN ${c} IS NULL THEN NULL ELSE coalesce(list_sum(${c}), 0) END`;

function cases(): NestedCase[] {
  const out: NestedCase[] = [];
  for (const c of ['xs', 'is', 'ss', 'fs']) {
    const sql = c === 'fs' ? 'CAST(fs AS INTEGER[])' : ident(c);
    out.push({ label: 'len', e: col(c).list.len(), sql: `len(${sql})` });
    for (const i of [0, 1, -1, -2, 3]) out.push({ label: 'get', e: col(c).list.get(i), sql: get(sql, i) });
    out.push({ label: 'first', e: col(c).list.first(), sql: get(sql, 0) });
    out.push({ label: 'last', e: col(c).list.last(), sql: get(sql, -1) });
    out.push({ label: 'min', e: col(c).list.min(), sql: `list_min(${sql})` });
    out.push({ label: 'max', e: col(c).list.max(), sql: `list_max(${sql})` });
    if (c !== 'ss') {
      out.push({ label: 'sum', e: col(c).list.sum(), sql: sum0(sql), tolerance: 1e-12, raisesWhen: beyond64 });
      out.push({ label: 'mean', e: col(c).list.mean(), sql: `list_avg(${sql})`, tolerance: 1e-12 });
    }
  }
  for (const v of [1.5, NaN, 0, -2.25, Infinity]) out.push({ label: 'contains', e: col('xs').list.contains(v), sql: `list_contains(xs, CAST('${String(v)}' AS DOUBLE))` });
  for (const v of [0n, INT64_MAX, 7n]) out.push({ label: 'contains', e: col('is').list.contains(v), sql: `list_contains("is", CAST('${v}' AS BIGINT))` });
  for (const v of ['a', 'é', '']) out.push({ label: 'contains', e: col('ss').list.contains(v), sql: `list_contains(ss, '${v}')` });
  out.push({ label: 'contains', e: col('fs').list.contains(-1), sql: 'list_contains(CAST(fs AS INTEGER[]), -1)' });
  // Difference 11: a list of only null strings joins to '' (nulls skipped, as polars); DuckDB gives NULL.
  for (const sep of ['-', '', ', ']) out.push({ label: 'join', e: col('ss').list.join(sep), sql: `CASE WHEN ss IS NULL THEN NULL ELSE coalesce(array_to_string(ss, '${sep}'), '') END` });
  return out;
}

describe('list expressions, differential against DuckDB', () => {
  it('list.len / get / first / last / min / max / sum / mean / contains / join give DuckDB\'s results, row by row', async () => {
    const name = 'list expressions';
    const specs = samples(specArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      await checkCases(duck, findings, k, spec, arrowFrame(spec), cases());
    }
    findings.assertNone(specs.length);
  });

  it('explode gives UNNEST\'s rows in order, with one null row for an empty or null list', async () => {
    const name = 'explode';
    const specs = samples(specArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      for (const c of ['xs', 'ss', 'fs']) {
        const sql = c === 'fs' ? 'CAST(fs AS INTEGER[])' : c;
        // Difference 10: an empty or null list explodes to one null row (polars); DuckDB's UNNEST gives none.
        const want = await duck.query(
          `SELECT k, unnest(l) AS x FROM (SELECT k, __row, CASE WHEN ${sql} IS NULL OR len(${sql}) = 0 THEN [NULL] ELSE ${sql} END AS l FROM t) ` +
            `ORDER BY __row, unnest(range(len(l)))`,
        ).catch(async () =>
          duck.query(`SELECT k, x FROM (SELECT k, __row, unnest(l) AS x, unnest(range(len(l))) AS p FROM (SELECT k, __row, CASE WHEN ${sql} IS NULL OR len(${sql}) = 0 THEN [NULL] ELSE ${sql} END AS l FROM t)) ORDER BY __row, p`),
        );
        const got = attempt(() => {
          const out = arrowFrame(spec).explode(c);
          const ks = normColumn(out.getColumn('k'));
          const xs = normColumn(out.getColumn(c));
          return ks.map((x, i) => [x, xs[i]!]);
        });
        const wantRows = want.rows.map((r) => [r[0]!, r[1]!]);
        const same = got.ok && got.value.length === wantRows.length && got.value.every((r, i) => showValue(r as Norm[]) === showValue(wantRows[i] as Norm[]));
        if (!same) {
          findings.add(k, `explode ${c}`, {
            title: `df.explode(${JSON.stringify(c)}) differs`,
            detail: repro({ frame: columnsCode(spec), call: `df.explode(${JSON.stringify(c)}).select("k", ${JSON.stringify(c)})`, got: got.ok ? showValue(got.value as Norm[]) : showError(got.error), want: showValue(wantRows as Norm[]) }),
          });
        }
      }
    }
    findings.assertNone(specs.length);
  });

  it('implode per group gives list(x ORDER BY row), nulls kept', async () => {
    const name = 'implode';
    const specs = samples(specArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      // Implode each list's first item (doubles with nulls and NaN), and the strings' joins.
      const joined = `CASE WHEN ss IS NULL THEN NULL ELSE coalesce(array_to_string(ss, ','), '') END`;
      const want = await duck.query(`SELECT k, list(${get('xs', 0)} ORDER BY __row) AS a, list(${joined} ORDER BY __row) AS b FROM t GROUP BY k`);
      const got = attempt(() => {
        const out = arrowFrame(spec)
          .groupBy('k')
          .agg({ a: col('xs').list.first().implode(), b: col('ss').list.join(',').implode() });
        const cols = (['k', 'a', 'b'] as const).map((n) => normColumn(out.getColumn(n)));
        return cols[0]!.map((_, i) => cols.map((c) => c[i]!));
      });
      const same = got.ok && JSON.stringify(sortedRows(got.value)) === JSON.stringify(sortedRows(want.rows));
      if (!same) {
        findings.add(k, 'implode', {
          title: 'groupBy(k).agg(implode) differs',
          detail: repro({ frame: columnsCode(spec), call: 'df.groupBy("k").agg({ a: col("xs").list.first().implode(), b: col("ss").list.join(",").implode() })', got: got.ok ? sortedRows(got.value).join('; ') : showError(got.error), want: sortedRows(want.rows).join('; ') }),
        });
      }
    }
    findings.assertNone(specs.length);
  });

  it('implode over the whole frame is one list of every row; over no rows an empty list where DuckDB gives NULL', async () => {
    const spec = { x: { dtype: nullable(float64()), values: [1.5, null, NaN] } };
    await loadColumns(duck, 't', spec);
    const want = (await duck.query('SELECT list(x ORDER BY __row) FROM t')).rows[0]![0];
    expect(normColumn(arrowFrame(spec).agg({ x: col('x').implode() }).getColumn('x'))[0]).toEqual(want);
    expect((await duck.query('SELECT list(x ORDER BY __row) FROM t WHERE false')).rows[0]![0]).toBe(null);
    expect(normColumn(arrowFrame(spec).head(0).agg({ x: col('x').implode() }).getColumn('x'))).toEqual([[]]);
  });
});
