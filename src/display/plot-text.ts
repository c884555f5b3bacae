/**
 * Terminal charts drawn with Unicode block characters: a histogram and a bar chart as horizontal
 * bars (eighth-block resolution), and sparklines. Pure renderers: they take a {@link Histogram}
 * or {@link BarCounts} and return text.
 */
import { checkOptions } from '../util/options.js';
import { dtypeShortName, isNumericKind } from '../dtype/dtype.js';
import { countOption, defaultMaxWidth } from './layout.js';
import { axisNumber, edgeDecimals, leftOutNote, plural, type BarCounts, type Histogram } from './plot-data.js';
import { DEFAULT_MAX_STRING_LENGTH, formatValue } from './value.js';
import { displayWidth, escapeText, padText, truncateText } from './width.js';

/** Options for the terminal charts. */
export interface TextChartOptions {
  /**
   * The widest line, in terminal columns (default: the terminal's width when stdout is a TTY,
   * else 120, at most 80). Bars get what labels and counts leave, at least 10 columns.
   */
  width?: number;
  /** Labels wider than this many terminal columns are cut and end with `…` (default 32). */
  maxStringLength?: number;
}

/** Eighth blocks: index `k` is a bar `k / 8` of a column wide. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const FULL = '█';
const SPARKS = '▁▂▃▄▅▆▇█';
const MIN_BAR = 10;
const MAX_DEFAULT_WIDTH = 80;

/** A bar `count / max` of `width` columns long, in eighths; a non-zero count shows at least `▏`. */
function bar(count: number, max: number, width: number): string {
  if (!(count > 0) || !(max > 0)) return '';
  const eighths = Math.max(1, Math.round((count / max) * width * 8));
  return FULL.repeat(eighths >> 3) + EIGHTHS[eighths & 7]!;
}

function chartWidth(width: number | undefined): number {
  const w = countOption(width, Math.min(MAX_DEFAULT_WIDTH, defaultMaxWidth()));
  return w === Infinity ? MAX_DEFAULT_WIDTH : w;
}

/** `name (dtype)` for a chart's title line. */
function titleOf(column: string, dtype: Parameters<typeof dtypeShortName>[0], maxStr: number): string {
  return `${truncateText(escapeText(column), maxStr)} (${dtypeShortName(dtype)})`;
}

/**
 * A histogram as horizontal bars, one line per bin: its range, a bar of eighth blocks scaled to
 * the fullest bin, and its count. A title line names the column, its dtype, the values binned
 * and the bins; a last line counts what was not binned (nulls, NaN, infinities). A histogram
 * with nothing to bin prints `no data` and why.
 *
 * @param h - The histogram (see `histogramOf`).
 * @param opts - `width` of the widest line; see {@link TextChartOptions}.
 * @returns The chart, lines joined with `\n` (no trailing newline).
 * @example
 * ```ts
 * import { histogramOf } from './plot-data.js';
 * const t = DataFrame.fromColumns({ temp_max: [-1.6, 4.4, 8.9, 10.6, 12.8, 13.3, 15.6, 20.6, 25.0, 35.6] }).getColumn('temp_max');
 * console.log(histogramText(histogramOf(t, 4), { width: 50 }));
 * // prints:
 * // temp_max (f64) · 10 values · 4 bins
 * // [-1.6,  7.7) │█████████████▋ 2
 * // [ 7.7, 17.0) │██████████████████████████████████ 5
 * // [17.0, 26.3) │█████████████▋ 2
 * // [26.3, 35.6] │██████▊ 1
 * // not binned: null 0 · NaN 0
 * ```
 */
export function histogramText(h: Histogram, opts: TextChartOptions = {}): string {
  const width = chartWidth(opts.width);
  const maxStr = Math.max(1, countOption(opts.maxStringLength, DEFAULT_MAX_STRING_LENGTH));
  const k = h.counts.length;
  const title = `${titleOf(h.column, h.dtype, maxStr)} · ${plural(h.binned, 'value')} · ${plural(k, 'bin')}`;
  const lines = [truncateText(title, width)];
  if (k === 0) {
    const total = h.binned + h.nulls + h.nan + h.posInf + h.negInf;
    lines.push(total === 0 ? 'no data: the column is empty' : `no data: none of the ${axisNumber(total, 0)} values is a finite number`);
    lines.push(leftOutNote(h));
    return lines.join('\n');
  }
  const labels = binLabels(h);
  const counts = Array.from(h.counts, (c) => axisNumber(c, 0));
  const labelWidth = Math.max(...labels.map(displayWidth));
  const countWidth = Math.max(...counts.map((c) => c.length));
  const barWidth = Math.max(MIN_BAR, width - labelWidth - 2 - 1 - countWidth);
  const max = Math.max(...h.counts);
  for (let b = 0; b < k; b++) {
    lines.push(`${padText(labels[b]!, labelWidth, 'left')} │${bar(h.counts[b]!, max, barWidth)} ${counts[b]}`);
  }
  lines.push(leftOutNote(h));
  return lines.join('\n');
}

/** Bin labels with their numbers padded so brackets and commas line up. */
function binLabels(h: Histogram): string[] {
  const k = h.counts.length;
  if (h.integer) {
    const lo = Array.from({ length: k }, (_, b) => axisNumber(h.edges[b]!, 0));
    const hi = Array.from({ length: k }, (_, b) => axisNumber(h.edges[b + 1]! - 1, 0));
    const single = h.edges[1]! - h.edges[0]! <= 1;
    const w = Math.max(...lo.map((s) => s.length), ...hi.map((s) => s.length));
    return lo.map((a, b) => (single ? a.padStart(w) : `${a.padStart(w)} … ${hi[b]!.padStart(w)}`));
  }
  const d = edgeDecimals(h);
  const edges = Array.from(h.edges, (x) => axisNumber(x, d));
  const w = Math.max(...edges.map((s) => s.length));
  return Array.from({ length: k }, (_, b) => `[${edges[b]!.padStart(w)}, ${edges[b + 1]!.padStart(w)}${b === k - 1 ? ']' : ')'}`);
}

/**
 * The label of a counted value: as a table cell spells it (`null`, `true`, `2024-01-15`), with
 * control characters escaped and cut to `maxStringLength` columns.
 *
 * @param value - The value (`null` for the null group).
 * @param dtype - The column's dtype.
 * @param maxStringLength - The widest label.
 * @returns The label.
 * @example
 * ```ts
 * console.log(valueLabel('a\nb', utf8(), 32), valueLabel(null, utf8(), 32));
 * // prints: a\nb null
 * ```
 */
export function valueLabel(value: unknown, dtype: BarCounts['dtype'], maxStringLength: number): string {
  return formatValue(value, dtype, { maxStringLength });
}

/**
 * A bar chart of value counts as horizontal bars, most frequent first: each value's label, a bar
 * of eighth blocks scaled to the most frequent, and its count. A title line names the column, its
 * dtype, the rows and distinct values; values beyond the top N are summed on an `… N others` line.
 * Nulls are counted as a value labelled `null`. A column without rows prints `no data`.
 *
 * @param b - The counts (the frame computes them with `valueCounts`).
 * @param opts - `width` of the widest line and `maxStringLength` of labels; see {@link TextChartOptions}.
 * @returns The chart, lines joined with `\n` (no trailing newline).
 * @example
 * ```ts
 * const counts = { column: 'weather', dtype: categorical(), values: ['rain', 'sun', 'fog'], counts: [641, 640, 101], otherValues: 2, otherRows: 79, total: 1461 };
 * console.log(barText(counts, { width: 50 }));
 * // prints:
 * // weather (cat) · 1,461 values · 5 distinct
 * // rain │████████████████████████████████████████ 641
 * // sun  │████████████████████████████████████████ 640
 * // fog  │██████▎ 101
 * // … 2 others: 79 values
 * ```
 */
export function barText(b: BarCounts, opts: TextChartOptions = {}): string {
  const width = chartWidth(opts.width);
  const maxStr = Math.max(1, countOption(opts.maxStringLength, DEFAULT_MAX_STRING_LENGTH));
  const distinct = b.values.length + b.otherValues;
  const title = `${titleOf(b.column, b.dtype, maxStr)} · ${plural(b.total, 'value')} · ${axisNumber(distinct, 0)} distinct`;
  const lines = [truncateText(title, width)];
  if (b.values.length === 0) {
    lines.push('no data: the column is empty');
    return lines.join('\n');
  }
  // Labels take at most a third of the line, so the bars stay readable.
  const labelMax = Math.max(1, Math.min(maxStr, Math.floor(width / 3)));
  const labels = b.values.map((v) => valueLabel(v, b.dtype, labelMax));
  const counts = b.counts.map((c) => axisNumber(c, 0));
  const labelWidth = Math.max(...labels.map(displayWidth));
  const countWidth = Math.max(...counts.map((c) => c.length));
  const barWidth = Math.max(MIN_BAR, width - labelWidth - 2 - 1 - countWidth);
  const max = Math.max(...b.counts);
  const align = isNumericKind(b.dtype.kind) ? 'right' : 'left';
  for (let i = 0; i < labels.length; i++) {
    lines.push(`${padText(labels[i]!, labelWidth, align)} │${bar(b.counts[i]!, max, barWidth)} ${counts[i]}`);
  }
  if (b.otherValues > 0) {
    const others = `${plural(b.otherValues, 'other')}: ${plural(b.otherRows, 'value')}`;
    lines.push(`… ${others}`);
  }
  return lines.join('\n');
}

/** Options for {@link sparkline}. */
export interface SparklineOptions {
  /** The value drawn as the lowest block (default: the smallest value). */
  min?: number;
  /** The value drawn as the highest block (default: the largest value). */
  max?: number;
}

/**
 * A sparkline: one block character (`▁` … `█`) per value, its height scaled from `min` to `max`.
 * Nulls, `undefined` and NaN are drawn as a space, so gaps stay visible; values outside
 * `[min, max]` (and infinities) are clamped; when every value is equal they are drawn as `▄`.
 *
 * @param values - The numbers, in order.
 * @param opts - `min` and `max` of the scale (default: the values' own range).
 * @returns One character per value.
 * @example
 * ```ts
 * console.log(sparkline([1, 2, 3, 4, 5, 6, 7, 8]), `[${sparkline([0, null, 10], { min: 0 })}]`);
 * // prints: ▁▂▃▄▅▆▇█ [▁ █]
 * ```
 */
export function sparkline(values: ArrayLike<number | null | undefined> | Iterable<number | null | undefined>, opts: SparklineOptions = {}): string {
  checkOptions(opts, ['min', 'max'], 'sparkline');
  const xs = Array.from(values as Iterable<number | null | undefined>);
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (typeof x !== 'number' || !Number.isFinite(x)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (opts.min !== undefined && Number.isFinite(opts.min)) lo = opts.min;
  if (opts.max !== undefined && Number.isFinite(opts.max)) hi = opts.max;
  let out = '';
  for (const x of xs) {
    if (typeof x !== 'number' || Number.isNaN(x)) {
      out += ' ';
    } else if (!(hi > lo)) {
      out += SPARKS[3];
    } else {
      const t = Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
      out += SPARKS[Math.round(t * (SPARKS.length - 1))];
    }
  }
  return out;
}
