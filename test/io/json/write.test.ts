import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough, Writable } from 'node:stream';
import { DataFrame, InvalidArgumentError, readJSON, writeJSON } from '../../../src/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'colframe-json-write-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const df = DataFrame.fromRecords([
  { id: 1, note: 'a "q"' },
  { id: 2, note: null },
]);

describe('writeJSON', () => {
  it('writeJSON writes exactly the bytes of toJSONString, in the format the extension names', async () => {
    for (const [name, format] of [
      ['a.json', 'records'],
      ['a.ndjson', 'ndjson'],
      ['a.jsonl', 'ndjson'],
      ['a.txt', 'records'],
    ] as const) {
      const p = join(dir, name);
      await writeJSON(df, p);
      expect(readFileSync(p, 'utf8')).toBe(df.toJSONString({ format }));
    }
    const p = join(dir, 'b.json');
    await writeJSON(df, pathToFileURL(p), { format: 'ndjson' });
    expect(readFileSync(p, 'utf8')).toBe('{"id":1,"note":"a \\"q\\""}\n{"id":2,"note":null}\n');
  });

  it('writeJSON streams a large frame to a writable stream and ends it, or keeps it open with end: false', async () => {
    const n = 50_000;
    const big = DataFrame.fromColumns({ i: Array.from({ length: n }, (_, i) => i) });
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    await writeJSON(big, out, { format: 'ndjson' });
    expect(out.writableEnded).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect((await readJSON(Buffer.concat(chunks), { format: 'ndjson' })).getColumn('i').toArray()).toEqual(big.getColumn('i').toArray());
    const pass = new PassThrough();
    await writeJSON(df, pass, { format: 'ndjson', end: false });
    expect(pass.writableEnded).toBe(false);
    pass.end();
  });

  it('writeJSON rejects an unknown format before touching the destination, and reports a missing folder', async () => {
    const p = join(dir, 'never.json');
    await expect(writeJSON(df, p, { format: 'csv' as never })).rejects.toThrow(InvalidArgumentError);
    expect(() => readFileSync(p)).toThrow();
    await expect(writeJSON(df, join(dir, 'no', 'such', 'x.json'))).rejects.toThrow(/ENOENT/);
  });
});
