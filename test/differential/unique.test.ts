/**
 * unique (keep first / last / none, with and without a subset), valueCounts and dropNulls
 * against DuckDB. unique and valueCounts compare as multisets (colframe lists groups in order of
 * first appearance, DuckDB's order is open: difference 5); dropNulls keeps row order.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import type { DataFrame } from '../../src/index.js';
import { frameArb, samples } from '../support/arbitraries.js';
import { Duck, ident } from '../support/duckdb.js';
import { checkFrame } from '../support/frame-check.js';
import { readColumn, withRowId, type FrameSpec } from '../support/frame-specs.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';

const FILE = 'test/differential/unique.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

type Keep = 'first' | 'last' | 'none' | undefined;

const uniqueArb = frameArb({ columns: { min: 1, max: 4 } }).chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    subset: fc.option(fc.shuffledSubarray(spec.columns.map((c) => c.name), { minLength: 1 }), { nil: undefined }),
    keep: fc.constantFrom<Keep>(undefined, 'first', 'last', 'none'),
  }),
);

function kindsOf(spec: FrameSpec, names: readonly string[]): string {
  return names.map((n) => spec.columns.find((c) => c.name === n)!.dtype.kind).join(',');
}

describe('unique, valueCounts and dropNulls, differential against DuckDB', () => {
  it('unique keeps one row per distinct subset value (first, last or none of duplicates), as a multiset', async () => {
    const name = 'unique';
    const cases = samples(uniqueArb, name, runs(120));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, { spec, subset, keep }] of cases.entries()) {
      // With a subset the row ids ride along, so which duplicate is kept is checked too.
      const withIds = subset !== undefined ? withRowId(spec) : spec;
      const part = (subset ?? spec.columns.map((c) => c.name)).map(ident).join(', ');
      const cols = withIds.columns.map((c) => ident(c.name)).join(', ');
      const pick = keep === 'none' ? '__cnt = 1' : '__rn = 1';
      const sql = `SELECT ${cols} FROM (SELECT *, row_number() OVER (PARTITION BY ${part} ORDER BY __row ${keep === 'last' ? 'DESC' : 'ASC'}) AS __rn, count(*) OVER (PARTITION BY ${part}) AS __cnt FROM t) WHERE ${pick}`;
      const opts: { subset?: string[]; keep?: 'first' | 'last' | 'none' } = {};
      if (subset !== undefined) opts.subset = subset;
      if (keep !== undefined) opts.keep = keep;
      const code = `df${subset !== undefined ? '.withColumns({ __row: <row index> })' : ''}.unique(${JSON.stringify(opts)})`;
      await checkFrame(duck, findings, k, withIds, {
        run: (df: DataFrame) => df.unique(opts as never),
        code,
        sql,
        order: 'multiset',
        label: `unique keep ${keep ?? 'first'} on ${kindsOf(spec, subset ?? spec.columns.map((c) => c.name))}`,
      });
    }
    findings.assertNone(cases.length);
  });

  it('valueCounts counts each distinct value (null included) as DuckDB groups them, most frequent first', async () => {
    const name = 'valueCounts';
    const arb = frameArb({ columns: { min: 1, max: 1 } }).chain((spec) => fc.tuple(fc.constant(spec), fc.boolean()));
    const cases = samples(arb, name, runs(120));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, sorted]] of cases.entries()) {
      const c = spec.columns[0]!;
      await checkFrame(duck, findings, k, spec, {
        run: (df: DataFrame) => df.valueCounts(c.name, sorted ? {} : { sort: false }),
        code: `df.valueCounts(${JSON.stringify(c.name)}${sorted ? '' : ', { sort: false }'})`,
        sql: `SELECT ${ident(c.name)}, count(*) AS count FROM t GROUP BY ${ident(c.name)}`,
        order: 'multiset',
        label: `valueCounts of ${c.dtype.kind}`,
        extra: (got) => {
          if (got.dtypes[1]?.kind !== 'int64') return `count has dtype ${String(got.dtypes[1])}, expected int64`;
          const counts = readColumn(got, 'count').map(Number);
          return sorted && counts.some((n, i) => i > 0 && n > counts[i - 1]!) ? 'counts are not in descending order' : null;
        },
      });
    }
    findings.assertNone(cases.length);
  });

  it('dropNulls keeps, in order, the rows without a null in the subset', async () => {
    const name = 'dropNulls';
    const cases = samples(uniqueArb, name, runs(60));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, { spec, subset }] of cases.entries()) {
      const names = subset ?? spec.columns.map((c) => c.name);
      const ids = subset === undefined ? spec : withRowId(spec);
      await checkFrame(duck, findings, k, ids, {
        run: (df: DataFrame) => (subset === undefined ? df.dropNulls() : df.dropNulls(subset)),
        code: `df.dropNulls(${subset === undefined ? '' : JSON.stringify(subset)})`,
        sql: `SELECT ${ids.columns.map((c) => ident(c.name)).join(', ')} FROM t WHERE ${names.map((n) => `${ident(n)} IS NOT NULL`).join(' AND ') || 'TRUE'} ORDER BY __row`,
        order: 'exact',
        label: `dropNulls on ${kindsOf(spec, names)}`,
      });
    }
    findings.assertNone(cases.length);
  });
});
