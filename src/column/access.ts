/**
 * Direct access to a column's Arrow buffers, and the per-dtype value readers chosen once per
 * column. Arrow JS conventions: fixed-width `values` and `valueOffsets` are already sliced to the
 * data's range (index `i` reads `values[i]`), while validity bitmaps and bit-packed booleans are
 * indexed at `data.offset + i`.
 */
import type { Data, Vector } from 'apache-arrow';
import { Int64RangeError } from '../errors.js';
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
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
const MS_PER_DAY = 86_400_000;

type Utf8Slice = (this: Uint8Array, start: number, end: number) => string;
const nodeUtf8Slice = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slice }).utf8Slice;
const textDecoder = new TextDecoder('utf-8');

/**
 * Decode UTF-8 bytes `[start, end)` of `bytes` to a string. Uses Node's native slice (about twice
 * as fast as `TextDecoder` for short strings) when present. Invalid sequences become U+FFFD.
 */
export const decodeUtf8: (bytes: Uint8Array, start: number, end: number) => string =
  typeof nodeUtf8Slice === 'function'
    ? (bytes, start, end) => nodeUtf8Slice.call(bytes, start, end)
    : (bytes, start, end) => textDecoder.decode(bytes.subarray(start, end));

/** Decode every entry of a Utf8 dictionary vector (all chunks) into strings. */
export function decodeDictionary(dict: Vector): string[] {
  const out: string[] = new Array<string>(dict.length);
  let k = 0;
  for (const chunk of dict.data) {
    const offs = chunk.valueOffsets as Int32Array;
    const bytes = chunk.values as Uint8Array;
    for (let i = 0; i < chunk.length; i++) out[k++] = decodeUtf8(bytes, offs[i]!, offs[i + 1]!);
  }
  return out;
}

/** Extract a column's buffers for direct reads. */
export function accessOf(data: Data, dtype: AnyDType): ColumnAccess {
  const hasNulls = data.nullCount > 0 && data.nullBitmap !== undefined && data.nullBitmap.length > 0;
  return {
    values: (data.values ?? new Uint8Array(0)) as ArrayLike<number>,
    offsets: dtype.kind === 'utf8' ? (data.valueOffsets as Int32Array) : null,
    validity: hasNulls ? (data.nullBitmap as Uint8Array) : null,
    bitOffset: data.offset,
    dict: dtype.kind === 'categorical' && data.dictionary ? decodeDictionary(data.dictionary) : null,
  };
}

/** Whether row `i` is null. */
export function isNullAt(a: ColumnAccess, i: number): boolean {
  const v = a.validity;
  if (v === null) return false;
  const j = i + a.bitOffset;
  return (v[j >> 3]! & (1 << (j & 7))) === 0;
}

/** Convert a stored 64-bit integer to a number, throwing rather than rounding. */
export function int64ToNumber(v: bigint, column: string, row: number): number {
  if (v > MAX_SAFE || v < MIN_SAFE) throw new Int64RangeError(v, column, row);
  return Number(v);
}

/** A reader `(i) => value` for a non-null row, chosen once per dtype. */
export type ValueReader = (i: number) => unknown;

/** The reader of non-null values for a column; `column` names it in errors. */
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
    case 'timestamp': {
      const ms = values as BigInt64Array;
      return (i) => new Date(Number(ms[i]!));
    }
    default: {
      const nums = values as Float64Array;
      return (i) => nums[i];
    }
  }
}
