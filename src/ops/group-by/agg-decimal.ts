/**
 * Aggregations of decimal columns, exact on the unscaled integers (as DuckDB): `sum` gives
 * decimal(38, s) (decimal(76, s) for inputs of more than 38 digits) and raises when a total needs
 * more digits; `mean` gives float64 (the exact mean, correctly rounded); `min`/`max` keep the
 * dtype. Decimals of at most 15 digits are summed in doubles while the totals stay exact.
 */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, MAX_DECIMAL_PRECISION } from '../../dtype/dtype.js';
import { pow10 } from '../../dtype/values.js';
import type { Column } from '../../column/column.js';
import type { Where } from '../expr/expr.js';
import { bitmapBytes } from '../../util/bits.js';
import { decimalColumn, decimalToNumber, decimalType, unscaledDoubles, unscaledReader } from '../expr/decimal-values.js';
import { numberColumn, validityOf } from '../expr/values.js';
import { takeOrNull } from '../take.js';

const TWO_53 = 9007199254740992;

/** Per-group exact sums (bigints) and counts of non-null values. */
function sumsOf(c: Column, ids: Int32Array, G: number): { sums: bigint[]; counts: Float64Array } {
  const n = c.length;
  const valid = validityOf(c);
  const counts = new Float64Array(G);
  const p = c.dtype.precision ?? 39;
  if (p <= 15) {
    // Values within 10^15: doubles are exact while every partial sum stays within ±2^53,
    // checked as it goes (a total beyond falls back to bigints).
    const xs = unscaledDoubles(c);
    const f = new Float64Array(G);
    let exact = true;
    for (let i = 0; i < n && exact; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const g = ids[i]!;
      const t = f[g]! + xs[i]!;
      if (t > TWO_53 || t < -TWO_53) exact = false;
      f[g] = t;
      counts[g]!++;
    }
    if (exact) return { sums: Array.from(f, (x) => BigInt(x)), counts };
    counts.fill(0);
  }
  const read = unscaledReader(c);
  const sums = new Array<bigint>(G).fill(0n);
  for (let i = 0; i < n; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const g = ids[i]!;
    sums[g]! += read(i);
    counts[g]!++;
  }
  return { sums, counts };
}

/**
 * `sum`, `mean`, `min` or `max` per group of a decimal column.
 * @throws ExpressionError when a sum needs more digits than decimal(38, s) (or 76) holds.
 */
export function decimalAggregate(fn: 'sum' | 'mean' | 'min' | 'max', c: Column, ids: Int32Array, G: number, name: string, where: Where): Column {
  const scale = c.dtype.scale ?? 0;
  if (fn === 'min' || fn === 'max') return takeOrNull(c, extremes(c, ids, G, fn === 'max')).rename(name);
  const { sums, counts } = sumsOf(c, ids, G);
  if (fn === 'sum') {
    const precision = (c.dtype.precision ?? 0) > MAX_DECIMAL_PRECISION[128]! ? MAX_DECIMAL_PRECISION[256]! : MAX_DECIMAL_PRECISION[128]!;
    const dtype = decimalType(precision, scale);
    const limit = pow10(precision);
    sums.forEach((s, g) => {
      if (s >= limit || s <= -limit) throw new ExpressionError(where, `the sum of group ${g} needs more than the ${precision} digits of ${dtypeName(dtype)}; cast the column to float64 first for an approximate sum`);
    });
    return decimalColumn(name, dtype, sums, null);
  }
  const means = new Float64Array(G);
  const valid = new Uint8Array(bitmapBytes(G));
  let all = true;
  for (let g = 0; g < G; g++) {
    if (counts[g] === 0) {
      all = false;
      continue;
    }
    valid[g >> 3]! |= 1 << (g & 7);
    // The exact mean to 20 more digits, then the nearest double.
    means[g] = decimalToNumber((sums[g]! * 10n ** 20n) / BigInt(counts[g]!), scale + 20);
  }
  return numberColumn(name, dtypeOfKind('float64', false), means, all ? null : valid);
}

/** The row of each group's smallest (largest) non-null value, or −1. */
function extremes(c: Column, ids: Int32Array, G: number, max: boolean): Int32Array {
  const n = c.length;
  const valid = validityOf(c);
  const best = new Int32Array(G).fill(-1);
  const small = (c.dtype.precision ?? 39) <= 15;
  const xs = small ? unscaledDoubles(c) : null;
  const read = small ? null : unscaledReader(c);
  const bestValue: (number | bigint)[] = new Array(G);
  for (let i = 0; i < n; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const g = ids[i]!;
    const v = xs !== null ? xs[i]! : read!(i);
    const b = best[g]!;
    if (b < 0 || (max ? v > bestValue[g]! : v < bestValue[g]!)) {
      best[g] = i;
      bestValue[g] = v;
    }
  }
  return best;
}
