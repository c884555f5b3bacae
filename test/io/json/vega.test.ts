/**
 * Real data: the vega-datasets JSON files, read by readJSON and checked against JSON.parse of the
 * same file (an independent oracle) and against the reference aggregates in SOURCE.md.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { readJSON, writeJSON, type DataFrame } from '../../../src/index.js';
import { sharedData } from '../../support/shared-data.js';

const vega = sharedData('vega-datasets');
const DATA = `${vega.file('data')}/`;
const FLIGHTS_200K = vega.file('npm-vega-datasets-3.2.1/flights-200k.json');

/** Each column of `df` against the values JSON.parse gives for its key. */
function compareWithJsonParse(df: DataFrame, path: string): void {
  const records = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  expect(df.height).toBe(records.length);
  const keys: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  expect(df.columns).toEqual(keys);
  for (const f of df.schema.fields) {
    const got = df.getColumn(f.name).toArray();
    const text = f.dtype.kind === 'utf8' || f.dtype.kind === 'categorical';
    const want = records.map((r) => {
      const v = r[f.name];
      if (v === undefined || v === null) return null;
      if (text && typeof v !== 'string') return JSON.stringify(v); // a mixed column holds JSON text
      if (f.dtype.kind === 'date') return new Date(`${v as string}T00:00:00Z`);
      return v;
    });
    // A plain loop (a deep equal of 200k-element arrays is slow): the first difference, if any.
    const key = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v);
    const bad = got.findIndex((v, i) => key(v) !== key(want[i]));
    expect(bad === -1 ? null : { row: bad, got: got[bad], want: want[bad] }, f.name).toBeNull();
  }
}

describe.skipIf(!vega.present)('readJSON on vega-datasets', () => {
  it.each([
    ['cars.json', 406, { Name: 'utf8?', Miles_per_Gallon: 'float64?', Cylinders: 'int32?', Horsepower: 'int32?', Year: 'date?', Origin: 'categorical?' }],
    ['movies.json', 3201, { Title: 'utf8?', 'US Gross': 'int32?', 'Worldwide Gross': 'int64?', 'IMDB Rating': 'float64?', 'MPAA Rating': 'categorical?' }],
    ['penguins.json', 344, { Species: 'categorical?', 'Beak Length (mm)': 'float64?', 'Body Mass (g)': 'int32?', Sex: 'categorical?' }],
    ['gapminder.json', 682, { year: 'int32?', country: 'categorical?', pop: 'int32?', life_expect: 'float64?' }],
    ['flights-2k.json', 2000, { date: 'utf8?', delay: 'int32?', distance: 'int32?', origin: 'categorical?' }],
  ])('readJSON reads %s like JSON.parse (%i rows)', async (name, rows, types) => {
    const df = await readJSON(DATA + name);
    expect(df.height).toBe(rows);
    for (const [col, t] of Object.entries(types)) expect(String(df.schema.get(col)), col).toBe(t);
    compareWithJsonParse(df, DATA + name);
  });

  it('readJSON keeps the mixed number/string Title of movies.json as JSON text', async () => {
    const df = await readJSON(DATA + 'movies.json');
    const titles = df.getColumn('Title').toArray();
    const raw = JSON.parse(readFileSync(DATA + 'movies.json', 'utf8')) as { Title: unknown }[];
    const numeric = raw.map((r, i) => [r.Title, titles[i]] as const).filter(([t]) => typeof t === 'number');
    expect(numeric.length).toBeGreaterThan(0);
    for (const [t, got] of numeric) expect(got).toBe(String(t));
  });

  it('readJSON reads flights-200k.json with the reference sums', async () => {
    const df = await readJSON(FLIGHTS_200K);
    expect(df.height).toBe(200_000);
    expect(df.schema.toString()).toBe('Schema { delay: int32?, distance: int32?, time: float64? }');
    const sum = (name: string): number => (df.getColumn(name).toArray() as number[]).reduce((a, b) => a + b, 0);
    expect(sum('delay')).toBe(1_500_159);
    expect(sum('distance')).toBe(145_847_125);
    const time = df.getColumn('time').toArray() as number[];
    expect(time.reduce((a, b) => Math.min(a, b), Infinity)).toBe(0);
    expect(time.reduce((a, b) => Math.max(a, b), -Infinity)).toBeCloseTo(23.9833, 4);
    compareWithJsonParse(df, FLIGHTS_200K);
  });

  it('readJSON reads flights-200k.json written back as NDJSON and streamed in small chunks to the same frame', async () => {
    const df = await readJSON(FLIGHTS_200K);
    const nd = Buffer.from(df.toJSONString({ format: 'ndjson' }));
    const back = await readJSON(Readable.from([nd.subarray(0, 100_003), nd.subarray(100_003)]), { format: 'ndjson', chunkSize: 4099 });
    expect(back.schema.toString()).toBe(df.schema.toString());
    for (const name of df.columns) expect(back.getColumn(name).toArray(), name).toEqual(df.getColumn(name).toArray());
    const chunks: Buffer[] = [];
    const sink = new (await import('node:stream')).Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
    });
    await writeJSON(df, sink);
    // The records text reads back (JSON.parse) to what the file holds.
    const written = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[];
    const original = JSON.parse(readFileSync(FLIGHTS_200K, 'utf8')) as unknown[];
    expect(written.length).toBe(original.length);
    expect(JSON.stringify(written)).toBe(JSON.stringify(original));
  });
});
