import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, Decimal, ExpressionError, Instant, categorical, col, decimal, float64, int32, int64, nullable, timestamp, uint64, utf8 } from '../../src/index.js';
import { everyKindFrame, everyKindRecords } from '../support/every-kind.js';
import { frameOfRows } from '../support/arrow-data.js';

describe('sort', () => {
  const df = DataFrame.fromColumns(
    { k: ['b', 'a', null, 'a', 'c'], v: [2.5, NaN, 1, null, -3], i: [0, 1, 2, 3, 4] },
    { schema: { k: nullable(categorical()), v: nullable(float64()), i: int32() } },
  );

  it('sorts by one numeric key with NaN after numbers and nulls last', () => {
    expect(df.sort('v').getColumn('i').toArray()).toEqual([4, 2, 0, 1, 3]);
    expect(df.sort('v', { descending: true }).getColumn('i').toArray()).toEqual([1, 0, 2, 4, 3]);
    expect(df.sort('v', { nullsLast: false }).getColumn('i').toArray()).toEqual([3, 4, 2, 0, 1]);
  });

  it('sorts categoricals by their strings, stably, with per-key direction', () => {
    expect(df.sort('k').getColumn('i').toArray()).toEqual([1, 3, 0, 4, 2]);
    expect(df.sort(['k', 'i'], { descending: [false, true] }).getColumn('i').toArray()).toEqual([3, 1, 0, 4, 2]);
    expect(df.sort(col('i').mul(-1)).getColumn('i').toArray()).toEqual([4, 3, 2, 1, 0]);
  });

  it('sorts strings, booleans and dates', () => {
    const t = DataFrame.fromColumns({ s: ['b', 'a', 'c'], b: [true, false, true], d: [new Date(3), new Date(1), new Date(2)] });
    expect(t.sort('s').getColumn('s').toArray()).toEqual(['a', 'b', 'c']);
    expect(t.sort('b').getColumn('s').toArray()).toEqual(['a', 'b', 'c']);
    expect(t.sort('d').getColumn('s').toArray()).toEqual(['a', 'c', 'b']);
  });

  it('rejects unknown keys and bad options', () => {
    expect(() => df.sort('zz' as never)).toThrow('Column "zz" not found');
    expect(() => df.sort(['k', 'v'], { descending: [true] })).toThrow('sort: descending has 1 entries for 2 keys');
    expect(() => df.sort([])).toThrow('sort needs at least one key');
  });

  it('property: the result is a permutation, ordered, and stable', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.option(fc.double({ noNaN: false }), { nil: null }), g: fc.constantFrom('p', 'q', 'r') }), { maxLength: 60 }),
        fc.boolean(),
        (rows, descending) => {
          const t = DataFrame.fromRecords(
            rows.map((r, i) => ({ ...r, i })),
            { schema: { x: nullable(float64()), g: utf8(), i: int32() } },
          );
          const s = t.sort('x', { descending });
          const ids = s.getColumn('i').toArray();
          expect([...ids].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
          const xs = s.getColumn('x').toArray();
          const rank = (v: number | null) => (v === null ? Infinity : Number.isNaN(v) ? 1e308 * 10 : v);
          for (let k = 1; k < xs.length; k++) {
            const a = xs[k - 1]!;
            const b = xs[k]!;
            if (a === null) expect(b).toBeNull();
            else if (b !== null && !Number.isNaN(a) && !Number.isNaN(b)) expect(descending ? a >= b : a <= b).toBe(true);
            // Equal keys keep their input order.
            if (Object.is(a, b) || (a !== null && b !== null && a === b)) expect(ids[k - 1]! < ids[k]!).toBe(true);
          }
          void rank;
          const byGroup = t.sort(['g', 'x']);
          expect(byGroup.height).toBe(rows.length);
        },
      ),
    );
  });
});

describe('sort: exact and total order', () => {
  it('treats −0 and 0 as equal: ties keep row order and later keys decide', () => {
    const t = DataFrame.fromColumns({ x: [0, -0, 0, -0], y: [4, 3, 2, 1], i: [0, 1, 2, 3] }, { schema: { x: float64(), y: int32(), i: int32() } });
    expect(t.sort('x').getColumn('i').toArray()).toEqual([0, 1, 2, 3]);
    expect(t.sort(['x', 'y']).getColumn('i').toArray()).toEqual([3, 2, 1, 0]);
    expect(t.sort('x', { descending: true }).getColumn('i').toArray()).toEqual([0, 1, 2, 3]);
  });

  it('sorts int64 beyond 2^53 and uint64 beyond 2^63 exactly', () => {
    const t = DataFrame.fromColumns({ id: [2n ** 60n + 1n, 2n ** 60n, -(2n ** 63n), 2n ** 63n - 1n, 5n] }, { schema: { id: int64('bigint') } });
    expect(t.sort('id').getColumn('id').toArray()).toEqual([-(2n ** 63n), 5n, 2n ** 60n, 2n ** 60n + 1n, 2n ** 63n - 1n]);
    const u = DataFrame.fromColumns({ id: [2n ** 64n - 1n, 2n ** 63n, 1n] }, { schema: { id: uint64('bigint') } });
    expect(u.sort('id').getColumn('id').toArray()).toEqual([1n, 2n ** 63n, 2n ** 64n - 1n]);
    // With a utf8 key the comparator path orders the int64 key exactly too.
    const s = DataFrame.fromColumns({ s: ['a', 'a'], id: [2n ** 60n + 1n, 2n ** 60n] }, { schema: { s: utf8(), id: int64('bigint') } });
    expect(s.sort(['s', 'id']).getColumn('id').toArray()).toEqual([2n ** 60n, 2n ** 60n + 1n]);
  });

  it('places nulls apart from every value, even the extreme ones (uint64 2^64−1, the first category descending)', () => {
    const u = DataFrame.fromColumns({ id: [null, 2n ** 64n - 1n, 0n] }, { schema: { id: nullable(uint64('bigint')) } });
    expect(u.sort('id').getColumn('id').toArray()).toEqual([0n, 2n ** 64n - 1n, null]);
    expect(u.sort('id', { descending: true, nullsLast: false }).getColumn('id').toArray()).toEqual([null, 2n ** 64n - 1n, 0n]);
    const c = DataFrame.fromColumns({ c: [null, 'a', 'b'] }, { schema: { c: nullable(categorical()) } });
    expect(c.sort('c', { descending: true }).getColumn('c').toArray()).toEqual(['b', 'a', null]);
    expect(c.sort('c', { nullsLast: false }).getColumn('c').toArray()).toEqual([null, 'a', 'b']);
  });

  it('property: equals a stable sort in the total order (NaN greatest, −0 = 0, nulls last)', () => {
    const num = fc.option(fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity)), { nil: null });
    fc.assert(
      fc.property(fc.array(num, { maxLength: 50 }), fc.boolean(), (xs, descending) => {
        const t = DataFrame.fromColumns({ x: xs, i: xs.map((_, i) => i) }, { schema: { x: nullable(float64()), i: int32() } });
        const key = (v: number | null) => (v === null ? 2 : Number.isNaN(v) ? 1 : 0);
        const cmp = (a: number, b: number) => {
          const x = xs[a]!;
          const y = xs[b]!;
          if (x === null || y === null || Number.isNaN(x) || Number.isNaN(y)) {
            const d = key(x) - key(y);
            // Nulls stay last in both directions; NaN is the greatest number.
            if (x === null || y === null) return d;
            return descending ? -d : d;
          }
          return x === y ? 0 : (x < y ? -1 : 1) * (descending ? -1 : 1);
        };
        const want = xs.map((_, i) => i).sort((a, b) => cmp(a, b) || a - b);
        expect(t.sort('x', { descending }).getColumn('i').toArray()).toEqual(want);
      }),
    );
  });
});

describe('sort by and with columns of every dtype kind', () => {
  const all = everyKindFrame() as DataFrame;
  const rows = everyKindRecords();
  /** Total order of read-back values: NaN greatest, −0 = 0, exact for bigints, decimals and instants, bytewise for bytes. */
  const cmp = (a: unknown, b: unknown): number => {
    if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    if (a instanceof Decimal && b instanceof Decimal) return Decimal.compare(a, b);
    if (a instanceof Instant && b instanceof Instant) return Instant.compare(a, b);
    if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
    if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
    if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
    if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
    throw new Error(`no order for ${String(a)}`);
  };
  const ORDERED = ['b', 'i8', 'i32', 'i64', 'u32', 'u64', 'f16', 'f64', 'd128', 'd256', 'd32', 'd64', 's', 'ls', 'bin', 'lbin', 'fsb', 'fsb4', 'cat', 'day', 'ts_s', 'ts_ms', 'ts_us', 'ts_ns', 't_s', 't_ns', 'dur', 'durb'];

  it.each(ORDERED)('sorts by a %s column exactly, both directions, nulls last or first, carrying every other column', (name) => {
    for (const descending of [false, true]) {
      for (const nullsLast of [true, false]) {
        const order = [0, 1, 2, 3, 4, 5].sort((i, j) => {
          const a = rows[i]![name];
          const b = rows[j]![name];
          if (a === null || b === null) return a === b ? 0 : (a === null ? 1 : -1) * (nullsLast ? 1 : -1);
          return descending ? cmp(b, a) : cmp(a, b);
        });
        expect(all.sort(name, { descending, nullsLast }).toRecords()).toEqual(order.map((i) => rows[i]));
      }
    }
  });

  it('sorts by several keys of new kinds (a decimal, then a nanosecond timestamp descending)', () => {
    const df = frameOfRows({
      d: [decimal(38, 2), [new Decimal(5n, 2), new Decimal(-(10n ** 30n), 2), new Decimal(5n, 2), new Decimal(5n, 2)]],
      t: [timestamp('ns'), [new Instant(3n, 'ns'), new Instant(9n, 'ns'), new Instant(-(2n ** 63n), 'ns'), new Instant(2n ** 63n - 1n, 'ns')]],
      i: [int32(), [0, 1, 2, 3]],
    });
    expect(df.sort(['d', 't'], { descending: [false, true] }).getColumn('i').toArray()).toEqual([1, 3, 0, 2]);
  });

  it('refuses to sort by a dtype without an order, naming it', () => {
    expect(() => all.sort('li')).toThrow('sort("li"): cannot sort by list<int32?>?');
    expect(() => all.sort('st')).toThrow(ExpressionError);
    expect(() => all.sort('iv_mdn')).toThrow('cannot sort by interval[monthDayNano]?');
  });

  it('sorts a sliced frame and an empty frame', () => {
    expect(all.slice(2, 3).sort('d128').toRecords()).toEqual([rows[4], rows[3], rows[2]]);
    expect(all.head(0).sort('ts_ns').height).toBe(0);
  });
});
