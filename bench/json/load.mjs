/**
 * One measured load for the JSON benchmark, in its own process (the driver runs it under
 * `/usr/bin/time -v` for the peak RSS), from the built package (`dist/`, as users run it).
 *
 * Usage: node bench/json/load.mjs <tool> <file> <sumColumn,...>
 *   colframe-ndjson   readJSON(file) of an NDJSON file
 *   parse-lines       the file streamed line by line (readline), JSON.parse per line, objects kept in an array
 *   parse-lines-frame the same, then DataFrame.fromRecords(objects)
 *   colframe-records  readJSON(file) of a JSON array
 *   parse-whole       JSON.parse(readFileSync(file, 'utf8')) of a JSON array
 * Prints one `@result {json}` line: load wall time (performance.now around the load only), row
 * count and the sum of each named column.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { DataFrame, readJSON } from '../../dist/index.js';

const [tool, path, sumList] = process.argv.slice(2);
if (tool === undefined || path === undefined || sumList === undefined) {
  console.error('usage: node bench/json/load.mjs <tool> <file> <sumColumn,...>');
  process.exit(2);
}
const names = sumList.split(',');

async function parseLines() {
  const rows = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') rows.push(JSON.parse(line));
  return rows;
}

const t0 = performance.now();
let rows;
let df;
switch (tool) {
  case 'colframe-ndjson':
  case 'colframe-records':
    df = await readJSON(path);
    break;
  case 'parse-lines':
    rows = await parseLines();
    break;
  case 'parse-lines-frame':
    df = DataFrame.fromRecords(await parseLines());
    break;
  case 'parse-whole':
    rows = JSON.parse(readFileSync(path, 'utf8'));
    break;
  default:
    console.error(`unknown tool ${tool}`);
    process.exit(2);
}
const loadMs = performance.now() - t0;

const sums = {};
for (const name of names) {
  let s = 0;
  const values = df === undefined ? rows.map((r) => r[name]) : df.getColumn(name);
  for (const v of values) {
    if (typeof v === 'number') s += v;
    else if (typeof v === 'bigint') s += Number(v);
    else if (v !== null && v !== undefined) throw new Error(`"${name}" holds ${typeof v} values, expected numbers`);
  }
  sums[name] = s;
}
console.log(`@result ${JSON.stringify({ loadMs, rows: df === undefined ? rows.length : df.height, sums })}`);
