/**
 * sort against DuckDB's ORDER BY: one to three keys of every dtype, mixed directions, nulls last
 * and first. DuckDB gets the row number as the last key, so the order must be exactly DuckDB's
 * and colframe's sort stable (difference 5): ties (−0 and 0, equal strings, NaN and NaN) keep
 * their row order.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { col } from '../../src/index.js';
import { frameArb, samples } from '../support/arbitraries.js';
import { Duck, ident } from '../support/duckdb.js';
import { errorShape } from '../support/evaluate.js';
import { frameCode, frameOf, readColumn, selectSpec, withRowId, type FrameSpec } from '../support/frame-specs.js';
import { Findings, attempt, repro, shrinkRows, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';

const FILE = 'test/differential/sort.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

interface SortCase {
  readonly keys: readonly string[];
  readonly asExpr: readonly boolean[];
  readonly descending: boolean | readonly boolean[] | undefined;
  readonly nullsLast: boolean | undefined;
}

function directions(c: SortCase): boolean[] {
  return c.keys.map((_, i) => (Array.isArray(c.descending) ? c.descending[i]! : c.descending === true));
}

function sortCode(c: SortCase): string {
  const keys = c.keys.map((k, i) => (c.asExpr[i] ? `col(${JSON.stringify(k)})` : JSON.stringify(k)));
  const opts: string[] = [];
  if (c.descending !== undefined) opts.push(`descending: ${JSON.stringify(c.descending)}`);
  if (c.nullsLast !== undefined) opts.push(`nullsLast: ${c.nullsLast}`);
  return `df.sort(${keys.length === 1 ? keys[0] : `[${keys.join(', ')}]`}${opts.length > 0 ? `, { ${opts.join(', ')} }` : ''})`;
}

function orderSql(c: SortCase): string {
  const dirs = directions(c);
  const nulls = c.nullsLast === false ? 'NULLS FIRST' : 'NULLS LAST';
  return [...c.keys.map((k, i) => `${ident(k)} ${dirs[i] ? 'DESC' : 'ASC'} ${nulls}`), '__row'].join(', ');
}

function colframeOrder(spec: FrameSpec, c: SortCase): number[] | Error {
  const r = attempt(() => {
    const keys = c.keys.map((k, i) => (c.asExpr[i] ? col(k) : k));
    const opts: { descending?: boolean | readonly boolean[]; nullsLast?: boolean } = {};
    if (c.descending !== undefined) opts.descending = c.descending;
    if (c.nullsLast !== undefined) opts.nullsLast = c.nullsLast;
    const sorted = frameOf(withRowId(spec)).sort(keys.length === 1 ? keys[0]! : keys, opts);
    return readColumn(sorted, '__row').map(Number);
  });
  return r.ok ? r.value : r.error;
}

async function duckOrders(spec: FrameSpec, cs: readonly SortCase[]): Promise<number[][]> {
  await duck.load('s', frameOf(spec));
  const r = await duck.query(`SELECT ${cs.map((c, i) => `list(__row ORDER BY ${orderSql(c)}) AS o${i}`).join(', ')} FROM s`);
  return cs.map((_, i) => ((r.rows[0]?.[i] ?? []) as bigint[]).map(Number));
}

const caseArb = frameArb({ columns: { min: 1, max: 4 } }).chain((spec) => {
  const names = spec.columns.map((c) => c.name);
  const one = fc.shuffledSubarray(names, { minLength: 1, maxLength: Math.min(3, names.length) }).chain((keys) =>
    fc.record({
      keys: fc.constant(keys),
      asExpr: fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
      descending: fc.oneof(fc.constant(undefined), fc.boolean(), fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length })),
      nullsLast: fc.constantFrom(undefined, true, false),
    }),
  );
  return fc.tuple(fc.constant(spec), fc.array(one, { minLength: 4, maxLength: 4 }));
});

describe('sort, differential against DuckDB', () => {
  it('sort by one to three keys in mixed directions, nulls last or first, gives DuckDB\'s order, ties in row order', async () => {
    const name = 'sort order';
    const cases = samples(caseArb, name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, sorts]] of cases.entries()) {
      const wants = await duckOrders(spec, sorts);
      for (const [i, c] of sorts.entries()) {
        const got = colframeOrder(spec, c);
        if (Array.isArray(got) && got.join() === wants[i]!.join()) continue;
        const kinds = c.keys.map((key) => spec.columns.find((x) => x.name === key)!.dtype.kind).join(',');
        const signature = got instanceof Error ? errorShape(got) : `order by ${kinds}`;
        let small = spec;
        if (findings.isNew(signature)) {
          const fails = async (s: FrameSpec) => {
            const g = colframeOrder(s, c);
            const [w] = await duckOrders(s, [c]);
            return got instanceof Error ? g instanceof Error && errorShape(g) === signature : Array.isArray(g) && g.join() !== w!.join();
          };
          const used = selectSpec(spec, c.keys);
          if (await fails(used)) small = used;
          small = await shrinkRows(small, fails);
        }
        const g = colframeOrder(small, c);
        const [w] = await duckOrders(small, [c]);
        findings.add(k, signature, {
          title: `${sortCode(c)} gives another order`,
          detail: repro({
            frame: frameCode(small),
            call: `${sortCode(c)}   // original row indices, in sorted order`,
            sql: `SELECT row_number FROM df ORDER BY ${orderSql(c)}`,
            got: g instanceof Error ? showError(g) : `[${g.join(', ')}]`,
            want: `[${w!.join(', ')}]`,
          }),
        });
      }
    }
    findings.assertNone(cases.length);
  });
});
