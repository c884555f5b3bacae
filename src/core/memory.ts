/**
 * Memory accounting over the Arrow buffers a frame references.
 *
 * What is counted: the byte length of every typed array the columns' Arrow `Data` reference, at
 * every level of a nested column — values (numbers, bit-packed booleans, UTF-8 and binary bytes,
 * decimal words, dictionary codes), offsets (of strings, binaries, lists and maps, and of dense
 * unions), union type ids, validity bitmaps (the column's and every child's), and the buffers of
 * dictionaries. A buffer referenced twice (a dictionary shared by two columns, a column selected
 * under two names) is counted once in the frame's totals.
 * What is not counted: JavaScript object overhead (the frame, column and `Data` objects, about a
 * few hundred bytes a column and child), decoded dictionary strings cached for reads, and row views.
 */
import { Type, type Data } from 'apache-arrow';
import type { Column } from '../column/column.js';

/** Bytes one column references, by buffer role, summed over the column and all its children. */
export interface ColumnMemory {
  /** Values: numbers, bit-packed booleans, UTF-8 and binary bytes, decimal words or dictionary codes. */
  readonly values: number;
  /** Offsets (of strings, binaries, lists, maps and dense unions) and union type ids. */
  readonly offsets: number;
  /** Validity bitmaps, of the column and of its children, where there are any. */
  readonly validity: number;
  /** The dictionaries' buffers (values, offsets, validity). */
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

/** The typed arrays a Data references, by role, children included (dictionary buffers flattened). */
function buffersOf(data: Data, out = { values: [] as View[], offsets: [] as View[], validity: [] as View[], dictionary: [] as View[] }): typeof out {
  if (data.values) out.values.push(data.values as View);
  if (data.valueOffsets) out.offsets.push(data.valueOffsets as View);
  if (data.typeIds) out.offsets.push(data.typeIds as View);
  if (data.nullBitmap && data.nullBitmap.byteLength > 0) out.validity.push(data.nullBitmap);
  for (const c of data.children) buffersOf(c, out);
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

/** Bytes covered by rows `[0, length)` of one column's data (a list's children over its rows' items only). */
function spannedBytes(data: Data, dictSeen: Set<unknown>): number {
  const len = data.length;
  const typeId = data.typeId;
  let n = 0;
  if (data.nullBitmap && data.nullBitmap.byteLength > 0) n += bitBytes(data.offset, len);
  if (data.typeIds) n += len;
  const offs = data.valueOffsets as unknown as (ArrayLike<number | bigint> & View & { BYTES_PER_ELEMENT: number }) | undefined;
  const values = data.values as (View & { BYTES_PER_ELEMENT: number }) | undefined;
  if (typeId === Type.Union) {
    // Sparse children are sliced with the union; a dense union's offsets point anywhere in its children.
    if (offs) n += len * 4;
    for (const c of data.children) n += offs ? spannedBytes(c, dictSeen) : spannedBytes(rows(c, 0, len), dictSeen);
  } else if (offs) {
    n += len === 0 ? 0 : (len + 1) * offs.BYTES_PER_ELEMENT;
    const start = len === 0 ? 0 : Number(offs[0]!);
    const end = len === 0 ? 0 : Number(offs[len]!);
    if (data.children.length > 0) n += spannedBytes(rows(data.children[0]!, start, end - start), dictSeen);
    else n += end - start;
  } else if (values) {
    n += typeId === Type.Bool ? bitBytes(data.offset, len) : len * data.stride * values.BYTES_PER_ELEMENT;
  } else {
    // Structs hold their children row for row; a fixed-size list holds `stride` items a row.
    const per = typeId === Type.FixedSizeList ? data.stride : 1;
    for (const c of data.children) n += spannedBytes(rows(c, 0, len * per), dictSeen);
  }
  if (data.dictionary && !dictSeen.has(data.dictionary)) {
    dictSeen.add(data.dictionary);
    for (const d of data.dictionary.data) n += spannedBytes(d, dictSeen);
  }
  return n;
}

/** Rows `[start, start + n)` of a child. */
function rows(d: Data, start: number, n: number): Data {
  return start === 0 && n === d.length ? d : d.slice(start, n);
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
