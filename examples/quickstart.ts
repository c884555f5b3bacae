/**
 * Quick start: load a small bundled CSV, print it, its schema, a few rows and its memory use.
 * Run: npx tsx examples/quickstart.ts
 */
import { categorical, col, date, float64, readCSV } from '../src/index.js';

// With a schema every value is checked on the way in and rows come back typed
// (without one, readCSV infers the same dtypes from the file).
const df = await readCSV(new URL('./data/seattle-weather.csv', import.meta.url), {
  schema: {
    date: date(),
    precipitation: float64(),
    temp_max: float64(),
    temp_min: float64(),
    wind: float64(),
    weather: categorical(),
  },
});

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

// Verbs return new frames; expressions run over whole columns at once.
const warmDry = df.filter(col('temp_max').gt(30).and(col('precipitation').eq(0)));
console.log(`\n${warmDry.height} dry days above 30 °C; the hottest three:`);
console.log(warmDry.sort('temp_max', { descending: true }).head(3).toString());

console.log('\nDays by weather:');
console.log(
  df
    .groupBy('weather')
    .agg({ days: col('date').count(), mean_max: col('temp_max').mean(), rain_mm: col('precipitation').sum() })
    .sort('days', { descending: true })
    .toString(),
);

const mem = df.memoryUsage();
console.log(
  `\nMemory: ${mem.total.toLocaleString('en-US')} bytes of Arrow buffers for ${df.height.toLocaleString('en-US')} rows` +
    ` (${(mem.total / df.height).toFixed(1)} B/row)`,
);
for (const [name, m] of Object.entries(mem.columns)) {
  console.log(
    `  ${name.padEnd(14)} ${String(m.total).padStart(6)} B  (values ${m.values}, offsets ${m.offsets}, validity ${m.validity}, dictionary ${m.dictionary})`,
  );
}
