/**
 * Aggregations built for both sides: the colframe `Expr` (`col(x).sum()` …), its code, and the
 * DuckDB SQL of what the semantics decide, with the per-group statistics the comparison needs
 * (count, Σ|x|, max |x|, non-finite count) for tolerances: exact for sum of integers (HUGEINT,
 * int64 result; beyond int64 colframe must raise: difference 4), min, max, count, len, nUnique,
 * first, last; relative to the data's scale for float sums, means, std, var, median, quantile.
 */
import { col, type Expr, type DTypeKind } from '../../src/index.js';
import { ident } from './duckdb.js';
import { isFloat, isInt, isNumber, type ColumnSpec } from './frame-specs.js';
import { closeValue, sameValue, type Norm } from './values.js';

/** Aggregation functions. */
export type AggFn = 'sum' | 'mean' | 'min' | 'max' | 'count' | 'len' | 'nUnique' | 'first' | 'last' | 'std' | 'var' | 'median' | 'quantile';

/** Every aggregation function. */
export const AGG_FNS: readonly AggFn[] = ['sum', 'mean', 'min', 'max', 'count', 'len', 'nUnique', 'first', 'last', 'std', 'var', 'median', 'quantile'];

/** One aggregation of a column, named `name` in the output. */
export interface AggSpec {
  readonly name: string;
  readonly fn: AggFn;
  readonly column: Pick<ColumnSpec, 'name' | 'dtype'>;
  readonly q?: number;
}

/** Whether colframe's semantics settle `fn` over a column of `kind`. */
export function aggAllowed(fn: AggFn, kind: DTypeKind): boolean {
  if (isNumber(kind)) return true;
  return ['min', 'max', 'count', 'len', 'nUnique', 'first', 'last'].includes(fn);
}

/** The colframe expression. */
export function aggExpr(a: AggSpec): Expr {
  const c = col(a.column.name);
  return a.fn === 'quantile' ? c.quantile(a.q!) : c[a.fn]();
}

/** The colframe code. */
export function aggCode(a: AggSpec): string {
  return `col(${JSON.stringify(a.column.name)}).${a.fn}(${a.fn === 'quantile' ? a.q : ''})`;
}

/** The name of the scale column `scaledFrom` adds for a column (for std / var). */
export function scaleName(column: string): string {
  return `__scale_${column}`;
}

/**
 * SQL adding, per group of `keys`, a power-of-two scale for each column in `columns` (the largest
 * finite |x| rounded up, halved), so variances are computed on values of magnitude ≤ 2 and DuckDB's
 * VARSAMP never overflows (it raises "out of range" for any non-finite result).
 */
export function scaledFrom(table: string, keys: readonly string[], columns: readonly string[]): string {
  const over = keys.length === 0 ? 'OVER ()' : `OVER (PARTITION BY ${keys.map(ident).join(', ')})`;
  const scales = columns.map((c) => {
    const x = `CAST(${ident(c)} AS DOUBLE)`;
    const m = `max(abs(${x})) FILTER (WHERE isfinite(${x})) ${over}`;
    return `(CASE WHEN coalesce(${m}, 0) = 0 THEN 1.0 ELSE pow(2, greatest(-1022, ceil(log2(${m})) - 1)) END) AS ${ident(scaleName(c))}`;
  });
  return scales.length === 0 ? table : `(SELECT *, ${scales.join(', ')} FROM ${table})`;
}

/** The SQL select items of an aggregation: its value (`name`) and its statistics (`__n_name` …). */
export function aggSql(a: AggSpec): string[] {
  const x = ident(a.column.name);
  const k = a.column.dtype.kind;
  const d = `CAST(${x} AS DOUBLE)`;
  const fin = `isfinite(${d})`;
  const out = (v: string) => `${v} AS ${ident(a.name)}`;
  const stats = isNumber(k)
    ? [
        `count(${x}) AS ${ident(`__n_${a.name}`)}`,
        `sum(abs(${d})) FILTER (WHERE ${fin}) AS ${ident(`__S_${a.name}`)}`,
        `max(abs(${d})) FILTER (WHERE ${fin}) AS ${ident(`__M_${a.name}`)}`,
        `count(${x}) FILTER (WHERE NOT ${fin}) AS ${ident(`__nf_${a.name}`)}`,
        `avg(${d}) FILTER (WHERE ${fin}) AS ${ident(`__mean_${a.name}`)}`,
      ]
    : [];
  const s = ident(scaleName(a.column.name));
  switch (a.fn) {
    case 'sum':
      // The sum of no values is 0 (DuckDB's sum gives NULL; the semantics decide 0).
      return [out(isInt(k) ? `coalesce(sum(CAST(${x} AS HUGEINT)), 0)` : `coalesce(sum(${d}), 0)`), ...stats];
    case 'mean':
      return [out(isInt(k) ? `avg(CAST(${x} AS HUGEINT))` : `avg(${d})`), ...stats];
    case 'min':
    case 'max':
      return [out(`${a.fn}(${x})`), ...stats];
    case 'count':
      return [out(`count(${x})`), ...stats];
    case 'len':
      return [out('count(*)'), ...stats];
    case 'nUnique':
      return [out(`count(DISTINCT ${x})`), ...stats];
    case 'first':
    case 'last':
      return [out(`${a.fn}(${x} ORDER BY __row)`), ...stats];
    case 'var':
    case 'std': {
      // Scaled so that neither the variance of huge values nor its square root overflows on the way.
      const scaledVar = `var_samp(${d} / ${s}) FILTER (WHERE ${fin})`;
      const v = a.fn === 'var' ? `(${scaledVar} * max(${s})) * max(${s})` : `sqrt(${scaledVar}) * max(${s})`;
      return [out(`CASE WHEN count(${x}) < 2 THEN NULL ELSE ${v} END`), ...stats];
    }
    case 'median':
      return [out(`quantile_cont(${d}, 0.5)`), ...stats];
    case 'quantile':
      return [out(`quantile_cont(${d}, ${a.q})`), ...stats];
  }
}

/** Statistics of one aggregation's group, read from the `__…` columns. */
export interface AggStats {
  readonly n: number;
  readonly sumAbs: number | null;
  readonly maxAbs: number | null;
  readonly nonFinite: number;
  readonly mean: number | null;
}

/** The statistics of aggregation `name` from a result row, given the result's column names. */
export function statsOf(name: string, names: readonly string[], row: readonly Norm[]): AggStats | null {
  const at = (p: string) => row[names.indexOf(`__${p}_${name}`)];
  if (!names.includes(`__n_${name}`)) return null;
  const num = (v: Norm | undefined) => (v === null || v === undefined ? null : Number(v));
  return { n: num(at('n')) ?? 0, sumAbs: num(at('S')), maxAbs: num(at('M')), nonFinite: num(at('nf')) ?? 0, mean: num(at('mean')) };
}

const EPS = 2 ** -52;

/**
 * Whether colframe's value `got` of aggregation `a` agrees with DuckDB's `want` over a group with
 * statistics `st`: `'skip'` where the semantics do not settle the value (order-dependent float
 * overflow; std / var of a group holding NaN or ±Infinity, where DuckDB raises).
 */
export function aggAgrees(a: AggSpec, got: Norm, want: Norm, st: AggStats | null): boolean | 'skip' {
  const k = a.column.dtype.kind;
  const floaty = isFloat(k) || ['mean', 'std', 'var', 'median', 'quantile'].includes(a.fn);
  if (!floaty || st === null) return sameValue(got, want);
  if (a.fn === 'std' || a.fn === 'var') {
    if (st.n < 2) return sameValue(got, null);
    if (st.nonFinite > 0) return 'skip';
    if (want === null || got === null || typeof want === 'string') return sameValue(got, want);
    const b = Number(want);
    const m = st.mean ?? 0;
    const kappa = b > 0 ? Math.abs(m) / Math.sqrt(a.fn === 'var' ? b : b * b) + 1 : 1;
    const M = st.maxAbs ?? 0;
    const tol = a.fn === 'var' ? 64 * st.n * EPS * kappa * Math.abs(b) + 64 * st.n * (EPS * M) ** 2 : 64 * st.n * EPS * kappa * Math.abs(b) + 8 * Math.sqrt(st.n) * EPS * M;
    if (!Number.isFinite(b)) return sameValue(got, want);
    return closeValue(got, want, tol);
  }
  if (a.fn === 'sum' || a.fn === 'mean') {
    if (isInt(k)) return a.fn === 'sum' ? sameValue(got, want) : closeValue(got, want, 4 * EPS * Math.abs(Number(want ?? 0)));
    const S = st.sumAbs ?? 0;
    if (!Number.isFinite(S)) return 'skip';
    if (st.nonFinite > 0) return S * 2 >= Number.MAX_VALUE ? 'skip' : sameValue(got, want);
    const tol = a.fn === 'sum' ? 4 * st.n * EPS * S : 4 * EPS * S;
    return closeValue(got, want, tol);
  }
  // Interpolation rounds at least to the smallest subnormal (DuckDB's 5e-324·½ + 5e-324·½ is 0).
  if (a.fn === 'median' || a.fn === 'quantile') return closeValue(got, want, Math.max(8 * EPS * (st.maxAbs ?? 0), Number.MIN_VALUE));
  return sameValue(got, want);
}

/** Whether an integer sum leaves its dtype: int64, or uint64 for uint64 (colframe must raise then: difference 4). */
export function sumOverflows(a: AggSpec, want: Norm): boolean {
  if (a.fn !== 'sum' || !isInt(a.column.dtype.kind) || typeof want !== 'bigint') return false;
  return a.column.dtype.kind === 'uint64' ? want >= 2n ** 64n : want < -(2n ** 63n) || want >= 2n ** 63n;
}
