/**
 * CSV write options and the quoting rule, shared by `df.toCSV()` and `writeCSV`: the options
 * checked and filled with defaults, and a field's text quoted ({@link csvField}) or, for UTF-8
 * bytes straight from a column, copied and quoted by the same rule ({@link writeUtf8Field}).
 *
 * The quoting follows RFC 4180 as fast-csv's formatter does (a field is wrapped in the quote
 * character and a quote inside it is doubled), with the cases fast-csv's `FieldFormatter` gets
 * wrong for a lossless round trip fixed: it writes the empty string unquoted (which reads back as
 * null), drops NUL characters, leaves leading and trailing spaces unquoted, quotes any field with
 * a `|`, and builds its regular expressions from the delimiter and quote without escaping them.
 */
import { InvalidArgumentError } from '../errors.js';
import { checkOptions } from '../util/options.js';

/**
 * Options of `df.toCSV()` and `writeCSV`.
 * @example
 * ```ts
 * const df = DataFrame.fromRecords([{ name: 'Ada', age: 36 }, { name: 'Linus', age: null }]);
 * df.toCSV({ delimiter: ';', lineEnding: '\r\n', nullValue: 'NA' }); // → 'name;age\r\nAda;36\r\nLinus;NA\r\n'
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
 * const s = resolveCsvWriteOptions({ bom: true });
 * [s.bom, s.delimiter, s.nullValue]; // → [ true, ',', '' ]
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

/** Every key of {@link CsvWriteOptions}. */
export const CSV_WRITE_OPTIONS = ['header', 'delimiter', 'quote', 'lineEnding', 'bom', 'nullValue'] as const;

const DEFAULTS = { header: true, delimiter: ',', quote: '"', lineEnding: '\n', bom: false, nullValue: '' } as const;

/**
 * Check CSV write options and fill in the defaults.
 *
 * @param options - The options as given (all optional).
 * @param where - The function named in errors (default `toCSV`).
 * @returns The settings, with the pattern {@link csvField} uses.
 * @throws UnknownOptionError for a key that is not a CSV write option.
 * @throws InvalidArgumentError for a delimiter or quote that is not one character, is CR or LF,
 *   or is the same as the other; a line ending other than `\n` / `\r\n`; a `nullValue` holding
 *   the delimiter, the quote, CR or LF; a non-boolean `header` or `bom`.
 * @example
 * ```ts
 * const s = resolveCsvWriteOptions({ delimiter: ';' });
 * [s.delimiter, s.quote, s.lineEnding, s.header]; // → [ ';', '"', '\n', true ]
 * resolveCsvWriteOptions({ delimiter: '"' });
 * // throws InvalidArgumentError: CSV options delimiter and quote must differ, both are "\""
 * ```
 */
export function resolveCsvWriteOptions(options: CsvWriteOptions = {}, where = 'toCSV'): CsvWriteSettings {
  checkOptions(options, CSV_WRITE_OPTIONS, where);
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
 * ['plain', '', 'a,b', 'say "hi"', ' pad'].map((t) => csvField(t, s)); // → [ 'plain', '""', '"a,b"', '"say ""hi"""', '" pad"' ]
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

/**
 * UTF-8 bytes `[a, b)` of `src` written at `p` as a field, by the rules of {@link csvField} (with
 * an ASCII delimiter and quote, and an empty nullValue): copied while scanning, and rewritten
 * quoted when a special byte turns up. The caller has reserved 2·(b − a) + 2 bytes.
 *
 * @param out - The buffer written to.
 * @param p - Where the field starts in `out`.
 * @param src - UTF-8 bytes holding the text.
 * @param a - Where the text starts in `src`.
 * @param b - Where the text ends in `src` (exclusive).
 * @param special - Byte → 1 for the delimiter, the quote, CR and LF; 0 for every other byte.
 * @param Q - The quote's byte.
 * @returns The position in `out` after the field.
 * @example
 * ```ts
 * const special = new Uint8Array(256);
 * for (const c of ',"\r\n') special[c.charCodeAt(0)] = 1;
 * const src = Buffer.from('a,b');
 * const out = Buffer.alloc(2 * src.length + 2);
 * const end = writeUtf8Field(out, 0, src, 0, src.length, special, 34);
 * console.log(out.toString('utf8', 0, end));
 * // prints: "a,b"
 * ```
 */
export function writeUtf8Field(out: Buffer, p: number, src: Uint8Array, a: number, b: number, special: Uint8Array, Q: number): number {
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
