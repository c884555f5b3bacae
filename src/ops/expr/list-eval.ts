/**
 * Evaluating list operations (`expr.list.*`) over a list column's offsets and its item column:
 * `len` from the offsets, `get`/`first`/`last` as one gather of the items, `sum`/`mean`/`min`/
 * `max` as the group aggregations with one group per list, `contains` as one pass over the items,
 * `join` as one pass over the item bytes. A null list gives null.
 */
import { makeData } from 'apache-arrow';
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import { FrameCore } from '../../core/frame-core.js';
import { bitmapBytes } from '../../util/bits.js';
import { aggregate } from '../group-by/agg.js';
import { takeOrNull } from '../take.js';
import type { Where } from './expr.js';
import type { Value } from './eval.js';
import type { ListCall } from './list.js';
import { itemMatches } from './list-contains.js';
import { exactAt } from './exact.js';
import { maskColumn, nullsIn, validityOf } from './values.js';

/** A list column as offsets into its item column. */
export interface ListLayout {
  /** `n + 1` offsets: row `i` holds items `[offsets[i], offsets[i + 1])` of `items`. */
  readonly offsets: Int32Array | Float64Array;
  /** The item column (the child data; its rows are item positions). */
  readonly items: Column;
  /** The lists' validity from row 0, or null when no list is null. */
  readonly validity: Uint8Array | null;
}

/** Whether a dtype is a list kind. */
export function isListKind(d: AnyDType): boolean {
  return d.kind === 'list' || d.kind === 'largeList' || d.kind === 'fixedSizeList';
}

/**
 * The offsets and items of a list, largeList or fixedSizeList column.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ k: [1, 2, 2], x: [7, 8, 9] }).groupBy('k').agg({ xs: col('x').implode() }).getColumn('xs');
 * const { offsets, items } = listLayout(c);
 * [offsets, items.toArray()]; // → [ Int32Array(3) [ 0, 1, 3 ], [ 7, 8, 9 ] ]
 * ```
 */
export function listLayout(c: Column): ListLayout {
  const d = c.data;
  const n = d.length;
  const item = c.dtype.item!.dtype;
  const items = new Column(c.name, item, d.children[0]!);
  let offsets: Int32Array | Float64Array;
  if (c.dtype.kind === 'fixedSizeList') {
    const size = c.dtype.size!;
    offsets = n * size < 2 ** 31 ? new Int32Array(n + 1) : new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = i * size;
  } else if (c.dtype.kind === 'largeList') {
    const big = d.valueOffsets as unknown as BigInt64Array;
    offsets = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = Number(big[i]!);
  } else {
    offsets = d.valueOffsets as Int32Array;
  }
  return { offsets, items, validity: validityOf(c) };
}

/** The dtype of a list call's result on items of `item`, when it does not depend on the values. */
function resultKind(fn: ListCall['fn']): AnyDType | null {
  switch (fn) {
    case 'len':
      return dtypeOfKind('uint32', true);
    case 'contains':
      return dtypeOfKind('bool', true);
    case 'join':
      return dtypeOfKind('utf8', true);
    case 'mean':
      return dtypeOfKind('float64', true);
    default:
      return null;
  }
}

/**
 * Evaluate a list operation on an evaluated operand of `n` rows.
 * @throws ExpressionError for an operand that is not a list, or items the operation does not take.
 */
export function listValue(call: ListCall, v: Value, n: number, where: Where): Value {
  if ('scalar' in v) {
    if (v.scalar === null) return { scalar: null, dtype: resultKind(call.fn) ?? dtypeOfKind('null', true) };
    throw new ExpressionError(where, `expected a list, got ${typeof v.scalar}`);
  }
  const c = v.column;
  if (!isListKind(c.dtype)) throw new ExpressionError(where, `expected a list, got ${dtypeName(c.dtype)} column "${c.name}"`);
  const layout = listLayout(c);
  switch (call.fn) {
    case 'len':
      return { column: lengths(c.name, layout, n) };
    case 'get':
    case 'first':
    case 'last': {
      const index = call.fn === 'get' ? call.index : call.fn === 'first' ? 0 : -1;
      if (!Number.isInteger(index)) throw new ExpressionError(where, `the index is an integer, got ${String(index)}`);
      return { column: itemAt(layout, index, n).rename(c.name) };
    }
    case 'contains':
      return { column: contains(c.name, layout, call.value, n, where) };
    case 'join':
      return { column: joined(c.name, layout, call.separator, n, where) };
    default:
      return { column: perList(call.fn, c.name, layout, n, where) };
  }
}

function lengths(name: string, l: ListLayout, n: number): Column {
  const out = new Uint32Array(n);
  const o = l.offsets;
  for (let i = 0; i < n; i++) out[i] = o[i + 1]! - o[i]!;
  return fixedOf(name, 'uint32', out, l.validity, n);
}

/** A flat uint32 or bool column of `n` rows over `values` with `validity` (null: all valid). */
function fixedOf(name: string, kind: 'uint32' | 'bool', values: Uint32Array | Uint8Array, validity: Uint8Array | null, n: number): Column {
  const nulls = nullsIn(validity, n);
  const dt = dtypeOfKind(kind, nulls > 0);
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: values, nullBitmap: nulls > 0 ? validity! : undefined } as never));
}

/** The item at `index` of each list (negative from the end), null when out of range or the list is null. */
function itemAt(l: ListLayout, index: number, n: number): Column {
  const idx = new Int32Array(n);
  const o = l.offsets;
  const v = l.validity;
  for (let i = 0; i < n; i++) {
    const s = o[i]!;
    const e = o[i + 1]!;
    const j = index >= 0 ? s + index : e + index;
    idx[i] = j >= s && j < e && (v === null || (v[i >> 3]! & (1 << (i & 7))) !== 0) ? j : -1;
  }
  return takeOrNull(l.items, idx);
}

/**
 * `sum`, `mean`, `min` or `max` of each list: the group aggregation over the items with one group
 * per list, so each takes exactly the dtypes and semantics the grouped aggregation has. The lists
 * cover one stretch of the items (offsets only grow); items under a null list are masked out, and
 * a null list gives null.
 */
function perList(fn: 'sum' | 'mean' | 'min' | 'max', name: string, l: ListLayout, n: number, where: Where): Column {
  const o = l.offsets;
  const from = n === 0 ? 0 : o[0]!;
  const m = n === 0 ? 0 : o[n]! - from;
  let items = l.items.sliceUnchecked(from, m);
  const ids = new Int32Array(m);
  const v = l.validity;
  let hidden: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const s = o[i]! - from;
    const e = o[i + 1]! - from;
    if (v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0 && e > s) {
      hidden ??= new Uint8Array(bitmapBytes(m)).fill(0xff);
      for (let j = s; j < e; j++) hidden[j >> 3]! &= ~(1 << (j & 7));
    }
    ids.fill(i, s, e);
  }
  items = maskColumn(items, hidden);
  const core = new FrameCore([items.rename('item')], m);
  const node = { op: 'agg' as const, fn, arg: { op: 'col' as const, name: 'item' } };
  let out: Column;
  try {
    out = aggregate(node, core, { ids, count: n, firstRow: new Int32Array(0) }, name);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    const row = fn === 'sum' ? overflowingRow(l, n) : -1;
    throw new ExpressionError(where, `${e.message.slice(e.expression.length + 2)}${row >= 0 ? ` (row ${row})` : ''}`);
  }
  return maskColumn(out, v);
}

/** The first row whose integer list sums beyond 64 bits (the error path only: one bigint per item). */
function overflowingRow(l: ListLayout, n: number): number {
  const read = exactAt(l.items);
  const iv = validityOf(l.items);
  const unsigned = l.items.dtype.kind === 'uint64';
  for (let i = 0; i < n; i++) {
    if (l.validity !== null && (l.validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
    let sum = 0n;
    for (let j = l.offsets[i]!; j < l.offsets[i + 1]!; j++) if (iv === null || (iv[j >> 3]! & (1 << (j & 7))) !== 0) sum += BigInt(read(j));
    if (unsigned ? sum >= 2n ** 64n : sum < -(2n ** 63n) || sum >= 2n ** 63n) return i;
  }
  return -1;
}

/** Whether each list holds `value`. */
function contains(name: string, l: ListLayout, value: unknown, n: number, where: Where): Column {
  const out = new Uint8Array(bitmapBytes(n));
  if (value === null) return fixedOf(name, 'bool', out, new Uint8Array(bitmapBytes(n)), n);
  const hit = itemMatches(l.items, value, where);
  const o = l.offsets;
  for (let i = 0; i < n; i++) {
    const e = o[i + 1]!;
    for (let j = o[i]!; j < e; j++) {
      if (hit[j] === 1) {
        out[i >> 3]! |= 1 << (i & 7);
        break;
      }
    }
  }
  return fixedOf(name, 'bool', out, l.validity, n);
}

const encoder = new TextEncoder();

/** The string items of each list joined by `sep`, null items skipped. */
function joined(name: string, l: ListLayout, sep: string, n: number, where: Where): Column {
  const items = l.items;
  const kind = items.dtype.kind;
  if (typeof sep !== 'string') throw new ExpressionError(where, `the separator is a string, got ${typeof sep}`);
  if (kind !== 'utf8' && kind !== 'largeUtf8' && kind !== 'categorical') {
    throw new ExpressionError(where, `join takes lists of strings, got items of ${dtypeName(items.dtype)}`);
  }
  const sepBytes = encoder.encode(sep);
  const iv = validityOf(items);
  // The items as byte ranges: utf8 offsets, large offsets, or a categorical's dictionary entries.
  let bytes: Uint8Array;
  let start: (j: number) => number;
  let end: (j: number) => number;
  if (kind === 'categorical') {
    const dict = items.access.dict!.map((s) => encoder.encode(s));
    const codes = items.data.values as ArrayLike<number>;
    const dictOffs = new Float64Array(dict.length + 1);
    for (let k = 0; k < dict.length; k++) dictOffs[k + 1] = dictOffs[k]! + dict[k]!.length;
    bytes = new Uint8Array(dictOffs[dict.length]!);
    dict.forEach((b, k) => bytes.set(b, dictOffs[k]!));
    start = (j) => dictOffs[codes[j]!]!;
    end = (j) => dictOffs[codes[j]! + 1]!;
  } else {
    bytes = items.data.values as Uint8Array;
    const offs = items.data.valueOffsets as unknown as ArrayLike<number | bigint>;
    if (kind === 'largeUtf8') {
      start = (j) => Number(offs[j]!);
      end = (j) => Number(offs[j + 1]!);
    } else {
      const o32 = offs as Int32Array;
      start = (j) => o32[j]!;
      end = (j) => o32[j + 1]!;
    }
  }
  const o = l.offsets;
  const lv = l.validity;
  const isNull = (i: number) => lv !== null && (lv[i >> 3]! & (1 << (i & 7))) === 0;
  const itemOk = (j: number) => iv === null || (iv[j >> 3]! & (1 << (j & 7))) !== 0;
  // Pass 1: the output size; pass 2: the bytes.
  const outOffs = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!isNull(i)) {
      let k = 0;
      for (let j = o[i]!; j < o[i + 1]!; j++) {
        if (!itemOk(j)) continue;
        total += (k++ > 0 ? sepBytes.length : 0) + end(j) - start(j);
      }
    }
    if (total > 2 ** 31 - 1) throw new ExpressionError(where, `the joined strings pass 2 GiB (row ${i})`);
    outOffs[i + 1] = total;
  }
  const out = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) continue;
    let p = outOffs[i]!;
    let k = 0;
    for (let j = o[i]!; j < o[i + 1]!; j++) {
      if (!itemOk(j)) continue;
      if (k++ > 0) {
        out.set(sepBytes, p);
        p += sepBytes.length;
      }
      const s = start(j);
      const len = end(j) - s;
      if (len <= 16) for (let b = 0; b < len; b++) out[p + b] = bytes[s + b]!;
      else out.set(bytes.subarray(s, s + len), p);
      p += len;
    }
  }
  const nulls = nullsIn(lv, n);
  const dt = dtypeOfKind('utf8', nulls > 0);
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: out, valueOffsets: outOffs, nullBitmap: nulls > 0 ? lv! : undefined } as never));
}
