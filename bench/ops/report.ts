/**
 * The operations benchmark's report: what each child printed, the cross-tool agreement of the
 * results, the targets, and the markdown tables.
 */
import { fmt, fmtInt, markdownTable, median } from '../lib/measure.js';

/** The tools, in report order. */
export const OPS_TOOL_IDS = ['colframe', 'polars', 'duckdb', 'arquero'] as const;
export type OpsToolId = (typeof OPS_TOOL_IDS)[number];

/** How colframe's time must compare with polars' and DuckDB's (faster than arquero always applies). */
type PeerTarget = { readonly factor: number } | null;

export interface OpSpec {
  readonly id: string;
  readonly label: string;
  /** colframe ≤ factor × min(polars, duckdb), or no such target. */
  readonly peerTarget: PeerTarget;
}

/** The operations, in order (the same ids as OP_IDS in bench/ops/harness.mjs). */
export const OPS: readonly OpSpec[] = [
  { id: 'filter', label: "filter amount > 500 and category == 'grocery'", peerTarget: { factor: 1 } },
  { id: 'group_category', label: 'groupBy category → sum, mean, count (12 groups)', peerTarget: { factor: 1 } },
  { id: 'group_city', label: 'groupBy city → sum (2,000 groups)', peerTarget: { factor: 1 } },
  { id: 'group_user', label: 'groupBy user_id → sum (100k groups)', peerTarget: null },
  { id: 'sort_amount', label: 'sort amount desc (whole frame)', peerTarget: { factor: 1.5 } },
  { id: 'sort_cat_amount', label: 'sort category asc, amount desc', peerTarget: { factor: 1.5 } },
  { id: 'join', label: 'inner join users (100k) on user_id', peerTarget: { factor: 1.5 } },
  { id: 'describe', label: 'describe()', peerTarget: null },
];
export const OP_IDS: readonly string[] = OPS.map((o) => o.id);

/** A result summary, as the child's `check` built it (keys starting with `_` are shown, not compared). */
export type Fingerprint = { readonly [key: string]: unknown };

/** One operation's outcome in one tool. */
export type OpOutcome =
  | { readonly ms: number; readonly all: readonly number[]; readonly check: Fingerprint }
  | { readonly skipped: string }
  | { readonly error: string };

/** What one child printed on its `@ops` line. */
export interface ToolRun {
  readonly tool: OpsToolId;
  readonly version: string;
  readonly load: { readonly ms: number; readonly rows: number; readonly users: number; readonly [extra: string]: unknown };
  readonly ops: Readonly<Record<string, OpOutcome>>;
  readonly maxRssMiB: number;
}

/** A tool's whole run: its output, or why there is none. */
export type ToolResult = { readonly ok: true; readonly run: ToolRun } | { readonly ok: false; readonly tool: OpsToolId; readonly error: string };

const timed = (o: OpOutcome | undefined): o is Extract<OpOutcome, { ms: number }> => o !== undefined && 'ms' in o;

/** The outcome of `op` in `tool`, if the tool ran. */
function outcome(results: readonly ToolResult[], tool: OpsToolId, op: string): OpOutcome | undefined {
  const r = results.find((x) => (x.ok ? x.run.tool : x.tool) === tool);
  return r?.ok === true ? r.run.ops[op] : undefined;
}

/** Median ms of `op` in `tool`, or undefined. */
function msOf(results: readonly ToolResult[], tool: OpsToolId, op: string): number | undefined {
  const o = outcome(results, tool, op);
  return timed(o) ? o.ms : undefined;
}

// ---------------------------------------------------------------- agreement

/** Relative tolerance for sums and means (different summation orders differ in the last bits). */
const REL_TOL = 1e-6;

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  const d = Math.abs(a - b);
  return d <= 1e-9 || d <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : JSON.stringify(v));

/** Differences between two fingerprints (at the top level only keys both have are compared). */
function differences(a: unknown, b: unknown, path: string, out: string[], names: readonly [string, string], top = false): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!close(a, b)) out.push(`${path}: ${show(a)} (${names[0]}) vs ${show(b)} (${names[1]})`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} entries (${names[0]}) vs ${b.length} (${names[1]})`);
    else a.forEach((x, i) => differences(x, b[i], `${path}[${i}]`, out, names));
  } else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = Object.keys(ra).filter((k) => !k.startsWith('_'));
    for (const k of keys) {
      const p = path === '' ? k : `${path}.${k}`;
      if (k in rb) differences(ra[k], rb[k], p, out, names);
      else if (!top) out.push(`${p}: only in ${names[0]}`);
    }
    if (!top) for (const k of Object.keys(rb)) if (!k.startsWith('_') && !(k in ra)) out.push(`${path === '' ? k : `${path}.${k}`}: only in ${names[1]}`);
  } else if (a !== b) {
    out.push(`${path}: ${show(a)} (${names[0]}) vs ${show(b)} (${names[1]})`);
  }
}

/** One tool's result that does not match the reference's. */
export interface Disagreement {
  readonly op: string;
  readonly tool: OpsToolId;
  readonly reference: OpsToolId;
  readonly details: readonly string[];
}

/**
 * Compare every tool's result summary of every operation with the reference tool's (colframe's
 * when it has one, else the first tool that has), and flag a result a tool judged wrong itself
 * (a sort whose output is not in order).
 */
export function disagreements(results: readonly ToolResult[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const op of OP_IDS) {
    const checks = OPS_TOOL_IDS.flatMap((t) => {
      const o = outcome(results, t, op);
      return timed(o) ? [{ tool: t, check: o.check }] : [];
    });
    for (const c of checks) {
      if (c.check['sorted'] === false) out.push({ op, tool: c.tool, reference: c.tool, details: ['the result is not in the requested order'] });
    }
    const ref = checks[0];
    if (ref === undefined) continue;
    for (const c of checks.slice(1)) {
      const details: string[] = [];
      differences(ref.check, c.check, '', details, [ref.tool, c.tool], true);
      if (details.length > 0) out.push({ op, tool: c.tool, reference: ref.tool, details });
    }
  }
  return out;
}

// ---------------------------------------------------------------- targets

/** A target's verdict. */
export interface Verdict {
  readonly op: string;
  readonly target: string;
  /** `PASS`, `FAIL` or `n/a (…)`. */
  readonly verdict: string;
  readonly detail: string;
}

/** The targets of one operation. */
export function verdicts(results: readonly ToolResult[], spec: OpSpec): Verdict[] {
  const cf = msOf(results, 'colframe', spec.id);
  const cfOutcome = outcome(results, 'colframe', spec.id);
  const missing = cfOutcome !== undefined && 'skipped' in cfOutcome ? 'n/a (colframe: not available)' : 'n/a (colframe did not run it)';
  const out: Verdict[] = [];
  const aq = msOf(results, 'arquero', spec.id);
  out.push({
    op: spec.id,
    target: 'faster than arquero',
    verdict: cf === undefined ? missing : aq === undefined ? 'n/a (no arquero time)' : cf < aq ? 'PASS' : 'FAIL',
    detail: cf !== undefined && aq !== undefined ? `arquero / colframe = ${ratio(aq, cf)}` : '',
  });
  if (spec.peerTarget !== null) {
    const peers = (['polars', 'duckdb'] as const).flatMap((t) => {
      const ms = msOf(results, t, spec.id);
      return ms === undefined ? [] : [{ t, ms }];
    });
    const best = peers.length === 0 ? undefined : peers.reduce((a, b) => (b.ms < a.ms ? b : a));
    const f = spec.peerTarget.factor;
    const target = f === 1 ? '≤ min(polars, duckdb)' : `≤ ${f} × min(polars, duckdb)`;
    out.push({
      op: spec.id,
      target,
      verdict:
        cf === undefined ? missing : best === undefined ? 'n/a (no polars or duckdb time)' : peers.length < 2 ? (cf <= f * best.ms ? 'PASS (one peer only)' : 'FAIL (one peer only)') : cf <= f * best.ms ? 'PASS' : 'FAIL',
      detail: cf !== undefined && best !== undefined ? `colframe / ${best.t} = ${ratio(cf, best.ms)}` : '',
    });
  }
  return out;
}

// ---------------------------------------------------------------- tables

const ms = (v: number | undefined): string => (v === undefined ? '—' : v >= 100 ? fmt(v, 0) : fmt(v, 1));
function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b === 0) return '—';
  return `${a / b >= 10 ? fmt(a / b, 1) : fmt(a / b, 2)}×`;
}

/** The result size shown for an operation: rows or groups of the reference result, or a describe's shape. */
function resultSize(results: readonly ToolResult[], op: string): string {
  for (const t of OPS_TOOL_IDS) {
    const o = outcome(results, t, op);
    if (!timed(o)) continue;
    const c = o.check;
    if (typeof c['groups'] === 'number') return `${fmtInt(c['groups'])} groups`;
    if (typeof c['rows'] === 'number') return `${fmtInt(c['rows'])} rows`;
    if (typeof c['_shape'] === 'string') return `${c['_shape']} (${t})`;
  }
  return '—';
}

/** A cell for a tool's time: its median, or why there is none. */
function cell(results: readonly ToolResult[], tool: OpsToolId, op: string): string {
  const o = outcome(results, tool, op);
  if (o === undefined) return '—';
  if ('ms' in o) return ms(o.ms);
  if ('skipped' in o) return 'not available';
  return 'error';
}

/** The main table: per operation the median ms of each tool, ratios and the targets' verdicts. */
export function opsTable(results: readonly ToolResult[], ops: readonly string[] = OP_IDS): string {
  const rows = OPS.filter((o) => ops.includes(o.id)).map((spec) => {
    const cf = msOf(results, 'colframe', spec.id);
    const v = verdicts(results, spec);
    const verdictText = v.map((x) => (x.verdict === 'PASS' ? 'PASS' : x.verdict.startsWith('FAIL') ? `**${x.verdict}**` : x.verdict)).join(' / ');
    return [
      spec.label,
      resultSize(results, spec.id),
      cell(results, 'colframe', spec.id),
      cell(results, 'polars', spec.id),
      cell(results, 'duckdb', spec.id),
      cell(results, 'arquero', spec.id),
      ratio(cf, msOf(results, 'polars', spec.id)),
      ratio(cf, msOf(results, 'duckdb', spec.id)),
      ratio(msOf(results, 'arquero', spec.id), cf),
      v.map((x) => x.target).join(' / '),
      verdictText,
    ];
  });
  return markdownTable(
    ['operation', 'result', 'colframe ms', 'polars ms', 'duckdb ms', 'arquero ms', 'colframe / polars', 'colframe / duckdb', 'arquero / colframe', 'target', 'check'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
  );
}

/** min–max of the timed runs, per operation and tool. */
export function spreadTable(results: readonly ToolResult[], ops: readonly string[] = OP_IDS): string {
  const rows = OPS.filter((o) => ops.includes(o.id)).map((spec) => [
    spec.id,
    ...OPS_TOOL_IDS.map((t) => {
      const o = outcome(results, t, spec.id);
      return timed(o) ? `${ms(Math.min(...o.all))}–${ms(Math.max(...o.all))}` : '—';
    }),
  ]);
  return markdownTable(['operation', ...OPS_TOOL_IDS], rows);
}

/** Load time, rows and peak RSS of each tool's process. */
export function toolsTable(results: readonly ToolResult[]): string {
  const rows = results.map((r) =>
    r.ok
      ? [r.run.tool, r.run.version, fmtInt(r.run.load.rows), fmtInt(r.run.load.users), `${fmt(r.run.load.ms / 1000, 2)} s`, `${fmtInt(r.run.maxRssMiB)} MiB`]
      : [r.tool, '', '', '', '', `FAILED: ${r.error.split('\n')[0]!}`],
  );
  return markdownTable(['tool', 'version', 'rows', 'users', 'load (not in the op times)', 'peak RSS of the process'], rows);
}

/**
 * One tool's runs from several rounds (separate processes) as one: every operation's timed runs
 * pooled (the median is taken over all of them), the last round's result summaries, the largest
 * peak RSS and the median load time. A round that failed makes the whole tool failed; an
 * operation that errored in any round is an error.
 */
export function mergeRounds(tool: OpsToolId, rounds: readonly ToolResult[]): ToolResult {
  const failed = rounds.find((r) => !r.ok);
  if (failed !== undefined) return failed;
  const runs = rounds.flatMap((r) => (r.ok ? [r.run] : []));
  const last = runs[runs.length - 1];
  if (last === undefined) return { ok: false, tool, error: 'no rounds ran' };
  const ops: Record<string, OpOutcome> = {};
  for (const id of Object.keys(last.ops)) {
    const outcomes = runs.map((r) => r.ops[id]);
    const error = outcomes.find((o) => o !== undefined && 'error' in o);
    if (error !== undefined) {
      ops[id] = error;
      continue;
    }
    const lastOutcome = last.ops[id]!;
    if (!timed(lastOutcome)) {
      ops[id] = lastOutcome;
      continue;
    }
    const all = outcomes.flatMap((o) => (timed(o) ? o.all : []));
    ops[id] = { ms: median(all), all, check: lastOutcome.check };
  }
  return {
    ok: true,
    run: { ...last, ops, maxRssMiB: Math.max(...runs.map((r) => r.maxRssMiB)), load: { ...last.load, ms: median(runs.map((r) => r.load.ms)) } },
  };
}
