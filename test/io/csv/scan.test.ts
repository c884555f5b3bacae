import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CsvParseError, readCSV, scanCSV, type CsvReadInfo, type CsvScanOptions, type DataFrame } from '../../../src/index.js';

/** A lazily generated CSV of `rows` rows, 200 rows a chunk (the whole text never exists at once). */
async function* generated(rows: number): AsyncGenerator<Buffer> {
  yield Buffer.from('id,name,amount\n');
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(`${i},"name ${i % 97}, quoted",${(i % 1000) / 10}\n`);
    if (lines.length === 200) {
      yield Buffer.from(lines.join(''));
      lines = [];
    }
  }
  if (lines.length > 0) yield Buffer.from(lines.join(''));
}

describe('scanCSV memory', () => {
  it('holds one batch and one chunk at a time, however large the input', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const rows = 400_000;
    let seen = 0;
    let idSum = 0;
    let peak = 0;
    gc();
    const before = process.memoryUsage().arrayBuffers;
    for await (const batch of scanCSV(generated(rows), { batchSize: 50_000 })) {
      seen += batch.height;
      for (const v of batch.getColumn('id')) idSum += v as number;
      // Count what is held, not garbage waiting for collection: V8 frees array buffer memory in a
      // sweeper task after the collection, so let it run and collect again before reading.
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    expect(seen).toBe(rows);
    expect(idSum).toBe((rows * (rows - 1)) / 2);
    // The input is about 13 MB; a batch of 50,000 rows is about 0.65 MB.
    expect(peak).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);
});

describe('scanCSV dtypes and widening', () => {
  /** Rows `i` of `gross`: int32 values, then one beyond int32 at row `at`. */
  function grossCsv(rows: number, at: number, big = '3000000000'): string {
    return `title,gross\n${Array.from({ length: rows }, (_, i) => `m${i},${i === at ? big : i * 1000}`).join('\n')}\n`;
  }
  async function all(text: string, options: CsvScanOptions = {}): Promise<{ batches: DataFrame[]; info: CsvReadInfo | undefined }> {
    const batches: DataFrame[] = [];
    let info: CsvReadInfo | undefined;
    for await (const b of scanCSV({ text }, { ...options, onReadInfo: (i) => (info = i) })) batches.push(b);
    return { batches, info };
  }

  it('widens within the first batch, so a value beyond int32 after the 1000 sampled rows reads as readCSV reads it', async () => {
    const text = grossCsv(3201, 1234, '2767891499');
    const { batches } = await all(text);
    const whole = await readCSV({ text });
    expect(batches).toHaveLength(1);
    expect(batches[0]!.schema.toString()).toBe(whole.schema.toString());
    expect(batches[0]!.schema.get('gross').kind).toBe('int64');
  });

  it('widens exactly within the first batch, and every later batch keeps the wider dtype', async () => {
    const { batches, info } = await all(grossCsv(30, 12), { batchSize: 20, inferSchemaLength: 5 });
    expect(batches.map((b) => b.schema.get('gross').kind)).toEqual(['int64', 'int64']);
    expect(batches[0]!.getColumn('gross').get(12)).toBe(3_000_000_000);
    expect(batches[0]!.getColumn('gross').get(3)).toBe(3000);
    expect(info!.widened).toEqual([{ column: 'gross', from: 'int32', to: 'int64', line: 14, exact: true }]);
  });

  it('a value that needs widening after the first batch is an error naming the column, line, row, value and the fix', async () => {
    const err = await all(grossCsv(50, 42), { batchSize: 20, inferSchemaLength: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    const e = err as CsvParseError;
    expect(e.column).toBe('gross');
    expect(e.line).toBe(44);
    expect(e.message).toContain('"3000000000" does not fit int32 in row 42');
    expect(e.message).toContain('scanCSV fixed the dtypes from the first 20 rows');
    expect(e.message).toContain('pass { dtypes: { "gross": int64() } } or a larger inferSchemaLength');
    const f = (await all(grossCsv(50, 42, '1.5'), { batchSize: 20, inferSchemaLength: 20 }).catch((x: unknown) => x)) as Error;
    expect(f.message).toContain('"gross": float64()');
  });

  it('a float column cannot become text exactly within a scan: the error suggests utf8', async () => {
    const text = `x\n${Array.from({ length: 10 }, (_, i) => (i === 7 ? 'oops' : `${i}.5`)).join('\n')}\n`;
    const err = (await all(text, { inferSchemaLength: 3 }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(CsvParseError);
    expect(err.message).toContain('"x": utf8()');
    // An integer column can: its earlier values keep their exact text.
    const ints = `x\n${Array.from({ length: 10 }, (_, i) => (i === 7 ? 'oops' : String(i))).join('\n')}\n`;
    const { batches } = await all(ints, { inferSchemaLength: 3 });
    expect(batches[0]!.getColumn('x').toArray()).toEqual(['0', '1', '2', '3', '4', '5', '6', 'oops', '8', '9']);
  });

  it("onBadRow: 'null' reports every nulled value with its row, column and text", async () => {
    const text = `a,b\n${Array.from({ length: 30 }, (_, i) => (i % 11 === 10 ? `x${i},${i}` : `${i},${i}`)).join('\n')}\n`;
    const { batches, info } = await all(text, { batchSize: 5, inferSchemaLength: 5, onBadRow: 'null' });
    expect(batches.map((b) => b.height)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(batches.every((b) => b.schema.get('a').kind === 'int32')).toBe(true);
    expect(info!.nulledValues).toEqual([
      { row: 10, line: 12, column: 'a', value: 'x10', reason: expect.stringContaining('"x10" does not fit int32 in row 10') },
      { row: 21, line: 23, column: 'a', value: 'x21', reason: expect.stringContaining('"x21" does not fit int32 in row 21') },
    ]);
  });
});
