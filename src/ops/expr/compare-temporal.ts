/**
 * Comparisons of instants (dates, timestamps of any unit, `Date` and `Instant` literals) and of
 * durations, exact: operands of different units compare at the finer one. A column against a
 * literal compares the column's stored integers with the literal expressed in the column's unit
 * (a literal between two counts is moved to the count that keeps the outcome: t > 1.5 ms ⇔
 * t > 1 ms); columns of different units compare per row at the finer unit.
 */
import { Instant, type TimeUnit } from '../../dtype/values.js';
import type { Column } from '../../column/column.js';
import { exactAt, HI, LO, wordsOf } from './exact.js';
import { mulWords, R, safeHi } from './int64-words.js';
import { countIn, finerUnit, NS_PER, unitOf } from './units.js';

type Cmp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
const FLIP: Record<Cmp, Cmp> = { gt: 'lt', gte: 'lte', lt: 'gt', lte: 'gte', eq: 'eq', neq: 'neq' };
const NS_PER_DAY = 86_400_000_000_000n;

/** The unit a column's integers count: a timestamp's or duration's unit, or days for a date. */
function countUnit(c: Column): TimeUnit | 'day' {
  return c.dtype.kind === 'date' ? 'day' : unitOf(c.dtype);
}

function nsPer(u: TimeUnit | 'day'): bigint {
  return u === 'day' ? NS_PER_DAY : NS_PER[u];
}

/** A scalar instant or duration count as nanoseconds (exact). */
function scalarNanos(s: unknown, unit: TimeUnit): bigint {
  if (s instanceof Date || s instanceof Instant) return countIn(s, 'ns').floor;
  return BigInt(s as number | bigint) * NS_PER[unit];
}

/**
 * The comparison of a temporal column `c` with a scalar, rewritten as a comparison of its stored
 * integers with an integer: `{ fn, value }`, or `{ all }` when every row gives the same outcome
 * (the literal lies between two counts and the test is equality).
 */
export function temporalScalarTarget(f: Cmp, c: Column, scalar: unknown, flip: boolean): { fn: Cmp; value: bigint } | { all: boolean } {
  const fn = flip ? FLIP[f] : f;
  const per = nsPer(countUnit(c));
  const scalarUnit: TimeUnit = scalar instanceof Instant ? scalar.unit : c.dtype.kind === 'duration' ? unitOf(c.dtype) : 'ms';
  const ns = scalarNanos(scalar, scalarUnit);
  const q = ns / per;
  const floor = ns % per !== 0n && ns < 0n ? q - 1n : q;
  if (floor * per === ns) return { fn, value: floor };
  // Between floor and floor + 1: x > s ⇔ x > floor, x ≥ s ⇔ x ≥ floor + 1, x < s ⇔ x ≤ floor, x ≤ s ⇔ x ≤ floor.
  switch (fn) {
    case 'eq':
      return { all: false };
    case 'neq':
      return { all: true };
    case 'gt':
    case 'lte':
      return { fn, value: floor };
    case 'gte':
      return { fn: 'gt', value: floor };
    case 'lt':
      return { fn: 'lte', value: floor };
  }
}

/**
 * Two temporal columns of different units compared per row at the finer unit, into bits (null
 * rows are masked by the caller).
 */
export function compareTemporalColumns(test: (c: number) => boolean, a: Column, b: Column, n: number, out: Uint8Array): void {
  const ua = countUnit(a);
  const ub = countUnit(b);
  if (ua !== 'day' && ub !== 'day') {
    // The coarser side scaled to the finer unit on its words; a value the finer unit cannot
    // hold lies beyond every value of the other side, so its sign decides.
    const flip = NS_PER[ua] < NS_PER[ub];
    const fine = flip ? a : b;
    const coarse = flip ? b : a;
    const k = Number(NS_PER[flip ? ub : ua] / NS_PER[flip ? ua : ub]);
    const wf = wordsOf(fine);
    const wc = wordsOf(coarse);
    for (let i = 0; i < n; i++) {
      const ch = wc[2 * i + HI]! | 0;
      let c: number;
      if (safeHi(ch) && mulWords(ch * 4294967296 + wc[2 * i + LO]!, k)) {
        const fh = wf[2 * i + HI]! | 0;
        const fl = wf[2 * i + LO]!;
        // fine − coarse, as the sign of their words (high word signed, low unsigned).
        c = fh !== R.hi ? (fh < R.hi ? -1 : 1) : fl !== R.lo ? (fl < R.lo ? -1 : 1) : 0;
      } else c = ch < 0 ? 1 : -1;
      if (test(flip ? c : -c)) out[i >> 3]! |= 1 << (i & 7);
    }
    return;
  }
  const x = exactAt(a);
  const y = exactAt(b);
  // exactAt reads dates as milliseconds.
  const pa = ua === 'day' ? NS_PER.ms : nsPer(ua);
  const pb = ub === 'day' ? NS_PER.ms : nsPer(ub);
  const fine = ua === 'day' ? (ub === 'day' ? NS_PER.ms : nsPer(ub)) : ub === 'day' ? nsPer(ua) : NS_PER[finerUnit(ua, ub)];
  const ka = pa / fine;
  const kb = pb / fine;
  for (let i = 0; i < n; i++) {
    const p = BigInt(x(i)) * ka;
    const q = BigInt(y(i)) * kb;
    if (test(p < q ? -1 : p > q ? 1 : 0)) out[i >> 3]! |= 1 << (i & 7);
  }
}

/** Whether two temporal columns count the same unit (so their integers compare directly). */
export function sameCountUnit(a: Column, b: Column): boolean {
  const ua = countUnit(a);
  const ub = countUnit(b);
  return ua === ub || (ua === 'day' && ub === 'ms') || (ua === 'ms' && ub === 'day');
}
