import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvParseError, Instant, readCSV, scanCSV, timestamp, type CsvReadInfo, type CsvReadOptions, type DataFrame } from '../../../src/index.js';
import { failure } from '../../support/failure.js';

const read = (text: string, o: CsvReadOptions = {}) => readCSV({ text }, o);
const NS_PER = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n } as const;

/** The stored counts of column `name` (exact bigints, nulls as null). */
function counts(df: DataFrame, name: string): (bigint | null)[] {
  const c = df.getColumn(name);
  const v = c.data.values as BigInt64Array;
  return Array.from({ length: c.length }, (_, i) => (c.isNull(i) ? null : v[i]!));
}

/** Nanoseconds since the epoch of an ISO text built from parts, computed independently of the reader. */
function nanosOf(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string, offsetMin = 0): bigint {
  return (BigInt(Date.UTC(y, mo - 1, d, h, mi, s)) - BigInt(offsetMin) * 60_000n) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0');
}
const p2 = (n: number) => String(n).padStart(2, '0');

describe('readCSV infers the timestamp unit from the fraction digits', () => {
  it('reads up to 3 digits as ms, 4–6 as us and 7–9 as ns, naive and with a zone', async () => {
    const df = await read(
      'ms,us,ns,zus,zns\n' +
        '2024-05-01T10:00:00.123,2024-05-01T10:00:00.1234,2024-05-01T10:00:00.1234567,2024-05-01T10:00:00.123456Z,2024-05-01T12:00:00.123456789+02:00\n' +
        '2024-05-01T10:00:00,2024-05-01T10:00:00.123456,2024-05-01T10:00:00.123456789,2024-05-01T10:00:00Z,2024-05-01T10:00:00Z\n',
    );
    expect(df.schema.toString()).toBe('Schema { ms: timestamp[ms]?, us: timestamp[us]?, ns: timestamp[ns]?, zus: timestamp[us, UTC]?, zns: timestamp[ns, UTC]? }');
    expect(counts(df, 'us')).toEqual([1714557600123400n, 1714557600123456n]);
    expect(counts(df, 'ns')).toEqual([1714557600123456700n, 1714557600123456789n]);
    expect(counts(df, 'zns')).toEqual([1714557600123456789n, 1714557600000000000n]);
    expect(df.row(1).ms).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect(String(df.row(0).us)).toBe('2024-05-01T10:00:00.123400Z');
    expect(df.row(0).ns).toBeInstanceOf(Instant);
  });

  it('reads every digit exactly, before and after 1970 (property, against the parts of the text)', async () => {
    const ts = fc.record({
      y: fc.integer({ min: 1678, max: 2261 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
      frac: fc.stringMatching(/^[0-9]{1,9}$/),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(ts, { minLength: 1, maxLength: 8 }), async (values) => {
        const texts = values.map((v) => `${v.y}-${p2(v.mo)}-${p2(v.d)}T${p2(v.h)}:${p2(v.mi)}:${p2(v.s)}.${v.frac}`);
        const df = await read(`t\n${texts.join('\n')}\n`);
        const digits = Math.max(...values.map((v) => v.frac.length));
        const unit = digits <= 3 ? 'ms' : digits <= 6 ? 'us' : 'ns';
        expect(String(df.schema.get('t'))).toBe(`timestamp[${unit}]?`);
        expect(counts(df, 't')).toEqual(values.map((v) => nanosOf(v.y, v.mo, v.d, v.h, v.mi, v.s, v.frac) / NS_PER[unit]));
      }),
      { numRuns: 150 },
    );
  });

  it('takes the finest unit of a column mixing precisions, also when the finer values come after the sample', async () => {
    const text = `t\n${['2024-01-01T00:00:00.5', '2024-01-01T00:00:01', '2024-01-01T00:00:02.25', '2024-01-01T00:00:03.1234', '2024-01-01T00:00:04.123456789'].join('\n')}\n`;
    const whole = await read(text);
    expect(String(whole.schema.get('t'))).toBe('timestamp[ns]?');
    const infos: CsvReadInfo[] = [];
    const late = await read(text, { inferSchemaLength: 2, onReadInfo: (i) => infos.push(i) });
    expect(String(late.schema.get('t'))).toBe('timestamp[ns]?');
    expect(counts(late, 't')).toEqual(counts(whole, 't'));
    expect(infos[0]!.widened.map((w) => [w.from, w.to, w.line])).toEqual([
      ['timestamp[ms]', 'timestamp[us]', 5],
      ['timestamp[us]', 'timestamp[ns]', 6],
    ]);
  });

  it('reads a column as text when a value with nanosecond digits meets one outside the years nanoseconds hold', async () => {
    // No nanosecond digits: microseconds hold both.
    expect(String((await read('t\n2024-01-01T00:00:00.123456\n1500-01-01T00:00:00\n')).schema.get('t'))).toBe('timestamp[us]?');
    expect(String((await read('t\n2024-01-01T00:00:00.1234567\n1500-01-01T00:00:00\n')).schema.get('t'))).toBe('utf8?');
    const late = await read('t\n2024-01-01T00:00:00.1234567\n2024-01-01T00:00:00.2\n2263-01-01T00:00:00\n', { inferSchemaLength: 1 });
    expect(late.getColumn('t').toArray()).toEqual(['2024-01-01T00:00:00.1234567', '2024-01-01T00:00:00.2', '2263-01-01T00:00:00']);
  });

  it('keeps naive and zoned values apart at every unit', async () => {
    expect(String((await read('t\n2024-01-01T00:00:00.1234Z\n2024-01-01T00:00:00.1234\n')).schema.get('t'))).toBe('utf8?');
  });

  it('scanCSV infers the same units and widens within its first batch', async () => {
    const text = `t\n${Array.from({ length: 10 }, (_, i) => `2024-01-01T00:00:0${i}.${i === 7 ? '1234567' : '5'}`).join('\n')}\n`;
    const batches: DataFrame[] = [];
    for await (const b of scanCSV({ text }, { inferSchemaLength: 3, batchSize: 100 })) batches.push(b);
    expect(String(batches[0]!.schema.get('t'))).toBe('timestamp[ns]?');
    expect(counts(batches[0]!, 't')).toEqual(counts(await read(text), 't'));
  });
});

describe('readCSV reads declared timestamp units exactly', () => {
  it('reads wall times and instants in the declared unit, wall times in the column zone', async () => {
    const text = 'a,b,c\n2024-05-01T10:00:00.123456,2024-05-01T10:00:00.5,2024-05-01T10:00:00.123456789+02:00\n2024-05-01T10:00:00,2024-05-01T10:00:00,2024-05-01T10:00:00\n';
    const df = await read(text, { schema: { a: timestamp('us'), b: timestamp('ms', { timezone: 'Europe/Oslo' }), c: timestamp('ns', { timezone: 'UTC' }) } });
    expect(counts(df, 'a')).toEqual([1714557600123456n, 1714557600000000n]);
    expect(counts(df, 'b')).toEqual([1714550400500n, 1714550400000n]); // 10:00 in Oslo (UTC+2) is 08:00Z
    expect(counts(df, 'c')).toEqual([1714550400123456789n, 1714557600000000000n]);
    // A fraction finer than seconds does not fit timestamp[s]: only the whole second reads.
    await expect(read(text, { schema: { a: timestamp('us'), b: timestamp('s'), c: timestamp('ns') } })).rejects.toThrow(/line 2.*column "b".*does not fit timestamp\[s\]/);
    const s = await read('b\n2024-05-01T12:00:00\n2024-05-01T12:00:00.000\n', { dtypes: { b: timestamp('s', { timezone: 'Europe/Oslo' }) } });
    expect(counts(s, 'b')).toEqual([1714557600n, 1714557600n]); // 12:00 in Oslo (UTC+2) is 10:00Z
  });

  it('takes zeros beyond the unit but refuses any other digit, naming line, column and value', async () => {
    const ok = await read('t\n2024-05-01T10:00:00.123456000\n', { dtypes: { t: timestamp('us') } });
    expect(counts(ok, 't')).toEqual([1714557600123456n]);
    const e = await failure(() => read('t\n2024-05-01T10:00:00.1\n2024-05-01T10:00:00.1234567\n', { dtypes: { t: timestamp('us') } }));
    expect(e).toBeInstanceOf(CsvParseError);
    expect((e as CsvParseError).line).toBe(3);
    expect(e.message).toMatch(/column "t": "2024-05-01T10:00:00.1234567" does not fit timestamp\[us\]/);
  });

  it('honours onBadRow for a value with too many digits', async () => {
    const text = 't,x\n2024-05-01T10:00:00.1,1\n2024-05-01T10:00:00.1234567,2\n';
    const infos: CsvReadInfo[] = [];
    const nulled = await read(text, { dtypes: { t: timestamp('us') }, onBadRow: 'null', onReadInfo: (i) => infos.push(i) });
    expect(counts(nulled, 't')).toEqual([1714557600100000n, null]);
    expect(infos[0]!.nulledValues.map((v) => [v.line, v.column, v.value])).toEqual([[3, 't', '2024-05-01T10:00:00.1234567']]);
    const skipped = await read(text, { dtypes: { t: timestamp('us') }, onBadRow: 'skip' });
    expect(skipped.getColumn('x').toArray()).toEqual([1]);
  });

  it('reads the extreme values of each unit and refuses one beyond', async () => {
    const ns = await read('t\n1677-09-21T00:12:43.145224192\n2262-04-11T23:47:16.854775807\n', { dtypes: { t: timestamp('ns') } });
    expect(counts(ns, 't')).toEqual([-(2n ** 63n), 2n ** 63n - 1n]);
    await expect(read('t\n2262-04-11T23:47:16.854775808\n', { dtypes: { t: timestamp('ns') } })).rejects.toThrow(CsvParseError);
    const us = await read('t\n-290308-12-21T19:59:05.224192\n+294247-01-10T04:00:54.775807\n', { dtypes: { t: timestamp('us') } });
    expect(counts(us, 't')).toEqual([-(2n ** 63n), 2n ** 63n - 1n]);
  });
});
