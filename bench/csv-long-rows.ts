/**
 * The CSV and JSON readers on long rows and fields: time per case, to check that reading is
 * linear in the input whatever the shape of its lines. Seeded generated files go to a temporary
 * directory (never committed).
 *
 *   npm run bench:long-rows                  # full size (128 MiB field, 1,000 × 128 KiB rows, 256 MiB sample)
 *   npm run bench:long-rows -- --scale 0.25  # a quicker run at a quarter of the sizes
 *   npm run bench:long-rows -- --only field  # one case: field, rows, infer, ndjson
 */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readCSV, readJSON } from '../src/index.js';
import { Random } from './lib/random.js';

const MiB = 1 << 20;
const KiB = 1 << 10;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scale = Number(arg('scale') ?? 1);
const only = arg('only');
const dir = arg('dir') ?? join(tmpdir(), 'colframe-long-rows');
mkdirSync(dir, { recursive: true });

/** `n` seeded printable ASCII letters (no delimiter, quote or line end). */
function letters(rng: Random, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = 97 + rng.int(0, 25);
  return b;
}

/** Write a file from pieces produced by `each(i)` for i < count (seeded; reused when present). */
async function write(name: string, count: number, each: (i: number, rng: Random) => Buffer | string): Promise<string> {
  const path = join(dir, name);
  if (existsSync(path)) return path;
  const rng = new Random(42);
  const out = createWriteStream(path + '.tmp');
  for (let i = 0; i < count; i++) {
    if (!out.write(each(i, rng))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const { renameSync } = await import('node:fs');
  renameSync(path + '.tmp', path);
  return path;
}

async function time(label: string, run: () => Promise<number>): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const rows = await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const rss = process.memoryUsage().rss;
  // CPU time (user + system, all threads) is steadier than wall time on a shared machine.
  console.log(`| ${label} | ${rows} | ${(ms / 1000).toFixed(2)} s | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s | ${(rss / MiB).toFixed(0)} MiB |`);
}

const fieldBytes = Math.round(128 * MiB * scale);
const rowCount = Math.round(1000 * scale);
const rowBytes = 128 * KiB;
const inferBytes = Math.round(256 * MiB * scale);

console.log(`| case | rows | wall | cpu | rss after |`);
console.log(`|---|---|---|---|---|`);

if (only === undefined || only === 'field') {
  const path = await write(`field-${fieldBytes}.csv`, 1, (_, rng) => Buffer.concat([Buffer.from('a\n'), letters(rng, fieldBytes), Buffer.from('\n')]));
  await time(`one ${(fieldBytes / MiB).toFixed(0)} MiB field`, async () => (await readCSV(path, { threads: 1 })).height);
}
if (only === undefined || only === 'rows') {
  const perRow = rowBytes;
  const longPath = await write(`long-${rowCount}.csv`, rowCount + 1, (i, rng) => (i === 0 ? 'a,b\n' : Buffer.concat([letters(rng, perRow - 4), Buffer.from(',1\n')])));
  // The same bytes in short rows: 128-byte lines.
  const shortPath = await write(`short-${rowCount}.csv`, (rowCount * perRow) / 128 + 1, (i, rng) => (i === 0 ? 'a,b\n' : Buffer.concat([letters(rng, 128 - 4), Buffer.from(',1\n')])));
  let long = 0;
  let short = 0;
  await time(`${rowCount} rows × 128 KiB`, async () => {
    const t0 = performance.now();
    const h = (await readCSV(longPath, { threads: 1 })).height;
    long = performance.now() - t0;
    return h;
  });
  await time(`same bytes in 128 B rows`, async () => {
    const t0 = performance.now();
    const h = (await readCSV(shortPath, { threads: 1 })).height;
    short = performance.now() - t0;
    return h;
  });
  console.log(`| long / short (wall) | | ${(long / short).toFixed(2)} | | |`);
}
if (only === undefined || only === 'infer') {
  const lines = Math.round(inferBytes / 64);
  const path = await write(`infer-${inferBytes}.csv`, lines + 1, (i, rng) => (i === 0 ? 'id,x,name\n' : `${i},${rng.float().toFixed(6)},${letters(rng, 64 - 20 - String(i).length).toString()}\n`));
  await time(`inferSchemaLength: Infinity, ${(inferBytes / MiB).toFixed(0)} MiB`, async () => (await readCSV(path, { threads: 1, inferSchemaLength: Infinity })).height);
}
if (only === undefined || only === 'ndjson') {
  const path = await write(`ndjson-${rowCount}.ndjson`, rowCount, (i, rng) => `{"id":${i},"s":"${letters(rng, rowBytes - 30).toString()}"}\n`);
  await time(`NDJSON ${rowCount} lines × 128 KiB`, async () => (await readJSON(path, { format: 'ndjson' })).height);
}
