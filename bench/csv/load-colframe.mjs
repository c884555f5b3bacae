/**
 * One measured load for the CSV benchmark: colframe's `readCSV` on one file, in its own process,
 * from the built package (`dist/`, as users run it; `bench/csv.ts` builds it first).
 * The driver runs it under `/usr/bin/time -v` for the peak RSS.
 *
 * Usage: node bench/csv/load-colframe.mjs <file.csv> <sumColumn,...>
 * Prints one `@result {json}` line: load wall time (performance.now around `readCSV` only), row
 * count and the sum of each named column.
 */
import { performance } from 'node:perf_hooks';
import { readCSV } from '../../dist/index.js';

const [path, sumList] = process.argv.slice(2);
if (path === undefined || sumList === undefined) {
  console.error('usage: node bench/csv/load-colframe.mjs <file.csv> <sumColumn,...>');
  process.exit(2);
}

const t0 = performance.now();
const df = await readCSV(path);
const loadMs = performance.now() - t0;

const sums = {};
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
