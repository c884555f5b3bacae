import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Column } from '../../src/column/column.js';
import { FrameCore } from '../../src/core/frame-core.js';
import { DataFrame, SchemaError, categorical, int32, list, nullable, struct, union, utf8, type AnyDType } from '../../src/index.js';
import { concatData } from '../../src/column/concat-data.js';
import { nullableReader } from '../../src/column/readers.js';
import type { Data } from 'apache-arrow';
import { buffersIn } from '../support/build.js';
import { sharedAllocator } from '../../src/util/alloc.js';
import { everyKindFrame, everyKindRecords } from '../support/every-kind.js';
import { arrowData, frameOfRows, pick } from '../support/arrow-data.js';
import { nestedFrameArb } from '../support/nested-arbitraries.js';
import { seedFor } from '../support/knobs.js';

function records(dtype: AnyDType, data: ReturnType<typeof concatData>): unknown[] {
  return DataFrame.fromCore(new FrameCore([new Column('x', dtype, data)]))
    .toRecords()
    .map((r) => r.x);
}

describe('concatData', () => {
  const df = everyKindFrame();
  const rows = everyKindRecords();

  it('joins parts of every dtype kind, sliced parts and empty parts included', () => {
    const parts = [df.slice(4), df, df.slice(1, 2), df.head(0), df.slice(3, 1)];
    const cols = df.columns.map((name) => {
      const c = df.getColumn(name);
      return new Column(
        name,
        c.dtype,
        concatData(
          parts.map((p) => p.getColumn(name).data),
          c.dtype,
        ),
      );
    });
    const want = [...rows.slice(4), ...rows, ...rows.slice(1, 3), ...rows.slice(3, 4)];
    expect(DataFrame.fromCore(new FrameCore(cols)).toRecords()).toEqual(want);
  });

  it('merges categorical dictionaries inside nested data (a list of structs holding a categorical)', () => {
    const dt = list(struct({ tag: nullable(categorical()), n: int32() }));
    const a = arrowData(dt, [[{ tag: 'x', n: 1 }], [{ tag: null, n: 2 }]]);
    const b = arrowData(dt, [[{ tag: 'y', n: 3 }, { tag: 'x', n: 4 }]]);
    const out = concatData([a, b], dt);
    expect(records(dt, out)).toEqual([[{ tag: 'x', n: 1 }], [{ tag: null, n: 2 }], [{ tag: 'y', n: 3 }, { tag: 'x', n: 4 }]]);
    const tags = out.children[0]!.children[0]!;
    expect(tags.dictionary!.toArray()).toEqual(['x', 'y']);
  });

  it('widens merged dictionary codes past 256 entries, and names the wider type in the parents', () => {
    const dt = struct({ c: categorical() });
    const words = (from: number) => Array.from({ length: 200 }, (_, i) => ({ c: `w${from + i}` }));
    const out = concatData([arrowData(dt, words(0)), arrowData(dt, words(200))], dt);
    expect(out.children[0]!.values).toBeInstanceOf(Uint16Array);
    expect(String(out.type)).toContain('Uint16');
    expect(records(dt, out).at(-1)).toEqual({ c: 'w399' });
  });

  it('joins dense unions whose parts reference only part of their children', () => {
    const dt = union({ i: nullable(int32()), s: utf8() }, { mode: 'dense' });
    const a = arrowData(dt, [pick(0, 1), pick(1, 'a'), pick(0, 2), pick(1, 'b')]);
    const b = arrowData(dt, [pick(1, 'c'), pick(0, null)]);
    const out = concatData([a.slice(2, 2), b, a.slice(0, 1)], dt);
    expect(records(dt, out)).toEqual([2, 'b', 'c', null, 1]);
    expect(out.children[0]!.length + out.children[1]!.length).toBe(5); // only referenced child rows
  });

  it('puts its buffers where the allocator says', () => {
    const c = df.getColumn('nest');
    const out = concatData([c.data, c.data], c.dtype, sharedAllocator);
    expect(out.valueOffsets.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(out.children[0]!.children[1]!.valueOffsets.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('property: agrees with joining the rows of random slices of random nested frames', () => {
    fc.assert(
      fc.property(
        nestedFrameArb().chain((df) =>
          fc.tuple(
            fc.constant(df),
            fc.array(fc.tuple(fc.nat({ max: df.height }), fc.nat({ max: df.height })), { minLength: 1, maxLength: 4 }),
          ),
        ),
        ([df, cuts]) => {
          const rows = df.toRecords();
          const parts = cuts.map(([a, b]) => df.slice(Math.min(a, b), Math.abs(a - b)));
          const want = cuts.flatMap(([a, b]) => rows.slice(Math.min(a, b), Math.max(a, b)));
          expect(DataFrame.concat(parts).toRecords()).toEqual(want);
        },
      ),
      { seed: seedFor('concat-data'), numRuns: 150 },
    );
  });
});

describe('DataFrame.concat of every dtype kind', () => {
  const df = everyKindFrame();
  const rows = everyKindRecords();

  it('stacks frames vertically, nested columns included', () => {
    expect(DataFrame.concat([df.tail(2), df.head(3)]).toRecords()).toEqual([...rows.slice(4), ...rows.slice(0, 3)]);
  });

  it('fills a missing column of any dtype with nulls (diagonal)', () => {
    const a: DataFrame = df.select('st', 'du');
    const b: DataFrame = df.select('i16');
    const out = DataFrame.concat([a.head(1), b.head(2)], { how: 'diagonal' });
    expect(out.toRecords()).toEqual([
      { st: rows[0]!.st, du: rows[0]!.du, i16: null },
      { st: null, du: null, i16: 1 },
      { st: null, du: null, i16: 2 },
    ]);
    expect(String(out.schema.get('i16'))).toBe('int16?');
  });

  it('unifies nullability at any depth, and refuses other differences naming both dtypes', () => {
    const a = frameOfRows({ l: [list(int32()), [[1]]] });
    const b = frameOfRows({ l: [nullable(list(nullable(int32()))), [[null], null]] });
    const out = DataFrame.concat([a, b]);
    expect(String(out.schema.get('l'))).toBe('list<int32?>?');
    expect(out.toRecords()).toEqual([{ l: Int32Array.of(1) }, { l: [null] }, { l: null }]);
    const c = frameOfRows({ l: [list(utf8()), [['x']]] });
    expect(() => DataFrame.concat([a, c])).toThrow(SchemaError);
    expect(() => DataFrame.concat([a, c])).toThrow('concat: column "l" is list<int32> in one frame and list<utf8> in another; cast first');
  });
});

/** Every row of `data` as JSON text, read by the one reader per layout. */
function rowsJson(data: Data, dtype: AnyDType): string[] {
  const read = nullableReader(data, dtype, 'c', 'json');
  return Array.from({ length: data.length }, (_, i) => JSON.stringify(read(i)));
}

describe('concatData over slices of any layout', () => {
  it('property: any column of any layout, cut into slices, joins back to the same rows', () => {
    fc.assert(
      fc.property(nestedFrameArb({ maxRows: 10 }), fc.array(fc.nat(10), { maxLength: 3 }), (df, cuts) => {
        for (const c of df.getColumns()) {
          const n = c.length;
          const at = [...new Set([0, ...cuts.map((k) => Math.min(k, n)), n])].sort((a, b) => a - b);
          const parts = at.slice(1).map((end, k) => c.data.slice(at[k]!, end - at[k]!));
          if (parts.length < 2) parts.push(c.data.slice(n, 0));
          const joined = concatData(parts, c.dtype);
          expect(joined.length).toBe(n);
          expect(rowsJson(joined, c.dtype), String(c.dtype)).toEqual(rowsJson(c.data, c.dtype));
          expect(String(joined.type)).toBe(String(c.data.type));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('allocates every buffer of every child from the allocator; the rows are the parts\' rows in order', () => {
    fc.assert(
      fc.property(nestedFrameArb({ maxRows: 6 }), (df) => {
        for (const c of df.getColumns()) {
          const joined = concatData([c.data, c.data], c.dtype, sharedAllocator);
          for (const b of buffersIn(joined)) expect(b.buffer, String(c.dtype)).toBeInstanceOf(SharedArrayBuffer);
          expect(rowsJson(joined, c.dtype)).toEqual([...rowsJson(c.data, c.dtype), ...rowsJson(c.data, c.dtype)]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
