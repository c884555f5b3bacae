import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Instant, categorical, date, duration, time, timestamp, utf8, nullable } from '../../../src/index.js';
import { frameOfRows } from '../../support/arrow-data.js';
import { seedFor } from '../../support/knobs.js';

const ns = (e: bigint) => new Instant(e, 'ns');
const us = (e: bigint) => new Instant(e, 'us');
const texts = (xs: readonly unknown[]) => xs.map((x) => (x === null ? null : x instanceof Date ? x.toISOString() : String(x)));

describe('cast between time units', () => {
  const df = frameOfRows({
    n: [nullable(timestamp('ns')), [ns(-1n), ns(1714557600123456789n), null, ns(0n), ns(2n ** 63n - 1n)]],
    u: [timestamp('us', { timezone: 'Europe/Oslo' }), [us(1n), us(1714557600123456n), us(-86_400_000_001n), us(0n), us(2n ** 62n)]],
  });

  it('to a coarser unit floors toward −∞ (the unit that contains the instant), as polars casts', () => {
    expect(texts(df.cast({ n: timestamp('ms') }).getColumn('n').toArray())).toEqual(['1969-12-31T23:59:59.999Z', '2024-05-01T10:00:00.123Z', null, '1970-01-01T00:00:00.000Z', '2262-04-11T23:47:16.854Z']);
    expect(texts(df.cast({ n: timestamp('s') }).getColumn('n').toArray())).toEqual(['1969-12-31T23:59:59.000Z', '2024-05-01T10:00:00.000Z', null, '1970-01-01T00:00:00.000Z', '2262-04-11T23:47:16.000Z']);
    expect(texts(df.cast({ n: timestamp('us') }).getColumn('n').toArray())).toEqual(['1969-12-31T23:59:59.999999Z', '2024-05-01T10:00:00.123456Z', null, '1970-01-01T00:00:00.000000Z', '2262-04-11T23:47:16.854775Z']);
  });

  it('to a finer unit exactly, refusing values beyond the finer unit’s range; keeps or sets the zone', () => {
    const out = df.cast({ u: timestamp('ns', { timezone: 'UTC' }) }, { strict: false });
    expect(texts(out.getColumn('u').toArray())).toEqual(['1970-01-01T00:00:00.000001000Z', '2024-05-01T10:00:00.123456000Z', '1969-12-30T23:59:59.999999000Z', '1970-01-01T00:00:00.000000000Z', null]);
    expect(String(out.schema.get('u'))).toBe('timestamp[ns, UTC]?');
    expect(() => df.cast({ u: timestamp('ns') })).toThrow('Column "u", row 4: ');
    expect(() => df.cast({ u: timestamp('ns') })).toThrow('does not fit timestamp[ns]: out of range in ns');
  });

  it('to and from dates in any unit (the local day in a zone)', () => {
    expect(texts(df.cast({ n: date() }).getColumn('n').toArray())).toEqual(['1969-12-31T00:00:00.000Z', '2024-05-01T00:00:00.000Z', null, '1970-01-01T00:00:00.000Z', '2262-04-11T00:00:00.000Z']);
    expect(texts(df.cast({ u: date() }).getColumn('u').toArray().slice(0, 4))).toEqual(['1970-01-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z', '1969-12-31T00:00:00.000Z', '1970-01-01T00:00:00.000Z']);
    const days = frameOfRows({ d: [date(), [new Date('2024-02-29'), new Date('1969-12-31')]] });
    expect(days.cast({ d: timestamp('ns') }).getColumn('d').toArray().map(String)).toEqual(['2024-02-29T00:00:00.000000000Z', '1969-12-31T00:00:00.000000000Z']);
    expect(days.cast({ d: timestamp('us', { timezone: 'Asia/Kolkata' }) }).getColumn('d').toArray().map(String)).toEqual(['2024-02-28T18:30:00.000000Z', '1969-12-30T18:30:00.000000Z']);
  });

  it('to text with every digit of the unit, in the column’s zone; from text with up to the unit’s digits', () => {
    expect(df.cast({ n: utf8() }).getColumn('n').toArray().slice(0, 4)).toEqual(['1969-12-31T23:59:59.999999999', '2024-05-01T10:00:00.123456789', null, '1970-01-01T00:00:00']);
    expect(df.cast({ u: categorical() }).getColumn('u').toArray().slice(0, 2)).toEqual(['1970-01-01T01:00:00.000001+01:00', '2024-05-01T12:00:00.123456+02:00']);
    const t = frameOfRows({
      s: [utf8(), ['2024-05-01T10:00:00.123456789Z', '2024-05-01 12:00:00.5+02:00', '1969-12-31T23:59:59.999999999', '2024-05-01T10:00:00.1234567891Z', 'x']],
    });
    expect(texts(t.cast({ s: timestamp('ns') }, { strict: false }).getColumn('s').toArray())).toEqual([
      '2024-05-01T10:00:00.123456789Z',
      '2024-05-01T10:00:00.500000000Z',
      '1969-12-31T23:59:59.999999999Z',
      null,
      null,
    ]);
    expect(() => t.cast({ s: timestamp('ns') })).toThrow('Column "s", row 3: "2024-05-01T10:00:00.1234567891Z" (string) does not fit timestamp[ns]: has digits finer than ns');
    expect(() => t.cast({ s: timestamp('us') })).toThrow('row 0: "2024-05-01T10:00:00.123456789Z" (string) does not fit timestamp[us]: has digits finer than us');
  });

  it('property: ns → text → ns is the identity, and ns → ms floors', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), (e) => {
        const one = frameOfRows({ t: [timestamp('ns'), [ns(e)]] });
        expect((one.cast({ t: utf8() }).cast({ t: timestamp('ns') }).getColumn('t').get(0) as Instant).epoch).toBe(e);
        const floor = e / 1_000_000n - (e % 1_000_000n < 0n ? 1n : 0n);
        expect((one.cast({ t: timestamp('ms') }).getColumn('t').get(0) as Date).getTime()).toBe(Number(floor));
      }),
      { seed: seedFor('cast-units-ns'), numRuns: 200 },
    );
  });
});

describe('cast times and durations between units', () => {
  const df = frameOfRows({ t: [time('ms'), [0, 1500, 86_399_999, 1]], d: [nullable(duration('ns')), [-1_500_000, 1_500_000, null, 2 ** 53 - 1]] });

  it('times: finer exactly, coarser floored', () => {
    expect(df.cast({ t: time('us') }).getColumn('t').toArray()).toEqual([0, 1_500_000, 86_399_999_000, 1000]);
    expect(df.cast({ t: time('s') }).getColumn('t').toArray()).toEqual([0, 1, 86_399, 0]);
  });

  it('durations: coarser truncated toward zero (the sign kept), finer range checked', () => {
    expect(df.cast({ d: duration('ms') }).getColumn('d').toArray()).toEqual([-1, 1, null, 9_007_199_254]);
    expect(df.cast({ d: duration('s', 'bigint') }).getColumn('d').toArray()).toEqual([0n, 0n, null, 9_007_199n]);
    const s = frameOfRows({ d: [duration('s', 'bigint'), [2n ** 62n, 1n]] });
    expect(s.cast({ d: duration('ms', 'bigint') }, { strict: false }).getColumn('d').toArray()).toEqual([null, 1000n]);
  });
});
