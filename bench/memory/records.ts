/**
 * Part 1 of the memory benchmark: bytes per record of dataset A (`{name, age, address}`), B
 * (points `{x}`) and C (points `{x, y, z}`) held as plain objects, class instances, tuples, one
 * array per attribute, typed arrays and a colframe DataFrame, against the raw column bytes.
 *
 * Every builder regenerates its records from the seed, so each representation owns fresh strings.
 * JavaScript arrays are preallocated at their exact length (no growth slack).
 */
import { DataFrame, float64, int32, utf8 } from '../../src/index.js';
import { bytesHeld, fmt, fmtInt, fmtMiB, markdownTable } from '../lib/measure.js';
import { Random, stringFromCodes } from '../lib/random.js';

// ---------------------------------------------------------------- data sources

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

/** Point coordinates: uniform floats in [-500, 500). */
function pointSource(seed: number): () => number {
  const rng = new Random(seed);
  return () => rng.float() * 1000 - 500;
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

// ---------------------------------------------------------------- shared build loops

/** `n` records from `next`, in an array of exactly `n` slots. */
function records<T>(n: number, next: () => T): T[] {
  const rows = new Array<T>(n);
  for (let i = 0; i < n; i++) rows[i] = next();
  return rows;
}

/** Dataset A as `n` records made by `make` from fresh strings. */
function personRecords<T>(n: number, seed: number, make: (name: string, age: number, address: string) => T): T[] {
  const src = new PersonSource(seed);
  return records(n, () => {
    src.next();
    return make(stringFromCodes(src.name), src.age, stringFromCodes(src.address));
  });
}

/** Dataset A as one exact-length JavaScript array per attribute (fresh strings). */
function personColumns(n: number, seed: number): { name: string[]; age: number[]; address: string[] } {
  const src = new PersonSource(seed);
  const name = new Array<string>(n);
  const age = new Array<number>(n);
  const address = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    src.next();
    name[i] = stringFromCodes(src.name);
    age[i] = src.age;
    address[i] = stringFromCodes(src.address);
  }
  return { name, age, address };
}

/** A string column as UTF-8 bytes plus `n + 1` offsets. */
interface Utf8Column {
  bytes: Uint8Array;
  offsets: Int32Array;
}

/** UTF-8 bytes (ASCII here, at most `maxLen` each) and offsets of the next `n` strings, exact length. */
function utf8Column(n: number, maxLen: number, nextCodes: () => readonly number[]): Utf8Column {
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

/** Dataset A as an `Int32Array` of ages and UTF-8 bytes + offsets per string attribute. */
function personTypedColumns(n: number, seed: number): { names: Utf8Column; ages: Int32Array; addresses: Utf8Column } {
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
}

/** `n` points as `make(next)` records, `next` yielding the coordinates in order. */
function pointRecords<T>(n: number, seed: number, make: (next: () => number) => T): T[] {
  const next = pointSource(seed);
  return records(n, () => make(next));
}

/** `n` points as one exact-length column per field (made by `alloc`), filled row by row. */
function pointColumns<C extends number[] | Float64Array>(
  n: number,
  seed: number,
  fields: readonly string[],
  alloc: (n: number) => C,
): Record<string, C> {
  const next = pointSource(seed);
  const cols = fields.map(() => alloc(n));
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < cols.length; c++) cols[c]![i] = next();
  }
  return Object.fromEntries(fields.map((f, c) => [f, cols[c]!]));
}

// Column allocators. This `new Array` site only ever holds doubles, so V8 keeps its arrays unboxed.
const jsNumbers = (n: number): number[] => new Array<number>(n);
const float64s = (n: number): Float64Array => new Float64Array(n);

// ---------------------------------------------------------------- datasets

type Builder = (n: number, seed: number) => unknown;

/** The column representations of a points dataset whose attributes `fields` are float64. */
function pointColumnBuilders(fields: readonly string[]): Record<string, Builder> {
  return {
    'one array per attribute': (n, seed) => pointColumns(n, seed, fields, jsNumbers),
    'typed arrays': (n, seed) => pointColumns(n, seed, fields, float64s),
    'colframe DataFrame': (n, seed) =>
      DataFrame.fromColumns(pointColumns(n, seed, fields, jsNumbers), { schema: Object.fromEntries(fields.map((f) => [f, float64()])) }),
  };
}

const datasetA: Record<string, Builder> = {
  'plain objects': (n, seed) => personRecords(n, seed, (name, age, address) => ({ name, age, address })),
  'class instances': (n, seed) => personRecords(n, seed, (name, age, address) => new Person(name, age, address)),
  'arrays as tuples': (n, seed) => personRecords(n, seed, (name, age, address): [string, number, string] => [name, age, address]),
  'one array per attribute': personColumns,
  'typed arrays': personTypedColumns,
  'colframe DataFrame': (n, seed) => DataFrame.fromColumns(personColumns(n, seed), { schema: { name: utf8(), age: int32(), address: utf8() } }),
};

const datasetB: Record<string, Builder> = {
  'plain objects': (n, seed) => pointRecords(n, seed, (next) => ({ x: next() })),
  'class instances': (n, seed) => pointRecords(n, seed, (next) => new Point1(next())),
  'arrays as tuples': (n, seed) => pointRecords(n, seed, (next): [number] => [next()]),
  ...pointColumnBuilders(['x']),
};

const datasetC: Record<string, Builder> = {
  'plain objects': (n, seed) => pointRecords(n, seed, (next) => ({ x: next(), y: next(), z: next() })),
  'class instances': (n, seed) => pointRecords(n, seed, (next) => new Point3(next(), next(), next())),
  'arrays as tuples': (n, seed) => pointRecords(n, seed, (next): [number, number, number] => [next(), next(), next()]),
  ...pointColumnBuilders(['x', 'y', 'z']),
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

// ---------------------------------------------------------------- report

/**
 * Part 1 as a markdown section: bytes held per record of every representation of A (`rowsA`
 * records), B and C (`rows` records each). Every builder first runs once on `warmupRows` records.
 */
export function bytesPerRecord(rows: number, rowsA: number, seed: number, warmupRows: number): string {
  const datasets: { label: string; n: number; builders: Record<string, Builder>; floor: number }[] = [
    { label: `A: ${fmtInt(rowsA)} {name, age, address}`, n: rowsA, builders: datasetA, floor: rawBytesA(rowsA, seed) / rowsA },
    { label: `B: ${fmtInt(rows)} points {x}`, n: rows, builders: datasetB, floor: 8 },
    { label: `C: ${fmtInt(rows)} points {x, y, z}`, n: rows, builders: datasetC, floor: 24 },
  ];
  // Warm up every builder (compiled code, hidden classes, caches) so the baseline already has them.
  for (const ds of datasets) for (const build of Object.values(ds.builders)) build(warmupRows, seed + 1);

  const table: string[][] = [];
  for (const ds of datasets) {
    for (const [name, build] of Object.entries(ds.builders)) {
      const { bytes } = bytesHeld(() => build(ds.n, seed));
      const per = bytes / ds.n;
      table.push([ds.label, name, fmtMiB(bytes), fmt(per, 1), fmt(ds.floor, 1), `${fmt(per / ds.floor, 2)}×`]);
    }
  }
  return [
    '## Part 1: bytes per record',
    '',
    markdownTable(['dataset', 'representation', 'bytes held', 'bytes/record', 'floor B/record', '× floor'], table, [
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
  ].join('\n');
}
