import { describe, expect, it } from 'vitest';
import { DataFrame, ExpressionError, col, lit, when } from '../../../src/index.js';
import { MAX_EXPR_NESTING, outputName, show, type Expr } from '../../../src/ops/expr/expr.js';
import { nestedAggregation } from '../../../src/ops/expr/agg-broadcast.js';
import { exprFromWire, exprToWire } from '../../../src/ops/expr/wire.js';

const df = DataFrame.fromColumns({ x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], s: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] });

/** `x == 0 or x == 2 or … ` with `terms` terms, built as one chain of `.or`. */
function orChain(terms: number): Expr {
  let e = col('x').eq(0);
  for (let i = 1; i < terms; i++) e = e.or(col('x').eq(2 * i));
  return e;
}

/** `x == 0 or (x == 1 or (x == 2 …))`: arguments nested `depth` deep (the literal of `eq` is one level). */
function nestedOr(depth: number): Expr {
  let e = col('x').eq(depth);
  for (let i = depth - 2; i >= 0; i--) e = col('x').eq(i).or(e);
  return e;
}

describe('expression chains and nesting', () => {
  it('builds, prints, names, wires and evaluates a chain of 100,000 terms', () => {
    const e = orChain(100_000).alias('hit');
    const text = show(e.node);
    expect(text.startsWith('col("x").eq(0).or(col("x").eq(2)).or(')).toBe(true);
    expect(text.endsWith('.or(col("x").eq(199998)).alias("hit")')).toBe(true);
    expect(outputName(e.node)).toBe('hit');
    expect(nestedAggregation(e.node)).toBeUndefined();
    expect(df.filter(e).getColumn('x').toArray()).toEqual([0, 2, 4, 6, 8]);
    const short = orChain(20_000).alias('hit');
    expect(df.select(short).getColumn('hit').toArray()).toEqual([true, false, true, false, true, false, true, false, true, false]);
    expect(show(exprFromWire(exprToWire(short)).node)).toBe(show(short.node));
  });

  it('evaluates a 20,000-term chain in linear time (messages are printed only for errors)', () => {
    // Printing every sub-expression up front made this quadratic (minutes at this length).
    const t0 = performance.now();
    expect(df.filter(orChain(20_000)).height).toBe(5);
    expect(performance.now() - t0).toBeLessThan(4000);
  });

  it('names the failing sub-expression of a long chain in its error', () => {
    const e = orChain(3000).or(col('s'));
    expect(() => df.filter(e)).toThrow(ExpressionError);
    expect(() => df.filter(e)).toThrow(/^col\("x"\)\.eq\(0\)\.or\(.*\.or\(col\("x"\)\.eq\(5998\)\)\.or\(col\("s"\)\): expected booleans, got utf8 column "s"$/);
  });

  it(`nests arguments ${MAX_EXPR_NESTING} deep and refuses one more with an ExpressionError`, () => {
    expect(df.filter(nestedOr(MAX_EXPR_NESTING)).height).toBe(10);
    expect(() => nestedOr(MAX_EXPR_NESTING + 1)).toThrow(ExpressionError);
    expect(() => nestedOr(MAX_EXPR_NESTING + 1)).toThrow(/nests 1001 expressions deep, beyond the limit of 1000/);
    expect(() => nestedOr(5000)).toThrow(ExpressionError);
  });

  it('counts fillNull values, when branches and aggregations inside aggregations as nesting', () => {
    let f: Expr = col('x');
    for (let i = 0; i < MAX_EXPR_NESTING; i++) f = col('x').fillNull(f);
    expect(() => col('x').fillNull(f)).toThrow(ExpressionError);
    let w: Expr = lit(1);
    for (let i = 1; i < MAX_EXPR_NESTING; i++) w = when(col('x').gt(i)).then(w).otherwise(0);
    expect(() => when(col('x').gt(0)).then(w)).toThrow(ExpressionError);
    let a: Expr = col('x');
    for (let i = 0; i < MAX_EXPR_NESTING; i++) a = a.sum();
    expect(() => a.sum()).toThrow(ExpressionError);
  });

  it('builds a conditional of 20,000 branches in linear time and takes its first true branch', () => {
    // Copying the branch list (and measuring its nesting) at every .then() made this quadratic.
    const t0 = performance.now();
    let w = when(col('x').eq(0)).then(0);
    for (let i = 1; i < 20_000; i++) w = w.when(col('x').eq(i % 10)).then(i);
    const e = w.otherwise(-1);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(e.node.op === 'when' && e.node.branches.length).toBe(20_000);
    expect(df.select(e.alias('y')).getColumn('y').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(show(exprFromWire(exprToWire(e)).node)).toBe(show(e.node));
  });

  it('counts the nesting of a later branch of a long conditional', () => {
    let deep: Expr = lit(1);
    for (let i = 0; i < MAX_EXPR_NESTING; i++) deep = col('x').fillNull(deep);
    const w = when(col('x').eq(0)).then(0).when(col('x').eq(1)).then(1);
    expect(() => w.when(col('x').eq(2)).then(deep)).toThrow(ExpressionError);
    expect(() => w.when(col('x').eq(2)).then(1).otherwise(deep)).toThrow(ExpressionError);
  });

  it('refuses a too deeply nested tree arriving as plain data', () => {
    const wire = exprToWire(nestedOr(MAX_EXPR_NESTING));
    const deeper = { op: 'binary', fn: 'or', left: col('x').eq(-1).node, right: wire } as unknown as Parameters<typeof exprFromWire>[0];
    expect(() => exprFromWire(deeper)).toThrow(ExpressionError);
  });
});
