/**
 * The child side of the operations benchmark (bench/ops.ts), shared by colframe's runner
 * (bench/ops/run-colframe.mjs) and the peers' (bench/peers/ops-*.mjs): argument parsing, the
 * timing loop, and the one `@ops {json}` line each child prints.
 *
 * A child loads the data once, then for each operation: `warmup` untimed runs, then `runs` timed
 * runs (performance.now() around the call that produces the materialized result), each preceded
 * by a full garbage collection when `--expose-gc` is on (the driver always passes it) and two turns
 * of the event loop (so native finalizers run), so a collection left over from the previous run is
 * not billed to the next one and dropped results do not pile up. After the timed runs,
 * the last result is summarised by the case's `check` (untimed) so the driver can compare tools.
 */
import { performance } from 'node:perf_hooks';

/** Operation ids, in report order (the driver, bench/ops/report.ts, lists the same ids). */
export const OP_IDS = ['filter', 'group_category', 'group_city', 'group_user', 'sort_amount', 'sort_cat_amount', 'join', 'describe'];

/** The category the filter keeps: the 4th of the generator's 12 (bench/csv/generate.ts). */
export const FILTER_CATEGORY = 'grocery';
/** The filter's amount threshold. */
export const FILTER_AMOUNT = 500;

/**
 * `{ data, users, runs, warmup, ops }` from `node <runner> <data.csv> <users.csv> <runs> <warmup> <op,...>`.
 */
export function childArgs(usage) {
  const [data, users, runs, warmup, ops] = process.argv.slice(2);
  if (data === undefined || users === undefined || runs === undefined || warmup === undefined || ops === undefined) {
    console.error(`usage: ${usage} <data.csv> <users.csv> <runs> <warmup> <op,...>`);
    process.exit(2);
  }
  const unknown = ops.split(',').filter((id) => !OP_IDS.includes(id));
  if (unknown.length > 0) {
    console.error(`unknown operation(s) ${unknown.join(', ')}; expected some of ${OP_IDS.join(', ')}`);
    process.exit(2);
  }
  return { data, users, runs: Number(runs), warmup: Number(warmup), ops: new Set(ops.split(',')) };
}

const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
const macrotask = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A full collection, then two turns of the event loop: native libraries (polars, DuckDB) free
 * their memory in finalizers that Node runs from the event loop, not inside `gc()`, so without
 * the turns every dropped result's native memory would stay allocated until the process ends.
 */
async function gc() {
  collect();
  await macrotask();
  await macrotask();
}

/** The median of a non-empty list. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Time a load (once). Returns `{ value, ms }`. */
export async function timeLoad(load) {
  await gc();
  const t0 = performance.now();
  const value = await load();
  return { value, ms: performance.now() - t0 };
}

/**
 * Run every selected case and return `{ [id]: outcome }`, where an outcome is
 * `{ ms, all, check }`, `{ skipped: reason }` or `{ error: message }`.
 *
 * A case is `{ id, run, check, cleanup?, skip? }`: `run()` (sync or async) returns the
 * materialized result; `check(result)` (untimed) summarises it for the cross-tool comparison;
 * `cleanup(result)` releases it (DuckDB drops its result table); `skip` is a reason not to run.
 */
export async function runCases(cases, { runs, warmup, ops }) {
  const out = {};
  for (const c of cases) {
    if (!ops.has(c.id)) continue;
    if (c.skip !== undefined) {
      out[c.id] = { skipped: c.skip };
      progress(`${c.id}: skipped (${c.skip})`);
      continue;
    }
    try {
      let last;
      const all = [];
      for (let k = 0; k < warmup + runs; k++) {
        if (last !== undefined) await c.cleanup?.(last);
        last = undefined;
        await gc();
        const t0 = performance.now();
        last = await c.run();
        const ms = performance.now() - t0;
        if (k >= warmup) all.push(ms);
      }
      const check = await c.check(last);
      await c.cleanup?.(last);
      out[c.id] = { ms: median(all), all, check };
      progress(`${c.id}: ${median(all).toFixed(1)} ms`);
    } catch (err) {
      out[c.id] = { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      progress(`${c.id}: FAILED ${out[c.id].error}`);
    }
  }
  return out;
}

/** A progress line on stderr (the driver shows it as it runs). */
export function progress(line) {
  process.stderr.write(`  ${line}\n`);
}

/** Print the result line the driver reads. */
export function report(result) {
  console.log(`@ops ${JSON.stringify({ ...result, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}`);
}

// ---------------------------------------------------------------- checks

/** Whether `xs` never increases (`desc`) / never decreases. */
export function isMonotone(xs, desc) {
  for (let i = 1; i < xs.length; i++) {
    if (desc ? xs[i] > xs[i - 1] : xs[i] < xs[i - 1]) return false;
  }
  return true;
}

/** Whether rows are ordered by `cats` ascending (by code point), then `amounts` descending. */
export function isCatAmountSorted(cats, amounts) {
  for (let i = 1; i < cats.length; i++) {
    const a = cats[i - 1];
    const b = cats[i];
    if (a > b) return false; // JS string order is UTF-16; the values are ASCII, so it is code point order
    if (a === b && amounts[i] > amounts[i - 1]) return false;
  }
  return true;
}

/** Sum of numbers or bigints (nulls skipped), as a number. */
export function sumOf(values) {
  let s = 0;
  for (const v of values) {
    if (typeof v === 'number') s += v;
    else if (typeof v === 'bigint') s += Number(v);
  }
  return s;
}

/**
 * The per-key table of a grouped result: `{ [key]: value }` where value is `fields.map(f => col f)`
 * (a single number when one field). `keys` and each of `columns` are parallel arrays.
 */
export function byKey(keys, columns) {
  const out = {};
  for (let i = 0; i < keys.length; i++) {
    const vals = columns.map((c) => Number(c[i]));
    out[String(keys[i])] = vals.length === 1 ? vals[0] : vals;
  }
  return out;
}

/** Summary of a 100k-group result: group count, total of sums, and Σ key × sum (catches misattributed sums). */
export function groupTotals(keys, sums) {
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < keys.length; i++) {
    const s = Number(sums[i]);
    total += s;
    weighted += Number(keys[i]) * s;
  }
  return { groups: keys.length, total, weighted };
}
