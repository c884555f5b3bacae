/**
 * Encoding Arrow IPC metadata with the `flatbuffers` Builder: Schema (fields, types, dictionary
 * encodings, custom metadata), Message (RecordBatch, DictionaryBatch headers) and the file Footer.
 */
import { Builder } from 'flatbuffers';
import type { AnyDType } from '../../dtype/dtype.js';
import { childFields } from './arrow-data.js';
import {
  DictionaryBatchSlot,
  DictionaryEncodingSlot,
  FieldSlot,
  FooterSlot,
  KeyValueSlot,
  MessageHeader,
  MessageSlot,
  MetadataVersion,
  Precision,
  RecordBatchSlot,
  SchemaSlot,
  TimeUnit,
  DateUnit,
  TypeTag,
  UnionMode,
} from './constants.js';

/** One field to encode: a name, a dtype, the categorical index type, metadata, and its children's specs. */
export interface FieldSpec {
  readonly name: string;
  readonly dtype: AnyDType;
  /** For categoricals: the dictionary id and the index type's width (bits) and signedness. */
  readonly dictionary?: { readonly id: number; readonly bitWidth: number; readonly signed: boolean };
  readonly metadata?: ReadonlyMap<string, string> | undefined;
  /** The children (default: the dtype's children, which may not hold categoricals). */
  readonly children?: readonly FieldSpec[];
  /**
   * An Arrow type to write instead of the dtype's, for types with no dtype of their own (views,
   * run-end encoded, Date64): its `Type` tag and, for Date, its unit. Used to build test inputs.
   */
  readonly arrowType?: { readonly tag: number; readonly unit?: number };
}

/** A node (length, null count) and the buffers (offset in the body, length) of a record batch. */
export interface BatchSpec {
  readonly length: number;
  readonly nodes: readonly (readonly [number, number])[];
  readonly buffers: readonly (readonly [number, number])[];
  /** The data buffer count of each view field, when there are view fields. */
  readonly variadicCounts?: readonly number[];
  /** The body's `CompressionType` (0 LZ4_FRAME, 1 ZSTD), when its buffers are compressed. */
  readonly compression?: number | undefined;
}

/** A file footer block. */
export interface BlockSpec {
  readonly offset: number;
  readonly metaDataLength: number;
  readonly bodyLength: number;
}

function keyValues(b: Builder, m: ReadonlyMap<string, string> | undefined): number {
  if (m === undefined || m.size === 0) return 0;
  const offs: number[] = [];
  for (const [k, v] of m) {
    const ko = b.createString(k);
    const vo = b.createString(v);
    b.startObject(2);
    b.addFieldOffset(KeyValueSlot.key, ko, 0);
    b.addFieldOffset(KeyValueSlot.value, vo, 0);
    offs.push(b.endObject());
  }
  return offsetVector(b, offs);
}

function offsetVector(b: Builder, offs: readonly number[]): number {
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

function intType(b: Builder, bitWidth: number, signed: boolean): number {
  b.startObject(2);
  b.addFieldInt32(0, bitWidth, 0);
  b.addFieldInt8(1, signed ? 1 : 0, 0);
  return b.endObject();
}

const INT_WIDTH: Partial<Record<string, [number, boolean]>> = {
  int8: [8, true],
  int16: [16, true],
  int32: [32, true],
  int64: [64, true],
  uint8: [8, false],
  uint16: [16, false],
  uint32: [32, false],
  uint64: [64, false],
};

const TIME_UNIT: Readonly<Record<string, number>> = { s: TimeUnit.SECOND, ms: TimeUnit.MILLISECOND, us: TimeUnit.MICROSECOND, ns: TimeUnit.NANOSECOND };
const INTERVAL_UNIT: Readonly<Record<string, number>> = { yearMonth: 0, dayTime: 1, monthDayNano: 2 };
const EMPTY_TABLE: Partial<Record<string, number>> = {
  null: TypeTag.Null,
  bool: TypeTag.Bool,
  utf8: TypeTag.Utf8,
  categorical: TypeTag.Utf8,
  largeUtf8: TypeTag.LargeUtf8,
  binary: TypeTag.Binary,
  largeBinary: TypeTag.LargeBinary,
  list: TypeTag.List,
  largeList: TypeTag.LargeList,
  struct: TypeTag.Struct_,
};

/** A table of one 16-bit field (a unit or a precision). */
function table16(b: Builder, v: number): number {
  b.startObject(1);
  b.addFieldInt16(0, v, -1);
  return b.endObject();
}

/** The `Type` union tag and table of a dtype (categoricals: their Utf8 value type). */
function typeOf(b: Builder, d: AnyDType): [number, number] {
  const iw = INT_WIDTH[d.kind];
  if (iw !== undefined) return [TypeTag.Int, intType(b, iw[0], iw[1])];
  const empty = EMPTY_TABLE[d.kind];
  if (empty !== undefined) {
    b.startObject(0);
    return [empty, b.endObject()];
  }
  switch (d.kind) {
    case 'float16':
    case 'float32':
    case 'float64':
      return [TypeTag.FloatingPoint, table16(b, d.kind === 'float16' ? Precision.HALF : d.kind === 'float32' ? Precision.SINGLE : Precision.DOUBLE)];
    case 'decimal':
      b.startObject(3);
      b.addFieldInt32(0, d.precision!, -1);
      b.addFieldInt32(1, d.scale!, -1);
      b.addFieldInt32(2, d.bitWidth!, -1);
      return [TypeTag.Decimal, b.endObject()];
    case 'fixedSizeBinary':
    case 'fixedSizeList':
      b.startObject(1);
      b.addFieldInt32(0, d.size!, -1);
      return [d.kind === 'fixedSizeBinary' ? TypeTag.FixedSizeBinary : TypeTag.FixedSizeList, b.endObject()];
    case 'date':
      return [TypeTag.Date, table16(b, DateUnit.DAY)];
    case 'timestamp': {
      const tz = d.timezone ? b.createString(d.timezone) : 0;
      b.startObject(2);
      b.addFieldInt16(0, TIME_UNIT[d.unit ?? 'ms']!, -1);
      if (tz !== 0) b.addFieldOffset(1, tz, 0);
      return [TypeTag.Timestamp, b.endObject()];
    }
    case 'time': {
      const u = d.unit ?? 'ms';
      b.startObject(2);
      b.addFieldInt16(0, TIME_UNIT[u]!, -1);
      b.addFieldInt32(1, u === 's' || u === 'ms' ? 32 : 64, -1);
      return [TypeTag.Time, b.endObject()];
    }
    case 'duration':
      return [TypeTag.Duration, table16(b, TIME_UNIT[d.unit ?? 'ms']!)];
    case 'interval':
      return [TypeTag.Interval, table16(b, INTERVAL_UNIT[d.unit!]!)];
    case 'map':
      b.startObject(1);
      b.addFieldInt8(0, d.keysSorted === true ? 1 : 0, -1);
      return [TypeTag.Map, b.endObject()];
    case 'union': {
      const ids = d.typeIds!;
      b.startVector(4, ids.length, 4);
      for (let i = ids.length - 1; i >= 0; i--) b.addInt32(ids[i]!);
      const v = b.endVector();
      b.startObject(2);
      b.addFieldInt16(0, d.mode === 'dense' ? UnionMode.Dense : UnionMode.Sparse, -1);
      b.addFieldOffset(1, v, 0);
      return [TypeTag.Union, b.endObject()];
    }
    default:
      throw new Error(`no Arrow type for dtype ${d.kind}`);
  }
}

/** The specs of a dtype's children when none were given. */
function defaultChildren(d: AnyDType): FieldSpec[] {
  return childFields(d).map((c) => {
    if (c.dtype.kind === 'categorical') throw new Error(`the categorical child "${c.name}" needs a field spec with its dictionary`);
    return { name: c.name, dtype: c.dtype, metadata: c.metadata };
  });
}

/** The tag and table of a raw Arrow type (see `FieldSpec.arrowType`). */
function rawType(b: Builder, t: { readonly tag: number; readonly unit?: number }): [number, number] {
  if (t.unit !== undefined) return [t.tag, table16(b, t.unit)];
  b.startObject(0);
  return [t.tag, b.endObject()];
}

function field(b: Builder, f: FieldSpec): number {
  const name = b.createString(f.name);
  const [tag, type] = f.arrowType === undefined ? typeOf(b, f.dtype) : rawType(b, f.arrowType);
  let dict = 0;
  if (f.dictionary !== undefined) {
    const it = intType(b, f.dictionary.bitWidth, f.dictionary.signed);
    b.startObject(4);
    b.addFieldInt64(DictionaryEncodingSlot.id, BigInt(f.dictionary.id), -1n);
    b.addFieldOffset(DictionaryEncodingSlot.indexType, it, 0);
    dict = b.endObject();
  }
  const children = offsetVector(
    b,
    (f.children ?? defaultChildren(f.dtype)).map((c) => field(b, c)),
  );
  const meta = keyValues(b, f.metadata);
  b.startObject(7);
  b.addFieldOffset(FieldSlot.name, name, 0);
  b.addFieldInt8(FieldSlot.nullable, f.dtype.nullable ? 1 : 0, 0);
  b.addFieldInt8(FieldSlot.typeType, tag, 0);
  b.addFieldOffset(FieldSlot.type, type, 0);
  if (dict !== 0) b.addFieldOffset(FieldSlot.dictionary, dict, 0);
  b.addFieldOffset(FieldSlot.children, children, 0);
  if (meta !== 0) b.addFieldOffset(FieldSlot.customMetadata, meta, 0);
  return b.endObject();
}

/** Build a Schema table; returns its offset. */
export function buildSchema(b: Builder, fields: readonly FieldSpec[], metadata: ReadonlyMap<string, string> | undefined): number {
  const fs = offsetVector(
    b,
    fields.map((f) => field(b, f)),
  );
  const meta = keyValues(b, metadata);
  b.startObject(4);
  b.addFieldOffset(SchemaSlot.fields, fs, 0);
  if (meta !== 0) b.addFieldOffset(SchemaSlot.customMetadata, meta, 0);
  return b.endObject();
}

function structs16(b: Builder, pairs: readonly (readonly [number, number])[]): number {
  b.startVector(16, pairs.length, 8);
  for (let i = pairs.length - 1; i >= 0; i--) {
    b.prep(8, 16);
    b.writeInt64(BigInt(pairs[i]![1]));
    b.writeInt64(BigInt(pairs[i]![0]));
  }
  return b.endVector();
}

function recordBatch(b: Builder, s: BatchSpec): number {
  const nodes = structs16(b, s.nodes);
  const buffers = structs16(b, s.buffers);
  let variadic = 0;
  if (s.variadicCounts !== undefined) {
    b.startVector(8, s.variadicCounts.length, 8);
    for (let i = s.variadicCounts.length - 1; i >= 0; i--) b.addInt64(BigInt(s.variadicCounts[i]!));
    variadic = b.endVector();
  }
  let comp = 0;
  if (s.compression !== undefined) {
    // BodyCompression { codec: CompressionType, method: BodyCompressionMethod = BUFFER }
    b.startObject(2);
    b.addFieldInt8(0, s.compression, -1);
    comp = b.endObject();
  }
  b.startObject(5);
  b.addFieldInt64(RecordBatchSlot.length, BigInt(s.length), 0n);
  b.addFieldOffset(RecordBatchSlot.nodes, nodes, 0);
  b.addFieldOffset(RecordBatchSlot.buffers, buffers, 0);
  if (variadic !== 0) b.addFieldOffset(RecordBatchSlot.variadicBufferCounts, variadic, 0);
  if (comp !== 0) b.addFieldOffset(RecordBatchSlot.compression, comp, 0);
  return b.endObject();
}

function message(b: Builder, headerType: number, header: number, bodyLength: number): Uint8Array {
  b.startObject(5);
  b.addFieldInt16(MessageSlot.version, MetadataVersion.V5, -1);
  b.addFieldInt8(MessageSlot.headerType, headerType, 0);
  b.addFieldOffset(MessageSlot.header, header, 0);
  b.addFieldInt64(MessageSlot.bodyLength, BigInt(bodyLength), 0n);
  b.finish(b.endObject());
  return b.asUint8Array();
}

/** The flatbuffer of a Schema message. */
export function schemaMessage(fields: readonly FieldSpec[], metadata: ReadonlyMap<string, string> | undefined): Uint8Array {
  const b = new Builder(256);
  return message(b, MessageHeader.Schema, buildSchema(b, fields, metadata), 0);
}

/** The flatbuffer of a RecordBatch message. */
export function recordBatchMessage(s: BatchSpec, bodyLength: number): Uint8Array {
  const b = new Builder(256);
  return message(b, MessageHeader.RecordBatch, recordBatch(b, s), bodyLength);
}

/** The flatbuffer of a DictionaryBatch message (colframe's writer never sends deltas). */
export function dictionaryBatchMessage(id: number, s: BatchSpec, bodyLength: number, isDelta = false): Uint8Array {
  const b = new Builder(256);
  const data = recordBatch(b, s);
  b.startObject(3);
  b.addFieldInt64(DictionaryBatchSlot.id, BigInt(id), -1n);
  b.addFieldOffset(DictionaryBatchSlot.data, data, 0);
  if (isDelta) b.addFieldInt8(DictionaryBatchSlot.isDelta, 1, 0);
  return message(b, MessageHeader.DictionaryBatch, b.endObject(), bodyLength);
}

function blocks(b: Builder, list: readonly BlockSpec[]): number {
  b.startVector(24, list.length, 8);
  for (let i = list.length - 1; i >= 0; i--) {
    const k = list[i]!;
    b.prep(8, 24);
    b.writeInt64(BigInt(k.bodyLength));
    b.pad(4);
    b.writeInt32(k.metaDataLength);
    b.writeInt64(BigInt(k.offset));
  }
  return b.endVector();
}

/** The flatbuffer of a file Footer. */
export function footerBytes(
  fields: readonly FieldSpec[],
  metadata: ReadonlyMap<string, string> | undefined,
  dictionaries: readonly BlockSpec[],
  recordBatches: readonly BlockSpec[],
): Uint8Array {
  const b = new Builder(256);
  const schema = buildSchema(b, fields, metadata);
  const d = blocks(b, dictionaries);
  const r = blocks(b, recordBatches);
  b.startObject(5);
  b.addFieldInt16(FooterSlot.version, MetadataVersion.V5, -1);
  b.addFieldOffset(FooterSlot.schema, schema, 0);
  b.addFieldOffset(FooterSlot.dictionaries, d, 0);
  b.addFieldOffset(FooterSlot.recordBatches, r, 0);
  b.finish(b.endObject());
  return b.asUint8Array();
}

