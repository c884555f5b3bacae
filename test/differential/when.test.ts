/**
 * when/then/otherwise against SQL's CASE WHEN: one to three branches, random predicate
 * conditions (null counts as false), values of one family (numbers, strings, booleans, dates,
 * timestamps) from columns and literals, with and without otherwise.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { frameArb, samples } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { checkPairs } from '../support/evaluate.js';
import { dtypeOf, isFloat, type ColumnSpec, type FrameSpec } from '../support/frame-specs.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { colP, familyOf, isSmallInt, litP, type Pair } from '../support/pairs.js';
import { literalArb, predicateArb } from '../support/predicates.js';
import { whenP } from '../support/pairs-str-dt.js';
import type { AnyDType } from '../../src/index.js';

const FILE = 'test/differential/when.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

/** Value groups whose result dtype is settled: numbers, text, booleans, dates only, naive timestamps only. */
function groupOf(c: ColumnSpec): string {
  const k = c.dtype.kind;
  if (k === 'timestamp') return c.dtype.timezone ? `zoned ${c.dtype.timezone}` : 'timestamp';
  return k === 'date' ? 'date' : familyOf(k);
}

/** The decided dtype of a when over these values (null: values checked, dtype not). */
function whenDtype(values: readonly Pair[]): AnyDType | null {
  const ds = values.filter((v) => !v.isNull).map((v) => v.dt!);
  if (ds.length === 0) return null;
  const k = ds[0]!.kind;
  if (familyOf(k) === 'number') {
    if (ds.some((d) => isFloat(d.kind))) return dtypeOf('float64');
    if (ds.every((d) => isSmallInt(d.kind))) return dtypeOf('int32');
    // uint64 when a uint64 meets only unsigned columns and non-negative literals; else int64.
    const real = values.filter((v) => !v.isNull);
    const nonNegativeLiteral = (v: Pair) => v.isLit === true && !v.arg.startsWith('-');
    const unsigned = ds.some((d) => d.kind === 'uint64') && real.every((v) => nonNegativeLiteral(v) || v.dt!.kind.startsWith('uint'));
    return dtypeOf(unsigned ? 'uint64' : 'int64');
  }
  if (familyOf(k) === 'string') return values.some((v) => !v.isLit && !v.isNull) && values.every((v) => v.isLit || v.isNull || v.dt!.kind === 'categorical') ? dtypeOf('categorical') : dtypeOf('utf8');
  return ds[0]!;
}

function valueArb(spec: FrameSpec, group: string): fc.Arbitrary<Pair> {
  const cols = spec.columns.filter((c) => groupOf(c) === group);
  const fromCol = fc.constantFrom(...cols).map((c) => colP(c));
  const lits = group === 'date' || group.startsWith('zoned') ? [] : [fc.constantFrom(...cols).chain((c) => literalArb(c).map((v) => litP(v)))];
  return fc.oneof({ weight: 3, arbitrary: fromCol }, ...lits.map((arbitrary) => ({ weight: 2, arbitrary })), { weight: 1, arbitrary: fc.constant(litP(null)) });
}

const caseArb = frameArb({ columns: { min: 2, max: 5 } }).chain((spec) => {
  const groups = [...new Set(spec.columns.map(groupOf))];
  const one = fc.constantFrom(...groups).chain((g) =>
    fc
      .tuple(fc.array(fc.tuple(predicateArb(spec, 1), valueArb(spec, g)), { minLength: 1, maxLength: 3 }), fc.option(valueArb(spec, g), { nil: null }))
      .map(([branches, otherwise]) => {
        const values = [...branches.map((b) => b[1]), ...(otherwise === null ? [] : [otherwise])];
        const dt = whenDtype(values);
        const pair = whenP(branches, otherwise, dt);
        // Numbers with a float among them: DuckDB's CASE must produce doubles too.
        if (dt?.kind === 'float64') {
          const cast = (p: Pair) => ({ ...p, sql: `CAST(${p.sql} AS DOUBLE)` });
          return { ...whenP(branches.map(([c, v]) => [c, cast(v)]), otherwise === null ? null : cast(otherwise), dt), e: pair.e, code: pair.code, arg: pair.arg };
        }
        // A value beyond the 64-bit result (a uint64 above 2^63 among signed values) raises: difference 4.
        if (dt?.kind === 'int64' || dt?.kind === 'uint64') return { ...pair, range: dt.kind === 'int64' ? ([-(2n ** 63n), 2n ** 63n - 1n] as const) : ([0n, 2n ** 64n - 1n] as const) };
        return pair;
      }),
  );
  return fc.tuple(fc.constant(spec), fc.array(one, { minLength: 6, maxLength: 6 }));
});

describe('when/then/otherwise, differential against DuckDB', () => {
  it('a conditional takes the first branch whose condition is true (null is false), else otherwise, as CASE WHEN', async () => {
    const name = 'when';
    const cases = samples(caseArb, name, runs(60));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, pairs]] of cases.entries()) await checkPairs(duck, findings, k, spec, pairs, (p) => `when → ${p.dt?.kind ?? 'values'}`);
    findings.assertNone(cases.length);
  });
});
