/**
 * The byte layout of a frame as an Arrow IPC stream or file, planned before any byte is written:
 * the total length and where each message (schema, one dictionary batch per categorical column,
 * one record batch) lands. `writeInto` then copies metadata and column buffers into any
 * `Uint8Array` — an `ArrayBuffer`, a file buffer, or a `SharedArrayBuffer` a worker reads from.
 *
 * Layout: every message is `0xFFFFFFFF`, a little-endian int32 metadata length, the Message
 * flatbuffer padded so the body starts on an `alignment` boundary (64 bytes by default), then the
 * body, whose buffers each start on an `alignment` boundary too. The stream ends with the
 * end-of-stream marker `0xFFFFFFFF 00000000`. A file is `ARROW1\0\0`, the same stream, the Footer
 * flatbuffer, its int32 length and `ARROW1`.
 */
import { checkOptions } from '../../util/options.js';
import { InvalidArgumentError } from '../../errors.js';
import { FrameCore } from '../../core/frame-core.js';
import type { Column } from '../../column/column.js';
import { MAGIC } from './constants.js';
import { bytesPieces, copyPiece, encodeData, type BodyParts, type DictionarySink, type Piece } from './encode-body.js';
import { COMPRESSION_CODE, compressBuffer, type IpcCompression } from './compression.js';
import {
  dictionaryBatchMessage,
  footerBytes,
  recordBatchMessage,
  schemaMessage,
  type BatchSpec,
  type BlockSpec,
  type FieldSpec,
} from './encode.js';

/**
 * Options of {@link planIPCStream} and {@link planIPCFile}.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * [planIPCStream(df, { alignment: 8 }).byteLength, planIPCStream(df).byteLength]; // → [ 296, 392 ]
 * const big = DataFrame.fromColumns({ x: new Float64Array(10_000) });
 * [planIPCStream(big).byteLength, planIPCStream(big, { compression: 'zstd' }).byteLength]; // → [ 80328, 392 ]
 * ```
 */
export interface IPCLayoutOptions {
  /** Byte boundary of message bodies and of every buffer in them: 8 or 64 (default 64). */
  readonly alignment?: 8 | 64;
  /**
   * Compress each buffer of the record and dictionary batches: `'lz4'` (LZ4 frame) or `'zstd'`
   * (Zstandard, level 1 as Arrow C++). A buffer that compression does not shrink is stored as is
   * behind the −1 length prefix. Default: none. Readers then copy (decompress) instead of viewing.
   */
  readonly compression?: IpcCompression | undefined;
}

/**
 * One message of a planned stream.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * planIPCStream(df).messages; // → [ { kind: 'schema', offset: 0, metadataLength: 128, bodyOffset: 128, bodyLength: 0 }, { kind: 'recordBatch', offset: 128, metadataLength: 192, bodyOffset: 320, bodyLength: 64 } ]
 * ```
 */
export interface IPCMessagePlacement {
  /** `schema`, `dictionary` (one per categorical column) or `recordBatch`. */
  readonly kind: 'schema' | 'dictionary' | 'recordBatch';
  /** Byte offset of the message (its continuation marker) in the output. */
  readonly offset: number;
  /** Bytes of marker, length, flatbuffer and padding before the body. */
  readonly metadataLength: number;
  /** Byte offset of the body in the output. */
  readonly bodyOffset: number;
  /** Body bytes. */
  readonly bodyLength: number;
}

/**
 * A planned Arrow IPC stream (or file): its exact length, where each message lands, and a writer.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * const plan = planIPCStream(df);
 * const shared = new Uint8Array(new SharedArrayBuffer(plan.byteLength));
 * plan.writeInto(shared);
 * readIPCSync(shared).toRecords(); // → [ { x: 1 }, { x: 2 }, { x: 3 } ]
 * ```
 */
export interface IPCStreamPlan {
  /** Total bytes `writeInto` writes. */
  readonly byteLength: number;
  /** The messages in order (the end-of-stream marker and a file's footer are not listed). */
  readonly messages: readonly IPCMessagePlacement[];
  /**
   * Write the stream into `target[0 … byteLength)`, padding included (zeros), so the target need
   * not be zeroed. Bodies land on `alignment` boundaries relative to `target`'s start.
   * @throws InvalidArgumentError when `target` is shorter than `byteLength`.
   */
  writeInto(target: Uint8Array): void;
}

const pad = (n: number, a: number): number => (n + a - 1) & ~(a - 1);

/** A message to place: its metadata flatbuffer (built once offsets in the body are known) and body pieces. */
interface Pending {
  readonly kind: IPCMessagePlacement['kind'];
  readonly meta: Uint8Array;
  readonly pieces: readonly Piece[];
  readonly pieceOffsets: readonly number[];
  readonly bodyLength: number;
}

function pendingBatch(
  kind: 'dictionary' | 'recordBatch',
  length: number,
  parts: BodyParts,
  align: number,
  dictionaryId: number,
  compression: IpcCompression | undefined,
): Pending {
  const pieces = compression === undefined ? parts.pieces : parts.pieces.map((p) => compressedPiece(p, compression));
  const pieceOffsets: number[] = [];
  const buffers: [number, number][] = [];
  let at = 0;
  for (const p of pieces) {
    buffers.push([at, p.length]);
    pieceOffsets.push(at);
    at = pad(at + p.length, align);
  }
  const spec: BatchSpec = { length, nodes: parts.nodes, buffers, compression: compression === undefined ? undefined : COMPRESSION_CODE[compression] };
  const meta = kind === 'dictionary' ? dictionaryBatchMessage(dictionaryId, spec, at) : recordBatchMessage(spec, at);
  return { kind, meta, pieces, pieceOffsets, bodyLength: at };
}

/** A piece written out and compressed (with its 8-byte length prefix); empty pieces stay empty. */
function compressedPiece(p: Piece, codec: IpcCompression): Piece {
  if (p.length === 0) return p;
  const raw = new Uint8Array(p.length);
  p.write(raw, 0);
  return copyPiece(compressBuffer(codec, raw));
}

/** What a stream is written from: columns (names may repeat), the row count and the schema metadata. */
interface ColumnsIn {
  readonly columns: readonly Column[];
  readonly height: number;
  readonly metadata: ReadonlyMap<string, string> | undefined;
}

/** The field specs and messages of a frame. */
function plan(frame: ColumnsIn, align: number, compression: IpcCompression | undefined): { fields: FieldSpec[]; pending: Pending[] } {
  const batch: BodyParts = { nodes: [], pieces: [] };
  // Top-level categoricals keep their column index as dictionary id; nested ones follow.
  const sink: DictionarySink = { dictionaries: [], nextId: frame.columns.length };
  const fields = frame.columns.map((c, k) => encodeData(c.name, c.dtype, c.data, c.metadata, batch, sink, k));
  const dicts = sink.dictionaries.map((d) => {
    const parts: BodyParts = { nodes: [], pieces: [] };
    bytesPieces(d.data, parts);
    return pendingBatch('dictionary', d.data.length, parts, align, d.id, compression);
  });
  const schema: Pending = { kind: 'schema', meta: schemaMessage(fields, frame.metadata), pieces: [], pieceOffsets: [], bodyLength: 0 };
  return { fields, pending: [schema, ...dicts, pendingBatch('recordBatch', frame.height, batch, align, -1, compression)] };
}

interface Placed extends IPCMessagePlacement {
  readonly p: Pending;
}

/** Place messages one after another from `start`. */
function place(pending: readonly Pending[], start: number, align: number): { placed: Placed[]; end: number } {
  let at = start;
  const placed: Placed[] = [];
  for (const p of pending) {
    const metadataLength = pad(8 + p.meta.length, align);
    placed.push({ kind: p.kind, offset: at, metadataLength, bodyOffset: at + metadataLength, bodyLength: p.bodyLength, p });
    at += metadataLength + p.bodyLength;
  }
  return { placed, end: at };
}

function writeMessages(target: Uint8Array, placed: readonly Placed[]): void {
  const dv = new DataView(target.buffer, target.byteOffset, target.byteLength);
  for (const m of placed) {
    dv.setUint32(m.offset, 0xffffffff, true);
    dv.setInt32(m.offset + 4, m.metadataLength - 8, true);
    target.set(m.p.meta, m.offset + 8);
    target.fill(0, m.offset + 8 + m.p.meta.length, m.bodyOffset);
    let end = m.bodyOffset;
    m.p.pieces.forEach((piece, i) => {
      const at = m.bodyOffset + m.p.pieceOffsets[i]!;
      target.fill(0, end, at);
      piece.write(target, at);
      end = at + piece.length;
    });
    target.fill(0, end, m.bodyOffset + m.bodyLength);
  }
}

function coreOf(frame: FrameCore | { readonly core: FrameCore }): ColumnsIn {
  if (frame instanceof FrameCore) return { columns: frame.columns, height: frame.height, metadata: frame.schema.metadata };
  if (frame !== null && typeof frame === 'object' && (frame as { core?: unknown }).core instanceof FrameCore) return coreOf(frame.core);
  throw new InvalidArgumentError('expected a DataFrame (or its core)', frame);
}

function checkAlignment(options: IPCLayoutOptions): number {
  const a = options.alignment ?? 64;
  if (a !== 8 && a !== 64) throw new InvalidArgumentError(`alignment must be 8 or 64, got ${String(a)}`, a);
  return a;
}

function checkTarget(target: Uint8Array, byteLength: number): void {
  if (!(target instanceof Uint8Array)) throw new InvalidArgumentError('writeInto expects a Uint8Array', target);
  if (target.length < byteLength) {
    throw new InvalidArgumentError(`writeInto: the target holds ${target.length} bytes but the stream needs ${byteLength}`, target.length);
  }
}

function checkCompression(options: IPCLayoutOptions): IpcCompression | undefined {
  const c = options.compression;
  if (c !== undefined && c !== 'lz4' && c !== 'zstd') throw new InvalidArgumentError(`compression must be 'lz4' or 'zstd', got ${JSON.stringify(c)}`, c);
  return c;
}

/**
 * Plan the Arrow IPC stream of a frame: its total byte length and where each message lands (a
 * schema message, one dictionary batch per categorical column, one record batch, then the
 * end-of-stream marker). Nothing is copied until `writeInto`.
 *
 * @param frame - a `DataFrame`, or its internals (`df.core`).
 * @param options - `alignment` of bodies and buffers (8 or 64; default 64); `compression`
 *   (`'lz4'` | `'zstd'`) of every buffer (compressed when planned, so `byteLength` is exact).
 * @throws InvalidArgumentError for an alignment other than 8 or 64, or an unknown compression.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * const plan = planIPCStream(df);
 * const sab = new SharedArrayBuffer(plan.byteLength);
 * plan.writeInto(new Uint8Array(sab));
 * // The columns read back are views over `sab`:
 * const back = readIPCSync(new Uint8Array(sab));
 * [back.height, back.getColumn('x').data.values.buffer === sab]; // → [ 3, true ]
 * plan.messages.map((m) => m.kind); // → [ 'schema', 'recordBatch' ]
 * ```
 */
export function planIPCStream(frame: FrameCore | { readonly core: FrameCore }, options: IPCLayoutOptions = {}): IPCStreamPlan {
  checkOptions(options, ['alignment', 'compression'], 'planIPCStream');
  return streamPlan(coreOf(frame), checkAlignment(options), checkCompression(options));
}

function streamPlan(core: ColumnsIn, align: number, compression: IpcCompression | undefined): IPCStreamPlan {
  const { pending } = plan(core, align, compression);
  const { placed, end } = place(pending, 0, align);
  const byteLength = end + 8;
  return {
    byteLength,
    messages: placed.map(({ p: _p, ...m }) => m),
    writeInto(target: Uint8Array): void {
      checkTarget(target, byteLength);
      writeMessages(target, placed);
      const dv = new DataView(target.buffer, target.byteOffset, target.byteLength);
      dv.setUint32(end, 0xffffffff, true);
      dv.setUint32(end + 4, 0, true);
    },
  };
}

/**
 * Plan the Arrow IPC file of a frame: `ARROW1` magic, the stream's messages, the footer listing
 * the dictionary and record batch blocks, and the closing magic.
 *
 * @param frame - a `DataFrame`, or its internals (`df.core`).
 * @param options - `alignment` of bodies and buffers (8 or 64; default 64); `compression`
 *   (`'lz4'` | `'zstd'`) of every buffer (compressed when planned, so `byteLength` is exact).
 * @throws InvalidArgumentError for an alignment other than 8 or 64, or an unknown compression.
 * @example
 * ```ts
 * const plan = planIPCFile(DataFrame.fromColumns({ x: [1, 2, 3] }));
 * const bytes = new Uint8Array(plan.byteLength);
 * plan.writeInto(bytes);
 * new TextDecoder().decode(bytes.subarray(0, 6)); // → 'ARROW1'
 * readIPCSync(bytes).height; // → 3
 * ```
 */
export function planIPCFile(frame: FrameCore | { readonly core: FrameCore }, options: IPCLayoutOptions = {}): IPCStreamPlan {
  checkOptions(options, ['alignment', 'compression'], 'planIPCFile');
  return filePlan(coreOf(frame), checkAlignment(options), checkCompression(options));
}

function filePlan(core: ColumnsIn, align: number, compression: IpcCompression | undefined): IPCStreamPlan {
  const { fields, pending } = plan(core, align, compression);
  const { placed, end } = place(pending, align, align);
  const block = (m: Placed): BlockSpec => ({ offset: m.offset, metaDataLength: m.metadataLength, bodyLength: m.bodyLength });
  const footer = footerBytes(
    fields,
    core.metadata,
    placed.filter((m) => m.kind === 'dictionary').map(block),
    placed.filter((m) => m.kind === 'recordBatch').map(block),
  );
  const eos = end;
  const footerStart = eos + 8;
  const byteLength = footerStart + footer.length + 10;
  return {
    byteLength,
    messages: placed.map(({ p: _p, ...m }) => m),
    writeInto(target: Uint8Array): void {
      checkTarget(target, byteLength);
      target.fill(0, 0, align);
      target.set(MAGIC, 0);
      writeMessages(target, placed);
      const dv = new DataView(target.buffer, target.byteOffset, target.byteLength);
      dv.setUint32(eos, 0xffffffff, true);
      dv.setUint32(eos + 4, 0, true);
      target.set(footer, footerStart);
      dv.setInt32(footerStart + footer.length, footer.length, true);
      target.set(MAGIC, footerStart + footer.length + 4);
    },
  };
}

/**
 * Options of {@link encodeIPC} and `df.toIPC()`.
 * @example
 * ```ts
 * const bytes = DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC({ format: 'stream', alignment: 8 });
 * readIPCSync(bytes).getColumn('x').toArray(); // → [ 1, 2, 3 ]
 * const lz4 = DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC({ compression: 'lz4' });
 * readIPCSync(lz4).getColumn('x').toArray(); // → [ 1, 2, 3 ]
 * ```
 */
export interface IPCEncodeOptions extends IPCLayoutOptions {
  /** `'file'` (default: `ARROW1` magic and footer, random access) or `'stream'`. */
  readonly format?: 'file' | 'stream';
}

/**
 * A frame as Arrow IPC bytes (file format by default), its buffers compressed with
 * `compression: 'lz4' | 'zstd'` if asked.
 * @param where - The function named in errors (default `toIPC`).
 * @throws InvalidArgumentError for an unknown format, alignment or compression; UnknownOptionError for an unknown key.
 * @example
 * ```ts
 * import { tableFromIPC } from 'apache-arrow';
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * const bytes = encodeIPC(df.core, { format: 'stream' });
 * tableFromIPC(bytes).getChild('x')!.toArray(); // → Int32Array(3) [ 1, 2, 3 ]
 * ```
 */
export function encodeIPC(core: FrameCore, options: IPCEncodeOptions = {}, where = 'toIPC'): Uint8Array {
  return encodeIPCColumns(core.columns, core.height, core.schema.metadata, options, where);
}

/**
 * Columns as Arrow IPC bytes, without a frame: names may repeat (valid Arrow, refused by a frame).
 * @throws As {@link encodeIPC}.
 * @example
 * ```ts
 * import { decodeIPCColumns } from './decode.js';
 * const x = DataFrame.fromColumns({ x: [1, 2] }).getColumn('x');
 * const bytes = encodeIPCColumns([x, x], 2, undefined, { format: 'stream' });
 * decodeIPCColumns(bytes).columns.map((c) => c.name); // → [ 'x', 'x' ]
 * ```
 */
export function encodeIPCColumns(
  columns: readonly Column[],
  height: number,
  metadata: ReadonlyMap<string, string> | undefined,
  options: IPCEncodeOptions = {},
  where = 'toIPC',
): Uint8Array {
  const frame: ColumnsIn = { columns, height, metadata };
  checkOptions(options, ['format', 'alignment', 'compression'], where);
  const format = options.format ?? 'file';
  if (format !== 'file' && format !== 'stream') throw new InvalidArgumentError(`format must be 'file' or 'stream', got ${JSON.stringify(format)}`, format);
  const align = checkAlignment(options);
  const compression = checkCompression(options);
  const p = format === 'file' ? filePlan(frame, align, compression) : streamPlan(frame, align, compression);
  const out = new Uint8Array(p.byteLength);
  p.writeInto(out);
  return out;
}
