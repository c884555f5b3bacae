import { describe, expect, expectTypeOf, it } from 'vitest';
import { ColumnNotFoundError, DataFrame, InvalidArgumentError, date, float64, int32, int64, nullable, timestamp, uint8, utf8 } from '../../src/index.js';
import { everyKindFrame, everyKindRecords } from '../support/every-kind.js';

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
    for (const bad of [{}, undefined, null, new Map(), [], () => 0]) {
      expect(() => df.fillNull(bad as never), String(bad)).toThrow(InvalidArgumentError);
    }
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
