import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeBuilder } from '../../src/column/builders.js';
import { Column } from '../../src/column/column.js';
import {
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
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  type AnyDType,
} from '../../src/dtype/dtype.js';
import { InvalidValueError } from '../../src/errors.js';
import { sharedAllocator } from '../../src/util/alloc.js';
import { DataFrame } from '../../src/index.js';
import { nestedFrameArb } from '../support/nested-arbitraries.js';

function build(dtype: AnyDType, values: unknown[], opts = {}) {
  const b = makeBuilder(dtype, 'c', opts);
  for (const v of values) b.append(v);
  return new Column('c', dtype, b.finish());
}

describe('builders', () => {
  it('hand back exact-length buffers after growth', () => {
    const n = 1000;
    const col = build(nullable(utf8()), Array.from({ length: n }, (_, i) => (i === 7 ? null : `v${i}`)));
    const d = col.data;
    expect(d.valueOffsets.length).toBe(n + 1);
    expect((d.values as Uint8Array).length).toBe(d.valueOffsets[n]);
    expect(d.nullBitmap!.length).toBe(Math.ceil(n / 8));
    const ints = build(int32(), Array.from({ length: 33 }, (_, i) => i));
    expect((ints.data.values as Int32Array).buffer.byteLength).toBe(33 * 4);
  });

  it('allocate no validity bitmap when there are no nulls', () => {
    const col = build(nullable(int32()), [1, 2, 3]);
    expect(col.data.nullBitmap?.byteLength ?? 0).toBe(0);
    expect(col.nullCount).toBe(0);
  });

  it('put every buffer in shared memory with the shared allocator', () => {
    const col = build(nullable(categorical()), ['a', null, 'b'], { allocator: sharedAllocator });
    expect(col.data.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(col.data.nullBitmap!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(col.data.dictionary!.data[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(col.toArray()).toEqual(['a', null, 'b']);
  });

  it('size categorical indices to the dictionary: uint8, uint16, int32', () => {
    const widths = [10, 300, 70_000].map((k) => {
      const col = build(categorical(), Array.from({ length: k }, (_, i) => `v${i}`));
      expect(col.get(k - 1)).toBe(`v${k - 1}`);
      return (col.data.values as { constructor: { name: string } }).constructor.name;
    });
    expect(widths).toEqual(['Uint8Array', 'Uint16Array', 'Int32Array']);
    expect(build(categorical(), Array.from({ length: 256 }, (_, i) => `v${i}`)).data.values).toBeInstanceOf(Uint8Array);
    expect(build(categorical(), Array.from({ length: 257 }, (_, i) => `v${i}`)).data.values).toBeInstanceOf(Uint16Array);
  });

  it('round-trip values of every dtype', () => {
    const cases: [AnyDType, unknown[]][] = [
      [nullable(bool()), [true, null, false, true, true, false, false, true, true]],
      [int8(), [-128, 0, 127]],
      [int16(), [-32768, 32767]],
      [int32(), [-2147483648, 2147483647]],
      [int64('bigint'), [-(2n ** 63n), 2n ** 63n - 1n, 5n]],
      [uint8(), [0, 255]],
      [uint16(), [0, 65535]],
      [uint32(), [0, 4294967295]],
      [uint64('bigint'), [0n, 2n ** 64n - 1n]],
      [float32(), [1.5, -0.25]],
      [float64(), [Math.PI, NaN, Infinity, -0]],
      [nullable(utf8()), ['', 'héllo wörld ✓ 🎉', null, 'a'.repeat(100)]],
      [date(), [new Date('1969-12-31'), new Date('2024-02-29')]],
      [timestamp(), [new Date(-1), new Date('2024-02-29T23:59:59.999Z')]],
    ];
    for (const [dtype, values] of cases) expect(build(dtype, values).toArray()).toEqual(values);
  });

  it('reject values that do not fit, naming the value, column and row', () => {
    const bad: [AnyDType, unknown, RegExp][] = [
      [int32(), 'abc', /"abc" \(string\) does not fit int32: expected an integer number/],
      [int32(), 1.5, /1.5 \(number\) does not fit int32: expected an integer number/],
      [int32(), 2 ** 31, /does not fit int32: out of range -2147483648 … 2147483647/],
      [uint8(), 300, /300 \(number\) does not fit uint8: out of range 0 … 255/],
      [uint8(), -1, /does not fit uint8: out of range/],
      [int8(), 128n, /128n \(bigint\) does not fit int8: out of range/],
      [int64(), 2 ** 60, /pass a bigint/],
      [int64(), 2n ** 63n, /out of range -2\^63/],
      [uint64(), -1n, /out of range 0 … 2\^64/],
      [float64(), '1.5', /"1.5" \(string\) does not fit float64: expected a number/],
      [bool(), 1, /1 \(number\) does not fit bool: expected a boolean/],
      [utf8(), 5, /5 \(number\) does not fit utf8: expected a string/],
      [categorical(), true, /does not fit categorical: expected a string/],
      [date(), new Date('2024-01-01T10:00:00Z'), /has a time of day/],
      [date(), '2024-01-01', /expected a Date/],
      [timestamp(), new Date(NaN), /the Date is invalid/],
      [timestamp(), 0, /expected a Date/],
    ];
    for (const [dtype, value, msg] of bad) {
      const b = makeBuilder(dtype, 'col', {});
      if (dtype.kind !== 'bool') b.append(dtype.kind === 'int64' || dtype.kind === 'uint64' ? 1n : dtype.kind === 'date' || dtype.kind === 'timestamp' ? new Date(0) : dtype.kind === 'utf8' || dtype.kind === 'categorical' ? 'x' : 1);
      else b.append(true);
      let err: unknown;
      try {
        b.append(value);
      } catch (e) {
        err = e;
      }
      expect(err, `${String(dtype)} ← ${String(value)}`).toBeInstanceOf(InvalidValueError);
      expect((err as Error).message).toMatch(/^Column "col", row 1: /);
      expect((err as Error).message).toMatch(msg);
      expect((err as InvalidValueError).row).toBe(1);
      expect((err as InvalidValueError).value).toBe(value);
    }
  });

  it('property: any strings round-trip through utf8 and categorical builders', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), { maxLength: 200 }), (values) => {
        expect(build(nullable(utf8()), values).toArray()).toEqual(values);
        expect(build(nullable(categorical()), values).toArray()).toEqual(values);
      }),
    );
  });

  it('property: nullable int32 columns keep values and null positions', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer(), { nil: null }), { maxLength: 300 }), (values) => {
        const col = build(nullable(int32()), values);
        expect(col.toArray()).toEqual(values);
        expect(col.nullCount).toBe(values.filter((v) => v === null).length);
      }),
    );
  });
});

describe('builders of every layout', () => {
  const shapeOf = (df: DataFrame) => Object.fromEntries(df.columns.map((n) => [n, df.schema.get(n)!]));
  const json = (df: DataFrame) => JSON.stringify([...df].map((r) => (r as { toJSON(): unknown }).toJSON()));

  it('property: the row values of any frame (built from Arrow data) build the same frame again', () => {
    fc.assert(
      fc.property(nestedFrameArb(), (df) => {
        const schema = shapeOf(df);
        const fromRecords = DataFrame.fromRecords(df.toRecords(), { schema });
        expect(json(fromRecords)).toBe(json(df));
        expect(fromRecords.dtypes.map(String)).toEqual(df.dtypes.map(String));
        // The row views themselves (struct values as nested views, lists as typed-array views) too.
        expect(json(DataFrame.fromRecords([...df], { schema }))).toBe(json(df));
      }),
      { numRuns: 200 },
    );
  });
});
