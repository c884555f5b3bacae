import { describe, expect, expectTypeOf, it } from 'vitest';
import { ColumnNotFoundError, DataFrame, Decimal, Instant, InvalidArgumentError, date, float64, int32, int64, list, nullable, timestamp, uint8, utf8 } from '../../src/index.js';
import { everyKindFrame, everyKindRecords } from '../support/every-kind.js';
import { frameOfRows } from '../support/arrow-data.js';

const df = DataFrame.fromColumns(
  { i: [1, null], f: [null, 2], s: [null, 'a'], u: [null, 7] },
  { schema: { i: nullable(int32()), f: nullable(float64()), s: nullable(utf8()), u: nullable(uint8()) } },
);

describe('df.fillNull with one value', () => {
  it('fills every column whose dtype holds the value and leaves the others alone', () => {
    const out = df.fillNull(2.5);
    expect(out.getColumn('i').toArray()).toEqual([1, null]);
    expect(out.getColumn('f').toArray()).toEqual([2.5, 2]);
    expect(out.getColumn('u').toArray()).toEqual([null, 7]);
    expect(out.schema.get('i')).toBe(df.schema.get('i'));
    expect(df.fillNull(0).toRecords()).toEqual([
      { i: 1, f: 0, s: null, u: 0 },
      { i: 0, f: 2, s: 'a', u: 7 },
    ]);
    expect(df.fillNull(300).getColumn('u').toArray()).toEqual([null, 7]);
    expect(df.fillNull(300).getColumn('i').toArray()).toEqual([1, 300]);
  });

  it('keeps the declared dtypes', () => {
    expect(String(df.fillNull(0).schema.get('i'))).toBe('int32?');
  });

  it('fills 64-bit, date and timestamp columns only with values they hold exactly', () => {
    const t = DataFrame.fromColumns(
      { big: [null, 1n], d: [null, new Date('2024-01-01')], ts: [null, new Date(0)] },
      { schema: { big: nullable(int64('bigint')), d: nullable(date()), ts: nullable(timestamp()) } },
    );
    expect(t.fillNull(2n ** 62n).getColumn('big').toArray()).toEqual([2n ** 62n, 1n]);
    const noon = new Date('2024-05-01T12:00:00Z');
    expect(t.fillNull(noon).getColumn('d').toArray()).toEqual([null, new Date('2024-01-01')]);
    expect(t.fillNull(noon).getColumn('ts').toArray()).toEqual([noon, new Date(0)]);
    const midnight = new Date('2024-05-01');
    expect(t.fillNull(midnight).getColumn('d').toArray()).toEqual([midnight, new Date('2024-01-01')]);
  });
});

describe('df.fillNull per column', () => {
  it('fills each named column with its value', () => {
    const out = df.fillNull({ i: 0, s: '?' });
    expect(out.toRecords()).toEqual([
      { i: 1, f: null, s: '?', u: null },
      { i: 0, f: 2, s: 'a', u: 7 },
    ]);
    expectTypeOf(out).toEqualTypeOf<typeof df>();
  });

  it('takes a Map, which is never a strategy: the way to fill a column named "strategy"', () => {
    const t = DataFrame.fromColumns({ strategy: ['a', null], v: [null, 1] }, { schema: { strategy: nullable(utf8()), v: nullable(int32()) } });
    expect(t.fillNull(new Map([['strategy', 'forward']])).getColumn('strategy').toArray()).toEqual(['a', 'forward']);
    expect(t.fillNull({ strategy: 'forward' }).getColumn('strategy').toArray()).toEqual(['a', 'a']);
    expect(t.fillNull({ strategy: 'x', v: 0 } as never).toRecords()).toEqual([
      { strategy: 'a', v: 0 },
      { strategy: 'x', v: 1 },
    ]);
    expect(() => t.fillNull({ strategy: 'x' } as never)).toThrow(/strategy must be 'forward', 'backward' or 'mean', got x \(to fill a column named "strategy", pass a Map\)/);
  });

  it('rejects an unknown column, suggesting the closest name', () => {
    expect(() => df.fillNull({ ii: 0 } as never)).toThrow(ColumnNotFoundError);
    expect(() => df.fillNull({ ii: 0 } as never)).toThrow('Column "ii" not found. Did you mean "i"?');
    // @ts-expect-error: not a column of the frame
    expect(() => df.fillNull({ zz: 0 })).toThrow(ColumnNotFoundError);
  });

  it('rejects a value the named column does not hold', () => {
    expect(() => df.fillNull({ i: 2.5 })).toThrow(InvalidArgumentError);
    expect(() => df.fillNull({ i: 2.5 })).toThrow('fillNull: 2.5 (number) does not fit int32 column "i"');
    expect(() => df.fillNull({ s: 1 })).toThrow('fillNull: 1 (number) does not fit utf8 column "s"');
    expect(() => df.fillNull({ i: null } as never)).toThrow(InvalidArgumentError);
  });

  it('rejects nothing to fill with', () => {
    for (const bad of [{}, undefined, null, new Map(), () => 0]) {
      expect(() => df.fillNull(bad as never), String(bad)).toThrow(InvalidArgumentError);
    }
  });

  it('takes an empty array as the empty list: it fills list columns and leaves others alone', () => {
    expect(df.fillNull([]).toRecords()).toEqual(df.toRecords());
    const lists = frameOfRows({ l: [nullable(list(utf8())), [['a'], null]], i: [nullable(int32()), [null, 1]] });
    expect(lists.fillNull([]).toRecords()).toEqual([
      { l: ['a'], i: null },
      { l: [], i: 1 },
    ]);
  });
});

describe('df.fillNull with a strategy', () => {
  it('carries values forward and backward in any dtype, keeping leading or trailing nulls', () => {
    const t = DataFrame.fromColumns({ s: [null, 'a', null, 'b', null] }, { schema: { s: nullable(utf8()) } });
    expect(t.fillNull({ strategy: 'forward' }).getColumn('s').toArray()).toEqual([null, 'a', 'a', 'b', 'b']);
    expect(t.fillNull({ strategy: 'backward' }).getColumn('s').toArray()).toEqual(['a', 'a', 'b', 'b', null]);
  });
});

describe('df.fillNull on a sliced frame', () => {
  it('fills from the slice offset', () => {
    const t = DataFrame.fromColumns({ v: [null, 1, null, 3, null], s: ['a', null, 'b', null, null] }, { schema: { v: nullable(int32()), s: nullable(utf8()) } });
    const part = t.slice(1, 4);
    expect(part.fillNull(0).getColumn('v').toArray()).toEqual([1, 0, 3, 0]);
    expect(part.fillNull({ s: '?' }).getColumn('s').toArray()).toEqual(['?', 'b', '?', '?']);
    expect(part.fillNull({ strategy: 'forward' }).toRecords()).toEqual([
      { v: 1, s: null },
      { v: 1, s: 'b' },
      { v: 3, s: 'b' },
      { v: 3, s: 'b' },
    ]);
  });
});

describe('dropNulls and fill strategies on every dtype kind', () => {
  const all = everyKindFrame() as DataFrame;
  const rows = everyKindRecords();

  it('dropNulls drops the rows null in the subset, unions (null in the selected child) and the null type included', () => {
    expect(all.dropNulls(['st']).toRecords()).toEqual(rows.filter((_, i) => i !== 1));
    expect(all.dropNulls(['su']).toRecords()).toEqual([rows[0], rows[1], rows[4], rows[5]]);
    expect(all.dropNulls(['du', 'fl']).toRecords()).toEqual([rows[0], rows[3], rows[4], rows[5]]);
    expect(all.dropNulls(['nul']).height).toBe(0);
    expect(all.dropNulls().height).toBe(0);
    expect(all.slice(3).dropNulls(['iv_mdn', 'mp', 'd256']).toRecords()).toEqual(rows.slice(3));
  });

  it("fills forward and backward in columns of every kind", () => {
    const fill = (dir: 'forward' | 'backward') => {
      const names = Object.keys(rows[0]!);
      const out = rows.map((r) => ({ ...r }));
      for (const n of names) {
        const order = dir === 'forward' ? [0, 1, 2, 3, 4, 5] : [5, 4, 3, 2, 1, 0];
        let last: unknown = null;
        for (const i of order) {
          if (out[i]![n] === null) out[i]![n] = last;
          else last = out[i]![n];
        }
      }
      return out;
    };
    expect(all.fillNull({ strategy: 'forward' }).toRecords()).toEqual(fill('forward'));
    expect(all.fillNull({ strategy: 'backward' }).toRecords()).toEqual(fill('backward'));
  });
});

describe('df.fillNull with values of the new kinds', () => {
  const all = everyKindFrame() as DataFrame;
  const rows = everyKindRecords();
  /** The column's rows with nulls replaced by `v`. */
  const filledWith = (name: string, v: unknown) => rows.map((r) => (r[name] === null ? v : r[name]));
  const column = (df: DataFrame, name: string) => df.toRecords().map((r) => r[name]);

  it('a Decimal fills every decimal column whose scale and precision hold it (rescaled), and only those', () => {
    const out = all.fillNull(new Decimal(5n, 2));
    expect(column(out, 'd128')).toEqual(filledWith('d128', new Decimal(500n, 4)));
    expect(column(out, 'd256')).toEqual(filledWith('d256', new Decimal(5n, 2)));
    expect(column(out, 'd32')).toEqual(filledWith('d32', new Decimal(50n, 3)));
    expect(column(out, 'i32')).toEqual(column(all, 'i32'));
    expect(String(out.schema.get('d128'))).toBe('decimal(20, 4)?');
  });

  it('an Instant fills the timestamp columns whose unit holds it exactly', () => {
    const out = all.fillNull(new Instant(1000n, 'ns'));
    expect(column(out, 'ts_ns')).toEqual(filledWith('ts_ns', new Instant(1000n, 'ns')));
    expect(column(out, 'ts_us')).toEqual(filledWith('ts_us', new Instant(1n, 'us')));
    expect(column(out, 'ts_ms')).toEqual(column(all, 'ts_ms')); // 1 µs is not a whole millisecond
  });

  it('bytes fill binary columns and fixed-size binary columns of their size; a list fills the list columns its items fit', () => {
    const b = Uint8Array.of(7, 7, 7);
    const out = all.fillNull(b);
    expect(column(out, 'bin')).toEqual(filledWith('bin', b));
    expect(column(out, 'lbin')).toEqual(filledWith('lbin', b));
    expect(column(out, 'fsb')).toEqual(filledWith('fsb', b));
    const lists = all.fillNull([1, 2]);
    expect(column(lists, 'li')).toEqual(filledWith('li', Int32Array.of(1, 2)));
    expect(column(lists, 'fl')).toEqual(filledWith('fl', Float64Array.of(1, 2)));
    expect(column(lists, 'll')).toEqual(column(all, 'll')); // list<utf8> does not hold numbers
    expect(column(lists, 'nest')).toEqual(column(all, 'nest'));
  });

  it('a number fills numeric, float16 and decimal columns, but durations and times only when named', () => {
    const out = all.fillNull(0);
    expect(column(out, 'f16')).toEqual(filledWith('f16', 0));
    expect(column(out, 'dur')).toEqual(column(all, 'dur'));
    expect(column(out, 't_s')).toEqual(column(all, 't_s'));
    const named = all.fillNull({ dur: 7, t_s: 5 });
    expect(column(named, 'dur')).toEqual(filledWith('dur', 7));
    expect(column(named, 't_s')).toEqual(filledWith('t_s', 5));
  });

  it('per column: structs, maps, intervals and unions take a value of their type', () => {
    const st = { x: 9, tag: 'q', when: null };
    const mp = [['k', new Decimal(1n, 2)]];
    const iv = { months: 1, days: 2, nanoseconds: 3n };
    const out = all.fillNull({ st, mp, iv_mdn: iv, su: 'z', du: 2.5 });
    expect(column(out, 'st')).toEqual(filledWith('st', st));
    expect(column(out, 'mp')).toEqual(filledWith('mp', mp));
    expect(column(out, 'iv_mdn')).toEqual(filledWith('iv_mdn', iv));
    expect(column(out, 'su')).toEqual(filledWith('su', 'z'));
    expect(column(out, 'du')).toEqual(filledWith('du', 2.5));
  });

  it('refuses a per-column value its column does not hold, naming value, dtype and column', () => {
    expect(() => all.fillNull({ d64: new Decimal(5n, 2) })).toThrow(
      'fillNull: Decimal(0.05) does not fit decimal64(18, 0) column "d64"; to change its dtype, use withColumns({ "d64": col("d64").fillNull(value) })',
    );
    expect(() => all.fillNull({ fsb: Uint8Array.of(1) })).toThrow(InvalidArgumentError);
    expect(() => all.fillNull({ ts_ms: new Instant(1n, 'ns') })).toThrow('does not fit timestamp[ms, UTC] column "ts_ms"');
  });
});
