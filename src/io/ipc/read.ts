/** `readIPC` / `readIPCSync`: Arrow IPC files and streams into frames. */
import { checkOptions } from '../../util/options.js';
import { open } from 'node:fs/promises';
import { InvalidArgumentError } from '../../errors.js';
import type { Int64Repr } from '../../dtype/dtype.js';
import { DataFrame } from '../../frame/dataframe.js';
import { decodeIPC } from '../../codec/ipc/decode.js';
import { noteBorrowed } from '../../column/detach.js';

/**
 * Options of {@link readIPC} and {@link readIPCSync}.
 * @example
 * ```ts
 * const bytes = DataFrame.fromColumns({ id: [1n, 2n], amount: [2.5, 4], note: ['a', 'b'] }).toIPC();
 * const df = readIPCSync(bytes, { columns: ['id', 'amount'], int64: 'bigint' });
 * df.toRecords(); // → [ { id: 1n, amount: 2.5 }, { id: 2n, amount: 4 } ]
 * ```
 */
export interface IpcReadOptions {
  /**
   * Read only these fields, in this order. Other fields (of any type) are stepped over without
   * being decoded.
   */
  readonly columns?: readonly string[];
  /** How 64-bit integer columns are read: `'number'` (default, checked) or `'bigint'`. */
  readonly int64?: Int64Repr;
  /**
   * Run the checks that look at every value (default `true`): offsets ascending (text, binary,
   * lists, maps) and on UTF-8 boundaries, text valid UTF-8, dictionary indices inside their
   * dictionary, union type ids declared and dense union offsets inside their child, decimals
   * within their precision, null counts matching the validity bitmaps. With `false` only the O(1)-per-buffer checks run (every
   * message, buffer and offset range is still checked against the input), so reading costs the
   * same at 1M or 10M rows; use it only for bytes you wrote yourself, e.g. a frame shared with
   * worker threads.
   */
  readonly checkValues?: boolean;
  /**
   * Refuse a stream that ends without its end-of-stream marker (default `false`). A stream cut
   * exactly between two messages otherwise reads as valid with fewer rows; with `true` it is an
   * `IpcFormatError`. The file format is always checked by its footer and closing magic.
   */
  readonly requireEndOfStream?: boolean;
  /** Called once the input is read, with its format, record batch and row counts and whether a stream ended with its marker. */
  readonly onReadInfo?: (info: IpcReadInfo) => void;
}

/**
 * What {@link readIPC} and {@link readIPCSync} found in the input besides the frame, given to
 * the `onReadInfo` option: a stream without `endOfStream` may have been cut short between two
 * messages (read it with `requireEndOfStream: true` to refuse it).
 * @example
 * ```ts
 * const bytes = DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC({ format: 'stream' });
 * let info: IpcReadInfo | undefined;
 * readIPCSync(bytes, { onReadInfo: (i) => (info = i) });
 * info; // → { format: 'stream', recordBatches: 1, rows: 3, endOfStream: true }
 * const cut = bytes.subarray(0, bytes.length - 8); // without the 8-byte end-of-stream marker
 * readIPCSync(cut, { onReadInfo: (i) => (info = i) }).height; // → 3
 * info; // → { format: 'stream', recordBatches: 1, rows: 3, endOfStream: false }
 * readIPCSync(cut, { requireEndOfStream: true });
 * // throws IpcFormatError: Arrow IPC, message 2, byte 384: the stream ends after 1 record batch (3 rows) without the end-of-stream marker: it may be cut short
 * ```
 */
export interface IpcReadInfo {
  /** `'file'` (ARROW1 magic and footer) or `'stream'`. */
  readonly format: 'file' | 'stream';
  /** Record batches read. */
  readonly recordBatches: number;
  /** Rows read (before any `columns` selection, which does not change it). */
  readonly rows: number;
  /** Whether the input ended properly: a stream with its end-of-stream marker; always `true` for a file. */
  readonly endOfStream: boolean;
}

/**
 * What {@link readIPC} reads from: a path, a `file:` URL, bytes in memory, or a stream of chunks.
 * @example
 * ```ts
 * import { createReadStream, writeFileSync } from 'node:fs';
 * const df = DataFrame.fromColumns({ x: [1, 2] });
 * writeFileSync('data.arrow', df.toIPC());
 * writeFileSync('data.arrows', df.toIPC({ format: 'stream' }));
 * (await readIPC('data.arrow')).height; // → 2
 * (await readIPC(createReadStream('data.arrows'))).height; // → 2
 * (await readIPC(df.toIPC())).height; // → 2
 * ```
 */
export type IpcSource =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | SharedArrayBuffer
  | AsyncIterable<Uint8Array>
  | NodeJS.ReadableStream;

function bytesOf(input: unknown, fn: string): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  throw new InvalidArgumentError(`${fn} expects a Uint8Array, ArrayBuffer or SharedArrayBuffer of Arrow IPC bytes`, input);
}

function checkIpcOptions(options: IpcReadOptions, where: string): void {
  checkOptions(options, ['columns', 'int64', 'checkValues', 'requireEndOfStream', 'onReadInfo'], where);
  const { columns, int64, checkValues, requireEndOfStream, onReadInfo } = options;
  if (columns !== undefined && (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string'))) {
    throw new InvalidArgumentError('readIPC: columns must be an array of field names', columns);
  }
  if (int64 !== undefined && int64 !== 'number' && int64 !== 'bigint') {
    throw new InvalidArgumentError(`readIPC: int64 must be 'number' or 'bigint', got ${JSON.stringify(int64)}`, int64);
  }
  if (checkValues !== undefined && typeof checkValues !== 'boolean') throw new InvalidArgumentError('readIPC: checkValues must be a boolean', checkValues);
  if (requireEndOfStream !== undefined && typeof requireEndOfStream !== 'boolean') {
    throw new InvalidArgumentError(`${where}: requireEndOfStream must be a boolean`, requireEndOfStream);
  }
  if (onReadInfo !== undefined && typeof onReadInfo !== 'function') throw new InvalidArgumentError(`${where}: onReadInfo must be a function`, onReadInfo);
}

/**
 * Read Arrow IPC bytes already in memory — the file format (`ARROW1` … footer, `.arrow`,
 * `.feather` v2) or the stream format (with or without the 0xFFFFFFFF continuation marker) —
 * into a frame, without copying: for a single record batch every column buffer is a view over
 * `bytes` (a `SharedArrayBuffer` stays shared). Several record batches are joined into one chunk
 * per column, which copies them. A buffer whose offset in `bytes` is not aligned for its element
 * type is copied alone.
 *
 * Every Arrow type reads, nested children included: integers, floats (float16 too), decimals of
 * 32–256 bits, text and bytes (32- and 64-bit offsets, fixed size), dates, times, timestamps and
 * durations in every unit, intervals, lists, large and fixed-size lists, structs, maps, sparse and
 * dense unions (the pre-1.0 layout too), the null type. Types with no dtype of their own are
 * converted as they are read: Utf8View / BinaryView to utf8 / binary, ListView / LargeListView to
 * list / largeList, run-end encoded fields to their values, Date64 to date (a value that is not a
 * whole day is an `IpcFormatError`). Dictionaries of strings (any index type, deltas and
 * replacements, shared, nested) are categorical; dictionaries of other values are decoded.
 * Extension types read as their storage type, their `ARROW:extension:name` / `…:metadata` kept
 * on the column's (or child field's) metadata. Bodies compressed with LZ4 or ZSTD are
 * decompressed (a copy).
 *
 * @param bytes - The IPC bytes.
 * @param options - `columns` to read a subset, `int64: 'bigint'`, `checkValues`,
 *   `requireEndOfStream`, `onReadInfo` (see {@link IpcReadOptions}).
 * @throws IpcFormatError naming the byte offset, message index and field of anything invalid,
 *   including record batches that claim more than 2^31 − 1 rows in all when no column is read
 *   (nothing else bounds the length of a batch without columns).
 * @throws UnsupportedTypeError naming the field and its Arrow type when it cannot be held: a time
 *   zone this runtime does not know, an integer or decimal width Arrow does not define.
 * @throws UnsupportedError for big-endian data, an unknown compression codec and metadata
 *   versions other than V4/V5.
 * @throws InvalidArgumentError for bad options or a column name the input does not have.
 * @example
 * ```ts
 * const bytes = DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC();
 * const df = readIPCSync(bytes);
 * console.log(df.height, df.getColumn('x').data.values.buffer === bytes.buffer);
 * // prints: 3 true
 * ```
 */
export function readIPCSync(bytes: Uint8Array | ArrayBuffer | SharedArrayBuffer, options: IpcReadOptions = {}): DataFrame {
  checkIpcOptions(options, 'readIPCSync');
  const input = bytesOf(bytes, 'readIPCSync');
  noteBorrowed([input.buffer]); // the frame is a view over the caller's bytes: a transfer copies them
  return DataFrame.fromCore(decodeIPC(input, options, options.onReadInfo));
}

/** A whole file in one buffer, read in large reads (fs.promises.readFile reads 512 KiB at a time). */
async function readWhole(path: string | URL): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(out, at, Math.min(size - at, 1 << 30), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? out : out.subarray(0, at);
  } finally {
    await fh.close();
  }
}

async function collect(source: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const c of source) {
    if (!(c instanceof Uint8Array)) throw new InvalidArgumentError('readIPC: a stream source must yield Uint8Array (Buffer) chunks, not strings', c);
    chunks.push(c);
    total += c.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Read an Arrow IPC file or stream into a frame. Takes a file path (string or `file:` URL),
 * bytes in memory (`Uint8Array`, `ArrayBuffer`, `SharedArrayBuffer`; zero-copy as in
 * {@link readIPCSync}), or a Node readable stream / async iterable of `Uint8Array` chunks
 * (gathered into one buffer, then read zero-copy over it).
 *
 * @param source - Where the IPC bytes are.
 * @param options - `columns` to read a subset, `int64: 'bigint'`, `checkValues`,
 *   `requireEndOfStream`, `onReadInfo` (see {@link IpcReadOptions}).
 * @returns A promise of the frame.
 * @throws (as rejections) the errors of {@link readIPCSync}, and the file system's own (`ENOENT` …).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ delay: [5, -3], distance: [400, 1200] });
 * await writeIPC(df, 'flights.arrow');
 * const back = await readIPC('flights.arrow');
 * back.toRecords(); // → [ { delay: 5, distance: 400 }, { delay: -3, distance: 1200 } ]
 * ```
 */
export async function readIPC(source: IpcSource, options: IpcReadOptions = {}): Promise<DataFrame> {
  checkIpcOptions(options, 'readIPC');
  let bytes: Uint8Array;
  if (typeof source === 'string' || source instanceof URL) bytes = await readWhole(source);
  else if (source instanceof Uint8Array || source instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && source instanceof SharedArrayBuffer)) {
    bytes = bytesOf(source, 'readIPC');
    noteBorrowed([bytes.buffer]); // the caller's bytes: a transfer copies them
  } else if (source !== null && typeof source === 'object' && Symbol.asyncIterator in source) {
    bytes = await collect(source as AsyncIterable<unknown>);
    noteBorrowed([bytes.buffer]); // one chunk is read in place, and a chunk may sit in a pooled slab
  } else {
    throw new InvalidArgumentError('readIPC expects a path, a URL, bytes, or a readable stream of Uint8Array chunks', source);
  }
  return DataFrame.fromCore(decodeIPC(bytes, options, options.onReadInfo));
}
