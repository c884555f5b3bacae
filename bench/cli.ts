/**
 * Time to first output and to completion of `colframe FILE` on the 1M-row synthetic CSV, run as a
 * child process (built dist/cli.js, or the source through tsx with `--tsx`); medians of several runs.
 *   npm run build && node --import tsx bench/cli.ts [--runs 5] [--tsx] [FILE]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureSyntheticCsv } from './csv/generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
const useTsx = argv.includes('--tsx');
const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs') ?? ensureSyntheticCsv(1_000_000, 42).path;
const entry = useTsx ? ['--import', 'tsx', `${root}src/cli.ts`] : [`${root}dist/cli.js`];
if (!useTsx && !existsSync(`${root}dist/cli.js`)) throw new Error('run npm run build first (or pass --tsx)');

function once(): Promise<{ first: number; done: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = -1;
    const child = spawn(process.execPath, [...entry, file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      // First output: the head table (the first line naming the file comes a moment earlier).
      if (first < 0 && chunk.toString().includes('┌')) first = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ first, done: performance.now() - t0 }) : reject(new Error(`exit ${code}`))));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const firsts: number[] = [];
const dones: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  firsts.push(r.first);
  dones.push(r.done);
}
const ms = (x: number): string => `${x.toFixed(0)} ms`;
console.log(`colframe ${file} (${useTsx ? 'tsx src/cli.ts' : 'node dist/cli.js'}), ${runs} runs`);
console.log(`  first table: median ${ms(median(firsts))} (runs: ${firsts.map(ms).join(', ')})`);
console.log(`  completion:  median ${ms(median(dones))} (runs: ${dones.map(ms).join(', ')})`);
