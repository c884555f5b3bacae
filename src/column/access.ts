/**
 * Direct access to a column's Arrow buffers, and the per-dtype value readers chosen once per
 * column. Arrow JS conventions: fixed-width `values` and `valueOffsets` are already sliced to the
 * data's range (index `i` reads `values[i]`), while validity bitmaps and bit-packed booleans are
 * indexed at `data.offset + i`.
 */
import type { Data } from 'apache-arrow';
import { decodeDictionary, decodeUtf8, int64ToNumber, readerOf, type ReadMode, type ValueReader } from './readers.js';
import type { AnyDType } from '../dtype/dtype.js';

/** The raw buffers of one column, extracted once. */
export interface ColumnAccess {
  /** Values: numbers, bit-packed booleans, UTF-8 bytes, or dictionary codes. */
  readonly values: ArrayLike<number> | ArrayLike<bigint>;
  /** UTF-8 offsets (utf8 only). */
  readonly offsets: Int32Array | null;
  /** The validity bitmap, or `null` when the column has no nulls. */
  readonly validity: Uint8Array | null;
  /** Bit offset of row 0 in the validity bitmap and in bit-packed booleans. */
  readonly bitOffset: number;
  /** Decoded dictionary strings (categorical only). */
  readonly dict: readonly string[] | null;
  /** The column's data, dtype and name (for the readers of the kinds the hot paths do not inline). */
  readonly data: Data;
  readonly dtype: AnyDType;
  readonly name: string;
  /** Readers made so far, by mode. */
  readonly readers: { view?: ValueReader; plain?: ValueReader; json?: ValueReader };
}

/** The column's reader of non-null values in `mode`, made once. */
export function readerFor(a: ColumnAccess, mode: ReadMode): ValueReader {
  return (a.readers[mode] ??= mode === 'view' ? valueReader(a, a.dtype, a.name) : readerOf(a.data, a.dtype, a.name, mode));
}

const MS_PER_DAY = 86_400_000;

export { decodeDictionary, decodeUtf8, int64ToNumber } from './readers.js';

/** Extract a column's buffers for direct reads. */
export function accessOf(data: Data, dtype: AnyDType, name = ''): ColumnAccess {
  const hasNulls = data.nullCount > 0 && data.nullBitmap !== undefined && data.nullBitmap.length > 0;
  return {
    values: (data.values ?? new Uint8Array(0)) as ArrayLike<number>,
    offsets: dtype.kind === 'utf8' ? (data.valueOffsets as Int32Array) : null,
    validity: hasNulls ? (data.nullBitmap as Uint8Array) : null,
    bitOffset: data.offset,
    dict: dtype.kind === 'categorical' && data.dictionary ? decodeDictionary(data.dictionary) : null,
    data,
    dtype,
    name,
    readers: {},
  };
}

/** Whether row `i` is null. */
export function isNullAt(a: ColumnAccess, i: number): boolean {
  const v = a.validity;
  if (v === null) return false;
  const j = i + a.bitOffset;
  return (v[j >> 3]! & (1 << (j & 7))) === 0;
}

export type { ValueReader } from './readers.js';

/**
 * The reader of non-null values for a column (row-view mode); `column` names it in errors. The
 * data is needed for the kinds whose readers live in readers.ts (everything but the flat kinds
 * the hot paths inline).
 */
export function valueReader(a: ColumnAccess, dtype: AnyDType, column: string): ValueReader {
  const values = a.values;
  switch (dtype.kind) {
    case 'bool': {
      const bits = values as Uint8Array;
      const off = a.bitOffset;
      return (i) => {
        const j = i + off;
        return (bits[j >> 3]! & (1 << (j & 7))) !== 0;
      };
    }
    case 'int64':
    case 'uint64': {
      const big = values as BigInt64Array;
      if (dtype.int64 === 'bigint') return (i) => big[i];
      return (i) => int64ToNumber(big[i]!, column, i);
    }
    case 'utf8': {
      const bytes = values as Uint8Array;
      const offs = a.offsets!;
      return (i) => decodeUtf8(bytes, offs[i]!, offs[i + 1]!);
    }
    case 'categorical': {
      const codes = values as Uint8Array;
      const dict = a.dict!;
      return (i) => dict[codes[i]!];
    }
    case 'date': {
      const days = values as Int32Array;
      return (i) => new Date(days[i]! * MS_PER_DAY);
    }
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'float32':
    case 'float64': {
      const nums = values as Float64Array;
      return (i) => nums[i];
    }
    default:
      return readerOf(a.data, dtype, column, 'view');
  }
}
