/**
 * Nested columns in memory: the bytes a 1M-row list<float64> column (0–10 items a row, 5 on
 * average) and a 1M-row struct<a: float64, b: int32> column hold after garbage collection, against
 * their Arrow buffer bytes and `memoryUsage()`; and what iterating rows allocates — per row (the
 * row view and the list's typed-array view) and per list element (nothing: elements are read from
 * the view, never boxed).
 *
 * Run: npm run bench:memory:nested [-- --rows N] [-- --seed S]
 * (node --expose-gc --import tsx bench/memory-nested.ts). Markdown goes to stdout and
 * bench/out/memory-nested.md.
 *
 * Allocation is measured without --trace-gc: each loop runs three times over all rows and once
 * over every 5,000-row slice (so it is optimized), then over each slice again, reading `process.memoryUsage().heapUsed`
 * before and after; the growth is what those rows allocated. A `PerformanceObserver` on 'gc'
 * entries says which slices saw a collection; those are left out (their growth is net of what was
 * freed), and the median of the rest is reported. No GC is forced in between (a forced GC
 * deoptimizes code that embeds collected objects, and unoptimized code boxes every double it adds). Bytes per element =
 * (bytes per row of the loop that sums every element − bytes per row of the loop that only takes
 * each row's list view) / average items per row.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { DataFrame, float64, int32, list, struct } from '../src/index.js';
import { bytesHeld, fmt, fmtInt, fmtMiB, markdownTable, median, sink } from './lib/measure.js';
import { Random } from './lib/random.js';

interface Options {
  rows: number;
  seed: number;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { rows: 1_000_000, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): number => {
      const raw = inline ?? argv[++i];
      const n = Number(raw);
      if (raw === undefined || !Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got ${String(raw)}`);
      return n;
    };
    if (flag === '--rows') opts.rows = value();
    else if (flag === '--seed') opts.seed = value();
    else if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run bench:memory:nested -- [--rows N (default 1000000)] [--seed S (default 42)]');
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}; expected --rows N, --seed S`);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const N = opts.rows;
const LIST = { xs: list(float64()) };
const STRUCT = { s: struct({ a: float64(), b: int32() }) };

/** A frame of one list<float64> column: row i holds 0–10 items (uniform, 5 on average). */
function buildList(rows: number, seed: number): DataFrame<typeof LIST> {
  const r = new Random(seed);
  const xs: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const n = r.int(0, 10);
    const row = new Array<number>(n);
    for (let k = 0; k < n; k++) row[k] = r.float() * 1000;
    xs[i] = row;
  }
  return DataFrame.fromColumns({ xs }, { schema: LIST });
}

/** A frame of one struct<a: float64, b: int32> column. */
function buildStruct(rows: number, seed: number): DataFrame<typeof STRUCT> {
  const r = new Random(seed);
  const s = new Array<{ a: number; b: number }>(rows);
  for (let i = 0; i < rows; i++) s[i] = { a: r.float() * 1000, b: r.int(-1000, 1000) };
  return DataFrame.fromColumns({ s }, { schema: STRUCT });
}

/** Held bytes, Arrow buffer bytes (apache-arrow's own `Data.byteLength`, children included) and memoryUsage. */
function holdings<S extends typeof LIST | typeof STRUCT>(label: string, build: () => DataFrame<S>): string[] {
  build(); // warm up the build path at full size, so compiled code is in the baseline
  const { bytes, result } = bytesHeld(build, (df) => ({ arrow: df.getColumns()[0]!.data.byteLength, usage: df.memoryUsage().total }));
  const r = result!;
  return [label, `${fmtInt(bytes)} (${fmtMiB(bytes)})`, fmtInt(r.arrow), fmtInt(r.usage), r.usage === r.arrow ? 'yes' : '**no**', `${fmt(bytes / r.arrow, 3)}×`];
}

const gcStarts: number[] = [];
const observer = new PerformanceObserver((entries) => {
  for (const e of entries.getEntries()) gcStarts.push(e.startTime);
});
observer.observe({ entryTypes: ['gc'] });

/** Let pending performance entries reach the observer (they are delivered asynchronously). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * Median bytes allocated per row by `loop` over `CHUNK`-row slices of the frame: the growth of
 * `heapUsed` across one slice's loop, unless a collection ran during it (those slices are left
 * out). The loop first runs three times over the whole frame and once over every slice, so it is
 * optimized when measured.
 */
async function allocatedPerRow<S extends typeof LIST | typeof STRUCT>(df: DataFrame<S>, loop: (df: DataFrame<S>) => number): Promise<{ perRow: number; chunks: number; skipped: number }> {
  for (let w = 0; w < 3; w++) sink.value += loop(df);
  const slices: DataFrame<S>[] = [];
  for (let from = 0; from + CHUNK <= df.height; from += CHUNK) slices.push(df.slice(from, CHUNK));
  for (const part of slices) sink.value += loop(part); // enough calls for the loop to be optimized at entry, not only on-stack
  const spans: [number, number, number][] = [];
  for (const part of slices) {
    const t0 = performance.now();
    const h0 = process.memoryUsage().heapUsed;
    sink.value += loop(part);
    const h1 = process.memoryUsage().heapUsed;
    spans.push([t0, performance.now(), h1 - h0]);
  }
  await settle(); // the observer sees this pass's collections
  const samples: number[] = [];
  let skipped = 0;
  for (const [t0, t1, grown] of spans) {
    if (gcStarts.some((t) => t >= t0 && t <= t1)) skipped++;
    else samples.push(grown / CHUNK);
  }
  if (samples.length === 0) throw new Error('every slice saw a garbage collection');
  return { perRow: median(samples), chunks: samples.length, skipped };
}

const out: string[] = [];
function emit(text: string): void {
  console.log(text);
  console.log();
  out.push(text, '');
}

emit(
  [
    '# colframe nested-column memory benchmark',
    '',
    `- Node ${process.version}, V8 ${process.versions.v8}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM`,
    `- rows: ${fmtInt(N)}, seed: ${opts.seed}`,
    '- bytes held = settled (heapUsed + external) after global.gc() with the frame alive, minus the same before building it (the JS arrays it was built from are dropped)',
  ].join('\n'),
);

emit(
  [
    `## Bytes held by ${fmtInt(N)}-row nested columns vs their Arrow buffers`,
    '',
    markdownTable(
      ['column', 'bytes held', 'Arrow buffers (Data.byteLength)', 'memoryUsage().total', 'equal', 'held / Arrow'],
      [holdings('list<float64>, 0–10 items a row', () => buildList(N, opts.seed)), holdings('struct<a: float64, b: int32>', () => buildStruct(N, opts.seed))],
      ['left', 'right', 'right', 'right', 'left', 'right'],
    ),
  ].join('\n'),
);

const lists = buildList(N, opts.seed);
const items = lists.getColumn('xs').data.children[0]!.length;
const perItem = items / N;
const structs = buildStruct(N, opts.seed);
const CHUNK = Math.min(5_000, N);

const sumElements = (df: DataFrame<typeof LIST>): number => {
  let total = 0;
  for (const r of df) {
    const v = r.xs;
    for (let k = 0; k < v.length; k++) total += v[k]!;
  }
  return total;
};
const viewsOnly = (df: DataFrame<typeof LIST>): number => {
  let total = 0;
  for (const r of df) total += r.xs.length;
  return total;
};
const columnLoop = (df: DataFrame<typeof LIST>): number => {
  // Direct buffer access: offsets and the child values, no row views at all.
  const d = df.getColumn('xs').data;
  const offs = d.valueOffsets as Int32Array;
  const vals = d.children[0]!.values as Float64Array;
  let total = 0;
  for (let i = offs[0]!; i < offs[df.height]!; i++) total += vals[i]!;
  return total;
};
const structFields = (df: DataFrame<typeof STRUCT>): number => {
  let total = 0;
  for (const r of df) {
    const s = r.s;
    total += s.a + s.b;
  }
  return total;
};

const sum = await allocatedPerRow(lists, sumElements);
const views = await allocatedPerRow(lists, viewsOnly);
const direct = await allocatedPerRow(lists, columnLoop);
const st = await allocatedPerRow(structs, structFields);
const perElement = (sum.perRow - views.perRow) / perItem;

emit(
  [
    `## Allocation while iterating rows (${fmtInt(CHUNK)}-row slices; ${fmt(perItem, 2)} items a row on average)`,
    '',
    markdownTable(
      ['loop', 'bytes allocated / row', 'slices measured (skipped: GC inside)'],
      [
        ['`for (const r of df)`, sum every element of `r.xs`', fmt(sum.perRow, 1), `${sum.chunks} (${sum.skipped})`],
        ['`for (const r of df)`, take `r.xs` only', fmt(views.perRow, 1), `${views.chunks} (${views.skipped})`],
        ['offsets + child values, no row views', fmt(direct.perRow, 2), `${direct.chunks} (${direct.skipped})`],
        ['`for (const r of df)`, `r.s.a + r.s.b` (struct)', fmt(st.perRow, 1), `${st.chunks} (${st.skipped})`],
      ],
      ['left', 'right', 'right'],
    ),
    '',
    `bytes allocated per list element: ${fmt(perElement, 2)} (${Math.abs(perElement) < 1 ? 'none: elements are read from the typed-array view' : '**elements allocate**'})`,
  ].join('\n'),
);

observer.disconnect();
console.log(`sink: ${sink.value}`);
const outDir = new URL('./out/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('memory-nested.md', outDir), out.join('\n'));
console.log('written: bench/out/memory-nested.md');
