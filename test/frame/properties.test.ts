import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { DataFrame, bool, categorical, float64, int32, int64, nullable, timestamp, utf8 } from '../../src/index.js';

const schema = {
  i: nullable(int32()),
  f: nullable(float64()),
  b: nullable(bool()),
  s: nullable(utf8()),
  c: nullable(categorical()),
  t: nullable(timestamp()),
  big: nullable(int64('bigint')),
};

const record = fc.record({
  i: fc.option(fc.integer(), { nil: null }),
  f: fc.option(fc.double(), { nil: null }),
  b: fc.option(fc.boolean(), { nil: null }),
  s: fc.option(fc.string({ unit: 'grapheme-composite' }), { nil: null }),
  c: fc.option(fc.constantFrom('red', 'green', 'blue', ''), { nil: null }),
  t: fc.option(fc.date({ noInvalidDate: true }), { nil: null }),
  big: fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: null }),
});

describe('frame invariants (property tests)', () => {
  it('fromRecords → toRecords returns the records', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (rows) => {
        expect(DataFrame.fromRecords(rows, { schema }).toRecords()).toEqual(rows);
      }),
    );
  });

  it('slice(offset, length) equals slicing the records, and row views agree', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.integer({ min: -50, max: 50 }), fc.nat(50), (rows, offset, length) => {
        const df = DataFrame.fromRecords(rows, { schema });
        const start = offset < 0 ? Math.max(0, rows.length + offset) : Math.min(offset, rows.length);
        const expected = rows.slice(start, start + length);
        const s = df.slice(offset, length);
        expect(s.toRecords()).toEqual(expected);
        expect([...s].map((r) => r.toObject())).toEqual(expected);
        expect(s.slice(1).toRecords()).toEqual(expected.slice(1));
      }),
    );
  });

  it('toArrow → IPC → fromArrow round-trips values and schema', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (rows) => {
        const df = DataFrame.fromRecords(rows, { schema });
        const back = DataFrame.fromArrow(tableFromIPC(tableToIPC(df.toArrow())), { int64: 'bigint' });
        expect(back.toRecords()).toEqual(rows);
        expect(back.schema.toString()).toBe(df.schema.toString());
      }),
      { numRuns: 50 },
    );
  });

  it('head(n) and tail(n) partition the frame', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 50 }), fc.nat(60), (xs, n) => {
        const df = DataFrame.fromColumns({ x: xs }, { schema: { x: int32() } });
        const k = Math.min(n, xs.length);
        expect([...df.head(k).getColumn('x'), ...df.tail(xs.length - k).getColumn('x')]).toEqual(xs);
      }),
    );
  });

  it('memoryUsage().total never exceeds retained and is unchanged by select order', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (rows) => {
        const df = DataFrame.fromRecords(rows, { schema });
        const m = df.memoryUsage();
        expect(m.total).toBeLessThanOrEqual(m.retained);
        expect(df.select('s', 'i', 'c').memoryUsage().total).toBe(df.select('c', 's', 'i').memoryUsage().total);
      }),
    );
  });
});

describe('iteration retains nothing per row', () => {
  it('iterating 1M rows keeps heap growth far below one object per row', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const n = 1_000_000;
    const df = DataFrame.fromColumns({ a: new Int32Array(n).fill(1), b: new Float64Array(n).fill(0.5) });
    let sum = 0;
    for (const r of df) sum += r.a + r.b; // warm up (row class, store)
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const it = df.rows();
    for (const r of it) sum += r.a + r.b;
    gc();
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(sum).toBe(2 * 1.5 * n);
    // One retained object per row would be ≥ 16 MB.
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });
});
