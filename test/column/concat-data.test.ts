import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatData } from '../../src/column/concat-data.js';
import { nullableReader } from '../../src/column/readers.js';
import { sharedAllocator } from '../../src/index.js';
import type { Data } from 'apache-arrow';
import type { AnyDType } from '../../src/dtype/dtype.js';
import { nestedFrameArb } from '../support/nested-arbitraries.js';
import { buffersIn } from '../support/build.js';

/** Every row of `data` as JSON text, read by the one reader per layout. */
function rowsJson(data: Data, dtype: AnyDType): string[] {
  const read = nullableReader(data, dtype, 'c', 'json');
  return Array.from({ length: data.length }, (_, i) => JSON.stringify(read(i)));
}

describe('concatData', () => {
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
