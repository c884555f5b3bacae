import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFrame, categorical } from '../../src/index.js';
import { estimateObjectBytes, HEAP_NUMBER_BYTES, PROPERTY_BYTES, ROW_BYTES, STRING_HEADER_BYTES } from '../../src/cli/object-estimate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('estimateObjectBytes', () => {
  it('adds a row object, a slot per property, boxed doubles and string headers', () => {
    const df = DataFrame.fromColumns({ i: [1, 2, null], f: [1.5, 2, null], s: ['ab', null, 'abcdefghi'], b: [true, false, null] });
    const slot = PROPERTY_BYTES;
    const str = (n: number): number => Math.ceil((STRING_HEADER_BYTES + n) / slot) * slot;
    const want = 3 * (ROW_BYTES + 4 * PROPERTY_BYTES) + HEAP_NUMBER_BYTES + str(2) + str(9);
    expect(estimateObjectBytes(df)).toEqual({ bytes: want, perRow: want / 3 });
  });

  it('counts categorical values per row and reads slices from their offset', () => {
    const df = DataFrame.fromColumns({ c: ['aaaa', 'bb', 'aaaa', 'bb'] }).cast({ c: categorical() });
    const base = estimateObjectBytes(DataFrame.fromColumns({ c: ['aaaa', 'bb', 'aaaa', 'bb'] })).bytes;
    expect(estimateObjectBytes(df).bytes).toBe(base);
    const sliced = DataFrame.fromColumns({ x: [0.5, 1, 2, 3.5] }).slice(2, 2);
    expect(estimateObjectBytes(sliced).bytes).toBe(2 * (ROW_BYTES + PROPERTY_BYTES) + HEAP_NUMBER_BYTES);
    expect(estimateObjectBytes(DataFrame.fromColumns({ x: [] as number[] }))).toEqual({ bytes: 0, perRow: 0 });
  });

  // The estimate against the heap: rows parsed by JSON.parse, measured with --expose-gc in a fresh process.
  it('is within a factor of 1.5 of the measured heap of the same rows as JSON.parse objects', () => {
    const dir = mkdtempSync(join(root, '.dist-test-estimate-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(
        join(dir, 'measure.ts'),
        `import { DataFrame, readCSV } from ${JSON.stringify(join(root, 'src/index.js'))};
import { estimateObjectBytes } from ${JSON.stringify(join(root, 'src/cli/object-estimate.js'))};
const gc = (globalThis as { gc?: () => void }).gc!;
const n = 100_000;
const weather = await readCSV(${JSON.stringify(join(root, 'examples/data/seattle-weather.csv'))});
const frames = {
  numbers: DataFrame.fromColumns({ a: Array.from({ length: n }, (_, i) => i), b: Array.from({ length: n }, (_, i) => i * 0.5 + 0.25) }),
  strings: DataFrame.fromColumns({ s: Array.from({ length: n }, (_, i) => 'name-' + i), t: Array.from({ length: n }, (_, i) => 'x'.repeat(i % 40) + i) }),
  mixed: DataFrame.fromColumns({ id: Array.from({ length: n }, (_, i) => i), v: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? null : i / 7)), ok: Array.from({ length: n }, (_, i) => i % 3 === 0), d: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + (i % 300)))), note: Array.from({ length: n }, (_, i) => 'note ' + i.toString(36).repeat(1 + (i % 5))) }),
  // The real file's 1,461 rows repeated to ~100k: a few hundred KB of heap is within the noise of a heap reading.
  weather: DataFrame.concat(Array.from({ length: 70 }, () => weather)),
};
// One call per frame, so nothing of one measurement is still referenced during the next.
function measure(df: DataFrame): number {
  const recs = df.toRecords();
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  const rows = new Array(recs.length);
  for (let i = 0; i < recs.length; i++) rows[i] = JSON.parse(JSON.stringify(recs[i]));
  gc(); gc();
  const grown = process.memoryUsage().heapUsed - before;
  // Both arrays stay alive until after the second reading (V8 frees what is no longer used).
  if (rows.length !== df.height || recs.length !== rows.length) throw new Error('lost rows');
  return grown / estimateObjectBytes(df).bytes;
}
const out: Record<string, number> = {};
for (const [name, df] of Object.entries(frames)) out[name] = measure(df);
console.log(JSON.stringify(out));
`,
      );
      const printed = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, 'measure.ts')], { cwd: root, encoding: 'utf8' });
      const ratios = JSON.parse(printed) as Record<string, number>;
      for (const [name, r] of Object.entries(ratios)) {
        expect(r, name).toBeGreaterThan(1 / 1.5);
        expect(r, name).toBeLessThan(1.5);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
