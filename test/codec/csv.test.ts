import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { parseString } from '@fast-csv/parse';
import {
  DataFrame,
  InvalidArgumentError,
  bool,
  categorical,
  date,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  nullable,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  type AnyDType,
  type CsvWriteOptions,
  type SchemaShape,
} from '../../src/index.js';
import { CsvEncoder, csvField, float32Text, float64Text, formatCSV, resolveCsvWriteOptions } from '../../src/codec/csv.js';
import { formatDate, formatTimestamp } from '../../src/util/temporal.js';

const defaults = resolveCsvWriteOptions();
const MS_PER_DAY = 86_400_000;

/** Parse CSV text with fast-csv's parser (the independent oracle), as objects keyed by header. */
function parseWithFastCsv(text: string, opts: { delimiter?: string; quote?: string } = {}): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = [];
    parseString<Record<string, string>, Record<string, string>>(text, { headers: true, ...opts })
      .on('error', reject)
      .on('data', (r: Record<string, string>) => rows.push(r))
      .on('end', () => resolve(rows));
  });
}

/** `Date#toISOString` with `.000` dropped: the reference spelling of a timestamp. */
const isoTimestamp = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const isoDate = (days: number): string => {
  const s = new Date(days * MS_PER_DAY).toISOString();
  return s.slice(0, s.indexOf('T'));
};

/** Read a float written by the writer (the spellings the reader accepts). */
function readFloat(text: string): number {
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return Number(text);
}

describe('csvField', () => {
  it('writes text without special characters as is, unicode included', () => {
    for (const t of ['plain', 'héllo wörld', '日本語', '👩‍👩‍👧 family', 'a|b', 'tab\tinside', 'nul\0inside', '0', 'NA']) {
      expect(csvField(t, defaults)).toBe(t);
    }
  });

  it('quotes fields holding the delimiter, the quote, CR or LF, doubling quotes', () => {
    expect(csvField('a,b', defaults)).toBe('"a,b"');
    expect(csvField('say "hi"', defaults)).toBe('"say ""hi"""');
    expect(csvField('"', defaults)).toBe('""""');
    expect(csvField('a\nb', defaults)).toBe('"a\nb"');
    expect(csvField('a\rb', defaults)).toBe('"a\rb"');
    expect(csvField('a\r\nb', defaults)).toBe('"a\r\nb"');
    expect(csvField(',"\r\n', defaults)).toBe('",""\r\n"');
  });

  it('quotes leading and trailing spaces and tabs, and a leading byte-order mark', () => {
    expect(csvField(' a', defaults)).toBe('" a"');
    expect(csvField('a ', defaults)).toBe('"a "');
    expect(csvField(' ', defaults)).toBe('" "');
    expect(csvField('\ta', defaults)).toBe('"\ta"');
    expect(csvField('a\t', defaults)).toBe('"a\t"');
    expect(csvField('a b', defaults)).toBe('a b');
    expect(csvField('\ufeffx', defaults)).toBe('"\ufeffx"');
    expect(csvField('x\ufeff', defaults)).toBe('x\ufeff');
  });

  it('writes the empty string as "" (an empty unquoted field is null)', () => {
    expect(csvField('', defaults)).toBe('""');
  });

  it('quotes text equal to nullValue, and only that', () => {
    const s = resolveCsvWriteOptions({ nullValue: 'NA' });
    expect(csvField('NA', s)).toBe('"NA"');
    expect(csvField('NAN', s)).toBe('NAN');
    expect(csvField('', s)).toBe('""');
  });

  it('follows a custom delimiter and quote, whatever characters they are', () => {
    const s = resolveCsvWriteOptions({ delimiter: ';', quote: "'" });
    expect(csvField('a,b', s)).toBe('a,b');
    expect(csvField('a;b', s)).toBe("'a;b'");
    expect(csvField('it\'s "x"', s)).toBe("'it''s \"x\"'");
    for (const d of [']', '^', '-', '\\', '.', '|', '$']) {
      const sd = resolveCsvWriteOptions({ delimiter: d });
      expect(csvField(`a${d}b`, sd)).toBe(`"a${d}b"`);
      expect(csvField('plain', sd)).toBe('plain');
    }
    const sq = resolveCsvWriteOptions({ quote: '|' });
    expect(csvField('a|b', sq)).toBe('|a||b|');
    expect(csvField('a,b', sq)).toBe('|a,b|');
  });

  it("agrees with fast-csv's FieldFormatter except where fast-csv would not read back the same text", () => {
    const require = createRequire(import.meta.url);
    const { FormatterOptions } = require('@fast-csv/format') as typeof import('@fast-csv/format');
    const { FieldFormatter } = require('@fast-csv/format/build/src/formatter/FieldFormatter.js') as {
      FieldFormatter: new (o: unknown) => { format(field: string, i: number, isHeader: boolean): string };
    };
    const ff = new FieldFormatter(new FormatterOptions({}));
    // Where fast-csv differs: it writes '' unquoted (read back as null), drops NUL, leaves edge
    // spaces unquoted, and quotes any '|'.
    expect(ff.format('', 0, false)).toBe('');
    expect(ff.format('a\0b', 0, false)).toBe('ab');
    expect(ff.format(' a', 0, false)).toBe(' a');
    expect(ff.format('a|b', 0, false)).toBe('"a|b"');
    const unit = fc.oneof(fc.constantFrom(',', '"', '\n', '\r', ' ', 'a', 'é', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1 }), (t) => {
        fc.pre(!/[\0|\t\ufeff]/.test(t) && !t.startsWith(' ') && !t.endsWith(' '));
        expect(csvField(t, defaults)).toBe(ff.format(t, 0, false));
      }),
    );
  });
});

describe('resolveCsvWriteOptions', () => {
  it('fills the defaults', () => {
    const s = resolveCsvWriteOptions();
    expect([s.header, s.delimiter, s.quote, s.lineEnding, s.bom, s.nullValue]).toEqual([true, ',', '"', '\n', false, '']);
  });

  it('rejects delimiters, quotes, line endings and null texts that cannot be written', () => {
    const bad: unknown[] = [
      { delimiter: '' },
      { delimiter: ',,' },
      { delimiter: '\n' },
      { delimiter: '\r' },
      { delimiter: '"' },
      { quote: '' },
      { quote: '\n' },
      { quote: "''" },
      { delimiter: "'", quote: "'" },
      { delimiter: '\ud83d' },
      { lineEnding: '\r' },
      { lineEnding: ';' },
      { nullValue: 'a,b' },
      { nullValue: '"' },
      { nullValue: '\n' },
      { nullValue: 1 },
      { header: 'yes' },
      { bom: 1 },
      null,
    ];
    for (const o of bad) expect(() => resolveCsvWriteOptions(o as CsvWriteOptions), JSON.stringify(o)).toThrow(InvalidArgumentError);
  });
});

describe('value texts', () => {
  it('float64: shortest round-trip text, whole numbers with .0, -0.0, NaN, inf, -inf', () => {
    expect([0.1 + 0.2, 1.5, -2, 0, -0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity].map(float64Text)).toEqual([
      '0.30000000000000004',
      '1.5',
      '-2.0',
      '0.0',
      '-0.0',
      '1e+21',
      '1e-7',
      '5e-324',
      '1.7976931348623157e+308',
      'NaN',
      'inf',
      '-inf',
    ]);
  });

  it('float64: every double, subnormals included, reads back to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.double({ min: -Number.MIN_VALUE * 2 ** 52, max: Number.MIN_VALUE * 2 ** 52 })), (x) => {
        const t = float64Text(x);
        expect(Object.is(readFloat(t), x) || (Number.isNaN(x) && t === 'NaN')).toBe(true);
        if (!Number.isNaN(x)) expect(Object.is(parseFloat(t), x) || !Number.isFinite(x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('float32: the shortest text that reads back to the same float32', () => {
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334');
    expect(float32Text(Math.fround(3.4028234663852886e38))).toBe('3.4028235e+38');
    expect(float32Text(Math.fround(1e-45))).toBe('1e-45');
    expect(float32Text(100)).toBe('100.0');
    expect(float32Text(-0)).toBe('-0.0');
    fc.assert(
      fc.property(fc.float(), (x) => {
        const t = float32Text(x);
        if (Number.isNaN(x)) {
          expect(t).toBe('NaN');
          return;
        }
        expect(Object.is(Math.fround(readFloat(t)), x)).toBe(true);
        expect(t.length).toBeLessThanOrEqual(float64Text(x).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('dates as YYYY-MM-DD, with ISO expanded years outside 0–9999', () => {
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(-1)).toBe('1969-12-31');
    expect(formatDate(19_782)).toBe('2024-02-29');
    expect(formatDate(-719_528)).toBe('0000-01-01');
    expect(formatDate(2_932_896)).toBe('9999-12-31');
    expect(formatDate(2_932_897)).toBe('+010000-01-01');
    expect(formatDate(-719_529)).toBe('-000001-12-31');
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (d) => {
        expect(formatDate(d)).toBe(isoDate(d));
      }),
    );
  });

  it('zoned timestamps as ISO 8601 in UTC with Z, milliseconds only when not zero', () => {
    expect(formatTimestamp(1_709_648_530_123n, 'UTC')).toBe('2024-03-05T14:22:10.123Z');
    expect(formatTimestamp(1_709_648_530_000n, 'UTC')).toBe('2024-03-05T14:22:10Z');
    expect(formatTimestamp(0n, 'UTC')).toBe('1970-01-01T00:00:00Z');
    expect(formatTimestamp(-1n, 'UTC')).toBe('1969-12-31T23:59:59.999Z');
    expect(formatTimestamp(5n, 'UTC')).toBe('1970-01-01T00:00:00.005Z');
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(formatTimestamp(BigInt(ms), 'UTC')).toBe(isoTimestamp(ms));
      }),
    );
    // Beyond the Date range (and 2^53 ms) the stored integer is still split exactly.
    expect(formatTimestamp(2n ** 62n, 'UTC')).toMatch(/^\+\d{9}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(formatTimestamp(2n ** 62n, 'UTC').endsWith(`.${String(2n ** 62n % 1000n).padStart(3, '0')}Z`)).toBe(true);
  });
});

describe('df.toCSV', () => {
  const df = DataFrame.fromRecords(
    [
      { name: 'Ada, Countess', note: '', n: 1, x: 1.5, ok: true },
      { name: 'Linus', note: null, n: null, x: -0, ok: null },
      { name: 'say "hi"', note: 'two\nlines', n: -3, x: NaN, ok: false },
    ],
    { schema: { name: utf8(), note: nullable(utf8()), n: nullable(int32()), x: float64(), ok: nullable(bool()) } },
  );

  it('writes a header and one line per row, each ending with the line ending', () => {
    expect(df.toCSV()).toBe('name,note,n,x,ok\n"Ada, Countess","",1,1.5,true\nLinus,,,-0.0,\n"say ""hi""","two\nlines",-3,NaN,false\n');
  });

  it('writes null as an empty unquoted field and the empty string as ""', () => {
    const t = DataFrame.fromColumns({ s: ['', null, 'a'], k: [1, 2, 3] }, { schema: { s: nullable(utf8()), k: int32() } }).toCSV();
    expect(t).toBe('s,k\n"",1\n,2\na,3\n');
  });

  it('header: false leaves the names out; bom: true starts with U+FEFF', () => {
    expect(df.select('n').toCSV({ header: false })).toBe('1\n\n-3\n');
    expect(df.select('n').toCSV({ bom: true })).toBe('\ufeffn\n1\n\n-3\n');
  });

  it('uses CRLF line endings when asked, also after the header, and keeps newlines inside values', () => {
    expect(df.select('note', 'n').toCSV({ lineEnding: '\r\n' })).toBe('note,n\r\n"",1\r\n,\r\n"two\nlines",-3\r\n');
  });

  it('quotes header names that need it', () => {
    const t = DataFrame.fromColumns({ 'a,b': [1], '': [2], ' c': [3], 'd"e': [4], plain: [5] }).toCSV();
    expect(t.split('\n')[0]).toBe('"a,b",""," c","d""e",plain');
  });

  it('writes integers exactly, 64-bit ones beyond 2^53 too (even in a number-typed int64 column)', () => {
    const big = [2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, null];
    const t = DataFrame.fromColumns(
      { i64: big, n64: big, u64: [2n ** 64n - 1n, 0n, 2n ** 53n + 3n, null] },
      { schema: { i64: nullable(int64('bigint')), n64: nullable(int64()), u64: nullable(uint64('bigint')) } },
    ).toCSV();
    expect(t).toBe(
      'i64,n64,u64\n9007199254740993,9007199254740993,18446744073709551615\n' +
        '-9223372036854775808,-9223372036854775808,0\n9223372036854775807,9223372036854775807,9007199254740995\n,,\n',
    );
    const small = DataFrame.fromColumns(
      { a: [-128, 127], b: [-32768, 32767], c: [-2147483648, 2147483647], d: [0, 255], e: [0, 65535], f: [0, 4294967295] },
      { schema: { a: int8(), b: int16(), c: int32(), d: uint8(), e: uint16(), f: uint32() } },
    ).toCSV();
    expect(small).toBe('a,b,c,d,e,f\n-128,-32768,-2147483648,0,0,0\n127,32767,2147483647,255,65535,4294967295\n');
  });

  it('writes float32 values by their shortest float32 text and float64 by the shortest double text', () => {
    const t = DataFrame.fromColumns(
      { f: [0.1, 1 / 3, -0, Infinity, NaN], d: [0.1, 1 / 3, 5e-324, -Infinity, 1e21] },
      { schema: { f: float32(), d: float64() } },
    ).toCSV();
    expect(t).toBe('f,d\n0.1,0.1\n0.33333334,0.3333333333333333\n-0.0,5e-324\ninf,-inf\nNaN,1e+21\n');
  });

  it('writes dates as YYYY-MM-DD, naive timestamps with no zone, and zoned ones in UTC with Z whatever the zone', () => {
    const when = new Date(Date.UTC(2024, 2, 5, 14, 22, 10, 123));
    const t = DataFrame.fromColumns(
      { d: [new Date('2024-02-29'), null], t: [when, new Date(0)], tz: [when, new Date(Date.UTC(2024, 0, 15, 23, 30))] },
      { schema: { d: nullable(date()), t: timestamp(), tz: timestamp({ timezone: 'Asia/Tokyo' }) } },
    ).toCSV();
    expect(t).toBe('d,t,tz\n2024-02-29,2024-03-05T14:22:10.123,2024-03-05T14:22:10.123Z\n,1970-01-01T00:00:00,2024-01-15T23:30:00Z\n');
  });

  it('writes categorical values as their strings, quoted where needed', () => {
    const t = DataFrame.fromColumns({ c: ['red', 'a,b', '', null, 'red'] }, { schema: { c: nullable(categorical()) } }).toCSV();
    expect(t).toBe('c\nred\n"a,b"\n""\n\nred\n');
  });

  it('keeps unicode text intact and unquoted', () => {
    const vals = ['日本語', 'Ünïcödé', '👩‍👩‍👧', 'e\u0301', '\u2028sep', 'NUL\0in'];
    const t = DataFrame.fromColumns({ s: vals }, { schema: { s: utf8() } }).toCSV();
    expect(t).toBe(`s\n${vals.join('\n')}\n`);
  });

  it('quotes values holding a custom delimiter, numbers and dates included', () => {
    const f = DataFrame.fromColumns(
      { s: ['a;b', 'a,b'], n: [-1, 2], x: [1.5, -0.25], d: [new Date('2024-01-02'), new Date('2024-12-31')], t: [new Date(0), new Date(1)] },
      { schema: { s: utf8(), n: int32(), x: float64(), d: date(), t: timestamp() } },
    );
    expect(f.toCSV({ delimiter: ';' })).toBe('s;n;x;d;t\n"a;b";-1;1.5;2024-01-02;1970-01-01T00:00:00\na,b;2;-0.25;2024-12-31;1970-01-01T00:00:00.001\n');
    expect(f.toCSV({ delimiter: '-' })).toBe(
      's-n-x-d-t\na;b-"-1"-1.5-"2024-01-02"-"1970-01-01T00:00:00"\na,b-2-"-0.25"-"2024-12-31"-"1970-01-01T00:00:00.001"\n',
    );
    expect(f.select('x').toCSV({ delimiter: '.' })).toBe('x\n"1.5"\n"-0.25"\n');
    expect(f.select('t').toCSV({ delimiter: ':', header: false })).toBe('"1970-01-01T00:00:00"\n"1970-01-01T00:00:00.001"\n');
    const b = DataFrame.fromColumns({ ok: [true, false] }, { schema: { ok: bool() } });
    expect(b.toCSV({ delimiter: 'e', header: false })).toBe('"true"\n"false"\n');
    const inf = DataFrame.fromColumns({ x: [Infinity, -Infinity, NaN, 1] }, { schema: { x: float64() } });
    expect(inf.toCSV({ delimiter: 'n', header: false })).toBe('"inf"\n"-inf"\nNaN\n1.0\n');
    expect(f.select('s').toCSV({ delimiter: '\t' })).toBe('s\na;b\na,b\n');
    expect(f.select('s', 'n').toCSV({ delimiter: '§' })).toBe('s§n\na;b§-1\na,b§2\n');
    expect(DataFrame.fromColumns({ s: ['x§y'] }).toCSV({ delimiter: '§' })).toBe('s\n"x§y"\n');
  });

  it('uses a custom quote character', () => {
    const f = DataFrame.fromColumns({ s: ["it's", 'a,b', 'say "hi"', ''] }, { schema: { s: utf8() } });
    expect(f.toCSV({ quote: "'" })).toBe("s\n'it''s'\n'a,b'\nsay \"hi\"\n''\n");
  });

  it('writes nullValue for nulls and quotes values whose text equals it', () => {
    const f = DataFrame.fromColumns(
      { s: ['NA', null, 'x'], x: [NaN, null, 1], n: [0, null, 1] },
      { schema: { s: nullable(utf8()), x: nullable(float64()), n: nullable(int32()) } },
    );
    expect(f.toCSV({ nullValue: 'NA' })).toBe('s,x,n\n"NA",NaN,0\nNA,NA,NA\nx,1.0,1\n');
    expect(f.toCSV({ nullValue: 'NaN' })).toBe('s,x,n\nNA,"NaN",0\nNaN,NaN,NaN\nx,1.0,1\n');
    expect(f.toCSV({ nullValue: '0' })).toBe('s,x,n\nNA,NaN,"0"\n0,0,0\nx,1.0,1\n');
  });

  it('writes only the header for a frame without rows, and nothing for a frame without columns', () => {
    expect(df.head(0).toCSV()).toBe('name,note,n,x,ok\n');
    expect(DataFrame.fromColumns({}).toCSV()).toBe('');
    expect(DataFrame.fromColumns({}).toCSV({ bom: true })).toBe('\ufeff');
  });

  it('writes the rows of a slice (offsets into validity, booleans and string buffers)', () => {
    const n = 50;
    const f = DataFrame.fromColumns(
      {
        b: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : i % 3 === 0)),
        s: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `s${i}`)),
        c: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : `c${i % 3}`)),
      },
      { schema: { b: nullable(bool()), s: nullable(utf8()), c: nullable(categorical()) } },
    );
    for (const [off, len] of [
      [3, 20],
      [13, 11],
      [49, 1],
    ] as const) {
      const rows = f.toRecords().slice(off, off + len);
      const expected = 'b,s,c\n' + rows.map((r) => [r.b ?? '', r.s ?? '', r.c ?? ''].map(String).join(',') + '\n').join('');
      expect(f.slice(off, len).toCSV()).toBe(expected);
    }
  });

  it('throws InvalidArgumentError for invalid options', () => {
    expect(() => df.toCSV({ delimiter: '\n' })).toThrow(InvalidArgumentError);
    expect(() => df.toCSV({ nullValue: ',' })).toThrow(/nullValue/);
  });
});

describe('CsvEncoder', () => {
  it('yields the header, then chunks of about 64 KiB that end at row ends, with the same text as toCSV', () => {
    const n = 30_000;
    const f = DataFrame.fromColumns(
      { i: Int32Array.from({ length: n }, (_, k) => k), s: Array.from({ length: n }, (_, k) => `row ${k}, "quoted"`) },
      { schema: { i: int32(), s: utf8() } },
    );
    const chunks = [...new CsvEncoder(f.core)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks[0]!.toString()).toBe('i,s\n');
    for (const c of chunks) {
      expect(c[c.length - 1]).toBe(10);
      expect(c.length).toBeLessThan((1 << 16) + 200);
    }
    const text = Buffer.concat(chunks).toString();
    expect(text).toBe(f.toCSV());
    expect(text.split('\n')[12_345]).toBe('12344,"row 12344, ""quoted"""');
  });

  it('grows a chunk for values longer than a chunk and for very wide rows', () => {
    const long = `${'x'.repeat(100_000)}"${'é'.repeat(50_000)}`;
    const f = DataFrame.fromColumns({ a: ['a', long, 'b'], b: [1, 2, 3], c: ['x', long, ''] }, { schema: { a: utf8(), b: int32(), c: utf8() } });
    const quoted = `"${long.replace('"', '""')}"`;
    expect(f.toCSV()).toBe(`a,b,c\na,1,x\n${quoted},2,${quoted}\nb,3,""\n`);
    const wide: Record<string, number[]> = {};
    for (let c = 0; c < 500; c++) wide[`c${c}`] = [-2147483648, c];
    const text = DataFrame.fromColumns(wide, { schema: Object.fromEntries(Object.keys(wide).map((k) => [k, int32()])) }).toCSV();
    expect(text.split('\n')[1]).toBe(Array(500).fill('-2147483648').join(','));
  });

  it('keeps the values after a string that, quoted, just fills the chunk buffer', () => {
    // All quotes: the field doubles to 2L + 2 bytes; around L = 32.8k that ends at the buffer end.
    for (let len = 32_700; len <= 32_900; len++) {
      const f = DataFrame.fromColumns({ s: ['"'.repeat(len)], n: [-123456789], t: [new Date(1)] }, { schema: { s: utf8(), n: int32(), t: timestamp() } });
      expect(f.toCSV({ header: false })).toBe(`"${'"'.repeat(2 * len)}",-123456789,1970-01-01T00:00:00.001\n`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/**
 * The text of a non-null value as apache-arrow's own getter reads it (an independent path).
 * Strings are read with `Column.at` instead: Arrow's getter decodes with `TextDecoder`, which
 * drops a leading U+FEFF from the value.
 */
function referenceText(dtype: AnyDType, v: unknown): string {
  switch (dtype.kind) {
    case 'bool':
      return v ? 'true' : 'false';
    case 'float64': {
      if (Object.is(v, -0)) return '-0.0';
      if (Number.isNaN(v)) return 'NaN';
      if (v === Infinity || v === -Infinity) return v > 0 ? 'inf' : '-inf';
      const t = String(v);
      // A whole number gets `.0` so it reads back as a float; exponent forms already do.
      return /[.e]/.test(t) ? t : `${t}.0`;
    }
    case 'float32':
      return float32Text(v as number);
    case 'date':
      return isoDate((v as number) / MS_PER_DAY);
    case 'timestamp': {
      const iso = isoTimestamp(v as number);
      // Naive timestamps are wall times, written without a zone.
      return (dtype.timezone ?? null) === null ? iso.slice(0, -1) : iso;
    }
    default:
      return String(v);
  }
}

/** A row-at-a-time CSV writer over apache-arrow's getters and csvField. */
function referenceCSV(df: DataFrame, options: CsvWriteOptions): string {
  const s = resolveCsvWriteOptions(options);
  const cols = df.getColumns();
  let out = s.bom ? '\ufeff' : '';
  if (cols.length === 0) return out;
  if (s.header) out += cols.map((c) => csvField(c.name, s)).join(s.delimiter) + s.lineEnding;
  const vectors = cols.map((c) => c.toArrow());
  for (let i = 0; i < df.height; i++) {
    out +=
      cols
        .map((c, k) => {
          const v = c.dtype.kind === 'utf8' ? c.at(i) : vectors[k]!.get(i);
          return v === null ? s.nullValue : csvField(referenceText(c.dtype, v), s);
        })
        .join(s.delimiter) + s.lineEnding;
  }
  return out;
}

const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(',', ';', '"', "'", '\n', '\r', ' ', '\t', '\0', '\ufeff', '-', '.', 'e', 'N', 'A', '|', '§') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const text = fc.string({ unit: textUnit, maxLength: 12 });

const kinds: Record<string, [AnyDType, fc.Arbitrary<unknown>]> = {
  i8: [int8(), fc.integer({ min: -128, max: 127 })],
  u16: [uint16(), fc.integer({ min: 0, max: 65535 })],
  i32: [int32(), fc.integer()],
  u32: [uint32(), fc.integer({ min: 0, max: 4294967295 })],
  i64: [int64('bigint'), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })],
  u64: [uint64('bigint'), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
  f32: [float32(), fc.float()],
  f64: [float64(), fc.double()],
  b: [bool(), fc.boolean()],
  s: [utf8(), text],
  c: [categorical(), fc.constantFrom('red', '', 'a,b', 'NA', ' x', 'say "hi"', '日本')],
  d: [date(), fc.integer({ min: -3_000_000, max: 3_000_000 }).map((d) => new Date(d * MS_PER_DAY))],
  t: [timestamp(), fc.date({ noInvalidDate: true })],
};

/** Random frames over a random subset of dtypes (each column nullable or not), then sliced. */
const frameArb = fc
  .tuple(
    fc.subarray(Object.keys(kinds), { minLength: 1 }),
    fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
    fc.nat(40),
    fc.nat(5),
    fc.nat(40),
  )
  .chain(([names, nullables, height, off, len]) => {
    const schema: Record<string, AnyDType> = {};
    const cols: Record<string, fc.Arbitrary<unknown[]>> = {};
    names.forEach((name, k) => {
      const [dt, values] = kinds[name]!;
      schema[name] = nullables[k] ? nullable(dt) : dt;
      cols[name] = fc.array(nullables[k] ? fc.option(values, { nil: null }) : values, { minLength: height, maxLength: height });
    });
    return fc.record(cols).map((c) => DataFrame.fromColumns(c, { schema: schema as SchemaShape }).slice(Math.min(off, height), len));
  });

const optionsArb: fc.Arbitrary<CsvWriteOptions> = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|', '-', '.', 't', 'e', 'n', 'f', 'a', ':', 'Z', '§', ' '),
    quote: fc.constantFrom('"', "'", '`', 'e'),
    lineEnding: fc.constantFrom('\n' as const, '\r\n' as const),
    nullValue: fc.constantFrom('', 'NA', 'NaN', 'inf', '-1', '0', 'true', 'x'),
    header: fc.boolean(),
    bom: fc.boolean(),
  })
  .filter((o) => o.delimiter !== o.quote && !o.nullValue.includes(o.delimiter) && !o.nullValue.includes(o.quote));

describe('CSV writing (properties)', () => {
  it('toCSV equals a row-at-a-time writer over apache-arrow getters, for every dtype and option', () => {
    fc.assert(
      fc.property(frameArb, optionsArb, (df, options) => {
        expect(df.toCSV(options)).toBe(referenceCSV(df, options));
        expect(formatCSV(df.core, options)).toBe(df.toCSV(options));
      }),
      { numRuns: 400 },
    );
  });

  it('values longer than a chunk, next to other columns, are written whole (buffer growth)', () => {
    const long = fc
      .tuple(fc.constantFrom('x', '"', ',', 'é', '😀', ' '), fc.oneof(fc.nat(10), fc.integer({ min: 20_000, max: 70_000 })))
      .map(([ch, n]) => ch.repeat(n));
    const frame = fc.integer({ min: 1, max: 6 }).chain((height) =>
      fc
        .record({
          a: fc.array(fc.option(long, { nil: null }), { minLength: height, maxLength: height }),
          n: fc.array(fc.integer(), { minLength: height, maxLength: height }),
          c: fc.array(long, { minLength: height, maxLength: height }),
          t: fc.array(fc.date({ noInvalidDate: true }), { minLength: height, maxLength: height }),
        })
        .map((cols) => DataFrame.fromColumns(cols, { schema: { a: nullable(utf8()), n: int32(), c: utf8(), t: timestamp() } })),
    );
    fc.assert(
      fc.property(frame, fc.constantFrom<CsvWriteOptions>({}, { delimiter: '§' }, { nullValue: 'NA' }), (df, options) => {
        expect(df.toCSV(options)).toBe(referenceCSV(df, options));
      }),
      { numRuns: 40 },
    );
  });

  it("random frames → toCSV → fast-csv's parser give back every value's text (null as '')", async () => {
    const schema = { i: nullable(int32()), f: nullable(float64()), s: nullable(utf8()), b: nullable(bool()), t: nullable(timestamp()) };
    const row = fc.record({
      i: fc.option(fc.integer(), { nil: null }),
      f: fc.option(fc.double(), { nil: null }),
      s: fc.option(text, { nil: null }),
      b: fc.option(fc.boolean(), { nil: null }),
      t: fc.option(fc.date({ noInvalidDate: true }), { nil: null }),
    });
    const opts = fc.constantFrom<CsvWriteOptions>({}, { lineEnding: '\r\n' }, { delimiter: ';' }, { delimiter: '\t', quote: "'" });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 30 }), opts, async (rows, options) => {
        const df = DataFrame.fromRecords(rows, { schema });
        const text = df.toCSV(options);
        const parseOpts: { delimiter?: string; quote?: string } = {};
        if (options.delimiter !== undefined) parseOpts.delimiter = options.delimiter;
        if (options.quote !== undefined) parseOpts.quote = options.quote;
        const parsed = await parseWithFastCsv(text, parseOpts);
        // The column's stored values (lone surrogates are stored as U+FFFD).
        const stored = df.toRecords();
        expect(parsed).toEqual(
          stored.map((r) => ({
            i: r.i === null ? '' : String(r.i),
            f: r.f === null ? '' : float64Text(r.f),
            s: r.s ?? '',
            b: r.b === null ? '' : String(r.b),
            t: r.t === null ? '' : isoTimestamp(r.t.getTime()).slice(0, -1), // naive: no Z
          })),
        );
        for (let k = 0; k < parsed.length; k++) {
          const f = stored[k]!.f;
          if (f !== null) expect(Object.is(readFloat(parsed[k]!.f!), f) || Number.isNaN(f)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
