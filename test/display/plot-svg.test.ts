import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { float64, int32, nullable, utf8 } from '../../src/dtype/dtype.js';
import { histogramOf, type BarCounts } from '../../src/display/plot-data.js';
import { barSVG, histogramSVG } from '../../src/display/plot-svg.js';
import { col } from '../support/columns.js';

/**
 * Check that `svg` is well-formed XML as far as these charts go: tags balance, attributes are
 * quoted, text holds no raw `<` and only known entities. Returns the text nodes, decoded.
 */
function checkXml(svg: string): string[] {
  const stack: string[] = [];
  const texts: string[] = [];
  const token = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z][\w:-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < svg.length && (m = token.exec(svg)) !== null) {
    pos = token.lastIndex;
    if (m[5] !== undefined) {
      const t = m[5];
      expect(t).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39);)/);
      if (t.trim() !== '') texts.push(t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
    } else if (m[1] === '/') {
      expect(stack.pop()).toBe(m[2]);
    } else if (m[4] !== '/') {
      stack.push(m[2]!);
    }
  }
  expect(pos).toBe(svg.length);
  expect(stack).toEqual([]);
  return texts;
}

function attr(svg: string, tag: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

const weatherLike = histogramOf(col('temp_max', nullable(float64()), [-1.6, 3, 8, 8.5, 12, 12.5, 13, 20, 21, 35.6, null]), 10);

function counts(values: unknown[], ns: number[], extra: Partial<BarCounts> = {}): BarCounts {
  return { column: 'weather', dtype: utf8(), values, counts: ns, otherValues: 0, otherRows: 0, total: ns.reduce((a, b) => a + b, 0), ...extra };
}

describe('histogramSVG', () => {
  const svg = histogramSVG(weatherLike);

  it('is a standalone, well-formed SVG document of the asked size', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    checkXml(svg);
    const small = histogramSVG(weatherLike, { width: 320, height: 240 });
    expect(small).toContain('width="320" height="240"');
  });

  it('has a title, a subtitle with what was binned and left out, and axis titles', () => {
    const texts = checkXml(svg);
    expect(texts).toContain('temp_max');
    expect(texts).toContain('histogram · f64 · 10 values in 10 bins · not binned: null 1 · NaN 0');
    expect(texts).toContain('count');
    expect(checkXml(histogramSVG(weatherLike, { title: 'Daily highs' }))).toContain('Daily highs');
  });

  it('labels the count axis at nice round numbers from 0 and the value axis at nice numbers within the bins', () => {
    const texts = checkXml(svg);
    expect(texts).toEqual(expect.arrayContaining(['0', '1', '2', '3']));
    expect(texts).toEqual(expect.arrayContaining(['0', '10', '20', '30']));
    expect(texts).not.toContain('40');
    expect(texts).not.toContain('-10');
  });

  it('draws one bar per bin, heights proportional to counts, with a tooltip of range and count', () => {
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"><title>([^<]*)<\/title><\/rect>/g)];
    expect(bars).toHaveLength(10);
    const heights = bars.map((b) => Number(b[4]));
    const ratio = heights[0]! / weatherLike.counts[0]!;
    weatherLike.counts.forEach((c, i) => expect(heights[i]!).toBeCloseTo(c * ratio, 1));
    expect(bars[0]![5]).toBe('[-1.6, 2.1): 1');
    // Bars tile the plot from left to right without gaps.
    for (let i = 1; i < bars.length; i++) {
      expect(Number(bars[i]![1])).toBeCloseTo(Number(bars[i - 1]![1]) + Number(bars[i - 1]![3]), 1);
    }
  });

  it('draws an empty plot saying no data, and why, for an empty or all-null column', () => {
    expect(checkXml(histogramSVG(histogramOf(col('x', float64(), []))))).toEqual(expect.arrayContaining(['no data', 'the column is empty']));
    expect(checkXml(histogramSVG(histogramOf(col('x', nullable(float64()), [null, NaN]))))).toEqual(
      expect.arrayContaining(['no data', 'none of the 2 values is a finite number']),
    );
  });

  it('centres integer bins on whole numbers', () => {
    const q = histogramSVG(histogramOf(col('q', int32(), [1, 2, 3, 4]), 10));
    const numbers = [...q.matchAll(/<text x="([\d.]+)" y="([\d.]+)">(\d+)<\/text>/g)];
    const axisY = Math.max(...numbers.map((m) => Number(m[2])));
    const ticks = numbers.filter((m) => Number(m[2]) === axisY).map((m) => [m[0], m[1], m[3]] as const);
    expect(ticks.map((t) => t[2])).toEqual(['1', '2', '3', '4']);
    const bars = [...q.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)];
    expect(bars).toHaveLength(4);
    for (const t of ticks) {
      const v = Number(t[2]);
      if (v > 4) continue;
      const b = bars[v - 1]!;
      expect(Number(t[1])).toBeCloseTo(Number(b[1]) + Number(b[2]) / 2, 1);
    }
  });
});

describe('barSVG', () => {
  const b = counts(['rain', 'sun', 'fog', null], [641, 640, 101, 3], { otherValues: 2, otherRows: 76, total: 1461 });
  const svg = barSVG(b);

  it('is a well-formed SVG with one bar per value, longest first, null in grey', () => {
    checkXml(svg);
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" fill="([^"]+)"><title>([^<]*)<\/title>/g)];
    expect(bars.map((m) => m[4])).toEqual(['rain: 641', 'sun: 640', 'fog: 101', 'null: 3']);
    const widths = bars.map((m) => Number(m[2]));
    expect(widths[0]! / widths[2]!).toBeCloseTo(641 / 101, 1);
    expect(bars[3]![3]).not.toBe(bars[0]![3]);
  });

  it('labels values and counts, and notes the values not shown', () => {
    const texts = checkXml(svg);
    expect(texts).toEqual(expect.arrayContaining(['rain', 'sun', 'fog', 'null', '641', '101', '3']));
    expect(texts).toContain('value counts · str · 1,461 values · 6 distinct · not shown: 2 others (76 values)');
  });

  it('grows with the number of bars unless a height is given', () => {
    expect(attr(barSVG(counts(['a'], [1])), 'svg', 'height')[0]).toBe(String(68 + 54 + 30));
    expect(Number(attr(barSVG(counts(Array.from({ length: 20 }, (_, i) => `v${i}`), new Array(20).fill(1))), 'svg', 'height')[0])).toBe(68 + 54 + 600);
    expect(attr(barSVG(b, { height: 300 }), 'svg', 'height')[0]).toBe('300');
  });

  it('draws no data for a column without rows', () => {
    expect(checkXml(barSVG(counts([], [])))).toEqual(expect.arrayContaining(['no data', 'the column is empty']));
  });

  it('escapes hostile labels and titles so they stay text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 30 }), (labels, title) => {
        const out = barSVG({ ...counts(labels, labels.map((_, i) => i + 1)), column: title }, { title });
        const texts = checkXml(out);
        if (title.trim() !== '') expect(texts).toContain(title.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)));
        for (const tag of out.match(/<[^>]*>/g)!) expect(tag).toMatch(/^<\/?(svg|title|rect|text|g|line)\b/);
      }),
    );
  });
});

const rsvg = (() => {
  try {
    execFileSync('rsvg-convert', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!rsvg)('SVG charts in a real renderer (rsvg-convert)', () => {
  it('render to PNG without errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'colframe-svg-'));
    try {
      for (const [name, svg] of [
        ['hist', histogramSVG(weatherLike)],
        ['bar', barSVG(counts(['<b>&', 'sun'], [2, 1]))],
      ] as const) {
        writeFileSync(join(dir, `${name}.svg`), svg);
        execFileSync('rsvg-convert', ['-o', join(dir, `${name}.png`), join(dir, `${name}.svg`)], { stdio: 'pipe' });
        expect(statSync(join(dir, `${name}.png`)).size).toBeGreaterThan(1000);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
