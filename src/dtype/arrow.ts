/** Mapping between colframe dtypes and apache-arrow `DataType`s. */
import {
  Binary,
  Bool,
  DateDay,
  DateUnit,
  Decimal,
  Dictionary,
  Duration,
  Field as ArrowField,
  FixedSizeBinary,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Interval,
  IntervalUnit,
  LargeBinary,
  LargeList,
  LargeUtf8,
  List,
  Map_,
  Null,
  Precision,
  Struct,
  Time,
  TimeUnit,
  Timestamp,
  Type,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Union,
  UnionMode,
  Utf8,
  type DataType,
  type Int as ArrowInt,
} from 'apache-arrow';
import type { IntervalUnit as IntervalUnitName, TimeUnit as TimeUnitName } from './values.js';
import { UnsupportedTypeError } from '../errors.js';
import { dtypeOfKind, type AnyDType, type ChildField, type DTypeKind } from './dtype.js';

type TimeUnit_ = TimeUnit;
type IntervalUnit_ = IntervalUnit;
import type { TypedArrayConstructor } from '../util/alloc.js';

/** Width of a categorical column's dictionary indices. */
export type IndexWidth = 'uint8' | 'uint16' | 'int32';

/** The Arrow integer type for a categorical index width. */
export function arrowIndexType(width: IndexWidth): ArrowInt {
  switch (width) {
    case 'uint8':
      return new Uint8();
    case 'uint16':
      return new Uint16();
    case 'int32':
      return new Int32();
  }
}

/** The narrowest index width that addresses a dictionary of `size` entries. */
export function indexWidthFor(size: number): IndexWidth {
  if (size <= 256) return 'uint8';
  if (size <= 65536) return 'uint16';
  return 'int32';
}

const ARROW_TIME_UNIT: Readonly<Record<string, TimeUnit_>> = { s: TimeUnit.SECOND, ms: TimeUnit.MILLISECOND, us: TimeUnit.MICROSECOND, ns: TimeUnit.NANOSECOND };
const TIME_UNIT_OF: readonly TimeUnitName[] = ['s', 'ms', 'us', 'ns'];
const ARROW_INTERVAL_UNIT: Readonly<Record<string, IntervalUnit_>> = { yearMonth: IntervalUnit.YEAR_MONTH, dayTime: IntervalUnit.DAY_TIME, monthDayNano: IntervalUnit.MONTH_DAY_NANO };
const INTERVAL_UNIT_OF: readonly IntervalUnitName[] = ['yearMonth', 'dayTime', 'monthDayNano'];

/** The colframe time unit of an Arrow `TimeUnit`. */
export function timeUnitOf(u: TimeUnit_): TimeUnitName {
  return TIME_UNIT_OF[u]!;
}

/** The Arrow `TimeUnit` of a colframe time unit. */
export function arrowTimeUnit(u: TimeUnitName): TimeUnit_ {
  return ARROW_TIME_UNIT[u]!;
}

function childArrowField(c: ChildField): ArrowField {
  const f = new ArrowField(c.name, toArrowType(c.dtype), c.dtype.nullable);
  if (c.metadata !== undefined) for (const [k, v] of c.metadata) f.metadata.set(k, v);
  return f;
}

/**
 * The Arrow `DataType` of a dtype. Categorical columns need the index type their data uses
 * (`indices`, default uint8).
 */
export function toArrowType(d: AnyDType, indices?: ArrowInt): DataType {
  switch (d.kind) {
    case 'null':
      return new Null();
    case 'bool':
      return new Bool();
    case 'int8':
      return new Int8();
    case 'int16':
      return new Int16();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'uint8':
      return new Uint8();
    case 'uint16':
      return new Uint16();
    case 'uint32':
      return new Uint32();
    case 'uint64':
      return new Uint64();
    case 'float16':
      return new Float16();
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'decimal':
      return new Decimal(d.scale!, d.precision!, d.bitWidth!);
    case 'utf8':
      return new Utf8();
    case 'largeUtf8':
      return new LargeUtf8();
    case 'binary':
      return new Binary();
    case 'largeBinary':
      return new LargeBinary();
    case 'fixedSizeBinary':
      return new FixedSizeBinary(d.size!);
    case 'categorical':
      return new Dictionary(new Utf8(), (indices ?? new Uint8()) as Uint8);
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new Timestamp(ARROW_TIME_UNIT[d.unit ?? 'ms']!, d.timezone ?? null);
    case 'time': {
      const u = (d.unit ?? 'ms') as TimeUnitName;
      return new Time(ARROW_TIME_UNIT[u]!, u === 's' || u === 'ms' ? 32 : 64);
    }
    case 'duration':
      return new Duration(ARROW_TIME_UNIT[d.unit ?? 'ms']!);
    case 'interval':
      return new Interval(ARROW_INTERVAL_UNIT[d.unit!]!);
    case 'list':
      return new List(childArrowField(d.item!));
    case 'largeList':
      return new LargeList(childArrowField(d.item!));
    case 'fixedSizeList':
      return new FixedSizeList(d.size!, childArrowField(d.item!));
    case 'struct':
      return new Struct(d.fields!.map(childArrowField));
    case 'map':
      return new Map_(childArrowField(d.item!) as ArrowField<Struct<{ key: DataType; value: DataType }>>, d.keysSorted === true);
    case 'union':
      return new Union(d.mode === 'dense' ? UnionMode.Dense : UnionMode.Sparse, [...d.typeIds!], d.fields!.map(childArrowField));
  }
}

/** An Arrow `Field` for a named dtype. */
export function toArrowField(name: string, d: AnyDType, type: DataType = toArrowType(d)): ArrowField {
  return new ArrowField(name, type, d.nullable);
}

/** The integer dtype kind of a bit width and signedness (`undefined` for other widths). */
export function intKindOf(bitWidth: number, signed: boolean): DTypeKind | undefined {
  return INT_KINDS[`${bitWidth}${signed ? 's' : 'u'}`];
}

/** The typed array each fixed-width dtype kind stores its values in (Arrow's physical layout). */
export const FIXED_STORAGE: Readonly<Partial<Record<DTypeKind, TypedArrayConstructor>>> = Object.freeze({
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  float32: Float32Array,
  float64: Float64Array,
  date: Int32Array,
  timestamp: BigInt64Array,
  duration: BigInt64Array,
  float16: Uint16Array,
});

const INT_KINDS: Record<string, DTypeKind> = {
  '8s': 'int8',
  '16s': 'int16',
  '32s': 'int32',
  '64s': 'int64',
  '8u': 'uint8',
  '16u': 'uint16',
  '32u': 'uint32',
  '64u': 'uint64',
};

function childOf(parent: string, f: ArrowField): ChildField {
  const dtype = fromArrowType(`${parent}.${f.name}`, f.type, f.nullable);
  const meta = f.metadata.size > 0 ? new Map(f.metadata) : undefined;
  return Object.freeze(meta === undefined ? { name: f.name, dtype } : { name: f.name, dtype, metadata: meta });
}

/**
 * The dtype of an Arrow type, or an `UnsupportedTypeError` naming the field.
 * @throws UnsupportedTypeError for Arrow types colframe does not hold.
 */
export function fromArrowType(fieldName: string, type: DataType, isNullable: boolean): AnyDType {
  switch (type.typeId) {
    case Type.Null:
      return dtypeOfKind('null', true);
    case Type.Bool:
      return dtypeOfKind('bool', isNullable);
    case Type.Int: {
      const t = type as ArrowInt;
      return dtypeOfKind(intKindOf(t.bitWidth, t.isSigned)!, isNullable);
    }
    case Type.Float: {
      const p = (type as Float64).precision;
      if (p === Precision.HALF) return dtypeOfKind('float16', isNullable);
      if (p === Precision.SINGLE) return dtypeOfKind('float32', isNullable);
      return dtypeOfKind('float64', isNullable);
    }
    case Type.Decimal: {
      const t = type as Decimal;
      return dtypeOfKind('decimal', isNullable, { precision: t.precision, scale: t.scale, bitWidth: t.bitWidth });
    }
    case Type.Utf8:
      return dtypeOfKind('utf8', isNullable);
    case Type.LargeUtf8:
      return dtypeOfKind('largeUtf8', isNullable);
    case Type.Binary:
      return dtypeOfKind('binary', isNullable);
    case Type.LargeBinary:
      return dtypeOfKind('largeBinary', isNullable);
    case Type.FixedSizeBinary:
      return dtypeOfKind('fixedSizeBinary', isNullable, { size: (type as FixedSizeBinary).byteWidth });
    case Type.Dictionary: {
      const t = type as Dictionary;
      if (t.dictionary.typeId !== Type.Utf8) {
        throw new UnsupportedTypeError(fieldName, String(type), '; only dictionaries of Utf8 strings are categorical (decode other dictionaries first)');
      }
      if ((t.indices.bitWidth as number) === 64) {
        throw new UnsupportedTypeError(fieldName, String(type), '; 64-bit dictionary indices are not supported');
      }
      return dtypeOfKind('categorical', isNullable);
    }
    case Type.Date: {
      if ((type as DateDay).unit === DateUnit.DAY) return dtypeOfKind('date', isNullable);
      throw new UnsupportedTypeError(fieldName, String(type), '; Date64 is read from IPC as date; an apache-arrow Date64 vector needs a cast to DateDay first');
    }
    case Type.Timestamp: {
      const t = type as Timestamp;
      return dtypeOfKind('timestamp', isNullable, { unit: timeUnitOf(t.unit), timezone: t.timezone ?? null });
    }
    case Type.Time:
      return dtypeOfKind('time', isNullable, { unit: timeUnitOf((type as Time).unit) });
    case Type.Duration:
      return dtypeOfKind('duration', isNullable, { unit: timeUnitOf((type as Duration).unit) });
    case Type.Interval:
      return dtypeOfKind('interval', isNullable, { unit: INTERVAL_UNIT_OF[(type as Interval).unit]! });
    case Type.List:
      return dtypeOfKind('list', isNullable, { item: childOf(fieldName, (type as List).children[0]!) });
    case Type.LargeList:
      return dtypeOfKind('largeList', isNullable, { item: childOf(fieldName, (type as LargeList).children[0]!) });
    case Type.FixedSizeList: {
      const t = type as FixedSizeList;
      return dtypeOfKind('fixedSizeList', isNullable, { item: childOf(fieldName, t.children[0]!), size: t.listSize });
    }
    case Type.Struct:
      return dtypeOfKind('struct', isNullable, { fields: Object.freeze((type as Struct).children.map((f) => childOf(fieldName, f))) });
    case Type.Map: {
      const t = type as Map_;
      return dtypeOfKind('map', isNullable, { item: childOf(fieldName, t.children[0]!), keysSorted: t.keysSorted });
    }
    case Type.Union: {
      const t = type as Union;
      return dtypeOfKind('union', true, {
        fields: Object.freeze(t.children.map((f) => childOf(fieldName, f))),
        mode: t.mode === UnionMode.Dense ? 'dense' : 'sparse',
        typeIds: Object.freeze([...t.typeIds]),
      });
    }
    default:
      throw new UnsupportedTypeError(fieldName, String(type), '; convert view and run-end encoded vectors to their plain types first (readIPC converts them)');
  }
}
