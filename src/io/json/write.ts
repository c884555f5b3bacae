/** `writeJSON`: a frame to a JSON or NDJSON file or stream, in chunks, with backpressure. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { isGzipPath } from '../paths.js';
import { writeChunks } from '../write-stream.js';
import { checkOptions } from '../../util/options.js';
import { JsonEncoder, resolveJsonFormat, type JsonWriteOptions } from '../../codec/json.js';
import type { DataFrame } from '../../frame/dataframe.js';
import { formatOfPath } from './read.js';

/**
 * Where `writeJSON` writes: a file path (string or `file:` URL, created or truncated) or a writable stream.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const df = DataFrame.fromRecords([{ id: 1, ok: true }]);
 * await writeJSON(df, 'out.ndjson');
 * readFileSync('out.ndjson', 'utf8'); // → '{"id":1,"ok":true}\n'
 * await writeJSON(df, process.stdout, { format: 'ndjson', end: false });
 * // prints: {"id":1,"ok":true}
 * ```
 */
export type JsonDestination = string | URL | NodeJS.WritableStream;

/**
 * Options of `writeJSON`: the format, plus what to do with a stream destination.
 * @example
 * ```ts
 * import { createWriteStream, readFileSync } from 'node:fs';
 * const first = DataFrame.fromRecords([{ id: 1 }]);
 * const second = DataFrame.fromRecords([{ id: 2 }]);
 * const out = createWriteStream('all.ndjson');
 * await writeJSON(first, out, { format: 'ndjson', end: false });
 * // Appended; this one ends `out`:
 * await writeJSON(second, out, { format: 'ndjson' });
 * readFileSync('all.ndjson', 'utf8'); // → '{"id":1}\n{"id":2}\n'
 * ```
 */
export interface JsonWriteStreamOptions extends JsonWriteOptions {
  /**
   * End a stream destination when the frame is written (default `true`). Pass `false` to keep it
   * open, e.g. for `process.stdout` or to append more frames. A file path is always closed.
   */
  end?: boolean;
}

/**
 * Write a frame as JSON to a file or a stream. Rows are encoded in chunks of about 64 KiB straight
 * from the column buffers and written as the destination takes them (backpressure): no object per
 * row, and the whole text is never in memory. The bytes are exactly those of
 * `df.toJSONString(options)` as UTF-8, gzip-compressed when the path ends with `.gz`; see
 * `formatJSON` for how values are written (64-bit integers exact, whole floats with `.0`, dates
 * `"YYYY-MM-DD"`, timestamps ISO 8601 — `Z` only for zoned columns —, NaN and ±Infinity as null:
 * JSON has no spelling for them).
 *
 * @param df - The frame.
 * @param dest - A file path (string or `file:` URL) or a Node writable stream.
 * @param options - `format`: `'records'` (a JSON array, one object per line) or `'ndjson'` (one
 *   object per line); default from a path's extension (`.ndjson`, `.jsonl` → ndjson, also
 *   under `.gz`), else records.
 *   `end` for streams (default true).
 * @returns A promise that resolves once every byte is written and a file is closed (a stream
 *   destination is ended and finished unless `end: false`).
 * @throws InvalidArgumentError (as a rejection, before the destination is touched) for an unknown format.
 * @throws The destination's own error (as a rejection), e.g. `EISDIR` or `ENOENT`. A file may be left partly written.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const df = DataFrame.fromRecords([{ id: 1, note: 'a' }, { id: 2, note: null }]);
 * await writeJSON(df, 'out.ndjson');
 * console.log(readFileSync('out.ndjson', 'utf8'));
 * // prints:
 * // {"id":1,"note":"a"}
 * // {"id":2,"note":null}
 * ```
 */
export async function writeJSON(df: DataFrame, dest: JsonDestination, options: JsonWriteStreamOptions = {}): Promise<void> {
  checkOptions(options, ['format', 'end'], 'writeJSON');
  const { end, ...rest } = options;
  const path = typeof dest === 'string' ? dest : dest instanceof URL ? fileURLToPath(dest) : undefined;
  const format = rest.format ?? (path === undefined ? undefined : formatOfPath(path)) ?? 'records';
  resolveJsonFormat({ format }, 'writeJSON');
  const encoder = new JsonEncoder(df.core, { format }, 'writeJSON');
  if (path !== undefined) {
    if (isGzipPath(path)) await pipeline(Readable.from(encoder, { objectMode: false }), createGzip(), createWriteStream(path));
    else await pipeline(Readable.from(encoder, { objectMode: false }), createWriteStream(path));
  } else {
    await writeChunks(encoder, dest as NodeJS.WritableStream, end ?? true);
  }
}
