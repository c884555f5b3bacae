import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvParseError, readCSV, type CsvReadInfo, type CsvReadOptions } from '../../../src/index.js';

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
