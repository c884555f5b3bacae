/**
 * Columns as plain, structured-cloneable data: the dtype as a small object and the Arrow buffers
 * as typed-array views, so a column can cross a thread boundary (`postMessage`) without being
 * re-encoded. Used by transfers to and from worker threads and by the parallel CSV reader.
 */
import { Data, Utf8, Vector } from 'apache-arrow';
import { Column } from '../column/column.js';
import { dtypeOfKind, type AnyDType, type DTypeParams, type Int64Repr } from '../dtype/dtype.js';
import { arrowIndexType, indexWidthFor, toArrowType } from '../dtype/arrow.js';
import { SharedFrameError } from '../errors.js';
import { isBorrowed } from '../column/detach.js';
import { FrameCore } from './frame-core.js';

/** A dtype as plain data (structured-cloneable). */
export interface PlainDType {
  kind: AnyDType['kind'];
  nullable: boolean;
  int64?: Int64Repr;
  timezone?: string | null;
  /** Time unit (timestamp, time, duration) or interval unit. */
  unit?: DTypeParams['unit'];
  /** Decimal precision, scale and bit width. */
  precision?: number;
  scale?: number;
  bitWidth?: number;
}

/** The Arrow buffers of one array, as views (any of them may be absent). */
export interface BufferParts {
  /** Arrow's slot offset into the validity bitmap (and into the bits of a boolean array). */
  offset: number;
  length: number;
  nullCount: number;
  values: ArrayBufferView | undefined;
  offsets: Int32Array | undefined;
  validity: Uint8Array | undefined;
}

/** One column as plain data. */
export interface ColumnPart extends BufferParts {
  name: string;
  dtype: PlainDType;
  /** The dictionary of a categorical column (utf8 values). */
  dict: BufferParts | undefined;
}

/** A dtype descriptor as plain data. */
export function plainDType(d: AnyDType): PlainDType {
  const p: PlainDType = { kind: d.kind, nullable: d.nullable };
  if (d.int64 !== undefined) p.int64 = d.int64;
  if (d.timezone !== undefined) p.timezone = d.timezone;
  if (d.unit !== undefined) p.unit = d.unit;
  if (d.precision !== undefined) p.precision = d.precision;
  if (d.scale !== undefined) p.scale = d.scale;
  if (d.bitWidth !== undefined) p.bitWidth = d.bitWidth;
  return p;
}

/** A dtype descriptor from plain data. */
export function fromPlainDType(p: PlainDType): AnyDType {
  const opts: { -readonly [K in keyof DTypeParams]: DTypeParams[K] } = {};
  if (p.int64 !== undefined) opts.int64 = p.int64;
  if (p.timezone !== undefined) opts.timezone = p.timezone;
  if (p.unit !== undefined) opts.unit = p.unit;
  if (p.precision !== undefined) opts.precision = p.precision;
  if (p.scale !== undefined) opts.scale = p.scale;
  if (p.bitWidth !== undefined) opts.bitWidth = p.bitWidth;
  return dtypeOfKind(p.kind, p.nullable, opts);
}

function bufferParts(d: Data): BufferParts {
  return {
    offset: d.offset,
    length: d.length,
    nullCount: d.nullCount,
    values: (d.values as ArrayBufferView | undefined) ?? undefined,
    offsets: (d.valueOffsets as Int32Array | undefined) ?? undefined,
    validity: d.nullCount > 0 && d.nullBitmap !== undefined && d.nullBitmap.length > 0 ? d.nullBitmap : undefined,
  };
}

/** A column as plain data (views over the same buffers; nothing is copied). */
export function columnToPart(c: Column): ColumnPart {
  const d = c.data;
  const dictData = d.dictionary?.data;
  if (dictData !== undefined && dictData.length !== 1) throw new SharedFrameError(`Column "${c.name}": a dictionary in ${dictData.length} chunks cannot be sent`);
  return { name: c.name, dtype: plainDType(c.dtype), ...bufferParts(d), dict: dictData === undefined ? undefined : bufferParts(dictData[0]!) };
}

function dataOf(type: Data['type'], p: BufferParts, dictionary?: Vector): Data {
  // Arrow's buffer order: offsets, values, validity, type ids.
  const buffers = [p.offsets, p.values, p.validity, undefined] as unknown as ConstructorParameters<typeof Data>[4];
  return new Data(type, p.offset, p.length, p.nullCount, buffers, [], dictionary);
}

/** A column from plain data (views over the same buffers). */
export function columnFromPart(p: ColumnPart): Column {
  const dtype = fromPlainDType(p.dtype);
  if (p.dict !== undefined) {
    const dict = new Vector([dataOf(new Utf8(), p.dict)]);
    return new Column(p.name, dtype, dataOf(toArrowType(dtype, arrowIndexType(indexWidthFor(p.dict.length))), p, dict));
  }
  return new Column(p.name, dtype, dataOf(toArrowType(dtype), p));
}

/** The distinct `ArrayBuffer`s (not `SharedArrayBuffer`s) behind some parts: a transfer list. */
export function transferablesOf(parts: readonly ColumnPart[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (v: ArrayBufferView | undefined): void => {
    if (v !== undefined && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  };
  for (const p of parts) {
    for (const b of [p, p.dict]) {
      if (b === undefined) continue;
      add(b.values);
      add(b.offsets);
      add(b.validity);
    }
  }
  return [...out];
}

/** The format version of transfer packets and shared-frame handles this build reads and writes. */
export const WIRE_VERSION = 1;

/** What `df.transfer()` produces: the frame as plain data over buffers that are about to move. */
export interface TransferPacket {
  readonly format: 'colframe.transfer';
  readonly version: number;
  readonly height: number;
  readonly columns: readonly ColumnPart[];
}

const KINDS = new Set<string>(['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'utf8', 'categorical', 'date', 'timestamp']);

function isView(v: unknown): v is ArrayBufferView {
  return ArrayBuffer.isView(v);
}

function checkBuffers(b: BufferParts, where: string, fixedBytes: number | 'bits' | 'utf8'): void {
  const bad = (what: string): never => {
    throw new SharedFrameError(`Corrupted transfer packet: ${where}: ${what}`);
  };
  if (!Number.isInteger(b.length) || b.length < 0) bad(`length ${String(b.length)}`);
  if (!Number.isInteger(b.offset) || b.offset < 0) bad(`offset ${String(b.offset)}`);
  if (!Number.isInteger(b.nullCount) || b.nullCount < 0 || b.nullCount > b.length) bad(`null count ${String(b.nullCount)}`);
  if (b.validity !== undefined && (!(b.validity instanceof Uint8Array) || b.validity.length * 8 < b.offset + b.length)) bad('validity bitmap too short');
  if (b.nullCount > 0 && b.validity === undefined) bad('nulls without a validity bitmap');
  if (b.values !== undefined && !isView(b.values)) bad('values are not a typed array');
  const values = b.values as ArrayBufferView | undefined;
  if (fixedBytes === 'bits') {
    if (values === undefined || values.byteLength * 8 < b.offset + b.length) bad('boolean values too short');
  } else if (fixedBytes === 'utf8') {
    const o = b.offsets;
    if (!(o instanceof Int32Array) || o.length < b.length + 1) bad('string offsets too short');
    // O(1): the first and last offsets bound every string (Arrow slices the offsets, not the
    // bytes, so offsets[0] is the slice's first row); a packet comes from `transfer()`, so
    // the order of the offsets between them is not re-checked (a view never reads out of bounds).
    const offs = o as Int32Array;
    const bytes = values?.byteLength ?? 0;
    const first = offs[0]!;
    const last = offs[b.length]!;
    if (first < 0 || first > last) bad('string offsets out of order');
    if (last > bytes) bad('string offsets run past the bytes');
  } else if (b.length > 0 && (values === undefined || values.byteLength < b.length * fixedBytes)) bad('values too short');
}

const WIDTH: Record<string, number> = { int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, date: 4, int64: 8, uint64: 8, float64: 8, timestamp: 8 };

/**
 * A frame from a transfer packet, checked before any view is built.
 * @throws SharedFrameError for anything that is not a well-formed packet of this version.
 */
export function frameFromPacket(packet: unknown): FrameCore {
  const p = packet as Partial<TransferPacket> | null;
  if (p === null || typeof p !== 'object' || p.format !== 'colframe.transfer') {
    throw new SharedFrameError('Not a transfer packet: expected the `packet` returned by df.transfer()');
  }
  if (p.version !== WIRE_VERSION) throw new SharedFrameError(`Transfer packet of format version ${String(p.version)}; this colframe reads version ${WIRE_VERSION}`);
  if (!Array.isArray(p.columns) || !Number.isInteger(p.height) || p.height! < 0) throw new SharedFrameError('Corrupted transfer packet: no columns or height');
  for (const c of p.columns as ColumnPart[]) {
    const where = `column "${String(c?.name)}"`;
    if (c === null || typeof c !== 'object' || typeof c.name !== 'string' || c.dtype === null || typeof c.dtype !== 'object' || !KINDS.has(c.dtype.kind)) {
      throw new SharedFrameError(`Corrupted transfer packet: ${where} has no valid name or dtype`);
    }
    if (c.length !== p.height) throw new SharedFrameError(`Corrupted transfer packet: ${where} has ${String(c.length)} rows, the frame ${String(p.height)}`);
    const kind = c.dtype.kind;
    if (kind === 'categorical') {
      if (c.dict === undefined) throw new SharedFrameError(`Corrupted transfer packet: ${where} is categorical without a dictionary`);
      checkBuffers(c.dict, `${where} (dictionary)`, 'utf8');
      const w = c.dict.length <= 0xff ? 1 : c.dict.length <= 0xffff ? 2 : 4;
      checkBuffers(c, where, w);
    } else {
      checkBuffers(c, where, kind === 'bool' ? 'bits' : kind === 'utf8' ? 'utf8' : WIDTH[kind]!);
    }
  }
  try {
    return new FrameCore(p.columns.map(columnFromPart), p.height!);
  } catch (e) {
    if (e instanceof SharedFrameError) throw e;
    throw new SharedFrameError(`Corrupted transfer packet: ${(e as Error).message}`);
  }
}

/** A transfer: the packet to post and the buffers to list in `postMessage`'s transfer list. */
export interface FrameTransfer {
  readonly packet: TransferPacket;
  readonly transferList: ArrayBuffer[];
}

/** A view over the caller's memory copied into a buffer of its own; any other view as is. */
function owned<T extends ArrayBufferView | undefined>(v: T): T {
  if (v === undefined || !(v.buffer instanceof ArrayBuffer) || !isBorrowed(v.buffer)) return v;
  return (v as unknown as Uint8Array).slice() as unknown as T;
}

function ownedParts<P extends BufferParts>(p: P): P {
  return { ...p, values: owned(p.values), offsets: owned(p.offsets), validity: owned(p.validity) };
}

/**
 * A frame's columns as a transfer packet, and the distinct `ArrayBuffer`s to move with it. Only
 * buffers the frame owns move: views over the caller's memory (see `noteBorrowed`) are copied
 * first, so the caller's arrays stay intact; shared buffers are shared.
 */
export function frameToPacket(core: FrameCore): FrameTransfer {
  const columns = core.columns.map((c) => {
    const part = ownedParts(columnToPart(c));
    return part.dict === undefined ? part : { ...part, dict: ownedParts(part.dict) };
  });
  return { packet: { format: 'colframe.transfer', version: WIRE_VERSION, height: core.height, columns }, transferList: transferablesOf(columns) };
}
