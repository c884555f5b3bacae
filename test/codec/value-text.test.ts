import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  DataFrame,
  Decimal,
  Instant,
  decimal,
  int32,
  list,
  map,
  nullable,
  readCSV,
  readJSON,
  struct,
  time,
  timestamp,
  utf8,
  writeCSV,
  writeJSON,
  type AnyDType,
} from '../../src/index.js';
import { everyDtypeVectors, frameOf } from '../support/every-dtype.js';
import { nestedFrameArb } from '../support/nested-values.js';

/** Each column of the every-dtype frame written alone (no header), its three rows as CSV lines. */
const CSV_LINES: Record<string, [string, string, string]> = {
  null: ['', '', ''],
  bool: ['true', '', 'false'],
  i8: ['-128', '', '127'],
  i64: ['9223372036854775807', '', '-9223372036854775808'],
  u64: ['18446744073709551615', '', '0'],
  f16: ['0.5', '', '65504.0'],
  f32: ['0.1', '', '-3.5'],
  f64: ['12.0', '', '1e-7'],
  dec: ['12.3400', '', '-0.0005'],
  str: ['Ada', '', '"a\nb"'],
  lstr: ['big', '', '""'],
  bin: ['AAFhYg==', '', '""'],
  lbin: ['Ilw=', '', '/w=='],
  fbin: ['AQI=', '', 'aGk='],
  cat: ['x', '', 'y'],
  date: ['2024-05-01', '', '+5881580-07-11'],
  ts_s: ['2024-05-01T10:00:00', '', '+146138514283-06-19T07:45:04'],
  ts_ms: ['2024-05-01T10:00:00.123Z', '', '1969-12-31T23:59:59.999Z'],
  ts_us: ['2024-05-01T10:00:00.123456', '', '2024-05-01T10:00:00'],
  ts_ns: ['2024-05-01T10:00:00.123456789Z', '', '1969-12-31T23:59:59.999999999Z'],
  t_s: ['10:30:00', '', '00:00:00'],
  t_ms: ['10:30:00.123', '', '23:59:59.999'],
  t_us: ['10:30:00.123456', '', '00:00:00'],
  t_ns: ['10:30:00.123456789', '', '00:00:00.000000001'],
  d_s: ['93784', '', '-90'],
  d_ms: ['93784500', '', '0'],
  d_us: ['123', '', '1500000'],
  d_ns: ['-5', '', '9223372036854775807'],
  iv_ym: ['P1Y2M', '', 'P-1M'],
  iv_dt: ['P3DT0.004S', '', 'P0D'],
  iv_mdn: ['P1M2DT0.000000003S', '', 'PT-0.000000001S'],
  list: ['"[1.0,2.0]"', '', '[]'],
  list_str: ['"[""a"",""b\\""c""]"', '[null]', '[]'],
  nested: ['"[[1],[2,3]]"', '"[null,[]]"', ''],
  fsl: ['"[1,2]"', '', '"[null,4]"'],
  struct: ['"{""a"":1,""b"":""x""}"', '', '"{""a"":null,""b"":""<&>""}"'],
  map: ['"{""a"":1,""b"":null}"', '', '{}'],
  union: ['7', '', 'u<v>'],
};

describe('CSV and JSON text of every dtype', () => {
  const vectors = everyDtypeVectors();

  it('writes each dtype to CSV exactly: every digit of decimals, 64-bit integers, timestamps and times; bytes as base64; nested values as JSON text', () => {
    expect(Object.keys(CSV_LINES).sort()).toEqual(Object.keys(vectors).sort());
    for (const [name, lines] of Object.entries(CSV_LINES)) {
      expect(frameOf({ [name]: vectors[name]! }).toCSV({ header: false }), name).toBe(lines.map((l) => `${l}\n`).join(''));
    }
  });

  it('writes each dtype to JSON: decimals and 64-bit integers as exact numbers, nested values as nested JSON', () => {
    const lines = frameOf(vectors).toJSONString({ format: 'ndjson' }).trimEnd().split('\n');
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toContain('"i64":9223372036854775807,"u64":18446744073709551615,');
    expect(lines[0]).toContain('"dec":12.3400,');
    expect(lines[2]).toContain('"dec":-0.0005,');
    expect(rows[0]).toMatchObject({
      null: null,
      f16: 0.5,
      bin: 'AAFhYg==',
      ts_us: '2024-05-01T10:00:00.123456',
      ts_ns: '2024-05-01T10:00:00.123456789Z',
      t_ns: '10:30:00.123456789',
      d_ns: -5,
      iv_mdn: { months: 1, days: 2, nanoseconds: 3 },
      list: [1, 2],
      list_str: ['a', 'b"c'],
      nested: [[1], [2, 3]],
      struct: { a: 1, b: 'x' },
      map: { a: 1, b: null },
      union: 7,
    });
    expect(lines[0]).toContain('"list":[1.0,2.0]');
    expect(Object.values(rows[1]!).filter((v) => v !== null)).toEqual([[null], [null, []]]);
    expect(rows[2]).toMatchObject({ ts_s: '+146138514283-06-19T07:45:04', f16: 65504, fsl: [null, 4], map: {}, union: 'u<v>', nested: null });
  });

  it('writes a map with keys that are not strings, or a row repeating a key, as [key, value] pairs', () => {
    const df = DataFrame.fromColumns(
      {
        byInt: [[[1, 'a'], [2, null]], []],
        byText: [[['k', 1], ['k', 2]], [['j', 3]]],
      },
      { schema: { byInt: map(int32(), nullable(utf8())), byText: map(utf8(), int32()) } },
    );
    expect(df.toJSONString({ format: 'ndjson' })).toBe('{"byInt":[[1,"a"],[2,null]],"byText":[["k",1],["k",2]]}\n{"byInt":[],"byText":{"j":3}}\n');
  });

  it('writeCSV and writeJSON write the same bytes as toCSV and toJSONString', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'colframe-text-'));
    const df = frameOf(vectors);
    await writeCSV(df, join(dir, 'a.csv'));
    await writeJSON(df, join(dir, 'a.json'));
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(df.toCSV());
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(df.toJSONString());
  });
});

describe('CSV round trips of timestamps, decimals and times', () => {
  const unitArb = fc.constantFrom<'s' | 'ms' | 'us' | 'ns'>('s', 'ms', 'us', 'ns');
  const count = (unit: 's' | 'ms' | 'us' | 'ns') =>
    unit === 'ns' ? fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) : fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((v) => (unit === 's' ? v / 1000n : v));

  it('writeCSV then readCSV with the same dtypes gives every value back (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        unitArb.chain((unit) => fc.tuple(fc.constant(unit), fc.boolean(), fc.array(fc.option(count(unit), { nil: null }), { minLength: 1, maxLength: 8 }))),
        fc.tuple(fc.integer({ min: 1, max: 76 }), fc.integer({ min: 0, max: 76 })).chain(([p, s]) => {
          const scale = Math.min(s, p);
          const lim = 10n ** BigInt(p) - 1n;
          return fc.tuple(fc.constant(p), fc.constant(scale), fc.array(fc.option(fc.bigInt({ min: -lim, max: lim }), { nil: null }), { minLength: 8, maxLength: 8 }));
        }),
        async ([unit, zoned, counts], [p, s, unscaled]) => {
          const n = counts.length;
          const tsType: AnyDType = nullable(timestamp(unit, { timezone: zoned ? 'UTC' : null }));
          const decType: AnyDType = nullable(decimal(p, s));
          const toTs = (c: bigint | null) => (c === null ? null : unit === 'ms' ? new Date(Number(c)) : unit === 's' ? new Date(Number(c) * 1000) : new Instant(c, unit));
          const df = DataFrame.fromColumns(
            { t: counts.map(toTs), d: unscaled.slice(0, n).map((u) => (u === null ? null : new Decimal(u, s))) },
            { schema: { t: tsType, d: decType } },
          );
          const back = await readCSV({ text: df.toCSV() }, { schema: { t: tsType, d: decType } });
          expect(back.getColumn('t').data.values).toEqual(df.getColumn('t').data.values.subarray(0, n));
          expect(back.toRecords()).toEqual(df.toRecords());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads times back in their unit', async () => {
    const df = DataFrame.fromColumns({ a: [37_800_123_456, 0], b: [1, 86_399_999] }, { schema: { a: time('us'), b: time('ms') } });
    expect(df.toCSV()).toBe('a,b\n10:30:00.123456,00:00:00.001\n00:00:00,23:59:59.999\n');
    expect((await readCSV({ text: df.toCSV() }, { schema: { a: time('us'), b: time('ms') } })).toRecords()).toEqual(df.toRecords());
  });

  it('infers microseconds and nanoseconds back from the digits written', async () => {
    const df = DataFrame.fromColumns({ us: [new Instant(1n, 'us')], ns: [new Instant(-1n, 'ns')] }, { schema: { us: timestamp('us'), ns: timestamp('ns', { timezone: 'UTC' }) } });
    expect((await readCSV({ text: df.toCSV() })).schema.toString()).toBe('Schema { us: timestamp[us]?, ns: timestamp[ns, UTC]? }');
  });

  it('nested values written to CSV read back as JSON text that readJSON reads (property)', async () => {
    await fc.assert(
      fc.asyncProperty(nestedFrameArb(), async ({ schema, columns }) => {
        const df = DataFrame.fromColumns(columns, { schema });
        if (df.height === 0) return;
        const text = await readCSV({ text: df.toCSV() }, { dtypes: Object.fromEntries(Object.keys(schema).map((k) => [k, nullable(utf8())])) });
        // Each field holds the value's JSON text, as toJSONString writes it.
        const json = JSON.parse(df.toJSONString()) as Record<string, unknown>[];
        for (const name of Object.keys(schema)) {
          const cells = text.getColumn(name).toArray();
          cells.forEach((cell, i) => expect(cell === null ? null : JSON.parse(cell as string)).toEqual(json[i]![name]));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('JSON decimals', () => {
  it('writes decimals as exact JSON numbers that readJSON reads back exactly with a schema', async () => {
    const schema = { d: decimal(38, 10), s: struct({ x: list(decimal(30, 2)) }) };
    const df = DataFrame.fromColumns({ d: [new Decimal(12345678901234567890123456789n, 10)], s: [{ x: [new Decimal(-1n, 2)] }] }, { schema });
    const text = df.toJSONString();
    expect(text).toBe('[\n{"d":1234567890123456789.0123456789,"s":{"x":[-0.01]}}\n]\n');
    expect((await readJSON({ text }, { schema })).toRecords()).toEqual(df.toRecords());
  });
});
