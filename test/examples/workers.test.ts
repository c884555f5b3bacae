import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

describe('examples/workers.ts', () => {
  it('loads the CSV into shared memory, computes in two workers and prints results and timings', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'examples/workers.ts')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(out).toMatch(/Loaded 1461 days; share\(\) took [\d.]+ ms/);
    expect(out).toContain('│ 2012-09-07 ┆ sun     ┆     13.3 ┆     32.2 ┆  18.9 │');
    expect(out).toMatch(/│ rain\s+┆\s+641 ┆\s+4203\.6 ┆/);
    expect(out).toMatch(/groupBy sensor over 5,000,000 rows \(median of 5\): one thread [\d.]+ ms, two workers [\d.]+ ms/);
  }, 120_000);
});
