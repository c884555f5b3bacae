/**
 * `colframe convert IN OUT`: CSV ↔ Arrow IPC ↔ JSON/NDJSON by extension. CSV input to CSV or
 * NDJSON output streams in `scanCSV` batches; the other pairs read the whole input (the IPC
 * writer and the JSON-array writer take a whole frame); so do inputs that are streams (a pipe,
 * FIFO or `-` for standard input), which can be read only once. OUT is written to a temporary
 * file beside it and renamed at the end, so a failed conversion leaves no partial OUT; on SIGINT,
 * SIGTERM or SIGHUP the temporary file is removed and the process exits with 128 + the signal's
 * number.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { rename, rm } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { once } from 'node:events';
import { CsvParseError, InvalidArgumentError } from '../errors.js';
import type { DataFrame } from '../frame/dataframe.js';
import { writeCSV } from '../io/csv/write.js';
import type { CsvProgress } from '../io/csv/options.js';
import { writeIPC } from '../io/ipc/write.js';
import { writeJSON } from '../io/json/write.js';
import { delimiterOfPath } from '../io/paths.js';
import type { CliArgs } from './args.js';
import { formatOfExtension, KNOWN_EXTENSIONS, readInput, scanInput, type FileFormat, type InputInfo } from './input.js';
import type { CliIO } from './main.js';

/**
 * An error about the output file of `convert`: the command names that file rather than the input.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { main } from './main.js';
 * writeFileSync('a.csv', 'x\n1\n');
 * const code = await main(['convert', 'a.csv', 'out.xyz'], { stdout: process.stdout, stderr: process.stdout });
 * // prints: colframe: out.xyz: unknown output type ".xyz"; expected one of .csv .tsv .tab .txt .arrow .arrows .feather .ipc .json .ndjson .jsonl
 * code; // → 1
 * ```
 */
export class OutputFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'OutputFileError';
  }
}

/** Inputs over this size get a progress bar when stderr is a terminal. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

/** A one-line progress bar redrawn on a terminal stream, at most every 100 ms. */
class ProgressBar {
  private last = 0;
  private drawn = false;
  private readonly start = performance.now();
  constructor(private readonly stream: NodeJS.WritableStream & { columns?: number }) {}

  update(p: CsvProgress): void {
    const now = performance.now();
    if (now - this.last < 100 || p.totalBytes === undefined || p.totalBytes === 0) return;
    this.last = now;
    const share = Math.min(1, p.bytesRead / p.totalBytes);
    const width = 30;
    const full = Math.round(share * width);
    const mib = (b: number): string => (b / 1048576).toFixed(1);
    const line = `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}%  ${mib(p.bytesRead)}/${mib(p.totalBytes)} MiB  ${p.rows.toLocaleString('en-US')} rows  ${((now - this.start) / 1000).toFixed(1)} s`;
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** What `convert` needs from the command line. */
export interface ConvertContext {
  /** Columns to read (undefined: all). */
  readonly read: readonly string[] | undefined;
  /** Filter and select a frame read with `read`. */
  apply(df: DataFrame): DataFrame;
  readonly args: CliArgs;
  readonly io: CliIO;
}

async function writeWhole(df: DataFrame, path: string, format: FileFormat, outPath: string): Promise<void> {
  const ext = extname(outPath).toLowerCase();
  switch (format) {
    case 'csv':
      return writeCSV(df, path, { delimiter: delimiterOfPath(outPath) ?? ',' });
    case 'ipc':
      return writeIPC(df, path, { format: ext === '.arrows' ? 'stream' : 'file' });
    case 'json':
      return writeJSON(df, path, { format: 'records' });
    case 'ndjson':
      return writeJSON(df, path, { format: 'ndjson' });
  }
}

/** Stream CSV batches to a CSV or NDJSON file. @returns false when a batch did not fit the dtypes (the caller reads whole). */
async function streamCsv(info: InputInfo, tmp: string, format: 'csv' | 'ndjson', outPath: string, ctx: ConvertContext, onProgress: ((p: CsvProgress) => void) | undefined): Promise<boolean> {
  const out = createWriteStream(tmp);
  const failed = new Promise<never>((_, reject) => out.once('error', (e) => reject(new OutputFileError(outPath, e))));
  failed.catch(() => undefined);
  const delimiter = delimiterOfPath(outPath) ?? ',';
  let first = true;
  try {
    for await (const batch of scanInput(info, { columns: ctx.read, ...(onProgress === undefined ? {} : { onProgress }) })) {
      const kept = ctx.apply(batch);
      const write =
        format === 'csv' ? writeCSV(kept, out, { end: false, header: first, delimiter }) : writeJSON(kept, out, { format: 'ndjson', end: false });
      await Promise.race([write.catch((e: unknown) => Promise.reject(new OutputFileError(outPath, e))), failed]);
      first = false;
    }
  } catch (e) {
    out.destroy();
    if (e instanceof CsvParseError) return false;
    throw e;
  }
  out.end();
  await Promise.race([once(out, 'close'), failed]);
  return true;
}

/**
 * Convert the input to `outPath`, its format named by the extension.
 * @param info - The inspected input.
 * @param outPath - The output file: `.csv` `.tsv` `.arrow` `.feather` `.ipc` `.arrows` `.json` `.ndjson` `.jsonl`.
 * @param ctx - Column selection, filter, flags and streams.
 * @throws OutputFileError for an unknown output extension, the input as output, or a write that fails.
 * @throws The readers' typed errors for bad input.
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { parseArgs } from './args.js';
 * import { inspectInput } from './input.js';
 * writeFileSync('in.csv', 'id,city\n1,Oslo\n2,Rome\n');
 * const args = parseArgs(['convert', 'in.csv', 'out.ndjson']);
 * const io = { stdout: process.stdout, stderr: process.stderr };
 * await convert(await inspectInput('in.csv'), 'out.ndjson', { read: undefined, apply: (df) => df, args, io });
 * readFileSync('out.ndjson', 'utf8'); // → '{"id":1,"city":"Oslo"}\n{"id":2,"city":"Rome"}\n'
 * ```
 */
export async function convert(info: InputInfo, outPath: string, ctx: ConvertContext): Promise<void> {
  const format = formatOfExtension(outPath);
  if (format === undefined) {
    const ext = extname(outPath);
    throw new OutputFileError(outPath, `unknown output type ${ext === '' ? '(no extension)' : JSON.stringify(ext)}; expected one of ${KNOWN_EXTENSIONS.join(' ')}`);
  }
  if (resolve(outPath) === resolve(info.path)) throw new OutputFileError(outPath, new InvalidArgumentError('is the input file; write to another path', outPath));
  const show = ctx.args.progress ?? (ctx.io.stderr.isTTY === true && (info.size ?? 0) > PROGRESS_MIN_BYTES);
  const bar = show && info.format === 'csv' ? new ProgressBar(ctx.io.stderr) : undefined;
  const onProgress = bar === undefined ? undefined : (p: CsvProgress): void => bar.update(p);
  const tmp = `${outPath}.colframe-${process.pid}.tmp`;
  // Interrupted (Ctrl-C, kill, a closed terminal): remove the temporary file, then exit with the
  // shell's code for that signal (128 + its number: 130, 143, 129).
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(tmp, { force: true });
    bar?.clear();
    process.exit(128 + (osConstants.signals[signal] ?? 0));
  };
  for (const s of INTERRUPTS) process.on(s, onSignal);
  try {
    let done = false;
    // A stream input is read once, so only a file may be read again when a batch does not fit.
    if (info.format === 'csv' && info.stream === undefined && (format === 'csv' || format === 'ndjson')) done = await streamCsv(info, tmp, format, outPath, ctx, onProgress);
    if (!done) {
      const df = ctx.apply(await readInput(info, { columns: ctx.read, ...(onProgress === undefined ? {} : { onProgress }) }));
      try {
        await writeWhole(df, tmp, format, outPath);
      } catch (e) {
        throw new OutputFileError(outPath, e);
      }
    }
    try {
      await rename(tmp, outPath);
    } catch (e) {
      throw new OutputFileError(outPath, e);
    }
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    for (const s of INTERRUPTS) process.off(s, onSignal);
    bar?.clear();
  }
}

/** Signals on which `convert` removes its temporary file before exiting. */
const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
