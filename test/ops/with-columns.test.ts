import { describe, expect, expectTypeOf, it } from 'vitest';
import { DataFrame, ExpressionError, InvalidValueError, col, float64, int32, lit, nullable, utf8, type DType } from '../../src/index.js';

const df = DataFrame.fromColumns({ a: [1, 2, 3], b: [10, 20, 30] }, { schema: { a: int32(), b: int32() } });

describe('withColumns', () => {
  it('adds columns from expressions and replaces columns in place', () => {
    const out = df.withColumns({ c: col('a').add(col('b')), a: col('a').mul(10) });
    expect(out.columns).toEqual(['a', 'b', 'c']);
    expect(out.toRecords()).toEqual([
      { a: 10, b: 10, c: 11 },
      { a: 20, b: 20, c: 22 },
      { a: 30, b: 30, c: 33 },
    ]);
  });

  it('evaluates every column on the input frame', () => {
    const out = df.withColumns({ a: col('a').add(1), c: col('a') });
    expect(out.getColumn('c').toArray()).toEqual([1, 2, 3]);
  });

  it('computes a column with a function of each row, checking values against the dtype', () => {
    const out = df.withColumns({ label: { dtype: utf8(), fn: (r) => `${r.a}/${r.b}` } });
    expect(out.getColumn('label').toArray()).toEqual(['1/10', '2/20', '3/30']);
    expect(() => df.withColumns({ bad: { dtype: int32(), fn: (r) => r.a / 2 } })).toThrow(InvalidValueError);
    expect(() => df.withColumns({ bad: { dtype: int32(), fn: (r) => r.a / 2 } })).toThrow('Column "bad", row 0: 0.5 (number) does not fit int32');
  });

  it('broadcasts literals', () => {
    expect(df.withColumns({ one: lit(1), s: lit('x') }).toRecords()[0]).toEqual({ a: 1, b: 10, one: 1, s: 'x' });
  });

  it('rejects specs that are neither expressions nor { dtype, fn }', () => {
    expect(() => df.withColumns({ x: 5 as never })).toThrow(ExpressionError);
    expect(() => df.withColumns({ x: col('zz') })).toThrow('Column "zz" not found');
  });

  it('types the new columns: declared dtypes where given', () => {
    const out = df.withColumns({ f: { dtype: float64(), fn: (r) => r.a * 1.5 } });
    expectTypeOf(out.row(0).f).toEqualTypeOf<number>();
    expectTypeOf(out.row(0).a).toEqualTypeOf<number>();
    expectTypeOf(out.schema.get('f')).toEqualTypeOf<DType<'float64', number, false>>();
  });
});

describe('selectExprs', () => {
  it('mixes names and aliased expressions', () => {
    const out = df.select('b', col('a').mul(2).alias('double'));
    expect(out.toRecords()).toEqual([
      { b: 10, double: 2 },
      { b: 20, double: 4 },
      { b: 30, double: 6 },
    ]);
    expect(() => df.select(col('a'), col('a'))).toThrow('select yields "a" twice');
  });
});

describe('typed expressions', () => {
  it('df.col knows the column dtype; alias, fillNull and cast keep or set it', () => {
    const t = DataFrame.fromColumns({ a: [1, null], s: ['x', 'y'] }, { schema: { a: nullable(int32()), s: utf8() } });
    const out = t.withColumns({ a2: t.col('a').fillNull(0).alias('a2'), f: t.col('a').cast(float64()), ok: t.col('s').eq('x') });
    expectTypeOf(out.schema.get('a2')).toEqualTypeOf<DType<'int32', number, true>>();
    expectTypeOf(out.schema.get('f')).toEqualTypeOf<DType<'float64', number, false>>();
    expectTypeOf(out.row(0).ok).toEqualTypeOf<boolean | null>();
    expect(out.getColumn('a2').toArray()).toEqual([1, 0]);
    expect(() => t.col('zz' as never)).toThrow('Column "zz" not found');
  });
});
