/**
 * The CSV reader's size limits: a field longer than `maxFieldBytes` or a row longer than
 * `maxRowBytes` is a `CsvParseError` naming the line, the byte offset, the limit and the option
 * that raises it, from any source and wherever the chunks are cut, and an endless input with no
 * line end stops there in bounded memory.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvParseError, InvalidArgumentError, UnknownOptionError, readCSV, scanCSV, type CsvReadOptions } from '../../../src/index.js';
import { CsvReader } from '../../../src/io/csv/reader.js';
import { openSource } from '../../../src/io/csv/source.js';
import { failure } from '../../support/failure.js';

/** An endless stream of `chunk`, after `head`. */
function endless(head: string, chunk: Buffer): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(head);
      for (;;) yield chunk;
    })(),
  );
}

describe('maxFieldBytes', () => {
  it('refuses a longer unquoted field, naming line, byte, column, limit and option', async () => {
    const e = await failure(() => readCSV({ text: 'a,b\n1,xy\n2,xxxxxxxxxx\n' }, { maxFieldBytes: 8 }));
    expect(e).toBeInstanceOf(CsvParseError);
    const p = e as CsvParseError;
    expect([p.line, p.byte, p.column]).toEqual([3, 11, 'b']);
    expect(p.message).toContain('field of 10 bytes is longer than maxFieldBytes (8); pass a larger maxFieldBytes to read it');
  });

  it('refuses a longer quoted field cut by chunk ends, from a stream and from text', async () => {
    const text = 'a,b\n1,"xx\nxx""xxxxxxxxxx"\n';
    for (const source of [() => ({ text }), () => Readable.from([...Buffer.from(text)].map((b) => Buffer.of(b)))]) {
      const p = (await failure(() => readCSV(source(), { maxFieldBytes: 8, chunkSize: 3 }))) as CsvParseError;
      expect(p).toBeInstanceOf(CsvParseError);
      expect([p.line, p.byte, p.column]).toEqual([2, 6, 'b']);
      expect(p.message).toMatch(/field of \d+ bytes( or more)? is longer than maxFieldBytes \(8\)/);
    }
  });

  it('reads a field of exactly the limit', async () => {
    const df = await readCSV({ text: 'a,b\n1,xxxxxxxx\n2,"xxxxxx"\n' }, { maxFieldBytes: 8, chunkSize: 2 });
    expect(df.toRecords().map((r) => r.b)).toEqual(['xxxxxxxx', 'xxxxxx']);
  });

  it('stops scanCSV on a longer field', async () => {
    const read = async () => {
      for await (const batch of scanCSV({ text: 'a\nx\nxxxxxxxxxx\n' }, { batchSize: 1, maxFieldBytes: 4 })) void batch;
    };
    expect((await failure(read)).message).toContain('CSV line 3 (byte 4), column "a": field of 10 bytes is longer than maxFieldBytes (4)');
  });

  it('stops an endless field from a stream at the limit, having read about the limit', async () => {
    const stream = endless('a\n', Buffer.alloc(1024, 'x'));
    let bytes = 0;
    const p = (await failure(() =>
      readCSV(stream, { maxFieldBytes: 1 << 16, chunkSize: 1024, onProgress: (g) => (bytes = g.bytesRead) }),
    )) as CsvParseError;
    expect(p).toBeInstanceOf(CsvParseError);
    expect([p.line, p.byte, p.column]).toEqual([2, 2, 'a']);
    expect(p.message).toContain('or more is longer than maxFieldBytes (65,536)');
    expect(bytes).toBeLessThan(2 * (1 << 16) + 4096);
  });
});

describe('a parallel read', () => {
  it('applies the limits in the second half, read by the worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'colframe-limits-'));
    const path = join(dir, 'long-late.csv');
    const lines = Array.from({ length: 4_000 }, (_, i) => (i === 3_600 ? `${i},${'x'.repeat(40)}` : `${i},x`));
    writeFileSync(path, `a,b\n${lines.join('\n')}\n`);
    try {
      for (const limit of [{ maxFieldBytes: 16 }, { maxRowBytes: 16 }]) {
        const p = (await failure(() => readCSV(path, { threads: 2, parallelMinBytes: 1, ...limit }))) as CsvParseError;
        expect(p).toBeInstanceOf(CsvParseError);
        expect(p.line).toBe(3_602);
        expect(p.message).toContain(`is longer than ${Object.keys(limit)[0]} (16)`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('maxRowBytes', () => {
  it('refuses a longer row read whole or in chunks, naming its line and byte', async () => {
    for (const chunkSize of [1 << 20, 3]) {
      const p = (await failure(() => readCSV({ text: 'a,b\n1,2\n333,4444\n5,6\n' }, { maxRowBytes: 6, chunkSize }))) as CsvParseError;
      expect(p).toBeInstanceOf(CsvParseError);
      expect([p.line, p.byte, p.column]).toEqual([3, 8, undefined]);
      expect(p.message).toMatch(/row of \d+ bytes( or more)? is longer than maxRowBytes \(6\); pass a larger maxRowBytes to read it/);
    }
  });

  it('applies to the header and to the rows of the sample', async () => {
    const header = await failure(() => readCSV({ text: 'aaaa,bbbb\n1,2\n' }, { maxRowBytes: 6 }));
    expect(header.message).toContain('CSV line 1 (byte 0): row of 10 bytes');
    const sampled = await failure(() => readCSV({ text: 'a\n1\n22222222\n' }, { maxRowBytes: 6, inferSchemaLength: Infinity, chunkSize: 2 }));
    expect(sampled.message).toContain('CSV line 3 (byte 4): row of');
  });
});

describe.skipIf(!existsSync('/dev/zero'))('an endless input without line ends', () => {
  it("readCSV('/dev/zero') ends with CsvParseError at the field limit", async () => {
    const p = (await failure(() => readCSV('/dev/zero', { maxFieldBytes: 1 << 16, chunkSize: 4096 }))) as CsvParseError;
    expect(p).toBeInstanceOf(CsvParseError);
    expect([p.line, p.byte]).toEqual([1, 0]);
    expect(p.message).toContain('is longer than maxFieldBytes (65,536)');
  });

  it("readCSV('/dev/zero') ends with CsvParseError at the row limit", async () => {
    const p = (await failure(() => readCSV('/dev/zero', { maxRowBytes: 1 << 16, chunkSize: 4096 }))) as CsvParseError;
    expect(p.message).toContain('is longer than maxRowBytes (65,536)');
  });
});

describe('the limit options', () => {
  it('refuses limits that are not positive integers', async () => {
    for (const bad of [0, -1, 1.5, NaN, '8']) {
      for (const key of ['maxFieldBytes', 'maxRowBytes'] as const) {
        const e = await failure(() => readCSV({ text: 'a\n1\n' }, { [key]: bad } as CsvReadOptions));
        expect(e).toBeInstanceOf(InvalidArgumentError);
        expect(e.message).toContain(`${key} must be a positive integer`);
      }
    }
  });

  it('refuses a misspelt limit, suggesting the option', async () => {
    const e = await failure(() => readCSV({ text: 'a\n1\n' }, { maxFieldByte: 8 } as CsvReadOptions));
    expect(e).toBeInstanceOf(UnknownOptionError);
    expect(e.message).toContain('Did you mean "maxFieldBytes"?');
  });
});

describe('linear work on long rows', () => {
  /** Bytes the tokenizer looked at to read `text` in chunks of `chunkSize`, per input byte. */
  async function scannedPerByte(text: string, chunkSize: number, options: CsvReadOptions = {}): Promise<number> {
    const src = await openSource({ text }, undefined, chunkSize);
    const reader = new CsvReader(src, options, { batchSize: Infinity, widen: true, forcedText: new Set() });
    for await (const batch of reader.batches()) void batch;
    return reader.scannedBytes / Buffer.byteLength(text);
  }

  it('looks at each byte of a long unquoted field about once, whatever the chunk size', async () => {
    const text = `a,b\n1,${'x'.repeat(1 << 18)}\n2,y\n`;
    expect(await scannedPerByte(text, 64, { inferSchemaLength: 0 })).toBeLessThan(1.1);
  });

  it('looks at each byte of long rows of many fields about once', async () => {
    const row = Array.from({ length: 1024 }, (_, i) => String(i)).join(',');
    const text = `${row}\n${row}\n${row}\n`;
    expect(await scannedPerByte(text, 100, { inferSchemaLength: 0 })).toBeLessThan(1.1);
  });

  it('looks at each byte of a long quoted field with escapes about once', async () => {
    const text = `a\n"${'x""y\n'.repeat(1 << 15)}"\n`;
    expect(await scannedPerByte(text, 64, { inferSchemaLength: 0 })).toBeLessThan(1.1);
  });

  it('looks at each byte of a long sample about twice (once to infer, once to read)', async () => {
    const text = `a,b\n${'1,xyz\n'.repeat(1 << 15)}`;
    expect(await scannedPerByte(text, 64, { inferSchemaLength: Infinity })).toBeLessThan(2.1);
  });
});
