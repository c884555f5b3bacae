/**
 * CSV text of a frame, shared by `df.toCSV()` and `writeCSV` so both produce the same bytes: an
 * encoder ({@link CsvEncoder}) that writes rows straight from the columns' Arrow buffers into
 * UTF-8 chunks of about 64 KiB, and {@link formatCSV}, the whole text at once.
 *
 * The parts live beside it: the options and the quoting rule in `csv-quote.ts`, the spelling of
 * each dtype's values in `csv-values.ts`, and the choice of each column's writer in `csv-plan.ts`.
 */
import { csvField, resolveCsvWriteOptions, writeUtf8Field, type CsvWriteOptions, type CsvWriteSettings } from './csv-quote.js';
import { T_BIG, T_BOOL, T_CAT, T_DATE, T_F32, T_F64, T_INT, T_TS, T_UTF8, planOf, type Plan } from './csv-plan.js';
import { float32Text, float64Text, writeInt } from './csv-values.js';
import { MAX_DAY_4, MAX_MS_4, MIN_DAY_4, MIN_MS_4, formatDate, formatTimestamp, writeDate, writeTimestamp } from '../util/temporal.js';
import type { TableSource } from '../display/table.js';
import { grow, put, writeAscii } from './bytes-out.js';

export { csvField, resolveCsvWriteOptions, type CsvWriteOptions, type CsvWriteSettings } from './csv-quote.js';
export { float32Text, float64Text } from './csv-values.js';

/** Bytes in a chunk before the encoder starts the next one (a row is never split). */
const CHUNK_BYTES = 1 << 16;

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
 * const df = DataFrame.fromRecords([{ a: 1, b: 'x' }, { a: 2, b: 'y, z' }]);
 * let text = '';
 * for (const chunk of new CsvEncoder(df.core, { delimiter: ';' })) text += chunk.toString('utf8');
 * text; // → 'a;b\n1;x\n2;y, z\n'
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
   * @param where - The function named in errors (default `toCSV`).
   * @throws InvalidArgumentError, UnknownOptionError for invalid options (see {@link resolveCsvWriteOptions}).
   */
  constructor(src: TableSource, options: CsvWriteOptions = {}, where = 'toCSV') {
    const s = resolveCsvWriteOptions(options, where);
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
            p = d >= MIN_DAY_4 && d <= MAX_DAY_4 ? writeDate(out, p, d) : writeAscii(out, p, formatDate(d));
            break;
          }
          case T_TS: {
            // Number(plan.bigs[i]) without making a bigint: exact below 2^53, and values beyond
            // that are far outside the four-digit years, so they take the exact bigint path.
            const ms = plan.pairs[2 * i + 1]! * 4_294_967_296 + (plan.pairs[2 * i]! >>> 0);
            if (ms >= MIN_MS_4 && ms <= MAX_MS_4) p = writeTimestamp(out, p, ms, plan.zoned);
            else p = writeAscii(out, p, formatTimestamp(plan.bigs[i]!, plan.zoned ? 'UTC' : null));
            break;
          }
          default: {
            const raw = plan.text!(i);
            if (raw === null) {
              p = put(out, p, nul);
              break;
            }
            const text = csvField(raw, s);
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

// ---------------------------------------------------------------------------------------------
// Buffer writers: each writes at `p` and returns the position after what it wrote. Callers make
// room first (a row reserves 64 bytes a value; strings reserve their worst case on top).


// ---------------------------------------------------------------------------------------------

/**
 * A frame as CSV text: a header row of column names (unless `header: false`), then one line per
 * row, every line ending with `lineEnding`. Built from the same bytes `writeCSV` writes.
 *
 * Values: null as `nullValue` (default: nothing, unquoted); booleans `true` / `false`; integers in
 * decimal (64-bit ones exactly, from the stored integers); float64 as the shortest text that
 * reads back to the same double, with `.0` on whole numbers so it reads back as a float
 * (`2.0`, `-0.0`, `1e+21`, `NaN`, `inf`, `-inf`); float32 as the shortest text that reads back to
 * the same float32 (`.0` likewise); dates `YYYY-MM-DD`; timestamps ISO 8601
 * (`2024-03-05T14:22:10.123`, `.mmm` only when not zero) — naive ones as wall times with no
 * suffix, ones with a time zone as the instant in UTC with `Z`; years outside 0–9999 as ISO 8601
 * expanded years (`+010000-01-01`, `-000001-12-31`), see `formatDate` / `formatTimestamp`.
 * Timestamps in seconds, microseconds and nanoseconds follow the same rule with the unit's
 * fraction digits (`2024-05-01T10:00:00.123456Z`, written only when the fraction is not zero).
 * `readCSV` infers every one of these back to its dtype (float32 as float64, a zoned timestamp
 * as `timestamp[…, UTC]`, the unit from the fraction digits; read with `dtypes` to get the same
 * unit back when no value has a fraction). Categorical and large strings are written as their
 * strings. Decimals as their exact text (`12.3400`); float16 as float32 is; times of day as
 * `HH:MM:SS[.fff…]`; durations as integer counts of their unit; binary values as base64 text;
 * intervals as ISO 8601 durations (`P1Y2M`); the null type as `nullValue`; lists, structs,
 * maps and unions as their JSON text (as `toJSONString` writes the value), quoted by the usual
 * rule. `readCSV` reads decimals, times and timestamps of each unit back exactly given their
 * `dtypes`. Text and header names are quoted by the rules of {@link csvField}, so the empty
 * string is `""` while null is empty. A frame without columns gives no lines. A one-column frame
 * writes a null row as an empty line; readers that skip blank lines need a `nullValue` then.
 *
 * @param src - A frame's core (`df.core`): a height and columns.
 * @param options - {@link CsvWriteOptions}.
 * @param where - The function named in errors (default `toCSV`).
 * @returns The CSV text (with a leading U+FEFF when `bom` is set).
 * @throws InvalidArgumentError for invalid options.
 * @throws Error (`ERR_STRING_TOO_LONG`) when the text would exceed V8's longest string (~512 MiB); use `writeCSV`.
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ name: 'Ada, Countess', note: '' }, { name: 'Linus', note: null }]);
 * console.log(formatCSV(df.core));
 * // prints:
 * // name,note
 * // "Ada, Countess",""
 * // Linus,
 * ```
 */
export function formatCSV(src: TableSource, options: CsvWriteOptions = {}, where = 'toCSV'): string {
  const chunks: Buffer[] = [];
  for (const chunk of new CsvEncoder(src, options, where)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
