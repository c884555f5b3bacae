/**
 * What a parallel CSV read sends to and gets back from its worker thread: a byte range of the
 * file with the plan, and the built column parts (buffers moved, not copied) or an error.
 */
import { Utf8, Vector, makeData, type Data } from 'apache-arrow';
import { dtypeOfKind, type AnyDType, type Int64Repr } from '../../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import type { CsvBadRow, CsvReadOptions, CsvWidening } from './options.js';
import type { ReadPlan } from './reader.js';

/** A dtype as plain data (structured-cloneable). */
export interface PlainDType {
  kind: AnyDType['kind'];
  nullable: boolean;
  int64?: Int64Repr;
  timezone?: string | null;
}

/** The reader options a worker needs (no callbacks). */
export type ShareOptions = Pick<CsvReadOptions, 'delimiter' | 'quote' | 'escape' | 'comment' | 'nullValues' | 'onBadRow' | 'chunkSize' | 'int64'>;

/** The task sent to a worker: read `[start, end)` of `path` with `plan`. */
export interface ShareTask {
  path: string;
  start: number;
  end: number;
  options: ShareOptions;
  plan: Omit<ReadPlan, 'dtypes'> & { dtypes: PlainDType[] };
}

/** One built column, as transferable buffers. */
export interface ColumnPart {
  name: string;
  dtype: PlainDType;
  length: number;
  nullCount: number;
  values: ArrayBufferView;
  offsets?: Int32Array;
  validity?: Uint8Array;
  dict?: { values: Uint8Array; offsets: Int32Array; length: number };
}

/** A worker's answer. Lines are relative to the share's first line (1). */
export type ShareResult =
  | {
      ok: true;
      rows: number;
      columns: ColumnPart[];
      badRows: number;
      badRowSamples: CsvBadRow[];
      widened: CsvWidening[];
    }
  | { ok: false; kind: 'csv'; reason: string; line: number; byte: number; column: string | undefined; snippet: string }
  | { ok: false; kind: 'restart'; column: string }
  | { ok: false; kind: 'other'; message: string; stack: string | undefined };

/** A dtype descriptor as plain data. */
export function plainDType(d: AnyDType): PlainDType {
  const p: PlainDType = { kind: d.kind, nullable: d.nullable };
  if (d.int64 !== undefined) p.int64 = d.int64;
  if (d.timezone !== undefined) p.timezone = d.timezone;
  return p;
}

/** A dtype descriptor from plain data. */
export function fromPlainDType(p: PlainDType): AnyDType {
  const opts: { int64?: Int64Repr; timezone?: string | null } = {};
  if (p.int64 !== undefined) opts.int64 = p.int64;
  if (p.timezone !== undefined) opts.timezone = p.timezone;
  return dtypeOfKind(p.kind, p.nullable, opts);
}

/** A column as a transferable part, and the buffers to transfer. */
export function toPart(c: Column): { part: ColumnPart; transfer: ArrayBuffer[] } {
  const d = c.data;
  const part: ColumnPart = { name: c.name, dtype: plainDType(c.dtype), length: d.length, nullCount: d.nullCount, values: d.values as ArrayBufferView };
  if (d.valueOffsets) part.offsets = d.valueOffsets as Int32Array;
  if (d.nullCount > 0 && d.nullBitmap && d.nullBitmap.length > 0) part.validity = d.nullBitmap;
  if (d.dictionary) {
    const dd = d.dictionary.data[0]!;
    part.dict = { values: dd.values as Uint8Array, offsets: dd.valueOffsets as Int32Array, length: dd.length };
  }
  const views = [part.values, part.offsets, part.validity, part.dict?.values, part.dict?.offsets];
  const transfer = [...new Set(views.filter((v): v is ArrayBufferView => v !== undefined).map((v) => v.buffer as ArrayBuffer))].filter(
    (b) => b instanceof ArrayBuffer,
  );
  return { part, transfer };
}

/** A column from a part. */
export function fromPart(p: ColumnPart): Column {
  const dtype = fromPlainDType(p.dtype);
  let data: Data;
  if (p.dict !== undefined) {
    const dict = makeData({ type: new Utf8(), length: p.dict.length, nullCount: 0, data: p.dict.values, valueOffsets: p.dict.offsets } as never);
    data = makeData({
      type: toArrowType(dtype, arrowIndexType(indexWidthFor(p.dict.length))),
      length: p.length,
      nullCount: p.nullCount,
      data: p.values,
      nullBitmap: p.validity,
      dictionary: new Vector([dict]),
    } as never);
  } else {
    data = makeData({
      type: toArrowType(dtype),
      length: p.length,
      nullCount: p.nullCount,
      data: p.values,
      valueOffsets: p.offsets,
      nullBitmap: p.validity,
    } as never);
  }
  return new Column(p.name, dtype, data);
}
