/**
 * Reading the nested layouts of a record batch: lists and maps (offsets into one child), fixed-
 * size lists, structs and sparse or dense unions, each child read recursively and checked
 * against its parent (offsets inside the child, children long enough, union type ids declared).
 */
import type { Data } from 'apache-arrow';
import { MetadataVersion } from './constants.js';
import { arrowTypeWith, bitAt, dataOf } from './arrow-data.js';
import { checkOffsets, dataBuffer, readOffsets, readValidity, type BatchCursor, type Node } from './body.js';
import type { FieldPlan } from './plan.js';

/** Reads the next node tree of a child plan. */
export type ChildReader = (p: FieldPlan) => Data;

/** List, large list or map: offsets into one child. */
export function readList(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined, child: ChildReader): Data {
  const n = node.length;
  const { offsets, at } = readOffsets(cur, p.path, n, p.read === 'largeList');
  const items = child(p.children[0]!);
  checkOffsets(cur, p.path, offsets, at, items.length, `${items.length} values of child "${p.children[0]!.field.name}"`);
  return dataOf({ type: arrowTypeWith(p.dtype, [items]), length: n, nullCount: node.nullCount, valueOffsets: offsets, child: items, nullBitmap: validity });
}

/** Fixed-size list: `size` child values a row. */
export function readFixedSizeList(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined, child: ChildReader): Data {
  const n = node.length;
  const items = child(p.children[0]!);
  const need = n * p.dtype.size!;
  if (items.length < need) {
    throw cur.fail(`the fixed-size list child has ${items.length} values, fewer than the ${n} × ${p.dtype.size} its rows need`, undefined, p.path);
  }
  return dataOf({ type: arrowTypeWith(p.dtype, [items]), length: n, nullCount: node.nullCount, child: items, nullBitmap: validity });
}

/** Struct: one child per field, each at least as long as the struct. */
export function readStruct(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined, child: ChildReader): Data {
  const n = node.length;
  const children = p.children.map((c) => {
    const d = child(c);
    if (d.length < n) throw cur.fail(`struct child "${c.field.name}" has ${d.length} rows, fewer than the struct's ${n}`, undefined, p.path);
    return d;
  });
  return dataOf({ type: arrowTypeWith(p.dtype, children), length: n, nullCount: node.nullCount, children, nullBitmap: validity });
}

/** Copy of `d` with the rows `rows` made null (a pre-1.0 union's own nulls moved into its children). */
function withNulls(cur: BatchCursor, p: FieldPlan, d: Data, rows: readonly number[]): Data {
  if (rows.length === 0) return d;
  if (!p.dtype.nullable) throw cur.fail(`a null union row selects the non-nullable child "${p.field.name}"`, undefined, p.path);
  const bits = new Uint8Array(Math.ceil(d.length / 8));
  const src = d.nullCount > 0 ? (d.nullBitmap as Uint8Array) : undefined;
  for (let i = 0; i < d.length; i++) if (src === undefined || bitAt(src, d.offset + i)) bits[i >> 3]! |= 1 << (i & 7);
  for (const r of rows) bits[r >> 3]! &= ~(1 << (r & 7));
  const props: Record<string, unknown> = { type: d.type, length: d.length, nullCount: -1, nullBitmap: bits, data: d.values, valueOffsets: d.valueOffsets, children: d.children };
  if (d.children.length > 0) props['child'] = d.children[0];
  if (d.typeIds !== undefined) props['typeIds'] = d.typeIds;
  if (d.dictionary !== undefined) props['dictionary'] = d.dictionary;
  return dataOf(props);
}

/** Sparse or dense union (before V5 with a validity bitmap of its own, folded into the children). */
export function readUnion(cur: BatchCursor, p: FieldPlan, node: Node, child: ChildReader): Data {
  const name = p.path;
  const n = node.length;
  const legacy = cur.body.version < MetadataVersion.V5;
  const validity = legacy ? readValidity(cur, { ...p, field: { ...p.field, nullable: true } }, node) : undefined;
  const tAt = dataBuffer(cur, name, n, 'type ids');
  const ids = cur.view(Int8Array, tAt, n);
  const dense = p.dtype.mode === 'dense';
  const oAt = dense ? dataBuffer(cur, name, 4 * n, 'offsets') : 0;
  const offsets = dense ? cur.view(Int32Array, oAt, n) : undefined;
  let children = p.children.map((c) => child(c));
  if (!dense) {
    children.forEach((d, c) => {
      if (d.length < n) throw cur.fail(`sparse union child "${p.children[c]!.field.name}" has ${d.length} rows, fewer than the union's ${n}`, undefined, name);
    });
  }
  const typeIds = p.dtype.typeIds!;
  const childOf = new Int8Array(256).fill(-1);
  typeIds.forEach((t, c) => (childOf[t] = c));
  if (cur.body.checkValues || validity !== undefined) {
    for (let i = 0; i < n; i++) {
      const c = childOf[ids[i]! & 0xff]!;
      if (c < 0) throw cur.fail(`row ${i}: union type id ${ids[i]} is not one of the declared ${typeIds.join(', ')}`, tAt + i, name);
      if (offsets !== undefined) {
        const o = offsets[i]!;
        const len = children[c]!.length;
        if (o < 0 || o >= len) throw cur.fail(`row ${i}: dense union offset ${o} is outside child "${p.children[c]!.field.name}" of ${len} values`, oAt + 4 * i, name);
      }
    }
  }
  if (validity !== undefined) {
    const rows: number[][] = children.map(() => []);
    for (let i = 0; i < n; i++) {
      if (bitAt(validity, i)) continue;
      const c = childOf[ids[i]! & 0xff]!;
      rows[c]!.push(offsets === undefined ? i : offsets[i]!);
    }
    children = children.map((d, c) => withNulls(cur, p.children[c]!, d, rows[c]!));
  }
  const props: Record<string, unknown> = { type: arrowTypeWith(p.dtype, children), length: n, typeIds: ids, children };
  if (offsets !== undefined) props['valueOffsets'] = offsets;
  return dataOf(props);
}
