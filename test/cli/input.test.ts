import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFrame, InvalidArgumentError, writeIPC } from '../../src/index.js';
import { formatOfExtension, inspectInput, readInput, sniffDelimiter } from '../../src/cli/input.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(root, '.dist-test-input-'));
  writeFileSync(join(dir, 'a.csv'), 'x|y\n1|2\n3|4\n');
  writeFileSync(join(dir, 'noext'), 'x,y\n1,2\n');
  writeFileSync(join(dir, 'nd.json'), '{"x":1}\n{"x":2}\n');
  writeFileSync(join(dir, 'bin.csv'), Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01]));
  writeFileSync(join(dir, 'utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x\n1\n', 'utf16le')]));
  await writeIPC(DataFrame.fromColumns({ k: [1, 2, 3] }), join(dir, 'disguised.csv'));
  mkdirSync(join(dir, 'd.csv'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sniffDelimiter', () => {
  it('picks the separator that splits every line alike, outside quotes', () => {
    expect(sniffDelimiter(Buffer.from('a,b,c\n1,2,3\n'))).toBe(',');
    expect(sniffDelimiter(Buffer.from('a;b;c\n1;2,5;3\n4;5;6\n'))).toBe(';');
    expect(sniffDelimiter(Buffer.from('a\tb\n"x;y;z"\t2\n'))).toBe('\t');
    expect(sniffDelimiter(Buffer.from('a|b\n1|2'))).toBe('|');
    expect(sniffDelimiter(Buffer.from('just one column\nvalue\n'))).toBe(',');
  });
});

describe('inspectInput', () => {
  it('finds the format by extension, by magic bytes, and JSON layout by the first byte', async () => {
    expect(formatOfExtension('x.FEATHER')).toBe('ipc');
    expect(formatOfExtension('x.jsonl')).toBe('ndjson');
    expect(formatOfExtension('x.parquet')).toBeUndefined();
    expect(await inspectInput(join(dir, 'a.csv'))).toMatchObject({ format: 'csv', delimiter: '|', size: 12 });
    expect((await inspectInput(join(dir, 'disguised.csv'))).format).toBe('ipc');
    expect((await inspectInput(join(dir, 'nd.json'))).format).toBe('ndjson');
    expect((await inspectInput(join(dir, 'noext'), { format: 'csv' })).format).toBe('csv');
    expect((await inspectInput(join(dir, 'utf16.csv'))).format).toBe('csv');
  });

  it('rejects a directory, binary text, an unknown extension and a missing file', async () => {
    await expect(inspectInput(join(dir, 'd.csv'))).rejects.toThrow(InvalidArgumentError);
    await expect(inspectInput(join(dir, 'bin.csv'))).rejects.toThrow('binary data, not CSV text (a NUL byte at byte 4)');
    await expect(inspectInput(join(dir, 'noext'))).rejects.toThrow('unknown file type (no extension)');
    await expect(inspectInput(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('readInput reads the first rows or all, and the chosen columns', async () => {
    const info = await inspectInput(join(dir, 'a.csv'));
    expect((await readInput(info, { maxRows: 1 })).toRecords()).toEqual([{ x: 1, y: 2 }]);
    expect((await readInput(info, { columns: ['y'] })).toRecords()).toEqual([{ y: 2 }, { y: 4 }]);
    const ipc = await inspectInput(join(dir, 'disguised.csv'));
    expect((await readInput(ipc, { maxRows: 2 })).height).toBe(2);
  });
});

describe('inspectInput on tab-separated and gzip files', () => {
  it('takes the tab from .tsv (also .tsv.gz) and looks at a gzip file through gunzip', async () => {
    const { gzipSync } = await import('node:zlib');
    writeFileSync(join(dir, 't.tsv'), 'a\tb\n1\t2\n');
    writeFileSync(join(dir, 't.tsv.gz'), gzipSync('a\tb\n1\t2\n'));
    writeFileSync(join(dir, 's.csv.gz'), gzipSync('a;b\n1;2\n'));
    writeFileSync(join(dir, 'n.ndjson.gz'), gzipSync('{"a":1}\n'));
    expect(await inspectInput(join(dir, 't.tsv'))).toMatchObject({ format: 'csv', delimiter: '\t' });
    expect(await inspectInput(join(dir, 't.tsv.gz'))).toMatchObject({ format: 'csv', delimiter: '\t' });
    expect(await inspectInput(join(dir, 's.csv.gz'))).toMatchObject({ format: 'csv', delimiter: ';' });
    expect(await inspectInput(join(dir, 'n.ndjson.gz'))).toMatchObject({ format: 'ndjson' });
    const df = await readInput(await inspectInput(join(dir, 't.tsv.gz')));
    expect(df.toRecords()).toEqual([{ a: 1, b: 2 }]);
  });
});

describe('inputs that are streams', () => {
  const cli = (args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      if (stdin === undefined) child.stdin.end();
      else child.stdin.end(stdin);
    });

  it('reads a FIFO once, keeping the bytes it looked at, and converts it', async () => {
    const fifo = join(dir, 'feed');
    execFileSync('mkfifo', [fifo]);
    const out = join(dir, 'feed.ndjson');
    const run = cli(['convert', fifo, out]);
    // Fed slowly, in two parts: the first one is what the format is found from.
    const w = createWriteStream(fifo);
    w.write('x,y\n1,a\n');
    await new Promise((r) => setTimeout(r, 200));
    w.end('2,b\n');
    const r = await run;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('{"x":1,"y":"a"}\n{"x":2,"y":"b"}\n');
  });

  it('reads standard input as "-", and says what is wrong with an empty one and with /dev/zero', async () => {
    const head = cli(['head', '-n', '1', '-'], 'a;b\n1;x\n2;y\n');
    const empty = cli(['schema', '-'], '');
    const zero = cli(['/dev/zero']);
    const oneLine = cli(['schema', '-'], 'x'.repeat(70_000));
    expect((await head).stdout).toContain('│   1 ┆ x   │');
    expect(await empty).toMatchObject({ code: 1, stderr: 'colframe: -: empty input (nothing was read)\n' });
    expect(await zero).toMatchObject({ code: 1, stderr: 'colframe: /dev/zero: binary data, not CSV text (a NUL byte at byte 0)\n' });
    expect(await oneLine).toMatchObject({ code: 1, stderr: 'colframe: -: no line end in the first 65,536 bytes: not CSV text\n' });
  }, 20_000);
});
