/**
 * Casts against DuckDB: strict casts against CAST (an error exactly where DuckDB's CAST fails,
 * naming the row), non-strict ones against TRY_CAST; numeric ↔ numeric, anything → utf8,
 * utf8 → number / bool / date / timestamp, timestamp ↔ date.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { dtypeArb, frameArb, samples } from '../support/arbitraries.js';
import { boolTextArb, castP, dateTextArb, floatTextArb, intTextArb, textFrameArb, timestampTextArb } from '../support/casts.js';
import { Duck } from '../support/duckdb.js';
import { checkPairs } from '../support/evaluate.js';
import { ALL_KINDS, FLOAT_KINDS, INT_KINDS, dtypeOf, type FrameSpec } from '../support/frame-specs.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { colP, type Pair } from '../support/pairs.js';
import { categorical, nullable, timestamp, utf8, type AnyDType } from '../../src/index.js';

const FILE = 'test/differential/cast.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const NUMERIC = [...INT_KINDS, ...FLOAT_KINDS];
const label = (p: Pair) => p.op ?? 'cast';

/** Every column cast to each of `targets`, strict and not. */
function castsOf(spec: FrameSpec, targets: readonly AnyDType[]): Pair[] {
  return spec.columns.flatMap((c) => targets.flatMap((t) => [castP(colP(c), t, true), castP(colP(c), t, false)]));
}

async function run(name: string, cases: [FrameSpec, Pair[]][]): Promise<void> {
  const findings = new Findings(name, FILE, seedFor(name));
  for (const [k, [spec, pairs]] of cases.entries()) await checkPairs(duck, findings, k, spec, pairs, label);
  findings.assertNone(cases.length);
}

describe('cast, differential against DuckDB', () => {
  it('numeric → numeric casts give TRY_CAST values; strict ones fail exactly where CAST fails', async () => {
    const name = 'numeric casts';
    const arb = frameArb({ kinds: NUMERIC, columns: { min: 1, max: 2 } }).chain((spec) =>
      fc.array(dtypeArb({ kinds: NUMERIC, nullable: 'never' }), { minLength: 3, maxLength: 3 }).map((ts): [FrameSpec, Pair[]] => [spec, castsOf(spec, ts)]),
    );
    await run(name, samples(arb, name, runs(60)));
  });

  it('anything → utf8 gives the text DuckDB gives (floats: text that reads back as the value; timestamps: ISO 8601)', async () => {
    const name = 'casts to utf8';
    const arb = frameArb({ kinds: ALL_KINDS, columns: { min: 1, max: 4 } }).map((spec): [FrameSpec, Pair[]] => [spec, castsOf(spec, [utf8(), categorical()])]);
    await run(name, samples(arb, name, runs(40)));
  });

  it('utf8 → integers, floats, bool, date and timestamp read the forms DuckDB reads, and reject what it rejects', async () => {
    const name = 'casts from utf8';
    const targets: [fc.Arbitrary<string>, AnyDType[]][] = [
      [intTextArb(), INT_KINDS.map((k) => dtypeOf(k))],
      [floatTextArb(), FLOAT_KINDS.map((k) => dtypeOf(k))],
      [boolTextArb(), [dtypeOf('bool')]],
      [dateTextArb(), [dtypeOf('date')]],
      [timestampTextArb(), [timestamp(), timestamp({ timezone: 'UTC' }), timestamp({ timezone: 'Asia/Kolkata' })]],
    ];
    const arb = fc
      .tuple(fc.constantFrom(...targets), fc.constantFrom<AnyDType>(nullable(utf8()), nullable(categorical())))
      .chain(([[text, ts], from]) => textFrameArb(text, from).map((spec): [FrameSpec, Pair[]] => [spec, castsOf(spec, ts)]));
    await run(name, samples(arb, name, runs(80)));
  });

  it('timestamp → date takes the day holding the instant; date → timestamp gives midnight', async () => {
    const name = 'timestamp and date casts';
    const arb = frameArb({ kinds: ['date', 'timestamp'], zones: [null], columns: { min: 1, max: 3 } }).map((spec): [FrameSpec, Pair[]] => [
      spec,
      spec.columns.flatMap((c) => {
        const to = c.dtype.kind === 'date' ? timestamp() : dtypeOf('date');
        return [castP(colP(c), to, true), castP(colP(c), to, false)];
      }),
    ]);
    await run(name, samples(arb, name, runs(40)));
  });
});
