/**
 * Running random cases and reporting mismatches: each property collects every mismatch with a
 * readable reproduction (seed, case, the frame as colframe code, the colframe call, the SQL, both
 * results), shrinks the first case of each kind of mismatch to fewer rows, and fails once at the
 * end listing the distinct kinds.
 */
import { ColframeError } from '../../src/index.js';
import { takeSpec, type FrameSpec } from './frame-specs.js';
import { SHOW_LIMIT, rerunHint } from './knobs.js';

/** One wrong answer. */
export interface Mismatch {
  /** What went wrong, in one line. */
  readonly title: string;
  /** The reproduction: frame code, call, SQL, both results. */
  readonly detail: string;
}

/** The mismatches of one property. */
export class Findings {
  private readonly bySignature = new Map<string, { first: Mismatch; caseIndex: number; count: number }>();
  private total = 0;

  constructor(
    /** The property's name (the test name). */
    readonly name: string,
    /** The test file, for the re-run hint. */
    readonly file: string,
    /** The seed the cases were drawn with. */
    readonly seed: number,
  ) {}

  private shrunk = 0;

  /** Whether a mismatch of this signature is worth shrinking: the first of its kind, and few so far. */
  isNew(signature: string): boolean {
    if (this.bySignature.has(signature) || this.shrunk >= 16) return false;
    this.shrunk++;
    return true;
  }

  /** Record a mismatch of case `caseIndex`; mismatches with one signature are reported once. */
  add(caseIndex: number, signature: string, m: Mismatch): void {
    this.total++;
    const seen = this.bySignature.get(signature);
    if (seen !== undefined) seen.count++;
    else this.bySignature.set(signature, { first: m, caseIndex, count: 1 });
  }

  /** Number of mismatches recorded. */
  get count(): number {
    return this.total;
  }

  /** The report of every distinct mismatch. */
  report(cases: number): string {
    const parts = [
      `${this.total} mismatch${this.total === 1 ? '' : 'es'} (${this.bySignature.size} distinct) in ${cases} cases of "${this.name}", seed ${this.seed}; ${rerunHint(this.file)}`,
    ];
    let k = 0;
    for (const [sig, { first, caseIndex, count }] of this.bySignature) {
      if (k++ >= SHOW_LIMIT) {
        parts.push(`… and ${this.bySignature.size - SHOW_LIMIT} more kinds (DIFF_SHOW=n lists more)`);
        break;
      }
      parts.push(`── [${sig}] ×${count}, first in case ${caseIndex}: ${first.title}\n${first.detail}`);
    }
    return parts.join('\n\n');
  }

  /** Throw the report when anything was recorded. */
  assertNone(cases: number): void {
    if (this.total > 0) throw new Error(this.report(cases));
  }
}

/**
 * The smallest spec (fewest rows, greedily) for which `fails` still holds, trying at most
 * `budget` candidates. Rows are removed in halves, quarters, … then one at a time.
 */
export async function shrinkRows(spec: FrameSpec, fails: (s: FrameSpec) => Promise<boolean>, budget = 48): Promise<FrameSpec> {
  let cur = spec;
  let tries = 0;
  let chunk = Math.max(1, Math.floor(cur.height / 2));
  while (chunk >= 1 && tries < budget) {
    let removed = false;
    for (let start = 0; start < cur.height && tries < budget; start += chunk) {
      const keep = Array.from({ length: cur.height }, (_, i) => i).filter((i) => i < start || i >= start + chunk);
      const cand = takeSpec(cur, keep);
      tries++;
      if (await safely(() => fails(cand))) {
        cur = cand;
        removed = true;
        start -= chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return cur;
}

async function safely(f: () => Promise<boolean>): Promise<boolean> {
  try {
    return await f();
  } catch {
    return false;
  }
}

/** The outcome of a colframe call: its value, or the error it threw. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

/** Run `f`, catching what it throws. */
export function attempt<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
  }
}

/** An error as one line: its class, code and message. */
export function showError(e: Error): string {
  const code = e instanceof ColframeError ? ` [${(e as ColframeError & { code: string }).code}]` : '';
  return `${e.constructor.name}${code}: ${e.message.split('\n')[0]}`;
}

/** A reproduction block. */
export function repro(parts: { frame: string; call: string; sql?: string; got: string; want: string; wantLabel?: string; note?: string }): string {
  const lines = [parts.frame, parts.call];
  if (parts.sql !== undefined) lines.push(`-- DuckDB: ${parts.sql}`);
  lines.push(`colframe gives: ${parts.got}`, `${(parts.wantLabel ?? 'DuckDB gives:').padEnd(15)} ${parts.want}`);
  if (parts.note !== undefined) lines.push(`note: ${parts.note}`);
  return lines.map((l) => `    ${l.replaceAll('\n', '\n    ')}`).join('\n');
}
