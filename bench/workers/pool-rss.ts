/**
 * RSS over many `pool.filter` calls, each on a fresh frame (a new shared copy per call): the
 * pool must not keep earlier calls' shared blocks alive.
 *   node --import tsx bench/workers/pool-rss.ts [--calls 100] [--mb 40] [--size 2] [--stop-mb 3500]
 * Prints RSS after every 10th call and the peak; stops early (saying so) past --stop-mb.
 */
import { DataFrame, col, createPool } from '../../src/index.js';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const calls = arg('--calls', 100);
const mb = arg('--mb', 40);
const stopMb = arg('--stop-mb', 3500);
const pool = createPool({ size: arg('--size', 2) });
const rows = Math.floor((mb * 2 ** 20) / 8);
const rssMb = (): number => Math.round(process.memoryUsage.rss() / 2 ** 20);
let peak = rssMb();
console.log(`start: ${peak} MB RSS; ${calls} calls of pool.filter over fresh ${mb} MB frames (${rows} float64 rows)`);
for (let i = 1; i <= calls; i++) {
  const x = new Float64Array(rows);
  for (let j = 0; j < rows; j += 4096) x[j] = j;
  const out = await pool.filter(DataFrame.fromColumns({ x }), col('x').gt(rows - 1e6));
  if (out.height < 0) throw new Error('unreachable');
  const now = rssMb();
  peak = Math.max(peak, now);
  if (i % 10 === 0) console.log(`after ${i} calls: ${now} MB RSS (peak ${peak} MB)`);
  if (now > stopMb) {
    console.log(`stopped after ${i} calls: RSS ${now} MB passed --stop-mb ${stopMb}`);
    break;
  }
}
await pool.close();
console.log(`peak ${peak} MB RSS; after close: ${rssMb()} MB`);
