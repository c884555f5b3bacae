import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inspect } from 'node:util';
import { Decimal, Instant, InvalidArgumentError } from '../../src/index.js';
import { formatDecimal, formatEpoch, formatInterval, parseDecimalText } from '../../src/dtype/values.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

describe('Instant', () => {
  it('prints every digit of its unit in UTC', () => {
    expect(String(new Instant(1714557600123456789n, 'ns'))).toBe('2024-05-01T10:00:00.123456789Z');
    expect(String(new Instant(1714557600123456n, 'us'))).toBe('2024-05-01T10:00:00.123456Z');
    expect(String(new Instant(-1n, 'ns'))).toBe('1969-12-31T23:59:59.999999999Z');
    expect(String(new Instant(0n, 's'))).toBe('1970-01-01T00:00:00Z');
    expect(JSON.stringify({ t: new Instant(5n, 'us') })).toBe('{"t":"1970-01-01T00:00:00.000005Z"}');
    expect(inspect(new Instant(5n, 'us'))).toBe('1970-01-01T00:00:00.000005Z');
  });

  it('prints the extremes of int64 nanoseconds and microseconds exactly', () => {
    expect(String(new Instant(I64_MIN, 'ns'))).toBe('1677-09-21T00:12:43.145224192Z');
    expect(String(new Instant(I64_MAX, 'ns'))).toBe('2262-04-11T23:47:16.854775807Z');
    expect(String(new Instant(I64_MAX, 'us'))).toBe('+294247-01-10T04:00:54.775807Z');
  });

  it('agrees with Date wherever a Date can hold the instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: 0, max: 999_999 }), (ms, sub) => {
        const ns = BigInt(ms) * 1_000_000n + BigInt(sub);
        const t = new Instant(ns, 'ns');
        const iso = new Date(ms).toISOString();
        const text = t.toISOString();
        // Date's text has 3 fraction digits; ours has 9, the first 3 of which are the same.
        expect(text.slice(0, text.indexOf('.') + 4)).toBe(iso.slice(0, iso.indexOf('.') + 4));
        expect(t.epochMilliseconds).toBe(ms);
        expect(t.toDate().getTime()).toBe(ms);
      }),
    );
  });

  it('compares across units exactly and refuses to become a number', () => {
    expect(Instant.compare(new Instant(1n, 'us'), new Instant(1000n, 'ns'))).toBe(0);
    expect(Instant.compare(new Instant(1n, 'us'), new Instant(1001n, 'ns'))).toBe(-1);
    expect(new Instant(2n, 's').equals(new Instant(2_000_000_000n, 'ns'))).toBe(true);
    expect(() => +new Instant(1n, 'ns')).toThrow(TypeError);
    expect(() => new Instant(1n, 'ns').valueOf()).toThrow('Instant.compare');
  });

  it('converts to another unit only without losing digits', () => {
    expect(new Instant(5_000n, 'ns').to('us').epoch).toBe(5n);
    expect(() => new Instant(5_001n, 'ns').to('us')).toThrow(InvalidArgumentError);
    expect(new Instant(3n, 's').to('ns').epoch).toBe(3_000_000_000n);
  });

  it('rejects a number epoch and an unknown unit', () => {
    expect(() => new Instant(5 as unknown as bigint, 'ns')).toThrow('the epoch count is a bigint, got number');
    expect(() => new Instant(5n, 'min' as 'ns')).toThrow(InvalidArgumentError);
  });
});

describe('formatEpoch', () => {
  it('floors negative counts to the previous second', () => {
    expect(formatEpoch(-1500n, 'ms')).toBe('1969-12-31T23:59:58.500Z');
    expect(formatEpoch(-1n, 's')).toBe('1969-12-31T23:59:59Z');
  });

  it('takes a separator and a zone suffix', () => {
    expect(formatEpoch(0n, 'us', { separator: ' ', zone: '' })).toBe('1970-01-01 00:00:00.000000');
  });
});

describe('Decimal', () => {
  it('prints exact text with all scale digits', () => {
    expect(String(new Decimal(123400n, 4))).toBe('12.3400');
    expect(String(new Decimal(-5n, 2))).toBe('-0.05');
    expect(String(new Decimal(0n, 3))).toBe('0.000');
    expect(String(new Decimal(12n, 0))).toBe('12');
    expect(String(new Decimal(12n, -2))).toBe('1200');
    expect(String(new Decimal(-(10n ** 38n) + 1n, 38))).toBe('-0.' + '9'.repeat(38));
  });

  it('parses text exactly, refusing digits the scale cannot hold', () => {
    expect(Decimal.parse('12.34', 4).unscaled).toBe(123400n);
    expect(Decimal.parse('-.5', 1).unscaled).toBe(-5n);
    expect(Decimal.parse('1.2300', 2).unscaled).toBe(123n);
    expect(Decimal.parse('1e3', 0).unscaled).toBe(1000n);
    expect(Decimal.parse('125e-3', 3).unscaled).toBe(125n);
    expect(() => Decimal.parse('0.125', 2)).toThrow('has more than 2 fraction digits');
    expect(() => Decimal.parse('abc', 2)).toThrow('is not a decimal number');
    expect(() => Decimal.parse('.', 2)).toThrow('is not a decimal number');
    expect(parseDecimalText('1e99999', 0)).toBe('has an exponent out of range');
  });

  it('round-trips any unscaled value and scale through text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 255n), max: 2n ** 255n - 1n }), fc.integer({ min: 0, max: 76 }), (v, s) => {
        const text = formatDecimal(v, s);
        expect(parseDecimalText(text, s)).toBe(v);
        expect(new Decimal(v, s).toNumber()).toBe(Number(text));
      }),
    );
  });

  it('compares values across scales and refuses implicit numbers', () => {
    expect(Decimal.compare(new Decimal(10n, 1), new Decimal(100n, 2))).toBe(0);
    expect(Decimal.compare(new Decimal(-1n, 0), new Decimal(5n, 3))).toBe(-1);
    expect(new Decimal(1n, 0).equals(new Decimal(1000n, 3))).toBe(true);
    expect(JSON.stringify([new Decimal(1n, 2)])).toBe('["0.01"]');
    expect(() => new Decimal(1n, 0).valueOf()).toThrow('toNumber()');
    expect(() => new Decimal(1 as unknown as bigint, 0)).toThrow(InvalidArgumentError);
    expect(() => new Decimal(1n, 0.5)).toThrow(InvalidArgumentError);
  });
});

describe('formatInterval', () => {
  it('writes ISO-8601 durations for each unit', () => {
    expect(formatInterval({ months: -14 })).toBe('P-1Y-2M');
    expect(formatInterval({ days: 0, milliseconds: 0 })).toBe('P0D');
    expect(formatInterval({ months: 1, days: 2, nanoseconds: 3n })).toBe('P1M2DT0.000000003S');
  });
});
