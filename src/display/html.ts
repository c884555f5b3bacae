/**
 * HTML tables for notebooks and reports: a self-contained `<table>` (inline styles, no external
 * CSS) whose `<thead>` carries names and dtypes, with every value escaped, nulls set apart,
 * numbers right-aligned, the shape as a caption, long and wide frames elided as in the box table.
 */
import type { Column } from '../column/column.js';
import { dtypeShortName } from '../dtype/dtype.js';
import type { TableSource } from './table.js';
import type { CellText } from './cell.js';
import {
  DEFAULT_MAX_COLS,
  DEFAULT_MAX_ROWS,
  ELIDED,
  ELLIPSIS,
  alignsRight,
  columnText,
  countOption,
  shownColumns,
  shownRows,
} from './layout.js';
import { DEFAULT_MAX_STRING_LENGTH } from './value.js';
import { escapeText, truncateText } from './width.js';

/** Options for {@link formatHTML}; the limits mean what they mean in `PrintOptions`. */
export interface HtmlOptions {
  /** Rows shown before eliding (default 10); a taller frame gets a `…` row. Negative: every row. */
  maxRows?: number;
  /** Columns shown before eliding (default 12); a wider frame gets a `…` column. Negative: every column. */
  maxCols?: number;
  /** Names and text longer than this many terminal columns are cut and end with `…` (default 32). */
  maxStringLength?: number;
  /** Show `shape: (height, width)` as the table's `<caption>` (default true). */
  showShape?: boolean;
  /** Add a second header row with each column's dtype (default true). */
  showDtypes?: boolean;
}

/**
 * The method key TypeScript notebook kernels (Deno's Jupyter kernel, tslab) look up for rich
 * display: `Symbol.for('Jupyter.display')`. A DataFrame's method under it returns a MIME bundle.
 *
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2] });
 * const bundle = df[jupyterDisplay]();
 * Object.keys(bundle); // → [ 'text/html', 'text/plain' ]
 * jupyterDisplay === Symbol.for('Jupyter.display'); // → true
 * ```
 */
export const jupyterDisplay: unique symbol = Symbol.for('Jupyter.display');

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for HTML element content or a quoted attribute value: `& < > " '` become entities.
 *
 * @param s - The text.
 * @returns The text, safe to place between tags or inside `"…"`.
 * @example
 * ```ts
 * escapeHTML(`<b onclick="x('y')">&</b>`); // → '&lt;b onclick=&quot;x(&#39;y&#39;)&quot;&gt;&amp;&lt;/b&gt;'
 * ```
 */
export function escapeHTML(s: string): string {
  HTML_SPECIAL.lastIndex = 0;
  return HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c]!) : s;
}

const TABLE_STYLE =
  'border-collapse:collapse;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;line-height:1.4';
const CAPTION_STYLE = 'caption-side:top;text-align:left;color:#555;padding:0 0 4px 0';
const PAD = 'padding:2px 10px;white-space:pre';
const CELL = `${PAD};border-bottom:1px solid #e4e4e4`;
const HEAD_RULE = ';border-bottom:2px solid #999';
const TH_STYLE = `${PAD};font-weight:bold`;
const DTYPE_STYLE = `${PAD};font-weight:normal;color:#777;font-style:italic${HEAD_RULE}`;
const RIGHT = ';text-align:right;font-variant-numeric:tabular-nums';
const LEFT = ';text-align:left';
const NULL_STYLE = ';color:#a0a0a0;font-style:italic';
const ELIDED_STYLE = `${CELL};text-align:center;color:#777`;

/**
 * Format a frame as a self-contained HTML `<table class="colframe">`.
 *
 * The `<caption>` holds the shape; the `<thead>` a row of names and a row of dtypes (`f64`,
 * `str` …); the `<tbody>` one row per shown row. Cells are spelled as in the box table (`12.0`,
 * `2024-01-15`, `\n` for a newline), cut to `maxStringLength` and HTML-escaped, so no value can
 * inject markup. Nulls are grey italic `null` cells with `class="null"`; numeric columns are
 * right-aligned. A tall frame shows its first and last rows around a `…` row, a wide one its
 * first and last columns around a `…` column. Styles are inline, so it renders the same in a
 * notebook, an e-mail or a file opened on its own.
 *
 * @param src - The height and columns to print.
 * @param opts - Limits and what to show; see {@link HtmlOptions}.
 * @returns The HTML text (one element per line, no trailing newline).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ name: ['<b>Ada</b>', null] });
 * // The cells' inline styles left out for brevity:
 * console.log(formatHTML(df.core).replace(/ style="[^"]*"/g, ''));
 * // prints:
 * // <table class="colframe">
 * // <caption>shape: (2, 1)</caption>
 * // <thead>
 * // <tr><th>name</th></tr>
 * // <tr><th>str</th></tr>
 * // </thead>
 * // <tbody>
 * // <tr><td>&lt;b&gt;Ada&lt;/b&gt;</td></tr>
 * // <tr><td class="null">null</td></tr>
 * // </tbody>
 * // </table>
 * ```
 */
export function formatHTML(src: TableSource, opts: HtmlOptions = {}): string {
  const height = Math.max(0, Math.floor(src.height) || 0);
  const cols = src.columns;
  const maxStr = Math.max(1, countOption(opts.maxStringLength, DEFAULT_MAX_STRING_LENGTH));
  const rows = shownRows(height, countOption(opts.maxRows, DEFAULT_MAX_ROWS));
  const shown = shownColumns(cols.length, countOption(opts.maxCols, DEFAULT_MAX_COLS));
  const picked = cols.length === 0 ? [] : shown.map((j) => (j === ELIDED ? null : cols[j]!));
  const align = picked.map((c) => (c !== null && alignsRight(c.dtype) ? RIGHT : LEFT));

  const out: string[] = [`<table class="colframe" style="${TABLE_STYLE}">`];
  if (opts.showShape ?? true) out.push(`<caption style="${CAPTION_STYLE}">shape: (${height}, ${cols.length})</caption>`);
  out.push('<thead>');
  const th = (style: string, text: string): string => `<th style="${style}">${text}</th>`;
  const showDtypes = opts.showDtypes ?? true;
  const nameStyle = TH_STYLE + (showDtypes ? '' : HEAD_RULE);
  out.push(
    `<tr>${picked.map((c, s) => (c === null ? th(nameStyle + ';text-align:center', ELLIPSIS) : th(nameStyle + align[s], escapeHTML(truncateText(escapeText(c.name), maxStr))))).join('')}</tr>`,
  );
  if (showDtypes) {
    out.push(
      `<tr>${picked.map((c, s) => (c === null ? th(DTYPE_STYLE + ';text-align:center', '') : th(DTYPE_STYLE + align[s], escapeHTML(dtypeShortName(c.dtype))))).join('')}</tr>`,
    );
  }
  out.push('</thead>', '<tbody>');
  const texts = picked.map((c) => (c === null ? null : columnText(c, maxStr)));
  for (const i of rows) {
    if (i === ELIDED) {
      out.push(`<tr>${picked.map(() => `<td style="${ELIDED_STYLE}">${ELLIPSIS}</td>`).join('')}</tr>`);
    } else {
      out.push(`<tr>${picked.map((c, s) => (c === null ? `<td style="${ELIDED_STYLE}">${ELLIPSIS}</td>` : cell(c, texts[s]!, i, align[s]!))).join('')}</tr>`);
    }
  }
  out.push('</tbody>', '</table>');
  return out.join('\n');
}

function cell(col: Column, text: CellText | null, i: number, align: string): string {
  if (nullAt(col, i)) return `<td class="null" style="${CELL}${align}${NULL_STYLE}">null</td>`;
  return `<td style="${CELL}${align}">${escapeHTML(text!(i))}</td>`;
}

function nullAt(col: Column, i: number): boolean {
  try {
    // The null type has no validity bitmap: every value is null.
    return i >= col.length || col.dtype.kind === 'null' || col.isNull(i);
  } catch {
    return false;
  }
}
