/**
 * `df.plot`: charts of one column, as terminal text or standalone SVG. The numbers come from
 * `display/plot-data.ts` (histograms) and `ops` (value counts); drawing is left to the pure
 * renderers in `display/plot-text.ts` and `display/plot-svg.ts`.
 */
import { checkOptions } from '../util/options.js';
import { InvalidArgumentError, SchemaError } from '../errors.js';
import type { FrameCore } from '../core/frame-core.js';
import type { SchemaShape } from '../dtype/schema.js';
import { checkBins, histogramOf, type BarCounts } from '../display/plot-data.js';
import { barText, histogramText } from '../display/plot-text.js';
import { barSVG, histogramSVG } from '../display/plot-svg.js';
import { TextOutput } from '../display/text-output.js';
import { col } from '../ops/expr/expr.js';
import { groupByAgg } from '../ops/group-by/group-by.js';
import { sort } from '../ops/sort.js';

/** Options shared by `plot.hist` and `plot.bar`. */
export interface ChartOptions {
  /** `'text'` (default): Unicode block characters for a terminal; `'svg'`: a standalone SVG document. */
  format?: 'text' | 'svg';
  /** Text: the widest line in terminal columns (default: the terminal's, at most 80). SVG: pixels (default 640). */
  width?: number;
  /** SVG only: pixels (default 400 for a histogram, 30 per bar for a bar chart). */
  height?: number;
  /** SVG only: the title (default: the column's name). */
  title?: string;
  /** Text only: labels wider than this many terminal columns are cut (default 32). */
  maxStringLength?: number;
  /** Text only: write the chart to stdout (with a newline) instead of returning it. */
  print?: boolean;
}

/** Options for `plot.hist`. */
export interface HistOptions extends ChartOptions {
  /** Number of equal-width bins (default 10; integer columns get bins a whole number of values wide, maybe fewer). */
  bins?: number;
}

/** Options for `plot.bar`. */
export interface BarOptions extends ChartOptions {
  /** Values shown, most frequent first (default 10); the rest are summed on an `… N others` line. */
  top?: number;
}

/** Default number of bars in a bar chart. */
const DEFAULT_TOP = 10;

/**
 * Charts of a frame's columns, reached through `df.plot`. Every chart comes as terminal text
 * (default; a {@link TextOutput}, which `console.log` and the REPL show as it is) or, with
 * `format: 'svg'`, as a standalone SVG document (a string).
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * const weather = DataFrame.fromColumns({
 *   temp_max: [12.8, 10.6, 11.7, 12.2, 8.9, 4.4, 7.2, 10.0],
 *   weather: ['drizzle', 'rain', 'rain', 'rain', 'rain', 'sun', 'rain', 'sun'],
 * });
 * console.log(weather.plot.bar('weather', { width: 40 }));
 * // prints:
 * // weather (str) · 8 values · 3 distinct
 * // rain    │█████████████████████████████ 5
 * // sun     │███████████▋ 2
 * // drizzle │█████▊ 1
 * writeFileSync('temp_max.svg', weather.plot.hist('temp_max', { format: 'svg' }));
 * readFileSync('temp_max.svg', 'utf8').startsWith('<svg xmlns="http://www.w3.org/2000/svg"'); // → true
 * ```
 */
export class Plot<S extends SchemaShape = SchemaShape> {
  readonly #core: FrameCore;

  /** The charts of `core`'s columns (use `df.plot`). */
  constructor(core: FrameCore) {
    this.#core = core;
  }

  /**
   * A histogram of a numeric column: `bins` equal-width bins over its finite values, each drawn
   * with its range and count. Nulls, NaN and infinities are counted on a line of their own, never
   * dropped silently. An empty or all-null column draws `no data` and says why.
   *
   * @param column - A numeric column's name.
   * @param options - `bins` (10), `format` (`'text'`), `width`, `height`, `title`, `print`.
   * @returns A text chart as a {@link TextOutput} (it prints itself plainly), an SVG document as a
   *   string (ready to write to a file), or nothing with `print: true`.
   * @throws ColumnNotFoundError suggesting the closest name.
   * @throws SchemaError when the column is not numeric (use `plot.bar` for discrete values).
   * @throws InvalidArgumentError when `bins` is not a positive integer or `format` is unknown.
   * @example
   * ```ts
   * const weather = DataFrame.fromColumns({ temp_max: [-1.6, 4.4, 8.9, 10.6, 12.8, 13.3, 15.6, 20.6, 25.0, 35.6, null, NaN] });
   * console.log(weather.plot.hist('temp_max', { bins: 4, width: 50 }));
   * // prints:
   * // temp_max (f64) · 10 values · 4 bins
   * // [-1.6,  7.7) │█████████████▋ 2
   * // [ 7.7, 17.0) │██████████████████████████████████ 5
   * // [17.0, 26.3) │█████████████▋ 2
   * // [26.3, 35.6] │██████▊ 1
   * // not binned: null 1 · NaN 1
   * weather.plot.hist('temp_max', { format: 'svg' }).includes('<title>'); // → true
   * ```
   */
  hist(column: keyof S & string, options: HistOptions & { print: true }): void;
  hist(column: keyof S & string, options: HistOptions & { format: 'svg'; print?: false }): string;
  hist(column: keyof S & string, options?: HistOptions & { format?: 'text'; print?: false }): TextOutput;
  hist(column: keyof S & string, options?: HistOptions): TextOutput | string | void;
  hist(column: keyof S & string, options: HistOptions = {}): TextOutput | string | void {
    checkOptions(options, ['bins', 'format', 'width', 'height', 'title', 'maxStringLength', 'print'], 'plot.hist');
    const format = checkFormat(options.format);
    const h = histogramOf(this.#core.column(column), checkBins(options.bins));
    if (format === 'svg') return emit(histogramSVG(h, svgOptions(options)), options.print);
    return emitText(histogramText(h, textOptions(options)), options.print);
  }

  /**
   * A bar chart of how often each value of a discrete column (text, categorical, boolean,
   * integer, date or timestamp) occurs: the `top` most frequent values (ties in order of first
   * appearance), each drawn with its count, the rest summed on an `… N others` line. Nulls count
   * as a value labelled `null`. An empty column draws `no data`.
   *
   * @param column - The column's name.
   * @param options - `top` (10), `format` (`'text'`), `width`, `height`, `title`, `maxStringLength`, `print`.
   * @returns A text chart as a {@link TextOutput} (it prints itself plainly), an SVG document as a
   *   string (ready to write to a file), or nothing with `print: true`.
   * @throws ColumnNotFoundError suggesting the closest name.
   * @throws SchemaError for a float column (every value tends to be distinct; use `plot.hist`).
   * @throws InvalidArgumentError when `top` is not a positive integer or `format` is unknown.
   * @example
   * ```ts
   * const weather = DataFrame.fromColumns({ weather: ['rain', 'sun', 'rain', 'fog', 'rain', 'sun', 'drizzle', null] });
   * console.log(weather.plot.bar('weather', { width: 40, top: 3 }));
   * // prints:
   * // weather (str) · 8 values · 5 distinct
   * // rain │████████████████████████████████ 3
   * // sun  │█████████████████████▍ 2
   * // fog  │██████████▋ 1
   * // … 2 others: 2 values
   * ```
   */
  bar(column: keyof S & string, options: BarOptions & { print: true }): void;
  bar(column: keyof S & string, options: BarOptions & { format: 'svg'; print?: false }): string;
  bar(column: keyof S & string, options?: BarOptions & { format?: 'text'; print?: false }): TextOutput;
  bar(column: keyof S & string, options?: BarOptions): TextOutput | string | void;
  bar(column: keyof S & string, options: BarOptions = {}): TextOutput | string | void {
    checkOptions(options, ['top', 'format', 'width', 'height', 'title', 'maxStringLength', 'print'], 'plot.bar');
    const format = checkFormat(options.format);
    const top = options.top ?? DEFAULT_TOP;
    if (typeof top !== 'number' || !Number.isInteger(top) || top < 1) {
      throw new InvalidArgumentError(`top must be a positive integer, got ${String(top)}`, top);
    }
    const counts = this.counts(column, top);
    if (format === 'svg') return emit(barSVG(counts, svgOptions(options)), options.print);
    return emitText(barText(counts, textOptions(options)), options.print);
  }

  /** The `top` most frequent values of `column` with their counts, and what the rest add up to. */
  private counts(column: string, top: number): BarCounts {
    const c = this.#core.column(column);
    if (c.dtype.kind === 'float32' || c.dtype.kind === 'float64') {
      throw new SchemaError(
        `Column "${column}" is ${c.dtype.kind}; a bar chart counts discrete values (text, categorical, bool, integers, dates). ` +
          `For the distribution of a float column use plot.hist("${column}")`,
        column,
      );
    }
    const countName = column === 'count' ? 'count_' : 'count';
    const grouped = groupByAgg(this.#core, [column], { [countName]: col(column).len() });
    const sorted = sort(grouped, countName, { descending: true });
    const keys = sorted.column(column);
    const ns = sorted.column(countName);
    const shown = Math.min(top, sorted.height);
    const values: unknown[] = [];
    const counts: number[] = [];
    for (let i = 0; i < shown; i++) {
      values.push(keys.get(i));
      counts.push(Number(ns.get(i)));
    }
    let otherRows = 0;
    for (let i = shown; i < sorted.height; i++) otherRows += Number(ns.get(i));
    return { column, dtype: c.dtype, values, counts, otherValues: sorted.height - shown, otherRows, total: c.length };
  }
}

function checkFormat(format: unknown): 'text' | 'svg' {
  if (format === undefined || format === 'text') return 'text';
  if (format === 'svg') return 'svg';
  throw new InvalidArgumentError(`format must be 'text' or 'svg', got ${JSON.stringify(format)}`, format);
}

function textOptions(o: ChartOptions): { width?: number; maxStringLength?: number } {
  const out: { width?: number; maxStringLength?: number } = {};
  if (o.width !== undefined) out.width = o.width;
  if (o.maxStringLength !== undefined) out.maxStringLength = o.maxStringLength;
  return out;
}

function svgOptions(o: ChartOptions): { width?: number; height?: number; title?: string } {
  const out: { width?: number; height?: number; title?: string } = {};
  if (o.width !== undefined) out.width = o.width;
  if (o.height !== undefined) out.height = o.height;
  if (o.title !== undefined) out.title = o.title;
  return out;
}

/** An SVG document: returned as a string (ready for a file), or written to stdout with `print`. */
function emit(chart: string, print: boolean | undefined): string | void {
  if (print !== true) return chart;
  process.stdout.write(`${chart}\n`);
}

/** A text chart: returned as a {@link TextOutput} (prints itself plainly), or written to stdout with `print`. */
function emitText(chart: string, print: boolean | undefined): TextOutput | void {
  if (print !== true) return new TextOutput(chart);
  process.stdout.write(`${chart}\n`);
}
