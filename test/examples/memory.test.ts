import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'examples/memory.ts');

/** The `bytes_per_row` of each line of the printed table. */
function bytesPerRow(out: string): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const m of out.matchAll(/│ ([^┆]+?) +┆ +[\d.]+ ┆ +([\d.]+) ┆ +[\d.]+ │/g)) rows[m[1]!.trim()] = Number(m[2]);
  return rows;
}

describe('examples/memory.ts', () => {
  it('measures objects against a frame after garbage collection and prints bytes per row', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--rows', '50000'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('50,000 records (seed 42)');
    expect(out).toContain('after garbage collection');
    const rows = bytesPerRow(out);
    expect(Object.keys(rows)).toEqual(['array of objects', 'colframe DataFrame', 'of which Arrow buffers']);
    // Arrow buffers: id 4 + age 4 + amount 8 + city code 1 + name offsets 4 + ~7.5 name bytes + bits.
    expect(rows['of which Arrow buffers']).toBeGreaterThan(25);
    expect(rows['of which Arrow buffers']).toBeLessThan(32);
    expect(rows['colframe DataFrame']).toBeLessThan(rows['array of objects']! / 2);
    expect(out).toMatch(/holds the same records in [\d.]+× less memory/);
  }, 60_000);

  it('finds a collector on its own when run with plain tsx', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--rows', '20000'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('after garbage collection');
  }, 60_000);

  it('says the figures are rough when it measures without garbage collection', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--rows', '2000', '--no-gc'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('garbage collection unavailable: figures are taken without collecting and are rough');
    expect(out).toContain('only the Arrow buffer line is exact');
  }, 60_000);

  it('rejects a --rows that is not a positive integer', () => {
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', script, '--rows', 'many'], { cwd: root, encoding: 'utf8', stdio: 'pipe' })).toThrow(
      /--rows expects a positive integer, got many/,
    );
  }, 60_000);
});
