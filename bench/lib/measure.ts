/**
 * Measuring helpers shared by the benchmarks: settled memory after garbage collection, the bytes
 * a value keeps alive, medians of timed runs, and markdown tables.
 */
import { performance } from 'node:perf_hooks';

function requireGc(): () => void {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') {
    throw new Error('global.gc is not available: run with `node --expose-gc --import tsx ...` (npm run bench:memory)');
  }
  return () => {
    gc();
  };
}

/** heapUsed + external (ArrayBuffers are already part of `external`). */
function inUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/**
 * `heapUsed + external` after full garbage collections, repeated until two consecutive readings
 * differ by less than `tolerance` bytes (at most `maxRounds` collections).
 */
export function settledBytes(tolerance = 1024, maxRounds = 12): number {
  const gc = requireGc();
  gc();
  let prev = inUse();
  for (let round = 1; round < maxRounds; round++) {
    gc();
    const cur = inUse();
    if (Math.abs(cur - prev) < tolerance) return cur;
    prev = cur;
  }
  return prev;
}

/** Module-level holder: keeps the measured value reachable while memory is read. */
const holder: { value: unknown } = { value: undefined };

/**
 * Bytes a value keeps alive: settled `heapUsed + external` with the value built and referenced,
 * minus the same before building. `build` should create everything the value owns (temporaries
 * it drops are collected before the second reading). `whileAlive` runs with the value still
 * referenced (after the reading) and its result is returned; the value is dropped afterwards.
 */
export function bytesHeld<T, R = undefined>(
  build: () => T,
  whileAlive?: (value: T) => R,
): { bytes: number; result: R | undefined } {
  holder.value = undefined;
  const before = settledBytes();
  holder.value = build();
  const after = settledBytes();
  const result = whileAlive === undefined ? undefined : whileAlive(holder.value as T);
  holder.value = undefined;
  return { bytes: after - before, result };
}

/** The median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A function timed by `timeMedians`; its return value is added to `sink` so it cannot be elided. */
export interface TimedCase {
  readonly name: string;
  readonly run: () => number;
}

/** Accumulates every timed result; print it at the end so the work is observable. */
export const sink = { value: 0 };

/**
 * Median wall time in milliseconds of each case: `warmups` untimed runs of each case, then
 * `runs` timed rounds, the cases interleaved round-robin within each round. Returns also the
 * result of each case's last run (for cross-checking the cases agree).
 */
export function timeMedians(
  cases: readonly TimedCase[],
  runs: number,
  warmups = 2,
): { name: string; ms: number; all: number[]; result: number }[] {
  const results = new Map<string, number>();
  for (const c of cases) {
    for (let w = 0; w < warmups; w++) {
      const r = c.run();
      sink.value += r;
      results.set(c.name, r);
    }
  }
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let k = 0; k < runs; k++) {
    for (const c of cases) {
      const t0 = performance.now();
      const r = c.run();
      const t1 = performance.now();
      sink.value += r;
      results.set(c.name, r);
      times.get(c.name)!.push(t1 - t0);
    }
  }
  return cases.map((c) => ({ name: c.name, ms: median(times.get(c.name)!), all: times.get(c.name)!, result: results.get(c.name)! }));
}

/** Column alignment in a markdown table. */
export type Align = 'left' | 'right';

/** A markdown table with padded columns (numbers right-aligned by default). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const widths = headers.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length), 3));
  const al = headers.map((_, j) => align?.[j] ?? (j === 0 ? 'left' : 'right'));
  const pad = (s: string, j: number): string => (al[j] === 'right' ? s.padStart(widths[j]!) : s.padEnd(widths[j]!));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, j) => pad(c, j)).join(' | ')} |`;
  const rule = `| ${widths.map((w, j) => (al[j] === 'right' ? `${'-'.repeat(w - 1)}:` : `:${'-'.repeat(w - 1)}`)).join(' | ')} |`;
  return [line(headers), rule, ...rows.map((r) => line(headers.map((_, j) => r[j] ?? '')))].join('\n');
}

/** `1234567` → `1,234,567`. */
export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A number with `digits` decimals. */
export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Bytes in MiB with two decimals. */
export function fmtMiB(bytes: number): string {
  return `${fmt(bytes / 1048576, 2)} MiB`;
}
