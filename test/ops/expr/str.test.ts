import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, ExpressionError, categorical, col, int32, lit, nullable, utf8, type Expr } from '../../../src/index.js';
import { dtypeOf, valuesOf } from '../../support/frames.js';

const words = ['Apple', 'banana', null, 'Cherry pie', '', 'née', 'ÀÉÎ', 'Straße', '😀 smile', 'a.c', 'abc', 'ΣΑΣ'];
const df = DataFrame.fromColumns(
  { s: words, c: words, i: words.map((_, k) => k) },
  { schema: { s: nullable(utf8()), c: nullable(categorical()), i: int32() } },
);
const out = (e: Expr, frame: DataFrame = df) => valuesOf(e, frame);
const dtype = (e: Expr, frame: DataFrame = df) => dtypeOf(e, frame);
/** The same operation on the utf8 and the categorical copy of the words. */
const both = (f: (e: Expr) => Expr) => {
  const a = out(f(col('s')));
  expect(out(f(col('c')))).toEqual(a);
  return a;
};

describe('str.contains', () => {
  it('treats a string pattern as a regular expression by default', () => {
    const e = (x: Expr) => x.str.contains('a.c');
    expect(both(e)).toEqual([false, false, null, false, false, false, false, false, false, true, true, false]);
  });

  it('matches a string pattern as plain text with { literal: true }', () => {
    expect(both((x) => x.str.contains('a.c', { literal: true }))).toEqual([false, false, null, false, false, false, false, false, false, true, false, false]);
    expect(both((x) => x.str.contains('an', { literal: true }))).toEqual([false, true, null, false, false, false, false, false, false, false, false, false]);
  });

  it('uses a RegExp as given, flags included, and ignores its g flag between rows', () => {
    expect(both((x) => x.str.contains(/^[a-c]/i))).toEqual([true, true, null, true, false, false, false, false, false, true, true, false]);
    const g = /b/g;
    const t = DataFrame.fromColumns({ s: ['b', 'b', 'b'] });
    expect(out(col('s').str.contains(g), t)).toEqual([true, true, true]);
    expect(out(col('s').str.contains(/b/y), t)).toEqual([true, true, true]);
  });

  it('finds multi-byte and astral text in the UTF-8 bytes', () => {
    expect(both((x) => x.str.contains('é', { literal: true }))).toEqual([false, false, null, false, false, true, false, false, false, false, false, false]);
    expect(both((x) => x.str.contains('😀', { literal: true }))).toEqual([false, false, null, false, false, false, false, false, true, false, false, false]);
  });

  it('does not match across the boundary of two rows', () => {
    const t = DataFrame.fromColumns({ s: ['xa', 'bx', 'ab', 'aab'] });
    expect(out(col('s').str.contains('ab', { literal: true }), t)).toEqual([false, false, true, true]);
  });

  it('gives true for every non-null row with an empty pattern', () => {
    expect(both((x) => x.str.contains('', { literal: true }))).toEqual(words.map((w) => (w === null ? null : true)));
  });

  it('reports an invalid regular expression, naming the expression', () => {
    expect(() => out(col('s').str.contains('a('))).toThrow(ExpressionError);
    expect(() => out(col('s').str.contains('a('))).toThrow(/^col\("s"\)\.str\.contains\("a\("\): invalid regular expression/);
  });
});

describe('str.startsWith / str.endsWith', () => {
  it('compares prefixes and suffixes, multi-byte included', () => {
    expect(both((x) => x.str.startsWith('Ch'))).toEqual([false, false, null, true, false, false, false, false, false, false, false, false]);
    expect(both((x) => x.str.endsWith('ße'))).toEqual([false, false, null, false, false, false, false, true, false, false, false, false]);
    expect(both((x) => x.str.startsWith('😀'))).toEqual([false, false, null, false, false, false, false, false, true, false, false, false]);
  });

  it('gives true for an empty affix and false for one longer than the string', () => {
    expect(both((x) => x.str.endsWith(''))).toEqual(words.map((w) => (w === null ? null : true)));
    expect(both((x) => x.str.startsWith('Apple pie'))[0]).toBe(false);
  });
});

describe('str.lower / str.upper', () => {
  it('maps case with Unicode rules (ß, final sigma, astral letters)', () => {
    expect(both((x) => x.str.lower())).toEqual(words.map((w) => (w === null ? null : w.toLowerCase())));
    expect(both((x) => x.str.upper())).toEqual(words.map((w) => (w === null ? null : w.toUpperCase())));
    const t = DataFrame.fromColumns({ s: ['ΣΑΣ', 'STRASSE', '𐐀', 'İ'] });
    expect(out(col('s').str.lower(), t)).toEqual(['σας', 'strasse', '𐐨', 'i̇']);
    expect(out(col('s').str.upper(), DataFrame.fromColumns({ s: ['straße', 'ﬁ'] }))).toEqual(['STRASSE', 'FI']);
  });

  it('gives utf8 for utf8 and categorical for categorical, merging equal results into one entry', () => {
    expect(dtype(col('s').str.lower())).toBe('utf8?');
    expect(dtype(col('c').str.lower())).toBe('categorical?');
    const t = DataFrame.fromColumns({ c: ['Ab', 'aB', 'AB', 'c', 'ab'] }, { schema: { c: categorical() } });
    const r = t.select(col('c').str.lower()).getColumn('c');
    expect(r.toArray()).toEqual(['ab', 'ab', 'ab', 'c', 'ab']);
    expect(r.access.dict).toEqual(['ab', 'c']);
  });
});

describe('str.length', () => {
  it('counts code points, not UTF-16 units, as int32', () => {
    expect(both((x) => x.str.length())).toEqual(words.map((w) => (w === null ? null : [...w].length)));
    const t = DataFrame.fromColumns({ s: ['😀', '👍🏽', 'e\u0301', '𝄞x'] });
    expect(out(col('s').str.length(), t)).toEqual([1, 2, 2, 2]);
    expect(dtype(col('s').str.length())).toBe('int32?');
    expect(dtype(col('c').str.length())).toBe('int32?');
  });
});

describe('str.slice', () => {
  const t = DataFrame.fromColumns({ s: ['abcdef', 'a😀b😀c', 'né', '', null] }, { schema: { s: nullable(utf8()) } });
  const sl = (start: number, length?: number) => {
    const a = out(col('s').str.slice(start, length), t);
    expect(out(col('s').cast(categorical()).str.slice(start, length), t)).toEqual(a);
    return a;
  };

  it('takes code points from start, all the rest when length is omitted', () => {
    expect(sl(1, 3)).toEqual(['bcd', '😀b😀', 'é', '', null]);
    expect(sl(2)).toEqual(['cdef', 'b😀c', '', '', null]);
    expect(sl(0, 0)).toEqual(['', '', '', '', null]);
    expect(sl(10, 2)).toEqual(['', '', '', '', null]);
  });

  it('counts a negative start from the end and clips the window to the string, as polars', () => {
    expect(sl(-2)).toEqual(['ef', '😀c', 'né', '', null]);
    expect(sl(-3, 2)).toEqual(['de', 'b😀', 'n', '', null]);
    expect(out(col('s').str.slice(-5, 3), DataFrame.fromColumns({ s: ['abc'] }))).toEqual(['a']);
    expect(sl(-100)).toEqual(['abcdef', 'a😀b😀c', 'né', '', null]);
    expect(sl(-100, 1)).toEqual(['', '', '', '', null]);
  });

  it('rejects a fractional start or a negative length', () => {
    expect(() => out(col('s').str.slice(1.5))).toThrow('col("s").str.slice(1.5): start must be an integer, got 1.5');
    expect(() => out(col('s').str.slice(0, -1))).toThrow(/length must be a non-negative integer/);
  });
});

describe('str.replace', () => {
  const t = DataFrame.fromColumns({ s: ['a-b-c', 'x', null, 'a.b.c', 'é-é'] }, { schema: { s: nullable(utf8()) } });
  const rep = (...args: Parameters<Expr['str']['replace']>) => {
    const a = out(col('s').str.replace(...args), t);
    expect(out(col('s').cast(categorical()).str.replace(...args), t)).toEqual(a);
    return a;
  };

  it('replaces the first match, or every match with { all: true }', () => {
    expect(rep('-', '+')).toEqual(['a+b-c', 'x', null, 'a.b.c', 'é+é']);
    expect(rep('-', '+', { all: true })).toEqual(['a+b+c', 'x', null, 'a.b.c', 'é+é']);
  });

  it('treats a string pattern as a regular expression unless literal', () => {
    expect(rep('.', '_')).toEqual(['_-b-c', '_', null, '_.b.c', '_-é']);
    expect(rep('.', '_', { literal: true, all: true })).toEqual(['a-b-c', 'x', null, 'a_b_c', 'é-é']);
  });

  it('substitutes groups for a regular expression and inserts a literal replacement as is', () => {
    expect(rep(/(\w)-/, '$1$1', { all: true })).toEqual(['aabbc', 'x', null, 'a.b.c', 'é-é']);
    expect(rep('-', '[$&]', { literal: true })).toEqual(['a[$&]b-c', 'x', null, 'a.b.c', 'é[$&]é']);
    expect(rep('-', '[$&]')).toEqual(['a[-]b-c', 'x', null, 'a.b.c', 'é[-]é']);
  });

  it('grows the result when replacements are longer than what they replace', () => {
    const long = DataFrame.fromColumns({ s: ['aaaa', 'a', 'bab'] });
    expect(out(col('s').str.replace('a', 'xyz'.repeat(20), { literal: true, all: true }), long)).toEqual(['aaaa', 'a', 'bab'].map((s) => s.replaceAll('a', 'xyz'.repeat(20))));
  });
});

describe('str on sliced frames, literals and wrong types', () => {
  it('reads a sliced frame from its offset', () => {
    const s = df.slice(5, 5);
    expect(out(col('s').str.length(), s)).toEqual([3, 3, 6, 7, 3]);
    expect(out(col('s').str.upper(), s)).toEqual(['NÉE', 'ÀÉÎ', 'STRASSE', '😀 SMILE', 'A.C']);
    expect(out(col('c').str.contains('e'), s)).toEqual([true, false, true, true, false]);
    expect(out(col('s').str.contains('e', { literal: true }), s)).toEqual([true, false, true, true, false]);
    expect(out(col('s').str.slice(-2), s)).toEqual(['ée', 'ÉÎ', 'ße', 'le', '.c']);
    expect(out(col('s').str.startsWith('n'), df.slice(2, 4))).toEqual([null, false, false, true]);
  });

  it('works on a string literal, and a null literal stays null', () => {
    expect(out(lit('Hello').str.upper(), df.head(2))).toEqual(['HELLO', 'HELLO']);
    expect(out(lit(null).str.length(), df.head(2))).toEqual([null, null]);
  });

  it('rejects a non-string input, naming the expression', () => {
    expect(() => out(col('i').str.lower())).toThrow(ExpressionError);
    expect(() => out(col('i').str.lower())).toThrow('col("i").str.lower(): expected strings, got int32 column "i"');
    expect(() => out(lit(5).str.length())).toThrow('5.str.length(): expected a string, got number');
  });

  it('prints as code', () => {
    expect(String(col('s').str.contains(/a+/gi))).toBe('col("s").str.contains(/a+/gi)');
    expect(String(col('s').str.contains('x', { literal: true }))).toBe('col("s").str.contains("x", { literal: true })');
    expect(String(col('s').str.replace('a', 'b', { all: true }))).toBe('col("s").str.replace("a", "b", { all: true })');
    expect(String(col('s').str.slice(-3, 2).eq('ab'))).toBe('col("s").str.slice(-3, 2).eq("ab")');
  });

  it('keeps the input column name', () => {
    expect(df.select(col('s').str.length()).columns).toEqual(['s']);
    expect(df.withColumns({ s: col('s').str.upper() }).getColumn('s').get(0)).toBe('APPLE');
  });
});

describe('str properties', () => {
  const strings = fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null }), { maxLength: 40 });

  it('str.length agrees with [...s].length, on utf8 and categorical', () => {
    fc.assert(
      fc.property(strings, (xs) => {
        const t = DataFrame.fromColumns({ s: xs, c: xs }, { schema: { s: nullable(utf8()), c: nullable(categorical()) } });
        const want = xs.map((s) => (s === null ? null : [...s].length));
        expect(out(col('s').str.length(), t)).toEqual(want);
        expect(out(col('c').str.length(), t)).toEqual(want);
      }),
    );
  });

  it('str.slice agrees with slicing the array of code points, on utf8 and categorical', () => {
    fc.assert(
      fc.property(strings, fc.integer({ min: -15, max: 15 }), fc.option(fc.nat(15), { nil: undefined }), (xs, start, length) => {
        const t = DataFrame.fromColumns({ s: xs, c: xs }, { schema: { s: nullable(utf8()), c: nullable(categorical()) } });
        const want = xs.map((s) => {
          if (s === null) return null;
          const cps = [...s];
          const from = start >= 0 ? start : cps.length + start;
          const to = length === undefined ? cps.length : from + length;
          return cps.slice(Math.max(0, from), Math.max(0, Math.min(to, cps.length))).join('');
        });
        expect(out(col('s').str.slice(start, length), t)).toEqual(want);
        expect(out(col('c').str.slice(start, length), t)).toEqual(want);
      }),
    );
  });

  it('byte-level contains / startsWith / endsWith / replace agree with the String methods', () => {
    const ab = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.option(ab, { nil: null }), { maxLength: 30 }), ab, (xs, p) => {
        const t = DataFrame.fromColumns({ s: xs }, { schema: { s: nullable(utf8()) } });
        const map = <T>(f: (s: string) => T) => xs.map((s) => (s === null ? null : f(s)));
        expect(out(col('s').str.contains(p, { literal: true }), t)).toEqual(map((s) => s.includes(p)));
        expect(out(col('s').str.startsWith(p), t)).toEqual(map((s) => s.startsWith(p)));
        expect(out(col('s').str.endsWith(p), t)).toEqual(map((s) => s.endsWith(p)));
        // An empty pattern matches between code points.
        const all = (s: string) => (p === '' ? [...s].map((ch) => `#${ch}`).join('') + '#' : s.replaceAll(p, () => '#'));
        expect(out(col('s').str.replace(p, '#', { literal: true, all: true }), t)).toEqual(map(all));
        expect(out(col('s').str.replace(p, '#', { literal: true }), t)).toEqual(map((s) => s.replace(p, () => '#')));
      }),
    );
  });
});
