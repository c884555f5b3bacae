/** Helpers for expression tests: evaluate one expression on a frame and read the result. */
import { DateDay, makeData, Table, TimestampMillisecond, makeVector } from 'apache-arrow';
import { DataFrame, type Column, type Expr } from '../../src/index.js';

/** The column `e` evaluates to on `df` (named `out`). */
export function evalColumn(df: DataFrame, e: Expr): Column {
  return df.select(e.alias('out')).getColumn('out');
}

/** The values `e` evaluates to on `df`. */
export function evalValues(df: DataFrame, e: Expr): unknown[] {
  return evalColumn(df, e).toArray();
}

/** A frame with one millisecond timestamp column `t` holding raw int64 values (any range). */
export function rawTimestamps(ms: readonly bigint[], timezone: string | null = null): DataFrame {
  const type = new TimestampMillisecond(timezone);
  const data = makeData({ type, length: ms.length, nullCount: 0, data: BigInt64Array.from(ms) });
  return DataFrame.fromArrow(new Table({ t: makeVector(data) }));
}

/** The raw int64 values of a timestamp, int64 or uint64 column. */
export function rawBigInts(c: Column): bigint[] {
  return Array.from(c.data.values as BigInt64Array);
}

/** A frame with one date column `d` holding raw day numbers (any int32, beyond the Date range too). */
export function rawDates(days: readonly number[]): DataFrame {
  const data = makeData({ type: new DateDay(), length: days.length, nullCount: 0, data: Int32Array.from(days) });
  return DataFrame.fromArrow(new Table({ d: makeVector(data) }));
}
