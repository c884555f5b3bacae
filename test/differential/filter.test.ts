/** filter and predicates against DuckDB: random predicate trees over random frames. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameArb, samples } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { checkPairs, errorShape } from '../support/evaluate.js';
import { frameCode, frameOf, readColumn, selectSpec, withRowId, type FrameSpec } from '../support/frame-specs.js';
import { Findings, attempt, repro, shrinkRows, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { predicateArb, predicateLabel } from '../support/predicates.js';
import { columnsOf, type Pair } from '../support/pairs.js';
import { showValue } from '../support/values.js';

const FILE = 'test/differential/filter.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const caseArb = frameArb({ columns: { min: 1, max: 5 } }).chain((spec) =>
  fc.tuple(fc.constant(spec), fc.array(predicateArb(spec), { minLength: 6, maxLength: 6 })),
);

/** Row ids DuckDB keeps for `p` (where it is true), in order. */
async function duckRows(spec: FrameSpec, p: Pair): Promise<number[] | string> {
  await duck.load('f', frameOf(spec));
  const r = await duck.tryQuery(`SELECT __row FROM f WHERE ${p.sql} ORDER BY __row`);
  return 'error' in r ? r.error : r.rows.map((row) => Number(row[0]));
}

/** Row ids colframe keeps for `p`, in order. */
function colframeRows(spec: FrameSpec, p: Pair): number[] | Error {
  const r = attempt(() => readColumn(frameOf(withRowId(spec)).filter(p.e), '__row').map(Number));
  return r.ok ? r.value : r.error;
}

describe('filter, differential against DuckDB', () => {
  it('a random predicate tree evaluates to the three-valued result DuckDB gives, row by row', async () => {
    const name = 'predicate values';
    const cases = samples(caseArb, name, runs(60));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, preds]] of cases.entries()) {
      await checkPairs(duck, findings, k, spec, preds, (p) => predicateLabel(p, spec));
    }
    findings.assertNone(cases.length);
  });

  it('filter keeps exactly the rows where a random predicate tree is true, in order', async () => {
    const name = 'filter rows';
    const cases = samples(caseArb, name, runs(40));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, preds]] of cases.entries()) {
      for (const p of preds) {
        const want = await duckRows(spec, p);
        const got = colframeRows(spec, p);
        const same = (g: number[] | Error, w: number[] | string) => Array.isArray(g) && Array.isArray(w) && g.join() === w.join();
        if (same(got, want)) continue;
        const signature = got instanceof Error ? errorShape(got) : `${predicateLabel(p, spec)}: rows`;
        let small = spec;
        if (findings.isNew(signature)) {
          const fails = async (s: FrameSpec) => !same(colframeRows(s, p), await duckRows(s, p));
          const used = selectSpec(spec, columnsOf(p));
          if (await fails(used)) small = used;
          small = await shrinkRows(small, fails);
        }
        const g = colframeRows(small, p);
        const w = await duckRows(small, p);
        findings.add(k, signature, {
          title: `${p.code} keeps the wrong rows`,
          detail: repro({
            frame: frameCode(small),
            call: `df.filter(${p.code})   // rows kept, by index`,
            sql: `SELECT row_number FROM df WHERE ${p.sql}`,
            got: g instanceof Error ? showError(g) : `[${g.join(', ')}]`,
            want: Array.isArray(w) ? `[${w.join(', ')}]` : `error: ${w}`,
          }),
        });
      }
    }
    findings.assertNone(cases.length);
  });

  it('filter keeps every column value of the rows it keeps', () => {
    const cases = samples(caseArb, 'filter values', runs(20));
    for (const [spec, preds] of cases) {
      const df = frameOf(withRowId(spec));
      const r = attempt(() => df.filter(preds[0]!.e));
      if (!r.ok) continue; // reported by the properties above
      const rows = readColumn(r.value, '__row').map(Number);
      for (const c of spec.columns) {
        const want = rows.map((i) => showValue(readColumn(df, c.name)[i]!));
        expect(readColumn(r.value, c.name).map(showValue), `${c.name} after ${preds[0]!.code}`).toEqual(want);
      }
    }
  });
});
