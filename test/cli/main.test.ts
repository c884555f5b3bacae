import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFrame, readCSV, readIPC, readJSON, writeIPC } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let build: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI as a child process: built (dist/cli.js, fast to start) or from source through tsx. */
function spawnCli(entry: readonly string[], args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const run = (args: readonly string[]): Promise<Run> => spawnCli([join(build, 'dist/cli.js')], args);
const runTsx = (args: readonly string[]): Promise<Run> => spawnCli(['--import', 'tsx', join(root, 'src/cli.ts')], args);

/** One line on stderr, `colframe: ...`, no stack trace. */
function expectOneLineError(r: Run, pattern: RegExp, status = 1): void {
  expect(r.status).toBe(status);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^colframe: /);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const CSV = 'id,name,score,when\n1,Ada,3.5,2024-01-02\n2,Linus,,2024-02-03\n3,Grace,9.25,\n4,"Quote, ""Q""",1,2024-04-05\n';

beforeAll(async () => {
  // The CLI built once into a temporary folder inside the project (as npm run build makes dist/),
  // with package.json beside it for --version.
  build = mkdtempSync(join(root, '.dist-test-'));
  const tsc = spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(build, 'dist')], { cwd: root, stdio: 'ignore' });
  await new Promise((resolve) => tsc.on('close', resolve));
  writeFileSync(join(build, 'package.json'), readFileSync(join(root, 'package.json')));
  dir = mkdtempSync(join(root, '.dist-test-cli-'));
  writeFileSync(join(dir, 'people.csv'), CSV);
  writeFileSync(join(dir, 'people.tsv'), CSV.replace(/,/g, '\t').replace('"Quote\t ""Q"""', 'Quote'));
  writeFileSync(join(dir, 'semi.txt'), 'a;b;c\n1;2;3\n4;5;6\n');
  writeFileSync(join(dir, 'people.json'), JSON.stringify([{ id: 1, name: 'Ada' }, { id: 2, name: null }]));
  writeFileSync(join(dir, 'people.ndjson'), '{"id":1,"name":"Ada"}\n{"id":2,"name":"Linus"}\n{"id":3,"name":null}\n');
  writeFileSync(join(dir, 'records-in.ndjson'), '[{"id":7}]');
  await writeIPC(DataFrame.fromColumns({ k: [1, 2, 3], v: ['x', null, 'z'] }), join(dir, 'kv.arrow'));
  await writeIPC(DataFrame.fromColumns({ k: [1, 2, 3] }), join(dir, 'stream.bin'), { format: 'stream' });
  const big = Array.from({ length: 2000 }, (_, i) => `${i},${i % 7 === 0 ? '' : `t${i % 13}`},${(i * 0.5).toFixed(1)}`).join('\n');
  writeFileSync(join(dir, 'big.csv'), `i,tag,half\n${big}\n`);
  writeFileSync(join(dir, 'garbage.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  writeFileSync(join(dir, 'garbage.arrow'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 256)));
  writeFileSync(join(dir, 'empty.csv'), '');
  writeFileSync(join(dir, 'secret.csv'), 'a\n1\n');
  chmodSync(join(dir, 'secret.csv'), 0o000);
  writeFileSync(join(dir, 'notes.xyz'), 'hello\n');
  writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n3,"open\n');
  mkdirSync(join(dir, 'folder.csv'));
  // Two scanCSV batches (65,536 rows each), and a column whose 1,500th value is not a number.
  writeFileSync(join(dir, 'long.csv'), `n,sq\n${Array.from({ length: 70_000 }, (_, i) => `${i},${(i * i) % 1000}`).join('\n')}\n`);
  writeFileSync(join(dir, 'late.csv'), `v\n${Array.from({ length: 2000 }, (_, i) => (i === 1500 ? 'n/a' : String(i))).join('\n')}\n`);

}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });
});

describe('colframe FILE', () => {
  it('prints the head, shape, schema with null counts, describe and memory of a CSV', async () => {
    const r = await run(['people.csv']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`people.csv: CSV, delimiter ",", ${CSV.length} B`);
    expect(r.stdout).toMatch(/^head:$/m);
    expect(r.stdout).toContain('┆ Quote, "Q" ┆');
    expect(r.stdout).toContain('shape: (4, 4)');
    expect(r.stdout).toMatch(/│ score\s+┆ float64\?\s+┆\s+1 ┆ 25\.0%\s+│/);
    expect(r.stdout).toMatch(/│ when\s+┆ date\?\s+┆\s+1 ┆ 25\.0%/);
    expect(r.stdout).toContain('describe():');
    expect(r.stdout).toMatch(/│ mean\s+┆\s+2\.5 ┆/);
    expect(r.stdout).toMatch(/colframe columns:\s+\d+ B \(memoryUsage\(\)\.total, [\d.]+ B\/row\)/);
    expect(r.stdout).toMatch(/as JS objects \(estimate\):\s+~[\d.]+ (B|KiB)/);
  });

  it('gives the overview of a file with 64-bit ids beyond 2^53 (snowflake ids)', async () => {
    writeFileSync(join(dir, 'ids.csv'), 'id,v\n1152921504606846977,1\n1152921504606846976,2\n9007199254740993,3\n');
    const r = await run(['ids.csv']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('│ 1152921504606846977 ┆   1 │');
    expect(r.stdout).toMatch(/│ max\s+┆ 1\.152922e\+18 ┆\s+3\.0 │/);
  });

  it('prints the first rows of a long file before reading the rest, then the exact row count', async () => {
    const r = await run(['big.csv', '-n', '3']);
    expect(r.status).toBe(0);
    const head = r.stdout.indexOf('first 1,000 rows read, the rest follows; shape so far: (≥1,000, 3)');
    const shape = r.stdout.indexOf('shape: (2,000, 3)');
    expect(head).toBeGreaterThan(0);
    expect(shape).toBeGreaterThan(head);
    expect(r.stdout).toMatch(/│ tag\s+┆ \w+\?\s+┆\s+286 ┆ 14\.3%/);
  });

  it('reads a TSV and sniffs a semicolon-delimited .txt', async () => {
    const tsv = await run(['people.tsv']);
    expect(tsv.stdout).toContain('CSV, delimiter tab');
    expect(tsv.stdout).toContain('shape: (4, 4)');
    const txt = await run(['schema', 'semi.txt']);
    expect(txt.stdout).toContain('shape: (2, 3)');
  });

  it('reads Arrow IPC by extension and by magic bytes, and JSON records and NDJSON', async () => {
    const ipc = await run(['kv.arrow']);
    expect(ipc.stdout).toContain('kv.arrow: Arrow IPC');
    expect(ipc.stdout).toMatch(/│ v\s+┆ utf8\?\s+┆\s+1 ┆ 33\.3%/);
    const stream = await run(['schema', 'stream.bin']);
    expect(stream.status).toBe(0);
    expect(stream.stdout).toContain('shape: (3, 1)');
    const json = await run(['people.json']);
    expect(json.stdout).toContain('JSON records');
    expect(json.stdout).toContain('shape: (2, 2)');
    const nd = await run(['schema', 'people.ndjson']);
    expect(nd.stdout).toContain('shape: (3, 2)');
    // The first byte decides between records and NDJSON, whatever the extension says.
    const swapped = await run(['head', 'records-in.ndjson']);
    expect(swapped.status).toBe(0);
    expect(swapped.stdout).toContain('shape: (1, 1)');
  });
});

describe('subcommands', () => {
  it('head -n N prints N rows; --where and --columns filter and select', async () => {
    const r = await run(['head', '-n', '2', 'people.csv']);
    expect(r.stdout).toContain('shape: (2, 4)');
    expect(r.stdout).toContain('Linus');
    expect(r.stdout).not.toContain('Grace');
    const w = await run(['head', '--where', "score > 2 and name != 'Ada'", '--columns', 'name,score', 'people.csv']);
    expect(w.status).toBe(0);
    expect(w.stdout).toContain('shape: (1, 2)');
    expect(w.stdout).toContain('Grace');
    expect(w.stdout).not.toContain('when');
    // Streaming: stops once N rows match.
    const big = await run(['head', '-n', '2', '--where', 'tag is null and i > 10', 'big.csv']);
    expect(big.stdout).toContain('shape: (2, 3)');
    expect(big.stdout).toMatch(/│\s+14 ┆ null/);
  });

  it('schema and describe', async () => {
    const s = await run(['schema', '--columns', 'score,id', 'people.csv']);
    expect(s.stdout.split('\n')[0]).toBe('shape: (4, 2)');
    expect(s.stdout.indexOf('score')).toBeLessThan(s.stdout.indexOf('│ id'));
    const d = await run(['describe', '--where', 'id >= 3', 'people.csv']);
    expect(d.stdout).toMatch(/│ count\s+┆\s+2\.0 ┆/);
  });

  it('convert goes CSV → Arrow → NDJSON → JSON → CSV keeping the frame', async () => {
    const original = await readCSV(join(dir, 'people.csv'));
    for (const [from, to] of [
      ['people.csv', 'c1.arrow'],
      ['c1.arrow', 'c2.ndjson'],
      ['c2.ndjson', 'c3.json'],
      ['c3.json', 'c4.csv'],
      ['c4.csv', 'c5.arrows'],
    ]) {
      const r = await run(['convert', from!, to!]);
      expect(r.stderr, `${from} → ${to}`).toBe('');
      expect(r.status).toBe(0);
    }
    expect((await readIPC(join(dir, 'c1.arrow'))).toRecords()).toEqual(original.toRecords());
    expect((await readCSV(join(dir, 'c4.csv'))).toRecords()).toEqual(original.toRecords());
    expect((await readIPC(join(dir, 'c5.arrows'))).toRecords()).toEqual(original.toRecords());
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('convert streams CSV batches with --where and --columns, to CSV, TSV and NDJSON', async () => {
    expect((await run(['convert', '--where', 'i % 2', 'big.csv', 'x.csv'])).status).toBe(1);
    const r = await run(['convert', '--where', 'half >= 900 or tag is null', '--columns', 'i,tag', 'big.csv', 'sub.ndjson']);
    expect(r.status).toBe(0);
    const back = await readJSON(join(dir, 'sub.ndjson'));
    const want = (await readCSV(join(dir, 'big.csv'))).toRecords().filter((x) => (x.half as number) >= 900 || x.tag === null).map((x) => ({ i: x.i, tag: x.tag }));
    expect(back.toRecords()).toEqual(want);
    expect((await run(['convert', 'big.csv', 'big.tsv'])).status).toBe(0);
    expect(readFileSync(join(dir, 'big.tsv'), 'utf8').split('\n', 1)[0]).toBe('i\ttag\thalf');
    expect((await readCSV(join(dir, 'big.tsv'), { delimiter: '\t' })).height).toBe(2000);
  });

  it('convert streams several batches with one header, and reads whole when a later value does not fit', async () => {
    const [csv, nd, late] = await Promise.all([
      run(['convert', 'long.csv', 'long-out.csv']),
      run(['convert', '--where', 'sq == 0', 'long.csv', 'long-out.ndjson']),
      run(['convert', 'late.csv', 'late-out.csv']),
    ]);
    expect([csv.status, nd.status, late.status]).toEqual([0, 0, 0]);
    expect(readFileSync(join(dir, 'long-out.csv'), 'utf8')).toBe(readFileSync(join(dir, 'long.csv'), 'utf8'));
    const zeros = (await readJSON(join(dir, 'long-out.ndjson'))).toRecords();
    expect(zeros.length).toBe(Array.from({ length: 70_000 }, (_, i) => (i * i) % 1000).filter((x) => x === 0).length);
    expect(zeros.every((r) => r.sq === 0)).toBe(true);
    expect(readFileSync(join(dir, 'late-out.csv'), 'utf8')).toBe(readFileSync(join(dir, 'late.csv'), 'utf8'));
  });

  it('convert draws a progress bar on stderr only when asked or on a terminal', async () => {
    const quiet = await run(['convert', 'big.csv', 'q.arrow']);
    expect(quiet.stderr).toBe('');
    const bar = await run(['convert', '--progress', 'big.csv', 'p.arrow']);
    expect(bar.status).toBe(0);
    expect(bar.stderr).toMatch(/\[#+\] 100%/);
  });

  it('--help for the command and each subcommand, and --version', async () => {
    const top = await run(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('Usage: colframe [command] [options] FILE');
    for (const sub of ['head', 'schema', 'describe', 'convert']) {
      const r = await run([sub, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: colframe ${sub}`);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect((await run(['--version'])).stdout).toBe(`colframe ${pkg.version}\n`);
  });
});

describe('bad input: one line on stderr, non-zero exit, no stack trace', () => {
  it('binary garbage, an empty file, a directory, an unknown extension, a missing file', async () => {
    expectOneLineError(await run(['garbage.csv']), /^colframe: garbage\.csv: binary data, not CSV text \(a NUL byte at byte \d+\)/);
    const g = await run(['garbage.arrow']);
    expectOneLineError(g, /^colframe: garbage\.arrow: Arrow IPC/);
    expect(g.stdout).toBe('');
    expectOneLineError(await run(['empty.csv']), /^colframe: empty\.csv: empty file$/m);
    expectOneLineError(await run(['folder.csv']), /^colframe: folder\.csv: is a directory/);
    expectOneLineError(await run(['notes.xyz']), /^colframe: notes\.xyz: unknown file type "\.xyz"; expected one of \.csv/);
    expectOneLineError(await run(['nope.csv']), /^colframe: nope\.csv: no such file$/m);
    expectOneLineError(await run(['bad.csv']), /^colframe: bad\.csv: CSV line 3.*unterminated/);
    expectOneLineError(await run(['convert', 'people.csv', 'out.xyz']), /^colframe: out\.xyz: unknown output type "\.xyz"/);
    expectOneLineError(await run(['convert', 'people.csv', 'people.csv']), /^colframe: people\.csv: is the input file/);
  });

  it('a file without read permission (skipped as root, who can read it anyway)', async () => {
    if (process.getuid?.() === 0) return;
    expectOneLineError(await run(['secret.csv']), /^colframe: secret\.csv: permission denied$/m);
  });

  it('a wrong flag, a missing value, a wrong file count: exit code 2', async () => {
    expectOneLineError(await run(['--bogus', 'people.csv']), /^colframe: unknown option "--bogus" \(see colframe --help\)$/m, 2);
    expectOneLineError(await run(['head', '-n']), /option -n needs a value \(see colframe head --help\)/, 2);
    expectOneLineError(await run(['head', '-n', 'many', 'people.csv']), /-n expects a non-negative whole number/, 2);
    expectOneLineError(await run(['convert', 'people.csv']), /colframe convert takes an input and an output file, got 1/, 2);
    expectOneLineError(await run(['schema', '-n', '3', 'people.csv']), /-n\/--rows applies to head/, 2);
  });

  it('--where takes a chain of 6,000 or-terms and refuses parentheses nested beyond the limit', async () => {
    const terms = Array.from({ length: 6000 }, (_, i) => `id == ${i + 3}`).join(' or ');
    const r = await run(['head', '--columns', 'name', '--where', terms, 'people.csv']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Grace/);
    expect(r.stdout).not.toMatch(/Ada/);
    const deep = `${'('.repeat(3000)}id > 1${')'.repeat(3000)}`;
    expectOneLineError(await run(['head', '--where', deep, 'people.csv']), /parentheses nest deeper than 1000 levels, the limit at position 1001$/m);
  });

  it('a bad --where expression or an unknown column', async () => {
    expectOneLineError(await run(['head', '--where', 'score >> 2', 'people.csv']), /^colframe: people\.csv: --where "score >> 2": expected a column or a value, found ">" at position 8$/m);
    expectOneLineError(await run(['head', '--where', 'scor > 2', 'people.csv']), /Column "scor" not found\. Did you mean "score"\?/);
    expectOneLineError(await run(['head', '--where', 'name > 2', 'people.csv']), /cannot compare/);
    expectOneLineError(await run(['head', '--columns', 'nam', 'people.csv']), /Column "nam" not found\. Did you mean "name"\?/);
  });

  it('--debug adds the stack trace', async () => {
    const r = await run(['--debug', 'bad.csv']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^colframe: bad\.csv: CSV line 3/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('the bin, built and from source', () => {
  it('dist/cli.js starts with a shebang; package.json names it as the bin and builds it on install', () => {
    expect(readFileSync(join(build, 'dist/cli.js'), 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin).toEqual({ colframe: './dist/cli.js' });
    expect(pkg.scripts.prepare).toBe('tsc -p tsconfig.build.json');
  });

  it('the source through tsx runs every subcommand, and fails with one line', async () => {
    const [show, head, schema, desc, conv, help, bad] = await Promise.all([
      runTsx(['people.csv']),
      runTsx(['head', '-n', '1', '--where', "name == 'Grace'", 'people.csv']),
      runTsx(['schema', 'kv.arrow']),
      runTsx(['describe', 'people.ndjson']),
      runTsx(['convert', 'people.csv', 'tsx-out.arrow']),
      runTsx(['head', '--help']),
      runTsx(['garbage.csv']),
    ]);
    expect(show.stdout).toContain('shape: (4, 4)');
    expect(head.stdout).toContain('Grace');
    expect(schema.stdout).toContain('shape: (3, 2)');
    expect(desc.stdout).toMatch(/│ count\s+┆\s+3\.0 ┆/);
    expect(conv.status).toBe(0);
    expect((await readIPC(join(dir, 'tsx-out.arrow'))).height).toBe(4);
    expect(help.stdout).toContain('Usage: colframe head');
    expectOneLineError(bad, /binary data/);
  }, 60_000);
});
