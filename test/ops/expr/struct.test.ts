import { describe, expect, it } from 'vitest';
import { ExpressionError, col, float64, int32, nullable, struct, utf8 } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { caught, dtypeOf } from '../../support/frames.js';

const df = arrowFrame({
  p: { dtype: nullable(struct({ x: float64(), tag: nullable(utf8()), inner: nullable(struct({ k: int32() })) })), values: [{ x: 1.5, tag: 'a', inner: { k: 1 } }, null, { x: -2, tag: null, inner: null }] },
});

describe('struct.field', () => {
  it('gives the field as a column named by the field, the struct\'s nulls applied', () => {
    const out = df.select(col('p').struct.field('x'), col('p').struct.field('tag'));
    expect(out.toRecords()).toEqual([
      { x: 1.5, tag: 'a' },
      { x: null, tag: null },
      { x: -2, tag: null },
    ]);
    expect(dtypeOf(col('p').struct.field('x'), df)).toBe('float64?');
  });

  it('reaches nested fields and composes with other expressions', () => {
    expect(df.select(col('p').struct.field('inner').struct.field('k')).getColumn('k').toArray()).toEqual([1, null, null]);
    expect(df.select(col('p').struct.field('x').mul(2).alias('y')).getColumn('y').toArray()).toEqual([3, null, -4]);
  });

  it('is zero-copy when the struct has no nulls, and reads a sliced struct from its own rows', () => {
    const whole = arrowFrame({ p: { dtype: struct({ x: int32() }), values: [{ x: 1 }, { x: 2 }, { x: 3 }] } });
    const c = whole.select(col('p').struct.field('x')).getColumn('x');
    expect(c.data).toBe(whole.getColumn('p').data.children[0]);
    expect(whole.slice(1).select(col('p').struct.field('x')).getColumn('x').toArray()).toEqual([2, 3]);
    expect(df.slice(1).select(col('p').struct.field('x')).getColumn('x').toArray()).toEqual([null, -2]);
  });

  it('names the fields a struct has when the name is unknown, with a suggestion', () => {
    const e = caught(() => df.select(col('p').struct.field('X')));
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toBe('col("p").struct.field("X"): struct column "p" has no field "X" (did you mean "x"?); its fields: x, tag, inner');
  });

  it('refuses an operand that is not a struct', () => {
    const e = caught(() => df.select(col('p').struct.field('x').struct.field('y')));
    expect(e.message).toBe('col("p").struct.field("x").struct.field("y"): expected a struct, got float64 column "x"');
  });

  it('prints as code', () => {
    expect(String(col('p').struct.field('x').gt(1))).toBe('col("p").struct.field("x").gt(1)');
  });
});
