/**
 * Every real CSV under ../shared/data (vega-datasets, seaborn-data, csv-spectrum, csv-jl …) read,
 * written with writeCSV (and as JSON), and read again by inference alone: the dtypes and values
 * must not change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readCSV, readJSON, writeCSV, type DataFrame } from '../../../src/index.js';
import { SHARED_DATA_DIR } from '../../support/shared-data.js';

const DATA = SHARED_DATA_DIR;
const present = existsSync(DATA);
if (!present) console.warn(`Skipping the real-file round trips: ${DATA} (../shared/data) is missing (see the Testing section of README.md).`);

function csvFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) csvFiles(p, out);
    else if (/\.(csv|tsv|tab)$/i.test(name)) out.push(p);
  }
  return out;
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'colframe-real-csv-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!present)(`real CSV files under ${DATA}`, () => {
  it('read → writeCSV → readCSV keeps every dtype and value (by the written text of both reads)', async () => {
    const files = csvFiles(DATA);
    const changed: string[] = [];
    let read = 0;
    const out = join(tmp, 'again.csv');
    for (const file of files) {
      let a: DataFrame;
      try {
        a = await readCSV(file);
      } catch {
        continue; // a file the reader rejects (malformed on purpose): nothing to round-trip
      }
      read++;
      await writeCSV(a, out);
      const b = await readCSV(out);
      const name = relative(DATA, file);
      if (b.schema.toString() !== a.schema.toString()) changed.push(`${name}: ${a.schema.toString()} → ${b.schema.toString()}`);
      // Same dtypes and the same text written for every value: the same values (the writer's
      // text is one-to-one per dtype: shortest float text, -0.0, NaN, exact integers …).
      else if (b.toCSV() !== a.toCSV()) changed.push(`${name}: values differ`);
    }
    expect(files.length).toBeGreaterThan(150);
    expect(read).toBeGreaterThan(150);
    expect(changed).toEqual([]);
  }, 180_000);

  it('read → toJSONString → readJSON keeps every dtype and value of the files with rows', async () => {
    const changed: string[] = [];
    let read = 0;
    for (const file of csvFiles(DATA)) {
      let a: DataFrame;
      try {
        a = await readCSV(file);
      } catch {
        continue;
      }
      // A frame without rows is `[]`: JSON records cannot hold its columns.
      if (a.height === 0) continue;
      read++;
      const b = await readJSON({ text: a.toJSONString() });
      const name = relative(DATA, file);
      if (b.schema.toString() !== a.schema.toString()) changed.push(`${name}: ${a.schema.toString()} → ${b.schema.toString()}`);
      else if (b.toCSV() !== a.toCSV()) changed.push(`${name}: values differ`);
    }
    expect(read).toBeGreaterThan(150);
    expect(changed).toEqual([]);
  }, 180_000);
});

describe.skipIf(present)('real CSV files', () => {
  it.skip(`skipped: the test data folder ${DATA} is missing`, () => {});
});
