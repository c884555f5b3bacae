/**
 * GitHub-flavoured markdown tables: a header of `name (dtype)`, numbers right-aligned with `---:`,
 * cells escaped so that no value can break the table or turn into markup, long and wide frames
 * elided as in the box table.
 */
import type { Column } from '../column/column.js';
import { dtypeShortName } from '../dtype/dtype.js';
import type { TableSource } from './table.js';
import {
  DEFAULT_MAX_COLS,
  DEFAULT_MAX_ROWS,
  ELIDED,
  ELLIPSIS,
  countOption,
  alignsRight,
  columnText,
  shownColumns,
  shownRows,
} from './layout.js';
import { DEFAULT_MAX_STRING_LENGTH } from './value.js';
import { displayWidth, escapeText, padText, truncateText } from './width.js';

/** Options for {@link formatMarkdown}; the limits mean what they mean in `PrintOptions`. */
export interface MarkdownOptions {
  /** Rows shown before eliding (default 10); a taller frame gets a `…` row. Negative: every row. */
  maxRows?: number;
  /** Columns shown before eliding (default 12); a wider frame gets a `…` column. Negative: every column. */
  maxCols?: number;
  /** Names and text wider than this many terminal columns are cut and end with `…` (default 32). */
  maxStringLength?: number;
  /** Put `shape: (height, width)` and an empty line above the table (default true). */
  showShape?: boolean;
  /** Write each column's dtype after its name, `amount (f64)` (default true). */
  showDtypes?: boolean;
}

/** Characters with a meaning in GFM inline text or tables, escaped with a backslash. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&]/g;

/**
 * Escape text for a GFM table cell, so it shows as written.
 *
 * Control characters and newlines are first spelled out as in the box table (`\n`); then `|` and
 * the characters GFM would read as markup (`` \ ` * _ [ ] < > ~ & ``) get a backslash, except
 * an `_` between two letters or digits (`temp_max`), which GFM never reads as emphasis.
 *
 * @param s - The text of one cell.
 * @returns Markdown source that renders as `s` on one line.
 * @example
 * ```ts
 * console.log(escapeMarkdown('a|b *c* temp_max\nx'));
 * // prints: a\|b \*c\* temp_max\\nx
 * ```
 */
export function escapeMarkdown(s: string): string {
  return escapeText(s).replace(MARKDOWN_SPECIAL, (c, at: number, all: string) =>
    c === '_' && isWordChar(all.charCodeAt(at - 1)) && isWordChar(all.charCodeAt(at + 1)) ? c : `\\${c}`,
  );
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Format a frame as a GitHub-flavoured markdown table.
 *
 * The header names each column with its dtype (`amount (f64)`); numeric columns are
 * right-aligned (`---:`). Cells are spelled as in the box table (`null`, `12.0`, dates as
 * `YYYY-MM-DD`), cut to `maxStringLength` and escaped with {@link escapeMarkdown}. A tall frame
 * shows its first and last rows around a `…` row, a wide one its first and last columns around a
 * `…` column. Columns are padded to a common width so the source reads as a table too.
 *
 * @param src - The height and columns to print.
 * @param opts - Limits and what to show; see {@link MarkdownOptions}.
 * @returns The markdown text, lines joined with `\n` (no trailing newline).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ id: [1, 2, 3], name: ['Ada', null, 'Linus'], amount: [1.5, null, 12] });
 * console.log(formatMarkdown(df.core));
 * // prints:
 * // shape: (3, 3)
 * //
 * // | id (i32) | name (str) | amount (f64) |
 * // |---------:|------------|-------------:|
 * // |        1 | Ada        |          1.5 |
 * // |        2 | null       |         null |
 * // |        3 | Linus      |         12.0 |
 * ```
 */
export function formatMarkdown(src: TableSource, opts: MarkdownOptions = {}): string {
  const height = Math.max(0, Math.floor(src.height) || 0);
  const cols = src.columns;
  const maxStr = Math.max(1, countOption(opts.maxStringLength, DEFAULT_MAX_STRING_LENGTH));
  const showDtypes = opts.showDtypes ?? true;
  const rows = shownRows(height, countOption(opts.maxRows, DEFAULT_MAX_ROWS));
  const shown = shownColumns(cols.length, countOption(opts.maxCols, DEFAULT_MAX_COLS));

  const lines: string[] = [];
  if (opts.showShape ?? true) lines.push(`shape: (${height}, ${cols.length})`, '');
  if (cols.length === 0) {
    // GFM needs at least one column; an empty frame gets one empty header cell.
    lines.push('|  |', '|--|');
    return lines.join('\n');
  }

  const views = shown.map((j) => (j === ELIDED ? elidedColumn(rows.length) : columnCells(cols[j]!, rows, maxStr, showDtypes)));
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  lines.push(row(views.map((v) => padText(v.header, v.width, 'left'))));
  lines.push(`|${views.map((v) => (v.right ? `${'-'.repeat(v.width + 1)}:` : '-'.repeat(v.width + 2))).join('|')}|`);
  for (let r = 0; r < rows.length; r++) {
    lines.push(row(views.map((v) => padText(v.cells[r]!, v.width, v.right ? 'right' : 'left'))));
  }
  return lines.join('\n');
}

interface MarkdownColumn {
  header: string;
  cells: string[];
  right: boolean;
  width: number;
}

function columnCells(col: Column, rows: readonly number[], maxStr: number, showDtypes: boolean): MarkdownColumn {
  const name = escapeMarkdown(truncateText(escapeText(col.name), maxStr));
  const header = showDtypes ? `${name} (${escapeMarkdown(dtypeShortName(col.dtype))})` : name;
  const text = columnText(col, maxStr);
  const cells = rows.map((i) => (i === ELIDED ? ELLIPSIS : escapeMarkdown(text(i))));
  return withWidth({ header, cells, right: alignsRight(col.dtype), width: 0 });
}

function elidedColumn(n: number): MarkdownColumn {
  return withWidth({ header: ELLIPSIS, cells: new Array<string>(n).fill(ELLIPSIS), right: false, width: 0 });
}

/** At least 3 wide, so the delimiter row has its `---`. */
function withWidth(c: MarkdownColumn): MarkdownColumn {
  let w = Math.max(3, displayWidth(c.header));
  for (const s of c.cells) w = Math.max(w, displayWidth(s));
  c.width = w;
  return c;
}
