/**
 * Date-time functions against DuckDB: dt.year month day hour minute weekday truncate on dates and
 * on timestamps without and with a time zone (fields on the zone's wall clock), years far outside
 * 0–9999 included.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { frameArb, samples } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { checkPairs } from '../support/evaluate.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { colP, type Pair } from '../support/pairs.js';
import { dtP, type DtOp } from '../support/pairs-str-dt.js';

const FILE = 'test/differential/dt.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'weekday'] as const;
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute'] as const;

const caseArb = frameArb({ kinds: ['date', 'timestamp'], columns: { min: 1, max: 3 } }).chain((spec) => {
  const op: fc.Arbitrary<DtOp> = fc.oneof(fc.constantFrom(...FIELDS).map((fn): DtOp => ({ fn })), fc.constantFrom(...UNITS).map((unit): DtOp => ({ fn: 'truncate', unit })));
  const pair = fc
    .tuple(fc.constantFrom(...spec.columns), op)
    .filter(([c, o]) => !(c.dtype.kind === 'date' && (o.fn === 'hour' || o.fn === 'minute')))
    .map(([c, o]) => dtP(colP(c), o));
  return fc.tuple(fc.constant(spec), fc.array(pair, { minLength: 10, maxLength: 10 }));
});

describe('date-time functions, differential against DuckDB', () => {
  it('dt.year month day hour minute weekday truncate give DuckDB\'s results, row by row', async () => {
    const name = 'date-time functions';
    const cases = samples(caseArb, name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, pairs]] of cases.entries()) await checkPairs(duck, findings, k, spec, pairs, (p: Pair) => p.op ?? 'dt');
    findings.assertNone(cases.length);
  });
});
