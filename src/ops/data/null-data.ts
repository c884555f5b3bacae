/** Arrow data of `n` null rows of any dtype (the rows an outer join or a diagonal concat lacks). */
import { makeData, type Data } from 'apache-arrow';
import type { AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { allocTyped, heapAllocator, type Allocator } from '../../util/alloc.js';
import { childFields, clearBitmap, emptyDictionary, hasLargeOffsets, layoutOf, nestedType } from '../../column/layout.js';

/** Typed-array elements a row of a `fixed` layout holds, and their constructor. */
function fixedStorage(d: AnyDType): { ctor: Int32ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor | BigInt64ArrayConstructor | Float64ArrayConstructor | Float32ArrayConstructor; stride: number } {
  switch (d.kind) {
    case 'decimal':
      return { ctor: Uint32Array, stride: d.bitWidth! / 32 };
    case 'interval':
      return { ctor: Int32Array, stride: d.unit === 'yearMonth' ? 1 : d.unit === 'dayTime' ? 2 : 4 };
    case 'fixedSizeBinary':
      return { ctor: Uint8Array, stride: d.size! };
    case 'time':
      return { ctor: d.unit === 's' || d.unit === 'ms' ? Int32Array : BigInt64Array, stride: 1 };
    case 'int64':
    case 'uint64':
    case 'timestamp':
    case 'duration':
      return { ctor: BigInt64Array, stride: 1 };
    case 'float64':
      return { ctor: Float64Array, stride: 1 };
    case 'float32':
      return { ctor: Float32Array, stride: 1 };
    case 'int16':
    case 'uint16':
    case 'float16':
      return { ctor: Uint16Array, stride: 1 };
    case 'int8':
    case 'uint8':
    case 'categorical':
      return { ctor: Uint8Array, stride: 1 };
    default:
      return { ctor: Int32Array, stride: 1 };
  }
}

/**
 * Data of `n` rows of `dtype`, every row null (`valid` false) or every row the zero value (`valid`
 * true: 0, empty text, empty lists). Buffers are zeroed, from the allocator; the children of a null
 * row hold zero values (or nulls, where the child admits them).
 */
function blankData(dtype: AnyDType, n: number, valid: boolean, allocator: Allocator): Data {
  const type = toArrowType(dtype);
  const nullBitmap = valid ? undefined : clearBitmap(n, allocator);
  const nullCount = valid ? 0 : n;
  const child = (c: AnyDType, m: number) => blankData(c, m, !c.nullable, allocator);
  switch (layoutOf(dtype)) {
    case 'null':
      return makeData({ type, length: n, nullCount: n } as never);
    case 'bits':
      return makeData({ type, length: n, nullCount, nullBitmap, data: clearBitmap(n, allocator) } as never);
    case 'fixed': {
      const { ctor, stride } = fixedStorage(dtype);
      // A non-null categorical row needs a dictionary entry to name: the empty string.
      const dictionary = dtype.kind === 'categorical' ? emptyDictionary(valid && n > 0) : undefined;
      return makeData({ type, length: n, nullCount, nullBitmap, data: allocTyped(ctor, n * stride, allocator), dictionary } as never);
    }
    case 'binary': {
      const valueOffsets = hasLargeOffsets(dtype) ? allocTyped(BigInt64Array, n + 1, allocator) : allocTyped(Int32Array, n + 1, allocator);
      return makeData({ type, length: n, nullCount, nullBitmap, data: new Uint8Array(0), valueOffsets } as never);
    }
    case 'list': {
      const valueOffsets = hasLargeOffsets(dtype) ? allocTyped(BigInt64Array, n + 1, allocator) : allocTyped(Int32Array, n + 1, allocator);
      const c = child(childFields(dtype)[0]!.dtype, 0);
      return makeData({ type: nestedType(dtype, type, [c]), length: n, nullCount, nullBitmap, valueOffsets, child: c } as never);
    }
    case 'fixedList': {
      const c = child(childFields(dtype)[0]!.dtype, n * dtype.size!);
      return makeData({ type: nestedType(dtype, type, [c]), length: n, nullCount, nullBitmap, child: c } as never);
    }
    case 'struct': {
      const children = childFields(dtype).map((f) => child(f.dtype, n));
      return makeData({ type: nestedType(dtype, type, children), length: n, nullCount, nullBitmap, children } as never);
    }
    case 'sparseUnion':
    case 'denseUnion': {
      // A union has no validity of its own: a null row selects a child holding a null (the first
      // nullable child, else the first child).
      const fields = childFields(dtype);
      const pick = Math.max(0, fields.findIndex((f) => f.dtype.nullable));
      const dense = dtype.mode === 'dense';
      const children = fields.map((f, k) => {
        const rows = dense ? (k === pick ? n : 0) : n;
        return k === pick ? blankData(f.dtype, rows, valid && !f.dtype.nullable, allocator) : child(f.dtype, rows);
      });
      const typeIds = allocTyped(Int8Array, n, allocator);
      typeIds.fill(dtype.typeIds![pick]!);
      let valueOffsets: Int32Array | undefined;
      if (dense) {
        valueOffsets = allocTyped(Int32Array, n, allocator);
        for (let i = 0; i < n; i++) valueOffsets[i] = i;
      }
      return makeData({ type: nestedType(dtype, type, children), length: n, nullCount: 0, typeIds, valueOffsets, children } as never);
    }
  }
}

/**
 * Data of `n` null rows of `dtype` (made nullable by the caller): zeroed buffers, a cleared
 * validity bitmap, children holding zero values.
 * @example
 * ```ts
 * const d = nullData(nullable(list(int32())), 2);
 * [d.length, d.nullCount, new Column('x', nullable(list(int32())), d).toArray()]; // → [ 2, 2, [ null, null ] ]
 * ```
 */
export function nullData(dtype: AnyDType, n: number, allocator: Allocator = heapAllocator): Data {
  return blankData(dtype, n, false, allocator);
}
