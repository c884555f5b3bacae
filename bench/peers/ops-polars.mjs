/**
 * nodejs-polars' side of the operations benchmark (bench/ops.ts): `pl.readCSV` of both files with
 * its defaults (category and city are read as String, polars' default), then every operation with
 * the eager API (each call returns a materialized DataFrame).
 *
 * nodejs-polars 0.24.1's `sort` takes one `descending` flag for all keys (a per-key list is
 * rejected by the native binding), so "category asc, amount desc" sorts by the expressions
 * `category` and `amount * -1` ascending: the same order, with the frame's columns unchanged.
 *
 * Usage: node --expose-gc bench/peers/ops-polars.mjs <data.csv> <users.csv> <runs> <warmup> <op,...>
 */
import { readFileSync } from 'node:fs';
import pl from 'nodejs-polars';
import {
  byKey,
  childArgs,
  FILTER_AMOUNT,
  FILTER_CATEGORY,
  groupTotals,
  isCatAmountSorted,
  isMonotone,
  report,
  runCases,
  sumOf,
  timeLoad,
} from '../ops/harness.mjs';

const opts = childArgs('node --expose-gc bench/peers/ops-polars.mjs');
const version = JSON.parse(readFileSync(new URL('node_modules/nodejs-polars/package.json', import.meta.url), 'utf8')).version;

const load = await timeLoad(() => pl.readCSV(opts.data));
const df = load.value;
const users = pl.readCSV(opts.users);
const values = (frame, name) => frame.getColumn(name).toArray();

const cases = [
  {
    id: 'filter',
    run: () => df.filter(pl.col('amount').gt(FILTER_AMOUNT).and(pl.col('category').eq(pl.lit(FILTER_CATEGORY)))),
    check: (r) => ({ rows: r.height, sumAmount: Number(r.getColumn('amount').sum()) }),
  },
  {
    id: 'group_category',
    run: () =>
      df
        .groupBy('category')
        .agg(pl.col('amount').sum().alias('sum'), pl.col('amount').mean().alias('mean'), pl.col('amount').count().alias('count')),
    check: (r) => ({ groups: r.height, byKey: byKey(values(r, 'category'), [values(r, 'sum'), values(r, 'mean'), values(r, 'count')]) }),
  },
  {
    id: 'group_city',
    run: () => df.groupBy('city').agg(pl.col('amount').sum().alias('sum')),
    check: (r) => ({ groups: r.height, byKey: byKey(values(r, 'city'), [values(r, 'sum')]) }),
  },
  {
    id: 'group_user',
    run: () => df.groupBy('user_id').agg(pl.col('amount').sum().alias('sum')),
    check: (r) => groupTotals(values(r, 'user_id'), values(r, 'sum')),
  },
  {
    id: 'sort_amount',
    run: () => df.sort('amount', true),
    check: (r) => {
      const a = values(r, 'amount');
      return { rows: r.height, sorted: isMonotone(a, true), first: a[0], last: a[a.length - 1], sumId: sumOf(values(r, 'id')) };
    },
  },
  {
    id: 'sort_cat_amount',
    run: () => df.sort([pl.col('category'), pl.col('amount').mul(-1)]),
    check: (r) => {
      const c = values(r, 'category');
      const a = values(r, 'amount');
      const n = r.height;
      return { rows: n, sorted: isCatAmountSorted(c, a), first: [c[0], a[0]], last: [c[n - 1], a[n - 1]], sumId: sumOf(values(r, 'id')) };
    },
  },
  {
    id: 'join',
    run: () => df.join(users, { on: 'user_id', how: 'inner' }),
    check: (r) => ({ rows: r.height, sumAmount: Number(r.getColumn('amount').sum()), sumUserId: Number(r.getColumn('user_id').sum()), _columns: r.columns.join(',') }),
  },
  {
    id: 'describe',
    run: () => df.describe(),
    check: (r) => {
      const labels = values(r, 'describe');
      const amount = values(r, 'amount');
      const stat = (name) => Number(amount[labels.indexOf(name)]);
      return { _shape: `${r.height}×${r.width}`, amount: { mean: stat('mean'), std: stat('std'), min: stat('min'), max: stat('max') } };
    },
  },
];

const ops = await runCases(cases, opts);
report({
  tool: 'polars',
  version,
  load: { ms: load.ms, rows: df.height, users: users.height, dtypes: Object.fromEntries(df.columns.map((c) => [c, String(df.getColumn(c).dtype)])) },
  ops,
});
