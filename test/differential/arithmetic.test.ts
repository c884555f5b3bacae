/**
 * Arithmetic against DuckDB: add sub mul div mod between columns and literals of every numeric
 * dtype, neg abs floor ceil, round, and nested trees. Integer results are computed exactly on the
 * DuckDB side and wrapped as colframe's dtype rules say (difference 1); div is true division
 * (DuckDB 1.5 divides the same way in its default IEEE mode: ±Infinity / NaN); round rounds the
 * shortest decimal form (difference 3).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { float64Arb, frameArb, intValueArb, samples } from '../support/arbitraries.js';
import { Duck } from '../support/duckdb.js';
import { checkPairs } from '../support/evaluate.js';
import { INT_KINDS, FLOAT_KINDS, type ColumnSpec, type FrameSpec } from '../support/frame-specs.js';
import { Findings } from '../support/harness.js';
import { SAFE_INT64, runs, seedFor } from '../support/knobs.js';
import { arithP, colP, litP, roundP, unaryP, type ArithOp, type Pair, type UnaryOp } from '../support/pairs.js';
import { literalArb } from '../support/predicates.js';

const FILE = 'test/differential/arithmetic.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const NUMERIC = [...INT_KINDS, ...FLOAT_KINDS];
const OPS: readonly ArithOp[] = ['add', 'sub', 'mul', 'div', 'mod'];
const UNARY: readonly UnaryOp[] = ['neg', 'abs', 'floor', 'ceil'];

/** A numeric literal: small or extreme ints (int32 range → int32, beyond → bigint int64), floats. */
function numberLiteralArb(): fc.Arbitrary<Pair> {
  return fc
    .oneof(
      intValueArb('int32'),
      intValueArb('int64'),
      float64Arb(),
      fc.constantFrom<number | bigint>(0, -1, 2, 0n, -1n, 2147483647, -2147483648, ...(SAFE_INT64 ? [] : [2n ** 63n - 1n, -(2n ** 63n)])),
    )
    .map((v) => litP(v));
}

function operandArb(spec: FrameSpec): fc.Arbitrary<Pair> {
  const cols = spec.columns;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...cols).map((c) => colP(c)) },
    { weight: 1, arbitrary: numberLiteralArb() },
    { weight: 1, arbitrary: fc.constantFrom(...cols).chain((c: ColumnSpec) => literalArb(c).map((v) => litP(v as number | bigint))) },
  );
}

function exprArb(spec: FrameSpec, depth: number): fc.Arbitrary<Pair> {
  const leaf = operandArb(spec);
  const sub = depth <= 0 ? leaf : fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: exprArb(spec, depth - 1).filter((p) => p.dt !== null) });
  const binary = fc
    .tuple(fc.constantFrom(...OPS), sub, sub)
    .filter(([, a, b]) => !(a.isLit === true && b.isLit === true))
    .map(([op, a, b]) => arithP(op, a, b));
  // Unary operators take a column or an expression, not uint64 (whose wrapped results are left
  // open). Offered only when the frame has such a column, so the filter can be met.
  const columns = spec.columns.filter((c) => c.dtype.kind !== 'uint64');
  const unaryArg = depth > 0 ? sub : columns.length > 0 ? fc.constantFrom(...columns).map((c) => colP(c)) : leaf;
  const unary = fc
    .tuple(fc.constantFrom(...UNARY), unaryArg)
    .filter(([, a]) => a.isLit !== true && a.dt!.kind !== 'uint64')
    .map(([op, a]) => unaryP(op, a));
  const round = fc
    .tuple(sub, fc.constantFrom(0, 1, 2, 3, 6, -1, -2))
    .filter(([a, d]) => a.isLit !== true && !(d < 0 && (a.dt!.kind === 'int64' || a.dt!.kind === 'uint64')))
    .map(([a, d]) => roundP(a, d));
  return columns.length === 0 && depth <= 0
    ? fc.oneof({ weight: 5, arbitrary: binary }, { weight: 2, arbitrary: round })
    : fc.oneof({ weight: 5, arbitrary: binary }, { weight: 2, arbitrary: unary }, { weight: 2, arbitrary: round });
}

function label(p: Pair): string {
  return `${p.op ?? 'expr'} → ${p.dt?.kind ?? '?'}`;
}

const caseArb = frameArb({ kinds: NUMERIC, columns: { min: 1, max: 4 } }).chain((spec) =>
  fc.tuple(fc.constant(spec), fc.array(exprArb(spec, 1), { minLength: 10, maxLength: 10 })),
);

describe('arithmetic, differential against DuckDB', () => {
  it('add sub mul div mod neg abs floor ceil round give the values and dtypes decided, row by row', async () => {
    const name = 'arithmetic';
    const cases = samples(caseArb, name, runs(70));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, exprs]] of cases.entries()) await checkPairs(duck, findings, k, spec, exprs, label);
    findings.assertNone(cases.length);
  });
});
