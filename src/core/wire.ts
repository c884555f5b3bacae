/**
 * Columns as plain, structured-cloneable data: the dtype as a small object (children included)
 * and the Arrow buffers as typed-array views, one `BufferParts` per array and per child, so a
 * column of any dtype — nested ones, unions and categoricals anywhere inside them too — can cross
 * a thread boundary (`postMessage`) without being re-encoded. Used by transfers to and from worker
 * threads and by the parallel CSV reader. Packets are checked by ./wire-check.ts before any view
 * is built.
 */
import { Data, Dictionary, Int32, Uint16, Uint8, Utf8, Vector, type DataType } from 'apache-arrow';
import { Column } from '../column/column.js';
import { dtypeOfKind, type AnyDType, type ChildField, type DTypeParams, type Int64Repr } from '../dtype/dtype.js';
import { toArrowType } from '../dtype/arrow.js';
import { arrowTypeWith, childFieldsOf } from '../column/arrow-type.js';
import { SharedFrameError } from '../errors.js';
import { isBorrowed } from '../column/detach.js';
import { FrameCore } from './frame-core.js';
import { checkPacket } from './wire-check.js';

/** A named child of a nested dtype as plain data. */
export interface PlainChild {
  name: string;
  dtype: PlainDType;
  /** The child field's key/value metadata, when it has any. */
  metadata?: [string, string][];
}

/** A dtype as plain data (structured-cloneable): its kind, nullability and parameters, children included. */
export interface PlainDType {
  kind: AnyDType['kind'];
  nullable: boolean;
  int64?: Int64Repr;
  timezone?: string | null;
  /** Time unit (timestamp, time, duration) or interval unit. */
  unit?: DTypeParams['unit'];
  /** Decimal precision, scale and bit width. */
  precision?: number;
  scale?: number;
  bitWidth?: number;
  size?: number;
  mode?: 'sparse' | 'dense';
  typeIds?: number[];
  keysSorted?: boolean;
  item?: PlainChild;
  fields?: PlainChild[];
}

/** The Arrow buffers of one array, as views (any of them may be absent), and of its children. */
export interface BufferParts {
  /** Arrow's slot offset into the validity bitmap (and into the bits of a boolean array). */
  offset: number;
  length: number;
  nullCount: number;
  values: ArrayBufferView | undefined;
  /** Offsets of strings, binaries, lists and maps (64-bit for the large kinds), and of dense unions. */
  offsets: Int32Array | BigInt64Array | undefined;
  validity: Uint8Array | undefined;
  /** A union's type ids. */
  typeIds?: Int8Array;
  /** The children of a nested array, in Arrow's order (list item, map entries, struct or union fields). */
  children?: BufferParts[];
  /** The dictionary of a categorical array (utf8 values). */
  dict?: BufferParts | undefined;
}

/** One column as plain data. */
export interface ColumnPart extends BufferParts {
  name: string;
  dtype: PlainDType;
  /** The dictionary of a categorical column (utf8 values). */
  dict: BufferParts | undefined;
  /** The column field's key/value metadata, when it has any. */
  metadata?: [string, string][];
}

const PARAMS = ['int64', 'timezone', 'unit', 'precision', 'scale', 'bitWidth', 'size', 'mode', 'keysSorted'] as const;

function plainChild(c: ChildField): PlainChild {
  const p: PlainChild = { name: c.name, dtype: plainDType(c.dtype) };
  if (c.metadata !== undefined && c.metadata.size > 0) p.metadata = [...c.metadata];
  return p;
}

/**
 * A dtype descriptor as plain data.
 * @example
 * ```ts
 * plainDType(nullable(list(timestamp('ns')))); // → { kind: 'list', nullable: true, item: { name: 'item', dtype: { kind: 'timestamp', nullable: false, timezone: null, unit: 'ns' } } }
 * ```
 */
export function plainDType(d: AnyDType): PlainDType {
  const p: PlainDType = { kind: d.kind, nullable: d.nullable };
  const o = p as unknown as Record<string, unknown>;
  for (const key of PARAMS) if (d[key] !== undefined) o[key] = d[key];
  if (d.typeIds !== undefined) p.typeIds = [...d.typeIds];
  if (d.item !== undefined) p.item = plainChild(d.item);
  if (d.fields !== undefined) p.fields = d.fields.map(plainChild);
  return p;
}

function childOf(c: PlainChild): ChildField {
  const dtype = fromPlainDType(c.dtype);
  return Object.freeze(c.metadata === undefined ? { name: c.name, dtype } : { name: c.name, dtype, metadata: new Map(c.metadata) });
}

/**
 * A dtype descriptor from plain data (checked by the packet reader; trusted here).
 * @example
 * ```ts
 * String(fromPlainDType(plainDType(struct({ a: decimal(10, 2), b: nullable(utf8()) })))); // → 'struct<a: decimal(10, 2), b: utf8?>'
 * ```
 */
export function fromPlainDType(p: PlainDType): AnyDType {
  const opts: Record<string, unknown> = {};
  for (const key of PARAMS) if (p[key] !== undefined) opts[key] = p[key];
  if (p.typeIds !== undefined) opts['typeIds'] = Object.freeze([...p.typeIds]);
  if (p.item !== undefined) opts['item'] = childOf(p.item);
  if (p.fields !== undefined) opts['fields'] = Object.freeze(p.fields.map(childOf));
  return dtypeOfKind(p.kind, p.nullable, opts as DTypeParams);
}

function bufferParts(d: Data, where: string): BufferParts {
  const p: BufferParts = {
    offset: d.offset,
    length: d.length,
    nullCount: d.typeIds ? 0 : d.nullCount, // a union has no nulls of its own (Arrow JS sums its members')
    values: (d.values as ArrayBufferView | undefined) ?? undefined,
    offsets: (d.valueOffsets as Int32Array | BigInt64Array | undefined) ?? undefined,
    validity: d.nullCount > 0 && d.nullBitmap !== undefined && d.nullBitmap.length > 0 ? d.nullBitmap : undefined,
  };
  if (d.typeIds !== undefined && d.typeIds !== null) p.typeIds = d.typeIds as Int8Array;
  if (d.children.length > 0) p.children = d.children.map((c) => bufferParts(c, where));
  const dict = d.dictionary?.data;
  if (dict !== undefined) {
    if (dict.length !== 1) throw new SharedFrameError(`${where}: a dictionary in ${dict.length} chunks cannot be sent`);
    p.dict = bufferParts(dict[0]!, where);
  }
  return p;
}

/** A column as plain data (views over the same buffers; nothing is copied). */
export function columnToPart(c: Column): ColumnPart {
  const parts = bufferParts(c.data, `Column "${c.name}"`);
  const out: ColumnPart = { ...parts, name: c.name, dtype: plainDType(c.dtype), dict: parts.dict };
  if (c.metadata !== undefined) out.metadata = [...c.metadata];
  return out;
}

/** The Arrow index type of a categorical's codes (the width its data has). */
function indexTypeOf(codes: ArrayBufferView | undefined, dictLength: number): Uint8 | Uint16 | Int32 {
  if (codes instanceof Uint16Array) return new Uint16();
  if (codes instanceof Int32Array) return new Int32();
  if (codes instanceof Uint8Array) return new Uint8();
  return dictLength <= 256 ? new Uint8() : dictLength <= 65536 ? new Uint16() : new Int32();
}

/** The `Data` of dtype `dtype` over `p`'s buffers (children and dictionary too). */
function dataOf(dtype: AnyDType, p: BufferParts): Data {
  const kids = childFieldsOf(dtype).map((c, k) => dataOf(c.dtype, p.children![k]!));
  let type: DataType;
  let dictionary: Vector | undefined;
  if (dtype.kind === 'categorical') {
    dictionary = new Vector([dataOf(dtypeOfKind('utf8', false), p.dict!)]);
    type = new Dictionary(new Utf8(), indexTypeOf(p.values, p.dict!.length) as Uint8);
  } else {
    type = kids.length > 0 ? arrowTypeWith(dtype, kids) : toArrowType(dtype);
  }
  // Arrow's buffer order: offsets, values, validity, type ids.
  const buffers = [p.offsets, p.values, p.validity, p.typeIds] as unknown as ConstructorParameters<typeof Data>[4];
  return new Data(type, p.offset, p.length, dtype.kind === 'null' ? p.length : p.nullCount, buffers, kids, dictionary);
}

/** A column from plain data (views over the same buffers). */
export function columnFromPart(p: ColumnPart): Column {
  const dtype = fromPlainDType(p.dtype);
  return new Column(p.name, dtype, dataOf(dtype, p), p.metadata === undefined ? undefined : new Map(p.metadata));
}

function eachView(p: BufferParts, visit: (v: ArrayBufferView | undefined) => void): void {
  visit(p.values);
  visit(p.offsets);
  visit(p.validity);
  visit(p.typeIds);
  if (p.children !== undefined) for (const c of p.children) eachView(c, visit);
  if (p.dict !== undefined) eachView(p.dict, visit);
}

/** The distinct `ArrayBuffer`s (not `SharedArrayBuffer`s) behind some parts, children included: a transfer list. */
export function transferablesOf(parts: readonly BufferParts[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const p of parts) eachView(p, (v) => v !== undefined && v.buffer instanceof ArrayBuffer && out.add(v.buffer));
  return [...out];
}

/** The format version of transfer packets and shared-frame handles this build reads and writes. */
export const WIRE_VERSION = 1;

/** What `df.transfer()` produces: the frame as plain data over buffers that are about to move. */
export interface TransferPacket {
  readonly format: 'colframe.transfer';
  readonly version: number;
  readonly height: number;
  readonly columns: readonly ColumnPart[];
}

/**
 * A frame from a transfer packet, checked before any view is built.
 * @throws SharedFrameError for anything that is not a well-formed packet of this version.
 */
export function frameFromPacket(packet: unknown): FrameCore {
  const p = checkPacket(packet, WIRE_VERSION);
  try {
    return new FrameCore(p.columns.map(columnFromPart), p.height);
  } catch (e) {
    if (e instanceof SharedFrameError) throw e;
    throw new SharedFrameError(`Corrupted transfer packet: ${(e as Error).message}`);
  }
}

/** A transfer: the packet to post and the buffers to list in `postMessage`'s transfer list. */
export interface FrameTransfer {
  readonly packet: TransferPacket;
  readonly transferList: ArrayBuffer[];
}

/** A view over the caller's memory copied into a buffer of its own; any other view as is. */
function owned<T extends ArrayBufferView | undefined>(v: T): T {
  if (v === undefined || !(v.buffer instanceof ArrayBuffer) || !isBorrowed(v.buffer)) return v;
  return (v as unknown as Uint8Array).slice() as unknown as T;
}

function ownedParts<P extends BufferParts>(p: P): P {
  const out: P = { ...p, values: owned(p.values), offsets: owned(p.offsets), validity: owned(p.validity) };
  if (p.typeIds !== undefined) out.typeIds = owned(p.typeIds);
  if (p.children !== undefined) out.children = p.children.map(ownedParts);
  if (p.dict !== undefined) out.dict = ownedParts(p.dict);
  return out;
}

/**
 * A frame's columns as a transfer packet, and the distinct `ArrayBuffer`s to move with it. Only
 * buffers the frame owns move: views over the caller's memory (see `noteBorrowed`) are copied
 * first, so the caller's arrays stay intact; shared buffers are shared.
 */
export function frameToPacket(core: FrameCore): FrameTransfer {
  const columns = core.columns.map((c) => ownedParts(columnToPart(c)));
  return { packet: { format: 'colframe.transfer', version: WIRE_VERSION, height: core.height, columns }, transferList: transferablesOf(columns) };
}
