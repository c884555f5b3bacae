/**
 * Seeded mutation fuzzing of the readers. Valid inputs (seeds) are mutated byte-wise — bits
 * flipped, bytes inserted and deleted, spans duplicated, the input truncated, special tokens
 * spliced in (quotes, delimiters, newlines, a BOM, NUL, huge numbers, invalid UTF-8) — and each
 * case must end in one of two ways: the reader returns a frame that re-encodes with our writer
 * and reads back to the same frame, or it throws a typed `ColframeError`. Anything else (a
 * TypeError, a RangeError, a case slower than the time bound, a frame holding far more bytes than
 * the input) is a finding, reported with the seed, the case index and the mutated bytes (base64)
 * so it can be replayed.
 *
 * Runs: by default a bounded seeded run (`FUZZ_RUNS` cases, stopping early after `budgetMs`);
 * `FUZZ_RUNS=N FUZZ_SEED=S` runs N cases from seed S with no time budget (long mode).
 * A case cannot be interrupted (the readers parse synchronously between awaits): the time bound
 * is checked when the case returns, and the test runner's timeout catches a true hang.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ColframeError, DataFrame, type AnyDType } from '../../src/index.js';
import { mulberry32 as rng } from '../../bench/lib/random.js';

const enc = new TextEncoder();

/** Byte sequences that reach the readers' special cases, spliced in by the mutator. */
export const SPECIAL_TOKENS: readonly Uint8Array[] = [
  '"', '""', "'", ',', ';', '\t', '\n', '\r\n', '\r', '\ufeff', '\0', '\\', '\\u0000', '\\ud800', '{', '}', '[', ']', ':', 'null', 'true', '-',
  '1e309', '-1e309', '9223372036854775808', '-9223372036854775809', '18446744073709551616', '99999999999999999999999999999999', '1.7976931348623157e308',
  'NaN', 'NA', '2024-02-30', '2024-01-01T00:00:00Z', '0x7fffffff',
].map((s) => enc.encode(s)).concat([
  Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0xf4, 0x90, 0x80, 0x80), Uint8Array.of(0xe2, 0x82),
  Uint8Array.of(0xff, 0xff, 0xff, 0xff), Uint8Array.of(0xff, 0xff, 0xff, 0x7f), Uint8Array.of(0, 0, 0, 0x80), Uint8Array.of(0, 0, 0, 0),
]);

/** One mutation applied, for the report. */
type Step = string;

function splice(b: Uint8Array, at: number, del: number, ins: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - del + ins.length);
  out.set(b.subarray(0, at), 0);
  out.set(ins, at);
  out.set(b.subarray(at + del), at + ins.length);
  return out;
}

/** `input` mutated 1–4 times; the steps say how. */
export function mutate(input: Uint8Array, r: () => number, tokens: readonly Uint8Array[] = SPECIAL_TOKENS): { bytes: Uint8Array; steps: Step[] } {
  let b = input;
  const steps: Step[] = [];
  const times = 1 + Math.floor(r() * 4);
  const int = (n: number): number => Math.floor(r() * n);
  for (let t = 0; t < times; t++) {
    const at = int(b.length + 1);
    switch (int(7)) {
      case 0: {
        if (b.length === 0) break;
        const i = int(b.length);
        b = b.slice();
        b[i]! ^= 1 << int(8);
        steps.push(`flip@${i}`);
        break;
      }
      case 1: {
        const n = 1 + int(8);
        const ins = Uint8Array.from({ length: n }, () => int(256));
        b = splice(b, at, 0, ins);
        steps.push(`insert${n}@${at}`);
        break;
      }
      case 2: {
        const n = Math.min(b.length - at, 1 + int(16));
        b = splice(b, at, n, new Uint8Array(0));
        steps.push(`delete${n}@${at}`);
        break;
      }
      case 3: {
        const n = Math.min(b.length - at, 1 + int(64));
        b = splice(b, at, 0, b.slice(at, at + n));
        steps.push(`duplicate${n}@${at}`);
        break;
      }
      case 4:
        b = b.slice(0, at);
        steps.push(`truncate@${at}`);
        break;
      case 5:
      case 6: {
        const k = int(tokens.length);
        const del = r() < 0.5 ? 0 : Math.min(b.length - at, tokens[k]!.length);
        b = splice(b, at, del, tokens[k]!);
        steps.push(`token${k}@${at}${del > 0 ? '(over)' : ''}`);
        break;
      }
    }
  }
  return { bytes: b, steps };
}

/** A valid input and how to read it. */
export interface FuzzSeed<O> {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options: O;
}

/** A reader under test. */
export interface FuzzTarget<O> {
  readonly name: string;
  readonly seeds: readonly FuzzSeed<O>[];
  /** Read `bytes` with `options`. */
  read(bytes: Uint8Array, options: O): Promise<DataFrame>;
  /** Re-encode a frame with our writer and read it back (the no-garbage check). */
  roundTrip(df: DataFrame, options: O): Promise<DataFrame>;
}

/** How long a run goes. */
export interface FuzzRun {
  /** Cases to run (default 2,000, or `FUZZ_RUNS`). */
  readonly runs: number;
  /** The first seed (default fixed, or `FUZZ_SEED`). */
  readonly seed: number;
  /** Stop early after this long (default 3 s; none in long mode). */
  readonly budgetMs: number;
  /** A case slower than this is a finding. */
  readonly caseMs: number;
  /** A frame holding more than `memoryFactor × input + 64 KiB` bytes is a finding. */
  readonly memoryFactor: number;
}

/** The run the environment asks for: FUZZ_RUNS and FUZZ_SEED, else the bounded default. */
export function fuzzRun(defaults: Partial<FuzzRun> = {}): FuzzRun {
  const env = process.env;
  const long = env.FUZZ_RUNS !== undefined && env.FUZZ_RUNS !== '';
  return {
    runs: long ? Number(env.FUZZ_RUNS) : (defaults.runs ?? 2000),
    seed: env.FUZZ_SEED !== undefined && env.FUZZ_SEED !== '' ? Number(env.FUZZ_SEED) : (defaults.seed ?? 20261206),
    budgetMs: long ? Infinity : (defaults.budgetMs ?? 3000),
    caseMs: defaults.caseMs ?? 2000,
    memoryFactor: defaults.memoryFactor ?? 64,
  };
}

/** What a run did. */
export interface FuzzReport {
  readonly cases: number;
  readonly frames: number;
  readonly typedErrors: number;
  /** Typed errors by class name. */
  readonly errorKinds: Readonly<Record<string, number>>;
  readonly findings: readonly string[];
}

/** The frame as comparable data: names, dtypes and values. */
export function frameData(df: DataFrame): unknown {
  return { columns: df.columns, dtypes: df.dtypes.map(String), rows: df.toRecords({ int64: 'bigint' }) };
}

/**
 * Run `target` over mutated seeds. Each finding is a line naming the seed, the case, the seed
 * input, the mutations, what went wrong and the mutated bytes in base64.
 */
export async function fuzz<O>(target: FuzzTarget<O>, run: FuzzRun, maxFindings = 5): Promise<FuzzReport> {
  const findings: string[] = [];
  const errorKinds: Record<string, number> = {};
  let frames = 0;
  let typedErrors = 0;
  const t0 = performance.now();
  let i = 0;
  for (; i < run.runs && performance.now() - t0 < run.budgetMs && findings.length < maxFindings; i++) {
    // Each case from its own stream, so a case replays from (seed, index) alone.
    const r = rng((run.seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const s = target.seeds[Math.floor(r() * target.seeds.length)]!;
    const { bytes, steps } = mutate(s.bytes, r);
    const what = (problem: string): string =>
      `${target.name} FUZZ_SEED=${run.seed} case ${i} (seed input ${s.name}; ${steps.join(', ')}): ${problem}; input base64: ${Buffer.from(bytes).toString('base64')}`;
    const start = performance.now();
    let df: DataFrame;
    try {
      df = await target.read(bytes, s.options);
    } catch (e) {
      const ms = performance.now() - start;
      if (e instanceof ColframeError) {
        typedErrors++;
        errorKinds[e.constructor.name] = (errorKinds[e.constructor.name] ?? 0) + 1;
        if (ms > run.caseMs) findings.push(what(`took ${ms.toFixed(0)} ms to refuse`));
      } else {
        findings.push(what(`threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)} (not a ColframeError)${e instanceof Error && e.stack !== undefined ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`));
      }
      continue;
    }
    const ms = performance.now() - start;
    frames++;
    if (ms > run.caseMs) findings.push(what(`took ${ms.toFixed(0)} ms`));
    const held = df.memoryUsage().total;
    if (held > run.memoryFactor * bytes.length + 65536) findings.push(what(`the frame holds ${held} bytes for ${bytes.length} input bytes`));
    try {
      const back = await target.roundTrip(df, s.options);
      const a = frameData(df);
      const b = frameData(back);
      if (!sameData(a, b)) findings.push(what(`the frame does not read back the same through our writer: ${JSON.stringify(a, norm).slice(0, 600)} vs ${JSON.stringify(b, norm).slice(0, 600)}`));
    } catch (e) {
      findings.push(what(`the returned frame does not re-encode and read back: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`));
    }
  }
  return { cases: i, frames, typedErrors, errorKinds, findings };
}

function sameData(a: unknown, b: unknown): boolean {
  // NaN equals NaN and -0 equals 0 here: the writers print both forms the same way.
  return JSON.stringify(a, norm) === JSON.stringify(b, norm);
}

function norm(_: string, v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  return v;
}

/** The files under `dir` (recursively) whose names pass `keep` and that are at most `maxBytes` long, sorted. */
export function smallFiles(dir: string, keep: (name: string) => boolean, maxBytes = 32768): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name) && statSync(p).size <= maxBytes) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** A seed from a file. */
export function fileSeed<O>(path: string, options: O): FuzzSeed<O> {
  return { name: path.slice(path.lastIndexOf('shared/data/') >= 0 ? path.lastIndexOf('shared/data/') + 12 : 0), bytes: new Uint8Array(readFileSync(path)), options };
}

/**
 * Small generated frames covering the common dtypes: integers, floats (NaN, ±inf), 64-bit
 * integers, text with quotes, delimiters and newlines, booleans, dates, timestamps, nulls.
 */
export function seedFrames(): { name: string; df: DataFrame }[] {
  return [
    { name: 'numbers', df: DataFrame.fromColumns({ id: [1, 2, 3, 4], x: [0.5, -1.25, 1e21, null], n: [7, null, -3, 2147483647] }) },
    { name: 'text', df: DataFrame.fromColumns({ s: ['a,b', 'say "hi"', 'line\nbreak', null], t: ['Oslo', 'Rome', 'Oslo', 'é€😀'] }) },
    { name: 'mixed', df: DataFrame.fromColumns({ b: [true, false, null], d: [new Date('2024-01-01'), null, new Date('1969-12-31T23:59:59.999Z')], k: [9007199254740993n, -1n, null] }) },
    { name: 'single', df: DataFrame.fromColumns({ only: ['x'] }) },
  ];
}

/** The frame's dtypes by name, so a read-back does not infer them again. */
export function dtypesOf(df: DataFrame): Record<string, AnyDType> {
  return Object.fromEntries(df.columns.map((c, i) => [c, df.dtypes[i]!]));
}

/**
 * The fuzz test of one reader: a seeded run (long mode prints its report) in which every case
 * reads back the same or throws a typed error.
 */
export function itFuzzes<O>(target: FuzzTarget<O>): void {
  it('returns a frame that reads back the same, or a typed error, for every mutated input', async () => {
    const report = await fuzz(target, fuzzRun());
    if (process.env.FUZZ_RUNS) console.log(JSON.stringify({ reader: target.name, ...report }));
    expect(report.findings).toEqual([]);
    expect(report.cases).toBeGreaterThan(50);
  }, 120_000);
}
