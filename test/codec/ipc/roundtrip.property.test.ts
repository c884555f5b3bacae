/**
 * Property: a random frame of nested and new types (lists, large lists, fixed-size lists,
 * structs, maps, categoricals inside them, 64-bit integers, floats with NaN and −0, bytes,
 * microsecond timestamps, decimals), whole or sliced, writes as an IPC file or stream and reads
 * back to exactly the same values and dtypes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as A from 'apache-arrow';
import { DataFrame, readIPCSync } from '../../../src/index.js';
import { logicalData } from '../../support/logical.js';

interface Gen {
  readonly type: A.DataType;
  readonly value: fc.Arbitrary<unknown>;
}

const F = (n: string, t: A.DataType, nullable = true): A.Field => new A.Field(n, t, nullable);
const orNull = (a: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.option(a, { nil: null, freq: 4 });

const leaves: Gen[] = [
  { type: new A.Int32(), value: fc.integer() },
  { type: new A.Int64(), value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) },
  { type: new A.Uint8(), value: fc.integer({ min: 0, max: 255 }) },
  { type: new A.Float64(), value: fc.double() },
  { type: new A.Float32(), value: fc.float() },
  { type: new A.Bool(), value: fc.boolean() },
  { type: new A.Utf8(), value: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { type: new A.LargeUtf8(), value: fc.string({ maxLength: 4 }) },
  { type: new A.Binary(), value: fc.uint8Array({ maxLength: 5 }) },
  { type: new A.DateDay(), value: fc.integer({ min: -100_000, max: 100_000 }).map((d) => new Date(d * 86_400_000)) },
  { type: new A.TimestampMicrosecond('UTC'), value: fc.integer({ min: -1e12, max: 1e12 }) },
  { type: new A.Dictionary(new A.Utf8(), new A.Int32()), value: fc.constantFrom('x', 'y', 'zz', '') },
];

/** A type of depth ≤ `depth` and an arbitrary of its values (nulls at every level). */
function gen(depth: number): fc.Arbitrary<Gen> {
  const leaf = fc.constantFrom(...leaves);
  if (depth === 0) return leaf;
  const inner = gen(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    inner.map((g) => ({ type: new A.List(F('item', g.type)), value: fc.array(orNull(g.value), { maxLength: 4 }) })),
    inner.map((g) => ({ type: new A.LargeList(F('item', g.type)), value: fc.array(orNull(g.value), { maxLength: 3 }) })),
    inner.map((g) => ({ type: new A.FixedSizeList(2, F('item', g.type)), value: fc.array(orNull(g.value), { minLength: 2, maxLength: 2 }) })),
    fc.tuple(inner, inner).map(([a, b]) => ({
      type: new A.Struct([F('a', a.type), F('b', b.type)]),
      value: fc.record({ a: orNull(a.value), b: orNull(b.value) }),
    })),
    inner.map((g) => ({
      type: new A.Map_(F('entries', new A.Struct([F('key', new A.Utf8(), false), F('value', g.type)])), false),
      value: fc.uniqueArray(fc.tuple(fc.string({ maxLength: 3 }), orNull(g.value)), { maxLength: 3, selector: (e) => e[0] }).map((es) => new Map(es)),
    })),
  );
}

const frames = fc
  .array(gen(2), { minLength: 1, maxLength: 3 })
  .chain((gens) =>
    fc.integer({ min: 0, max: 12 }).chain((n) =>
      fc.tuple(
        fc.constant(gens),
        fc.tuple(...gens.map((g) => fc.array(orNull(g.value), { minLength: n, maxLength: n }))),
        fc.integer({ min: 0, max: n }),
        fc.integer({ min: 0, max: n }),
      ),
    ),
  );

function logical(df: DataFrame): unknown[][] {
  return df.getColumns().map((c) => logicalData(c.data, c.dtype));
}

describe('IPC write → read (property)', () => {
  it('round trips random frames of nested and new types exactly, whole and sliced, file and stream', () => {
    fc.assert(
      fc.property(frames, ([gens, columns, a, b]) => {
        const vectors = Object.fromEntries(gens.map((g, k) => [`c${k}`, A.vectorFromArray(columns[k] as unknown[], g.type)]));
        const df = DataFrame.fromArrow(new A.Table(vectors));
        const lo = Math.min(a, b);
        for (const frame of [df, df.slice(lo, Math.abs(a - b))]) {
          for (const format of ['file', 'stream'] as const) {
            const back = readIPCSync(frame.toIPC({ format }));
            expect(back.dtypes.map(String)).toEqual(frame.dtypes.map(String));
            expect(logical(back)).toEqual(logical(frame));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
