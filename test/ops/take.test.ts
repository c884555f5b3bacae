import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Field, makeData, makeVector, Table, Int32, Utf8, Union, UnionMode, vectorFromArray } from 'apache-arrow';
import {
  DataFrame,
  binary,
  decimal,
  fixedSizeBinary,
  fixedSizeList,
  float16,
  int32,
  interval,
  largeBinary,
  largeList,
  largeUtf8,
  list,
  map,
  nullable,
  struct,
  timestamp,
  utf8,
} from '../../src/index.js';
import { takeOrNull } from '../../src/ops/take.js';
import { arrowFrame } from '../support/arrow-frames.js';
import { plainList } from '../support/lists.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

const df = arrowFrame({
  dec: { dtype: nullable(decimal(30, 3)), values: [123456789012345678901234567n, null, -5n, 0n] },
  d32: { dtype: decimal(9, 2, { bitWidth: 32 }), values: [1n, -2n, 3n, 4n] },
  fsb: { dtype: nullable(fixedSizeBinary(2)), values: [b(1, 2), b(3, 4), null, b(5, 6)] },
  bin: { dtype: nullable(binary()), values: [b(), b(1), null, b(2, 3, 4)] },
  lbin: { dtype: largeBinary(), values: [b(9), b(), b(8, 7), b(6)] },
  lstr: { dtype: nullable(largeUtf8()), values: ['a', null, 'ü', ''] },
  h: { dtype: float16(), values: [1, -2, 0.5, 65504] },
  iv: { dtype: interval('dayTime'), values: [{ days: 1, milliseconds: 2 }, { days: -3, milliseconds: 4 }, { days: 0, milliseconds: 0 }, { days: 5, milliseconds: 6 }] },
  ts: { dtype: timestamp('ns'), values: [1n, 2n, 3n, -(2n ** 62n)] },
  ll: { dtype: nullable(largeList(nullable(int32()))), values: [[1, null], null, [], [4]] },
  fl: { dtype: nullable(fixedSizeList(utf8(), 2)), values: [['a', 'b'], null, ['c', 'd'], ['e', 'f']] },
  st: { dtype: nullable(struct({ x: int32(), l: list(utf8()) })), values: [{ x: 1, l: ['p'] }, { x: 2, l: [] }, null, { x: 4, l: ['q', 'r'] }] },
  m: { dtype: map(utf8(), nullable(int32())), values: [[['a', 1]], [], [['b', null], ['c', 3]], [['d', 4]]] },
});

function values(c: ReturnType<DataFrame['getColumn']>): unknown[] {
  return c.toArray().map(plainList);
}

describe('takeOrNull', () => {
  it('gathers rows of every layout by index, −1 giving a null (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 12 }), fc.integer({ min: 0, max: 2 }), (idx, from) => {
        const frame = df.slice(from);
        const ix = Int32Array.from(idx.map((i) => (i >= frame.height ? -1 : i)));
        for (const c of frame.getColumns()) {
          const all = values(c);
          const got = values(takeOrNull(c, ix));
          expect(got, c.name).toEqual(Array.from(ix, (i) => (i < 0 ? null : all[i])));
        }
      }),
    );
  });

  it('gathers sparse and dense unions', () => {
    for (const mode of [UnionMode.Sparse, UnionMode.Dense]) {
      const type = new Union(mode, [0, 1], [new Field('i', new Int32(), true), new Field('s', new Utf8(), true)]);
      const ids = Int8Array.of(0, 1, 1, 0);
      const dense = mode === UnionMode.Dense;
      const i = makeData({ type: new Int32(), length: dense ? 2 : 4, nullCount: 0, data: dense ? Int32Array.of(10, 40) : Int32Array.of(10, 0, 0, 40) });
      const s = vectorFromArray(dense ? ['x', 'y'] : ['', 'x', 'y', ''], new Utf8()).data[0]!;
      const data = makeData({ type, length: 4, nullCount: 0, typeIds: ids, valueOffsets: dense ? Int32Array.of(0, 0, 1, 1) : undefined, children: [i, s] } as never);
      const u = DataFrame.fromArrow(new Table({ u: makeVector(data) })).getColumn('u');
      expect(u.toArray()).toEqual([10, 'x', 'y', 40]);
      expect(takeOrNull(u, Int32Array.of(3, 2, -1, 0)).toArray()).toEqual([40, 'y', null, 10]);
    }
  });
});
