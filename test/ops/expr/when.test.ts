import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DataFrame,
  ExpressionError,
  bool,
  categorical,
  col,
  date,
  float32,
  int32,
  int64,
  lit,
  nullable,
  timestamp,
  uint8,
  utf8,
  when,
  type Expr,
} from '../../../src/index.js';
import { dtypeOf, valuesOf } from '../../support/frames.js';

const D = (s: string) => new Date(s);
const df = DataFrame.fromColumns(
  {
    x: [5, 50, null, 500],
    f: [0.5, null, 2.5, 3.5],
    b: [true, null, false, true],
    s: ['a', 'b', null, 'd'],
    c: ['p', 'q', 'p', null],
    c2: ['q', 'r', null, 'r'],
    u: [1, 2, 3, 4],
    big: [1, 2, 3, 4],
    d: [D('2024-01-01'), null, D('2024-01-03'), D('2024-01-04')],
    t: [D('2024-01-01T10:00:00Z'), D('2024-01-02T10:00:00Z'), null, D('2024-01-04T10:00:00Z')],
    ny: [D('2024-01-01T10:00:00Z'), D('2024-01-02T10:00:00Z'), null, D('2024-01-04T10:00:00Z')],
  },
  {
    schema: {
      x: nullable(int32()),
      f: nullable(float32()),
      b: nullable(bool()),
      s: nullable(utf8()),
      c: nullable(categorical()),
      c2: nullable(categorical()),
      u: uint8(),
      big: int64(),
      d: nullable(date()),
      t: nullable(timestamp()),
      ny: nullable(timestamp({ timezone: 'America/New_York' })),
    },
  },
);
const out = (e: Expr, frame: DataFrame = df) => valuesOf(e, frame);
const dtype = (e: Expr) => dtypeOf(e, df);

describe('when / then / otherwise', () => {
  it('takes the value of the first true branch, else otherwise', () => {
    const e = when(col('x').lt(10)).then('small').when(col('x').lt(100)).then('medium').otherwise('large');
    expect(out(e)).toEqual(['small', 'medium', 'large', 'large']);
    expect(out(when(col('u').gt(1)).then(1).when(col('u').gt(2)).then(2).otherwise(0))).toEqual([0, 1, 1, 1]);
  });

  it('lets a null condition fall through to the next branch, as SQL CASE', () => {
    expect(out(when(col('b')).then('yes').otherwise('no'))).toEqual(['yes', 'no', 'no', 'yes']);
    expect(out(when(col('x').gt(10)).then('big').when(col('x').isNull()).then('missing').otherwise('small'))).toEqual(['small', 'big', 'missing', 'big']);
  });

  it('gives null where no branch is taken and otherwise is omitted', () => {
    expect(out(when(col('x').gt(10)).then(col('x')))).toEqual([null, 50, null, 500]);
    expect(out(when(col('u').gt(2)).then('hi').when(col('u').eq(1)).then('one'))).toEqual(['one', null, 'hi', 'hi']);
  });

  it('keeps nulls of the chosen value', () => {
    expect(out(when(col('u').lt(3)).then(col('f')).otherwise(col('x')))).toEqual([0.5, null, null, 500]);
    expect(out(when(col('u').lt(3)).then(col('s')).otherwise(lit(null)))).toEqual(['a', 'b', null, null]);
  });

  it('accepts boolean literals as conditions', () => {
    expect(out(when(lit(false)).then(1).when(true).then(col('x')).otherwise(3))).toEqual([5, 50, null, 500]);
    expect(out(when(lit(null)).then(1).otherwise(2))).toEqual([2, 2, 2, 2]);
  });
});

describe('when: result dtypes', () => {
  it('gives int32 for int32-like numbers, int64 for other integers and float64 when any is a float', () => {
    // Nullability follows the result: no row here is null.
    expect(dtype(when(col('b')).then(col('x')).otherwise(col('u')))).toBe('int32');
    expect(dtype(when(col('b')).then(col('x')).otherwise(lit(null)))).toBe('int32?');
    expect(dtype(when(col('b')).then(1).otherwise(2))).toBe('int32');
    expect(dtype(when(col('b')).then(col('x')).otherwise(0.5))).toBe('float64');
    expect(out(when(col('b')).then(col('x')).otherwise(0.5))).toEqual([5, 0.5, 0.5, 500]);
    expect(dtype(when(col('b')).then(col('big')).otherwise(0))).toBe('int64');
    expect(dtype(when(col('b')).then(col('big')).otherwise(0.5))).toBe('float64');
    expect(dtype(when(col('b')).then(col('f')).otherwise(lit(null)))).toBe('float64?');
  });

  it('gives utf8 for strings, categorical when every string column is categorical', () => {
    expect(dtype(when(col('b')).then(col('s')).otherwise(col('c')))).toBe('utf8');
    expect(out(when(col('b')).then(col('s')).otherwise(col('c')))).toEqual(['a', 'q', 'p', 'd']);
    expect(dtype(when(col('b')).then(col('c')).otherwise(col('c2')))).toBe('categorical?');
    expect(out(when(col('b')).then(col('c')).otherwise(col('c2')))).toEqual(['p', 'r', null, null]);
    expect(dtype(when(col('b')).then(col('c')).otherwise('none'))).toBe('categorical?');
    const r = df.select(when(col('b')).then(col('c')).otherwise('none').alias('o')).getColumn('o');
    expect(r.toArray()).toEqual(['p', 'none', 'none', null]);
    expect(r.access.dict).toEqual(['p', 'none']);
    expect(dtype(when(col('b')).then('x').otherwise('y'))).toBe('utf8');
  });

  it('gives bool for booleans', () => {
    expect(out(when(col('x').isNull()).then(false).otherwise(col('b')))).toEqual([true, null, false, true]);
    expect(dtype(when(col('x').isNull()).then(false).otherwise(col('b')))).toBe('bool?');
  });

  it('gives date for dates and timestamp when a timestamp is among them', () => {
    expect(dtype(when(col('b')).then(col('d')).otherwise(D('2000-01-01')))).toBe('date');
    expect(out(when(col('b')).then(col('d')).otherwise(D('2000-01-01')))).toEqual([D('2024-01-01'), D('2000-01-01'), D('2000-01-01'), D('2024-01-04')]);
    expect(dtype(when(col('b')).then(col('d')).otherwise(col('t')))).toBe('timestamp[ms]?');
    expect(out(when(col('b')).then(col('d')).otherwise(col('t')))).toEqual([D('2024-01-01'), D('2024-01-02T10:00:00Z'), null, D('2024-01-04')]);
    expect(dtype(when(col('b')).then(col('ny')).otherwise(D('2000-01-01T12:00:00Z')))).toBe('timestamp[ms, America/New_York]');
  });

  it('rejects values of different kinds, naming the expression', () => {
    const e = when(col('b')).then(col('x')).otherwise('none');
    expect(() => out(e)).toThrow(ExpressionError);
    expect(() => out(e)).toThrow('when(col("b")).then(col("x")).otherwise("none"): the values do not agree: int32 column "x" and a string');
    expect(() => out(when(col('b')).then(col('t')).otherwise(col('ny')))).toThrow(/do not agree: timestamp\[ms\] column "t" and timestamp\[ms, America\/New_York\] column "ny"/);
    expect(() => out(when(col('b')).then(col('d')).otherwise(D('2000-01-01T12:00:00Z')))).toThrow(/has a time of day; the result is a date/);
  });

  it('rejects a condition that is not boolean', () => {
    expect(() => out(when(col('x')).then(1))).toThrow('when(col("x")).then(1): condition 1 must be boolean, got int32 column "x"');
    expect(() => out(when(col('b')).then(1).when(lit(3)).then(2))).toThrow(/condition 2 must be boolean, got a number/);
  });
});

describe('when as an expression', () => {
  it('is named after its first value, and prints as code', () => {
    expect(df.select(when(col('b')).then(col('x')).otherwise(0)).columns).toEqual(['x']);
    expect(df.select(when(col('b')).then(1).otherwise(col('x'))).columns).toEqual(['literal']);
    expect(String(when(col('b')).then(1))).toBe('when(col("b")).then(1)');
  });

  it('composes with other expressions, filters and withColumns', () => {
    expect(out(when(col('b')).then(col('u')).otherwise(0).add(1))).toEqual([2, 1, 1, 5]);
    expect(df.filter(when(col('x').isNull()).then(true).otherwise(col('x').gt(100))).height).toBe(2);
    const w = df.withColumns({ size: when(col('x').lt(10)).then('small').otherwise('big') });
    expect(w.getColumn('size').toArray()).toEqual(['small', 'big', 'big', 'big']);
  });

  it('reads sliced frames from their offset', () => {
    const s = df.slice(1, 3);
    expect(out(when(col('b')).then(col('s')).otherwise(col('c')), s)).toEqual(['q', 'p', 'd']);
    expect(out(when(col('b')).then(col('x')).otherwise(-1), s)).toEqual([-1, -1, 500]);
  });
});

describe('when properties', () => {
  it('agrees with a row-by-row CASE on random nullable columns', () => {
    const row = fc.record({
      c1: fc.option(fc.boolean(), { nil: null }),
      c2: fc.option(fc.boolean(), { nil: null }),
      a: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
      b: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
      s: fc.option(fc.constantFrom('x', 'y', 'zz'), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.boolean(), (rows, withOtherwise) => {
        const t = DataFrame.fromRecords(rows, {
          schema: { c1: nullable(bool()), c2: nullable(bool()), a: nullable(int32()), b: nullable(int32()), s: nullable(categorical()) },
        });
        const then = when(col('c1')).then(col('a')).when(col('c2')).then(col('b'));
        const e = withOtherwise ? then.otherwise(7) : then;
        const want = rows.map((r) => (r.c1 === true ? r.a : r.c2 === true ? r.b : withOtherwise ? 7 : null));
        expect(out(e, t)).toEqual(want);
        const strings = out(when(col('c1')).then(col('s')).otherwise('none'), t);
        expect(strings).toEqual(rows.map((r) => (r.c1 === true ? r.s : 'none')));
      }),
    );
  });
});

describe('str, dt and when inside aggregations', () => {
  it('aggregates computed values per group', () => {
    const t = DataFrame.fromColumns({ k: ['a', 'a', 'b'], s: ['xx', 'y', 'zzz'], d: [D('2024-01-01'), D('2023-05-01'), D('2022-01-01')] });
    const r = t.groupBy('k').agg({ n: col('s').str.length().sum(), y: col('d').dt.year().max(), w: when(col('s').eq('y')).then(1).otherwise(0).sum() });
    expect(r.toRecords()).toEqual([
      { k: 'a', n: 3, y: 2024, w: 1 },
      { k: 'b', n: 3, y: 2022, w: 0 },
    ]);
  });
});
