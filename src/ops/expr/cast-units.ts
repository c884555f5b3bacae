/**
 * Casts between time units, and of timestamps in any unit to and from dates and text.
 *
 * - timestamp → timestamp of another unit: to a finer unit exactly (a value beyond the int64 range
 *   of the finer unit does not convert); to a coarser unit floored toward −∞ (the unit that
 *   contains the instant: −1 ns is 1969-12-31T23:59:59.999 in milliseconds), as polars casts.
 * - time → time: finer exactly, coarser floored (times are never negative).
 * - duration → duration: finer exactly (range checked), coarser truncated toward zero (a length
 *   keeps its sign: −1.5 ms is −1 ms).
 * - timestamp (any unit) → date, date → timestamp (any unit): through milliseconds (cast-temporal.ts).
 * - timestamp (any unit) → text: the millisecond text with the finer digits after them (all the
 *   unit's digits when the second has a fraction); text → timestamp: ISO text with up to the unit's
 *   fraction digits (a digit finer than the unit does not convert).
 */
import type { AnyDType } from '../../dtype/dtype.js';
import { dtypeOfKind, withNullable } from '../../dtype/dtype.js';
import { FRACTION_DIGITS, Instant, UNITS_PER_SECOND, type TimeUnit } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import { CastFailures, castResult } from './cast.js';
import { castTemporal } from './cast-temporal.js';
import { castFromText, castToText } from './cast-text.js';
import { utf8Bytes, utf8Column } from './columns.js';
import { validityOf } from './values.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function unitOf(d: AnyDType): TimeUnit {
  return (d.unit ?? 'ms') as TimeUnit;
}

function isNull(valid: Uint8Array | null, i: number): boolean {
  return valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
}

/** Counts of `c` (int32 or int64 storage) as bigints. */
function countAt(c: Column): (i: number) => bigint {
  const v = c.data.values as ArrayLike<number | bigint>;
  return typeof (v as BigInt64Array)[0] === 'bigint' || v instanceof BigInt64Array ? (i) => v[i] as bigint : (i) => BigInt(v[i] as number);
}

/**
 * Counts in `from` units as counts in `to` units: finer exactly (range checked), coarser floored
 * (`round` 'floor') or truncated toward zero (`round` 'trunc').
 */
function rescale(c: Column, from: TimeUnit, to: TimeUnit, round: 'floor' | 'trunc', f: CastFailures, out: BigInt64Array | Int32Array, shown: (v: bigint) => unknown): void {
  const n = c.length;
  const valid = validityOf(c);
  const at = countAt(c);
  const pf = UNITS_PER_SECOND[from];
  const pt = UNITS_PER_SECOND[to];
  const big = out instanceof BigInt64Array;
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) continue;
    const v = at(i);
    let r: bigint;
    if (pt >= pf) {
      r = v * (pt / pf);
      if (r < INT64_MIN || r > INT64_MAX) {
        f.fail(i, shown(v), `out of range in ${to}`);
        continue;
      }
    } else {
      const k = pf / pt;
      r = v / k;
      if (round === 'floor' && v % k !== 0n && v < 0n) r -= 1n;
    }
    if (big) (out as BigInt64Array)[i] = r;
    else (out as Int32Array)[i] = Number(r);
  }
}

/**
 * A timestamp, time or duration column in another unit (same kind), or a timestamp in another
 * time zone (the same instants).
 * @throws InvalidValueError (strict) for a value beyond the range of the finer unit.
 * @example
 * ```ts
 * import { Table, TimestampNanosecond, Vector, makeData } from 'apache-arrow';
 * const ns = makeData({ type: new TimestampNanosecond(), length: 2, data: BigInt64Array.of(-1n, 1_500_000n) });
 * const c = DataFrame.fromArrow(new Table({ t: new Vector([ns]) })).getColumn('t');
 * castUnits(c, timestamp('ms'), true).toArray().map((d) => d.toISOString()); // → [ '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.001Z' ]
 * ```
 */
export function castUnits(c: Column, to: AnyDType, strict: boolean): Column {
  const from = unitOf(c.dtype);
  const unit = unitOf(to);
  const n = c.length;
  const f = new CastFailures(c.name, to, strict, validityOf(c), n);
  const small = to.kind === 'time' && (unit === 's' || unit === 'ms');
  const out = small ? new Int32Array(n) : new BigInt64Array(n);
  const shown = c.dtype.kind === 'timestamp' ? (v: bigint) => new Instant(v, from) : (v: bigint) => v;
  rescale(c, from, unit, c.dtype.kind === 'duration' ? 'trunc' : 'floor', f, out, shown);
  return castResult(c.name, to, strict, n, out, f.validity);
}

/** A timestamp column of any unit as milliseconds (floored), keeping its zone and validity. */
function asMillis(c: Column): Column {
  if (unitOf(c.dtype) === 'ms') return c;
  const ms = dtypeOfKind('timestamp', c.dtype.nullable, { unit: 'ms', timezone: c.dtype.timezone ?? null });
  return castUnits(c, ms, true);
}

/**
 * A timestamp (any unit) as a date, or a date as a timestamp (any unit), through milliseconds.
 * @throws InvalidValueError (strict) for a day beyond the range of the target.
 */
export function castDateUnits(c: Column, to: AnyDType, strict: boolean): Column {
  if (c.dtype.kind === 'timestamp') return castTemporal(asMillis(c), to, strict);
  const ms = dtypeOfKind('timestamp', to.nullable, { unit: 'ms', timezone: to.timezone ?? null });
  const asMs = castTemporal(c, ms, strict);
  return unitOf(to) === 'ms' ? asMs : castUnits(asMs, to, strict);
}

/** Where the seconds of an ISO timestamp text end: after `THH:MM:SS` (or a space separator). */
function secondsEnd(text: string): number {
  const t = text.search(/\d[T ]\d\d:\d\d:\d\d/);
  return t < 0 ? -1 : t + 10;
}

/**
 * A timestamp of a unit finer than milliseconds as text: the millisecond text (cast-text.ts: zone
 * as the column shows it) with the finer digits after its fraction.
 */
export function timestampUnitsToText(c: Column, to: AnyDType, strict: boolean): Column {
  const unit = unitOf(c.dtype);
  const msText = castToText(asMillis(c), dtypeOfKind('utf8', true), true);
  const per = UNITS_PER_SECOND[unit] / 1000n;
  const digits = FRACTION_DIGITS[unit] - 3;
  const at = countAt(c);
  const n = c.length;
  const valid = validityOf(c);
  const buf = utf8Bytes(n, n * 32);
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) {
      buf.pushEmpty();
      continue;
    }
    const text = msText.at(i) as string;
    const v = at(i);
    let sub = v % per;
    if (sub < 0n) sub += per;
    if (sub === 0n) {
      buf.push(text);
      continue;
    }
    const end = secondsEnd(text);
    const hasMs = text[end] === '.';
    const ms = hasMs ? text.slice(end + 1, end + 4) : '000';
    buf.push(`${text.slice(0, end)}.${ms}${String(sub).padStart(digits, '0')}${text.slice(hasMs ? end + 4 : end)}`);
  }
  const out = utf8Column(c.name, buf, valid);
  return to.kind === 'utf8' ? new Column(c.name, withNullable(dtypeOfKind('utf8', false), c.nullCount > 0 || !strict || to.nullable), out.data) : castToText(out, to, strict);
}

/**
 * Text as a timestamp of a unit finer than milliseconds: the text parsed to milliseconds (its
 * zone, or wall-clock time in the target's zone) and the fraction digits past the third added.
 * @throws InvalidValueError (strict) for text that is not a timestamp or has digits finer than the unit.
 */
export function textToTimestampUnits(c: Column, to: AnyDType, strict: boolean): Column {
  const unit = unitOf(to);
  const digits = FRACTION_DIGITS[unit] - 3;
  const per = UNITS_PER_SECOND[unit] / 1000n;
  const n = c.length;
  const valid = validityOf(c);
  const text = (i: number) => c.at(i) as string;
  // The text with its fraction cut to milliseconds, and the rest of the fraction in `unit`.
  const subs = new BigInt64Array(n);
  const cut = utf8Bytes(n, n * 32);
  const f = new CastFailures(c.name, to, strict, valid, n);
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) {
      cut.pushEmpty();
      continue;
    }
    const s = text(i);
    const end = secondsEnd(s);
    const frac = end >= 0 && s[end] === '.' ? /^\d+/.exec(s.slice(end + 1))?.[0] ?? '' : '';
    if (frac.length <= 3) {
      cut.push(s);
      continue;
    }
    const finer = frac.slice(3);
    if (finer.length > digits && /[1-9]/.test(finer.slice(digits))) {
      cut.push(s);
      f.fail(i, s, `has digits finer than ${unit}`);
      continue;
    }
    subs[i] = BigInt(finer.slice(0, digits).padEnd(digits, '0'));
    cut.push(s.slice(0, end + 4) + s.slice(end + 1 + frac.length));
  }
  const ms = castFromText(utf8Column(c.name, cut, f.validity), dtypeOfKind('timestamp', true, { unit: 'ms', timezone: to.timezone ?? null }), false);
  const msValues = ms.data.values as BigInt64Array;
  const msValid = validityOf(ms);
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    if (isNull(f.validity, i)) continue;
    if (isNull(msValid, i)) {
      f.fail(i, text(i), 'not a timestamp');
      continue;
    }
    const v = msValues[i]! * per + subs[i]!;
    if (v < INT64_MIN || v > INT64_MAX) f.fail(i, text(i), `out of range in ${unit}`);
    else out[i] = v;
  }
  return castResult(c.name, to, strict, n, out, f.validity);
}
