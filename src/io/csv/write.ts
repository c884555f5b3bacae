/** `writeCSV`: a frame to a CSV file or stream, in chunks, with backpressure. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { isGzipPath } from '../paths.js';
import { writeChunks } from '../write-stream.js';
import { CsvEncoder, type CsvWriteOptions } from '../../codec/csv.js';
import { CSV_WRITE_OPTIONS } from '../../codec/csv-quote.js';
import { checkOptions } from '../../util/options.js';
import type { DataFrame } from '../../frame/dataframe.js';

/**
 * Where `writeCSV` writes: a file path (string or `file:` URL, created or truncated) or a writable stream.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * const df = DataFrame.fromRecords([{ id: 1, city: 'Oslo' }]);
 * await writeCSV(df, pathToFileURL('out.csv'));
 * readFileSync('out.csv', 'utf8'); // → 'id,city\n1,Oslo\n'
 * await writeCSV(df, process.stdout, { end: false });
 * // prints:
 * // id,city
 * // 1,Oslo
 * ```
 */
export type CsvDestination = string | URL | NodeJS.WritableStream;

/**
 * Options of `writeCSV`: those of `df.toCSV()`, plus what to do with a stream destination.
 * @example
 * ```ts
 * import { createWriteStream, readFileSync } from 'node:fs';
 * const first = DataFrame.fromRecords([{ id: 1 }]);
 * const second = DataFrame.fromRecords([{ id: 2 }]);
 * const out = createWriteStream('all.csv');
 * await writeCSV(first, out, { end: false });
 * // Appended without a second header; this one ends `out`:
 * await writeCSV(second, out, { header: false });
 * readFileSync('all.csv', 'utf8'); // → 'id\n1\n2\n'
 * ```
 */
export interface CsvWriteStreamOptions extends CsvWriteOptions {
  /**
   * End a stream destination when the frame is written (default `true`). Pass `false` to keep it
   * open, e.g. for `process.stdout` or to append more frames. A file path is always closed.
   */
  end?: boolean;
}

/**
 * Write a frame as CSV to a file or a stream. Rows are encoded in chunks of about 64 KiB and
 * written as the destination takes them (backpressure), so the whole text is never in memory.
 * The bytes are exactly those of `df.toCSV(options)` encoded as UTF-8 (gzip-compressed when the
 * path ends with `.gz`); see `formatCSV` for how values are written and when fields are quoted.
 *
 * @param df - The frame.
 * @param dest - A file path (string or `file:` URL) or a Node writable stream.
 * @param options - `header` (default true), `delimiter` (`,`), `quote` (`"`), `lineEnding`
 *   (`\n` or `\r\n`), `bom` (false), `nullValue` (empty), and `end` for streams (true).
 * @returns A promise that resolves once every byte is written and a file is closed (a stream
 *   destination is ended and finished unless `end: false`).
 * @throws InvalidArgumentError (as a rejection, before the destination is touched) for invalid options.
 * @throws The destination's own error (as a rejection), e.g. `EISDIR` for a directory path or
 *   `ENOENT` for a missing folder. A file may be left partly written.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const df = DataFrame.fromRecords([{ id: 1, note: 'a, b' }, { id: 2, note: null }]);
 * await writeCSV(df, 'out.csv');
 * console.log(readFileSync('out.csv', 'utf8'));
 * // prints:
 * // id,note
 * // 1,"a, b"
 * // 2,
 * ```
 */
export async function writeCSV(df: DataFrame, dest: CsvDestination, options: CsvWriteStreamOptions = {}): Promise<void> {
  checkOptions(options, [...CSV_WRITE_OPTIONS, 'end'], 'writeCSV');
  const { end, ...format } = options;
  const encoder = new CsvEncoder(df.core, format, 'writeCSV');
  if (typeof dest === 'string' || dest instanceof URL) {
    const path = typeof dest === 'string' ? dest : fileURLToPath(dest);
    if (isGzipPath(path)) await pipeline(Readable.from(encoder, { objectMode: false }), createGzip(), createWriteStream(path));
    else await pipeline(Readable.from(encoder, { objectMode: false }), createWriteStream(path));
  } else {
    await writeChunks(encoder, dest, end ?? true);
  }
}
