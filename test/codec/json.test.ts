import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DataFrame,
  InvalidArgumentError,
  bool,
  categorical,
  date,
  float32,
  float64,
  int32,
  int64,
  nullable,
  timestamp,
  uint64,
  utf8,
} from '../../src/index.js';
import { JsonEncoder, formatJSON, resolveJsonFormat } from '../../src/codec/json.js';
import { FrameCore } from '../../src/core/frame-core.js';

describe('formatJSON', () => {
  it('formatJSON writes records as an array with one object per line, and NDJSON as one object per line', () => {
    const df = DataFrame.fromRecords([
      { a: 1, b: 'x' },
      { a: null, b: null },
    ]);
    expect(formatJSON(df.core)).toBe('[\n{"a":1,"b":"x"},\n{"a":null,"b":null}\n]\n');
    expect(formatJSON(df.core, { format: 'ndjson' })).toBe('{"a":1,"b":"x"}\n{"a":null,"b":null}\n');
    expect(df.toJSONString()).toBe(formatJSON(df.core));
  });

  it('formatJSON writes [] for a frame without rows, nothing as NDJSON, and {} rows for a frame without columns', () => {
    const empty = DataFrame.fromColumns({ a: [] as number[] });
    expect(empty.toJSONString()).toBe('[]\n');
    expect(empty.toJSONString({ format: 'ndjson' })).toBe('');
    const noCols = DataFrame.fromColumns({ a: [1, 2] }).drop('a');
    expect(noCols.toJSONString({ format: 'ndjson' })).toBe('{}\n{}\n');
  });

  it('formatJSON writes int64 beyond 2^53 exactly, NaN and infinities as null, -0 as -0.0, dates and timestamps as ISO strings', () => {
    const df = DataFrame.fromColumns(
      {
        big: [2n ** 63n - 1n, -(2n ** 63n)],
        u: [2n ** 64n - 1n, 0n],
        f: [NaN, -0],
        g: [Infinity, 1e21],
        h: [-Infinity, 5e-324],
        f32: [Math.fround(0.1), NaN],
        d: [new Date('2024-02-29'), new Date(Date.UTC(12345, 0, 1))],
        t: [new Date('2024-03-05T14:22:10.123Z'), new Date('1969-12-31T23:59:59Z')],
      },
      {
        schema: {
          big: int64('bigint'),
          u: uint64('bigint'),
          f: float64(),
          g: float64(),
          h: float64(),
          f32: float32(),
          d: date(),
          t: timestamp({ timezone: 'Europe/Oslo' }),
        },
      },
    );
    expect(df.toJSONString({ format: 'ndjson' })).toBe(
      '{"big":9223372036854775807,"u":18446744073709551615,"f":null,"g":null,"h":null,"f32":0.1,"d":"2024-02-29","t":"2024-03-05T14:22:10.123Z"}\n' +
        '{"big":-9223372036854775808,"u":0,"f":-0.0,"g":1e+21,"h":5e-324,"f32":null,"d":"+012345-01-01","t":"1969-12-31T23:59:59Z"}\n',
    );
  });

  it('formatJSON escapes quotes, backslashes and control characters and keeps other text as UTF-8', () => {
    const s = 'q"b\\s/\n\r\t\b\f\u0000\u001f\u007f\u2028é😀';
    const df = DataFrame.fromColumns({ 'k"\n': [s], c: [s] }, { schema: { 'k"\n': utf8(), c: categorical() } });
    const text = df.toJSONString({ format: 'ndjson' });
    expect(text).toBe(`${JSON.stringify({ 'k"\n': s, c: s })}\n`);
  });

  it('formatJSON rejects an unknown format', () => {
    const df = DataFrame.fromColumns({ a: [1] });
    expect(() => df.toJSONString({ format: 'lines' as never })).toThrow(InvalidArgumentError);
    expect(() => resolveJsonFormat(null as never)).toThrow(InvalidArgumentError);
  });

  it('JsonEncoder splits large frames into chunks that end at a row end', () => {
    const n = 20_000;
    const df = DataFrame.fromColumns({ i: Array.from({ length: n }, (_, i) => i), s: Array.from({ length: n }, (_, i) => `row ${i}`) });
    const chunks = [...new JsonEncoder(df.core, { format: 'ndjson' })];
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c[c.length - 1]).toBe(10);
    const records = [...new JsonEncoder(df.core)];
    expect(JSON.parse(Buffer.concat(records).toString('utf8'))).toEqual(df.toRecords());
  });

  it('formatJSON matches JSON.parse of each line against toRecords for random frames (property)', () => {
    const MS_PER_DAY = 86_400_000;
    const row = fc.record({
      i: fc.option(fc.integer(), { nil: null }),
      l: fc.option(fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }), { nil: null }),
      f: fc.option(fc.double(), { nil: null }),
      b: fc.option(fc.boolean(), { nil: null }),
      s: fc.option(fc.string({ unit: 'binary' }), { nil: null }),
      c: fc.option(fc.constantFrom('a', 'b"', '\\', '😀'), { nil: null }),
      d: fc.option(fc.integer({ min: -719_528, max: 2_932_896 }).map((d) => new Date(d * MS_PER_DAY)), { nil: null }),
      t: fc.option(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }).map((ms) => new Date(ms)), { nil: null }),
    });
    const schema = {
      i: nullable(int32()),
      l: nullable(int64('bigint')),
      f: nullable(float64()),
      b: nullable(bool()),
      s: nullable(utf8()),
      c: nullable(categorical()),
      d: nullable(date()),
      t: nullable(timestamp()),
    };
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const df = DataFrame.fromRecords(rows, { schema });
        const lines = df.toJSONString({ format: 'ndjson' }).split('\n');
        expect(lines.pop()).toBe('');
        const expected = df.toRecords().map((r) => ({
          ...r,
          l: r.l === null ? null : Number(r.l),
          f: r.f === null || !Number.isFinite(r.f) ? null : r.f,
          d: r.d === null ? null : r.d.toISOString().slice(0, 10),
          t: r.t === null ? null : r.t.toISOString().replace('.000Z', 'Z').slice(0, -1), // naive: no Z
        }));
        expect(lines.map((l) => JSON.parse(l))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatJSON of frames with no columns', () => {
  const empty = (height: number): DataFrame => DataFrame.fromCore(new FrameCore([], height));

  it('writes {} for each row, in both formats, across chunk boundaries', () => {
    for (const h of [0, 1, 2, 16_383, 16_384, 16_385, 40_000]) {
      expect(empty(h).toJSONString({ format: 'ndjson' })).toBe('{}\n'.repeat(h));
      expect(empty(h).toJSONString()).toBe(h === 0 ? '[]\n' : `[\n${Array(h).fill('{}').join(',\n')}\n]\n`);
      const chunks = [...new JsonEncoder(empty(h).core, { format: 'ndjson' })];
      expect(chunks.every((c) => c.length <= 1 << 16)).toBe(true);
    }
  });

  it('refuses at once a text longer than a string can hold, instead of writing row by row', () => {
    const t0 = performance.now();
    expect(() => empty(2 ** 31 - 1).toJSONString({ format: 'ndjson' })).toThrow(
      'df.toJSONString: the JSON text of 2,147,483,647 rows is 6,442,450,941 bytes, longer than the longest string (536,870,888 characters); write it with writeJSON',
    );
    expect(() => formatJSON(empty(2 ** 28).core)).toThrow(expect.objectContaining({ code: 'ERR_STRING_TOO_LONG' }));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
