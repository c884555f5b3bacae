/**
 * Memory accounting over the Arrow buffers a frame references.
 *
 * What is counted: the byte length of every typed array the columns' Arrow `Data` reference —
 * values (numbers, bit-packed booleans, UTF-8 bytes, dictionary codes), offsets, validity bitmaps,
 * and the buffers of categorical dictionaries. A buffer referenced twice (a dictionary shared by
 * two columns, a column selected under two names) is counted once in the frame's totals.
 * What is not counted: JavaScript object overhead (the frame, column and `Data` objects, about a
 * few hundred bytes a column), decoded dictionary strings cached for reads, and row views.
 */
import type { Data } from 'apache-arrow';
import type { Column } from '../column/column.js';

/** Bytes one column references, by buffer role. */
export interface ColumnMemory {
  /** Values: numbers, bit-packed booleans, UTF-8 bytes or dictionary codes. */
  readonly values: number;
  /** UTF-8 offsets. */
  readonly offsets: number;
  /** The validity bitmap, when the column has one. */
  readonly validity: number;
  /** The categorical dictionary's buffers (values, offsets, validity). */
  readonly dictionary: number;
  /** Sum of the above. */
  readonly total: number;
}

/** A frame's memory: per column, and totals with shared buffers counted once. */
export interface MemoryUsage {
  /** Per-column breakdown, by column name, in column order. */
  readonly columns: Readonly<Record<string, ColumnMemory>>;
  /** Byte length of the distinct typed arrays the frame references (shared ones counted once). */
  readonly total: number;
  /**
   * Bytes the frame keeps alive: the byte length of the distinct `ArrayBuffer`s /
   * `SharedArrayBuffer`s behind those typed arrays. Larger than `total` when a slice or a view over
   * a bigger buffer (e.g. an IPC file in memory) holds on to bytes it does not use.
   */
  readonly retained: number;
  /** Bytes covered by the frame's own rows (a slice spans only its rows' values). */
  readonly spanned: number;
}

type View = ArrayBufferView;

/** The typed arrays a Data references, by role (dictionary buffers flattened). */
function buffersOf(data: Data): { values: View[]; offsets: View[]; validity: View[]; dictionary: View[] } {
  const out = { values: [] as View[], offsets: [] as View[], validity: [] as View[], dictionary: [] as View[] };
  if (data.values) out.values.push(data.values as View);
  if (data.valueOffsets) out.offsets.push(data.valueOffsets as View);
  if (data.nullBitmap && data.nullBitmap.byteLength > 0) out.validity.push(data.nullBitmap);
  if (data.dictionary) {
    for (const d of data.dictionary.data) {
      const b = buffersOf(d);
      out.dictionary.push(...b.values, ...b.offsets, ...b.validity, ...b.dictionary);
    }
  }
  return out;
}

/** Identity of a view: the same bytes of the same buffer. */
class ViewSet {
  private readonly seen = new Map<ArrayBufferLike, Set<string>>();
  /** Add a view; returns true when it was not seen before. */
  add(v: View): boolean {
    let s = this.seen.get(v.buffer);
    if (s === undefined) this.seen.set(v.buffer, (s = new Set()));
    const key = `${v.byteOffset}:${v.byteLength}`;
    if (s.has(key)) return false;
    s.add(key);
    return true;
  }
  /** Sum of the byte lengths of the distinct underlying buffers. */
  bufferBytes(): number {
    let n = 0;
    for (const b of this.seen.keys()) n += b.byteLength;
    return n;
  }
}

function sum(views: View[], set?: ViewSet): number {
  let n = 0;
  for (const v of views) if (set === undefined || set.add(v)) n += v.byteLength;
  return n;
}

/** Bytes covered by rows `[0, length)` of one column's data. */
function spannedBytes(data: Data, dictSeen: Set<unknown>): number {
  const len = data.length;
  let n = 0;
  const values = data.values as View | undefined;
  if (data.valueOffsets) {
    // 32-bit offsets, or 64-bit ones (largeUtf8, largeBinary, largeList) as bigint.
    const offs = data.valueOffsets as Int32Array | BigInt64Array;
    n += len === 0 ? 0 : (len + 1) * offs.BYTES_PER_ELEMENT;
    if (len > 0) n += Number(offs[len]!) - Number(offs[0]!);
  } else if (values) {
    const stride = (values as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    n += data.typeId === 6 /* Bool: bit-packed from data.offset */ ? bitBytes(data.offset, len) : len * stride * data.stride;
  }
  if (data.nullBitmap && data.nullBitmap.byteLength > 0) n += bitBytes(data.offset, len);
  if (data.dictionary && !dictSeen.has(data.dictionary)) {
    dictSeen.add(data.dictionary);
    for (const d of data.dictionary.data) n += spannedBytes(d, dictSeen);
  }
  return n;
}

/** Bytes of a bitmap covering bits `[offset, offset + len)`. */
function bitBytes(offset: number, len: number): number {
  if (len === 0) return 0;
  return ((offset + len + 7) >> 3) - (offset >> 3);
}

/**
 * Memory of a frame's columns.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: new Float64Array(4), s: ['ab', null, 'c', 'd'] });
 * const m = memoryUsageOf(df.getColumns());
 * m.columns.s; // → { values: 4, offsets: 20, validity: 1, dictionary: 0, total: 25 }
 * m.total; // → 57
 * ```
 */
export function memoryUsageOf(columns: readonly Column[]): MemoryUsage {
  const perColumn: Record<string, ColumnMemory> = {};
  const frameSet = new ViewSet();
  let total = 0;
  let spanned = 0;
  const dictSeen = new Set<unknown>();
  for (const c of columns) {
    const b = buffersOf(c.data);
    const own = new ViewSet();
    const m = {
      values: sum(b.values, own),
      offsets: sum(b.offsets, own),
      validity: sum(b.validity, own),
      dictionary: sum(b.dictionary, own),
      total: 0,
    };
    m.total = m.values + m.offsets + m.validity + m.dictionary;
    perColumn[c.name] = Object.freeze(m);
    total += sum([...b.values, ...b.offsets, ...b.validity, ...b.dictionary], frameSet);
    spanned += spannedBytes(c.data, dictSeen);
  }
  return Object.freeze({ columns: Object.freeze(perColumn), total, retained: frameSet.bufferBytes(), spanned });
}
