/**
 * One measured load for the CSV benchmark: arquero with its defaults (autoType on).
 * Variants: `stream` = `aq.loadCSV(path)` (arquero's streaming loader); `text` =
 * `aq.fromCSV(readFileSync(path, 'utf8'))` (the read is inside the timed span).
 * Usage: node bench/peers/load-arquero.mjs <file.csv> <sumColumn,...> <stream|text>
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as aq from 'arquero';
import { args, report, sumValues } from './result.mjs';

const { path, sumColumns, variant } = args('node bench/peers/load-arquero.mjs <file.csv> <sumColumn,...> <stream|text>');
if (variant !== 'stream' && variant !== 'text') {
  console.error(`arquero variant must be "stream" or "text", got ${String(variant)}`);
  process.exit(2);
}

const t0 = performance.now();
const table = variant === 'stream' ? await aq.loadCSV(path) : aq.fromCSV(readFileSync(path, 'utf8'));
const loadMs = performance.now() - t0;

const sums = {};
for (const name of sumColumns) sums[name] = sumValues(table.array(name));
report(loadMs, table.numRows(), sums);
