/** `writeIPC`: a frame to an Arrow IPC file or stream. */
import { checkOptions } from '../../util/options.js';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError } from '../../errors.js';
import { writeChunks } from '../write-stream.js';
import { encodeIPC, type IPCEncodeOptions } from '../../codec/ipc/layout.js';
import type { DataFrame } from '../../frame/dataframe.js';

/**
 * Options of {@link writeIPC} and `df.toIPC()`.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2] });
 * await writeIPC(df, 'out.arrows', { format: 'stream', alignment: 8 });
 * (await readIPC('out.arrows')).getColumn('x').toArray(); // → [ 1, 2 ]
 * await writeIPC(df, 'small.arrow', { compression: 'zstd' });
 * (await readIPC('small.arrow')).getColumn('x').toArray(); // → [ 1, 2 ]
 * ```
 */
export interface IpcWriteOptions extends IPCEncodeOptions {
  /** End a stream destination when written (default `true`); a file path is always closed. */
  readonly end?: boolean;
}

/**
 * Where {@link writeIPC} writes: a file path (string or `file:` URL) or a writable stream.
 * @example
 * ```ts
 * import { createWriteStream, readFileSync } from 'node:fs';
 * const df = DataFrame.fromColumns({ x: [1, 2] });
 * const out = createWriteStream('out.arrows');
 * await writeIPC(df, out, { format: 'stream' });
 * readIPCSync(readFileSync('out.arrows')).height; // → 2
 * ```
 */
export type IpcDestination = string | URL | NodeJS.WritableStream;

/**
 * Write a frame as Arrow IPC — the file format (default; `ARROW1` magic and footer, what
 * `.arrow` / Feather v2 readers expect) or the stream format — to a file or a writable stream.
 * Every dtype is written, nested children included (lists, structs, maps, unions, decimals of
 * every width, every temporal unit); a sliced column is written compact (offsets rebased, children
 * cut to the rows used). Metadata is written as Arrow's FlatBuffers messages, bodies and buffers
 * 64-byte aligned, categoricals (at any depth) as dictionary batches, and schema, field and child
 * field custom metadata (extension names) kept. With
 * `compression: 'lz4'` or `'zstd'` each buffer is compressed as Arrow's `BodyCompression` says
 * (pyarrow, polars and Arrow C++ read it; apache-arrow JS does not). The bytes are exactly
 * `df.toIPC(options)`.
 *
 * @param df - The frame.
 * @param dest - A file path (created or truncated) or a Node writable stream.
 * @param options - `format` (`'file'` | `'stream'`), `alignment` (64 or 8), `compression`
 *   (`'lz4'` | `'zstd'`; default none), `end` for streams.
 * @returns A promise that resolves when every byte is written and a file is closed.
 * @throws InvalidArgumentError (as a rejection) for invalid options.
 * @throws The destination's own error (as a rejection), e.g. `ENOENT` for a missing folder.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { tableFromIPC } from 'apache-arrow';
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] }, { schema: { x: int32() } });
 * await writeIPC(df, 'out.arrow');
 * const bytes = readFileSync('out.arrow');
 * new TextDecoder().decode(bytes.subarray(0, 6)); // → 'ARROW1'
 * tableFromIPC(bytes).getChild('x')!.toArray(); // → Int32Array(3) [ 1, 2, 3 ]
 * ```
 */
export async function writeIPC(df: DataFrame, dest: IpcDestination, options: IpcWriteOptions = {}): Promise<void> {
  checkOptions(options, ['format', 'alignment', 'compression', 'end'], 'writeIPC');
  const { end, ...encode } = options;
  const bytes = encodeIPC(df.core, encode, 'writeIPC');
  if (typeof dest === 'string' || dest instanceof URL) await pipeline(Readable.from([bytes], { objectMode: false }), createWriteStream(dest));
  else if (dest !== null && typeof dest === 'object' && typeof (dest as NodeJS.WritableStream).write === 'function') {
    await writeChunks([bytes], dest, end ?? true);
  } else throw new InvalidArgumentError('writeIPC expects a file path, a file: URL or a writable stream', dest);
}
