/**
 * Worker threads: load a CSV straight into shared memory, hand it to two workers without copying,
 * and compute there — a function of our own over row ranges, the built-in parallel groupBy — with
 * timings. Run: npx tsx examples/workers.ts
 */
import { DataFrame, col, createPool, readCSV, sharedAllocator } from '../src/index.js';

const ms = (t: number): string => `${(performance.now() - t).toFixed(1)} ms`;

// 1. Load the bundled CSV with { shared: true }: its buffers live in one SharedArrayBuffer
//    (an Arrow IPC stream), so handing it to a worker costs the same at any size.
const weather = await readCSV(new URL('./data/seattle-weather.csv', import.meta.url), { shared: true });
let t = performance.now();
const handle = weather.share();
console.log(`Loaded ${weather.height} days; share() took ${ms(t)} and the handle holds ${handle.byteLength.toLocaleString('en-US')} bytes of shared memory.`);

// 2. A pool of two workers. map() shares the frame once, runs our function (worker-tasks.ts)
//    over one row range per worker and concatenates what they return, in row order.
const pool = createPool({ size: 2 });
t = performance.now();
const swings = await pool.map(weather, new URL('./worker-tasks.ts', import.meta.url), 'bigSwings', { args: { swing: 15 } });
console.log(`\nDays with a swing over 15 °C, found by 2 workers in ${ms(t)} (includes starting them):`);
console.log(swings.sort('swing', { descending: true }).head(5).toString());

// 3. Built-in parallel verbs: each worker aggregates its rows, the main thread merges.
t = performance.now();
const byWeather = await pool.groupByAgg(weather, ['weather'], {
  days: col('date').count(),
  rain_mm: col('precipitation').sum(),
  mean_max: col('temp_max').mean(),
});
console.log(`\nBy weather, in parallel (${ms(t)}):`);
console.log(byWeather.sort('days', { descending: true }).toString());

// 4. Where threads pay off: 5 million generated readings in shared memory.
const n = 5_000_000;
let seed = 42;
const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const sensor = Array.from({ length: 500 }, (_, i) => `sensor-${String(i).padStart(3, '0')}`);
const big = DataFrame.fromShared(
  DataFrame.fromColumns(
    {
      sensor: Array.from({ length: n }, () => sensor[Math.floor(rand() * sensor.length)]!),
      value: Float64Array.from({ length: n }, () => rand() * 100),
    },
    { allocator: sharedAllocator },
  ).share(),
);
const aggs = { total: col('value').sum(), peak: col('value').max() };
const runs = (f: () => unknown): Promise<number> =>
  (async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await f();
      times.push(performance.now() - s);
    }
    return times.sort((a, b) => a - b)[2]!;
  })();
await pool.groupByAgg(big, ['sensor'], aggs); // warm the workers up
const one = await runs(() => big.groupBy('sensor').agg(aggs));
const two = await runs(() => pool.groupByAgg(big, ['sensor'], aggs));
console.log(`\ngroupBy sensor over ${n.toLocaleString('en-US')} rows (median of 5): one thread ${one.toFixed(1)} ms, two workers ${two.toFixed(1)} ms (${(one / two).toFixed(2)}×)`);

await pool.close();
