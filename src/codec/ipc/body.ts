/**
 * Walking the nodes and buffers of one record batch body, checked against the body and the
 * schema: the cursor, and the validity and data buffer reads every layout starts with. Buffers
 * become views over the input (zero-copy) whenever their byte offset is aligned for their element
 * type; otherwise that one buffer is copied.
 */
import { IpcFormatError } from '../../errors.js';
import { bitmapBytes, countSetBits } from '../../util/bits.js';
import type { TypedArrayConstructor } from '../../util/alloc.js';
import { BUFFER_SIZE, FIELD_NODE_SIZE } from './constants.js';
import type { IpcField, IpcRecordBatch } from './metadata.js';
import { bufferCount, isViewType, type FieldPlan } from './plan.js';

/** One message body in the input. */
export interface BodyRef {
  readonly input: Uint8Array;
  /** Byte offset of the body in `input`. */
  readonly start: number;
  readonly length: number;
  /** Message index, for errors. */
  readonly message: number;
  /** Metadata version of the message. */
  readonly version: number;
  /** Whether to run the per-value checks (offsets, dictionary indices, UTF-8, null counts). */
  readonly checkValues: boolean;
  /** For a decompressed body (see compression.ts): fills buffer `i` when it is first reached. */
  readonly inflate?: ((index: number, field: string) => void) | undefined;
}

/** One field node: its length and null count. */
export interface Node {
  readonly length: number;
  readonly nullCount: number;
}

/** Walks the nodes and buffers of one record batch in schema order. */
export class BatchCursor {
  private node = 0;
  private buffer = 0;
  private variadic = 0;

  constructor(
    readonly body: BodyRef,
    readonly batch: IpcRecordBatch,
  ) {
    // Buffers that do not overlap sum to at most the body: this bounds the work any input can cause.
    let total = 0;
    const b = batch.buffers;
    for (let i = 0; i < b.length; i++) {
      const off = b.fb.i64(b.start + BUFFER_SIZE * i, 'buffer offset');
      const len = b.fb.i64(b.start + BUFFER_SIZE * i + 8, 'buffer length');
      if (off < 0 || len < 0 || off + len > body.length) {
        throw this.fail(`buffer ${i} (offset ${off}, length ${len}) runs past the ${body.length}-byte body`, body.start + Math.max(0, off));
      }
      total += len;
    }
    if (total > body.length) throw this.fail(`buffers total ${total} bytes, more than the ${body.length}-byte body (they overlap)`, body.start);
  }

  fail(reason: string, byte?: number, field?: string): IpcFormatError {
    const where: { message: number; byte?: number; field?: string } = { message: this.body.message };
    if (byte !== undefined) where.byte = byte;
    if (field !== undefined) where.field = field;
    return new IpcFormatError(reason, where);
  }

  /** Index of the next field node. */
  get nodeIndex(): number {
    return this.node;
  }

  /** The next field node. */
  nextNode(field: string): Node {
    const v = this.batch.nodes;
    if (this.node >= v.length) throw this.fail(`the record batch has ${v.length} field nodes, fewer than the schema needs`, undefined, field);
    const p = v.start + FIELD_NODE_SIZE * this.node++;
    const length = v.fb.i64(p, 'field node length');
    const nullCount = v.fb.i64(p + 8, 'field node null count');
    if (length < 0 || nullCount < 0 || nullCount > length) {
      throw this.fail(`field node has length ${length} and null count ${nullCount}`, undefined, field);
    }
    return { length, nullCount };
  }

  /** The next buffer: its absolute byte offset in the input and its length. */
  nextBuffer(field: string): { offset: number; length: number } {
    const v = this.batch.buffers;
    if (this.buffer >= v.length) throw this.fail(`the record batch has ${v.length} buffers, fewer than the schema's layout needs`, undefined, field);
    this.body.inflate?.(this.buffer, field);
    const p = v.start + BUFFER_SIZE * this.buffer++;
    return { offset: this.body.start + v.fb.i64(p, 'buffer offset'), length: v.fb.i64(p + 8, 'buffer length') };
  }

  /** The number of variadic data buffers of the next view field. */
  nextVariadicCount(field: string): number {
    const counts = this.batch.variadicCounts;
    if (this.variadic >= counts.length) throw this.fail('the record batch lists fewer variadic buffer counts than view fields', undefined, field);
    const c = counts[this.variadic++]!;
    if (c < 0) throw this.fail(`variadic buffer count ${c} is negative`, undefined, field);
    return c;
  }

  /** Step over a field that is not read (any type, with its children). */
  skipField(f: IpcField, depth = 0): void {
    if (depth > 64) throw this.fail('fields nest too deep', undefined, f.name);
    const node = this.nextNode(f.name);
    if (depth === 0 && node.length !== this.batch.length) {
      throw this.fail(`field node length ${node.length} differs from the record batch length ${this.batch.length}`, undefined, f.name);
    }
    if (f.dictionary !== null) {
      // A dictionary-encoded field holds its indices: validity + data.
      this.nextBuffer(f.name);
      this.nextBuffer(f.name);
      return;
    }
    let n = bufferCount(f.type, this.body.version);
    if (isViewType(f.type)) n += this.nextVariadicCount(f.name);
    for (let i = 0; i < n; i++) this.nextBuffer(f.name);
    for (const c of f.children) this.skipField(c, depth + 1);
  }

  /** Throw unless every node and buffer was used. */
  finish(): void {
    if (this.node !== this.batch.nodes.length) throw this.fail(`the record batch has ${this.batch.nodes.length} field nodes but the schema needs ${this.node}`);
    if (this.buffer !== this.batch.buffers.length) throw this.fail(`the record batch has ${this.batch.buffers.length} buffers but the schema's layout needs ${this.buffer}`);
    if (this.variadic !== this.batch.variadicCounts.length) {
      throw this.fail(`the record batch lists ${this.batch.variadicCounts.length} variadic buffer counts but the schema has ${this.variadic} view fields`);
    }
  }

  /** A typed view of `count` elements at absolute `offset` (a copy when misaligned). */
  view<T extends TypedArrayConstructor>(ctor: T, offset: number, count: number): InstanceType<T> {
    const input = this.body.input;
    const bpe = ctor.BYTES_PER_ELEMENT;
    const abs = input.byteOffset + offset;
    if (abs % bpe === 0) return new ctor(input.buffer as ArrayBuffer, abs, count) as InstanceType<T>;
    const out = new ctor(count) as InstanceType<T>;
    new Uint8Array(out.buffer).set(input.subarray(offset, offset + count * bpe));
    return out;
  }
}

/** Read the validity buffer of a node; `undefined` when it has no nulls. */
export function readValidity(cur: BatchCursor, plan: FieldPlan, node: Node): Uint8Array | undefined {
  const name = plan.path;
  const buf = cur.nextBuffer(name);
  if (node.nullCount === 0) return undefined;
  if (!plan.field.nullable) {
    throw cur.fail(`the field is declared non-nullable but holds ${node.nullCount} nulls`, buf.offset, name);
  }
  const need = bitmapBytes(node.length);
  if (buf.length < need) throw cur.fail(`validity bitmap of ${buf.length} bytes is shorter than the ${need} bytes ${node.length} rows need`, buf.offset, name);
  const bits = cur.body.input.subarray(buf.offset, buf.offset + need);
  if (cur.body.checkValues) {
    const nulls = node.length - countSetBits(bits, 0, node.length);
    if (nulls !== node.nullCount) throw cur.fail(`the field node says ${node.nullCount} nulls but the validity bitmap has ${nulls}`, buf.offset, name);
  }
  return bits;
}

/** The next buffer, which must hold at least `bytes` bytes; returns its absolute offset. */
export function dataBuffer(cur: BatchCursor, name: string, bytes: number, what = 'data'): number {
  const buf = cur.nextBuffer(name);
  if (buf.length < bytes) throw cur.fail(`${what} buffer of ${buf.length} bytes is shorter than the ${bytes} bytes its values need`, buf.offset, name);
  return buf.offset;
}

/** Offsets of `n` rows (n + 1 entries, 32- or 64-bit) from the next buffer; `[0]` for an empty node without offsets. */
export function readOffsets(cur: BatchCursor, name: string, n: number, large: boolean): { offsets: Int32Array | BigInt64Array; at: number } {
  const ob = cur.nextBuffer(name);
  if (n === 0 && ob.length === 0) return { offsets: large ? new BigInt64Array(1) : new Int32Array(1), at: ob.offset };
  const need = (n + 1) * (large ? 8 : 4);
  if (ob.length < need) throw cur.fail(`offsets buffer of ${ob.length} bytes is shorter than the ${need} bytes ${n} rows need`, ob.offset, name);
  return { offsets: large ? cur.view(BigInt64Array, ob.offset, n + 1) : cur.view(Int32Array, ob.offset, n + 1), at: ob.offset };
}

/**
 * Check offsets against the `limit` values they point into (`what` names them in errors): the first and last always, every
 * step ascending when values are checked.
 * @throws IpcFormatError naming the row and byte of the first bad offset.
 */
export function checkOffsets(cur: BatchCursor, name: string, offsets: Int32Array | BigInt64Array, at: number, limit: number, what: string): void {
  const n = offsets.length - 1;
  const first = Number(offsets[0]!);
  const last = Number(offsets[n]!);
  if (first < 0 || last < first || last > limit) throw cur.fail(`offsets run from ${first} to ${last}, outside the ${what}`, at, name);
  if (!cur.body.checkValues) return;
  const w = offsets.BYTES_PER_ELEMENT;
  let prev = first;
  for (let i = 1; i <= n; i++) {
    const v = Number(offsets[i]!);
    if (v < prev) throw cur.fail(`offsets go backwards at row ${i - 1} (${prev} then ${v})`, at + w * i, name);
    prev = v;
  }
}
