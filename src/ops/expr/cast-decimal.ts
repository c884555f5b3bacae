/**
 * Casts of decimals and float16.
 *
 * Decimals convert exactly or not at all (no digit is dropped silently):
 * - decimal → decimal: rescaled; a value with digits beyond the target's scale, or more digits
 *   than its precision, does not convert;
 * - integer → decimal: exact, precision checked; float → decimal: the float's shortest round-trip
 *   text (0.1 is 0.1), which must fit the scale and precision (NaN and ±Infinity do not convert);
 * - decimal → integer: a value with a fraction, or beyond the integer's range, does not convert;
 * - decimal → float64: the nearest double (float32 and float16: rounded from that double);
 * - text ↔ decimal: exact text (`12.3400`); text parses with a sign, a fraction and an exponent,
 *   surrounding whitespace ignored, and must fit the scale and precision.
 * float16 → float32 / float64 is exact; other casts from float16 go through its float64 value;
 * casts to float16 round to nearest (ties to even), and a finite value beyond ±65504 does not
 * convert.
 */
import { makeData } from 'apache-arrow';
import { INT_RANGES, dtypeOfKind, isNumericKind, withNullable, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Decimal, formatDecimal, parseDecimalText, pow10 } from '../../dtype/values.js';
import { Column } from '../../column/column.js';
import { float16ToNumber } from '../../column/readers.js';
import { numberToFloat16 } from '../../column/builder-numeric.js';
import { float32Text, float64Text } from '../../codec/csv-values.js';
import { decimalAt, decimalWords, writeDecimal } from '../data/decimal-words.js';
import { CastFailures, castColumn, castResult } from './cast.js';
import { castToText } from './cast-text.js';
import { utf8Bytes, utf8Column } from './columns.js';
import { validityOf } from './values.js';

function isNull(valid: Uint8Array | null, i: number): boolean {
  return valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
}

/** A float64 column of the values of a float16 column (exact). */
function float16AsFloat64(c: Column): Column {
  const h = c.data.values as Uint16Array;
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = float16ToNumber(h[i]!);
  const dt = dtypeOfKind('float64', c.dtype.nullable);
  const v = validityOf(c);
  return new Column(c.name, dt, makeData({ type: toArrowType(dt), length: c.length, nullCount: c.nullCount, data: out, nullBitmap: v ?? undefined } as never));
}

/** Unscaled values of a decimal column, one bigint per row (null rows read 0n). */
function unscaledOf(c: Column): (i: number) => bigint {
  const stride = c.dtype.bitWidth! / 32;
  const words = decimalWords(c.data.values as ArrayBufferView, c.length, stride);
  const bits = c.dtype.bitWidth!;
  return (i) => decimalAt(words, i, stride, bits);
}

/** A decimal result column of `to` from unscaled values (`null` where a row is null or failed). */
function decimalColumn(name: string, to: AnyDType, strict: boolean, values: readonly (bigint | null)[], f: CastFailures): Column {
  const n = values.length;
  const stride = to.bitWidth! / 32;
  const out = new Uint32Array(n * stride);
  for (let i = 0; i < n; i++) if (values[i] !== null) writeDecimal(out, i, stride, values[i]!);
  return castResult(name, to, strict, n, out, f.validity);
}

/**
 * A column of numbers, decimals or text as a decimal of `to`'s precision and scale.
 * @throws InvalidValueError (strict) for a value with digits beyond the scale or the precision.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ x: [1, 0.25, 1e-9] }).getColumn('x');
 * castToDecimal(c, decimal(5, 2), false).toArray().map(String); // → [ '1.00', '0.25', 'null' ]
 * ```
 */
export function castToDecimal(c: Column, to: AnyDType, strict: boolean): Column {
  const n = c.length;
  const valid = validityOf(c);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const scale = to.scale!;
  const limit = pow10(to.precision!);
  const values = new Array<bigint | null>(n).fill(null);
  const put = (i: number, u: bigint, shown: unknown) => {
    if (u >= limit || u <= -limit) f.fail(i, shown, `more than ${to.precision} digits`);
    else values[i] = u;
  };
  const kind = c.dtype.kind;
  if (kind === 'decimal') {
    const at = unscaledOf(c);
    const from = c.dtype.scale!;
    for (let i = 0; i < n; i++) {
      if (isNull(valid, i)) continue;
      const u = at(i);
      if (scale >= from) put(i, u * pow10(scale - from), new Decimal(u, from));
      else {
        const k = pow10(from - scale);
        if (u % k !== 0n) f.fail(i, new Decimal(u, from), `has more than ${scale} fraction digits`);
        else put(i, u / k, new Decimal(u, from));
      }
    }
    return decimalColumn(c.name, to, strict, values, f);
  }
  if (kind === 'float16') return castToDecimal(float16AsFloat64(c), to, strict);
  // Numbers and text through exact decimal text.
  const text = textOfRow(c);
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) continue;
    const s = text(i);
    const u = parseDecimalText(s, scale);
    if (typeof u === 'string') f.fail(i, kind === 'utf8' || kind === 'largeUtf8' || kind === 'categorical' ? s : c.at(i), u);
    else put(i, u, c.at(i));
  }
  return decimalColumn(c.name, to, strict, values, f);
}

/** The exact decimal text of row `i` of a numeric or text column (a float's shortest round-trip text). */
function textOfRow(c: Column): (i: number) => string {
  const kind = c.dtype.kind;
  if (kind === 'float64') {
    const xs = c.data.values as Float64Array;
    return (i) => (Number.isFinite(xs[i]!) ? float64Text(xs[i]!) : 'NaN');
  }
  if (kind === 'float32') {
    const xs = c.data.values as Float32Array;
    return (i) => (Number.isFinite(xs[i]!) ? float32Text(xs[i]!) : 'NaN');
  }
  if (kind === 'int64' || kind === 'uint64') {
    const big = c.data.values as BigInt64Array;
    return (i) => String(big[i]);
  }
  if (kind === 'bool') return (i) => (c.at(i) === true ? '1' : '0');
  if (isNumericKind(kind)) {
    const xs = c.data.values as ArrayLike<number>;
    return (i) => String(xs[i]);
  }
  return (i) => String(c.at(i));
}

/**
 * A decimal column as numbers (floats: the nearest value; integers: exact, a fraction does not
 * convert) or as text (exact).
 * @throws InvalidValueError (strict) for a fraction or a value beyond the target's range.
 * @example
 * ```ts
 * import { Decimal as D, Table, Vector, makeData } from 'apache-arrow';
 * const d = makeData({ type: new D(2, 10, 128), length: 2, data: Uint32Array.of(150, 0, 0, 0, 200, 0, 0, 0) });
 * const c = DataFrame.fromArrow(new Table({ d: new Vector([d]) })).getColumn('d');
 * castFromDecimal(c, float64(), true).toArray(); // → [ 1.5, 2 ]
 * castFromDecimal(c, int32(), false).toArray(); // → [ null, 2 ]
 * ```
 */
export function castFromDecimal(c: Column, to: AnyDType, strict: boolean): Column {
  const n = c.length;
  const valid = validityOf(c);
  const at = unscaledOf(c);
  const scale = c.dtype.scale!;
  const kind = to.kind;
  if (kind === 'utf8' || kind === 'categorical' || kind === 'largeUtf8') {
    const buf = utf8Bytes(n, n * 8);
    for (let i = 0; i < n; i++) {
      if (isNull(valid, i)) buf.pushEmpty();
      else buf.push(formatDecimal(at(i), scale));
    }
    const text = utf8Column(c.name, buf, valid);
    return kind === 'utf8' ? new Column(c.name, withNullable(dtypeOfKind('utf8', false), text.dtype.nullable || to.nullable || !strict), text.data) : castColumn(text, to, strict);
  }
  if (kind === 'float64' || kind === 'float32' || kind === 'float16') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) if (!isNull(valid, i)) out[i] = Number(formatDecimal(at(i), scale));
    const f64 = castResult(c.name, dtypeOfKind('float64', false), true, n, out, valid);
    return kind === 'float64' ? castResult(c.name, to, strict, n, out, valid) : castColumn(f64, to, strict);
  }
  // Integers: exact whole values only, then range checked.
  const f = new CastFailures(c.name, to, strict, valid, n);
  const k = pow10(scale);
  const wide = kind === 'int64' || kind === 'uint64';
  const out = kind === 'int64' ? new BigInt64Array(n) : kind === 'uint64' ? new BigUint64Array(n) : new (INT_STORAGE[kind] ?? Int32Array)(n);
  const [lo, hi] = wide ? (kind === 'int64' ? [-(2n ** 63n), 2n ** 63n - 1n] : [0n, 2n ** 64n - 1n]) : INT_RANGES[kind]!.map(BigInt);
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) continue;
    const u = at(i);
    if (scale > 0 && u % k !== 0n) {
      f.fail(i, new Decimal(u, scale), 'has a fraction');
      continue;
    }
    const v = scale >= 0 ? u / k : u * pow10(-scale);
    if (v < lo! || v > hi!) f.fail(i, new Decimal(u, scale), `out of range ${lo} … ${hi}`);
    else if (wide) (out as BigInt64Array)[i] = v as never;
    else (out as Int32Array)[i] = Number(v);
  }
  return castResult(c.name, to, strict, n, out, f.validity);
}

const INT_STORAGE: Readonly<Record<string, Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor>> = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
};

/**
 * Casts from float16 (through its exact float64 value) and to float16 (rounded to nearest from
 * the float64 value).
 * @throws InvalidValueError (strict) for a finite value beyond float16's range.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ x: [0.1, 1e6] }).getColumn('x');
 * const h = castFloat16(c, float16(), false);
 * [h.toArray(), castFloat16(h, float64(), true).toArray()]; // → [ [ 0.0999755859375, null ], [ 0.0999755859375, null ] ]
 * ```
 */
export function castFloat16(c: Column, to: AnyDType, strict: boolean): Column {
  if (c.dtype.kind === 'float16') {
    const f64 = float16AsFloat64(c);
    if (to.kind === 'float64') return castResult(c.name, to, strict, c.length, f64.data.values as Float64Array, validityOf(c));
    if (to.kind === 'utf8' || to.kind === 'categorical') return castToText(f64, to, strict);
    return castColumn(f64, to, strict);
  }
  const from = c.dtype.kind === 'float64' ? c : castColumn(c, dtypeOfKind('float64', c.dtype.nullable), strict);
  const n = from.length;
  const valid = validityOf(from);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const xs = from.data.values as Float64Array;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) continue;
    const h = numberToFloat16(xs[i]!);
    if ((h & 0x7fff) === 0x7c00 && Number.isFinite(xs[i]!)) f.fail(i, xs[i], 'out of float16 range');
    else out[i] = h;
  }
  return castResult(c.name, to, strict, n, out, f.validity);
}
