import { describe, expect, it } from 'vitest';
import { ExpressionError, InvalidValueError, binary, categorical, decimal, fixedSizeBinary, fixedSizeList, float64, int32, largeBinary, largeList, largeUtf8, list, nullType, nullable, struct, utf8, Decimal } from '../../../src/index.js';
import { frameOfRows } from '../../support/arrow-data.js';

const bytes = (...xs: number[]) => Uint8Array.from(xs);

describe('cast between byte layouts', () => {
  const df = frameOfRows({
    s: [nullable(utf8()), ['hé', '', null, '😀']],
    b: [binary(), [bytes(104, 105), bytes(255), bytes(), bytes(1, 2)]],
  });

  it('utf8 ↔ largeUtf8 and binary ↔ largeBinary keep the bytes (sliced inputs too)', () => {
    expect(df.cast({ s: largeUtf8() }).getColumn('s').toArray()).toEqual(['hé', '', null, '😀']);
    expect(df.slice(1).cast({ s: largeUtf8() }).cast({ s: utf8() }).getColumn('s').toArray()).toEqual(['', null, '😀']);
    expect(df.cast({ b: largeBinary() }).cast({ b: binary() }).getColumn('b').toArray()).toEqual([bytes(104, 105), bytes(255), bytes(), bytes(1, 2)]);
    expect(String(df.cast({ s: largeUtf8() }).schema.get('s'))).toBe('largeUtf8?');
  });

  it('text → bytes gives the UTF-8 bytes; bytes → text takes valid UTF-8 only', () => {
    expect(df.cast({ s: binary() }).getColumn('s').toArray()).toEqual([bytes(104, 195, 169), bytes(), null, bytes(240, 159, 152, 128)]);
    expect(df.cast({ b: utf8() }, { strict: false }).getColumn('b').toArray()).toEqual(['hi', null, '', '\x01\x02']);
    expect(() => df.cast({ b: utf8() })).toThrow('Column "b", row 1: ');
    expect(() => df.cast({ b: utf8() })).toThrow('does not fit utf8: not valid UTF-8');
    expect(frameOfRows({ c: [categorical(), ['x', 'yz']] }).cast({ c: binary() }).getColumn('c').toArray()).toEqual([bytes(120), bytes(121, 122)]);
  });

  it('bytes ↔ fixed-size binary checks the length', () => {
    expect(df.cast({ b: fixedSizeBinary(2) }, { strict: false }).getColumn('b').toArray()).toEqual([bytes(104, 105), null, null, bytes(1, 2)]);
    expect(() => df.cast({ b: fixedSizeBinary(2) })).toThrow(InvalidValueError);
    const fixed = frameOfRows({ f: [fixedSizeBinary(3), [bytes(1, 2, 3), bytes(0, 0, 0)]] });
    expect(fixed.cast({ f: largeBinary() }).getColumn('f').toArray()).toEqual([bytes(1, 2, 3), bytes(0, 0, 0)]);
  });
});

describe('cast lists and structs', () => {
  const df = frameOfRows({
    l: [nullable(list(nullable(int32()))), [[1, 2], null, [], [3, null], [4, 5]]],
    st: [struct({ a: int32(), b: utf8() }), [{ a: 1, b: '2' }, { a: 3, b: '4' }, { a: 5, b: 'x' }, { a: 7, b: '8' }, { a: 9, b: '1.5' }]],
  });

  it('casts the items of a list to another list kind and item dtype (a sliced list too)', () => {
    expect(df.cast({ l: largeList(nullable(float64())) }).getColumn('l').toArray()).toEqual([Float64Array.of(1, 2), null, Float64Array.of(), [3, null], Float64Array.of(4, 5)]);
    expect(df.slice(3).cast({ l: list(nullable(utf8())) }).getColumn('l').toArray()).toEqual([['3', null], ['4', '5']]);
    expect(df.cast({ l: list(nullable(decimal(5, 1))) }).getColumn('l').toArray()[0]).toEqual([new Decimal(10n, 1), new Decimal(20n, 1)]);
  });

  it('casts into a fixed-size list only lists of its size', () => {
    const out = df.cast({ l: fixedSizeList(nullable(int32()), 2) }, { strict: false });
    expect(out.toRecords().map((r) => r.l)).toEqual([Int32Array.of(1, 2), null, null, [3, null], Int32Array.of(4, 5)]);
    expect(() => df.cast({ l: fixedSizeList(nullable(int32()), 2) })).toThrow('Column "l", row 2: ');
    expect(out.cast({ l: list(nullable(int32())) }).getColumn('l').toArray()).toEqual([Int32Array.of(1, 2), null, null, [3, null], Int32Array.of(4, 5)]);
  });

  it('casts each field of a struct to the target field of the same name', () => {
    const out = df.cast({ st: struct({ a: float64(), b: nullable(float64()) }) }, { strict: false });
    expect(out.toRecords().map((r) => r.st)).toEqual([
      { a: 1, b: 2 },
      { a: 3, b: 4 },
      { a: 5, b: null },
      { a: 7, b: 8 },
      { a: 9, b: 1.5 },
    ]);
    expect(() => df.cast({ st: struct({ x: int32(), b: utf8() }) })).toThrow(ExpressionError);
    expect(() => df.cast({ st: struct({ x: int32(), b: utf8() }) })).toThrow("the struct's fields (a, b) are not the target's (x, b)");
  });

  it('casts a column of the null type to any dtype as nulls', () => {
    const n = frameOfRows({ n: [nullType(), [null, null]] });
    const out = n.cast({ n: list(utf8()) });
    expect([String(out.schema.get('n')), out.getColumn('n').toArray()]).toEqual(['list<utf8>?', [null, null]]);
  });
});
