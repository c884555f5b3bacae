/**
 * One measured load for the CSV benchmark: colframe's `readCSV` on one file, in its own process.
 * The driver (`bench/csv.ts`) runs it under `/usr/bin/time -v` for the peak RSS.
 *
 * Usage: node --import tsx bench/csv/load-colframe.ts <file.csv> <sumColumn,...>
 * Prints one `@result {json}` line: load wall time (performance.now around `readCSV` only), row
 * count and the sum of each named column.
 */
import { performance } from 'node:perf_hooks';
import * as colframe from '../../src/index.js';
import type { DataFrame } from '../../src/index.js';

type ReadCSV = (path: string) => Promise<DataFrame>;

const [path, sumList] = process.argv.slice(2);
if (path === undefined || sumList === undefined) {
  console.error('usage: node --import tsx bench/csv/load-colframe.ts <file.csv> <sumColumn,...>');
  process.exit(2);
}

// Looked up by name so this file type-checks before the reader is exported.
const readCSV = (colframe as Record<string, unknown>)['readCSV'] as ReadCSV | undefined;
if (typeof readCSV !== 'function') {
  console.error('colframe: src/index.ts does not export readCSV yet, so the colframe case cannot run.');
  process.exit(3);
}

const t0 = performance.now();
const df = await readCSV(path);
const loadMs = performance.now() - t0;

const sums: Record<string, number> = {};
for (const name of sumList.split(',')) {
  let s = 0;
  for (const v of df.getColumn(name)) {
    if (typeof v === 'number') s += v;
    else if (typeof v === 'bigint') s += Number(v);
    else if (v !== null) throw new Error(`column "${name}" holds ${typeof v} values, expected numbers`);
  }
  sums[name] = s;
}
console.log(`@result ${JSON.stringify({ loadMs, rows: df.height, sums, dtypes: df.getColumns().map((c) => `${c.name}:${String(c.dtype)}`) })}`);
