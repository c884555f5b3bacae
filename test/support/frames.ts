/** Looking at frames in tests: rows as arrays, two frames compared, an expression's values, a thrown error. */
import { expect } from 'vitest';
import type { DataFrame, Expr } from '../../src/index.js';

/** The frame's rows as arrays of values, in column order. */
export function rowsOf(df: DataFrame): unknown[][] {
  const cols = df.getColumns().map((c) => c.toArray() as unknown[]);
  return Array.from({ length: df.height }, (_, i) => cols.map((c) => c[i]));
}

/** Expect `b` to have `a`'s schema (names and dtypes, in order) and rows. */
export function expectSameFrame(a: DataFrame, b: DataFrame): void {
  expect(b.schema.toString()).toBe(a.schema.toString());
  expect(b.height).toBe(a.height);
  expect(b.toRecords()).toEqual(a.toRecords());
}

/** The values of `e` over `frame`. */
export function valuesOf(e: Expr, frame: DataFrame): unknown[] {
  return frame.select(e.alias('out')).getColumn('out').toArray();
}

/** The dtype of `e` over `frame`, as text (`int32?`). */
export function dtypeOf(e: Expr, frame: DataFrame): string {
  return String(frame.select(e.alias('out')).schema.get('out'));
}

/** The error `fn` throws; fails the test when it throws nothing. */
export function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
