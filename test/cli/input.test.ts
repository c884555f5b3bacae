import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
