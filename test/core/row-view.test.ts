import { describe, expect, it } from 'vitest';
import { DataFrame, int64, nullable } from '../../src/index.js';
import { GETTERS_PER_BLOCK } from '../../src/core/row-view.js';

/** A two-row frame of `width` int32 columns `c0 … c<width-1>`, column k holding [k, -k]; column 7 has a null. */
function wide(width: number): DataFrame {
  const cols: Record<string, Int32Array | (number | null)[]> = {};
  for (let k = 0; k < width; k++) cols[`c${k}`] = k === 7 ? [7, null] : Int32Array.of(k, -k);
  return DataFrame.fromColumns(cols);
}

describe('row views of wide frames', () => {
  it('reads every column of a 70,000-column frame through row views, iteration and records', () => {
    const df = wide(70_000);
    const r = df.row(1) as Record<string, unknown>;
    expect([r.c0, r.c7, r.c1999, r.c2000, r.c69999]).toEqual([0, null, -1999, -2000, -69999]);
    const o = (r as unknown as { toObject(): Record<string, unknown> }).toObject();
    expect(Object.keys(o)).toHaveLength(70_000);
    expect(o.c42000).toBe(-42000);
    let seen = 0;
    for (const row of df) seen += (row as Record<string, number>).c65000!;
    expect(seen).toBe(0);
    expect(df.toRecords()[0]!.c69999).toBe(69999);
  });

  it('keeps column getters on the prototype and not enumerable, past one block of getters', () => {
    for (const width of [3, GETTERS_PER_BLOCK + 5]) {
      const r = wide(width).row(0) as Record<string, unknown>;
      const keys: string[] = [];
      for (const key in r) keys.push(key);
      expect(keys).toEqual([]);
      expect(Object.keys(r)).toEqual([]);
      expect(r[`c${width - 1}`]).toBe(width - 1);
      expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(r), `c${width - 1}`)?.enumerable).toBe(false);
    }
  });

  it('gives wide frames columns named like the view methods and __proto__', () => {
    const cols: Record<string, number[]> = { ['__proto__']: [1], toObject: [2], toJSON: [3] };
    for (let k = 0; k < GETTERS_PER_BLOCK + 1; k++) cols[`c${k}`] = [k];
    const df = DataFrame.fromColumns(cols);
    const r = df.row(0) as Record<string, unknown>;
    expect([r['__proto__'], r.toObject, r.toJSON, r[`c${GETTERS_PER_BLOCK}`]]).toEqual([1, 2, 3, GETTERS_PER_BLOCK]);
  });
});

describe('row views as JSON', () => {
  it('give 64-bit integers read as bigint as exact decimal text, which JSON can hold', () => {
    const df = DataFrame.fromColumns({ a: [2n ** 60n, null] }, { schema: { a: nullable(int64('bigint')) } });
    expect(JSON.stringify(df.row(0))).toBe('{"a":"1152921504606846976"}');
    expect(JSON.stringify(df.row(1))).toBe('{"a":null}');
    expect(df.row(0).toObject()).toEqual({ a: 2n ** 60n });
  });
});
