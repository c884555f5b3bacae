import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration } from '../../src/display/duration.js';

type Unit = 's' | 'ms' | 'us' | 'ns';
const NS: Record<string, bigint> = { d: 86_400n * 10n ** 9n, h: 3_600n * 10n ** 9n, m: 60n * 10n ** 9n, s: 10n ** 9n, ms: 10n ** 6n, 'µs': 1000n, ns: 1n };
const NS_PER: Record<Unit, bigint> = { s: 10n ** 9n, ms: 10n ** 6n, us: 1000n, ns: 1n };

describe('formatDuration', () => {
  it('spells durations as polars prints them (checked against nodejs-polars 0.24)', () => {
    expect(formatDuration(93_784_500n, 'ms')).toBe('1d 2h 3m 4s 500ms');
    expect(formatDuration(187_569_000n, 'ms')).toBe('2d 4h 6m 9s');
    expect(formatDuration(-90_000n, 'ms')).toBe('-1m -30s');
    expect(formatDuration(-180_000n, 'ms')).toBe('-3m');
    expect(formatDuration(1_500_000n, 'ns')).toBe('1500µs');
    expect(formatDuration(3_000_000n, 'ns')).toBe('3ms');
    expect(formatDuration(1500n, 'us')).toBe('1500µs');
    expect(formatDuration(3000n, 'us')).toBe('3ms');
  });

  it('names the rest of a second by the largest unit that holds it exactly', () => {
    expect(formatDuration(123, 'us')).toBe('123µs');
    expect(formatDuration(-5n, 'ns')).toBe('-5ns');
    expect(formatDuration(1_000_000_001n, 'ns')).toBe('1s 1ns');
    expect(formatDuration(61_000_000n, 'us')).toBe('1m 1s');
    expect(formatDuration(93_784, 's')).toBe('1d 2h 3m 4s');
  });

  it('spells zero with the unit', () => {
    expect([formatDuration(0, 's'), formatDuration(0, 'ms'), formatDuration(0n, 'us'), formatDuration(0n, 'ns')]).toEqual(['0s', '0ms', '0µs', '0ns']);
  });

  it('spells the extreme 64-bit counts exactly', () => {
    expect(formatDuration(2n ** 63n - 1n, 'ns')).toBe('106751d 23h 47m 16s 854775807ns');
    expect(formatDuration(-(2n ** 63n), 'ms')).toBe('-106751991167d -7h -12m -55s -808ms');
  });

  it('has parts that add up to the count, all of its sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom<Unit>('s', 'ms', 'us', 'ns'), (count, unit) => {
        const text = formatDuration(count, unit);
        const parts = text.split(' ');
        let ns = 0n;
        for (const p of parts) {
          const m = /^(-?\d+)(d|h|m|s|ms|µs|ns)$/.exec(p);
          expect(m, text).not.toBeNull();
          const n = BigInt(m![1]!);
          if (count !== 0n) expect(n < 0n, text).toBe(count < 0n);
          ns += n * NS[m![2]!]!;
        }
        expect(ns, text).toBe(count * NS_PER[unit]);
      }),
    );
  });
});
