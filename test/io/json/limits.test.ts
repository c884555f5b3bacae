/**
 * The JSON reader's size limits: a value longer than `maxFieldBytes` or a record (an NDJSON line
 * or an array element) longer than `maxRecordBytes` is a `JsonParseError` naming the line, the
 * byte offset, the record, the limit and the option that raises it; NDJSON that never ends a
 * line stops there in bounded memory.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, JsonParseError, UnknownOptionError, readJSON, type JsonReadOptions } from '../../../src/index.js';
import { openSource } from '../../../src/io/csv/source.js';
import { JsonReader } from '../../../src/io/json/reader.js';
import { failure } from '../../support/failure.js';

/** An endless stream of `chunk` after `head`, counting the bytes it yields. */
function endless(head: string, chunk: Buffer, count: { bytes: number }): Readable {
  return Readable.from(
    (function* () {
      count.bytes += head.length;
      yield Buffer.from(head);
      for (;;) {
        count.bytes += chunk.length;
        yield chunk;
      }
    })(),
  );
}

describe('maxRecordBytes', () => {
  it('stops NDJSON without line feeds at the limit, having read about the limit', async () => {
    const count = { bytes: 0 };
    const p = (await failure(() =>
      readJSON(endless('{"a":1}\n{"a":"', Buffer.alloc(1024, 'x'), count), { format: 'ndjson', maxRecordBytes: 1 << 16, chunkSize: 1024 }),
    )) as JsonParseError;
    expect(p).toBeInstanceOf(JsonParseError);
    expect([p.line, p.byte, p.row]).toEqual([2, 8, 1]);
    expect(p.message).toContain('line of');
    expect(p.message).toContain('or more is longer than maxRecordBytes (65,536); pass a larger maxRecordBytes to read it');
    expect(count.bytes).toBeLessThan(3 * (1 << 16));
  });

  it('stops an endless array element at the limit', async () => {
    const count = { bytes: 0 };
    const p = (await failure(() => readJSON(endless('[{"a":"', Buffer.alloc(1024, 'x'), count), { maxRecordBytes: 1 << 16, chunkSize: 1024 }))) as JsonParseError;
    expect(p).toBeInstanceOf(JsonParseError);
    expect([p.line, p.byte, p.row]).toEqual([1, 1, 0]);
    expect(p.message).toContain('element of');
    expect(p.message).toContain('is longer than maxRecordBytes (65,536)');
    expect(count.bytes).toBeLessThan(3 * (1 << 16));
  });

  it('refuses a longer NDJSON line or element read whole or in chunks', async () => {
    for (const chunkSize of [1 << 20, 3]) {
      const n = (await failure(() =>
        readJSON({ text: '{"a":1}\n{"a":"xxxxxxxxxxxxxxxx"}\n{"a":2}\n' }, { format: 'ndjson', maxRecordBytes: 16, chunkSize }),
      )) as JsonParseError;
      expect(n).toBeInstanceOf(JsonParseError);
      expect([n.line, n.byte, n.row]).toEqual([2, 8, 1]);
      expect(n.message).toMatch(/line of \d+ bytes( or more)? is longer than maxRecordBytes \(16\)/);
      const r = (await failure(() => readJSON({ text: '[{"a":1},\n {"a":"xxxxxxxxxxxxxxxx"}]' }, { maxRecordBytes: 16, chunkSize }))) as JsonParseError;
      expect(r).toBeInstanceOf(JsonParseError);
      expect([r.line, r.byte, r.row]).toEqual([2, 11, 1]);
      expect(r.message).toMatch(/element of \d+ bytes( or more)? is longer than maxRecordBytes \(16\)/);
    }
  });

  it('reads records of exactly the limit', async () => {
    const df = await readJSON({ text: '{"a":"xxxxxxxx"}\n{"a":"yy"}\n' }, { format: 'ndjson', maxRecordBytes: 16, chunkSize: 2 });
    expect(df.toRecords()).toEqual([{ a: 'xxxxxxxx' }, { a: 'yy' }]);
  });
});

describe('maxFieldBytes', () => {
  it('refuses a longer value, naming its key and record', async () => {
    const p = (await failure(() => readJSON({ text: '[{"a":"xy","b":1},{"a":"xxxxxxxxxx","b":2}]' }, { maxFieldBytes: 8 }))) as JsonParseError;
    expect(p).toBeInstanceOf(JsonParseError);
    expect([p.line, p.byte, p.row, p.key]).toEqual([1, 23, 1, 'a']);
    expect(p.message).toContain('value of 12 bytes is longer than maxFieldBytes (8); pass a larger maxFieldBytes to read it');
  });

  it('counts nested values skipped or kept as JSON text', async () => {
    const e = await failure(() => readJSON({ text: '{"a":[1,2,3,4,5]}\n' }, { format: 'ndjson', nested: 'json', maxFieldBytes: 8 }));
    expect(e.message).toContain('value of 11 bytes is longer than maxFieldBytes (8)');
  });
});

describe('the limit options', () => {
  it('refuses limits that are not positive integers, and misspelt ones', async () => {
    for (const bad of [0, -2, 0.5, NaN]) {
      for (const key of ['maxFieldBytes', 'maxRecordBytes'] as const) {
        const e = await failure(() => readJSON({ text: '{"a":1}\n' }, { [key]: bad } as JsonReadOptions));
        expect(e).toBeInstanceOf(InvalidArgumentError);
        expect(e.message).toContain(`${key} must be a positive integer`);
      }
    }
    const e = await failure(() => readJSON({ text: '{"a":1}\n' }, { maxLineBytes: 8 } as JsonReadOptions));
    expect(e).toBeInstanceOf(UnknownOptionError);
  });
});

describe('linear work on long lines', () => {
  it('looks for the line feed of a long NDJSON line in each byte about once, whatever the chunk size', async () => {
    const text = `{"a":1}\n{"a":"${'x'.repeat(1 << 18)}"}\n{"a":2}\n`;
    const reader = new JsonReader(await openSource({ text }, undefined, 64), { format: 'ndjson' }, new Set(), 'ndjson');
    const df = await reader.read();
    expect(df.height).toBe(3);
    // The sample and the read each look at the input once.
    expect(reader.scanned / Buffer.byteLength(text)).toBeLessThan(2.1);
  });
});

describe('leading whitespace', () => {
  it('is not kept while the format is detected: a long run of it does not count against maxRecordBytes', async () => {
    const text = `${' \n'.repeat(1 << 12)}[{"a":1},\n{"a":2}]`;
    const df = await readJSON({ text }, { maxRecordBytes: 64, chunkSize: 100 });
    expect(df.toRecords()).toEqual([{ a: 1 }, { a: 2 }]);
    const p = (await failure(() => readJSON({ text: text.replace('2}', '2,}') }, { maxRecordBytes: 64, chunkSize: 100 }))) as JsonParseError;
    expect(p.line).toBe((1 << 12) + 2);
  });
});
