/**
 * Sizes and seeds of the randomized differential suites. `DIFF_RUNS=N` multiplies every case
 * count by N (default 1, sized so the whole suite runs in under two minutes on two cores);
 * `DIFF_SEED=S` replaces the fixed base seed, so a failure printed with its seed can be re-run.
 */

function positiveNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`DIFF_RUNS must be a positive number, got ${JSON.stringify(text)}`);
  return n;
}

/** The factor from `DIFF_RUNS` (default 1). */
export const RUNS_FACTOR = positiveNumber(process.env['DIFF_RUNS']) ?? 1;

/** The base seed: `DIFF_SEED` or a fixed default. */
export const BASE_SEED = process.env['DIFF_SEED']?.trim() || '20240517';

/** `base` random cases, scaled by `DIFF_RUNS`. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * RUNS_FACTOR));
}

/** FNV-1a of a string, as a 32-bit signed integer. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** The seed of one named property: fixed per name, changed as a whole by `DIFF_SEED`. */
export function seedFor(name: string): number {
  return hash(`${BASE_SEED}:${name}`);
}

/** How to re-run a property, for failure messages. */
export function rerunHint(file: string): string {
  return `re-run: DIFF_SEED=${BASE_SEED}${RUNS_FACTOR === 1 ? '' : ` DIFF_RUNS=${RUNS_FACTOR}`} npx vitest run ${file}`;
}

/** How many distinct mismatches a failing property lists (`DIFF_SHOW`, default 10). */
export const SHOW_LIMIT = positiveNumber(process.env['DIFF_SHOW']) ?? 10;

/**
 * `DIFF_SAFE_INT64=1` keeps generated 64-bit integers within ±2^53, to look past failures on
 * larger ones while they are being fixed (default off: the suite generates the full range).
 */
export const SAFE_INT64 = process.env['DIFF_SAFE_INT64'] === '1';
