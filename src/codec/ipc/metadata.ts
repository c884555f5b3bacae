/**
 * Decoding of Arrow IPC metadata — the Message, Schema, Field, Type, DictionaryEncoding,
 * RecordBatch, DictionaryBatch, BodyCompression, Footer and KeyValue tables — from checked
 * flatbuffers into plain objects. Structural errors raise `IpcFormatError`; features colframe does
 * not implement (big-endian data, unknown compression codecs, unknown metadata versions) raise
 * `UnsupportedError`.
 */
import { UnsupportedError } from '../../errors.js';
import {
  BLOCK_SIZE,
  BUFFER_SIZE,
  DictionaryBatchSlot,
  DictionaryEncodingSlot,
  Endianness,
  FIELD_NODE_SIZE,
  FieldSlot,
  FooterSlot,
  KeyValueSlot,
  MessageHeader,
  MessageSlot,
  MetadataVersion,
  RecordBatchSlot,
  SchemaSlot,
  TIME_UNIT_NAMES,
  TYPE_NAMES,
  TypeTag,
} from './constants.js';
import { FbBuffer, type FbTable } from './flatbuf.js';
import { checkCodec } from './compression.js';

/** An Arrow type as declared in a schema: its union tag and parameters. */
export interface IpcType {
  /** The `Type` union tag. */
  readonly tag: number;
  /** Int / Time / Decimal bit width. */
  readonly bitWidth?: number;
  /** Int signedness. */
  readonly signed?: boolean;
  /** FloatingPoint precision, Date/Time/Timestamp/Duration/Interval unit, Union mode. */
  readonly unit?: number;
  /** Timestamp time zone. */
  readonly timezone?: string | null;
  /** FixedSizeBinary byte width / FixedSizeList size. */
  readonly size?: number;
  /** Decimal precision and scale. */
  readonly precision?: number;
  readonly scale?: number;
  /** Union type ids (absent: 0, 1, 2 …). */
  readonly typeIds?: readonly number[];
  /** Map: whether keys are sorted. */
  readonly keysSorted?: boolean;
}

/** A dictionary encoding of a field. */
export interface IpcDictionaryEncoding {
  readonly id: number;
  /** The index type (an Int). */
  readonly indexType: IpcType;
  readonly isOrdered: boolean;
}

/** One field of a schema. */
export interface IpcField {
  readonly name: string;
  readonly nullable: boolean;
  readonly type: IpcType;
  readonly dictionary: IpcDictionaryEncoding | null;
  readonly children: readonly IpcField[];
  readonly metadata: ReadonlyMap<string, string> | undefined;
}

/** A schema. */
export interface IpcSchema {
  readonly fields: readonly IpcField[];
  readonly metadata: ReadonlyMap<string, string> | undefined;
}

/** Where a struct vector (FieldNode / Buffer) sits in its flatbuffer. */
export interface StructVector {
  readonly fb: FbBuffer;
  readonly start: number;
  readonly length: number;
}

/** A RecordBatch header. */
export interface IpcRecordBatch {
  readonly length: number;
  readonly nodes: StructVector;
  readonly buffers: StructVector;
  readonly variadicCounts: readonly number[];
  /** The body's `CompressionType` (0 LZ4_FRAME, 1 ZSTD), or null for an uncompressed body. */
  readonly compression?: number | null;
}

/** A decoded message header. */
export type IpcHeader =
  | { readonly kind: 'schema'; readonly schema: IpcSchema }
  | { readonly kind: 'recordBatch'; readonly batch: IpcRecordBatch }
  | { readonly kind: 'dictionaryBatch'; readonly id: number; readonly batch: IpcRecordBatch; readonly isDelta: boolean };

/** A decoded message: its version, header and body length. */
export interface IpcMessage {
  readonly version: number;
  readonly header: IpcHeader;
  readonly bodyLength: number;
}

/** A file footer block. */
export interface IpcBlock {
  readonly offset: number;
  readonly metaDataLength: number;
  readonly bodyLength: number;
}

/** A file footer. */
export interface IpcFooter {
  readonly schema: IpcSchema;
  readonly dictionaries: readonly IpcBlock[];
  readonly recordBatches: readonly IpcBlock[];
}

const MAX_DEPTH = 64;

/** Reject metadata versions this reader does not read. */
function checkVersion(fb: FbBuffer, version: number, pos: number): void {
  if (version > MetadataVersion.V5) {
    throw new UnsupportedError(
      `metadata version V${version + 1}`,
      `Arrow IPC ${fb.what} uses metadata version V${version + 1}, newer than the V5 this reader knows; it may hold data this reader would misread`,
    );
  }
  if (version < MetadataVersion.V4) {
    throw new UnsupportedError(
      `metadata version V${version + 1}`,
      `Arrow IPC ${fb.what} uses metadata version V${version + 1} (before Arrow 0.8), which this reader does not read`,
    );
  }
  void pos;
}

function keyValues(t: FbTable, index: number, what: string): ReadonlyMap<string, string> | undefined {
  const kvs = t.tables(index, `${what} custom_metadata`);
  if (kvs.length === 0) return undefined;
  const m = new Map<string, string>();
  kvs.forEach((kv, i) => {
    const k = kv.string(KeyValueSlot.key, `${what} custom_metadata[${i}] key`) ?? '';
    m.set(k, kv.string(KeyValueSlot.value, `${what} custom_metadata[${i}] value`) ?? '');
  });
  return m;
}

function decodeType(fb: FbBuffer, tag: number, t: FbTable | null, field: string): IpcType {
  if (tag <= 0 || tag >= TYPE_NAMES.length) throw fb.fail(`unknown type tag ${tag}`, t?.pos ?? 0, field);
  // Every parameterised type needs its table; parameterless ones may omit it.
  const need = (): FbTable => {
    if (t === null) throw fb.fail(`type ${TYPE_NAMES[tag]} has no type table`, 0, field);
    return t;
  };
  switch (tag) {
    case TypeTag.Int: {
      const x = need();
      return { tag, bitWidth: x.i32(0, 0), signed: x.bool(1, false) };
    }
    case TypeTag.FloatingPoint:
      return { tag, unit: need().i16(0, 0) };
    case TypeTag.Decimal: {
      const x = need();
      return { tag, precision: x.i32(0, 0), scale: x.i32(1, 0), bitWidth: x.i32(2, 128) };
    }
    case TypeTag.Date:
      return { tag, unit: t === null ? 1 : t.i16(0, 1) };
    case TypeTag.Time: {
      return { tag, unit: t === null ? 1 : t.i16(0, 1), bitWidth: t === null ? 32 : t.i32(1, 32) };
    }
    case TypeTag.Timestamp: {
      const x = need();
      return { tag, unit: x.i16(0, 0), timezone: x.string(1, 'Timestamp timezone') };
    }
    case TypeTag.Interval:
      return { tag, unit: need().i16(0, 0) };
    case TypeTag.Duration:
      return { tag, unit: t === null ? 1 : t.i16(0, 1) };
    case TypeTag.Union: {
      const x = need();
      const v = x.vector(1, 4, 'union type ids');
      if (v === null) return { tag, unit: x.i16(0, 0) };
      const typeIds: number[] = [];
      for (let i = 0; i < v.length; i++) typeIds.push(fb.i32(v.start + 4 * i));
      return { tag, unit: x.i16(0, 0), typeIds };
    }
    case TypeTag.Map:
      return { tag, keysSorted: t === null ? false : t.bool(0, false) };
    case TypeTag.FixedSizeBinary:
    case TypeTag.FixedSizeList:
      return { tag, size: need().i32(0, 0) };
    default:
      return { tag };
  }
}

function decodeField(fb: FbBuffer, t: FbTable, depth: number, path: string): IpcField {
  if (depth > MAX_DEPTH) throw fb.fail(`fields nest deeper than ${MAX_DEPTH} levels`, t.pos, path);
  const name = t.string(FieldSlot.name, 'field name') ?? '';
  const here = path === '' ? name : `${path}.${name}`;
  const tag = t.u8(FieldSlot.typeType, 0);
  const type = decodeType(fb, tag, t.table(FieldSlot.type, `type of field "${here}"`), here);
  const d = t.table(FieldSlot.dictionary, `dictionary encoding of field "${here}"`);
  let dictionary: IpcDictionaryEncoding | null = null;
  if (d !== null) {
    const it = d.table(DictionaryEncodingSlot.indexType, 'dictionary index type');
    const indexType: IpcType = it === null ? { tag: TypeTag.Int, bitWidth: 32, signed: true } : { tag: TypeTag.Int, bitWidth: it.i32(0, 0), signed: it.bool(1, false) };
    dictionary = { id: d.i64(DictionaryEncodingSlot.id, 0), indexType, isOrdered: d.bool(DictionaryEncodingSlot.isOrdered, false) };
  }
  const children = t.tables(FieldSlot.children, `children of field "${here}"`).map((c) => decodeField(fb, c, depth + 1, here));
  return {
    name,
    nullable: t.bool(FieldSlot.nullable, false),
    type,
    dictionary,
    children,
    metadata: keyValues(t, FieldSlot.customMetadata, `field "${here}"`),
  };
}

function decodeSchema(fb: FbBuffer, t: FbTable): IpcSchema {
  const endianness = t.i16(SchemaSlot.endianness, Endianness.Little);
  if (endianness === Endianness.Big) {
    throw new UnsupportedError(
      'big-endian',
      `Arrow IPC ${fb.what}: the schema declares big-endian data; colframe reads little-endian Arrow only (rewrite the file little-endian, e.g. with pyarrow)`,
    );
  }
  if (endianness !== Endianness.Little) throw fb.fail(`unknown endianness ${endianness}`, t.pos);
  const fields = t.tables(SchemaSlot.fields, 'schema fields').map((f) => decodeField(fb, f, 0, ''));
  return { fields, metadata: keyValues(t, SchemaSlot.customMetadata, 'schema') };
}

function decodeRecordBatch(fb: FbBuffer, t: FbTable): IpcRecordBatch {
  const length = t.i64(RecordBatchSlot.length, 0);
  if (length < 0) throw fb.fail(`record batch length ${length} is negative`, t.pos);
  const comp = t.table(RecordBatchSlot.compression, 'body compression');
  let compression: number | null = null;
  if (comp !== null) {
    compression = comp.u8(0, 0);
    checkCodec(compression, comp.u8(1, 0), fb.what);
  }
  const nodes = t.vector(RecordBatchSlot.nodes, FIELD_NODE_SIZE, 'record batch nodes') ?? { start: 0, length: 0 };
  const buffers = t.vector(RecordBatchSlot.buffers, BUFFER_SIZE, 'record batch buffers') ?? { start: 0, length: 0 };
  const vc = t.vector(RecordBatchSlot.variadicBufferCounts, 8, 'variadic buffer counts');
  const variadicCounts: number[] = [];
  if (vc !== null) for (let i = 0; i < vc.length; i++) variadicCounts.push(fb.i64(vc.start + 8 * i, 'variadic buffer count'));
  return { length, nodes: { fb, ...nodes }, buffers: { fb, ...buffers }, variadicCounts, compression };
}

/**
 * Decode one message's metadata flatbuffer.
 * @throws IpcFormatError for a malformed flatbuffer; UnsupportedError for unknown versions,
 * big-endian schemas and unknown compression codecs.
 */
export function decodeMessage(bytes: Uint8Array, base: number, index: number): IpcMessage {
  const fb = new FbBuffer(bytes, base, `message ${index} metadata`, index);
  const m = fb.root('Message');
  const version = m.i16(MessageSlot.version, 0);
  checkVersion(fb, version, m.pos);
  const tag = m.u8(MessageSlot.headerType, 0);
  const bodyLength = m.i64(MessageSlot.bodyLength, 0);
  if (bodyLength < 0) throw fb.fail(`body length ${bodyLength} is negative`, m.pos);
  const h = m.table(MessageSlot.header, 'message header');
  if (h === null) throw fb.fail(`message has no header`, m.pos);
  switch (tag) {
    case MessageHeader.Schema:
      return { version, bodyLength, header: { kind: 'schema', schema: decodeSchema(fb, h) } };
    case MessageHeader.RecordBatch:
      return { version, bodyLength, header: { kind: 'recordBatch', batch: decodeRecordBatch(fb, h) } };
    case MessageHeader.DictionaryBatch: {
      const data = h.table(DictionaryBatchSlot.data, 'dictionary batch data');
      if (data === null) throw fb.fail('dictionary batch has no data', h.pos);
      return {
        version,
        bodyLength,
        header: {
          kind: 'dictionaryBatch',
          id: h.i64(DictionaryBatchSlot.id, 0),
          batch: decodeRecordBatch(fb, data),
          isDelta: h.bool(DictionaryBatchSlot.isDelta, false),
        },
      };
    }
    case MessageHeader.Tensor:
    case MessageHeader.SparseTensor:
      throw new UnsupportedError('tensor', `Arrow IPC message ${index} is a ${tag === MessageHeader.Tensor ? 'Tensor' : 'SparseTensor'}, which colframe does not read`);
    default:
      throw fb.fail(`unknown message header type ${tag}`, m.pos);
  }
}

function blocks(fb: FbBuffer, t: FbTable, index: number, what: string): IpcBlock[] {
  const v = t.vector(index, BLOCK_SIZE, what);
  if (v === null) return [];
  const out: IpcBlock[] = [];
  for (let i = 0; i < v.length; i++) {
    const p = v.start + BLOCK_SIZE * i;
    out.push({ offset: fb.i64(p, 'block offset'), metaDataLength: fb.i32(p + 8), bodyLength: fb.i64(p + 16, 'block body length') });
  }
  return out;
}

/**
 * Decode an IPC file's footer flatbuffer.
 * @throws IpcFormatError for a malformed footer; UnsupportedError as for messages.
 */
export function decodeFooter(bytes: Uint8Array, base: number): IpcFooter {
  const fb = new FbBuffer(bytes, base, 'file footer', undefined);
  const f = fb.root('Footer');
  // Writers before Arrow 0.15 left the footer's version unset (V1); each message has its own.
  const version = f.i16(FooterSlot.version, 0);
  if (version > MetadataVersion.V5) checkVersion(fb, version, f.pos);
  const s = f.table(FooterSlot.schema, 'footer schema');
  if (s === null) throw fb.fail('footer has no schema', f.pos);
  return {
    schema: decodeSchema(fb, s),
    dictionaries: blocks(fb, f, FooterSlot.dictionaries, 'footer dictionaries'),
    recordBatches: blocks(fb, f, FooterSlot.recordBatches, 'footer record batches'),
  };
}

/** A short description of a type for messages: `Timestamp<MICROSECOND, UTC>`, `Int<64, signed>`. */
export function describeType(t: IpcType): string {
  const name = TYPE_NAMES[t.tag] ?? `type ${t.tag}`;
  switch (t.tag) {
    case TypeTag.Int:
      return `Int${t.signed ? '' : 'U'}${t.bitWidth}`.replace('IntU', 'Uint');
    case TypeTag.FloatingPoint:
      return ['Float16', 'Float32', 'Float64'][t.unit!] ?? `FloatingPoint<${t.unit}>`;
    case TypeTag.Date:
      return t.unit === 0 ? 'Date32<DAY>' : 'Date64<MILLISECOND>';
    case TypeTag.Time:
      return `Time${t.bitWidth}<${TIME_UNIT_NAMES[t.unit!] ?? t.unit}>`;
    case TypeTag.Timestamp:
      return `Timestamp<${TIME_UNIT_NAMES[t.unit!] ?? t.unit}${t.timezone ? `, ${t.timezone}` : ''}>`;
    case TypeTag.Duration:
      return `Duration<${TIME_UNIT_NAMES[t.unit!] ?? t.unit}>`;
    case TypeTag.Interval:
      return `Interval<${['YEAR_MONTH', 'DAY_TIME', 'MONTH_DAY_NANO'][t.unit!] ?? t.unit}>`;
    case TypeTag.Decimal:
      return `Decimal${t.bitWidth}<${t.precision}, ${t.scale}>`;
    case TypeTag.FixedSizeBinary:
      return `FixedSizeBinary<${t.size}>`;
    case TypeTag.FixedSizeList:
      return `FixedSizeList<${t.size}>`;
    case TypeTag.Struct_:
      return 'Struct';
    default:
      return name;
  }
}
