/**
 * readJSON under mutated inputs: generated frames written by our writer (JSON records and NDJSON)
 * and csv-spectrum's JSON files as seeds. See test/support/fuzz.ts (long mode: FUZZ_RUNS=N FUZZ_SEED=S).
 */
import { describe, expect, it } from 'vitest';
import { readJSON, type AnyDType, type DataFrame } from '../../src/index.js';
import { fileSeed, fuzz, fuzzRun, seedFrames, smallFiles, type FuzzSeed, type FuzzTarget } from '../support/fuzz.js';
import { sharedData } from '../support/shared-data.js';

type Options = { format: 'records' | 'ndjson' };

const enc = new TextEncoder();
const seeds: FuzzSeed<Options>[] = [
  ...seedFrames().map(({ name, df }) => ({ name, bytes: enc.encode(df.toJSONString({ format: 'records' })), options: { format: 'records' as const } })),
  ...seedFrames().map(({ name, df }) => ({ name: `${name}.ndjson`, bytes: enc.encode(df.toJSONString({ format: 'ndjson' })), options: { format: 'ndjson' as const } })),
];
const spectrum = sharedData('csv-spectrum');
if (spectrum.present) seeds.push(...smallFiles(spectrum.file('json'), (n) => n.endsWith('.json')).map((p) => fileSeed<Options>(p, { format: 'records' })));

function dtypesOf(df: DataFrame): Record<string, AnyDType> {
  return Object.fromEntries(df.columns.map((c, i) => [c, df.dtypes[i]!]));
}

const target: FuzzTarget<Options> = {
  name: 'readJSON',
  seeds,
  read: (bytes, options) => readJSON(bytes, options),
  roundTrip: (df, options) => readJSON(enc.encode(df.toJSONString(options)), { ...options, dtypes: dtypesOf(df) }),
};

describe('readJSON fuzzing', () => {
  it('returns a frame that reads back the same, or a typed error, for every mutated input', async () => {
    const report = await fuzz(target, fuzzRun());
    if (process.env.FUZZ_RUNS) console.log(JSON.stringify({ reader: target.name, ...report }));
    expect(report.findings).toEqual([]);
    expect(report.cases).toBeGreaterThan(50);
  }, 120_000);
});
