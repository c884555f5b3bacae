import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ColframeError,
  DataFrame,
  InvalidArgumentError,
  IpcFormatError,
  readIPCSync,
} from '../../../src/index.js';
import { concat } from '../../support/bytes.js';
import { EOS, batch, body, dictBatch, f, frame, schema, utf8Buffers } from '../../support/ipc-messages.js';
import { dictionaryBatchMessage } from '../../../src/codec/ipc/encode.js';

const ints = (...v: number[]): Int32Array => Int32Array.from(v);

function expectIpcError(bytes: Uint8Array, pattern: RegExp): IpcFormatError {
  let err: unknown;
  try {
    readIPCSync(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(IpcFormatError);
  expect((err as Error).message).toMatch(pattern);
  return err as IpcFormatError;
}

describe('readIPCSync: stream framing', () => {
  it('reads a hand-built stream with the continuation marker and one with pre-0.15 framing', () => {
    const b = body(null, ints(1, 2, 3));
    const modern = concat(schema([f.int32('x')]), batch(3, [[3, 0]], b), EOS);
    expect(readIPCSync(modern).getColumn('x').toArray()).toEqual([1, 2, 3]);
    const legacySchema = schema([f.int32('x')]).subarray(4); // drop the marker: legacy 4-byte length prefix
    const legacy = concat(legacySchema, batch(3, [[3, 0]], b, true), new Uint8Array(4));
    expect(readIPCSync(legacy).getColumn('x').toArray()).toEqual([1, 2, 3]);
  });

  it('reads a stream without an end-of-stream marker, and stops at the marker', () => {
    const b = body(null, ints(7));
    expect(readIPCSync(concat(schema([f.int32('x')]), batch(1, [[1, 0]], b))).height).toBe(1);
    const after = concat(schema([f.int32('x')]), batch(1, [[1, 0]], b), EOS, batch(1, [[1, 0]], b));
    expect(readIPCSync(after).height).toBe(1);
  });

  it('rejects empty and too-short inputs, a stream without a schema and a second schema', () => {
    expectIpcError(new Uint8Array(0), /input is empty/);
    expectIpcError(new Uint8Array([1, 2, 3]), /stray bytes/);
    const b = body(null, ints(1));
    expectIpcError(concat(batch(1, [[1, 0]], b)), /does not start with a schema/);
    expectIpcError(concat(schema([f.int32('x')]), schema([f.int32('x')])), /second schema/);
  });

  it('rejects message metadata that runs past the input, with its byte offset and message index', () => {
    const s = schema([f.int32('x')]);
    const e = expectIpcError(s.subarray(0, s.length - 4), /message metadata of \d+ bytes runs past the end of the input/);
    expect(e.byte).toBe(0);
    expect(e.messageIndex).toBe(0);
  });

  it('rejects a body that runs past the input', () => {
    const b = body(null, ints(1, 2, 3, 4));
    const whole = concat(schema([f.int32('x')]), batch(4, [[4, 0]], b));
    expectIpcError(whole.subarray(0, whole.length - 8), /body of 16 bytes runs past the end of the input/);
  });

  it('rejects a record batch whose buffer runs past the body', () => {
    const b = body(null, ints(1, 2));
    b.buffers[1] = [0, 64];
    expectIpcError(concat(schema([f.int32('x')]), batch(2, [[2, 0]], b)), /buffer 1 \(offset 0, length 64\) runs past the 8-byte body/);
  });

  it('rejects buffers that overlap beyond the body size (bounding the work of crafted inputs)', () => {
    const b = body(null, ints(1, 2), ints(0, 1, 2));
    b.buffers = [[0, 0], [0, 16], [0, 16], [0, 8]];
    expectIpcError(concat(schema([f.int32('x'), f.int32('y')]), batch(2, [[2, 0], [2, 0]], b)), /overlap/);
  });

  it('rejects metadata that is not a flatbuffer with a typed error, not a RangeError', () => {
    const junk = new Uint8Array(64).fill(0x41);
    const bytes = concat(new Uint8Array([0xff, 0xff, 0xff, 0xff, 64, 0, 0, 0]), junk);
    expect(() => readIPCSync(bytes)).toThrow(IpcFormatError);
  });
});

describe('readIPCSync: record batch checks', () => {
  const s = schema([f.int32('x', true)]);

  it('rejects a field node count that differs from the schema', () => {
    const b = body(null, ints(1));
    expectIpcError(concat(s, batch(1, [], b)), /1 field nodes?|fewer than the schema needs/);
    expectIpcError(concat(s, batch(1, [[1, 0], [1, 0]], b)), /2 field nodes but the schema needs 1/);
  });

  it('rejects a buffer count that differs from the layout', () => {
    const one = body(ints(1));
    expectIpcError(concat(s, batch(1, [[1, 0]], one)), /fewer than the schema's layout needs/);
    const three = body(null, ints(1), null);
    expectIpcError(concat(s, batch(1, [[1, 0]], three)), /3 buffers but the schema's layout needs 2/);
  });

  it('rejects negative lengths, null counts above the length, and a node length unlike the batch', () => {
    const b = body(null, ints(1, 2));
    expectIpcError(concat(s, batch(2, [[2, 3]], b)), /length 2 and null count 3/);
    expectIpcError(concat(s, batch(2, [[-1, 0]], b)), /length -1/);
    expectIpcError(concat(s, batch(2, [[1, 0]], b)), /field node length 1 differs from the record batch length 2/);
  });

  it('rejects a data buffer too short for its values and a validity bitmap too short for its rows', () => {
    expectIpcError(concat(s, batch(3, [[3, 0]], body(null, ints(1, 2)))), /data buffer of 8 bytes is shorter than the 12 bytes/);
    const rows = 20;
    const e = expectIpcError(concat(s, batch(rows, [[rows, 1]], body(new Uint8Array([0xfe, 0xff]), new Int32Array(rows)))), /validity bitmap of 2 bytes is shorter than the 3 bytes 20 rows need/);
    expect(e.field).toBe('x');
  });

  it('rejects a null count that disagrees with the validity bitmap', () => {
    expectIpcError(concat(s, batch(3, [[3, 2]], body(new Uint8Array([0b101]), ints(1, 2, 3)))), /says 2 nulls but the validity bitmap has 1/);
  });

  it('rejects nulls in a field declared non-nullable', () => {
    const nn = schema([f.int32('x')]);
    expectIpcError(concat(nn, batch(3, [[3, 1]], body(new Uint8Array([0b101]), ints(1, 2, 3)))), /declared non-nullable but holds 1 nulls/);
  });

  it('rejects utf8 offsets that go backwards, run outside the data or split a UTF-8 sequence, and invalid UTF-8', () => {
    const su = schema([f.utf8('s')]);
    const [, data] = utf8Buffers(['ab', 'cd']);
    expectIpcError(concat(su, batch(2, [[2, 0]], body(null, ints(0, 3, 2), data))), /offsets go backwards at row 1 \(3 then 2\)/);
    expectIpcError(concat(su, batch(2, [[2, 0]], body(null, ints(0, 2, 9), data))), /outside the 4-byte data buffer/);
    expectIpcError(concat(su, batch(2, [[2, 0]], body(null, ints(-1, 2, 4), data))), /outside the 4-byte data buffer/);
    const [, e] = utf8Buffers(['é']);
    expectIpcError(concat(su, batch(2, [[2, 0]], body(null, ints(0, 1, 2), e))), /row 1 starts inside a UTF-8 sequence/);
    expectIpcError(concat(su, batch(1, [[1, 0]], body(null, ints(0, 2), new Uint8Array([0xc3, 0x28])))), /not valid UTF-8/);
  });

  it('rejects a dictionary index outside its dictionary, but not one in a null slot', () => {
    const sc = schema([f.cat('c', 0)]);
    const bad = concat(sc, dictBatch(0, ['a', 'b']), batch(2, [[2, 0]], body(null, new Uint8Array([1, 2]))));
    const e = expectIpcError(bad, /row 1: dictionary index 2 is outside the 2-entry dictionary/);
    expect(e.field).toBe('c');
    const nullSlot = concat(sc, dictBatch(0, ['a', 'b']), batch(2, [[2, 1]], body(new Uint8Array([0b01]), new Uint8Array([1, 200]))));
    expect(readIPCSync(nullSlot).getColumn('c').toArray()).toEqual(['b', null]);
  });

  it('rejects a record batch that uses a dictionary never sent, a dictionary id no field uses, and a delta before any dictionary', () => {
    const sc = schema([f.cat('c', 0)]);
    const rb = batch(1, [[1, 0]], body(null, new Uint8Array([0])));
    expectIpcError(concat(sc, rb), /no dictionary with id 0 was sent/);
    expectIpcError(concat(sc, dictBatch(5, ['a']), rb), /dictionary batch for id 5, which no field of the schema uses/);
    expectIpcError(concat(sc, dictBatch(0, ['a'], true), rb), /delta dictionary batch for id 0 before any dictionary/);
  });

  it('skips checks that read every value with checkValues: false, but never the bounds', () => {
    const su = schema([f.utf8('s')]);
    const [, data] = utf8Buffers(['ab', 'cd']);
    const backwards = concat(su, batch(2, [[2, 0]], body(null, ints(0, 3, 2), data)));
    expect(readIPCSync(backwards, { checkValues: false }).height).toBe(2);
    expect(() => readIPCSync(concat(su, batch(2, [[2, 0]], body(null, ints(0, 2, 9), data))), { checkValues: false })).toThrow(IpcFormatError);
  });
});

describe('readIPCSync: record batches without columns', () => {
  const none = body();

  it('reads a frame with no columns and the rows its batches claim', () => {
    expect(readIPCSync(concat(schema([]), batch(5, [], none), batch(2, [], none), EOS)).shape).toEqual([7, 0]);
  });

  it('refuses a batch with no columns that claims more than 2^31 − 1 rows, or batches that add up past it', () => {
    const err = expectIpcError(concat(schema([]), batch(2 ** 50, [], none), EOS), /claims 1,125,899,906,842,624 rows with a schema with no fields.*at most 2\^31 − 1/);
    expect(err.messageIndex).toBe(1);
    expect(readIPCSync(concat(schema([]), batch(2 ** 31 - 1, [], none))).height).toBe(2 ** 31 - 1);
    expectIpcError(concat(schema([]), batch(2 ** 31 - 1, [], none), batch(1, [], none)), /claims 1 rows with a schema with no fields, 2,147,483,648 rows in all/);
  });

  it('refuses the same when no column is read, and a skipped field whose length is not the batch length', () => {
    const bytes = concat(schema([f.int32('x')]), batch(2 ** 40, [[2 ** 40, 0]], body(null, ints(1))), EOS);
    expect(() => readIPCSync(bytes, { columns: [] })).toThrow(/with no column read/);
    const unlike = concat(schema([f.int32('x'), f.int32('y')]), batch(1, [[1, 0], [2 ** 40, 0]], body(null, ints(1), null, ints(2))), EOS);
    expect(() => readIPCSync(unlike, { columns: ['x'] })).toThrow(/field "y": field node length 1099511627776 differs from the record batch length 1/);
  });
});

describe('readIPCSync: dictionaries across batches', () => {
  it('applies delta dictionaries and replacements between batches, joining the batches into one column', () => {
    const sc = schema([f.cat('c', 0)]);
    const rb = (...codes: number[]): Uint8Array => batch(codes.length, [[codes.length, 0]], body(null, Uint8Array.from(codes)));
    const bytes = concat(sc, dictBatch(0, ['a', 'b']), rb(0, 1), dictBatch(0, ['c'], true), rb(2, 0), dictBatch(0, ['z']), rb(0), EOS);
    const df = readIPCSync(bytes);
    expect(df.getColumn('c').toArray()).toEqual(['a', 'b', 'c', 'a', 'z']);
    expect(df.getColumn('c').data.length).toBe(5);
  });

  it('keeps one dictionary for delta-only streams (codes concatenated, not remapped)', () => {
    const sc = schema([f.cat('c', 0)]);
    const rb = (...codes: number[]): Uint8Array => batch(codes.length, [[codes.length, 0]], body(null, Uint8Array.from(codes)));
    const df = readIPCSync(concat(sc, dictBatch(0, ['a']), rb(0, 0), dictBatch(0, ['b'], true), rb(1, 0)));
    expect(df.getColumn('c').toArray()).toEqual(['a', 'a', 'b', 'a']);
    expect(df.getColumn('c').data.dictionary!.length).toBe(2);
  });

  it('applies deltas with null entries, each batch reading the dictionary as it was', () => {
    const sc = schema([f.cat('c', 0)]);
    const rb = (...codes: number[]): Uint8Array => batch(codes.length, [[codes.length, 0]], body(null, Uint8Array.from(codes)));
    const [offsets, text] = utf8Buffers(['', 'q']);
    const b = body(Uint8Array.of(0b10), offsets, text);
    const withNull = frame(dictionaryBatchMessage(0, { length: 2, nodes: [[2, 1]], buffers: b.buffers }, b.body.length, true), b.body);
    const bytes = concat(sc, dictBatch(0, ['a']), rb(0), withNull, rb(1, 2), dictBatch(0, ['r', 's'], true), rb(4, 0, 1), EOS);
    expect(readIPCSync(bytes).getColumn('c').toArray()).toEqual(['a', null, 'q', 's', 'a', null]);
  });

  it('reads 32,768 delta dictionaries in time linear in the dictionary, not quadratic', () => {
    const delta = dictBatch(0, ['v'], true);
    const parts: Uint8Array[] = [schema([f.cat('c', 0, 32, true)]), dictBatch(0, ['first'])];
    for (let i = 0; i < 32_768; i++) parts.push(delta);
    parts.push(batch(2, [[2, 0]], body(null, Int32Array.of(32_768, 0))), EOS);
    const bytes = concat(...parts);
    const t0 = performance.now();
    const c = readIPCSync(bytes).getColumn('c');
    // Re-joining the whole dictionary for each delta took over 6 s here; appending takes under 1 s.
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(c.toArray()).toEqual(['v', 'first']);
    expect(c.data.dictionary!.length).toBe(32_769);
  }, 20_000);

  it('reads signed 8-bit and 16-bit indices and two fields sharing one dictionary', () => {
    const sc = schema([f.cat('a', 3, 8, true), f.cat('b', 3, 16, true)]);
    const bytes = concat(sc, dictBatch(3, ['x', 'y']), batch(2, [[2, 0], [2, 0]], body(null, Int8Array.from([1, 0]), null, Int16Array.from([0, 1]))));
    const df = readIPCSync(bytes);
    expect(df.toRecords()).toEqual([
      { a: 'y', b: 'x' },
      { a: 'x', b: 'y' },
    ]);
  });

  it('rejects a negative signed index', () => {
    const sc = schema([f.cat('a', 0, 8, true)]);
    expectIpcError(concat(sc, dictBatch(0, ['x']), batch(1, [[1, 0]], body(null, Int8Array.from([-1])))), /dictionary index -1/);
  });
});

describe('readIPCSync: options and zero-copy', () => {
  const df = DataFrame.fromColumns({ a: [1, 2, 3], b: ['x', 'y', null], c: [0.5, 1.5, 2.5] });

  it('returns columns whose buffers are views over the input bytes', () => {
    for (const format of ['file', 'stream'] as const) {
      const bytes = df.toIPC({ format });
      const back = readIPCSync(bytes);
      for (const c of back.core.columns) expect(c.data.values.buffer).toBe(bytes.buffer);
      expect(back.getColumn('b').data.valueOffsets.buffer).toBe(bytes.buffer);
      expect(readIPCSync(bytes.buffer).getColumn('a').data.values.buffer).toBe(bytes.buffer);
    }
  });

  it('copies only the buffers a misaligned input leaves unaligned, and reads the same values', () => {
    const bytes = df.toIPC({ format: 'stream' });
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const back = readIPCSync(shifted);
    expect(back.toRecords()).toEqual(df.toRecords());
    expect(back.getColumn('a').data.values.buffer).not.toBe(shifted.buffer);
    expect(back.getColumn('b').data.values.buffer).toBe(shifted.buffer);
  });

  it('reads the columns asked for, in that order, and rejects a name the input lacks', () => {
    const bytes = df.toIPC();
    expect(readIPCSync(bytes, { columns: ['c', 'a'] }).columns).toEqual(['c', 'a']);
    expect(readIPCSync(bytes, { columns: [] }).shape).toEqual([3, 0]);
    expect(() => readIPCSync(bytes, { columns: ['zz'] })).toThrow(InvalidArgumentError);
    expect(() => readIPCSync(bytes, { int64: 'big' as 'bigint' })).toThrow(InvalidArgumentError);
    expect(() => readIPCSync('bytes' as never)).toThrow(InvalidArgumentError);
  });

  it('never throws anything but a ColframeError on a corrupted file, and never hangs', () => {
    const good = DataFrame.fromColumns({ a: [1, 2, null], s: ['x', 'yy', null], c: ['p', 'q', 'p'] }, {}).toIPC();
    const goodStream = DataFrame.fromColumns({ a: [1, 2, null], s: ['x', 'yy', null] }).toIPC({ format: 'stream' });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat()),
        (file, edits, cut) => {
          const src = file ? good : goodStream;
          const bytes = src.slice();
          for (const [at, v] of edits) bytes[at % bytes.length] = v;
          const input = cut === null ? bytes : bytes.subarray(0, cut % bytes.length);
          try {
            readIPCSync(input);
          } catch (e) {
            if (!(e instanceof ColframeError)) throw e;
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('IpcFormatError and UnsupportedError', () => {
  it('carry their codes, the byte offset, message index and field', async () => {
    const { UnsupportedError } = await import('../../../src/index.js');
    const e = new IpcFormatError('bad offsets', { byte: 120, message: 2, field: 'note' });
    expect(e).toBeInstanceOf(ColframeError);
    expect(e.code).toBe('IPC_FORMAT');
    expect(e.message).toBe('Arrow IPC, message 2, byte 120, field "note": bad offsets');
    expect([e.byte, e.messageIndex, e.field]).toEqual([120, 2, 'note']);
    const u = new UnsupportedError('ZSTD', 'compressed');
    expect(u.code).toBe('UNSUPPORTED');
    expect(u.name).toBe('UnsupportedError');
    expect(u.feature).toBe('ZSTD');
  });
});
