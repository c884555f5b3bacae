/**
 * Every Arrow type through readIPC / toIPC: apache-arrow's IPC of each type reads to the same
 * values, our IPC of it (file and stream, whole and sliced) reads back equal in colframe and in
 * apache-arrow.
 */
import { describe, expect, it } from 'vitest';
import { Table, tableFromIPC, tableToIPC, type Vector } from 'apache-arrow';
import { DataFrame, readIPCSync } from '../../../src/index.js';
import { arrowVectors } from '../../support/arrow-vectors.js';
import { logicalData } from '../../support/logical.js';

const vectors = arrowVectors();

/** apache-arrow's values as comparable JSON (bigints as text, maps as pairs, typed arrays as arrays). */
function arrowJson(v: Vector): string {
  return JSON.stringify(v.toArray(), (_k, x: unknown) => {
    if (typeof x === 'bigint') return String(x);
    if (x instanceof Map) return [...x];
    if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return Array.from(x as unknown as ArrayLike<unknown>, (y) => (typeof y === 'bigint' ? String(y) : y));
    if (x !== null && typeof x === 'object' && typeof (x as { toJSON?: unknown }).toJSON === 'function') return (x as { toJSON(): unknown }).toJSON();
    return x;
  });
}

function logical(df: DataFrame, name: string): unknown[] {
  const c = df.getColumn(name);
  return logicalData(c.data, c.dtype);
}

/** Types apache-arrow 21 reads back with its own values unchanged from what it wrote. */
const ARROW_READS = (name: string): boolean => !['decimal32', 'decimal64', 'nulls', 'monthDayNano', 'float16'].includes(name);

describe('readIPC / toIPC: every Arrow type', () => {
  for (const [name, v] of Object.entries(vectors)) {
    it(`${name}: apache-arrow's IPC reads to the same values, ours reads back equal, whole and sliced`, () => {
      const table = new Table({ [name]: v });
      const df = DataFrame.fromArrow(table);
      const want = logical(df, name);
      for (const format of ['file', 'stream'] as const) {
        const theirs = readIPCSync(tableToIPC(table, format), { int64: 'bigint' });
        expect(logical(theirs, name), 'apache-arrow bytes').toEqual(want);
        const ours = df.toIPC({ format });
        const back = readIPCSync(ours, { int64: 'bigint' });
        expect(String(back.schema.get(name))).toBe(String(theirs.schema.get(name)));
        expect(logical(back, name), 'our bytes').toEqual(want);
        const sliced = df.slice(1, 3);
        expect(logical(readIPCSync(sliced.toIPC({ format }), { int64: 'bigint' }), name), 'sliced').toEqual(want.slice(1, 4));
        expect(logical(readIPCSync(df.slice(3, 1).toIPC({ format }), { int64: 'bigint' }), name), 'last row').toEqual(want.slice(3));
        if (ARROW_READS(name)) {
          expect(arrowJson(tableFromIPC(ours).getChild(name)!), 'apache-arrow reading ours').toBe(arrowJson(v));
          expect(arrowJson(tableFromIPC(sliced.toIPC({ format })).getChild(name)!), 'apache-arrow reading our slice').toBe(arrowJson(v.slice(1, 4)));
        }
      }
    });
  }

  it('reads every type in one frame, each column a view over the input where its buffers allow', () => {
    const df = DataFrame.fromArrow(new Table(vectors));
    const bytes = df.toIPC();
    const back = readIPCSync(bytes, { int64: 'bigint' });
    expect(back.columns).toEqual(df.columns);
    for (const name of df.columns) expect(logical(back, name), name).toEqual(logical(df, name));
    expect((back.getColumn('decimal256').data.values as Uint32Array).buffer).toBe(bytes.buffer);
    expect((back.getColumn('list').data.children[0]!.values as Int32Array).buffer).toBe(bytes.buffer);
  });

  it('skips fields of any type left out with columns, without decoding them', () => {
    const df = DataFrame.fromArrow(new Table(vectors));
    const back = readIPCSync(df.toIPC(), { columns: ['structOfCategorical', 'int8'] });
    expect(back.columns).toEqual(['structOfCategorical', 'int8']);
    expect(logical(back, 'int8')).toEqual([1, null, -3, 4]);
    expect(logical(back, 'structOfCategorical')).toEqual([['x'], null, [null], ['x']]);
  });
});
