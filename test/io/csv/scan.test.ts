import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { scanCSV } from '../../../src/index.js';

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
      gc(); // count what is held, not garbage waiting for collection
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    expect(seen).toBe(rows);
    expect(idSum).toBe((rows * (rows - 1)) / 2);
    // The input is about 13 MB; a batch of 50,000 rows is about 0.65 MB.
    expect(peak).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);
});
