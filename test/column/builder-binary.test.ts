import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binary, fixedSizeBinary, largeBinary, largeUtf8, nullable, nullType } from '../../src/index.js';
import { appendError, build } from '../support/build.js';

describe('binary builders', () => {
  it('copy Uint8Arrays, Buffers and ArrayBuffers into one byte buffer with 32- or 64-bit offsets', () => {
    const src = [new Uint8Array([1, 2]), Buffer.from('hi'), new Uint8Array([9, 8, 7]).buffer, null, new Uint8Array(0)];
    const want = [new Uint8Array([1, 2]), new Uint8Array([104, 105]), new Uint8Array([9, 8, 7]), null, new Uint8Array(0)];
    const b = build(nullable(binary()), src);
    expect(b.toArray().map((v) => (v === null ? null : new Uint8Array(v as Uint8Array)))).toEqual(want);
    expect(b.data.valueOffsets).toEqual(new Int32Array([0, 2, 4, 7, 7, 7]));
    const l = build(nullable(largeBinary()), src);
    expect(l.data.valueOffsets).toEqual(new BigInt64Array([0n, 2n, 4n, 7n, 7n, 7n]));
    expect(l.toArray().map((v) => (v === null ? null : new Uint8Array(v as Uint8Array)))).toEqual(want);
  });

  it('refuse strings, arrays and other typed arrays', () => {
    expect(appendError(binary(), 'ab')).toBe('Column "c", row 0: "ab" (string) does not fit binary: expected bytes (a Uint8Array, Buffer or ArrayBuffer)');
    expect(appendError(largeBinary(), [1, 2])).toMatch(/expected bytes/);
    expect(appendError(binary(), new Int8Array(2))).toMatch(/expected bytes/);
  });

  it('fixed-size binary takes values of exactly its size', () => {
    const c = build(nullable(fixedSizeBinary(3)), [new Uint8Array([1, 2, 3]), null, Buffer.from('xyz')]);
    expect(c.data.values).toEqual(new Uint8Array([1, 2, 3, 0, 0, 0, 120, 121, 122]));
    expect(c.toArray().map((v) => (v === null ? null : [...(v as Uint8Array)]))).toEqual([[1, 2, 3], null, [120, 121, 122]]);
    expect(appendError(fixedSizeBinary(3), new Uint8Array(2))).toBe('Column "c", row 0: a Uint8Array does not fit fixedSizeBinary(3): holds 2 bytes; each value is exactly 3');
  });

  it('property: largeUtf8 round-trips any strings with 64-bit offsets', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), { maxLength: 100 }), (values) => {
        const c = build(nullable(largeUtf8()), values);
        expect(c.data.valueOffsets).toBeInstanceOf(BigInt64Array);
        expect(c.toArray()).toEqual(values);
      }),
    );
    expect(appendError(largeUtf8(), 5)).toMatch(/expected a string/);
  });

  it('the null type holds only nulls and has no buffers', () => {
    const c = build(nullType(), [null, undefined, null]);
    expect([c.length, c.nullCount, c.data.values, c.data.nullBitmap]).toEqual([3, 3, undefined, undefined]);
    expect(appendError(nullType(), 0)).toBe('Column "c", row 0: 0 (number) does not fit null: a column of the null type holds only nulls');
  });
});
