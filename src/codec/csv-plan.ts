/**
 * How the CSV encoder writes each column, chosen once per column: a {@link Plan} names the
 * column's writer (a tag) and holds the Arrow buffers it reads, so the encoder's row loop only
 * switches on the tag. Numbers, booleans, dates and timestamps are written as ASCII bytes and
 * strings copied as UTF-8 bytes; unusual delimiters, quotes or `nullValue`s take the text path
 * (each value's text through {@link csvField}).
 */
import type { Column } from '../column/column.js';
import type { DTypeKind } from '../dtype/dtype.js';
import { csvField, type CsvWriteSettings } from './csv-quote.js';
import { alphabetOf } from './csv-values.js';
import { csvText } from './value-text.js';

// How each column is written (chosen once per column).
export const T_INT = 0; // int8 … uint32, ASCII digits
export const T_F64 = 1;
export const T_F32 = 2;
export const T_BIG = 3; // int64 / uint64 from the BigInt64Array, never through number
export const T_BOOL = 4;
export const T_UTF8 = 5; // UTF-8 bytes copied, quoted when needed
export const T_CAT = 6; // dictionary entries encoded (and quoted) once
export const T_DATE = 7;
export const T_TS = 8;
export const T_TEXT = 9; // any dtype through its text and csvField (unusual delimiters, quotes or nullValue)

/** The Arrow buffers an encoder's row loop reads, in the one shape every plan shares. */
export interface PlanBuffers {
  readonly nums: ArrayLike<number>;
  readonly bigs: ArrayLike<bigint>;
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  readonly validity: Uint8Array | null;
  readonly bitOffset: number;
  /** Timestamps: the value buffer as int32 pairs, to read milliseconds without a bigint. */
  readonly pairs: Int32Array;
  /** Categorical: encoded dictionary entries, entry `k` at `[dictStart[k], dictStart[k + 1])`. */
  readonly dictStart: Int32Array;
  /** Timestamps: whether the column has a time zone (instants, written in UTC with `Z`) or is naive. */
  readonly zoned: boolean;
}

/** One column's buffers and how to write them; every plan has the same shape. */
export interface Plan extends PlanBuffers {
  readonly tag: number;
  /** T_TEXT: the text of row `i` (not null), or `null` when its value is null all the same (a union member's null). */
  readonly text: ((i: number) => string | null) | null;
}

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I32 = new Int32Array(0);
/** Whether this machine is little-endian (timestamps are read as int32 pairs only then). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * How to write column `col` with settings `s`.
 *
 * @param col - The column.
 * @param s - Settings from `resolveCsvWriteOptions`.
 * @param asciiMarks - Whether the delimiter and the quote are both ASCII (so UTF-8 text can be
 *   scanned for them byte by byte).
 * @returns The column's plan.
 * @example
 * ```ts
 * import { resolveCsvWriteOptions } from './csv-quote.js';
 * const [n, t] = DataFrame.fromColumns({ n: [1, 2], t: ['a', 'b'] }).core.columns;
 * const s = resolveCsvWriteOptions();
 * // With nullValue 'NA' a text could equal it, so text takes the checked path:
 * const na = resolveCsvWriteOptions({ nullValue: 'NA' });
 * [planOf(n!, s, true).tag === T_INT, planOf(t!, s, true).tag === T_UTF8, planOf(t!, na, true).tag === T_TEXT]; // → [ true, true, true ]
 * ```
 */
export function planOf(col: Column, s: CsvWriteSettings, asciiMarks: boolean): Plan {
  const kind = col.dtype.kind;
  let tag: number;
  const alphabet = alphabetOf(kind);
  if (!FAST_KINDS.has(kind)) {
    // Decimals, binary, times, durations, nested values …: each value's text, quoted as needed.
    tag = T_TEXT;
  } else if (alphabet !== null) {
    // Values of this dtype never need quotes unless the delimiter or quote is one of their
    // characters, or nullValue could be one of their texts.
    const marksFree = !alphabet.includes(s.delimiter) && !alphabet.includes(s.quote);
    const nullFree = s.nullValue === '' || ![...s.nullValue].every((ch) => alphabet.includes(ch));
    tag = marksFree && nullFree ? (TAG_OF[kind] ?? T_INT) : T_TEXT;
    // The byte writer spells milliseconds; other units take their text.
    if (tag === T_TS && (!LITTLE_ENDIAN || (col.dtype.unit ?? 'ms') !== 'ms')) tag = T_TEXT;
  } else if (kind === 'categorical') {
    tag = T_CAT;
  } else {
    tag = asciiMarks && s.nullValue === '' ? T_UTF8 : T_TEXT;
  }
  return { tag, ...planBuffers(col, tag, (t) => csvField(t, s)), text: tag === T_TEXT ? textReader(col) : null };
}

/**
 * The buffers a writer with `tag` reads from `col`: the value bytes of booleans and strings,
 * timestamps as int32 pairs, and a categorical's dictionary entries each encoded once by `entry`.
 * @example
 * ```ts
 * const [c] = DataFrame.fromColumns({ c: ['a', 'b', 'a'] }, { schema: { c: categorical() } }).core.columns;
 * planBuffers(c!, T_CAT, (t) => JSON.stringify(t)).dictStart; // → Int32Array(3) [ 0, 3, 6 ]
 * ```
 */
export function planBuffers(col: Column, tag: number, entry: (text: string) => string): PlanBuffers {
  const a = col.access;
  const values = a.values;
  let pairs: Int32Array = EMPTY_I32;
  let dictStart: Int32Array = EMPTY_I32;
  let bytes: Uint8Array = EMPTY_U8;
  if (tag === T_CAT) {
    const encoded = (a.dict ?? []).map((t) => Buffer.from(entry(t), 'utf8'));
    dictStart = new Int32Array(encoded.length + 1);
    for (let k = 0; k < encoded.length; k++) dictStart[k + 1] = dictStart[k]! + encoded[k]!.length;
    bytes = Buffer.concat(encoded);
  } else if (tag === T_BOOL || tag === T_UTF8) {
    bytes = values as Uint8Array;
  } else if (tag === T_TS) {
    const big = values as BigInt64Array;
    pairs = new Int32Array(big.buffer, big.byteOffset, big.length * 2);
  }
  return {
    nums: values as ArrayLike<number>,
    bigs: values as ArrayLike<bigint>,
    bytes,
    offsets: a.offsets ?? EMPTY_I32,
    validity: a.validity,
    bitOffset: a.bitOffset,
    pairs,
    dictStart,
    zoned: isZoned(col.dtype.timezone),
  };
}

/** Whether a timestamp dtype's zone makes its values instants (written with `Z`). */
function isZoned(tz: string | null | undefined): boolean {
  return tz !== null && tz !== undefined && tz !== '';
}

/** The dtypes the encoder writes as bytes straight from their buffers. */
const FAST_KINDS: ReadonlySet<DTypeKind> = new Set<DTypeKind>([
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float32',
  'float64',
  'utf8',
  'categorical',
  'date',
  'timestamp',
]);

const TAG_OF: Partial<Record<DTypeKind, number>> = {
  float64: T_F64,
  float32: T_F32,
  int64: T_BIG,
  uint64: T_BIG,
  bool: T_BOOL,
  date: T_DATE,
  timestamp: T_TS,
};

/** The (unquoted) text of a non-null row of `col` for the T_TEXT path (`null`: write the null value). */
function textReader(col: Column): (i: number) => string | null {
  return csvText(col.data, col.dtype, col.name);
}
