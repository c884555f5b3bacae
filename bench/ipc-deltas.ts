/**
 * Reading an Arrow IPC stream whose dictionary grows by many delta batches: one initial
 * dictionary, N deltas of one entry each (default 65,536), then one record batch using the last
 * entry. Prints the read time (median of 3).
 *
 *   node --import tsx bench/ipc-deltas.ts [--deltas N] [--src DIR]
 *
 * `--src DIR` reads with another checkout's `src/` (e.g. the previous commit, for a before/after).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { concat } from '../test/support/bytes.js';
import { EOS, batch, body, dictBatch, f, schema } from '../test/support/ipc-messages.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const deltas = Number(arg('--deltas') ?? 65_536);
const src = arg('--src') ?? fileURLToPath(new URL('../src/', import.meta.url));
const { readIPCSync } = (await import(pathToFileURL(join(src, 'index.ts')).href)) as typeof import('../src/index.js');

const delta = dictBatch(0, ['v'], true);
const parts: Uint8Array[] = [schema([f.cat('c', 0, 32, true)]), dictBatch(0, ['first'])];
for (let i = 0; i < deltas; i++) parts.push(delta);
parts.push(batch(1, [[1, 0]], body(null, Int32Array.from([deltas]))), EOS);
const bytes = concat(...parts);
const times: number[] = [];
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const df = readIPCSync(bytes);
  times.push(performance.now() - t0);
  if (df.getColumn('c').toArray()[0] !== 'v' || df.getColumn('c').data.dictionary!.length !== deltas + 1) throw new Error('wrong read');
}
times.sort((a, b) => a - b);
console.log(`${deltas.toLocaleString('en-US')} deltas, ${(bytes.length / 1048576).toFixed(1)} MiB: read in ${times[1]!.toFixed(0)} ms (median of 3; ${src})`);
