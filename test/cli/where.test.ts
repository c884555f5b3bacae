import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, col, lit, ColumnNotFoundError, ExpressionError, type Expr } from '../../src/index.js';
import { compileWhere, formatWhere, MAX_WHERE_NESTING, parseWhere } from '../../src/cli/where.js';

const df = DataFrame.fromColumns({
  n: [1, 5, null, -3, 10, 7],
  x: [0.5, -1.25, 3, null, 2.5, 1e21],
  s: ['Oslo', "it's", null, 'Rome', 'a"b', ''],
  b: [true, false, null, true, false, true],
  'unit price': [1, 2, 3, 4, 5, 6],
  d: [new Date('2024-01-01'), new Date('2024-03-01'), null, new Date('2023-12-31'), new Date('2024-06-30'), new Date('2024-02-29')],
});
const cols = { names: df.columns, dtypes: df.dtypes };
const where = (src: string): unknown[] => df.filter(compileWhere(src, cols)).toRecords().map((r) => r.n);

describe('--where', () => {
  it('compares columns with numbers, strings and booleans', () => {
    expect(where('n > 4')).toEqual([5, 10, 7]);
    expect(where('n >= 5 and n <= 7')).toEqual([5, 7]);
    expect(where("s == 'Oslo' or s = \"Rome\"")).toEqual([1, -3]);
    expect(where("s == 'it\\'s'")).toEqual([5]);
    expect(where('b == true')).toEqual([1, -3, 7]);
    expect(where('b')).toEqual([1, -3, 7]);
    expect(where('not b')).toEqual([5, 10]);
    expect(where('n <> 5 and n != 10')).toEqual([1, -3, 7]);
    expect(where('n > -4 and n < 0')).toEqual([-3]);
    expect(where('x > 1e20')).toEqual([7]);
    expect(where('.5 == x')).toEqual([1]);
  });

  it('gives and higher precedence than or, and parentheses override it', () => {
    expect(where('n == 1 or n == 5 and b')).toEqual([1]);
    expect(where('(n == 1 or n == 5) and not b')).toEqual([5]);
    expect(where('NOT (n > 1) AND n IS NOT NULL')).toEqual([1, -3]);
  });

  it('tests for null with is null, is not null, == null and != null', () => {
    expect(df.filter(compileWhere('n is null', cols)).height).toBe(1);
    expect(where('s is not null and x is null')).toEqual([-3]);
    expect(where('x == null')).toEqual([-3]);
    expect(where('null != x and n < 2')).toEqual([1]);
  });

  it('reads backticked names and compares date columns with date strings', () => {
    expect(where('`unit price` >= 5')).toEqual([10, 7]);
    expect(where("d >= '2024-02-29' and d < '2024-06-30'")).toEqual([5, 7]);
    expect(() => compileWhere("d > 'soon'", cols)).toThrow(/"soon" is not a date at position 5/);
  });

  it('names the position of a syntax error', () => {
    const cases: [string, RegExp][] = [
      ['n >', /found the end of the expression at position 4/],
      ['n > > 3', /expected a column or a value, found ">" at position 5/],
      ['(n > 3', /expected "\)" to close the "\(" at position 1/],
      ["s == 'abc", /unterminated string at position 6/],
      ['n > 3 n', /expected and, or or the end, found "n" at position 7/],
      ['n ! 3', /unexpected "!"/],
      ['n > 3;', /unexpected character ";" at position 6/],
      ['', /empty expression/],
      ['n is 3', /expected null after "is"/],
      ['n > 3abc', /malformed number/],
      ['and > 3', /quote a column named so/],
      ['n > null', /only == and != compare with null/],
    ];
    for (const [src, re] of cases) {
      expect(() => compileWhere(src, cols), src).toThrow(ExpressionError);
      expect(() => compileWhere(src, cols), src).toThrow(re);
    }
  });

  it('rejects an unknown column with the closest name', () => {
    expect(() => compileWhere('nn > 3', cols)).toThrow(ColumnNotFoundError);
    expect(() => compileWhere('ss == 1', cols)).toThrow(/Column "ss" not found. Did you mean "s"\?/);
  });

  it('never evaluates the text as JavaScript', () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    for (const src of ['globalThis.pwned = true', 'process.exit(1)', "n > 1 || (globalThis.pwned = true)", '`${1}`']) {
      expect(() => compileWhere(src, cols)).toThrow();
    }
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
  });

  it('parses a tree without a frame', () => {
    expect(parseWhere('a > 1 and b').kind).toBe('logic');
  });

  it('formatWhere prints expressions the parser reads back', () => {
    expect(formatWhere(col('n').gt(3).and(col('s').isNull().not()))).toBe('(n > 3) and (not (s is null))');
    expect(formatWhere(col('unit price').eq("it's"))).toBe("`unit price` == 'it\\'s'");
    expect(() => formatWhere(col('n').add(1))).toThrow(ExpressionError);
  });

  // Property: a random predicate printed in the --where language and parsed back filters the
  // frame exactly as the expression itself does.
  it('reads a chain of 30,000 or-terms and long runs of not', () => {
    const terms = Array.from({ length: 30_000 }, (_, i) => `n == ${i + 5}`).join(' or ');
    expect(where(terms)).toEqual([5, 10, 7]);
    expect(where(`${'not '.repeat(20_001)}(n > 4)`)).toEqual([1, -3]);
  });

  it(`reads parentheses nested ${MAX_WHERE_NESTING} deep and refuses deeper nesting naming the limit`, () => {
    const nested = (d: number): string => `${'('.repeat(d)}n > 4${')'.repeat(d)}`;
    expect(where(nested(MAX_WHERE_NESTING))).toEqual([5, 10, 7]);
    expect(() => parseWhere(nested(3000))).toThrow(ExpressionError);
    expect(() => parseWhere(nested(3000))).toThrow(/: parentheses nest deeper than 1000 levels, the limit at position 1001$/);
    expect(() => parseWhere(`n > 4 or ${'(n > 4 or '.repeat(1001)}n > 4${')'.repeat(1001)}`)).toThrow(/nest deeper than 1000 levels/);
  });

  it('formatWhere prints long chains flat, and the parser reads them back', () => {
    let e: Expr = col('n').eq(5);
    for (let i = 6; i < 20_000; i++) e = e.or(col('n').eq(i));
    let notted: Expr = col('n').gt(4);
    for (let i = 0; i < 5000; i++) notted = notted.not();
    const text = formatWhere(e);
    expect(text.startsWith('(n == 5) or (n == 6) or (n == 7)')).toBe(true);
    expect(df.filter(compileWhere(text, cols)).toRecords().map((r) => r.n)).toEqual([5, 10, 7]);
    expect(formatWhere(col('n').gt(1).not().not())).toBe('not not (n > 1)');
    expect(df.filter(compileWhere(formatWhere(notted), cols)).toRecords().map((r) => r.n)).toEqual([5, 10, 7]);
  });

  it('printing a random expression and parsing it back gives the same filter result', () => {
    const numCol = fc.constantFrom('n', 'x', 'unit price');
    const op = fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte') as fc.Arbitrary<'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'>;
    const num = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e22, max: 1e22 }));
    const str = fc.oneof(fc.constantFrom('Oslo', "it's", 'Rome', 'a"b', ''), fc.string({ maxLength: 6 }));
    const leaf: fc.Arbitrary<Expr> = fc.oneof(
      fc.tuple(numCol, op, num, fc.boolean()).map(([c, o, v, flip]) => (flip ? lit(v)[o](col(c)) : col(c)[o](v))),
      fc.tuple(op, str).map(([o, v]) => col('s')[o](v)),
      fc.tuple(fc.constantFrom('eq', 'neq') as fc.Arbitrary<'eq' | 'neq'>, fc.boolean()).map(([o, v]) => col('b')[o](v)),
      fc.constantFrom('n', 'x', 's', 'b').chain((c) => fc.boolean().map((neg) => (neg ? col(c).isNotNull() : col(c).isNull()))),
      fc.constant(col('b')),
      fc.tuple(numCol, op, numCol).map(([a, o, b]) => col(a)[o](col(b))),
    );
    const tree = fc.letrec<{ e: Expr }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => a.and(b)),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => a.or(b)),
        tie('e').map((a) => a.not()),
      ),
    })).e;
    fc.assert(
      fc.property(tree, (e) => {
        const text = formatWhere(e);
        const back = compileWhere(text, cols);
        expect(df.filter(back).toRecords(), text).toEqual(df.filter(e).toRecords());
      }),
      { numRuns: 300 },
    );
  });
});
