import { describe, expect, expectTypeOf, it } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ColumnNotFoundError,
  CsvParseError,
  InvalidArgumentError,
  SchemaError,
  categorical,
  float32,
  float64,
  int32,
  int64,
  nullable,
  readCSV,
  scanCSV,
  sharedAllocator,
  timestamp,
  utf8,
  type CsvReadInfo,
  type CsvReadOptions,
} from '../../../src/index.js';

const read = (text: string, o: CsvReadOptions = {}) => readCSV({ text }, o);
const records = async (text: string, o: CsvReadOptions = {}) => (await read(text, o)).toRecords();
async function failure(p: Promise<unknown>): Promise<CsvParseError> {
  try {
    await p;
  } catch (e) {
    return e as CsvParseError;
  }
  throw new Error('expected the read to fail');
}

describe('readCSV: sources', () => {
  const text = 'a,b\n1,x\n2,y\n';
  const expected = [
    { a: 1, b: 'x' },
    { a: 2, b: 'y' },
  ];

  it('reads a file path, a URL, bytes, a stream and { text } alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'colframe-csv-'));
    const path = join(dir, 'a.csv');
    writeFileSync(path, text);
    expect((await readCSV(path)).toRecords()).toEqual(expected);
    expect((await readCSV(new URL(`file://${path}`))).toRecords()).toEqual(expected);
    expect((await readCSV(Buffer.from(text))).toRecords()).toEqual(expected);
    expect((await readCSV(Readable.from([Buffer.from('a,b\n1,'), Buffer.from('x\n2,y\n')]))).toRecords()).toEqual(expected);
    expect((await readCSV(Readable.from(['a,b\n1,x', '\n2,y\n']))).toRecords()).toEqual(expected);
    expect(await records(text)).toEqual(expected);
  });

  it('rejects a missing file, a directory and a source of the wrong kind', async () => {
    await expect(readCSV('/nonexistent/x.csv')).rejects.toThrow(/ENOENT/);
    await expect(readCSV(tmpdir())).rejects.toThrow(/is a directory/);
    await expect(readCSV(42 as never)).rejects.toThrow(/readCSV expects a file path/);
  });
});

describe('readCSV: type inference', () => {
  it('infers bool, int32, int64, float64, date, timestamp and strings', async () => {
    const df = await read(
      'b,i,big,f,d,t,tz,s\n' +
        'TRUE,1,9007199254740993,1.5,2024-02-29,2024-01-02 03:04:05,2024-01-02T03:04:05.120Z,x\n' +
        'false,-2,-5,1e3,1970-01-01,2024-01-02T03:04:05.5,2024-01-02T04:04:05+01:00,y\n',
    );
    expect(df.schema.toString()).toBe(
      'Schema { b: bool?, i: int32?, big: int64?, f: float64?, d: date?, t: timestamp[ms]?, tz: timestamp[ms, UTC]?, s: utf8? }',
    );
    expect(df.toRecords({ int64: 'bigint' })[0]!.big).toBe(9007199254740993n);
    expect(df.getColumn('tz').toArray()).toEqual([new Date('2024-01-02T03:04:05.120Z'), new Date('2024-01-02T03:04:05Z')]);
    expect(df.getColumn('f').toArray()).toEqual([1.5, 1000]);
  });

  it('keeps leading zeros, a leading + and huge integers as strings', async () => {
    const df = await read('zip,id,plus,huge\n00501,01010001,+5,123456789012345678901234\n12345,1,6,1\n');
    expect(df.schema.toString()).toBe('Schema { zip: utf8?, id: utf8?, plus: utf8?, huge: utf8? }');
    expect(df.row(0)).toMatchObject({ zip: '00501', id: '01010001', plus: '+5', huge: '123456789012345678901234' });
  });

  it('reads NaN and infinities as floats', async () => {
    expect((await read('x\n1.5\nNaN\ninf\n-Infinity\n')).getColumn('x').toArray()).toEqual([1.5, NaN, Infinity, -Infinity]);
  });

  it('parses floats exactly as JavaScript does', async () => {
    const values = ['0.1', '123456.789', '1e-7', '9007199254740993', '0.30000000000000004', '2.2250738585072014e-308', '1.7976931348623157e308', '5e-324', '-0.0', '123456789012345678901.5'];
    const df = await read(`x\n${values.join('\n')}\n`, { dtypes: { x: float64() } });
    const got = df.getColumn('x').toArray();
    values.forEach((v, i) => expect(Object.is(got[i], Number(v)), v).toBe(true));
  });

  it('makes a string column categorical when it has few distinct values', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${['red', 'green', 'blue'][i % 3]},id${i}`).join('\n');
    const df = await read(`color,id\n${rows}\n`);
    expect(df.schema.toString()).toBe('Schema { color: categorical?, id: utf8? }');
  });

  it('widens a column when a value after the sample does not fit, without losing text', async () => {
    const ints = Array.from({ length: 20 }, (_, i) => String(i)).join('\n');
    const info: CsvReadInfo[] = [];
    const opts = { inferSchemaLength: 5, onReadInfo: (x: CsvReadInfo) => info.push(x) };
    expect((await read(`x\n${ints}\n2.5\n`, opts)).schema.get('x')).toEqual(nullable(float64()));
    expect((await read(`x\n${ints}\n3000000000\n`, opts)).getColumn('x').get(-1)).toBe(3000000000);
    const text = await read(`x\n${ints}\n1.50\nabc\n`, opts);
    expect(text.getColumn('x').toArray().slice(-3)).toEqual(['19', '1.50', 'abc']);
    expect(info.at(-1)!.widened).toEqual([]); // read again from the start with x as text
    const dates = await read('d\n2024-01-01\n2024-01-02\n2024-01-03 10:00:00\n', { inferSchemaLength: 2 });
    expect(dates.getColumn('d').toArray()).toEqual([new Date('2024-01-01'), new Date('2024-01-02'), new Date('2024-01-03T10:00:00Z')]);
  });

  it('widens from a stream by re-encoding earlier values, and says when text changed form', async () => {
    const info: CsvReadInfo[] = [];
    const df = await readCSV(Readable.from(['x\n1.50\n2\n', 'abc\n']), { inferSchemaLength: 2, onReadInfo: (x) => info.push(x) });
    expect(df.getColumn('x').toArray()).toEqual(['1.5', '2', 'abc']);
    expect(info[0]!.widened).toEqual([{ column: 'x', from: 'float64', to: 'utf8', line: 4, exact: false }]);
  });
});

describe('readCSV: dialects and options', () => {
  it('reads any single-character delimiter', async () => {
    for (const d of ['\t', ';', '|', ':']) {
      expect(await records(`a${d}b\n1${d}"x${d}y"\n`, { delimiter: d })).toEqual([{ a: 1, b: `x${d}y` }]);
    }
  });

  it('reads LF, CRLF and CR-only line ends, with or without a final newline', async () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      expect(await records(`a,b${nl}1,2${nl}3,4${nl}`)).toEqual([
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ]);
      expect(await records(`a,b${nl}1,2${nl}3,4`)).toEqual([
        { a: 1, b: 2 },
        { a: 3, b: 4 },
      ]);
    }
  });

  it('refuses a comment character that is also the delimiter, quote or escape, naming both options', async () => {
    const cases: [CsvReadOptions, RegExp][] = [
      [{ comment: ',' }, /^comment "," cannot be the same character as delimiter ","/],
      [{ comment: ';', delimiter: ';' }, /^comment ";" cannot be the same character as delimiter ";"/],
      [{ comment: '"' }, /^comment "\\"" cannot be the same character as quote "\\""/],
      [{ comment: "'", quote: "'" }, /^comment "'" cannot be the same character as quote "'"/],
      [{ comment: '\\', escape: '\\' }, /^comment "\\\\" cannot be the same character as escape "\\\\"/],
    ];
    for (const [o, message] of cases) {
      const e = await read('a,b\n1,2\n,3\n', o).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect((e as Error).message).toMatch(message);
    }
    // Other comment characters still read.
    expect(await records('a,b\n#x\n1,2\n', { comment: '#', escape: '\\' })).toEqual([{ a: 1, b: 2 }]);
  });

  it('skips blank lines and comment lines', async () => {
    expect(await records('a,b\n\n1,2\n# note\n\r\n3,4\n\n', { comment: '#' })).toEqual([
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ]);
  });

  it('supports another quote character and backslash escapes', async () => {
    expect(await records("a,b\n'x, y',2\n", { quote: "'" })).toEqual([{ a: 'x, y', b: 2 }]);
    expect(await records('a\n"say \\"hi\\""\n', { escape: '\\' })).toEqual([{ a: 'say "hi"' }]);
    expect(await records('a,b\n"x,1\n', { quote: null })).toEqual([{ a: '"x', b: 1 }]);
  });

  it('reads without a header, with given names, after skipped lines', async () => {
    expect(await records('1,2\n3,4\n', { header: false })).toEqual([
      { column_1: 1, column_2: 2 },
      { column_1: 3, column_2: 4 },
    ]);
    expect(await records('1,2\n', { header: ['x', 'y'] })).toEqual([{ x: 1, y: 2 }]);
    expect(await records('title line\nanother\na,b\n1,2\n', { skipRows: 2 })).toEqual([{ a: 1, b: 2 }]);
  });

  it('empty fields are null, quoted empty fields are empty strings, nullValues add null texts', async () => {
    expect(await records('a,b,c\n,"",x\nNA,y,null\n', { nullValues: ['NA', 'null'] })).toEqual([
      { a: null, b: '', c: 'x' },
      { a: null, b: 'y', c: null },
    ]);
  });

  it('reads only the columns asked for, in the order asked', async () => {
    const df = await read('a,b,c\n1,2,3\n', { columns: ['c', 'a'] });
    expect(df.columns).toEqual(['c', 'a']);
    expect(df.toRecords()).toEqual([{ c: 3, a: 1 }]);
    await expect(read('a,b\n1,2\n', { columns: ['x'] })).rejects.toThrow(ColumnNotFoundError);
  });

  it('uses a schema for every column and dtypes for some', async () => {
    const df = await read('a,b\n1,2\n', { schema: { a: int64(), b: utf8() } });
    expect(df.schema.toString()).toBe('Schema { a: int64, b: utf8 }');
    expect(df.toRecords()).toEqual([{ a: 1, b: '2' }]);
    const d2 = await read('a,b\nx,2\n', { dtypes: { a: categorical() } });
    expect(d2.schema.toString()).toBe('Schema { a: categorical, b: int32? }');
    await expect(read('a,b\n1,2\n', { schema: { a: int32() } })).rejects.toThrow(SchemaError);
    await expect(read('a,b\n1,2\n', { dtypes: { zz: int32() } })).rejects.toThrow(ColumnNotFoundError);
  });

  it('reads a naive timestamp into a zoned column as wall-clock time in its zone, an instant with Z or an offset as it is', async () => {
    const text = 't\n2020-01-01 10:00:00\n2020-07-01T10:00:00\n2020-01-01T10:00:00Z\n2020-01-01T10:00:00+02:00\n';
    const df = await read(text, { schema: { t: timestamp({ timezone: 'America/New_York' }) } });
    expect(df.getColumn('t').toArray()).toEqual([
      new Date('2020-01-01T15:00:00Z'),
      new Date('2020-07-01T14:00:00Z'),
      new Date('2020-01-01T10:00:00Z'),
      new Date('2020-01-01T08:00:00Z'),
    ]);
    // Without a zone (or in UTC) a wall time is the UTC instant of the same digits.
    const utc = await read(text, { schema: { t: timestamp({ timezone: 'UTC' }) } });
    expect(utc.row(0).t).toEqual(new Date('2020-01-01T10:00:00Z'));
  });

  it('stops after maxRows and samples inferSchemaLength rows', async () => {
    expect((await read('a\n1\n2\n3\n', { maxRows: 2 })).height).toBe(2);
    expect((await read('a\n1\n2\n3\n', { maxRows: 0 })).columns).toEqual(['a']);
  });

  it('decodes UTF-16 (by BOM or when asked) and latin1, and strips a UTF-8 BOM', async () => {
    const text = 'name,city\nZoë,Malmö\n';
    const expected = [{ name: 'Zoë', city: 'Malmö' }];
    expect((await readCSV(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toRecords()).toEqual(expected);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect((await readCSV(le, { chunkSize: 3 })).toRecords()).toEqual(expected);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect((await readCSV(be, { encoding: 'utf16be' })).toRecords()).toEqual(expected);
    expect((await readCSV(Buffer.from(text, 'latin1'), { encoding: 'latin1' })).toRecords()).toEqual(expected);
  });

  it('reports progress with bytes, total and rows', async () => {
    const text = `a\n${'12345\n'.repeat(400_000)}`;
    const seen: { bytesRead: number; totalBytes: number | undefined; rows: number }[] = [];
    await read(text, { onProgress: (p) => seen.push({ ...p }) });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(10);
    expect(seen.at(-1)).toEqual({ bytesRead: text.length, totalBytes: text.length, rows: 400_000 });
  });

  it('can put the columns in shared memory', async () => {
    const df = await read('a,b\n1,x\n', { allocator: sharedAllocator });
    expect(df.getColumn('a').data.values.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});

describe('readCSV: bad input', () => {
  it('names line, byte, column and text for an unterminated quote', async () => {
    const e = await failure(read('a,note\n1,ok\n2,"never closed\n3,x\n'));
    expect(e).toBeInstanceOf(CsvParseError);
    expect(e.message).toBe('CSV line 3 (byte 14), column "note": unterminated quoted field: "never closed↵3,x↵');
    expect([e.line, e.byte, e.column]).toEqual([3, 14, 'note']);
  });

  it('counts physical lines, including newlines inside quoted fields', async () => {
    const e = await failure(read('a,b\n1,"two\nlines"\n2,"x"y\n'));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^CSV line 4 \(byte 23\), column "b": text after a closing quote: y↵/);
  });

  it('rejects rows with too many or too few fields', async () => {
    expect((await failure(read('a,b\n1,2,3\n'))).message).toBe('CSV line 2 (byte 4): expected 2 fields, found 3: 1,2,3↵');
    expect((await failure(read('a,b\n1,2\n3\n'))).message).toMatch(/^CSV line 3 \(byte 8\): expected 2 fields, found 1/);
  });

  it('rejects a value that does not fit an explicit dtype, naming it', async () => {
    const e = await failure(read('a,b\n1,2\nx,3\n', { dtypes: { a: int32() } }));
    expect(e.message).toBe('CSV line 3 (byte 8), column "a": "x" does not fit int32: x,3↵');
    expect((await failure(read('a\n1\n,\n', { schema: { a: int32() } }))).message).toMatch(/expected 1 field, found 2/);
    expect((await failure(read('a\n1\n\n2\n', { schema: { a: int32() } }))).message).toMatch(/null in a column that is not nullable/);
    expect((await failure(read('a\n1\n""\n', { schema: { a: int32() } }))).message).toMatch(/"" does not fit int32/);
  });

  it('rejects invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,ok\n2,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const e = await failure(readCSV(bytes));
    expect(e.message).toMatch(/^CSV line 3 \(byte 11\), column "b": invalid UTF-8/);
  });

  it('drops a BOM at the start of { text }: it is not part of the first header name', async () => {
    const df = await read('\uFEFFid,name\n1,x\n');
    expect(df.columns).toEqual(['id', 'name']);
    expect(df.toRecords()).toEqual([{ id: 1, name: 'x' }]);
    // Nor of the first value of a file without a header, nor of a quoted first name.
    expect(await records('\uFEFF1,2\n3,4\n', { header: false })).toEqual([
      { column_1: 1, column_2: 2 },
      { column_1: 3, column_2: 4 },
    ]);
    expect((await read('\uFEFF"id",b\n1,2\n')).columns).toEqual(['id', 'b']);
    // Offsets still count its bytes, as for a file.
    const e = await failure(read('\uFEFFa\n1\nx\n', { dtypes: { a: int32() } }));
    expect(e.byte).toBe(7);
  });

  it('refuses a lone surrogate in { text } as it refuses invalid UTF-8 bytes, naming line and column', async () => {
    for (const lone of ['\uD800', '\uDBFF', '\uDC00', '\uDFFF']) {
      const e = await failure(read(`a,b\n1,ok\n2,x${lone}y\n`));
      expect(e).toBeInstanceOf(CsvParseError);
      expect(e.message).toMatch(/^CSV line 3 \(byte 11\), column "b": invalid UTF-8/);
      expect([e.line, e.column]).toEqual([3, 'b']);
    }
    // In the header too; and a pair split across chunks is still one character.
    expect((await failure(read('a,\uDC00\n1,2\n'))).message).toMatch(/^CSV line 1 \(byte 2\): invalid UTF-8/);
    expect(await records('a,b\n1,x\uD83D\uDE00y\n', { chunkSize: 1 })).toEqual([{ a: 1, b: 'x😀y' }]);
    expect(await records('a,b\n1,\uD83D\uDE00\n', { chunkSize: 3 })).toEqual([{ a: 1, b: '😀' }]);
  });

  it('refuses a lone surrogate in a stream of strings, keeping a pair split across two strings', async () => {
    const ok = await readCSV(Readable.from(['a,b\n1,x\uD83D', '\uDE00\n2,y\n']));
    expect(ok.toRecords()).toEqual([
      { a: 1, b: 'x😀' },
      { a: 2, b: 'y' },
    ]);
    for (const chunks of [['a,b\n1,x\uD800', 'y\n'], ['a,b\n1,x\uD800'], ['a,b\n1,\uDC00x\n']]) {
      const e = await failure(readCSV(Readable.from(chunks)));
      expect(e.message).toMatch(/^CSV line 2 \(byte 6\), column "b": invalid UTF-8/);
    }
  });

  it('refuses a lone surrogate in UTF-16 bytes as invalid UTF-8, keeping pairs split across chunks', async () => {
    /** UTF-16 bytes of `text` (code units as they are, lone surrogates included) after a BOM. */
    const utf16 = (text: string, bigEndian: boolean): Buffer => {
      const b = Buffer.alloc(2 + 2 * text.length);
      b.writeUInt16LE(0xfeff, 0);
      for (let i = 0; i < text.length; i++) b.writeUInt16LE(text.charCodeAt(i), 2 + 2 * i);
      return bigEndian ? b.swap16() : b;
    };
    for (const bigEndian of [false, true]) {
      for (const lone of ['\uD800', '\uDC00']) {
        const e = await failure(readCSV(utf16(`a,b\n1,x${lone}y\n2,z\n`, bigEndian)));
        expect(e.message).toMatch(/^CSV line 2 \(byte 6\), column "b": invalid UTF-8/);
        const nulled = await readCSV(utf16(`a,b\n1,x${lone}y\n2,z\n`, bigEndian), { onBadRow: 'null' });
        expect(nulled.toRecords()).toEqual([
          { a: 1, b: null },
          { a: 2, b: 'z' },
        ]);
      }
      const ok = await readCSV(utf16('a,b\n1,x\uD83D\uDE00y\n2,é\n', bigEndian), { chunkSize: 1 });
      expect(ok.toRecords()).toEqual([
        { a: 1, b: 'x😀y' },
        { a: 2, b: 'é' },
      ]);
    }
    // A last odd byte is not UTF-16 either: an error, not a dropped byte or U+FFFD.
    await expect(readCSV(Buffer.concat([utf16('a\nx\n', false), Buffer.from([0x41])]))).rejects.toBeInstanceOf(CsvParseError);
  });

  it("reads a lone surrogate in { text } with onBadRow as invalid UTF-8: 'null' nulls the field, 'skip' drops the row", async () => {
    const text = 'a,b\n1,x\uD800\n2,ok\n';
    let info: CsvReadInfo | undefined;
    expect(await records(text, { onBadRow: 'null', onReadInfo: (i) => (info = i) })).toEqual([
      { a: 1, b: null },
      { a: 2, b: 'ok' },
    ]);
    expect(info!.nulledValues.map((v) => [v.row, v.column, v.reason])).toEqual([[0, 'b', 'invalid UTF-8']]);
    expect(await records(text, { onBadRow: 'skip' })).toEqual([{ a: 2, b: 'ok' }]);
    const bytes = Buffer.concat([Buffer.from('a,b\n1,x'), Buffer.from([0xff]), Buffer.from('\n2,ok\n')]);
    expect((await readCSV(bytes, { onBadRow: 'null' })).toRecords()).toEqual(await records(text, { onBadRow: 'null' }));
  });

  it('skips or nulls bad rows when asked, reporting how many and where', async () => {
    const text = 'a,b\n1,2\n3\n4,x\n5,6,7\n8,9\n';
    const info: CsvReadInfo[] = [];
    const skipped = await read(text, { onBadRow: 'skip', dtypes: { b: int32() }, onReadInfo: (i) => info.push(i) });
    expect(skipped.toRecords()).toEqual([
      { a: 1, b: 2 },
      { a: 8, b: 9 },
    ]);
    expect(info[0]!.badRows).toBe(3);
    expect(info[0]!.badRowSamples.map((r) => r.line)).toEqual([3, 4, 5]);
    const nulled = await read(text, { onBadRow: 'null', dtypes: { b: nullable(int32()) } });
    expect(nulled.toRecords()).toEqual([
      { a: 1, b: 2 },
      { a: 3, b: null },
      { a: 4, b: null },
      { a: 5, b: 6 },
      { a: 8, b: 9 },
    ]);
  });

  it('an empty input is an empty frame; a header-only input an empty frame with its columns', async () => {
    expect((await read('')).shape).toEqual([0, 0]);
    const h = await read('a,b\n');
    expect(h.shape).toEqual([0, 2]);
    expect(h.columns).toEqual(['a', 'b']);
    expect((await read('a,b\n', { schema: { a: int32(), b: utf8() } })).schema.toString()).toBe('Schema { a: int32, b: utf8 }');
  });

  it('renames duplicate header names predictably and reports it', async () => {
    const info: CsvReadInfo[] = [];
    const df = await read('a,a,a_1,,b\n1,2,3,4,5\n', { onReadInfo: (i) => info.push(i) });
    expect(df.columns).toEqual(['a', 'a_2', 'a_1', 'column_4', 'b']);
    expect(info[0]!.renamedHeaders).toEqual([{ from: 'a', to: 'a_2' }]);
  });

  it('rejects bad options', async () => {
    await expect(read('a\n', { delimiter: ',,' })).rejects.toThrow(/delimiter must be a single ASCII character/);
    await expect(read('a\n', { onBadRow: 'maybe' as never })).rejects.toThrow(/onBadRow must be/);
    await expect(read('a\n', { chunkSize: 0 })).rejects.toThrow(/chunkSize must be a positive integer/);
  });
});

describe('scanCSV', () => {
  it('yields batches of batchSize rows with one schema', async () => {
    const text = `id,name\n${Array.from({ length: 25 }, (_, i) => `${i},n${i % 4}`).join('\n')}\n`;
    const batches = [];
    for await (const b of scanCSV({ text }, { batchSize: 10, chunkSize: 7 })) batches.push(b);
    expect(batches.map((b) => b.height)).toEqual([10, 10, 5]);
    expect(new Set(batches.map((b) => b.schema.toString())).size).toBe(1);
    expect(batches[0]!.schema.toString()).toBe('Schema { id: int32?, name: categorical? }');
    expect(batches.flatMap((b) => b.getColumn('id').toArray())).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('treats a value that does not fit the dtypes fixed by the first batch as a bad row', async () => {
    const it = scanCSV({ text: 'a\n1\n2\nx\n' }, { inferSchemaLength: 2, batchSize: 2 });
    await expect((async () => {
      for await (const _ of it) void _;
    })()).rejects.toThrow(/"x" does not fit int32 in row 2 \(scanCSV fixed the dtypes from the first 2 rows .*; pass \{ dtypes: \{ "a": utf8\(\) \} \} or a larger inferSchemaLength\)/);
  });
});

describe("readCSV: onBadRow 'skip' keeps nothing of a dropped row", () => {
  const dictOf = (df: Awaited<ReturnType<typeof read>>, name: string) => [...df.getColumn(name).data.dictionary!].map(String);

  it('leaves a dropped row\'s text out of a categorical column\'s dictionary (and its IPC bytes)', async () => {
    const text = 'c,n\nred,1\nSECRET,x\nblue,2\nred,y\nLEAK,z\n';
    const declared = await read(text, { dtypes: { c: categorical(), n: int32() }, onBadRow: 'skip' });
    expect(declared.toRecords()).toEqual([
      { c: 'red', n: 1 },
      { c: 'blue', n: 2 },
    ]);
    expect(dictOf(declared, 'c')).toEqual(['red', 'blue']);
    expect(Buffer.from(declared.toIPC()).includes('SECRET')).toBe(false);
    expect(Buffer.from(declared.toIPC()).includes('LEAK')).toBe(false);
    // An inferred text column is built dictionary-encoded too.
    const inferred = await read('c,n\nred,1\nred,2\nSECRET,x\nred,3\n', { dtypes: { n: int32() }, onBadRow: 'skip' });
    expect(inferred.getColumn('c').dtype.kind).toBe('categorical');
    expect(dictOf(inferred, 'c')).toEqual(['red']);
  });

  it('keeps the dictionary usable after dropping rows: later values find or add their entries', async () => {
    const rows = ['c,n'];
    for (let i = 0; i < 600; i++) rows.push(`v${i % 300},${i % 7 === 3 ? 'bad' : i}`, `new${i},bad`);
    const df = await read(rows.join('\n') + '\n', { dtypes: { c: categorical(), n: int32() }, onBadRow: 'skip' });
    const kept = [...Array(600).keys()].filter((i) => i % 7 !== 3);
    expect(df.getColumn('c').toArray()).toEqual(kept.map((i) => `v${i % 300}`));
    expect(dictOf(df, 'c')).toEqual([...new Set(kept.map((i) => `v${i % 300}`))]);
  });
});

describe('readCSV: float literals beyond the float range', () => {
  it('reads an inferred column holding one as text, never as Infinity or 0', async () => {
    for (const big of ['1e400', '-1e400', '1e-400', '-2.5E-999', '0.000001e-320']) {
      const df = await read(`a\n1.5\n${big}\n`);
      expect(df.getColumn('a').dtype.kind).not.toMatch(/float/);
      expect(df.toRecords()).toEqual([{ a: '1.5' }, { a: big }]);
    }
    // A long sample still sees it (the value is after the sample: the column is read again as text).
    const late = await read(`a\n${'1.5\n'.repeat(5)}1e400\n`, { inferSchemaLength: 2 });
    expect(late.getColumn('a').get(5)).toBe('1e400');
  });

  it('keeps the inf / Infinity / NaN tokens, zeros and the smallest subnormals as floats', async () => {
    const df = await read('a\ninf\n-Infinity\nNaN\n0e999\n-0.0\n5e-324\n1.7976931348623157e308\n');
    expect(df.getColumn('a').dtype.kind).toBe('float64');
    expect(df.getColumn('a').toArray()).toEqual([Infinity, -Infinity, NaN, 0, -0, 5e-324, 1.7976931348623157e308]);
  });

  it('refuses one in a declared float64 column, naming line, column and value; nulls or skips it on request', async () => {
    const text = 'id,x\n1,1.5\n2,1e400\n3,-1e-400\n4,2\n';
    const e = await failure(read(text, { dtypes: { x: float64() } }));
    expect(e).toBeInstanceOf(CsvParseError);
    expect(e.message).toBe('CSV line 3 (byte 13), column "x": "1e400" does not fit float64 (beyond its range): 1e400↵3,-1e-400↵4,2↵');
    expect([e.line, e.column]).toEqual([3, 'x']);
    let info: CsvReadInfo | undefined;
    const nulled = await read(text, { dtypes: { x: float64() }, onBadRow: 'null', onReadInfo: (i) => (info = i) });
    expect(nulled.getColumn('x').toArray()).toEqual([1.5, null, null, 2]);
    expect(info!.nulledValues.map((v) => [v.row, v.column, v.value])).toEqual([
      [1, 'x', '1e400'],
      [2, 'x', '-1e-400'],
    ]);
    const skipped = await read(text, { dtypes: { x: float64() }, onBadRow: 'skip' });
    expect(skipped.getColumn('id').toArray()).toEqual([1, 4]);
  });

  it('refuses a value beyond float32 in a declared float32 column (which float64 would hold)', async () => {
    const e = await failure(read('x\n1.5\n1e39\n', { dtypes: { x: float32() } }));
    expect(e.message).toMatch(/^CSV line 3 \(byte 6\), column "x": "1e39" does not fit float32 \(beyond its range\)/);
    await expect(read('x\n1e-50\n', { dtypes: { x: float32() } })).rejects.toThrow(/"1e-50" does not fit float32/);
    const ok = await read('x\n3.4e38\n-inf\n1e-45\n', { dtypes: { x: float32() } });
    expect(ok.getColumn('x').toArray()).toEqual([Math.fround(3.4e38), -Infinity, Math.fround(1e-45)]);
  });
});

describe('readCSV: one-column files', () => {
  it('reads a blank line as a null, since that is how a one-column writer writes one', async () => {
    expect((await read('a\n1\n\n3\n')).getColumn('a').toArray()).toEqual([1, null, 3]);
    expect((await read('a\r\n\r\nx\r\n')).getColumn('a').toArray()).toEqual([null, 'x']);
    // With more columns, blank lines are skipped.
    expect((await read('a,b\n\n1,2\n')).height).toBe(1);
  });
});

describe('readCSV: types', () => {
  it('a schema gives typed rows; without one rows are untyped records', async () => {
    const typed = await readCSV({ text: 'a,b\n1,x\n' }, { schema: { a: int32(), b: nullable(utf8()) } });
    expectTypeOf(typed.row(0).toObject()).toEqualTypeOf<{ a: number; b: string | null }>();
    const untyped = await read('a,b\n1,x\n');
    expectTypeOf(untyped.row(0).toObject()).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(untyped.row(0).a).toEqualTypeOf<unknown>();
    expect(typed.row(0).a).toBe(1);
  });
});

describe("readCSV: onBadRow 'null' keeps the row and nulls only what does not fit", () => {
  const bad = Buffer.from([0xc3, 0x28]);

  it('invalid UTF-8 nulls that field only; the row keeps its other fields', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b,c\n1,ok,x\n2,'), bad, Buffer.from(',y\n3,fine,z\n')]);
    let info: CsvReadInfo | undefined;
    const df = await readCSV(bytes, { onBadRow: 'null', onReadInfo: (i) => (info = i) });
    expect(df.toRecords()).toEqual([
      { a: 1, b: 'ok', c: 'x' },
      { a: 2, b: null, c: 'y' },
      { a: 3, b: 'fine', c: 'z' },
    ]);
    expect(info!.badRows).toBe(1);
    expect(info!.nulledValues).toEqual([{ row: 1, line: 3, column: 'b', value: '\ufffd(', reason: 'invalid UTF-8' }]);
  });

  it('counts a short row once, however many of its fields are missing or do not fit', async () => {
    const text = 'a,b,c\n1,2,3\nx\n5,6,7\n8,9\n';
    for (const onBadRow of ['skip', 'null'] as const) {
      for (const o of [{}, { schema: { a: int32(), b: int32(), c: int32() } }]) {
        let info: CsvReadInfo | undefined;
        await read(text, { ...o, onBadRow, onReadInfo: (i) => (info = i) });
        expect(info!.badRows).toBe(2);
        expect(info!.badRowSamples.map((r) => [r.line, r.reason])).toEqual([
          [3, 'expected 3 fields, found 1'],
          [5, 'expected 3 fields, found 2'],
        ]);
      }
    }
  });

  it('reads ten NUL bytes and a time as text or a bad value, never as 1970-01-01', async () => {
    const nul = `${'\0'.repeat(10)}T00:00`;
    expect((await read(`t\n${nul}\n`)).getColumn('t').get(0)).toBe(nul);
    expect((await read(`t\n1970-01-01T00:00\n${nul}\n`)).getColumn('t').toArray()).toEqual(['1970-01-01T00:00', nul]);
    const e = await failure(read(`t\n${nul}\n`, { dtypes: { t: timestamp() } }));
    expect([e.line, e.column]).toEqual([2, 't']);
    expect((await read(`t\n${nul}\n`, { dtypes: { t: timestamp() }, onBadRow: 'null' })).getColumn('t').get(0)).toBeNull();
  });

  it('invalid UTF-8 in a declared non-nullable column, mid-row: the column becomes nullable, no ShapeError', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b,c\n1,ok,x\n2,'), bad, Buffer.from(',y\n')]);
    const df = await readCSV(bytes, { onBadRow: 'null', schema: { a: int32(), b: utf8(), c: utf8() } });
    expect(df.schema.toString()).toBe('Schema { a: int32, b: utf8?, c: utf8 }');
    expect(df.toRecords()).toEqual([
      { a: 1, b: 'ok', c: 'x' },
      { a: 2, b: null, c: 'y' },
    ]);
    const cat = await readCSV(Buffer.concat([Buffer.from('b,c\nok,x\n'), bad, Buffer.from(',y\n')]), {
      onBadRow: 'null',
      schema: { b: categorical(), c: utf8() },
    });
    expect(cat.toRecords()).toEqual([
      { b: 'ok', c: 'x' },
      { b: null, c: 'y' },
    ]);
  });

  it('a value that does not fit, or a missing or empty field, in a non-nullable column: nulled, column made nullable', async () => {
    let info: CsvReadInfo | undefined;
    const df = await read('a,b,c\n1,2,3\nx,5,6\n7,,9\n10\n11,12,13,14\n', {
      onBadRow: 'null',
      schema: { a: int32(), b: int32(), c: int32() },
      onReadInfo: (i) => (info = i),
    });
    expect(df.schema.toString()).toBe('Schema { a: int32?, b: int32?, c: int32? }');
    expect(df.toRecords()).toEqual([
      { a: 1, b: 2, c: 3 },
      { a: null, b: 5, c: 6 },
      { a: 7, b: null, c: 9 },
      { a: 10, b: null, c: null },
      { a: 11, b: 12, c: 13 },
    ]);
    expect(info!.nulledValues).toEqual([
      { row: 1, line: 3, column: 'a', value: 'x', reason: '"x" does not fit int32' },
      { row: 2, line: 4, column: 'b', value: '', reason: 'null in a column that is not nullable (int32)' },
      { row: 3, line: 5, column: 'b', value: '', reason: 'missing field (expected 3 fields, found 1)' },
      { row: 3, line: 5, column: 'c', value: '', reason: 'missing field (expected 3 fields, found 1)' },
      { row: 4, line: 6, column: undefined, value: '14', reason: 'extra field 4 dropped (expected 3 fields, found 4)' },
    ]);
  });

  it('on two threads too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'colframe-null-rows-'));
    const path = join(dir, 'x.csv');
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 5000 === 4999 ? `${i},x${i}` : `${i},${i}`));
    writeFileSync(path, `a,b\n${lines.join('\n')}\n`);
    let info: CsvReadInfo | undefined;
    const df = await readCSV(path, { onBadRow: 'null', schema: { a: int32(), b: int32() }, threads: 2, parallelMinBytes: 1, onReadInfo: (i) => (info = i) });
    expect(df.schema.toString()).toBe('Schema { a: int32, b: int32? }');
    expect(df.getColumn('b').nullCount).toBe(4);
    expect(info!.nulledValues.map((v) => [v.row, v.line, v.value])).toEqual([
      [4999, 5001, 'x4999'],
      [9999, 10001, 'x9999'],
      [14999, 15001, 'x14999'],
      [19999, 20001, 'x19999'],
    ]);
  });
});

describe('readCSV: int64 columns meeting floats', () => {
  it('widen to float64 when a float64 holds every value so far exactly, else read as text', async () => {
    const safe = Array.from({ length: 1500 }, (_, i) => (i === 1200 ? '0.5' : String(3_000_000_000 + i)));
    const df = await read(`x\n${safe.join('\n')}\n`);
    expect(df.schema.get('x').kind).toBe('float64');
    expect(df.getColumn('x').toArray()).toEqual(safe.map(Number));
    const big = Array.from({ length: 1500 }, (_, i) => (i === 1200 ? '0.5' : String(2n ** 60n + BigInt(i))));
    const text = await read(`x\n${big.join('\n')}\n`);
    expect(text.schema.get('x').kind).toMatch(/utf8|categorical/);
    expect(text.getColumn('x').toArray()).toEqual(big);
  });
});
