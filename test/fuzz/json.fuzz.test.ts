/**
 * readJSON under mutated inputs: generated frames written by our writer (JSON records and NDJSON)
 * and csv-spectrum's JSON files as seeds. See test/support/fuzz.ts (long mode: FUZZ_RUNS=N FUZZ_SEED=S).
 */
import { describe } from 'vitest';
import { readJSON } from '../../src/index.js';
import { dtypesOf, fileSeed, itFuzzes, seedFrames, smallFiles, type FuzzSeed, type FuzzTarget } from '../support/fuzz.js';
import { sharedData } from '../support/shared-data.js';

type Options = { format: 'records' | 'ndjson' };

const enc = new TextEncoder();
const seeds: FuzzSeed<Options>[] = [
  ...seedFrames().map(({ name, df }) => ({ name, bytes: enc.encode(df.toJSONString({ format: 'records' })), options: { format: 'records' as const } })),
  ...seedFrames().map(({ name, df }) => ({ name: `${name}.ndjson`, bytes: enc.encode(df.toJSONString({ format: 'ndjson' })), options: { format: 'ndjson' as const } })),
];
const spectrum = sharedData('csv-spectrum');
if (spectrum.present) seeds.push(...smallFiles(spectrum.file('json'), (n) => n.endsWith('.json')).map((p) => fileSeed<Options>(p, { format: 'records' })));

const target: FuzzTarget<Options> = {
  name: 'readJSON',
  seeds,
  read: (bytes, options) => readJSON(bytes, options),
  roundTrip: (df, options) => readJSON(enc.encode(df.toJSONString(options)), { ...options, dtypes: dtypesOf(df) }),
};

describe('readJSON fuzzing', () => {
  itFuzzes(target);
});
