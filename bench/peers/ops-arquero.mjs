/**
 * arquero's side of the operations benchmark (bench/ops.ts): both files read with
 * `aq.fromCSV(readFileSync(path, 'utf8'))` and default autoType (its streaming `loadCSV` drops
 * rows on the synthetic file, see bench/README.md), then every operation. arquero's `filter` and
 * `orderby` are lazy (a row selection / ordering over the same columns), so they are followed by
 * `reify()`, which builds the result's columns; `rollup` and `join` build their output directly.
 *
 * arquero has no describe(); its case is one `rollup` computing what a describe shows: for numeric
 * columns count, null count, mean, std, min, 25% / 50% / 75% quantiles, max; for the others count,
 * null count, min, max.
 *
 * Usage: node --expose-gc bench/peers/ops-arquero.mjs <data.csv> <users.csv> <runs> <warmup> <op,...>
 */
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
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

const { op } = aq;
const opts = childArgs('node --expose-gc bench/peers/ops-arquero.mjs');
const version = JSON.parse(readFileSync(new URL('node_modules/arquero/package.json', import.meta.url), 'utf8')).version;

const load = await timeLoad(() => aq.fromCSV(readFileSync(opts.data, 'utf8')));
const t = load.value;
const users = aq.fromCSV(readFileSync(opts.users, 'utf8'));
const values = (table, name) => table.array(name);

/** The rollup spec of a describe: `{ <column>_<stat>: op }` per column. */
function describeSpec(table) {
  const spec = {};
  for (const name of table.columnNames()) {
    const col = table.column(name);
    let sample;
    for (let i = 0; i < col.length && sample == null; i++) sample = col.at(i);
    spec[`${name}_count`] = op.valid(name);
    spec[`${name}_nulls`] = op.invalid(name);
    if (typeof sample === 'number') {
      spec[`${name}_mean`] = op.mean(name);
      spec[`${name}_std`] = op.stdev(name);
      spec[`${name}_q25`] = op.quantile(name, 0.25);
      spec[`${name}_median`] = op.median(name);
      spec[`${name}_q75`] = op.quantile(name, 0.75);
    }
    spec[`${name}_min`] = op.min(name);
    spec[`${name}_max`] = op.max(name);
  }
  return spec;
}
const describe = describeSpec(t);
const filterable = t.params({ amount: FILTER_AMOUNT, category: FILTER_CATEGORY });

const cases = [
  {
    id: 'filter',
    // A compiled table expression with parameters (arquero's fast path; aq.escape would call a closure per row).
    run: () => filterable.filter((d, $) => d.amount > $.amount && d.category === $.category).reify(),
    check: (r) => ({ rows: r.numRows(), sumAmount: sumOf(values(r, 'amount')) }),
  },
  {
    id: 'group_category',
    run: () => t.groupby('category').rollup({ sum: op.sum('amount'), mean: op.mean('amount'), count: op.valid('amount') }),
    check: (r) => ({ groups: r.numRows(), byKey: byKey(values(r, 'category'), [values(r, 'sum'), values(r, 'mean'), values(r, 'count')]) }),
  },
  {
    id: 'group_city',
    run: () => t.groupby('city').rollup({ sum: op.sum('amount') }),
    check: (r) => ({ groups: r.numRows(), byKey: byKey(values(r, 'city'), [values(r, 'sum')]) }),
  },
  {
    id: 'group_user',
    run: () => t.groupby('user_id').rollup({ sum: op.sum('amount') }),
    check: (r) => groupTotals(values(r, 'user_id'), values(r, 'sum')),
  },
  {
    id: 'sort_amount',
    run: () => t.orderby(aq.desc('amount')).reify(),
    check: (r) => {
      const a = values(r, 'amount');
      return { rows: r.numRows(), sorted: isMonotone(a, true), first: a[0], last: a[a.length - 1], sumId: sumOf(values(r, 'id')) };
    },
  },
  {
    id: 'sort_cat_amount',
    run: () => t.orderby('category', aq.desc('amount')).reify(),
    check: (r) => {
      const c = values(r, 'category');
      const a = values(r, 'amount');
      const n = r.numRows();
      return { rows: n, sorted: isCatAmountSorted(c, a), first: [c[0], a[0]], last: [c[n - 1], a[n - 1]], sumId: sumOf(values(r, 'id')) };
    },
  },
  {
    id: 'join',
    run: () => t.join(users, 'user_id'),
    check: (r) => ({ rows: r.numRows(), sumAmount: sumOf(values(r, 'amount')), sumUserId: sumOf(values(r, 'user_id')), _columns: r.columnNames().join(',') }),
  },
  {
    id: 'describe',
    run: () => t.rollup(describe),
    check: (r) => {
      const get = (k) => Number(values(r, `amount_${k}`)[0]);
      return { _shape: `${r.numRows()}×${r.numCols()}`, amount: { mean: get('mean'), std: get('std'), min: get('min'), max: get('max') } };
    },
  },
];

const ops = await runCases(cases, opts);
report({ tool: 'arquero', version, load: { ms: load.ms, rows: t.numRows(), users: users.numRows() }, ops });
