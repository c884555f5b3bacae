/**
 * What a parallel CSV read sends to and gets back from its worker thread: a byte range of the
 * file with the plan, and the built column parts (buffers moved, not copied) or an error.
 */
import type { ColumnPart, PlainDType } from '../../core/wire.js';
import type { CsvBadRow, CsvNulledValue, CsvReadOptions, CsvWidening } from './options.js';
import type { ReadPlan } from './reader.js';

/** The reader options a worker needs (no callbacks). */
export type ShareOptions = Pick<CsvReadOptions, 'delimiter' | 'quote' | 'escape' | 'comment' | 'nullValues' | 'onBadRow' | 'chunkSize' | 'int64'>;

/** The task sent to a worker: read `[start, end)` of `path` with `plan`. */
export interface ShareTask {
  path: string;
  start: number;
  end: number;
  options: ShareOptions;
  /** Columns an earlier attempt found text in (the plan already reads them as text). */
  forcedText: string[];
  plan: Omit<ReadPlan, 'dtypes'> & { dtypes: PlainDType[] };
}

/** A worker's answer. Lines are relative to the share's first line (1). */
export type ShareResult =
  | {
      ok: true;
      rows: number;
      columns: ColumnPart[];
      /** Per column, the rows of an integer column that read `-0` (kept if the join widens it to float). */
      negativeZeros: (number[] | undefined)[];
      badRows: number;
      badRowSamples: CsvBadRow[];
      nulledValues: CsvNulledValue[];
      widened: CsvWidening[];
    }
  | { ok: false; kind: 'csv'; reason: string; line: number; byte: number; column: string | undefined; snippet: string }
  | { ok: false; kind: 'restart'; column: string }
  | { ok: false; kind: 'other'; message: string; stack: string | undefined };
