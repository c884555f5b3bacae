/**
 * readIPC under mutated inputs: generated frames written by our writer (file and stream formats),
 * a frame of every Arrow type (plain and compressed), Arrow's integration files and its IPC fuzz
 * corpus as seeds. See test/support/fuzz.ts (long mode:
 * FUZZ_RUNS=N FUZZ_SEED=S).
 */
import { describe } from 'vitest';
import { Table } from 'apache-arrow';
import { DataFrame, readIPC } from '../../src/index.js';
import { arrowVectors } from '../support/arrow-vectors.js';
import { fileSeed, itFuzzes, seedFrames, smallFiles, type FuzzSeed, type FuzzTarget } from '../support/fuzz.js';
import { sharedData } from '../support/shared-data.js';

type Options = Record<string, never>;

const seeds: FuzzSeed<Options>[] = [
  ...seedFrames().map(({ name, df }) => ({ name, bytes: df.toIPC(), options: {} })),
  ...seedFrames().map(({ name, df }) => ({ name: `${name}.stream`, bytes: df.toIPC({ format: 'stream' }), options: {} })),
];
// Every Arrow type (nested, unions, decimals, temporal units, categoricals inside lists and structs).
const allTypes = DataFrame.fromArrow(new Table(arrowVectors()));
seeds.push(
  { name: 'all-types', bytes: allTypes.toIPC(), options: {} },
  { name: 'all-types.stream', bytes: allTypes.toIPC({ format: 'stream' }), options: {} },
  { name: 'all-types.zstd.stream', bytes: allTypes.toIPC({ format: 'stream', compression: 'zstd' }), options: {} },
);
const arrow = sharedData('arrow-testing');
if (arrow.present) {
  const integration = smallFiles(arrow.file('integration'), (n) => n.endsWith('.arrow_file') || n.endsWith('.stream'), 16384);
  // Every fourth small integration file (they repeat across versions), and the fuzz corpus.
  seeds.push(...integration.filter((_, k) => k % 4 === 0).map((p) => fileSeed<Options>(p, {})));
  seeds.push(...smallFiles(arrow.file('fuzz-ipc-file'), (n) => n.startsWith('clusterfuzz'), 16384).map((p) => fileSeed<Options>(p, {})));
}

const target: FuzzTarget<Options> = {
  name: 'readIPC',
  seeds,
  read: (bytes) => readIPC(bytes),
  roundTrip: (df) => readIPC(df.toIPC()),
};

describe('readIPC fuzzing', () => {
  itFuzzes(target);
});
