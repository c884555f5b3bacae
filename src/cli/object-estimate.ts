/**
 * An estimate of what a frame's rows would cost on the V8 heap as plain JavaScript objects, the
 * way `JSON.parse` or a CSV parser hands them out: one object per row in an array, numbers,
 * strings, booleans and nulls as values, dates as ISO text.
 *
 * The formula, for V8 as Node ships it (8-byte tagged slots; with pointer compression, a build
 * option Node leaves off, slots are 4 B and the sizes below shrink accordingly, which the estimate
 * follows from `process.config`):
 * - per row: 8 B for its slot in the array + an object of 24 B (map, properties, elements) + 8 B
 *   per property stored in the object;
 * - a number: 0 B when it is a small integer (a Smi: 32-bit signed, stored in the slot), else a
 *   16 B boxed double (HeapNumber);
 * - a string: a 16 B header (map, hash, length) + its characters (the UTF-8 byte length, one byte
 *   per character as for Latin-1 text), rounded up to 8 B; every value its own string, as parsers
 *   make them (no sharing between equal values);
 * - a date: its ISO text, 10 characters (32 B); a timestamp: 24 characters (40 B);
 * - booleans and nulls: 0 B (shared constants).
 * It leaves out hidden classes (shared by all rows) and `JSON.parse`'s sharing of some short equal
 * strings. `test/cli/object-estimate.test.ts` checks it against `process.memoryUsage().heapUsed`
 * after `gc()` (with `--expose-gc`): numbers, strings and mixed 100k-row frames came within 1%,
 * seattle-weather.csv within 10% (estimate above), the 1M-row synthetic CSV within 25% (above).
 */
import type { Column } from '../column/column.js';
import type { DataFrame } from '../frame/dataframe.js';

const COMPRESSED = (process.config.variables as { v8_enable_pointer_compression?: unknown }).v8_enable_pointer_compression === 1;
/** Bytes of a tagged slot (a pointer or a small integer). */
const TAGGED = COMPRESSED ? 4 : 8;
/** Bytes of the array slot and object header of one row. */
export const ROW_BYTES = TAGGED + 3 * TAGGED;
/** Bytes per property slot in a row object. */
export const PROPERTY_BYTES = TAGGED;
/** Bytes of a boxed double. */
export const HEAP_NUMBER_BYTES = COMPRESSED ? 12 : 16;
/** Bytes of a string's header (map, hash, length). */
export const STRING_HEADER_BYTES = TAGGED + 8;

const SMI_MIN = COMPRESSED ? -(2 ** 30) : -(2 ** 31);
const SMI_MAX = -SMI_MIN;

function stringBytes(chars: number): number {
  return (STRING_HEADER_BYTES + chars + TAGGED - 1) & ~(TAGGED - 1);
}

function isValid(bitmap: Uint8Array | null, i: number): boolean {
  return bitmap === null || (bitmap[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** Estimated bytes of one column's values as JS values (not counting the property slots). */
function columnBytes(c: Column): number {
  const data = c.data;
  const n = data.length;
  // Arrow slices values and offsets (indexed from 0); validity bitmaps are read from data.offset.
  const off = data.offset;
  const bitmap = data.nullBitmap !== undefined && data.nullBitmap !== null && data.nullBitmap.byteLength > 0 && data.nullCount > 0 ? (data.nullBitmap as Uint8Array) : null;
  const kind = c.dtype.kind;
  let bytes = 0;
  switch (kind) {
    case 'bool':
      return 0;
    case 'date':
      return (n - c.nullCount) * stringBytes(10);
    case 'timestamp':
      return (n - c.nullCount) * stringBytes(24);
    case 'utf8': {
      const offsets = data.valueOffsets as Int32Array;
      for (let i = 0; i < n; i++) if (isValid(bitmap, off + i)) bytes += stringBytes(offsets[i + 1]! - offsets[i]!);
      return bytes;
    }
    case 'categorical': {
      const dict = data.dictionary!.data[0]!;
      const dOffsets = dict.valueOffsets as Int32Array;
      const perCode = new Float64Array(dict.length);
      for (let k = 0; k < dict.length; k++) perCode[k] = stringBytes(dOffsets[k + 1]! - dOffsets[k]!);
      const codes = data.values as Uint8Array | Uint16Array | Int32Array;
      for (let i = 0; i < n; i++) if (isValid(bitmap, off + i)) bytes += perCode[codes[i]!]!;
      return bytes;
    }
    case 'int64':
    case 'uint64': {
      const v = data.values as BigInt64Array | BigUint64Array;
      const lo = BigInt(SMI_MIN);
      const hi = BigInt(SMI_MAX);
      for (let i = 0; i < n; i++) if (isValid(bitmap, off + i) && (v[i]! < lo || v[i]! >= hi)) bytes += HEAP_NUMBER_BYTES;
      return bytes;
    }
    default: {
      // int8 … uint32, float32, float64: a Smi when a small integer, else a HeapNumber.
      const v = data.values as Float64Array;
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if (isValid(bitmap, off + i) && !(x >= SMI_MIN && x < SMI_MAX && Math.floor(x) === x && !Object.is(x, -0))) bytes += HEAP_NUMBER_BYTES;
      }
      return bytes;
    }
  }
}

/** The estimate, whole and per row. */
export interface ObjectEstimate {
  /** Estimated heap bytes of the rows as JS objects. */
  readonly bytes: number;
  /** `bytes / height` (0 for an empty frame). */
  readonly perRow: number;
}

/**
 * Estimate what a frame's rows would take on the V8 heap as an array of plain objects (see the
 * formula at the top of this module). An estimate, not a measurement: expect the real heap to be
 * within a factor of about 1.5 of it.
 * @param df - The frame.
 * @example
 * ```ts
 * // On Node's default 8-byte slots:
 * estimateObjectBytes(DataFrame.fromColumns({ x: [1.5, 2.5], s: ['ab', 'cde'] })); // → { bytes: 176, perRow: 88 }
 * ```
 */
export function estimateObjectBytes(df: DataFrame): ObjectEstimate {
  let bytes = df.height * (ROW_BYTES + PROPERTY_BYTES * df.width);
  for (const c of df.getColumns()) bytes += columnBytes(c);
  return { bytes, perRow: df.height === 0 ? 0 : bytes / df.height };
}
