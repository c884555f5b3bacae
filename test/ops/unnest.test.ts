import { describe, expect, it } from 'vitest';
import { DuplicateColumnError, SchemaError, float64, int32, list, nullable, struct, utf8 } from '../../src/index.js';
import { arrowFrame } from '../support/arrow-frames.js';
import { caught } from '../support/frames.js';

const df = arrowFrame({
  id: { dtype: int32(), values: [1, 2, 3] },
  p: { dtype: nullable(struct({ x: float64(), tag: nullable(utf8()) })), values: [{ x: 1.5, tag: 'a' }, null, { x: -2, tag: null }] },
  n: { dtype: int32(), values: [7, 8, 9] },
});

describe('unnest', () => {
  it('puts the fields in the struct\'s place, with the struct\'s nulls applied to each', () => {
    const out = df.unnest('p');
    expect(out.columns).toEqual(['id', 'x', 'tag', 'n']);
    expect(out.toRecords()).toEqual([
      { id: 1, x: 1.5, tag: 'a', n: 7 },
      { id: 2, x: null, tag: null, n: 8 },
      { id: 3, x: -2, tag: null, n: 9 },
    ]);
    expect(String(out.schema.get('x'))).toBe('float64?');
  });

  it('shares the field values with the struct (no copy)', () => {
    const out = df.unnest('p');
    expect(out.getColumn('x').data.values.buffer).toBe(df.getColumn('p').data.children[0]!.values.buffer);
  });

  it('unnests a struct of lists and a sliced frame', () => {
    const s = arrowFrame({ q: { dtype: struct({ xs: list(int32()), k: int32() }), values: [{ xs: [1], k: 1 }, { xs: [2, 3], k: 2 }, { xs: [], k: 3 }] } });
    const out = s.slice(1).unnest('q');
    expect(out.getColumn('k').toArray()).toEqual([2, 3]);
    expect(out.getColumn('xs').toArray().map((v) => Array.from(v as Int32Array))).toEqual([[2, 3], []]);
  });

  it('refuses field names that clash with other columns, naming them', () => {
    const clash = arrowFrame({
      x: { dtype: int32(), values: [1] },
      p: { dtype: struct({ x: int32(), tag: utf8() }), values: [{ x: 1, tag: 'a' }] },
      tag: { dtype: int32(), values: [2] },
    });
    const e = caught(() => clash.unnest('p'));
    expect(e).toBeInstanceOf(DuplicateColumnError);
    expect(e.message).toBe('Column "x" appears more than once after unnest("p"): names given twice: "x", "tag"; rename the clashing columns first');
  });

  it('refuses a column that is not a struct', () => {
    const e = caught(() => df.unnest('id'));
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.message).toBe('unnest: column "id" is int32, not a struct');
  });
});
