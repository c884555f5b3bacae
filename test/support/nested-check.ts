/**
 * Checking expressions over frames of the newer kinds (lists, structs, decimals, instants of every
 * unit) against DuckDB: each case is a colframe expression and the SQL of the value colframe's
 * decided semantics say it must give; both sides are read as canonical values and compared row by
 * row. An error on one side must be an error on the other (DuckDB's overflow errors against
 * colframe's typed errors), unless the case says colframe alone raises.
 */
import { ColframeError, type DataFrame, type Expr } from '../../src/index.js';
import type { ArrowColumnSpec } from './arrow-frames.js';
import { columnsCode, duckType, normColumn } from './duckdb-nested.js';
import type { Duck } from './duckdb.js';
import { attempt, repro, showError, type Findings } from './harness.js';
import { closeValue, sameValue, showValue, type Norm } from './values.js';

/** One expression built for both sides. */
export interface NestedCase {
  /** A short label grouping mismatches. */
  readonly label: string;
  /** The colframe expression. */
  readonly e: Expr;
  /** The SQL of the value colframe must give (read against the loaded table `t`). */
  readonly sql: string;
  /** Floats within this relative tolerance count as equal (default: exact). */
  readonly tolerance?: number;
  /** Where colframe must raise although DuckDB gives values (a bound colframe keeps): the predicate over DuckDB's values. */
  readonly raisesWhen?: (values: readonly Norm[]) => boolean;
  /** SQL whose DuckDB type (`typeof`) colframe's result dtype must be (spaces ignored). */
  readonly typeOf?: string;
  /** Whether colframe's type (as DuckDB spells it) agrees with DuckDB's (default: equal). */
  readonly sameType?: (mine: string, duck: string) => boolean;
  /** DuckDB may raise where colframe gives the exact answer (a limit of DuckDB's, named in the case): such a frame is not compared. */
  readonly duckMayRaise?: RegExp;
}

function close(a: Norm, b: Norm, tol: number | undefined): boolean {
  if (tol === undefined) return sameValue(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => close(x, b[i]!, tol));
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) return closeValue(a, b, tol * Math.max(1, Math.abs(a), Math.abs(b)));
  return sameValue(a, b);
}

/** Evaluate `cases` over the frame built from `columns` (loaded into DuckDB as `t`), recording disagreements. */
export async function checkCases(duck: Duck, findings: Findings, caseIndex: number, columns: Readonly<Record<string, ArrowColumnSpec>>, df: DataFrame, cases: readonly NestedCase[]): Promise<void> {
  for (const c of cases) {
    const result = attempt(() => df.select(c.e.alias('x')).getColumn('x'));
    const got = result.ok ? attempt(() => normColumn(result.value)) : result;
    if (c.typeOf !== undefined && result.ok) {
      const t = await duck.tryQuery(`SELECT typeof(${c.typeOf}) FROM t LIMIT 1`);
      const want = 'error' in t || t.rows.length === 0 ? null : String(t.rows[0]![0]).replaceAll(' ', '');
      const mine = duckType(result.value.dtype).replaceAll(' ', '');
      if (want !== null && !(c.sameType ?? ((a: string, b: string) => a === b))(mine, want)) {
        findings.add(caseIndex, `${c.label}: type`, { title: `${String(c.e)}: dtype ${String(result.value.dtype)}, DuckDB's type ${want}`, detail: repro({ frame: columnsCode(columns), call: `df.select(${String(c.e)})`, sql: `SELECT typeof(${c.typeOf}) FROM t`, got: mine, want }) });
      }
    }
    const want = await duck.tryQuery(`SELECT ${c.sql} AS x FROM t ORDER BY __row`);
    const wantValues = 'error' in want ? null : want.rows.map((r) => r[0]!);
    let title: string | null = null;
    if (wantValues === null) {
      if (c.duckMayRaise?.test((want as { error: string }).error) === true) continue;
      if (got.ok || !(got.error instanceof ColframeError)) title = `DuckDB raises (${(want as { error: string }).error}) but colframe ${got.ok ? 'gives values' : `throws an untyped ${showError(got.error)}`}`;
    } else if (c.raisesWhen?.(wantValues)) {
      if (got.ok || !(got.error instanceof ColframeError)) title = `colframe must raise a typed error here, got ${got.ok ? 'values' : showError(got.error)}`;
    } else if (!got.ok) title = `colframe throws ${showError(got.error)}`;
    else if (got.value.length !== wantValues.length) title = `${got.value.length} rows, expected ${wantValues.length}`;
    else {
      const i = got.value.findIndex((v, k) => !close(v, wantValues[k]!, c.tolerance));
      if (i >= 0) title = `row ${i}: ${showValue(got.value[i]!)}, expected ${showValue(wantValues[i]!)}`;
    }
    if (title === null) continue;
    findings.add(caseIndex, `${c.label}: ${title.replace(/row \d+: .*/, 'value').replace(/\(.*\)/, '(…)')}`, {
      title: `${String(c.e)}: ${title}`,
      detail: repro({
        frame: columnsCode(columns),
        call: `df.select(${String(c.e)}.alias("x"))`,
        sql: `SELECT ${c.sql} FROM t`,
        got: got.ok ? `[${got.value.map(showValue).join(', ')}]` : showError(got.error),
        want: wantValues === null ? `error: ${(want as { error: string }).error}` : `[${wantValues.map(showValue).join(', ')}]`,
      }),
    });
  }
}

/** Compare two result tables as sorted multisets of rows (for group orders DuckDB leaves open). */
export function sortedRows(rows: readonly (readonly Norm[])[]): string[] {
  return rows.map((r) => r.map(showValue).join(' | ')).sort();
}
