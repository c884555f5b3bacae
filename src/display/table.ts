/**
 * Polars-style box tables. Works on any frame-like {@link TableSource} (a height and columns), so
 * it does not depend on the DataFrame class. Only the rows and columns shown are read.
 */
import type { Column } from '../column/column.js';
import { dtypeShortName } from '../dtype/dtype.js';
import { DEFAULT_MAX_STRING_LENGTH } from './value.js';
import { displayWidth, escapeText, padText, truncateText } from './width.js';
import {
  DEFAULT_MAX_COLS,
  DEFAULT_MAX_ROWS,
  ELIDED,
  ELLIPSIS,
  countOption,
  defaultMaxWidth,
  alignsRight,
  columnText,
  shownRows,
} from './layout.js';

/** What {@link formatTable} prints: a height and equally long columns. */
export interface TableSource {
  /** Number of rows. */
  readonly height: number;
  /** The columns, in order; each holds `height` values. */
  readonly columns: readonly Column[];
}

/** Options for {@link formatTable}. */
export interface PrintOptions {
  /**
   * Rows shown before eliding (default 10). A taller frame shows the first `ceil(maxRows / 2)` and
   * last `floor(maxRows / 2)` rows with a `…` row between. A negative value shows every row.
   */
  maxRows?: number;
  /**
   * Columns shown before eliding (default 12, at least 1). A wider frame shows the first
   * `ceil(maxCols / 2)` and last `floor(maxCols / 2)` columns with a `…` column between. A
   * negative value allows every column (still limited by `maxWidth`).
   */
  maxCols?: number;
  /**
   * The widest line allowed, in terminal columns (default: the terminal's width when stdout is a
   * TTY, else 120). Middle columns are left out until the table fits; at least one column is
   * always shown, cut down if need be. A negative value sets no limit.
   */
  maxWidth?: number;
  /** Names and text wider than this many terminal columns are cut and end with `…` (default 32). */
  maxStringLength?: number;
  /** Print `shape: (height, width)` above the table (default true). */
  showShape?: boolean;
  /** Print `---` and each column's dtype under its name (default true). */
  showDtypes?: boolean;
}

/** Narrowest a column is cut to when even one column does not fit `maxWidth` (room for `---`). */
const MIN_COLUMN_WIDTH = 3;

/** One printed column: header lines, one cell per shown row, alignment and width. */
interface ColumnView {
  header: string[];
  cells: string[];
  readonly align: 'left' | 'right';
  width: number;
}

/**
 * Format a frame as a polars-style box table.
 *
 * Prints an optional `shape: (height, width)` line, a header with each column's name, `---` and
 * dtype, then the rows. Numbers (decimals too) are right-aligned, other values left-aligned.
 * Every dtype has its spelling (see `formatValue` and `cell.ts`): timestamps with their unit's
 * digits, `1d 2h 3m` durations, `b"…"` bytes, `[1, 2, … 8 more]` lists, `{a: 1, b: "x"}`
 * structs, `{"k": 1}` maps. Tall frames show their first and last rows around a `…` row; wide
 * frames their first and last columns around a `…` column, dropping middle columns until each
 * line fits `maxWidth`. Only the shown cells are read, so printing a huge frame is cheap. Never
 * throws for valid columns: every value is read exactly (64-bit integers as bigints).
 *
 * @param src - The height and columns to print.
 * @param opts - Limits and what to show; see {@link PrintOptions}.
 * @returns The table text, lines joined with `\n` (no trailing newline).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ id: [1, 2, 3], name: ['Ada', null, 'Linus'], amount: [1.5, null, 12] });
 * console.log(formatTable(df.core));
 * // prints:
 * // shape: (3, 3)
 * // ┌─────┬───────┬────────┐
 * // │ id  ┆ name  ┆ amount │
 * // │ --- ┆ ---   ┆ ---    │
 * // │ i32 ┆ str   ┆ f64    │
 * // ╞═════╪═══════╪════════╡
 * // │   1 ┆ Ada   ┆    1.5 │
 * // │   2 ┆ null  ┆   null │
 * // │   3 ┆ Linus ┆   12.0 │
 * // └─────┴───────┴────────┘
 * ```
 */
export function formatTable(src: TableSource, opts: PrintOptions = {}): string {
  const height = Math.max(0, Math.floor(src.height) || 0);
  const cols = src.columns;
  const k = cols.length;
  const maxRows = countOption(opts.maxRows, DEFAULT_MAX_ROWS);
  const maxCols = Math.max(1, countOption(opts.maxCols, DEFAULT_MAX_COLS));
  const maxWidth = countOption(opts.maxWidth, defaultMaxWidth());
  const maxStr = Math.max(1, countOption(opts.maxStringLength, DEFAULT_MAX_STRING_LENGTH));
  const showDtypes = opts.showDtypes ?? true;

  const lines: string[] = [];
  if (opts.showShape ?? true) lines.push(`shape: (${height}, ${k})`);
  if (k === 0) {
    lines.push('┌┐', '└┘');
    return lines.join('\n');
  }

  const rows = shownRows(height, maxRows);
  const view = (j: number): ColumnView => columnView(cols[j]!, rows, maxStr, showDtypes);

  // Add columns from the outside in (first, last, second, second-to-last …) while they fit.
  const left: ColumnView[] = [view(0)];
  const right: ColumnView[] = [];
  const limit = Math.min(k, maxCols);
  let sumWidths = left[0]!.width;
  for (let n = 2; n <= limit; n++) {
    const next = n % 2 === 1 ? view(left.length) : view(k - 1 - right.length);
    if (tableWidth(sumWidths + next.width, n, k) > maxWidth) break;
    sumWidths += next.width;
    if (n % 2 === 1) left.push(next);
    else right.push(next);
  }
  const shown = left.length + right.length;
  right.reverse();
  const views = shown < k ? [...left, elisionView(rows, showDtypes), ...right] : [...left, ...right];
  const excess = tableWidth(sumWidths, shown, k) - maxWidth;
  if (excess > 0) shrink(views, excess);

  const rule = (l: string, fill: string, mid: string, r: string): string =>
    l + views.map((v) => fill.repeat(v.width + 2)).join(mid) + r;
  const line = (cell: (v: ColumnView) => string): string => `│ ${views.map(cell).join(' ┆ ')} │`;

  lines.push(rule('┌', '─', '┬', '┐'));
  const headerLines = views[0]!.header.length;
  for (let h = 0; h < headerLines; h++) lines.push(line((v) => padText(v.header[h]!, v.width, 'left')));
  lines.push(rule('╞', '═', '╪', '╡'));
  for (let r = 0; r < rows.length; r++) lines.push(line((v) => padText(v.cells[r]!, v.width, v.align)));
  lines.push(rule('└', '─', '┴', '┘'));
  return lines.join('\n');
}

/** Width of a table line with `n` of `k` columns whose widths sum to `sumWidths`. */
function tableWidth(sumWidths: number, n: number, k: number): number {
  const elision = n < k ? 1 + 3 : 0;
  return sumWidths + 3 * n + 1 + elision;
}

function columnView(col: Column, rows: readonly number[], maxStr: number, showDtypes: boolean): ColumnView {
  const name = truncateText(escapeText(col.name), maxStr);
  const header = showDtypes ? [name, '---', escapeText(dtypeShortName(col.dtype))] : [name];
  const text = columnText(col, maxStr);
  const cells = rows.map((i) => (i === ELIDED ? ELLIPSIS : text(i)));
  let width = 0;
  for (const s of header) width = Math.max(width, displayWidth(s));
  for (const s of cells) width = Math.max(width, displayWidth(s));
  return { header, cells, align: alignsRight(col.dtype) ? 'right' : 'left', width };
}

function elisionView(rows: readonly number[], showDtypes: boolean): ColumnView {
  return {
    header: showDtypes ? [ELLIPSIS, '', ''] : [ELLIPSIS],
    cells: rows.map(() => ELLIPSIS),
    align: 'left',
    width: 1,
  };
}

/** Narrow the widest columns (not below {@link MIN_COLUMN_WIDTH}) by `excess` in total, cutting their text. */
function shrink(views: ColumnView[], excess: number): void {
  let left = excess;
  while (left > 0) {
    let widest: ColumnView | undefined;
    let runnerUp = MIN_COLUMN_WIDTH;
    for (const v of views) {
      if (v.width > (widest?.width ?? MIN_COLUMN_WIDTH)) {
        if (widest !== undefined) runnerUp = Math.max(runnerUp, widest.width);
        widest = v;
      } else {
        runnerUp = Math.max(runnerUp, v.width);
      }
    }
    if (widest === undefined) break;
    const step = Math.max(1, Math.min(left, widest.width - runnerUp));
    widest.width -= step;
    left -= step;
  }
  for (const v of views) {
    v.header = v.header.map((s) => truncateText(s, v.width));
    v.cells = v.cells.map((s) => truncateText(s, v.width));
  }
}
