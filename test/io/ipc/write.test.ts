import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { tableFromIPC } from 'apache-arrow';
import { DataFrame, InvalidArgumentError, readIPC, readIPCSync, writeIPC } from '../../../src/index.js';
import { sharedData } from '../../support/shared-data.js';

const arrowTesting = sharedData('arrow-testing');

describe('writeIPC', () => {
  const df = DataFrame.fromColumns({ a: [1, null, 3], s: ['x', 'y', null] });

  it('writes exactly df.toIPC(options) to a file, in either format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'colframe-ipc-w-'));
    try {
      for (const format of ['file', 'stream'] as const) {
        const path = join(dir, `out.${format}`);
        await writeIPC(df, path, { format });
        const bytes = readFileSync(path);
        expect(new Uint8Array(bytes)).toEqual(df.toIPC({ format }));
        expect((await readIPC(path)).toRecords()).toEqual(df.toRecords());
        expect(tableFromIPC(bytes).numRows).toBe(3);
      }
      const s = createWriteStream(join(dir, 'via-stream.arrow'));
      await writeIPC(df, s);
      expect(readIPCSync(readFileSync(join(dir, 'via-stream.arrow'))).toRecords()).toEqual(df.toRecords());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a stream open with end: false', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeIPC(df, out, { format: 'stream', end: false });
    expect(out.writableEnded).toBe(false);
    out.end();
    expect(readIPCSync(Buffer.concat(chunks)).toRecords()).toEqual(df.toRecords());
  });

  it('rejects an unknown format, alignment or destination', async () => {
    await expect(writeIPC(df, join(tmpdir(), 'x.arrow'), { format: 'parquet' as 'file' })).rejects.toThrow(InvalidArgumentError);
    await expect(writeIPC(df, join(tmpdir(), 'x.arrow'), { alignment: 3 as 8 })).rejects.toThrow(InvalidArgumentError);
    await expect(writeIPC(df, 42 as never)).rejects.toThrow(InvalidArgumentError);
    expect(() => df.toIPC({ format: 'csv' as 'file' })).toThrow(/format must be 'file' or 'stream'/);
  });

  it.skipIf(!arrowTesting.present)('keeps schema and field custom metadata through a write and a read (arrow-testing gold file)', () => {
    const withMeta = readIPCSync(
      readFileSync(arrowTesting.file('integration/cpp-21.0.0/generated_custom_metadata.arrow_file')),
      { columns: ['sort_of_pandas', 'lots_of_meta'] },
    );
    expect(withMeta.schema.metadata?.size).toBeGreaterThan(0);
    const back = readIPCSync(withMeta.toIPC());
    expect([...back.schema.metadata!]).toEqual([...withMeta.schema.metadata!]);
    expect([...back.schema.fields[1]!.metadata!]).toEqual([...withMeta.schema.fields[1]!.metadata!]);
    const t = tableFromIPC(withMeta.toIPC({ format: 'stream' }));
    expect([...t.schema.metadata]).toEqual([...withMeta.schema.metadata!]);
    expect([...t.schema.fields[1]!.metadata]).toEqual([...withMeta.schema.fields[1]!.metadata!]);
  });
});
