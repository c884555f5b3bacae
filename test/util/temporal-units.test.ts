import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTimeCount, formatTimestampCount, type CountUnit } from '../../src/util/temporal-units.js';
import { formatTimestamp } from '../../src/util/temporal.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const PER_SECOND: Record<CountUnit, bigint> = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n };
const DIGITS: Record<CountUnit, number> = { s: 0, ms: 3, us: 6, ns: 9 };

/** Days from 1970-01-01 of a proleptic Gregorian date (days_from_civil, in bigint: independent of the formatter's civil_from_days). */
function daysFromCivil(y: bigint, m: bigint, d: bigint): bigint {
  const yy = m <= 2n ? y - 1n : y;
  const era = (yy >= 0n ? yy : yy - 399n) / 400n;
  const yoe = yy - era * 400n;
  const mp = m > 2n ? m - 3n : m + 9n;
  const doy = (153n * mp + 2n) / 5n + d - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146_097n + doe - 719_468n;
}

const SHAPE = /^([+-]?\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;

/** The count of `unit` a printed timestamp stands for; throws when the text is not well formed for the unit. */
function parseTimestamp(text: string, unit: CountUnit): { count: bigint; suffix: string | undefined } {
  const m = SHAPE.exec(text);
  if (m === null) throw new Error(`not a timestamp: ${text}`);
  const [, y, mo, d, h, mi, s, frac, suffix, sign, oh, om, os] = m;
  if (frac !== undefined && frac.length !== DIGITS[unit]) throw new Error(`${text}: fraction of ${frac.length} digits for ${unit}`);
  if (frac !== undefined && /^0+$/.test(frac)) throw new Error(`${text}: a zero fraction is written`);
  const days = daysFromCivil(BigInt(y!), BigInt(mo!), BigInt(d!));
  let secs = days * 86_400n + BigInt(h!) * 3600n + BigInt(mi!) * 60n + BigInt(s!);
  if (sign !== undefined) {
    const off = (BigInt(oh!) * 3600n + BigInt(om!) * 60n + BigInt(os ?? 0)) * (sign === '-' ? -1n : 1n);
    secs -= off;
  }
  return { count: secs * PER_SECOND[unit] + BigInt(frac ?? 0), suffix };
}

const ZONES = [null, 'UTC', 'Europe/Oslo', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];

describe('formatTimestampCount', () => {
  it('writes exactly the unit’s fraction digits, and none when the fraction is zero', () => {
    expect(formatTimestampCount(1_714_557_600n, 's', null, { separator: ' ' })).toBe('2024-05-01 10:00:00');
    expect(formatTimestampCount(1_714_557_600_123n, 'ms', null, { separator: ' ' })).toBe('2024-05-01 10:00:00.123');
    expect(formatTimestampCount(1_714_557_600_123_456n, 'us', null, { separator: ' ' })).toBe('2024-05-01 10:00:00.123456');
    expect(formatTimestampCount(1_714_557_600_500_000n, 'us', null, { separator: ' ' })).toBe('2024-05-01 10:00:00.500000');
    expect(formatTimestampCount(1_714_557_600_000_000_001n, 'ns', null)).toBe('2024-05-01T10:00:00.000000001');
    expect(formatTimestampCount(1_714_557_600_000_000n, 'us', null)).toBe('2024-05-01T10:00:00');
  });

  it('spells instants before the epoch with a non-negative fraction', () => {
    expect(formatTimestampCount(-1n, 'ns', null)).toBe('1969-12-31T23:59:59.999999999');
    expect(formatTimestampCount(-1_000_001n, 'us', 'UTC')).toBe('1969-12-31T23:59:58.999999Z');
  });

  it('writes a zoned instant in UTC with Z, or in the zone with its offset at that instant', () => {
    const summer = 1_714_557_600_123_456_789n; // 2024-05-01T10:00:00.123456789Z
    expect(formatTimestampCount(summer, 'ns', 'Europe/Oslo')).toBe('2024-05-01T10:00:00.123456789Z');
    expect(formatTimestampCount(summer, 'ns', 'Europe/Oslo', { inZone: true, separator: ' ' })).toBe('2024-05-01 12:00:00.123456789+02:00');
    expect(formatTimestampCount(-1n, 'ns', 'Europe/Oslo', { inZone: true })).toBe('1970-01-01T00:59:59.999999999+01:00');
    expect(formatTimestampCount(0n, 's', 'Asia/Kolkata', { inZone: true })).toBe('1970-01-01T05:30:00+05:30');
  });

  it('spells years beyond 9999 and before 0 as ISO 8601 expanded years, for the extreme 64-bit counts', () => {
    expect(formatTimestampCount(INT64_MAX, 'ns', null)).toBe('2262-04-11T23:47:16.854775807');
    expect(formatTimestampCount(INT64_MIN, 'ns', null)).toBe('1677-09-21T00:12:43.145224192');
    expect(formatTimestampCount(INT64_MAX, 'us', null)).toBe('+294247-01-10T04:00:54.775807');
    expect(formatTimestampCount(INT64_MIN, 's', null)).toBe('-292277022657-01-27T08:29:52');
    // Beyond what a Date (or Intl) can place, a zoned instant is written in UTC with Z.
    expect(formatTimestampCount(INT64_MAX, 's', 'Europe/Oslo', { inZone: true })).toBe('+292277026596-12-04T15:30:07Z');
  });

  it('agrees with formatTimestamp for milliseconds', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(formatTimestampCount(ms, 'ms', zone, { separator: ' ', inZone: true })).toBe(formatTimestamp(ms, zone, { separator: ' ', inZone: true }));
      }),
    );
  });

  it('prints text that reads back to the same count, for any ns or us count in any zone', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
        fc.constantFrom<CountUnit>('ns', 'us', 's', 'ms'),
        fc.constantFrom(...ZONES),
        (count, unit, zone) => {
          const text = formatTimestampCount(count, unit, zone, { separator: ' ', inZone: true });
          const back = parseTimestamp(text, unit);
          expect(back.count, text).toBe(count);
          expect(back.suffix === undefined, text).toBe(zone === null);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads back near the epoch and across daylight-saving changes, where counts are dense', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1_711_846_800_000_000_000n - 10n ** 13n, max: 1_711_846_800_000_000_000n + 10n ** 13n }), // 2024-03-31T01:00Z ± 2.8 h
        fc.constantFrom('Europe/Oslo', 'Europe/London', null),
        (ns, zone) => {
          const text = formatTimestampCount(ns, 'ns', zone, { inZone: true });
          expect(parseTimestamp(text, 'ns').count, text).toBe(ns);
        },
      ),
    );
  });
});

describe('formatTimeCount', () => {
  it('writes HH:MM:SS and the unit’s fraction digits when the fraction is not zero', () => {
    expect(formatTimeCount(37_800, 's')).toBe('10:30:00');
    expect(formatTimeCount(37_800_123, 'ms')).toBe('10:30:00.123');
    expect(formatTimeCount(37_800_123_456n, 'us')).toBe('10:30:00.123456');
    expect(formatTimeCount(86_399_999_999_999n, 'ns')).toBe('23:59:59.999999999');
    expect(formatTimeCount(0n, 'ns')).toBe('00:00:00');
    expect(formatTimeCount(1n, 'us')).toBe('00:00:00.000001');
  });

  it('spells counts outside one day without wrapping them', () => {
    expect(formatTimeCount(90_000, 's')).toBe('25:00:00');
    expect(formatTimeCount(-1, 'ms')).toBe('-00:00:00.001');
  });

  it('prints text that reads back to the same count', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CountUnit>('s', 'ms', 'us', 'ns').chain((unit) => fc.tuple(fc.bigInt({ min: 0n, max: 86_400n * PER_SECOND[unit] - 1n }), fc.constant(unit))),
        ([count, unit]) => {
        const text = formatTimeCount(count, unit);
        const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(text);
        expect(m, text).not.toBeNull();
        const [, h, mi, s, frac] = m!;
        if (frac !== undefined) expect(frac.length).toBe(DIGITS[unit]);
        expect((BigInt(h!) * 3600n + BigInt(mi!) * 60n + BigInt(s!)) * PER_SECOND[unit] + BigInt(frac ?? 0)).toBe(count);
        },
      ),
    );
  });
});
