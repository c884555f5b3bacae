/**
 * Value readers for every dtype, chosen once per column (and per child of a nested column): the
 * one place that knows how each Arrow layout turns into a JavaScript value. Three modes:
 * `view` (row getters: numeric lists as typed-array views of the child buffer, structs as nested
 * row views), `plain` (`toObject`/`toRecords`: structs as plain objects) and `json` (what
 * `JSON.stringify` should see: lists as arrays, bytes as base64 text).
 *
 * Arrow JS conventions: fixed-width `values` (and `valueOffsets`) are already sliced to the data's
 * range, `stride` values a row; validity bitmaps are indexed at `data.offset + i`; struct, sparse
 * union and fixed-size-list children are sliced with their parent, list and dense union children
 * are not (offsets point into them).
 */
import type { Data } from 'apache-arrow';
import { Int64RangeError } from '../errors.js';
import type { AnyDType } from '../dtype/dtype.js';
import { Decimal, Instant, type TimeUnit } from '../dtype/values.js';

/** How nested values are given: see the module comment. */
export type ReadMode = 'view' | 'plain' | 'json';

/** A reader `(i) => value` for a non-null row. */
export type ValueReader = (i: number) => unknown;

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

/** Convert a stored 64-bit integer to a number, throwing rather than rounding. */
export function int64ToNumber(v: bigint, column: string, row: number): number {
  if (v > MAX_SAFE || v < MIN_SAFE) throw new Int64RangeError(v, column, row);
  return Number(v);
}

/** Decode every entry of a Utf8 dictionary (all chunks) into strings. */
export function decodeDictionary(dict: { readonly data: readonly Data[]; readonly length: number }): string[] {
  const out: string[] = new Array<string>(dict.length);
  let k = 0;
  for (const chunk of dict.data) {
    const offs = chunk.valueOffsets as Int32Array;
    const bytes = chunk.values as Uint8Array;
    for (let i = 0; i < chunk.length; i++) out[k++] = decodeUtf8(bytes, offs[i]!, offs[i + 1]!);
  }
  return out;
}

const f16 = new Float32Array(1);
const f16bits = new Uint32Array(f16.buffer);

/**
 * The number an IEEE half-precision bit pattern holds (exact: every float16 is a float32).
 * @example
 * ```ts
 * float16ToNumber(0x3c00); // → 1
 * float16ToNumber(0xc000); // → -2
 * ```
 */
export function float16ToNumber(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) {
    if (frac === 0) return sign === 0 ? 0 : -0;
    const v = frac * 2 ** -24; // subnormal
    return sign === 0 ? v : -v;
  }
  f16bits[0] = exp === 0x1f ? sign | 0x7f800000 | (frac << 13) : sign | ((exp + 112) << 23) | (frac << 13);
  return f16[0]!;
}

/** The validity bitmap of `data` and its bit offset, or `null` when no row is null. */
export function validityOf(data: Data): { bits: Uint8Array; offset: number } | null {
  const bits = data.nullBitmap as Uint8Array | undefined;
  if (bits === undefined || bits.length === 0 || data.nullCount === 0) return null;
  return { bits, offset: data.offset };
}

/** Builds the nested row view of a struct (registered by the row-view module, which sits above this one). */
export type StructViewFactory = (data: Data, dtype: AnyDType, name: string) => ValueReader | null;
let structViews: StructViewFactory | null = null;

/** Register how struct values become row views (done once by core/row-view). */
export function registerStructViews(factory: StructViewFactory): void {
  structViews = factory;
}

/** The reader of values or nulls of `data` (a child array or a column), with its validity checked. */
export function nullableReader(data: Data, dtype: AnyDType, name: string, mode: ReadMode): ValueReader {
  const read = readerOf(data, dtype, name, mode);
  const v = validityOf(data);
  if (v === null) return read;
  const { bits, offset } = v;
  return (i) => {
    const j = i + offset;
    return (bits[j >> 3]! & (1 << (j & 7))) === 0 ? null : read(i);
  };
}

/** Whether a numeric item kind can be read as a typed-array view (`int64` only when read as bigint). */
function viewable(d: AnyDType): boolean {
  switch (d.kind) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'float32':
    case 'float64':
      return true;
    case 'int64':
    case 'uint64':
      return d.int64 === 'bigint';
    default:
      return false;
  }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Child items `[start, end)` of a list as its row value. */
function itemsReader(child: Data, item: AnyDType, name: string, mode: ReadMode): (start: number, end: number) => unknown {
  if (viewable(item)) {
    const values = child.values as Float64Array;
    const v = validityOf(child);
    const read = nullableReader(child, item, name, mode);
    return (start, end) => {
      if (v !== null) {
        for (let j = start; j < end; j++) {
          const b = j + v.offset;
          if ((v.bits[b >> 3]! & (1 << (b & 7))) === 0) {
            const out = new Array<unknown>(end - start);
            for (let k = start; k < end; k++) out[k - start] = read(k);
            return out;
          }
        }
      }
      const view = values.subarray(start, end);
      return mode === 'json' ? Array.from(view as ArrayLike<number>, (x) => (typeof x === 'bigint' ? String(x) : x)) : view;
    };
  }
  const read = nullableReader(child, item, name, mode);
  return (start, end) => {
    const out = new Array<unknown>(end - start);
    for (let k = start; k < end; k++) out[k - start] = read(k);
    return out;
  };
}

/** `unscaled` of a decimal stored in `stride` little-endian 32-bit words from word `w`. */
function decimalAt(words: Uint32Array, w: number, stride: number, bits: number): bigint {
  if (stride === 1) return BigInt(words[w]! | 0);
  let v = 0n;
  for (let k = stride - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[w + k]!);
  return BigInt.asIntN(bits, v);
}

/**
 * The reader of non-null values of `data` with dtype `dtype`; `name` names the column in errors.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ xs: [[1, 2], [3]] }, { schema: { xs: list(int32()) } }).getColumn('xs');
 * readerOf(c.data, c.dtype, 'xs', 'json')(0); // → [ 1, 2 ]
 * ```
 */
export function readerOf(data: Data, dtype: AnyDType, name: string, mode: ReadMode): ValueReader {
  const values = data.values as unknown;
  switch (dtype.kind) {
    case 'null':
      return () => null;
    case 'bool': {
      const bits = values as Uint8Array;
      const off = data.offset;
      return (i) => {
        const j = i + off;
        return (bits[j >> 3]! & (1 << (j & 7))) !== 0;
      };
    }
    case 'int64':
    case 'uint64':
    case 'duration': {
      const big = values as BigInt64Array;
      if (dtype.int64 === 'bigint') return mode === 'json' ? (i) => String(big[i]) : (i) => big[i];
      return (i) => int64ToNumber(big[i]!, name, i);
    }
    case 'float16': {
      const h = values as Uint16Array;
      return (i) => float16ToNumber(h[i]!);
    }
    case 'decimal': {
      const words = values as Uint32Array;
      const stride = dtype.bitWidth! / 32;
      const bits = dtype.bitWidth!;
      const scale = dtype.scale!;
      if (mode === 'json') return (i) => new Decimal(decimalAt(words, i * stride, stride, bits), scale).toString();
      return (i) => new Decimal(decimalAt(words, i * stride, stride, bits), scale);
    }
    case 'utf8': {
      const bytes = values as Uint8Array;
      const offs = data.valueOffsets as Int32Array;
      return (i) => decodeUtf8(bytes, offs[i]!, offs[i + 1]!);
    }
    case 'largeUtf8': {
      const bytes = values as Uint8Array;
      const offs = data.valueOffsets as unknown as BigInt64Array;
      return (i) => decodeUtf8(bytes, Number(offs[i]!), Number(offs[i + 1]!));
    }
    case 'binary':
    case 'largeBinary': {
      const bytes = values as Uint8Array;
      const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
      const big = dtype.kind === 'largeBinary';
      const at = big ? (k: number) => Number(offs[k] as bigint) : (k: number) => offs[k] as number;
      if (mode === 'json') return (i) => toBase64(bytes.subarray(at(i), at(i + 1)));
      return (i) => bytes.subarray(at(i), at(i + 1));
    }
    case 'fixedSizeBinary': {
      const bytes = values as Uint8Array;
      const w = dtype.size!;
      if (mode === 'json') return (i) => toBase64(bytes.subarray(i * w, i * w + w));
      return (i) => bytes.subarray(i * w, i * w + w);
    }
    case 'categorical': {
      const codes = values as Uint8Array;
      const dict = data.dictionary === undefined ? [] : decodeDictionary(data.dictionary);
      return (i) => dict[codes[i]!];
    }
    case 'date': {
      const days = values as Int32Array;
      return (i) => new Date(days[i]! * MS_PER_DAY);
    }
    case 'timestamp':
      return timestampReader(values as BigInt64Array, (dtype.unit ?? 'ms') as TimeUnit, mode);
    case 'time': {
      const t = values as ArrayLike<number | bigint>;
      return dtype.unit === 'us' || dtype.unit === 'ns' ? (i) => Number(t[i] as bigint) : (i) => t[i] as number;
    }
    case 'interval': {
      const v = values as Int32Array;
      if (dtype.unit === 'yearMonth') return (i) => ({ months: v[i]! });
      if (dtype.unit === 'dayTime') return (i) => ({ days: v[2 * i]!, milliseconds: v[2 * i + 1]! });
      return (i) => {
        const ns = BigInt.asIntN(64, (BigInt(v[4 * i + 3]! >>> 0) << 32n) | BigInt(v[4 * i + 2]! >>> 0));
        return { months: v[4 * i]!, days: v[4 * i + 1]!, nanoseconds: mode === 'json' ? String(ns) : ns };
      };
    }
    case 'list':
    case 'largeList': {
      const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
      const items = itemsReader(data.children[0]!, dtype.item!.dtype, name, mode);
      if (dtype.kind === 'largeList') return (i) => items(Number(offs[i]!), Number(offs[i + 1]!));
      const o = offs as Int32Array;
      return (i) => items(o[i]!, o[i + 1]!);
    }
    case 'fixedSizeList': {
      const n = dtype.size!;
      const items = itemsReader(data.children[0]!, dtype.item!.dtype, name, mode);
      return (i) => items(i * n, i * n + n);
    }
    case 'struct': {
      if (mode === 'view' && structViews !== null) {
        const view = structViews(data, dtype, name);
        if (view !== null) return view;
      }
      const fields = dtype.fields!;
      const readers = fields.map((f, k) => nullableReader(data.children[k]!, f.dtype, name, mode));
      const names = fields.map((f) => f.name);
      return (i) => {
        const out: Record<string, unknown> = {};
        // A repeated field name keeps its first value.
        for (let k = 0; k < readers.length; k++) {
          const key = names[k]!;
          if (!Object.hasOwn(out, key)) Object.defineProperty(out, key, { value: readers[k]!(i), enumerable: true, writable: true, configurable: true });
        }
        return out;
      };
    }
    case 'map': {
      const offs = data.valueOffsets as Int32Array;
      const entries = data.children[0]!;
      const [kf, vf] = dtype.item!.dtype.fields!;
      const key = nullableReader(entries.children[0]!, kf!.dtype, name, mode);
      const value = nullableReader(entries.children[1]!, vf!.dtype, name, mode);
      return (i) => {
        const start = offs[i]!;
        const out = new Array<[unknown, unknown]>(offs[i + 1]! - start);
        for (let k = 0; k < out.length; k++) out[k] = [key(start + k), value(start + k)];
        return out;
      };
    }
    case 'union': {
      const ids = data.typeIds as Int8Array;
      const byId = new Array<ValueReader | undefined>(128);
      dtype.fields!.forEach((f, k) => {
        byId[dtype.typeIds![k]!] = nullableReader(data.children[k]!, f.dtype, name, mode);
      });
      const missing = (i: number): never => {
        throw new RangeError(`Column "${name}", row ${i}: union type id ${ids[i]} names no child`);
      };
      if (dtype.mode === 'dense') {
        const offs = data.valueOffsets as Int32Array;
        return (i) => (byId[ids[i]!] ?? missing(i))(offs[i]!);
      }
      return (i) => (byId[ids[i]!] ?? missing(i))(i);
    }
    default: {
      const nums = values as Float64Array;
      return (i) => nums[i];
    }
  }
}

function timestampReader(v: BigInt64Array, unit: TimeUnit, mode: ReadMode): ValueReader {
  switch (unit) {
    case 's':
      return (i) => new Date(Number(v[i]!) * 1000);
    case 'ms':
      return (i) => new Date(Number(v[i]!));
    default:
      if (mode === 'json') return (i) => new Instant(v[i]!, unit).toISOString();
      return (i) => new Instant(v[i]!, unit);
  }
}
