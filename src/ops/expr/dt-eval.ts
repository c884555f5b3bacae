/**
 * Evaluating date-time operations (`expr.dt.*`) over day numbers (date) and milliseconds
 * (timestamp) with calendar arithmetic: no `Date` per row. A timestamp with a time zone is first
 * moved to its wall clock (UTC offset from `zone.ts`, cached per day); a naive one is UTC.
 * Fields give int32, `truncate` the input dtype (time zone kept). Nulls stay null.
 */
import type { Where } from './expr.js';
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import type { Column } from '../../column/column.js';
import type { Value } from './eval.js';
import type { DtCall } from './dt.js';
import { civilField, DAY, isoWeekday, MONTH, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, truncateDays, truncateMillis, YEAR, type TruncateUnit } from './calendar.js';
import { zoneOf, type Zone } from './zone.js';
import { numberColumn, validityOf } from './values.js';
import { isNullBit, millisOf, timestampColumn } from './columns.js';

const UNITS: readonly TruncateUnit[] = ['year', 'month', 'week', 'day', 'hour', 'minute'];
const FIELDS: readonly string[] = ['year', 'month', 'day', 'hour', 'minute', 'weekday'];
const INT32 = dtypeOfKind('int32', false);

/** A field of wall-clock milliseconds `t`, for one of year … weekday. */
function fieldOf(fn: string): (t: number) => number {
  switch (fn) {
    case 'year':
      return (t) => civilField(Math.floor(t / MS_PER_DAY), YEAR);
    case 'month':
      return (t) => civilField(Math.floor(t / MS_PER_DAY), MONTH);
    case 'day':
      return (t) => civilField(Math.floor(t / MS_PER_DAY), DAY);
    case 'weekday':
      return (t) => isoWeekday(Math.floor(t / MS_PER_DAY));
    case 'hour':
      return (t) => Math.floor((t - Math.floor(t / MS_PER_DAY) * MS_PER_DAY) / MS_PER_HOUR);
    default:
      return (t) => Math.floor((t - Math.floor(t / MS_PER_HOUR) * MS_PER_HOUR) / MS_PER_MINUTE);
  }
}

/**
 * Evaluate a date-time operation on an evaluated operand of `n` rows.
 * @throws ExpressionError for a non-temporal input or an unknown unit.
 * @example
 * ```ts
 * dtValue({ fn: 'year' }, { scalar: new Date('1969-07-20'), dtype: timestamp() }, 1, 'lit(…).dt.year()');
 * // → { scalar: 1969, dtype: int32 }
 * ```
 */
export function dtValue(call: DtCall, v: Value, n: number, where: Where): Value {
  if (call.fn === 'truncate' ? !UNITS.includes(call.unit) : !FIELDS.includes(call.fn)) {
    const got = call.fn === 'truncate' ? JSON.stringify(call.unit) : call.fn;
    throw new ExpressionError(where, call.fn === 'truncate' ? `unknown unit ${got}; use one of ${UNITS.join(', ')}` : `unknown field ${got}`);
  }
  const dtype = 'column' in v ? v.column.dtype : v.dtype;
  if ('scalar' in v) {
    if (v.scalar === null) return { scalar: null, dtype: dtypeOfKind(call.fn === 'truncate' ? 'timestamp' : 'int32', true) };
    if (!(v.scalar instanceof Date)) throw new ExpressionError(where, `expected a date, got ${typeof v.scalar}`);
    const t = v.scalar.getTime();
    if (call.fn === 'truncate') return { scalar: new Date(truncateMillis(t, call.unit)), dtype };
    return { scalar: fieldOf(call.fn)(t), dtype: INT32 };
  }
  const c = v.column;
  if (c.dtype.kind === 'date') return { column: onDates(call, c, n, where) };
  if (c.dtype.kind !== 'timestamp') throw new ExpressionError(where, `expected dates or timestamps, got ${dtypeName(c.dtype)} column "${c.name}"`);
  return { column: onTimestamps(call, c, n, where) };
}

function onDates(call: DtCall, c: Column, n: number, where: Where): Column {
  const days = c.data.values as Int32Array;
  const valid = validityOf(c);
  if (call.fn === 'hour' || call.fn === 'minute') {
    throw new ExpressionError(where, `a date has no time of day (column "${c.name}"); cast it to timestamp first`);
  }
  if (call.fn === 'truncate') {
    const unit = call.unit;
    if (unit === 'day' || unit === 'hour' || unit === 'minute') return c;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) if (!isNullBit(valid, i)) out[i] = truncateDays(days[i]!, unit);
    return numberColumn(c.name, dtypeOfKind('date', false), out, valid);
  }
  const out = new Int32Array(n);
  if (call.fn === 'weekday') {
    for (let i = 0; i < n; i++) out[i] = isoWeekday(days[i]!);
  } else {
    const field = call.fn === 'year' ? YEAR : call.fn === 'month' ? MONTH : DAY;
    for (let i = 0; i < n; i++) out[i] = civilField(days[i]!, field);
  }
  return numberColumn(c.name, INT32, out, valid);
}

function zoneFor(d: AnyDType, where: Where): Zone | null {
  try {
    return zoneOf(d.timezone);
  } catch (e) {
    throw new ExpressionError(where, `time zone ${JSON.stringify(d.timezone)}: ${(e as Error).message}`);
  }
}

function onTimestamps(call: DtCall, c: Column, n: number, where: Where): Column {
  const ms = millisOf(c);
  const valid = validityOf(c);
  const zone = zoneFor(c.dtype, where);
  if (call.fn === 'truncate') {
    const unit = call.unit;
    const out = new Float64Array(n);
    if (zone === null) {
      for (let i = 0; i < n; i++) if (!isNullBit(valid, i)) out[i] = truncateMillis(ms[i]!, unit);
    } else {
      for (let i = 0; i < n; i++) {
        if (isNullBit(valid, i)) continue;
        const t = ms[i]!;
        const o = zone.offset(t);
        out[i] = zone.toUtc(truncateMillis(t + o, unit), o);
      }
    }
    return timestampColumn(c.name, c.dtype, out, valid);
  }
  const field = fieldOf(call.fn);
  const out = new Int32Array(n);
  if (zone === null) {
    for (let i = 0; i < n; i++) out[i] = field(ms[i]!);
  } else {
    for (let i = 0; i < n; i++) {
      if (isNullBit(valid, i)) continue;
      const t = ms[i]!;
      out[i] = field(t + zone.offset(t));
    }
  }
  return numberColumn(c.name, INT32, out, valid);
}
