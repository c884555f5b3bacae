import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('examples/explore.ts', () => {
  it('walks through the weather data: glimpse, describe, counts, charts, groupBy, join and markdown', () => {
    const svgs = ['colframe-temp_max.svg', 'colframe-weather.svg'].map((f) => join(tmpdir(), f));
    for (const f of svgs) rmSync(f, { force: true });
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'examples/explore.ts')], { cwd: root, encoding: 'utf8' });

    // glimpse
    expect(out).toContain('Rows: 1461\nColumns: 6\n$ date          <date> 2012-01-01, 2012-01-02,');
    expect(out).toMatch(/\$ weather {7}<cat> {2}"drizzle", "rain", "rain"/);
    // describe of the numeric columns
    expect(out).toMatch(/│ max +┆ +55\.9 ┆ +35\.6 ┆ +18\.3 ┆ +9\.5 │/);
    // value counts
    expect(out).toMatch(/│ rain +┆ +641 │\n│ sun +┆ +640 │/);
    // histogram: 12 bins adding up to every day, nothing left out
    const hist = out.slice(out.indexOf('temp_max (f64) · 1,461 values · 12 bins'));
    const counts = hist.split('\n').slice(1, 13).map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1461);
    expect(hist).toContain('not binned: null 0 · NaN 0');
    // bar chart and SVG files
    expect(out).toMatch(/weather \(cat\) · 1,461 values · 5 distinct\nrain +│█+ 641\nsun +│█+▉? 640/);
    for (const f of svgs) {
      expect(existsSync(f)).toBe(true);
      expect(readFileSync(f, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>$/);
    }
    // group by month, sorted, with sparklines
    expect(out).toMatch(/│ +1 ┆ +8\.2 ┆ +116\.5 ┆ +66 ┆ +124 │/);
    expect(out).toMatch(/│ +12 ┆ +8\.2 ┆ +155\.7 ┆ +81 ┆ +124 │/);
    expect(out).toMatch(/mean high by month +[▁▂▃▄▅▆▇█]{12}/);
    // join with the lookup and markdown
    expect(out).toMatch(/│ rain +┆ +641 ┆ +13\.5 ┆ +3\.7 ┆ Rain, from showers to downpours │/);
    expect(out).toContain('| weather (cat) | days (i64) | mean_high (f64) | mean_wind (f64) | description (str)               |');
    expect(out).toContain('| snow          |         26 |             5.6 |             4.4 | Snow or sleet                   |');
  }, 60_000);
});
