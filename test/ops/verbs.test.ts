import { describe, expect, it } from 'vitest';
import { DataFrame, SchemaError, categorical, float64, int32, nullable, utf8, InvalidValueError } from '../../src/index.js';

const a = DataFrame.fromColumns({ k: ['x', 'y'], v: [1, 2] }, { schema: { k: categorical(), v: int32() } });
const b = DataFrame.fromColumns({ k: ['z', 'x'], v: [3, null] }, { schema: { k: categorical(), v: nullable(int32()) } });

describe('DataFrame.concat', () => {
  it('stacks frames vertically, merging dictionaries and nullability', () => {
    const c = DataFrame.concat([a, b]);
    expect(c.toRecords()).toEqual([
      { k: 'x', v: 1 },
      { k: 'y', v: 2 },
      { k: 'z', v: 3 },
      { k: 'x', v: null },
    ]);
    expect(String(c.schema.get('v'))).toBe('int32?');
    expect(c.getColumn('k').data.dictionary!.length).toBe(3);
  });

  it('mixes categorical and utf8 into utf8; diagonal fills missing columns with nulls', () => {
    const u = DataFrame.fromColumns({ k: ['w'], v: [9] }, { schema: { k: utf8(), v: int32() } });
    expect(DataFrame.concat([a, u]).getColumn('k').toArray()).toEqual(['x', 'y', 'w']);
    const d = DataFrame.fromColumns({ v: [7], extra: ['e'] });
    expect(DataFrame.concat([a, d], { how: 'diagonal' }).toRecords()).toEqual([
      { k: 'x', v: 1, extra: null },
      { k: 'y', v: 2, extra: null },
      { k: null, v: 7, extra: 'e' },
    ]);
  });

  it('rejects mismatched schemas, naming them', () => {
    const d = DataFrame.fromColumns({ v: [7], extra: ['e'] });
    expect(() => DataFrame.concat([a, d] as never)).toThrow(SchemaError);
    expect(() => DataFrame.concat([a, d] as never)).toThrow("concat: frame 1 has columns [v, extra], frame 0 has [k, v] (use how: 'diagonal' to fill missing columns with nulls)");
    const f = DataFrame.fromColumns({ k: ['x'], v: [1.5] }, { schema: { k: categorical(), v: float64() } });
    expect(() => DataFrame.concat([a, f] as never)).toThrow('concat: column "v" is int32 in one frame and float64 in another; cast first');
    expect(DataFrame.concat([]).shape).toEqual([0, 0]);
  });
});

describe('unique, dropNulls, fillNull, cast', () => {
  const t = DataFrame.fromColumns({ k: ['a', 'b', 'a', null, null], v: [1, null, 3, 4, 4] }, { schema: { k: nullable(utf8()), v: nullable(int32()) } });

  it('unique keeps the first, last or no duplicate, in row order; nulls are equal', () => {
    expect(t.unique({ subset: ['k'] }).getColumn('v').toArray()).toEqual([1, null, 4]);
    expect(t.unique({ subset: ['k'], keep: 'last' }).getColumn('v').toArray()).toEqual([null, 3, 4]);
    expect(t.unique({ subset: ['k'], keep: 'none' }).getColumn('k').toArray()).toEqual(['b']);
    expect(t.unique().height).toBe(4);
    const distinct = DataFrame.fromColumns({ x: [1, 2] });
    expect(distinct.unique()).toBe(distinct);
  });

  it('dropNulls drops rows with a null in the subset', () => {
    expect(t.dropNulls().toRecords()).toEqual([
      { k: 'a', v: 1 },
      { k: 'a', v: 3 },
    ]);
    expect(t.dropNulls(['v']).height).toBe(4);
  });

  it('fillNull fills by value where the dtype takes it, or by strategy', () => {
    expect(t.fillNull(0).toRecords().map((r) => r.v)).toEqual([1, 0, 3, 4, 4]);
    expect(t.fillNull(0).getColumn('k').toArray()).toEqual(['a', 'b', 'a', null, null]);
    expect(t.fillNull('?').getColumn('k').toArray()).toEqual(['a', 'b', 'a', '?', '?']);
    expect(t.fillNull({ strategy: 'forward' }).getColumn('v').toArray()).toEqual([1, 1, 3, 4, 4]);
    expect(t.fillNull({ strategy: 'backward' }).getColumn('k').toArray()).toEqual(['a', 'b', 'a', null, null]);
    expect(t.fillNull({ strategy: 'mean' }).getColumn('v').toArray()).toEqual([1, 3, 3, 4, 4]);
    const odd = DataFrame.fromColumns({ v: [1, null, 2] }, { schema: { v: nullable(int32()) } });
    expect(() => odd.fillNull({ strategy: 'mean' })).toThrow(/the mean of int32 column "v" \(1.5\) is not an integer; cast to float64 first/);
    const fl = DataFrame.fromColumns({ v: [1, null, 2] }, { schema: { v: nullable(float64()) } });
    expect(fl.fillNull({ strategy: 'mean' }).getColumn('v').toArray()).toEqual([1, 1.5, 2]);
    expect(() => t.fillNull({ strategy: 'median' as never })).toThrow(/strategy must be/);
  });

  it('cast converts checked, or to null when not strict', () => {
    const f = DataFrame.fromColumns({ x: [1.5, 2] });
    expect(f.cast({ x: int32() }).getColumn('x').toArray()).toEqual([2, 2]);
    const g = DataFrame.fromColumns({ x: [NaN, 2] });
    expect(() => g.cast({ x: int32() })).toThrow(InvalidValueError);
    expect(g.cast({ x: int32() }, { strict: false }).getColumn('x').toArray()).toEqual([null, 2]);
    expect(String(f.cast({ x: utf8() }).schema.get('x'))).toBe('utf8');
    expect(() => f.cast({ y: int32() } as never)).toThrow('Column "y" not found');
  });
});

describe('describe', () => {
  it('gives count, nulls, mean, std, min, quartiles and max for numbers; unique and top for text', () => {
    const t = DataFrame.fromColumns({ n: [1, 2, 3, 4, null], s: ['a', 'b', 'a', null, 'a'] });
    const d = t.describe();
    expect(d.getColumn('statistic').toArray()).toEqual(['count', 'null_count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max', 'unique', 'top']);
    const n = d.getColumn('n').toArray();
    expect(n.slice(0, 3)).toEqual([4, 1, 2.5]);
    expect(n[3]).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(n.slice(4, 11)).toEqual([1, 1.75, 2.5, 3.25, 4, null, null]);
    expect(d.getColumn('s').toArray()).toEqual(['4', '1', null, null, null, null, null, null, null, '2', 'a']);
  });
});
