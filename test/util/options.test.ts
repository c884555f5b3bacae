/**
 * Every options object of the public API rejects a key it does not know, naming it and the
 * closest known option, instead of ignoring it.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  DataFrame,
  InvalidArgumentError,
  UnknownOptionError,
  col,
  createPool,
  float64,
  int32,
  makeBuilder,
  planIPCFile,
  planIPCStream,
  readCSV,
  readIPC,
  readIPCSync,
  readJSON,
  scanCSV,
  sparkline,
  writeCSV,
  writeIPC,
  writeJSON,
} from '../../src/index.js';
import { checkOptions } from '../../src/util/options.js';

let dir = '';
const df = DataFrame.fromColumns({ a: [1, 2, 2], b: ['x', 'y', 'y'] });
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'colframe-options-'));
  writeFileSync(join(dir, 'a.csv'), 'a,b\n1,x\n');
  writeFileSync(join(dir, 'a.json'), '[{"a":1}]');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sink = (): Writable => new Writable({ write: (_c, _e, cb) => cb() });

/** [where, a call with a misspelled key, the key it should suggest]. */
type Case = readonly [string, (bad: Record<string, unknown>) => unknown, string];

// The misspelled key is the suggested one with one letter dropped (`delimiter` → `delimter`).
const cases: readonly Case[] = [
  ['readCSV', (o) => readCSV(join(dir, 'a.csv'), o), 'delimiter'],
  ['scanCSV', (o) => scanCSV(join(dir, 'a.csv'), o).next(), 'batchSize'],
  ['writeCSV', (o) => writeCSV(df, sink(), o), 'lineEnding'],
  ['df.toCSV', (o) => df.toCSV(o), 'nullValue'],
  ['readJSON', (o) => readJSON(join(dir, 'a.json'), o), 'inferSchemaLength'],
  ['writeJSON', (o) => writeJSON(df, sink(), o), 'format'],
  ['df.toJSONString', (o) => df.toJSONString(o), 'format'],
  ['readIPC', (o) => readIPC(df.toIPC(), o), 'columns'],
  ['readIPCSync', (o) => readIPCSync(df.toIPC(), o), 'checkValues'],
  ['writeIPC', (o) => writeIPC(df, sink(), o), 'alignment'],
  ['df.toIPC', (o) => df.toIPC(o), 'format'],
  ['planIPCStream', (o) => planIPCStream(df, o), 'alignment'],
  ['planIPCFile', (o) => planIPCFile(df, o), 'alignment'],
  ['df.toString', (o) => df.toString(o), 'maxRows'],
  ['df.glimpse', (o) => df.glimpse(o), 'maxValues'],
  ['df.toMarkdown', (o) => df.toMarkdown(o), 'showShape'],
  ['df.toHTML', (o) => df.toHTML(o), 'showDtypes'],
  ['plot.hist', (o) => df.plot.hist('a', o), 'bins'],
  ['plot.bar', (o) => df.plot.bar('b', o), 'top'],
  ['sparkline', (o) => sparkline([1, 2], o), 'max'],
  ['DataFrame.fromColumns', (o) => DataFrame.fromColumns({ a: [1] }, o), 'schema'],
  ['DataFrame.fromRecords', (o) => DataFrame.fromRecords([{ a: 1 }], o), 'schema'],
  ['DataFrame.fromArrow', (o) => DataFrame.fromArrow(df.toArrow(), o), 'int64'],
  ['df.toRecords', (o) => df.toRecords(o), 'int64'],
  ['sort', (o) => df.sort('a', o), 'descending'],
  ['join', (o) => df.join(df, { on: 'a', ...o }), 'suffix'],
  ['df.unique', (o) => df.unique(o), 'subset'],
  ['DataFrame.concat', (o) => DataFrame.concat([df, df], o), 'how'],
  ['df.cast', (o) => df.cast({ a: float64() }, o), 'strict'],
  ['cast', (o) => col('a').cast(float64(), o), 'strict'],
  ['str.contains', (o) => col('b').str.contains('x', o), 'literal'],
  ['str.replace', (o) => col('b').str.replace('x', 'y', o), 'literal'],
  ['df.valueCounts', (o) => df.valueCounts('b', o), 'sort'],
  ['makeBuilder', (o) => makeBuilder(int32(), 'a', o), 'capacity'],
  ['createPool', (o) => createPool(o), 'size'],
];

/** The key with one letter (not the first) dropped: a likely typo. */
function typo(key: string): string {
  const i = Math.max(1, Math.floor(key.length / 2));
  return key.slice(0, i) + key.slice(i + 1);
}

async function errorOf(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('every public options object rejects an unknown key', () => {
  it.each(cases)('%s rejects a misspelled option, naming it and suggesting the right one', async (where, call, key) => {
    const bad = typo(key);
    const err = await errorOf(() => call({ [bad]: 1 }));
    expect(err, `${where} accepted { ${bad}: 1 }`).toBeInstanceOf(UnknownOptionError);
    const e = err as UnknownOptionError;
    expect(e.code).toBe('UNKNOWN_OPTION');
    expect(e.option).toBe(bad);
    expect(e.where).toBe(where);
    expect(e.suggestion).toBe(key);
    expect(e.message).toContain(`${where}: unknown option "${bad}". Did you mean "${key}"?`);
    expect(e.allowed).toContain(key);
  });

  it('pool methods reject misspelled options too', async () => {
    const pool = createPool({ size: 1 });
    try {
      for (const [where, call] of [
        ['pool.map', (o: object) => pool.map(df, './x.ts', 'f', o)],
        ['pool.filter', (o: object) => pool.filter(df, col('a').gt(1), o)],
        ['pool.groupByAgg', (o: object) => pool.groupByAgg(df, ['b'], { n: col('a').sum() }, o)],
      ] as const) {
        const err = await errorOf(() => call({ partitons: 2 }));
        expect(err, where).toBeInstanceOf(UnknownOptionError);
        expect((err as UnknownOptionError).message).toContain(`${where}: unknown option "partitons". Did you mean "partitions"?`);
      }
    } finally {
      await pool.close();
    }
  });

  it('options that are not an object are an InvalidArgumentError', async () => {
    expect(await errorOf(() => readCSV(join(dir, 'a.csv'), 'x' as never))).toBeInstanceOf(InvalidArgumentError);
    expect(() => df.sort('a', null as never)).toThrow(InvalidArgumentError);
    expect(() => df.toString([] as never)).toThrow(InvalidArgumentError);
  });

  it('the readers also check cheap values: one-character delimiter, encoding, int64', async () => {
    expect(await errorOf(() => readCSV(join(dir, 'a.csv'), { delimiter: ';;' }))).toBeInstanceOf(InvalidArgumentError);
    expect(await errorOf(() => readCSV(join(dir, 'a.csv'), { encoding: 'utf-8' as never }))).toBeInstanceOf(InvalidArgumentError);
    expect(await errorOf(() => readCSV(join(dir, 'a.csv'), { int64: 'big' as never }))).toBeInstanceOf(InvalidArgumentError);
  });
});

describe('checkOptions', () => {
  it('passes undefined and known keys, and names every known option in the message', () => {
    const opts: { a?: number; bb?: number } = { a: 1 };
    expect(() => checkOptions(opts, ['a', 'bb'], 'f')).not.toThrow();
    expect(() => checkOptions(undefined as { a?: number } | undefined, ['a'], 'f')).not.toThrow();
    expect(() => checkOptions({ zzz: 1 } as { a?: number }, ['a'], 'f')).toThrow('f: unknown option "zzz". Options: a');
  });

  it('the key list must name every key of the options type (a compile-time check)', () => {
    const opts: { a?: number; b?: number } = {};
    // @ts-expect-error -- 'b' is missing from the list
    checkOptions(opts, ['a'], 'f');
    // @ts-expect-error -- 'c' is not an option
    checkOptions(opts, ['a', 'b', 'c'], 'f');
    expectTypeOf(checkOptions).returns.toBeVoid();
  });
});
