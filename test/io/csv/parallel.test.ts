import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CsvParseError, decimal, largeUtf8, nullable, readCSV, timestamp, type CsvReadInfo, type CsvReadOptions, type DataFrame } from '../../../src/index.js';
import { formatDecimal } from '../../../src/dtype/values.js';
import { readCSVParallelForTest } from '../../../src/io/csv/read.js';

const dir = mkdtempSync(join(tmpdir(), 'colframe-par-'));
let n = 0;
function file(text: string): string {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, text);
  return p;
}
const two: CsvReadOptions = { threads: 2, parallelMinBytes: 1 };
const one: CsvReadOptions = { threads: 1 };

function rows(count: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(line(i));
  return out.join('\n') + '\n';
}

describe('readCSV on two threads', () => {
  it('gives the same frame as one thread', async () => {
    const p = file(`id,name,amount,flag,city,note\n${rows(20_000, (i) => `${i},n${i},${(i % 1000) / 4},${i % 2 === 0},c${i % 30},"say ""${i}"", ok"`)}`);
    const a = await readCSV(p, one);
    const b = await readCSV(p, two);
    expect(b.schema.toString()).toBe(a.schema.toString());
    expect(b.toRecords()).toEqual(a.toRecords());
    expect(b.schema.get('city').kind).toBe('categorical');
  });

  it('reconciles a column that widened in one half only', async () => {
    // The second half has floats and a long-tail of new categories.
    const p = file(`x,c\n${rows(20_000, (i) => (i < 15_000 ? `${i},k${i % 5}` : `${i}.5,v${i}`))}`);
    const a = await readCSV(p, one);
    const b = await readCSV(p, two);
    expect(b.schema.toString()).toBe(a.schema.toString());
    expect(b.toRecords()).toEqual(a.toRecords());
  });

  it('reads a column as text when the second half has text in a numeric column', async () => {
    const p = file(`x\n${rows(20_000, (i) => (i === 19_000 ? 'oops' : String(i)))}`);
    const b = await readCSV(p, two);
    expect(b.schema.get('x').kind).toBe('utf8');
    expect(b.getColumn('x').get(19_000)).toBe('oops');
    expect(b.getColumn('x').get(5)).toBe('5');
  });

  it('falls back to one thread when the split lands inside a quoted field', async () => {
    // One huge quoted field with newlines spans the middle of the file.
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n');
    const p = file(`a,b\n1,x\n2,"${big}"\n3,y\n`);
    const b = await readCSV(p, two);
    expect(b.height).toBe(3);
    expect((b.getColumn('b').get(1) as string).split('\n').length).toBe(20_000);
  });

  it('reports an error in the second half with its real line number', async () => {
    const p = file(`a,b\n${rows(20_000, (i) => (i === 18_000 ? `${i}` : `${i},${i}`))}`);
    const e = await readCSV(p, two).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CsvParseError);
    expect((e as CsvParseError).line).toBe(18_002);
    const e1 = (await readCSV(p, one).catch((x: unknown) => x)) as CsvParseError;
    expect([(e as CsvParseError).line, (e as CsvParseError).byte]).toEqual([e1.line, e1.byte]);
  });

  it('counts bad rows from both halves', async () => {
    const p = file(`a,b\n${rows(20_000, (i) => (i % 5000 === 7 ? `${i}` : `${i},${i}`))}`);
    const infos: CsvReadInfo[] = [];
    const b = await readCSV(p, { ...two, onBadRow: 'skip', onReadInfo: (x) => infos.push(x) });
    expect(b.height).toBe(20_000 - 4);
    expect(infos[0]!.badRows).toBe(4);
    expect(infos[0]!.badRowSamples.map((r) => r.line)).toEqual([9, 5009, 10009, 15009]);
  });
});

describe('readCSV on two threads, read info', () => {
  it('counts common null tokens over both halves, as one thread does', async () => {
    const p = file(`x,y\n${rows(20_000, (i) => `${i % 997 === 0 ? 'NA' : i},y${i % 3}`)}`);
    const infos: CsvReadInfo[] = [];
    await readCSV(p, { ...one, onReadInfo: (i) => infos.push(i) });
    await readCSV(p, { ...two, onReadInfo: (i) => infos.push(i) });
    expect(infos[0]!.nullTokens).toEqual([{ column: 'x', wouldBe: 'int32', tokens: [{ token: 'NA', count: 21 }] }]);
    expect(infos[1]!.nullTokens).toEqual(infos[0]!.nullTokens);
  });
});

describe('readCSV on two threads, int64 and floats', () => {
  it('does not round int64 beyond 2^53 when the other half has floats: the column is text, as on one thread', async () => {
    // Sampled as int32; the first half widens to int64 (beyond 2^53), the second half to float64.
    const p = file(`x\n${rows(20_000, (i) => (i < 1000 ? String(i) : i < 5000 ? String(2n ** 60n + BigInt(i)) : i < 12_000 ? String(i) : `${i}.5`))}`);
    const a = await readCSV(p, one);
    const b = await readCSV(p, two);
    expect(b.schema.toString()).toBe(a.schema.toString());
    expect(b.getColumn('x').get(3000)).toBe(String(2n ** 60n + 3000n));
  });
});

describe('readCSV on two threads gives the one-thread frame bit for bit, wherever it splits', () => {
  // Values that make an inferred column widen after the sample, in either share: int32 → int64 →
  // float64 → text, -0 in an integer share, integers beyond ±2^53, NaN / inf, dates → timestamps.
  const number = fc.constantFrom('1', '-7', '0', '-0', '2147483648', '-9007199254740992', '9007199254740993', '-36028797018963971', '1.5', '-0.0', 'NaN', 'inf', '1e300', '');
  const other = fc.constantFrom('x', 'true', '2020-01-02', '2020-01-02T03:04:05');
  const small = fc.oneof({ arbitrary: fc.constantFrom('1', '2', '-0', '3'), weight: 8 }, { arbitrary: fc.constantFrom('1.5', '-0.0', 'NaN'), weight: 1 });
  const value = fc.oneof({ arbitrary: small, weight: 20 }, { arbitrary: number, weight: 10 }, { arbitrary: other, weight: 1 });
  const table = fc.record({
    columns: fc.integer({ min: 1, max: 3 }),
    // Column a: small integers, -0 and a few floats; b: any number; c: anything.
    rows: fc.array(fc.tuple(small, fc.oneof({ arbitrary: small, weight: 6 }, { arbitrary: number, weight: 1 }), value), { minLength: 2, maxLength: 40 }),
    split: fc.integer({ min: 0, max: 999 }).map((k) => k / 1000),
    infer: fc.integer({ min: 1, max: 4 }),
  });

  const bytesOf = (df: DataFrame) => Buffer.from(df.toIPC({ format: 'stream' }));

  it('matches the one-thread read in dtypes and bytes (property, second share on this thread)', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ columns, rows: body, split, infer }) => {
        const names = ['a', 'b', 'c'].slice(0, columns);
        const p = file(`${names.join(',')}\n${body.map((r) => r.slice(0, columns).join(',')).join('\n')}\n`);
        const o: CsvReadOptions = { inferSchemaLength: infer };
        const a = await readCSV(p, { ...o, threads: 1 });
        const b = await readCSVParallelForTest(p, o, { split, inline: true });
        expect(b.schema.toString()).toBe(a.schema.toString());
        expect(bytesOf(b).equals(bytesOf(a))).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps -0 and integers beyond 2^53 when the halves widen differently (worker thread)', async () => {
    // First share widens to float64; the second stays integers, with -0 and then an integer beyond
    // 2^53 that a float64 would round: text on both paths, the -0 and the big integer kept.
    const p2 = file(`x,y\n1,1\n1.5,2.5\n7,7\n-0,-0\n8,9007199254740993\n`);
    const b = await readCSVParallelForTest(p2, { inferSchemaLength: 1 }, { split: 0.3 });
    expect(b.schema.toString()).toBe('Schema { x: float64?, y: utf8? }');
    expect(Object.is(b.getColumn('x').get(3), -0)).toBe(true);
    expect(b.getColumn('y').toArray()).toEqual(['1', '2.5', '7', '-0', '9007199254740993']);
    expect(bytesOf(b).equals(bytesOf(await readCSV(p2, { threads: 1, inferSchemaLength: 1 })))).toBe(true);
  });
});

describe('readCSV on two threads: timestamp units', () => {
  // Timestamps whose unit an inferred column widens to in either share (ms → us → ns), one
  // outside the years nanoseconds hold (text when it meets nanosecond digits), and the zoned kind.
  const naive = fc.constantFrom('2020-01-02T03:04:05', '2020-01-02T03:04:05.5', '2020-01-02T03:04:05.123456', '1969-12-31T23:59:59.9999999', '2020-01-02T03:04:05.123456789', '1500-01-01T00:00:00', '');
  const zoned = fc.constantFrom('2020-01-02T03:04:05Z', '2020-01-02T05:04:05.25+02:00', '2020-01-02T03:04:05.1234Z', '2020-01-02T03:04:05.123456789Z', '');
  const table = fc.record({
    rows: fc.array(fc.tuple(naive, zoned), { minLength: 2, maxLength: 40 }),
    split: fc.integer({ min: 0, max: 999 }).map((k) => k / 1000),
    infer: fc.integer({ min: 1, max: 4 }),
  });
  const bytesOf = (df: DataFrame) => Buffer.from(df.toIPC({ format: 'stream' }));

  it('matches the one-thread read in dtypes and bytes (property, second share on this thread)', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ rows: body, split, infer }) => {
        const p = file(`t,z\n${body.map((r) => r.join(',')).join('\n')}\n`);
        const o: CsvReadOptions = { inferSchemaLength: infer };
        const a = await readCSV(p, { ...o, threads: 1 });
        const b = await readCSVParallelForTest(p, o, { split, inline: true });
        expect(b.schema.toString()).toBe(a.schema.toString());
        expect(bytesOf(b).equals(bytesOf(a))).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps declared and inferred units when a worker thread reads the second share', async () => {
    const p = file(`a,b\n${rows(20_000, (i) => `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.${i < 15_000 ? '5' : '123456789'},2024-01-01T00:00:00.${String(i).padStart(6, '0')}`)}`);
    const a = await readCSV(p, { ...one, dtypes: { b: timestamp('us') } });
    const b = await readCSV(p, { ...two, dtypes: { b: timestamp('us') } });
    expect(b.schema.toString()).toBe('Schema { a: timestamp[ns]?, b: timestamp[us] }');
    expect(b.schema.toString()).toBe(a.schema.toString());
    expect(bytesOf(b).equals(bytesOf(a))).toBe(true);
  });
});

describe('readCSV on two threads: declared decimals and large strings', () => {
  /** The columns' value words, offsets and validity bits (the IPC writer does not take decimals yet). */
  const bytesOf = (df: DataFrame) =>
    Buffer.concat(
      df.getColumns().flatMap((c) => {
        const d = c.data;
        const bits = Array.from({ length: d.length }, (_, i) => (c.isNull(i) ? 0 : 1));
        const parts = [d.values as Uint8Array, (d.valueOffsets ?? new Uint8Array(0)) as Uint8Array, new Uint8Array(bits)];
        return parts.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength));
      }),
    );
  const dec = fc.oneof(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((v) => formatDecimal(v, 3)), fc.constantFrom('', '1', '-0.5', '1e3', '0.100'));

  it('matches the one-thread read in bytes (property, second share on this thread)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(dec, dec), { minLength: 2, maxLength: 40 }), fc.integer({ min: 0, max: 999 }), async (body, k) => {
        const p = file(`a,b,s\n${body.map((r) => [...r, r[0]].join(',')).join('\n')}\n`);
        const o: CsvReadOptions = { dtypes: { a: nullable(decimal(38, 3)), b: nullable(decimal(76, 4)), s: nullable(largeUtf8()) } };
        const a = await readCSV(p, { ...o, threads: 1 });
        const b = await readCSVParallelForTest(p, o, { split: k / 1000, inline: true });
        expect(b.schema.toString()).toBe(a.schema.toString());
        expect(bytesOf(b).equals(bytesOf(a))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('joins the worker thread share exactly', async () => {
    const p = file(`d\n${rows(20_000, (i) => `${i}.${String(i % 1000).padStart(3, '0')}`)}`);
    const a = await readCSV(p, { ...one, dtypes: { d: decimal(20, 3) } });
    const b = await readCSV(p, { ...two, dtypes: { d: decimal(20, 3) } });
    expect(String(b.getColumn('d').get(19_999))).toBe('19999.999');
    expect(bytesOf(b).equals(bytesOf(a))).toBe(true);
  });
});
