/**
 * Reading the second share of a parallel CSV read: its byte range of the file with the plan the
 * main thread decided. The worker thread runs it; so can the main thread (to test the join).
 */
import { CsvParseError } from '../../errors.js';
import type { DataFrame } from '../../frame/dataframe.js';
import { openSource } from './source.js';
import { CsvReader } from './reader.js';
import { RestartAsText } from './restart.js';
import { negativeZeroRows } from './sinks.js';
import { columnToPart, fromPlainDType, transferablesOf } from '../../core/wire.js';
import type { ShareResult, ShareTask } from './share.js';

/** Read a share: its columns as parts (with the buffers to move), or the error as data. */
export async function readShare(task: ShareTask): Promise<{ result: ShareResult; transfer: ArrayBuffer[] }> {
  const src = await openSource(task.path, 'utf8', task.options.chunkSize, { start: task.start, end: task.end });
  const reader = new CsvReader(src, task.options, { batchSize: Infinity, widen: true, forcedText: new Set(task.forcedText) }, task.start);
  reader.finalizeStrings = false; // the join decides categorical vs utf8 on the whole column
  const plan = { ...task.plan, dtypes: task.plan.dtypes.map(fromPlainDType) };
  try {
    let frame: DataFrame | undefined;
    for await (const b of reader.rows(plan)) frame = b;
    const cols = frame!.getColumns();
    const parts = cols.map(columnToPart);
    const info = reader.info();
    await reader.close();
    return {
      result: {
        ok: true,
        rows: frame!.height,
        columns: parts,
        negativeZeros: cols.map((c) => negativeZeroRows(c.data)?.slice()),
        badRows: info.badRows,
        badRowSamples: [...info.badRowSamples],
        nulledValues: [...info.nulledValues],
        widened: [...info.widened],
      },
      transfer: transferablesOf(parts),
    };
  } catch (e) {
    await reader.close();
    if (e instanceof CsvParseError) {
      return { result: { ok: false, kind: 'csv', reason: e.reason, line: e.line, byte: e.byte, column: e.column, snippet: e.snippet }, transfer: [] };
    }
    if (e instanceof RestartAsText) return { result: { ok: false, kind: 'restart', column: e.column }, transfer: [] };
    const err = e as Error;
    return { result: { ok: false, kind: 'other', message: String(err.message ?? err), stack: err.stack }, transfer: [] };
  }
}
