/**
 * Common spellings of a missing value (`NA`, `N/A`, `NULL`, `None`, `-` …): read as null with
 * `nullValues: 'common'`, and otherwise noticed, so a read can say that a column would be
 * numbers (or booleans, dates) but for them.
 */
import type { Column } from '../../column/column.js';
import { Kind, classify, timestampUnitOf } from './values.js';

/**
 * The texts `nullValues: 'common'` reads as null in every column (besides the empty field),
 * compared exactly (case included): R's and Excel's `NA`, `N/A`, `n/a`, `#N/A`; SQL's and
 * JSON's `NULL`, `null`, `Null`; Python's `None`; the placeholders `-`, `.` and `?`. Fields of
 * only spaces and tabs are null too. `NaN` and `nan` are null only where the column's dtype does
 * not take them (integers, booleans, dates, timestamps): a float column reads them as the float
 * NaN and a text column as text.
 */
export const COMMON_NULL_TOKENS: readonly string[] = Object.freeze(['NA', 'N/A', 'n/a', '#N/A', 'NULL', 'null', 'Null', 'None', '-', '.', '?']);

/** The not-a-number spellings that are null in columns whose dtype does not take them. */
export const NAN_TOKENS: readonly string[] = Object.freeze(['NaN', 'nan']);

const TOKENS = COMMON_NULL_TOKENS.map((t) => Buffer.from(t, 'latin1'));
const NANS = NAN_TOKENS.map((t) => Buffer.from(t, 'latin1'));
/** The label a blank field (spaces and tabs) is reported under. */
const BLANK = '(blank)';

function matches(words: readonly Uint8Array[], b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    if (word.length !== n) continue;
    let k = 0;
    while (k < n && word[k] === b[s + k]) k++;
    if (k === n) return w;
  }
  return -1;
}

/** Whether `[s, e)` is one or more spaces and tabs and nothing else. */
function isBlank(b: Uint8Array, s: number, e: number): boolean {
  if (e === s) return false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * The null test of `nullValues: 'common'`: one of {@link COMMON_NULL_TOKENS} or blank (not NaN,
 * which depends on the column). Rejects anything longer than four bytes that is not blank after
 * one byte, so ordinary fields cost a length check.
 * @param b - Bytes holding the field.
 * @param s - Where the field starts.
 * @param e - Where it ends (exclusive).
 * @returns Whether the field reads as null.
 * @example
 * ```ts
 * const t = (x: string) => isCommonNull(Buffer.from(x), 0, x.length);
 * console.log(t('NA'), t('  '), t('NaN'), t('na'));
 * // prints: true true false false
 * ```
 */
export function isCommonNull(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  const c = b[s];
  if (c === 32 || c === 9) return isBlank(b, s, e);
  if (n > 4) return false;
  return matches(TOKENS, b, s, e) >= 0;
}

/**
 * Whether `[s, e)` is `NaN` or `nan`.
 * @example
 * ```ts
 * console.log(isNanToken(Buffer.from('nan'), 0, 3), isNanToken(Buffer.from('NAN'), 0, 3));
 * // prints: true false
 * ```
 */
export function isNanToken(b: Uint8Array, s: number, e: number): boolean {
  return e - s === 3 && matches(NANS, b, s, e) >= 0;
}

/**
 * Which common null token `[s, e)` is (NaN included, blanks as `(blank)`), or undefined.
 * @example
 * ```ts
 * console.log(commonTokenOf(Buffer.from('N/A'), 0, 3), commonTokenOf(Buffer.from(' '), 0, 1), commonTokenOf(Buffer.from('12'), 0, 2));
 * // prints: N/A (blank) undefined
 * ```
 */
export function commonTokenOf(b: Uint8Array, s: number, e: number): string | undefined {
  if (isBlank(b, s, e)) return BLANK;
  if (e - s > 4) return undefined;
  const t = matches(TOKENS, b, s, e);
  if (t >= 0) return COMMON_NULL_TOKENS[t];
  const m = matches(NANS, b, s, e);
  return m >= 0 ? NAN_TOKENS[m] : undefined;
}

/** A column that reads as text only because of common null tokens (see `CsvReadInfo.nullTokens`). */
export interface NullTokenHint {
  /** The column. */
  readonly column: string;
  /** The dtype it would have with those tokens read as null (`nullValues: 'common'`). */
  readonly wouldBe: string;
  /** Each token found and how many times, most frequent first. */
  readonly tokens: readonly { readonly token: string; readonly count: number }[];
}

/**
 * The dtype name inference gives for classes `k` (at least one value), or undefined for text.
 * @example
 * ```ts
 * import { Kind } from './values.js';
 * console.log(kindName(Kind.Int32 | Kind.Int64 | Kind.Float), kindName(Kind.Date), kindName(0));
 * // prints: int32 date undefined
 * ```
 */
export function kindName(k: number): string | undefined {
  if (k & Kind.Bool) return 'bool';
  if (k & Kind.Int32) return 'int32';
  if (k & Kind.Int64) return 'int64';
  if (k & Kind.Float) return 'float64';
  if (k & Kind.Date) return 'date';
  const naive = timestampUnitOf(k, false);
  if (naive !== undefined) return `timestamp[${naive}]`;
  const aware = timestampUnitOf(k, true);
  if (aware !== undefined) return `timestamp[${aware}, UTC]`;
  return undefined;
}

/**
 * What a text column holds: how often each common null token occurs, and the inference classes
 * of every other value. Fed a batch at a time; reports a hint once every non-token value fits a
 * number, boolean, date or timestamp dtype.
 * @example
 * ```ts
 * const tally = new TokenTally();
 * tally.add(DataFrame.fromColumns({ age: ['31', 'NA', '-', '40'] }).getColumn('age'));
 * tally.hint('age'); // → { column: 'age', wouldBe: 'int32', tokens: [ { token: 'NA', count: 1 }, { token: '-', count: 1 } ] }
 * ```
 */
export class TokenTally {
  private kinds: number = Kind.All;
  private others = 0;
  private readonly counts = new Map<string, number>();

  /** Count the values of a utf8 or categorical column (the dictionary once, then the codes). */
  add(col: Column): void {
    const a = col.access;
    if (col.dtype.kind === 'categorical') {
      const dict = a.dict ?? [];
      const codes = a.values as ArrayLike<number>;
      const perCode = new Float64Array(dict.length);
      for (let i = 0; i < col.length; i++) if (!col.isNull(i)) perCode[codes[i]!]!++;
      dict.forEach((text, k) => {
        if (perCode[k] === 0) return;
        const bytes = Buffer.from(text, 'utf8');
        this.value(bytes, 0, bytes.length, perCode[k]!);
      });
      return;
    }
    if (col.dtype.kind !== 'utf8') return;
    const bytes = a.values as Uint8Array;
    const offs = a.offsets!;
    for (let i = 0; i < col.length; i++) {
      if (this.kinds === 0) return; // some value is text: no hint, stop counting
      if (!col.isNull(i)) this.value(bytes, offs[i]!, offs[i + 1]!, 1);
    }
  }

  private value(b: Uint8Array, s: number, e: number, times: number): void {
    const token = commonTokenOf(b, s, e);
    if (token !== undefined) this.counts.set(token, (this.counts.get(token) ?? 0) + times);
    else {
      this.others += times;
      if (this.kinds !== 0) this.kinds &= classify(b, s, e);
    }
  }

  /** The hint for column `name`, when its values are numbers (…) but for the tokens. */
  hint(name: string): NullTokenHint | undefined {
    if (this.counts.size === 0 || this.others === 0) return undefined;
    // A token that reads as a float (NaN) next to numbers keeps them numbers: not this column's trouble.
    const wouldBe = kindName(this.kinds);
    if (wouldBe === undefined) return undefined;
    const tokens = [...this.counts].map(([token, count]) => ({ token, count })).sort((x, y) => y.count - x.count);
    return { column: name, wouldBe, tokens };
  }
}
