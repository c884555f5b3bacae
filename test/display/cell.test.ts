import { describe, expect, it } from 'vitest';
import {
  Binary,
  Dictionary,
  DurationMillisecond,
  Field,
  Float64,
  Int32,
  Int8,
  List,
  Struct,
  Union,
  UnionMode,
  Utf8,
  Vector,
  makeData,
  vectorFromArray,
} from 'apache-arrow';
import { cellFormatter, type CellOptions } from '../../src/display/cell.js';
import type { Column } from '../../src/column/column.js';
import {
  decimalVector,
  everyDtypeVectors,
  fixedVector,
  frameOf,
  listVector,
  structVector,
  timestampVector,
} from '../support/every-dtype.js';

/** The texts of every row of a column. */
function texts(c: Column, opts: CellOptions = {}): string[] {
  const t = cellFormatter(c.data, c.dtype, c.name, opts);
  return Array.from({ length: c.length }, (_, i) => t(i));
}

/** The texts of every row of one vector, as a frame column. */
function cells(v: Vector, opts: CellOptions = {}): string[] {
  return texts(frameOf({ v }).getColumn('v'), opts);
}

const EXPECTED: Record<string, string[]> = {
  null: ['null', 'null', 'null'],
  bool: ['true', 'null', 'false'],
  i8: ['-128', 'null', '127'],
  i64: ['9223372036854775807', 'null', '-9223372036854775808'],
  u64: ['18446744073709551615', 'null', '0'],
  f16: ['0.5', 'null', '65504.0'],
  f32: ['0.1', 'null', '-3.5'],
  f64: ['12.0', 'null', '1e-7'],
  dec: ['12.3400', 'null', '-0.0005'],
  str: ['Ada', 'null', String.raw`a\nb`],
  lstr: ['big', 'null', ''],
  bin: [String.raw`b"\x00\x01ab"`, 'null', 'b""'],
  lbin: [String.raw`b"\"\\"`, 'null', String.raw`b"\xff"`],
  fbin: [String.raw`b"\x01\x02"`, 'null', 'b"hi"'],
  cat: ['x', 'null', 'y'],
  date: ['2024-05-01', 'null', '+5881580-07-11'],
  ts_s: ['2024-05-01 10:00:00', 'null', '+146138514283-06-19 07:45:04'],
  ts_ms: ['2024-05-01 12:00:00.123+02:00', 'null', '1970-01-01 00:59:59.999+01:00'],
  ts_us: ['2024-05-01 10:00:00.123456', 'null', '2024-05-01 10:00:00'],
  ts_ns: ['2024-05-01 12:00:00.123456789+02:00', 'null', '1970-01-01 00:59:59.999999999+01:00'],
  t_s: ['10:30:00', 'null', '00:00:00'],
  t_ms: ['10:30:00.123', 'null', '23:59:59.999'],
  t_us: ['10:30:00.123456', 'null', '00:00:00'],
  t_ns: ['10:30:00.123456789', 'null', '00:00:00.000000001'],
  d_s: ['1d 2h 3m 4s', 'null', '-1m -30s'],
  d_ms: ['1d 2h 3m 4s 500ms', 'null', '0ms'],
  d_us: ['123µs', 'null', '1s 500ms'],
  d_ns: ['-5ns', 'null', '106751d 23h 47m 16s 854775807ns'],
  iv_ym: ['P1Y2M', 'null', 'P-1M'],
  iv_dt: ['P3DT0.004S', 'null', 'P0D'],
  iv_mdn: ['P1M2DT0.000000003S', 'null', 'PT-0.000000001S'],
  list: ['[1.0, 2.0]', 'null', '[]'],
  list_str: [String.raw`["a", "b\"c"]`, '[null]', '[]'],
  nested: ['[[1], [2, 3]]', '[null, []]', 'null'],
  fsl: ['[1, 2]', 'null', '[null, 4]'],
  struct: ['{a: 1, b: "x"}', 'null', '{a: null, b: "<&>"}'],
  map: ['{"a": 1, "b": null}', 'null', '{}'],
  union: ['7', 'null', 'u<v>'],
};

describe('cellFormatter: every dtype', () => {
  const df = frameOf(everyDtypeVectors());

  it('has a case for every column of the every-dtype frame', () => {
    expect(df.columns).toEqual(Object.keys(EXPECTED));
  });

  for (const name of Object.keys(EXPECTED)) {
    it(`spells ${name} (${String(df.schema.get(name))}) values, nulls and edge values`, () => {
      expect(texts(df.getColumn(name))).toEqual(EXPECTED[name]);
    });
  }

  it('spells a slice of each column as the same rows of the whole column', () => {
    const sliced = df.slice(1, 2);
    for (const name of df.columns) expect(texts(sliced.getColumn(name)), name).toEqual(EXPECTED[name]!.slice(1));
  });

  it('returns an empty text past the end of the column', () => {
    const c = df.getColumn('list');
    expect(cellFormatter(c.data, c.dtype, c.name)(3)).toBe('');
  });
});

describe('cellFormatter: values inside nested values', () => {
  it('spells timestamps inside lists exactly, in their zone with its offset', () => {
    const ts = timestampVector('ns', [1_714_557_600_123_456_789n, null, -1n], 'Europe/Oslo');
    expect(cells(listVector(ts, [0, 2, 3]))).toEqual(['[2024-05-01 12:00:00.123456789+02:00, null]', '[1970-01-01 00:59:59.999999999+01:00]']);
  });

  it('spells timestamps and dates inside lists beyond a Date’s range exactly', () => {
    const ts = timestampVector('ms', [2n ** 62n, -(2n ** 62n)]);
    expect(cells(listVector(ts, [0, 2]))).toEqual(['[+146140482-04-24 15:36:27.904, -146136543-09-08 08:23:32.096]']);
  });

  it('quotes categories, spells decimals, bytes and durations inside lists as at the top level', () => {
    const cat = vectorFromArray(['x', 'y', null], new Dictionary(new Utf8(), new Int8()));
    expect(cells(listVector(cat, [0, 3]))).toEqual(['["x", "y", null]']);
    expect(cells(listVector(decimalVector(10, 4, [123_400n, null]), [0, 2]))).toEqual(['[12.3400, null]']);
    const bytes = vectorFromArray([new Uint8Array([0, 255]), new Uint8Array([104, 105])], new Binary());
    expect(cells(listVector(bytes, [0, 2]))).toEqual([String.raw`[b"\x00\xff", b"hi"]`]);
    const dur = fixedVector(new DurationMillisecond(), [1500n, -5n], BigInt64Array);
    expect(cells(listVector(dur, [0, 2]))).toEqual(['[1s 500ms, -5ms]']);
  });

  it('spells structs of lists and structs, with nulls at every level', () => {
    const inner = structVector({ x: vectorFromArray([1.5, null], new Float64()) }, [true, false]);
    const xs = listVector(vectorFromArray([1, 2, 3], new Int32()), [0, 3, 3]);
    const s = structVector({ xs, inner, 'two words': vectorFromArray(['a', null], new Utf8()) });
    expect(cells(s)).toEqual(['{xs: [1, 2, 3], inner: {x: 1.5}, "two words": "a"}', '{xs: [], inner: null, "two words": null}']);
  });

  it('writes struct fields in their own order', () => {
    const s = new Struct([new Field('b', new Int32(), true), new Field('a', new Utf8(), true)]);
    expect(cells(vectorFromArray([{ b: 1, a: 'z' }], s))).toEqual(['{b: 1, a: "z"}']);
  });

  it('escapes control characters and quotes in strings inside nested values', () => {
    const strs = vectorFromArray(['line\nbreak', 'tab\there', 'q"\\'], new Utf8());
    expect(cells(listVector(strs, [0, 3]), { maxItems: 5 })).toEqual([String.raw`["line\nbreak", "tab\there", "q\"\\"]`]);
  });

  it('spells the selected member of sparse and dense unions by its own dtype', () => {
    const type = new Union(UnionMode.Dense, [5, 9], [new Field('f', new Float64(), true), new Field('s', new Utf8(), true)] as unknown as Field<never>[]);
    const data = makeData({
      type,
      length: 4,
      nullCount: 0,
      typeIds: new Int8Array([5, 9, 5, 9]),
      valueOffsets: new Int32Array([0, 0, 1, 1]),
      children: [vectorFromArray([2, null], new Float64()).data[0]!, vectorFromArray(['a', 'b'], new Utf8()).data[0]!],
    });
    expect(cells(new Vector([data]))).toEqual(['2.0', 'a', 'null', 'b']);
    expect(cells(listVector(new Vector([data]), [0, 4]), { maxItems: 4 })).toEqual(['[2.0, "a", null, "b"]']);
  });
});

describe('cellFormatter: long and wide values', () => {
  it('shows the first 3 items of a list and how many more it has', () => {
    const items = vectorFromArray(Array.from({ length: 100 }, (_, i) => i + 1), new Int32());
    expect(cells(listVector(items, [0, 100, 100]))).toEqual(['[1, 2, 3, … 97 more]', '[]']);
    expect(cells(listVector(items, [0, 4]), { maxItems: 4 })).toEqual(['[1, 2, 3, 4]']);
    expect(cells(listVector(items, [0, 4]), { maxItems: 0 })).toEqual(['[… 4 more]']);
  });

  it('cuts strings inside nested values to maxStringLength, quotes included', () => {
    const strs = vectorFromArray(['x'.repeat(40)], new Utf8());
    expect(cells(listVector(strs, [0, 1]))).toEqual([`["${'x'.repeat(29)}…"]`]);
    expect(cells(listVector(strs, [0, 1]), { maxStringLength: 6 })).toEqual(['["xxx…"]']);
  });

  it('cuts a nested cell to 3 times maxStringLength', () => {
    const fields: Record<string, Vector> = {};
    for (let k = 0; k < 200; k++) fields[`field${k}`] = vectorFromArray([k], new Int32());
    const [text] = cells(structVector(fields), { maxStringLength: 10 });
    expect(text).toBe('{field0: 0, field1: 1, field2…');
    expect(text!.length).toBe(30);
  });

  it('cuts long bytes inside the quotes', () => {
    const bytes = vectorFromArray([new Uint8Array(1000).fill(0x41)], new Binary());
    expect(cells(bytes, { maxStringLength: 10 })).toEqual(['b"AAAAAA…"']);
  });

  it('reads only the items it shows of a huge list', () => {
    const n = 1_000_000;
    const child = vectorFromArray(['a', 'b', 'c'], new Utf8()).data[0]!;
    const big = makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: new Int32Array(n + 1).map((_, i) => Math.min(i, 3)), data: child.values });
    const list = new Vector([makeData({ type: new List(new Field('item', new Utf8(), true)), length: 1, nullCount: 0, valueOffsets: new Int32Array([0, n]), child: big })]);
    const t0 = performance.now();
    expect(cells(list)).toEqual(['["a", "b", "c", … 999997 more]']);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

describe('cellFormatter: categorical columns', () => {
  it('decodes only the entries it shows of a dictionary of a million strings', () => {
    const n = 1_000_000;
    const words = Array.from({ length: n }, (_, i) => `id-${i}`);
    const dictionary = vectorFromArray(words, new Utf8());
    const type = new Dictionary(new Utf8(), new Int32());
    const codes = makeData({ type, length: 3, nullCount: 1, nullBitmap: new Uint8Array([0b101]), data: new Int32Array([999_999, 0, 7]), dictionary });
    const c = frameOf({ v: new Vector([codes]) }).getColumn('v');
    const t0 = performance.now();
    expect(texts(c)).toEqual(['id-999999', 'null', 'id-7']);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe('cellFormatter: never throws', () => {
  it('prints ? for a union row whose type id names no member', () => {
    const type = new Union(UnionMode.Sparse, [0], [new Field('i', new Int32(), true)] as unknown as Field<never>[]);
    const data = makeData({ type, length: 2, nullCount: 0, typeIds: new Int8Array([0, 3]), children: [vectorFromArray([1, 2], new Int32()).data[0]!] });
    const c = frameOf({ u: new Vector([data]) }).getColumn('u');
    expect(texts(c)).toEqual(['1', '?']);
  });
});
