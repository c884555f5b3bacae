import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataFrame,
  IpcFormatError,
  UnknownOptionError,
  UnsupportedError,
  InvalidArgumentError,
  bool,
  categorical,
  date,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  nullable,
  planIPCStream,
  readIPC,
  readIPCSync,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  writeIPC,
  type IpcCompression,
} from '../../../src/index.js';
import { compressBuffer, MAX_UNCOMPRESSED_BUFFER } from '../../../src/codec/ipc/compression.js';
import { recordBatchMessage } from '../../../src/codec/ipc/encode.js';
import { decodeMessage, type IpcRecordBatch } from '../../../src/codec/ipc/metadata.js';
import { concat } from '../../support/bytes.js';
import { EOS, body, f, frame, schema } from '../../support/ipc-messages.js';
import { sharedData } from '../../support/shared-data.js';

const CODECS: readonly IpcCompression[] = ['lz4', 'zstd'];
const CODE = { lz4: 0, zstd: 1 } as const;

/** A stream of one int32 field `x` whose record batch body holds the given (prefixed) buffers. */
function compressedStream(rows: number, nullCount: number, buffers: (Uint8Array | null)[], codec: number, nullable_ = false): Uint8Array {
  const b = body(...buffers);
  const meta = recordBatchMessage({ length: rows, nodes: [[rows, nullCount]], buffers: b.buffers, compression: codec }, b.body.length);
  return concat(schema([f.int32('x', nullable_)]), frame(meta, b.body), EOS);
}

/** A buffer with an explicit 8-byte prefix. */
function prefixed(declared: bigint, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length);
  new DataView(out.buffer).setBigInt64(0, declared, true);
  out.set(data, 8);
  return out;
}

function ipcError(bytes: Uint8Array): IpcFormatError {
  let err: unknown;
  try {
    readIPCSync(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(IpcFormatError);
  return err as IpcFormatError;
}

/** Every dtype colframe holds, with nulls. */
function everyType(): DataFrame {
  const n = 300;
  const idx = Array.from({ length: n }, (_, i) => i);
  const maybe = <T>(v: T, i: number): T | null => (i % 7 === 3 ? null : v);
  return DataFrame.fromColumns(
    {
      b: idx.map((i) => maybe(i % 3 === 0, i)),
      i8: idx.map((i) => maybe((i % 200) - 100, i)),
      i16: idx.map((i) => maybe(i * 100 - 15000, i)),
      i32: idx.map((i) => maybe(i * 1_000_003, i)),
      i64: idx.map((i) => maybe(BigInt(i) * 10_000_000_000n - 7n, i)),
      u8: idx.map((i) => maybe(i % 256, i)),
      u16: idx.map((i) => maybe(i * 200, i)),
      u32: idx.map((i) => maybe(i * 14_000_000, i)),
      u64: idx.map((i) => maybe(BigInt(i) * 2n ** 55n, i)),
      f32: idx.map((i) => maybe(Math.fround(i / 3), i)),
      f64: idx.map((i) => maybe(Math.sin(i), i)),
      s: idx.map((i) => maybe(`row ${i % 17} ü`, i)),
      c: idx.map((i) => maybe(['red', 'green', 'blue'][i % 3]!, i)),
      d: idx.map((i) => maybe(new Date((i - 150) * 86_400_000), i)),
      t: idx.map((i) => maybe(new Date(1_700_000_000_000 + i * 1234), i)),
      tz: idx.map((i) => maybe(new Date(1_700_000_000_000 - i * 999), i)),
      plain: idx,
    },
    {
      schema: {
        b: nullable(bool()),
        i8: nullable(int8()),
        i16: nullable(int16()),
        i32: nullable(int32()),
        i64: nullable(int64('bigint')),
        u8: nullable(uint8()),
        u16: nullable(uint16()),
        u32: nullable(uint32()),
        u64: nullable(uint64('bigint')),
        f32: nullable(float32()),
        f64: nullable(float64()),
        s: nullable(utf8()),
        c: nullable(categorical()),
        d: nullable(date()),
        t: nullable(timestamp()),
        tz: nullable(timestamp({ timezone: 'UTC' })),
        plain: int32(),
      },
    },
  ) as DataFrame;
}

/** The record batch (last message) of a stream written with `planIPCStream`. */
function lastBatch(df: DataFrame, compression: IpcCompression): { bytes: Uint8Array; batch: IpcRecordBatch; bodyOffset: number } {
  const p = planIPCStream(df, { compression });
  const bytes = new Uint8Array(p.byteLength);
  p.writeInto(bytes);
  const m = p.messages[p.messages.length - 1]!;
  const msg = decodeMessage(bytes.subarray(m.offset + 8, m.bodyOffset), m.offset + 8, p.messages.length - 1);
  if (msg.header.kind !== 'recordBatch') throw new Error('not a record batch');
  return { bytes, batch: msg.header.batch, bodyOffset: m.bodyOffset };
}

function bufferList(b: IpcRecordBatch): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < b.buffers.length; i++) out.push([b.buffers.fb.i64(b.buffers.start + 16 * i, ''), b.buffers.fb.i64(b.buffers.start + 16 * i + 8, '')]);
  return out;
}

describe('compressed IPC: round trips', () => {
  const df = everyType();
  const records = df.toRecords({ int64: 'bigint' });

  for (const compression of CODECS) {
    it(`${compression}: every dtype with nulls reads back equal, from the file and the stream format`, () => {
      for (const format of ['file', 'stream'] as const) {
        const bytes = df.toIPC({ format, compression });
        const back = readIPCSync(bytes, { int64: 'bigint' });
        expect(String(back.schema)).toBe(String(df.schema));
        expect(back.toRecords({ int64: 'bigint' })).toEqual(records);
        expect(bytes.length).toBeLessThan(df.toIPC({ format }).length);
      }
    });

    it(`${compression}: a sliced frame (bit offsets off byte boundaries) and empty frames read back`, () => {
      const sliced = df.slice(13, 101);
      expect(readIPCSync(sliced.toIPC({ compression }), { int64: 'bigint' }).toRecords({ int64: 'bigint' })).toEqual(sliced.toRecords({ int64: 'bigint' }));
      const none = df.slice(0, 0);
      const back = readIPCSync(none.toIPC({ compression, format: 'stream' }), { int64: 'bigint' });
      expect(back.shape).toEqual([0, df.width]);
      expect(String(back.schema)).toBe(String(df.schema));
      expect(readIPCSync(DataFrame.fromColumns({}).toIPC({ compression })).shape).toEqual([0, 0]);
    });

    it(`${compression}: writeIPC writes a compressed file that readIPC reads`, async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'colframe-comp-')), 'out.arrow');
      await writeIPC(df, path, { compression });
      expect(new Uint8Array(readFileSync(path))).toEqual(df.toIPC({ compression }));
      expect((await readIPC(path, { int64: 'bigint' })).toRecords({ int64: 'bigint' })).toEqual(records);
    });

    it(`${compression}: declares the codec in every record and dictionary batch`, () => {
      const p = planIPCStream(df, { compression });
      const bytes = new Uint8Array(p.byteLength);
      p.writeInto(bytes);
      const kinds = p.messages.slice(1).map((m, i) => {
        const msg = decodeMessage(bytes.subarray(m.offset + 8, m.bodyOffset), m.offset + 8, i + 1);
        return msg.header.kind === 'schema' ? null : msg.header.batch.compression;
      });
      expect(kinds).toEqual([CODE[compression], CODE[compression]]); // the categorical's dictionary, then the record batch
    });

    it(`${compression}: a buffer that does not shrink is stored raw behind a -1 prefix; empty buffers have no prefix`, () => {
      let seed = 7;
      const noise = Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 255);
      const rnd = DataFrame.fromColumns({ r: noise }, { schema: { r: uint8() } }) as DataFrame;
      const { bytes, batch, bodyOffset } = lastBatch(rnd, compression);
      const [validity, data] = bufferList(batch);
      expect(validity).toEqual([0, 0]); // no nulls: an empty validity buffer, no prefix
      expect(data![1]).toBe(8 + 4096);
      const at = bodyOffset + data![0];
      expect(new DataView(bytes.buffer).getBigInt64(at, true)).toBe(-1n);
      expect([...bytes.subarray(at + 8, at + 8 + 4096)]).toEqual(noise);
      expect(readIPCSync(bytes).getColumn('r').toArray()).toEqual(noise);
      // compressBuffer itself: the same rule, and an empty buffer stays empty.
      const raw = Uint8Array.from(noise);
      expect([...compressBuffer(compression, raw).subarray(0, 8)]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
      expect(compressBuffer(compression, new Uint8Array(0)).length).toBe(0);
      const zeros = compressBuffer(compression, new Uint8Array(4096));
      expect(new DataView(zeros.buffer, zeros.byteOffset).getBigInt64(0, true)).toBe(4096n);
      expect(zeros.length).toBeLessThan(200);
    });
  }

  it('checks the compression option: unknown keys name the closest, unknown codecs are refused', async () => {
    expect(() => df.toIPC({ compresion: 'lz4' } as never)).toThrow(UnknownOptionError);
    expect(() => df.toIPC({ compresion: 'lz4' } as never)).toThrow(/Did you mean "compression"/);
    expect(() => df.toIPC({ compression: 'gzip' } as never)).toThrow(InvalidArgumentError);
    expect(() => planIPCStream(df, { compression: 'snappy' } as never)).toThrow(/compression must be 'lz4' or 'zstd', got "snappy"/);
    await expect(writeIPC(df, join(tmpdir(), 'never.arrow'), { compressoin: 'zstd' } as never)).rejects.toThrow(UnknownOptionError);
  });

  it('round trips arbitrary frames with either codec (property)', () => {
    const cols = fc.record({
      n: fc.array(fc.option(fc.integer(), { nil: null }), { minLength: 30, maxLength: 30 }),
      s: fc.array(fc.option(fc.constantFrom('a', 'bb', 'ccc', '', 'é'), { nil: null }), { minLength: 30, maxLength: 30 }),
      f: fc.array(fc.double(), { minLength: 30, maxLength: 30 }),
      k: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
    });
    fc.assert(
      fc.property(cols, fc.constantFrom(...CODECS), fc.nat(29), fc.nat(30), fc.constantFrom('file' as const, 'stream' as const), (c, compression, off, len, format) => {
        const whole = DataFrame.fromColumns(c, { schema: { n: nullable(int32()), s: nullable(categorical()), f: float64(), k: bool() } }) as DataFrame;
        const df = whole.slice(off, len);
        expect(readIPCSync(df.toIPC({ compression, format })).toRecords()).toEqual(df.toRecords());
      }),
      { numRuns: 100 },
    );
  });
});

const arrowTesting = sharedData('arrow-testing');

describe.skipIf(!arrowTesting.present)('compressed IPC: Arrow C++ files', () => {
  it('reads the 2.0.0-compression files (values are compared to their JSON in golden.test.ts), file and stream alike', () => {
    const dir = join(arrowTesting.path, 'integration/2.0.0-compression');
    for (const name of ['lz4', 'zstd', 'uncompressible_lz4', 'uncompressible_zstd']) {
      const file = readIPCSync(readFileSync(join(dir, `generated_${name}.arrow_file`)));
      const stream = readIPCSync(readFileSync(join(dir, `generated_${name}.stream`)));
      expect(file.height).toBeGreaterThan(0);
      expect(stream.toRecords()).toEqual(file.toRecords());
    }
  });
});

describe('compressed IPC: files written by polars', () => {
  const dir = join(import.meta.dirname, '../../fixtures/polars');
  it('the LZ4 and ZSTD files read equal to the uncompressed one, in every column colframe reads', () => {
    const plain = readFileSync(join(dir, 'types.arrow'));
    const names = ['id', 's', 'cat', 'l', 'ls', 'dt_ms', 'dt_us', 'dt_ns_tz', 'dur_us', 'dec', 'st'].filter((n) => {
      try {
        readIPCSync(plain, { columns: [n] });
        return true;
      } catch {
        return false;
      }
    });
    expect(names).toContain('id');
    const want = readIPCSync(plain, { columns: names, int64: 'bigint' }).toRecords({ int64: 'bigint' });
    for (const f of ['types-lz4.arrow', 'types-zstd.arrow']) {
      expect(readIPCSync(readFileSync(join(dir, f)), { columns: names, int64: 'bigint' }).toRecords({ int64: 'bigint' }), f).toEqual(want);
    }
  });
});

describe('compressed IPC: corrupt input', () => {
  const values = Int32Array.from({ length: 64 }, (_, i) => i % 5);
  const raw = new Uint8Array(values.buffer);

  for (const codec of CODECS) {
    const good = compressBuffer(codec, raw);

    it(`${codec}: a well-formed hand-built batch reads`, () => {
      expect(new DataView(good.buffer, good.byteOffset).getBigInt64(0, true)).toBe(256n);
      expect(readIPCSync(compressedStream(64, 0, [null, good], CODE[codec])).getColumn('x').toArray()).toEqual([...values]);
    });

    it(`${codec}: a truncated compressed buffer is an IpcFormatError naming message, field and byte`, () => {
      const e = ipcError(compressedStream(64, 0, [null, good.subarray(0, good.length - 3)], CODE[codec]));
      expect(e.messageIndex).toBe(1);
      expect(e.field).toBe('x');
      expect(e.byte).toBeGreaterThan(0);
      expect(e.message).toMatch(codec === 'lz4' ? /LZ4_FRAME buffer 1: / : /ZSTD buffer 1: /);
    });

    it(`${codec}: a declared length that disagrees with the data is an IpcFormatError`, () => {
      const body = good.subarray(8);
      expect(ipcError(compressedStream(64, 0, [null, prefixed(300n, body)], CODE[codec])).message).toMatch(/declares 300 uncompressed bytes but decompresses to 256/);
      expect(ipcError(compressedStream(64, 0, [null, prefixed(200n, body)], CODE[codec])).message).toMatch(/decodes to more bytes than the declared length/);
      // Declared lengths no codec can reach from these bytes, or negative: refused before allocating.
      const huge = ipcError(compressedStream(64, 0, [null, prefixed(2n ** 40n, body)], CODE[codec]));
      expect(huge.message).toMatch(/declares 1099511627776 uncompressed bytes, more than \d+ (LZ4_FRAME|ZSTD) bytes can hold/);
      expect(huge.messageIndex).toBe(1);
      expect(ipcError(compressedStream(64, 0, [null, prefixed(-2n, body)], CODE[codec])).message).toMatch(/negative uncompressed length -2/);
      expect(ipcError(compressedStream(64, 0, [null, good.subarray(0, 5)], CODE[codec])).message).toMatch(/shorter than its 8-byte length prefix/);
    });

    it(`${codec}: garbage after a valid prefix is an IpcFormatError, never garbage values`, () => {
      const junk = prefixed(256n, Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 255));
      expect(ipcError(compressedStream(64, 0, [null, junk], CODE[codec])).field).toBe('x');
    });
  }

  it('bounds the declared length by 2 GiB, whatever the stored size allows', () => {
    expect(MAX_UNCOMPRESSED_BUFFER).toBe(2 ** 31 - 1);
    const stored = new Uint8Array(70_000); // 70,000 ZSTD bytes could hold 2.3 GB by the ratio bound alone
    const e = ipcError(compressedStream(64, 0, [null, prefixed(2n ** 31n, stored)], CODE.zstd));
    expect(e.message).toMatch(/declares 2147483648 uncompressed bytes, more than 70000 ZSTD bytes can hold \(at most 2147483647\)/);
  });

  it('an LZ4 match reaching before the start of the data is an IpcFormatError', () => {
    // Frame: magic, FLG (version 1, independent blocks), BD (64 KiB), HC, one block: token 0x00 (no literals, match 4) offset 1.
    const frameBytes = Uint8Array.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 3, 0, 0, 0, 0x00, 0x01, 0x00, 0, 0, 0, 0]);
    expect(ipcError(compressedStream(1, 0, [null, prefixed(4n, frameBytes)], CODE.lz4)).message).toMatch(/match offset 1 points before the start/);
  });

  it('a codec id other than LZ4_FRAME (0) or ZSTD (1) is an UnsupportedError naming it', () => {
    let err: unknown;
    try {
      readIPCSync(compressedStream(64, 0, [null, prefixed(-1n, raw)], 7));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as UnsupportedError).feature).toBe('compression codec 7');
    expect((err as Error).message).toMatch(/compressed with codec 7/);
  });

  it('a raw (-1) buffer reads as is', () => {
    expect(readIPCSync(compressedStream(64, 0, [null, prefixed(-1n, raw)], CODE.zstd)).getColumn('x').toArray()).toEqual([...values]);
  });
});
