/**
 * Chunk-boundary correctness of the CSV reader: the input is read in chunks of `chunkSize` bytes
 * (files, bytes, text) or as a stream yields them, and a row, a quoted field, a CRLF, a BOM or a
 * multi-byte character may be cut anywhere. The result must not depend on where the cuts fall.
 */
import { fstatSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsvParseError,
  int32,
  nullable,
  readCSV,
  utf8,
  type AnyDType,
  type CsvReadOptions,
  type CsvSource,
  type DataFrame,
} from '../../../src/index.js';
import { concat } from '../../support/bytes.js';
import { rowsOf } from '../../support/frames.js';

type Cell = string | null;

const enc = new TextEncoder();
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

function utf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return bom ? concat(Uint8Array.of(0xff, 0xfe), body) : new Uint8Array(body);
}

/** The bytes cut into pieces of `n`. */
function pieces(bytes: Uint8Array, n: number): Buffer[] {
  const out: Buffer[] = [];
  for (let p = 0; p < bytes.length; p += n) out.push(Buffer.from(bytes.subarray(p, p + n)));
  return out;
}

const streamOf = (bytes: Uint8Array, n: number): CsvSource => Readable.from(pieces(bytes, n));

/** What a read gives, in a form `toEqual` compares: names, dtypes and rows. */
function summary(df: DataFrame): { columns: string[]; schema: string; rows: unknown[][] } {
  return { columns: df.columns, schema: df.schema.toString(), rows: rowsOf(df) };
}

/** Read with every column as nullable utf8 (the names come from a first read of no rows). */
async function readText(source: () => CsvSource, options: CsvReadOptions): Promise<{ columns: string[]; rows: Cell[][] }> {
  const probe = await readCSV(source(), { ...options, maxRows: 0, inferSchemaLength: 0 });
  const dtypes: Record<string, AnyDType> = Object.fromEntries(probe.columns.map((n) => [n, nullable(utf8())]));
  const df = await readCSV(source(), { ...options, dtypes });
  return { columns: df.columns, rows: rowsOf(df) as Cell[][] };
}

interface Tricky {
  name: string;
  bytes: Uint8Array;
  options?: CsvReadOptions;
  /** The header names, and the rows read as text (null: an empty unquoted field). */
  columns: string[];
  rows: Cell[][];
}

const TRICKY: Tricky[] = [
  {
    name: 'doubled quotes',
    bytes: enc.encode('id,text\n1,"say ""hi"""\n2,"""quoted"" start"\n3,""""\n4,""\n'),
    columns: ['id', 'text'],
    rows: [['1', 'say "hi"'], ['2', '"quoted" start'], ['3', '"'], ['4', '']],
  },
  {
    name: 'CRLF line ends',
    bytes: enc.encode('a,b\r\n1,x\r\n2,y\r\n'),
    columns: ['a', 'b'],
    rows: [['1', 'x'], ['2', 'y']],
  },
  {
    name: 'CR-only line ends',
    bytes: enc.encode('a,b\r1,x\r2,y\r'),
    columns: ['a', 'b'],
    rows: [['1', 'x'], ['2', 'y']],
  },
  {
    name: 'CR-only line ends, no final line end',
    bytes: enc.encode('a,b\r1,x\r2,y'),
    columns: ['a', 'b'],
    rows: [['1', 'x'], ['2', 'y']],
  },
  {
    name: 'mixed line ends and line ends inside quotes',
    bytes: enc.encode('a,b\r\n"l1\r\nl2",1\n"l3\rl4",2\r"l5\nl6",3\r\n"\r",4\r\n"\n",5'),
    columns: ['a', 'b'],
    rows: [['l1\r\nl2', '1'], ['l3\rl4', '2'], ['l5\nl6', '3'], ['\r', '4'], ['\n', '5']],
  },
  {
    name: 'multi-byte UTF-8 (2, 3 and 4 bytes)',
    bytes: enc.encode('k,v\né,ü\n€,ह\n😀,𝄞\n"😀,€","é""ü"\nñ😀€,x😀\n'),
    columns: ['k', 'v'],
    rows: [['é', 'ü'], ['€', 'ह'], ['😀', '𝄞'], ['😀,€', 'é"ü'], ['ñ😀€', 'x😀']],
  },
  {
    name: 'multi-byte UTF-8 header names',
    bytes: enc.encode('名前,€uro,😀\n1,2,3\n'),
    columns: ['名前', '€uro', '😀'],
    rows: [['1', '2', '3']],
  },
  {
    name: 'UTF-8 BOM',
    bytes: concat(BOM, enc.encode('x,y\r\n1,2\r\n')),
    columns: ['x', 'y'],
    rows: [['1', '2']],
  },
  {
    name: 'UTF-8 BOM before a quoted multi-byte header',
    bytes: concat(BOM, enc.encode('"é",€\n"😀",2')),
    columns: ['é', '€'],
    rows: [['😀', '2']],
  },
  {
    name: 'empty fields, quoted and unquoted',
    bytes: enc.encode('a,b,c\n,,\n1,,3\n"",,""\n,"",\n'),
    columns: ['a', 'b', 'c'],
    rows: [
      [null, null, null],
      ['1', null, '3'],
      ['', null, ''],
      [null, '', null],
    ],
  },
  {
    name: 'no trailing newline',
    bytes: enc.encode('a,b\n1,2'),
    columns: ['a', 'b'],
    rows: [['1', '2']],
  },
  {
    name: 'trailing newline',
    bytes: enc.encode('a,b\n1,2\n'),
    columns: ['a', 'b'],
    rows: [['1', '2']],
  },
  {
    name: 'quoted last field with no trailing newline',
    bytes: enc.encode('a,b\n1,"x""y"'),
    columns: ['a', 'b'],
    rows: [['1', 'x"y']],
  },
  {
    name: 'trailing CRLF, and an empty last field',
    bytes: enc.encode('a,b\r\n1,\r\n'),
    columns: ['a', 'b'],
    rows: [['1', null]],
  },
  {
    name: 'one column: blank lines are null rows (CRLF)',
    bytes: enc.encode('v\r\n\r\nx\r\n\r\n\r\ny'),
    columns: ['v'],
    rows: [[null], ['x'], [null], [null], ['y']],
  },
  {
    name: 'one column: blank lines are null rows (CR only)',
    bytes: enc.encode('v\r\rx\r\r'),
    columns: ['v'],
    rows: [[null], ['x'], [null]],
  },
  {
    name: 'one column: quoted empty, blank line, quoted newline',
    bytes: enc.encode('v\n""\n\n"a\r\n"\n'),
    columns: ['v'],
    rows: [[''], [null], ['a\r\n']],
  },
  {
    name: 'blank lines, comments and skipped lines',
    bytes: enc.encode('junk,line\r\n\r\n#c1\r\na,b\r\n\r\n#c2\n1,2\r\n\n\r3,4\r\n#end'),
    options: { skipRows: 1, comment: '#' },
    columns: ['a', 'b'],
    rows: [['1', '2'], ['3', '4']],
  },
  {
    name: 'backslash escapes',
    bytes: enc.encode('a,b\n"x\\"y",1\n"p\\\\q",2\n"\\\n",3\n"\\"",4'),
    options: { escape: '\\' },
    columns: ['a', 'b'],
    rows: [['x"y', '1'], ['p\\q', '2'], ['\n', '3'], ['"', '4']],
  },
  {
    name: 'a field longer than the chunks',
    bytes: enc.encode(`a,b\n"${'x'.repeat(150)}\n${'é'.repeat(40)}",1\n${'y'.repeat(120)},2\n`),
    columns: ['a', 'b'],
    rows: [
      [`${'x'.repeat(150)}\n${'é'.repeat(40)}`, '1'],
      ['y'.repeat(120), '2'],
    ],
  },
  {
    name: 'tab delimiter, no quoting',
    bytes: enc.encode('a\tb\n"x\ty"\n'),
    options: { delimiter: '\t', quote: null },
    columns: ['a', 'b'],
    rows: [['"x', 'y"']],
  },
  {
    name: 'no header',
    bytes: enc.encode('1,"a\r\nb"\r\n2,c'),
    options: { header: false },
    columns: ['column_1', 'column_2'],
    rows: [['1', 'a\r\nb'], ['2', 'c']],
  },
  {
    name: 'typed columns: ints, floats, dates, timestamps, bools',
    bytes: enc.encode('n,f,d,t,b,s\n1,1.5,2024-01-02,2024-01-02 03:04:05,true,"a\nb"\n-2,2e3,2024-02-29,2024-02-29T23:59:59,false,é\n'),
    columns: ['n', 'f', 'd', 't', 'b', 's'],
    rows: [
      ['1', '1.5', '2024-01-02', '2024-01-02 03:04:05', 'true', 'a\nb'],
      ['-2', '2e3', '2024-02-29', '2024-02-29T23:59:59', 'false', 'é'],
    ],
  },
  {
    name: 'a column widened after the sample',
    bytes: enc.encode('a,b\n1,1\n2,2\n3,2.5\nx,3\n'),
    options: { inferSchemaLength: 2 },
    columns: ['a', 'b'],
    rows: [['1', '1'], ['2', '2'], ['3', '2.5'], ['x', '3']],
  },
  {
    name: 'UTF-16LE with a BOM (surrogate pairs)',
    bytes: utf16le('a,b\r\n😀,"é\n𝄞"\r\n', true),
    columns: ['a', 'b'],
    rows: [['😀', 'é\n𝄞']],
  },
  {
    name: 'UTF-16BE without a BOM',
    bytes: new Uint8Array(Buffer.from('a,b\n€,😀\n', 'utf16le').swap16()),
    options: { encoding: 'utf16be' },
    columns: ['a', 'b'],
    rows: [['€', '😀']],
  },
  {
    name: 'latin1',
    bytes: Uint8Array.of(...Buffer.from('a,b\n', 'latin1'), 0xd5, 0x61, 0x2c, 0xe9, 0x0a),
    options: { encoding: 'latin1' },
    columns: ['a', 'b'],
    rows: [['Õa', 'é']],
  },
];

const CHUNK_SIZES = [1, 2, 3, 5, 7, 64];

describe('tricky inputs read the same whatever the chunk size', () => {
  for (const t of TRICKY) {
    const opts = t.options ?? {};
    describe(t.name, () => {
      it('reads as expected with the default chunk size', async () => {
        expect(await readText(() => t.bytes, opts)).toEqual({ columns: t.columns, rows: t.rows });
      });

      it(`gives the same frame with chunkSize ${CHUNK_SIZES.join(', ')}`, async () => {
        const ref = summary(await readCSV(t.bytes, opts));
        for (const n of CHUNK_SIZES) {
          expect(summary(await readCSV(t.bytes, { ...opts, chunkSize: n })), `chunkSize ${n}`).toEqual(ref);
          expect(await readText(() => t.bytes, { ...opts, chunkSize: n }), `chunkSize ${n}, as text`).toEqual({ columns: t.columns, rows: t.rows });
        }
      });

      it('gives the same text from a stream cut into pieces of 1, 2, 3, 5, 7 and 64 bytes', async () => {
        for (const n of CHUNK_SIZES) {
          expect(await readText(() => streamOf(t.bytes, n), opts), `pieces of ${n}`).toEqual({ columns: t.columns, rows: t.rows });
        }
      });
    });
  }

  it('a file source gives the same frame for every chunk size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'colframe-chunks-'));
    try {
      for (const t of TRICKY) {
        const path = join(dir, 'in.csv');
        await writeFile(path, t.bytes);
        const opts = t.options ?? {};
        const ref = summary(await readCSV(t.bytes, opts));
        for (const n of CHUNK_SIZES) expect(summary(await readCSV(path, { ...opts, chunkSize: n })), `${t.name}, chunkSize ${n}`).toEqual(ref);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Errors point at the same place whatever the chunk size: the physical line of the row and the
// byte offset in the input of the field (or of the row, for a wrong field count).
// ---------------------------------------------------------------------------------------------

interface BadInput {
  name: string;
  bytes: Uint8Array;
  options?: CsvReadOptions;
  line: number;
  /** The byte offset, or the offsets accepted (a quoted field: its quote or its first byte). */
  byte: number | readonly number[];
  column: string | undefined;
  reason: RegExp;
}

const BAD: BadInput[] = [
  {
    name: 'a wrong field count after quoted LF and CRLF',
    bytes: enc.encode('a,b\n"x\ny",1\n"p\r\nq",2\n1,2,3\n'),
    line: 6,
    byte: 21,
    column: undefined,
    reason: /expected 2 fields, found 3/,
  },
  {
    name: 'a wrong field count in a row after a blank line (LF)',
    bytes: enc.encode('a,b\n1,2\n\n3\n'),
    line: 4,
    byte: 9,
    column: undefined,
    reason: /expected 2 fields, found 1/,
  },
  {
    name: 'a wrong field count in a row after a blank line (CR only)',
    bytes: enc.encode('a,b\r1,2\r\r3\r'),
    line: 4,
    byte: 9,
    column: undefined,
    reason: /expected 2 fields, found 1/,
  },
  {
    name: 'a wrong field count in a row after a comment line',
    bytes: enc.encode('a,b\n#note\n1\n'),
    options: { comment: '#' },
    line: 3,
    byte: 10,
    column: undefined,
    reason: /expected 2 fields, found 1/,
  },
  {
    name: 'an unterminated quote',
    bytes: enc.encode('a,b\n1,2\n3,"x\ny\n'),
    line: 3,
    byte: 10,
    column: 'b',
    reason: /unterminated/,
  },
  {
    name: 'a quote inside an unquoted field',
    bytes: enc.encode('a,b\n1,2\n3,x"y\n'),
    line: 3,
    byte: 10,
    column: 'b',
    reason: /quote/,
  },
  {
    name: 'a value that does not fit an explicit dtype, after a blank line',
    bytes: enc.encode('a,b\n1,2\n\n3,x\n'),
    options: { dtypes: { b: int32() } },
    line: 4,
    byte: 11,
    column: 'b',
    reason: /does not fit int32/,
  },
  {
    name: 'invalid UTF-8 in a quoted field',
    bytes: Uint8Array.of(...enc.encode('a,b\n1,"x\n'), 0xff, ...enc.encode('"\n')),
    line: 2,
    byte: [6, 7],
    column: 'b',
    reason: /UTF-8/,
  },
  {
    name: 'invalid UTF-8 in a quoted field with a doubled quote',
    bytes: Uint8Array.of(...enc.encode('a,b\n1,2\n3,"x""'), 0xff, ...enc.encode('"\n')),
    line: 3,
    byte: [10, 11],
    column: 'b',
    reason: /UTF-8/,
  },
  {
    name: 'invalid UTF-8 in a quoted header name with a doubled quote',
    bytes: Uint8Array.of(...enc.encode('a,"x""'), 0xff, ...enc.encode('"\n1,2\n')),
    line: 1,
    byte: [2, 3],
    column: undefined,
    reason: /UTF-8/,
  },
  {
    name: 'a quoted value with a doubled quote that does not fit an explicit dtype',
    bytes: enc.encode('a,b\n1,2\n3,"1""2"\n'),
    options: { dtypes: { b: int32() } },
    line: 3,
    byte: [10, 11],
    column: 'b',
    reason: /does not fit int32/,
  },
  {
    name: 'a quoted value with a backslash escape that does not fit an explicit dtype',
    bytes: enc.encode('a,b\n1,2\n3,"1\\"2"\n'),
    options: { dtypes: { b: int32() }, escape: '\\' },
    line: 3,
    byte: [10, 11],
    column: 'b',
    reason: /does not fit int32/,
  },
  {
    name: 'a wrong field count after a UTF-8 BOM (the byte counts the BOM: it is in the input)',
    bytes: concat(BOM, enc.encode('a,b\n1,2,3\n')),
    line: 2,
    byte: 7,
    column: undefined,
    reason: /expected 2 fields, found 3/,
  },
];

describe('errors point at the same line and byte whatever the chunk size', () => {
  for (const t of BAD) {
    it(t.name, async () => {
      const bytes: readonly number[] = typeof t.byte === 'number' ? [t.byte] : t.byte;
      const where = (e: unknown): unknown => {
        expect(e).toBeInstanceOf(CsvParseError);
        const { line, byte, column, reason, snippet } = e as CsvParseError;
        return {
          line,
          byte: bytes.includes(byte) ? 'ok' : byte,
          column,
          reason: t.reason.test(reason) ? 'ok' : reason,
          // The snippet is text from the input (no bytes from beyond the field's buffer).
          snippet: snippet.includes('\0') ? snippet : 'ok',
        };
      };
      const want = { line: t.line, byte: 'ok', column: t.column, reason: 'ok', snippet: 'ok' };
      for (const n of CHUNK_SIZES) {
        const opts = { ...t.options, chunkSize: n };
        expect(where(await readCSV(t.bytes, opts).catch((e: unknown) => e)), `bytes, chunkSize ${n}`).toEqual(want);
        expect(where(await readCSV(streamOf(t.bytes, n), t.options).catch((e: unknown) => e)), `stream, pieces of ${n}`).toEqual(want);
      }
    });
  }
});

describe('byte order marks', () => {
  it('a UTF-8 BOM alone is an empty input, whatever the chunk size', async () => {
    for (const n of CHUNK_SIZES) expect(summary(await readCSV(BOM, { chunkSize: n })), `chunkSize ${n}`).toEqual({ columns: [], schema: 'Schema {}', rows: [] });
  });

  it('a UTF-16 BOM alone (an empty UTF-16 file) is an empty input, whatever the chunk size', async () => {
    const empty = summary(await readCSV(new Uint8Array(0)));
    for (const bom of [Uint8Array.of(0xff, 0xfe), Uint8Array.of(0xfe, 0xff)]) {
      for (const n of CHUNK_SIZES) expect(summary(await readCSV(bom, { chunkSize: n })), `${bom.join(' ')}, chunkSize ${n}`).toEqual(empty);
    }
  });

  it('a UTF-16 BOM selects UTF-16 for a one-character input too', async () => {
    expect(summary(await readCSV(Uint8Array.of(0xff, 0xfe, 0x61, 0x00), { chunkSize: 1 })).columns).toEqual(['a']);
    expect(summary(await readCSV(Uint8Array.of(0xfe, 0xff, 0x00, 0x61), { chunkSize: 1 })).columns).toEqual(['a']);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any table of strings, written as CSV by a simple correct writer, reads back.
// ---------------------------------------------------------------------------------------------

/** RFC 4180 writer: every field quoted, quotes doubled; records end with `eol`. */
function writeCsv(rows: readonly (readonly string[])[], eol: string, trailing: boolean): string {
  const body = rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join(eol);
  return trailing && rows.length > 0 ? body + eol : body;
}

/** One unit of a cell: mostly any code point, often a character that matters to CSV. */
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('"', ',', '\r', '\n', '\r\n', '""', ' ', '\t', '#', '\\') },
  { weight: 1, arbitrary: fc.constantFrom('é', '€', '😀', '𝄞', '\u{feff}', '\0') },
);
const cell = fc.string({ unit, maxLength: 12 });
const table = fc
  .integer({ min: 1, max: 5 })
  .chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }).map((rows) => ({ width, rows })));
const dialect = fc.record({
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  trailing: fc.boolean(),
  bom: fc.boolean(),
  chunkSize: fc.integer({ min: 1, max: 50 }),
});

function tableOptions(width: number, chunkSize: number): CsvReadOptions {
  const names = Array.from({ length: width }, (_, i) => `c${i}`);
  return { header: names, dtypes: Object.fromEntries(names.map((n) => [n, nullable(utf8())])), chunkSize };
}

describe('property: a written table reads back', () => {
  it('from bytes, with a random chunkSize', async () => {
    await fc.assert(
      fc.asyncProperty(table, dialect, async ({ width, rows }, d) => {
        const text = writeCsv(rows, d.eol, d.trailing);
        const bytes = d.bom ? concat(BOM, enc.encode(text)) : enc.encode(text);
        const df = await readCSV(bytes, tableOptions(width, d.chunkSize));
        expect(rowsOf(df)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('from a Readable.from(chunks) stream, cut at random places', async () => {
    await fc.assert(
      fc.asyncProperty(table, dialect, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), async ({ width, rows }, d, cuts) => {
        const text = writeCsv(rows, d.eol, d.trailing);
        const bytes = d.bom ? concat(BOM, enc.encode(text)) : enc.encode(text);
        const chunks: Buffer[] = [];
        for (let p = 0, i = 0; p < bytes.length; i++) {
          const n = cuts[i % cuts.length]!;
          chunks.push(Buffer.from(bytes.subarray(p, p + n)));
          p += n;
        }
        const df = await readCSV(Readable.from(chunks), tableOptions(width, d.chunkSize));
        expect(rowsOf(df)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('from { text }, with a random chunkSize', async () => {
    await fc.assert(
      fc.asyncProperty(table, dialect, async ({ width, rows }, d) => {
        const df = await readCSV({ text: writeCsv(rows, d.eol, d.trailing) }, tableOptions(width, d.chunkSize));
        expect(rowsOf(df)).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// A file read in chunks is closed when the read ends, also when it ends before the last chunk.
// ---------------------------------------------------------------------------------------------

describe('a file read in chunks is closed when the read ends', () => {
  /** The descriptors of this process open on the file (matched by inode). */
  function openOn(path: string): number[] {
    const ino = statSync(path).ino;
    const fds: number[] = [];
    for (let fd = 0; fd < 1024; fd++) {
      try {
        if (fstatSync(fd).ino === ino) fds.push(fd);
      } catch {
        // not open
      }
    }
    return fds;
  }

  async function withFile(text: string, body: (path: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'colframe-close-'));
    try {
      const path = join(dir, 'in.csv');
      await writeFile(path, text);
      await body(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  const ints = (n: number): string => Array.from({ length: n }, (_, i) => `${i},${i}\n`).join('');

  it('after reading to the end', async () => {
    await withFile(`a,b\n${ints(500)}`, async (path) => {
      expect((await readCSV(path, { chunkSize: 64 })).height).toBe(500);
      expect(openOn(path)).toEqual([]);
    });
  });

  it('after maxRows stops the read early', async () => {
    await withFile(`a,b\n${ints(500)}`, async (path) => {
      expect((await readCSV(path, { chunkSize: 64, maxRows: 1, inferSchemaLength: 1 })).height).toBe(1);
      expect(openOn(path)).toEqual([]);
    });
  });

  it('after a CsvParseError in the middle of the file', async () => {
    await withFile(`a,b\n${ints(1200)}1,2,3\n${ints(400)}`, async (path) => {
      await expect(readCSV(path, { chunkSize: 64 })).rejects.toThrow(/expected 2 fields, found 3/);
      expect(openOn(path)).toEqual([]);
    });
  });

  it('after a column is read again as text (a later value did not fit the inferred dtype)', async () => {
    await withFile(`a,b\n${ints(1500)}x,1\n${ints(400)}`, async (path) => {
      const df = await readCSV(path, { chunkSize: 64 });
      expect(df.getColumn('a').dtype.kind).toBe('utf8');
      expect(openOn(path)).toEqual([]);
    });
  });
});
