/**
 * Quick start: load a small bundled table, print it, its schema, a few rows and its memory use.
 * Run: npx tsx examples/quickstart.ts
 */
import { readFileSync } from 'node:fs';
import { DataFrame, categorical, date, float64 } from '../src/index.js';

interface WeatherRecord {
  date: string;
  precipitation: number;
  temp_max: number;
  temp_min: number;
  wind: number;
  weather: string;
}

const path = new URL('./data/seattle-weather.json', import.meta.url);
const records = JSON.parse(readFileSync(path, 'utf8')) as WeatherRecord[];

// Declare the schema: rows come back typed, and every value is checked on the way in.
const df = DataFrame.fromRecords(
  records.map((r) => ({ ...r, date: new Date(r.date) })),
  {
    schema: {
      date: date(),
      precipitation: float64(),
      temp_max: float64(),
      temp_min: float64(),
      wind: float64(),
      weather: categorical(),
    },
  },
);

console.log(df);
console.log(df.schema.toString());

// Rows are lazy, typed views over the columns.
console.log('\nThe first three days:');
for (const r of df.head(3)) {
  console.log(`  ${r.date.toISOString().slice(0, 10)}  ${r.weather.padEnd(8)} ${r.temp_min}…${r.temp_max} °C`);
}

let wettest = df.row(0);
for (const r of df) if (r.precipitation > wettest.precipitation) wettest = r;
console.log('\nThe wettest day:', wettest);

const mem = df.memoryUsage();
const asJson = Buffer.byteLength(JSON.stringify(records));
console.log(`\nMemory: ${mem.total.toLocaleString('en-US')} bytes of Arrow buffers for ${df.height.toLocaleString('en-US')} rows`
  + ` (${(mem.total / df.height).toFixed(1)} B/row; the same records as JSON text take ${asJson.toLocaleString('en-US')} bytes)`);
for (const [name, m] of Object.entries(mem.columns)) {
  console.log(`  ${name.padEnd(14)} ${String(m.total).padStart(6)} B  (values ${m.values}, offsets ${m.offsets}, validity ${m.validity}, dictionary ${m.dictionary})`);
}
