import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvParseError, DataFrame, UnsupportedTypeError, int32, list, struct, Decimal, binary, decimal, duration, fixedSizeBinary, largeBinary, largeUtf8, nullType, nullable, readCSV, time, type CsvReadInfo, type CsvReadOptions } from '../../../src/index.js';
import { formatDecimal } from '../../../src/dtype/values.js';
import { failure } from '../../support/failure.js';

const read = (text: string, o: CsvReadOptions = {}) => readCSV({ text }, o);

describe('readCSV reads declared decimals exactly', () => {
  it('reads signs, fractions, exponents and leading points into the column scale', async () => {
    const df = await read('d\n12.34\n-0.5\n+7\n.25\n1.5e2\n-12e-2\n0.000\n', { dtypes: { d: decimal(10, 2) } });
    expect(df.getColumn('d').toArray().map(String)).toEqual(['12.34', '-0.50', '7.00', '0.25', '150.00', '-0.12', '0.00']);
    expect(df.row(0).d).toBeInstanceOf(Decimal);
  });

  it('reads every decimal of 128 and 256 bits exactly (property, against the unscaled integer)', async () => {
    const cases = fc.oneof(
      fc.record({ p: fc.constant(38), s: fc.integer({ min: 0, max: 38 }), bits: fc.constant(128 as const) }),
      fc.record({ p: fc.constant(76), s: fc.integer({ min: 0, max: 76 }), bits: fc.constant(256 as const) }),
      fc.record({ p: fc.constant(18), s: fc.integer({ min: 0, max: 18 }), bits: fc.constant(64 as const) }),
      fc.record({ p: fc.constant(9), s: fc.integer({ min: 0, max: 9 }), bits: fc.constant(32 as const) }),
    );
    await fc.assert(
      fc.asyncProperty(cases.chain((c) => fc.tuple(fc.constant(c), fc.array(fc.bigInt({ min: -(10n ** BigInt(c.p)) + 1n, max: 10n ** BigInt(c.p) - 1n }), { minLength: 1, maxLength: 6 }))), async ([c, values]) => {
        const df = await read(`d\n${values.map((v) => formatDecimal(v, c.s)).join('\n')}\n`, { dtypes: { d: decimal(c.p, c.s, { bitWidth: c.bits }) } });
        expect(df.getColumn('d').toArray().map((d) => (d as Decimal).unscaled)).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });

  it('takes trailing zeros beyond the scale but refuses other digits, too many digits and non-numbers', async () => {
    expect(String((await read('d\n1.2300\n', { dtypes: { d: decimal(5, 2) } })).row(0).d)).toBe('1.23');
    for (const bad of ['1.234', '1234.5', '1e4', 'abc', '1.2.3', '', '-', '1e']) {
      const e = await failure(() => read(`x,d\n1,${bad === '' ? '""' : bad}\n`, { dtypes: { d: decimal(5, 2) } }));
      expect(e, bad).toBeInstanceOf(CsvParseError);
      expect((e as CsvParseError).line).toBe(2);
      expect((e as CsvParseError).column).toBe('d');
    }
  });

  it('honours onBadRow', async () => {
    const infos: CsvReadInfo[] = [];
    const df = await read('d\n1.5\n99999999\n2\n', { dtypes: { d: decimal(4, 1) }, onBadRow: 'null', onReadInfo: (i) => infos.push(i) });
    expect(df.getColumn('d').toArray().map((d) => (d === null ? null : String(d)))).toEqual(['1.5', null, '2.0']);
    expect(infos[0]!.nulledValues.map((v) => [v.line, v.value])).toEqual([[3, '99999999']]);
    expect((await read('d\n1.5\n99999999\n2\n', { dtypes: { d: decimal(4, 1) }, onBadRow: 'skip' })).height).toBe(2);
  });
});

describe('readCSV reads declared times, durations, large strings and the null type', () => {
  it('reads durations as integer counts of their unit, exactly', async () => {
    const df = await read('d,e\n93784,-5\n,9223372036854775807\n', { dtypes: { d: nullable(duration('s')), e: duration('ns', 'bigint') } });
    expect(df.toRecords()).toEqual([
      { d: 93784, e: -5n },
      { d: null, e: 9223372036854775807n },
    ]);
    expect(df.toCSV()).toBe('d,e\n93784,-5\n,9223372036854775807\n');
    await expect(read('d\n1.5\n', { dtypes: { d: duration('ms') } })).rejects.toThrow(/"1.5" does not fit duration\[ms\]/);
  });

  it('reads times of day in each unit', async () => {
    const text = 't\n10:30:00.123456\n00:00\n23:59:59\n';
    const us = await read(text, { dtypes: { t: time('us') } });
    expect(us.getColumn('t').toArray()).toEqual([37_800_123_456, 0, 86_399_000_000]);
    const ns = await read(text, { dtypes: { t: time('ns') } });
    expect(ns.getColumn('t').toArray()).toEqual([37_800_123_456_000, 0, 86_399_000_000_000]);
    await expect(read(text, { dtypes: { t: time('ms') } })).rejects.toThrow(/line 2.*"10:30:00.123456" does not fit time\[ms\]/);
    await expect(read('t\n24:00:00\n', { dtypes: { t: time('s') } })).rejects.toThrow(CsvParseError);
    expect((await read('t\n12:00:01.000\n', { dtypes: { t: time('s') } })).getColumn('t').toArray()).toEqual([43_201]);
  });

  it('reads largeUtf8 as utf8 with 64-bit offsets, and a null-type column of empty fields', async () => {
    const df = await read('s,n\nhé,\n"",\n', { dtypes: { s: largeUtf8(), n: nullType() } });
    expect(String(df.schema.get('s'))).toBe('largeUtf8');
    expect(df.getColumn('s').data.valueOffsets).toBeInstanceOf(BigInt64Array);
    expect(df.toRecords()).toEqual([
      { s: 'hé', n: null },
      { s: '', n: null },
    ]);
    await expect(read('n\nx\n', { dtypes: { n: nullType() } })).rejects.toThrow(/"x" does not fit null/);
    expect((await read('s\nx\n\n', { dtypes: { s: nullable(largeUtf8()) } })).getColumn('s').toArray()).toEqual(['x', null]);
  });
});

describe('readCSV reads declared bytes from base64 text', () => {
  it('reads binary, largeBinary and fixedSizeBinary as the writers spell them (property: every byte string round-trips)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.uint8Array({ maxLength: 9 }), { nil: null }), { minLength: 1, maxLength: 6 }), async (values) => {
        const schema = { b: nullable(binary()), l: nullable(largeBinary()) };
        const df = DataFrame.fromColumns({ b: values, l: values }, { schema });
        const back = await read(df.toCSV(), { schema });
        expect(back.toRecords()).toEqual(df.toRecords());
      }),
      { numRuns: 200 },
    );
    const fixed = await read('f\nAQI=\naGk=\n', { dtypes: { f: fixedSizeBinary(2) } });
    expect(fixed.getColumn('f').toArray()).toEqual([new Uint8Array([1, 2]), new Uint8Array([104, 105])]);
  });

  it('refuses text that is not base64, or of another fixed size', async () => {
    for (const bad of ['A', 'AB=C', 'A===', '$$$$', 'AQI']) await expect(read(`b\n${bad}\n`, { dtypes: { b: binary() } }), bad).rejects.toThrow(/does not fit binary/);
    await expect(read('f\nAQID\n', { dtypes: { f: fixedSizeBinary(2) } })).rejects.toThrow(/does not fit fixedSizeBinary\(2\)/);
  });
});

describe('readCSV refuses dtypes text fields cannot hold', () => {
  it('names the column of a declared list, struct or interval', async () => {
    await expect(read('a\n1\n', { dtypes: { a: list(int32()) } })).rejects.toThrow('Field "a" has Arrow type list<int32>, which colframe does not support as a CSV column dtype (read it as utf8, or read JSON or Arrow IPC)');
    await expect(read('a\n1\n', { dtypes: { a: struct({ x: int32() }) } })).rejects.toThrow(UnsupportedTypeError);
  });
});
