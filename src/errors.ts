/**
 * Typed errors. Every error colframe throws on bad input is a {@link ColframeError} with a
 * literal `code`, so callers can branch on `err.code` or `instanceof` and read the structured
 * fields (column, row, value …) instead of parsing messages.
 */
import { closestName, formatList, withArticle } from './util/strings.js';

/** Every `code` a {@link ColframeError} can carry. */
export type ColframeErrorCode =
  | 'COLUMN_NOT_FOUND'
  | 'SCHEMA'
  | 'SHAPE'
  | 'DUPLICATE_COLUMN'
  | 'INT64_RANGE'
  | 'INVALID_VALUE'
  | 'INDEX_OUT_OF_RANGE'
  | 'INVALID_ARGUMENT'
  | 'UNSUPPORTED_TYPE'
  | 'CSV_PARSE'
  | 'EXPRESSION'
  | 'FRAME_DETACHED'
  | 'SHARED_FRAME'
  | 'WORKER_TASK'
  | 'TASK_CANCELLED'
  | 'IPC_FORMAT'
  | 'UNSUPPORTED'
  | 'JSON_PARSE'
  | 'UNKNOWN_OPTION';

/**
 * Base class of every error colframe throws on bad input.
 *
 * @example
 * ```ts
 * // A frame typed `DataFrame` (schema known at run time) takes any column name:
 * const df: DataFrame = DataFrame.fromColumns({ price: [9.5], qty: [2] });
 * try {
 *   df.getColumn('pric');
 * } catch (e) {
 *   if (e instanceof ColframeError) console.log(e.code, e.name);
 * }
 * // prints: COLUMN_NOT_FOUND ColumnNotFoundError
 * ```
 */
export abstract class ColframeError extends Error {
  /** A stable, machine-readable code naming the kind of error. */
  abstract readonly code: ColframeErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A column name that the frame does not have. Lists the available names and suggests the closest.
 *
 * @example
 * ```ts
 * const df: DataFrame = DataFrame.fromColumns({ price: [9.5], qty: [2] });
 * df.getColumn('pric');
 * // throws ColumnNotFoundError: Column "pric" not found. Did you mean "price"? Available: price, qty
 * ```
 */
export class ColumnNotFoundError extends ColframeError {
  readonly code = 'COLUMN_NOT_FOUND' as const;
  /** The closest available name, when one is close enough to be a likely typo. */
  readonly suggestion: string | undefined;

  constructor(
    /** The name that was asked for. */
    readonly column: string,
    /** The names the frame has, in order. */
    readonly available: readonly string[],
  ) {
    const suggestion = closestName(column, available);
    const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
    const list = available.length === 0 ? '(the frame has no columns)' : formatList(available);
    super(`Column "${column}" not found.${hint} Available: ${list}`);
    this.suggestion = suggestion;
  }
}

/**
 * A schema that is invalid or does not match the data: a non-nullable column holding nulls,
 * mixed value types in one column, a record field the declared schema does not have …
 *
 * @example
 * ```ts
 * DataFrame.fromRecords([{ a: 1 }, { a: 'x' }]);
 * // throws SchemaError: Column "a" mixes number (row 0) and string (row 1); pass a schema to choose a dtype
 * ```
 */
export class SchemaError extends ColframeError {
  readonly code = 'SCHEMA' as const;
  constructor(
    message: string,
    /** The column concerned, when there is one. */
    readonly column?: string,
  ) {
    super(message);
  }
}

/**
 * Columns of different lengths given for one frame.
 *
 * @example
 * ```ts
 * DataFrame.fromColumns({ a: [1, 2, 3], b: [1, 2] });
 * // throws ShapeError: Columns have different lengths: a: 3, b: 2
 * ```
 */
export class ShapeError extends ColframeError {
  readonly code = 'SHAPE' as const;
  constructor(
    message: string,
    /** The length of each column involved, by name. */
    readonly lengths: Readonly<Record<string, number>> = {},
  ) {
    super(message);
  }
}

/**
 * Two columns with the same name in one frame.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ a: [1], b: [2] });
 * df.select('a', 'a');
 * // throws DuplicateColumnError: Column "a" appears more than once in the selection
 * df.rename({ b: 'a' });
 * // throws DuplicateColumnError: Column "a" appears more than once after renaming
 * ```
 */
export class DuplicateColumnError extends ColframeError {
  readonly code = 'DUPLICATE_COLUMN' as const;
  constructor(
    /** The repeated name. */
    readonly column: string,
    context = '',
  ) {
    super(`Column "${column}" appears more than once${context}`);
  }
}

/**
 * A 64-bit integer that cannot be read as a JavaScript number without rounding
 * (outside ±(2^53 − 1)). Read it as `bigint` instead (`int64('bigint')` or the frame option
 * `{ int64: 'bigint' }`).
 *
 * @example
 * ```ts
 * DataFrame.fromColumns({ id: [2n ** 60n] }).row(0).id;
 * // throws Int64RangeError: Column "id", row 0: 1152921504606846976 does not fit a JavaScript number exactly; read it as bigint (dtype int64('bigint') or the frame option { int64: 'bigint' })
 * ```
 */
export class Int64RangeError extends ColframeError {
  readonly code = 'INT64_RANGE' as const;
  constructor(
    /** The value as stored. */
    readonly value: bigint,
    /** The column it was read from. */
    readonly column: string,
    /** The row it was read from. */
    readonly row: number,
  ) {
    super(
      `Column "${column}", row ${row}: ${value} does not fit a JavaScript number exactly; ` +
        `read it as bigint (dtype int64('bigint') or the frame option { int64: 'bigint' })`,
    );
  }
}

/**
 * A value that does not fit the column's dtype: a string into an integer column, 300 into uint8,
 * 1.5 into int32, a non-Date into a timestamp column. Nothing is coerced silently.
 *
 * @example
 * ```ts
 * DataFrame.fromColumns({ age: ['abc'] }, { schema: { age: int32() } });
 * // throws InvalidValueError: Column "age", row 0: "abc" (string) does not fit int32: expected an integer number
 * ```
 */
export class InvalidValueError extends ColframeError {
  readonly code = 'INVALID_VALUE' as const;
  constructor(
    /** The offending value. */
    readonly value: unknown,
    /** The column it was destined for. */
    readonly column: string,
    /** Its 0-based row. */
    readonly row: number,
    /** The dtype's name, e.g. `int32`. */
    readonly dtype: string,
    /** Why it does not fit. */
    readonly reason: string,
    /**
     * Where inside a nested value it sits, e.g. `field "x"`, `item 2` or `entry 0, key`
     * (absent for a top-level value).
     */
    readonly path?: string,
  ) {
    super(`Column "${column}", row ${row}${path === undefined ? '' : `, ${path}`}: ${describeValue(value)} does not fit ${dtype}: ${reason}`);
  }
}

/**
 * A row or element index outside the frame or column.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * df.row(10);
 * // throws IndexOutOfRangeError: Row 10 is out of range for a frame of height 3 (valid: -3 … 2)
 * ```
 */
export class IndexOutOfRangeError extends ColframeError {
  readonly code = 'INDEX_OUT_OF_RANGE' as const;
  constructor(
    /** The index asked for. */
    readonly index: number,
    /** The length of what was indexed. */
    readonly length: number,
    what = 'Row',
    of = 'a frame of height',
  ) {
    const valid = length === 0 ? 'it is empty' : `valid: ${-length} … ${length - 1}`;
    super(`${what} ${String(index)} is out of range for ${of} ${length} (${valid})`);
  }
}

/**
 * An argument of the wrong kind: a non-integer row count, a negative slice length …
 *
 * @example
 * ```ts
 * DataFrame.fromColumns({ x: [1, 2, 3] }).head(1.5);
 * // throws InvalidArgumentError: head(n): n must be an integer, got 1.5
 * ```
 */
export class InvalidArgumentError extends ColframeError {
  readonly code = 'INVALID_ARGUMENT' as const;
  constructor(
    message: string,
    /** The offending argument. */
    readonly value: unknown,
  ) {
    super(message);
  }
}

/**
 * An options object with a key the function does not take — most often a typo, which would
 * otherwise be ignored silently. Names the key, the function, the closest known option and all
 * of them.
 *
 * @example
 * ```ts
 * await readCSV({ text: 'a;b\n1;2\n' }, { delimter: ';' } as never);
 * // throws UnknownOptionError: readCSV: unknown option "delimter". Did you mean "delimiter"? Options: delimiter, quote, escape, header, skipRows, comment, nullValues, columns, schema, dtypes, inferSchemaLength, maxRows, encoding, onProgress, onBadRow, onReadInfo, int64, allocator, shared, chunkSize, maxFieldBytes, maxRowBytes, threads, parallelMinBytes
 * ```
 */
export class UnknownOptionError extends ColframeError {
  readonly code = 'UNKNOWN_OPTION' as const;
  /** The known option closest to the unknown one, when it is close enough to be a likely typo. */
  readonly suggestion: string | undefined;

  constructor(
    /** The unknown key. */
    readonly option: string,
    /** The function (or method) whose options these are, e.g. `readCSV` or `df.sort`. */
    readonly where: string,
    /** The options it takes. */
    readonly allowed: readonly string[],
  ) {
    const suggestion = closestName(option, allowed);
    const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
    const list = allowed.length === 0 ? 'it takes none' : `Options: ${formatList(allowed, 40)}`;
    super(`${where}: unknown option ${JSON.stringify(option)}.${hint} ${list}`);
    this.suggestion = suggestion;
  }
}

/**
 * An Arrow type colframe does not hold (yet), named with its field.
 *
 * @example
 * ```ts
 * import { Table, Utf8View, vectorFromArray } from 'apache-arrow';
 * const tags = vectorFromArray(['a', 'b'], new Utf8View());
 * DataFrame.fromArrow(new Table({ tags }));
 * // throws UnsupportedTypeError: Field "tags" has Arrow type Utf8View, which colframe does not support; convert view and run-end encoded vectors to their plain types first (readIPC converts them)
 * ```
 */
export class UnsupportedTypeError extends ColframeError {
  readonly code = 'UNSUPPORTED_TYPE' as const;
  constructor(
    /** The field's name. */
    readonly field: string,
    /** The Arrow type, as Arrow prints it. */
    readonly type: string,
    detail = '',
  ) {
    super(`Field "${field}" has Arrow type ${type}, which colframe does not support${detail}`);
  }
}

/** Describe a value for an error message: strings quoted and cut, the JS type named. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'string': {
      const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return `${JSON.stringify(cut)} (string)`;
    }
    case 'bigint':
      return `${value}n (bigint)`;
    case 'number':
    case 'boolean':
      return `${String(value)} (${typeof value})`;
    case 'object': {
      if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
      const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
      // Exact values print their text: Instant(2024-05-01T10:00:00.123456Z), Decimal(12.30).
      if (ctor === 'Instant' || ctor === 'Decimal') return `${ctor}(${String(value)})`;
      return ctor === undefined ? 'an object' : withArticle(ctor);
    }
    default:
      return withArticle(typeof value);
  }
}

/**
 * A CSV input that cannot be read as asked: an unterminated quote, a row with too many or too few
 * fields, a value that does not fit an explicit dtype, invalid UTF-8, duplicate headers …
 * `line` is the physical 1-based line in the input (counting the header and newlines inside quoted
 * fields), so an editor can jump to it.
 *
 * @example
 * ```ts
 * await readCSV({ text: 'a,b\n1,"x\n' });
 * // throws CsvParseError: CSV line 2 (byte 6), column "b": unterminated quoted field: "x↵
 * ```
 */
export class CsvParseError extends ColframeError {
  readonly code = 'CSV_PARSE' as const;
  constructor(
    /** What is wrong. */
    readonly reason: string,
    /** Physical 1-based line. */
    readonly line: number,
    /** Byte offset (0-based) in the input. */
    readonly byte: number,
    /** The column concerned, when known. */
    readonly column: string | undefined,
    /** A short excerpt of the offending text. */
    readonly snippet: string,
  ) {
    const where = `CSV line ${line.toLocaleString('en-US')} (byte ${byte.toLocaleString('en-US')})`;
    const col = column === undefined ? '' : `, column "${column}"`;
    super(`${where}${col}: ${reason}${snippet === '' ? '' : `: ${snippet}`}`);
  }
}

/**
 * A JSON or NDJSON input that cannot be read as asked: invalid JSON, an element or line that is not
 * an object, a duplicate key, a nested value where `nested: 'error'`, a value that does not fit a
 * declared dtype, truncated input. `line` is the physical 1-based line (for NDJSON, the line of the
 * record), `byte` the 0-based byte offset in the input, `row` the 0-based record (line of NDJSON
 * or element of the array) when known, and `key` the field concerned when known.
 *
 * @example
 * ```ts
 * await readJSON({ text: '{"a":1}\n{"a":2,}\n' }, { format: 'ndjson' });
 * // throws JsonParseError: NDJSON line 2 (byte 15), row 1: expected a key in quotes, found '}': {"a":2,}
 * ```
 */
export class JsonParseError extends ColframeError {
  readonly code = 'JSON_PARSE' as const;
  constructor(
    /** What is wrong. */
    readonly reason: string,
    /** Physical 1-based line. */
    readonly line: number,
    /** Byte offset (0-based) in the input. */
    readonly byte: number,
    /** The 0-based record (NDJSON line with data, or array element), when known. */
    readonly row: number | undefined,
    /** The key (column) concerned, when known. */
    readonly key: string | undefined,
    /** A short excerpt of the text around the offending byte. */
    readonly snippet: string,
    /** Which format was being read. */
    readonly format: 'records' | 'ndjson',
  ) {
    const what = format === 'ndjson' ? 'NDJSON' : 'JSON';
    const where = `${what} line ${line.toLocaleString('en-US')} (byte ${byte.toLocaleString('en-US')})`;
    const rec = row === undefined ? '' : format === 'ndjson' ? `, row ${row.toLocaleString('en-US')}` : `, element ${row.toLocaleString('en-US')}`;
    const k = key === undefined ? '' : `, key ${JSON.stringify(key)}`;
    super(`${where}${rec}${k}: ${reason}${snippet === '' ? '' : `: ${snippet}`}`);
  }
}

/**
 * An expression that cannot be evaluated on the frame's dtypes: `col('name').gt(5)` on a utf8
 * column, arithmetic on strings, a non-boolean filter … raised when the plan is built, before any
 * row is read, naming the expression.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ name: ['Ada'] });
 * df.filter(col('name').gt(5));
 * // throws ExpressionError: col("name").gt(5): cannot compare utf8 with a number
 * ```
 */
export class ExpressionError extends ColframeError {
  readonly code = 'EXPRESSION' as const;
  /** The expression, printed. */
  readonly expression: string;
  /** @param expression - The expression: its text, or an object that prints it when asked (see `ExprText`). */
  constructor(expression: string | { toString(): string }, reason: string) {
    const text = String(expression);
    super(`${text}: ${reason}`);
    this.expression = text;
  }
}


/**
 * A frame (or column) whose buffers were moved to another thread with `transfer()`, or detached
 * by any other transfer of its `ArrayBuffer`s: it can no longer be read.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * const { packet, transferList } = df.transfer();
 * const { port1 } = new MessageChannel();
 * port1.postMessage(packet, transferList);
 * port1.close();
 * df.height;
 * // throws FrameDetachedError: This frame's buffers were transferred to another thread (column "x"); it can no longer be used
 * ```
 */
export class FrameDetachedError extends ColframeError {
  readonly code = 'FRAME_DETACHED' as const;
  constructor(
    /** The first column found detached, when known. */
    readonly column: string | undefined,
  ) {
    super(
      `This frame's buffers were transferred to another thread${column === undefined ? '' : ` (column "${column}")`}; it can no longer be used`,
    );
  }
}

/**
 * A shared-frame handle or block that cannot be opened: not a colframe handle, from another
 * format version, or a truncated or corrupted block.
 *
 * @example
 * ```ts
 * DataFrame.fromShared({ hello: 1 } as never);
 * // throws SharedFrameError: Not a shared-frame handle: expected the object returned by df.share()
 * ```
 */
export class SharedFrameError extends ColframeError {
  readonly code = 'SHARED_FRAME' as const;
}

/**
 * A task of a worker pool failed in its worker: the function threw, the module or function does
 * not exist, or the worker exited. `stack` is the worker's stack trace.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('fns.mjs', 'export const total = (df) => df;\n');
 * const pool = createPool({ size: 1 });
 * const df = DataFrame.fromColumns({ x: [1] });
 * await pool.map(df, 'fns.mjs', 'nope');
 * // throws WorkerTaskError: Task "nope" from fns.mjs failed in worker 0: the module has no export "nope"; it exports: total
 * await pool.map(df, '/nowhere/fns.mjs', 'total');
 * // throws WorkerTaskError: Task "total" from /nowhere/fns.mjs failed: the module /nowhere/fns.mjs does not exist
 * await pool.close();
 * ```
 */
export class WorkerTaskError extends ColframeError {
  readonly code = 'WORKER_TASK' as const;
  constructor(
    message: string,
    /** The error's class name in the worker (`TypeError`, `ExpressionError` …) or `exit`. */
    readonly kind: string,
    /** The worker's stack trace, when the worker sent one. */
    readonly workerStack: string | undefined,
  ) {
    super(message);
    if (workerStack !== undefined) this.stack = `${this.name}: ${message}\n    --- in the worker ---\n${workerStack}`;
  }
}

/**
 * A task of a worker pool that was cancelled before it finished: it ran past its `timeout`, or
 * its `signal` aborted. A running task's worker is terminated and replaced, so the pool goes on
 * working; a queued task is dropped before it starts.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('fns.mjs', 'export const forever = () => { for (;;); };\nexport const one = () => 1;\n');
 * const pool = createPool({ size: 1 });
 * await pool.run('fns.mjs', 'forever', undefined, { timeout: 50 });
 * // throws TaskCancelledError: Task "forever" from fns.mjs was cancelled: it ran past its timeout of 50 ms
 * await pool.run('fns.mjs', 'one'); // → 1
 * await pool.close();
 * ```
 */
export class TaskCancelledError extends ColframeError {
  readonly code = 'TASK_CANCELLED' as const;
  constructor(
    message: string,
    /** `timeout` when the task ran past its timeout, `abort` when its signal aborted. */
    readonly reason: 'timeout' | 'abort',
  ) {
    super(message);
  }
}

/**
 * Where in an Arrow IPC input an {@link IpcFormatError} was found.
 * @example
 * ```ts
 * const e = new IpcFormatError('bad offsets', { byte: 120, message: 2, field: 'note' });
 * console.log(e.message);
 * // prints: Arrow IPC, message 2, byte 120, field "note": bad offsets
 * ```
 */
export interface IpcLocation {
  /** Byte offset (0-based) in the input, when known. */
  readonly byte?: number;
  /** 0-based index of the message in the stream (or block in the file), when known. */
  readonly message?: number;
  /** The field concerned, when there is one. */
  readonly field?: string;
}

/**
 * An Arrow IPC input that is not valid: a message or buffer running past the end of the input,
 * a flatbuffer offset out of bounds, a field node count that does not match the schema, offsets
 * that go backwards, a dictionary index outside its dictionary … The message names the byte
 * offset, the message index and the field where known.
 *
 * @example
 * ```ts
 * readIPCSync(new Uint8Array([1, 2, 3]));
 * // throws IpcFormatError: Arrow IPC, message 0, byte 0: 3 stray bytes where a message length should be
 * const bytes = DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC({ format: 'stream' });
 * readIPCSync(bytes.subarray(0, bytes.length - 20));
 * // throws IpcFormatError: Arrow IPC, message 1, byte 320: message body of 64 bytes runs past the end of the input
 * ```
 */
export class IpcFormatError extends ColframeError {
  readonly code = 'IPC_FORMAT' as const;
  /** Byte offset (0-based) in the input, when known. */
  readonly byte: number | undefined;
  /** 0-based message (or file block) index, when known. */
  readonly messageIndex: number | undefined;
  /** The field concerned, when known. */
  readonly field: string | undefined;

  constructor(
    /** What is wrong. */
    readonly reason: string,
    where: IpcLocation = {},
  ) {
    const parts: string[] = [];
    if (where.message !== undefined) parts.push(`message ${where.message}`);
    if (where.byte !== undefined) parts.push(`byte ${where.byte.toLocaleString('en-US')}`);
    if (where.field !== undefined) parts.push(`field ${JSON.stringify(where.field)}`);
    super(`Arrow IPC${parts.length > 0 ? `, ${parts.join(', ')}` : ''}: ${reason}`);
    this.byte = where.byte;
    this.messageIndex = where.message;
    this.field = where.field;
  }
}

/**
 * A feature of an input that colframe does not implement: a compression codec (LZ4, ZSTD), a
 * big-endian Arrow file, a metadata version newer than it knows … named in the message.
 *
 * @example
 * ```ts
 * // Reading an LZ4-compressed Arrow file throws one of these, naming the codec in `feature`:
 * const e = new UnsupportedError('LZ4_FRAME', 'the record batch body is compressed with LZ4_FRAME');
 * [e.code, e.feature, e instanceof ColframeError]; // → [ 'UNSUPPORTED', 'LZ4_FRAME', true ]
 * ```
 */
export class UnsupportedError extends ColframeError {
  readonly code = 'UNSUPPORTED' as const;
  constructor(
    /** The feature, e.g. `LZ4_FRAME` or `big-endian`. */
    readonly feature: string,
    message: string,
  ) {
    super(message);
  }
}
