import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, Decimal, Instant, SchemaError, binary, categorical, decimal, duration, fixedSizeBinary, float64, int32, int64, largeUtf8, list, nullable, struct, timestamp, utf8 } from '../../src/index.js';
import { frameOfRows } from '../support/arrow-data.js';
import { everyKindFrame, everyKindRecords } from '../support/every-kind.js';

const left = DataFrame.fromColumns({ id: [1, 2, 3, null, 2], x: ['a', 'b', 'c', 'd', 'e'] }, { schema: { id: nullable(int32()), x: utf8() } });
const right = DataFrame.fromColumns(
  { id: [2, 3, 3, 4, null], x: ['B', 'C1', 'C2', 'D', 'N'], y: [20, 30, 31, 40, 0] },
  { schema: { id: nullable(int32()), x: utf8(), y: int32() } },
);

describe('join', () => {
  it('inner: left order, then matches in right order; null keys never match; clashing names get the suffix', () => {
    expect(left.join(right, { on: 'id' }).toRecords()).toEqual([
      { id: 2, x: 'b', x_right: 'B', y: 20 },
      { id: 3, x: 'c', x_right: 'C1', y: 30 },
      { id: 3, x: 'c', x_right: 'C2', y: 31 },
      { id: 2, x: 'e', x_right: 'B', y: 20 },
    ]);
  });

  it('left, right and full keep unmatched rows with nulls', () => {
    expect(left.join(right, { on: 'id', how: 'left' }).getColumn('y').toArray()).toEqual([null, 20, 30, 31, null, 20]);
    const r = left.join(right, { on: 'id', how: 'right' });
    expect(r.getColumn('id').toArray()).toEqual([2, 3, 3, 2, 4, null]);
    expect(r.getColumn('x').toArray()).toEqual(['b', 'c', 'c', 'e', null, null]);
    const f = left.join(right, { on: 'id', how: 'full' });
    expect(f.height).toBe(4 + 2 + 2);
    expect(f.getColumn('x_right').toArray()).toEqual([null, 'B', 'C1', 'C2', null, 'B', 'D', 'N']);
  });

  it('semi and anti keep left rows with or without a match', () => {
    expect(left.join(right, { on: 'id', how: 'semi' }).getColumn('x').toArray()).toEqual(['b', 'c', 'e']);
    expect(left.join(right, { on: 'id', how: 'anti' }).getColumn('x').toArray()).toEqual(['a', 'd']);
  });

  it('cross pairs every row; a custom suffix; leftOn/rightOn; multi-key; categorical with utf8 keys', () => {
    expect(left.join(right.select('y'), { how: 'cross' }).height).toBe(25);
    expect(left.join(right, { on: 'id', suffix: '_r' }).columns).toEqual(['id', 'x', 'x_r', 'y']);
    const u = DataFrame.fromColumns({ uid: [3, 2], name: ['three', 'two'] });
    expect(left.join(u, { leftOn: 'id', rightOn: 'uid' }).toRecords()).toEqual([
      { id: 2, x: 'b', name: 'two' },
      { id: 3, x: 'c', name: 'three' },
      { id: 2, x: 'e', name: 'two' },
    ]);
    const a = DataFrame.fromColumns({ k1: ['p', 'p', 'q'], k2: [1, 2, 1], v: [10, 20, 30] }, { schema: { k1: categorical(), k2: int32(), v: int32() } });
    const b = DataFrame.fromColumns({ k1: ['p', 'q'], k2: [2, 1], w: ['x', 'y'] });
    expect(a.join(b, { on: ['k1', 'k2'] }).toRecords()).toEqual([
      { k1: 'p', k2: 2, v: 20, w: 'x' },
      { k1: 'q', k2: 1, v: 30, w: 'y' },
    ]);
  });

  it('reuses the left columns of a many-to-one join', () => {
    const users = DataFrame.fromColumns({ id: [1, 2, 3, 4], name: ['w', 'x', 'y', 'z'] });
    const j = left.filter((r) => r.id !== null).join(users, { on: 'id' });
    expect(j.getColumn('name').toArray()).toEqual(['w', 'x', 'y', 'x']);
  });

  it('rejects missing keys, keys of incomparable dtypes and bad options', () => {
    expect(() => left.join(right, {} as never)).toThrow('join: give `on`, or `leftOn` and `rightOn` with the same number of columns');
    expect(() => left.join(right, { on: 'zz' } as never)).toThrow('Column "zz" not found');
    expect(() => left.join(right, { leftOn: 'id', rightOn: 'x' })).toThrow(SchemaError);
    expect(() => left.join(right, { leftOn: 'id', rightOn: 'x' })).toThrow('join: cannot match left "id" (int32?) with right "x" (utf8)');
    expect(() => left.join(right, { on: 'id', how: 'outer' as never })).toThrow(/how must be inner, left/);
  });

  it('types the result: left columns, right non-key columns, suffixed clashes', () => {
    const j = left.join(right, { on: 'id' });
    const r = j.row(0);
    expectTypeOf(r.id).toEqualTypeOf<number | null>();
    expectTypeOf(r.x).toEqualTypeOf<string>();
    expectTypeOf(r.x_right).toEqualTypeOf<string>();
    expectTypeOf(r.y).toEqualTypeOf<number>();
    // @ts-expect-error: the right key is not repeated
    void r.id_right;
  });

  it('property: equals a nested-loop join, and the inner row count is Σ left × right per key', () => {
    const side = fc.array(fc.record({ k: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), v: fc.integer() }), { maxLength: 25 });
    fc.assert(
      fc.property(side, side, fc.constantFrom('inner', 'left', 'semi', 'anti') as fc.Arbitrary<'inner' | 'left' | 'semi' | 'anti'>, (a, b, how) => {
        const schema = { k: nullable(int32()), v: int32() };
        const L = DataFrame.fromRecords(a, { schema });
        const R = DataFrame.fromRecords(b, { schema });
        const got = L.join(R, { on: 'k', how }).toRecords();
        const want: Record<string, unknown>[] = [];
        for (const x of a) {
          const ms = b.filter((y) => x.k !== null && y.k === x.k);
          if (how === 'semi') {
            if (ms.length > 0) want.push({ ...x });
          } else if (how === 'anti') {
            if (ms.length === 0) want.push({ ...x });
          } else {
            for (const y of ms) want.push({ k: x.k, v: x.v, v_right: y.v });
            if (ms.length === 0 && how === 'left') want.push({ k: x.k, v: x.v, v_right: null });
          }
        }
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('join: exact keys and coalesced key columns', () => {
  it('builds the key of right and full joins from both sides: a null right key beside a non-nullable left key', () => {
    const l = DataFrame.fromColumns({ k: [1, 2], a: ['x', 'y'] }, { schema: { k: int32(), a: utf8() } });
    const r = DataFrame.fromColumns({ k: [2, null], b: [10, 20] }, { schema: { k: nullable(int32()), b: int32() } });
    const full = l.join(r, { on: 'k', how: 'full' });
    expect(full.toRecords()).toEqual([
      { k: 1, a: 'x', b: null },
      { k: 2, a: 'y', b: 10 },
      { k: null, a: null, b: 20 },
    ]);
    expect(String(full.schema.get('k'))).toBe('int32?');
    expect(l.join(r, { on: 'k', how: 'right' }).toRecords()).toEqual([
      { k: 2, a: 'y', b: 10 },
      { k: null, a: null, b: 20 },
    ]);
  });

  it('coalesces int32 with int64 keys as int64, and any integer with float64 as float64', () => {
    const l = DataFrame.fromColumns({ k: [1, 2] }, { schema: { k: int32() } });
    const r = DataFrame.fromColumns({ k: [2n, 2n ** 60n] }, { schema: { k: int64('bigint') } });
    const full = l.join(r, { on: 'k', how: 'full' });
    expect(String(full.schema.get('k'))).toBe('int64<bigint>');
    expect(full.getColumn('k').toArray()).toEqual([1n, 2n, 2n ** 60n]);
    const f = DataFrame.fromColumns({ k: [2.5, 2] }, { schema: { k: float64() } });
    const fr = f.join(DataFrame.fromColumns({ k: [2n, 7n] }, { schema: { k: int64('bigint') } }), { on: 'k', how: 'full' });
    expect(fr.getColumn('k').toArray()).toEqual([2.5, 2, 7]);
    expect(String(fr.schema.get('k'))).toBe('float64');
    // 2^60 is a double exactly; 2^60 + 1 is not: the float key cannot take it.
    expect(f.join(r, { on: 'k', how: 'full' }).getColumn('k').toArray()).toEqual([2.5, 2, 2 ** 60]);
    const inexact = DataFrame.fromColumns({ k: [2n ** 60n + 1n] }, { schema: { k: int64('bigint') } });
    expect(() => f.join(inexact, { on: 'k', how: 'full' })).toThrow('join: key 1152921504606846977 of "k" (int64<bigint>) has no exact float64 value');
  });

  it('matches int64 keys beyond 2^53 exactly, and an int64 with a float64 by exact value', () => {
    const l = DataFrame.fromColumns({ k: [2n ** 60n, 2n ** 60n + 1n] }, { schema: { k: int64('bigint') } });
    const r = DataFrame.fromColumns({ k: [2n ** 60n + 1n], v: [1] }, { schema: { k: int64('bigint'), v: int32() } });
    expect(l.join(r, { on: 'k' }).toRecords()).toEqual([{ k: 2n ** 60n + 1n, v: 1 }]);
    const f = DataFrame.fromColumns({ k: [2 ** 60, 2 ** 53], w: [1, 2] }, { schema: { k: float64(), w: int32() } });
    const i = DataFrame.fromColumns({ k: [2n ** 60n, 2n ** 53n + 1n] }, { schema: { k: int64('bigint') } });
    expect(i.join(f, { on: 'k' }).toRecords()).toEqual([{ k: 2n ** 60n, w: 1 }]);
  });

  it('matches NaN with NaN and −0 with 0; never null with null', () => {
    const l = DataFrame.fromColumns({ k: [NaN, -0, null] }, { schema: { k: nullable(float64()) } });
    const r = DataFrame.fromColumns({ k: [0, NaN, null], v: [1, 2, 3] }, { schema: { k: nullable(float64()), v: int32() } });
    expect(l.join(r, { on: 'k' }).getColumn('v').toArray()).toEqual([2, 1]);
  });
});

describe('join with payload columns of every dtype kind', () => {
  const all = everyKindFrame() as DataFrame;
  const rows = everyKindRecords();
  const left = all.head(4); // keys i16 1 … 4
  const right = all.slice(3); // keys i16 4 … 6
  const names = all.columns.filter((n) => n !== 'i16');
  const rightPart = (r: Record<string, unknown> | null) => Object.fromEntries(names.map((n) => [`${n}_right`, r === null ? null : r[n]]));
  const leftPart = (r: Record<string, unknown> | null, key: number) => ({ ...Object.fromEntries(all.columns.map((n) => [n, r === null ? null : r[n]])), i16: key });

  it('inner: both sides carry columns of every kind', () => {
    expect(left.join(right, { on: 'i16' }).toRecords()).toEqual([{ ...rows[3], ...rightPart(rows[3]!) }]);
  });

  it('left: unmatched left rows get nulls in every right column, nested and union columns included', () => {
    expect(left.join(right, { on: 'i16', how: 'left' }).toRecords()).toEqual([
      { ...rows[0], ...rightPart(null) },
      { ...rows[1], ...rightPart(null) },
      { ...rows[2], ...rightPart(null) },
      { ...rows[3], ...rightPart(rows[3]!) },
    ]);
  });

  it('full: unmatched right rows get nulls in every left column', () => {
    const out = left.join(right, { on: 'i16', how: 'full' }).toRecords();
    expect(out.slice(3)).toEqual([
      { ...rows[3], ...rightPart(rows[3]!) },
      { ...leftPart(null, 5), ...rightPart(rows[4]!) },
      { ...leftPart(null, 6), ...rightPart(rows[5]!) },
    ]);
  });

  it('semi and anti keep the left rows of every kind', () => {
    expect(left.join(right, { on: 'i16', how: 'semi' }).toRecords()).toEqual([rows[3]]);
    expect(left.join(right, { on: 'i16', how: 'anti' }).toRecords()).toEqual(rows.slice(0, 3));
  });
});

describe('join on keys of the new kinds', () => {
  const d = (u: bigint, s: number) => new Decimal(u, s);
  const ns = (e: bigint) => new Instant(e, 'ns');

  it('matches decimals by value, also across scales and widths; null keys never match', () => {
    const l = frameOfRows({ k: [nullable(decimal(10, 2)), [d(150n, 2), d(-1n, 2), null, d(0n, 2)]], x: [int32(), [0, 1, 2, 3]] });
    const r = frameOfRows({ k: [nullable(decimal(40, 3, { bitWidth: 256 })), [d(1500n, 3), null, d(-10n, 3), d(1501n, 3)]], y: [int32(), [10, 11, 12, 13]] });
    expect(l.join(r, { on: 'k' }).toRecords()).toEqual([
      { k: d(150n, 2), x: 0, y: 10 },
      { k: d(-1n, 2), x: 1, y: 12 },
    ]);
    expect(l.join(r, { on: 'k', how: 'anti' }).getColumn('x').toArray()).toEqual([2, 3]);
    // A full join keeps one key column: the decimal that holds both sides' values exactly.
    const full = l.join(r, { on: 'k', how: 'full' });
    expect(String(full.schema.get('k'))).toBe('decimal(40, 3)?');
    expect(full.getColumn('k').toArray().map((v) => (v === null ? null : String(v)))).toEqual(['1.500', '-0.010', null, '0.000', null, '1.501']);
  });

  it('matches nanosecond timestamps exactly, and coalesces them in a full join', () => {
    const l = frameOfRows({ t: [timestamp('ns'), [ns(1n), ns(2n), ns(2n ** 62n)]], x: [int32(), [0, 1, 2]] });
    const r = frameOfRows({ t: [timestamp('ns', { timezone: 'UTC' }), [ns(2n), ns(3n)]], y: [int32(), [20, 30]] });
    expect(l.join(r, { on: 't' }).toRecords()).toEqual([{ t: ns(2n), x: 1, y: 20 }]);
    const full = l.join(r, { on: 't', how: 'full' });
    expect(full.toRecords()).toEqual([
      { t: ns(1n), x: 0, y: null },
      { t: ns(2n), x: 1, y: 20 },
      { t: ns(2n ** 62n), x: 2, y: null },
      { t: ns(3n), x: null, y: 30 },
    ]);
    expect(String(full.schema.get('t'))).toBe('timestamp[ns]');
  });

  it('refuses timestamp keys of different units, naming both', () => {
    const l = frameOfRows({ t: [timestamp('ns'), [ns(1n)]] });
    const r = frameOfRows({ t: [timestamp('us'), [new Instant(1n, 'us')]] });
    expect(() => l.join(r, { on: 't' })).toThrow('join: cannot match left "t" (timestamp[ns]) with right "t" (timestamp[us])');
  });

  it('matches binary kinds bytewise (binary with fixed-size binary) and largeUtf8 with utf8', () => {
    const l = frameOfRows({ b: [binary(), [Uint8Array.of(1, 2), Uint8Array.of(), Uint8Array.of(3, 4)]], s: [largeUtf8(), ['a', 'é', 'zz']] });
    const r = frameOfRows({ b: [fixedSizeBinary(2), [Uint8Array.of(3, 4), Uint8Array.of(1, 2)]], s: [utf8(), ['zz', 'é']] });
    expect(l.join(r, { on: 'b', how: 'semi' }).getColumn('s').toArray()).toEqual(['a', 'zz']);
    expect(l.join(r, { on: 's', how: 'semi' }).getColumn('s').toArray()).toEqual(['é', 'zz']);
    const full = l.join(r, { on: 'b', how: 'full' }).select('b', 's');
    expect(String(full.schema.get('b'))).toBe('binary');
    expect(full.getColumn('b').toArray()).toEqual([Uint8Array.of(1, 2), Uint8Array.of(), Uint8Array.of(3, 4)]);
  });

  it('matches lists, structs, durations and times by value, with a full join coalescing list keys', () => {
    const l = frameOfRows({
      l: [list(nullable(int32())), [[1, 2], [], [null]]],
      st: [struct({ a: utf8(), b: nullable(float64()) }), [{ a: 'x', b: NaN }, { a: 'y', b: null }, { a: 'x', b: -0 }]],
      du: [duration('ns'), [5, 6, 7]],
      x: [int32(), [0, 1, 2]],
    });
    const r = frameOfRows({
      l: [nullable(list(nullable(int32()))), [[null], null, [1, 2]]],
      st: [struct({ a: utf8(), b: nullable(float64()) }), [{ a: 'x', b: 0 }, { a: 'x', b: NaN }, { a: 'z', b: 1 }]],
      du: [duration('ns', 'bigint'), [7n, 5n, 9n]],
      y: [int32(), [10, 11, 12]],
    });
    expect(l.join(r, { on: 'l' }).select('x', 'y').toRecords()).toEqual([
      { x: 0, y: 12 },
      { x: 2, y: 10 },
    ]);
    expect(l.join(r, { on: 'st' }).select('x', 'y').toRecords()).toEqual([
      { x: 0, y: 11 },
      { x: 2, y: 10 },
    ]);
    expect(l.join(r, { on: 'du' }).select('x', 'y').toRecords()).toEqual([
      { x: 0, y: 11 },
      { x: 2, y: 10 },
    ]);
    const full = l.join(r, { on: 'l', how: 'full' }).select('l', 'x', 'y');
    expect(full.toRecords()).toEqual([
      { l: Int32Array.of(1, 2), x: 0, y: 12 },
      { l: Int32Array.of(), x: 1, y: null },
      { l: [null], x: 2, y: 10 },
      { l: null, x: null, y: 11 },
    ]);
    expect(String(full.schema.get('l'))).toBe('list<int32?>?');
  });

  it('joins on several keys mixing old and new kinds', () => {
    const l = frameOfRows({ a: [int32(), [1, 1, 2]], b: [decimal(38, 1), [d(5n, 1), d(6n, 1), d(5n, 1)]], x: [int32(), [0, 1, 2]] });
    const r = frameOfRows({ a: [int32(), [1, 2]], b: [decimal(38, 1), [d(6n, 1), d(5n, 1)]], y: [int32(), [10, 11]] });
    expect(l.join(r, { on: ['a', 'b'] }).select('x', 'y').toRecords()).toEqual([
      { x: 1, y: 10 },
      { x: 2, y: 11 },
    ]);
  });
});
