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
import type { Data } from 'apache-arrow';
import { FrameCore } from '../../core/frame-core.js';
import type { Column } from '../../column/column.js';
import { decodeDictionary } from '../../column/access.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { heapAllocator } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { MAGIC } from './constants.js';
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

/** A piece of a body: its length and how to write it at an offset of the target. */
interface Piece {
  readonly length: number;
  write(target: Uint8Array, at: number): void;
}

function bytesOf(a: ArrayBufferView, byteLength: number): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, byteLength);
}

function copyPiece(src: Uint8Array): Piece {
  return { length: src.length, write: (t, at) => t.set(src, at) };
}

/** `n` bits of `bits` from bit `offset`, shifted to bit 0. */
function bitsPiece(bits: Uint8Array | null | undefined, offset: number, n: number): Piece {
  const len = bitmapBytes(n);
  if (bits === null || bits === undefined) return { length: len, write: (t, at) => t.fill(0xff, at, at + len) };
  if ((offset & 7) === 0) return copyPiece(bits.subarray(offset >> 3, (offset >> 3) + len));
  return {
    length: len,
    write(t, at) {
      t.fill(0, at, at + len);
      for (let i = 0; i < n; i++) {
        const j = i + offset;
        if ((bits[j >> 3]! & (1 << (j & 7))) !== 0) t[at + (i >> 3)]! |= 1 << (i & 7);
      }
    },
  };
}

/** Offsets rebased to start at 0. */
function offsetsPiece(offsets: Int32Array, n: number): Piece {
  const first = offsets[0]!;
  if (first === 0) return copyPiece(bytesOf(offsets, 4 * (n + 1)));
  return {
    length: 4 * (n + 1),
    write(t, at) {
      const dv = new DataView(t.buffer, t.byteOffset + at, 4 * (n + 1));
      for (let i = 0; i <= n; i++) dv.setInt32(4 * i, offsets[i]! - first, true);
    },
  };
}

const EMPTY = new Uint8Array(0);
const EMPTY_PIECE: Piece = copyPiece(EMPTY);

/** The buffers of a utf8 `Data` (validity, offsets, bytes) and its node. */
function utf8Pieces(d: Data): { node: [number, number]; pieces: Piece[] } {
  const n = d.length;
  const offs = d.valueOffsets as Int32Array;
  const bytes = (d.values as Uint8Array).subarray(offs[0]!, offs[n]!);
  return {
    node: [n, d.nullCount],
    pieces: [d.nullCount > 0 ? bitsPiece(d.nullBitmap, d.offset, n) : EMPTY_PIECE, offsetsPiece(offs, n), copyPiece(bytes)],
  };
}

/** The dictionary of a categorical column as one utf8 `Data`. */
function dictionaryData(d: Data): Data {
  const chunks = d.dictionary!.data;
  if (chunks.length === 1 && chunks[0]!.nullCount === 0) return chunks[0]!;
  const strings = decodeDictionary(d.dictionary!);
  const b = new Utf8Bytes(heapAllocator, strings.length, 64);
  for (const s of strings) b.push(s);
  const { bytes, offsets } = b.finish();
  return { length: strings.length, nullCount: 0, offset: 0, values: bytes, valueOffsets: offsets, nullBitmap: undefined } as unknown as Data;
}

/** The node and buffers of one column. */
function columnPieces(c: Column): { node: [number, number]; pieces: Piece[] } {
  const d = c.data;
  const n = d.length;
  const validity = d.nullCount > 0 ? bitsPiece(d.nullBitmap, d.offset, n) : EMPTY_PIECE;
  switch (c.dtype.kind) {
    case 'utf8':
      return utf8Pieces(d);
    case 'bool':
      return { node: [n, d.nullCount], pieces: [validity, bitsPiece(d.values as Uint8Array, d.offset, n)] };
    default: {
      const v = d.values as Uint8Array;
      return { node: [n, d.nullCount], pieces: [validity, copyPiece(bytesOf(v, n * v.BYTES_PER_ELEMENT))] };
    }
  }
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
  cols: readonly { node: [number, number]; pieces: Piece[] }[],
  align: number,
  dictionaryId: number,
  compression: IpcCompression | undefined,
): Pending {
  if (compression !== undefined) cols = cols.map((c) => ({ node: c.node, pieces: c.pieces.map((p) => compressedPiece(p, compression)) }));
  const pieces: Piece[] = [];
  const pieceOffsets: number[] = [];
  const buffers: [number, number][] = [];
  let at = 0;
  for (const c of cols) {
    for (const p of c.pieces) {
      buffers.push([at, p.length]);
      pieces.push(p);
      pieceOffsets.push(at);
      at = pad(at + p.length, align);
    }
  }
  const spec: BatchSpec = { length, nodes: cols.map((c) => c.node), buffers, compression: compression === undefined ? undefined : COMPRESSION_CODE[compression] };
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

/** The field specs and messages of a frame. */
function plan(core: FrameCore, align: number, compression?: IpcCompression): { fields: FieldSpec[]; pending: Pending[] } {
  const fields: FieldSpec[] = [];
  const dicts: Pending[] = [];
  core.columns.forEach((c, k) => {
    let dictionary: FieldSpec['dictionary'];
    if (c.dtype.kind === 'categorical') {
      const t = c.data.type as unknown as { indices: { bitWidth: number; isSigned: boolean } };
      dictionary = { id: k, bitWidth: t.indices.bitWidth, signed: t.indices.isSigned };
      const dict = dictionaryData(c.data);
      dicts.push(pendingBatch('dictionary', dict.length, [utf8Pieces(dict)], align, k, compression));
    }
    fields.push(dictionary === undefined ? { name: c.name, dtype: c.dtype, metadata: c.metadata } : { name: c.name, dtype: c.dtype, metadata: c.metadata, dictionary });
  });
  const batch = pendingBatch('recordBatch', core.height, core.columns.map(columnPieces), align, -1, compression);
  const schema: Pending = { kind: 'schema', meta: schemaMessage(fields, core.schema.metadata), pieces: [], pieceOffsets: [], bodyLength: 0 };
  return { fields, pending: [schema, ...dicts, batch] };
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

function coreOf(frame: FrameCore | { readonly core: FrameCore }): FrameCore {
  if (frame instanceof FrameCore) return frame;
  if (frame !== null && typeof frame === 'object' && (frame as { core?: unknown }).core instanceof FrameCore) return frame.core;
  throw new InvalidArgumentError('expected a DataFrame (or its core)', frame);
}

function checkAlignment(options: IPCLayoutOptions): number {
  const a = options.alignment ?? 64;
  if (a !== 8 && a !== 64) throw new InvalidArgumentError(`alignment must be 8 or 64, got ${String(a)}`, a);
  return a;
}

function checkCompression(options: IPCLayoutOptions): IpcCompression | undefined {
  const c = options.compression;
  if (c !== undefined && c !== 'lz4' && c !== 'zstd') throw new InvalidArgumentError(`compression must be 'lz4' or 'zstd', got ${JSON.stringify(c)}`, c);
  return c;
}

function checkTarget(target: Uint8Array, byteLength: number): void {
  if (!(target instanceof Uint8Array)) throw new InvalidArgumentError('writeInto expects a Uint8Array', target);
  if (target.length < byteLength) {
    throw new InvalidArgumentError(`writeInto: the target holds ${target.length} bytes but the stream needs ${byteLength}`, target.length);
  }
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
  const core = coreOf(frame);
  const align = checkAlignment(options);
  const compression = checkCompression(options);
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
  const core = coreOf(frame);
  const align = checkAlignment(options);
  const compression = checkCompression(options);
  const { fields, pending } = plan(core, align, compression);
  const { placed, end } = place(pending, align, align);
  const block = (m: Placed): BlockSpec => ({ offset: m.offset, metaDataLength: m.metadataLength, bodyLength: m.bodyLength });
  const footer = footerBytes(
    fields,
    core.schema.metadata,
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
  checkOptions(options, ['format', 'alignment', 'compression'], where);
  const format = options.format ?? 'file';
  if (format !== 'file' && format !== 'stream') throw new InvalidArgumentError(`format must be 'file' or 'stream', got ${JSON.stringify(format)}`, format);
  const layout: IPCLayoutOptions = { ...(options.alignment === undefined ? {} : { alignment: options.alignment }), ...(options.compression === undefined ? {} : { compression: options.compression }) };
  const p = format === 'file' ? planIPCFile(core, layout) : planIPCStream(core, layout);
  const out = new Uint8Array(p.byteLength);
  p.writeInto(out);
  return out;
}
