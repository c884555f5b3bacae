/**
 * Standalone SVG charts: a histogram (vertical bars over a value axis) and a bar chart of value
 * counts (horizontal bars). Axes carry ticks at nice round numbers, a title names the column, a
 * subtitle says what was counted and what was left out. Every text is XML-escaped; no external
 * CSS or fonts are needed.
 */
import { dtypeShortName } from '../dtype/dtype.js';
import { escapeHTML } from './html.js';
import { axisNumber, binLabel, decimalsFor, edgeDecimals, leftOutNote, niceTicks, plural, type BarCounts, type Histogram } from './plot-data.js';
import { valueLabel } from './plot-text.js';
import { displayWidth, escapeText, truncateText } from './width.js';

/** Options for the SVG charts. */
export interface SvgChartOptions {
  /** Width in pixels (default 640). */
  width?: number;
  /** Height in pixels (default 400 for a histogram; for a bar chart, 30 px per bar plus margins). */
  height?: number;
  /** The title (default: the column's name). */
  title?: string;
}

const FONT = "font-family=\"'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif\"";
const BAR_FILL = '#4c78a8';
const GRID = '#e6e6e6';
const AXIS = '#444';
const MUTED = '#666';
const TICK_SIZE = 12;
/** Average advance of a character at `size` px in the sans-serif fonts above, for layout. */
const charWidth = (size: number): number => size * 0.56;

function textWidth(s: string, size: number): number {
  return displayWidth(s) * charWidth(size);
}

function pixels(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.round(value));
}

/** A number for an SVG attribute: at most two decimals. */
function px(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs === '' ? '' : ` ${attrs}`}>${escapeHTML(s)}</text>`;
}

/** The opening of a standalone SVG document with a white background, title and subtitle. */
function frame(width: number, height: number, title: string, subtitle: string, left: number): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="${TICK_SIZE}">`,
    `<title>${escapeHTML(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(left, 28, truncateToPx(title, width - left - 16, 18), 'font-size="18" font-weight="bold" fill="#222"'),
    text(left, 48, truncateToPx(subtitle, width - left - 16, 13), `font-size="13" fill="${MUTED}"`),
  ];
}

function truncateToPx(s: string, maxPx: number, size: number): string {
  return truncateText(escapeText(s), Math.max(1, Math.floor(maxPx / charWidth(size))));
}

function noData(out: string[], x0: number, y0: number, x1: number, y1: number, why: string): string {
  out.push(`<rect x="${px(x0)}" y="${px(y0)}" width="${px(x1 - x0)}" height="${px(y1 - y0)}" fill="none" stroke="${GRID}"/>`);
  out.push(text((x0 + x1) / 2, (y0 + y1) / 2, 'no data', `text-anchor="middle" font-size="16" fill="${MUTED}"`));
  out.push(text((x0 + x1) / 2, (y0 + y1) / 2 + 20, why, `text-anchor="middle" font-size="12" fill="${MUTED}"`));
  out.push('</svg>');
  return out.join('\n');
}

/**
 * A histogram as a standalone SVG: vertical bars on a value axis, a count axis with gridlines,
 * ticks at nice round numbers on both, axis titles, a title (the column) and a subtitle with the
 * values binned and those left out (nulls, NaN, infinities). Each bar has a `<title>` tooltip with
 * its range and count. With nothing to bin it draws an empty plot saying `no data`.
 *
 * @param h - The histogram (see `histogramOf`).
 * @param opts - Size in pixels and title; see {@link SvgChartOptions}.
 * @returns The SVG document text.
 * @example
 * ```ts
 * import { histogramOf } from './plot-data.js';
 * const t = DataFrame.fromColumns({ temp: [-1.6, 4.4, 12.8, 13.3, 20.6, 35.6] }).getColumn('temp');
 * const svg = histogramSVG(histogramOf(t, 4));
 * svg.split('\n')[0]; // → `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400" font-family="'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif" font-size="12">`
 * svg.endsWith('</svg>'); // → true
 * ```
 */
export function histogramSVG(h: Histogram, opts: SvgChartOptions = {}): string {
  const width = pixels(opts.width, 640, 240);
  const height = pixels(opts.height, 400, 200);
  const k = h.counts.length;
  const maxCount = k === 0 ? 0 : Math.max(...h.counts);
  const yTicks = niceTicks(0, Math.max(1, maxCount), 5, 1);
  const yLabels = yTicks.ticks.map((t) => axisNumber(t, decimalsFor(yTicks.step)));
  const left = Math.round(Math.max(...yLabels.map((s) => textWidth(s, TICK_SIZE))) + 40);
  const right = 24;
  const top = 68;
  const bottom = 58;
  const x0 = left;
  const x1 = width - right;
  const y0 = top;
  const y1 = height - bottom;

  const title = opts.title ?? h.column;
  const subtitle = `histogram · ${dtypeShortName(h.dtype)} · ${plural(h.binned, 'value')} in ${plural(k, 'bin')} · ${leftOutNote(h)}`;
  const out = frame(width, height, title, subtitle, x0);
  if (k === 0) {
    const total = h.binned + h.nulls + h.nan + h.posInf + h.negInf;
    return noData(out, x0, y0, x1, y1, total === 0 ? 'the column is empty' : `none of the ${axisNumber(total, 0)} values is a finite number`);
  }

  // Integer bins are drawn from a − ½ to b − ½, so each whole number sits mid-way in its slot.
  const shift = h.integer ? 0.5 : 0;
  const lo = h.edges[0]! - shift;
  const hi = h.edges[k]! - shift;
  const yMax = yTicks.ticks[yTicks.ticks.length - 1]!;
  const sx = (x: number): number => x0 + ((x - lo) / (hi - lo)) * (x1 - x0);
  const sy = (c: number): number => y1 - (c / yMax) * (y1 - y0);

  // Count axis: gridlines and labels.
  out.push(`<g fill="${MUTED}" text-anchor="end">`);
  yTicks.ticks.forEach((t, i) => {
    out.push(`<line x1="${px(x0)}" x2="${px(x1)}" y1="${px(sy(t))}" y2="${px(sy(t))}" stroke="${GRID}"/>`);
    out.push(text(x0 - 8, sy(t) + 4, yLabels[i]!));
  });
  out.push('</g>');

  // Bars, each with a tooltip.
  const d = edgeDecimals(h);
  out.push(`<g fill="${BAR_FILL}" stroke="#ffffff" stroke-width="1">`);
  for (let b = 0; b < k; b++) {
    const c = h.counts[b]!;
    const xa = sx(h.edges[b]! - shift);
    const xb = sx(h.edges[b + 1]! - shift);
    const yc = sy(c);
    out.push(
      `<rect x="${px(xa)}" y="${px(yc)}" width="${px(Math.max(0, xb - xa))}" height="${px(y1 - yc)}"><title>${escapeHTML(`${binLabel(h, b, d)}: ${axisNumber(c, 0)}`)}</title></rect>`,
    );
  }
  out.push('</g>');

  // Value axis: ticks at nice numbers inside the binned range, plus the axis line.
  const xTicks = niceTicks(lo, hi, Math.max(2, Math.min(8, Math.floor((x1 - x0) / 80))));
  const xd = h.integer ? 0 : decimalsFor(xTicks.step);
  out.push(`<g fill="${MUTED}" text-anchor="middle">`);
  for (const t of xTicks.ticks) {
    if (t < lo - 1e-9 * Math.abs(hi - lo) || t > hi + 1e-9 * Math.abs(hi - lo)) continue;
    out.push(`<line x1="${px(sx(t))}" x2="${px(sx(t))}" y1="${px(y1)}" y2="${px(y1 + 5)}" stroke="${AXIS}"/>`);
    out.push(text(sx(t), y1 + 19, axisNumber(t, xd)));
  }
  out.push('</g>');
  out.push(`<line x1="${px(x0)}" x2="${px(x1)}" y1="${px(y1)}" y2="${px(y1)}" stroke="${AXIS}"/>`);
  out.push(`<line x1="${px(x0)}" x2="${px(x0)}" y1="${px(y0)}" y2="${px(y1)}" stroke="${AXIS}"/>`);
  out.push(text((x0 + x1) / 2, height - 14, truncateToPx(h.column, x1 - x0, 13), 'text-anchor="middle" font-size="13" fill="#222"'));
  out.push(text(16, (y0 + y1) / 2, 'count', `text-anchor="middle" font-size="13" fill="#222" transform="rotate(-90 16 ${px((y0 + y1) / 2)})"`));
  out.push('</svg>');
  return out.join('\n');
}

/**
 * Value counts as a standalone SVG bar chart: one horizontal bar per value, most frequent first,
 * labelled with the value on the left and its count at the bar's end, over a count axis with
 * gridlines at nice round numbers. The subtitle gives the rows and distinct values, and the
 * values beyond the top N (`… 3 others: 45 values`). Nulls are a bar labelled `null`. With no
 * rows it draws an empty plot saying `no data`.
 *
 * @param b - The counts (the frame computes them with `valueCounts`).
 * @param opts - Size in pixels and title; see {@link SvgChartOptions}.
 * @returns The SVG document text.
 * @example
 * ```ts
 * const weather = DataFrame.fromColumns({ weather: ['rain', 'sun', 'rain', 'fog'] });
 * const svg = weather.plot.bar('weather', { format: 'svg' });
 * svg.split('\n')[0]; // → `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="212" viewBox="0 0 640 212" font-family="'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif" font-size="12">`
 * svg.match(/<rect /g)!.length; // → 4
 * ```
 */
export function barSVG(b: BarCounts, opts: SvgChartOptions = {}): string {
  const width = pixels(opts.width, 640, 240);
  const n = b.values.length;
  const top = 68;
  const bottom = 54;
  const height = pixels(opts.height, top + bottom + Math.max(1, n) * 30, 160);
  const labelSize = 13;
  const maxLabelPx = Math.floor(width * 0.35);
  const labels = b.values.map((v) => truncateToPx(valueLabel(v, b.dtype, 1000), maxLabelPx, labelSize));
  const labelPx = Math.max(0, ...labels.map((s) => textWidth(s, labelSize)));
  const left = Math.round(Math.max(48, Math.min(maxLabelPx, labelPx) + 24));
  const maxCount = n === 0 ? 0 : Math.max(...b.counts);
  const countLabels = b.counts.map((c) => axisNumber(c, 0));
  const right = Math.round(Math.max(24, Math.max(0, ...countLabels.map((s) => textWidth(s, TICK_SIZE))) + 16));
  const x0 = left;
  const x1 = width - right;
  const y0 = top;
  const y1 = height - bottom;

  const distinct = n + b.otherValues;
  const others = b.otherValues > 0 ? ` · not shown: ${plural(b.otherValues, 'other')} (${plural(b.otherRows, 'value')})` : '';
  const title = opts.title ?? b.column;
  const subtitle = `value counts · ${dtypeShortName(b.dtype)} · ${plural(b.total, 'value')} · ${axisNumber(distinct, 0)} distinct${others}`;
  const out = frame(width, height, title, subtitle, 16);
  if (n === 0) return noData(out, x0, y0, x1, y1, 'the column is empty');

  // The longest bar spans the plot; ticks past it are left out (its count label sits in the margin).
  const xTicks = niceTicks(0, Math.max(1, maxCount), Math.max(2, Math.min(8, Math.floor((x1 - x0) / 80))), 1);
  const xMax = Math.max(1, maxCount);
  const sx = (c: number): number => x0 + (c / xMax) * (x1 - x0);
  const band = (y1 - y0) / n;
  const thick = Math.max(2, Math.min(24, band * 0.72));

  out.push(`<g fill="${MUTED}" text-anchor="middle">`);
  for (const t of xTicks.ticks) {
    if (t > xMax) break;
    out.push(`<line x1="${px(sx(t))}" x2="${px(sx(t))}" y1="${px(y0)}" y2="${px(y1)}" stroke="${GRID}"/>`);
    out.push(text(sx(t), y1 + 19, axisNumber(t, decimalsFor(xTicks.step))));
  }
  out.push('</g>');

  const showLabels = band >= 11;
  for (let i = 0; i < n; i++) {
    const c = b.counts[i]!;
    const yc = y0 + band * i + band / 2;
    const isNull = b.values[i] === null || b.values[i] === undefined;
    const fill = isNull ? '#9aa5b1' : BAR_FILL;
    out.push(
      `<rect x="${px(x0)}" y="${px(yc - thick / 2)}" width="${px(Math.max(c > 0 ? 1 : 0, sx(c) - x0))}" height="${px(thick)}" fill="${fill}"><title>${escapeHTML(`${labels[i]}: ${countLabels[i]}`)}</title></rect>`,
    );
    if (showLabels) {
      const style = isNull ? ` font-style="italic" fill="${MUTED}"` : ' fill="#222"';
      out.push(text(x0 - 8, yc + 4.5, labels[i]!, `text-anchor="end" font-size="${labelSize}"${style}`));
      out.push(text(sx(c) + 5, yc + 4, countLabels[i]!, `fill="${MUTED}"`));
    }
  }
  out.push(`<line x1="${px(x0)}" x2="${px(x0)}" y1="${px(y0)}" y2="${px(y1)}" stroke="${AXIS}"/>`);
  out.push(`<line x1="${px(x0)}" x2="${px(x1)}" y1="${px(y1)}" y2="${px(y1)}" stroke="${AXIS}"/>`);
  out.push(text((x0 + x1) / 2, height - 12, 'count', 'text-anchor="middle" font-size="13" fill="#222"'));
  out.push('</svg>');
  return out.join('\n');
}
