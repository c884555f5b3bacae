/**
 * Input files of the `colframe` command: the format from the extension and the first bytes
 * (Arrow IPC by its magic), the CSV delimiter sniffed from the first lines, and reading the first
 * rows or the whole file with the library's readers.
 */
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
  readonly path: string;
  readonly format: FileFormat;
  /** File size in bytes. */
  readonly size: number;
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
  const st = await stat(path);
  if (st.isDirectory()) throw new InvalidArgumentError('is a directory, not a data file', path);
  const fh = await open(path, 'r');
  let head: Uint8Array;
  try {
    const buf = new Uint8Array(Math.min(st.size, 1 << 16));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  // A gzip file: look at (the start of) its text, as the readers gunzip it.
  const gz = isGzipBytes(head);
  if (gz) head = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  if (st.size === 0) throw new InvalidArgumentError('empty file', path);
  const ext = formatExtension(path);
  const format = options.format ?? (isArrow(head) && !gz ? 'ipc' : EXTENSIONS[ext]);
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
  }
  // JSON: a file starting with '[' is an array of records, one starting with '{' is NDJSON,
  // whatever its extension says (so a .json file of NDJSON reads).
  const first = head.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
  const json = format === 'json' || format === 'ndjson' ? (first === 0x5b ? 'json' : first === 0x7b ? 'ndjson' : format) : format;
  const delimiter = options.delimiter ?? delimiterOfPath(path) ?? (format === 'csv' ? sniffDelimiter(head) : ',');
  return { path, format: json, size: st.size, delimiter, ...(options.nullValues === undefined ? {} : { nullValues: options.nullValues }) };
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
      return readCSV(info.path, csvOptions(info, plan));
    case 'ipc': {
      const df = await readIPC(info.path, plan.columns === undefined ? {} : { columns: plan.columns });
      return plan.maxRows === undefined ? df : df.head(plan.maxRows);
    }
    case 'json':
    case 'ndjson': {
      const df = await readJSON(info.path, {
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
  return scanCSV(info.path, { ...csvOptions(info, plan), batchSize: 65_536 });
}
