/**
 * Run one measured load in its own process under `/usr/bin/time -v` and collect what it printed:
 * the load's wall time and checksum (from the child's `@result {json}` line) and the process's
 * peak RSS ("Maximum resident set size", from `time -v`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** GNU time; `-v` reports the peak RSS of the command. */
export const TIME_BIN = '/usr/bin/time';

/** Fail early with the fix when GNU time is missing. */
export function requireGnuTime(): void {
  if (!existsSync(TIME_BIN)) {
    throw new Error(`${TIME_BIN} not found: install GNU time (apt-get update && apt-get install -y time)`);
  }
}

/** What the child printed on its `@result` line. */
export interface ChildResult {
  readonly loadMs: number;
  readonly rows: number;
  readonly sums: Readonly<Record<string, number>>;
  readonly [extra: string]: unknown;
}

/** One measured process. */
export type Measurement =
  | {
      readonly ok: true;
      readonly result: ChildResult;
      /** Peak resident set size of the process, bytes. */
      readonly peakRss: number;
      /** Wall time of the whole process (start-up, imports, load, checksum), ms. */
      readonly processMs: number;
    }
  | { readonly ok: false; readonly error: string };

/** `h:mm:ss.ss` or `m:ss.ss` → ms. */
function parseElapsed(s: string): number {
  return s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0) * 1000;
}

/** Up to `n` last non-empty lines of `text`. */
function tail(text: string, n: number): string {
  return text.split('\n').filter((l) => l.trim() !== '').slice(-n).join('\n');
}

/**
 * Run `node <nodeArgs…>` under `/usr/bin/time -v` from `cwd`. The child must print one line
 * `@result {json}` on stdout; anything else it prints is ignored unless it fails.
 */
export function measure(nodeArgs: readonly string[], cwd: string, timeoutMs: number): Measurement {
  const dir = mkdtempSync(join(tmpdir(), 'colframe-bench-'));
  const timeFile = join(dir, 'time.txt');
  try {
    const p = spawnSync(TIME_BIN, ['-v', '-o', timeFile, process.execPath, ...nodeArgs], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: timeoutMs,
    });
    if (p.error !== undefined) return { ok: false, error: `${p.error.message}` };
    const timeText = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
    const resultLine = p.stdout.split('\n').find((l) => l.startsWith('@result '));
    if (p.status !== 0 || resultLine === undefined) {
      const signal = /Command terminated by signal (\d+)/.exec(timeText)?.[0];
      const why = tail(p.stderr, 6) || tail(p.stdout, 6) || '(no output)';
      return { ok: false, error: `exit ${String(p.status ?? p.signal)}${signal === undefined ? '' : ` (${signal})`}: ${why}` };
    }
    const rssKiB = /Maximum resident set size \(kbytes\): (\d+)/.exec(timeText)?.[1];
    const elapsed = /Elapsed \(wall clock\) time.*?: ([\d:.]+)\s*$/m.exec(timeText)?.[1];
    if (rssKiB === undefined || elapsed === undefined) return { ok: false, error: `could not read ${TIME_BIN} -v output:\n${tail(timeText, 6)}` };
    const result = JSON.parse(resultLine.slice('@result '.length)) as ChildResult;
    return { ok: true, result, peakRss: Number(rssKiB) * 1024, processMs: parseElapsed(elapsed) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
