/**
 * Checking a verb that returns a frame against a DuckDB query over the same data: rows compare in
 * order or as multisets (for verbs whose row order is colframe's own: difference 5), values with
 * `sameValue` or a custom comparison, column names as expected; the first mismatch of each kind is
 * shrunk to fewer rows and reported with a reproduction.
 */
import type { DataFrame } from '../../src/index.js';
import type { Duck } from './duckdb.js';
import { errorShape } from './evaluate.js';
import { frameCode, frameOf, readFrame, type FrameSpec } from './frame-specs.js';
import { attempt, repro, shrinkRows, showError, type Findings } from './harness.js';
import { sameValue, showRow, valueKey, type Norm } from './values.js';

/** One verb call to check. */
export interface FrameCheck {
  /** The verb applied to the frame of the spec. */
  readonly run: (df: DataFrame) => DataFrame;
  /** Its code, e.g. `df.unique({ keep: 'last' })`. */
  readonly code: string;
  /** DuckDB SQL over table `t` (the spec, with `__row` unless the spec has it). */
  readonly sql: string;
  /** Rows in order, or as multisets. */
  readonly order: 'exact' | 'multiset';
  /** A label for grouping mismatches. */
  readonly label: string;
  /** Compare one value (default `sameValue`); `'skip'` leaves it out. */
  readonly same?: (got: Norm, want: Norm, column: number, wantRow: readonly Norm[], names: readonly string[]) => boolean | 'skip';
  /** The number of leading DuckDB columns that are the result (the rest are statistics for `same`). */
  readonly width?: number;
  /** Extra checks on colframe's result (a message when wrong). */
  readonly extra?: (got: DataFrame) => string | null;
}

type Verdict = { ok: true } | { ok: false; signature: string; title: string; got: string; want: string };

const rowKey = (row: readonly Norm[]) => row.map(valueKey).join('|');

async function judge(duck: Duck, spec: FrameSpec, c: FrameCheck): Promise<Verdict> {
  await duck.load('t', frameOf(spec));
  const want = await duck.tryQuery(c.sql);
  if ('error' in want) return { ok: false, signature: `${c.label}: DuckDB error`, title: `DuckDB failed: ${want.error}`, got: '', want: want.error };
  const width = c.width ?? want.names.length;
  const wantNames = want.names.slice(0, width);
  let wantRows = want.rows;
  const r = attempt(() => {
    const out = c.run(frameOf(spec));
    return { out, rows: readFrame(out) };
  });
  const wantText = () => wantRows.map((row) => showRow(row.slice(0, width))).join('\n') || '(no rows)';
  if (!r.ok) return { ok: false, signature: errorShape(r.error), title: `${c.code} throws ${showError(r.error)}`, got: showError(r.error), want: wantText() };
  const got = r.value.rows;
  let gotRows = got.rows;
  const gotText = () => gotRows.map(showRow).join('\n') || '(no rows)';
  if (got.names.join() !== wantNames.join()) {
    return { ok: false, signature: `${c.label}: columns`, title: `columns [${got.names.join(', ')}], expected [${wantNames.join(', ')}]`, got: got.names.join(', '), want: wantNames.join(', ') };
  }
  const extra = c.extra?.(r.value.out) ?? null;
  if (extra !== null) return { ok: false, signature: `${c.label}: ${extra.replace(/\d+/g, '#')}`, title: `${c.code}: ${extra}`, got: gotText(), want: wantText() };
  if (c.order === 'multiset') {
    gotRows = [...gotRows].sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : 1));
    wantRows = [...wantRows].sort((a, b) => (rowKey(a.slice(0, width)) < rowKey(b.slice(0, width)) ? -1 : 1));
  }
  const same = c.same ?? ((g: Norm, w: Norm) => sameValue(g, w));
  if (gotRows.length !== wantRows.length) return { ok: false, signature: `${c.label}: row count`, title: `${c.code}: ${gotRows.length} rows, DuckDB ${wantRows.length}`, got: gotText(), want: wantText() };
  for (let i = 0; i < gotRows.length; i++) {
    for (let j = 0; j < width; j++) {
      if (same(gotRows[i]![j]!, wantRows[i]![j]!, j, wantRows[i]!, want.names) === false) {
        return { ok: false, signature: `${c.label}: values of ${got.dtypes[j]!.kind}`, title: `${c.code}: row ${i}, column "${got.names[j]}" differs`, got: gotText(), want: wantText() };
      }
    }
  }
  return { ok: true };
}

/** Check one verb call over `spec`, recording a mismatch (shrunk when it is the first of its kind). */
export async function checkFrame(duck: Duck, findings: Findings, caseIndex: number, spec: FrameSpec, c: FrameCheck, shrinkable = true): Promise<void> {
  const v = await judge(duck, spec, c);
  if (v.ok) return;
  let small = spec;
  let shown = v;
  if (shrinkable && findings.isNew(v.signature)) {
    small = await shrinkRows(spec, async (s) => {
      const again = await judge(duck, s, c);
      if (again.ok || again.signature !== v.signature) return false;
      shown = again;
      return true;
    });
  }
  findings.add(caseIndex, v.signature, {
    title: shown.title,
    detail: repro({ frame: frameCode(small), call: c.code, sql: c.sql.replaceAll(' t ', ' df ').replace(/ t$/, ' df'), got: shown.got, want: shown.want }),
  });
}
