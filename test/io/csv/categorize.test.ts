/** The final choice between categorical and utf8 for inferred text columns, made on the whole column. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataFrame, nullable, readCSV, readJSON, utf8 } from '../../../src/index.js';
import { settleText, utf8ToCategorical } from '../../../src/io/csv/categorize.js';

/** A seeded generator of uniform integers in [0, n). */
function uniform(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return Math.floor((s / 0x80000000) * n);
  };
}

/** `rows` rows whose city is one of `distinct` names, drawn uniformly; every 97th is empty (null). */
function citiesCsv(rows: number, distinct: number): { text: string; values: (string | null)[] } {
  const next = uniform(7);
  const values = Array.from({ length: rows }, (_, i) => (i % 97 === 0 ? null : `city ${next(distinct)}`));
  return { text: `id,city\n${values.map((v, i) => `${i},${v ?? ''}`).join('\n')}\n`, values };
}

describe('inferred text columns are settled on the whole column', () => {
  it('a column whose values repeat only over the whole file becomes categorical (it looked unique after 10,000 rows)', async () => {
    // 20,000 cities over 300,000 rows: after 16,384 rows about 11,000 distinct (more than half),
    // so the early check turns the column utf8; at the end 20,000 ≤ 150,000.
    const { text, values } = citiesCsv(300_000, 20_000);
    const df = await readCSV({ text });
    expect(df.schema.get('city').kind).toBe('categorical');
    expect(df.getColumn('city').toArray()).toEqual(values);
    const dir = mkdtempSync(join(tmpdir(), 'colframe-categorize-'));
    const path = join(dir, 'cities.csv');
    writeFileSync(path, text);
    const two = await readCSV(path, { threads: 2, parallelMinBytes: 1 });
    expect(two.schema.get('city').kind).toBe('categorical');
    expect(two.getColumn('city').toArray()).toEqual(values);
  });

  it('a column that repeats early but has many distinct values overall becomes utf8', async () => {
    const values = Array.from({ length: 60_000 }, (_, i) => (i < 12_000 ? `k${i % 5}` : `unique ${i}`));
    const df = await readCSV({ text: `s\n${values.join('\n')}\n` });
    expect(df.schema.get('s').kind).toBe('utf8');
    expect(df.getColumn('s').toArray()).toEqual(values);
  });

  it('more than 65,536 distinct values stay utf8 even when they repeat', async () => {
    const values = Array.from({ length: 200_000 }, (_, i) => `v${i % 70_000}`);
    const df = await readCSV({ text: `s\n${values.join('\n')}\n` });
    expect(df.schema.get('s').kind).toBe('utf8');
  });

  it('a column read as text after a later value was text is settled the same way', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => String(i % 10));
    values[4000] = 'ten';
    const df = await readCSV({ text: `n\n${values.join('\n')}\n` });
    expect(df.schema.get('n').kind).toBe('categorical');
    expect(df.getColumn('n').toArray()).toEqual(values);
  });

  it('readJSON settles its text columns by the same rule', async () => {
    const { values } = citiesCsv(200_000, 15_000);
    const df = await readJSON({ text: values.map((c) => JSON.stringify({ c })).join('\n') }, { format: 'ndjson' });
    expect(df.schema.get('c').kind).toBe('categorical');
    expect(df.getColumn('c').toArray()).toEqual(values);
  });

  it('scanCSV keeps its sampled choice (every batch has one schema)', async () => {
    const { text } = citiesCsv(30_000, 10_000);
    const { scanCSV } = await import('../../../src/index.js');
    for await (const b of scanCSV({ text }, { batchSize: 10_000 })) expect(b.schema.get('city').kind).toBe('utf8');
  });
});

describe('utf8ToCategorical / settleText', () => {
  it('keeps values, nulls and row offsets (a sliced column)', () => {
    const values = ['a', null, 'b', 'a', '', 'b', null, 'a', 'a', '', 'b'];
    const col = DataFrame.fromColumns({ s: values }, { schema: { s: nullable(utf8()) } }).slice(3, 8).getColumn('s');
    const settled = settleText(col.dtype, col.data);
    expect(settled.dtype.kind).toBe('categorical');
    expect(new Column('s', settled.dtype, settled.data).toArray()).toEqual(values.slice(3, 11));
  });

  it('gives up as soon as there are too many distinct values', () => {
    const col = DataFrame.fromColumns({ s: ['a', 'b', 'c', 'a'] }, { schema: { s: utf8() } }).getColumn('s');
    expect(utf8ToCategorical(col.data)).toBeUndefined(); // 3 distinct of 4: more than half
    const one = DataFrame.fromColumns({ s: ['a'] }, { schema: { s: utf8() } }).getColumn('s');
    expect(utf8ToCategorical(one.data)).toBeUndefined();
  });
});

describe('utf8ToCategorical (property)', () => {
  it('converts exactly when the rule says so, keeping every value and null', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('', 'a', 'b', 'é', 'a\n', 'x'.repeat(40)), { nil: null }), { maxLength: 60 }), fc.nat(5), (values, off) => {
        const col = DataFrame.fromColumns({ s: values }, { schema: { s: nullable(utf8()) } }).slice(Math.min(off, values.length)).getColumn('s');
        const want = col.toArray();
        const nonNull = want.filter((v) => v !== null);
        const fits = new Set(nonNull).size * 2 <= nonNull.length && nonNull.length > 0;
        const cat = utf8ToCategorical(col.data);
        expect(cat !== undefined).toBe(fits);
        if (cat !== undefined) expect(new Column('s', settleText(col.dtype, col.data).dtype, cat).toArray()).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
