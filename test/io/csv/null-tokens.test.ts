/** Common spellings of a missing value: noticed in the read info, read as null with nullValues: 'common'. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InvalidArgumentError, date, int32, nullable, readCSV, scanCSV, type CsvReadInfo, type CsvReadOptions } from '../../../src/index.js';
import { COMMON_NULL_TOKENS, isCommonNull } from '../../../src/io/csv/null-tokens.js';
import { main } from '../../../src/cli/main.js';

async function read(text: string, options: CsvReadOptions = {}): Promise<{ info: CsvReadInfo; df: Awaited<ReturnType<typeof readCSV>> }> {
  let info: CsvReadInfo | undefined;
  const df = await readCSV({ text }, { ...options, onReadInfo: (i) => (info = i) });
  return { df, info: info! };
}

describe('common null tokens, by default', () => {
  it('a column that would be numbers but for NA and - stays text, and the read info says which tokens, how often', async () => {
    const { df, info } = await read('age,d,ok,name\n31,2024-01-01,true,a\nNA,-,false,b\n-,2024-01-03,N/A,c\n40,NaN,true,NA\nNA,2024-01-05,true,x\n');
    expect(df.schema.toString()).toBe('Schema { age: utf8?, d: utf8?, ok: utf8?, name: utf8? }');
    expect(info.nullTokens).toEqual([
      { column: 'age', wouldBe: 'int32', tokens: [{ token: 'NA', count: 2 }, { token: '-', count: 1 }] },
      { column: 'd', wouldBe: 'date', tokens: [{ token: '-', count: 1 }, { token: 'NaN', count: 1 }] },
      { column: 'ok', wouldBe: 'bool', tokens: [{ token: 'N/A', count: 1 }] },
    ]);
  });

  it('counts over the whole file, beyond the inference sample, also when the token first appears after it', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 1000 === 999 ? 'NA' : String(i)));
    const late = Array.from({ length: 5000 }, (_, i) => (i === 4000 ? 'NULL' : `${i}.5`));
    const text = `a,b\n${lines.map((a, i) => `${a},${late[i]}`).join('\n')}\n`;
    const { df, info } = await read(text);
    expect(df.schema.toString()).toBe('Schema { a: utf8?, b: utf8? }');
    expect(info.nullTokens).toEqual([
      { column: 'a', wouldBe: 'int32', tokens: [{ token: 'NA', count: 5 }] },
      { column: 'b', wouldBe: 'float64', tokens: [{ token: 'NULL', count: 1 }] },
    ]);
  });

  it('says nothing for a text column that merely holds a token, or for numbers with NaN (floats)', async () => {
    const { df, info } = await read('name,x\nNA,1\nBob,NaN\nN/A,2.5\n');
    expect(df.schema.get('x').kind).toBe('float64');
    expect(info.nullTokens).toEqual([]);
  });

  it('scanCSV reports the tokens of every batch', async () => {
    let info: CsvReadInfo | undefined;
    const text = `a\n${Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 'NA' : String(i))).join('\n')}\n`;
    for await (const b of scanCSV({ text }, { batchSize: 7, onReadInfo: (i) => (info = i) })) expect(b.schema.get('a').kind).not.toBe('int32');
    expect(info!.nullTokens).toEqual([{ column: 'a', wouldBe: 'int32', tokens: [{ token: 'NA', count: 10 }] }]);
  });
});

describe("nullValues: 'common'", () => {
  it('reads exactly the documented tokens and blank fields as null, in every column', async () => {
    expect(COMMON_NULL_TOKENS).toEqual(['NA', 'N/A', 'n/a', '#N/A', 'NULL', 'null', 'Null', 'None', '-', '.', '?']);
    const fields = [...COMMON_NULL_TOKENS, ' ', '\t ', '   '];
    const text = `n,s\n${fields.map((t) => `${t},${t}`).join('\n')}\n7,x\n`;
    const { df } = await read(text, { nullValues: 'common', delimiter: ',' });
    expect(df.schema.toString()).toBe('Schema { n: int32?, s: utf8? }');
    expect(df.getColumn('n').nullCount).toBe(fields.length);
    expect(df.getColumn('s').nullCount).toBe(fields.length);
  });

  it('keeps near misses and quoted tokens as text', async () => {
    for (const t of ['na', 'Na', 'NONE', 'nil', '--', '-1x', ' NA', 'N/A ']) {
      const b = Buffer.from(t);
      expect(isCommonNull(b, 0, b.length), t).toBe(false);
    }
    const { df } = await read('s\nna\n"NA"\nNONE\n', { nullValues: 'common' });
    expect(df.getColumn('s').toArray()).toEqual(['na', 'NA', 'NONE']);
  });

  it('NaN is null in integer, boolean and date columns, the float NaN in float columns and text in text columns', async () => {
    const { df } = await read('i,f,b,d,s\n1,1.5,true,2024-01-01,x\nNaN,NaN,NaN,nan,NaN\n3,NA,false,-,y\n', { nullValues: 'common' });
    expect(df.schema.toString()).toBe('Schema { i: int32?, f: float64?, b: bool?, d: date?, s: utf8? }');
    expect(df.row(1)).toMatchObject({ i: null, b: null, d: null, s: 'NaN' });
    expect(df.getColumn('f').toArray()).toEqual([1.5, NaN, null]);
  });

  it('NaN is null in declared integer and date columns too, also after the inference sample', async () => {
    const text = `i,d\n${Array.from({ length: 3000 }, (_, i) => (i === 2500 ? 'NaN,NaN' : `${i},2024-01-01`)).join('\n')}\n`;
    const { df } = await read(text, { nullValues: 'common' });
    expect(df.schema.toString()).toBe('Schema { i: int32?, d: date? }');
    expect(df.slice(2500, 1).toRecords()).toEqual([{ i: null, d: null }]);
    const declared = await read('i,d\nNaN,NaN\n', { nullValues: 'common', dtypes: { i: nullable(int32()), d: nullable(date()) } });
    expect(declared.df.toRecords()).toEqual([{ i: null, d: null }]);
  });

  it('rejects other values of nullValues', async () => {
    await expect(readCSV({ text: 'a\n1\n' }, { nullValues: 'all' as never })).rejects.toThrow(InvalidArgumentError);
  });
});

describe('the command line', () => {
  function capture(): { stream: Writable & { isTTY?: boolean }; text: () => string } {
    let out = '';
    const stream = new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) });
    return { stream, text: () => out };
  }
  const dir = mkdtempSync(join(tmpdir(), 'colframe-null-tokens-'));
  const path = join(dir, 'ages.csv');
  writeFileSync(path, 'age,name\n31,a\nNA,b\n-,c\n40,d\n');

  it('the overview prints a one-line hint naming the column, the tokens and the flag', async () => {
    const out = capture();
    const err = capture();
    expect(await main([path], { stdout: out.stream, stderr: err.stream })).toBe(0);
    const hints = out.text().split('\n').filter((l) => l.startsWith('hint:'));
    expect(hints).toEqual([`hint: "age" would be int32 but for NA ×1, - ×1; read with --null-values common (nullValues: 'common') to take them as null`]);
  });

  it('--null-values common reads them as null', async () => {
    const out = capture();
    expect(await main(['schema', '--null-values', 'common', path], { stdout: out.stream, stderr: capture().stream })).toBe(0);
    expect(out.text()).toMatch(/age\s+┆ int32\?\s+┆\s+2/);
  });
});
