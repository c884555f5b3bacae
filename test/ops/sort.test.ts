import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, categorical, col, float64, int32, int64, nullable, uint64, utf8 } from '../../src/index.js';

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
