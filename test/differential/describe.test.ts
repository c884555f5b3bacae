/**
 * describe against DuckDB: each statistic against its SQL aggregate — count, null_count, mean
 * (avg), std (stddev_samp), min, 25% / 50% / 75% (quantile_cont), max for numbers; mean for
 * booleans; min / max for dates and timestamps (ISO text); unique (count DISTINCT) and top (the
 * most frequent value, ties to the first seen) for text.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { frameArb, samples } from '../support/arbitraries.js';
import { aggAgrees, aggSql, scaledFrom, statsOf, type AggFn, type AggSpec } from '../support/aggregates.js';
import { Duck, ident, sqlString } from '../support/duckdb.js';
import { checkFrame } from '../support/frame-check.js';
import { isInt, isNumber, isText, isTime, type ColumnSpec, type FrameSpec } from '../support/frame-specs.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { isoMillis, sameValue, type Norm } from '../support/values.js';
import { INSTANT_TEXT } from '../support/pairs.js';

const FILE = 'test/differential/describe.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const STATS = ['count', 'null_count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max', 'unique', 'top'] as const;

/** The aggregation that gives a numeric statistic (for its tolerance), if any. */
const AGG_OF: Partial<Record<(typeof STATS)[number], [AggFn, number?]>> = { mean: ['mean'], std: ['std'], '25%': ['quantile', 0.25], '50%': ['quantile', 0.5], '75%': ['quantile', 0.75] };

/** SQL of one statistic of one column, as the type colframe gives it (DOUBLE for numbers and booleans, else VARCHAR). */
function statSql(c: ColumnSpec, stat: (typeof STATS)[number]): string {
  const x = ident(c.name);
  const k = c.dtype.kind;
  const d = `CAST(${x} AS DOUBLE)`;
  const asText = !isNumber(k) && k !== 'bool';
  const out = (v: string) => (asText ? `CAST(${v} AS VARCHAR)` : `CAST(${v} AS DOUBLE)`);
  switch (stat) {
    case 'count':
      return out(`count(${x})`);
    case 'null_count':
      return out(`count(*) - count(${x})`);
    case 'mean':
      // Integers averaged exactly (HUGEINT sum), as colframe's mean of an integer column is.
      return isNumber(k) ? `avg(${isInt(k) ? `CAST(${x} AS HUGEINT)` : d})` : k === 'bool' ? `avg(CAST(${x} AS INTEGER))` : 'CAST(NULL AS VARCHAR)';
    case 'std':
      // The same scaled SQL as groupBy's std (no overflow on the way for huge magnitudes).
      return isNumber(k) ? aggSql({ name: c.name, fn: 'std', column: c })[0]!.slice(0, -` AS ${x}`.length) : asText ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS DOUBLE)';
    case 'min':
    case 'max':
      if (isNumber(k)) return `${stat}(${d})`;
      if (isTime(k)) return `${sqlString(INSTANT_TEXT)} || CAST(epoch_ms(CAST(${stat}(${x}) AS TIMESTAMP)) AS VARCHAR)`;
      return asText ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS DOUBLE)';
    case '25%':
    case '50%':
    case '75%':
      return isNumber(k) ? `quantile_cont(${d}, ${Number(stat.slice(0, 2)) / 100})` : asText ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS DOUBLE)';
    case 'unique':
      return isText(k) ? `CAST(count(DISTINCT ${x}) AS VARCHAR)` : asText ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS DOUBLE)';
    case 'top':
      return isText(k) ? `(SELECT ${x} FROM t AS t2 WHERE ${x} IS NOT NULL GROUP BY ${x} ORDER BY count(*) DESC, min(__row) LIMIT 1)` : asText ? 'CAST(NULL AS VARCHAR)' : 'CAST(NULL AS DOUBLE)';
  }
}

function describeSql(spec: FrameSpec): string {
  const numeric = spec.columns.filter((c) => isNumber(c.dtype.kind));
  const rows = STATS.map((stat, i) => {
    const items = [`'${stat}' AS statistic`, ...spec.columns.map((c) => `${statSql(c, stat)} AS ${ident(c.name)}`), `${i} AS __i`, `count(*) AS __cnt`];
    const extra = numeric.flatMap((c) => {
      const a: AggSpec = { name: c.name, fn: 'mean', column: c };
      return aggSql(a).slice(1);
    });
    return `SELECT ${[...items, ...extra].join(', ')} FROM ${scaledFrom('t', [], numeric.map((c) => c.name))} AS g`;
  });
  return `SELECT * FROM (${rows.join(' UNION ALL ')}) ORDER BY __i`;
}

/** A statistic agrees: exactly, within the aggregation's tolerance, or (for dates as text) as the same instant. */
function sameStat(spec: FrameSpec) {
  return (got: Norm, want: Norm, column: number, row: readonly Norm[], names: readonly string[]): boolean | 'skip' => {
    if (column === 0) return sameValue(got, want);
    const c = spec.columns[column - 1]!;
    const stat = row[0] as (typeof STATS)[number];
    const agg = AGG_OF[stat];
    if (isNumber(c.dtype.kind) && agg !== undefined) {
      const a: AggSpec = agg[1] === undefined ? { name: c.name, fn: agg[0], column: c } : { name: c.name, fn: agg[0], column: c, q: agg[1] };
      return aggAgrees(a, got, want, statsOf(c.name, names, row));
    }
    if (isTime(c.dtype.kind) && (stat === 'min' || stat === 'max') && typeof got === 'string' && typeof want === 'string') {
      // The text names DuckDB's instant (dates as their midnight), read exactly in any year.
      return isoMillis(got) === BigInt(want.slice(INSTANT_TEXT.length));
    }
    return sameValue(got, want);
  };
}

describe('describe, differential against DuckDB', () => {
  it('every statistic of every column equals its SQL aggregate', async () => {
    const name = 'describe';
    const cases = samples(frameArb({ columns: { min: 1, max: 4 } }), name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      await checkFrame(duck, findings, k, spec, {
        run: (df) => df.describe(),
        code: 'df.describe()',
        sql: describeSql(spec),
        order: 'exact',
        width: spec.columns.length + 1,
        label: `describe of ${spec.columns.map((c) => c.dtype.kind).join(',')}`,
        same: sameStat(spec),
      });
    }
    findings.assertNone(cases.length);
  });
});
