import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nestedFrameArb } from '../support/nested-arbitraries.js';
import type { Data } from 'apache-arrow';
import { DataFrame, categorical, float64, int32, list, nullable, struct, union, utf8 } from '../../src/index.js';

/** Independent sum: every typed array a column's Data references (children and dictionaries too), deduplicated by identity. */
function referencedBytes(datas: readonly Data[]): number {
  const seen = new Set<ArrayBufferView>();
  const visit = (d: Data) => {
    for (const b of [d.values, d.valueOffsets, d.nullBitmap, d.typeIds] as (ArrayBufferView | undefined)[]) {
      if (b && b.byteLength > 0) seen.add(b);
    }
    for (const c of d.children) visit(c);
    if (d.dictionary) for (const c of d.dictionary.data) visit(c);
  };
  datas.forEach(visit);
  let n = 0;
  for (const b of seen) n += b.byteLength;
  return n;
}

const frame = () =>
  DataFrame.fromColumns(
    {
      id: Array.from({ length: 1000 }, (_, i) => i),
      name: Array.from({ length: 1000 }, (_, i) => `name-${i}`),
      city: Array.from({ length: 1000 }, (_, i) => ['Oslo', 'Rome', 'Lima'][i % 3]!),
      note: Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? null : 'ok')),
    },
    { schema: { id: int32(), name: utf8(), city: categorical(), note: nullable(utf8()) } },
  );

describe('memoryUsage', () => {
  it('total equals the sum of the referenced Arrow buffers exactly', () => {
    const df = frame();
    const m = df.memoryUsage();
    expect(m.total).toBe(referencedBytes(df.getColumns().map((c) => c.data)));
    expect(m.retained).toBe(m.total);
    expect(m.spanned).toBe(m.total);
  });

  it('breaks each column down into values, offsets, validity and dictionary', () => {
    const m = frame().memoryUsage();
    expect(m.columns['id']).toEqual({ values: 4000, offsets: 0, validity: 0, dictionary: 0, total: 4000 });
    const nameBytes = Array.from({ length: 1000 }, (_, i) => `name-${i}`.length).reduce((a, b) => a + b, 0);
    expect(m.columns['name']).toEqual({ values: nameBytes, offsets: 4004, validity: 0, dictionary: 0, total: nameBytes + 4004 });
    // 3 dictionary entries of 4 bytes + 4 offsets of 4 bytes; uint8 codes.
    expect(m.columns['city']).toEqual({ values: 1000, offsets: 0, validity: 0, dictionary: 12 + 16, total: 1028 });
    expect(m.columns['note']!.validity).toBe(125);
  });

  it('counts a buffer shared by two columns once', () => {
    const df = frame();
    const city = df.getColumn('city');
    const twice = DataFrame.fromColumns({ a: city, b: city });
    const m = twice.memoryUsage();
    expect(m.columns['a']!.total + m.columns['b']!.total).toBe(2 * m.total);
    expect(m.total).toBe(city.data.values.byteLength + 28);
  });

  it('a slice reports what it keeps alive and what it spans', () => {
    const df = frame();
    const s = df.slice(100, 10);
    const m = s.memoryUsage();
    expect(m.retained).toBe(df.memoryUsage().retained);
    expect(m.total).toBe(referencedBytes(s.getColumns().map((c) => c.data)));
    // id 40 B, name bytes of rows 100..109 + 44 B offsets, city 10 B + dictionary, note 2 B of validity + 11 offsets + bytes.
    const nameBytes = Array.from({ length: 10 }, (_, i) => `name-${100 + i}`.length).reduce((a, b) => a + b, 0);
    const noteBytes = 9 * 2; // row 100 is null
    expect(m.spanned).toBe(40 + (nameBytes + 44) + (10 + 28) + (bitmapSpan(100, 10) + 44 + noteBytes));
  });

  it('an empty frame uses no bytes', () => {
    expect(DataFrame.fromColumns({}).memoryUsage()).toEqual({ columns: {}, total: 0, retained: 0, spanned: 0 });
  });
});

function bitmapSpan(offset: number, len: number): number {
  return ((offset + len + 7) >> 3) - (offset >> 3);
}

describe('memoryUsage of nested columns', () => {
  /** 1M rows of 0–9 items each (avg ~5) as one list<float64> column, built from typed arrays. */
  function bigList(): DataFrame {
    const rows = 1_000_000;
    const xs: (Float64Array | null)[] = new Array(rows);
    for (let i = 0; i < rows; i++) xs[i] = i % 97 === 0 ? null : new Float64Array(i % 10);
    return DataFrame.fromColumns({ xs }, { schema: { xs: nullable(list(float64())) } });
  }

  it('counts every buffer of a 1M-row list<float64> column: the sum of its Arrow buffers', () => {
    const df = bigList();
    const d = df.getColumn('xs').data;
    const m = df.memoryUsage();
    expect(m.total).toBe(d.byteLength); // apache-arrow's own sum over the data and its children
    expect(m.total).toBe(referencedBytes([d]));
    const items = d.children[0]!.length;
    expect(m.columns['xs']).toEqual({ values: items * 8, offsets: 4_000_004, validity: 125_000, dictionary: 0, total: items * 8 + 4_000_004 + 125_000 });
    expect(m.spanned).toBe(m.total);
    expect(m.retained).toBe(m.total);
  });

  it('counts every child of a struct column, and their validity', () => {
    const n = 1_000_000;
    const a = new Float64Array(n);
    const df = DataFrame.fromColumns(
      { s: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : { a: a[i]!, b: i % 5 === 0 ? null : i })) },
      { schema: { s: nullable(struct({ a: float64(), b: nullable(int32()) })) } },
    );
    const d = df.getColumn('s').data;
    const m = df.memoryUsage();
    expect(m.total).toBe(d.byteLength);
    expect(m.columns['s']).toEqual({ values: n * 8 + n * 4, offsets: 0, validity: 2 * 125_000, dictionary: 0, total: n * 12 + 250_000 });
  });

  it('counts union type ids and offsets, and categorical dictionaries inside a struct', () => {
    const df = DataFrame.fromColumns(
      { u: [1, 'a', 2], s: [{ c: 'x' }, { c: 'y' }, { c: 'x' }] },
      { schema: { u: union({ i: int32(), s: utf8() }, { mode: 'dense' }), s: struct({ c: categorical() }) } },
    );
    const m = df.memoryUsage();
    // type ids 3 B + offsets 12 B; ints 8 B; one string: 1 B + 8 B of offsets.
    expect(m.columns['u']).toEqual({ values: 8 + 1, offsets: 3 + 12 + 8, validity: 0, dictionary: 0, total: 32 });
    expect(m.columns['s']).toEqual({ values: 3, offsets: 0, validity: 0, dictionary: 2 + 12, total: 17 });
    expect(m.total).toBe(referencedBytes(df.getColumns().map((c) => c.data)));
  });

  it('a slice of a list column spans only its rows\' items', () => {
    const df = DataFrame.fromColumns({ xs: [[1, 2], [3], [4, 5, 6], []] }, { schema: { xs: list(float64()) } });
    // rows 1–2: 3 offsets and items 3, 4, 5, 6.
    expect(df.slice(1, 2).memoryUsage().spanned).toBe(3 * 4 + 4 * 8);
  });
});

describe('memoryUsage of any layout', () => {
  it('property: total is the sum of every distinct buffer of every child and dictionary; a rebuilt frame retains only that', () => {
    fc.assert(
      fc.property(nestedFrameArb(), (df) => {
        const m = df.memoryUsage();
        expect(m.total).toBe(referencedBytes(df.getColumns().map((c) => c.data)));
        for (const c of df.getColumns()) {
          const own = m.columns[c.name]!;
          expect(own.total).toBe(own.values + own.offsets + own.validity + own.dictionary);
        }
        // Built by builders, every buffer is exactly as long as it needs to be (its own
        // ArrayBuffer, no growth slack), and the rows span no more than that.
        const rebuilt = DataFrame.fromRecords(df.toRecords(), { schema: Object.fromEntries(df.columns.map((n) => [n, df.schema.get(n)!])) });
        const r = rebuilt.memoryUsage();
        expect(r.retained).toBe(r.total);
        expect(r.spanned).toBeLessThanOrEqual(r.total);
      }),
      { numRuns: 100 },
    );
  });
});
