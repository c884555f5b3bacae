/** Comparisons of instants and durations across units, against a bigint reference. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { col, date, duration, Instant, lit, nullable, timestamp, type TimeUnit } from '../../../src/index.js';
import { arrowFrame } from '../../support/arrow-frames.js';
import { caught, valuesOf } from '../../support/frames.js';

const NS: Record<TimeUnit, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };
const UNITS: TimeUnit[] = ['s', 'ms', 'us', 'ns'];
const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
const test = (op: (typeof OPS)[number], x: bigint, y: bigint) => ({ eq: x === y, neq: x !== y, gt: x > y, gte: x >= y, lt: x < y, lte: x <= y })[op];
const int64Arb = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -3000n, max: 3000n }));

describe('comparisons of instants and durations', () => {
  for (const ua of UNITS) {
    for (const ub of UNITS) {
      it(`timestamp[${ua}] against timestamp[${ub}] and durations likewise compare exactly at the finer unit (property)`, () => {
        fc.assert(
          fc.property(fc.array(fc.tuple(fc.option(int64Arb, { nil: null, freq: 8 }), int64Arb), { minLength: 1, maxLength: 8 }), (rows) => {
            const df = arrowFrame({
              a: { dtype: nullable(timestamp(ua)), values: rows.map((r) => r[0]) },
              b: { dtype: timestamp(ub), values: rows.map((r) => r[1]) },
              da: { dtype: nullable(duration(ua)), values: rows.map((r) => r[0]) },
              db: { dtype: duration(ub), values: rows.map((r) => r[1]) },
            });
            for (const op of OPS) {
              const want = rows.map(([x, y]) => (x === null ? null : test(op, x * NS[ua], y * NS[ub])));
              expect(valuesOf(col('a')[op](col('b')), df), `a ${op} b`).toEqual(want);
              expect(valuesOf(col('da')[op](col('db')), df), `da ${op} db`).toEqual(want);
            }
          }),
          { numRuns: 15 },
        );
      });
    }
    it(`timestamp[${ua}] against Date and Instant literals of every unit (property)`, () => {
      fc.assert(
        fc.property(fc.array(int64Arb, { minLength: 1, maxLength: 8 }), int64Arb, fc.constantFrom(...UNITS), (vals, v, lu) => {
          const df = arrowFrame({ a: { dtype: timestamp(ua), values: vals } });
          for (const op of OPS) {
            const want = vals.map((x) => test(op, x * NS[ua], v * NS[lu]));
            expect(valuesOf(col('a')[op](new Instant(v, lu)), df), `a ${op} ${v} ${lu}`).toEqual(want);
            // The literal on the left.
            const flipped = vals.map((x) => test(op, v * NS[lu], x * NS[ua]));
            expect(valuesOf(lit(new Instant(v, lu))[op](col('a')), df), `${v} ${lu} ${op} a`).toEqual(flipped);
          }
          const ms = Number(v % 8_000_000_000_000_000n);
          const wantDate = vals.map((x) => test('gt', x * NS[ua], BigInt(ms) * NS.ms));
          expect(valuesOf(col('a').gt(new Date(ms)), df)).toEqual(wantDate);
        }),
        { numRuns: 20 },
      );
    });
  }

  it('compares dates with timestamps of any unit at midnight', () => {
    const df = arrowFrame({
      d: { dtype: date(), values: [new Date('1970-01-02'), new Date('1969-12-31'), new Date('1970-01-01')] },
      t: { dtype: timestamp('ns'), values: [86_400_000_000_000n, -86_400_000_000_001n, 1n] },
    });
    expect(valuesOf(col('d').eq(col('t')), df)).toEqual([true, false, false]);
    expect(valuesOf(col('d').gt(col('t')), df)).toEqual([false, true, false]);
    expect(valuesOf(col('d').lt(new Instant(1n, 'ns')), df)).toEqual([false, true, true]);
    expect(valuesOf(col('d').lte(new Instant(0n, 'ns')), df)).toEqual([false, true, true]);
  });

  it('finds instants with isIn in the column\'s unit, and between works across units', () => {
    const df = arrowFrame({ t: { dtype: timestamp('us'), values: [1000n, 1001n, -1n] } });
    expect(valuesOf(col('t').isIn([new Date(1), new Instant(-1000n, 'ns'), new Instant(1001500n, 'ns')]), df)).toEqual([true, false, true]);
    expect(valuesOf(col('t').between(new Instant(1000500n, 'ns'), new Date(2)), df)).toEqual([false, true, false]);
  });

  it('refuses a duration against an instant', () => {
    const df = arrowFrame({ t: { dtype: timestamp('us'), values: [1n] }, d: { dtype: duration('us'), values: [1n] } });
    expect(caught(() => valuesOf(col('d').gt(col('t')), df)).message).toBe('col("d").gt(col("t")): cannot compare duration[us] with timestamp[us]');
  });
});
