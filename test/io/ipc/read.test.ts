import { describe, expect, it } from 'vitest';
import { createReadStream, readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import {
  ColframeError,
  DataFrame,
  InvalidArgumentError,
  IpcFormatError,
  UnsupportedError,
  readIPC,
  readIPCSync,
  type IpcReadInfo,
} from '../../../src/index.js';
import { concat } from '../../support/bytes.js';
import { sharedData } from '../../support/shared-data.js';

const arrowTesting = sharedData('arrow-testing');
const DATA = arrowTesting.path;
const FUZZ = join(DATA, 'fuzz-ipc-file');

describe('readIPC sources', () => {
  const df = DataFrame.fromColumns({ a: [1, 2, 3], s: ['x', null, 'z'] });
  const dir = mkdtempSync(join(tmpdir(), 'colframe-ipc-'));

  it('reads a file path, a file: URL, bytes, an ArrayBuffer, a SharedArrayBuffer, a readable stream and an async iterable', async () => {
    const bytes = df.toIPC();
    const path = join(dir, 'a.arrow');
    writeFileSync(path, bytes);
    const expected = df.toRecords();
    expect((await readIPC(path)).toRecords()).toEqual(expected);
    expect((await readIPC(pathToFileURL(path))).toRecords()).toEqual(expected);
    expect((await readIPC(bytes)).toRecords()).toEqual(expected);
    expect((await readIPC(bytes.slice().buffer)).toRecords()).toEqual(expected);
    const sab = new SharedArrayBuffer(bytes.length);
    new Uint8Array(sab).set(bytes);
    const shared = await readIPC(sab);
    expect(shared.toRecords()).toEqual(expected);
    expect(shared.getColumn('a').data.values.buffer).toBe(sab);
    expect((await readIPC(createReadStream(path, { highWaterMark: 7 }))).toRecords()).toEqual(expected);
    const stream = df.toIPC({ format: 'stream' });
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < stream.length; i += 5) yield stream.subarray(i, i + 5);
    }
    expect((await readIPC(chunks())).toRecords()).toEqual(expected);
  });

  it('rejects sources it cannot read, with typed errors', async () => {
    await expect(readIPC(42 as never)).rejects.toThrow(InvalidArgumentError);
    await expect(readIPC(Readable.from(['text chunk']))).rejects.toThrow(InvalidArgumentError);
    await expect(readIPC(join(dir, 'missing.arrow'))).rejects.toThrow(/ENOENT/);
    await expect(readIPC(df.toIPC(), { columns: 'a' as never })).rejects.toThrow(InvalidArgumentError);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('readIPC: streams cut at a message boundary', () => {
  const df = DataFrame.fromColumns({ a: [1, 2, 3, 4], s: ['w', 'x', null, 'z'] });
  // Two record batches, so a cut between them leaves a valid-looking shorter stream.
  const whole = concat(df.head(2).toIPC({ format: 'stream' }).subarray(0, -8), df.tail(2).toIPC({ format: 'stream' }).subarray(streamSchemaLength(df)));
  const cutAfterFirst = whole.subarray(0, df.head(2).toIPC({ format: 'stream' }).length - 8);

  it('reports format, record batches, rows and the end-of-stream marker with onReadInfo', async () => {
    const seen: IpcReadInfo[] = [];
    expect(readIPCSync(whole, { onReadInfo: (i) => seen.push(i) }).height).toBe(4);
    expect(readIPCSync(cutAfterFirst, { onReadInfo: (i) => seen.push(i) }).height).toBe(2);
    expect((await readIPC(Readable.from([cutAfterFirst]), { onReadInfo: (i) => seen.push(i) })).height).toBe(2);
    readIPCSync(df.toIPC(), { columns: ['s'], onReadInfo: (i) => seen.push(i) });
    expect(seen).toEqual([
      { format: 'stream', recordBatches: 2, rows: 4, endOfStream: true },
      { format: 'stream', recordBatches: 1, rows: 2, endOfStream: false },
      { format: 'stream', recordBatches: 1, rows: 2, endOfStream: false },
      { format: 'file', recordBatches: 1, rows: 4, endOfStream: true },
    ]);
  });

  it('refuses a stream without its end-of-stream marker under requireEndOfStream: true, naming where it ends', async () => {
    expect(readIPCSync(whole, { requireEndOfStream: true }).height).toBe(4);
    expect(() => readIPCSync(cutAfterFirst, { requireEndOfStream: true })).toThrow(IpcFormatError);
    await expect(readIPC(cutAfterFirst, { requireEndOfStream: true })).rejects.toThrow(
      `Arrow IPC, message 2, byte ${cutAfterFirst.length}: the stream ends after 1 record batch (2 rows) without the end-of-stream marker: it may be cut short`,
    );
    expect(readIPCSync(df.toIPC(), { requireEndOfStream: true }).height).toBe(4);
  });

  it('checks the new options', () => {
    expect(() => readIPCSync(whole, { requireEndOfStreams: true } as never)).toThrow('readIPCSync: unknown option "requireEndOfStreams". Did you mean "requireEndOfStream"?');
    expect(() => readIPCSync(whole, { requireEndOfStream: 'yes' } as never)).toThrow(InvalidArgumentError);
    expect(() => readIPCSync(whole, { onReadInfo: 1 } as never)).toThrow('readIPCSync: onReadInfo must be a function');
  });
});

/** Bytes of the schema message at the start of a frame's IPC stream. */
function streamSchemaLength(df: DataFrame): number {
  const b = df.toIPC({ format: 'stream' });
  return 8 + new DataView(b.buffer, b.byteOffset).getInt32(4, true); // marker, length, metadata
}

describe.skipIf(!arrowTesting.present)('readIPC rejects what it does not read', () => {
  it('rejects big-endian files and streams, naming the endianness', () => {
    for (const f of ['generated_primitive.arrow_file', 'generated_primitive.stream', 'generated_null_trivial.arrow_file', 'generated_null_trivial.stream']) {
      expect(() => readIPCSync(readFileSync(join(DATA, 'integration/1.0.0-bigendian', f)))).toThrow(/big-endian/);
      try {
        readIPCSync(readFileSync(join(DATA, 'integration/1.0.0-bigendian', f)));
      } catch (e) {
        expect(e).toBeInstanceOf(UnsupportedError);
        expect((e as UnsupportedError).feature).toBe('big-endian');
      }
    }
  });

  it('rejects a metadata version from the future (V6)', () => {
    const bytes = readFileSync(join(DATA, 'forward-compatibility/schema_v6.arrow'));
    expect(() => readIPCSync(bytes)).toThrow(UnsupportedError);
    expect(() => readIPCSync(bytes)).toThrow(/metadata version V6, newer than the V5/);
  });

  const fuzz = arrowTesting.present ? readdirSync(FUZZ).filter((f) => !f.endsWith('.md') && !f.endsWith('.json')) : [];

  it('finds the 55 fuzz regression files', () => {
    expect(fuzz).toHaveLength(55);
  });

  /**
   * Fuzz files that are valid Arrow: a ZSTD-compressed batch of two structs of lists whose only
   * trace of the fuzzer is a field renamed (`f2` → `f3` in the second struct). Every buffer
   * decompresses to its declared length and passes every check, so it reads whole (200 rows,
   * the same from the two structs but for the second one's null row).
   */
  const VALID = new Map([['clusterfuzz-testcase-minimized-arrow-ipc-file-fuzz-6088759971217408', 200]]);

  it.each(fuzz.filter((name) => !VALID.has(name)))('rejects fuzz file %s with a typed error within 1 s, also when reading no columns', (name) => {
    const bytes = readFileSync(join(FUZZ, name));
    for (const options of [{}, { columns: [] }]) {
      const t0 = performance.now();
      let err: unknown;
      try {
        readIPCSync(bytes, options);
      } catch (e) {
        err = e;
      }
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(err).toBeInstanceOf(ColframeError);
    }
  });

  it.each([...VALID])('reads fuzz file %s, which is valid Arrow, whole: %i rows', (name, rows) => {
    const df = readIPCSync(readFileSync(join(FUZZ, name)));
    expect(df.height).toBe(rows);
    expect(String(df.schema)).toBe(
      'Schema { non_null_struct: struct<f0: list<int32?>?, f1: list<list<int32?>?>?, f2: largeList<int32?>?>?, null_struct: struct<f0: list<int32?>?, f1: list<list<int32?>?>?, f3: largeList<int32?>?>? }',
    );
    const [a, b] = [df.getColumn('non_null_struct'), df.getColumn('null_struct')];
    const plain = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Int32Array) : x));
    const records = df.toRecords();
    const same = records.filter((r) => plain(r['non_null_struct']) === plain(r['null_struct']).replace('"f3"', '"f2"')).length;
    expect([a.nullCount, b.nullCount, same]).toEqual([0, 1, rows - 1]);
  });

  it('names the byte offset of a bad message length in a fuzz file', () => {
    const e = (() => {
      try {
        readIPCSync(readFileSync(join(FUZZ, 'clusterfuzz-testcase-arrow-ipc-file-fuzz-4778515122946048')));
      } catch (err) {
        return err as IpcFormatError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(IpcFormatError);
    expect(e!.byte).toBe(0);
    expect(e!.message).toMatch(/runs past the end of the input/);
  });
});
