import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, ExpressionError, col, int32, nullable, utf8 } from '../../src/index.js';
import { everyKindFrame, everyKindRecords } from '../support/every-kind.js';
import { nestedFrameArb } from '../support/nested-arbitraries.js';
import { seedFor } from '../support/knobs.js';

const df = DataFrame.fromColumns(
  { a: [1, 2, null, 4, 5], s: ['x', 'y', 'x', null, 'z'] },
  { schema: { a: nullable(int32()), s: nullable(utf8()) } },
);

describe('filter', () => {
  it('keeps rows where the expression is true; null counts as false', () => {
    expect(df.filter(col('a').gt(1)).toRecords()).toEqual([
      { a: 2, s: 'y' },
      { a: 4, s: null },
      { a: 5, s: 'z' },
    ]);
  });

  it('takes a function of a row view, called with one reused view', () => {
    const seen = new Set<object>();
    const out = df.filter((r, i) => {
      seen.add(r);
      return r.s === 'x' && i >= 0;
    });
    expect(out.getColumn('a').toArray()).toEqual([1, null]);
    expect(seen.size).toBe(1);
  });

  it('rejects a predicate that is not boolean', () => {
    expect(() => df.filter(col('a').add(1))).toThrow(ExpressionError);
    expect(() => df.filter(col('a').add(1))).toThrow('filter(col("a").add(1)): the predicate gives int32?, not booleans');
    expect(() => df.filter(() => 1 as never)).toThrow('filter(fn): row 0: the function returned number 1, not a boolean');
  });

  it('returns the same frame when every row passes, and an empty one when none does', () => {
    expect(df.filter(col('a').isNull().or(col('a').gt(0)))).toBe(df);
    const none = df.filter(col('a').gt(100));
    expect(none.shape).toEqual([0, 2]);
    expect(DataFrame.fromColumns({ a: [] }, { schema: { a: int32() } }).filter(col('a').gt(1)).height).toBe(0);
  });

  it('works on slices and on all-null columns', () => {
    expect(df.slice(1, 3).filter(col('a').gt(1)).getColumn('a').toArray()).toEqual([2, 4]);
    const nulls = DataFrame.fromColumns({ a: [null, null] }, { schema: { a: nullable(int32()) } });
    expect(nulls.filter(col('a').gt(0)).height).toBe(0);
  });

  it('property: filter(a).filter(b) equals filter(a.and(b))', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), { maxLength: 80 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), (xs, p, q) => {
        const t = DataFrame.fromColumns({ x: xs }, { schema: { x: nullable(int32()) } });
        const a = col('x').gt(p);
        const b = col('x').lt(q);
        expect(t.filter(a).filter(b).toRecords()).toEqual(t.filter(a.and(b)).toRecords());
        expect(t.filter(a).toRecords()).toEqual(t.filter((r) => r.x !== null && r.x > p).toRecords());
      }),
    );
  });
});

describe('filter, slice, head and tail of every dtype kind', () => {
  const all = everyKindFrame();
  const rows = everyKindRecords();

  it('filter keeps the rows of columns of every kind (nested, decimal, binary, temporal, union)', () => {
    expect(all.filter(col('i16').gt(2).and(col('i16').neq(5))).toRecords()).toEqual([rows[2], rows[3], rows[5]]);
    expect(all.filter((r) => (r.i16 as number) % 2 === 0).toRecords()).toEqual([rows[1], rows[3], rows[5]]);
  });

  it('filter of a sliced frame (offset ≠ 0) and of an empty frame', () => {
    expect(all.slice(3).filter(col('i16').lt(6)).toRecords()).toEqual([rows[3], rows[4]]);
    expect(all.head(0).filter(col('i16').gt(0)).toRecords()).toEqual([]);
    expect(all.filter(col('i16').gt(100)).shape).toEqual([0, all.width]);
  });

  it('slice, head and tail are zero-copy views that read back the right rows of every kind', () => {
    expect(all.slice(1, 3).toRecords()).toEqual(rows.slice(1, 4));
    expect(all.slice(-2).toRecords()).toEqual(rows.slice(4));
    expect(all.head(2).toRecords()).toEqual(rows.slice(0, 2));
    expect(all.tail(3).toRecords()).toEqual(rows.slice(3));
    expect(all.slice(2, 3).slice(1, 1).toRecords()).toEqual([rows[3]]);
    expect(all.slice(1).getColumn('nest').data.children[0]).toBe(all.getColumn('nest').data.children[0]);
  });
});

describe('filter of random nested frames', () => {
  it('property: keeps exactly the rows of a random mask, sliced frames included', () => {
    fc.assert(
      fc.property(
        nestedFrameArb().chain((df) => fc.tuple(fc.constant(df), fc.nat({ max: df.height }), fc.array(fc.boolean(), { minLength: df.height, maxLength: df.height }))),
        ([df, start, mask]) => {
          const part = df.slice(start);
          const rows = part.toRecords();
          expect(part.filter((_, i) => mask[i]!).toRecords()).toEqual(rows.filter((_, i) => mask[i]));
        },
      ),
      { seed: seedFor('filter-nested'), numRuns: 120 },
    );
  });
});
