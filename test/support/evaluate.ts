/**
 * Evaluating many expression pairs over one frame: colframe evaluates each alone
 * (`df.select(expr)`, so one error does not hide the others), DuckDB evaluates all in one SELECT
 * (each alone only when that SELECT fails). Results compare row by row; a mismatch is shrunk to
 * fewer rows and reported with a reproduction.
 */
import { ColframeError, type DataFrame } from '../../src/index.js';
import type { Duck, DuckResult } from './duckdb.js';
import { dtypeCode, frameCode, frameOf, readFrame, selectSpec, type FrameSpec } from './frame-specs.js';
import { attempt, repro, shrinkRows, showError, type Findings } from './harness.js';
import { INSTANT_TEXT, SKIP, allParts, columnsOf, type Pair } from './pairs.js';
import { hasSpecialCasing, isoMillis, sameValue, showValue, type Norm } from './values.js';

/** What colframe gave for one pair. */
type Got = { readonly ok: true; readonly values: Norm[]; readonly dtype: string; readonly kind: string; readonly tz: string | null } | { readonly ok: false; readonly error: Error };

function evalColframe(df: DataFrame, p: Pair): Got {
  const r = attempt(() => {
    const out = df.select(p.e.alias('x'));
    const f = readFrame(out);
    return { values: f.rows.map((row) => row[0]!), dt: f.dtypes[0]! };
  });
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, values: r.value.values, dtype: String(r.value.dt), kind: r.value.dt.kind, tz: r.value.dt.timezone ?? null };
}

/** What DuckDB gave for one pair: values, and for strict casts whether each argument is non-null. */
type Want = { readonly ok: true; readonly values: Norm[]; readonly argNotNull: boolean[] | null } | { readonly ok: false; readonly error: string };

async function evalDuck(duck: Duck, table: string, pairs: readonly Pair[]): Promise<Want[]> {
  const cols = (p: Pair, i: number) => [`${p.sql} AS e${i}`, ...(p.strictArg === undefined ? [] : [`(${p.strictArg}) IS NOT NULL AS n${i}`])];
  const pick = (r: DuckResult, p: Pair, i: number): Want => {
    const at = r.names.indexOf(`e${i}`);
    const n = r.names.indexOf(`n${i}`);
    return { ok: true, values: r.rows.map((row) => row[at]!), argNotNull: p.strictArg === undefined ? null : r.rows.map((row) => row[n] === true) };
  };
  if (pairs.length === 0) return [];
  const all = await duck.tryQuery(`SELECT ${pairs.flatMap(cols).join(', ')} FROM ${table} ORDER BY __row`);
  if (!('error' in all)) return pairs.map((p, i) => pick(all, p, i));
  const out: Want[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const r = await duck.tryQuery(`SELECT ${cols(pairs[i]!, i).join(', ')} FROM ${table} ORDER BY __row`);
    out.push('error' in r ? { ok: false, error: r.error } : pick(r, pairs[i]!, i));
  }
  return out;
}

function rowsText(values: readonly Norm[]): string {
  return `[${values.map(showValue).join(', ')}]`;
}

function matches(p: Pair, got: Norm, want: Norm): boolean {
  if (want === SKIP) return true;
  if (typeof want === 'string' && want.startsWith(INSTANT_TEXT)) return typeof got === 'string' && isoMillis(got) === BigInt(want.slice(INSTANT_TEXT.length));
  const mode = p.mode ?? { kind: 'exact' };
  if (mode.kind === 'exact') return sameValue(got, want);
  if (got === null || want === null) return got === want;
  if (typeof got !== 'string') return false;
  if (mode.kind === 'text-number') {
    const special: Record<string, number> = { inf: Infinity, '-inf': -Infinity, nan: NaN, Infinity, '-Infinity': -Infinity, NaN };
    const x = got in special ? special[got]! : Number(got.trim() === '' ? 'x' : got);
    return sameValue(mode.float32 ? Math.fround(x) : x, mode.float32 ? Math.fround(Number(want)) : want);
  }
  if (mode.kind === 'case') {
    // Difference 7: where colframe's full Unicode case mapping differs from DuckDB's, it must be JavaScript's.
    const [duck, input] = JSON.parse(want as string) as [string, string];
    return got === duck || (got === (mode.fn === 'upper' ? input.toUpperCase() : input.toLowerCase()) && hasSpecialCasing(input));
  }
  const ms = isoMillis(got);
  return typeof want === 'object' && 'micros' in want && ms !== null && ms * 1000n === want.micros;
}

/** The verdict for one pair: null when colframe agrees, else a one-line title and a signature. */
function judge(p: Pair, got: Got, want: Want): { title: string; signature: string } | null {
  if (!want.ok) return { title: `DuckDB failed: ${want.error}`, signature: `duckdb error` };
  const bad = want.argNotNull === null ? -1 : want.values.findIndex((v, i) => v === null && want.argNotNull![i]);
  if (bad >= 0) {
    if (got.ok) return { title: `strict cast gives a value where DuckDB's CAST fails (row ${bad})`, signature: 'strict cast did not throw' };
    if (!(got.error instanceof ColframeError)) return { title: `strict cast throws an untyped ${showError(got.error)}`, signature: 'untyped error' };
    const named = /\brow (\d+)\b/.exec(got.error.message);
    if (named === null) return { title: `strict cast error names no row (DuckDB's CAST fails at row ${bad}): ${showError(got.error)}`, signature: 'error names no row' };
    const r = Number(named[1]);
    if (!(want.values[r] === null && want.argNotNull![r])) {
      return { title: `strict cast fails at row ${r}, which DuckDB converts to ${showValue(want.values[r] ?? null)}: ${showError(got.error)}`, signature: 'throws on a row DuckDB converts' };
    }
    return null;
  }
  const range = p.range;
  if (range !== undefined && want.values.some((v) => typeof v === 'bigint' && (v < range[0] || v > range[1]))) {
    // Difference 4: a result beyond its 64-bit dtype raises where DuckDB widens to HUGEINT.
    if (!got.ok && got.error instanceof ColframeError) return null;
    return { title: `a value beyond ${range[0]} … ${range[1]} must raise, got ${got.ok ? rowsText(got.values) : showError(got.error)}`, signature: 'beyond 64 bits: no error' };
  }
  if (!got.ok) return { title: `colframe throws ${showError(got.error)}`, signature: `throws ${got.error.constructor.name}` };
  if (p.dt !== null && (got.kind !== p.dt.kind || (p.dt.kind === 'timestamp' && got.tz !== (p.dt.timezone ?? null)))) {
    return { title: `dtype ${got.dtype}, expected ${dtypeCode(p.dt).replace(/^nullable\((.*)\)$/, '$1')}`, signature: `dtype ${got.kind} for ${p.dt.kind}` };
  }
  if (got.values.length !== want.values.length) return { title: `${got.values.length} rows, expected ${want.values.length}`, signature: 'row count' };
  for (let i = 0; i < got.values.length; i++) {
    if (!matches(p, got.values[i]!, want.values[i]!)) return { title: `row ${i}: ${showValue(got.values[i]!)}, expected ${showValue(want.values[i]!)}`, signature: 'value' };
  }
  return null;
}

function shown(got: Got): string {
  return got.ok ? `${rowsText(got.values)} (${got.dtype})` : showError(got.error);
}
function shownWant(want: Want): string {
  return want.ok ? rowsText(want.values) : `error: ${want.error}`;
}

/** An error's message with numbers and quoted names blanked, so one cause gives one signature. */
export function errorShape(e: Error): string {
  return `${e.constructor.name}: ${e.message.split('\n')[0]!.replace(/"[^"]*"/g, '"…"').replace(/-?\d[\d.e+-]*n?/g, '#').slice(0, 90)}`;
}

function signatureOf(label: string, got: Got, v: { signature: string }): string {
  return !got.ok && v.signature.startsWith('throws') ? `${errorShape(got.error)}` : `${label}: ${v.signature}`;
}

/**
 * Evaluate `pairs` over `spec` on both sides and record every disagreement in `findings`. A pair
 * that disagrees is narrowed to its smallest disagreeing part (`Pair.parts`), which names the
 * signature (`label` plus the kind of disagreement; a colframe error by its message's shape); the
 * first of each signature is shrunk to the columns it reads and fewer rows.
 */
export async function checkPairs(
  duck: Duck,
  findings: Findings,
  caseIndex: number,
  spec: FrameSpec,
  pairs: readonly Pair[],
  label: (p: Pair) => string,
): Promise<void> {
  const df = frameOf(spec);
  await duck.load('t', df);
  const wants = await evalDuck(duck, 't', pairs);
  for (let i = 0; i < pairs.length; i++) {
    let p = pairs[i]!;
    let got = evalColframe(df, p);
    let want = wants[i]!;
    let v = judge(p, got, want);
    if (v === null) continue;
    const parts = allParts(p).filter((x) => x !== p);
    if (parts.length > 0) {
      const partWants = await evalDuck(duck, 't', parts);
      for (let k = 0; k < parts.length; k++) {
        const g = evalColframe(df, parts[k]!);
        const pv = judge(parts[k]!, g, partWants[k]!);
        if (pv !== null && parts[k]!.code.length < p.code.length) [p, got, want, v] = [parts[k]!, g, partWants[k]!, pv];
      }
    }
    const target = p;
    const signature = signatureOf(label(target), got, v);
    let small = spec;
    let detail: { got: Got; want: Want; title: string } = { got, want, title: v.title };
    if (findings.isNew(signature)) {
      const stillFails = async (s: FrameSpec): Promise<boolean> => {
        const d = frameOf(s);
        await duck.load('t_small', d);
        const [w] = await evalDuck(duck, 't_small', [target]);
        const g = evalColframe(d, target);
        const again = judge(target, g, w!);
        if (again === null || signatureOf(label(target), g, again) !== signature) return false;
        detail = { got: g, want: w!, title: again.title };
        return true;
      };
      const used = selectSpec(spec, columnsOf(target));
      if (used.columns.length < spec.columns.length && (await stillFails(used))) small = used;
      small = await shrinkRows(small, stillFails);
      await stillFails(small);
    }
    findings.add(caseIndex, signature, {
      title: `${target.code}: ${detail.title}`,
      detail: repro({
        frame: frameCode(small),
        call: `df.select(${target.code}.alias("x"))`,
        sql: `SELECT ${target.sql} FROM df`,
        got: shown(detail.got),
        want: shownWant(detail.want),
      }),
    });
  }
}
