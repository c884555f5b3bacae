/**
 * Timestamps of any unit split exactly into a day number, the milliseconds of the day and the
 * nanoseconds within the millisecond (floor division, so instants before 1970 fall on the right
 * day), and put back together: the one place the calendar kernels meet the units. Values within
 * ±2^53 go through doubles, nanosecond values through their 32-bit words, and only the rare
 * second-, millisecond- or microsecond values beyond ±2^53 through a bigint.
 */
import type { Column } from '../../column/column.js';
import type { TimeUnit } from '../../dtype/values.js';
import { HI, LO, wordsOf } from './exact.js';
import { divWords, mulWords, R, safeHi } from './int64-words.js';
import { unitOf } from './units.js';
import { validityOf } from './values.js';

const TWO_32 = 4294967296;
/** Milliseconds in a day. */
export const MS_PER_DAY = 86_400_000;
const UNITS_PER_MS: Readonly<Record<TimeUnit, number>> = { s: 0.001, ms: 1, us: 1000, ns: 1_000_000 };
const UNITS_PER_DAY: Readonly<Record<TimeUnit, number>> = { s: 86_400, ms: 86_400_000, us: 86_400_000_000, ns: 86_400_000_000_000 };
const BIG_PER_DAY: Readonly<Record<TimeUnit, bigint>> = { s: 86_400n, ms: 86_400_000n, us: 86_400_000_000n, ns: 86_400_000_000_000n };

/** A timestamp column's instants as parts (null rows hold zeros). */
export interface EpochParts {
  /** Days since 1970-01-01 (an integer; beyond ±2^53 ms only for second counts past year 285,000,000). */
  readonly days: Float64Array;
  /** Milliseconds since the start of the day, 0 … 86,399,999. */
  readonly ms: Int32Array;
  /** Nanoseconds within the millisecond, 0 … 999,999 (us and ns units), else null. */
  readonly sub: Int32Array | null;
}

/** Split `v` (within ±2^53) in `unit` into day, millisecond of day and sub-millisecond nanoseconds. */
function splitSafe(v: number, unit: TimeUnit, days: Float64Array, ms: Int32Array, sub: Int32Array | null, i: number): void {
  const per = UNITS_PER_DAY[unit];
  let d = Math.floor(v / per);
  let rest = v - d * per; // exact: d · per is a multiple of 2^7 well within the doubles
  if (rest < 0) {
    d--;
    rest += per;
  } else if (rest >= per) {
    d++;
    rest -= per;
  }
  days[i] = d;
  if (unit === 's') ms[i] = rest * 1000;
  else if (unit === 'ms') ms[i] = rest;
  else {
    const k = UNITS_PER_MS[unit];
    const m = Math.floor(rest / k);
    ms[i] = m;
    sub![i] = (rest - m * k) * (unit === 'us' ? 1000 : 1);
  }
}

/**
 * The parts of every instant of a timestamp column.
 * @example
 * ```ts
 * import { tableFromArrays, makeVector, makeData, TimestampNanosecond } from 'apache-arrow';
 * const t = makeVector(makeData({ type: new TimestampNanosecond(), length: 1, nullCount: 0, data: BigInt64Array.of(-1n) }));
 * const { days, ms, sub } = epochParts(DataFrame.fromArrow(tableFromArrays({ t } as never)).getColumn('t'));
 * [days[0], ms[0], sub![0]]; // → [ -1, 86399999, 999999 ]
 * ```
 */
export function epochParts(c: Column): EpochParts {
  const unit = unitOf(c.dtype);
  const n = c.length;
  const w = wordsOf(c);
  const valid = validityOf(c);
  const days = new Float64Array(n);
  const ms = new Int32Array(n);
  const sub = unit === 'us' || unit === 'ns' ? new Int32Array(n) : null;
  const big = c.data.values as BigInt64Array;
  for (let i = 0; i < n; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const hi = w[2 * i + HI]! | 0;
    const lo = w[2 * i + LO]!;
    if (safeHi(hi)) {
      splitSafe(hi * TWO_32 + lo, unit, days, ms, sub, i);
    } else if (unit === 'ns') {
      divWords(hi, lo, 1_000_000); // exact milliseconds (within ±9.3e12) and the nanoseconds below
      splitSafe(R.q, 'ms', days, ms, null, i);
      sub![i] = R.r;
    } else {
      const v = big[i]!;
      const per = BIG_PER_DAY[unit];
      let d = v / per;
      let rest = v - d * per;
      if (rest < 0n) {
        d -= 1n;
        rest += per;
      }
      days[i] = Number(d);
      splitSafe(Number(rest), unit, days, ms, sub, i);
      days[i] = Number(d);
    }
  }
  return { days, ms, sub };
}

/**
 * Write the instant `days · 1 day + ms` (ms: any integer offset within the doubles' exact range)
 * as a count of `unit` into 64-bit words `w` at row `i`; false when it does not fit int64.
 */
export function writeInstant(w: Int32Array | Uint32Array, i: number, days: number, ms: number, unit: TimeUnit): boolean {
  const total = days * MS_PER_DAY + ms;
  if (unit === 's' || unit === 'ms') {
    // Seconds from the day's seconds, so no inexact millisecond total is rounded.
    const v = unit === 's' ? days * 86_400 + Math.floor(ms / 1000) : total;
    if (Number.isSafeInteger(v)) {
      const hi = Math.floor(v / TWO_32);
      w[2 * i + HI] = hi;
      w[2 * i + LO] = v - hi * TWO_32;
      return true;
    }
  } else if (Number.isSafeInteger(total) && mulWords(total, UNITS_PER_MS[unit])) {
    w[2 * i + HI] = R.hi;
    w[2 * i + LO] = R.lo;
    return true;
  }
  // Beyond the doubles' exact range: once through a bigint.
  let v = BigInt(days) * BIG_PER_DAY[unit] + (unit === 's' ? BigInt(Math.floor(ms / 1000)) : BigInt(ms) * BigInt(UNITS_PER_MS[unit]));
  if (v < -(2n ** 63n) || v >= 2n ** 63n) return false;
  v = BigInt.asUintN(64, v);
  w[2 * i + HI] = Number(v >> 32n);
  w[2 * i + LO] = Number(v & 0xffffffffn);
  return true;
}
