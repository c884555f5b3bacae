/** `writeIPC`: a frame to an Arrow IPC file or stream. */
import { checkOptions } from '../../util/options.js';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError } from '../../errors.js';
import { encodeIPC, type IPCEncodeOptions } from '../../format/ipc/layout.js';
import type { DataFrame } from '../../frame/dataframe.js';

/**
 * Options of {@link writeIPC} and `df.toIPC()`.
 * @example
 * ```ts
 * await writeIPC(df, 'out.arrows', { format: 'stream' });
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
 * await writeIPC(df, process.stdout, { format: 'stream', end: false });
 * ```
 */
export type IpcDestination = string | URL | NodeJS.WritableStream;

/**
 * Write a frame as Arrow IPC — the file format (default; `ARROW1` magic and footer, what
 * `.arrow` / Feather v2 readers expect) or the stream format — to a file or a writable stream.
 * Metadata is written as Arrow's FlatBuffers messages, bodies and buffers 64-byte aligned,
 * categorical columns as dictionary batches, and schema and field custom metadata kept. The
 * bytes are exactly `df.toIPC(options)`.
 *
 * @param df - The frame.
 * @param dest - A file path (created or truncated) or a Node writable stream.
 * @param options - `format` (`'file'` | `'stream'`), `alignment` (64 or 8), `end` for streams.
 * @returns A promise that resolves when every byte is written and a file is closed.
 * @throws InvalidArgumentError (as a rejection) for invalid options.
 * @throws The destination's own error (as a rejection), e.g. `ENOENT` for a missing folder.
 * @example
 * ```ts
 * await writeIPC(df, 'out.arrow');
 * tableFromIPC(readFileSync('out.arrow')).numRows === df.height; // true
 * ```
 */
export async function writeIPC(df: DataFrame, dest: IpcDestination, options: IpcWriteOptions = {}): Promise<void> {
  checkOptions(options, ['format', 'alignment', 'end'], 'writeIPC');
  const { end, ...encode } = options;
  const bytes = encodeIPC(df.core, encode, 'writeIPC');
  const source = Readable.from([bytes], { objectMode: false });
  if (typeof dest === 'string' || dest instanceof URL) await pipeline(source, createWriteStream(dest));
  else if (dest !== null && typeof dest === 'object' && typeof (dest as NodeJS.WritableStream).write === 'function') {
    await pipeline(source, dest, { end: end ?? true });
  } else throw new InvalidArgumentError('writeIPC expects a file path, a file: URL or a writable stream', dest);
}
