/**
 * Casts to and from decimals (DuckDB's CAST):
 * - decimal → float64 / float32: the nearest value;
 * - decimal → integer: rounded half away from zero (2.5 → 3, −2.5 → −3), then range checked;
 * - decimal → decimal: rescaled, rounded half away from zero when the scale shrinks;
 * - integer → decimal: exact, the precision checked;
 * - float → decimal: the double's exact value rounded half away from zero to the scale (1.005 is
 *   1.00499999999999989… so it gives 1.00); NaN and ±Infinity do not convert;
 * - text → decimal: the decimal number the text spells, rounded half away from zero to the scale.
 * A value that does not fit the target is an `InvalidValueError` (strict) or a null.
 */
import { INT_RANGES, withNullable, type AnyDType } from '../../dtype/dtype.js';
import { Decimal, formatDecimal, parseDecimalText, pow10 } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import { CastFailures, castResult, resultDType } from './cast.js';
import { castToText } from './cast-text.js';
import { utf8Bytes, utf8Column } from './columns.js';
import { decimalAsFloat } from './decimal-arith.js';
import { decimalColumn, unscaledReader } from './decimal-values.js';
import { exactAt, isIntegerKind } from './exact.js';
import { validityOf } from './values.js';

const RANGE64: Readonly<Record<string, readonly [bigint, bigint]>> = { int64: [-(2n ** 63n), 2n ** 63n - 1n], uint64: [0n, 2n ** 64n - 1n] };

/** `x / 10^k` rounded half away from zero. */
function dropDigits(x: bigint, k: number): bigint {
  if (k <= 0) return x * pow10(-k);
  const f = pow10(k);
  const q = x / f;
  const r = x - q * f;
  return 2n * (r < 0n ? -r : r) >= f ? (r < 0n ? q - 1n : q + 1n) : q;
}

/** The exact value of a finite double as unscaled digits at `scale`, rounded half away from zero. */
function doubleAt(x: number, scale: number): bigint {
  // Every finite double is m · 2^e exactly.
  const neg = x < 0;
  let m = Math.abs(x);
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  // m · 2^e · 10^scale, rounded: (m · 10^scale) / 2^−e.
  let v: bigint;
  if (e === 0) v = BigInt(m) * pow10(Math.max(scale, 0));
  else {
    const num = BigInt(m) * pow10(Math.max(scale, 0));
    const den = 1n << BigInt(-e);
    const q = num / den;
    v = 2n * (num - q * den) >= den ? q + 1n : q;
  }
  if (scale < 0) v = dropDigits(v, -scale);
  return neg ? -v : v;
}

/**
 * A column cast to or from a decimal (`from` or `to` is a decimal; the pair is castable).
 * @throws InvalidValueError (strict) naming the row and value that does not fit.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1.005, 2.5, -2.5] });
 * castDecimal(df.getColumn('x'), decimal(5, 2), true).toArray().map(String); // → [ '1.00', '2.50', '-2.50' ]
 * castDecimal(castDecimal(df.getColumn('x'), decimal(5, 1), true), int32(), true).toArray(); // → [ 1, 3, -3 ]
 * ```
 */
export function castDecimal(c: Column, to: AnyDType, strict: boolean): Column {
  const from = c.dtype;
  const n = c.length;
  const valid = validityOf(c);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const isValid = (i: number) => valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0;
  if (from.kind === 'decimal' && (to.kind === 'float64' || to.kind === 'float32')) {
    const d = decimalAsFloat(c);
    if (to.kind === 'float64') return castResult(c.name, to, strict, n, d.data.values as Float64Array, valid);
    const xs = d.data.values as Float64Array;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = xs[i]!;
      if (!Number.isFinite(out[i]!) && Number.isFinite(xs[i]!) && isValid(i)) f.fail(i, xs[i], 'beyond the float32 range');
    }
    return castResult(c.name, to, strict, n, out, f.validity);
  }
  if (from.kind === 'decimal' && (to.kind === 'utf8' || to.kind === 'categorical')) {
    // Exact text with the scale's fraction digits ('12.30').
    const read = unscaledReader(c);
    const scale = from.scale ?? 0;
    const buf = utf8Bytes(n, n * ((from.precision ?? 10) + 2));
    for (let i = 0; i < n; i++) {
      if (isValid(i)) buf.push(formatDecimal(read(i), scale));
      else buf.pushEmpty();
    }
    const text = utf8Column(c.name, buf, valid);
    return to.kind === 'utf8' ? new Column(c.name, resultDType(to, strict, text.nullCount), text.data) : castToText(text, to, strict);
  }
  if (from.kind === 'decimal' && isIntegerKind(to.kind)) {
    const read = unscaledReader(c);
    const scale = from.scale ?? 0;
    const [lo, hi] = RANGE64[to.kind] ?? INT_RANGES[to.kind]!.map(BigInt);
    const wide = to.kind === 'int64' || to.kind === 'uint64';
    const out = wide ? (to.kind === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n)) : new (ARRAYS[to.kind]!)(n);
    for (let i = 0; i < n; i++) {
      if (!isValid(i)) continue;
      const v = dropDigits(read(i), scale);
      if (v < lo! || v > hi!) f.fail(i, new Decimal(read(i), scale), `out of range ${lo} … ${hi}`);
      else (out as { [k: number]: number | bigint })[i] = wide ? v : Number(v);
    }
    return castResult(c.name, to, strict, n, out, f.validity);
  }
  // Anything → decimal.
  const scale = to.scale ?? 0;
  const limit = pow10(to.precision!);
  const values = new Array<bigint>(n).fill(0n);
  let at: (i: number) => bigint | string;
  if (from.kind === 'decimal') {
    const read = unscaledReader(c);
    const s = from.scale ?? 0;
    at = (i) => dropDigits(read(i), s - scale);
  } else if (isIntegerKind(from.kind)) {
    const read = exactAt(c);
    at = (i) => dropDigits(BigInt(read(i)), -scale);
  } else if (from.kind === 'float32' || from.kind === 'float64') {
    const xs = c.data.values as Float64Array;
    at = (i) => (Number.isFinite(xs[i]!) ? doubleAt(xs[i]!, scale) : 'not a finite number');
  } else {
    // Text: exact at a scale wide enough for the text, then rounded.
    at = (i) => {
      const text = String(c.at(i));
      const wide = parseDecimalText(text, 400);
      return typeof wide === 'string' ? wide : dropDigits(wide, 400 - scale);
    };
  }
  for (let i = 0; i < n; i++) {
    if (!isValid(i)) continue;
    const v = at(i);
    if (typeof v === 'string') f.fail(i, c.at(i), v);
    else if (v >= limit || v <= -limit) f.fail(i, c.at(i), `needs more than ${to.precision} digits`);
    else values[i] = v;
  }
  const out = decimalColumn(c.name, to, values, f.validity);
  // Nullable as every cast's result: when a null can come out.
  const nullable = out.nullCount > 0 || to.nullable || !strict;
  return out.dtype.nullable === nullable ? out : new Column(c.name, withNullable(out.dtype, nullable), out.data);
}

const ARRAYS: Readonly<Record<string, Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor>> = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
};
