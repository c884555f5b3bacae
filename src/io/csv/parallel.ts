/**
 * Reading a large CSV file on two threads. The main thread reads the header and the sample (so
 * both halves share one plan), then a worker reads the second half of the bytes while the main
 * thread reads the first; the two sets of columns are joined.
 *
 * The split is speculative: the worker starts after the first line end past the middle of the
 * data. If that line end was inside a quoted field, the main thread finds out (its last row does
 * not end there), drops the worker's result and the read is redone on one thread — slower, never
 * wrong.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../../util/spawn.js';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { CsvParseError } from '../../errors.js';
import { FrameCore } from '../../core/frame-core.js';
import { DataFrame } from '../../frame/dataframe.js';
import type { CsvReadInfo, CsvReadOptions } from './options.js';
import type { OpenedSource } from './source.js';
import { CsvReader, type ReadMode, type ReadPlan } from './reader.js';
import { RestartAsText } from './restart.js';
import { joinParts } from './concat.js';
import { settleText } from './categorize.js';
import { Column } from '../../column/column.js';
import { columnFromPart, plainDType } from '../../core/wire.js';
import type { ShareResult, ShareTask } from './share.js';
import { readShare } from './share-read.js';
import { setNegativeZeroRows } from './sinks.js';

/**
 * Files smaller than this are read on one thread by default: a worker takes about 100 ms to
 * start and warm up, and two threads on two cores also share the JIT and GC threads. Measured on
 * 2 cores: 88 MB gained nothing, 447 MB read 1.6× faster.
 */
export const PARALLEL_MIN_BYTES = 128 * 1024 * 1024;

/** Whether a read of `src` with `o` may use a second thread. */
export function parallelEligible(path: string | undefined, src: OpenedSource, o: CsvReadOptions): path is string {
  if (path === undefined || o.threads === 1 || src.gzip.detected) return false;
  if (o.encoding !== undefined && o.encoding !== 'utf8') return false;
  if (o.maxRows !== undefined) return false;
  if ((src.totalBytes ?? 0) < (o.parallelMinBytes ?? PARALLEL_MIN_BYTES)) return false;
  return (o.threads ?? availableParallelism()) >= 2;
}

/** The offset just past the first `\n` at or after `from` (within 4 MiB), or -1. */
async function lineStartAfter(path: string, from: number, end: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const len = Math.min(4 << 20, end - from);
    const buf = Buffer.allocUnsafe(len);
    const { bytesRead } = await fh.read(buf, 0, len, from);
    const i = buf.subarray(0, bytesRead).indexOf(10);
    return i < 0 ? -1 : from + i + 1;
  } finally {
    await fh.close();
  }
}

function waitFor(worker: Worker): Promise<ShareResult> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the CSV worker exited (code ${code}) before answering`)));
  });
}

/** Internal settings of a parallel read, for tests: where to split, and where to read the second share. */
export interface ParallelKnobs {
  /** Where to start looking for the split line, as a fraction of the data bytes (default 0.5). */
  readonly split?: number;
  /** Read the second share on this thread (same code, no worker) instead of a worker thread. */
  readonly inline?: boolean;
}

/**
 * Read `path` on two threads. Returns undefined when the split was wrong (or there is too little
 * data to split), so the caller reads it on one thread.
 * @throws CsvParseError, RestartAsText as the one-thread read.
 */
export async function readParallel(path: string, src: OpenedSource, o: CsvReadOptions, mode: ReadMode, knobs: ParallelKnobs = {}): Promise<DataFrame | undefined> {
  // The worker starts loading while the main thread reads the sample.
  const worker = knobs.inline === true ? undefined : spawnModuleWorker(import.meta.url, './parse-worker');
  const reader = new CsvReader(src, o, mode);
  reader.finalizeStrings = false;
  try {
    const plan = await reader.prepare();
    const dataStart = reader.nextRowOffset;
    const end = src.totalBytes!;
    const split = await lineStartAfter(path, dataStart + Math.floor((end - dataStart) * (knobs.split ?? 0.5)), end);
    if (split < 0 || split >= end) return undefined;
    const half: ReadPlan = { ...plan, capacity: Math.ceil(plan.capacity / 2) + 1024 };
    const task: ShareTask = {
      path,
      start: split,
      end,
      options: {
        ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
        ...(o.quote !== undefined ? { quote: o.quote } : {}),
        ...(o.escape !== undefined ? { escape: o.escape } : {}),
        ...(o.comment !== undefined ? { comment: o.comment } : {}),
        ...(o.nullValues !== undefined ? { nullValues: o.nullValues } : {}),
        ...(o.onBadRow !== undefined ? { onBadRow: o.onBadRow } : {}),
        ...(o.chunkSize !== undefined ? { chunkSize: o.chunkSize } : {}),
        ...(o.maxFieldBytes !== undefined ? { maxFieldBytes: o.maxFieldBytes } : {}),
        ...(o.maxRowBytes !== undefined ? { maxRowBytes: o.maxRowBytes } : {}),
        ...(o.int64 !== undefined ? { int64: o.int64 } : {}),
      },
      forcedText: [...mode.forcedText],
      plan: { ...half, names: [...plan.names], fields: [...plan.fields], inferred: [...plan.inferred], perValue: [...plan.perValue], dtypes: plan.dtypes.map(plainDType) },
    };
    let answer: Promise<ShareResult>;
    if (worker === undefined) {
      answer = readShare(task).then((a) => a.result);
    } else {
      answer = waitFor(worker);
      worker.postMessage(task);
    }
    answer.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile

    let first: DataFrame | undefined;
    for await (const b of reader.rows(half, split)) first = b;
    if (reader.stoppedAt !== split) return undefined; // the split fell inside a quoted field
    const lineAtSplit = reader.nextRowLine;
    const r = await answer;
    if (!r.ok) {
      if (r.kind === 'restart') throw new RestartAsText(r.column);
      if (r.kind === 'csv') throw new CsvParseError(r.reason, r.line + lineAtSplit - 1, r.byte, r.column, r.snippet);
      const err = new Error(r.message);
      if (r.stack !== undefined) err.stack = r.stack;
      throw err;
    }
    const a = first!.getColumns();
    const cols = r.columns.map((p, k) => {
      const b = columnFromPart(p);
      setNegativeZeroRows(b.data, r.negativeZeros[k]);
      const c = joinParts(a[k]!, b, plan.inferred[k]!, o.allocator);
      if (!plan.inferred[k]) return c;
      // The whole column is read: categorical or utf8 by its final distinct values.
      const { dtype, data } = settleText(c.dtype, c.data, o.allocator);
      return dtype === c.dtype ? c : new Column(c.name, dtype, data);
    });
    reader.tallyTokens(cols); // common null tokens, counted over the whole columns
    const mainInfo = reader.info();
    const info: CsvReadInfo = {
      rows: mainInfo.rows + r.rows,
      bytes: end,
      badRows: mainInfo.badRows + r.badRows,
      badRowSamples: [...mainInfo.badRowSamples, ...r.badRowSamples.map((b) => ({ ...b, line: b.line + lineAtSplit - 1 }))].slice(0, 20),
      nulledValues: [...mainInfo.nulledValues, ...r.nulledValues.map((v) => ({ ...v, row: v.row + mainInfo.rows, line: v.line + lineAtSplit - 1 }))],
      widened: [...mainInfo.widened, ...r.widened.map((w) => ({ ...w, line: w.line + lineAtSplit - 1 }))],
      renamedHeaders: mainInfo.renamedHeaders,
      nullTokens: mainInfo.nullTokens,
    };
    o.onProgress?.({ bytesRead: end, totalBytes: end, rows: info.rows });
    o.onReadInfo?.(info);
    return DataFrame.fromCore(new FrameCore(cols, info.rows));
  } finally {
    void worker?.terminate();
    await reader.close();
  }
}
