/**
 * What every printer (box table, glimpse, markdown, HTML) shares: the limits in
 * {@link PrintOptions}-style options, which rows and columns a long or wide frame shows around
 * its `…`, and the text of a column's cells (never throwing).
 */
import type { Column } from '../column/column.js';
import { isNumericKind, type AnyDType } from '../dtype/dtype.js';
import { cellFormatter, type CellText } from './cell.js';

/** The elision mark printed for left-out rows and columns. */
export const ELLIPSIS = '…';
/** Default number of rows shown before eliding. */
export const DEFAULT_MAX_ROWS = 10;
/** Default number of columns shown before eliding. */
export const DEFAULT_MAX_COLS = 12;
/** Default line width when stdout is not a terminal. */
export const DEFAULT_MAX_WIDTH = 120;
/** The index standing for the `…` row or column in {@link shownRows} and {@link shownColumns}. */
export const ELIDED = -1;

/**
 * A count option: the default when absent or NaN, no limit (`Infinity`) when negative, else its
 * floor.
 *
 * @param value - The option as given.
 * @param fallback - Its default.
 * @returns The limit to apply.
 * @example
 * ```ts
 * console.log(countOption(undefined, 10), countOption(-1, 10), countOption(4.7, 10));
 * // prints: 10 Infinity 4
 * ```
 */
export function countOption(value: number | undefined, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  if (value < 0) return Infinity;
  return Math.floor(value);
}

/**
 * The default line width: the terminal's width when stdout is a TTY, else 120.
 *
 * @returns A width in terminal columns.
 * @example
 * ```ts
 * console.log(defaultMaxWidth()); // when piped
 * // prints: 120
 * ```
 */
export function defaultMaxWidth(): number {
  const out = typeof process === 'undefined' ? undefined : process.stdout;
  const cols = out?.isTTY ? out.columns : undefined;
  return typeof cols === 'number' && cols > 0 ? cols : DEFAULT_MAX_WIDTH;
}

/**
 * The row indices a printer shows: all of them when `height <= maxRows`, else the first
 * `ceil(maxRows / 2)` and last `floor(maxRows / 2)` with {@link ELIDED} between.
 *
 * @param height - Rows in the frame.
 * @param maxRows - Rows shown before eliding (`Infinity` for all).
 * @returns Row indices in order, with `-1` for the `…` row.
 * @example
 * ```ts
 * console.log(shownRows(100, 4));
 * // prints: [ 0, 1, -1, 98, 99 ]
 * ```
 */
export function shownRows(height: number, maxRows: number): number[] {
  if (height <= maxRows) return Array.from({ length: height }, (_, i) => i);
  const head = Math.ceil(maxRows / 2);
  const tail = Math.floor(maxRows / 2);
  const rows: number[] = [];
  for (let i = 0; i < head; i++) rows.push(i);
  rows.push(ELIDED);
  for (let i = height - tail; i < height; i++) rows.push(i);
  return rows;
}

/**
 * The column indices a printer without a width limit shows: all of them when `width <= maxCols`,
 * else the first `ceil(maxCols / 2)` and last `floor(maxCols / 2)` with {@link ELIDED} between
 * (at least one column).
 *
 * @param width - Columns in the frame.
 * @param maxCols - Columns shown before eliding (`Infinity` for all).
 * @returns Column indices in order, with `-1` for the `…` column.
 * @example
 * ```ts
 * console.log(shownColumns(20, 5));
 * // prints: [ 0, 1, 2, -1, 18, 19 ]
 * ```
 */
export function shownColumns(width: number, maxCols: number): number[] {
  return shownRows(width, Math.max(1, maxCols));
}

/**
 * The text of each cell of a column as every printer shows it (see `cell.ts`): one formatter
 * per column, `(i) => text`, with nulls as `null` and `''` past the end of the column. Never
 * throws.
 *
 * @param col - The column.
 * @param maxStringLength - The widest text shown, in terminal columns.
 * @param quote - Quote top-level strings (`"Ada"`) as glimpse does (default false).
 * @returns The formatter.
 * @example
 * ```ts
 * const text = columnText(DataFrame.fromColumns({ x: [1.5, null] }).getColumn('x'), 32);
 * console.log(text(0), text(1));
 * // prints: 1.5 null
 * ```
 */
export function columnText(col: Column, maxStringLength: number, quote = false): CellText {
  return cellFormatter(col.data, col.dtype, col.name, { maxStringLength, quote });
}

/**
 * Whether a column's cells are right-aligned: numbers (integers, floats of every width, decimals);
 * everything else is left-aligned.
 *
 * @param dtype - The column's dtype.
 * @returns `true` for right alignment.
 * @example
 * ```ts
 * console.log(alignsRight(decimal(10, 2)), alignsRight(float16()), alignsRight(utf8()), alignsRight(list(int32())));
 * // prints: true true false false
 * ```
 */
export function alignsRight(dtype: AnyDType): boolean {
  return isNumericKind(dtype.kind) || dtype.kind === 'decimal' || dtype.kind === 'float16';
}
