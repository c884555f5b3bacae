/**
 * Summaries, checksum verdicts and the markdown tables of the CSV load benchmark.
 */
import { fmt, fmtInt, markdownTable, median } from '../lib/measure.js';
import type { Measurement } from './run.js';
import type { Tool, ToolId } from './tools.js';

/** A file the benchmark loads, with what every tool must read back. */
export interface BenchFile {
  /** Short name used in the report, e.g. `synthetic 1M`. */
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
  /** Expected sum of each checked column. */
  readonly sums: Readonly<Record<string, number>>;
  readonly tools: readonly ToolId[];
  readonly runs: number;
}

/** One tool's runs on one file, summarised. */
export type CaseSummary =
  | {
      readonly tool: Tool;
      readonly ok: true;
      /** Median load wall time (inside the process, around the load only), ms. */
      readonly loadMs: number;
      readonly loadMin: number;
      readonly loadMax: number;
      /** Median peak RSS, bytes. */
      readonly peakRss: number;
      /** Median whole-process wall time, ms. */
      readonly processMs: number;
      /** Rows the tool returned (of the first run whose checksum is wrong, else of the last run). */
      readonly rows: number;
      /** `undefined` when every run read every row and every sum matches; else what differs. */
      readonly mismatch: string | undefined;
    }
  | { readonly tool: Tool; readonly ok: false; readonly error: string };

/** What is wrong with a run's checksum, or `undefined` when rows and sums match. */
export function checksumMismatch(file: BenchFile, rows: number, sums: Readonly<Record<string, number>>): string | undefined {
  const problems: string[] = [];
  if (rows !== file.rows) {
    const d = rows - file.rows;
    problems.push(`ROW COUNT MISMATCH: read ${fmtInt(rows)} of ${fmtInt(file.rows)} rows (${d > 0 ? '+' : '−'}${fmtInt(Math.abs(d))})`);
  }
  for (const [col, want] of Object.entries(file.sums)) {
    const got = sums[col];
    // Float sums may differ in the last bits with the summation order; a lost value does not.
    const tol = 0.01 + 1e-10 * Math.abs(want);
    if (got === undefined || !Number.isFinite(got) || Math.abs(got - want) > tol) {
      problems.push(`SUM MISMATCH: sum(${col}) = ${got === undefined ? 'missing' : fmt(got, 2)}, expected ${fmt(want, 2)}`);
    }
  }
  return problems.length === 0 ? undefined : problems.join('; ');
}

/** Summarise one tool's measurements on one file. */
export function summarise(file: BenchFile, tool: Tool, runs: readonly Measurement[]): CaseSummary {
  const ok = runs.flatMap((m) => (m.ok ? [m] : []));
  const failed = runs.find((m) => !m.ok);
  if (failed !== undefined && !failed.ok) return { tool, ok: false, error: failed.error };
  let mismatch: string | undefined;
  let rows = ok[ok.length - 1]!.result.rows;
  for (const m of ok) {
    mismatch = checksumMismatch(file, m.result.rows, m.result.sums);
    if (mismatch !== undefined) {
      rows = m.result.rows;
      break;
    }
  }
  const loads = ok.map((m) => m.result.loadMs);
  return {
    tool,
    ok: true,
    loadMs: median(loads),
    loadMin: Math.min(...loads),
    loadMax: Math.max(...loads),
    peakRss: median(ok.map((m) => m.peakRss)),
    processMs: median(ok.map((m) => m.processMs)),
    rows,
    mismatch,
  };
}

const secs = (ms: number): string => `${fmt(ms / 1000, 2)} s`;
const mib = (bytes: number): string => `${fmtInt(bytes / 1048576)} MiB`;
const ratio = (x: number): string => `${fmt(x, 2)}×`;

/** The per-file table: one row per tool. */
export function fileTable(file: BenchFile, cases: readonly CaseSummary[]): string {
  const polars = cases.find((c) => c.tool.id === 'polars');
  const ref = polars?.ok === true ? polars : undefined;
  const rows = cases.map((c) => {
    if (!c.ok) return [c.tool.label, 'FAILED', '', '', '', '', '', '', 'see failures below'];
    return [
      c.tool.label,
      secs(c.loadMs),
      `${fmt(c.loadMin / 1000, 2)}–${fmt(c.loadMax / 1000, 2)}`,
      mib(c.peakRss),
      ref === undefined ? '' : ratio(c.loadMs / ref.loadMs),
      ref === undefined ? '' : ratio(c.peakRss / ref.peakRss),
      secs(c.processMs),
      fmtInt(c.rows),
      c.mismatch === undefined ? 'ok' : `**WRONG: ${c.rows === file.rows ? 'sums differ' : `${c.rows > file.rows ? '+' : '−'}${fmtInt(Math.abs(c.rows - file.rows))} rows`}** (below)`,
    ];
  });
  const head = `### ${file.name}: \`${file.path}\` (${fmtInt(file.rows)} rows, ${fmt(file.bytes / 1e6, 1)} MB, ${file.runs} run${file.runs === 1 ? '' : 's'} per tool)`;
  const table = markdownTable(
    ['tool', 'load wall (median)', 'min–max s', 'peak RSS (median)', 'wall / polars', 'RSS / polars', 'process wall', 'rows read', 'checksum'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  return `${head}\n\n${table}`;
}

/** One line of the checks table. */
export interface Check {
  readonly file: string;
  readonly what: string;
  readonly target: string;
  readonly measured: string;
  /** `true` pass, `false` fail, a string: not measurable, and why. */
  readonly pass: boolean | string;
}

export function checksTable(checks: readonly Check[]): string {
  return markdownTable(
    ['file', 'check', 'target', 'measured', 'result'],
    checks.map((c) => [c.file, c.what, c.target, c.measured, c.pass === true ? 'PASS' : c.pass === false ? '**FAIL**' : `n/a (${c.pass})`]),
    ['left', 'left', 'right', 'right', 'left'],
  );
}

const okCase = (cases: readonly CaseSummary[], id: ToolId): Extract<CaseSummary, { ok: true }> | undefined => {
  const c = cases.find((x) => x.tool.id === id);
  return c?.ok === true ? c : undefined;
};

/** Why a case is unusable for a check (missing, failed, wrong checksum), or `undefined`. */
function unusable(cases: readonly CaseSummary[], id: ToolId): string | undefined {
  const c = cases.find((x) => x.tool.id === id);
  if (c === undefined) return `${id} not run`;
  if (!c.ok) return `${id} failed`;
  if (c.mismatch !== undefined) return `${id} read wrong data`;
  return undefined;
}

/** colframe against polars and arquero on one file. */
export function peerChecks(file: BenchFile, cases: readonly CaseSummary[]): Check[] {
  const out: Check[] = [];
  const cf = okCase(cases, 'colframe');
  const cfBad = unusable(cases, 'colframe');
  const pl = okCase(cases, 'polars');
  const plBad = unusable(cases, 'polars');
  const colframeWrong = cf !== undefined && cf.mismatch !== undefined;
  const verdict = (pass: boolean, otherBad: string | undefined): boolean | string =>
    colframeWrong ? false : (cfBad ?? otherBad) ?? pass;

  out.push({
    file: file.name,
    what: 'colframe wall / polars wall',
    target: '≤ 1.50',
    measured: cf !== undefined && pl !== undefined ? fmt(cf.loadMs / pl.loadMs, 2) : '',
    pass: verdict(cf !== undefined && pl !== undefined && cf.loadMs <= 1.5 * pl.loadMs, plBad),
  });

  // The fastest arquero loader that read everything.
  const aqs = (['arquero-stream', 'arquero-text'] as const).flatMap((id) => {
    const c = okCase(cases, id);
    return c !== undefined && c.mismatch === undefined ? [c] : [];
  });
  const aq = aqs.sort((a, b) => a.loadMs - b.loadMs)[0];
  const aqRan = cases.some((c) => c.tool.id.startsWith('arquero'));
  out.push({
    file: file.name,
    what: `arquero wall / colframe wall${aq === undefined ? '' : ` (fastest correct: ${aq.tool.label})`}`,
    target: '≥ 3.00',
    measured: cf !== undefined && aq !== undefined ? fmt(aq.loadMs / cf.loadMs, 2) : '',
    pass: verdict(cf !== undefined && aq !== undefined && aq.loadMs >= 3 * cf.loadMs, aq === undefined ? (aqRan ? 'no arquero loader read everything' : 'arquero not run') : undefined),
  });

  out.push({
    file: file.name,
    what: 'colframe peak RSS / polars peak RSS',
    target: '≤ 1.00',
    measured: cf !== undefined && pl !== undefined ? `${fmt(cf.peakRss / pl.peakRss, 2)} (${mib(cf.peakRss)} vs ${mib(pl.peakRss)})` : '',
    pass: verdict(cf !== undefined && pl !== undefined && cf.peakRss <= pl.peakRss, plBad),
  });
  return out;
}

/** colframe at 5× the rows: time scaling and peak RSS. */
export function bigChecks(small: BenchFile, smallCases: readonly CaseSummary[], big: BenchFile, bigCases: readonly CaseSummary[]): Check[] {
  const cf1 = okCase(smallCases, 'colframe');
  const cf5 = okCase(bigCases, 'colframe');
  const bigBad = unusable(bigCases, 'colframe');
  const bad = bigBad ?? unusable(smallCases, 'colframe');
  const bigWrong = cf5 !== undefined && cf5.mismatch !== undefined;
  const wrong = bigWrong || (cf1 !== undefined && cf1.mismatch !== undefined);
  const limit = 1.2 * 2 ** 30;
  return [
    {
      file: big.name,
      what: `colframe wall at ${fmtInt(big.rows)} rows / at ${fmtInt(small.rows)} rows`,
      target: '≤ 5.50',
      measured: cf1 !== undefined && cf5 !== undefined ? `${fmt(cf5.loadMs / cf1.loadMs, 2)} (${secs(cf5.loadMs)} vs ${secs(cf1.loadMs)})` : '',
      pass: wrong ? false : bad ?? (cf1 !== undefined && cf5 !== undefined && cf5.loadMs <= 5.5 * cf1.loadMs),
    },
    {
      file: big.name,
      what: 'colframe peak RSS',
      target: '≤ 1.20 GiB',
      measured: cf5 !== undefined ? `${fmt(cf5.peakRss / 2 ** 30, 2)} GiB` : '',
      pass: bigWrong ? false : bigBad ?? (cf5 !== undefined && cf5.peakRss <= limit),
    },
  ];
}

/** colframe reads a file larger than V8's longest string. */
export function hugeChecks(file: BenchFile, cases: readonly CaseSummary[], maxStringLength: number): Check[] {
  const cf = cases.find((c) => c.tool.id === 'colframe');
  return [
    {
      file: file.name,
      what: "file bytes > V8's maximum string length",
      target: `> ${fmtInt(maxStringLength)}`,
      measured: fmtInt(file.bytes),
      pass: file.bytes > maxStringLength,
    },
    {
      file: file.name,
      what: 'colframe reads every row, sums match',
      target: `${fmtInt(file.rows)} rows`,
      measured: cf === undefined ? '' : cf.ok ? `${fmtInt(cf.rows)} rows, ${secs(cf.loadMs)}, ${mib(cf.peakRss)}` : 'failed',
      pass: cf === undefined ? 'colframe not run' : cf.ok ? cf.mismatch === undefined : false,
    },
  ];
}
