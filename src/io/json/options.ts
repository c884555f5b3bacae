/** Options and results of the JSON / NDJSON reader. */
import type { AnyDType, Int64Repr } from '../../dtype/dtype.js';
import type { SchemaShape } from '../../dtype/schema.js';
import type { Allocator } from '../../util/alloc.js';

/**
 * What `readJSON` reads: a file path (string or `file:` URL), bytes (`Uint8Array`, `Buffer` or
 * `ArrayBuffer`), a Node readable stream or any async iterable of byte chunks, or `{ text }`.
 * @example
 * ```ts
 * import { createReadStream, writeFileSync } from 'node:fs';
 * writeFileSync('cars.json', '[{"name":"vw","hp":75}]');
 * writeFileSync('events.ndjson', '{"id":1}\n{"id":2}\n');
 * (await readJSON('cars.json')).toRecords(); // → [ { name: 'vw', hp: 75 } ]
 * (await readJSON(createReadStream('events.ndjson'), { format: 'ndjson' })).height; // → 2
 * (await readJSON({ text: '[{"a":1}]' })).toRecords(); // → [ { a: 1 } ]
 * ```
 */
export type JsonSource =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | NodeJS.ReadableStream
  | AsyncIterable<Uint8Array | string>
  | { text: string };

import type { JsonFormat } from '../../codec/json.js';

export type { JsonFormat } from '../../codec/json.js';

/** A column whose inferred dtype was widened after the sample because a later value did not fit. */
export interface JsonWidening {
  readonly column: string;
  readonly from: string;
  readonly to: string;
  /** The 0-based record whose value did not fit. */
  readonly row: number;
  /** Physical 1-based line of that value. */
  readonly line: number;
  /**
   * Whether the earlier values kept their exact JSON text. Always true for files and bytes (the
   * reader reads the input again with the column as text); from a stream, floats and timestamps
   * read before the widening come back in canonical form (`1.5`, ISO-8601).
   */
  readonly exact: boolean;
}

/** What a read did besides building the frame. */
export interface JsonReadInfo {
  /** The layout that was read (given or detected). */
  readonly format: JsonFormat;
  /** Records in the frame. */
  readonly rows: number;
  /** Bytes read. */
  readonly bytes: number;
  /** Columns widened after the sample. */
  readonly widened: readonly JsonWidening[];
  /** Keys first seen after the sample: their columns hold nulls for the rows before `row`. */
  readonly lateColumns: readonly { readonly column: string; readonly row: number }[];
}

/**
 * Options of `readJSON`.
 * @example
 * ```ts
 * const text = '{"id":9007199254740993,"tags":["a","b"]}\n';
 * const df = await readJSON({ text }, { format: 'ndjson', dtypes: { id: int64('bigint') }, nested: 'json' });
 * df.toRecords(); // → [ { id: 9007199254740993n, tags: '["a","b"]' } ]
 * ```
 */
export interface JsonReadOptions {
  /**
   * `'records'` (a JSON array of objects) or `'ndjson'` (one object per line). Default: from the
   * path's extension (`.ndjson`, `.jsonl` → ndjson; `.json` → records), else from the first
   * non-whitespace byte (`[` → records, `{` → ndjson).
   */
  format?: JsonFormat;
  /**
   * Every column's dtype, in this order; no inference. A key the schema lacks is an error (list
   * the keys to keep in `columns` to skip the others); a key missing from a record is null.
   */
  schema?: SchemaShape;
  /** Dtypes for some keys; the others are inferred. */
  dtypes?: Readonly<Record<string, AnyDType>>;
  /** Read only these keys, in this order; the values of other keys are checked and skipped. */
  columns?: readonly string[];
  /** Records sampled to infer dtypes (default 1000; `Infinity` samples every record). */
  inferSchemaLength?: number;
  /**
   * Arrays and objects as values: `'infer'` (default) reads them as lists and structs, inferred
   * recursively from every value of the column (items and fields widen as flat columns do; an
   * array of objects is a `list<struct<…>>`; an empty array alone a `list<null>`; a column or
   * place mixing arrays, objects and scalars is text holding each value's JSON text); a declared
   * dtype (`list`, `largeList`, `fixedSizeList`, `struct`, `map`) reads them into that dtype.
   * `'json'` keeps their JSON text (as written in the input) in a text column; `'error'` throws
   * `JsonParseError` naming the record and key (unless the column's declared dtype is nested).
   */
  nested?: 'infer' | 'json' | 'error';
  /**
   * A key repeated in one object (a record, or an object inside a value): `'error'` (default)
   * throws `JsonParseError`; `'last'` keeps the last value, as `JSON.parse` does.
   */
  duplicateKeys?: 'error' | 'last';
  /** Stop after this many records. */
  maxRows?: number;
  /** How 64-bit integer columns read (see `FrameOptions.int64`). */
  int64?: Int64Repr;
  /** Where column buffers are allocated (default: the heap). */
  allocator?: Allocator;
  /** Bytes read per chunk from files and streams (default 1 MiB; tests use tiny chunks). */
  chunkSize?: number;
  /**
   * Largest value the reader takes, in input bytes as written (a string's quotes and escapes
   * included; default 256 MiB). A longer one is a `JsonParseError` naming its line, byte offset,
   * record and key.
   */
  maxFieldBytes?: number;
  /**
   * Largest record the reader takes, in input bytes: an NDJSON line (its line feed excluded) or an
   * element of a records array (default 512 MiB). A longer one is a `JsonParseError` naming its
   * line, byte offset and record, raised once that many bytes of it are read: NDJSON without
   * line feeds stops there, in bounded memory.
   */
  maxRecordBytes?: number;
  /** Called once at the end with what the read did (widened columns, late keys). */
  onReadInfo?: (info: JsonReadInfo) => void;
}
