/**
 * Peak memory of `colframe convert` streaming a large CSV to NDJSON: the command writes each
 * `scanCSV` batch to one output stream kept open, so its peak RSS should not grow with the input.
 * Generates a seeded CSV (default 4M rows, about 225 MB) under the temporary folder once, then
 * runs the CLI through tsx under `/usr/bin/time -v` and prints the peak RSS and wall time.
 *
 *   node --import tsx bench/convert-memory.ts [--rows N] [--seed S] [--src DIR]
 *
 * `--src DIR` runs another checkout's `src/cli.ts` (e.g. the previous commit, for a before/after).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from './lib/random.js';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const rows = Number(arg('--rows') ?? 4_000_000);
const seed = Number(arg('--seed') ?? 7);
const src = arg('--src') ?? fileURLToPath(new URL('../src/', import.meta.url));
const input = join(tmpdir(), `colframe-convert-${rows}-${seed}.csv`);

if (!existsSync(input)) {
  const r = new Random(seed);
  const cities = ['Oslo', 'Rome', 'Lima', 'Quito', 'Accra', 'Hanoi', 'Perth', 'Bern'];
  const fd = openSync(`${input}.part`, 'w');
  let buf: string[] = ['id,city,amount,qty,flag,note\n'];
  for (let i = 1; i <= rows; i++) {
    const note = Array.from({ length: r.int(2, 8) }, () => cities[r.int(0, cities.length - 1)]!.toLowerCase()).join(' ');
    buf.push(`${i},${cities[r.int(0, cities.length - 1)]},${(r.int(1, 999_999) / 100).toFixed(2)},${r.int(1, 20)},${r.bool()},${note}\n`);
    if (buf.length >= 10_000) {
      writeSync(fd, buf.join(''));
      buf = [];
    }
  }
  writeSync(fd, buf.join(''));
  closeSync(fd);
  execFileSync('mv', [`${input}.part`, input]);
}
const out = join(tmpdir(), `colframe-convert-${rows}-${seed}.ndjson`);
const t0 = performance.now();
const run = spawnSync('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', join(src, 'cli.ts'), 'convert', input, out], {
  cwd: join(src, '..'),
  encoding: 'utf8',
});
const seconds = (performance.now() - t0) / 1000;
if (run.status !== 0) throw new Error(`convert failed (${run.status}): ${run.stderr}`);
const peakKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
const mib = (b: number): string => (b / 1048576).toFixed(0);
console.log(`input ${mib(statSync(input).size)} MiB (${rows.toLocaleString('en-US')} rows, seed ${seed}) -> NDJSON ${mib(statSync(out).size)} MiB`);
console.log(`peak RSS ${(peakKiB / 1024).toFixed(0)} MiB, ${seconds.toFixed(1)} s (${src})`);
rmSync(out, { force: true });
