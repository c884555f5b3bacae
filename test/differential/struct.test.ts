/**
 * struct.field and unnest against DuckDB's struct access (`p.x`): fields of null structs are null,
 * nested structs reach their fields, and unnest gives every field as a column.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { col, float64, int32, list, nullable, struct, utf8 } from '../../src/index.js';
import { arrowFrame, type ArrowColumnSpec } from '../support/arrow-frames.js';
import { samples } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { columnsCode, loadColumns, normColumn } from '../support/duckdb-nested.js';
import { Findings, attempt, repro, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { checkCases, type NestedCase } from '../support/nested-check.js';
import { sameValue, showValue } from '../support/values.js';

const FILE = 'test/differential/struct.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const P = nullable(struct({ x: nullable(float64()), tag: nullable(utf8()), inner: nullable(struct({ k: int32(), xs: list(int32()) })) }));
const value = fc.option(
  fc.record({
    x: fc.option(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(NaN, -0)), { nil: null }),
    tag: fc.option(fc.constantFrom('a', 'é', ''), { nil: null }),
    inner: fc.option(fc.record({ k: fc.integer({ min: -5, max: 5 }), xs: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }) }), { nil: null }),
  }),
  { nil: null, freq: 4 },
);
const specArb = fc.array(value, { maxLength: 15 }).map((ps): Record<string, ArrowColumnSpec> => ({ id: { dtype: int32(), values: ps.map((_, i) => i) }, p: { dtype: P, values: ps } }));

const CASES: NestedCase[] = [
  { label: 'field x', e: col('p').struct.field('x'), sql: 'p.x' },
  { label: 'field tag', e: col('p').struct.field('tag'), sql: 'p.tag' },
  { label: 'nested field', e: col('p').struct.field('inner').struct.field('k'), sql: 'p.inner.k' },
  { label: 'nested list field', e: col('p').struct.field('inner').struct.field('xs').list.len(), sql: 'len(p.inner.xs)' },
  { label: 'field arithmetic', e: col('p').struct.field('x').mul(2), sql: 'p.x * 2' },
];

describe('struct fields, differential against DuckDB', () => {
  it('struct.field gives DuckDB\'s p.x, nulls of the struct included', async () => {
    const name = 'struct.field';
    const specs = samples(specArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      await checkCases(duck, findings, k, spec, arrowFrame(spec), CASES);
    }
    findings.assertNone(specs.length);
  });

  it('unnest gives the fields as columns, in the struct\'s place', async () => {
    const name = 'unnest';
    const specs = samples(specArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      const want = await duck.query('SELECT id, p.x, p.tag FROM t ORDER BY __row');
      const got = attempt(() => {
        const out = arrowFrame(spec).unnest('p');
        if (out.columns.join() !== 'id,x,tag,inner') throw new Error(`columns ${out.columns.join()}`);
        const cols = ['id', 'x', 'tag'].map((n) => normColumn(out.getColumn(n)));
        return cols[0]!.map((_, i) => cols.map((c) => c[i]!));
      });
      const same = got.ok && got.value.length === want.rows.length && got.value.every((r, i) => r.every((v, j) => sameValue(v, want.rows[i]![j]!)));
      if (!same) findings.add(k, 'unnest', { title: 'df.unnest("p") differs', detail: repro({ frame: columnsCode(spec), call: 'df.unnest("p")', got: got.ok ? showValue(got.value) : showError(got.error), want: showValue(want.rows) }) });
    }
    findings.assertNone(specs.length);
  });
});
