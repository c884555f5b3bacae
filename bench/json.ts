/**
 * The JSON load benchmark: colframe's `readJSON` against `JSON.parse` per line (objects kept in an
 * array, and the same turned into a frame with `DataFrame.fromRecords`) on a seeded 1M-row NDJSON
 * file, and against one `JSON.parse` of the whole file on vega's flights-200k.json. Each load runs
 * in its own process under `/usr/bin/time -v` (peak RSS), `--runs` times interleaved; the table
 * gives medians and the ratio to colframe measured in the same run. Every load's row count and
 * column sums are checked against each other.
 *
 * The NDJSON file is the CSV benchmark's seeded table (bench/csv/generate.ts: id, user_id,
 * category, city, amount, qty, ts, flag, note) read with readCSV and written with writeJSON, cached
 * in bench/out/ beside it.
 *
 * Run: npm run bench:json [-- --runs K] [-- --rows N] [-- --seed S]
 * (node --import tsx bench/json.ts). Markdown goes to stdout and bench/out/json.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { fmt, fmtInt, markdownTable, median } from './lib/measure.js';
import { ensureSyntheticCsv, OUT_DIR } from './csv/generate.js';
import { measure, requireGnuTime, type Measurement } from './csv/run.js';
import { ROOT } from './csv/tools.js';
import { readCSV, writeJSON } from '../src/index.js';

const USAGE = 'usage: npm run bench:json -- [--runs K (default 3)] [--rows N (default 1000000)] [--seed S (default 42)]';

function parseArgs(argv: readonly string[]): { rows: number; runs: number; seed: number } {
  const o = { rows: 1_000_000, runs: 3, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const v = Number(argv[++i]);
    if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} expects a positive integer\n${USAGE}`);
    if (flag === '--rows') o.rows = v;
    else if (flag === '--runs') o.runs = v;
    else if (flag === '--seed') o.seed = v;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (line: string): void => void process.stderr.write(`${line}\n`);
requireGnuTime();
log('building dist/ …');
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });

// ---------------------------------------------------------------- data

mkdirSync(OUT_DIR, { recursive: true });
const csv = ensureSyntheticCsv(opts.rows, opts.seed, { log });
const ndjson = `${OUT_DIR}json-${opts.rows}-s${opts.seed}.ndjson`;
if (!existsSync(ndjson) || statSync(ndjson).mtimeMs < statSync(csv.path).mtimeMs) {
  log(`writing ${ndjson} …`);
  await writeJSON(await readCSV(csv.path), `${ndjson}.tmp`, { format: 'ndjson' });
  execFileSync('mv', [`${ndjson}.tmp`, ndjson]);
}
const FLIGHTS = `${ROOT}../shared/data/vega-datasets/npm-vega-datasets-3.2.1/flights-200k.json`;

interface Case {
  readonly file: string;
  readonly label: string;
  readonly sums: string;
  readonly tools: readonly { readonly id: string; readonly label: string }[];
}

const cases: Case[] = [
  {
    file: ndjson,
    label: `seeded ${fmtInt(opts.rows)}-row NDJSON (${fmt(statSync(ndjson).size / 1048576, 1)} MiB)`,
    sums: 'qty,user_id',
    tools: [
      { id: 'colframe-ndjson', label: 'colframe readJSON' },
      { id: 'parse-lines', label: 'readline + JSON.parse per line → objects' },
      { id: 'parse-lines-frame', label: 'readline + JSON.parse per line → DataFrame.fromRecords' },
    ],
  },
  {
    file: FLIGHTS,
    label: `vega flights-200k.json (${fmt(statSync(FLIGHTS).size / 1048576, 1)} MiB, a JSON array)`,
    sums: 'delay,distance',
    tools: [
      { id: 'colframe-records', label: 'colframe readJSON' },
      { id: 'parse-whole', label: 'JSON.parse(readFileSync(…, "utf8")) → objects' },
    ],
  },
];

// ---------------------------------------------------------------- runs

const out: string[] = [`# JSON load benchmark`, '', `${os.cpus().length} cores, Node ${process.version}, ${opts.runs} runs each (interleaved), medians.`, ''];
for (const c of cases) {
  log(`${c.label}:`);
  const runs = new Map<string, Measurement[]>(c.tools.map((t) => [t.id, []]));
  for (let r = 0; r < opts.runs; r++) {
    for (const t of c.tools) {
      const m = measure(['bench/json/load.mjs', t.id, c.file, c.sums], ROOT, 600_000);
      if (!m.ok) throw new Error(`${t.id}: ${m.error}`);
      log(`  ${t.id} run ${r + 1}: ${fmt(m.result.loadMs, 0)} ms, ${fmt(m.peakRss / 1048576, 0)} MiB`);
      runs.get(t.id)!.push(m);
    }
  }
  const ok = (m: Measurement): Extract<Measurement, { ok: true }> => m as Extract<Measurement, { ok: true }>;
  const ref = runs.get(c.tools[0]!.id)!.map(ok);
  const refMs = median(ref.map((m) => m.result.loadMs));
  const refRss = median(ref.map((m) => m.peakRss));
  const check = JSON.stringify([ref[0]!.result.rows, ref[0]!.result.sums]);
  const rows = c.tools.map((t) => {
    const ms = runs.get(t.id)!.map(ok);
    for (const m of ms) {
      const got = JSON.stringify([m.result.rows, m.result.sums]);
      if (got !== check) throw new Error(`${t.id} read ${got}, colframe ${check}`);
    }
    const wall = median(ms.map((m) => m.result.loadMs));
    const rss = median(ms.map((m) => m.peakRss));
    return [
      t.label,
      `${fmt(wall, 0)} ms`,
      `${fmt(wall / refMs, 2)}×`,
      `${fmt(rss / 1048576, 0)} MiB`,
      `${fmt(rss / refRss, 2)}×`,
      `${fmt(Math.min(...ms.map((m) => m.result.loadMs)), 0)}–${fmt(Math.max(...ms.map((m) => m.result.loadMs)), 0)} ms`,
    ];
  });
  out.push(`## ${c.label}`, '', `Rows ${fmtInt(ref[0]!.result.rows)}; sums ${JSON.stringify(ref[0]!.result.sums)} (identical for every tool).`, '');
  out.push(markdownTable(['load', 'wall (median)', 'vs colframe', 'peak RSS (median)', 'vs colframe', 'wall range'], rows));
  out.push('');
}
const md = out.join('\n');
console.log(md);
writeFileSync(`${OUT_DIR}json.md`, md);
