/**
 * Which rows of a column are null, for every dtype: the validity bitmap for most, every row for
 * the null type (which has no bitmap), and for a union the validity of the child each row selects
 * (a union has no bitmap of its own).
 */
import type { Data } from 'apache-arrow';
import type { Column } from '../../column/column.js';
import type { AnyDType } from '../../dtype/dtype.js';
import { bitmapBytes } from '../../util/bits.js';
import { alignedBits } from '../expr/values.js';
import { childFields, isValidAt, validBits } from '../../column/layout.js';
import { unionChildIndex } from '../../column/layout.js';

/** Validity of `data` from row 0 (a view when aligned), or null when no row is null. */
export function rowValidity(data: Data, dtype: AnyDType): Uint8Array | null {
  const n = data.length;
  if (dtype.kind === 'null') return n === 0 ? null : new Uint8Array(bitmapBytes(n));
  if (dtype.kind === 'union') {
    const ids = data.typeIds as Int8Array;
    const offs = dtype.mode === 'dense' ? (data.valueOffsets as Int32Array) : null;
    const childOf = unionChildIndex(dtype);
    const fields = childFields(dtype);
    const kids = data.children.map((c, k) => rowValidity(c, fields[k]!.dtype));
    const out = new Uint8Array(bitmapBytes(n));
    let nulls = 0;
    for (let i = 0; i < n; i++) {
      const j = offs === null ? i : offs[i]!;
      if (isValidAt(kids[childOf[ids[i]!]!]!, 0, j)) out[i >> 3]! |= 1 << (i & 7);
      else nulls++;
    }
    return nulls === 0 ? null : out;
  }
  const bits = validBits(data);
  return bits === null ? null : alignedBits(bits, data.offset, n);
}

/** Number of null rows of `data` (unions and the null type included). */
export function nullCountOf(data: Data, dtype: AnyDType): number {
  if (dtype.kind === 'null') return data.length;
  if (dtype.kind !== 'union') return data.nullCount;
  const v = rowValidity(data, dtype);
  if (v === null) return 0;
  let valid = 0;
  for (let i = 0; i < data.length; i++) if ((v[i >> 3]! & (1 << (i & 7))) !== 0) valid++;
  return data.length - valid;
}

/**
 * The validity of a column from row 0, or null when no row is null: as {@link rowValidity}.
 * @example
 * ```ts
 * import { Null, Table, vectorFromArray } from 'apache-arrow';
 * const c = DataFrame.fromArrow(new Table({ n: vectorFromArray([null, null], new Null()) })).getColumn('n');
 * [c.data.nullBitmap, columnValidity(c)]; // → [ undefined, Uint8Array(1) [ 0 ] ]
 * ```
 */
export function columnValidity(c: Column): Uint8Array | null {
  return rowValidity(c.data, c.dtype);
}
