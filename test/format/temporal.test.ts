import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDate, formatTimestamp, formatTimestampAtOffset } from '../../src/format/temporal.js';

const DAY = 86_400_000;
const CYCLE = 146_097n * 86_400_000n; // 400 Gregorian years

/** ISO text of `ms` through `Date` (shifted by whole 400-year cycles into its range), as the oracle. */
function viaDate(ms: bigint): string {
  const k = ms / CYCLE;
  const iso = new Date(Number(ms - k * CYCLE)).toISOString();
  const m = /^([+-]\d{6}|\d{4})(-.*)\.(\d{3})Z$/.exec(iso)!;
  const y = Number(m[1]) + Number(k) * 400;
  const year = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
  return `${year}${m[2]}${m[3] === '000' ? '' : `.${m[3]}`}`;
}

describe('formatDate', () => {
  it('prints YYYY-MM-DD, expanding years outside 0–9999', () => {
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(-1)).toBe('1969-12-31');
    expect(formatDate(19_782)).toBe('2024-02-29');
    expect(formatDate(Date.UTC(10000, 0, 1) / DAY)).toBe('+010000-01-01');
    expect(formatDate(Date.parse('-000001-12-31T00:00:00Z') / DAY)).toBe('-000001-12-31');
    expect(formatDate(Date.parse('0000-01-01T00:00:00Z') / DAY)).toBe('0000-01-01');
    expect(formatDate(2147483647)).toBe('+5881580-07-11');
    expect(formatDate(-2147483648)).toBe('-5877641-06-23');
  });

  it('agrees with Date for every day in its range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (d) => {
        expect(formatDate(d)).toBe(viaDate(BigInt(d) * 86_400_000n).replace(/T00:00:00$/, ''));
      }),
    );
  });
});

describe('formatTimestamp', () => {
  const t = Date.parse('2024-01-05T10:30:00Z');

  it('prints naive timestamps with no zone, UTC with Z, milliseconds only when not zero', () => {
    expect(formatTimestamp(t, null)).toBe('2024-01-05T10:30:00');
    expect(formatTimestamp(t + 5, null)).toBe('2024-01-05T10:30:00.005');
    expect(formatTimestamp(t, 'UTC')).toBe('2024-01-05T10:30:00Z');
    expect(formatTimestamp(t, 'Etc/UTC')).toBe('2024-01-05T10:30:00Z');
    expect(formatTimestamp(-1, 'UTC')).toBe('1969-12-31T23:59:59.999Z');
  });

  it('prints a zoned timestamp as local time with the offset at that instant', () => {
    expect(formatTimestamp(t, 'America/New_York')).toBe('2024-01-05T05:30:00-05:00');
    expect(formatTimestamp(Date.parse('2024-07-05T10:30:00Z'), 'America/New_York')).toBe('2024-07-05T06:30:00-04:00');
    expect(formatTimestamp(t, 'Asia/Kathmandu')).toBe('2024-01-05T16:15:00+05:45');
    expect(formatTimestamp(t, '+05:30')).toBe('2024-01-05T16:00:00+05:30');
    expect(formatTimestamp(t, 'Europe/London')).toBe('2024-01-05T10:30:00+00:00');
    expect(formatTimestampAtOffset(0, -(4 * 3600 + 56 * 60 + 2) * 1000)).toBe('1969-12-31T19:03:58-04:56:02');
  });

  it('prints values beyond the JavaScript Date range exactly', () => {
    expect(formatTimestamp(2n ** 63n - 1n, null)).toBe('+292278994-08-17T07:12:55.807');
    expect(formatTimestamp(-(2n ** 63n), 'UTC')).toBe('-292275055-05-16T16:47:04.192Z');
    expect(formatTimestamp(8_640_000_000_000_001n, null)).toBe('+275760-09-13T00:00:00.001');
  });

  it('agrees with Date (shifted by 400-year cycles) over the whole int64 range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (ms) => {
        expect(formatTimestamp(ms, null)).toBe(viaDate(ms));
        if (ms >= -8_640_000_000_000_000n && ms <= 8_640_000_000_000_000n) expect(formatTimestamp(Number(ms), 'UTC')).toBe(`${viaDate(ms)}Z`);
      }),
    );
  });
});
