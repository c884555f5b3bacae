import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ExpressionError,
  col,
  categorical,
  date,
  decimal,
  Decimal,
  fixedSizeList,
  float32,
  float64,
  Instant,
  int32,
  int64,
  largeList,
  largeUtf8,
  list,
  nullable,
  struct,
  timestamp,
  uint64,
  utf8,
} from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { caught, dtypeOf, valuesOf } from '../../support/frames.js';
import { plainValues } from '../../support/lists.js';
import { rawBigInts } from '../../support/expr.js';

const nums = arrowFrame({
  xs: { dtype: nullable(list(nullable(float64()))), values: [[1.5, 2, -3], null, [], [null, 4], [NaN, 1], [-0]] },
  ls: { dtype: nullable(largeList(nullable(float64()))), values: [[1.5, 2, -3], null, [], [null, 4], [NaN, 1], [-0]] },
  fs: { dtype: fixedSizeList(nullable(int32()), 2), values: [[1, 2], [3, null], [5, 6], [null, null], [9, -10], [0, 0]] },
});

describe('list.len', () => {
  it('counts the items of each list, null items included; a null list gives null (uint32)', () => {
    expect(valuesOf(col('xs').list.len(), nums)).toEqual([3, null, 0, 2, 2, 1]);
    expect(valuesOf(col('ls').list.len(), nums)).toEqual([3, null, 0, 2, 2, 1]);
    expect(valuesOf(col('fs').list.len(), nums)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(dtypeOf(col('xs').list.len(), nums)).toBe('uint32?');
  });

  it('reads a sliced list column from its own rows', () => {
    const sliced = nums.slice(2, 3);
    expect(valuesOf(col('xs').list.len(), sliced)).toEqual([0, 2, 2]);
    expect(valuesOf(col('fs').list.sum(), sliced)).toEqual([11, 0, -1]);
  });
});

describe('list.get, first and last', () => {
  it('gives the item at an index, counting from the end when negative, null when out of range', () => {
    expect(valuesOf(col('xs').list.get(0), nums)).toEqual([1.5, null, null, null, NaN, -0]);
    expect(valuesOf(col('xs').list.get(1), nums)).toEqual([2, null, null, 4, 1, null]);
    expect(valuesOf(col('xs').list.get(-1), nums)).toEqual([-3, null, null, 4, 1, -0]);
    expect(valuesOf(col('xs').list.get(-3), nums)).toEqual([1.5, null, null, null, null, null]);
    expect(valuesOf(col('xs').list.get(3), nums)).toEqual([null, null, null, null, null, null]);
    expect(valuesOf(col('fs').list.get(-1), nums)).toEqual([2, null, 6, null, -10, 0]);
    expect(dtypeOf(col('fs').list.get(0), nums)).toBe('int32?');
  });

  it('first and last are get(0) and get(-1)', () => {
    expect(valuesOf(col('ls').list.first(), nums)).toEqual(valuesOf(col('ls').list.get(0), nums));
    expect(valuesOf(col('ls').list.last(), nums)).toEqual(valuesOf(col('ls').list.get(-1), nums));
  });

  it('gathers items of any dtype: strings, structs, lists', () => {
    const df = arrowFrame({
      s: { dtype: list(nullable(utf8())), values: [['a', 'bc'], ['é'], []] },
      p: { dtype: list(struct({ x: int32() })), values: [[{ x: 1 }, { x: 2 }], [], [{ x: 3 }]] },
      ll: { dtype: list(list(int32())), values: [[[1], [2, 3]], [[]], []] },
    });
    expect(valuesOf(col('s').list.last(), df)).toEqual(['bc', 'é', null]);
    expect(df.select(col('p').list.get(1)).toRecords()).toEqual([{ p: { x: 2 } }, { p: null }, { p: null }]);
    expect(plainValues(valuesOf(col('ll').list.get(-1), df))).toEqual([[2, 3], [], null]);
  });

  it('rejects an index that is not an integer', () => {
    expect(caught(() => valuesOf(col('xs').list.get(1.5), nums)).message).toBe('col("xs").list.get(1.5): the index is an integer, got 1.5');
  });
});

describe('list.sum, mean, min and max', () => {
  it('aggregate the non-null items of each list as the group aggregations do', () => {
    expect(valuesOf(col('xs').list.sum(), nums)).toEqual([0.5, null, 0, 4, NaN, 0]);
    expect(valuesOf(col('xs').list.mean(), nums)).toEqual([0.5 / 3, null, null, 4, NaN, 0]);
    expect(valuesOf(col('xs').list.min(), nums)).toEqual([-3, null, null, 4, 1, -0]);
    expect(valuesOf(col('xs').list.max(), nums)).toEqual([2, null, null, 4, NaN, -0]);
    expect(valuesOf(col('fs').list.sum(), nums)).toEqual([3, 3, 11, 0, -1, 0]);
    expect(valuesOf(col('fs').list.min(), nums)).toEqual([1, 3, 5, null, -10, 0]);
  });

  it('give int64 sums of integers, float64 means, and keep the item dtype for min and max', () => {
    expect(dtypeOf(col('fs').list.sum(), nums)).toBe('int64');
    expect(dtypeOf(col('fs').list.mean(), nums)).toBe('float64?');
    expect(dtypeOf(col('fs').list.max(), nums)).toBe('int32?');
    expect(dtypeOf(col('xs').list.sum(), nums)).toBe('float64?');
  });

  it('sum 64-bit integers exactly and refuse a sum beyond int64, naming the row', () => {
    const df = arrowFrame({ xs: { dtype: list(int64('bigint')), values: [[2n ** 62n, 2n ** 61n, 1n], [-(2n ** 63n), 5n], [2n ** 62n, 2n ** 62n]] } });
    expect(rawBigInts(df.slice(0, 2).select(col('xs').list.sum()).getColumn('xs'))).toEqual([2n ** 62n + 2n ** 61n + 1n, -(2n ** 63n) + 5n]);
    const err = caught(() => df.select(col('xs').list.sum()));
    expect(err).toBeInstanceOf(ExpressionError);
    expect(err.message).toMatch(/^col\("xs"\)\.list\.sum\(\): the sum 9223372036854775808 does not fit int64.*\(row 2\)$/);
    const u = arrowFrame({ xs: { dtype: list(uint64('bigint')), values: [[2n ** 63n, 2n ** 62n]] } });
    expect(rawBigInts(u.select(col('xs').list.sum()).getColumn('xs')).map((x) => BigInt.asUintN(64, x))).toEqual([2n ** 63n + 2n ** 62n]);
    expect(String(u.select(col('xs').list.sum()).schema.get('xs'))).toBe('uint64');
  });

  it('take min and max of strings by code point and of timestamps exactly', () => {
    const df = arrowFrame({
      s: { dtype: list(nullable(utf8())), values: [['b', null, 'a', '\u{1F600}', '\uFFFF'], []] },
      t: { dtype: list(timestamp('ns')), values: [[1714557600123456789n, 1714557600123456788n], [-1n]] },
    });
    expect(valuesOf(col('s').list.min(), df)).toEqual(['a', null]);
    expect(valuesOf(col('s').list.max(), df)).toEqual(['\u{1F600}', null]);
    expect(valuesOf(col('t').list.min(), df).map(String)).toEqual(['2024-05-01T10:00:00.123456788Z', '1969-12-31T23:59:59.999999999Z']);
  });

  it('refuse items that are not numbers, naming the expression', () => {
    const df = arrowFrame({ s: { dtype: list(utf8()), values: [['a']] } });
    expect(caught(() => df.select(col('s').list.sum())).message).toBe('col("s").list.sum(): cannot take sum of utf8');
  });

  it('agree with a per-row reference on random lists (property)', () => {
    const item = fc.option(fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.integer({ min: -5, max: 5 })), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.option(fc.array(item, { maxLength: 6 }), { nil: null }), { maxLength: 12 }), (rows) => {
        const df = arrowFrame({ xs: { dtype: nullable(list(nullable(float64()))), values: rows } });
        const sums = valuesOf(col('xs').list.sum(), df);
        const mins = valuesOf(col('xs').list.min(), df);
        const lens = valuesOf(col('xs').list.len(), df);
        rows.forEach((r, i) => {
          if (r === null) {
            expect([sums[i], mins[i], lens[i]]).toEqual([null, null, null]);
            return;
          }
          const vals = r.filter((x): x is number => x !== null);
          expect(lens[i]).toBe(r.length);
          expect(sums[i]).toBe(vals.reduce((a, b) => a + b, 0));
          expect(mins[i]).toBe(vals.length === 0 ? null : Math.min(...vals));
        });
      }),
    );
  });
});

describe('list.contains', () => {
  it('finds numbers exactly, NaN and −0 included; a null list or value gives null, a null item matches nothing', () => {
    expect(valuesOf(col('xs').list.contains(2), nums)).toEqual([true, null, false, false, false, false]);
    expect(valuesOf(col('xs').list.contains(NaN), nums)).toEqual([false, null, false, false, true, false]);
    expect(valuesOf(col('xs').list.contains(0), nums)).toEqual([false, null, false, false, false, true]);
    expect(valuesOf(col('xs').list.contains(null), nums)).toEqual([null, null, null, null, null, null]);
    expect(valuesOf(col('fs').list.contains(-10), nums)).toEqual([false, false, false, false, true, false]);
    expect(dtypeOf(col('fs').list.contains(1), nums)).toBe('bool');
  });

  it('finds strings (plain, large, categorical), 64-bit integers, instants and decimals', () => {
    const df = arrowFrame({
      s: { dtype: list(nullable(utf8())), values: [['a', null, 'ü'], ['b']] },
      l: { dtype: list(largeUtf8()), values: [['a'], ['ü']] },
      c: { dtype: list(categorical()), values: [['x', 'y'], ['y']] },
      i: { dtype: list(int64('bigint')), values: [[2n ** 60n + 1n], [2n ** 60n]] },
      t: { dtype: list(timestamp('us')), values: [[1_000_001n], [1_000_000n]] },
      d: { dtype: list(decimal(6, 2)), values: [[150n], [15n]] },
      days: { dtype: list(date()), values: [[new Date(86_400_000)], []] },
    });
    expect(valuesOf(col('s').list.contains('ü'), df)).toEqual([true, false]);
    expect(valuesOf(col('l').list.contains('ü'), df)).toEqual([false, true]);
    expect(valuesOf(col('c').list.contains('x'), df)).toEqual([true, false]);
    expect(valuesOf(col('c').list.contains('zzz'), df)).toEqual([false, false]);
    expect(valuesOf(col('i').list.contains(2n ** 60n), df)).toEqual([false, true]);
    expect(valuesOf(col('t').list.contains(new Date(1000)), df)).toEqual([false, true]);
    expect(valuesOf(col('t').list.contains(new Instant(1_000_001_000n, 'ns')), df)).toEqual([true, false]);
    expect(valuesOf(col('d').list.contains(new Decimal(15n, 1)), df)).toEqual([true, false]);
    expect(valuesOf(col('d').list.contains(0.15), df)).toEqual([false, true]);
    expect(valuesOf(col('days').list.contains(new Date(86_400_000)), df)).toEqual([true, false]);
  });

  it('refuses a value of another family', () => {
    expect(caught(() => valuesOf(col('xs').list.contains('a'), nums)).message).toBe('col("xs").list.contains("a"): cannot look for a string in a list of float64');
  });
});

describe('list.join', () => {
  it('joins the string items with the separator, skipping null items; an empty list gives ""', () => {
    const df = arrowFrame({
      s: { dtype: nullable(list(nullable(utf8()))), values: [['a', null, 'ü'], null, [], [null], ['x', 'y', 'z']] },
      c: { dtype: list(categorical()), values: [['p', 'q'], [], ['q'], ['p'], []] },
      l: { dtype: largeList(largeUtf8()), values: [['a', 'b'], [], ['c'], [], ['d']] },
    });
    expect(valuesOf(col('s').list.join(', '), df)).toEqual(['a, ü', null, '', '', 'x, y, z']);
    expect(valuesOf(col('c').list.join('+'), df)).toEqual(['p+q', '', 'q', 'p', '']);
    expect(valuesOf(col('l').list.join(''), df)).toEqual(['ab', '', 'c', '', 'd']);
    expect(dtypeOf(col('s').list.join(','), df)).toBe('utf8?');
  });

  it('refuses items that are not strings', () => {
    expect(caught(() => valuesOf(col('xs').list.join(','), nums)).message).toBe('col("xs").list.join(","): join takes lists of strings, got items of float64');
  });
});

describe('the list namespace on other dtypes', () => {
  it('refuses an operand that is not a list, naming the expression and the column', () => {
    const df = arrowFrame({ x: { dtype: float32(), values: [1] } });
    const e = caught(() => valuesOf(col('x').list.len(), df));
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toBe('col("x").list.len(): expected a list, got float32 column "x"');
  });

  it('prints as code', () => {
    expect(String(col('xs').list.get(-1).add(col('xs').list.len()))).toBe('col("xs").list.get(-1).add(col("xs").list.len())');
    expect(String(col('xs').list.contains('a'))).toBe('col("xs").list.contains("a")');
  });
});
