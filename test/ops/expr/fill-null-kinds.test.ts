/** fillNull on instants of every unit, durations, decimals and lists. */
import { describe, expect, it } from 'vitest';
import { Decimal, ExpressionError, Instant, col, decimal, duration, int32, list, nullable, timestamp } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { rawBigInts } from '../../support/expr.js';
import { caught, dtypeOf, valuesOf } from '../../support/frames.js';
import { plainValues } from '../../support/lists.js';

const df = arrowFrame({
  t: { dtype: nullable(timestamp('us')), values: [1n, null] },
  s: { dtype: nullable(timestamp('s')), values: [1n, null] },
  n: { dtype: timestamp('ns'), values: [5n, 6n] },
  d: { dtype: nullable(decimal(5, 2)), values: [125n, null] },
  u: { dtype: nullable(duration('ms')), values: [5n, null] },
  v: { dtype: duration('ns'), values: [7n, 8n] },
  xs: { dtype: nullable(list(int32())), values: [[1], null] },
  ys: { dtype: list(int32()), values: [[2], [3, 4]] },
});

describe('fillNull on the exact kinds', () => {
  it('fills instants in the column\'s unit, or the finer unit of the fill', () => {
    expect(rawBigInts(df.select(col('t').fillNull(new Date(1))).getColumn('t'))).toEqual([1n, 1000n]);
    expect(rawBigInts(df.select(col('t').fillNull(new Instant(7n, 'ns'))).getColumn('t'))).toEqual([1000n, 7n]);
    expect(dtypeOf(col('t').fillNull(new Instant(7n, 'ns')), df)).toBe('timestamp[ns]');
    expect(rawBigInts(df.select(col('s').fillNull(col('n'))).getColumn('s'))).toEqual([1_000_000_000n, 6n]);
    expect(dtypeOf(col('s').fillNull(new Date(1500)), df)).toBe('timestamp[ms]');
  });

  it('fills durations with counts and with durations (the finer unit)', () => {
    expect(valuesOf(col('u').fillNull(9), df)).toEqual([5, 9]);
    expect(rawBigInts(df.select(col('u').fillNull(col('v'))).getColumn('u'))).toEqual([5_000_000n, 8n]);
  });

  it('fills decimals with a value their precision and scale hold, and refuses any other', () => {
    expect(valuesOf(col('d').fillNull(Decimal.parse('1.5', 1)), df).map(String)).toEqual(['1.25', '1.50']);
    expect(valuesOf(col('d').fillNull(0), df).map(String)).toEqual(['1.25', '0.00']);
    const e = caught(() => df.select(col('d').fillNull(0.001)));
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toBe('col("d").fillNull(0.001): cannot fill the nulls of decimal(5, 2) column "d" with 0.001 (number)');
  });

  it('fills lists with lists of their dtype', () => {
    expect(plainValues(valuesOf(col('xs').fillNull(col('ys')), df))).toEqual([[1], [3, 4]]);
  });
});
