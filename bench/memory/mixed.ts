/**
 * The mixed frame of parts 2 and 3 of the memory benchmark: seeded rows of `id` int32, `amount`
 * float64, `flag` bool, `category` and `city` categorical and `note` utf8, built as a colframe
 * DataFrame or as plain objects, plus their raw column bytes and the Arrow buffers a frame holds.
 */
import { DataFrame, bool, categorical, float64, int32, utf8 } from '../../src/index.js';
import { Random, stringFromCodes } from '../lib/random.js';

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

export const MIXED_SCHEMA = { id: int32(), amount: float64(), flag: bool(), category: categorical(), city: categorical(), note: utf8() };

/** The 1M-row frame; every source array is local and dropped on return. */
export function buildMixedFrame(n: number, seed: number): DataFrame<typeof MIXED_SCHEMA> {
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

export interface MixedRecord {
  id: number;
  amount: number;
  flag: boolean;
  category: string;
  city: string;
  note: string;
}

/** The same rows as plain objects (category and city share the pool's strings, as usual in JS). */
export function buildMixedObjects(n: number, seed: number): MixedRecord[] {
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
export function rawBytesMixed(n: number, seed: number): Record<keyof typeof MIXED_SCHEMA, number> & { widths: [number, number]; k: [number, number] } {
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
export function arrowBufferBytes(df: DataFrame): Record<string, number> {
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
