/**
 * The operations benchmark: filter, group-by, sort, join and describe on the seeded 1M-row table
 * of the CSV benchmark, colframe against nodejs-polars, DuckDB and arquero. Each tool runs in its
 * own process that loads the data once (not timed here) and times every operation as the median of
 * `--runs` runs after `--warmup` untimed ones, with results materialized. The results are compared
 * across tools (row counts, group counts, sums within 1e-6 relative).
 *
 * Run: npm run bench:ops [-- --runs K] [-- --warmup W] [-- --rounds R] [-- --rows N] [-- --seed S]
 *      [-- --tools colframe,polars,duckdb,arquero] [-- --ops filter,join,...] [-- --no-build]
 * (node --import tsx bench/ops.ts). Peers: npm run bench:peers:install. Markdown goes to stdout and
 * bench/out/ops.md; progress goes to stderr. The parts live in bench/ops/ and bench/peers/ops-*.mjs.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { fmt } from './lib/measure.js';
import { ensureSyntheticCsv, OUT_DIR } from './csv/generate.js';
import { peerVersion, ROOT } from './csv/tools.js';
import { ensureUsersCsv, USER_COUNT } from './ops/users.js';
import {
  disagreements,
  mergeRounds,
  OP_IDS,
  OPS,
  OPS_TOOL_IDS,
  opsTable,
  spreadTable,
  toolsTable,
  verdicts,
  type OpsToolId,
  type ToolResult,
  type ToolRun,
} from './ops/report.js';

// ---------------------------------------------------------------- options

interface Options {
  rows: number;
  runs: number;
  rounds: number;
  warmup: number;
  seed: number;
  tools: readonly OpsToolId[];
  ops: readonly string[];
  build: boolean;
}

const USAGE = `usage: npm run bench:ops -- [--runs K (default 5)] [--warmup W (default 2)] [--rounds R (default 1)] [--rows N (default 1000000)] [--seed S (default 42)]
       [--tools ${OPS_TOOL_IDS.join(',')}] [--ops ${OP_IDS.join(',')}] [--no-build (use dist/ as it is)]`;

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { rows: 1_000_000, runs: 5, rounds: 1, warmup: 2, seed: 42, tools: OPS_TOOL_IDS, ops: OP_IDS, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const raw = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} expects a value\n${USAGE}`);
      return v;
    };
    const int = (min: number): number => {
      const v = raw();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} expects an integer ≥ ${min}, got ${v}`);
      return n;
    };
    const list = <T extends string>(allowed: readonly T[]): T[] => {
      const ids = raw().split(',').map((s) => s.trim());
      const unknown = ids.filter((id) => !(allowed as readonly string[]).includes(id));
      if (unknown.length > 0) throw new Error(`Unknown ${flag.slice(2)} ${unknown.join(', ')}; expected some of ${allowed.join(', ')}`);
      return ids as T[];
    };
    switch (flag) {
      case '--rows':
        opts.rows = int(1);
        break;
      case '--runs':
        opts.runs = int(1);
        break;
      case '--rounds':
        opts.rounds = int(1);
        break;
      case '--warmup':
        opts.warmup = int(0);
        break;
      case '--seed':
        opts.seed = int(1);
        break;
      case '--tools':
        opts.tools = list(OPS_TOOL_IDS);
        break;
      case '--ops':
        opts.ops = list(OP_IDS);
        break;
      case '--no-build':
        opts.build = false;
        break;
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
const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** How each tool's process is started, and the peer package it needs. */
const RUNNERS: Readonly<Record<OpsToolId, { script: string; peerPackage?: string }>> = {
  colframe: { script: 'bench/ops/run-colframe.mjs' },
  polars: { script: 'bench/peers/ops-polars.mjs', peerPackage: 'nodejs-polars' },
  duckdb: { script: 'bench/peers/ops-duckdb.mjs', peerPackage: '@duckdb/node-api' },
  arquero: { script: 'bench/peers/ops-arquero.mjs', peerPackage: 'arquero' },
};
/** A tool's process that runs longer is stopped and reported as failed. */
const TIMEOUT_MS = 30 * 60_000;

if (opts.tools.includes('colframe') && opts.build) {
  // colframe is measured as users run it: the built package.
  progress('building colframe (tsc -p tsconfig.build.json)');
  const b = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('the colframe build failed (fix the type errors above, or pass --no-build to measure dist/ as it is)');
}

// ---------------------------------------------------------------- data

const data = ensureSyntheticCsv(opts.rows, opts.seed, { log: progress });
const users = ensureUsersCsv(USER_COUNT, opts.seed, { log: progress });
for (const path of [data.path, users.path]) {
  // Read once so every tool finds the files in the page cache (load times are shown, not compared).
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) void chunk;
}

// ---------------------------------------------------------------- runs

function runTool(tool: OpsToolId): ToolResult {
  const runner = RUNNERS[tool];
  if (runner.peerPackage !== undefined && peerVersion(runner.peerPackage) === undefined) {
    return { ok: false, tool, error: `${runner.peerPackage} is not installed in bench/peers: run npm run bench:peers:install` };
  }
  progress(`${tool}: loading ${data.rows.toLocaleString('en-US')} rows + ${users.rows.toLocaleString('en-US')} users, then ${opts.ops.length} operation(s) × (${opts.warmup} warm-up + ${opts.runs} timed)`);
  const args = ['--expose-gc', '--max-old-space-size=12288', runner.script, data.path, users.path, String(opts.runs), String(opts.warmup), opts.ops.join(',')];
  const p = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024, timeout: TIMEOUT_MS });
  if (p.error !== undefined) return { ok: false, tool, error: p.error.message };
  const line = p.stdout.split('\n').find((l) => l.startsWith('@ops '));
  if (p.status !== 0 || line === undefined) {
    const tail = p.stdout.split('\n').filter((l) => l.trim() !== '').slice(-4).join('\n');
    return { ok: false, tool, error: `exit ${String(p.status ?? p.signal)}${tail === '' ? '' : `: ${tail}`}` };
  }
  return { ok: true, run: JSON.parse(line.slice('@ops '.length)) as ToolRun };
}

const t0 = performance.now();
// With --rounds R, every tool's process runs R times, tools interleaved within each round, so a
// burst of load on a shared machine does not land on one tool only; the timed runs are pooled.
const rounds = new Map<OpsToolId, ToolResult[]>(opts.tools.map((t) => [t, []]));
for (let round = 1; round <= opts.rounds; round++) {
  if (opts.rounds > 1) progress(`round ${round}/${opts.rounds}`);
  for (const tool of opts.tools) {
    const r = runTool(tool);
    if (!r.ok) progress(`${tool}: FAILED ${r.error}`);
    rounds.get(tool)!.push(r);
  }
}
const results: ToolResult[] = opts.tools.map((t) => mergeRounds(t, rounds.get(t)!));
const elapsed = (performance.now() - t0) / 1000;

// ---------------------------------------------------------------- report

const out: string[] = [];
const emit = (text: string): void => {
  out.push(text, '');
};
const cpu = os.cpus();
const ran = (t: OpsToolId): ToolRun | undefined => {
  const r = results.find((x) => x.ok && x.run.tool === t);
  return r?.ok === true ? r.run : undefined;
};
const duckThreads = ran('duckdb')?.load['threads'];
emit(
  [
    '# colframe operations benchmark',
    '',
    `- Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpu.length} CPUs (${cpu[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM`,
    `- data: \`${data.path.slice(ROOT.length)}\` (${data.rows.toLocaleString('en-US')} rows) and \`${users.path.slice(ROOT.length)}\` (${users.rows.toLocaleString('en-US')} users), seed ${opts.seed}; each tool loads both once in its own process`,
    `- times: median of ${opts.runs * opts.rounds} timed runs (${opts.rounds > 1 ? `${opts.rounds} rounds of a fresh process per tool, tools interleaved, ${opts.runs} runs in each` : 'in one process per tool'}) after ${opts.warmup} warm-up run(s) per process, in ms, performance.now() around the call that produces the materialized result, a full GC before each run; load time is not included`,
    '- materialized: colframe, polars (eager API) and arquero (filter/orderby followed by `reify()`) return new tables; DuckDB runs `CREATE OR REPLACE TEMP TABLE r AS <query>`',
    `- threads: polars and DuckDB use every core (DuckDB threads = ${duckThreads === undefined ? '?' : String(duckThreads)}); colframe and arquero run on the main thread`,
    '- polars reads `category` and `city` as String (its default); colframe reads them as categorical (dictionary) columns',
  ].join('\n'),
);

const cf = ran('colframe');
const notes: string[] = [];
if (cf !== undefined) {
  const dt = cf.load['dtypes'] as Record<string, string> | undefined;
  const cat = (name: string): boolean => dt?.[name]?.startsWith('categorical') === true;
  notes.push(
    `colframe's readCSV (default options) gives \`category\` dtype \`${dt?.['category'] ?? '?'}\` and \`city\` dtype \`${dt?.['city'] ?? '?'}\`: ${cat('category') && cat('city') ? 'both categorical (dictionary) automatically — PASS' : '**FAIL**: expected both categorical'}`,
  );
  for (const op of OPS) {
    const o = cf.ops[op.id];
    if (o !== undefined && 'skipped' in o) notes.push(`colframe ${op.id}: ${o.skipped}`);
  }
}
const describeNote =
  'describe(): colframe `df.describe()`, polars `df.describe()` (mean, std, min, max, median per column), DuckDB `SUMMARIZE t`, arquero (no describe) one `rollup` of count, nulls, mean, std, min, quartiles, max per column';
emit(`## Operations\n\n${opsTable(results, opts.ops)}\n\n${describeNote}.`);
if (notes.length > 0) emit(notes.map((n) => `- ${n}`).join('\n'));

const allVerdicts = OPS.filter((o) => opts.ops.includes(o.id)).flatMap((o) => verdicts(results, o));
const failed = allVerdicts.filter((v) => v.verdict.startsWith('FAIL'));
const passed = allVerdicts.filter((v) => v.verdict.startsWith('PASS'));
emit(
  `## Targets\n\n${passed.length} PASS, ${failed.length} FAIL, ${allVerdicts.length - passed.length - failed.length} n/a` +
    (failed.length > 0 ? `\n\n${failed.map((v) => `- **FAIL** ${v.op}: ${v.target} (${v.detail})`).join('\n')}` : ''),
);

const disagree = disagreements(results);
const errors = results.flatMap((r) =>
  r.ok
    ? Object.entries(r.run.ops).flatMap(([op, o]) => ('error' in o ? [`- ${r.run.tool} ${op}: ${o.error}`] : []))
    : [`- ${r.tool}: ${r.error.replaceAll('\n', '\n  ')}`],
);
if (disagree.length > 0) {
  emit(
    `## RESULTS DISAGREE\n\n${disagree
      .map((d) => {
        const shown = d.details.slice(0, 6).map((x) => `  - ${x}`);
        if (d.details.length > 6) shown.push(`  - … and ${d.details.length - 6} more`);
        return `- **${d.op}**: ${d.tool === d.reference ? d.tool : `${d.reference} vs ${d.tool}`}\n${shown.join('\n')}`;
      })
      .join('\n')}`,
  );
} else {
  emit('## Agreement\n\nEvery tool that ran an operation agrees on its result size and checksums (sums within 1e-6 relative; sorted outputs checked for order).');
}
if (errors.length > 0) emit(`## Failures\n\n${errors.join('\n')}`);
emit(`## Spread (min–max ms of the timed runs)\n\n${spreadTable(results, opts.ops)}`);
emit(`## Processes\n\n${toolsTable(results)}\n\nelapsed: ${fmt(elapsed, 1)} s`);

const text = out.join('\n');
console.log(text);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}ops.md`, text);
progress(`elapsed: ${fmt(elapsed, 1)} s; written: bench/out/ops.md`);
for (const d of disagree) progress(`RESULTS DISAGREE: ${d.op}, ${d.reference} vs ${d.tool}: ${d.details.slice(0, 3).join('; ')}`);
const colframeWrong = disagree.some((d) => d.tool === 'colframe' || d.reference === 'colframe');
if (errors.length > 0 || colframeWrong) {
  progress(`${errors.length} failed case(s)${colframeWrong ? '; colframe disagrees with a peer' : ''}`);
  process.exitCode = 1;
}
