/**
 * Exploring a dataset the way a notebook would, from a script: four years of daily Seattle weather
 * (NOAA, public domain; see data/SOURCE.md). Each step prints what a notebook cell would show.
 * Run: npx tsx examples/explore.ts
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFrame, col, readCSV, sparkline } from '../src/index.js';

/** A heading between steps, like a markdown cell. */
function step(title: string): void {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}\n`);
}

// Load the CSV; without a schema, readCSV infers the dtypes (dates, floats, and a categorical for
// the few distinct weather words).
const df = await readCSV(new URL('./data/seattle-weather.csv', import.meta.url));

step('1. glimpse: every column on its own line, with its dtype and first values');
console.log(df.glimpse({ maxWidth: 100 }));

step('2. describe: summary statistics per column');
// The numeric columns only, so the table fits; df.describe() covers text and dates too.
console.log(df.select('precipitation', 'temp_max', 'temp_min', 'wind').describe().toString({ maxRows: -1 }));

step('3. value counts of weather: how often each kind of day occurs');
console.log(df.valueCounts('weather'));

step('4. a histogram of the daily high (°C), in the terminal');
// Nulls and NaN would be counted on the last line, never silently dropped.
console.log(df.plot.hist('temp_max', { bins: 12, width: 72 }));

step('5. a bar chart of the weather, and the same chart as SVG');
console.log(df.plot.bar('weather', { width: 72 }));
// The same charts as standalone SVG files, to open in a browser or paste into a report.
const histPath = join(tmpdir(), 'colframe-temp_max.svg');
const barPath = join(tmpdir(), 'colframe-weather.svg');
writeFileSync(histPath, df.plot.hist('temp_max', { format: 'svg', bins: 24, title: 'Daily high, Seattle 2012–2015 (°C)' }));
writeFileSync(barPath, df.plot.bar('weather', { format: 'svg', title: 'Kinds of days, Seattle 2012–2015' }));
console.log(`\nSVG written to ${histPath} and ${barPath}`);

step('6. group by month: mean high, rainfall and rainy days');
// dt.month() gives 1–12; groups come in order of first appearance, so sort by month.
const monthly = df
  .withColumns({ month: col('date').dt.month(), wet: col('precipitation').gt(0) })
  .groupBy('month')
  .agg({
    mean_high: col('temp_max').mean(),
    rain_mm: col('precipitation').sum(),
    wet_days: col('wet').sum(),
    days: col('date').count(),
  })
  .sort('month')
  // Four years of data: a yearly figure is a quarter of the sum.
  .withColumns({ mean_high: col('mean_high').round(1), rain_mm: col('rain_mm').div(4).round(1) })
  .rename({ rain_mm: 'rain_mm_per_year' });
console.log(monthly.toString({ maxRows: -1 }));
// A sparkline per column: the year's shape at a glance.
console.log(`\nmean high by month   ${sparkline(monthly.getColumn('mean_high').toArray() as number[])}  (Jan … Dec)`);
console.log(`rain by month        ${sparkline(monthly.getColumn('rain_mm_per_year').toArray() as number[], { min: 0 })}`);

step('7. join with a small lookup frame: weather → description');
// A lookup frame built in the script; a left join keeps every kind of day even without a match.
const lookup = DataFrame.fromRecords([
  { weather: 'rain', description: 'Rain, from showers to downpours' },
  { weather: 'sun', description: 'Clear or mostly sunny' },
  { weather: 'fog', description: 'Fog or low cloud' },
  { weather: 'drizzle', description: 'Light drizzle' },
  { weather: 'snow', description: 'Snow or sleet' },
]);
// Join keys are compared by value, so the categorical weather column meets the utf8 lookup.
const kinds = df
  .groupBy('weather')
  .agg({ days: col('date').count(), mean_high: col('temp_max').mean(), mean_wind: col('wind').mean() })
  .join(lookup, { on: 'weather', how: 'left' })
  .sort('days', { descending: true })
  .withColumns({ mean_high: col('mean_high').round(1), mean_wind: col('mean_wind').round(1) });
console.log(kinds);

step('8. the result as a markdown table, ready to paste into a README or an issue');
console.log(kinds.toMarkdown({ showShape: false }));
