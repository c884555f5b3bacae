/**
 * Time units of timestamps and durations: which is finer, the factor between two, and instants
 * given as `Date` or `Instant` expressed exactly in a unit.
 */
import type { AnyDType } from '../../dtype/dtype.js';
import { Instant, type TimeUnit } from '../../dtype/values.js';

/** Units from coarsest to finest. */
const ORDER: readonly TimeUnit[] = ['s', 'ms', 'us', 'ns'];

/** Nanoseconds per unit. */
export const NS_PER: Readonly<Record<TimeUnit, bigint>> = Object.freeze({ s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n });

/** The time unit of a timestamp, time or duration dtype (milliseconds when unset). */
export function unitOf(d: AnyDType): TimeUnit {
  return (d.unit as TimeUnit | undefined) ?? 'ms';
}

/**
 * The finer of two units.
 * @example
 * ```ts
 * finerUnit('ms', 'us'); // → 'us'
 * ```
 */
export function finerUnit(a: TimeUnit, b: TimeUnit): TimeUnit {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/**
 * How many `to` units make one `from` unit (`from` no finer than `to`), as a number (1 … 10^9).
 * @example
 * ```ts
 * unitFactor('ms', 'ns'); // → 1000000
 * ```
 */
export function unitFactor(from: TimeUnit, to: TimeUnit): number {
  return Number(NS_PER[from] / NS_PER[to]);
}

/** A `Date` or `Instant` as an `Instant` (a `Date` in milliseconds). */
export function asInstant(v: Date | Instant): Instant {
  return v instanceof Instant ? v : new Instant(BigInt(v.getTime()), 'ms');
}

/**
 * An instant as a count of `unit`: `floor` rounds toward −∞, `exact` says whether nothing was
 * dropped.
 * @example
 * ```ts
 * countIn(new Instant(1500n, 'us'), 'ms'); // → { floor: 1n, exact: false }
 * countIn(new Date(2), 'us'); // → { floor: 2000n, exact: true }
 * ```
 */
export function countIn(v: Date | Instant, unit: TimeUnit): { floor: bigint; exact: boolean } {
  const i = asInstant(v);
  if (i.unit === unit) return { floor: i.epoch, exact: true };
  const ns = i.epochNanoseconds;
  const per = NS_PER[unit];
  const q = ns / per;
  const r = ns - q * per;
  return r === 0n ? { floor: q, exact: true } : { floor: ns < 0n ? q - 1n : q, exact: false };
}
