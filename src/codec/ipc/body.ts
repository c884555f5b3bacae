/**
 * Reading one record batch body into Arrow `Data`, after checking every node and buffer against
 * the body and the schema. Buffers become views over the input (zero-copy) whenever their byte
 * offset is aligned for their element type; otherwise that one buffer is copied.
 */
import type { GrowingDictionary } from './dictionary.js';
import { isUtf8 } from 'node:buffer';
import { Dictionary, Int32, Uint16, Uint8, Utf8, Vector, makeData, type Data, type DataType } from 'apache-arrow';
import { IpcFormatError, UnsupportedTypeError } from '../../errors.js';
import { FIXED_STORAGE, toArrowType } from '../../dtype/arrow.js';
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

interface Node {
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
    if (isViewType(f.type)) {
      const counts = this.batch.variadicCounts;
      if (this.variadic >= counts.length) throw this.fail('the record batch lists fewer variadic buffer counts than view fields', undefined, f.name);
      n += counts[this.variadic++]!;
    }
    for (let i = 0; i < n; i++) this.nextBuffer(f.name);
    for (const c of f.children) this.skipField(c, depth + 1);
  }

  /** Throw unless every node and buffer was used. */
  finish(): void {
    if (this.node !== this.batch.nodes.length) throw this.fail(`the record batch has ${this.batch.nodes.length} field nodes but the schema needs ${this.node}`);
    if (this.buffer !== this.batch.buffers.length) throw this.fail(`the record batch has ${this.batch.buffers.length} buffers but the schema's layout needs ${this.buffer}`);
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

/** A dictionary as read so far: one utf8 `Data`, and a generation that changes on replacement. */
export interface DictionaryState {
  data: Data;
  generation: number;
  /** The storage deltas are appended to, once a delta came. */
  growing?: GrowingDictionary;
}

/** Read the validity buffer of a node; `undefined` when it has no nulls. */
function readValidity(cur: BatchCursor, plan: FieldPlan, node: Node): Uint8Array | undefined {
  const name = plan.field.name;
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

function dataBuffer(cur: BatchCursor, name: string, bytes: number): number {
  const buf = cur.nextBuffer(name);
  if (buf.length < bytes) throw cur.fail(`data buffer of ${buf.length} bytes is shorter than the ${bytes} bytes its values need`, buf.offset, name);
  return buf.offset;
}

const MS_LIMIT = 9223372036854775n; // |seconds| beyond this overflow int64 milliseconds

/** Read offsets and bytes of a utf8 node (int32 or, converted, int64 offsets). */
function readUtf8(cur: BatchCursor, plan: FieldPlan, node: Node, validity: Uint8Array | undefined): Data {
  const name = plan.field.name;
  const n = node.length;
  const large = plan.read === 'largeUtf8';
  const ob = cur.nextBuffer(name);
  const db = cur.nextBuffer(name);
  let offsets: Int32Array;
  if (n === 0 && ob.length === 0) offsets = new Int32Array(1);
  else {
    const need = (n + 1) * (large ? 8 : 4);
    if (ob.length < need) throw cur.fail(`offsets buffer of ${ob.length} bytes is shorter than the ${need} bytes ${n} rows need`, ob.offset, name);
    if (large) {
      const big = cur.view(BigInt64Array, ob.offset, n + 1);
      if (big[n]! > 2147483647n) {
        throw new UnsupportedTypeError(name, 'LargeUtf8', `; its ${big[n]} bytes exceed the 2 GiB a utf8 column holds`);
      }
      offsets = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) {
        const v = big[i]!;
        if (v < 0n || v > 2147483647n) throw cur.fail(`offset ${i} is ${v}, outside 0 … ${big[n]}`, ob.offset + 8 * i, name);
        offsets[i] = Number(v);
      }
    } else offsets = cur.view(Int32Array, ob.offset, n + 1);
  }
  const first = offsets[0]!;
  const last = offsets[n]!;
  if (first < 0 || last < first || last > db.length) {
    throw cur.fail(`offsets run from ${first} to ${last}, outside the ${db.length}-byte data buffer`, ob.offset, name);
  }
  const bytes = cur.body.input.subarray(db.offset, db.offset + db.length);
  if (cur.body.checkValues || large) {
    for (let i = 0; i < n; i++) {
      const a = offsets[i]!;
      const b = offsets[i + 1]!;
      if (b < a) throw cur.fail(`offsets go backwards at row ${i} (${a} then ${b})`, ob.offset + (large ? 8 : 4) * i, name);
      // A string may not start inside a multi-byte UTF-8 sequence.
      if (b > a && (bytes[a]! & 0xc0) === 0x80) throw cur.fail(`row ${i} starts inside a UTF-8 sequence`, db.offset + a, name);
    }
    if (last > first && !isUtf8(bytes.subarray(first, last))) throw cur.fail('the text is not valid UTF-8', db.offset + first, name);
  }
  return makeData({ type: new Utf8(), length: n, nullCount: node.nullCount, data: bytes, valueOffsets: offsets, nullBitmap: validity } as never) as Data;
}

/** Read one dictionary batch holding the values of a categorical dictionary. */
export function readDictionaryBatch(cur: BatchCursor, field: IpcField): Data {
  const plan: FieldPlan = { field: { ...field, dictionary: null, nullable: true }, dtype: { kind: 'utf8' } as FieldPlan['dtype'], read: 'utf8', width: 0, signed: false, dictionaryId: -1 };
  const node = cur.nextNode(field.name);
  if (node.length !== cur.batch.length) throw cur.fail(`dictionary node length ${node.length} differs from the batch length ${cur.batch.length}`, undefined, field.name);
  const validity = readValidity(cur, plan, node);
  const data = readUtf8(cur, plan, node, validity);
  cur.finish();
  return data;
}

/** Index view types colframe keeps for categoricals: uint8, uint16, int32. */
const INDEX_TYPE: Record<number, () => DataType> = { 1: () => new Uint8(), 2: () => new Uint16(), 4: () => new Int32() };
const INDEX_VIEW: Record<number, TypedArrayConstructor> = { 1: Uint8Array, 2: Uint16Array, 4: Int32Array };
const INDEX_READ: Record<string, TypedArrayConstructor> = { '1s': Int8Array, '2s': Int16Array, '4s': Int32Array, '1u': Uint8Array, '2u': Uint16Array, '4u': Uint32Array };

function readIndices(cur: BatchCursor, plan: FieldPlan, node: Node, validity: Uint8Array | undefined, dict: Data): Data {
  const name = plan.field.name;
  const n = node.length;
  const w = plan.width;
  const off = dataBuffer(cur, name, n * w);
  let codes = cur.view(INDEX_VIEW[w]!, off, n) as Uint8Array;
  const size = dict.length;
  let valid = validity;
  let nullCount = node.nullCount;
  if (cur.body.checkValues) {
    const raw = cur.view(INDEX_READ[`${w}${plan.signed ? 's' : 'u'}`]!, off, n) as Int32Array;
    let bad = -1;
    for (let i = 0; i < n; i++) {
      const c = raw[i]!;
      if (c < 0 || c >= size) {
        const isNull = validity !== undefined && (validity[i >> 3]! & (1 << (i & 7))) === 0;
        if (!isNull) throw cur.fail(`row ${i}: dictionary index ${c} is outside the ${size}-entry dictionary`, off + i * w, name);
        bad = i;
      }
    }
    if (bad >= 0) {
      // Null slots with out-of-range indices: copy the codes and zero those slots so no reader trips on them.
      codes = codes.slice() as Uint8Array;
      for (let i = 0; i < n; i++) if (raw[i]! < 0 || raw[i]! >= size) codes[i] = 0;
    }
  }
  let values = dict;
  if (dict.nullCount > 0) {
    // Rows pointing at a null dictionary entry are null: fold that into the rows' validity, and
    // keep the dictionary itself free of nulls.
    const dictBits = dict.nullBitmap!;
    const out = new Uint8Array(bitmapBytes(n));
    if (validity === undefined) out.fill(0xff);
    else out.set(validity.subarray(0, out.length));
    nullCount = 0;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if ((out[i >> 3]! & (1 << (i & 7))) !== 0 && (dictBits[c >> 3]! & (1 << (c & 7))) === 0) out[i >> 3]! &= ~(1 << (i & 7));
      if ((out[i >> 3]! & (1 << (i & 7))) === 0) nullCount++;
    }
    if (nullCount > 0 && !plan.field.nullable) throw cur.fail('the field is declared non-nullable but refers to null dictionary entries', off, name);
    valid = nullCount > 0 ? out : undefined;
    values = makeData({ type: new Utf8(), length: dict.length, nullCount: 0, data: dict.values, valueOffsets: dict.valueOffsets } as never) as Data;
  }
  return makeData({
    type: new Dictionary(new Utf8(), INDEX_TYPE[w]!() as Uint8),
    length: n,
    nullCount,
    data: codes,
    nullBitmap: valid,
    dictionary: new Vector([values]),
  } as never) as Data;
}

/**
 * Read one supported top-level field of a record batch.
 * @throws IpcFormatError when a node or buffer does not fit the field.
 */
export function readField(cur: BatchCursor, plan: FieldPlan, dictionaries: ReadonlyMap<number, DictionaryState>): Data {
  const name = plan.field.name;
  const node = cur.nextNode(name);
  if (node.length !== cur.batch.length) throw cur.fail(`field node length ${node.length} differs from the record batch length ${cur.batch.length}`, undefined, name);
  const n = node.length;
  const validity = readValidity(cur, plan, node);
  const dtype = plan.dtype;
  switch (plan.read) {
    case 'bool': {
      const off = dataBuffer(cur, name, bitmapBytes(n));
      const bits = cur.body.input.subarray(off, off + bitmapBytes(n));
      return makeData({ type: toArrowType(dtype), length: n, nullCount: node.nullCount, data: bits, nullBitmap: validity } as never) as Data;
    }
    case 'utf8':
    case 'largeUtf8':
      return readUtf8(cur, plan, node, validity);
    case 'dictionary': {
      const d = dictionaries.get(plan.dictionaryId);
      if (d === undefined) throw cur.fail(`no dictionary with id ${plan.dictionaryId} was sent before this record batch`, undefined, name);
      return readIndices(cur, plan, node, validity, d.data);
    }
    case 'timestampSeconds': {
      const off = dataBuffer(cur, name, n * 8);
      const secs = cur.view(BigInt64Array, off, n);
      const ms = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        if (validity !== undefined && (validity[i >> 3]! & (1 << (i & 7))) === 0) continue;
        const s = secs[i]!;
        if (s > MS_LIMIT || s < -MS_LIMIT) throw cur.fail(`row ${i}: ${s} seconds does not fit a millisecond timestamp`, off + 8 * i, name);
        ms[i] = s * 1000n;
      }
      return makeData({ type: toArrowType(dtype), length: n, nullCount: node.nullCount, data: ms, nullBitmap: validity } as never) as Data;
    }
    case 'fixed': {
      const ctor = FIXED_STORAGE[dtype.kind]!;
      const off = dataBuffer(cur, name, n * plan.width);
      const values = cur.view(ctor, off, n);
      return makeData({ type: toArrowType(dtype), length: n, nullCount: node.nullCount, data: values, nullBitmap: validity } as never) as Data;
    }
  }
}
