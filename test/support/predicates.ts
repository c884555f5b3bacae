/**
 * Random predicate trees over a frame spec: comparisons of columns with columns (same family, any
 * dtypes) and with literals of every dtype (the column's own values often, so equality hits),
 * null tests, `isIn`, `between`, boolean columns, the null literal, and `and` / `or` / `not` over
 * them.
 */
import fc from 'fast-check';
import type { AnyDType } from '../../src/index.js';
import { valueArb } from './arbitraries.js';
import { SAFE_INT64 } from './knobs.js';
import { isInt, type ColumnSpec, type FrameSpec } from './frame-specs.js';
import { betweenP, cmpP, colP, familyOf, isInP, litP, literalOf, logicP, notP, nullTestP, type CmpOp, type Pair } from './pairs.js';

const CMP: readonly CmpOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];

type Lit = number | bigint | string | boolean | Date;

/** A non-null literal of a column's family: one of its values or a random value of its dtype. */
export function literalArb(c: ColumnSpec): fc.Arbitrary<Lit> {
  const own = c.values.filter((v) => v !== null);
  const source = own.length > 0 ? fc.oneof(fc.constantFrom(...own), valueArb(c.dtype)) : valueArb(c.dtype);
  return fc.tuple(source, fc.boolean()).map(([v, big]) => literalOf(v, c.dtype, big && isInt(c.dtype.kind)) as Lit);
}

/** Literals for a float column sometimes come as integers, for an int column sometimes as floats. */
function crossLiteralArb(dt: AnyDType): fc.Arbitrary<Lit> | null {
  if (familyOf(dt.kind) !== 'number') return null;
  return fc.constantFrom<Lit>(0, -0, 0.5, -1, 2.5, NaN, Infinity, -Infinity, 9007199254740992, SAFE_INT64 ? 9007199254740991n : 9007199254740993n, 2147483648, 1e300);
}

function leafArb(spec: FrameSpec): fc.Arbitrary<Pair> {
  const cols = spec.columns;
  const options: fc.Arbitrary<Pair>[] = [];
  if (cols.length === 0) return fc.constant(litP(true));
  const anyCol = fc.constantFrom(...cols);
  const op = fc.constantFrom(...CMP);
  // Column OP literal.
  options.push(anyCol.chain((c) => fc.tuple(op, literalArb(c), fc.boolean()).map(([o, v, flip]) => (flip ? cmpP(o, litP(v), colP(c)) : cmpP(o, colP(c), litP(v))))));
  // Column OP literal of another numeric shape.
  const numeric = cols.filter((c) => familyOf(c.dtype.kind) === 'number');
  if (numeric.length > 0) {
    options.push(fc.constantFrom(...numeric).chain((c) => fc.tuple(op, crossLiteralArb(c.dtype)!).map(([o, v]) => cmpP(o, colP(c), litP(v)))));
  }
  // Column OP column of the same family.
  const pairs: [ColumnSpec, ColumnSpec][] = [];
  for (const a of cols) for (const b of cols) if (familyOf(a.dtype.kind) === familyOf(b.dtype.kind)) pairs.push([a, b]);
  options.push(fc.tuple(fc.constantFrom(...pairs), op).map(([[a, b], o]) => cmpP(o, colP(a), colP(b))));
  // Null tests.
  options.push(fc.tuple(anyCol, fc.constantFrom<'isNull' | 'isNotNull'>('isNull', 'isNotNull')).map(([c, o]) => nullTestP(o, colP(c))));
  // isIn and between.
  options.push(anyCol.chain((c) => fc.array(literalArb(c), { maxLength: 3 }).map((vs) => isInP(colP(c), vs))));
  options.push(anyCol.chain((c) => fc.tuple(literalArb(c), literalArb(c)).map(([lo, hi]) => betweenP(colP(c), litP(lo), litP(hi)))));
  // Boolean columns as they are, and the null literal.
  const bools = cols.filter((c) => c.dtype.kind === 'bool');
  if (bools.length > 0) options.push(fc.constantFrom(...bools).map((c) => colP(c)));
  options.push(fc.tuple(anyCol, op).map(([c, o]) => cmpP(o, colP(c), litP(null))));
  return fc.oneof(...options);
}

/** A random predicate tree of at most `depth` levels of `and` / `or` / `not`. */
export function predicateArb(spec: FrameSpec, depth = 3): fc.Arbitrary<Pair> {
  if (depth <= 0) return leafArb(spec);
  const sub = predicateArb(spec, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leafArb(spec) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), sub, sub).map(([o, a, b]) => logicP(o, a, b)) },
    { weight: 1, arbitrary: sub.map(notP) },
  );
}

/** A short label of a predicate for grouping mismatches: its operators and the dtypes it touches. */
export function predicateLabel(p: Pair, spec: FrameSpec): string {
  const ops = [...new Set(p.code.match(/\.(eq|neq|gt|gte|lt|lte|isNull|isNotNull|isIn|between|and|or|not)\(/g) ?? [])].map((s) => s.slice(1, -1));
  const used = spec.columns.filter((c) => p.code.includes(`col("${c.name}")`)).map((c) => c.dtype.kind);
  return `${ops.sort().join('/') || 'column'} on ${[...new Set(used)].sort().join(',') || 'literals'}`;
}
