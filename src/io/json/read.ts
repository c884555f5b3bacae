/** `readJSON`: the public entry point of the JSON / NDJSON reader. */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '../../errors.js';
import type { DataFrame } from '../../frame/dataframe.js';
import type { SchemaShape } from '../../dtype/schema.js';
import { openSource } from '../csv/source.js';
import { formatExtension } from '../paths.js';
import { checkOptions } from '../../util/options.js';
import { RestartAsText } from '../csv/restart.js';
import type { JsonFormat, JsonReadOptions, JsonSource } from './options.js';
import { JsonReader } from './reader.js';

/**
 * Read JSON into a frame: a JSON array of objects (`format: 'records'`) or one object per line
 * (`format: 'ndjson'`, also called JSON Lines). Each key becomes a column, in order of first
 * appearance across all records; a key first seen in a later record adds a column that is null
 * for the records before it, and a key missing from a record is null there.
 *
 * The input is read in chunks and scanned on bytes straight into Arrow column buffers: never one
 * string for the input (files beyond V8's ~512 MB string limit load), no object per record, no
 * string per number. A line or element split across chunks is joined before it is scanned.
 *
 * Format: `options.format`, else the path's extension (`.ndjson`, `.jsonl` → ndjson; `.json` →
 * records; also under `.gz`), else the first non-whitespace byte (`[` → records, `{` → ndjson).
 * Gzip input (`.json.gz`, `.ndjson.gz`, or any input starting with the gzip magic bytes) is
 * gunzipped as a stream on the way; lines and bytes in errors then count the gunzipped text.
 * NDJSON lines end with LF or CRLF; blank lines are skipped; the last line needs no line end. A UTF-8 byte-order
 * mark is skipped (a UTF-16 one selects UTF-16). An empty input, or `[]`, is a frame without rows
 * (with the schema's columns when one is given).
 *
 * Dtypes are inferred from the first `inferSchemaLength` records (default 1000) and widened when a
 * later value does not fit (int32 → int64 → float64, date → timestamp, anything → text):
 * - numbers: int32 when every one is an integer within int32, int64 within int64 (exact; read
 *   values beyond ±(2^53 − 1) with `int64: 'bigint'`), else float64. An integer beyond int64,
 *   or beyond ±2^53 in a column with fractions, makes the column text: no number is rounded.
 * - `true` / `false` → bool. Strings → date (`YYYY-MM-DD`) or timestamp (ISO 8601, as `readCSV`
 *   reads them) when every one is, else text: categorical when few distinct values repeat
 *   (as `readCSV`), else utf8. Strings are never read as numbers (`"42"` stays text).
 * - A column mixing JSON types (numbers and strings, booleans and numbers …) is text holding each
 *   value's JSON text (`1.50`, `true`, and strings without quotes), as polars does.
 * - `null` and missing keys → null. A key with only nulls is a utf8 column of nulls.
 * - Arrays → lists and objects → structs (`nested: 'infer'`, the default), inferred from every
 *   value of the column, recursively: items and fields widen by the rules above (ISO timestamps
 *   with 4–9 fraction digits are microseconds or nanoseconds, as in `readCSV`), an array of
 *   objects is a `list<struct<…>>`, an empty array alone a `list<null>`, a key missing from an
 *   object is null, and a column or place mixing arrays, objects and scalars is text holding each
 *   value's JSON text. Values nested deeper than 64 levels keep their column as JSON text.
 *   `nested: 'json'` keeps every array and object as its JSON text; `nested: 'error'` rejects them.
 *
 * With `schema` (or `dtypes`) nothing is inferred for those columns, and a value that does not fit
 * the declared dtype is an error naming its record and key, and the place inside a nested value
 * (`at [2].x`). A declared float64 takes every JSON number; integers need integer text; utf8
 * needs strings; decimals take numbers or strings, exactly (too many digits is an error);
 * timestamps, dates and times take ISO text (a timestamp's digits beyond its unit must be
 * zeros); lists take arrays, structs objects, maps objects or arrays of `[key, value]` pairs.
 *
 * @param source A file path or `file:` URL, bytes, a Node readable stream or async iterable of
 *   chunks, or `{ text }`.
 * @param options Format, schema or dtypes, columns, nested values, duplicate keys … (`JsonReadOptions`).
 * @returns The frame (typed by `schema` when one is given).
 * @throws JsonParseError naming line, byte, record and key, with a snippet: invalid JSON, a record
 *   that is not an object, a duplicate key (unless `duplicateKeys: 'last'`), a nested value
 *   with `nested: 'error'`, a key the schema lacks, a value that does not fit a declared dtype,
 *   a missing key or null in a non-nullable column, invalid UTF-8, truncated input.
 * @throws InvalidArgumentError for a source or option of the wrong kind.
 * @throws ColumnNotFoundError for a `columns` or `dtypes` key that no record has.
 * @example
 * ```ts
 * const df = await readJSON({ text: '{"city":"Oslo","temp":-3.5}\n{"city":"Rome","temp":12,"rain":true}\n' });
 * console.log(df.schema.toString());
 * // prints: Schema { city: utf8?, temp: float64?, rain: bool? }
 * df.toRecords(); // → [ { city: 'Oslo', temp: -3.5, rain: null }, { city: 'Rome', temp: 12, rain: true } ]
 * ```
 */
export async function readJSON<const S extends SchemaShape>(source: JsonSource, options: JsonReadOptions & { schema: S }): Promise<DataFrame<S>>;
export async function readJSON(source: JsonSource, options?: JsonReadOptions): Promise<DataFrame>;
export async function readJSON(source: JsonSource, options: JsonReadOptions = {}): Promise<DataFrame> {
  checkOptions(options, JSON_READ_OPTIONS, 'readJSON');
  checkValues(options);
  const input = checkSource(source);
  const path = typeof input === 'string' ? input : input instanceof URL ? fileURLToPath(input) : undefined;
  if (path !== undefined && (await stat(path)).isDirectory()) {
    throw new InvalidArgumentError(`${path} is a directory, not a JSON file`, path);
  }
  const hint = path === undefined ? undefined : formatOfPath(path);
  const forcedText = new Set<string>();
  for (;;) {
    const src = await openSource(input as never, undefined, options.chunkSize);
    try {
      return await new JsonReader(src, options, forcedText, hint).read();
    } catch (e) {
      // A column inferred as numbers or times met text: read the (re-readable) input again with it as text.
      if (!(e instanceof RestartAsText) || forcedText.has(e.column)) throw e;
      forcedText.add(e.column);
    }
  }
}

/**
 * The format a path's extension names: `.ndjson` and `.jsonl` → ndjson, `.json` → records (also
 * under `.gz`), else undefined (decided from the content).
 * @param path - A file path.
 * @returns The format, or undefined.
 * @example
 * ```ts
 * [formatOfPath('a/b.JSONL'), formatOfPath('x.json'), formatOfPath('x.ndjson.gz'), formatOfPath('x.txt')]; // → [ 'ndjson', 'records', 'ndjson', undefined ]
 * ```
 */
export function formatOfPath(path: string): JsonFormat | undefined {
  const ext = formatExtension(path);
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json') return 'records';
  return undefined;
}

function isAsyncIterable(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

function checkSource(source: JsonSource): Exclude<JsonSource, ArrayBuffer> {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source === 'string' || source instanceof URL || source instanceof Uint8Array || isAsyncIterable(source)) return source;
  if (typeof source === 'object' && source !== null && 'text' in source && typeof source.text === 'string') return source;
  throw new InvalidArgumentError(
    'readJSON expects a file path, a URL, a Uint8Array/Buffer/ArrayBuffer, a readable stream or { text }',
    source,
  );
}

/** Every key of {@link JsonReadOptions}. */
const JSON_READ_OPTIONS = [
  'format',
  'schema',
  'dtypes',
  'columns',
  'inferSchemaLength',
  'nested',
  'duplicateKeys',
  'maxRows',
  'int64',
  'allocator',
  'chunkSize',
  'maxFieldBytes',
  'maxRecordBytes',
  'onReadInfo',
] as const;

function checkValues(o: JsonReadOptions): void {
  if (o.format !== undefined && o.format !== 'records' && o.format !== 'ndjson') {
    throw new InvalidArgumentError(`format must be 'records' or 'ndjson', got ${String(o.format)}`, o.format);
  }
  if (o.nested !== undefined && o.nested !== 'infer' && o.nested !== 'json' && o.nested !== 'error') {
    throw new InvalidArgumentError(`nested must be 'infer', 'json' or 'error', got ${String(o.nested)}`, o.nested);
  }
  if (o.duplicateKeys !== undefined && o.duplicateKeys !== 'error' && o.duplicateKeys !== 'last') {
    throw new InvalidArgumentError(`duplicateKeys must be 'error' or 'last', got ${String(o.duplicateKeys)}`, o.duplicateKeys);
  }
  if (o.maxRows !== undefined && !(Number.isInteger(o.maxRows) && o.maxRows >= 0) && o.maxRows !== Infinity) {
    throw new InvalidArgumentError(`maxRows must be a non-negative integer, got ${String(o.maxRows)}`, o.maxRows);
  }
  for (const limit of ['maxFieldBytes', 'maxRecordBytes'] as const) {
    const v = o[limit];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
      throw new InvalidArgumentError(`${limit} must be a positive integer, got ${String(v)}`, v);
    }
  }
  if (o.schema !== undefined && o.dtypes !== undefined) {
    throw new InvalidArgumentError('pass either schema (every column) or dtypes (some columns), not both', o.dtypes);
  }
}
