/** Inputs of the CSV reader: gzip (by name and by magic bytes, streamed) and tab-separated files. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DataFrame, InvalidArgumentError, readCSV, scanCSV, writeCSV } from '../../../src/index.js';

let dir = '';
const TEXT = 'city,temp\nOslo,-3.5\nRome,12.0\n';
const TSV = 'city\ttemp\nOslo\t-3.5\nRome\t12.0\n';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'colframe-csv-source-'));
  writeFileSync(join(dir, 'w.tsv'), TSV);
  writeFileSync(join(dir, 'w.TAB'), TSV);
  writeFileSync(join(dir, 'w.csv.gz'), gzipSync(TEXT));
  writeFileSync(join(dir, 'w.tsv.gz'), gzipSync(TSV));
  writeFileSync(join(dir, 'gzip-without-extension.dat'), gzipSync(TEXT));
  writeFileSync(join(dir, 'broken.csv.gz'), gzipSync(TEXT).subarray(0, 20));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const expected = [
  { city: 'Oslo', temp: -3.5 },
  { city: 'Rome', temp: 12 },
];

describe('tab-separated files', () => {
  it('readCSV reads .tsv and .tab paths with a tab delimiter', async () => {
    expect((await readCSV(join(dir, 'w.tsv'))).toRecords()).toEqual(expected);
    expect((await readCSV(join(dir, 'w.TAB'))).toRecords()).toEqual(expected);
    expect((await readCSV(new URL(`file://${join(dir, 'w.tsv')}`))).columns).toEqual(['city', 'temp']);
  });

  it('an explicit delimiter wins over the extension', async () => {
    const df = await readCSV(join(dir, 'w.tsv'), { delimiter: ',' });
    expect(df.columns).toEqual(['city\ttemp']);
  });

  it('scanCSV reads .tsv paths with a tab delimiter too', async () => {
    const batches: DataFrame[] = [];
    for await (const b of scanCSV(join(dir, 'w.tsv'))) batches.push(b);
    expect(batches[0]!.toRecords()).toEqual(expected);
  });
});

describe('gzip input', () => {
  it('readCSV gunzips .csv.gz and .tsv.gz files (tab-separated by the name under .gz)', async () => {
    expect((await readCSV(join(dir, 'w.csv.gz'))).toRecords()).toEqual(expected);
    expect((await readCSV(join(dir, 'w.tsv.gz'))).toRecords()).toEqual(expected);
  });

  it('gunzips by the magic bytes: a file with another name, bytes, and a stream in tiny chunks', async () => {
    expect((await readCSV(join(dir, 'gzip-without-extension.dat'))).toRecords()).toEqual(expected);
    expect((await readCSV(gzipSync(TEXT))).toRecords()).toEqual(expected);
    const gz = gzipSync(TEXT);
    const tiny = Readable.from(Array.from({ length: gz.length }, (_, i) => gz.subarray(i, i + 1)));
    expect((await readCSV(tiny)).toRecords()).toEqual(expected);
  });

  it('gunzips as a stream: a file larger than many chunks reads in small chunks', async () => {
    const n = 20_000;
    const df = DataFrame.fromColumns({ i: Array.from({ length: n }, (_, k) => k), s: Array.from({ length: n }, (_, k) => `row ${k}`) });
    const path = join(dir, 'big.csv.gz');
    await writeCSV(df, path);
    expect(readFileSync(path).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // written compressed
    const back = await readCSV(path, { chunkSize: 1000 });
    expect(back.toRecords()).toEqual(df.toRecords());
  });

  it('scanCSV gunzips too', async () => {
    const rows: unknown[] = [];
    for await (const b of scanCSV(join(dir, 'w.csv.gz'), { batchSize: 1 })) rows.push(...b.toRecords());
    expect(rows).toEqual(expected);
  });

  it('a truncated gzip file is a typed error naming the file', async () => {
    const err = await readCSV(join(dir, 'broken.csv.gz')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(/broken\.csv\.gz: not valid gzip data/);
  });
});
