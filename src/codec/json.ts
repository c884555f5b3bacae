/**
 * JSON text of a frame, shared by `df.toJSONString()` and `writeJSON` so both produce the same
 * bytes: an encoder ({@link JsonEncoder}) that writes rows straight from the columns' Arrow
 * buffers into UTF-8 chunks of about 64 KiB (no object per row, no string per number), and
 * {@link formatJSON}, the whole text at once.
 */
import { constants } from 'node:buffer';
import { InvalidArgumentError } from '../errors.js';
import { jsonValueText, type TextOf } from './value-text.js';
import { checkOptions } from '../util/options.js';
import type { Column } from '../column/column.js';
import type { DTypeKind } from '../dtype/dtype.js';
import { float32Text, float64Text, writeInt } from './csv-values.js';
import { MAX_DAY_4, MAX_MS_4, MIN_DAY_4, MIN_MS_4, formatDate, formatTimestamp, writeDate, writeTimestamp } from '../util/temporal.js';
import type { TableSource } from '../display/table.js';
import { LITTLE_ENDIAN, T_BIG, T_BOOL, T_CAT, T_DATE, T_F32, T_F64, T_INT, T_TS, T_UTF8, planBuffers, type PlanBuffers } from './csv-plan.js';
import { grow, put, writeAscii } from './bytes-out.js';

/**
 * The two JSON layouts: `'records'`, one JSON array of objects, and `'ndjson'`, one object per
 * line (JSON Lines).
 * @example
 * ```ts
 * const format: JsonFormat = 'ndjson';
 * DataFrame.fromColumns({ a: [1, 2] }).toJSONString({ format }); // → '{"a":1}\n{"a":2}\n'
 * ```
 */
export type JsonFormat = 'records' | 'ndjson';

/**
 * Options of `df.toJSONString()` and `writeJSON`.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ a: [1, 2] });
 * df.toJSONString({ format: 'ndjson' }); // → '{"a":1}\n{"a":2}\n'
 * df.toJSONString(); // → '[\n{"a":1},\n{"a":2}\n]\n'
 * ```
 */
export interface JsonWriteOptions {
  /** `'records'` (default: `[`, one object per line separated by commas, `]`) or `'ndjson'`. */
  format?: JsonFormat;
}

/** The longest string V8 makes, in UTF-16 units. */
const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** Bytes in a chunk before the encoder starts the next one (a row is never split). */
const CHUNK_BYTES = 1 << 16;

const TAG_OF: Partial<Record<DTypeKind, number>> = {
  bool: T_BOOL,
  int8: T_INT,
  int16: T_INT,
  int32: T_INT,
  uint8: T_INT,
  uint16: T_INT,
  uint32: T_INT,
  int64: T_BIG,
  uint64: T_BIG,
  float32: T_F32,
  float64: T_F64,
  utf8: T_UTF8,
  categorical: T_CAT,
  date: T_DATE,
  timestamp: T_TS,
};

/** Any other dtype (decimals, binary, float16, times, timestamps not in ms, nested …): each value's JSON text. */
const T_VALUE = 10;

/** One column's buffers and how to write them; every plan has the same shape. */
interface Plan extends PlanBuffers {
  readonly tag: number;
  /** T_VALUE: the JSON text of the non-null row `i`. */
  readonly text: TextOf | null;
  /** `"name":`, with a leading comma for every column but the first. */
  readonly key: Uint8Array;
}

const NULL = Buffer.from('null', 'latin1');

/** Byte → its escape's second character (`"`, `\`, `n` …), 117 (`u`) for `\u00XX`, or 0 to copy. */
const ESCAPE = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) ESCAPE[c] = 117;
ESCAPE[8] = 98;
ESCAPE[9] = 116;
ESCAPE[10] = 110;
ESCAPE[12] = 102;
ESCAPE[13] = 114;
ESCAPE[34] = 34;
ESCAPE[92] = 92;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

function planOf(col: Column, first: boolean): Plan {
  let tag = TAG_OF[col.dtype.kind] ?? T_VALUE;
  // The byte writer spells milliseconds; other units take the general path.
  if (tag === T_TS && (!LITTLE_ENDIAN || (col.dtype.unit ?? 'ms') !== 'ms')) tag = T_VALUE;
  const key = Buffer.from((first ? '' : ',') + JSON.stringify(col.name) + ':', 'utf8');
  return { tag, key, ...planBuffers(col, tag, (t) => JSON.stringify(t)), text: tag === T_VALUE ? jsonValueText(col.data, col.dtype, col.name) : null };
}

/**
 * Encodes a frame as JSON (`records`) or NDJSON, as UTF-8 chunks of about 64 KiB (a chunk always
 * ends at a row's end). Each column's writer is chosen once; values are written as bytes straight
 * from the Arrow buffers. Iterating it yields each chunk once; the chunks are fresh buffers.
 *
 * Output rules: see {@link formatJSON}.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ a: 1, b: 'x' }, { a: 2, b: null }]);
 * let text = '';
 * for (const chunk of new JsonEncoder(df.core, { format: 'ndjson' })) text += chunk.toString('utf8');
 * text; // → '{"a":1,"b":"x"}\n{"a":2,"b":null}\n'
 * ```
 */
export class JsonEncoder implements IterableIterator<Buffer> {
  readonly #plans: readonly Plan[];
  readonly #height: number;
  readonly #records: boolean;
  #row = 0;
  #stage = 0; // 0: not started, 1: rows, 2: done

  /**
   * @param src - A frame's core (a height and columns).
   * @param options - The format.
   * @param where - The function named in errors (default `toJSONString`).
   * @throws InvalidArgumentError for a format other than `'records'` or `'ndjson'`.
   */
  constructor(src: TableSource, options: JsonWriteOptions = {}, where = 'toJSONString') {
    this.#records = resolveJsonFormat(options, where) === 'records';
    this.#height = src.height;
    this.#plans = src.columns.map((c, i) => planOf(c, i === 0));
  }

  /** The next chunk: rows (with `[` before the first and `]` after the last for records). */
  next(): IteratorResult<Buffer, undefined> {
    if (this.#stage === 2) return { done: true, value: undefined };
    if (this.#row >= this.#height) {
      const first = this.#stage === 0;
      this.#stage = 2;
      if (!this.#records) return { done: true, value: undefined };
      return { done: false, value: Buffer.from(first ? '[]\n' : '\n]\n', 'latin1') };
    }
    return { done: false, value: this.#rows() };
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** Rows of a frame with no columns (`{}` each), a chunk at a time by filling, not row by row. */
  #emptyRows(): Buffer {
    const records = this.#records;
    const start = this.#row;
    const n = Math.min(this.#height - start, CHUNK_BYTES >> 2);
    let head = '';
    if (this.#stage === 0) {
      this.#stage = 1;
      if (records) head = '[';
    }
    // Records: the first row is `\n{}`, each next one `,\n{}`; NDJSON: `{}\n` each.
    if (records && start === 0) head += '\n{}';
    const rest = records && start === 0 ? n - 1 : n;
    const pattern = records ? ',\n{}' : '{}\n';
    const out = Buffer.allocUnsafe(head.length + rest * pattern.length);
    out.write(head, 0, 'latin1');
    if (rest > 0) out.fill(pattern, head.length, out.length, 'latin1');
    this.#row = start + n;
    return out;
  }

  /** Rows from `#row` until the chunk holds at least CHUNK_BYTES. */
  #rows(): Buffer {
    const plans = this.#plans;
    const width = plans.length;
    const height = this.#height;
    const records = this.#records;
    if (width === 0) return this.#emptyRows();
    // Room a row needs besides its strings: its keys, and 64 bytes a value.
    let reserve = 4;
    for (const p of plans) reserve += p.key.length + 64;
    let out: Buffer = Buffer.allocUnsafe(CHUNK_BYTES + reserve);
    let p = 0;
    if (this.#stage === 0) {
      this.#stage = 1;
      if (records) out[p++] = 91; // '['
    }
    let i = this.#row;
    for (; i < height && p < CHUNK_BYTES; i++) {
      if (p + reserve > out.length) out = grow(out, p, reserve);
      if (records) {
        out[p++] = i === 0 ? 10 : 44; // '\n' after '[', else ','
        if (i > 0) out[p++] = 10;
      }
      out[p++] = 123; // '{'
      for (let c = 0; c < width; c++) {
        const plan = plans[c]!;
        p = put(out, p, plan.key);
        const valid = plan.validity;
        if (valid !== null) {
          const j = i + plan.bitOffset;
          if ((valid[j >> 3]! & (1 << (j & 7))) === 0) {
            p = put(out, p, NULL);
            continue;
          }
        }
        switch (plan.tag) {
          case T_INT:
            p = writeInt(out, p, plan.nums[i]!);
            break;
          case T_F64: {
            const x = plan.nums[i]!;
            // NaN and ±Infinity are not JSON: null (as JSON.stringify writes them). Whole numbers
            // get `.0` so they read back as floats; -0 stays -0.0.
            p = x - x !== 0 ? put(out, p, NULL) : writeAscii(out, p, float64Text(x));
            break;
          }
          case T_F32: {
            const x = plan.nums[i]!;
            p = x - x !== 0 ? put(out, p, NULL) : writeAscii(out, p, float32Text(x));
            break;
          }
          case T_BIG:
            p = writeAscii(out, p, '' + plan.bigs[i]!);
            break;
          case T_BOOL: {
            const j = i + plan.bitOffset;
            p = writeAscii(out, p, (plan.bytes[j >> 3]! & (1 << (j & 7))) !== 0 ? 'true' : 'false');
            break;
          }
          case T_UTF8: {
            const a = plan.offsets[i]!;
            const b = plan.offsets[i + 1]!;
            if (p + 6 * (b - a) + 2 + reserve > out.length) out = grow(out, p, 6 * (b - a) + 2 + reserve);
            p = writeJsonString(out, p, plan.bytes, a, b);
            break;
          }
          case T_CAT: {
            const k = plan.nums[i]!;
            const ds = plan.dictStart;
            const a = ds[k]!;
            const b = ds[k + 1]!;
            if (p + (b - a) + reserve > out.length) out = grow(out, p, b - a + reserve);
            for (let j = a; j < b; j++) out[p++] = plan.bytes[j]!;
            break;
          }
          case T_DATE: {
            const d = plan.nums[i]!;
            out[p++] = 34;
            p = d >= MIN_DAY_4 && d <= MAX_DAY_4 ? writeDate(out, p, d) : writeAscii(out, p, formatDate(d));
            out[p++] = 34;
            break;
          }
          case T_VALUE: {
            const text = plan.text!(i);
            if (p + 3 * text.length + reserve > out.length) out = grow(out, p, 3 * text.length + reserve);
            p += out.write(text, p, 'utf8');
            break;
          }
          default: {
            // T_TS: Number(plan.bigs[i]) without a bigint; exact below 2^53, and beyond that far
            // outside the four-digit years, so those take the exact bigint path.
            const ms = plan.pairs[2 * i + 1]! * 4_294_967_296 + (plan.pairs[2 * i]! >>> 0);
            out[p++] = 34;
            if (ms >= MIN_MS_4 && ms <= MAX_MS_4) p = writeTimestamp(out, p, ms, plan.zoned);
            else p = writeAscii(out, p, formatTimestamp(plan.bigs[i]!, plan.zoned ? 'UTC' : null));
            out[p++] = 34;
          }
        }
      }
      out[p++] = 125; // '}'
      if (!records) out[p++] = 10;
    }
    if (p > out.length) throw new Error(`JSON encoder overflow: wrote ${p} bytes into a buffer of ${out.length}`);
    this.#row = i;
    if (i >= height && records) {
      // Close the array in the last chunk.
      if (p + 3 > out.length) out = grow(out, p, 3);
      out[p++] = 10;
      out[p++] = 93;
      out[p++] = 10;
      this.#stage = 2;
    }
    return out.subarray(0, p);
  }
}

/**
 * The UTF-8 bytes `[a, b)` of `src` as a JSON string (quotes included) at `p`: `"` and `\`
 * escaped with a backslash, control characters as `\n`, `\t` … or `\u00XX`, everything else
 * copied. The caller has made room for `6 × (b − a) + 2` bytes.
 */
function writeJsonString(out: Buffer, p: number, src: Uint8Array, a: number, b: number): number {
  out[p++] = 34;
  for (let j = a; j < b; j++) {
    const x = src[j]!;
    const esc = ESCAPE[x]!;
    if (esc === 0) {
      out[p++] = x;
      continue;
    }
    out[p++] = 92;
    out[p++] = esc;
    if (esc === 117) {
      out[p++] = 48;
      out[p++] = 48;
      out[p++] = HEX[x >> 4]!;
      out[p++] = HEX[x & 15]!;
    }
  }
  out[p++] = 34;
  return p;
}


/**
 * The format of JSON write options (default `'records'`).
 * @param options - The options as given.
 * @param where - The function named in errors (default `toJSONString`).
 * @returns `'records'` or `'ndjson'`.
 * @throws InvalidArgumentError for anything else; UnknownOptionError for a key other than `format`.
 * @example
 * ```ts
 * [resolveJsonFormat({}), resolveJsonFormat({ format: 'ndjson' })]; // → [ 'records', 'ndjson' ]
 * resolveJsonFormat({ format: 'csv' as JsonFormat });
 * // throws InvalidArgumentError: format must be 'records' or 'ndjson', got csv
 * ```
 */
export function resolveJsonFormat(options: JsonWriteOptions, where = 'toJSONString'): JsonFormat {
  checkOptions(options, ['format'], where);
  const f = options.format ?? 'records';
  if (f !== 'records' && f !== 'ndjson') throw new InvalidArgumentError(`format must be 'records' or 'ndjson', got ${String(f)}`, f);
  return f;
}

/**
 * A frame as JSON text: `'records'` (default) writes an array with one object per line,
 * `[\n{…},\n{…}\n]\n` (`[]\n` for no rows); `'ndjson'` writes one object per line, each ending
 * with `\n` (nothing for no rows). Every object holds every column, in column order. Built from
 * the same bytes `writeJSON` writes.
 *
 * Values: null as `null`; booleans `true` / `false`; integers in decimal, 64-bit ones exactly
 * (beyond 2^53 too: `JSON.parse` would round those, `readJSON` does not); float64 as the shortest
 * text that reads back to the same double, with `.0` on whole numbers so `readJSON` reads them
 * back as floats (`2.0`, `-0.0`, `1e+21`); NaN and ±Infinity as `null` — JSON has no spelling for
 * them (as `JSON.stringify`), so they are the one float value that does not round-trip (write CSV
 * or Arrow IPC to keep them); float32 and float16 as the shortest text that reads back to the
 * same float32 (read back as float64 unless a schema says otherwise); decimals as JSON numbers
 * with their exact digits (`12.3400`: every digit kept, where a reader's doubles would round);
 * dates as `"YYYY-MM-DD"`; timestamps of every unit as ISO 8601 strings with the unit's fraction
 * digits when the fraction is not zero (`"2024-03-05T14:22:10.123"`, `"…10.123456789"`), naive
 * ones with no suffix and ones with a time zone as the instant in UTC with `Z`; times of day as
 * `"HH:MM:SS[.fff…]"`; durations as integer counts of their unit; intervals as objects of their
 * fields (`{"months":14}`); years outside 0–9999 as ISO 8601 expanded years
 * (`"+010000-01-01"`); strings and categorical values as JSON strings (`"` and `\` escaped,
 * control characters as `\n`, `\t` … or `\u00XX`, all else as UTF-8, emoji included); binary
 * values as base64 strings; the null type as `null`. Lists are JSON arrays, structs JSON
 * objects, maps JSON objects when their keys are strings (and no row repeats a key) else arrays
 * of `[key, value]` pairs, unions the value of the member a row holds — nested to any depth,
 * with the same spellings. `readJSON` reads all of it back: nested values by inference, and
 * every dtype exactly with a schema.
 *
 * @param src - A frame's core (`df.core`): a height and columns.
 * @param options - {@link JsonWriteOptions}.
 * @param where - The function named in errors (default `toJSONString`).
 * @returns The JSON text.
 * @throws InvalidArgumentError for an unknown format.
 * @throws Error (`ERR_STRING_TOO_LONG`) when the text would exceed V8's longest string (~512 MiB); use `writeJSON`.
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ id: 1, note: 'say "hi"' }, { id: 2, note: null }]);
 * console.log(formatJSON(df.core, { format: 'ndjson' }));
 * // prints:
 * // {"id":1,"note":"say \"hi\""}
 * // {"id":2,"note":null}
 * ```
 */
export function formatJSON(src: TableSource, options: JsonWriteOptions = {}, where = 'toJSONString'): string {
  const encoder = new JsonEncoder(src, options, where);
  const tooLong = (bytes: string): Error =>
    Object.assign(new Error(`${where}: the JSON text of ${src.height.toLocaleString('en-US')} rows is ${bytes}, longer than the longest string (${MAX_STRING_LENGTH.toLocaleString('en-US')} characters); write it with writeJSON`), {
      code: 'ERR_STRING_TOO_LONG',
    });
  // Rows with no columns are all alike: the length is known before writing any.
  if (src.columns.length === 0) {
    const bytes = emptyRowsBytes(src.height, options.format === 'ndjson');
    if (bytes > MAX_STRING_LENGTH) throw tooLong(`${bytes.toLocaleString('en-US')} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for (const chunk of encoder) {
    chunks.push(chunk);
    total += chunk.length;
    // A UTF-8 byte is at least a third of a UTF-16 unit: past this, no string can hold the text.
    if (total > 3 * MAX_STRING_LENGTH) throw tooLong(`more than ${total.toLocaleString('en-US')} bytes`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Bytes of the JSON text of `height` rows with no columns: `{}` each. */
function emptyRowsBytes(height: number, ndjson: boolean): number {
  if (ndjson) return 3 * height; // {}\n
  return height === 0 ? 3 : 2 + 2 + 4 * (height - 1) + 3; // [\n{} ,\n{} … \n]\n
}
