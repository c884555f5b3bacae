/**
 * colframe's side of the operations benchmark (bench/ops.ts): loads the 1M-row table and the
 * users table once with `readCSV` from the built package (`dist/`, as users run it; the driver
 * builds it first), runs every operation through bench/ops/harness.mjs and prints one `@ops` line.
 *
 * Usage: node --expose-gc bench/ops/run-colframe.mjs <data.csv> <users.csv> <runs> <warmup> <op,...>
 *
 * `df.join` and `df.describe` are used when the built package has them; otherwise their cases are
 * reported as skipped ("not available").
 */
import { readFileSync } from 'node:fs';
import { col, readCSV } from '../../dist/index.js';
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
} from './harness.mjs';

const opts = childArgs('node --expose-gc bench/ops/run-colframe.mjs');
const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

const load = await timeLoad(() => readCSV(opts.data));
const df = load.value;
const users = (await timeLoad(() => readCSV(opts.users))).value;
const dtypes = Object.fromEntries(df.getColumns().map((c) => [c.name, String(c.dtype)]));
const userDtypes = Object.fromEntries(users.getColumns().map((c) => [c.name, String(c.dtype)]));

const values = (frame, name) => frame.getColumn(name).toArray();
const has = (method) => (typeof df[method] === 'function' ? undefined : `not available: df.${method} is not in this build of colframe`);

/** mean / std / min / max of `amount` from describe()'s result, whichever way round it is laid out. */
function describeAmount(d) {
  const names = d.columns;
  const wanted = ['mean', 'std', 'min', 'max'];
  const out = {};
  if (names.includes('amount')) {
    // One row per statistic, one column per input column; the statistic names in a string column.
    const amount = values(d, 'amount');
    for (const name of names) {
      const labels = values(d, name);
      if (!labels.some((v) => v === 'mean')) continue;
      labels.forEach((label, i) => {
        if (wanted.includes(label)) out[label] = Number(amount[i]);
      });
      break;
    }
  } else {
    // One row per input column, one column per statistic.
    for (const name of names) {
      const labels = values(d, name);
      const i = labels.indexOf('amount');
      if (i < 0) continue;
      for (const w of wanted) if (names.includes(w)) out[w] = Number(values(d, w)[i]);
      break;
    }
  }
  return Object.keys(out).length > 0 ? { amount: out } : { _note: `no mean of amount found in columns ${names.join(', ')}` };
}

const cases = [
  {
    id: 'filter',
    run: () => df.filter(col('amount').gt(FILTER_AMOUNT).and(col('category').eq(FILTER_CATEGORY))),
    check: (r) => ({ rows: r.height, sumAmount: sumOf(values(r, 'amount')) }),
  },
  {
    id: 'group_category',
    run: () => df.groupBy('category').agg({ sum: col('amount').sum(), mean: col('amount').mean(), count: col('amount').count() }),
    check: (r) => ({ groups: r.height, byKey: byKey(values(r, 'category'), [values(r, 'sum'), values(r, 'mean'), values(r, 'count')]) }),
  },
  {
    id: 'group_city',
    run: () => df.groupBy('city').agg({ sum: col('amount').sum() }),
    check: (r) => ({ groups: r.height, byKey: byKey(values(r, 'city'), [values(r, 'sum')]) }),
  },
  {
    id: 'group_user',
    run: () => df.groupBy('user_id').agg({ sum: col('amount').sum() }),
    check: (r) => groupTotals(values(r, 'user_id'), values(r, 'sum')),
  },
  {
    id: 'sort_amount',
    run: () => df.sort('amount', { descending: true }),
    check: (r) => {
      const a = values(r, 'amount');
      return { rows: r.height, sorted: isMonotone(a, true), first: a[0], last: a[a.length - 1], sumId: sumOf(values(r, 'id')) };
    },
  },
  {
    id: 'sort_cat_amount',
    run: () => df.sort(['category', 'amount'], { descending: [false, true] }),
    check: (r) => {
      const c = values(r, 'category');
      const a = values(r, 'amount');
      const n = r.height;
      return { rows: n, sorted: isCatAmountSorted(c, a), first: [c[0], a[0]], last: [c[n - 1], a[n - 1]], sumId: sumOf(values(r, 'id')) };
    },
  },
  {
    id: 'join',
    skip: has('join'),
    run: () => df.join(users, { on: 'user_id', how: 'inner' }),
    check: (r) => ({ rows: r.height, sumAmount: sumOf(values(r, 'amount')), sumUserId: sumOf(values(r, 'user_id')), _columns: r.columns.join(',') }),
  },
  {
    id: 'describe',
    skip: has('describe'),
    run: () => df.describe(),
    check: (r) => ({ _shape: `${r.height}×${r.width}`, ...describeAmount(r) }),
  },
];

const ops = await runCases(cases, opts);
report({
  tool: 'colframe',
  version,
  load: { ms: load.ms, rows: df.height, users: users.height, dtypes, userDtypes },
  ops,
});
