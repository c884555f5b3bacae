/**
 * Arrow IPC bytes in memory → frame internals. Reads both the file format (`ARROW1` magic and
 * footer) and the stream format, with or without the 0xFFFFFFFF continuation marker (pre-0.15
 * framing), with dictionary batches (deltas and replacements). Every length and offset is checked
 * before it is followed; each step moves forward through the input, so no input loops.
 */
import type { Data } from 'apache-arrow';
import { InvalidArgumentError, IpcFormatError } from '../../errors.js';
import type { Int64Repr } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { FrameCore } from '../../core/frame-core.js';
import { CONTINUATION, MAGIC } from './constants.js';
import { decodeFooter, decodeMessage, type IpcField, type IpcMessage, type IpcRecordBatch, type IpcSchema } from './metadata.js';
import { inflatedBody } from './compression.js';
import { collectDictionaries, planField, type DictionaryPlan, type FieldPlan } from './plan.js';
import { BatchCursor, type BodyRef } from './body.js';
import { readDictionaryBatch, readField } from './decode-batch.js';
import type { DictionaryState } from './decode-dictionary.js';
import { joinParts, type Part } from './concat.js';
import { concatData } from './concat-data.js';
import { widenViews } from './decode-convert.js';
import { GrowingDictionary } from './dictionary.js';

/** Options of the in-memory decoder (see `IpcReadOptions`). */
export interface DecodeOptions {
  readonly columns?: readonly string[] | undefined;
  readonly checkValues?: boolean | undefined;
  readonly int64?: Int64Repr | undefined;
  /** Refuse a stream that ends without the end-of-stream marker (files are checked by their footer). */
  readonly requireEndOfStream?: boolean | undefined;
}

/** What a decode found besides the frame (see `IpcReadInfo`). */
export interface DecodeInfo {
  readonly format: 'file' | 'stream';
  readonly recordBatches: number;
  readonly rows: number;
  readonly endOfStream: boolean;
}

/**
 * The most rows a frame read with no columns may have (2^31 − 1). A record batch's length is
 * checked against the buffers of every column read; with none read, nothing bounds it, so a few
 * bytes could claim 2^50 rows.
 * @example
 * ```ts
 * MAX_ZERO_COLUMN_ROWS; // → 2147483647
 * ```
 */
export const MAX_ZERO_COLUMN_ROWS = 2 ** 31 - 1;

/** Whether the bytes start like an IPC file (`ARROW1` + padding). */
export function isIpcFile(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 6; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

/** The framing of one message at `pos`: prefix size and metadata length (0 = end of stream). */
function frameAt(bytes: Uint8Array, pos: number, end: number, index: number): { prefix: number; metaLength: number } {
  if (end - pos < 4) throw new IpcFormatError(`${end - pos} stray bytes where a message length should be`, { byte: pos, message: index });
  const w = u32(bytes, pos);
  let prefix = 4;
  let len = w;
  if (w === CONTINUATION) {
    if (end - pos < 8) throw new IpcFormatError('the input ends inside a message length', { byte: pos, message: index });
    prefix = 8;
    len = u32(bytes, pos + 4);
  }
  if (len > 0x7fffffff) throw new IpcFormatError(`message metadata length ${len | 0} is negative`, { byte: pos, message: index });
  if (len !== 0 && pos + prefix + len > end) {
    throw new IpcFormatError(`message metadata of ${len} bytes runs past the end of the input (${end - pos - prefix} bytes left)`, { byte: pos, message: index });
  }
  return { prefix, metaLength: len };
}

const schema0 = (s: IpcSchema): boolean => s.fields.length === 0;

/** State of one read: schema plans, dictionaries, and each column's batches. */
class Reader {
  schema: IpcSchema | undefined;
  plans: (FieldPlan | null)[] = [];
  /** The dictionaries the fields read need, by id. */
  dictPlans = new Map<number, DictionaryPlan>();
  allDictIds = new Set<number>();
  dictionaries = new Map<number, DictionaryState>();
  parts: Part[][] = [];
  rows = 0;
  recordBatches = 0;
  generation = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly options: DecodeOptions,
    readonly isFile: boolean,
  ) {}

  setSchema(schema: IpcSchema): void {
    this.schema = schema;
    const wanted = this.options.columns;
    const names = schema.fields.map((f) => f.name);
    if (wanted !== undefined) {
      for (const w of wanted) {
        if (!names.includes(w)) throw new InvalidArgumentError(`readIPC: column "${w}" is not in the file; it has ${names.map((n) => JSON.stringify(n)).join(', ')}`, w);
      }
    }
    this.plans = schema.fields.map((f) => (wanted === undefined || wanted.includes(f.name) ? planField(f, this.options.int64) : null));
    this.parts = this.plans.map(() => []);
    const collect = (f: IpcField): void => {
      if (f.dictionary !== null) this.allDictIds.add(f.dictionary.id);
      f.children.forEach(collect);
    };
    schema.fields.forEach(collect);
    for (const p of this.plans) if (p !== null) collectDictionaries(p, this.dictPlans);
  }

  body(msg: IpcMessage, start: number, index: number): BodyRef {
    if (start + msg.bodyLength > this.bytes.length) {
      throw new IpcFormatError(`message body of ${msg.bodyLength} bytes runs past the end of the input`, { byte: start, message: index });
    }
    return { input: this.bytes, start, length: msg.bodyLength, message: index, version: msg.version, checkValues: this.options.checkValues !== false };
  }

  /** The cursor over a batch body, decompressing a compressed one into fresh memory. */
  cursor(body: BodyRef, batch: IpcRecordBatch): BatchCursor {
    if (batch.compression === null || batch.compression === undefined) return new BatchCursor(body, batch);
    const z = inflatedBody(body.input, body.start, body.length, batch, batch.compression, body.message);
    return new BatchCursor({ ...body, input: z.bytes, start: 0, length: z.bytes.length, inflate: z.inflate }, z.batch);
  }

  handle(msg: IpcMessage, bodyStart: number, index: number): void {
    const h = msg.header;
    if (h.kind === 'schema') {
      if (this.schema !== undefined && !this.isFile) throw new IpcFormatError('a second schema message in the stream', { byte: bodyStart, message: index });
      if (this.schema === undefined) this.setSchema(h.schema);
      return;
    }
    if (this.schema === undefined) throw new IpcFormatError(`the stream does not start with a schema message`, { message: index });
    const body = this.body(msg, bodyStart, index);
    if (h.kind === 'dictionaryBatch') {
      if (!this.allDictIds.has(h.id)) throw new IpcFormatError(`dictionary batch for id ${h.id}, which no field of the schema uses`, { message: index });
      const dp = this.dictPlans.get(h.id);
      if (dp === undefined) return; // a dictionary of a field that is not read
      const data = readDictionaryBatch(this.cursor(body, h.batch), dp, this.dictionaries);
      const prev = this.dictionaries.get(h.id);
      if (h.isDelta) {
        if (prev === undefined) throw new IpcFormatError(`delta dictionary batch for id ${h.id} before any dictionary`, { message: index });
        if (!dp.categorical) {
          this.dictionaries.set(h.id, { data: concatData(dp.values.dtype, [prev.data, data]), generation: prev.generation });
          return;
        }
        // Appended into storage that grows by doubling: linear in the dictionary's final size.
        const growing = prev.growing ?? new GrowingDictionary(prev.data);
        growing.append(data);
        // The Data of the dictionary is made when a record batch reads it, not for each delta.
        let made: Data | undefined;
        this.dictionaries.set(h.id, {
          generation: prev.generation,
          growing,
          get data(): Data {
            return (made ??= growing.data());
          },
        });
      } else {
        if (prev !== undefined && this.isFile) {
          throw new IpcFormatError(`a second (replacement) dictionary for id ${h.id}; the IPC file format allows only deltas`, { message: index });
        }
        this.dictionaries.set(h.id, { data, generation: ++this.generation });
      }
      return;
    }
    if (this.plans.every((p) => p === null)) {
      const n = h.batch.length;
      if (n > MAX_ZERO_COLUMN_ROWS - this.rows) {
        const what = schema0(this.schema) ? 'a schema with no fields' : 'no column read';
        throw new IpcFormatError(
          `a record batch claims ${n.toLocaleString('en-US')} rows with ${what}${this.rows > 0 ? `, ${(this.rows + n).toLocaleString('en-US')} rows in all` : ''}; a frame with no columns holds at most 2^31 − 1 (${MAX_ZERO_COLUMN_ROWS.toLocaleString('en-US')})`,
          { byte: bodyStart, message: index },
        );
      }
    }
    const cur = this.cursor(body, h.batch);
    const schema = this.schema;
    schema.fields.forEach((f, k) => {
      const p = this.plans[k]!;
      if (p === null) {
        cur.skipField(f);
        return;
      }
      const data: Data = readField(cur, p, this.dictionaries);
      const gen = p.dictionary !== null && p.dictionary.categorical ? this.dictionaries.get(p.dictionary.id)!.generation : 0;
      this.parts[k]!.push({ data, generation: gen });
    });
    cur.finish();
    this.rows += h.batch.length;
    this.recordBatches++;
  }

  finish(): FrameCore {
    return new FrameCore(this.columns(), this.rows, this.schema!.metadata);
  }

  /** The columns read, in order (names may repeat: a frame refuses that, `decodeIPCColumns` does not). */
  columns(): Column[] {
    const schema = this.schema!;
    const cols: Column[] = [];
    schema.fields.forEach((f, k) => {
      const p = this.plans[k]!;
      if (p === null) return;
      const parts = this.parts[k]!;
      const wide = p.read === 'view' ? widenViews(p.dtype, parts.map((x) => x.data)) : undefined;
      if (wide !== undefined) {
        cols.push(new Column(f.name, wide.dtype, joinParts(wide.dtype, f.name, wide.parts.map((data) => ({ data, generation: 0 }))), f.metadata));
      } else cols.push(new Column(f.name, p.dtype, joinParts(p.dtype, f.name, parts), f.metadata));
    });
    if (this.options.columns !== undefined) {
      const order = this.options.columns;
      cols.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    }
    return cols;
  }
}

function decodeStream(bytes: Uint8Array, options: DecodeOptions, onInfo?: (info: DecodeInfo) => void): Reader {
  const r = new Reader(bytes, options, false);
  let pos = 0;
  let index = 0;
  let endOfStream = false;
  const end = bytes.length;
  while (pos < end) {
    const { prefix, metaLength } = frameAt(bytes, pos, end, index);
    if (metaLength === 0) {
      endOfStream = true; // end-of-stream marker
      break;
    }
    const metaStart = pos + prefix;
    const msg = decodeMessage(bytes.subarray(metaStart, metaStart + metaLength), metaStart, index);
    const bodyStart = metaStart + metaLength;
    r.handle(msg, bodyStart, index);
    pos = bodyStart + msg.bodyLength;
    index++;
  }
  if (r.schema === undefined) {
    throw new IpcFormatError(bytes.length === 0 ? 'the input is empty' : 'the stream holds no schema message', { byte: 0 });
  }
  if (!endOfStream && options.requireEndOfStream === true) {
    throw new IpcFormatError(
      `the stream ends after ${r.recordBatches} record batch${r.recordBatches === 1 ? '' : 'es'} (${r.rows.toLocaleString('en-US')} rows) without the end-of-stream marker: it may be cut short`,
      { byte: end, message: index },
    );
  }
  onInfo?.({ format: 'stream', recordBatches: r.recordBatches, rows: r.rows, endOfStream });
  return r;
}

function decodeFile(bytes: Uint8Array, options: DecodeOptions, onInfo?: (info: DecodeInfo) => void): Reader {
  const n = bytes.length;
  if (n < 18) throw new IpcFormatError(`an IPC file of ${n} bytes is too short for its magic and footer`, { byte: 0 });
  for (let i = 0; i < 6; i++) {
    if (bytes[n - 6 + i] !== MAGIC[i]) throw new IpcFormatError('the file does not end with the ARROW1 magic (truncated?)', { byte: n - 6 });
  }
  const footerLength = u32(bytes, n - 10);
  const footerStart = n - 10 - footerLength;
  if (footerLength > 0x7fffffff || footerStart < 8) {
    throw new IpcFormatError(`footer length ${footerLength | 0} does not fit in the ${n}-byte file`, { byte: n - 10 });
  }
  const footer = decodeFooter(bytes.subarray(footerStart, n - 10), footerStart);
  const r = new Reader(bytes, options, true);
  r.setSchema(footer.schema);
  // Blocks may not overlap one another: this bounds the work to the size of the file.
  const all = [...footer.dictionaries.map((b, i) => ({ b, what: `dictionary block ${i}` })), ...footer.recordBatches.map((b, i) => ({ b, what: `record batch block ${i}` }))];
  for (const { b, what } of all) {
    if (b.offset < 8 || b.metaDataLength <= 0 || b.bodyLength < 0 || b.offset + b.metaDataLength + b.bodyLength > footerStart) {
      throw new IpcFormatError(`${what} (offset ${b.offset}, metadata ${b.metaDataLength}, body ${b.bodyLength} bytes) lies outside the file's data`, { byte: footerStart });
    }
  }
  const sorted = all.map((x) => x.b).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i - 1]!;
    if (p.offset + p.metaDataLength + p.bodyLength > sorted[i]!.offset) {
      throw new IpcFormatError(`footer blocks at bytes ${p.offset} and ${sorted[i]!.offset} overlap`, { byte: footerStart });
    }
  }
  let index = 0;
  const readBlock = (b: { offset: number; metaDataLength: number; bodyLength: number }, want: 'dictionaryBatch' | 'recordBatch'): void => {
    const blockEnd = b.offset + b.metaDataLength;
    const { prefix, metaLength } = frameAt(bytes, b.offset, blockEnd, index);
    if (metaLength === 0) throw new IpcFormatError('a footer block points at an end-of-stream marker', { byte: b.offset, message: index });
    const metaStart = b.offset + prefix;
    const msg = decodeMessage(bytes.subarray(metaStart, metaStart + metaLength), metaStart, index);
    if (msg.header.kind !== want) {
      throw new IpcFormatError(`a footer ${want === 'recordBatch' ? 'record batch' : 'dictionary'} block holds a ${msg.header.kind} message`, { byte: b.offset, message: index });
    }
    if (msg.bodyLength > b.bodyLength) {
      throw new IpcFormatError(`message body of ${msg.bodyLength} bytes is longer than its footer block's ${b.bodyLength}`, { byte: b.offset, message: index });
    }
    r.handle(msg, blockEnd, index);
    index++;
  };
  for (const b of footer.dictionaries) readBlock(b, 'dictionaryBatch');
  for (const b of footer.recordBatches) readBlock(b, 'recordBatch');
  // A file's end is its footer and closing magic, checked above.
  onInfo?.({ format: 'file', recordBatches: r.recordBatches, rows: r.rows, endOfStream: true });
  return r;
}

/**
 * Decode Arrow IPC bytes (file or stream format) into frame internals. Column buffers are views
 * over `bytes` for single-batch inputs. `onInfo` is called with what the read found.
 * @throws IpcFormatError, UnsupportedError, UnsupportedTypeError.
 */
export function decodeIPC(bytes: Uint8Array, options: DecodeOptions = {}, onInfo?: (info: DecodeInfo) => void): FrameCore {
  return (isIpcFile(bytes) ? decodeFile(bytes, options, onInfo) : decodeStream(bytes, options, onInfo)).finish();
}

/** What {@link decodeIPCColumns} returns: the columns (names may repeat), the row count and the schema metadata. */
export interface DecodedColumns {
  readonly columns: readonly Column[];
  readonly height: number;
  readonly metadata: ReadonlyMap<string, string> | undefined;
}

/**
 * Decode Arrow IPC bytes into columns without making a frame, so a schema whose top-level names
 * repeat (valid Arrow, refused by a frame) can still be read.
 * @throws As {@link decodeIPC}, but never DuplicateColumnError.
 * @example
 * ```ts
 * import { encodeIPCColumns } from './layout.js';
 * const x = DataFrame.fromColumns({ x: [1, 2] }).getColumn('x');
 * const read = decodeIPCColumns(encodeIPCColumns([x, x], 2, undefined));
 * [read.columns.map((c) => c.name), read.height]; // → [ [ 'x', 'x' ], 2 ]
 * ```
 */
export function decodeIPCColumns(bytes: Uint8Array, options: DecodeOptions = {}): DecodedColumns {
  const r = isIpcFile(bytes) ? decodeFile(bytes, options) : decodeStream(bytes, options);
  return { columns: r.columns(), height: r.rows, metadata: r.schema!.metadata };
}
