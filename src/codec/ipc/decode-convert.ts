/**
 * Reading the Arrow layouts colframe holds as another dtype, converting as they are read:
 * Utf8View / BinaryView to utf8 / binary (the bytes copied once), ListView / LargeListView to
 * list / largeList (the child kept when the views are already in order, gathered otherwise) and
 * run-end encoded fields to their plain values.
 */
import { LargeBinary, LargeUtf8, type Data } from 'apache-arrow';
import { UnsupportedTypeError } from '../../errors.js';
import { toArrowType } from '../../dtype/arrow.js';
import { dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { arrowTypeWith, bitAt, dataOf } from './arrow-data.js';
import { dataBuffer, type BatchCursor, type Node } from './body.js';
import { checkUtf8 } from './decode-flat.js';
import type { ChildReader } from './decode-nested.js';
import { gather } from './gather.js';
import type { FieldPlan } from './plan.js';

const MAX_INT32 = 2147483647;

/**
 * Utf8View / BinaryView: 16-byte views (inline up to 12 bytes, else buffer index and offset) into
 * plain offsets and bytes; past 2^31 − 1 bytes a top-level field becomes largeUtf8 / largeBinary.
 */
export function readView(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined): Data {
  const name = p.path;
  const n = node.length;
  const vAt = dataBuffer(cur, name, 16 * n, 'views');
  const views = cur.view(Int32Array, vAt, 4 * n);
  const count = cur.nextVariadicCount(name);
  const bufs: { offset: number; length: number }[] = [];
  for (let k = 0; k < count; k++) bufs.push(cur.nextBuffer(name));
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (validity !== undefined && !bitAt(validity, i)) continue;
    const len = views[4 * i]!;
    if (len < 0) throw cur.fail(`row ${i}: view length ${len} is negative`, vAt + 16 * i, name);
    if (len > 12) {
      const b = views[4 * i + 2]!;
      const o = views[4 * i + 3]!;
      if (b < 0 || b >= count) throw cur.fail(`row ${i}: view buffer index ${b} is not one of the ${count} data buffers`, vAt + 16 * i + 8, name);
      if (o < 0 || o + len > bufs[b]!.length) throw cur.fail(`row ${i}: view bytes ${o} … ${o + len} run past data buffer ${b} of ${bufs[b]!.length} bytes`, vAt + 16 * i + 12, name);
    }
    total += len;
  }
  const large = total > MAX_INT32;
  if (large && p.depth > 0) {
    throw new UnsupportedTypeError(name, p.dtype.kind === 'utf8' ? 'Utf8View' : 'BinaryView', `; its ${total} bytes exceed the 2 GiB a nested ${p.dtype.kind} child holds`);
  }
  const input = cur.body.input;
  const bytes = new Uint8Array(total);
  const offsets = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (validity === undefined || bitAt(validity, i)) {
      const len = views[4 * i]!;
      const from = len <= 12 ? vAt + 16 * i + 4 : bufs[views[4 * i + 2]!]!.offset + views[4 * i + 3]!;
      bytes.set(input.subarray(from, from + len), at);
      at += len;
    }
    if (large) (offsets as BigInt64Array)[i + 1] = BigInt(at);
    else (offsets as Int32Array)[i + 1] = at;
  }
  if (p.dtype.kind === 'utf8' && cur.body.checkValues) checkUtf8(cur, name, offsets, bytes, 0);
  const type = !large ? toArrowType(p.dtype) : p.dtype.kind === 'utf8' ? new LargeUtf8() : new LargeBinary();
  return dataOf({ type, length: n, nullCount: node.nullCount, data: bytes, valueOffsets: offsets, nullBitmap: validity });
}

/** ListView / LargeListView: per-row offset and size into one child, as a list (or large list). */
export function readListView(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined, child: ChildReader): Data {
  const name = p.path;
  const n = node.length;
  const large = p.read === 'largeListView';
  const w = large ? 8 : 4;
  const oAt = dataBuffer(cur, name, w * n, 'offsets');
  const sAt = dataBuffer(cur, name, w * n, 'sizes');
  const offs = large ? cur.view(BigInt64Array, oAt, n) : cur.view(Int32Array, oAt, n);
  const sizes = large ? cur.view(BigInt64Array, sAt, n) : cur.view(Int32Array, sAt, n);
  const items = child(p.children[0]!);
  const limit = items.length;
  let total = 0;
  let inOrder = true;
  let base = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== undefined && !bitAt(validity, i)) continue;
    const o = Number(offs[i]!);
    const s = Number(sizes[i]!);
    if (o < 0 || s < 0 || o + s > limit) throw cur.fail(`row ${i}: list view offset ${o} + size ${s} is outside the child's ${limit} values`, oAt + w * i, name);
    if (s === 0) continue;
    if (base < 0) base = o;
    else if (o !== base + total) inOrder = false;
    total += s;
  }
  if (total > MAX_INT32) throw new UnsupportedTypeError(name, large ? 'LargeListView' : 'ListView', `; its ${total} items exceed what a converted list holds`);
  const out = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
  const idx = inOrder ? undefined : new Int32Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (validity === undefined || bitAt(validity, i)) {
      const o = Number(offs[i]!);
      const s = Number(sizes[i]!);
      if (idx !== undefined) for (let j = 0; j < s; j++) idx[at + j] = o + j;
      at += s;
    }
    if (large) (out as BigInt64Array)[i + 1] = BigInt(at);
    else (out as Int32Array)[i + 1] = at;
  }
  const kept = idx === undefined ? items.slice(Math.max(base, 0), total) : gather(items, p.children[0]!.dtype, idx);
  return dataOf({ type: arrowTypeWith(p.dtype, [kept]), length: n, nullCount: node.nullCount, valueOffsets: out, child: kept, nullBitmap: validity });
}

/** Run-end encoded: run ends (strictly increasing, covering every row) and values, expanded to one value a row. */
export function readRunEnd(cur: BatchCursor, p: FieldPlan, node: Node, child: ChildReader): Data {
  const name = p.path;
  const n = node.length;
  const endsPlan = p.children[0]!;
  const ends = child(endsPlan);
  const values = child(p.children[1]!);
  const runs = ends.length;
  if (ends.nullCount > 0) throw cur.fail(`run ends hold ${ends.nullCount} nulls`, undefined, name);
  if (values.length < runs) throw cur.fail(`${runs} run ends but only ${values.length} values`, undefined, name);
  const e = ends.values as Int16Array | Int32Array | BigInt64Array;
  let prev = 0;
  for (let r = 0; r < runs; r++) {
    const v = Number(e[r]!);
    if (v <= prev) throw cur.fail(`run end ${r} is ${v}, not above the previous ${prev}: run ends must increase strictly from 1`, undefined, name);
    prev = v;
  }
  if (n > 0 && prev < n) throw cur.fail(`run ends cover ${prev} rows, fewer than the field's ${n}`, undefined, name);
  const idx = new Int32Array(n);
  let r = 0;
  let end = runs > 0 ? Number(e[0]!) : 0;
  for (let i = 0; i < n; i++) {
    while (i >= end) end = Number(e[++r]!);
    idx[i] = r;
  }
  return gather(values, p.children[1]!.dtype, idx);
}

/**
 * A top-level view column some of whose batches passed 2 GiB (read as large kinds): its dtype
 * becomes largeUtf8 / largeBinary and every batch gets 64-bit offsets, so they join as one.
 */
export function widenViews(dtype: AnyDType, parts: readonly Data[]): { dtype: AnyDType; parts: Data[] } | undefined {
  if (!parts.some((d) => d.valueOffsets instanceof BigInt64Array)) return undefined;
  const large = dtypeOfKind(dtype.kind === 'utf8' ? 'largeUtf8' : 'largeBinary', dtype.nullable);
  const type = toArrowType(large);
  const widened = parts.map((d) => {
    if (d.valueOffsets instanceof BigInt64Array) return d;
    const offsets = BigInt64Array.from(d.valueOffsets as Int32Array, (v) => BigInt(v));
    return dataOf({ type, length: d.length, nullCount: d.nullCount, data: d.values, valueOffsets: offsets, nullBitmap: d.nullBitmap, offset: d.offset });
  });
  return { dtype: large, parts: widened };
}
