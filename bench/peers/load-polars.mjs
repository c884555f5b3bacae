/**
 * One measured load for the CSV benchmark: nodejs-polars `pl.readCSV(path)` with its defaults.
 * Usage: node bench/peers/load-polars.mjs <file.csv> <sumColumn,...>
 */
import { performance } from 'node:perf_hooks';
import pl from 'nodejs-polars';
import { args, report } from './result.mjs';

const { path, sumColumns } = args('node bench/peers/load-polars.mjs <file.csv> <sumColumn,...>');

const t0 = performance.now();
const df = pl.readCSV(path);
const loadMs = performance.now() - t0;

const sums = {};
for (const name of sumColumns) sums[name] = Number(df.getColumn(name).sum());
report(loadMs, df.height, sums, { dtypes: df.columns.map((c) => `${c}:${String(df.getColumn(c).dtype)}`) });
