/**
 * Dictionary-encoded fields of every index and value type: 64-bit indices narrowed for
 * categoricals, dictionaries of numbers decoded (with deltas and replacements), and out-of-range
 * indices refused.
 */
import { describe, expect, it } from 'vitest';
import { IpcFormatError, int32, nullable, readIPCSync } from '../../../src/index.js';
import { dictionaryBatchMessage } from '../../../src/codec/ipc/encode.js';
import { concat } from '../../support/bytes.js';
import { EOS, batch, body, dictBatch, f, frame, schema } from '../../support/ipc-messages.js';

/** A dictionary batch of int32 values. */
function intDict(id: number, values: number[], isDelta = false): Uint8Array {
  const b = body(null, Int32Array.from(values));
  return frame(dictionaryBatchMessage(id, { length: values.length, nodes: [[values.length, 0]], buffers: b.buffers }, b.body.length, isDelta), b.body);
}

const intField = { name: 'd', dtype: nullable(int32()), dictionary: { id: 0, bitWidth: 8, signed: true } };

describe('dictionary-encoded fields', () => {
  it('reads signed and unsigned 64-bit indices as categorical, narrowed to the dictionary size', () => {
    for (const signed of [true, false]) {
      const bytes = concat(schema([f.cat('c', 0, 64, signed)]), dictBatch(0, ['a', 'b']), batch(3, [[3, 0]], body(null, BigInt64Array.of(1n, 0n, 1n))), EOS);
      const c = readIPCSync(bytes).getColumn('c');
      expect(c.toArray()).toEqual(['b', 'a', 'b']);
      expect(c.data.values).toBeInstanceOf(Uint8Array);
    }
  });

  it('refuses a 64-bit index outside the dictionary, even with checkValues: false', () => {
    const bytes = concat(schema([f.cat('c', 0, 64, true)]), dictBatch(0, ['a']), batch(2, [[2, 0]], body(null, BigInt64Array.of(0n, 2n ** 40n))), EOS);
    for (const checkValues of [true, false]) {
      expect(() => readIPCSync(bytes, { checkValues })).toThrow(IpcFormatError);
      expect(() => readIPCSync(bytes, { checkValues })).toThrow(/row 1: dictionary index 1099511627776 is outside the 1-entry dictionary/);
    }
  });

  it('decodes a dictionary of numbers to its values, with a delta, and nulls from the indices', () => {
    const valid = Uint8Array.of(0b1011);
    const rb = batch(4, [[4, 1]], body(valid, Int8Array.of(2, 0, 9, 1)));
    const bytes = concat(schema([intField]), intDict(0, [10, 20]), intDict(0, [30], true), rb, EOS);
    const df = readIPCSync(bytes);
    expect(String(df.schema.get('d'))).toBe('int32?');
    expect(df.getColumn('d').toArray()).toEqual([30, 10, null, 20]);
  });

  it('decodes each batch against the dictionary it was sent with (replacement between batches)', () => {
    const rb = batch(2, [[2, 0]], body(null, Int8Array.of(1, 0)));
    const bytes = concat(schema([intField]), intDict(0, [1, 2]), rb, intDict(0, [7, 8]), rb, EOS);
    expect(readIPCSync(bytes).getColumn('d').toArray()).toEqual([2, 1, 8, 7]);
  });

  it('refuses an index outside a decoded dictionary, naming the row and byte', () => {
    const bytes = concat(schema([intField]), intDict(0, [1, 2]), batch(2, [[2, 0]], body(null, Int8Array.of(1, 2))), EOS);
    let err: IpcFormatError | undefined;
    try {
      readIPCSync(bytes);
    } catch (e) {
      err = e as IpcFormatError;
    }
    expect(err).toBeInstanceOf(IpcFormatError);
    expect([err!.field, err!.reason]).toEqual(['d', 'row 1: dictionary index 2 is outside the 2-entry dictionary']);
    expect(err!.byte).toBeGreaterThan(0);
  });
});
