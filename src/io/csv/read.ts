/** `readCSV` and `scanCSV`: the public entry points of the CSV reader. */
import { InvalidArgumentError } from '../../errors.js';
import { DataFrame } from '../../frame/dataframe.js';
import type { SchemaShape } from '../../dtype/schema.js';
import type { CsvReadOptions, CsvScanOptions, CsvSource } from './options.js';
import { openSource } from './source.js';
import { CsvReader, RestartAsText } from './reader.js';
import { parallelEligible, readParallel, type ParallelKnobs } from './parallel.js';
import { fileURLToPath } from 'node:url';
import { delimiterOfPath } from '../paths.js';
import { checkOptions } from '../../util/options.js';
import { CSV_READ_OPTIONS, CSV_SCAN_OPTIONS } from './options.js';

/**
 * Read a CSV into a frame. The source is a file path (or `file:` URL), a Buffer/Uint8Array, a
 * Node readable stream (or any async iterable of bytes), or `{ text }` for CSV in a string.
 *
 * Gzip input (`.csv.gz`, or any file, bytes or stream starting with the gzip magic bytes) is
 * gunzipped as a stream on the way; line and byte numbers in errors then count the gunzipped
 * text. A `.tsv` or `.tab` path (also `.tsv.gz`) is read tab-separated unless `delimiter` is given.
 *
 * The input is read in chunks and tokenized on bytes straight into Arrow column buffers: no string
 * per numeric field, no array per row, never one string for the whole input (so files larger than
 * V8's ~512 MB string limit load). Dtypes are inferred from the first `inferSchemaLength` rows
 * (see the inference rules in the README); a later value that does not fit widens its column
 * (int32 → int64 → float64, date → timestamp, a timestamp's unit ms → us → ns, anything → utf8)
 * instead of failing or losing data. ISO timestamps read exactly, their fraction digits as
 * integers: up to 3 digits infer `timestamp[ms]`, 4–6 `timestamp[us]`, 7–9 `timestamp[ns]`
 * (a column takes the finest unit its values need; one whose nanosecond values meet a year
 * outside 1677–2262 is text).
 *
 * Declared `dtypes` (or `schema`) read every value exactly or report it as a bad value: timestamps
 * in their unit (digits beyond it must be zeros), `decimal(p, s)` from its text (too many fraction
 * digits or digits in all is a bad value), `time(unit)` (`10:30:00.123456`), `duration(unit)`
 * (integer counts), `largeUtf8`, bytes as base64 text (`binary`, `largeBinary`,
 * `fixedSizeBinary(n)`), and the null type (empty fields only).
 *
 * @param source Where the CSV comes from.
 * @param options Dialect, header, dtypes, null texts, bad-row policy, progress … (`CsvReadOptions`).
 * @throws CsvParseError naming line, byte, column and a snippet for malformed input (unterminated
 *   quote, wrong field count, a value that does not fit an explicit dtype, invalid UTF-8), unless
 *   `onBadRow` is `'skip'` or `'null'`.
 * @throws UnsupportedTypeError for a declared dtype CSV text cannot hold (lists, structs, maps,
 *   unions, intervals, float16: read them as utf8 and parse, or use JSON / Arrow IPC).
 * @throws ColumnNotFoundError for `columns` / `dtypes` naming a column the file lacks.
 * @throws SchemaError when `schema` and the header disagree.
 * @example
 * ```ts
 * const df = await readCSV({ text: 'city,temp\nOslo,-3.5\nRome,12\n' });
 * console.log(df.schema.toString());
 * // prints: Schema { city: utf8?, temp: float64? }
 * await readCSV({ text: 'id,amount\n1,2.5\n2,x\n' }, { dtypes: { amount: float64() } });
 * // throws CsvParseError: CSV line 3 (byte 18), column "amount": "x" does not fit float64: x↵
 * const t = await readCSV({ text: 't\n2024-05-01T10:00:00.123456789Z\n' });
 * console.log(String(t.schema.get('t')), String(t.row(0).t));
 * // prints: timestamp[ns, UTC]? 2024-05-01T10:00:00.123456789Z
 * ```
 */
export async function readCSV<const S extends SchemaShape>(source: CsvSource, options: CsvReadOptions & { schema: S }): Promise<DataFrame<S>>;
export async function readCSV(source: CsvSource, options?: CsvReadOptions): Promise<DataFrame>;
export async function readCSV(source: CsvSource, options: CsvReadOptions = {}): Promise<DataFrame> {
  const df = await readWhole(source, options);
  return options.shared === true ? DataFrame.fromShared(df.share()) : df;
}

/** A file path's source as a path, else undefined. */
function pathOf(source: CsvSource): string | undefined {
  return typeof source === 'string' ? source : source instanceof URL ? fileURLToPath(source) : undefined;
}

/** The options with what the file name implies: a tab delimiter for `.tsv` / `.tab` unless one is given. */
function withPathDefaults<O extends CsvReadOptions>(source: CsvSource, options: O): O {
  const path = pathOf(source);
  if (options.delimiter !== undefined || path === undefined) return options;
  const delimiter = delimiterOfPath(path);
  return delimiter === undefined ? options : { ...options, delimiter };
}

/**
 * `readCSV` of a file forced through the parallel read (whatever its size), splitting at
 * `knobs.split` of the data and reading the second share on this thread when `knobs.inline`:
 * for tests that the parallel read gives the one-thread read's frame. Not public.
 */
export async function readCSVParallelForTest(path: string, options: CsvReadOptions, knobs: ParallelKnobs): Promise<DataFrame> {
  return readWhole(path, { ...options, threads: 2, parallelMinBytes: 0 }, knobs);
}

async function readWhole(source: CsvSource, given: CsvReadOptions, knobs: ParallelKnobs = {}): Promise<DataFrame> {
  checkOptions(given, CSV_READ_OPTIONS, 'readCSV');
  checkValues(given);
  const options = withPathDefaults(source, given);
  const forcedText = new Set<string>();
  const src = await openSource(source, options.encoding, options.chunkSize);
  const path = pathOf(source);
  for (;;) {
    try {
      const mode = { batchSize: Infinity, widen: true, forcedText };
      if (parallelEligible(path, src, options)) {
        const df = await readParallel(path, src, options, mode, knobs);
        if (df !== undefined) return df;
      }
      const reader = new CsvReader(src, options, mode);
      let frame: DataFrame | undefined;
      for await (const batch of reader.batches()) frame = batch;
      return frame!;
    } catch (e) {
      // A column inferred as numbers met text: read the (re-readable) input again with it as text.
      if (!(e instanceof RestartAsText) || forcedText.has(e.column)) throw e;
      forcedText.add(e.column);
    }
  }
}

/**
 * Read a CSV in batches of `batchSize` rows (default 65,536), for inputs larger than memory. Every
 * batch has the same schema, fixed by the first batch:
 * - dtypes are inferred from the first `inferSchemaLength` rows (default 1000; string columns are
 *   categorical when the sample's distinct values are at most half its values);
 * - while the rest of the first batch is read (nothing yielded yet), a value that needs it widens
 *   its column exactly, as `readCSV` does: int32 → int64 → float64, date → timestamp, and integer
 *   or date columns → text (float, boolean and timestamp columns cannot become text exactly
 *   without reading the input again);
 * - after that a value that does not fit is a bad row (see `onBadRow`): by default a
 *   `CsvParseError` naming the column, line, row and value, and the option that fixes it
 *   (`pass { dtypes: { gross: int64() } } or a larger inferSchemaLength`).
 *
 * @throws CsvParseError as `readCSV`, and for a value that does not fit a dtype fixed by the first batch.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('big.csv', 'id,amount\n1,2.5\n2,4\n3,1.5\n4,2\n5,0.5\n');
 * let total = 0;
 * for await (const batch of scanCSV('big.csv', { batchSize: 2 })) {
 *   console.log(batch.height);
 *   for (const r of batch) total += r.amount as number;
 * }
 * // prints:
 * // 2
 * // 2
 * // 1
 * total; // → 10.5
 * ```
 */
export async function* scanCSV(source: CsvSource, given: CsvScanOptions = {}): AsyncGenerator<DataFrame> {
  checkOptions(given, CSV_SCAN_OPTIONS, 'scanCSV');
  checkValues(given);
  const options = withPathDefaults(source, given);
  const batchSize = options.batchSize ?? 65_536;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError(`batchSize must be a positive integer, got ${String(batchSize)}`, batchSize);
  }
  const src = await openSource(source, options.encoding, options.chunkSize);
  const reader = new CsvReader(src, options, { batchSize, widen: false, forcedText: new Set() });
  yield* reader.batches();
}

const ENCODINGS: readonly string[] = ['utf8', 'utf16le', 'utf16be', 'latin1'];

/** Check the values of the options that are cheap to check before reading. */
function checkValues(o: CsvReadOptions): void {
  if (o.encoding !== undefined && !ENCODINGS.includes(o.encoding)) {
    throw new InvalidArgumentError(`encoding must be one of ${ENCODINGS.join(', ')}, got ${String(o.encoding)}`, o.encoding);
  }
  if (o.header !== undefined && typeof o.header !== 'boolean' && !Array.isArray(o.header)) {
    throw new InvalidArgumentError(`header must be true, false or a list of names, got ${String(o.header)}`, o.header);
  }
  if (o.columns !== undefined && !Array.isArray(o.columns)) throw new InvalidArgumentError('columns must be a list of names', o.columns);
  if (o.int64 !== undefined && o.int64 !== 'number' && o.int64 !== 'bigint') {
    throw new InvalidArgumentError(`int64 must be 'number' or 'bigint', got ${String(o.int64)}`, o.int64);
  }
  const nv = o.nullValues;
  if (nv !== undefined && nv !== 'common' && !(Array.isArray(nv) && nv.every((t) => typeof t === 'string'))) {
    throw new InvalidArgumentError(`nullValues must be a list of strings or 'common', got ${String(nv)}`, nv);
  }
  for (const cb of ['onProgress', 'onReadInfo'] as const) {
    if (o[cb] !== undefined && typeof o[cb] !== 'function') throw new InvalidArgumentError(`${cb} must be a function`, o[cb]);
  }
  if (o.maxRows !== undefined && !(Number.isInteger(o.maxRows) && o.maxRows >= 0) && o.maxRows !== Infinity) {
    throw new InvalidArgumentError(`maxRows must be a non-negative integer, got ${String(o.maxRows)}`, o.maxRows);
  }
  for (const limit of ['maxFieldBytes', 'maxRowBytes'] as const) {
    const v = o[limit];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
      throw new InvalidArgumentError(`${limit} must be a positive integer, got ${String(v)}`, v);
    }
  }
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1)) {
    throw new InvalidArgumentError(`threads must be a positive integer, got ${String(o.threads)}`, o.threads);
  }
  if (o.onBadRow !== undefined && !['error', 'skip', 'null'].includes(o.onBadRow)) {
    throw new InvalidArgumentError(`onBadRow must be 'error', 'skip' or 'null', got ${String(o.onBadRow)}`, o.onBadRow);
  }
  if (o.shared !== undefined && typeof o.shared !== 'boolean') {
    throw new InvalidArgumentError(`shared must be true or false, got ${String(o.shared)}`, o.shared);
  }
}
