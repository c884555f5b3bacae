/**
 * Comparison kernels: numbers, strings (by code point), categoricals (by code), dates, booleans.
 * Numbers compare in a total order: NaN equals NaN and is greater than every number, −0 equals 0,
 * 64-bit integers and an integer with a float compare exactly.
 */
import { ColframeError, ExpressionError } from '../../errors.js';
import { Column } from '../../column/column.js';
import { buildData } from '../../column/builders.js';
import { castColumn } from './cast.js';
import { dtypeName, dtypeOfKind, isNumericKind, type AnyDType } from '../../dtype/dtype.js';
import { bitmapBytes } from '../../util/bits.js';
import type { BinaryOp, Where } from './expr.js';
import type { Value } from './eval.js';
import { andValidity, boolColumn, validityOf } from './values.js';
import { compareExact, doublesOf, exactAt, fitsDoubles, HI, isWideKind, LO, wordsOf } from './exact.js';
import { Instant } from '../../dtype/values.js';
import { asInstant } from './units.js';
import { compareTemporalColumns, sameCountUnit, temporalScalarTarget } from './compare-temporal.js';
import { compareDecimal, isDecimalSide } from './decimal-compare.js';

type Cmp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
const MS_PER_DAY = 86_400_000;
const MAX_SAFE = 9007199254740991n;

/** The outcome of a comparison given the sign of `a - b`. */
function test(fn: Cmp, c: number): boolean {
  switch (fn) {
    case 'eq':
      return c === 0;
    case 'neq':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
  }
}

/** Compare two strings by code point (the order of their UTF-8 bytes). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP code unit in code-point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

type Kind = 'number' | 'string' | 'bool' | 'time' | 'duration';

function kindOf(d: AnyDType, v: Value): Kind | undefined {
  if ('scalar' in v) {
    const s = v.scalar;
    if (typeof s === 'number' || typeof s === 'bigint') return 'number';
    if (typeof s === 'string') return 'string';
    if (typeof s === 'boolean') return 'bool';
    if (s instanceof Date || s instanceof Instant) return 'time';
    return undefined;
  }
  if (isNumericKind(d.kind)) return 'number';
  if (d.kind === 'duration') return 'duration';
  if (d.kind === 'utf8' || d.kind === 'categorical') return 'string';
  if (d.kind === 'bool') return 'bool';
  if (d.kind === 'date' || d.kind === 'timestamp') return 'time';
  return undefined;
}

const NAMES: Record<Kind, string> = { number: 'a number', string: 'a string', bool: 'a boolean', time: 'a date', duration: 'a duration' };

/** A number, boolean or time scalar as an exact value (ms for times, 0/1 for booleans). */
function scalarValue(v: unknown): number | bigint {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return Number(v);
  return v as number | bigint;
}

/** Values of a number, boolean or time column as doubles from row 0 (ms for dates); only for columns that fit doubles. */
function columnNumbers(c: Column): ArrayLike<number> {
  if (c.dtype.kind === 'date') {
    const days = c.data.values as Int32Array;
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = days[i]! * MS_PER_DAY;
    return out;
  }
  return doublesOf(c);
}

const FLIP: Record<Cmp, Cmp> = { gt: 'lt', gte: 'lte', lt: 'gt', lte: 'gte', eq: 'eq', neq: 'neq' };

/**
 * A text literal compared with a date or timestamp column, as the instant it names: `'2015-12-30'`
 * is that day's midnight, a time without an offset is wall time in the column's zone.
 * @throws ExpressionError when the text is not an ISO 8601 date or timestamp.
 */
function timeLiteral(text: string, against: AnyDType, where: Where): Value {
  const to = dtypeOfKind('timestamp', false, { timezone: against.kind === 'timestamp' ? (against.timezone ?? null) : null });
  let ms: number;
  try {
    const c = castColumn(new Column('literal', dtypeOfKind('utf8', false), buildData([text], dtypeOfKind('utf8', false), 'literal')), to, true);
    ms = Number((c.data.values as BigInt64Array)[0]!);
  } catch (e) {
    if (!(e instanceof ColframeError)) throw e;
    throw new ExpressionError(where, `${JSON.stringify(text)} is not a date or timestamp (ISO 8601, such as "2015-12-30" or "2015-12-30T10:00:00")`);
  }
  if (!(Math.abs(ms) <= 8.64e15)) throw new ExpressionError(where, `${JSON.stringify(text)} is beyond the dates a comparison takes`);
  return { scalar: new Date(ms), dtype: to };
}

/** Per-row strings of a string operand (categoricals through their dictionary). */
function stringAt(c: Column): (i: number) => string {
  if (c.dtype.kind === 'categorical') {
    const dict = c.access.dict!;
    const codes = c.data.values as Uint8Array;
    return (i) => dict[codes[i]!]!;
  }
  return (i) => c.at(i) as string;
}

/** Evaluate a comparison. @throws ExpressionError for operands that cannot be compared. */
export function compare(fn: BinaryOp, l: Value, r: Value, n: number, where: Where): Value {
  const f = fn as Cmp;
  const dl = 'column' in l ? l.column.dtype : l.dtype;
  const dr = 'column' in r ? r.column.dtype : r.dtype;
  const nullScalar = ('scalar' in l && l.scalar === null) || ('scalar' in r && r.scalar === null);
  // Text against a date or timestamp column is read as one (ISO 8601, as a cast from text reads it).
  if ('column' in l && kindOf(dl, l) === 'time' && 'scalar' in r && typeof r.scalar === 'string') return compare(fn, l, timeLiteral(r.scalar, dl, where), n, where);
  if ('column' in r && kindOf(dr, r) === 'time' && 'scalar' in l && typeof l.scalar === 'string') return compare(fn, timeLiteral(l.scalar, dr, where), r, n, where);
  const kl = kindOf(dl, l);
  const kr = kindOf(dr, r);
  if (nullScalar) {
    const out = new Uint8Array(bitmapBytes(n));
    return { column: boolColumn('column' in l ? l.column.name : 'literal', out, new Uint8Array(bitmapBytes(n)), n) };
  }
  if (isDecimalSide(l) || isDecimalSide(r)) {
    if ('scalar' in l && 'scalar' in r) {
      let c = 0;
      compareDecimal((x) => ((c = x), false), l, r, 1, new Uint8Array(1), where);
      return { scalar: test(f, c), dtype: dtypeOfKind('bool', false) };
    }
    const out = new Uint8Array(bitmapBytes(n));
    compareDecimal((c) => test(f, c), l, r, n, out, where);
    const validity = andValidity('column' in l ? validityOf(l.column) : null, 'column' in r ? validityOf(r.column) : null, n);
    return { column: boolColumn('column' in l ? l.column.name : (r as { column: Column }).column.name, out, validity, n) };
  }
  if (kl === undefined || kr === undefined || kl !== kr) {
    const what = (k: Kind | undefined, d: AnyDType, v: Value) => ('column' in v ? dtypeName(d) : k === undefined ? 'an unsupported value' : NAMES[k]);
    throw new ExpressionError(where, `cannot compare ${what(kl, dl, l)} with ${what(kr, dr, r)}`);
  }
  if ('scalar' in l && 'scalar' in r) {
    const c =
      kl === 'string'
        ? compareCodePoints(l.scalar as string, r.scalar as string)
        : kl === 'time'
          ? Instant.compare(asInstant(l.scalar as Date | Instant), asInstant(r.scalar as Date | Instant))
          : compareExact(scalarValue(l.scalar), scalarValue(r.scalar));
    return { scalar: test(f, c), dtype: dtypeOfKind('bool', false) };
  }
  const name = 'column' in l ? l.column.name : (r as { column: Column }).column.name;
  const validity = andValidity('column' in l ? validityOf(l.column) : null, 'column' in r ? validityOf(r.column) : null, n);
  const out = new Uint8Array(bitmapBytes(n));
  if (kl === 'string') compareStrings(f, l, r, n, out);
  else if (kl === 'time' || kl === 'duration') compareTemporal(f, l, r, n, out);
  else if ('scalar' in l) compareNumeric(FLIP[f], (r as { column: Column }).column, l, n, out);
  else compareNumeric(f, l.column, r, n, out);
  return { column: boolColumn(name, out, validity, n) };
}

/**
 * Instants or durations: a column against a literal on the column's own integers (the literal in
 * the column's unit), columns of one unit directly, columns of different units per row at the
 * finer unit.
 */
function compareTemporal(f: Cmp, l: Value, r: Value, n: number, out: Uint8Array): void {
  if ('scalar' in l || 'scalar' in r) {
    const flip = 'scalar' in l;
    const c = flip ? (r as { column: Column }).column : (l as { column: Column }).column;
    const target = temporalScalarTarget(f, c, flip ? (l as { scalar: unknown }).scalar : (r as { scalar: unknown }).scalar, flip);
    if ('all' in target) {
      if (target.all) out.fill(0xff);
      return;
    }
    if (c.dtype.kind === 'date') compareToScalar(target.fn, c.data.values as Int32Array, Number(target.value), n, out);
    else compareWordsToScalar(target.fn, c, target.value, n, out);
    return;
  }
  const a = l.column;
  const b = (r as { column: Column }).column;
  if (sameCountUnit(a, b)) compareNumeric(f, a, r, n, out);
  else compareTemporalColumns((c) => test(f, c), a, b, n, out);
}

/**
 * A numeric, boolean or time column `a` against `b` (a column or a scalar) into bits, in the total
 * order (NaN equal to NaN and greater than every number, −0 = 0). Columns whose values are all
 * exact doubles compare as doubles; 64-bit integers beyond 2^53 compare on their words (against a
 * scalar) or as exact values (number or bigint) per row.
 */
function compareNumeric(f: Cmp, a: Column, b: Value, n: number, out: Uint8Array): void {
  if ('scalar' in b) {
    const s = scalarValue(b.scalar);
    if (fitsDoubles(a) && (typeof s === 'number' || (s >= -MAX_SAFE && s <= MAX_SAFE))) {
      compareToScalar(f, columnNumbers(a), Number(s), n, out);
      return;
    }
    if (isWideKind(a.dtype.kind)) {
      compareWordsToScalar(f, a, s, n, out);
      return;
    }
    // A column of exact doubles against a bigint beyond 2^53.
    const xs = columnNumbers(a);
    for (let i = 0; i < n; i++) if (test(f, compareExact(xs[i]!, s))) out[i >> 3]! |= 1 << (i & 7);
    return;
  }
  const c = b.column;
  if (fitsDoubles(a) && fitsDoubles(c)) {
    compareColumns(f, columnNumbers(a), columnNumbers(c), n, out);
    return;
  }
  const x = exactAt(a);
  const y = exactAt(c);
  for (let i = 0; i < n; i++) if (test(f, compareExact(x(i), y(i)))) out[i >> 3]! |= 1 << (i & 7);
}

/** Two columns of doubles, one loop per operator, in the total order (NaN greatest and equal to itself). */
function compareColumns(f: Cmp, x: ArrayLike<number>, y: ArrayLike<number>, n: number, out: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = y[i]!;
    // a < b ? −1 : a > b ? 1 : a === b ? 0 : NaN last
    const c = a < b ? -1 : a > b ? 1 : a === b ? 0 : a !== a ? (b !== b ? 0 : 1) : -1;
    if (test(f, c)) out[i >> 3]! |= 1 << (i & 7);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A 64-bit column (int64, uint64, timestamp ms) against an exact scalar, on the column's words
 * without a bigint per row. A fractional scalar is moved to the integer that keeps the outcome
 * (x > 2.5 ⇔ x > 2, x ≥ 2.5 ⇔ x ≥ 3); a scalar outside the column's range, ±Infinity or NaN gives
 * the same outcome on every row.
 */
function compareWordsToScalar(f: Cmp, c: Column, s: number | bigint, n: number, out: Uint8Array): void {
  const unsigned = c.dtype.kind === 'uint64';
  let fn = f;
  let v: bigint | null = null;
  let side = 0; // the scalar is above (1) or below (−1) every value the column can hold
  if (typeof s === 'bigint') v = s;
  else if (s !== s || s === Infinity) side = 1;
  else if (s === -Infinity) side = -1;
  else if (Number.isInteger(s)) v = BigInt(s);
  else {
    if (fn === 'eq' || fn === 'neq') side = 2; // never equal
    else v = BigInt(fn === 'gt' || fn === 'lte' ? Math.floor(s) : Math.ceil(s));
  }
  if (v !== null) {
    if (v > (unsigned ? UINT64_MAX : INT64_MAX)) side = 1;
    else if (v < (unsigned ? 0n : INT64_MIN)) side = -1;
  }
  if (side !== 0) {
    // Every row compares the same way: below the scalar (side 1), above it (−1), or unequal (2).
    const all = side === 2 ? fn === 'neq' : test(fn, side === 1 ? -1 : 1);
    if (all) for (let i = 0; i < n; i++) out[i >> 3]! |= 1 << (i & 7);
    return;
  }
  const flip = unsigned ? 0 : 0x80000000;
  const sh = (Number(BigInt.asUintN(64, v!) >> 32n) ^ flip) >>> 0;
  const sl = Number(BigInt.asUintN(64, v!) & 0xffffffffn);
  const w = wordsOf(c);
  for (let i = 0; i < n; i++) {
    const h = (w[2 * i + HI]! ^ flip) >>> 0;
    const l = w[2 * i + LO]!;
    const cmp = h !== sh ? (h < sh ? -1 : 1) : l !== sl ? (l < sl ? -1 : 1) : 0;
    if (test(fn, cmp)) out[i >> 3]! |= 1 << (i & 7);
  }
}

type ScalarKernel = (x: ArrayLike<number>, s: number, n: number, out: Uint8Array) => void;

const OPS: Record<Cmp, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '===', neq: '!==' };
const scalarKernels = new Map<string, ScalarKernel>();

/**
 * Column vs scalar, the common case: eight rows at a time into one byte, branch-free. One kernel
 * is generated per operator and array type, so every loop stays monomorphic; readable form:
 * `for (i) if (x[i] > s) out[i >> 3] |= 1 << (i & 7)`. Float arrays add NaN's place in the total
 * order (`x > s` also holds for a NaN x); a NaN scalar is decided here without a kernel.
 */
function compareToScalar(f: Cmp, x: ArrayLike<number>, s: number, n: number, out: Uint8Array): void {
  if (s !== s) {
    // Against NaN: only NaN equals it, every other value is below it.
    const nan = f === 'gte' || f === 'eq';
    const other = f === 'lt' || f === 'lte' || f === 'neq';
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (v !== v ? nan || f === 'lte' : other) out[i >> 3]! |= 1 << (i & 7);
    }
    return;
  }
  const float = x instanceof Float64Array || x instanceof Float32Array;
  const key = `${f}:${x.constructor.name}`;
  let k = scalarKernels.get(key);
  if (k === undefined) {
    const op = OPS[f];
    const test = (e: string) => (float && (f === 'gt' || f === 'gte') ? `((${e} ${op} s) | (${e} !== ${e}))` : `(${e} ${op} s)`);
    const bits = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => `(${test(`x[b + ${j}]`)} << ${j})`).join(' | ');
    k = new Function(
      'x',
      's',
      'n',
      'out',
      `const full = n & ~7;
       for (let b = 0; b < full; b += 8) out[b >> 3] = ${bits};
       for (let i = full; i < n; i++) if (${test('x[i]')}) out[i >> 3] |= 1 << (i & 7);`,
    ) as ScalarKernel;
    scalarKernels.set(key, k);
  }
  k(x, s, n, out);
}

type VerdictKernel = (verdict: Uint8Array, codes: ArrayLike<number>, n: number, out: Uint8Array) => void;
const verdictKernels = new Map<string, VerdictKernel>();

/**
 * Dictionary codes to bits through a per-entry verdict, eight rows per output byte; generated once
 * per code array type (a closure re-created per call would lose its optimized code to every full
 * collection). Readable form: `for (i) if (verdict[codes[i]]) out[i >> 3] |= 1 << (i & 7)`.
 */
function verdictKernel(codes: ArrayLike<number>): VerdictKernel {
  const key = codes.constructor.name;
  let k = verdictKernels.get(key);
  if (k === undefined) {
    const bits = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => `(verdict[codes[b + ${j}]] << ${j})`).join(' | ');
    k = new Function(
      'verdict',
      'codes',
      'n',
      'out',
      `const full = n & ~7;
       for (let b = 0; b < full; b += 8) out[b >> 3] = ${bits};
       for (let i = full; i < n; i++) if (verdict[codes[i]]) out[i >> 3] |= 1 << (i & 7);`,
    ) as VerdictKernel;
    verdictKernels.set(key, k);
  }
  return k;
}

function compareStrings(f: Cmp, l: Value, r: Value, n: number, out: Uint8Array): void {
  // Column vs literal on a categorical: decide once per dictionary entry, then map the codes.
  const oneSide = (c: Column, lit: string, flip: boolean): void => {
    if (c.dtype.kind === 'categorical') {
      const dict = c.access.dict!;
      const verdict = Uint8Array.from(dict, (s) => (test(f, flip ? compareCodePoints(lit, s) : compareCodePoints(s, lit)) ? 1 : 0));
      verdictKernel(c.data.values as ArrayLike<number>)(verdict, c.data.values as ArrayLike<number>, n, out);
      return;
    }
    const at = stringAt(c);
    const validity = validityOf(c);
    for (let i = 0; i < n; i++) {
      if (validity !== null && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const s = at(i);
      if (test(f, flip ? compareCodePoints(lit, s) : compareCodePoints(s, lit))) out[i >> 3]! |= 1 << (i & 7);
    }
  };
  if ('scalar' in r) return oneSide((l as { column: Column }).column, r.scalar as string, false);
  if ('scalar' in l) return oneSide(r.column, l.scalar as string, true);
  const a = stringAt(l.column);
  const b = stringAt(r.column);
  const va = validityOf(l.column);
  const vb = validityOf(r.column);
  for (let i = 0; i < n; i++) {
    if (va !== null && (va[i >> 3]! & (1 << (i & 7))) === 0) continue;
    if (vb !== null && (vb[i >> 3]! & (1 << (i & 7))) === 0) continue;
    if (test(f, compareCodePoints(a(i), b(i)))) out[i >> 3]! |= 1 << (i & 7);
  }
}
