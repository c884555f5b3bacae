/** when/then/otherwise over instants of every unit, decimals, durations and lists. */
import { describe, expect, it } from 'vitest';
import { Decimal, Instant, col, date, decimal, duration, int32, list, lit, nullable, timestamp, when } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { rawBigInts } from '../../support/expr.js';
import { caught } from '../../support/frames.js';
import { plainValues } from '../../support/lists.js';

const df = arrowFrame({
  k: { dtype: int32(), values: [1, 2, 3] },
  ns: { dtype: timestamp('ns'), values: [1n, 2n, 3n] },
  ms: { dtype: timestamp('ms'), values: [1n, 2n, 3n] },
  s: { dtype: timestamp('s'), values: [1n, 2n, 3n] },
  day: { dtype: date(), values: [new Date(0), new Date(86_400_000), new Date(0)] },
  d: { dtype: nullable(decimal(5, 2)), values: [125n, null, 3n] },
  e: { dtype: decimal(5, 2), values: [1n, 2n, 3n] },
  du: { dtype: duration('us'), values: [5n, 6n, 7n] },
  xs: { dtype: list(int32()), values: [[1], [], [2, 3]] },
});

describe('when over the exact kinds', () => {
  it('gives instants in the finest unit of its values, each exactly', () => {
    const out = df.select(when(col('k').eq(1)).then(col('ns')).otherwise(col('ms')).alias('t'));
    expect(String(out.schema.get('t'))).toBe('timestamp[ns]');
    expect(rawBigInts(out.getColumn('t'))).toEqual([1n, 2_000_000n, 3_000_000n]);
    const mixed = df.select(when(col('k').eq(1)).then(lit(new Instant(5n, 'us'))).when(col('k').eq(2)).then(col('day')).otherwise(col('s')).alias('t'));
    expect(String(mixed.schema.get('t'))).toBe('timestamp[us]');
    expect(rawBigInts(mixed.getColumn('t'))).toEqual([5n, 86_400_000_000n, 3_000_000n]);
  });

  it('keeps a date result when only dates and midnights meet', () => {
    const out = df.select(when(col('k').eq(1)).then(col('day')).otherwise(lit(new Date(86_400_000))).alias('t'));
    expect(String(out.schema.get('t'))).toBe('date');
  });

  it('takes the unit of a finer literal, and milliseconds for a Date against seconds', () => {
    const out = df.select(when(col('k').eq(1)).then(col('s')).otherwise(lit(new Instant(1n, 'ns'))).alias('t'));
    expect(String(out.schema.get('t'))).toBe('timestamp[ns]');
    expect(rawBigInts(out.getColumn('t'))).toEqual([1_000_000_000n, 1n, 1n]);
    const ms = df.select(when(col('k').eq(1)).then(col('s')).otherwise(lit(new Date(1))).alias('t'));
    expect(rawBigInts(ms.getColumn('t'))).toEqual([1000n, 1n, 1n]);
  });

  it('gathers decimals, durations and lists of one dtype', () => {
    expect(df.select(when(col('k').eq(2)).then(col('d')).otherwise(col('e')).alias('t')).getColumn('t').toArray().map((v) => (v === null ? null : String(v)))).toEqual(['0.01', null, '0.03']);
    expect(df.select(when(col('k').gt(1)).then(col('du')).alias('t')).getColumn('t').toArray()).toEqual([null, 6, 7]);
    expect(plainValues(df.select(when(col('k').gt(1)).then(col('xs')).alias('t')).getColumn('t').toArray())).toEqual([null, [], [2, 3]]);
  });

  it('refuses values of different dtypes among the other kinds', () => {
    const e = caught(() => df.select(when(col('k').eq(1)).then(col('d')).otherwise(lit(Decimal.parse('1.5', 1)))));
    expect(e.message).toBe('when(col("k").eq(1)).then(col("d")).otherwise(lit(new Decimal(15n, 1))): the values do not agree: decimal(5, 2) column "d" and a decimal; cast them to one dtype');
  });
});
