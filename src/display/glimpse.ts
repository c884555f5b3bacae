/**
 * `glimpse`: a frame turned on its side, one line per column with its name, dtype and as many of
 * its first values as fit the line (like polars' `glimpse` and dplyr's). Meant for wide frames,
 * where a box table elides most columns.
 */
import type { Column } from '../column/column.js';
import { dtypeShortName } from '../dtype/dtype.js';
import type { TableSource } from './table.js';
import { DEFAULT_MAX_ROWS, ELIDED, ELLIPSIS, countOption, defaultMaxWidth, columnText, shownColumns } from './layout.js';
import { DEFAULT_MAX_STRING_LENGTH } from './value.js';
import { displayWidth, escapeText, padText, truncateText } from './width.js';

/** Options for {@link formatGlimpse}; the limits mean what they mean in `PrintOptions`. */
export interface GlimpseOptions {
  /**
   * Columns shown (default: all). A wider frame shows the first `ceil(maxCols / 2)` and last
   * `floor(maxCols / 2)` columns around a `…` line. A negative value shows every column.
   */
  maxCols?: number;
  /**
   * The widest line, in terminal columns (default: the terminal's width when stdout is a TTY,
   * else 120). Values are added while they fit; a negative value sets no limit.
   */
  maxWidth?: number;
  /** Names and text wider than this many terminal columns are cut and end with `…` (default 32). */
  maxStringLength?: number;
  /**
   * The most values shown per column (default: as many as fit `maxWidth`, or 10 when `maxWidth`
   * sets no limit).
   */
  maxValues?: number;
}

/**
 * Format a frame as a glimpse: `Rows:` and `Columns:` lines, then per column `$ name <dtype>`
 * and its first values, comma-separated, as many as fit the line.
 *
 * Values are spelled as in the box table; strings (utf8 and categorical) are double-quoted with
 * `"` and `\` escaped, and nulls print as `null`. A column with more values than fit ends its
 * line with `…`. Only the values shown are read, so a glimpse of a huge frame is cheap.
 * Never throws for valid columns.
 *
 * @param src - The height and columns to show.
 * @param opts - Limits; see {@link GlimpseOptions}.
 * @returns The glimpse text, lines joined with `\n` (no trailing newline).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ id: [1, 2, 3], name: ['Ada', null, 'Linus'], amount: [1.5, null, 12] });
 * console.log(formatGlimpse(df.core, { maxWidth: 40 }));
 * // prints:
 * // Rows: 3
 * // Columns: 3
 * // $ id     <i32> 1, 2, 3
 * // $ name   <str> "Ada", null, "Linus"
 * // $ amount <f64> 1.5, null, 12.0
 * ```
 */
export function formatGlimpse(src: TableSource, opts: GlimpseOptions = {}): string {
  const height = Math.max(0, Math.floor(src.height) || 0);
  const cols = src.columns;
  const maxWidth = countOption(opts.maxWidth, defaultMaxWidth());
  const maxStr = Math.max(1, countOption(opts.maxStringLength, DEFAULT_MAX_STRING_LENGTH));
  const maxValues = Math.max(1, countOption(opts.maxValues, maxWidth === Infinity ? DEFAULT_MAX_ROWS : Infinity));
  const shown = shownColumns(cols.length, countOption(opts.maxCols, Infinity));

  const names = shown.map((j) => (j === ELIDED ? ELLIPSIS : truncateText(escapeText(cols[j]!.name), maxStr)));
  const types = shown.map((j) => (j === ELIDED ? '' : `<${escapeText(dtypeShortName(cols[j]!.dtype))}>`));
  const nameWidth = Math.max(0, ...names.map(displayWidth));
  const typeWidth = Math.max(0, ...types.map(displayWidth));

  const lines = [`Rows: ${height}`, `Columns: ${cols.length}`];
  for (let s = 0; s < shown.length; s++) {
    const j = shown[s]!;
    if (j === ELIDED) {
      lines.push(`$ ${ELLIPSIS} ${cols.length - (shown.length - 1)} more columns`);
      continue;
    }
    const prefix = `$ ${padText(names[s]!, nameWidth, 'left')} ${padText(types[s]!, typeWidth, 'left')}`;
    const room = maxWidth - displayWidth(prefix) - 1;
    const values = valuesLine(cols[j]!, Math.min(height, cols[j]!.length), room, maxValues, maxStr);
    lines.push(values === '' ? prefix.trimEnd() : `${prefix} ${values}`);
  }
  return lines.join('\n');
}

/**
 * `v1, v2, …` within `room` columns: values are added while they fit, leaving space for `, …`
 * when more follow. The first value is cut to fit when even it does not.
 */
function valuesLine(col: Column, n: number, room: number, maxValues: number, maxStr: number): string {
  let out = '';
  let width = 0;
  const limit = Math.min(n, maxValues);
  const cell = columnText(col, maxStr, true);
  for (let i = 0; i < limit; i++) {
    const text = cell(i);
    const sep = i === 0 ? 0 : 2;
    const more = i + 1 < n ? 3 : 0; // room kept for ", …"
    const w = displayWidth(text);
    if (width + sep + w + more > room) {
      if (i === 0) return truncateText(text, Math.max(1, room));
      return `${out}, ${ELLIPSIS}`;
    }
    out += (i === 0 ? '' : ', ') + text;
    width += sep + w;
  }
  return limit < n ? `${out}, ${ELLIPSIS}` : out;
}
