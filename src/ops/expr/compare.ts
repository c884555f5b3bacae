/** Comparison kernels: numbers, strings (by code point), categoricals (by code), dates, booleans. */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, isNumericKind, type AnyDType } from '../../dtype/dtype.js';
import type { Column } from '../../column/column.js';
import { bitmapBytes } from '../../util/bits.js';
import type { BinaryOp } from './expr.js';
import type { Value } from './eval.js';
import { alignedBits, andValidity, boolColumn, numbersOf, validityOf } from './values.js';

type Cmp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
const MS_PER_DAY = 86_400_000;

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

type Kind = 'number' | 'string' | 'bool' | 'time';

function kindOf(d: AnyDType, v: Value): Kind | undefined {
  if ('scalar' in v) {
    const s = v.scalar;
    if (typeof s === 'number' || typeof s === 'bigint') return 'number';
    if (typeof s === 'string') return 'string';
    if (typeof s === 'boolean') return 'bool';
    if (s instanceof Date) return 'time';
    return undefined;
  }
  if (isNumericKind(d.kind)) return 'number';
  if (d.kind === 'utf8' || d.kind === 'categorical') return 'string';
  if (d.kind === 'bool') return 'bool';
  if (d.kind === 'date' || d.kind === 'timestamp') return 'time';
  return undefined;
}

const NAMES: Record<Kind, string> = { number: 'a number', string: 'a string', bool: 'a boolean', time: 'a date' };

/** Values of a number, boolean or time operand as numbers (ms for times). */
function asNumbers(v: Value, n: number): { values: ArrayLike<number> | null; scalar: number } {
  if ('scalar' in v) {
    const s = v.scalar;
    return { values: null, scalar: s instanceof Date ? s.getTime() : typeof s === 'boolean' ? Number(s) : Number(s) };
  }
  const c = v.column;
  if (c.dtype.kind === 'bool') {
    const d = c.data;
    const bits = alignedBits(d.values as Uint8Array, d.offset, n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = (bits[i >> 3]! >> (i & 7)) & 1;
    return { values: out, scalar: 0 };
  }
  if (c.dtype.kind === 'date') {
    const days = c.data.values as Int32Array;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = days[i]! * MS_PER_DAY;
    return { values: out, scalar: 0 };
  }
  return { values: numbersOf(c), scalar: 0 };
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
export function compare(fn: BinaryOp, l: Value, r: Value, n: number, where: string): Value {
  const f = fn as Cmp;
  const dl = 'column' in l ? l.column.dtype : l.dtype;
  const dr = 'column' in r ? r.column.dtype : r.dtype;
  const nullScalar = ('scalar' in l && l.scalar === null) || ('scalar' in r && r.scalar === null);
  const kl = kindOf(dl, l);
  const kr = kindOf(dr, r);
  if (nullScalar) {
    const out = new Uint8Array(bitmapBytes(n));
    return { column: boolColumn('column' in l ? l.column.name : 'literal', out, new Uint8Array(bitmapBytes(n)), n) };
  }
  if (kl === undefined || kr === undefined || kl !== kr) {
    const what = (k: Kind | undefined, d: AnyDType, v: Value) => ('column' in v ? dtypeName(d) : k === undefined ? 'an unsupported value' : NAMES[k]);
    throw new ExpressionError(where, `cannot compare ${what(kl, dl, l)} with ${what(kr, dr, r)}`);
  }
  if ('scalar' in l && 'scalar' in r) {
    const c = kl === 'string' ? compareCodePoints(l.scalar as string, r.scalar as string) : Number(asNumbers(l, 0).scalar) - Number(asNumbers(r, 0).scalar);
    return { scalar: test(f, c), dtype: dtypeOfKind('bool', false) };
  }
  const name = 'column' in l ? l.column.name : (r as { column: Column }).column.name;
  const validity = andValidity('column' in l ? validityOf(l.column) : null, 'column' in r ? validityOf(r.column) : null, n);
  const out = new Uint8Array(bitmapBytes(n));
  if (kl === 'string') {
    compareStrings(f, l, r, n, out);
  } else {
    const a = asNumbers(l, n);
    const b = asNumbers(r, n);
    compareNumbers(f, a.values, a.scalar, b.values, b.scalar, n, out);
  }
  return { column: boolColumn(name, out, validity, n) };
}

/**
 * Numeric comparison into bits, one loop per operator (NaN compares as in JavaScript: never
 * equal, never ordered, always `neq`).
 */
function compareNumbers(f: Cmp, av: ArrayLike<number> | null, as: number, bv: ArrayLike<number> | null, bs: number, n: number, out: Uint8Array): void {
  if (av !== null && bv === null) {
    compareToScalar(f, av, bs, n, out);
    return;
  }
  const x = (i: number) => (av === null ? as : av[i]!);
  const y = (i: number) => (bv === null ? bs : bv[i]!);
  switch (f) {
    case 'gt':
      for (let i = 0; i < n; i++) if (x(i) > y(i)) out[i >> 3]! |= 1 << (i & 7);
      return;
    case 'gte':
      for (let i = 0; i < n; i++) if (x(i) >= y(i)) out[i >> 3]! |= 1 << (i & 7);
      return;
    case 'lt':
      for (let i = 0; i < n; i++) if (x(i) < y(i)) out[i >> 3]! |= 1 << (i & 7);
      return;
    case 'lte':
      for (let i = 0; i < n; i++) if (x(i) <= y(i)) out[i >> 3]! |= 1 << (i & 7);
      return;
    case 'eq':
      for (let i = 0; i < n; i++) if (x(i) === y(i)) out[i >> 3]! |= 1 << (i & 7);
      return;
    case 'neq':
      for (let i = 0; i < n; i++) if (x(i) !== y(i)) out[i >> 3]! |= 1 << (i & 7);
      return;
  }
}

type ScalarKernel = (x: ArrayLike<number>, s: number, n: number, out: Uint8Array) => void;

const OPS: Record<Cmp, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '===', neq: '!==' };
const scalarKernels = new Map<string, ScalarKernel>();

/**
 * Column vs scalar, the common case: eight rows at a time into one byte, branch-free. One kernel
 * is generated per operator and array type, so every loop stays monomorphic; readable form:
 * `for (i) if (x[i] > s) out[i >> 3] |= 1 << (i & 7)`.
 */
function compareToScalar(f: Cmp, x: ArrayLike<number>, s: number, n: number, out: Uint8Array): void {
  const key = `${f}:${x.constructor.name}`;
  let k = scalarKernels.get(key);
  if (k === undefined) {
    const op = OPS[f];
    const bits = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => `((x[b + ${j}] ${op} s) << ${j})`).join(' | ');
    k = new Function(
      'x',
      's',
      'n',
      'out',
      `const full = n & ~7;
       for (let b = 0; b < full; b += 8) out[b >> 3] = ${bits};
       for (let i = full; i < n; i++) if (x[i] ${op} s) out[i >> 3] |= 1 << (i & 7);`,
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
