import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('examples/quickstart.ts', () => {
  it('loads the weather CSV and prints the frame, its schema, rows, a filter, a groupBy and its memory', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'examples/quickstart.ts')], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('shape: (1461, 6)');
    expect(out).toContain('Schema { date: date, precipitation: float64, temp_max: float64, temp_min: float64, wind: float64, weather: categorical }');
    expect(out).toMatch(/The first three days:\n {2}2012-01-01 {2}drizzle +5…12\.8 °C\n/);
    expect(out).toMatch(/The wettest day: \{\n {2}date: 2015-03-15T00:00:00\.000Z,\n {2}precipitation: 55\.9,/);
    expect(out).toContain('52 dry days above 30 °C; the hottest three:');
    expect(out).toContain('│ 2015-07-19 ┆           0.0 ┆     35.0 ┆     17.2 ┆  3.3 ┆ sun     │');
    expect(out).toMatch(/│ rain +┆ +641 ┆ 13\.454602 ┆ +4203\.6 │/);
    expect(out).toContain('Memory: 54,102 bytes of Arrow buffers for 1,461 rows (37.0 B/row)');
  }, 60_000);
});
