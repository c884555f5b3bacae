/**
 * Casts between dates, timestamps of every unit and durations.
 * - timestamp → date: the day containing the instant (floor, before 1970 too). In a time zone
 *   other than UTC, the local date there (polars' rule); naive and UTC timestamps use the UTC day.
 * - date → timestamp: midnight; in a time zone other than UTC, local midnight there (the first
 *   instant of that local day).
 * - timestamp → timestamp: the same instant in the target's unit (to a coarser unit rounded down,
 *   toward −∞, as `dt.truncate` does); the time zone only changes how it is shown.
 * - duration → duration: the same span in the target's unit (to a coarser unit truncated toward
 *   zero, as polars); integer ↔ duration: the count of the unit.
 * Exact for every stored value; a value the target cannot hold does not convert (an error when
 * strict, else a null).
 */
import type { AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import type { TimeUnit } from '../../dtype/values.js';
import { CastFailures, castResult, resultDType } from './cast.js';
import { epochParts, MS_PER_DAY, writeInstant } from './epoch.js';
import { exactAt, HI, LO, wordsOf } from './exact.js';
import { NS_PER, unitOf } from './units.js';
import { validityOf } from './values.js';
import { zoneOf } from './zone.js';

const MIN_DAYS = -2147483648;
const MAX_DAYS = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A date or timestamp column as `to` (date or timestamp).
 * @throws InvalidValueError (strict) for a value the target cannot hold.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ ts: [new Date('2024-01-05T10:30:00Z'), new Date(-1)] });
 * castTemporal(df.getColumn('ts'), date(), true).toArray(); // → [ 2024-01-05T00:00:00.000Z, 1969-12-31T00:00:00.000Z ]
 * String(castTemporal(df.getColumn('ts'), timestamp('ns'), true).get(1)); // → '1969-12-31T23:59:59.999000000Z'
 * ```
 */
export function castTemporal(c: Column, to: AnyDType, strict: boolean): Column {
  const from = c.dtype.kind;
  const n = c.length;
  const valid = validityOf(c);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const isNull = (i: number) => valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
  if (from === 'date' && to.kind === 'date') return new Column(c.name, resultDType(to, strict, c.nullCount), c.data);
  if (from === 'date') {
    // Midnight, local midnight in a zone.
    const days = c.data.values as Int32Array;
    const unit = unitOf(to);
    const zone = zoneOf(to.timezone ?? null);
    const out = new BigInt64Array(n);
    const w = new Uint32Array(out.buffer);
    for (let i = 0; i < n; i++) {
      if (isNull(i)) continue;
      let d = days[i]!;
      let ms = 0;
      if (zone !== null) {
        const local = d * MS_PER_DAY;
        const utc = zone.toUtc(local, zone.offset(local));
        d = Math.floor(utc / MS_PER_DAY);
        ms = utc - d * MS_PER_DAY;
      }
      if (!writeInstant(w, i, d, ms, unit)) f.fail(i, c.at(i), `beyond what ${unit} counts hold`);
    }
    return castResult(c.name, to, strict, n, out, f.validity);
  }
  const parts = epochParts(c);
  if (to.kind === 'date') {
    const zone = zoneOf(c.dtype.timezone ?? null);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (isNull(i)) continue;
      let day = parts.days[i]!;
      if (zone !== null) day += Math.floor((parts.ms[i]! + zone.offset(day * MS_PER_DAY + parts.ms[i]!)) / MS_PER_DAY);
      if (day >= MIN_DAYS && day <= MAX_DAYS) out[i] = day;
      else f.fail(i, c.at(i), 'the day is outside the date range');
    }
    return castResult(c.name, to, strict, n, out, f.validity);
  }
  // timestamp → timestamp
  const fromUnit = unitOf(c.dtype);
  const unit = unitOf(to);
  if (fromUnit === unit) return new Column(c.name, resultDType(to, strict, c.nullCount), c.data);
  const out = new BigInt64Array(n);
  const w = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) continue;
    if (!writeInstant(w, i, parts.days[i]!, parts.ms[i]!, unit)) {
      f.fail(i, c.at(i), `beyond what ${unit} counts hold`);
      continue;
    }
    // The digits below the millisecond the target keeps.
    const below = parts.sub === null ? 0 : unit === 'ns' ? parts.sub[i]! : unit === 'us' ? Math.floor(parts.sub[i]! / 1000) : 0;
    if (below !== 0) {
      const v = out[i]! + BigInt(below);
      if (v > INT64_MAX) f.fail(i, c.at(i), `beyond what ${unit} counts hold`);
      else out[i] = v;
    }
  }
  return castResult(c.name, to, strict, n, out, f.validity);
}

/**
 * A duration column as another duration unit or an integer, or an integer column as a duration.
 * @throws InvalidValueError (strict) for a value the target cannot hold.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ n: [1500, -1500] });
 * const d = castDuration(df.getColumn('n'), duration('ms'), true);
 * castDuration(d, duration('s'), true).toArray(); // → [ 1, -1 ]
 * ```
 */
export function castDuration(c: Column, to: AnyDType, strict: boolean): Column {
  const n = c.length;
  const valid = validityOf(c);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const isNull = (i: number) => valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
  const fromUnit: TimeUnit | null = c.dtype.kind === 'duration' ? unitOf(c.dtype) : null;
  const toUnit: TimeUnit | null = to.kind === 'duration' ? unitOf(to) : null;
  // The span in the target's unit: counts times (or, toward zero, divided by) the unit factor.
  const num = fromUnit !== null && toUnit !== null && NS_PER[fromUnit] > NS_PER[toUnit] ? NS_PER[fromUnit] / NS_PER[toUnit] : 1n;
  const den = fromUnit !== null && toUnit !== null && NS_PER[fromUnit] < NS_PER[toUnit] ? NS_PER[toUnit] / NS_PER[fromUnit] : 1n;
  const [lo, hi] = to.kind === 'duration' || to.kind === 'int64' ? [INT64_MIN, INT64_MAX] : to.kind === 'uint64' ? [0n, 2n ** 64n - 1n] : INT_BOUNDS[to.kind] ?? [INT64_MIN, INT64_MAX];
  if (fromUnit !== null && toUnit === fromUnit) return new Column(c.name, resultDType(to, strict, c.nullCount), c.data);
  const wide = to.kind === 'duration' || to.kind === 'int64' || to.kind === 'uint64';
  const out = wide ? (to.kind === 'uint64' ? new BigUint64Array(n) : new BigInt64Array(n)) : new (NARROW[to.kind] ?? Int32Array)(n);
  const read = c.dtype.kind === 'duration' ? null : exactAt(c);
  const w = c.dtype.kind === 'duration' ? wordsOf(c) : null;
  for (let i = 0; i < n; i++) {
    if (isNull(i)) continue;
    const x = w !== null ? BigInt.asIntN(64, (BigInt(w[2 * i + HI]!) << 32n) | BigInt(w[2 * i + LO]!)) : BigInt(read!(i));
    const v = (x * num) / den;
    if (v < lo! || v > hi!) f.fail(i, x, `out of range ${lo} … ${hi}`);
    else (out as { [k: number]: number | bigint })[i] = wide ? v : Number(v);
  }
  return castResult(c.name, to, strict, n, out, f.validity);
}

const INT_BOUNDS: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
};
const NARROW: Readonly<Record<string, Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor>> = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
};
