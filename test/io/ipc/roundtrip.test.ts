import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tableFromIPC } from 'apache-arrow';
import {
  DataFrame,
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
  readIPCSync,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  type AnyDType,
  type SchemaShape,
} from '../../../src/index.js';

/** A dtype with an arbitrary of its values (nulls added when nullable). */
const kinds: [AnyDType, fc.Arbitrary<unknown>][] = [
  [bool(), fc.boolean()],
  [int8(), fc.integer({ min: -128, max: 127 })],
  [int16(), fc.integer({ min: -32768, max: 32767 })],
  [int32(), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })],
  [int64('bigint'), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })],
  [uint8(), fc.integer({ min: 0, max: 255 })],
  [uint16(), fc.integer({ min: 0, max: 65535 })],
  [uint32(), fc.integer({ min: 0, max: 2 ** 32 - 1 })],
  [uint64('bigint'), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
  [float32(), fc.float({ noDefaultInfinity: false }).map(Math.fround)],
  [float64(), fc.double()],
  [utf8(), fc.string({ unit: 'grapheme-composite', maxLength: 12 })],
  [categorical(), fc.constantFrom('red', 'green', 'blue', '', 'ünï')],
  [date(), fc.integer({ min: -100_000, max: 100_000 }).map((d) => new Date(d * 86_400_000))],
  [timestamp({ timezone: 'UTC' }), fc.date({ noInvalidDate: true })],
  [timestamp(), fc.date({ noInvalidDate: true })],
];

const frames: fc.Arbitrary<{ df: DataFrame; rows: Record<string, unknown>[] }> = fc
  .record({
    height: fc.nat(40),
    cols: fc.array(fc.record({ k: fc.nat(kinds.length - 1), nullable: fc.boolean() }), { maxLength: 8 }),
    slice: fc.nat(5),
  })
  .chain(({ height, cols, slice }) => {
    const schema: Record<string, AnyDType> = {};
    const arbs: Record<string, fc.Arbitrary<unknown[]>> = {};
    cols.forEach(({ k, nullable: n }, i) => {
      const [d, arb] = kinds[k]!;
      schema[`c${i}`] = n ? nullable(d) : d;
      arbs[`c${i}`] = fc.array(n ? fc.option(arb, { nil: null }) : arb, { minLength: height, maxLength: height });
    });
    return fc.record(arbs).map((values) => {
      let df = DataFrame.fromColumns(values as never, { schema: schema as SchemaShape }) as DataFrame;
      if (cols.length === 0) df = DataFrame.fromColumns({});
      // Slices exercise bit offsets that are not on byte boundaries.
      if (slice > 0) df = df.slice(slice);
      return { df, rows: df.toRecords() as Record<string, unknown>[] };
    });
  });

/** apache-arrow values in colframe's terms (timestamps and dates are epoch ms there). */
function arrowRows(bytes: Uint8Array, df: DataFrame): Record<string, unknown>[] {
  const t = tableFromIPC(bytes);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < t.numRows; i++) {
    const r: Record<string, unknown> = {};
    for (const f of df.schema.fields) {
      const v = t.getChild(f.name)!.get(i);
      r[f.name] = v === null ? null : f.dtype.kind === 'date' || f.dtype.kind === 'timestamp' ? new Date(Number(v)) : v;
    }
    out.push(r);
  }
  return out;
}

describe('IPC round trips (property tests)', () => {
  it('toIPC → readIPCSync returns the same values and schema, in both formats, and apache-arrow reads them too', () => {
    fc.assert(
      fc.property(frames, ({ df, rows }) => {
        for (const format of ['file', 'stream'] as const) {
          const bytes = df.toIPC({ format });
          const back = readIPCSync(bytes, { int64: 'bigint' });
          expect(back.schema.toString()).toBe(df.schema.toString());
          expect(back.height).toBe(df.height);
          expect(back.toRecords()).toEqual(rows);
          if (df.width > 0) expect(arrowRows(bytes, df)).toEqual(rows);
          const t = tableFromIPC(bytes);
          expect(t.numCols).toBe(df.width);
          expect(t.schema.fields.map((f) => f.nullable)).toEqual(df.schema.fields.map((f) => f.dtype.nullable));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('writes an empty frame (no rows, or no columns) that reads back with its height', () => {
    const none = DataFrame.fromColumns({ a: [] as number[], s: [] as string[] }, { schema: { a: int32(), s: nullable(categorical()) } });
    for (const format of ['file', 'stream'] as const) {
      const back = readIPCSync(none.toIPC({ format }));
      expect(back.shape).toEqual([0, 2]);
      expect(String(back.schema)).toBe(String(none.schema));
      expect(tableFromIPC(none.toIPC({ format })).numRows).toBe(0);
      expect(readIPCSync(DataFrame.fromColumns({}).toIPC({ format })).shape).toEqual([0, 0]);
    }
  });
});
