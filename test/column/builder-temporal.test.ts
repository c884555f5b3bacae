import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Instant, duration, interval, nullable, time, timestamp } from '../../src/index.js';
import { appendError, build } from '../support/build.js';

describe('timestamp builders', () => {
  it('take a Date in every unit, exactly', () => {
    const d = new Date('2024-05-01T10:00:00.123Z');
    expect(build(timestamp('ms'), [d]).data.values).toEqual(new BigInt64Array([1714557600123n]));
    expect(build(timestamp('us'), [d]).data.values).toEqual(new BigInt64Array([1714557600123000n]));
    expect(build(timestamp('ns'), [d]).data.values).toEqual(new BigInt64Array([1714557600123000000n]));
    expect(build(timestamp('s'), [new Date('2024-05-01T10:00:00Z')]).data.values).toEqual(new BigInt64Array([1714557600n]));
    expect(build(timestamp('ns'), [d]).get(0)).toEqual(new Instant(1714557600123000000n, 'ns'));
  });

  it('refuse a Date with milliseconds in a seconds column', () => {
    expect(appendError(timestamp('s'), new Date(1500))).toBe(
      'Column "c", row 0: Date(1970-01-01T00:00:01.500Z) does not fit timestamp[s]: the Date has milliseconds, which a timestamp[s] column cannot hold',
    );
  });

  it('take an Instant of any unit when no digit is lost', () => {
    const c = build(timestamp('us'), [new Instant(5_000n, 'ns'), new Instant(2n, 's'), new Instant(7n, 'us')]);
    expect(c.data.values).toEqual(new BigInt64Array([5n, 2_000_000n, 7n]));
    expect(appendError(timestamp('us'), new Instant(1500n, 'ns'))).toMatch(/the Instant has digits finer than us$/);
    expect(appendError(timestamp('ms'), new Instant(1n, 'us'))).toMatch(/finer than ms/);
  });

  it('take a bigint as a count of the unit since the epoch, within 64 bits', () => {
    expect(build(timestamp('ns'), [-1n, 2n ** 63n - 1n]).data.values).toEqual(new BigInt64Array([-1n, 2n ** 63n - 1n]));
    expect(appendError(timestamp('ns'), 2n ** 63n)).toMatch(/out of the range of 64-bit counts of ns/);
    expect(appendError(timestamp('ns'), new Date(8.64e15))).toMatch(/out of the range/);
    expect(appendError(timestamp('us'), 5)).toMatch(/expected a Date, an Instant or a bigint count of us since the epoch/);
  });

  it('property: Instants round-trip through every unit they fit', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), { nil: null })), (epochs) => {
        const values = epochs.map((e) => (e === null ? null : new Instant(e, 'ns')));
        expect(build(nullable(timestamp('ns')), values).toArray()).toEqual(values);
        const micros = epochs.map((e) => (e === null ? null : new Instant(e, 'us')));
        expect(build(nullable(timestamp('us')), micros).toArray()).toEqual(micros);
      }),
    );
  });
});

describe('time builders', () => {
  it('take counts of the unit since midnight: 32-bit for s and ms, 64-bit for us and ns', () => {
    const ms = build(time('ms'), [0, 37_800_000, 86_399_999]);
    expect(ms.data.values).toEqual(new Int32Array([0, 37_800_000, 86_399_999]));
    const ns = build(nullable(time('ns')), [86_399_999_999_999n, null, 5]);
    expect(ns.data.values).toBeInstanceOf(BigInt64Array);
    expect(ns.toArray()).toEqual([86_399_999_999_999, null, 5]);
  });

  it('refuse counts outside a day, fractions and other values', () => {
    expect(appendError(time('s'), 86_400)).toBe('Column "c", row 0: 86400 (number) does not fit time[s]: out of range 0 … 86399 (a time of day)');
    expect(appendError(time('ms'), -1)).toMatch(/out of range 0 … 86399999/);
    expect(appendError(time('ns'), 86_400_000_000_000n)).toMatch(/out of range/);
    expect(appendError(time('ms'), 1.5)).toMatch(/expected an integer count of ms since midnight/);
    expect(appendError(time('ms'), '10:00')).toMatch(/expected a number \(or bigint\) of ms since midnight/);
  });
});

describe('duration builders', () => {
  it('take numbers and bigints like int64', () => {
    expect(build(duration('ns', 'bigint'), [1, -(2n ** 63n)]).toArray()).toEqual([1n, -(2n ** 63n)]);
    expect(build(duration('ms'), [1, 2n]).toArray()).toEqual([1, 2]);
    expect(appendError(duration('ms'), 2 ** 60)).toMatch(/pass a bigint/);
    expect(appendError(duration('ms'), 0.5)).toMatch(/expected an integer/);
  });
});

describe('interval builders', () => {
  it('take the value objects of each unit; a missing component is 0', () => {
    expect(build(interval('yearMonth'), [{ months: 14 }, {}]).toArray()).toEqual([{ months: 14 }, { months: 0 }]);
    expect(build(interval('dayTime'), [{ days: 3, milliseconds: -4 }]).toArray()).toEqual([{ days: 3, milliseconds: -4 }]);
    const mdn = build(nullable(interval('monthDayNano')), [{ months: 1, days: 2, nanoseconds: -(2n ** 63n) }, null, { nanoseconds: 5 }]);
    expect(mdn.toArray()).toEqual([{ months: 1, days: 2, nanoseconds: -(2n ** 63n) }, null, { months: 0, days: 0, nanoseconds: 5n }]);
    expect(mdn.data.values).toHaveLength(12);
  });

  it('refuse unknown components, out-of-range parts and non-objects', () => {
    expect(appendError(interval('yearMonth'), { months: 1, days: 2 })).toBe(
      'Column "c", row 0: an Object does not fit interval[yearMonth]: has "days", which an interval[yearMonth] does not hold (months)',
    );
    expect(appendError(interval('dayTime'), { days: 2 ** 31 })).toMatch(/days is a 32-bit integer/);
    expect(appendError(interval('monthDayNano'), { nanoseconds: 2n ** 63n })).toMatch(/nanoseconds is out of the 64-bit range/);
    expect(appendError(interval('monthDayNano'), { nanoseconds: 0.5 })).toMatch(/nanoseconds is a bigint/);
    expect(appendError(interval('yearMonth'), 3)).toMatch(/expected an object of months/);
  });
});
