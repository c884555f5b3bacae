import { describe, expect, it } from 'vitest';
import { DataFrame, ExpressionError, categorical, col, date, float32, float64, int32, int64, int8, lit, nullable, timestamp, uint8, utf8 } from '../../../src/index.js';
import { evalColumn } from '../../support/expr.js';

const df = DataFrame.fromColumns(
  {
    i: [1, null, 3],
    f: [0.5, 1.5, null],
    s: ['a', null, 'c'],
    k: ['x', null, 'y'],
    i8: [1, null, -1],
    u8: [200, 5, 6],
  },
  { schema: { i: nullable(int32()), f: nullable(float64()), s: nullable(utf8()), k: nullable(categorical()), i8: nullable(int8()), u8: uint8() } },
);
const out = (e: ReturnType<typeof col>) => evalColumn(df, e);

describe('expression fillNull: result dtype', () => {
  it('keeps the column dtype when the literal fits, and is non-nullable once no null remains', () => {
    const c = out(col('i').fillNull(0));
    expect(c.toArray()).toEqual([1, 0, 3]);
    expect(String(c.dtype)).toBe('int32');
  });

  it('widens an integer column filled with a fraction to float64, as polars', () => {
    const c = out(col('i').fillNull(2.5));
    expect(c.toArray()).toEqual([1, 2.5, 3]);
    expect(String(c.dtype)).toBe('float64');
    // The dtype follows the dtypes, not whether this data has nulls.
    expect(String(out(col('u8').fillNull(2.5)).dtype)).toBe('float64');
  });

  it('widens to int64 for an integer beyond the column range', () => {
    const c = out(col('i8').fillNull(1000));
    expect(c.toArray()).toEqual([1, 1000, -1]);
    expect(String(c.dtype)).toBe('int64');
  });

  it('takes the numeric supertype of a column fill, row by row', () => {
    const c = out(col('i').fillNull(col('f')));
    expect(c.toArray()).toEqual([1, 1.5, 3]);
    expect(String(c.dtype)).toBe('float64');
    const d = out(col('i8').fillNull(col('u8')));
    expect(d.toArray()).toEqual([1, 5, -1]);
    expect(String(d.dtype)).toBe('int16');
  });

  it('never rounds an int64 silently when widening to float64', () => {
    const t = DataFrame.fromColumns({ b: [2n ** 60n + 1n, null] }, { schema: { b: nullable(int64('bigint')) } });
    expect(() => evalColumn(t, col('b').fillNull(0.5))).toThrow(ExpressionError);
    expect(() => evalColumn(t, col('b').fillNull(0.5))).toThrow(/row 0 holds 1152921504606846977, which float64 cannot hold exactly/);
    expect(evalColumn(t, col('b').fillNull(7)).toArray()).toEqual([2n ** 60n + 1n, 7n]);
  });

  it('fills text with text, keeping utf8 or categorical', () => {
    expect(out(col('s').fillNull('?')).toArray()).toEqual(['a', '?', 'c']);
    const k = out(col('k').fillNull('new'));
    expect(k.toArray()).toEqual(['x', 'new', 'y']);
    expect(String(k.dtype)).toBe('categorical');
    expect(out(col('s').fillNull(col('k'))).toArray()).toEqual(['a', null, 'c']);
  });

  it('fills dates with a Date: a date when it is midnight, else a timestamp', () => {
    const t = DataFrame.fromColumns({ d: [new Date('2024-01-01'), null] }, { schema: { d: nullable(date()) } });
    expect(String(evalColumn(t, col('d').fillNull(new Date('2024-02-01'))).dtype)).toBe('date');
    const noon = new Date('2024-02-01T12:00:00Z');
    const c = evalColumn(t, col('d').fillNull(noon));
    expect(String(c.dtype)).toBe('timestamp[ms]');
    expect(c.toArray()).toEqual([new Date('2024-01-01'), noon]);
    const z = DataFrame.fromColumns({ t: [null] }, { schema: { t: nullable(timestamp({ timezone: 'Asia/Tokyo' })) } });
    expect(String(evalColumn(z, col('t').fillNull(noon)).dtype)).toBe('timestamp[ms, Asia/Tokyo]');
  });

  it('leaves the column as it is for a null fill, and fills a null literal', () => {
    expect(out(col('i').fillNull(null)).toArray()).toEqual([1, null, 3]);
    expect(out(lit(null).fillNull(col('i'))).toArray()).toEqual([1, null, 3]);
  });
});

describe('expression fillNull: mismatches', () => {
  it('is an ExpressionError naming the column and the value', () => {
    expect(() => out(col('i').fillNull('x'))).toThrow(ExpressionError);
    expect(() => out(col('i').fillNull('x'))).toThrow('col("i").fillNull("x"): cannot fill the nulls of int32 column "i" with "x" (string)');
    expect(() => out(col('s').fillNull(1))).toThrow('cannot fill the nulls of utf8 column "s" with 1 (number)');
    expect(() => out(col('i').fillNull(col('s')))).toThrow('cannot fill the nulls of int32 column "i" with utf8 column "s"');
    expect(() => out(col('i').fillNull(true))).toThrow(ExpressionError);
    expect(() => out(col('u8').fillNull(2n ** 70n))).toThrow(ExpressionError);
  });

  it('is raised even when the column has no null', () => {
    expect(() => out(col('u8').fillNull('x'))).toThrow(ExpressionError);
  });

  it('fills a float32 column with any finite number, rounded to float32', () => {
    const t = DataFrame.fromColumns({ x: [null] }, { schema: { x: nullable(float32()) } });
    const c = evalColumn(t, col('x').fillNull(0.1));
    expect(c.toArray()).toEqual([Math.fround(0.1)]);
    expect(String(c.dtype)).toBe('float32');
  });
});
