/**
 * A top-level view column whose batches pass 2 GiB becomes largeUtf8 / largeBinary: every batch
 * widened to 64-bit offsets so they join as one column.
 */
import { describe, expect, it } from 'vitest';
import { LargeUtf8, Utf8, vectorFromArray } from 'apache-arrow';
import { nullable, utf8 } from '../../../src/index.js';
import { widenViews } from '../../../src/codec/ipc/decode-convert.js';
import { concatData } from '../../../src/column/concat-data.js';
import { logicalData } from '../../support/logical.js';

describe('widenViews', () => {
  it('keeps a view column whose batches all fit 32-bit offsets', () => {
    expect(widenViews(utf8(), [vectorFromArray(['a'], new Utf8()).data[0]!])).toBeUndefined();
  });

  it('widens every batch to 64-bit offsets once one batch is large, and the batches join', () => {
    const small = vectorFromArray(['a', null, 'bc'], new Utf8()).data[0]!.slice(1, 2);
    const large = vectorFromArray(['dé', ''], new LargeUtf8()).data[0]!;
    const wide = widenViews(nullable(utf8()), [small, large])!;
    expect(String(wide.dtype)).toBe('largeUtf8?');
    expect(wide.parts.every((d) => d.valueOffsets instanceof BigInt64Array)).toBe(true);
    expect(logicalData(concatData(wide.parts, wide.dtype), wide.dtype)).toEqual([null, 'bc', 'dé', '']);
  });
});
