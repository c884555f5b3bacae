/**
 * Numbers of the Arrow IPC format (format/Schema.fbs, Message.fbs, File.fbs in apache/arrow):
 * union tags, enum values, table slots and framing constants, shared by the reader and the writer.
 */

/** `MetadataVersion` (Schema.fbs). V4 is Arrow 0.8 – 0.17, V5 is Arrow ≥ 1.0. */
export const MetadataVersion = { V1: 0, V2: 1, V3: 2, V4: 3, V5: 4 } as const;

/** `MessageHeader` union tags (Message.fbs). */
export const MessageHeader = { NONE: 0, Schema: 1, DictionaryBatch: 2, RecordBatch: 3, Tensor: 4, SparseTensor: 5 } as const;

/** `Type` union tags (Schema.fbs). */
export const TypeTag = {
  NONE: 0,
  Null: 1,
  Int: 2,
  FloatingPoint: 3,
  Binary: 4,
  Utf8: 5,
  Bool: 6,
  Decimal: 7,
  Date: 8,
  Time: 9,
  Timestamp: 10,
  Interval: 11,
  List: 12,
  Struct_: 13,
  Union: 14,
  FixedSizeBinary: 15,
  FixedSizeList: 16,
  Map: 17,
  Duration: 18,
  LargeBinary: 19,
  LargeUtf8: 20,
  LargeList: 21,
  RunEndEncoded: 22,
  BinaryView: 23,
  Utf8View: 24,
  ListView: 25,
  LargeListView: 26,
} as const;

/** Names of the `Type` union tags, for messages. */
export const TYPE_NAMES: readonly string[] = Object.keys(TypeTag);

/** `TimeUnit` (Schema.fbs). */
export const TimeUnit = { SECOND: 0, MILLISECOND: 1, MICROSECOND: 2, NANOSECOND: 3 } as const;
/** Names of `TimeUnit` values. */
export const TIME_UNIT_NAMES: readonly string[] = ['SECOND', 'MILLISECOND', 'MICROSECOND', 'NANOSECOND'];
/** `DateUnit` (Schema.fbs). */
export const DateUnit = { DAY: 0, MILLISECOND: 1 } as const;
/** `Precision` of `FloatingPoint` (Schema.fbs). */
export const Precision = { HALF: 0, SINGLE: 1, DOUBLE: 2 } as const;
/** `Endianness` (Schema.fbs). */
export const Endianness = { Little: 0, Big: 1 } as const;
/** `CompressionType` of `BodyCompression` (Message.fbs). */
export const COMPRESSION_NAMES: readonly string[] = ['LZ4_FRAME', 'ZSTD'];
/** `UnionMode` (Schema.fbs). */
export const UnionMode = { Sparse: 0, Dense: 1 } as const;

/** Vtable slot of each table field: `4 + 2 * index` (index = declaration order in the .fbs). */
export const slot = (index: number): number => 4 + 2 * index;

/** Message: version, header_type, header, bodyLength, custom_metadata. */
export const MessageSlot = { version: 0, headerType: 1, header: 2, bodyLength: 3, customMetadata: 4 } as const;
/** Schema: endianness, fields, custom_metadata, features. */
export const SchemaSlot = { endianness: 0, fields: 1, customMetadata: 2, features: 3 } as const;
/** Field: name, nullable, type_type, type, dictionary, children, custom_metadata. */
export const FieldSlot = { name: 0, nullable: 1, typeType: 2, type: 3, dictionary: 4, children: 5, customMetadata: 6 } as const;
/** DictionaryEncoding: id, indexType, isOrdered, dictionaryKind. */
export const DictionaryEncodingSlot = { id: 0, indexType: 1, isOrdered: 2, dictionaryKind: 3 } as const;
/** RecordBatch: length, nodes, buffers, compression, variadicBufferCounts. */
export const RecordBatchSlot = { length: 0, nodes: 1, buffers: 2, compression: 3, variadicBufferCounts: 4 } as const;
/** DictionaryBatch: id, data, isDelta. */
export const DictionaryBatchSlot = { id: 0, data: 1, isDelta: 2 } as const;
/** Footer: version, schema, dictionaries, recordBatches, custom_metadata. */
export const FooterSlot = { version: 0, schema: 1, dictionaries: 2, recordBatches: 3, customMetadata: 4 } as const;
/** KeyValue: key, value. */
export const KeyValueSlot = { key: 0, value: 1 } as const;

/** The 4-byte marker before each message length since Arrow 0.15. */
export const CONTINUATION = 0xffffffff;
/** Size of a FieldNode struct (length, null_count: two int64). */
export const FIELD_NODE_SIZE = 16;
/** Size of a Buffer struct (offset, length: two int64). */
export const BUFFER_SIZE = 16;
/** Size of a Block struct (offset int64, metaDataLength int32, padding, bodyLength int64). */
export const BLOCK_SIZE = 24;
/** `ARROW1` — the magic at the start and end of an IPC file. */
export const MAGIC = new Uint8Array([0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]);
