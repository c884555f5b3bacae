/**
 * CSV text of a frame, shared by `df.toCSV()` and `writeCSV` so both produce the same bytes:
 * the quoting rule ({@link csvField}), the spelling of each dtype's values, and an encoder that
 * writes rows straight from the columns' Arrow buffers into UTF-8 chunks of about 64 KiB.
 *
 * The quoting follows RFC 4180 as fast-csv's formatter does (a field is wrapped in the quote
 * character and a quote inside it is doubled), with the cases fast-csv's `FieldFormatter` gets
 * wrong for a lossless round trip fixed: it writes the empty string unquoted (which reads back as
 * null), drops NUL characters, leaves leading and trailing spaces unquoted, quotes any field with
 * a `|`, and builds its regular expressions from the delimiter and quote without escaping them.
 */
import { decodeUtf8 } from '../column/access.js';
import type { Column } from '../column/column.js';
import type { DTypeKind } from '../dtype/dtype.js';
import { InvalidArgumentError } from '../errors.js';
import type { TableSource } from './table.js';

/**
 * Options of `df.toCSV()` and `writeCSV`.
 * @example
 * ```ts
 * df.toCSV({ delimiter: ';', lineEnding: '\r\n', nullValue: 'NA' });
 * // 'name;age\r\nAda;36\r\nLinus;NA\r\n'
 * ```
 */
export interface CsvWriteOptions {
  /** Write a first row of column names (default `true`). */
  header?: boolean;
  /** Field separator: one character (default `,`), not the quote, CR or LF. */
  delimiter?: string;
  /** Quote character (default `"`): one character, not CR or LF. A quote inside a field is doubled. */
  quote?: string;
  /** Ends every row, the header included (default `\n`). */
  lineEnding?: '\n' | '\r\n';
  /** Start with a UTF-8 byte-order mark, U+FEFF (default `false`). */
  bom?: boolean;
  /**
   * Text written, unquoted, for null (default: the empty string). It may not contain the
   * delimiter, the quote, CR or LF. A value whose text equals it is quoted, so it reads back as
   * the value (readers treat only unquoted fields as null).
   */
  nullValue?: string;
}

/**
 * {@link CsvWriteOptions} checked and filled with defaults (made by {@link resolveCsvWriteOptions}).
 * @example
 * ```ts
 * resolveCsvWriteOptions({ bom: true }).bom; // true
 * ```
 */
export interface CsvWriteSettings {
  readonly header: boolean;
  readonly delimiter: string;
  readonly quote: string;
  readonly lineEnding: '\n' | '\r\n';
  readonly bom: boolean;
  readonly nullValue: string;
  /** Matches text that holds the delimiter, the quote, CR or LF. */
  readonly special: RegExp;
}

const DEFAULTS = { header: true, delimiter: ',', quote: '"', lineEnding: '\n', bom: false, nullValue: '' } as const;

/**
 * Check CSV write options and fill in the defaults.
 *
 * @param options - The options as given (all optional).
 * @returns The settings, with the pattern {@link csvField} uses.
 * @throws InvalidArgumentError for a delimiter or quote that is not one character, is CR or LF,
 *   or is the same as the other; a line ending other than `\n` / `\r\n`; a `nullValue` holding
 *   the delimiter, the quote, CR or LF; a non-boolean `header` or `bom`.
 * @example
 * ```ts
 * const s = resolveCsvWriteOptions({ delimiter: ';' });
 * console.log(s.delimiter, s.quote, JSON.stringify(s.lineEnding), s.header);
 * // prints: ; " "\n" true
 * ```
 */
export function resolveCsvWriteOptions(options: CsvWriteOptions = {}): CsvWriteSettings {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(`CSV options must be an object, got ${typeof options}`, options);
  }
  const header = options.header ?? DEFAULTS.header;
  const bom = options.bom ?? DEFAULTS.bom;
  const delimiter = options.delimiter ?? DEFAULTS.delimiter;
  const quote = options.quote ?? DEFAULTS.quote;
  const lineEnding = options.lineEnding ?? DEFAULTS.lineEnding;
  const nullValue = options.nullValue ?? DEFAULTS.nullValue;
  if (typeof header !== 'boolean') throw new InvalidArgumentError(`CSV option header must be a boolean, got ${typeof header}`, header);
  if (typeof bom !== 'boolean') throw new InvalidArgumentError(`CSV option bom must be a boolean, got ${typeof bom}`, bom);
  checkChar('delimiter', delimiter);
  checkChar('quote', quote);
  if (delimiter === quote) throw new InvalidArgumentError(`CSV options delimiter and quote must differ, both are ${JSON.stringify(quote)}`, quote);
  if (lineEnding !== '\n' && lineEnding !== '\r\n') {
    throw new InvalidArgumentError(`CSV option lineEnding must be "\\n" or "\\r\\n", got ${JSON.stringify(lineEnding)}`, lineEnding);
  }
  if (typeof nullValue !== 'string') throw new InvalidArgumentError(`CSV option nullValue must be a string, got ${typeof nullValue}`, nullValue);
  const special = new RegExp(`[${classChar(delimiter)}${classChar(quote)}\\r\\n]`);
  if (special.test(nullValue)) {
    throw new InvalidArgumentError(
      `CSV option nullValue ${JSON.stringify(nullValue)} is written unquoted, so it may not contain the delimiter, the quote, CR or LF`,
      nullValue,
    );
  }
  return { header, delimiter, quote, lineEnding, bom, nullValue, special };
}

function checkChar(name: string, c: unknown): void {
  if (typeof c !== 'string' || c.length !== 1 || (c.charCodeAt(0) & 0xf800) === 0xd800 || c === '\r' || c === '\n') {
    throw new InvalidArgumentError(`CSV option ${name} must be one character other than CR and LF, got ${JSON.stringify(c)}`, c);
  }
}

/** `c` escaped for a RegExp character class. */
function classChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * One field's text as written: quoted when it would otherwise not read back as itself.
 *
 * Quoted (wrapped in the quote, a quote inside doubled) exactly when the text is empty (an empty
 * unquoted field is null), equals `nullValue`, holds the delimiter, the quote, CR or LF, starts or
 * ends with a space or tab (readers that trim would lose them), or starts with U+FEFF (a reader
 * strips it as a byte-order mark at the start of a file). Everything else is written as is.
 *
 * @param text - The value's text.
 * @param s - Settings from {@link resolveCsvWriteOptions}.
 * @returns The field as written.
 * @example
 * ```ts
 * const s = resolveCsvWriteOptions();
 * console.log([csvField('plain', s), csvField('', s), csvField('a,b', s), csvField('say "hi"', s), csvField(' pad', s)].join(' '));
 * // prints: plain "" "a,b" "say ""hi""" " pad"
 * ```
 */
export function csvField(text: string, s: CsvWriteSettings): string {
  const n = text.length;
  if (n !== 0 && !s.special.test(text) && text !== s.nullValue) {
    const a = text.charCodeAt(0);
    const b = text.charCodeAt(n - 1);
    if (a !== 32 && a !== 9 && a !== 0xfeff && b !== 32 && b !== 9) return text;
  }
  const q = s.quote;
  return q + (text.includes(q) ? text.replaceAll(q, q + q) : text) + q;
}

// ---------------------------------------------------------------------------------------------
// Value texts

/**
 * A float64 as CSV text: the shortest decimal that reads back to the same double (`String(x)`),
 * `-0` for negative zero, `NaN`, `inf`, `-inf`.
 *
 * @param x - The value.
 * @returns Its text.
 * @example
 * ```ts
 * console.log([0.1 + 0.2, -0, 1e21, 5e-324, NaN, -Infinity].map(float64Text).join(' '));
 * // prints: 0.30000000000000004 -0 1e+21 5e-324 NaN -inf
 * ```
 */
export function float64Text(x: number): string {
  if (x - x === 0) return x === 0 && 1 / x < 0 ? '-0' : '' + x;
  return x !== x ? 'NaN' : x > 0 ? 'inf' : '-inf';
}

/**
 * A float32 (as read from a `Float32Array`) as CSV text: the shortest decimal that reads back to
 * the same float32 (`Math.fround(parseFloat(text)) === x`); non-finite values and -0 as {@link float64Text}.
 *
 * @param x - The value, exactly representable as a float32.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(float32Text(Math.fround(0.1)), float32Text(Math.fround(1 / 3)), float32Text(Math.fround(16777217)));
 * // prints: 0.1 0.33333334 16777216
 * ```
 */
export function float32Text(x: number): string {
  if (x - x !== 0 || x === 0) return float64Text(x);
  // The fewest significant digits (1 … 9; 9 always suffice) whose decimal reads back to x.
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(x.toPrecision(mid))) === x) hi = mid;
    else lo = mid + 1;
  }
  return '' + Number(x.toPrecision(lo));
}

const MS_PER_DAY = 86_400_000;
/** Days from 1970-01-01 to 0000-01-01 and to 9999-12-31: the range of four-digit years. */
const MIN_DAY_4 = -719_528;
const MAX_DAY_4 = 2_932_896;
/** Milliseconds at 0000-01-01T00:00:00Z and at 9999-12-31T23:59:59.999Z. */
const MIN_MS_4 = MIN_DAY_4 * MS_PER_DAY;
const MAX_MS_4 = (MAX_DAY_4 + 1) * MS_PER_DAY - 1;

// The civil date of the last call of civil(), kept in module variables to avoid an object per value.
let cy = 0;
let cm = 0;
let cd = 0;

/** Year, month and day of `days` since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm). */
function civil(days: number): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  cd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  cm = mp < 10 ? mp + 3 : mp - 9;
  cy = yoe + era * 400 + (cm <= 2 ? 1 : 0);
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** Years 0–9999 as four digits; others as ISO 8601 expanded years (`+012345`, `-000001`), as `Date#toISOString`. */
function yearText(y: number): string {
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
}

/**
 * A date (days since 1970-01-01) as `YYYY-MM-DD`; years outside 0–9999 as ISO 8601 expanded
 * years (`+012345-01-01`, `-000001-12-31`).
 *
 * @param days - Days since the epoch, as a date column stores them.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(dateText(0), dateText(19_782), dateText(-1));
 * // prints: 1970-01-01 2024-02-29 1969-12-31
 * ```
 */
export function dateText(days: number): string {
  civil(days);
  return `${yearText(cy)}-${pad2(cm)}-${pad2(cd)}`;
}

/**
 * A timestamp (milliseconds since the epoch, UTC) as ISO 8601 with `Z`: `YYYY-MM-DDTHH:MM:SSZ`,
 * with `.mmm` only when the milliseconds are not zero. A column with a time zone is written the
 * same way: the zone only changes how values print, the instant is written in UTC.
 *
 * @param ms - Milliseconds since 1970-01-01T00:00:00Z, as a timestamp column stores them.
 * @returns Its text.
 * @example
 * ```ts
 * console.log(timestampText(1_709_648_530_123n), timestampText(0n), timestampText(-1n));
 * // prints: 2024-03-05T14:22:10.123Z 1970-01-01T00:00:00Z 1969-12-31T23:59:59.999Z
 * ```
 */
export function timestampText(ms: bigint): string {
  // Split in bigint so stored values beyond 2^53 ms stay exact.
  let days = ms / 86_400_000n;
  let rem = ms - days * 86_400_000n;
  if (rem < 0n) {
    rem += 86_400_000n;
    days -= 1n;
  }
  const r = Number(rem);
  const milli = r % 1000;
  const sec = Math.floor(r / 1000);
  const clock = `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}`;
  return `${dateText(Number(days))}T${clock}${milli === 0 ? '' : '.' + String(milli).padStart(3, '0')}Z`;
}

/** Characters each non-text dtype's values are spelled with (to know when they need quoting). */
function alphabetOf(kind: DTypeKind): string | null {
  switch (kind) {
    case 'bool':
      return 'truefals';
    case 'float32':
    case 'float64':
      return '0123456789.-+eNaNinf';
    case 'date':
      return '0123456789-+';
    case 'timestamp':
      return '0123456789-+:.TZ';
    case 'utf8':
    case 'categorical':
      return null;
    default:
      return '0123456789-';
  }
}

// ---------------------------------------------------------------------------------------------
// The encoder

/** Bytes in a chunk before the encoder starts the next one (a row is never split). */
const CHUNK_BYTES = 1 << 16;

// How each column is written (chosen once per column).
const T_INT = 0; // int8 … uint32, ASCII digits
const T_F64 = 1;
const T_F32 = 2;
const T_BIG = 3; // int64 / uint64 from the BigInt64Array, never through number
const T_BOOL = 4;
const T_UTF8 = 5; // UTF-8 bytes copied, quoted when needed
const T_CAT = 6; // dictionary entries encoded (and quoted) once
const T_DATE = 7;
const T_TS = 8;
const T_TEXT = 9; // any dtype through its text and csvField (unusual delimiters, quotes or nullValue)

/** One column's buffers and how to write them; every plan has the same shape. */
interface Plan {
  readonly tag: number;
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
  /** T_TEXT: the text of row `i` (not null). */
  readonly text: ((i: number) => string) | null;
}

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I32 = new Int32Array(0);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** `"00"` … `"99"` as two ASCII bytes each. */
const DIGIT_PAIRS = Buffer.from(Array.from({ length: 100 }, (_, i) => pad2(i)).join(''), 'latin1');

/**
 * Encodes a frame as CSV: the BOM and header first, then rows, as UTF-8 chunks of about 64 KiB
 * (a chunk always ends at a row end). Each column's writer is chosen once; numbers, booleans,
 * dates and timestamps are written as ASCII bytes and strings copied as UTF-8 bytes straight from
 * the Arrow buffers. Iterating it yields each chunk once; the chunks are fresh buffers.
 *
 * Output rules: see {@link formatCSV}.
 *
 * @example
 * ```ts
 * const enc = new CsvEncoder(df.core, { delimiter: ';' });
 * for (const chunk of enc) process.stdout.write(chunk);
 * // a;b
 * // 1;x
 * ```
 */
export class CsvEncoder implements IterableIterator<Buffer> {
  readonly #settings: CsvWriteSettings;
  readonly #names: readonly string[];
  readonly #plans: readonly Plan[];
  readonly #height: number;
  readonly #delim: Uint8Array;
  readonly #eol: Uint8Array;
  readonly #null: Uint8Array;
  /** Byte → 1 for the delimiter, the quote, CR and LF (when both are ASCII). */
  readonly #special: Uint8Array;
  #row = 0;
  #headDone = false;

  /**
   * @param src - A frame's core (a height and columns).
   * @param options - The CSV options.
   * @throws InvalidArgumentError for invalid options (see {@link resolveCsvWriteOptions}).
   */
  constructor(src: TableSource, options: CsvWriteOptions = {}) {
    const s = resolveCsvWriteOptions(options);
    this.#settings = s;
    this.#names = src.columns.map((c) => c.name);
    this.#height = src.columns.length === 0 ? 0 : src.height;
    this.#delim = Buffer.from(s.delimiter, 'utf8');
    this.#eol = Buffer.from(s.lineEnding, 'latin1');
    this.#null = Buffer.from(s.nullValue, 'utf8');
    const asciiMarks = s.delimiter.charCodeAt(0) < 0x80 && s.quote.charCodeAt(0) < 0x80;
    this.#special = new Uint8Array(256);
    if (asciiMarks) for (const c of [s.delimiter, s.quote, '\r', '\n']) this.#special[c.charCodeAt(0)] = 1;
    this.#plans = src.columns.map((c) => planOf(c, s, asciiMarks));
  }

  /** The next chunk: the BOM and header line first (when there are any), then rows. */
  next(): IteratorResult<Buffer, undefined> {
    if (!this.#headDone) {
      this.#headDone = true;
      const s = this.#settings;
      let head = s.bom ? '\ufeff' : '';
      if (s.header && this.#names.length > 0) head += this.#names.map((n) => csvField(n, s)).join(s.delimiter) + s.lineEnding;
      if (head !== '') return { done: false, value: Buffer.from(head, 'utf8') };
    }
    if (this.#row >= this.#height) return { done: true, value: undefined };
    return { done: false, value: this.#rows() };
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** Rows from `#row` until the chunk holds at least CHUNK_BYTES. */
  #rows(): Buffer {
    const plans = this.#plans;
    const width = plans.length;
    const height = this.#height;
    const delim = this.#delim;
    const eol = this.#eol;
    const nul = this.#null;
    const special = this.#special;
    const s = this.#settings;
    const Q = s.quote.charCodeAt(0);
    // Room a row needs besides its strings: separators, the line ending, and 64 bytes a value.
    // A string makes room for itself plus a whole reserve, so the values after it still fit.
    const reserve = (delim.length + nul.length + 64) * width + eol.length;
    let out: Buffer = Buffer.allocUnsafe(CHUNK_BYTES + reserve);
    let p = 0;
    let i = this.#row;
    for (; i < height && p < CHUNK_BYTES; i++) {
      if (p + reserve > out.length) out = grow(out, p, reserve);
      for (let c = 0; c < width; c++) {
        if (c > 0) p = put(out, p, delim);
        const plan = plans[c]!;
        const valid = plan.validity;
        if (valid !== null) {
          // isNullAt(plan, i), inlined
          const j = i + plan.bitOffset;
          if ((valid[j >> 3]! & (1 << (j & 7))) === 0) {
            p = put(out, p, nul);
            continue;
          }
        }
        switch (plan.tag) {
          case T_INT:
            p = writeInt(out, p, plan.nums[i]!);
            break;
          case T_F64:
            p = writeAscii(out, p, float64Text(plan.nums[i]!));
            break;
          case T_F32:
            p = writeAscii(out, p, float32Text(plan.nums[i]!));
            break;
          case T_BIG:
            p = writeAscii(out, p, '' + plan.bigs[i]!);
            break;
          case T_BOOL: {
            const j = i + plan.bitOffset;
            p = writeAscii(out, p, (plan.bytes[j >> 3]! & (1 << (j & 7))) !== 0 ? 'true' : 'false');
            break;
          }
          case T_UTF8: {
            const src = plan.bytes;
            const a = plan.offsets[i]!;
            const b = plan.offsets[i + 1]!;
            if (p + 2 * (b - a) + 2 + reserve > out.length) out = grow(out, p, 2 * (b - a) + 2 + reserve);
            p = writeUtf8Field(out, p, src, a, b, special, Q);
            break;
          }
          case T_CAT: {
            const k = plan.nums[i]!;
            const ds = plan.dictStart;
            if (k < 0 || k + 1 >= ds.length) break; // a code outside the dictionary (invalid data): empty
            const a = ds[k]!;
            const b = ds[k + 1]!;
            if (p + (b - a) + reserve > out.length) out = grow(out, p, b - a + reserve);
            for (let j = a; j < b; j++) out[p++] = plan.bytes[j]!;
            break;
          }
          case T_DATE: {
            const d = plan.nums[i]!;
            p = d >= MIN_DAY_4 && d <= MAX_DAY_4 ? writeDate(out, p, d) : writeAscii(out, p, dateText(d));
            break;
          }
          case T_TS: {
            // Number(plan.bigs[i]) without making a bigint: exact below 2^53, and values beyond
            // that are far outside the four-digit years, so they take the exact bigint path.
            const ms = plan.pairs[2 * i + 1]! * 4_294_967_296 + (plan.pairs[2 * i]! >>> 0);
            if (ms >= MIN_MS_4 && ms <= MAX_MS_4) p = writeTimestamp(out, p, ms);
            else p = writeAscii(out, p, timestampText(plan.bigs[i]!));
            break;
          }
          default: {
            const text = csvField(plan.text!(i), s);
            if (p + 3 * text.length + reserve > out.length) out = grow(out, p, 3 * text.length + reserve);
            p += out.write(text, p, 'utf8');
          }
        }
      }
      p = put(out, p, eol);
    }
    // Writes past the end of a typed array are dropped silently: fail loudly instead.
    if (p > out.length) throw new Error(`CSV encoder overflow: wrote ${p} bytes into a buffer of ${out.length}`);
    this.#row = i;
    return out.subarray(0, p);
  }
}

/** How to write column `col`. */
function planOf(col: Column, s: CsvWriteSettings, asciiMarks: boolean): Plan {
  const kind = col.dtype.kind;
  const a = col.access;
  const values = a.values;
  let tag: number;
  let pairs: Int32Array = EMPTY_I32;
  let dictStart: Int32Array = EMPTY_I32;
  let bytes: Uint8Array = EMPTY_U8;
  const alphabet = alphabetOf(kind);
  if (alphabet !== null) {
    // Values of this dtype never need quotes unless the delimiter or quote is one of their
    // characters, or nullValue could be one of their texts.
    const marksFree = !alphabet.includes(s.delimiter) && !alphabet.includes(s.quote);
    const nullFree = s.nullValue === '' || ![...s.nullValue].every((ch) => alphabet.includes(ch));
    tag = marksFree && nullFree ? (TAG_OF[kind] ?? T_INT) : T_TEXT;
    if (tag === T_TS && !LITTLE_ENDIAN) tag = T_TEXT;
  } else if (kind === 'categorical') {
    tag = T_CAT;
    const dict = a.dict ?? [];
    const encoded = dict.map((t) => Buffer.from(csvField(t, s), 'utf8'));
    dictStart = new Int32Array(encoded.length + 1);
    for (let k = 0; k < encoded.length; k++) dictStart[k + 1] = dictStart[k]! + encoded[k]!.length;
    bytes = Buffer.concat(encoded);
  } else {
    tag = asciiMarks && s.nullValue === '' ? T_UTF8 : T_TEXT;
  }
  if (tag === T_BOOL || tag === T_UTF8) bytes = values as Uint8Array;
  if (tag === T_TS) {
    const big = values as BigInt64Array;
    pairs = new Int32Array(big.buffer, big.byteOffset, big.length * 2);
  }
  return {
    tag,
    nums: values as ArrayLike<number>,
    bigs: values as ArrayLike<bigint>,
    bytes,
    offsets: a.offsets ?? EMPTY_I32,
    validity: a.validity,
    bitOffset: a.bitOffset,
    pairs,
    dictStart,
    text: tag === T_TEXT ? textReader(col) : null,
  };
}

const TAG_OF: Partial<Record<DTypeKind, number>> = {
  float64: T_F64,
  float32: T_F32,
  int64: T_BIG,
  uint64: T_BIG,
  bool: T_BOOL,
  date: T_DATE,
  timestamp: T_TS,
};

/** The (unquoted) text of a non-null value of `col`, for the T_TEXT path. */
function textReader(col: Column): (i: number) => string {
  const a = col.access;
  const values = a.values;
  switch (col.dtype.kind) {
    case 'float64':
      return (i) => float64Text((values as Float64Array)[i]!);
    case 'float32':
      return (i) => float32Text((values as Float32Array)[i]!);
    case 'bool':
      return (i) => {
        const j = i + a.bitOffset;
        return ((values as Uint8Array)[j >> 3]! & (1 << (j & 7))) !== 0 ? 'true' : 'false';
      };
    case 'utf8': {
      const offs = a.offsets!;
      return (i) => decodeUtf8(values as Uint8Array, offs[i]!, offs[i + 1]!);
    }
    case 'categorical': {
      const dict = a.dict ?? [];
      return (i) => dict[(values as Uint8Array)[i]!] ?? '';
    }
    case 'date':
      return (i) => dateText((values as Int32Array)[i]!);
    case 'timestamp':
      return (i) => timestampText((values as BigInt64Array)[i]!);
    default:
      // Integers; 64-bit ones as bigint, so every digit is exact.
      return (i) => '' + (values as ArrayLike<number | bigint>)[i]!;
  }
}

// ---------------------------------------------------------------------------------------------
// Byte writers: each writes at `p` and returns the position after what it wrote. Callers make
// room first (a row reserves 64 bytes a value; strings reserve their worst case on top).

/** A larger buffer holding `out`'s first `p` bytes, with room for `need` more. */
function grow(out: Buffer, p: number, need: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(out.length * 2, p + need));
  out.copy(next, 0, 0, p);
  return next;
}

function put(out: Buffer, p: number, bytes: Uint8Array): number {
  for (let j = 0; j < bytes.length; j++) out[p++] = bytes[j]!;
  return p;
}

/** ASCII text (at most 64 characters: numbers, dates) as bytes. */
function writeAscii(out: Buffer, p: number, text: string): number {
  for (let j = 0; j < text.length; j++) out[p++] = text.charCodeAt(j);
  return p;
}

/** An integer of at most 10 digits (int8 … uint32) in decimal. */
function writeInt(out: Buffer, p: number, v: number): number {
  if (v < 0) {
    out[p++] = 45; // '-'
    v = -v;
  }
  let n = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) n++;
  let q = p + n;
  while (v >= 10) {
    const d = v % 10;
    out[--q] = 48 + d;
    v = (v - d) / 10;
  }
  out[--q] = 48 + v;
  return p + n;
}

function writePair(out: Buffer, p: number, n: number): number {
  out[p] = DIGIT_PAIRS[2 * n]!;
  out[p + 1] = DIGIT_PAIRS[2 * n + 1]!;
  return p + 2;
}

/** `YYYY-MM-DD` for a day whose year has four digits. */
function writeDate(out: Buffer, p: number, days: number): number {
  civil(days);
  p = writePair(out, p, Math.floor(cy / 100));
  p = writePair(out, p, cy % 100);
  out[p++] = 45;
  p = writePair(out, p, cm);
  out[p++] = 45;
  return writePair(out, p, cd);
}

/** `YYYY-MM-DDTHH:MM:SS[.mmm]Z` for an instant whose year has four digits (same text as {@link timestampText}). */
function writeTimestamp(out: Buffer, p: number, ms: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  let r = ms - days * MS_PER_DAY;
  p = writeDate(out, p, days);
  out[p++] = 84; // 'T'
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const sec = Math.floor(r / 1000);
  r -= sec * 1000;
  p = writePair(out, p, h);
  out[p++] = 58; // ':'
  p = writePair(out, p, m);
  out[p++] = 58;
  p = writePair(out, p, sec);
  if (r !== 0) {
    out[p++] = 46; // '.'
    out[p++] = 48 + Math.floor(r / 100);
    p = writePair(out, p, r % 100);
  }
  out[p++] = 90; // 'Z'
  return p;
}

/**
 * UTF-8 bytes `[a, b)` of `src` as a field, by the rules of {@link csvField} (with an ASCII
 * delimiter and quote, and an empty nullValue): copied while scanning, and rewritten quoted when
 * a special byte turns up. The caller has reserved 2·(b − a) + 2 bytes.
 */
function writeUtf8Field(out: Buffer, p: number, src: Uint8Array, a: number, b: number, special: Uint8Array, Q: number): number {
  let quote = a === b;
  if (!quote) {
    const first = src[a]!;
    const last = src[b - 1]!;
    quote =
      first === 32 || first === 9 || last === 32 || last === 9 || (first === 0xef && b - a >= 3 && src[a + 1] === 0xbb && src[a + 2] === 0xbf);
  }
  if (!quote) {
    let q = p;
    for (let j = a; j < b; j++) {
      const x = src[j]!;
      if (special[x] === 1) {
        quote = true;
        break;
      }
      out[q++] = x;
    }
    if (!quote) return q;
  }
  out[p++] = Q;
  for (let j = a; j < b; j++) {
    const x = src[j]!;
    if (x === Q) out[p++] = Q;
    out[p++] = x;
  }
  out[p++] = Q;
  return p;
}

// ---------------------------------------------------------------------------------------------

/**
 * A frame as CSV text: a header row of column names (unless `header: false`), then one line per
 * row, every line ending with `lineEnding`. Built from the same bytes `writeCSV` writes.
 *
 * Values: null as `nullValue` (default: nothing, unquoted); booleans `true` / `false`; integers in
 * decimal (64-bit ones exactly, read as bigint); float64 as the shortest text that reads back to the
 * same double, `-0`, `NaN`, `inf`, `-inf`; float32 as the shortest text that reads back to the same
 * float32; dates `YYYY-MM-DD`; timestamps ISO 8601 in UTC with `Z` (`2024-03-05T14:22:10.123Z`,
 * `.mmm` only when not zero; a column's time zone does not change the text); categorical values as
 * their strings. Text and header names are quoted by the rules of {@link csvField}, so the empty
 * string is `""` while null is empty. A frame without columns gives no lines. A one-column frame
 * writes a null row as an empty line; readers that skip blank lines need a `nullValue` then.
 *
 * @param src - A frame's core (`df.core`): a height and columns.
 * @param options - {@link CsvWriteOptions}.
 * @returns The CSV text (with a leading U+FEFF when `bom` is set).
 * @throws InvalidArgumentError for invalid options.
 * @throws Error (`ERR_STRING_TOO_LONG`) when the text would exceed V8's longest string (~512 MiB); use `writeCSV`.
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ name: 'Ada, Countess', note: '' }, { name: 'Linus', note: null }]);
 * console.log(formatCSV(df.core));
 * // name,note
 * // "Ada, Countess",""
 * // Linus,
 * ```
 */
export function formatCSV(src: TableSource, options: CsvWriteOptions = {}): string {
  const chunks: Buffer[] = [];
  for (const chunk of new CsvEncoder(src, options)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
