import { describe, expect, it } from 'vitest';
import { DataFrame, ExpressionError, col, lit, nullable, int32, float64, utf8, categorical, bool, date, timestamp, uint8 } from '../../../src/index.js';

const df = DataFrame.fromColumns(
  {
    i: [1, 2, null, 4],
    f: [0.5, -1.5, 2.5, null],
    s: ['b', 'a', null, 'c'],
    c: ['x', 'y', 'x', null],
    b: [true, false, null, true],
    d: [new Date('2024-01-01'), new Date('2024-01-02'), null, new Date('2024-01-04')],
  },
  {
    schema: {
      i: nullable(int32()),
      f: nullable(float64()),
      s: nullable(utf8()),
      c: nullable(categorical()),
      b: nullable(bool()),
      d: nullable(date()),
    },
  },
);
const values = (e: ReturnType<typeof col>) => df.select(e.alias('out')).getColumn('out').toArray();

describe('expressions: arithmetic', () => {
  it('adds, subtracts, multiplies with nulls propagating', () => {
    expect(values(col('i').add(col('f')))).toEqual([1.5, 0.5, null, null]);
    expect(values(col('i').sub(1))).toEqual([0, 1, null, 3]);
    expect(values(col('i').mul(col('i')))).toEqual([1, 4, null, 16]);
    expect(values(lit(2).mul(col('f')))).toEqual([1, -3, 5, null]);
  });

  it('int32 arithmetic stays int32 and wraps; division gives float64', () => {
    const big = DataFrame.fromColumns({ x: new Int32Array([2147483647, 7]) });
    expect(big.select(col('x').add(1).alias('y')).getColumn('y').toArray()).toEqual([-2147483648, 8]);
    expect(String(big.select(col('x').add(1).alias('y')).schema.get('y'))).toBe('int32');
    expect(big.select(col('x').div(2).alias('y')).getColumn('y').toArray()).toEqual([1073741823.5, 3.5]);
    expect(values(col('i').mod(0))).toEqual([null, null, null, null]);
  });

  it('negates, takes absolute values and rounds half away from zero', () => {
    expect(values(col('f').neg())).toEqual([-0.5, 1.5, -2.5, null]);
    expect(values(col('f').abs())).toEqual([0.5, 1.5, 2.5, null]);
    expect(values(col('f').round())).toEqual([1, -2, 3, null]);
    const r = DataFrame.fromColumns({ x: [1.005, 2.675, -0.125] }).select(col('x').round(2).alias('y'));
    expect(r.getColumn('y').toArray()).toEqual([1.01, 2.68, -0.13]);
    expect(values(col('f').floor())).toEqual([0, -2, 2, null]);
    expect(values(col('f').ceil())).toEqual([1, -1, 3, null]);
  });

  it('rejects arithmetic on strings, naming the expression', () => {
    expect(() => values(col('s').add(1))).toThrow(ExpressionError);
    expect(() => values(col('s').add(1))).toThrow('col("s").add(1): expected numbers, got utf8 column "s"');
  });
});

describe('expressions: comparisons and logic', () => {
  it('compares numbers, strings, categoricals, dates and booleans; null compares to null', () => {
    expect(values(col('i').gt(1))).toEqual([false, true, null, true]);
    expect(values(col('s').lt('b'))).toEqual([false, true, null, false]);
    expect(values(col('c').eq('x'))).toEqual([true, false, true, null]);
    expect(values(col('c').neq('x'))).toEqual([false, true, false, null]);
    expect(values(col('d').gte(new Date('2024-01-02')))).toEqual([false, true, null, true]);
    expect(values(col('b').eq(true))).toEqual([true, false, null, true]);
    expect(values(col('i').eq(col('i')))).toEqual([true, true, null, true]);
    expect(values(col('i').eq(null))).toEqual([null, null, null, null]);
  });

  it('orders strings by code point', () => {
    const t = DataFrame.fromColumns({ s: ['\u{1F600}', '\uFFFD', 'a'] });
    expect(t.sort('s').getColumn('s').toArray()).toEqual(['a', '\uFFFD', '\u{1F600}']);
  });

  it('uses three-valued logic for and / or / not', () => {
    expect(values(col('b').and(lit(false)))).toEqual([false, false, false, false]);
    expect(values(col('b').or(lit(true)))).toEqual([true, true, true, true]);
    expect(values(col('b').and(lit(true)))).toEqual([true, false, null, true]);
    expect(values(col('b').not())).toEqual([false, true, null, false]);
  });

  it('tests nulls, membership and ranges', () => {
    expect(values(col('s').isNull())).toEqual([false, false, true, false]);
    expect(values(col('s').isNotNull())).toEqual([true, true, false, true]);
    expect(values(col('c').isIn(['y', 'z']))).toEqual([false, true, false, null]);
    expect(values(col('i').isIn([2, 4]))).toEqual([false, true, null, true]);
    expect(values(col('i').between(2, 4))).toEqual([false, true, null, true]);
  });

  it('rejects comparing different kinds and logic on non-booleans', () => {
    expect(() => values(col('s').gt(5))).toThrow('col("s").gt(5): cannot compare utf8 with a number');
    expect(() => values(col('i').eq('x'))).toThrow('col("i").eq("x"): cannot compare int32 with a string');
    expect(() => values(col('i').and(true))).toThrow(/expected booleans, got int32 column "i"/);
  });
});

describe('expressions: fillNull, cast, alias', () => {
  it('fills nulls with a literal or another column', () => {
    expect(values(col('i').fillNull(0))).toEqual([1, 2, 0, 4]);
    expect(values(col('s').fillNull('?'))).toEqual(['b', 'a', '?', 'c']);
    expect(() => values(col('i').fillNull('x'))).toThrow(ExpressionError);
  });

  it('casts with checks: numbers, text, dates', () => {
    expect(values(col('i').cast(float64()))).toEqual([1, 2, null, 4]);
    expect(values(col('i').cast(utf8()))).toEqual(['1', '2', null, '4']);
    expect(values(col('d').cast(timestamp()))).toEqual([new Date('2024-01-01'), new Date('2024-01-02'), null, new Date('2024-01-04')]);
    // Floats round half to even (as DuckDB); text that is not a number does not convert.
    expect(values(col('f').cast(int32()))).toEqual([0, -2, 2, null]);
    expect(() => DataFrame.fromColumns({ x: [300] }).select(col('x').cast(uint8()))).toThrow(/out of range 0 … 255/);
    expect(() => values(col('s').cast(int32()))).toThrow('Column "s", row 0: "b" (string) does not fit int32: not a number');
    expect(() => values(col('d').cast(int32()))).toThrow('col("d").cast(int32): cannot cast date to int32');
  });
});
