import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_DAY_4,
  MAX_MS_4,
  MIN_DAY_4,
  MIN_MS_4,
  formatDate,
  formatTimestamp,
  formatTimestampAtOffset,
  writeDate,
  writeTimestamp,
} from '../../src/util/temporal.js';
import { parseDateBytes, parseTimestampBytes, parsed, timestampBig, timestampZone } from '../../src/io/csv/values.js';
import { DataFrame, date, timestamp } from '../../src/index.js';
import { columnOf, frameOf } from '../support/frames.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The reader's value of a text, as the CSV and JSON readers parse it. */
function readDate(text: string): number | undefined {
  const b = Buffer.from(text, 'latin1');
  const d = parseDateBytes(b, 0, b.length);
  return parsed.ok ? d : undefined;
}
function readTimestamp(text: string): { ms: bigint; aware: boolean } | undefined {
  const b = Buffer.from(text, 'latin1');
  parseTimestampBytes(b, 0, b.length);
  return parsed.ok ? { ms: timestampBig(), aware: timestampZone.aware } : undefined;
}

describe('formatDate', () => {
  it('spells four-digit years plainly and other years as ISO 8601 expanded years', () => {
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(MIN_DAY_4)).toBe('0000-01-01');
    expect(formatDate(MAX_DAY_4)).toBe('9999-12-31');
    expect(formatDate(MAX_DAY_4 + 1)).toBe('+010000-01-01');
    expect(formatDate(MIN_DAY_4 - 1)).toBe('-000001-12-31');
    expect(formatDate(2 ** 31 - 1)).toBe('+5881580-07-11');
    expect(formatDate(-(2 ** 31))).toBe('-5877641-06-23');
  });

  it('every int32 day reads back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (d) => {
        expect(readDate(formatDate(d))).toBe(d);
      }),
      { numRuns: 3000 },
    );
  });

  it('the byte writer writes the same text for four-digit years', () => {
    const out = Buffer.alloc(16);
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY_4, max: MAX_DAY_4 }), (d) => {
        expect(out.toString('latin1', 0, writeDate(out, 0, d))).toBe(formatDate(d));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatTimestamp', () => {
  it('writes naive timestamps with no suffix and zoned ones as the UTC instant with Z', () => {
    expect(formatTimestamp(1_709_648_530_123n, null)).toBe('2024-03-05T14:22:10.123');
    expect(formatTimestamp(1_709_648_530_000, undefined)).toBe('2024-03-05T14:22:10');
    expect(formatTimestamp(1_709_648_530_000n, 'Asia/Tokyo')).toBe('2024-03-05T14:22:10Z');
    expect(formatTimestamp(-1n, 'UTC')).toBe('1969-12-31T23:59:59.999Z');
  });

  it('shows the wall time in the zone with its offset when asked, and UTC with Z where the zone cannot place it', () => {
    expect(formatTimestamp(Date.UTC(2024, 0, 15, 12), 'Europe/Oslo', { separator: ' ', inZone: true })).toBe('2024-01-15 13:00:00+01:00');
    expect(formatTimestamp(Date.UTC(2024, 6, 15, 12), 'Europe/Oslo', { inZone: true })).toBe('2024-07-15T14:00:00+02:00');
    expect(formatTimestamp(0, 'Not/AZone', { inZone: true })).toBe('1970-01-01T00:00:00Z');
    expect(formatTimestamp(2n ** 62n, 'Europe/Oslo', { separator: ' ', inZone: true })).toBe('+146140482-04-24 15:36:27.904Z');
  });

  it('spells every int64 millisecond exactly, beyond a JS Date and 2^53, and the reader reads it back', () => {
    expect(formatTimestamp(INT64_MAX, null)).toBe('+292278994-08-17T07:12:55.807');
    expect(formatTimestamp(INT64_MIN, null)).toBe('-292275055-05-16T16:47:04.192');
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.boolean(), (ms, zoned) => {
        const back = readTimestamp(formatTimestamp(ms, zoned ? 'UTC' : null));
        expect(back).toEqual({ ms, aware: zoned });
      }),
      { numRuns: 3000 },
    );
  });

  it('the byte writer writes the same text for four-digit years', () => {
    const out = Buffer.alloc(40);
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS_4, max: MAX_MS_4 }), fc.boolean(), (ms, utc) => {
        expect(out.toString('latin1', 0, writeTimestamp(out, 0, ms, utc))).toBe(formatTimestamp(ms, utc ? 'UTC' : null));
      }),
      { numRuns: 2000 },
    );
  });

  it('is what tables print, exactly, also for values beyond a JS Date', () => {
    const df = frameOf([columnOf('t', timestamp(), [2n ** 62n, 0n]), columnOf('d', date(), [2 ** 31 - 1, 0])]);
    const text = df.toString();
    expect(text).toContain('+146140482-04-24 15:36:27.904');
    expect(text).toContain('+5881580-07-11');
    expect(DataFrame.fromColumns({ t: [new Date(0)] }, { schema: { t: timestamp({ timezone: 'Asia/Tokyo' }) } }).toString()).toContain(
      '1970-01-01 09:00:00+09:00',
    );
  });
});

describe('formatTimestamp in a zone, and formatTimestampAtOffset', () => {
  const t = Date.parse('2024-01-05T10:30:00Z');
  it('prints a zoned instant as the wall time with the offset at that instant', () => {
    const z = (ms: number, tz: string) => formatTimestamp(ms, tz, { inZone: true });
    expect(z(t, 'America/New_York')).toBe('2024-01-05T05:30:00-05:00');
    expect(z(Date.parse('2024-07-05T10:30:00Z'), 'America/New_York')).toBe('2024-07-05T06:30:00-04:00');
    expect(z(t, 'Asia/Kathmandu')).toBe('2024-01-05T16:15:00+05:45');
    expect(z(t, 'Europe/London')).toBe('2024-01-05T10:30:00+00:00');
    expect(formatTimestampAtOffset(0, -(4 * 3600 + 56 * 60 + 2) * 1000)).toBe('1969-12-31T19:03:58-04:56:02');
    expect(formatTimestampAtOffset(2n ** 62n, 3_600_000)).toBe('+146140482-04-24T16:36:27.904+01:00');
  });
});

describe('parseTimestampBytes and its date cache', () => {
  it('refuses NUL bytes (or any non-date) in the date part, before and after a date was cached', () => {
    const nul = '\0'.repeat(10);
    expect(readTimestamp(`${nul}T00:00`)).toBeUndefined();
    expect(readTimestamp('1970-01-01T00:00')).toEqual({ ms: 0n, aware: false });
    expect(readTimestamp(`${nul}T00:00`)).toBeUndefined();
    expect(readTimestamp('\0\0\0\0-\0\0-\0\0T00:00')).toBeUndefined();
    expect(readTimestamp('1970-01-01T00:00')).toEqual({ ms: 0n, aware: false });
  });
});
