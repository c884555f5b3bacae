/**
 * The "too many objects" experiment: what it costs to hold records as JavaScript objects, arrays
 * or typed arrays versus a colframe DataFrame (memory), whether a frame holds close to its raw
 * column bytes, and how fast rows can be read.
 *
 * Run: npm run bench:memory [-- --rows N] [-- --runs K] [-- --seed S]
 * (node --expose-gc --import tsx bench/memory.ts). Markdown goes to stdout and bench/out/memory.md.
 * The parts live in bench/memory/: records.ts (part 1), frame-bytes.ts (part 2) and iteration.ts
 * (part 3), the last two over the mixed frame of mixed.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { fmt, fmtInt, sink } from './lib/measure.js';
import { frameBytesVsRaw } from './memory/frame-bytes.js';
import { iterationSpeed } from './memory/iteration.js';
import { bytesPerRecord } from './memory/records.js';

// ---------------------------------------------------------------- options

interface Options {
  /** Rows of the 1,000,000-row cases (dataset A gets a tenth of it). */
  rows: number;
  /** Timed runs per case (median reported). */
  runs: number;
  seed: number;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { rows: 1_000_000, runs: 5, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): number => {
      const raw = inline ?? argv[++i];
      const n = Number(raw);
      if (raw === undefined || !Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got ${String(raw)}`);
      return n;
    };
    switch (flag) {
      case '--rows':
        opts.rows = value();
        break;
      case '--runs':
        opts.runs = value();
        break;
      case '--seed':
        opts.seed = value();
        break;
      case '--help':
      case '-h':
        console.log('usage: npm run bench:memory -- [--rows N (default 1000000)] [--runs K (default 5)] [--seed S (default 42)]');
        process.exit(0);
      default:
        throw new Error(`Unknown option ${arg}; expected --rows N, --runs K, --seed S`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const N = opts.rows;
const N_A = Math.max(1, Math.round(N / 10));
const WARMUP_ROWS = 2000;

const out: string[] = [];
function emit(text: string): void {
  console.log(text);
  console.log();
  out.push(text, '');
}

// ---------------------------------------------------------------- report header

emit(
  [
    '# colframe memory benchmark',
    '',
    `- Node ${process.version}, V8 ${process.versions.v8}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM`,
    `- rows: ${fmtInt(N)} (dataset A: ${fmtInt(N_A)}), runs: ${opts.runs}, seed: ${opts.seed}`,
    `- bytes held = settled (heapUsed + external) after global.gc() with the value alive, minus the same before building it`,
  ].join('\n'),
);

// ---------------------------------------------------------------- the parts

const t0 = performance.now();
emit(bytesPerRecord(N, N_A, opts.seed, WARMUP_ROWS));
emit(frameBytesVsRaw(N, opts.seed, WARMUP_ROWS));
emit(iterationSpeed(N, opts.seed, opts.runs));
const elapsed = (performance.now() - t0) / 1000;

console.log(`sink: ${sink.value}`);
console.log(`elapsed: ${fmt(elapsed, 1)} s`);
const outDir = new URL('./out/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('memory.md', outDir), out.join('\n'));
console.log(`written: bench/out/memory.md`);
