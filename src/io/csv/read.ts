/** `readCSV` and `scanCSV`: the public entry points of the CSV reader. */
import { InvalidArgumentError } from '../../errors.js';
import { DataFrame } from '../../frame/dataframe.js';
import type { SchemaShape } from '../../dtype/schema.js';
import type { CsvReadOptions, CsvScanOptions, CsvSource } from './options.js';
import { openSource } from './source.js';
import { CsvReader, RestartAsText } from './reader.js';
import { parallelEligible, readParallel } from './parallel.js';
import { fileURLToPath } from 'node:url';

/**
 * Read a CSV into a frame. The source is a file path (or `file:` URL), a Buffer/Uint8Array, a
 * Node readable stream (or any async iterable of bytes), or `{ text }` for CSV in a string.
 *
 * The input is read in chunks and tokenized on bytes straight into Arrow column buffers: no string
 * per numeric field, no array per row, never one string for the whole input (so files larger than
 * V8's ~512 MB string limit load). Dtypes are inferred from the first `inferSchemaLength` rows
 * (see the inference rules in the README); a later value that does not fit widens its column
 * (int32 → int64 → float64, date → timestamp, anything → utf8) instead of failing or losing data.
 *
 * @param source Where the CSV comes from.
 * @param options Dialect, header, dtypes, null texts, bad-row policy, progress … (`CsvReadOptions`).
 * @throws CsvParseError naming line, byte, column and a snippet for malformed input (unterminated
 *   quote, wrong field count, a value that does not fit an explicit dtype, invalid UTF-8), unless
 *   `onBadRow` is `'skip'` or `'null'`.
 * @throws ColumnNotFoundError for `columns` / `dtypes` naming a column the file lacks.
 * @throws SchemaError when `schema` and the header disagree.
 * @example
 * ```ts
 * const df = await readCSV({ text: 'city,temp\nOslo,-3.5\nRome,12\n' });
 * console.log(df.schema.toString());
 * // prints: Schema { city: utf8?, temp: float64? }
 * await readCSV({ text: 'id,amount\n1,2.5\n2,x\n' }, { dtypes: { amount: float64() } });
 * // throws CsvParseError: CSV line 3 (byte 18), column "amount": "x" does not fit float64: x↵
 * ```
 */
export async function readCSV<const S extends SchemaShape>(source: CsvSource, options: CsvReadOptions & { schema: S }): Promise<DataFrame<S>>;
export async function readCSV(source: CsvSource, options?: CsvReadOptions): Promise<DataFrame>;
export async function readCSV(source: CsvSource, options: CsvReadOptions = {}): Promise<DataFrame> {
  const df = await readWhole(source, options);
  return options.shared === true ? DataFrame.fromShared(df.share()) : df;
}

async function readWhole(source: CsvSource, options: CsvReadOptions): Promise<DataFrame> {
  checkOptions(options);
  const forcedText = new Set<string>();
  const src = await openSource(source, options.encoding, options.chunkSize);
  const path = typeof source === 'string' ? source : source instanceof URL ? fileURLToPath(source) : undefined;
  for (;;) {
    try {
      const mode = { batchSize: Infinity, widen: true, forcedText };
      if (parallelEligible(path, src, options)) {
        const df = await readParallel(path, src, options, mode);
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
 * batch has the same schema: dtypes are fixed from the first `inferSchemaLength` rows (string
 * columns are categorical when the sample's distinct values are at most half its values), so a
 * later value that does not fit is a bad row (see `onBadRow`) rather than a widening.
 *
 * @throws CsvParseError as `readCSV`.
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
export async function* scanCSV(source: CsvSource, options: CsvScanOptions = {}): AsyncGenerator<DataFrame> {
  checkOptions(options);
  const batchSize = options.batchSize ?? 65_536;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError(`batchSize must be a positive integer, got ${String(batchSize)}`, batchSize);
  }
  const src = await openSource(source, options.encoding, options.chunkSize);
  const reader = new CsvReader(src, options, { batchSize, widen: false, forcedText: new Set() });
  yield* reader.batches();
}

function checkOptions(o: CsvReadOptions): void {
  if (o === null || typeof o !== 'object') throw new InvalidArgumentError('CSV options must be an object', o);
  if (o.maxRows !== undefined && !(Number.isInteger(o.maxRows) && o.maxRows >= 0) && o.maxRows !== Infinity) {
    throw new InvalidArgumentError(`maxRows must be a non-negative integer, got ${String(o.maxRows)}`, o.maxRows);
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
