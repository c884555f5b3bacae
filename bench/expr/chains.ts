/**
 * Long expression chains: building, printing and evaluating `a.or(b).or(c)…` with N terms, and
 * the same chain as a `--where` filter through the command line's parser.
 * Run: node --import tsx bench/expr/chains.ts [terms=5000]
 */
import { DataFrame, col } from '../../src/index.js';
import { compileWhere } from '../../src/cli/where.js';

const terms = Number(process.argv[2] ?? 5000);
const df = DataFrame.fromColumns({ x: Float64Array.from({ length: 10_000 }, (_, i) => i % 7919) });
const time = (label: string, f: () => unknown): void => {
  const t0 = performance.now();
  let out: unknown;
  try {
    out = f();
  } catch (e) {
    out = `${(e as Error).name}: ${(e as Error).message.slice(0, 80)}`;
  }
  console.log(`${label}: ${(performance.now() - t0).toFixed(1)} ms (${typeof out === 'string' ? out : 'ok'})`);
};

let e = col('x').eq(0);
time(`build ${terms}-term .or() chain`, () => {
  for (let i = 1; i < terms; i++) e = e.or(col('x').eq(i));
});
time('String(chain)', () => String(e).length.toString());
time('filter by chain', () => `${df.filter(e).height} rows`);
const where = Array.from({ length: terms }, (_, i) => `x == ${i}`).join(' or ');
time(`--where with ${terms} or-terms: compile + filter`, () => `${df.filter(compileWhere(where, { names: df.columns, dtypes: df.dtypes })).height} rows`);
