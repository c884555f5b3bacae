/**
 * The "too many objects" experiment: what it costs to hold records as JavaScript objects, arrays
 * or typed arrays versus a colframe DataFrame (memory), whether a frame holds close to its raw
 * column bytes, and how fast rows can be read.
 *
 * Run: npm run bench:memory [-- --rows N] [-- --runs K] [-- --seed S]
 * (node --expose-gc --import tsx bench/memory.ts). Markdown goes to stdout and bench/out/memory.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import type { Table } from 'apache-arrow';
import { DataFrame, bool, categorical, float64, int32, utf8 } from '../src/index.js';
import { Random, stringFromCodes } from './lib/random.js';
import { bytesHeld, fmt, fmtInt, fmtMiB, markdownTable, settledBytes, sink, timeMedians } from './lib/measure.js';

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

// ---------------------------------------------------------------- part 1: data sources

/** Dataset A's record stream: each `next()` regenerates the same values from the seed. */
class PersonSource {
  readonly #rng: Random;
  readonly name: number[] = [];
  readonly address: number[] = [];
  age = 0;
  constructor(seed: number) {
    this.#rng = new Random(seed);
  }
  next(): void {
    const r = this.#rng;
    r.wordCodes(r.int(5, 12), this.name);
    this.age = r.int(0, 99);
    r.addressCodes(r.int(15, 40), this.address);
  }
}

/** Points: uniform floats in [-500, 500). */
class PointSource {
  readonly #rng: Random;
  constructor(seed: number) {
    this.#rng = new Random(seed);
  }
  next(): number {
    return this.#rng.float() * 1000 - 500;
  }
}

class Person {
  name: string;
  age: number;
  address: string;
  constructor(name: string, age: number, address: string) {
    this.name = name;
    this.age = age;
    this.address = address;
  }
}

class Point1 {
  x: number;
  constructor(x: number) {
    this.x = x;
  }
}

class Point3 {
  x: number;
  y: number;
  z: number;
  constructor(x: number, y: number, z: number) {
    this.x = x;
    this.y = y;
    this.z = z;
  }
}

/** UTF-8 bytes (ASCII here, at most `maxLen` each) and offsets of the next `n` strings, exact length. */
function utf8Column(n: number, maxLen: number, nextCodes: () => readonly number[]): { bytes: Uint8Array; offsets: Int32Array } {
  const scratch = new Uint8Array(n * maxLen);
  const offsets = new Int32Array(n + 1);
  let end = 0;
  for (let i = 0; i < n; i++) {
    const codes = nextCodes();
    for (let k = 0; k < codes.length; k++) scratch[end++] = codes[k]!;
    offsets[i + 1] = end;
  }
  return { bytes: scratch.slice(0, end), offsets };
}

// Every builder regenerates its data from the seed, so each representation owns fresh strings.
// JavaScript arrays are preallocated at their exact length (no growth slack).

type Builder = (n: number, seed: number) => unknown;

const datasetA: Record<string, Builder> = {
  'plain objects': (n, seed) => {
    const src = new PersonSource(seed);
    const rows = new Array<{ name: string; age: number; address: string }>(n);
    for (let i = 0; i < n; i++) {
      src.next();
      rows[i] = { name: stringFromCodes(src.name), age: src.age, address: stringFromCodes(src.address) };
    }
    return rows;
  },
  'class instances': (n, seed) => {
    const src = new PersonSource(seed);
    const rows = new Array<Person>(n);
    for (let i = 0; i < n; i++) {
      src.next();
      rows[i] = new Person(stringFromCodes(src.name), src.age, stringFromCodes(src.address));
    }
    return rows;
  },
  'arrays as tuples': (n, seed) => {
    const src = new PersonSource(seed);
    const rows = new Array<[string, number, string]>(n);
    for (let i = 0; i < n; i++) {
      src.next();
      rows[i] = [stringFromCodes(src.name), src.age, stringFromCodes(src.address)];
    }
    return rows;
  },
  'one array per attribute': (n, seed) => {
    const src = new PersonSource(seed);
    const names = new Array<string>(n);
    const ages = new Array<number>(n);
    const addresses = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      src.next();
      names[i] = stringFromCodes(src.name);
      ages[i] = src.age;
      addresses[i] = stringFromCodes(src.address);
    }
    return { names, ages, addresses };
  },
  'typed arrays': (n, seed) => {
    // Two passes over the same seeded stream: one per string column (ages come with the first).
    const ages = new Int32Array(n);
    let src = new PersonSource(seed);
    let i = 0;
    const names = utf8Column(n, 12, () => {
      src.next();
      ages[i++] = src.age;
      return src.name;
    });
    src = new PersonSource(seed);
    const addresses = utf8Column(n, 40, () => {
      src.next();
      return src.address;
    });
    return { names, ages, addresses };
  },
  'colframe DataFrame': (n, seed) => {
    const src = new PersonSource(seed);
    const names = new Array<string>(n);
    const ages = new Array<number>(n);
    const addresses = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      src.next();
      names[i] = stringFromCodes(src.name);
      ages[i] = src.age;
      addresses[i] = stringFromCodes(src.address);
    }
    return DataFrame.fromColumns(
      { name: names, age: ages, address: addresses },
      { schema: { name: utf8(), age: int32(), address: utf8() } },
    );
  },
};

const datasetB: Record<string, Builder> = {
  'plain objects': (n, seed) => {
    const src = new PointSource(seed);
    const rows = new Array<{ x: number }>(n);
    for (let i = 0; i < n; i++) rows[i] = { x: src.next() };
    return rows;
  },
  'class instances': (n, seed) => {
    const src = new PointSource(seed);
    const rows = new Array<Point1>(n);
    for (let i = 0; i < n; i++) rows[i] = new Point1(src.next());
    return rows;
  },
  'arrays as tuples': (n, seed) => {
    const src = new PointSource(seed);
    const rows = new Array<[number]>(n);
    for (let i = 0; i < n; i++) rows[i] = [src.next()];
    return rows;
  },
  'one array per attribute': (n, seed) => {
    const src = new PointSource(seed);
    const xs = new Array<number>(n);
    for (let i = 0; i < n; i++) xs[i] = src.next();
    return { xs };
  },
  'typed arrays': (n, seed) => {
    const src = new PointSource(seed);
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = src.next();
    return { xs };
  },
  'colframe DataFrame': (n, seed) => {
    const src = new PointSource(seed);
    const xs = new Array<number>(n);
    for (let i = 0; i < n; i++) xs[i] = src.next();
    return DataFrame.fromColumns({ x: xs }, { schema: { x: float64() } });
  },
};

const datasetC: Record<string, Builder> = {
  'plain objects': (n, seed) => {
    const src = new PointSource(seed);
    const rows = new Array<{ x: number; y: number; z: number }>(n);
    for (let i = 0; i < n; i++) rows[i] = { x: src.next(), y: src.next(), z: src.next() };
    return rows;
  },
  'class instances': (n, seed) => {
    const src = new PointSource(seed);
    const rows = new Array<Point3>(n);
    for (let i = 0; i < n; i++) rows[i] = new Point3(src.next(), src.next(), src.next());
    return rows;
  },
  'arrays as tuples': (n, seed) => {
    const src = new PointSource(seed);
    const rows = new Array<[number, number, number]>(n);
    for (let i = 0; i < n; i++) rows[i] = [src.next(), src.next(), src.next()];
    return rows;
  },
  'one array per attribute': (n, seed) => {
    const src = new PointSource(seed);
    const xs = new Array<number>(n);
    const ys = new Array<number>(n);
    const zs = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      xs[i] = src.next();
      ys[i] = src.next();
      zs[i] = src.next();
    }
    return { xs, ys, zs };
  },
  'typed arrays': (n, seed) => {
    const src = new PointSource(seed);
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    const zs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = src.next();
      ys[i] = src.next();
      zs[i] = src.next();
    }
    return { xs, ys, zs };
  },
  'colframe DataFrame': (n, seed) => {
    const src = new PointSource(seed);
    const xs = new Array<number>(n);
    const ys = new Array<number>(n);
    const zs = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      xs[i] = src.next();
      ys[i] = src.next();
      zs[i] = src.next();
    }
    return DataFrame.fromColumns({ x: xs, y: ys, z: zs }, { schema: { x: float64(), y: float64(), z: float64() } });
  },
};

/** Raw column bytes of dataset A: int32 ages, UTF-8 bytes + (n+1)·4 offsets per string column. */
function rawBytesA(n: number, seed: number): number {
  const src = new PersonSource(seed);
  let nameBytes = 0;
  let addressBytes = 0;
  for (let i = 0; i < n; i++) {
    src.next();
    nameBytes += src.name.length; // ASCII: one UTF-8 byte per character
    addressBytes += src.address.length;
  }
  return nameBytes + (n + 1) * 4 + n * 4 + addressBytes + (n + 1) * 4;
}

// ---------------------------------------------------------------- part 2/3: the mixed frame

const CATEGORIES = [
  'books',
  'electronics',
  'garden',
  'grocery',
  'health',
  'home',
  'jewelry',
  'kitchen',
  'music',
  'outdoors',
  'sports',
  'toys',
] as const;

/** 2,000 distinct city names (seeded, fresh strings). */
function cityPool(seed: number, k = 2000): string[] {
  const rng = new Random(seed ^ 0x5bd1e995);
  const seen = new Set<string>();
  const codes: number[] = [];
  while (seen.size < k) {
    rng.wordCodes(rng.int(4, 12), codes);
    if (rng.bool(0.25)) {
      codes.push(32);
      codes.push(rng.upperCode());
      for (let j = rng.int(3, 8); j > 0; j--) codes.push(rng.lowerCode());
    }
    seen.add(stringFromCodes(codes));
  }
  return [...seen];
}

/** The mixed rows' stream (id is the row number). */
class RowSource {
  readonly #rng: Random;
  readonly #cities: readonly string[];
  readonly note: number[] = [];
  amount = 0;
  flag = false;
  category = '';
  city = '';
  constructor(seed: number, cities: readonly string[]) {
    this.#rng = new Random(seed);
    this.#cities = cities;
  }
  next(): void {
    const r = this.#rng;
    this.amount = Math.round(r.float() * 1_000_000) / 100;
    this.flag = r.bool(0.3);
    this.category = CATEGORIES[r.int(0, CATEGORIES.length - 1)]!;
    this.city = this.#cities[r.int(0, this.#cities.length - 1)]!;
    r.textCodes(r.int(10, 40), this.note);
  }
}

const MIXED_SCHEMA = { id: int32(), amount: float64(), flag: bool(), category: categorical(), city: categorical(), note: utf8() };

/** The 1M-row frame; every source array is local and dropped on return. */
function buildMixedFrame(n: number, seed: number): DataFrame<typeof MIXED_SCHEMA> {
  const src = new RowSource(seed, cityPool(seed));
  const id = new Array<number>(n);
  const amount = new Array<number>(n);
  const flag = new Array<boolean>(n);
  const category = new Array<string>(n);
  const city = new Array<string>(n);
  const note = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    src.next();
    id[i] = i;
    amount[i] = src.amount;
    flag[i] = src.flag;
    category[i] = src.category;
    city[i] = src.city;
    note[i] = stringFromCodes(src.note);
  }
  return DataFrame.fromColumns({ id, amount, flag, category, city, note }, { schema: MIXED_SCHEMA });
}

interface MixedRecord {
  id: number;
  amount: number;
  flag: boolean;
  category: string;
  city: string;
  note: string;
}

/** The same rows as plain objects (category and city share the pool's strings, as usual in JS). */
function buildMixedObjects(n: number, seed: number): MixedRecord[] {
  const src = new RowSource(seed, cityPool(seed));
  const rows = new Array<MixedRecord>(n);
  for (let i = 0; i < n; i++) {
    src.next();
    rows[i] = { id: i, amount: src.amount, flag: src.flag, category: src.category, city: src.city, note: stringFromCodes(src.note) };
  }
  return rows;
}

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Raw bytes of one categorical column: index width for k values, dictionary UTF-8 + (k+1)·4. */
function categoricalRaw(n: number, distinct: ReadonlySet<string>): { bytes: number; width: number } {
  const k = distinct.size;
  const width = k <= 256 ? 1 : k <= 65536 ? 2 : 4;
  let dict = 0;
  for (const s of distinct) dict += utf8Length(s);
  return { bytes: n * width + dict + (k + 1) * 4, width };
}

/** Raw column bytes of the mixed frame, per column, computed from a second pass over the seed. */
function rawBytesMixed(n: number, seed: number): Record<keyof typeof MIXED_SCHEMA, number> & { widths: [number, number]; k: [number, number] } {
  const src = new RowSource(seed, cityPool(seed));
  const cats = new Set<string>();
  const cities = new Set<string>();
  let noteBytes = 0;
  for (let i = 0; i < n; i++) {
    src.next();
    cats.add(src.category);
    cities.add(src.city);
    noteBytes += src.note.length; // ASCII
  }
  const c1 = categoricalRaw(n, cats);
  const c2 = categoricalRaw(n, cities);
  return {
    id: n * 4,
    amount: n * 8,
    flag: Math.ceil(n / 8),
    category: c1.bytes,
    city: c2.bytes,
    note: noteBytes + (n + 1) * 4,
    widths: [c1.width, c2.width],
    k: [cats.size, cities.size],
  };
}

/** Sum of the Arrow buffers' byteLength of each column, read straight from `col.data`. */
function arrowBufferBytes(df: DataFrame): Record<string, number> {
  const byteLen = (v: unknown): number => (ArrayBuffer.isView(v) ? v.byteLength : 0);
  const res: Record<string, number> = {};
  for (const col of df.getColumns()) {
    const d = col.data;
    let b = byteLen(d.values) + byteLen(d.valueOffsets) + byteLen(d.nullBitmap);
    if (d.dictionary) {
      for (const dd of d.dictionary.data) b += byteLen(dd.values) + byteLen(dd.valueOffsets) + byteLen(dd.nullBitmap);
    }
    res[col.name] = b;
  }
  return res;
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

// ---------------------------------------------------------------- part 1

function part1(): void {
  const datasets: { label: string; n: number; builders: Record<string, Builder>; floor: number }[] = [
    { label: `A: ${fmtInt(N_A)} {name, age, address}`, n: N_A, builders: datasetA, floor: rawBytesA(N_A, opts.seed) / N_A },
    { label: `B: ${fmtInt(N)} points {x}`, n: N, builders: datasetB, floor: 8 },
    { label: `C: ${fmtInt(N)} points {x, y, z}`, n: N, builders: datasetC, floor: 24 },
  ];
  // Warm up every builder (compiled code, hidden classes, caches) so the baseline already has them.
  for (const ds of datasets) for (const build of Object.values(ds.builders)) build(WARMUP_ROWS, opts.seed + 1);

  const rows: string[][] = [];
  for (const ds of datasets) {
    for (const [name, build] of Object.entries(ds.builders)) {
      const { bytes } = bytesHeld(() => build(ds.n, opts.seed));
      const per = bytes / ds.n;
      rows.push([ds.label, name, fmtMiB(bytes), fmt(per, 1), fmt(ds.floor, 1), `${fmt(per / ds.floor, 2)}×`]);
    }
  }
  emit(
    [
      '## Part 1: bytes per record',
      '',
      markdownTable(['dataset', 'representation', 'bytes held', 'bytes/record', 'floor B/record', '× floor'], rows, [
        'left',
        'left',
        'right',
        'right',
        'right',
        'right',
      ]),
      '',
      'Floor = raw column bytes / records: float64 8 B; age as int32 4 B (the frame and the typed arrays store it as int32); ' +
        'strings as UTF-8 bytes + (n+1)·4 offset bytes; no validity bitmaps (no nulls).',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------- part 2

function part2(): void {
  buildMixedFrame(WARMUP_ROWS, opts.seed + 1); // warm up the build path
  const raw = rawBytesMixed(N, opts.seed);
  const { bytes: held, result } = bytesHeld(
    () => buildMixedFrame(N, opts.seed),
    (df) => ({ usage: df.memoryUsage(), arrow: arrowBufferBytes(df as DataFrame), height: df.height }),
  );
  const r = result!;
  if (r.height !== N) throw new Error(`expected ${N} rows, the frame has ${r.height}`);
  const names = Object.keys(MIXED_SCHEMA) as (keyof typeof MIXED_SCHEMA)[];
  const rawTotal = names.reduce((s, k) => s + raw[k], 0);
  const arrowTotal = names.reduce((s, k) => s + (r.arrow[k] ?? 0), 0);
  const ratio = held / rawTotal;

  const dtypeLabel: Record<keyof typeof MIXED_SCHEMA, string> = {
    id: 'int32',
    amount: 'float64',
    flag: 'bool (1 bit)',
    category: `categorical, ${raw.k[0]} values, ${raw.widths[0]}-byte index`,
    city: `categorical, ${raw.k[1]} values, ${raw.widths[1]}-byte index`,
    note: 'utf8, 10–40 chars',
  };
  const colRows = names.map((k) => [
    k,
    dtypeLabel[k],
    fmtInt(raw[k]),
    fmtInt(r.arrow[k] ?? 0),
    fmtInt(r.usage.columns[k]?.total ?? 0),
  ]);
  colRows.push(['**total**', '', fmtInt(rawTotal), fmtInt(arrowTotal), fmtInt(r.usage.total)]);

  const summary = [
    ['rows', fmtInt(N)],
    ['bytes held (frame alone, source arrays dropped)', `${fmtInt(held)} (${fmtMiB(held)})`],
    ['raw column bytes', `${fmtInt(rawTotal)} (${fmtMiB(rawTotal)})`],
    ['held / raw', `${fmt(ratio, 3)}×`],
    ['held / raw ≤ 1.10', ratio <= 1.1 ? 'yes' : '**no**'],
    ['df.memoryUsage().total', fmtInt(r.usage.total)],
    ['sum of Arrow buffers (col.data values + valueOffsets + nullBitmap + dictionary data)', fmtInt(arrowTotal)],
    ['memoryUsage().total equals that sum', r.usage.total === arrowTotal ? 'yes' : '**no**'],
    ['memoryUsage().total equals raw column bytes', r.usage.total === rawTotal ? 'yes' : '**no**'],
    ['held − memoryUsage().total (JS objects around the buffers)', fmtInt(held - r.usage.total)],
  ];
  emit(
    [
      `## Part 2: bytes held by a ${fmtInt(N)}-row mixed frame vs its raw column bytes`,
      '',
      markdownTable(['measure', 'value'], summary, ['left', 'right']),
      '',
      markdownTable(['column', 'dtype', 'raw bytes', 'Arrow buffers', 'memoryUsage'], colRows, ['left', 'left', 'right', 'right', 'right']),
    ].join('\n'),
  );
}

// ---------------------------------------------------------------- part 3

function sumObjects(rows: readonly MixedRecord[]): number {
  let amount = 0;
  let id = 0;
  for (const r of rows) {
    amount += r.amount;
    id += r.id;
  }
  return amount + id;
}

function sumFrame(df: DataFrame<typeof MIXED_SCHEMA>): number {
  let amount = 0;
  let id = 0;
  for (const r of df) {
    amount += r.amount;
    id += r.id;
  }
  return amount + id;
}

function sumArrow(table: Table): number {
  let amount = 0;
  let id = 0;
  for (const row of table) {
    amount += row['amount'] as number;
    id += row['id'] as number;
  }
  return amount + id;
}

function sumTyped(amounts: Float64Array, ids: Int32Array): number {
  let amount = 0;
  let id = 0;
  const n = amounts.length;
  for (let i = 0; i < n; i++) {
    amount += amounts[i]!;
    id += ids[i]!;
  }
  return amount + id;
}

function part3(): void {
  const objects = buildMixedObjects(N, opts.seed);
  const df = buildMixedFrame(N, opts.seed);
  const table = df.toArrow();
  const amounts = df.getColumn('amount').data.values as Float64Array;
  const ids = df.getColumn('id').data.values as Int32Array;
  if (!(amounts instanceof Float64Array) || !(ids instanceof Int32Array)) throw new Error('unexpected column storage');

  settledBytes(); // start timing from a collected heap (the builds' garbage is gone)
  const results = timeMedians(
    [
      { name: 'objects', run: () => sumObjects(objects) },
      { name: 'colframe', run: () => sumFrame(df) },
      { name: 'arrow', run: () => sumArrow(table) },
      { name: 'typed', run: () => sumTyped(amounts, ids) },
    ],
    opts.runs,
    2,
  );
  const by = new Map(results.map((r) => [r.name, r]));
  const expected = by.get('typed')!.result;
  for (const r of results) {
    if (r.result !== expected) throw new Error(`${r.name} computed ${r.result}, the typed-array loop ${expected}`);
  }
  const ms = (k: string): number => by.get(k)!.ms;
  const colVsObj = ms('colframe') / ms('objects');
  const arrowVsCol = ms('arrow') / ms('colframe');

  const label: Record<string, string> = {
    objects: 'array of plain objects, `for...of`',
    colframe: 'colframe `for (const r of df)`',
    arrow: 'apache-arrow `for (const row of df.toArrow())`',
    typed: 'typed-array index loop (Float64Array + Int32Array)',
  };
  const rows: string[][] = results.map((r) => [
    label[r.name]!,
    fmt(r.ms, 2),
    `${fmt(Math.min(...r.all), 2)}–${fmt(Math.max(...r.all), 2)}`,
    fmt((r.ms * 1e6) / N, 2),
    `${fmt(r.ms / ms('objects'), 2)}× objects`,
    '',
    '',
  ]);
  rows.push(['**colframe / objects**', '', '', '', `${fmt(colVsObj, 2)}×`, '≤ 1.5', colVsObj <= 1.5 ? 'yes' : '**no**']);
  rows.push(['**arrow / colframe**', '', '', '', `${fmt(arrowVsCol, 2)}×`, '≥ 10', arrowVsCol >= 10 ? 'yes' : '**no**']);
  emit(
    [
      `## Part 3: iteration speed (sum \`amount\` and \`id\` over ${fmtInt(N)} rows)`,
      '',
      markdownTable(['case', 'median ms', 'min–max ms', 'ns/row', 'ratio', 'target', 'met'], rows, [
        'left',
        'right',
        'right',
        'right',
        'right',
        'left',
        'left',
      ]),
      '',
      `Median of ${opts.runs} runs after 2 warm-up runs each; the cases alternate within each round. ` +
        `All four cases computed the same sum (${expected}).`,
    ].join('\n'),
  );
}

const t0 = performance.now();
part1();
part2();
part3();
const elapsed = (performance.now() - t0) / 1000;

console.log(`sink: ${sink.value}`);
console.log(`elapsed: ${fmt(elapsed, 1)} s`);
const outDir = new URL('./out/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('memory.md', outDir), out.join('\n'));
console.log(`written: bench/out/memory.md`);
