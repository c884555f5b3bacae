/** Options and results of the CSV reader. */
import type { AnyDType, Int64Repr } from '../../dtype/dtype.js';
import type { SchemaShape } from '../../dtype/schema.js';
import type { Allocator } from '../../util/alloc.js';
import type { NullTokenHint } from './null-tokens.js';

export type { NullTokenHint } from './null-tokens.js';

/** What `readCSV` reads: a file path (string or `file:` URL), bytes, a Node stream, or CSV text. */
export type CsvSource = string | URL | Uint8Array | NodeJS.ReadableStream | AsyncIterable<Uint8Array> | { text: string };

/** Text encodings the reader decodes. */
export type CsvEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'latin1';

/** Progress of a read. */
export interface CsvProgress {
  /** Bytes consumed so far. */
  readonly bytesRead: number;
  /** Total bytes when known (files and in-memory bytes), else `undefined`. */
  readonly totalBytes: number | undefined;
  /** Data rows read so far. */
  readonly rows: number;
}

/** What to do with a row that cannot be read (wrong field count, a value that does not fit). */
export type OnBadRow = 'error' | 'skip' | 'null';

/** A row the reader skipped or nulled. */
export interface CsvBadRow {
  /** Physical 1-based line in the input where the row starts. */
  readonly line: number;
  /** Byte offset of the row's start. */
  readonly byte: number;
  /** What was wrong. */
  readonly reason: string;
}

/**
 * A value `onBadRow: 'null'` read as null: one that does not fit its column's dtype, invalid
 * UTF-8, a field missing from a short row, or (with `column` undefined) a field beyond the
 * header's columns that was dropped.
 */
export interface CsvNulledValue {
  /** The 0-based data row (the frame's row for `readCSV`; counted across batches for `scanCSV`). */
  readonly row: number;
  /** Physical 1-based line of the row. */
  readonly line: number;
  /** The column whose value was nulled, or undefined for an extra field that was dropped. */
  readonly column: string | undefined;
  /** The field's text as read (invalid UTF-8 as U+FFFD; cut after 200 characters; `''` for a missing field). */
  readonly value: string;
  /** Why. */
  readonly reason: string;
}

/** A column whose inferred dtype was widened after the sample because a later value did not fit. */
export interface CsvWidening {
  readonly column: string;
  readonly from: string;
  readonly to: string;
  /** Physical line of the first value that did not fit. */
  readonly line: number;
  /**
   * Whether the earlier values kept their exact text. Always true for files and bytes (the reader
   * reads a column again as text); from a stream, floats, booleans and timestamps read before the
   * widening come back in canonical form (`1.5`, `true`, ISO-8601).
   */
  readonly exact: boolean;
}

/** What a read did besides building the frame. */
export interface CsvReadInfo {
  /** Data rows in the frame. */
  readonly rows: number;
  /** Bytes read. */
  readonly bytes: number;
  /** Rows skipped (`onBadRow: 'skip'`) or nulled (`onBadRow: 'null'`). */
  readonly badRows: number;
  /** The first bad rows (at most 20), with line numbers. */
  readonly badRowSamples: readonly CsvBadRow[];
  /**
   * Every value `onBadRow: 'null'` read as null (in input order). A column that was not nullable
   * becomes nullable when one of its values is nulled.
   */
  readonly nulledValues: readonly CsvNulledValue[];
  /** Columns widened after the sample. */
  readonly widened: readonly CsvWidening[];
  /** Header names that were renamed to stay unique (`a` → `a_1`). */
  readonly renamedHeaders: readonly { readonly from: string; readonly to: string }[];
  /**
   * Text columns that would be numbers, booleans, dates or timestamps but for common spellings
   * of a missing value (`NA`, `-`, `NULL` …): each with the dtype it would have, and every token
   * with how many times it occurs. Read with `nullValues: 'common'` to read them as null.
   */
  readonly nullTokens: readonly NullTokenHint[];
}

/** Options of `readCSV`, `parseCSV` and `scanCSV`. */
export interface CsvReadOptions {
  /** Field separator: one character (default `,`, or a tab for a `.tsv` / `.tab` path); `\t`, `;`, `|` … */
  delimiter?: string;
  /** Quote character (default `"`), or `null` for no quoting. */
  quote?: string | null;
  /**
   * Escape character inside quoted fields: the quote itself (default: `""` is a literal quote) or
   * `\\` (backslash escapes the next character).
   */
  escape?: string;
  /** `true` (default): the first row names the columns; `false`: columns are `column_1` …; or the names. */
  header?: boolean | readonly string[];
  /** Physical lines to skip before the header (or the first row). Default 0. */
  skipRows?: number;
  /** Lines starting with this character are skipped. */
  comment?: string;
  /**
   * Unquoted field texts read as null, besides the empty unquoted field (always null). A quoted
   * empty field `""` is the empty string. Example: `['NA', 'null']`. `'common'` reads the usual
   * spellings of a missing value as null in every column: `NA`, `N/A`, `n/a`, `#N/A`, `NULL`,
   * `null`, `Null`, `None`, `-`, `.`, `?` and fields of only spaces or tabs (exactly these, case
   * included); `NaN` and `nan` are null where the column's dtype does not take them (integers,
   * booleans, dates, timestamps) and stay the float NaN in float columns and text in text columns.
   * Without it such tokens make a column text, and the read info (`nullTokens`) says so.
   */
  nullValues?: readonly string[] | 'common';
  /** Read only these columns (by header name). */
  columns?: readonly string[];
  /** Every column's dtype, in file order by name; no inference. */
  schema?: SchemaShape;
  /** Dtypes for some columns; the others are inferred. */
  dtypes?: Readonly<Record<string, AnyDType>>;
  /**
   * Rows sampled to infer dtypes (default 1000; `Infinity` samples every row). A later value
   * that needs it widens its column: anywhere in `readCSV`, within the first batch in `scanCSV`.
   */
  inferSchemaLength?: number;
  /** Stop after this many data rows. */
  maxRows?: number;
  /** Text encoding (default utf8; a BOM is stripped, and a UTF-16 BOM selects UTF-16). */
  encoding?: CsvEncoding;
  /** Called about every 1 MiB of input and at the end. */
  onProgress?: (p: CsvProgress) => void;
  /**
   * What to do with bad rows (default `'error'`: throw `CsvParseError`). `'skip'` drops the row;
   * `'null'` keeps it, reading each field that does not fit (or is invalid UTF-8, or missing) as
   * null — making its column nullable — and dropping extra fields; both list what they did in
   * the read info (`badRows`, `nulledValues`).
   */
  onBadRow?: OnBadRow;
  /** Called once at the end with what the read did (bad rows, widened columns, renamed headers). */
  onReadInfo?: (info: CsvReadInfo) => void;
  /** How 64-bit integer columns read (see `FrameOptions.int64`). */
  int64?: Int64Repr;
  /** Where column buffers are allocated while reading (default: the heap). */
  allocator?: Allocator;
  /**
   * Lay the frame out in shared memory (one `SharedArrayBuffer` holding an Arrow IPC stream),
   * so that `df.share()` hands it to worker threads in O(1). The columns are built as usual and
   * then moved into the shared block: one copy at the end of the read, none afterwards.
   */
  shared?: boolean;
  /** Bytes read per chunk from files and streams (default 1 MiB; tests use tiny chunks). */
  chunkSize?: number;
  /**
   * Largest field the reader takes, in input bytes (quotes and escapes included; default 256 MiB).
   * A longer field is a `CsvParseError` naming its line, byte offset and column, raised once that
   * many bytes of it are read: an input with no delimiter or line end (such as `/dev/zero`)
   * stops there, in bounded memory.
   */
  maxFieldBytes?: number;
  /**
   * Largest row the reader takes, in input bytes from its first byte to its line end included
   * (default 512 MiB; a quoted field may hold line ends: a row can span several lines). A longer row is a `CsvParseError` naming its line and byte offset, raised once that
   * many bytes of it are read.
   */
  maxRowBytes?: number;
  /**
   * Threads for reading a large file (default: 2 when the machine has two cores): a worker reads
   * the second half of the bytes while the main thread reads the first. `1` reads on the main
   * thread only. Streams, bytes, `maxRows` and non-UTF-8 encodings read on one thread.
   */
  threads?: number;
  /**
   * Files at least this large use the second thread (default 128 MiB: below it, starting and
   * warming up a worker costs about what it saves — measured on 2 cores).
   */
  parallelMinBytes?: number;
}

/** Options of `scanCSV`: the reader's, plus the batch size. */
export interface CsvScanOptions extends CsvReadOptions {
  /** Rows per batch (default 65,536). */
  batchSize?: number;
}

/** Every key of {@link CsvReadOptions}, for the unknown-option check. */
export const CSV_READ_OPTIONS = [
  'delimiter',
  'quote',
  'escape',
  'header',
  'skipRows',
  'comment',
  'nullValues',
  'columns',
  'schema',
  'dtypes',
  'inferSchemaLength',
  'maxRows',
  'encoding',
  'onProgress',
  'onBadRow',
  'onReadInfo',
  'int64',
  'allocator',
  'shared',
  'chunkSize',
  'maxFieldBytes',
  'maxRowBytes',
  'threads',
  'parallelMinBytes',
] as const;

/** Every key of {@link CsvScanOptions}. */
export const CSV_SCAN_OPTIONS = [...CSV_READ_OPTIONS, 'batchSize'] as const;
