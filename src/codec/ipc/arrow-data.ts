/**
 * Small helpers over apache-arrow `Data` for every dtype: the Arrow type of a nested value built
 * from its children's actual types (a categorical child keeps the index width its data has),
 * the element stride of fixed-width kinds, validity bits, and empty data of any dtype.
 */
import { Vector, makeData, type Data, type DataType } from 'apache-arrow';
import { toArrowType } from '../../dtype/arrow.js';
import type { AnyDType } from '../../dtype/dtype.js';
import { arrowTypeWith } from '../../column/arrow-type.js';
import { bitmapBytes } from '../../util/bits.js';

export { arrowTypeWith, childFieldsOf as childFields } from '../../column/arrow-type.js';

/** Elements of the values array per value, for the fixed-width kinds (Arrow JS's stride). */
export function strideOf(d: AnyDType): number {
  switch (d.kind) {
    case 'decimal':
      return d.bitWidth! / 32;
    case 'interval':
      return d.unit === 'yearMonth' ? 1 : d.unit === 'dayTime' ? 2 : 4;
    case 'fixedSizeBinary':
      return d.size!;
    default:
      return 1;
  }
}

/** Whether bit `i` of a bitmap is set. */
export function bitAt(bits: Uint8Array, i: number): boolean {
  return (bits[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** Whether row `i` of `d` is valid (set in its validity bitmap, indexed at `d.offset + i`). */
export function validAt(d: Data, i: number): boolean {
  const bits = d.nullBitmap as Uint8Array | undefined;
  if (bits === undefined || bits.length === 0 || d.nullCount === 0) return true;
  return bitAt(bits, d.offset + i);
}

/** A validity bitmap of `n` rows from `valid(i)`, and its null count (`undefined` bitmap when none). */
export function bitmapOf(n: number, valid: (i: number) => boolean): { bits: Uint8Array | undefined; nulls: number } {
  const bits = new Uint8Array(bitmapBytes(n));
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (valid(i)) bits[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { bits: nulls > 0 ? bits : undefined, nulls };
}

/** `makeData` with the props of any type (apache-arrow's overloads want the exact type). */
export function dataOf(props: Record<string, unknown>): Data {
  return makeData(props as never) as Data;
}

/** Zero rows of dtype `d` (categoricals with an empty dictionary). */
export function emptyData(d: AnyDType): Data {
  switch (d.kind) {
    case 'null':
      return dataOf({ type: toArrowType(d), length: 0 });
    case 'utf8':
    case 'binary':
      return dataOf({ type: toArrowType(d), length: 0, data: new Uint8Array(0), valueOffsets: new Int32Array(1) });
    case 'largeUtf8':
    case 'largeBinary':
      return dataOf({ type: toArrowType(d), length: 0, data: new Uint8Array(0), valueOffsets: new BigInt64Array(1) });
    case 'categorical': {
      const dict = emptyData({ kind: 'utf8', nullable: false } as AnyDType);
      return dataOf({ type: toArrowType(d), length: 0, data: new Uint8Array(0), dictionary: vectorOf(dict) });
    }
    case 'list':
    case 'map':
    case 'largeList': {
      const child = emptyData(d.item!.dtype);
      const offsets = d.kind === 'largeList' ? new BigInt64Array(1) : new Int32Array(1);
      return dataOf({ type: arrowTypeWith(d, [child]), length: 0, valueOffsets: offsets, child });
    }
    case 'fixedSizeList': {
      const child = emptyData(d.item!.dtype);
      return dataOf({ type: arrowTypeWith(d, [child]), length: 0, child });
    }
    case 'struct': {
      const children = d.fields!.map((f) => emptyData(f.dtype));
      return dataOf({ type: arrowTypeWith(d, children), length: 0, children });
    }
    case 'union': {
      const children = d.fields!.map((f) => emptyData(f.dtype));
      return dataOf({ type: arrowTypeWith(d, children), length: 0, typeIds: new Int8Array(0), valueOffsets: new Int32Array(0), children });
    }
    case 'bool':
      return dataOf({ type: toArrowType(d), length: 0, data: new Uint8Array(0) });
    default: {
      const t = toArrowType(d) as DataType & { ArrayType: new (n: number) => ArrayBufferView };
      return dataOf({ type: t, length: 0, data: new t.ArrayType(0) });
    }
  }
}

/** A one-chunk Vector of `d` (a dictionary's values). */
export function vectorOf(d: Data): Vector {
  return new Vector([d]);
}
