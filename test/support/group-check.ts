/**
 * Checking `groupBy(keys).agg(aggs)` (and `df.agg(aggs)` without keys) against DuckDB's GROUP BY:
 * groups compare as multisets keyed by their key values (colframe orders groups by first
 * appearance, DuckDB leaves the order open: difference 5), each aggregation with `aggAgrees`,
 * dtypes as decided, and an integer sum beyond int64 must raise an error naming the column
 * (difference 4).
 */
import { ColframeError, type DataFrame } from '../../src/index.js';
import { aggAgrees, aggCode, aggExpr, aggSql, scaledFrom, statsOf, sumOverflows, type AggSpec } from './aggregates.js';
import { ident, type Duck } from './duckdb.js';
import { frameCode, frameOf, isFloat, readFrame, selectSpec, type FrameSpec } from './frame-specs.js';
import { attempt, repro, shrinkRows, showError, type Findings } from './harness.js';
import { errorShape } from './evaluate.js';
import { showRow, showValue, valueKey, type Norm } from './values.js';

/** One disagreement. */
export interface AggProblem {
  readonly signature: string;
  readonly title: string;
  readonly got: string;
  readonly want: string;
  /** The aggregation it concerns (none for a disagreement about the groups themselves). */
  readonly agg: AggSpec | null;
}

/** The dtype kind colframe must give an aggregation. */
export function aggKind(a: AggSpec): string {
  const k = a.column.dtype.kind;
  switch (a.fn) {
    case 'count':
    case 'len':
    case 'nUnique':
      return 'int64';
    case 'sum':
      return isFloat(k) ? 'float64' : k === 'uint64' ? 'uint64' : 'int64';
    case 'mean':
    case 'std':
    case 'var':
    case 'median':
    case 'quantile':
      return 'float64';
    default:
      return k;
  }
}

/** The SQL of the aggregation query. */
export function groupSql(table: string, keys: readonly string[], aggs: readonly AggSpec[]): string {
  const scaled = [...new Set(aggs.filter((a) => a.fn === 'std' || a.fn === 'var').map((a) => a.column.name))];
  const items = [...keys.map(ident), ...aggs.flatMap(aggSql)];
  if (items.length === 0) items.push('count(*) AS __len');
  const group = keys.length === 0 ? '' : ` GROUP BY ${keys.map(ident).join(', ')}`;
  return `SELECT ${items.join(', ')} FROM ${scaledFrom(table, keys, scaled)} AS g${group}`;
}

/** The colframe call as code. */
export function groupCode(keys: readonly string[], aggs: readonly AggSpec[]): string {
  const body = `{ ${aggs.map((a) => `${a.name}: ${aggCode(a)}`).join(', ')} }`;
  return keys.length === 0 ? `df.agg(${body})` : `df.groupBy(${keys.map((k) => JSON.stringify(k)).join(', ')}).agg(${body})`;
}

function run(df: DataFrame, keys: readonly string[], aggs: readonly AggSpec[]): DataFrame {
  const obj: Record<string, ReturnType<typeof aggExpr>> = {};
  for (const a of aggs) obj[a.name] = aggExpr(a);
  return keys.length === 0 ? df.agg(obj) : df.groupBy(...keys).agg(obj);
}

const keyOf = (row: readonly Norm[], n: number) => row.slice(0, n).map(valueKey).join('|');

/** Every disagreement of one grouped aggregation over `spec`. */
export async function checkGroups(duck: Duck, spec: FrameSpec, keys: readonly string[], aggs: readonly AggSpec[]): Promise<AggProblem[]> {
  const df = frameOf(spec);
  await duck.load('t', df);
  const sql = groupSql('t', keys, aggs);
  const duckR = await duck.tryQuery(sql);
  if ('error' in duckR) return [{ signature: 'duckdb error', title: `DuckDB failed: ${duckR.error}`, got: '', want: duckR.error, agg: null }];
  const problems: AggProblem[] = [];
  const at = (name: string) => duckR.names.indexOf(name);
  // Integer sums beyond int64: colframe raises, naming the column (difference 4).
  const overflow = aggs.filter((a) => duckR.rows.some((r) => sumOverflows(a, r[at(a.name)]!)));
  for (const a of overflow) {
    const r = attempt(() => run(df, keys, [a]));
    const ok = !r.ok && r.error instanceof ColframeError && r.error.message.includes(`"${a.column.name}"`);
    if (!ok) {
      problems.push({
        signature: `sum beyond int64 (${a.column.dtype.kind}): ${r.ok ? 'no error' : 'error does not name the column'}`,
        title: `${aggCode(a)} leaves int64 but colframe ${r.ok ? 'gives a value' : `throws ${showError(r.error)}`}`,
        got: r.ok ? readFrame(r.value).rows.map(showRow).join(' ') : showError(r.error),
        want: `an error naming "${a.column.name}" (DuckDB's HUGEINT sum: ${duckR.rows.map((row) => showValue(row[at(a.name)]!)).join(', ')})`,
        agg: a,
      });
    }
  }
  const checked = aggs.filter((a) => !overflow.includes(a));
  const r = attempt(() => readFrame(run(df, keys, checked)));
  if (!r.ok) {
    return [...problems, { signature: errorShape(r.error), title: `colframe throws ${showError(r.error)}`, got: showError(r.error), want: `${duckR.rows.length} groups`, agg: null }];
  }
  const got = r.value;
  const wantNames = [...keys, ...checked.map((a) => a.name)];
  if (got.names.join() !== wantNames.join()) {
    return [...problems, { signature: 'column names', title: `columns [${got.names.join(', ')}], expected [${wantNames.join(', ')}]`, got: got.names.join(', '), want: wantNames.join(', '), agg: null }];
  }
  for (const [j, a] of checked.entries()) {
    const kind = got.dtypes[keys.length + j]!.kind;
    if (kind !== aggKind(a)) {
      problems.push({ signature: `${a.fn}(${a.column.dtype.kind}): dtype ${kind}`, title: `${aggCode(a)} has dtype ${kind}, expected ${aggKind(a)}`, got: kind, want: aggKind(a), agg: a });
    }
  }
  const wantByKey = new Map(duckR.rows.map((row) => [keyOf(row, keys.length), row]));
  const gotByKey = new Map(got.rows.map((row) => [keyOf(row, keys.length), row]));
  const missing = [...wantByKey.keys()].filter((k) => !gotByKey.has(k));
  const extra = [...gotByKey.keys()].filter((k) => !wantByKey.has(k));
  if (missing.length > 0 || extra.length > 0 || gotByKey.size !== got.rows.length) {
    const kinds = keys.map((k) => spec.columns.find((c) => c.name === k)!.dtype.kind).join(',');
    problems.push({
      signature: `groups by ${kinds || '(none)'}`,
      title: `${got.rows.length} groups, DuckDB has ${duckR.rows.length}`,
      got: got.rows.map((row) => showRow(row.slice(0, keys.length || 1))).join(' '),
      want: duckR.rows.map((row) => showRow(row.slice(0, keys.length || 1))).join(' '),
      agg: null,
    });
    return problems;
  }
  for (const [key, wrow] of wantByKey) {
    const grow = gotByKey.get(key)!;
    for (const [j, a] of checked.entries()) {
      const g = grow[keys.length + j]!;
      const w = wrow[at(a.name)]!;
      const verdict = aggAgrees(a, g, w, statsOf(a.name, duckR.names, wrow));
      if (verdict === false) {
        const byKinds = keys.map((k) => spec.columns.find((c) => c.name === k)!.dtype.kind).join(',');
        problems.push({
          signature: `${a.fn}(${a.column.dtype.kind})${keys.length === 0 ? ' without keys' : ''}: value`,
          title: `${aggCode(a)} of group ${showRow(wrow.slice(0, keys.length))}${byKinds ? ` (keys ${byKinds})` : ''} is ${showValue(g)}, DuckDB says ${showValue(w)}`,
          got: showValue(g),
          want: showValue(w),
          agg: a,
        });
      }
    }
  }
  return problems;
}

/** Check one case and record its problems, shrinking the first of each kind to its columns and fewer rows. */
export async function recordGroups(duck: Duck, findings: Findings, caseIndex: number, spec: FrameSpec, keys: readonly string[], aggs: readonly AggSpec[]): Promise<void> {
  const problems = await checkGroups(duck, spec, keys, aggs);
  const seen = new Set<string>();
  for (const p of problems) {
    if (seen.has(p.signature)) continue;
    seen.add(p.signature);
    let small = spec;
    let shown = p;
    const only = p.agg !== null ? [p.agg] : keys.length > 0 && p.signature.startsWith('groups by') ? [] : aggs;
    if (findings.isNew(p.signature)) {
      const still = async (s: FrameSpec) => {
        const found = (await checkGroups(duck, s, keys, only)).find((x) => x.signature === p.signature);
        if (found !== undefined) shown = found;
        return found !== undefined;
      };
      const used = selectSpec(spec, [...keys, ...only.map((a) => a.column.name)]);
      if (await still(used)) small = used;
      small = await shrinkRows(small, still);
      await still(small);
    }
    findings.add(caseIndex, p.signature, {
      title: shown.title,
      detail: repro({ frame: frameCode(small), call: groupCode(keys, only.length > 0 ? only : aggs), sql: groupSql('df', keys, only), got: shown.got, want: shown.want }),
    });
  }
}

