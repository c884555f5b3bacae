/**
 * readCSV under mutated inputs: generated frames written by our writer, csv-spectrum's files and
 * Arrow's CSV test files as seeds. See test/support/fuzz.ts (long mode: FUZZ_RUNS=N FUZZ_SEED=S).
 */
import { describe, expect, it } from 'vitest';
import { readCSV } from '../../src/index.js';
import { dtypesOf, fileSeed, fuzz, fuzzRun, itFuzzes, seedFrames, smallFiles, type FuzzSeed, type FuzzTarget } from '../support/fuzz.js';
import { sharedData } from '../support/shared-data.js';

type Options = { delimiter?: string };

const enc = new TextEncoder();
const seeds: FuzzSeed<Options>[] = [
  ...seedFrames().map(({ name, df }) => ({ name, bytes: enc.encode(df.toCSV()), options: {} })),
  ...seedFrames().map(({ name, df }) => ({ name: `${name}.tsv`, bytes: enc.encode(df.toCSV({ delimiter: '\t' })), options: { delimiter: '\t' } })),
];
const spectrum = sharedData('csv-spectrum');
if (spectrum.present) seeds.push(...smallFiles(spectrum.file('csvs'), (n) => n.endsWith('.csv')).map((p) => fileSeed<Options>(p, {})));
const arrow = sharedData('arrow-testing');
if (arrow.present) seeds.push(...smallFiles(arrow.file('csv'), (n) => n.endsWith('.csv'), 8192).map((p) => fileSeed<Options>(p, {})));

const target: FuzzTarget<Options> = {
  name: 'readCSV',
  seeds,
  read: (bytes, options) => readCSV(bytes, options),
  roundTrip: (df, options) => readCSV(enc.encode(df.toCSV(options)), { ...options, dtypes: dtypesOf(df) }),
};

describe('readCSV fuzzing', () => {
  itFuzzes(target);

  it('reports an untyped error, garbage and a slow case with the seed, the case index and the bytes', async () => {
    const broken = (kind: 'throw' | 'garbage' | 'slow'): FuzzTarget<Options> => ({
      ...target,
      read: async (_bytes, options) => {
        if (kind === 'throw') throw new TypeError('boom');
        const df = await readCSV(enc.encode('a\n1\n'), options);
        if (kind === 'slow') await new Promise((resolve) => setTimeout(resolve, 30));
        return df;
      },
      roundTrip: async (df) => (kind === 'garbage' ? readCSV(enc.encode('a\n2\n')) : df),
    });
    const run = { ...fuzzRun(), runs: 3, seed: 7, caseMs: 20 };
    const thrown = await fuzz(broken('throw'), run);
    expect(thrown.findings[0]).toMatch(/^readCSV FUZZ_SEED=7 case 0 \(seed input .*\): threw TypeError: boom \(not a ColframeError\)/);
    expect(thrown.findings[0]).toMatch(/input base64: [A-Za-z0-9+/=]*$/);
    expect((await fuzz(broken('garbage'), run)).findings[0]).toMatch(/does not read back the same through our writer/);
    expect((await fuzz(broken('slow'), run)).findings[0]).toMatch(/case 0 .*: took \d+ ms/);
  });
});
