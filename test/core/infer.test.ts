import { describe, expect, it } from 'vitest';
import { inferDType } from '../../src/core/infer.js';
import fc from 'fast-check';
import { DataFrame, Decimal, Instant, SchemaError, binary, decimal, float64, int32, list, nullable, struct, timestamp, utf8 } from '../../src/index.js';

const infer = (values: unknown[]) => String(inferDType(values, 'c'));

describe('inferDType', () => {
  it('picks int32 for int32-range integers, float64 otherwise', () => {
    expect(infer([1, 2, -3])).toBe('int32');
    expect(infer([1, 2.5])).toBe('float64');
    expect(infer([2 ** 31])).toBe('float64');
    expect(infer([-0])).toBe('float64');
    expect(infer([NaN])).toBe('float64');
  });

  it('picks int64 for bigints, bool, utf8 and timestamp', () => {
    expect(infer([1n, 2])).toBe('int64');
    expect(infer([true])).toBe('bool');
    expect(infer(['a'])).toBe('utf8');
    expect(infer([new Date()])).toBe('timestamp[ms]');
  });

  it('makes a column nullable when null or undefined appear; all-null or empty is nullable utf8', () => {
    expect(infer([1, null])).toBe('int32?');
    expect(infer([undefined, 'x'])).toBe('utf8?');
    expect(infer([null, null])).toBe('utf8?');
    expect(infer([])).toBe('utf8?');
  });

  it('rejects mixed types and unsupported values, naming the rows', () => {
    expect(() => infer([1, 'a'])).toThrow('Column "c" mixes number (row 0) and string (row 1)');
    expect(() => infer([true, null, new Date()])).toThrow('Column "c" mixes boolean (row 0) and Date (row 2)');
    expect(() => infer([1n, 1.5])).toThrow(/mixes bigint and a number that is not a safe integer \(row 1\)/);
    expect(() => infer([new Map()])).toThrow('Column "c", row 0: a Map is not a supported value');
    expect(() => infer([new (class Point {})()])).toThrow('Column "c", row 0: a Point is not a supported value');
    expect(() => infer([[1], 'a'])).toThrow('Column "c" mixes list (row 0) and string (row 1)');
    expect(() => infer([{ a: 1 }, [1]])).toThrow(SchemaError);
  });

  it('infers lists of the dtype of all their items, widening as flat values do', () => {
    expect(infer([[1, 2], [3]])).toBe('list<int32>');
    expect(infer([[1, 2], null, [2.5]])).toBe('list<float64>?');
    expect(infer([[1, null], []])).toBe('list<int32?>');
    expect(infer([[1n, 2]])).toBe('list<int64>');
    expect(infer([[], []])).toBe('list<utf8?>');
    expect(infer([[['a'], []], [['b', null]]])).toBe('list<list<utf8?>>');
    expect(infer([[{ x: 1 }], [{ x: 2.5, y: true }]])).toBe('list<struct<x: float64, y: bool?>>');
  });

  it('infers typed arrays as lists of their own kind, and Uint8Arrays as bytes', () => {
    expect(infer([new Float64Array(2), new Float64Array(0)])).toBe('list<float64>');
    expect(infer([new Float32Array(1), null])).toBe('list<float32>?');
    expect(infer([new BigInt64Array(1)])).toBe('list<int64>');
    expect(infer([new Int16Array([1]), [1.5]])).toBe('list<float64>'); // different kinds: items inferred together
    expect(infer([new Uint8Array([1]), Buffer.from('ab'), null])).toBe('binary?');
    expect(() => infer([new Uint8Array(1), [1]])).toThrow('Column "c" mixes bytes (row 0) and list (row 1)');
  });

  it('infers structs from plain objects and row views: the union of their keys, a missing key nullable', () => {
    expect(infer([{ a: 1, b: 'x' }, { a: 2, b: 'y' }])).toBe('struct<a: int32, b: utf8>');
    expect(infer([{ a: 1 }, { b: 'y' }, null])).toBe('struct<a: int32?, b: utf8?>?');
    expect(infer([{ a: 1 }, { a: null }])).toBe('struct<a: int32?>');
    expect(infer([{ "x y": [1.5] }])).toBe('struct<"x y": list<float64>>');
    const view = DataFrame.fromRecords([{ p: { q: 1 } }]).row(0).p;
    expect(infer([view, { q: 2 }])).toBe('struct<q: int32>');
    expect(() => infer([{ a: 1 }, { a: 'x' }])).toThrow('Column "c", field "a" mixes number (row 0) and string (row 1); pass a schema to choose a dtype');
    expect(() => infer([{ a: [1] }, { a: [new Map()] }])).toThrow('Column "c", row 1, field "a", item: a Map is not a supported value');
  });

  it('infers Instants as timestamps in their finest unit (at least us), Decimals at the largest scale', () => {
    expect(infer([new Instant(1n, 'ns'), null])).toBe('timestamp[ns]?');
    expect(infer([new Instant(1n, 'us'), new Date(0)])).toBe('timestamp[us]');
    expect(infer([new Instant(1n, 's')])).toBe('timestamp[us]');
    expect(infer([new Decimal(1234n, 2), new Decimal(-5n, 4)])).toBe('decimal(38, 4)');
    expect(infer([new Decimal(10n ** 40n, 0)])).toBe('decimal(76, 0)');
    expect(() => infer([new Decimal(1n, 0), 1])).toThrow('Column "c" mixes Decimal (row 0) and number (row 1)');
  });

  it('property: what rows read back infers the dtype they came from', () => {
    const schema = { xs: list(nullable(float64())), p: struct({ a: int32(), b: nullable(utf8()) }), t: timestamp('ns'), d: decimal(38, 2), b: binary() };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            xs: fc.array(fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }), { minLength: 1, maxLength: 4 }),
            a: fc.integer(),
            b: fc.option(fc.string(), { nil: null }),
            t: fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
            d: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
            bytes: fc.uint8Array({ maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (rows) => {
          // Row 0 holds a null field and a null item, so the nullable parts show in the values.
          const df = DataFrame.fromRecords(
            rows.map((r, i) => ({ xs: i === 0 ? [null, ...r.xs] : r.xs, p: { a: r.a, b: i === 0 ? null : r.b }, t: new Instant(r.t, 'ns'), d: new Decimal(r.d, 2), b: r.bytes })),
            { schema },
          );
          const again = DataFrame.fromRecords(df.toRecords());
          expect(again.dtypes.map(String)).toEqual(df.dtypes.map(String));
          expect(again.toRecords()).toEqual(df.toRecords());
        },
      ),
      { numRuns: 60 },
    );
  });
});
