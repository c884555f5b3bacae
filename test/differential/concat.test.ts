/** DataFrame.concat (vertical, diagonal) against DuckDB's UNION ALL (BY NAME). */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, categorical, nullable, utf8, type AnyDType } from '../../src/index.js';
import { dtypeArb, frameOfDTypes, heightArb, samples, sharedPoolArb } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { errorShape } from '../support/evaluate.js';
import { frameCode, frameOf, isText, readFrame, type FrameSpec } from '../support/frame-specs.js';
import { Findings, attempt, repro, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { sameValue, showRow } from '../support/values.js';

const FILE = 'test/differential/concat.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

/** The dtype of b's copy of a column: nullability flipped sometimes, text switched between utf8 and categorical sometimes. */
function variant(d: AnyDType, flipNull: boolean, switchText: boolean): AnyDType {
  let out = d;
  if (isText(d.kind) && switchText) out = d.kind === 'utf8' ? categorical() : utf8();
  if (flipNull ? !d.nullable : d.nullable) out = nullable(out);
  return out;
}

interface ConcatCase {
  readonly a: FrameSpec;
  readonly b: FrameSpec;
  readonly how: 'vertical' | 'diagonal';
}

const caseArb: fc.Arbitrary<ConcatCase> = fc
  .record({
    dtypes: fc.array(dtypeArb(), { minLength: 1, maxLength: 4 }),
    flips: fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()), { minLength: 4, maxLength: 4 }),
    na: heightArb(),
    nb: heightArb(),
    pool: sharedPoolArb(),
    how: fc.constantFrom<'vertical' | 'diagonal'>('vertical', 'diagonal'),
  })
  .chain(({ dtypes, flips, na, nb, pool, how }) => {
    const bTypes = dtypes.map((d, i) => variant(d, flips[i]![0], flips[i]![1]));
    return fc.tuple(frameOfDTypes(dtypes, na, pool), frameOfDTypes(bTypes, nb, pool)).map(([a, b]): ConcatCase => {
      if (how === 'vertical') return { a, b, how };
      // Diagonal: each side drops some columns (keeping one at least).
      const keepA = a.columns.filter((_, i) => flips[i]![2] || i === 0);
      const keepB = b.columns.filter((_, i) => flips[i]![3] || i === b.columns.length - 1);
      return { a: { ...a, columns: keepA }, b: { ...b, columns: keepB }, how };
    });
  });

async function judge(c: ConcatCase): Promise<{ ok: true } | { ok: false; signature: string; title: string; got: string; want: string }> {
  await duck.load('a', frameOf(c.a));
  await duck.load('b', frameOf(c.b));
  const union = c.how === 'vertical' ? 'UNION ALL' : 'UNION ALL BY NAME';
  const want = await duck.query(`SELECT * EXCLUDE (__row, __part) FROM (SELECT *, 0 AS __part FROM a ${union} SELECT *, 1 AS __part FROM b) ORDER BY __part, __row`);
  const r = attempt(() => readFrame(DataFrame.concat([frameOf(c.a), frameOf(c.b)], { how: c.how })));
  const wantText = want.rows.map(showRow).join('\n') || '(no rows)';
  if (!r.ok) return { ok: false, signature: errorShape(r.error), title: `concat throws ${showError(r.error)}`, got: showError(r.error), want: wantText };
  const got = r.value;
  const gotText = got.rows.map(showRow).join('\n') || '(no rows)';
  if (got.names.join() !== want.names.join()) return { ok: false, signature: `${c.how}: columns`, title: `columns [${got.names.join(', ')}], expected [${want.names.join(', ')}]`, got: gotText, want: wantText };
  for (const [j, n] of got.names.entries()) {
    const ds = [...c.a.columns, ...c.b.columns].filter((x) => x.name === n).map((x) => x.dtype);
    const kind = ds.some((d) => d.kind === 'utf8') && ds.every((d) => isText(d.kind)) ? 'utf8' : ds[0]!.kind;
    const nullableWanted = ds.some((d) => d.nullable) || ds.length < 2 || got.rows.some((row) => row[j] === null);
    if (got.dtypes[j]!.kind !== kind || (nullableWanted && !got.dtypes[j]!.nullable)) {
      return { ok: false, signature: `${c.how}: dtype of ${ds.map((d) => String(d)).join('+')}`, title: `column "${n}" is ${String(got.dtypes[j])}, expected ${kind}${nullableWanted ? '?' : ''}`, got: String(got.dtypes[j]), want: kind };
    }
  }
  const bad = got.rows.length !== want.rows.length ? 0 : got.rows.findIndex((row, i) => !row.every((x, j) => sameValue(x, want.rows[i]![j]!)));
  if (got.rows.length === want.rows.length && bad < 0) return { ok: true };
  return { ok: false, signature: `${c.how}: values`, title: `concat gives other rows (from row ${bad})`, got: gotText, want: wantText };
}

describe('concat, differential against DuckDB', () => {
  it('vertical and diagonal concat give UNION ALL (BY NAME), categorical with utf8 as utf8', async () => {
    const name = 'concat';
    const cases = samples(caseArb, name, runs(100));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, c] of cases.entries()) {
      const v = await judge(c);
      if (v.ok) continue;
      findings.add(k, v.signature, {
        title: v.title,
        detail: repro({ frame: `${frameCode(c.a, 'a')}\n${frameCode(c.b, 'b')}`, call: `DataFrame.concat([a, b], { how: '${c.how}' })`, sql: `SELECT * FROM a UNION ALL${c.how === 'diagonal' ? ' BY NAME' : ''} SELECT * FROM b`, got: v.got, want: v.want }),
      });
    }
    findings.assertNone(cases.length);
  });
});
