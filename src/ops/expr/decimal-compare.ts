/**
 * Comparisons with decimals: exact against decimals and integers (both brought to the larger
 * scale), and against a number literal read as its shortest decimal text (0.1 is exactly 0.1, so
 * a decimal 0.10 equals it). Against a float column the decimal is converted to the nearest double
 * (as DuckDB does) and compared in the floats' total order.
 */
import { ExpressionError } from '../../errors.js';
import { dtypeName, isNumericKind } from '../../dtype/dtype.js';
import { Decimal, pow10 } from '../../dtype/values.js';
import type { Column } from '../../column/column.js';
import type { Where } from './expr.js';
import type { Value } from './eval.js';
import { doublesOf, exactAt, isIntegerKind } from './exact.js';
import { decimalAsFloat } from './decimal-arith.js';
import { unscaledAt, unscaledDoubles, unscaledReader } from './decimal-values.js';


/** Whether a value takes part in a decimal comparison (a decimal column or literal). */
export function isDecimalSide(v: Value): boolean {
  return 'column' in v ? v.column.dtype.kind === 'decimal' : v.scalar instanceof Decimal;
}

/** A side as exact unscaled values at some scale, or as doubles (a float column or a non-finite literal). */
type Side = { kind: 'exact'; scale: number; at: (i: number) => bigint; small: Float64Array | null; scalar: boolean } | { kind: 'float'; at: (i: number) => number; scalar: boolean };

function sideOf(v: Value, where: Where): Side {
  if ('column' in v) {
    const c = v.column;
    const k = c.dtype.kind;
    if (k === 'decimal') return { kind: 'exact', scale: c.dtype.scale!, at: unscaledReader(c), small: (c.dtype.precision ?? 39) <= 15 ? unscaledDoubles(c) : null, scalar: false };
    if (isIntegerKind(k)) {
      const read = exactAt(c);
      return { kind: 'exact', scale: 0, at: (i) => BigInt(read(i)), small: null, scalar: false };
    }
    if (isNumericKind(k)) {
      const xs = doublesOf(c);
      return { kind: 'float', at: (i) => xs[i]!, scalar: false };
    }
    throw new ExpressionError(where, `cannot compare a decimal with ${dtypeName(c.dtype)}`);
  }
  const s = v.scalar;
  if (s instanceof Decimal) return { kind: 'exact', scale: Math.max(s.scale, 0), at: () => unscaledAt(s, Math.max(s.scale, 0))!, small: null, scalar: true };
  if (typeof s === 'bigint') return { kind: 'exact', scale: 0, at: () => s, small: null, scalar: true };
  if (typeof s === 'number') {
    if (!Number.isFinite(s)) return { kind: 'float', at: () => s, scalar: true };
    // The shortest decimal text of the number, exactly.
    const text = Decimal.parse(String(s).replace(/^-0$/, '0'), 400).toString();
    const frac = text.includes('.') ? text.slice(text.indexOf('.') + 1).replace(/0+$/, '').length : 0;
    const u = unscaledAt(s, frac)!;
    return { kind: 'exact', scale: frac, at: () => u, small: null, scalar: true };
  }
  throw new ExpressionError(where, `cannot compare a decimal with ${s === null ? 'null' : typeof s === 'string' ? 'a string' : typeof s}`);
}

/** −1, 0 or 1 for two doubles in the total order (NaN greatest and equal to itself). */
function compareDoubles(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : a !== a ? (b !== b ? 0 : 1) : -1;
}

/**
 * A comparison where a side is a decimal, into `out` (null rows are masked by the caller).
 * @throws ExpressionError for an operand that is not a number.
 */
export function compareDecimal(test: (c: number) => boolean, l: Value, r: Value, n: number, out: Uint8Array, where: Where): void {
  let a = sideOf(l, where);
  let b = sideOf(r, where);
  // A float against a decimal column: the decimal as the nearest double.
  if (a.kind === 'float' && b.kind === 'exact') b = floatSide(r);
  if (b.kind === 'float' && a.kind === 'exact') a = floatSide(l);
  if (a.kind === 'float' && b.kind === 'float') {
    const x = a.at;
    const y = b.at;
    for (let i = 0; i < n; i++) if (test(compareDoubles(x(i), y(i)))) out[i >> 3]! |= 1 << (i & 7);
    return;
  }
  const ea = a as Extract<Side, { kind: 'exact' }>;
  const eb = b as Extract<Side, { kind: 'exact' }>;
  const scale = Math.max(ea.scale, eb.scale);
  const ka = pow10(scale - ea.scale);
  const kb = pow10(scale - eb.scale);
  // Both small decimals of one scale: doubles compare exactly.
  if (ea.small !== null && eb.small !== null && ea.scale === eb.scale) {
    const x = ea.small;
    const y = eb.small;
    for (let i = 0; i < n; i++) if (test(x[i]! < y[i]! ? -1 : x[i]! > y[i]! ? 1 : 0)) out[i >> 3]! |= 1 << (i & 7);
    return;
  }
  // A small decimal column against a literal within ±2^53 at the column's scale: doubles.
  const one = ea.small !== null && eb.scalar ? { x: ea.small, lit: eb.at(0) * kb, flip: false } : eb.small !== null && ea.scalar ? { x: eb.small, lit: ea.at(0) * ka, flip: true } : null;
  if (one !== null && scale === (one.flip ? eb.scale : ea.scale) && one.lit > -(2n ** 53n) && one.lit < 2n ** 53n) {
    const x = one.x;
    const v = Number(one.lit);
    for (let i = 0; i < n; i++) {
      const c = x[i]! < v ? -1 : x[i]! > v ? 1 : 0;
      if (test(one.flip ? -c : c)) out[i >> 3]! |= 1 << (i & 7);
    }
    return;
  }
  const ys = eb.scalar ? eb.at(0) * kb : 0n;
  const xs = ea.scalar ? ea.at(0) * ka : 0n;
  for (let i = 0; i < n; i++) {
    const p = ea.scalar ? xs : ea.at(i) * ka;
    const q = eb.scalar ? ys : eb.at(i) * kb;
    if (test(p < q ? -1 : p > q ? 1 : 0)) out[i >> 3]! |= 1 << (i & 7);
  }
}

/** A decimal side as doubles (the nearest double to each value). */
function floatSide(v: Value): Side {
  if ('column' in v) {
    const c: Column = v.column.dtype.kind === 'decimal' ? decimalAsFloat(v.column) : v.column;
    const xs = doublesOf(c);
    return { kind: 'float', at: (i) => xs[i]!, scalar: false };
  }
  const x = v.scalar instanceof Decimal ? v.scalar.toNumber() : Number(v.scalar);
  return { kind: 'float', at: () => x, scalar: true };
}
