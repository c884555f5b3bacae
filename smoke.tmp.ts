import { ensureSyntheticCsv } from './bench/csv/generate.ts';
import { readCSV, readJSON, writeJSON } from './src/index.ts';
import { statSync, readFileSync } from 'node:fs';
const g = ensureSyntheticCsv(1_000_000, 42);
let t = performance.now();
const df = await readCSV(g.path);
console.log('csv', performance.now() - t, df.schema.toString());
t = performance.now();
await writeJSON(df, '/tmp/jt/synth.ndjson');
console.log('write ndjson', performance.now() - t, statSync('/tmp/jt/synth.ndjson').size);
for (let k = 0; k < 3; k++) {
t = performance.now();
const j = await readJSON('/tmp/jt/synth.ndjson');
console.log('read ndjson', performance.now() - t, j.height, j.schema.toString());
}
t = performance.now();
const j2 = await readJSON('../shared/data/vega-datasets/npm-vega-datasets-3.2.1/flights-200k.json');
console.log('flights', performance.now() - t, j2.height, j2.schema.toString());
