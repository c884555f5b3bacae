/**
 * String functions against DuckDB on utf8 and categorical columns: contains (literal and regular
 * expressions meaning the same in JavaScript and RE2), startsWith, endsWith, lower, upper, length
 * (code points), replace (first / all, literal / regex), slice (code points, negative starts).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { frameArb, samples, stringArb } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { checkPairs } from '../support/evaluate.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { colP, type Pair } from '../support/pairs.js';
import { SAFE_REGEXES, strP, type StrOp } from '../support/pairs-str-dt.js';
import type { ColumnSpec } from '../support/frame-specs.js';

const FILE = 'test/differential/str.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

/** Pieces of the column's own strings (so matches happen), or random strings. */
function needleArb(c: ColumnSpec, nonEmpty: boolean): fc.Arbitrary<string> {
  const own = (c.values.filter((v) => typeof v === 'string') as string[]).flatMap((s) => {
    const cps = [...s];
    return cps.length === 0 ? [] : [cps.slice(0, 1).join(''), cps.slice(-1).join(''), cps.slice(0, 2).join(''), s];
  });
  const arb = own.length > 0 ? fc.oneof(fc.constantFrom(...own), stringArb()) : stringArb();
  return nonEmpty ? arb.filter((s) => s !== '') : arb;
}

const replacementArb = fc.constantFrom('', 'x', '-', 'ü', '😀', 'ab');

function opArb(c: ColumnSpec): fc.Arbitrary<StrOp> {
  return fc.oneof(
    fc.tuple(needleArb(c, false), fc.boolean()).map(([p, lit]): StrOp => (lit ? { fn: 'contains', pattern: p, literal: true } : { fn: 'contains', pattern: SAFE_REGEXES[p.length % SAFE_REGEXES.length]!, literal: false })),
    needleArb(c, false).map((t): StrOp => ({ fn: 'startsWith', text: t })),
    needleArb(c, false).map((t): StrOp => ({ fn: 'endsWith', text: t })),
    fc.constantFrom<StrOp>({ fn: 'lower' }, { fn: 'upper' }, { fn: 'length' }),
    fc.tuple(needleArb(c, true), replacementArb, fc.boolean()).map(([p, r, all]): StrOp => ({ fn: 'replace', pattern: p, replacement: r, literal: true, all })),
    fc.tuple(fc.constantFrom(...SAFE_REGEXES.filter((re) => re !== '^$')), replacementArb, fc.boolean()).map(([p, r, all]): StrOp => ({ fn: 'replace', pattern: p, replacement: r, literal: false, all })),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.option(fc.integer({ min: 0, max: 4 }), { nil: null })).map(([start, length]): StrOp => ({ fn: 'slice', start, length })),
  );
}

const caseArb = frameArb({ kinds: ['utf8', 'categorical'], columns: { min: 1, max: 2 } }).chain((spec) =>
  fc.tuple(fc.constant(spec), fc.array(fc.constantFrom(...spec.columns).chain((c) => opArb(c).map((op) => strP(colP(c), op))), { minLength: 10, maxLength: 10 })),
);

describe('string functions, differential against DuckDB', () => {
  it('str.contains startsWith endsWith lower upper length replace slice give DuckDB\'s results, row by row', async () => {
    const name = 'string functions';
    const cases = samples(caseArb, name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, pairs]] of cases.entries()) await checkPairs(duck, findings, k, spec, pairs, (p: Pair) => `${p.op} on ${p.dt?.kind}`);
    findings.assertNone(cases.length);
  });
});
