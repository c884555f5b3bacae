/**
 * Casts between dates and timestamps.
 * - timestamp → date: the day containing the instant (floor, before 1970 too). In a time zone
 *   other than UTC, the local date there (polars' rule); naive and UTC timestamps use the UTC day.
 * - date → timestamp: midnight; in a time zone other than UTC, local midnight there (the first
 *   instant of that local day).
 * - timestamp → timestamp: the same instant; only the time zone shown changes.
 * Exact for every stored value: milliseconds beyond 2^53 are handled as bigints.
 */
import type { AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { CastFailures, HI, LO, TWO_32, castResult, resultDType, writeWords } from './cast.js';
import { validityOf } from './values.js';
import { zoneOf } from './zone.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_DAY_BIG = 86_400_000n;
const MIN_DAYS = -2147483648;
const MAX_DAYS = 2147483647;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * A date or timestamp column as `to` (date or timestamp).
 * @throws InvalidValueError (strict) for a timestamp whose day is beyond the date range.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ ts: [new Date('2024-01-05T10:30:00Z'), new Date(-1)] });
 * castTemporal(df.getColumn('ts'), date(), true).toArray(); // → [ 2024-01-05T00:00:00.000Z, 1969-12-31T00:00:00.000Z ]
 * ```
 */
export function castTemporal(c: Column, to: AnyDType, strict: boolean): Column {
  const from = c.dtype.kind;
  const n = c.length;
  if (from === to.kind) return new Column(c.name, resultDType(to, strict, c.nullCount), c.data);
  const valid = validityOf(c);
  if (from === 'date') {
    const days = c.data.values as Int32Array;
    const out = new BigInt64Array(n);
    const words = new Int32Array(out.buffer);
    const zone = zoneOf(to.timezone ?? null);
    for (let i = 0; i < n; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      // Exact: days × 84375 < 2^53, and × 2^10 only moves the exponent.
      const local = days[i]! * MS_PER_DAY;
      if (zone === null) writeWords(words, i, local);
      else if (local <= MAX_SAFE && local >= -MAX_SAFE) writeWords(words, i, zone.toUtc(local, zone.offset(local)));
      else out[i] = BigInt(local) - BigInt(zone.offset(local));
    }
    return castResult(c.name, to, strict, n, out, valid);
  }
  // timestamp → date
  const f = new CastFailures(c.name, to, strict, valid, n);
  const big = c.data.values as BigInt64Array;
  const words = new Int32Array(big.buffer, big.byteOffset, n * 2);
  const zone = zoneOf(c.dtype.timezone ?? null);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const h = words[2 * i + HI]!;
    let day: number;
    if (h < 0x200000 && h >= -0x200000) {
      const t = h * TWO_32 + (words[2 * i + LO]! >>> 0);
      day = Math.floor((zone === null ? t : t + zone.offset(t)) / MS_PER_DAY);
    } else {
      let t = big[i]!;
      if (zone !== null) t += BigInt(zone.offset(Number(t)));
      let d = t / MS_PER_DAY_BIG;
      if (d * MS_PER_DAY_BIG > t) d -= 1n;
      day = d < BigInt(MIN_DAYS) || d > BigInt(MAX_DAYS) ? NaN : Number(d);
    }
    if (day >= MIN_DAYS && day <= MAX_DAYS) out[i] = day;
    else f.fail(i, big[i], 'the day is outside the date range');
  }
  return castResult(c.name, to, strict, n, out, f.validity);
}
