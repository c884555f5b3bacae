import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import {
  ColumnNotFoundError,
  InvalidArgumentError,
  JsonParseError,
  bool,
  date,
  float64,
  int32,
  int64,
  nullable,
  readJSON,
  timestamp,
  utf8,
  type DataFrame,
  type JsonReadInfo,
  type JsonReadOptions,
} from '../../../src/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'colframe-json-read-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function withInfo(text: string, o: JsonReadOptions = {}): Promise<{ df: DataFrame; info: JsonReadInfo }> {
  let info: JsonReadInfo | undefined;
  const df = await readJSON({ text }, { ...o, onReadInfo: (i) => (info = i) });
  return { df, info: info! };
}

function dtypes(df: DataFrame): Record<string, string> {
  return Object.fromEntries(df.schema.fields.map((f) => [f.name, String(f.dtype)]));
}

describe('readJSON formats and sources', () => {
  it('readJSON reads a JSON array of objects into columns in key order', async () => {
    const df = await readJSON({ text: '[{"a":1,"b":"x"},{"a":2,"b":"y"}]' });
    expect(df.columns).toEqual(['a', 'b']);
    expect(df.toRecords()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });

  it('readJSON reads NDJSON with CRLF, blank lines and a last line without a line end', async () => {
    const df = await readJSON({ text: '\n{"a":1}\r\n\r\n  \n{"a":2}\r\n{"a":3}' }, { format: 'ndjson' });
    expect(df.getColumn('a').toArray()).toEqual([1, 2, 3]);
  });

  it('readJSON detects the format from the first byte when neither option nor extension says', async () => {
    expect((await withInfo('  [{"a":1}]')).info.format).toBe('records');
    expect((await withInfo('\n{"a":1}\n{"a":2}')).info.format).toBe('ndjson');
    expect((await withInfo('{"a":1}\n{"a":2}')).df.height).toBe(2);
  });

  it('readJSON takes the format from .ndjson, .jsonl and .json extensions', async () => {
    const nd = '{"a":1}\n{"a":2}\n';
    expect((await readJSON(file('x.ndjson', nd))).height).toBe(2);
    expect((await readJSON(file('x.jsonl', nd))).height).toBe(2);
    await expect(readJSON(file('x.json', nd))).rejects.toThrow(/expected a JSON array of objects \('\['\), found an object; for one object per line pass format: 'ndjson'/);
    expect((await readJSON(file('y.json', nd), { format: 'ndjson' })).height).toBe(2);
  });

  it('readJSON reads paths, file URLs, Buffers, Uint8Arrays, ArrayBuffers, streams and async iterables alike', async () => {
    const text = '[{"a":1,"s":"é"},{"a":2,"s":"ß"}]';
    const p = file('src.json', text);
    const bytes = new TextEncoder().encode(text);
    const expected = [
      { a: 1, s: 'é' },
      { a: 2, s: 'ß' },
    ];
    async function* iter(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    for (const src of [p, pathToFileURL(p), Buffer.from(text), bytes, bytes.buffer, Readable.from([Buffer.from(text)]), iter(), { text }]) {
      expect((await readJSON(src as never)).toRecords()).toEqual(expected);
    }
  });

  it('readJSON skips a UTF-8 byte-order mark and counts it in byte offsets', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const df = await readJSON(Buffer.concat([bom, Buffer.from('[{"a":1}]')]));
    expect(df.toRecords()).toEqual([{ a: 1 }]);
    const err = await readJSON(Buffer.concat([bom, Buffer.from('[{"a":1},]')])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonParseError);
    expect((err as JsonParseError).byte).toBe(12);
  });

  it('readJSON gives an empty frame for empty input, whitespace and []', async () => {
    for (const text of ['', '   \n\n', '[]', ' [ ] \n']) {
      const df = await readJSON({ text });
      expect(df.shape).toEqual([0, 0]);
    }
    expect((await readJSON({ text: '' }, { format: 'ndjson' })).shape).toEqual([0, 0]);
  });

  it('readJSON gives the schema columns for an empty input with a schema', async () => {
    const df = await readJSON({ text: '[]' }, { schema: { a: nullable(int32()), b: nullable(utf8()) } });
    expect(df.shape).toEqual([0, 2]);
    expect(df.columns).toEqual(['a', 'b']);
  });

  it('readJSON keeps records with no keys as rows of a frame without columns', async () => {
    const df = await readJSON({ text: '[{},{}]' });
    expect(df.shape).toEqual([2, 0]);
  });

  it('readJSON rejects a directory and a source of the wrong kind', async () => {
    await expect(readJSON(dir)).rejects.toThrow(InvalidArgumentError);
    await expect(readJSON(42 as never)).rejects.toThrow(/readJSON expects a file path/);
    await expect(readJSON({ text: '[]' }, { format: 'csv' as never })).rejects.toThrow(InvalidArgumentError);
    await expect(readJSON({ text: '[]' }, { maxRows: -1 })).rejects.toThrow(InvalidArgumentError);
  });
});

describe('readJSON columns and missing keys', () => {
  it('readJSON makes the union of keys in order of first appearance, with nulls where a key is missing', async () => {
    const df = await readJSON({ text: '{"a":1}\n{"b":"x","a":2}\n{"c":true}\n' });
    expect(df.columns).toEqual(['a', 'b', 'c']);
    expect(df.toRecords()).toEqual([
      { a: 1, b: null, c: null },
      { a: 2, b: 'x', c: null },
      { a: null, b: null, c: true },
    ]);
  });

  it('readJSON adds a key first seen after the sample as a column null for the earlier rows, and reports it', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ a: i }));
    lines.push('{"a":50,"late":"x"}', '{"a":51,"late":"y"}');
    const { df, info } = await withInfo(lines.join('\n'), { inferSchemaLength: 10 });
    expect(df.columns).toEqual(['a', 'late']);
    const late = df.getColumn('late').toArray();
    expect(late.slice(0, 50).every((v) => v === null)).toBe(true);
    expect(late.slice(50)).toEqual(['x', 'y']);
    expect(info.lateColumns).toEqual([{ column: 'late', row: 50 }]);
  });

  it('readJSON infers a key null throughout the sample from its first later value', async () => {
    const lines = Array.from({ length: 20 }, () => '{"a":null}');
    lines.push('{"a":7}', '{"a":8}');
    const df = await readJSON({ text: lines.join('\n') }, { inferSchemaLength: 5 });
    expect(String(df.schema.get('a'))).toBe('int32?');
    expect(df.getColumn('a').toArray().slice(19)).toEqual([null, 7, 8]);
  });

  it('readJSON makes a key that is only ever null a utf8 column of nulls', async () => {
    const df = await readJSON({ text: '[{"a":null,"b":1},{"b":2}]' });
    expect(dtypes(df)).toEqual({ a: 'utf8?', b: 'int32?' });
    expect(df.getColumn('a').toArray()).toEqual([null, null]);
  });

  it('readJSON reads only the keys listed in columns, in that order, checking the other values', async () => {
    const df = await readJSON({ text: '[{"a":1,"b":{"x":[1,2]},"c":"z"}]' }, { columns: ['c', 'a'] });
    expect(df.columns).toEqual(['c', 'a']);
    expect(df.toRecords()).toEqual([{ c: 'z', a: 1 }]);
    await expect(readJSON({ text: '[{"a":1,"b":{"x":[1,}}]' }, { columns: ['a'] })).rejects.toThrow(JsonParseError);
  });

  it('readJSON rejects a columns or dtypes key that no record has, naming the keys it saw', async () => {
    const err = await readJSON({ text: '[{"price":1,"qty":2}]' }, { columns: ['pric'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ColumnNotFoundError);
    expect((err as Error).message).toMatch(/Did you mean "price"/);
    await expect(readJSON({ text: '[{"qty":2}]' }, { dtypes: { qyt: int32() } })).rejects.toThrow(ColumnNotFoundError);
  });

  it('readJSON stops after maxRows records', async () => {
    const df = await readJSON({ text: '[{"a":1},{"a":2},{"a":3}' }, { maxRows: 2 });
    expect(df.getColumn('a').toArray()).toEqual([1, 2]);
    expect((await readJSON({ text: '{"a":1}\n{"a":2}\n' }, { maxRows: 0 })).height).toBe(0);
  });
});

describe('readJSON inference', () => {
  it('readJSON infers int32, int64, float64, bool, date, timestamps and text from JSON types', async () => {
    const text = JSON.stringify([
      { i: 1, l: 3_000_000_000, f: 1.5, b: true, d: '2024-02-29', t: '2024-03-05T14:22:10', z: '2024-03-05T14:22:10Z', s: 'x' },
      { i: -2, l: 1, f: 2, b: false, d: '1970-01-01', t: '2024-03-05 00:00', z: '2024-03-05T14:22:10+02:00', s: 'y' },
    ]);
    const df = await readJSON({ text });
    expect(dtypes(df)).toEqual({
      i: 'int32?',
      l: 'int64?',
      f: 'float64?',
      b: 'bool?',
      d: 'date?',
      t: 'timestamp[ms]?',
      z: 'timestamp[ms, UTC]?',
      s: 'utf8?',
    });
    expect(df.row(1).z).toEqual(new Date('2024-03-05T12:22:10Z'));
  });

  it('readJSON reads a naive timestamp into a zoned schema column as wall-clock time in its zone', async () => {
    const text = JSON.stringify([{ t: '2020-01-01 10:00:00' }, { t: '2020-01-01T10:00:00+02:00' }]);
    const df = await readJSON({ text }, { schema: { t: timestamp({ timezone: 'Asia/Tokyo' }) } });
    expect(df.getColumn('t').toArray()).toEqual([new Date('2020-01-01T01:00:00Z'), new Date('2020-01-01T08:00:00Z')]);
  });

  it('readJSON never reads strings as numbers or booleans', async () => {
    const df = await readJSON({ text: '[{"n":"42","b":"true"},{"n":"7","b":"false"}]' });
    expect(dtypes(df)).toEqual({ n: 'utf8?', b: 'utf8?' });
    expect(df.toRecords()[0]).toEqual({ n: '42', b: 'true' });
  });

  it('readJSON makes repeated strings categorical, as readCSV does', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ c: ['red', 'green', 'blue'][i % 3], u: `id-${i}` }));
    const df = await readJSON({ text: JSON.stringify(rows) });
    expect(dtypes(df)).toEqual({ c: 'categorical?', u: 'utf8?' });
    expect(df.getColumn('c').toArray()).toEqual(rows.map((r) => r.c));
  });

  it('readJSON keeps integers beyond 2^53 exact as int64', async () => {
    const { df } = await withInfo('[{"id":9007199254740993},{"id":-9223372036854775808},{"id":9223372036854775807}]', { int64: 'bigint' });
    expect(String(df.schema.get('id'))).toBe('int64<bigint>?');
    expect(df.getColumn('id').toArray()).toEqual([9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n]);
  });

  it('readJSON keeps an integer beyond int64 as its exact text rather than rounding it', async () => {
    const df = await readJSON({ text: '[{"id":1},{"id":18446744073709551616}]' });
    expect(String(df.schema.get('id'))).toBe('utf8?');
    expect(df.getColumn('id').toArray()).toEqual(['1', '18446744073709551616']);
  });

  it('readJSON makes a column mixing numbers and strings text holding each value\'s JSON text', async () => {
    const df = await readJSON({ text: '[{"t":1776},{"t":"Avatar"},{"t":1.50},{"t":true},{"t":null}]' });
    expect(String(df.schema.get('t'))).toBe('utf8?');
    expect(df.getColumn('t').toArray()).toEqual(['1776', 'Avatar', '1.50', 'true', null]);
  });

  it('readJSON widens int32 to int64 to float64 after the sample and reports it', async () => {
    const { df, info } = await withInfo('{"a":1}\n{"a":2}\n{"a":5000000000}\n{"a":0.5}\n', { inferSchemaLength: 2 });
    expect(String(df.schema.get('a'))).toBe('float64?');
    expect(df.getColumn('a').toArray()).toEqual([1, 2, 5e9, 0.5]);
    expect(info.widened.map((w) => [w.from, w.to, w.row, w.line, w.exact])).toEqual([
      ['int32', 'int64', 2, 3, true],
      ['int64', 'float64', 3, 4, true],
    ]);
  });

  it('readJSON widens int64 holding values beyond 2^53 to text, not float64, when a fraction follows', async () => {
    const df = await readJSON({ text: '{"a":9007199254740993}\n{"a":0.5}\n' }, { inferSchemaLength: 1 });
    expect(df.getColumn('a').toArray()).toEqual(['9007199254740993', '0.5']);
  });

  it('readJSON makes a float column text when an integer beyond 2^53 follows, so it is not rounded', async () => {
    const a = await readJSON({ text: '{"a":0.5}\n{"a":9007199254740993}\n' }, { inferSchemaLength: 1 });
    expect(a.getColumn('a').toArray()).toEqual(['0.5', '9007199254740993']);
    const b = await readJSON({ text: '{"a":0.5}\n{"a":9007199254740993}\n' });
    expect(b.getColumn('a').toArray()).toEqual(['0.5', '9007199254740993']);
  });

  it('readJSON reads a float column again as text to keep its exact JSON text when a string follows the sample', async () => {
    const { df, info } = await withInfo('{"a":1.50}\n{"a":2e3}\n{"a":"n/a"}\n', { inferSchemaLength: 2 });
    expect(df.getColumn('a').toArray()).toEqual(['1.50', '2e3', 'n/a']);
    expect(info.widened).toEqual([]);
  });

  it('readJSON from a stream widens a float column to canonical text and says the text is not exact', async () => {
    let info: JsonReadInfo | undefined;
    const df = await readJSON(Readable.from([Buffer.from('{"a":1.50}\n{"a":2e3}\n{"a":"n/a"}\n')]), {
      inferSchemaLength: 2,
      onReadInfo: (i) => (info = i),
    });
    expect(df.getColumn('a').toArray()).toEqual(['1.5', '2000', 'n/a']);
    expect(info!.widened).toEqual([{ column: 'a', from: 'float64', to: 'categorical', row: 2, line: 3, exact: false }]);
  });

  it('readJSON widens a date column to timestamp, and to text for other strings', async () => {
    const a = await readJSON({ text: '{"d":"2024-01-02"}\n{"d":"2024-01-03T10:00:00"}\n' }, { inferSchemaLength: 1 });
    expect(String(a.schema.get('d'))).toBe('timestamp[ms]?');
    expect(a.getColumn('d').toArray()).toEqual([new Date('2024-01-02T00:00:00Z'), new Date('2024-01-03T10:00:00Z')]);
    const b = await readJSON({ text: '{"d":"2024-01-02"}\n{"d":"soon"}\n' }, { inferSchemaLength: 1 });
    expect(b.getColumn('d').toArray()).toEqual(['2024-01-02', 'soon']);
  });

  it('readJSON keeps booleans exact when a bool column turns into text', async () => {
    const df = await readJSON({ text: '{"b":true}\n{"b":false}\n{"b":3}\n' }, { inferSchemaLength: 2 });
    expect(df.getColumn('b').toArray()).toEqual(['true', 'false', '3']);
  });

  it('readJSON decodes escapes, surrogate pairs and raw UTF-8 in strings and keys', async () => {
    const text = '[{"k\\u00e9y":"a\\"b\\\\c\\/d\\n\\t\\b\\f\\r","e":"\\ud83d\\ude00 😀 日本"}]';
    const df = await readJSON({ text });
    expect(df.toRecords()).toEqual(JSON.parse(text));
  });
});

describe('readJSON with a schema or dtypes', () => {
  it('readJSON with a schema types the frame and reads each value as declared', async () => {
    const schema = { id: int64('bigint'), name: utf8(), score: nullable(float64()), day: nullable(date()), ok: nullable(bool()) };
    const df = await readJSON({ text: '[{"id":1,"name":"a","score":1,"day":"2024-01-01","ok":true},{"id":2,"name":"b"}]' }, { schema });
    expectTypeOf(df.row(0).id).toEqualTypeOf<bigint>();
    expectTypeOf(df.row(0).score).toEqualTypeOf<number | null>();
    expect(df.schema.toString()).toBe('Schema { id: int64<bigint>, name: utf8, score: float64?, day: date?, ok: bool? }');
    expect(df.toRecords()).toEqual([
      { id: 1n, name: 'a', score: 1, day: new Date('2024-01-01'), ok: true },
      { id: 2n, name: 'b', score: null, day: null, ok: null },
    ]);
  });

  it('readJSON with a schema rejects a value that does not fit, naming the row and key', async () => {
    const err = await readJSON({ text: '{"a":1}\n{"a":1.5}\n' }, { schema: { a: int32() } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonParseError);
    const e = err as JsonParseError;
    expect([e.line, e.byte, e.row, e.key]).toEqual([2, 13, 1, 'a']);
    expect(e.message).toBe('NDJSON line 2 (byte 13), row 1, key "a": a number (1.5) does not fit int32: {"a":1.5}');
    await expect(readJSON({ text: '[{"s":5}]' }, { schema: { s: utf8() } })).rejects.toThrow(/element 0, key "s": a number \(5\) does not fit utf8: expected a string/);
    await expect(readJSON({ text: '[{"d":"2024-13-01"}]' }, { schema: { d: date() } })).rejects.toThrow(/a string does not fit date/);
    await expect(readJSON({ text: '[{"t":0}]' }, { schema: { t: timestamp() } })).rejects.toThrow(/a number \(0\) does not fit timestamp/);
    await expect(readJSON({ text: '[{"b":1}]' }, { schema: { b: bool() } })).rejects.toThrow(/does not fit bool/);
  });

  it('readJSON with a schema rejects a key the schema lacks, and a missing key or null in a non-nullable column', async () => {
    await expect(readJSON({ text: '[{"a":1,"b":2}]' }, { schema: { a: int32() } })).rejects.toThrow(/key "b" is not in the schema \(a\); list the keys to read in columns/);
    expect((await readJSON({ text: '[{"a":1,"b":2}]' }, { schema: { a: int32() }, columns: ['a'] })).toRecords()).toEqual([{ a: 1 }]);
    await expect(readJSON({ text: '[{"a":1},{}]' }, { schema: { a: int32() } })).rejects.toThrow(/element 1, key "a": missing key for a column that is not nullable/);
    await expect(readJSON({ text: '[{"a":null}]' }, { schema: { a: int32() } })).rejects.toThrow(/null in a column that is not nullable/);
  });

  it('readJSON with dtypes declares some keys and infers the others', async () => {
    const df = await readJSON({ text: '[{"id":"7","n":1}]' }, { dtypes: { n: float64() } });
    expect(dtypes(df)).toEqual({ id: 'utf8?', n: 'float64' });
    await expect(readJSON({ text: '[]' }, { schema: {}, dtypes: {} })).rejects.toThrow(InvalidArgumentError);
  });

  it('readJSON keeps nested values as JSON text in a declared utf8 column with nested: json', async () => {
    const df = await readJSON({ text: '[{"tags":["a","b"]},{"tags":{"x":1}}]' }, { schema: { tags: utf8() }, nested: 'json' });
    expect(df.getColumn('tags').toArray()).toEqual(['["a","b"]', '{"x":1}']);
  });
});

describe('readJSON nested values and duplicate keys', () => {
  it('readJSON reads nested values as lists and structs by default', async () => {
    const df = await readJSON({ text: '{"a":1}\n{"a":2,"tags":["x"]}\n' });
    expect(df.schema.toString()).toBe('Schema { a: int32?, tags: list<utf8?>? }');
    expect(df.toRecords()).toEqual([
      { a: 1, tags: null },
      { a: 2, tags: ['x'] },
    ]);
  });

  it("readJSON rejects a nested value with nested: 'error', naming the record and key", async () => {
    const err = await readJSON({ text: '{"a":1}\n{"a":2,"tags":["x"]}\n' }, { nested: 'error' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonParseError);
    expect((err as JsonParseError).message).toMatch(
      /^NDJSON line 2 \(byte 22\), row 1, key "tags": an array as a value \(nested: 'error'\); pass nested: 'infer' to read lists and structs, or 'json'/,
    );
  });

  it("readJSON keeps nested values as their JSON text with nested: 'json'", async () => {
    const text = '[{"a":{"b":[1, {"c":null}]},"n":1},\n{"a":[],"n":2},{"n":3}]';
    const df = await readJSON({ text }, { nested: 'json' });
    expect(String(df.schema.get('a'))).toBe('utf8?');
    expect(df.getColumn('a').toArray()).toEqual(['{"b":[1, {"c":null}]}', '[]', null]);
  });

  it('readJSON rejects a duplicate key by default and keeps the last value with duplicateKeys: last', async () => {
    await expect(readJSON({ text: '[{"a":1,"b":2,"a":3}]' })).rejects.toThrow(/element 0, key "a": duplicate key in one object/);
    const text = '[{"a":1,"b":2,"a":3},{"b":4,"a":5,"a":null}]';
    const df = await readJSON({ text }, { duplicateKeys: 'last' });
    expect(df.toRecords()).toEqual(JSON.parse(text));
    expect((await readJSON({ text: '{"a":1,"a":2}' }, { duplicateKeys: 'last', inferSchemaLength: 0 })).toRecords()).toEqual([{ a: 2 }]);
  });
});

describe('readJSON gzip input', () => {
  it('gunzips .json.gz and .ndjson.gz files, the format named by the extension under .gz', async () => {
    const { gzipSync } = await import('node:zlib');
    writeFileSync(join(dir, 'g.json.gz'), gzipSync('[{"a":1},{"a":2}]'));
    writeFileSync(join(dir, 'g.ndjson.gz'), gzipSync('{"a":1}\n{"a":2}\n'));
    writeFileSync(join(dir, 'g.jsonl.gz'), gzipSync('{"a":1}\n{"a":2}\n'));
    for (const name of ['g.json.gz', 'g.ndjson.gz', 'g.jsonl.gz']) {
      let info: JsonReadInfo | undefined;
      const df = await readJSON(join(dir, name), { onReadInfo: (i) => (info = i) });
      expect(df.toRecords(), name).toEqual([{ a: 1 }, { a: 2 }]);
      expect(info!.format, name).toBe(name.startsWith('g.json.') ? 'records' : 'ndjson');
    }
    expect((await readJSON(gzipSync('{"a":1}\n'))).toRecords()).toEqual([{ a: 1 }]);
  });
});
