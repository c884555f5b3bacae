/**
 * Shared by the peer loaders: argument parsing and the one `@result {json}` line each loader
 * prints for the CSV benchmark driver (bench/csv.ts).
 */

/** `[path, sumColumns]` from `node <loader> <file.csv> <sumColumn,...> [variant]`. */
export function args(usage) {
  const [path, sumList, variant] = process.argv.slice(2);
  if (path === undefined || sumList === undefined) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return { path, sumColumns: sumList.split(','), variant };
}

/** Print the result line: load wall time in ms, row count, and the sum of each named column. */
export function report(loadMs, rows, sums, extra = {}) {
  console.log(`@result ${JSON.stringify({ loadMs, rows, sums, ...extra })}`);
}

/** Sum a column's values (numbers or bigints; nulls skipped). */
export function sumValues(values) {
  let s = 0;
  for (const v of values) {
    if (typeof v === 'number') s += v;
    else if (typeof v === 'bigint') s += Number(v);
    else if (v !== null && v !== undefined) throw new Error(`expected numbers, got ${typeof v}: ${String(v)}`);
  }
  return s;
}
