import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  binary,
  bool,
  categorical,
  decimal,
  duration,
  fixedSizeBinary,
  float16,
  interval,
  nullType,
  time,
  date,
  float32,
  float64,
  int32,
  int64,
  int8,
  nullable,
  timestamp,
  uint64,
  utf8,
} from '../../src/dtype/dtype.js';
import { formatValue } from '../../src/display/value.js';
import { Decimal, Instant } from '../../src/dtype/values.js';

const f64 = float64();
const f32 = float32();

describe('formatValue: nulls', () => {
  it('prints null and undefined as null whatever the dtype', () => {
    expect(formatValue(null, nullable(int32()))).toBe('null');
    expect(formatValue(null, nullable(utf8()))).toBe('null');
    expect(formatValue(undefined, nullable(float64()))).toBe('null');
  });
});

describe('formatValue: floats', () => {
  it('shows integral values with one decimal', () => {
    expect(formatValue(12, f64)).toBe('12.0');
    expect(formatValue(-3, f64)).toBe('-3.0');
    expect(formatValue(999999999999999, f64)).toBe('999999999999999.0');
  });

  it('shows up to 6 decimals with trailing zeros trimmed', () => {
    expect(formatValue(0.1 + 0.2, f64)).toBe('0.3');
    expect(formatValue(1234567.891, f64)).toBe('1234567.891');
    expect(formatValue(1.5, f64)).toBe('1.5');
    expect(formatValue(-3.14159265, f64)).toBe('-3.141593');
    expect(formatValue(0.00001, f64)).toBe('0.00001');
    expect(formatValue(2.0000001, f64)).toBe('2.0');
  });

  it('uses exponent form for |x| >= 1e15 and 0 < |x| < 1e-5', () => {
    expect(formatValue(1.23456789e20, f64)).toBe('1.234568e+20');
    expect(formatValue(1.2e-7, f64)).toBe('1.2e-7');
    expect(formatValue(-1.2e-7, f64)).toBe('-1.2e-7');
    expect(formatValue(1e15, f64)).toBe('1e+15');
    expect(formatValue(9.9e-6, f64)).toBe('9.9e-6');
    expect(formatValue(Number.MAX_VALUE, f64)).toBe('1.797693e+308');
    expect(formatValue(Number.MIN_VALUE, f64)).toBe('5e-324');
  });

  it('shows NaN, infinities and signed zeros', () => {
    expect(formatValue(NaN, f64)).toBe('NaN');
    expect(formatValue(Infinity, f64)).toBe('inf');
    expect(formatValue(-Infinity, f64)).toBe('-inf');
    expect(formatValue(0, f64)).toBe('0.0');
    expect(formatValue(-0, f64)).toBe('-0.0');
  });

  it('shows float32 values by their shortest float32 spelling under the same rules', () => {
    expect(formatValue(Math.fround(0.1), f32)).toBe('0.1');
    expect(formatValue(Math.fround(1234567.9), f32)).toBe('1234567.9');
    expect(formatValue(Math.fround(12), f32)).toBe('12.0');
    expect(formatValue(Math.fround(1e-7), f32)).toBe('1e-7');
    expect(formatValue(Math.fround(3.4e38), f32)).toBe('3.4e+38');
    expect(formatValue(Math.fround(NaN), f32)).toBe('NaN');
    expect(formatValue(Math.fround(-Infinity), f32)).toBe('-inf');
    expect(formatValue(-0, f32)).toBe('-0.0');
  });
});

describe('formatValue: integers', () => {
  it('prints integers exactly without decimals', () => {
    expect(formatValue(42, int32())).toBe('42');
    expect(formatValue(-128, int8())).toBe('-128');
    expect(formatValue(Number.MAX_SAFE_INTEGER, int64())).toBe('9007199254740991');
  });

  it('prints 64-bit integers read as bigint exactly', () => {
    expect(formatValue(2n ** 63n - 1n, int64('bigint'))).toBe('9223372036854775807');
    expect(formatValue(-(2n ** 63n), int64('bigint'))).toBe('-9223372036854775808');
    expect(formatValue(2n ** 64n - 1n, uint64('bigint'))).toBe('18446744073709551615');
  });
});

describe('formatValue: bool and text', () => {
  it('prints booleans as true and false', () => {
    expect(formatValue(true, bool())).toBe('true');
    expect(formatValue(false, bool())).toBe('false');
  });

  it('prints strings and categories raw, without quotes', () => {
    expect(formatValue('Ada', utf8())).toBe('Ada');
    expect(formatValue('Oslo', categorical())).toBe('Oslo');
    expect(formatValue('', utf8())).toBe('');
  });

  it('cuts text wider than maxStringLength (default 32) and ends it with …', () => {
    expect(formatValue('x'.repeat(32), utf8())).toBe('x'.repeat(32));
    expect(formatValue('x'.repeat(40), utf8())).toBe(`${'x'.repeat(31)}…`);
    expect(formatValue('abcdefgh', utf8(), { maxStringLength: 5 })).toBe('abcd…');
    expect(formatValue('日本語です', categorical(), { maxStringLength: 5 })).toBe('日本…');
  });

  it('escapes newlines, tabs and control characters', () => {
    expect(formatValue('a\nb\tc\u0001', utf8())).toBe('a\\nb\\tc\\u0001');
    expect(formatValue('line one\nline two', utf8(), { maxStringLength: 12 })).toBe('line one\\nl…');
  });
});

describe('formatValue: dates', () => {
  it('prints dates as YYYY-MM-DD in UTC', () => {
    expect(formatValue(new Date('2024-02-29'), date())).toBe('2024-02-29');
    expect(formatValue(new Date(0), date())).toBe('1970-01-01');
    expect(formatValue(new Date(Date.UTC(-1, 0, 1)), date())).toBe('-000001-01-01');
  });

  it('prints invalid dates as Invalid Date', () => {
    expect(formatValue(new Date(NaN), date())).toBe('Invalid Date');
    expect(formatValue(new Date(NaN), timestamp())).toBe('Invalid Date');
    expect(formatValue(new Date(NaN), timestamp({ timezone: 'Europe/Oslo' }))).toBe('Invalid Date');
  });
});

describe('formatValue: timestamps', () => {
  const noon = new Date(Date.UTC(2024, 0, 15, 12, 0, 0));
  const summer = new Date(Date.UTC(2024, 6, 1, 12, 30, 5, 250));

  it('prints timestamps without a time zone in UTC, with milliseconds only when nonzero', () => {
    expect(formatValue(noon, timestamp())).toBe('2024-01-15 12:00:00');
    expect(formatValue(summer, timestamp())).toBe('2024-07-01 12:30:05.250');
    expect(formatValue(new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 7)), timestamp())).toBe('2024-01-01 00:00:00.007');
  });

  it('prints timestamps in their time zone, followed by its offset', () => {
    const oslo = timestamp({ timezone: 'Europe/Oslo' });
    expect(formatValue(noon, oslo)).toBe('2024-01-15 13:00:00+01:00');
    expect(formatValue(summer, oslo)).toBe('2024-07-01 14:30:05.250+02:00');
    expect(formatValue(noon, timestamp({ timezone: 'UTC' }))).toBe('2024-01-15 12:00:00+00:00');
    expect(formatValue(noon, timestamp({ timezone: 'America/Sao_Paulo' }))).toBe('2024-01-15 09:00:00-03:00');
    expect(formatValue(new Date(0), timestamp({ timezone: 'Asia/Kolkata' }))).toBe('1970-01-01 05:30:00+05:30');
  });

  it('crosses the date line when the zone offset does', () => {
    const late = new Date(Date.UTC(2024, 11, 31, 23, 30));
    expect(formatValue(late, timestamp({ timezone: 'Europe/Oslo' }))).toBe('2025-01-01 00:30:00+01:00');
  });

  it('prints a wall-clock time and offset that add up to the instant, in any zone', () => {
    const zones = ['Europe/Oslo', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'UTC'];
    const shape = /^(-?\d{4,6})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?([+-])(\d\d):(\d\d)(?::(\d\d))?$/;
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (d, zone) => {
          const text = formatValue(d, timestamp({ timezone: zone }));
          const m = shape.exec(text);
          expect(m, text).not.toBeNull();
          const [, y, mo, da, h, mi, s, ms, sign, oh, om, os] = m!;
          const wall = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(s), Number(ms ?? 0));
          const offset = (sign === '-' ? -1 : 1) * ((Number(oh) * 60 + Number(om)) * 60 + Number(os ?? 0)) * 1000;
          expect(wall - offset).toBe(d.getTime());
        },
      ),
    );
  });
});

describe('formatValue: the dtypes beyond numbers, text and milliseconds', () => {
  it('prints float16 values as float32 ones, and the null type as null', () => {
    expect(formatValue(0.5, float16())).toBe('0.5');
    expect(formatValue(65504, float16())).toBe('65504.0');
    expect(formatValue(0.0999755859375, float16())).toBe('0.099976');
    expect(formatValue(null, nullType())).toBe('null');
  });

  it('prints decimals with all their scale digits, from a Decimal or an unscaled bigint', () => {
    expect(formatValue(new Decimal(123_400n, 4), decimal(10, 4))).toBe('12.3400');
    expect(formatValue(-5n, decimal(10, 4))).toBe('-0.0005');
    expect(formatValue(10n ** 37n, decimal(38, 0))).toBe('10000000000000000000000000000000000000');
  });

  it('prints timestamps of every unit with exactly the unit’s fraction digits, from a count or an Instant', () => {
    const oslo = timestamp('ns', { timezone: 'Europe/Oslo' });
    expect(formatValue(new Instant(1_714_557_600_123_456_789n, 'ns'), oslo)).toBe('2024-05-01 12:00:00.123456789+02:00');
    expect(formatValue(1_714_557_600_000_000_500n, oslo)).toBe('2024-05-01 12:00:00.000000500+02:00');
    expect(formatValue(1_714_557_600_123_456n, timestamp('us'))).toBe('2024-05-01 10:00:00.123456');
    expect(formatValue(new Instant(1_714_557_600_000_000n, 'us'), timestamp('us'))).toBe('2024-05-01 10:00:00');
    expect(formatValue(1_714_557_600, timestamp('s'))).toBe('2024-05-01 10:00:00');
  });

  it('prints times of day, durations and intervals', () => {
    expect(formatValue(37_800_123_456, time('us'))).toBe('10:30:00.123456');
    expect(formatValue(37_800, time('s'))).toBe('10:30:00');
    expect(formatValue(93_784_500, duration('ms'))).toBe('1d 2h 3m 4s 500ms');
    expect(formatValue(-5n, duration('ns', 'bigint'))).toBe('-5ns');
    expect(formatValue({ months: 14 }, interval('yearMonth'))).toBe('P1Y2M');
    expect(formatValue({ months: 1, days: 2, nanoseconds: 3n }, interval('monthDayNano'))).toBe('P1M2DT0.000000003S');
  });

  it('prints bytes as b"…" with printable ASCII as is, cut to maxStringLength', () => {
    expect(formatValue(new Uint8Array([0, 1, 97, 98, 0x22, 0x5c, 0x7f]), binary())).toBe(String.raw`b"\x00\x01ab\"\\\x7f"`);
    expect(formatValue(new Uint8Array([104, 105]), fixedSizeBinary(2))).toBe('b"hi"');
    expect(formatValue(new Uint8Array(100).fill(0x61), binary())).toBe(`b"${'a'.repeat(28)}…"`);
    expect(formatValue(new Uint8Array([0, 0, 0]), binary(), { maxStringLength: 8 })).toBe(String.raw`b"\x00…"`);
    expect(formatValue(new Uint8Array([97, 98, 99, 100, 101]), binary(), { maxStringLength: 8 })).toBe('b"abcde"');
  });

  it('quotes strings when asked, escaping quotes and backslashes, the quotes counting in the width', () => {
    expect(formatValue('a"b\\c', utf8(), { quote: true })).toBe(String.raw`"a\"b\\c"`);
    expect(formatValue('abcdefgh', categorical(), { quote: true, maxStringLength: 6 })).toBe('"abc…"');
    expect(formatValue(12, int32(), { quote: true })).toBe('12');
  });
});
