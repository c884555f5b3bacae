import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

describe('package', () => {
  it('the exports map points at the built entry and its declarations', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      type: string;
      exports: Record<string, { types: string; import: string }>;
    };
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
  });

  it('the build emits JavaScript and declarations that load and work', async () => {
    const out = mkdtempSync(join(tmpdir(), 'colframe-build-'));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out], {
        cwd: root,
        stdio: 'pipe',
      });
      expect(existsSync(join(out, 'index.d.ts'))).toBe(true);
      const m = (await import(pathToFileURL(join(out, 'index.js')).href)) as typeof import('../src/index.js');
      const df = m.DataFrame.fromColumns({ a: [1, 2, 3] });
      expect(df.height).toBe(3);
      expect(readFileSync(join(out, 'index.d.ts'), 'utf8')).toContain('DataFrame');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('the built worker pool runs tasks from plain JavaScript modules', () => {
    const out = mkdtempSync(join(root, '.dist-test-'));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'dist')], {
        cwd: root,
        stdio: 'pipe',
      });
      writeFileSync(join(out, 'tasks.mjs'), `import { col } from './dist/index.js';\nexport const big = (df) => df.filter(col('x').gt(1));\n`);
      writeFileSync(
        join(out, 'main.mjs'),
        `import { DataFrame, createPool } from './dist/index.js';
const pool = createPool({ size: 2 });
const df = DataFrame.fromColumns({ x: [0, 1, 2, 3, 4] });
const r = await pool.map(df, new URL('./tasks.mjs', import.meta.url), 'big');
console.log(JSON.stringify(r.toRecords()));
await pool.close();
`,
      );
      const printed = execFileSync(process.execPath, [join(out, 'main.mjs')], { cwd: out, encoding: 'utf8', timeout: 60_000 });
      expect(printed.trim()).toBe('[{"x":2},{"x":3},{"x":4}]');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('the quick start runs and prints the table, its schema, rows and memory', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'examples/quickstart.ts')], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('shape: (1461, 6)');
    expect(out).toContain('Schema { date: date, precipitation: float64');
    expect(out).toContain('The wettest day:');
    expect(out).toContain('52 dry days above 30 °C; the hottest three:');
    expect(out).toContain('│ 2015-07-19 ┆           0.0 ┆     35.0 ┆     17.2 ┆  3.3 ┆ sun     │');
    expect(out).toMatch(/│ rain\s+┆\s+641 ┆ 13\.454602 ┆\s+4203\.6 │/);
    expect(out).toMatch(/Memory: [\d,]+ bytes of Arrow buffers for 1,461 rows/);
  }, 60_000);
});
