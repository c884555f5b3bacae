/**
 * The worker thread of a parallel CSV read: reads its byte range of the file with the plan the
 * main thread decided, and sends back the built columns (buffers moved, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { CsvParseError } from '../../errors.js';
import type { DataFrame } from '../../frame/dataframe.js';
import { openSource } from './source.js';
import { CsvReader } from './reader.js';
import { RestartAsText } from './restart.js';
import { columnToPart, fromPlainDType, transferablesOf } from '../../core/wire.js';
import type { ShareResult, ShareTask } from './share.js';

async function run(task: ShareTask): Promise<{ result: ShareResult; transfer: ArrayBuffer[] }> {
  const src = await openSource(task.path, 'utf8', task.options.chunkSize, { start: task.start, end: task.end });
  const reader = new CsvReader(src, task.options, { batchSize: Infinity, widen: true, forcedText: new Set() }, task.start);
  reader.finalizeStrings = false; // the join decides categorical vs utf8 on the whole column
  const plan = { ...task.plan, dtypes: task.plan.dtypes.map(fromPlainDType) };
  try {
    let frame: DataFrame | undefined;
    for await (const b of reader.rows(plan)) frame = b;
    const parts = frame!.getColumns().map(columnToPart);
    const info = reader.info();
    await reader.close();
    return {
      result: {
        ok: true,
        rows: frame!.height,
        columns: parts,
        badRows: info.badRows,
        badRowSamples: [...info.badRowSamples],
        nulledValues: [...info.nulledValues],
        widened: [...info.widened],
      },
      transfer: transferablesOf(parts),
    };
  } catch (e) {
    if (e instanceof CsvParseError) {
      return { result: { ok: false, kind: 'csv', reason: e.reason, line: e.line, byte: e.byte, column: e.column, snippet: e.snippet }, transfer: [] };
    }
    if (e instanceof RestartAsText) return { result: { ok: false, kind: 'restart', column: e.column }, transfer: [] };
    const err = e as Error;
    return { result: { ok: false, kind: 'other', message: String(err.message ?? err), stack: err.stack }, transfer: [] };
  }
}

parentPort!.on('message', (task: ShareTask) => {
  void run(task).then(({ result, transfer }) => parentPort!.postMessage(result, transfer));
});
