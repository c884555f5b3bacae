/**
 * The CSV load benchmark: colframe's `readCSV` against nodejs-polars, arquero and DuckDB, each
 * load in its own process under `/usr/bin/time -v` (peak RSS per tool), on a seeded synthetic
 * table and on the vega flights-1m.csv. Every tool reports its row count and column sums, checked
 * against what the file holds.
 *
 * Run: npm run bench:csv [-- --runs K] [-- --rows N] [-- --seed S] [-- --big] [-- --huge]
 *      [-- --tools colframe,polars,...]
 * (node --import tsx bench/csv.ts). Peers: npm run bench:peers:install. Markdown goes to stdout
 * and bench/out/csv.md; progress goes to stderr. The parts live in bench/csv/.
 */
import { constants as bufferConstants } from 'node:buffer';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { fmt, fmtInt } from './lib/measure.js';
import { ensureSyntheticCsv, OUT_DIR, type GeneratedCsv } from './csv/generate.js';
import { bigChecks, checksTable, fileTable, hugeChecks, peerChecks, summarise, type BenchFile, type CaseSummary, type Check } from './csv/report.js';
import { measure, requireGnuTime, type Measurement } from './csv/run.js';
import { peerVersion, ROOT, tool, TOOL_IDS, TOOLS, unavailable, type ToolId } from './csv/tools.js';

// ---------------------------------------------------------------- options

interface Options {
  rows: number;
  runs: number;
  seed: number;
  big: boolean;
  huge: boolean;
  tools: readonly ToolId[];
}

const USAGE = `usage: npm run bench:csv -- [--runs K (default 3)] [--rows N (default 1000000)] [--seed S (default 42)]
       [--big (also 5 × rows)] [--huge (also a > 1 GB file, 12,000,000 rows)] [--tools ${TOOL_IDS.join(',')}]`;

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { rows: 1_000_000, runs: 3, seed: 42, big: false, huge: false, tools: TOOL_IDS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const raw = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} expects a value\n${USAGE}`);
      return v;
    };
    const int = (): number => {
      const v = raw();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got ${v}`);
      return n;
    };
    switch (flag) {
      case '--rows':
        opts.rows = int();
        break;
      case '--runs':
        opts.runs = int();
        break;
      case '--seed':
        opts.seed = int();
        break;
      case '--big':
        opts.big = true;
        break;
      case '--huge':
        opts.huge = true;
        break;
      case '--tools': {
        const ids = raw().split(',').map((s) => s.trim());
        const unknown = ids.filter((id) => !(TOOL_IDS as readonly string[]).includes(id));
        if (unknown.length > 0) throw new Error(`Unknown tool ${unknown.join(', ')}; expected some of ${TOOL_IDS.join(', ')}`);
        opts.tools = ids as ToolId[];
        break;
      }
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      default:
        throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
if (opts.tools.includes('colframe')) {
  // colframe is measured as users run it: the built package.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
requireGnuTime();

/** Rows of the `--huge` file: about 1.06 GB, twice V8's longest string. */
const HUGE_ROWS = 12_000_000;
/** A process that runs longer is stopped and reported as failed. */
const TIMEOUT_MS = 30 * 60_000;
const FLIGHTS = `${ROOT}../shared/data/vega-datasets/derived/flights-1m.csv`;

const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const only = (ids: readonly ToolId[]): ToolId[] => ids.filter((id) => opts.tools.includes(id));
const rowsLabel = (n: number): string => (n % 1_000_000 === 0 ? `${n / 1_000_000}M` : fmtInt(n));

function synthetic(meta: GeneratedCsv, tools: readonly ToolId[], runs: number): BenchFile {
  return {
    name: `synthetic ${rowsLabel(meta.rows)}`,
    path: meta.path.startsWith(ROOT) ? meta.path.slice(ROOT.length) : meta.path,
    bytes: meta.bytes,
    rows: meta.rows,
    sums: { amount: meta.sumAmountCents / 100, qty: meta.sumQty },
    tools,
    runs,
  };
}

// ---------------------------------------------------------------- files

const main = synthetic(ensureSyntheticCsv(opts.rows, opts.seed, { log: progress }), only(TOOL_IDS), opts.runs);
const files: BenchFile[] = [main];
const notes: string[] = [];
if (existsSync(FLIGHTS)) {
  // Reference aggregates from ../shared/data/vega-datasets/SOURCE.md (pyarrow).
  files.push({
    name: 'flights-1m',
    path: '../shared/data/vega-datasets/derived/flights-1m.csv',
    bytes: statSync(FLIGHTS).size,
    rows: 1_000_000,
    sums: { delay: 7_638_823, distance: 728_303_008 },
    tools: only(TOOL_IDS),
    runs: opts.runs,
  });
} else {
  notes.push(`flights-1m.csv not found at ${FLIGHTS}: skipped.`);
}
const big = opts.big ? synthetic(ensureSyntheticCsv(opts.rows * 5, opts.seed, { log: progress }), only(['colframe', 'polars', 'duckdb']), opts.runs) : undefined;
if (big !== undefined) files.push(big);
const huge = opts.huge ? synthetic(ensureSyntheticCsv(HUGE_ROWS, opts.seed, { log: progress }), only(['colframe', 'polars']), 1) : undefined;
if (huge !== undefined) files.push(huge);

// ---------------------------------------------------------------- runs

/** Read a file once so every tool finds it in the page cache. */
async function warmPageCache(path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) void chunk;
}

const absolute = (f: BenchFile): string => (f.path.startsWith('/') ? f.path : `${ROOT}${f.path}`);
const results = new Map<BenchFile, CaseSummary[]>();
const t0 = performance.now();
for (const file of files) {
  await warmPageCache(absolute(file));
  const tools = file.tools.map(tool);
  const runs = new Map<ToolId, Measurement[]>(tools.map((t) => [t.id, []]));
  const sumColumns = Object.keys(file.sums);
  // Tools interleaved within each round, so drift on a noisy machine hits all of them alike.
  for (let r = 1; r <= file.runs; r++) {
    for (const t of tools) {
      const why = unavailable(t);
      const m: Measurement = why !== undefined ? { ok: false, error: why } : measure(t.args(absolute(file), sumColumns), ROOT, TIMEOUT_MS);
      runs.get(t.id)!.push(m);
      progress(
        `[${file.name}] run ${r}/${file.runs} ${t.label}: ` +
          (m.ok ? `${fmt(m.result.loadMs / 1000, 2)} s, ${fmtInt(m.peakRss / 1048576)} MiB, ${fmtInt(m.result.rows)} rows` : `FAILED: ${m.error.split('\n')[0]!}`),
      );
    }
  }
  results.set(file, tools.map((t) => summarise(file, t, runs.get(t.id)!)));
}
const elapsed = (performance.now() - t0) / 1000;

// ---------------------------------------------------------------- report

const out: string[] = [];
const emit = (text: string): void => {
  out.push(text, '');
};

const cpu = os.cpus();
const peers = TOOLS.flatMap((t) => (t.peerPackage === undefined ? [] : [t.peerPackage]))
  .filter((p, i, all) => all.indexOf(p) === i)
  .map((p) => `${p} ${peerVersion(p) ?? '(not installed)'}`);
emit(
  [
    '# colframe CSV load benchmark',
    '',
    `- Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpu.length} CPUs (${cpu[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM`,
    `- peers: ${peers.join(', ')}`,
    `- runs per tool and file: ${opts.runs} (each a fresh process, tools interleaved), seed ${opts.seed}`,
    '- load wall: performance.now() around the load call only, inside the process; peak RSS: "Maximum resident set size" of `/usr/bin/time -v` for the whole process; process wall: the whole process (start-up, imports, load, checksum)',
    '- polars and DuckDB use all cores; arquero loads on the main thread; colframe on the main thread, plus one worker for files of 128 MiB and more',
  ].join('\n'),
);
for (const note of notes) emit(`> ${note}`);

const mismatches: string[] = [];
const failures: string[] = [];
let colframeWrong = false;
for (const [file, cases] of results) {
  emit(fileTable(file, cases));
  for (const c of cases) {
    if (!c.ok) failures.push(`- ${file.name}, ${c.tool.label}: ${c.error.replaceAll('\n', '\n  ')}`);
    else if (c.mismatch !== undefined) {
      mismatches.push(`- ${file.name}, ${c.tool.label}: ${c.mismatch}`);
      if (c.tool.id === 'colframe') colframeWrong = true;
    }
  }
}

const checks: Check[] = [];
checks.push(...peerChecks(main, results.get(main)!));
const flights = files.find((f) => f.name === 'flights-1m');
if (flights !== undefined) checks.push(...peerChecks(flights, results.get(flights)!));
if (big !== undefined) checks.push(...bigChecks(main, results.get(main)!, big, results.get(big)!));
if (huge !== undefined) checks.push(...hugeChecks(huge, results.get(huge)!, bufferConstants.MAX_STRING_LENGTH));
emit(`## Checks\n\n${checksTable(checks)}`);

if (mismatches.length > 0) emit(`## WRONG RESULTS (rows or sums differ from the file)\n\n${mismatches.join('\n')}`);
if (failures.length > 0) emit(`## Failures\n\n${failures.join('\n')}`);

const report = out.join('\n');
console.log(report);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}csv.md`, report);
progress(`elapsed: ${fmt(elapsed, 1)} s; written: bench/out/csv.md`);
for (const m of mismatches) progress(`WRONG RESULT ${m.slice(2)}`);
// A peer that reads wrong data is a finding (reported above); colframe reading wrong data, or any
// case that could not run, fails the benchmark.
if (failures.length > 0 || colframeWrong) {
  progress(`${failures.length} failed case(s)${colframeWrong ? '; colframe read wrong data' : ''}`);
  process.exitCode = 1;
}
