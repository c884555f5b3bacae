/**
 * What colframe makes of each schema field: a dtype and how to read its buffers, for every Arrow
 * type (children planned recursively), or the reason it cannot (an `UnsupportedTypeError` naming
 * the field and the type). Types with no dtype of their own are planned as conversions: views to
 * their plain kinds, run-end encoded fields to their values, Date64 to a millisecond timestamp, dictionaries of
 * non-strings to their values. Also the buffer counts of every Arrow type, so fields that are not
 * read can be stepped over exactly.
 */
import { UnsupportedTypeError } from '../../errors.js';
import { intKindOf } from '../../dtype/arrow.js';
import { MAX_DECIMAL_PRECISION, dtypeOfKind, withInt64Repr, withNullable, type AnyDType, type ChildField, type DTypeKind, type Int64Repr } from '../../dtype/dtype.js';
import type { TypedArrayConstructor } from '../../util/alloc.js';
import { MetadataVersion, TypeTag, DateUnit, Precision, UnionMode } from './constants.js';
import { describeType, type IpcField, type IpcType } from './metadata.js';

/** How a field's node and buffers are read. */
export type ReadKind =
  | 'null'
  | 'bool'
  | 'fixed'
  | 'binary'
  | 'largeBinary'
  | 'view'
  | 'list'
  | 'largeList'
  | 'listView'
  | 'largeListView'
  | 'fixedSizeList'
  | 'struct'
  | 'map'
  | 'union'
  | 'runEnd'
  | 'dictionary';

/** How a dictionary-encoded field is read: its id, index type, and the plan of its values. */
export interface DictionaryPlan {
  readonly id: number;
  /** Bits (8, 16, 32, 64) and signedness of the indices. */
  readonly indexBits: number;
  readonly indexSigned: boolean;
  /** String values become a categorical column; any other values are decoded. */
  readonly categorical: boolean;
  /** The plan of the dictionary's values (the field without its dictionary encoding). */
  readonly values: FieldPlan;
}

/** A field colframe reads: its dtype, the layout to read, and its children's plans. */
export interface FieldPlan {
  readonly field: IpcField;
  /** The field's path for errors: `a`, `a.item`, `s.x`. */
  readonly path: string;
  /** 0 for a top-level field (whose view values may become large kinds past 2 GiB), more below. */
  readonly depth: number;
  readonly dtype: AnyDType;
  readonly read: ReadKind;
  /** For `fixed`: the typed array of the data buffer and the elements of one value. */
  readonly ctor: TypedArrayConstructor | undefined;
  readonly stride: number;
  readonly children: readonly FieldPlan[];
  readonly dictionary: DictionaryPlan | null;
}

/** Options of planning (see `IpcReadOptions`). */
export interface PlanOptions {
  readonly int64?: Int64Repr | undefined;
}

function typeText(f: IpcField): string {
  return f.dictionary === null ? describeType(f.type) : `Dictionary<${describeType(f.type)}, ${describeType(f.dictionary.indexType)}>`;
}

function unsupported(f: IpcField, path: string, detail = ''): UnsupportedTypeError {
  return new UnsupportedTypeError(path, typeText(f), detail);
}

function timeZoneOk(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const TIME_UNIT = ['s', 'ms', 'us', 'ns'] as const;
const INTERVAL_UNIT = ['yearMonth', 'dayTime', 'monthDayNano'] as const;
const INT_CTOR: Record<string, TypedArrayConstructor> = {
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
};

interface Made {
  dtype: AnyDType;
  read: ReadKind;
  ctor?: TypedArrayConstructor;
  stride?: number;
  children?: FieldPlan[];
  dictionary?: DictionaryPlan;
}

function childField(p: FieldPlan): ChildField {
  const m = p.field.metadata;
  return Object.freeze(m === undefined ? { name: p.field.name, dtype: p.dtype } : { name: p.field.name, dtype: p.dtype, metadata: m });
}

function unitOf(f: IpcField, path: string, u: number | undefined): (typeof TIME_UNIT)[number] {
  const unit = TIME_UNIT[u ?? -1];
  if (unit === undefined) throw unsupported(f, path, `; time unit ${u} is not one Arrow defines`);
  return unit;
}

function kids(f: IpcField, path: string, opts: PlanOptions, depth: number, count?: number): FieldPlan[] {
  if (count !== undefined && f.children.length !== count) {
    throw unsupported(f, path, `; it has ${f.children.length} children where the type has ${count}`);
  }
  return f.children.map((c) => planAt(c, `${path}.${c.name}`, opts, depth + 1));
}

function fixed(kind: DTypeKind, n: boolean, ctor: TypedArrayConstructor, stride = 1, params = {}): Made {
  return { dtype: dtypeOfKind(kind, n, params), read: 'fixed', ctor, stride };
}

/** The plan of a field's (value) type, ignoring any dictionary encoding. */
function makeType(f: IpcField, path: string, opts: PlanOptions, depth: number): Made {
  const t = f.type;
  const n = f.nullable;
  switch (t.tag) {
    case TypeTag.Null:
      return { dtype: dtypeOfKind('null', true), read: 'null' };
    case TypeTag.Bool:
      return { dtype: dtypeOfKind('bool', n), read: 'bool' };
    case TypeTag.Int: {
      const kind = intKindOf(t.bitWidth!, t.signed === true);
      if (kind === undefined) throw unsupported(f, path, `; integer bit width ${t.bitWidth} is not 8, 16, 32 or 64`);
      const m = fixed(kind, n, INT_CTOR[kind]!);
      return opts.int64 === undefined ? m : { ...m, dtype: withInt64Repr(m.dtype, opts.int64) };
    }
    case TypeTag.FloatingPoint:
      if (t.unit === Precision.HALF) return fixed('float16', n, Uint16Array);
      if (t.unit === Precision.SINGLE) return fixed('float32', n, Float32Array);
      if (t.unit === Precision.DOUBLE) return fixed('float64', n, Float64Array);
      throw unsupported(f, path, `; floating point precision ${t.unit} is not one Arrow defines`);
    case TypeTag.Decimal: {
      const bw = t.bitWidth!;
      const max = MAX_DECIMAL_PRECISION[bw];
      if (max === undefined) throw unsupported(f, path, `; decimal bit width ${bw} is not 32, 64, 128 or 256`);
      const p = t.precision!;
      const s = t.scale!;
      if (!(p >= 1 && p <= max) || s > p || s < -p) throw unsupported(f, path, `; precision ${p} and scale ${s} do not fit a ${bw}-bit decimal`);
      return fixed('decimal', n, Uint32Array, bw / 32, { precision: p, scale: s, bitWidth: bw });
    }
    case TypeTag.Utf8:
      return { dtype: dtypeOfKind('utf8', n), read: 'binary' };
    case TypeTag.LargeUtf8:
      return { dtype: dtypeOfKind('largeUtf8', n), read: 'largeBinary' };
    case TypeTag.Binary:
      return { dtype: dtypeOfKind('binary', n), read: 'binary' };
    case TypeTag.LargeBinary:
      return { dtype: dtypeOfKind('largeBinary', n), read: 'largeBinary' };
    case TypeTag.Utf8View:
      return { dtype: dtypeOfKind('utf8', n), read: 'view' };
    case TypeTag.BinaryView:
      return { dtype: dtypeOfKind('binary', n), read: 'view' };
    case TypeTag.FixedSizeBinary: {
      const size = t.size!;
      if (!(size >= 0)) throw unsupported(f, path, `; byte width ${size} is negative`);
      return fixed('fixedSizeBinary', n, Uint8Array, size, { size });
    }
    case TypeTag.Date:
      if (t.unit === DateUnit.DAY) return fixed('date', n, Int32Array);
      // Date64 counts milliseconds and may hold a time of day (Arrow before 1.0 wrote such values): a
      // millisecond timestamp holds every value exactly, as polars reads it.
      if (t.unit === DateUnit.MILLISECOND) return fixed('timestamp', n, BigInt64Array, 1, { unit: 'ms', timezone: null });
      throw unsupported(f, path, `; date unit ${t.unit} is not one Arrow defines`);
    case TypeTag.Time: {
      const unit = unitOf(f, path, t.unit);
      const want = unit === 's' || unit === 'ms' ? 32 : 64;
      if (t.bitWidth !== want) throw unsupported(f, path, `; a time in ${unit} is ${want}-bit, not ${t.bitWidth}-bit`);
      return fixed('time', n, want === 32 ? Int32Array : BigInt64Array, 1, { unit });
    }
    case TypeTag.Timestamp: {
      const tz = t.timezone ?? null;
      if (tz !== null && !timeZoneOk(tz)) throw unsupported(f, path, `; its time zone ${JSON.stringify(tz)} is not one this runtime knows`);
      return fixed('timestamp', n, BigInt64Array, 1, { unit: unitOf(f, path, t.unit), timezone: tz });
    }
    case TypeTag.Duration: {
      const m = fixed('duration', n, BigInt64Array, 1, { unit: unitOf(f, path, t.unit) });
      return opts.int64 === undefined ? m : { ...m, dtype: withInt64Repr(m.dtype, opts.int64) };
    }
    case TypeTag.Interval: {
      const unit = INTERVAL_UNIT[t.unit ?? -1];
      if (unit === undefined) throw unsupported(f, path, `; interval unit ${t.unit} is not one Arrow defines`);
      return fixed('interval', n, Int32Array, unit === 'yearMonth' ? 1 : unit === 'dayTime' ? 2 : 4, { unit });
    }
    case TypeTag.List:
    case TypeTag.LargeList:
    case TypeTag.ListView:
    case TypeTag.LargeListView: {
      const children = kids(f, path, opts, depth, 1);
      const large = t.tag === TypeTag.LargeList || t.tag === TypeTag.LargeListView;
      const read: ReadKind = t.tag === TypeTag.List ? 'list' : t.tag === TypeTag.LargeList ? 'largeList' : t.tag === TypeTag.ListView ? 'listView' : 'largeListView';
      return { dtype: dtypeOfKind(large ? 'largeList' : 'list', n, { item: childField(children[0]!) }), read, children };
    }
    case TypeTag.FixedSizeList: {
      const children = kids(f, path, opts, depth, 1);
      const size = t.size!;
      if (!(size >= 0)) throw unsupported(f, path, `; list size ${size} is negative`);
      return { dtype: dtypeOfKind('fixedSizeList', n, { item: childField(children[0]!), size }), read: 'fixedSizeList', children };
    }
    case TypeTag.Struct_: {
      const children = kids(f, path, opts, depth);
      return { dtype: dtypeOfKind('struct', n, { fields: Object.freeze(children.map(childField)) }), read: 'struct', children };
    }
    case TypeTag.Map: {
      const children = kids(f, path, opts, depth, 1);
      const entries = children[0]!;
      if (entries.read !== 'struct' || entries.children.length !== 2) throw unsupported(f, path, '; its entries are not a struct of a key and a value');
      return { dtype: dtypeOfKind('map', n, { item: childField(entries), keysSorted: t.keysSorted === true }), read: 'map', children };
    }
    case TypeTag.Union: {
      const children = kids(f, path, opts, depth);
      const ids = t.typeIds ?? children.map((_, i) => i);
      if (ids.length !== children.length || new Set(ids).size !== ids.length || ids.some((x) => !(x >= 0 && x <= 127))) {
        throw unsupported(f, path, `; its type ids [${ids.join(', ')}] are not ${children.length} distinct integers in 0 … 127`);
      }
      const mode = t.unit === UnionMode.Dense ? 'dense' : t.unit === UnionMode.Sparse ? 'sparse' : undefined;
      if (mode === undefined) throw unsupported(f, path, `; union mode ${t.unit} is not one Arrow defines`);
      return { dtype: dtypeOfKind('union', true, { fields: Object.freeze(children.map(childField)), mode, typeIds: Object.freeze([...ids]) }), read: 'union', children };
    }
    case TypeTag.RunEndEncoded: {
      const children = kids(f, path, opts, depth, 2);
      const ends = children[0]!;
      if (ends.read !== 'fixed' || !['int16', 'int32', 'int64'].includes(ends.dtype.kind)) {
        throw unsupported(f, path, '; its run ends are not 16-, 32- or 64-bit signed integers');
      }
      const values = children[1]!;
      return { dtype: withNullable(values.dtype, values.dtype.nullable || n), read: 'runEnd', children };
    }
    default:
      throw unsupported(f, path);
  }
}

const STRING_TAGS: ReadonlySet<number> = new Set([TypeTag.Utf8, TypeTag.LargeUtf8, TypeTag.Utf8View]);

function planAt(f: IpcField, path: string, opts: PlanOptions, depth: number): FieldPlan {
  if (depth > 64) throw unsupported(f, path, '; fields nest deeper than 64 levels');
  let m: Made;
  if (f.dictionary !== null) {
    const it = f.dictionary.indexType;
    const bits = it.bitWidth!;
    if (bits !== 8 && bits !== 16 && bits !== 32 && bits !== 64) throw unsupported(f, path, `; dictionary index bit width ${bits} is not 8, 16, 32 or 64`);
    const values = planAt({ ...f, dictionary: null, nullable: true }, path, opts, depth + 1);
    const categorical = STRING_TAGS.has(f.type.tag);
    const dictionary: DictionaryPlan = { id: f.dictionary.id, indexBits: bits, indexSigned: it.signed === true, categorical, values };
    const dtype = categorical ? dtypeOfKind('categorical', f.nullable) : withNullable(values.dtype, f.nullable || values.dtype.kind === 'null' || values.dtype.kind === 'union');
    m = { dtype, read: 'dictionary', dictionary };
  } else m = makeType(f, path, opts, depth);
  return {
    field: f,
    path,
    depth,
    dtype: m.dtype,
    read: m.read,
    ctor: m.ctor,
    stride: m.stride ?? 1,
    children: m.children ?? [],
    dictionary: m.dictionary ?? null,
  };
}

/**
 * The plan for a top-level field and its children.
 * @throws UnsupportedTypeError naming the field (its path for children) and its Arrow type when
 * colframe cannot hold it (an unknown time zone, a bit width Arrow does not define …).
 */
export function planField(f: IpcField, int64: Int64Repr | undefined): FieldPlan {
  return planAt(f, f.name, { int64 }, 0);
}

/** Every dictionary plan reachable from `p` (its own, its children's, and its values'), by id. */
export function collectDictionaries(p: FieldPlan, out: Map<number, DictionaryPlan>): void {
  if (p.dictionary !== null) {
    if (!out.has(p.dictionary.id)) out.set(p.dictionary.id, p.dictionary);
    collectDictionaries(p.dictionary.values, out);
  }
  for (const c of p.children) collectDictionaries(c, out);
}

/** Buffers of one node of type `t` (not counting its children, nor variadic view buffers). */
export function bufferCount(t: IpcType, version: number): number {
  switch (t.tag) {
    case TypeTag.Null:
    case TypeTag.RunEndEncoded:
      return 0;
    case TypeTag.Struct_:
    case TypeTag.FixedSizeList:
      return 1;
    case TypeTag.Binary:
    case TypeTag.Utf8:
    case TypeTag.LargeBinary:
    case TypeTag.LargeUtf8:
    case TypeTag.ListView:
    case TypeTag.LargeListView:
      return 3;
    case TypeTag.Union:
      // Before V5 unions also had a validity bitmap.
      return (t.unit === UnionMode.Dense ? 2 : 1) + (version < MetadataVersion.V5 ? 1 : 0);
    default:
      // Fixed-width types, lists, maps and view types (plus variadic buffers): validity + one.
      return 2;
  }
}

/** Whether the type is a view type (whose variadic buffer count the record batch lists). */
export function isViewType(t: IpcType): boolean {
  return t.tag === TypeTag.BinaryView || t.tag === TypeTag.Utf8View;
}

