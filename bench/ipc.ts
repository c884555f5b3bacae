/**
 * The Arrow IPC benchmark: colframe's reader and writer against apache-arrow's own
 * `tableFromIPC` / `tableToIPC`, measured side by side in one process, on the seeded 1M-row table
 * of the CSV benchmark (id, user_id, category, city, amount, qty, ts, flag, note; loaded once
 * with readCSV, not timed) and on 10M rows (that table ten times, joined with DataFrame.concat).
 *
 * Timed (medians of --runs runs after 2 warm-ups, cases interleaved):
 * - read in-memory stream bytes: readIPCSync (default checks; checkValues: false) vs tableFromIPC,
 *   at 1M and 10M rows: zero-copy, so the cost is the checks that read every value, not copies;
 * - write to bytes: df.toIPC() vs tableToIPC(df.toArrow());
 * - file: writeIPC(df, path) vs writeFileSync(path, tableToIPC(table)); readIPC(path) vs
 *   tableFromIPC(readFileSync(path)).
 *
 * Run: npm run bench:ipc [-- --runs K] [-- --seed S] [-- --no-10m]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { DataFrame, readCSV, readIPC, readIPCSync, writeIPC } from '../src/index.js';
import { ensureSyntheticCsv, OUT_DIR } from './csv/generate.js';
import { fmt, markdownTable, median, sink, timeMedians } from './lib/measure.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = flag('--runs', 5);
const seed = flag('--seed', 42);
const with10m = !args.includes('--no-10m');

const log = (s: string): void => void process.stderr.write(`${s}\n`);

async function timeAsync(run: () => Promise<number>, n: number): Promise<number> {
  for (let w = 0; w < 2; w++) sink.value += await run();
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    sink.value += await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const csv = ensureSyntheticCsv(1_000_000, seed, { log });
log(`loading ${csv.path}`);
const df1 = await readCSV(csv.path);
log(`schema: ${String(df1.schema)}`);

const rows: string[][] = [];
const ratio = (a: number, b: number): string => `${fmt(a / b, 2)}×`;

// ---------------------------------------------------------------- read bytes in memory, 1M vs 10M
const sizes: [string, DataFrame][] = [['1M', df1]];
if (with10m) {
  log('building the 10M-row frame');
  sizes.push(['10M', DataFrame.concat(Array.from({ length: 10 }, () => df1))]);
}
const readRows: string[][] = [];
for (const [label, df] of sizes) {
  const bytes = df.toIPC({ format: 'stream' });
  const cases = timeMedians(
    [
      { name: 'readIPCSync', run: () => readIPCSync(bytes).height },
      { name: 'readIPCSync checkValues:false', run: () => readIPCSync(bytes, { checkValues: false }).height },
      { name: 'apache-arrow tableFromIPC', run: () => tableFromIPC(bytes).numRows },
    ],
    runs,
  );
  const peer = cases[2]!.ms;
  for (const c of cases) readRows.push([`${label} rows (${fmt(bytes.length / 1048576, 0)} MiB)`, c.name, fmt(c.ms, 2), ratio(c.ms, peer)]);
  const back = readIPCSync(bytes);
  if (back.getColumn('amount').data.values.buffer !== bytes.buffer) throw new Error('read was not zero-copy');
}

// ---------------------------------------------------------------- write to bytes
const table = df1.toArrow();
const write = timeMedians(
  [
    { name: 'df.toIPC() (file)', run: () => df1.toIPC().length },
    { name: "df.toIPC({ format: 'stream' })", run: () => df1.toIPC({ format: 'stream' }).length },
    { name: "apache-arrow tableToIPC(t, 'file')", run: () => tableToIPC(table, 'file').length },
    { name: "apache-arrow tableToIPC(t, 'stream')", run: () => tableToIPC(table, 'stream').length },
  ],
  runs,
);
for (const [i, c] of write.entries()) rows.push(['write bytes, 1M', c.name, fmt(c.ms, 1), ratio(c.ms, write[i % 2 === 0 ? 2 : 3]!.ms)]);

// ---------------------------------------------------------------- files
const dir = join(OUT_DIR, 'ipc-bench');
mkdirSync(dir, { recursive: true });
const ours = join(dir, 'colframe.arrow');
const theirs = join(dir, 'arrow-js.arrow');
const wOurs = await timeAsync(async () => {
  await writeIPC(df1, ours);
  return 1;
}, runs);
const wTheirs = await timeAsync(async () => {
  writeFileSync(theirs, tableToIPC(table, 'file'));
  return 1;
}, runs);
const rOurs = await timeAsync(async () => (await readIPC(ours)).height, runs);
const rTheirs = await timeAsync(async () => tableFromIPC(readFileSync(theirs)).numRows, runs);
const fileMiB = readFileSync(ours).length / 1048576;
rows.push(['write file, 1M', 'writeIPC(df, path)', fmt(wOurs, 1), ratio(wOurs, wTheirs)]);
rows.push(['write file, 1M', 'writeFileSync(path, tableToIPC(t))', fmt(wTheirs, 1), '1.00×']);
rows.push(['read file, 1M', 'readIPC(path)', fmt(rOurs, 1), ratio(rOurs, rTheirs)]);
rows.push(['read file, 1M', 'tableFromIPC(readFileSync(path))', fmt(rTheirs, 1), '1.00×']);
rmSync(dir, { recursive: true, force: true });

const out = [
  `Arrow IPC, seeded ${csv.rows.toLocaleString('en-US')}-row table (seed ${seed}), ${fmt(fileMiB, 0)} MiB as an IPC file; medians of ${runs} runs (ms); ratio = colframe / apache-arrow in the same run.`,
  '',
  markdownTable(['read in-memory stream bytes', 'reader', 'ms', 'vs tableFromIPC'], readRows, ['left', 'left', 'right', 'right']),
  '',
  markdownTable(['work', 'how', 'ms', 'vs apache-arrow'], rows, ['left', 'left', 'right', 'right']),
  '',
  `(sink ${sink.value})`,
].join('\n');
console.log(out);
