import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough, Writable } from 'node:stream';
import {
  DataFrame,
  InvalidArgumentError,
  bool,
  categorical,
  float64,
  int32,
  int64,
  nullable,
  timestamp,
  utf8,
  writeCSV,
  type CsvWriteOptions,
} from '../../../src/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'colframe-write-csv-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const small = DataFrame.fromRecords(
  [
    { id: 1, note: 'a, b', big: 2n ** 60n + 1n, ok: true },
    { id: 2, note: null, big: null, ok: null },
    { id: 3, note: '', big: -(2n ** 63n), ok: false },
  ],
  { schema: { id: int32(), note: nullable(utf8()), big: nullable(int64('bigint')), ok: nullable(bool()) } },
);

/** A frame of `n` rows of mixed dtypes, spanning many 64 KiB chunks. */
function mixedFrame(n: number): DataFrame {
  return DataFrame.fromColumns(
    {
      i: Int32Array.from({ length: n }, (_, k) => k * 7919 - 1_000_000),
      x: Float64Array.from({ length: n }, (_, k) => (k % 11 === 0 ? NaN : k / 7)),
      s: Array.from({ length: n }, (_, k) => (k % 13 === 0 ? null : k % 17 === 0 ? '' : `value ${k}, "q" ${'é'.repeat(k % 5)}`)),
      b: Array.from({ length: n }, (_, k) => k % 3 === 0),
      t: Array.from({ length: n }, (_, k) => new Date(1_700_000_000_000 + k * 1001)),
      c: Array.from({ length: n }, (_, k) => ['red', 'green', 'blue, ish'][k % 3]!),
    },
    {
      schema: {
        i: int32(),
        x: float64(),
        s: nullable(utf8()),
        b: bool(),
        t: timestamp({ timezone: 'Europe/Oslo' }),
        c: categorical(),
      },
    },
  );
}

/** A writable that collects what it is given. */
function collector(opts: { highWaterMark?: number; delay?: boolean } = {}): Writable & { bytes(): Buffer; maxBuffered: number } {
  const parts: Buffer[] = [];
  const w = new Writable({
    highWaterMark: opts.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      parts.push(Buffer.from(chunk));
      self.maxBuffered = Math.max(self.maxBuffered, w.writableLength);
      if (opts.delay) setImmediate(cb);
      else cb();
    },
  });
  const self = Object.assign(w, { bytes: () => Buffer.concat(parts), maxBuffered: 0 });
  return self;
}

describe('writeCSV', () => {
  it('writes to a file path the exact bytes of toCSV', async () => {
    const path = join(dir, 'small.csv');
    await writeCSV(small, path);
    expect(readFileSync(path, 'utf8')).toBe('id,note,big,ok\n1,"a, b",1152921504606846977,true\n2,,,\n3,"",-9223372036854775808,false\n');
    expect(readFileSync(path).equals(Buffer.from(small.toCSV()))).toBe(true);
  });

  it('writes to a file: URL, replacing what was there', async () => {
    const path = join(dir, 'url.csv');
    writeFileSync(path, 'old content that is longer than the new one\n'.repeat(100));
    await writeCSV(small.select('id'), pathToFileURL(path));
    expect(readFileSync(path, 'utf8')).toBe('id\n1\n2\n3\n');
  });

  it('writes a multi-chunk frame byte-identical to toCSV, for every option', async () => {
    const df = mixedFrame(20_000);
    const variants: CsvWriteOptions[] = [
      {},
      { lineEnding: '\r\n', bom: true },
      { delimiter: ';', quote: "'", nullValue: 'NA' },
      { delimiter: '\t', header: false },
      { delimiter: '-', nullValue: 'NaN' },
    ];
    for (const options of variants) {
      const path = join(dir, 'mixed.csv');
      await writeCSV(df, path, options);
      const bytes = readFileSync(path);
      expect(bytes.length).toBeGreaterThan(5 * 65_536);
      expect(bytes.equals(Buffer.from(df.toCSV(options), 'utf8')), JSON.stringify(options)).toBe(true);
    }
  });

  it('writes CRLF line endings, a BOM, and a custom delimiter that also appears in values', async () => {
    const df = DataFrame.fromColumns({ a: ['x;y', 'plain', 'two\r\nlines'], n: [1.5, -2, 3] }, { schema: { a: utf8(), n: float64() } });
    const path = join(dir, 'opts.csv');
    await writeCSV(df, path, { delimiter: ';', lineEnding: '\r\n', bom: true });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('a;n\r\n"x;y";1.5\r\nplain;-2.0\r\n"two\r\nlines";3.0\r\n');
  });

  it('writes to a stream and ends it', async () => {
    const w = collector();
    await writeCSV(small, w);
    expect(w.bytes().toString('utf8')).toBe(small.toCSV());
    expect(w.writableFinished).toBe(true);
  });

  it('leaves a stream open with end: false, so several frames can go to one stream', async () => {
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(c));
    await writeCSV(small.head(1), out, { end: false });
    expect(out.writableEnded).toBe(false);
    await writeCSV(small.tail(2), out, { end: false, header: false });
    out.end();
    await new Promise((r) => out.on('end', r));
    expect(Buffer.concat(parts).toString('utf8')).toBe(small.toCSV());
  });

  it('respects backpressure: a slow destination never holds more than about a chunk', async () => {
    const df = mixedFrame(40_000);
    const w = collector({ highWaterMark: 1024, delay: true });
    await writeCSV(df, w);
    const bytes = w.bytes();
    expect(bytes.length).toBeGreaterThan(40 * 65_536);
    expect(w.maxBuffered).toBeLessThan(3 * 65_536);
    expect(bytes.toString('utf8')).toBe(df.toCSV());
  });

  it('rejects with the stream error for a directory path or a missing folder', async () => {
    await expect(writeCSV(small, dir)).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(writeCSV(small, join(dir, 'no', 'such', 'folder.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects with the error of a destination that fails midway', async () => {
    const boom = new Error('disk on fire');
    let calls = 0;
    const w = new Writable({
      write(_c, _e, cb) {
        cb(++calls === 3 ? boom : null);
      },
    });
    await expect(writeCSV(mixedFrame(20_000), w)).rejects.toBe(boom);
  });

  it('rejects invalid options with InvalidArgumentError before touching the file', async () => {
    const path = join(dir, 'untouched.csv');
    await expect(writeCSV(small, path, { delimiter: '\n' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(existsSync(path)).toBe(false);
    writeFileSync(path, 'keep');
    await expect(writeCSV(small, path, { lineEnding: '\r' as '\n' })).rejects.toThrow(/lineEnding/);
    expect(readFileSync(path, 'utf8')).toBe('keep');
  });

  it('writes what toCSV gives for random frames and options (property)', async () => {
    const schema = { i: nullable(int32()), s: nullable(utf8()), t: nullable(timestamp()) };
    const row = fc.record({
      i: fc.option(fc.integer(), { nil: null }),
      s: fc.option(fc.string({ unit: 'binary' }), { nil: null }),
      t: fc.option(fc.date({ noInvalidDate: true }), { nil: null }),
    });
    const options = fc.record({ delimiter: fc.constantFrom(',', ';', '\t'), lineEnding: fc.constantFrom('\n' as const, '\r\n' as const), bom: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), options, async (rows, opts) => {
        const df = DataFrame.fromRecords(rows, { schema });
        const w = collector();
        await writeCSV(df, w, opts);
        expect(w.bytes().equals(Buffer.from(df.toCSV(opts), 'utf8'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
