/**
 * What it costs to hold records as JavaScript objects versus a colframe DataFrame: the same
 * seeded records (id, name, age, city, amount, member) built both ways, the bytes each keeps alive
 * measured with process.memoryUsage() after garbage collection, printed as a table.
 *
 * Run:  npx tsx examples/memory.ts [--rows N] [--seed S]
 * or:   node --expose-gc --import tsx examples/memory.ts
 * Without --expose-gc the script switches the collector on itself (v8.setFlagsFromString); where
 * that is not possible, or with --no-gc, it measures without collecting and says the figures are
 * rough.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataFrame, bool, categorical, float64, int32, utf8 } from '../src/index.js';

// ---------------------------------------------------------------- options

function parseArgs(argv: readonly string[]): { rows: number; seed: number; gc: boolean } {
  const opts = { rows: 200_000, seed: 42, gc: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-gc') {
      opts.gc = false;
      continue;
    }
    if (arg !== '--rows' && arg !== '--seed') throw new Error(`Unknown option ${arg}; expected --rows N, --seed S or --no-gc`);
    const n = Number(argv[++i]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} expects a positive integer, got ${String(argv[i])}`);
    if (arg === '--rows') opts.rows = n;
    else opts.seed = n;
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------- garbage collection

/** `global.gc`, or one obtained by switching the flag on at run time, or undefined. */
function findGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as () => void) : undefined;
  } catch {
    return undefined;
  }
}

const gc = opts.gc ? findGc() : undefined;

/** Heap plus off-heap (ArrayBuffer) bytes in use, after collecting until the figure settles. */
function settledBytes(): number {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  if (gc === undefined) return used();
  let last = Infinity;
  for (let round = 0; round < 10; round++) {
    gc();
    const now = used();
    if (Math.abs(now - last) < 64 * 1024) return now;
    last = now;
  }
  return last;
}

/** Bytes kept alive by what `build` returns: settled memory with it minus settled memory before. */
function bytesHeld(build: () => unknown): { bytes: number; value: unknown } {
  const before = settledBytes();
  const value = build();
  const after = settledBytes();
  return { bytes: after - before, value };
}

// ---------------------------------------------------------------- seeded records

/** mulberry32: a small, fast, seeded generator, so every run builds the same records. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ['Oslo', 'Bergen', 'Lisbon', 'Porto', 'Seattle', 'Tacoma', 'Kyoto', 'Osaka', 'Lagos', 'Accra', 'Lima', 'Quito'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

interface Person {
  id: number;
  name: string;
  age: number;
  city: string;
  amount: number;
  member: boolean;
}

/** `n` records from the seed, each with freshly built strings (as a parser would return them). */
function people(n: number, seed: number): Person[] {
  const rnd = random(seed);
  const out = new Array<Person>(n);
  for (let i = 0; i < n; i++) {
    let name = LETTERS[Math.floor(rnd() * 26)]!.toUpperCase();
    const len = 4 + Math.floor(rnd() * 8);
    for (let k = 1; k < len; k++) name += LETTERS[Math.floor(rnd() * 26)]!;
    out[i] = {
      id: i,
      name,
      age: Math.floor(rnd() * 100),
      // Copied, so that each record owns its string as it would after parsing a file.
      city: (' ' + CITIES[Math.floor(rnd() * CITIES.length)]!).slice(1),
      amount: Math.round(rnd() * 100_000) / 100,
      member: rnd() < 0.3,
    };
  }
  return out;
}

const schema = { id: int32(), name: utf8(), age: int32(), city: categorical(), amount: float64(), member: bool() };

// ---------------------------------------------------------------- measure

const n = opts.rows;
console.log(`${n.toLocaleString('en-US')} records (seed ${opts.seed}): { id, name, age, city, amount, member }`);
console.log(
  gc === undefined
    ? 'garbage collection unavailable: figures are taken without collecting and are rough (run with node --expose-gc --import tsx)'
    : 'bytes held = heapUsed + external after garbage collection, minus the same before building',
);

const objects = bytesHeld(() => people(n, opts.seed));
const objectRows = objects.value as Person[];
// The frame is built from its own copy of the records, which are garbage once it exists.
const frame = bytesHeld(() => DataFrame.fromRecords(people(n, opts.seed), { schema }));
const df = frame.value as DataFrame<typeof schema>;
const arrow = df.memoryUsage().total;

// The same records either way: spot-check a few rows.
for (const i of [0, Math.floor(n / 2), n - 1]) {
  const a = objectRows[i]!;
  const r = df.row(i);
  if (a.name !== r.name || a.amount !== r.amount || a.city !== r.city || a.member !== r.member) {
    throw new Error(`Row ${i} differs between the objects and the frame`);
  }
}

const results = DataFrame.fromRecords(
  [
    { representation: 'array of objects', bytes: objects.bytes },
    { representation: 'colframe DataFrame', bytes: frame.bytes },
    { representation: '  of which Arrow buffers', bytes: arrow },
  ].map((r) => ({
    representation: r.representation,
    MiB: Math.round((r.bytes / 2 ** 20) * 10) / 10,
    bytes_per_row: Math.round((r.bytes / n) * 10) / 10,
    vs_objects: Math.round((r.bytes / objects.bytes) * 1000) / 1000,
  })),
);
console.log(results.toString({ showShape: false }));
if (gc === undefined) {
  console.log('\nWithout garbage collection the first two lines include garbage not yet collected; only the Arrow buffer line is exact.');
} else {
  console.log(`\nThe frame holds the same records in ${(objects.bytes / frame.bytes).toFixed(1)}× less memory than the objects.`);
}
