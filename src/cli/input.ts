/**
 * Input files of the `colframe` command: the format from the extension and the first bytes
 * (Arrow IPC by its magic), the CSV delimiter sniffed from the first lines, and reading the first
 * rows or the whole file with the library's readers.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { InvalidArgumentError } from '../errors.js';
import type { DataFrame } from '../frame/dataframe.js';
import { readCSV, scanCSV } from '../io/csv/read.js';
import type { CsvProgress, CsvReadInfo, CsvReadOptions } from '../io/csv/options.js';
import { readIPC } from '../io/ipc/read.js';
import { readJSON } from '../io/json/read.js';
import { delimiterOfPath, formatExtension, isGzipBytes } from '../io/paths.js';

/** A file format the command reads and writes. */
export type FileFormat = 'csv' | 'ipc' | 'json' | 'ndjson';

/** What {@link inspectInput} found out about an input file. */
export interface InputInfo {
  /** The path as given (`-` for standard input). */
  readonly path: string;
  readonly format: FileFormat;
  /** File size in bytes; `undefined` for a pipe, FIFO, device or standard input. */
  readonly size: number | undefined;
  /**
   * The input's bytes for a source that is not a regular file (a pipe, FIFO, device or standard
   * input): it can be read only once, so the readers read it from here and never open it again.
   */
  readonly stream?: InputStream;
  /** The CSV field separator (sniffed unless given). */
  readonly delimiter: string;
  /** CSV texts read as null, when given. */
  readonly nullValues?: readonly string[] | 'common';
}

const EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.tab': 'csv',
  '.txt': 'csv',
  '.arrow': 'ipc',
  '.arrows': 'ipc',
  '.feather': 'ipc',
  '.ipc': 'ipc',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/** The extensions the command knows, for messages. */
export const KNOWN_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

/**
 * The format an output or input path names by its extension.
 * @param path - A file path.
 * @returns The format, or `undefined` for an unknown extension.
 * @example
 * ```ts
 * formatOfExtension('flights.feather'); // → 'ipc'
 * formatOfExtension('report.pdf'); // → undefined
 * ```
 */
export function formatOfExtension(path: string): FileFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

/**
 * The bytes of an input that can be read only once: the start already read (to find the format),
 * then the rest as it comes. {@link InputStream.take} gives them once; a second reader is refused.
 * @example
 * ```ts
 * import { Readable } from 'node:stream';
 * const s = await InputStream.open(Readable.from([Buffer.from('x\n1\n')]), () => undefined);
 * s.head.length; // → 4
 * const chunks = [];
 * for await (const c of s.take()) chunks.push(c);
 * Buffer.concat(chunks).toString(); // → 'x\n1\n'
 * ```
 */
export class InputStream {
  #taken = false;

  private constructor(
    /** The first bytes (up to 64 KiB, or all of a shorter input). */
    readonly head: Uint8Array,
    /** Whether `head` is the whole input. */
    readonly ended: boolean,
    private readonly chunks: readonly Uint8Array[],
    private readonly rest: AsyncIterator<unknown>,
    /** Stop reading (when the command gives up on the input). */
    readonly close: () => void,
  ) {}

  /**
   * Read the first 64 KiB (or all of a shorter input) of `source`.
   * @param source - The stream (a FIFO's read stream, `process.stdin` …).
   * @param close - How to stop reading it.
   */
  static async open(source: AsyncIterable<unknown>, close: () => void): Promise<InputStream> {
    const it = source[Symbol.asyncIterator]();
    const chunks: Uint8Array[] = [];
    let n = 0;
    let ended = false;
    while (n < 1 << 16) {
      const r = await it.next();
      if (r.done === true) {
        ended = true;
        break;
      }
      const c = typeof r.value === 'string' ? Buffer.from(r.value) : (r.value as Uint8Array);
      chunks.push(c);
      n += c.length;
    }
    return new InputStream(Buffer.concat(chunks), ended, chunks, it, close);
  }

  /** Every byte of the input, once. @throws Error when taken a second time. */
  take(): AsyncIterable<Uint8Array> {
    if (this.#taken) throw new Error('the input is a stream and was already read');
    this.#taken = true;
    const { chunks, rest, ended } = this;
    return {
      async *[Symbol.asyncIterator]() {
        yield* chunks;
        if (ended) return;
        for (;;) {
          const r = await rest.next();
          if (r.done === true) return;
          yield typeof r.value === 'string' ? Buffer.from(r.value) : (r.value as Uint8Array);
        }
      },
    };
  }
}

const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

function isArrow(head: Uint8Array): boolean {
  if (head.length >= 6 && ARROW_MAGIC.every((b, i) => head[i] === b)) return true;
  // An IPC stream starts with the continuation marker 0xFFFFFFFF and a metadata length.
  return head.length >= 8 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff;
}

/** Candidate delimiters, in order of preference on a tie. */
const DELIMITERS = [',', '\t', ';', '|'];

/**
 * The CSV delimiter of a sample: the candidate (`,` tab `;` `|`) that appears, outside quotes,
 * the same number of times on most of the first lines, preferring more fields; `,` when none does.
 * @param sample - The first bytes of the file (a partial last line is ignored).
 * @example
 * ```ts
 * sniffDelimiter(Buffer.from('a;b;c\n1;2;3\n')); // → ';'
 * ```
 */
export function sniffDelimiter(sample: Uint8Array): string {
  const text = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength).toString('utf8');
  const counts = DELIMITERS.map(() => [] as number[]);
  let inQuote = false;
  let line = DELIMITERS.map(() => 0);
  let lines = 0;
  for (let i = 0; i < text.length && lines < 50; i++) {
    const c = text[i]!;
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && c === '\n') {
      line.forEach((n, k) => counts[k]!.push(n));
      line = DELIMITERS.map(() => 0);
      lines++;
    } else if (!inQuote) {
      const k = DELIMITERS.indexOf(c);
      if (k >= 0) line[k]!++;
    }
  }
  if (lines === 0) line.forEach((n, k) => counts[k]!.push(n));
  let best = ',';
  let bestScore = 0;
  DELIMITERS.forEach((d, k) => {
    const cs = counts[k]!;
    const first = cs[0] ?? 0;
    if (first === 0) return;
    const consistent = cs.filter((n) => n === first).length / cs.length;
    const score = consistent * 1000 + Math.min(first, 999);
    if (consistent >= 0.5 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  });
  return best;
}

/**
 * Look at an input file: its format (the `format` given, else Arrow IPC by its magic bytes, else
 * the extension, looking through `.gz`), size and CSV delimiter (tab for `.tsv` / `.tab`, else
 * sniffed). A gzip file (by its magic bytes) is looked at through gunzip.
 * @param path - The file.
 * @param options - `format` to override detection, `delimiter` to skip sniffing, `nullValues`
 *   for the CSV readers.
 * @throws InvalidArgumentError for a directory, an empty file, an unknown extension, or binary
 *   bytes (a NUL) at the start of a file read as text.
 * @throws Error from `fs` (`ENOENT`, `EACCES`) for a missing or unreadable file.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('weather.csv', 'date;temp\n2012-01-01;12.8\n');
 * await inspectInput('weather.csv'); // → { path: 'weather.csv', format: 'csv', size: 26, delimiter: ';' }
 * ```
 */
export async function inspectInput(
  path: string,
  options: { format?: FileFormat; delimiter?: string; nullValues?: readonly string[] | 'common' } = {},
): Promise<InputInfo> {
  let head: Uint8Array;
  let size: number | undefined;
  let stream: InputStream | undefined;
  const st = path === '-' ? undefined : await stat(path);
  if (st?.isDirectory() === true) throw new InvalidArgumentError('is a directory, not a data file', path);
  if (st !== undefined && st.isFile()) {
    const fh = await open(path, 'r');
    try {
      const buf = new Uint8Array(Math.min(st.size, 1 << 16));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
    size = st.size;
  } else {
    // Standard input, a pipe, a FIFO or a device: opened once and read as a stream, whose first
    // bytes are kept for the readers (a FIFO opened a second time would lose them).
    const source = path === '-' ? process.stdin : createReadStream(path);
    stream = await InputStream.open(source, () => source.destroy());
    head = stream.head;
    size = undefined;
  }
  try {
    return inspectHead(path, head, size, stream, options);
  } catch (e) {
    stream?.close();
    throw e;
  }
}

function inspectHead(
  path: string,
  head: Uint8Array,
  size: number | undefined,
  stream: InputStream | undefined,
  options: { format?: FileFormat; delimiter?: string; nullValues?: readonly string[] | 'common' },
): InputInfo {
  // A gzip file: look at (the start of) its text, as the readers gunzip it.
  const gz = isGzipBytes(head);
  if (gz) head = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  if (size === 0 || (stream !== undefined && stream.head.length === 0)) throw new InvalidArgumentError(stream === undefined ? 'empty file' : 'empty input (nothing was read)', path);
  const ext = formatExtension(path);
  // A stream's name seldom has an extension (`-`, /dev/stdin, a FIFO): JSON by its first byte, else CSV.
  const byContent = stream === undefined || ext !== '' ? undefined : firstByte(head) === 0x5b || firstByte(head) === 0x7b ? 'json' : 'csv';
  const format = options.format ?? (isArrow(head) && !gz ? 'ipc' : (EXTENSIONS[ext] ?? byContent));
  if (format === undefined) {
    throw new InvalidArgumentError(
      `unknown file type ${ext === '' ? '(no extension)' : JSON.stringify(ext)}; expected one of ${KNOWN_EXTENSIONS.join(' ')} or --format csv|ipc|json|ndjson`,
      path,
    );
  }
  if (format !== 'ipc') {
    const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
    const nul = utf16 ? -1 : head.indexOf(0);
    if (nul >= 0) throw new InvalidArgumentError(`binary data, not ${format === 'csv' ? 'CSV' : 'JSON'} text (a NUL byte at byte ${nul})`, path);
    if (stream !== undefined && !stream.ended && head.indexOf(0x0a) < 0 && head.indexOf(0x0d) < 0) {
      throw new InvalidArgumentError(`no line end in the first ${head.length.toLocaleString('en-US')} bytes: not ${format === 'csv' ? 'CSV' : 'JSON'} text`, path);
    }
  }
  // JSON: a file starting with '[' is an array of records, one starting with '{' is NDJSON,
  // whatever its extension says (so a .json file of NDJSON reads).
  const first = firstByte(head);
  const json = format === 'json' || format === 'ndjson' ? (first === 0x5b ? 'json' : first === 0x7b ? 'ndjson' : format) : format;
  const delimiter = options.delimiter ?? delimiterOfPath(path) ?? (format === 'csv' ? sniffDelimiter(head) : ',');
  return {
    path,
    format: json,
    size,
    delimiter,
    ...(options.nullValues === undefined ? {} : { nullValues: options.nullValues }),
    ...(stream === undefined ? {} : { stream }),
  };
}

/** The first byte that is not white space or a UTF-8 byte order mark. */
function firstByte(head: Uint8Array): number | undefined {
  return head.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
}

/** How the command reads an input. */
export interface ReadPlan {
  /** Read only these columns (all when undefined). */
  readonly columns?: readonly string[] | undefined;
  /** Stop after this many rows. */
  readonly maxRows?: number;
  /** Called as a CSV read goes. */
  readonly onProgress?: (p: CsvProgress) => void;
  /** Called at the end of a CSV read with what it did. */
  readonly onReadInfo?: (info: CsvReadInfo) => void;
}

function csvOptions(info: InputInfo, plan: ReadPlan): CsvReadOptions {
  const o: CsvReadOptions = { delimiter: info.delimiter };
  if (plan.columns !== undefined) o.columns = plan.columns;
  if (plan.maxRows !== undefined) o.maxRows = plan.maxRows;
  if (plan.onProgress !== undefined) o.onProgress = plan.onProgress;
  if (plan.onReadInfo !== undefined) o.onReadInfo = plan.onReadInfo;
  if (info.nullValues !== undefined) o.nullValues = info.nullValues;
  return o;
}

/**
 * Read an input (all of it, or its first `maxRows` rows) into a frame with the reader its format
 * calls for. Arrow IPC is always read whole (it is read without parsing) and then cut.
 * @param info - What {@link inspectInput} returned.
 * @param plan - Columns, row limit, progress callback.
 * @throws The readers' typed errors (CsvParseError, JsonParseError, IpcFormatError, ColumnNotFoundError).
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('big.csv', 'x\n1\n2\n3\n4\n');
 * const df = await readInput(await inspectInput('big.csv'), { maxRows: 2 });
 * df.getColumn('x').toArray(); // → [ 1, 2 ]
 * ```
 */
export async function readInput(info: InputInfo, plan: ReadPlan = {}): Promise<DataFrame> {
  switch (info.format) {
    case 'csv':
      return readCSV(info.stream?.take() ?? info.path, csvOptions(info, plan));
    case 'ipc': {
      const df = await readIPC(info.stream?.take() ?? info.path, plan.columns === undefined ? {} : { columns: plan.columns });
      return plan.maxRows === undefined ? df : df.head(plan.maxRows);
    }
    case 'json':
    case 'ndjson': {
      const df = await readJSON(info.stream?.take() ?? info.path, {
        format: info.format === 'json' ? 'records' : 'ndjson',
        ...(plan.maxRows === undefined ? {} : { maxRows: plan.maxRows }),
      });
      return plan.columns === undefined ? df : df.select(plan.columns as string[]);
    }
  }
}

/**
 * A CSV input in batches (`scanCSV`), for streaming conversion. Dtypes are fixed by the first
 * rows, so a later value that does not fit throws `CsvParseError` (the caller reads whole instead).
 * @param info - A CSV input.
 * @param plan - Columns and progress callback.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('big.csv', 'x\n1\n2\n3\n');
 * for await (const batch of scanInput(await inspectInput('big.csv'))) console.log(batch.height);
 * // prints: 3
 * ```
 */
export function scanInput(info: InputInfo, plan: ReadPlan = {}): AsyncGenerator<DataFrame> {
  return scanCSV(info.stream?.take() ?? info.path, { ...csvOptions(info, plan), batchSize: 65_536 });
}
