import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import {
  DataFrame,
  JsonParseError,
  binary,
  decimal,
  duration,
  fixedSizeList,
  int32,
  int64,
  largeList,
  list,
  map,
  nullable,
  readJSON,
  struct,
  time,
  timestamp,
  utf8,
  type JsonReadOptions,
} from '../../../src/index.js';
import { nestedFrameArb } from '../../support/nested-values.js';

const read = (text: string, o: JsonReadOptions = {}) => readJSON({ text }, o);
const schemaOf = (df: DataFrame) => df.schema.toString();

describe('readJSON infers lists and structs', () => {
  it('reads arrays as lists and objects as structs, recursively, with fields in order of first appearance', async () => {
    const df = await read('[{"xs":[1,2],"p":{"b":"x","a":true},"pts":[{"x":1},{"x":2,"y":"q"}]},{"xs":[],"p":{"a":false,"c":1.5},"pts":null}]');
    expect(schemaOf(df)).toBe('Schema { xs: list<int32?>?, p: struct<b: utf8?, a: bool?, c: float64?>?, pts: list<struct<x: int32?, y: utf8?>?>? }');
    expect(df.toRecords()).toEqual([
      { xs: new Int32Array([1, 2]), p: { b: 'x', a: true, c: null }, pts: [{ x: 1, y: null }, { x: 2, y: 'q' }] },
      { xs: new Int32Array([]), p: { b: null, a: false, c: 1.5 }, pts: null },
    ]);
  });

  it('widens items and fields as flat columns widen: int32 → int64 → float64, dates → timestamps, finer timestamp units', async () => {
    const df = await read(
      '[{"a":[1],"b":[1],"d":["2024-01-01"],"t":["2024-01-01T00:00:00"]},{"a":[2.5],"b":[9007199254740993],"d":["2024-01-01T10:00:00"],"t":["2024-01-01T00:00:00.1234567"]}]',
    );
    expect(schemaOf(df)).toBe('Schema { a: list<float64?>?, b: list<int64?>?, d: list<utf8?>?, t: list<timestamp[ns]?>? }');
    expect(df.getColumn('t').toArray().map((x) => String((x as unknown[])[0]))).toEqual(['2024-01-01T00:00:00.000000000Z', '2024-01-01T00:00:00.123456700Z']);
    expect((await read('[{"b":[9007199254740993]},{"b":[0.5]}]')).getColumn('b').toArray()).toEqual([['9007199254740993'], ['0.5']]);
    expect(schemaOf(await read('[{"b":[9007199254740993]}]', { int64: 'bigint' }))).toBe('Schema { b: list<int64<bigint>?>? }');
  });

  it('gives an empty array alone a list of the null type, widened by the items of other arrays', async () => {
    expect(schemaOf(await read('[{"a":[]},{"a":[[]]}]'))).toBe('Schema { a: list<list<null?>?>? }');
    const df = await read('[{"a":[]},{"a":[null]},{"a":["x"]}]');
    expect(schemaOf(df)).toBe('Schema { a: list<utf8?>? }');
    expect(df.getColumn('a').toArray()).toEqual([[], [null], ['x']]);
  });

  it('keeps a column or a place mixing arrays, objects and scalars as JSON text', async () => {
    const df = await read('[{"a":[1],"b":[[1],{"x":1},2,"s"]},{"a":{"x":1},"b":null},{"a":"s"}]');
    expect(schemaOf(df)).toBe('Schema { a: utf8?, b: list<utf8?>? }');
    expect(df.getColumn('a').toArray()).toEqual(['[1]', '{"x":1}', 's']);
    expect(df.getColumn('b').toArray()).toEqual([['[1]', '{"x":1}', '2', 's'], null, null]);
  });

  it('reads a column that held scalars in the sample and arrays later as text, as it reads one that held arrays first', async () => {
    const text = '[{"a":1},{"a":[1,2]},{"a":{"k":"v"}}]';
    for (const inferSchemaLength of [1, 3]) {
      const df = await read(text, { inferSchemaLength });
      expect(df.getColumn('a').toArray()).toEqual(['1', '[1,2]', '{"k":"v"}']);
    }
    const late = await read('[{"a":1},{"a":2},{"a":3,"z":[1]}]', { inferSchemaLength: 1 });
    expect(schemaOf(late)).toBe('Schema { a: int32?, z: list<int32?>? }');
  });

  it('reads the same frame whatever the chunk size (values cut by a chunk end are read again)', async () => {
    const text = `[${Array.from({ length: 30 }, (_, i) => JSON.stringify({ i, xs: [i, i + 0.5], s: { k: `v${i}`, n: [{ z: i }] } })).join(',\n')}]`;
    const whole = await read(text);
    expect(schemaOf(whole)).toBe('Schema { i: int32?, xs: list<float64?>?, s: struct<k: utf8?, n: list<struct<z: int32?>?>?>? }');
    for (const chunkSize of [1, 7, 64]) {
      const df = await readJSON(Readable.from([Buffer.from(text)]), { chunkSize, inferSchemaLength: 3 });
      expect(df.toRecords(), `chunkSize ${chunkSize}`).toEqual(whole.toRecords());
    }
  });

  it("keeps nested values as JSON text with nested: 'json'", async () => {
    const df = await read('[{"a":[1, 2]}]', { nested: 'json' });
    expect(df.getColumn('a').toArray()).toEqual(['[1, 2]']);
  });

  it('names the record, key and place of a key repeated in a nested object; keeps the last value when asked', async () => {
    const e = await read('[{"a":1},{"a":2,"p":{"x":[{"k":1,"k":2}]}}]').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JsonParseError);
    expect((e as JsonParseError).message).toMatch(/^JSON line 1 \(byte \d+\), element 1, key "p": at \.x\[0\]: duplicate key "k" in one object/);
    expect((await read('[{"p":{"k":1,"k":2}}]', { duplicateKeys: 'last' })).toRecords()).toEqual([{ p: { k: 2 } }]);
  });
});

describe('readJSON reads declared nested dtypes', () => {
  it('reads lists, large lists, fixed-size lists, structs and maps (objects or [key, value] pairs)', async () => {
    const df = await read('[{"a":[1,2],"b":["x"],"f":[1,2],"s":{"x":"1"},"m":{"p":1,"q":2}},{"a":null,"b":[],"f":[3,4],"s":{"x":"2","y":0.5},"m":[["r",3],["r",4]]}]', {
      schema: {
        a: nullable(list(int32())),
        b: largeList(utf8()),
        f: fixedSizeList(int64(), 2),
        s: struct({ x: utf8(), y: nullable(decimal(5, 2)) }),
        m: map(utf8(), int32()),
      },
    });
    expect(df.getColumn('a').toArray()).toEqual([new Int32Array([1, 2]), null]);
    expect(df.getColumn('b').toArray()).toEqual([['x'], []]);
    expect(df.getColumn('f').toArray()).toEqual([[1, 2], [3, 4]]);
    expect(df.getColumn('s').toArray().map((v) => JSON.stringify(v))).toEqual(['{"x":"1","y":null}', '{"x":"2","y":"0.50"}']);
    expect(df.getColumn('m').toArray()).toEqual([
      [
        ['p', 1],
        ['q', 2],
      ],
      [
        ['r', 3],
        ['r', 4],
      ],
    ]);
  });

  it('reads decimals, timestamps and times in their declared units, inside values too', async () => {
    const df = await read('[{"d":"12.345","n":12.345,"t":["2024-05-01T10:00:00.123456789Z"],"h":"10:30:00.5"}]', {
      dtypes: { d: decimal(10, 3), n: decimal(38, 3), t: list(timestamp('ns', { timezone: 'UTC' })), h: time('ms') },
    });
    expect(df.toRecords().map((r) => JSON.stringify(r))).toEqual(['{"d":"12.345","n":"12.345","t":["2024-05-01T10:00:00.123456789Z"],"h":37800500}']);
    await expect(read('[{"d":1.2345}]', { dtypes: { d: decimal(10, 3) } })).rejects.toThrow(/key "d": a number \(1\.2345\) does not fit decimal\(10, 3\)/);
  });

  it('reads bytes from base64 strings', async () => {
    const df = await read('[{"b":"AAFhYg==","l":["Ilw=",null]}]', { dtypes: { b: binary(), l: list(nullable(binary())) } });
    expect(df.toRecords()).toEqual([{ b: new Uint8Array([0, 1, 97, 98]), l: [new Uint8Array([34, 92]), null] }]);
    expect(df.toJSONString()).toBe('[\n{"b":"AAFhYg==","l":["Ilw=",null]}\n]\n');
  });

  it('reads durations as integer counts', async () => {
    const df = await read('[{"d":5,"e":[-1,9223372036854775807]}]', { dtypes: { d: duration('ms'), e: list(duration('ns', 'bigint')) } });
    expect(df.toRecords()).toEqual([{ d: 5, e: [-1n, 9223372036854775807n] }]);
  });

  it('names line, record, key and the place inside the value that does not fit', async () => {
    const bad: [string, RegExp][] = [
      ['[{"a":[1,"x"]}]', /element 0, key "a": a nested value does not fit list<int32>: at \[1\]: "x" does not fit int32/],
      ['[{"a":{"x":1}}]', /a nested value does not fit list<int32>: an object does not fit list<int32>: expected an array/],
      ['[{"a":[1,null]}]', /at \[1\]: null does not fit int32 \(not nullable\)/],
    ];
    for (const [text, message] of bad) await expect(read(text, { schema: { a: list(int32()) } }), text).rejects.toThrow(message);
    await expect(read('[{"s":{"y":1}}]', { schema: { s: struct({ x: int32(), y: int32() }) } })).rejects.toThrow(/at \.x: missing key for a field that is not nullable \(int32\)/);
    await expect(read('[{"s":{"z":1}}]', { schema: { s: struct({ x: nullable(int32()) }) } })).rejects.toThrow(/key "z" is not a field of struct<x: int32\?>/);
    await expect(read('[{"f":[1]}]', { schema: { f: fixedSizeList(int32(), 2) } })).rejects.toThrow(/an array of 1 items does not fit fixedSizeList<int32, 2>/);
    await expect(read('{"a":1}\n{"a":[[1]]}\n', { format: 'ndjson', schema: { a: nullable(list(int32())) } })).rejects.toThrow(/^NDJSON line 1 \(byte 5\), row 0, key "a": a number/);
  });

  it("reads a declared nested column with nested: 'error' (the option is about inferred columns)", async () => {
    expect((await read('[{"a":[1]}]', { dtypes: { a: list(int32()) }, nested: 'error' })).getColumn('a').toArray()).toEqual([new Int32Array([1])]);
  });
});

describe('JSON round trips of nested frames', () => {
  it('readJSON(toJSONString(df), { schema }) gives back every value (property)', async () => {
    await fc.assert(
      fc.asyncProperty(nestedFrameArb(), fc.constantFrom<'records' | 'ndjson'>('records', 'ndjson'), async ({ schema, columns }, format) => {
        const df = DataFrame.fromColumns(columns, { schema });
        const back = await readJSON({ text: df.toJSONString({ format }) }, { schema, format });
        expect(schemaOf(back)).toBe(schemaOf(df));
        expect(back.toRecords()).toEqual(df.toRecords());
      }),
      { numRuns: 300 },
    );
  });

  it('the JSON text of a frame read from JSON text is that text again (property, dtypes inferred)', async () => {
    await fc.assert(
      fc.asyncProperty(nestedFrameArb({ decimals: false, maps: false }), async ({ schema, columns }) => {
        const df = DataFrame.fromColumns(columns, { schema });
        if (df.height === 0) return;
        const text = df.toJSONString();
        const back = await readJSON({ text });
        expect(back.toJSONString()).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
