/**
 * Casts of float16: to float32 / float64 exactly; to every other kind through its exact float64
 * value; to float16 from numbers rounded to nearest (ties to even) through float64, a finite value
 * beyond ±65504 not converting.
 */
import { makeData } from 'apache-arrow';
import { dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import { float16ToNumber } from '../../column/readers.js';
import { numberToFloat16 } from '../../column/builder-numeric.js';
import { CastFailures, castColumn, castResult } from './cast.js';
import { castToText } from './cast-text.js';
import { validityOf } from './values.js';

function isNull(valid: Uint8Array | null, i: number): boolean {
  return valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
}

/**
 * A float64 column of the values of a float16 column (exact).
 * @example
 * ```ts
 * const h = castFloat16(DataFrame.fromColumns({ x: [0.5] }).getColumn('x'), float16(), true);
 * float16AsFloat64(h).toArray(); // → [ 0.5 ]
 * ```
 */
export function float16AsFloat64(c: Column): Column {
  const h = c.data.values as Uint16Array;
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = float16ToNumber(h[i]!);
  const dt = dtypeOfKind('float64', c.dtype.nullable);
  const v = validityOf(c);
  return new Column(c.name, dt, makeData({ type: toArrowType(dt), length: c.length, nullCount: c.nullCount, data: out, nullBitmap: v ?? undefined } as never));
}

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
