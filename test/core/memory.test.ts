import { describe, expect, it } from 'vitest';
import type { Data } from 'apache-arrow';
import { DataFrame, categorical, int32, nullable, utf8 } from '../../src/index.js';

/** Independent sum: every typed array a column's Data references, deduplicated by identity. */
function referencedBytes(datas: readonly Data[]): number {
  const seen = new Set<ArrayBufferView>();
  const visit = (d: Data) => {
    for (const b of [d.values, d.valueOffsets, d.nullBitmap] as (ArrayBufferView | undefined)[]) {
      if (b && b.byteLength > 0) seen.add(b);
    }
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
