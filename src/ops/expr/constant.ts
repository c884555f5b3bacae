/**
 * Literals of the exact kinds as full columns and their dtypes: instants of any unit (a `Date`
 * against a finer unit included) and decimals, written straight into their buffers.
 */
import { makeData } from 'apache-arrow';
import { dtypeOfKind, MAX_DECIMAL_PRECISION, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Decimal, Instant } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import { decimalColumn, decimalType } from './decimal-values.js';
import { countIn, unitOf } from './units.js';

/**
 * The dtype of a decimal literal: its scale, and as many digits as its value has (at least the
 * scale, at least 1).
 * @example
 * ```ts
 * String(decimalLiteralType(Decimal.parse('-12.5', 3))); // → 'decimal(5, 3)'
 * ```
 */
export function decimalLiteralType(d: Decimal): AnyDType {
  const digits = (d.unscaled < 0n ? -d.unscaled : d.unscaled).toString().length;
  const precision = Math.min(Math.max(digits, d.scale, 1), MAX_DECIMAL_PRECISION[256]!);
  return decimalType(precision, Math.max(d.scale, 0));
}

/**
 * `n` rows of an instant, duration or decimal literal as a column of `dtype`, or null for any other value
 * (built by the column builders instead).
 */
export function constantColumn(value: unknown, dtype: AnyDType, n: number, name: string): Column | null {
  if (dtype.kind === 'timestamp' && (value instanceof Instant || value instanceof Date)) {
    const { floor } = countIn(value, unitOf(dtype));
    const dt = dtypeOfKind('timestamp', false, { unit: unitOf(dtype), timezone: dtype.timezone ?? null });
    return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: 0, data: new BigInt64Array(n).fill(floor) } as never));
  }
  if (dtype.kind === 'duration' && (typeof value === 'number' || typeof value === 'bigint')) {
    const dt = dtypeOfKind('duration', false, { unit: unitOf(dtype), int64: dtype.int64 ?? 'number' });
    return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: 0, data: new BigInt64Array(n).fill(BigInt(value)) } as never));
  }
  if (dtype.kind === 'decimal' && value instanceof Decimal) {
    const scale = dtype.scale ?? 0;
    const v = scale >= value.scale ? value.unscaled * 10n ** BigInt(scale - value.scale) : value.unscaled / 10n ** BigInt(value.scale - scale);
    return decimalColumn(name, dtype, new Array<bigint>(n).fill(v), null);
  }
  return null;
}
