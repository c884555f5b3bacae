import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  bool,
  categorical,
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
