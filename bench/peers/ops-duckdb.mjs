/**
 * DuckDB's side of the operations benchmark (bench/ops.ts): an in-memory database (default
 * threads) with the tables `t` and `users` created from the CSV files by `read_csv_auto`, then
 * every operation as SQL whose result is materialized with `CREATE OR REPLACE TEMP TABLE r AS …`
 * (only that statement is timed; the checks read `r` afterwards, and it is dropped before the
 * next run). describe() is DuckDB's own `SUMMARIZE t`.
 *
 * Usage: node --expose-gc bench/peers/ops-duckdb.mjs <data.csv> <users.csv> <runs> <warmup> <op,...>
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { childArgs, FILTER_AMOUNT, FILTER_CATEGORY, report, runCases, timeLoad } from '../ops/harness.mjs';

const opts = childArgs('node --expose-gc bench/peers/ops-duckdb.mjs');
const version = JSON.parse(readFileSync(new URL('node_modules/@duckdb/node-api/package.json', import.meta.url), 'utf8')).version;
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();
const one = async (sql) => (await rows(sql))[0];

const load = await timeLoad(() => con.run(`CREATE TABLE t AS SELECT * FROM read_csv_auto(${sqlString(opts.data)})`));
await con.run(`CREATE TABLE users AS SELECT * FROM read_csv_auto(${sqlString(opts.users)})`);
const height = Number((await one('SELECT count(*) FROM t'))[0]);
const userCount = Number((await one('SELECT count(*) FROM users'))[0]);
const dtypes = Object.fromEntries((await rows('DESCRIBE t')).map((r) => [r[0], r[1]]));
const threads = Number((await one("SELECT current_setting('threads')"))[0]);

/** A case whose result is the temp table `r` built by `select`. */
function sqlCase(id, select, check) {
  return {
    id,
    run: async () => {
      await con.run(`CREATE OR REPLACE TEMP TABLE r AS ${select}`);
      return 'r';
    },
    check,
    cleanup: () => con.run('DROP TABLE IF EXISTS r'),
  };
}

/** Rows, sortedness (row order of `r` is its insertion order, `rowid`), first/last keys and sum(id) of a sorted `r`. */
async function sortCheck(keys, violation) {
  const lag = keys.map((k) => `lag(${k}) OVER (ORDER BY rowid) AS p_${k}`).join(', ');
  const [n, bad, sumId] = await one(
    `SELECT (SELECT count(*) FROM r), (SELECT count(*) FROM (SELECT ${keys.join(', ')}, ${lag} FROM r) WHERE ${violation}), (SELECT CAST(sum(id) AS DOUBLE) FROM r)`,
  );
  const first = await one(`SELECT ${keys.join(', ')} FROM r ORDER BY rowid LIMIT 1`);
  const last = await one(`SELECT ${keys.join(', ')} FROM r ORDER BY rowid DESC LIMIT 1`);
  const shape = (row) => (row.length === 1 ? Number(row[0]) : [row[0], Number(row[1])]);
  return { rows: Number(n), sorted: Number(bad) === 0, first: shape(first), last: shape(last), sumId: Number(sumId) };
}

const keyed = async (sql) => {
  const rs = await rows(sql);
  return { groups: rs.length, byKey: Object.fromEntries(rs.map((r) => [String(r[0]), r.length === 2 ? Number(r[1]) : r.slice(1).map(Number)])) };
};

const cases = [
  sqlCase('filter', `SELECT * FROM t WHERE amount > ${FILTER_AMOUNT} AND category = ${sqlString(FILTER_CATEGORY)}`, async () => {
    const [n, s] = await one('SELECT count(*), sum(amount) FROM r');
    return { rows: Number(n), sumAmount: Number(s) };
  }),
  sqlCase('group_category', 'SELECT category, sum(amount) AS sum, avg(amount) AS mean, count(amount) AS count FROM t GROUP BY category', () =>
    keyed('SELECT category, sum, mean, count FROM r'),
  ),
  sqlCase('group_city', 'SELECT city, sum(amount) AS sum FROM t GROUP BY city', () => keyed('SELECT city, sum FROM r')),
  sqlCase('group_user', 'SELECT user_id, sum(amount) AS sum FROM t GROUP BY user_id', async () => {
    const [g, total, weighted] = await one('SELECT count(*), sum(sum), sum(CAST(user_id AS DOUBLE) * sum) FROM r');
    return { groups: Number(g), total: Number(total), weighted: Number(weighted) };
  }),
  sqlCase('sort_amount', 'SELECT * FROM t ORDER BY amount DESC', () => sortCheck(['amount'], 'p_amount < amount')),
  sqlCase('sort_cat_amount', 'SELECT * FROM t ORDER BY category ASC, amount DESC', () =>
    sortCheck(['category', 'amount'], 'p_category > category OR (p_category = category AND p_amount < amount)'),
  ),
  sqlCase('join', 'SELECT * FROM t JOIN users USING (user_id)', async () => {
    const [n, s, u] = await one('SELECT count(*), sum(amount), CAST(sum(user_id) AS DOUBLE) FROM r');
    const columns = (await rows('DESCRIBE r')).map((r) => r[0]).join(',');
    return { rows: Number(n), sumAmount: Number(s), sumUserId: Number(u), _columns: columns };
  }),
  sqlCase('describe', 'SELECT * FROM (SUMMARIZE t)', async () => {
    const n = Number((await one('SELECT count(*) FROM r'))[0]);
    const cols = (await rows('DESCRIBE r')).length;
    const [mean, std, min, max] = await one("SELECT avg, std, min, max FROM r WHERE column_name = 'amount'");
    return { _shape: `${n}×${cols}`, amount: { mean: Number(mean), std: Number(std), min: Number(min), max: Number(max) } };
  }),
];

const ops = await runCases(cases, opts);
report({ tool: 'duckdb', version, load: { ms: load.ms, rows: height, users: userCount, dtypes, threads }, ops });
con.closeSync();
instance.closeSync();
