/**
 * One measured load for the CSV benchmark: DuckDB (in memory, default threads)
 * `CREATE TABLE t AS SELECT * FROM read_csv_auto(path)`; only that statement is timed.
 * Usage: node bench/peers/load-duckdb.mjs <file.csv> <sumColumn,...>
 */
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { args, report } from './result.mjs';

const { path, sumColumns } = args('node bench/peers/load-duckdb.mjs <file.csv> <sumColumn,...>');
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const ident = (s) => `"${s.replaceAll('"', '""')}"`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();

const t0 = performance.now();
await con.run(`CREATE TABLE t AS SELECT * FROM read_csv_auto(${sqlString(path)})`);
const loadMs = performance.now() - t0;

const cols = sumColumns.map((c, k) => `CAST(sum(${ident(c)}) AS DOUBLE) AS s${k}`).join(', ');
const reader = await con.runAndReadAll(`SELECT CAST(count(*) AS DOUBLE) AS n, ${cols} FROM t`);
const row = reader.getRows()[0];
const sums = {};
sumColumns.forEach((c, k) => {
  sums[c] = Number(row[k + 1]);
});
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
report(loadMs, Number(row[0]), sums, { threads: Number(threads) });
con.closeSync();
instance.closeSync();
