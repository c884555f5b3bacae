import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bool, categorical, date, float64, int32, nullable, utf8 } from '../../src/dtype/dtype.js';
import { histogramOf, type BarCounts } from '../../src/display/plot-data.js';
import { barText, histogramText, sparkline } from '../../src/display/plot-text.js';
import { displayWidth } from '../../src/display/width.js';
import { col } from '../support/columns.js';

/** The length of a block-character bar in eighths of a column. */
function eighths(line: string): number {
  const bar = /│([█▉▊▋▌▍▎▏]*)/.exec(line)![1]!;
  let n = 0;
  for (const ch of bar) n += ch === '█' ? 8 : 8 - '▉▊▋▌▍▎▏'.indexOf(ch) - 1;
  return n;
}

function counts(values: unknown[], ns: number[], extra: Partial<BarCounts> = {}): BarCounts {
  return { column: 'c', dtype: nullable(utf8()), values, counts: ns, otherValues: 0, otherRows: 0, total: ns.reduce((a, b) => a + b, 0), ...extra };
}

describe('histogramText', () => {
  const h = histogramOf(col('x', nullable(float64()), [0, 1, 1, 2, 2, 2, 2, 3, null, NaN]), 4);

  it('draws one line per bin with its range, a bar scaled to the fullest bin and its count', () => {
    expect(histogramText(h, { width: 40 })).toBe(
      [
        'x (f64) · 8 values · 4 bins',
        '[0.00, 0.75) │██████ 1',
        '[0.75, 1.50) │████████████ 2',
        '[1.50, 2.25) │████████████████████████ 4',
        '[2.25, 3.00] │██████ 1',
        'not binned: null 1 · NaN 1',
      ].join('\n'),
    );
  });

  it('fills the width with the fullest bin and keeps every line within it', () => {
    for (const width of [30, 40, 63, 80]) {
      const lines = histogramText(h, { width }).split('\n');
      expect(Math.max(...lines.map(displayWidth))).toBe(width);
    }
  });

  it('labels integer bins by the values they hold, numbers lined up', () => {
    const q = histogramOf(col('qty', int32(), [1, 2, 9, 10, 10, 20]), 4);
    expect(histogramText(q, { width: 40 }).split('\n').slice(1, 5).map((l) => l.slice(0, l.indexOf('│')))).toEqual([
      ' 1 …  5 ',
      ' 6 … 10 ',
      '11 … 15 ',
      '16 … 20 ',
    ]);
  });

  it('draws a non-zero count as at least ▏ and a zero count as nothing', () => {
    const skew = histogramOf(col('x', float64(), [...new Array<number>(10_000).fill(0), 5, 10]), 3);
    const lines = histogramText(skew, { width: 40 }).split('\n');
    expect(lines[2]).toMatch(/│▏ 1$/);
    expect(lines.some((l) => /│ 0$/.test(l))).toBe(false);
    const gap = histogramText(histogramOf(col('x', float64(), [0, 10]), 3), { width: 40 }).split('\n');
    expect(gap[2]).toMatch(/│ 0$/);
  });

  it('says no data, and why, for an empty or all-null column', () => {
    expect(histogramText(histogramOf(col('x', float64(), [])))).toBe('x (f64) · 0 values · 0 bins\nno data: the column is empty\nnot binned: null 0 · NaN 0');
    expect(histogramText(histogramOf(col('x', nullable(float64()), [null, null, NaN])))).toBe(
      'x (f64) · 0 values · 0 bins\nno data: none of the 3 values is a finite number\nnot binned: null 2 · NaN 1',
    );
  });

  it('escapes and cuts a hostile column name in the title', () => {
    const title = histogramText(histogramOf(col('a\nb'.repeat(20), float64(), [1])), { maxStringLength: 8 }).split('\n')[0]!;
    expect(title).toBe('a\\nba\\n… (f64) · 1 value · 1 bin');
  });

  it('draws bars proportional to counts, to the nearest eighth of a column', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 30, max: 120 }), (values, bins, width) => {
        const hist = histogramOf(col('x', float64(), values), bins);
        const lines = histogramText(hist, { width }).split('\n');
        const bars = lines.slice(1, 1 + hist.counts.length);
        const max = Math.max(...hist.counts);
        const barWidth = eighths(bars[hist.counts.indexOf(max)]!) / 8;
        bars.forEach((line, b) => {
          const c = hist.counts[b]!;
          expect(line.endsWith(` ${c.toLocaleString('en-US')}`)).toBe(true);
          const e = eighths(line);
          if (c === 0) expect(e).toBe(0);
          else expect(Math.abs(e - Math.max(1, (c / max) * barWidth * 8))).toBeLessThanOrEqual(0.5 + 1e-9);
        });
        // Lines fit the width unless the labels and counts leave less than the narrowest bar (10).
        const labelWidth = bars[0]!.indexOf('│');
        const countWidth = Math.max(...hist.counts.map((c) => c.toLocaleString('en-US').length));
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(Math.max(width, labelWidth + 1 + 10 + 1 + countWidth));
      }),
    );
  });
});

describe('barText', () => {
  it('draws the values most frequent first with bars scaled to the top count', () => {
    const out = barText(counts(['rain', 'sun', null], [8, 4, 1], { dtype: nullable(categorical()) }), { width: 40 });
    expect(out).toBe(['c (cat) · 13 values · 3 distinct', `rain │${'█'.repeat(32)} 8`, `sun  │${'█'.repeat(16)} 4`, 'null │████ 1'].join('\n'));
  });

  it('sums the values beyond the top N on an … N others line', () => {
    const out = barText(counts(['a', 'b'], [5, 3], { otherValues: 4, otherRows: 6, total: 14 }), { width: 40 }).split('\n');
    expect(out[0]).toBe('c (str) · 14 values · 6 distinct');
    expect(out[3]).toBe('… 4 others: 6 values');
    expect(barText(counts(['a'], [5], { otherValues: 1, otherRows: 2, total: 7 })).split('\n')[2]).toBe('… 1 other: 2 values');
  });

  it('cuts long labels to a third of the width and escapes control characters', () => {
    const out = barText(counts(['x'.repeat(50), 'a\nb'], [2, 1]), { width: 30 }).split('\n');
    expect(out[1]!.startsWith('xxxxxxxxx… │')).toBe(true);
    expect(out[2]!.startsWith('a\\nb       │')).toBe(true);
  });

  it('right-aligns numeric labels and spells bools and dates as the table does', () => {
    expect(barText({ ...counts([7, 12], [2, 1]), dtype: int32() }, { width: 30 }).split('\n').slice(1).map((l) => l.slice(0, 3))).toEqual([' 7 ', '12 ']);
    expect(barText({ ...counts([true, false], [2, 1]), dtype: bool() }, { width: 30 }).split('\n')[1]!.startsWith('true  │')).toBe(true);
    expect(barText({ ...counts([new Date(Date.UTC(2024, 0, 2))], [1]), dtype: date() }, { width: 30 }).split('\n')[1]!.startsWith('2024-01-02 │')).toBe(true);
  });

  it('aligns wide CJK and emoji labels by display width', () => {
    const lines = barText(counts(['日本', '👍', 'ab'], [3, 2, 1]), { width: 30 }).split('\n').slice(1);
    expect(new Set(lines.map((l) => displayWidth(l.slice(0, l.indexOf('│'))))).size).toBe(1);
  });

  it('says no data for a column without rows', () => {
    expect(barText(counts([], []))).toBe('c (str) · 0 values · 0 distinct\nno data: the column is empty');
  });
});

describe('sparkline', () => {
  it('draws one block per value from ▁ (min) to █ (max)', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline(new Float64Array([0, 10, 5]))).toBe('▁█▅');
  });

  it('draws nulls, undefined and NaN as spaces', () => {
    expect(sparkline([0, null, 10, undefined, NaN])).toBe('▁ █  ');
  });

  it('takes min and max for the scale, clamping values outside', () => {
    expect(sparkline([5, 10], { min: 0, max: 10 })).toBe('▅█');
    expect(sparkline([-5, 20], { min: 0, max: 10 })).toBe('▁█');
  });

  it('draws equal values as a flat ▄ line and infinities at the ends', () => {
    expect(sparkline([3, 3, 3])).toBe('▄▄▄');
    expect(sparkline([0, Infinity, -Infinity, 1])).toBe('▁█▁█');
    expect(sparkline([])).toBe('');
  });
});
