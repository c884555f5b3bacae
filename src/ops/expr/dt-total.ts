/**
 * Whole counts of a duration in another unit (`dt.totalSeconds()` …): int64, truncated toward
 * zero as polars does, exact in every unit (divisions on the value's words, products checked).
 */
import { makeData } from 'apache-arrow';
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import type { TimeUnit } from '../../dtype/values.js';
import type { Where } from './expr.js';
import type { DtTotal } from './dt.js';
import { HI, LO, wordsOf } from './exact.js';
import { divWords, mulWords, R, safeHi } from './int64-words.js';
import { NS_PER, unitOf } from './units.js';
import { nullsIn, validityOf } from './values.js';

const TWO_32 = 4294967296;
const NS_IN: Readonly<Record<DtTotal, bigint>> = {
  totalDays: 86_400_000_000_000n,
  totalHours: 3_600_000_000_000n,
  totalMinutes: 60_000_000_000n,
  totalSeconds: 1_000_000_000n,
  totalMilliseconds: 1_000_000n,
  totalMicroseconds: 1000n,
  totalNanoseconds: 1n,
};

/** Whether a dt call is a duration total. */
export function isTotal(fn: string): fn is DtTotal {
  return fn in NS_IN;
}

/** Factors below 2^21 whose product is `d` (for divisions on words). */
function factors(d: bigint): number[] {
  const out: number[] = [];
  let rest = d;
  for (const f of [1000n, 60n, 24n]) {
    while (rest % f === 0n && rest > 1n) {
      out.push(Number(f));
      rest /= f;
    }
  }
  if (rest !== 1n) out.push(Number(rest));
  return out;
}

/**
 * The whole number of `fn`'s unit in each duration of `c` (int64, toward zero).
 * @throws ExpressionError for a column that is not a duration, or a count beyond int64 (naming the row).
 */
export function durationTotal(fn: DtTotal, c: Column, where: Where): Column {
  if (c.dtype.kind !== 'duration') throw new ExpressionError(where, `expected a duration, got ${dtypeName(c.dtype)} column "${c.name}"`);
  const n = c.length;
  const unit: TimeUnit = unitOf(c.dtype);
  const valid = validityOf(c);
  const nulls = nullsIn(valid, n);
  const dt = dtypeOfKind('int64', nulls > 0, { int64: c.dtype.int64 ?? 'number' });
  const target = NS_IN[fn];
  const from = NS_PER[unit];
  const w = wordsOf(c);
  const out = new BigInt64Array(n);
  const o = new Uint32Array(out.buffer);
  const isNull = (i: number) => valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
  if (target === from) {
    o.set(w);
  } else if (target < from) {
    const k = Number(from / target);
    for (let i = 0; i < n; i++) {
      if (isNull(i)) continue;
      const hi = w[2 * i + HI]! | 0;
      if (!safeHi(hi) || !mulWords(hi * TWO_32 + w[2 * i + LO]!, k)) {
        throw new ExpressionError(where, `row ${i} of column "${c.name}": ${(c.data.values as BigInt64Array)[i]} ${unit} in ${fn.slice(5).toLowerCase()} does not fit int64`);
      }
      o[2 * i + HI] = R.hi;
      o[2 * i + LO] = R.lo;
    }
  } else {
    const fs = factors(target / from);
    // The first division on the words takes as many factors as stay below 2^21.
    let first = 1;
    let rest = 0;
    while (rest < fs.length && first * fs[rest]! <= 0x200000) first *= fs[rest++]!;
    const whole = target / from;
    for (let i = 0; i < n; i++) {
      if (isNull(i)) continue;
      let hi = w[2 * i + HI]! | 0;
      const lo = w[2 * i + LO]!;
      const negative = hi < 0;
      let inexact = false;
      let q: number;
      let k = 0;
      if (safeHi(hi)) q = hi * TWO_32 + lo;
      else {
        divWords(hi, lo, first);
        if (Math.abs(R.q) >= 2 ** 53) {
          // A quotient beyond the doubles (a small divisor of a huge value): once through a bigint.
          const v = (c.data.values as BigInt64Array)[i]! / whole;
          out[i] = v;
          continue;
        }
        q = R.q;
        inexact = R.r !== 0;
        k = rest;
      }
      for (; k < fs.length; k++) {
        const f = fs[k]!;
        let d = Math.floor(q / f);
        let r = q - d * f;
        if (r < 0) {
          d--;
          r += f;
        } else if (r >= f) {
          d++;
          r -= f;
        }
        if (r !== 0) inexact = true;
        q = d;
      }
      // Floor to truncation: a negative value with a remainder rounds up by one.
      if (negative && inexact) q += 1;
      hi = Math.floor(q / TWO_32);
      o[2 * i + HI] = hi;
      o[2 * i + LO] = q - hi * TWO_32;
    }
  }
  return new Column(c.name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: out, nullBitmap: nulls > 0 ? valid! : undefined } as never));
}
