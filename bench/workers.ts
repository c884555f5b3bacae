/**
 * Handing frames to worker threads, and running work over them in parallel.
 *
 * Run: npm run bench:workers [-- --rows N] [-- --big N] [-- --runs K] [-- --seed S]
 * (node --expose-gc --import tsx bench/workers.ts). Markdown goes to stdout and bench/out/workers.md.
 *
 * 1. Handoff of an already-shared frame (main `share()` + `postMessage` + worker `fromShared` +
 *    first read) at `--rows` and `--big` rows: time and RSS growth.
 * 2. Side by side at `--rows`: structured clone of plain objects, Arrow IPC (tableToIPC) +
 *    transfer + tableFromIPC, colframe share, colframe transfer.
 * 3. groupBy city → sum over `--big` rows: one thread vs a pool of 2 workers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { tableToIPC } from 'apache-arrow';
import { DataFrame, col, createPool } from '../src/index.js';
import { spawnModuleWorker } from '../src/util/spawn.js';
import { fmt, fmtInt, markdownTable, median } from './lib/measure.js';
import { buildMixedFrame, buildMixedObjects } from './memory/mixed.js';

interface Options {
  /** Run one side-by-side case in this (fresh) process and print its result as JSON. */
  case: string | undefined;
  rows: number;
  big: number;
  runs: number;
  seed: number;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { case: undefined, rows: 1_000_000, big: 10_000_000, runs: 7, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes('=') ? (argv[i]!.split('=', 2) as [string, string]) : [argv[i]!, undefined];
    const raw = inline ?? argv[++i];
    if (flag === '--case') {
      o.case = raw;
      continue;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got ${String(raw)}`);
    if (flag === '--rows') o.rows = n;
    else if (flag === '--big') o.big = n;
    else if (flag === '--runs') o.runs = n;
    else if (flag === '--seed') o.seed = n;
    else throw new Error(`Unknown option ${flag}; expected --rows N, --big N, --runs K, --seed S`);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const gc = (): void => {
  const g = globalThis.gc;
  if (typeof g !== 'function') throw new Error('run with node --expose-gc (npm run bench:workers)');
  g();
  g();
};
const now = (): number => performance.timeOrigin + performance.now();
const rss = (): number => process.memoryUsage().rss;

interface Reply {
  done: number;
  first: unknown;
}

function ask(w: Worker, msg: unknown, transfer: ArrayBuffer[] = []): Promise<Reply> {
  return new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage(msg, transfer);
  });
}

interface Handoff {
  /** Start on main → first read done in the worker (ms). */
  total: number;
  /** Time the main thread was busy (ms): preparing the payload and posting it. */
  main: number;
  /** RSS growth of the process once the worker holds the data (bytes). */
  rss: number;
}

/** One handoff: `prepare` builds the payload on main; the worker reads one value. */
async function handoff(w: Worker, kind: string, prepare: () => { payload: unknown; transfer?: ArrayBuffer[] }): Promise<Handoff> {
  await ask(w, { kind: 'release' });
  gc();
  const before = rss();
  const t0 = now();
  const { payload, transfer } = prepare();
  const pending = ask(w, { kind, payload }, transfer ?? []);
  const main = now() - t0;
  const r = await pending;
  const total = r.done - t0;
  const grown = rss() - before;
  return { total, main, rss: grown };
}

async function medianHandoff(runs: number, one: () => Promise<Handoff>): Promise<Handoff> {
  const xs: Handoff[] = [];
  for (let i = 0; i < runs; i++) xs.push(await one());
  return { total: median(xs.map((x) => x.total)), main: median(xs.map((x) => x.main)), rss: median(xs.map((x) => x.rss)) };
}

/** One side-by-side case, in this process: median over runs, each on a freshly built payload source. */
async function runCase(kind: string): Promise<void> {
  const w = spawnModuleWorker(import.meta.url, './workers/handoff-worker');
  await ask(w, { kind: 'release' });
  const n = opts.rows;
  const results: Handoff[] = [];
  for (let r = 0; r < opts.runs + 1; r++) {
    let h: Handoff;
    if (kind === 'objects') {
      const rows = buildMixedObjects(n, opts.seed);
      h = await handoff(w, 'objects', () => ({ payload: rows }));
    } else if (kind === 'arrow') {
      const table = buildMixedFrame(n, opts.seed).toArrow();
      h = await handoff(w, 'arrow', () => {
        const bytes = tableToIPC(table, 'stream');
        return { payload: bytes, transfer: [bytes.buffer as ArrayBuffer] };
      });
    } else if (kind === 'share-shared') {
      const df = DataFrame.fromShared(buildMixedFrame(n, opts.seed).share());
      h = await handoff(w, 'share', () => ({ payload: df.share() }));
    } else if (kind === 'share-heap') {
      const df = buildMixedFrame(n, opts.seed);
      h = await handoff(w, 'share', () => ({ payload: df.share() }));
    } else if (kind === 'transfer') {
      const df = buildMixedFrame(n, opts.seed);
      h = await handoff(w, 'transfer', () => {
        const { packet, transferList } = df.transfer();
        return { payload: packet, transfer: transferList };
      });
    } else throw new Error(`unknown case ${kind}`);
    if (r > 0) results.push(h); // the first run warms the code paths up
  }
  await w.terminate();
  const m = (f: (x: Handoff) => number): number => median(results.map(f));
  console.log(JSON.stringify({ total: m((x) => x.total), main: m((x) => x.main), rss: m((x) => x.rss) }));
}

if (opts.case !== undefined) {
  await runCase(opts.case);
  process.exit(0);
}

const lines: string[] = [];
const out = (s = ''): void => {
  console.log(s);
  lines.push(s);
};

out(`# Workers benchmark`);
out();
out(`${os.cpus().length} cores, Node ${process.version}; rows ${fmtInt(opts.rows)}, big ${fmtInt(opts.big)}, medians of ${opts.runs} runs, seed ${opts.seed}.`);
out();

const worker = spawnModuleWorker(import.meta.url, './workers/handoff-worker');
await ask(worker, { kind: 'release' });

// 1. Handoff of an already-shared frame, at two sizes.
const sizes = [opts.rows, opts.big];
const handoffRows: string[][] = [];
for (const n of sizes) {
  const built = buildMixedFrame(n, opts.seed);
  const shared = DataFrame.fromShared(built.share()); // lives in shared memory from here on
  for (let w = 0; w < 10; w++) await handoff(worker, 'share', () => ({ payload: shared.share() })); // warm-up
  // Timing: back-to-back handoffs (no forced collection in between, which would leave the
  // worker collecting when the next message lands); RSS: separate runs after a collection.
  const times: { total: number; main: number }[] = [];
  for (let r = 0; r < 5 * opts.runs; r++) {
    const t0 = now();
    const pending = ask(worker, { kind: 'share', payload: shared.share() });
    const main = now() - t0;
    times.push({ total: (await pending).done - t0, main });
  }
  const h = await medianHandoff(opts.runs, () => handoff(worker, 'share', () => ({ payload: shared.share() })));
  const totals = times.map((x) => x.total).sort((a, b) => a - b);
  handoffRows.push([
    fmtInt(n),
    fmt(median(totals), 3),
    fmt(totals[Math.floor(totals.length * 0.9)]!, 3),
    fmt(median(times.map((x) => x.main)), 3),
    fmt(h.rss / 1024, 0),
  ]);
}
out('## 1. Handoff of an already-shared frame');
out();
out('main `share()` + `postMessage` + worker `fromShared` + first read of the last row.');
out();
out(`Median and 90th percentile of ${5 * opts.runs} back-to-back handoffs; RSS growth: median of ${opts.runs} runs, each after a collection.`);
out();
out(markdownTable(['rows', 'median ms', 'p90 ms', 'main thread ms', 'RSS growth KiB'], handoffRows, ['right', 'right', 'right', 'right', 'right']));
out();

// 2. Side by side at opts.rows, each method in a fresh process so RSS readings do not inherit
//    memory another method freed.
const CASES: [string, string][] = [
  ['structured clone of objects', 'objects'],
  ['Arrow IPC (tableToIPC) + transfer + tableFromIPC', 'arrow'],
  ['colframe share, frame already shared', 'share-shared'],
  ['colframe share, heap frame copied once', 'share-heap'],
  ['colframe transfer', 'transfer'],
];
const sideRows: string[][] = [];
for (const [label, kind] of CASES) {
  const args = ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--case', kind, '--rows', String(opts.rows), '--runs', String(opts.runs), '--seed', String(opts.seed)];
  const res = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!) as Handoff;
  sideRows.push([label, fmt(res.total, 2), fmt(res.main, 2), fmt(res.rss / 2 ** 20, 1)]);
}
void worker.terminate();
out(`## 2. Handing ${fmtInt(opts.rows)} rows to a worker`);
out();
out('From the start on the main thread (building the payload included, the frame itself not) to the worker\'s first read, and the time the main thread was busy; RSS growth once the worker holds the data. One fresh process per method.');
out();
out(markdownTable(['method', 'total ms', 'main thread ms', 'RSS growth MiB'], sideRows, ['left', 'right', 'right', 'right']));
out();

// 3. Parallel groupBy.
{
  const big = DataFrame.fromShared(buildMixedFrame(opts.big, opts.seed).share());
  gc();
  const aggs = { total: col('amount').sum() };
  const pool = createPool({ size: 2 });
  await pool.groupByAgg(big, ['city'], aggs); // starts the workers and warms them
  const single: number[] = [];
  const par: number[] = [];
  let check = '';
  for (let r = 0; r < opts.runs + 2; r++) {
    let t = performance.now();
    const a = big.groupBy('city').agg(aggs);
    const ts = performance.now() - t;
    t = performance.now();
    const b = await pool.groupByAgg(big, ['city'], aggs);
    const tp = performance.now() - t;
    if (r >= 2) {
      single.push(ts);
      par.push(tp);
    }
    const sa = (a.getColumn('total').toArray() as number[]).reduce((x, y) => x + y, 0);
    const sb = (b.getColumn('total').toArray() as number[]).reduce((x, y) => x + y, 0);
    check = `${a.height} groups; totals agree within ${Math.abs(sa - sb).toExponential(1)}`;
  }
  await pool.close();
  const ms = median(single);
  const mp = median(par);
  out(`## 3. groupBy city → sum over ${fmtInt(opts.big)} rows`);
  out();
  out(markdownTable(['', 'ms'], [['one thread (df.groupBy)', fmt(ms, 1)], ['pool of 2 workers (pool.groupByAgg)', fmt(mp, 1)], ['speed-up', `${fmt(ms / mp, 2)}×`]], ['left', 'right']));
  out();
  out(check);
}

mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/workers.md', import.meta.url), `${lines.join('\n')}\n`);
