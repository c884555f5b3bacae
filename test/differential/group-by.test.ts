/**
 * groupBy(...).agg(...) and df.agg(...) against DuckDB's GROUP BY: every aggregation (sum mean min
 * max count len nUnique first last std var median quantile) over every dtype it applies to, keyed
 * by null / categorical / float (NaN, −0) / int64 / bool / date / timestamp / utf8 columns, one to
 * three keys, and without keys (zero rows included).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { dtypeArb, frameOfDTypes, heightArb, samples, sharedPoolArb } from '../support/arbitraries.js';
import { AGG_FNS, aggAllowed, type AggSpec } from '../support/aggregates.js';
import { Duck } from '../support/duckdb.js';
import { recordGroups } from '../support/group-check.js';
import { ALL_KINDS, type FrameSpec } from '../support/frame-specs.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';

const FILE = 'test/differential/group-by.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const NUMERIC_HEAVY = [...ALL_KINDS, 'float64', 'float64', 'int64', 'int32', 'float32', 'uint64'] as const;

/** A frame with `keyCount` key columns (k0 …) and 1–3 value columns (v0 …), and aggregations of the values. */
function caseArb(keyCount: { min: number; max: number }, height = heightArb()): fc.Arbitrary<[FrameSpec, string[], AggSpec[]]> {
  return fc
    .record({
      keyTypes: fc.array(dtypeArb(), { minLength: keyCount.min, maxLength: keyCount.max }),
      valueTypes: fc.array(dtypeArb({ kinds: NUMERIC_HEAVY }), { minLength: 1, maxLength: 3 }),
      height,
      pool: sharedPoolArb(),
    })
    .chain(({ keyTypes, valueTypes, height, pool }) =>
      fc.tuple(frameOfDTypes(keyTypes, height, pool, 'k'), frameOfDTypes(valueTypes, height, pool, 'v')).chain(([keys, values]) => {
        const spec: FrameSpec = { height, columns: [...keys.columns, ...values.columns] };
        const aggArb = fc.tuple(fc.constantFrom(...values.columns), fc.constantFrom(...AGG_FNS), fc.constantFrom(0, 0.1, 0.25, 1 / 3, 0.5, 0.9, 1));
        return fc.array(aggArb, { minLength: 1, maxLength: 8 }).map((raw): [FrameSpec, string[], AggSpec[]] => {
          const aggs = raw
            .filter(([c, fn]) => aggAllowed(fn, c.dtype.kind))
            .map(([c, fn, q], i): AggSpec => (fn === 'quantile' ? { name: `a${i}`, fn, column: c, q } : { name: `a${i}`, fn, column: c }));
          return [spec, keys.columns.map((c) => c.name), aggs];
        });
      }),
    );
}

async function check(name: string, arb: fc.Arbitrary<[FrameSpec, string[], AggSpec[]]>, n: number): Promise<void> {
  const cases = samples(arb, name, runs(n));
  const findings = new Findings(name, FILE, seedFor(name));
  for (const [k, [spec, keys, aggs]] of cases.entries()) await recordGroups(duck, findings, k, spec, keys, aggs);
  findings.assertNone(cases.length);
}

describe('groupBy and agg, differential against DuckDB', () => {
  it('groupBy on one key of any dtype gives DuckDB\'s groups and every aggregation\'s value', async () => {
    await check('group by one key', caseArb({ min: 1, max: 1 }), 90);
  });

  it('groupBy on two or three keys gives DuckDB\'s groups (null keys one group, NaN one group, −0 with 0)', async () => {
    await check('group by several keys', caseArb({ min: 2, max: 3 }), 50);
  });

  it('df.agg without keys gives one row, also over zero rows (sum 0, count 0, the rest null)', async () => {
    await check('agg without keys', caseArb({ min: 0, max: 0 }, fc.oneof(fc.constant(0), heightArb())), 60);
  });
});
