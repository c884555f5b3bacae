/** Mapping between colframe dtypes and apache-arrow `DataType`s. */
import {
  Bool,
  DateDay,
  DateUnit,
  Dictionary,
  Field as ArrowField,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Precision,
  TimeUnit,
  TimestampMillisecond,
  Type,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  type DataType,
  type Int as ArrowInt,
} from 'apache-arrow';
import { UnsupportedTypeError } from '../errors.js';
import { dtypeOfKind, type AnyDType, type DTypeKind } from './dtype.js';
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

/**
 * The Arrow `DataType` of a dtype. Categorical columns need the index type their data uses
 * (`indices`, default uint8).
 */
export function toArrowType(d: AnyDType, indices?: ArrowInt): DataType {
  switch (d.kind) {
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
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'utf8':
      return new Utf8();
    case 'categorical':
      return new Dictionary(new Utf8(), (indices ?? new Uint8()) as Uint8);
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMillisecond(d.timezone ?? null);
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

/**
 * The dtype of an Arrow type, or an `UnsupportedTypeError` naming the field.
 * @throws UnsupportedTypeError for Arrow types colframe does not hold.
 */
export function fromArrowType(fieldName: string, type: DataType, isNullable: boolean): AnyDType {
  switch (type.typeId) {
    case Type.Bool:
      return dtypeOfKind('bool', isNullable);
    case Type.Int: {
      const t = type as ArrowInt;
      return dtypeOfKind(intKindOf(t.bitWidth, t.isSigned)!, isNullable);
    }
    case Type.Float: {
      const p = (type as Float64).precision;
      if (p === Precision.SINGLE) return dtypeOfKind('float32', isNullable);
      if (p === Precision.DOUBLE) return dtypeOfKind('float64', isNullable);
      throw new UnsupportedTypeError(fieldName, String(type), '; cast float16 to float32 first');
    }
    case Type.Utf8:
      return dtypeOfKind('utf8', isNullable);
    case Type.Dictionary: {
      const t = type as Dictionary;
      if (t.dictionary.typeId !== Type.Utf8) {
        throw new UnsupportedTypeError(fieldName, String(type), '; only dictionaries of Utf8 strings are categorical');
      }
      if ((t.indices.bitWidth as number) === 64) {
        throw new UnsupportedTypeError(fieldName, String(type), '; 64-bit dictionary indices are not supported');
      }
      return dtypeOfKind('categorical', isNullable);
    }
    case Type.Date: {
      if ((type as DateDay).unit === DateUnit.DAY) return dtypeOfKind('date', isNullable);
      throw new UnsupportedTypeError(fieldName, String(type), '; only Date32 (days) is supported');
    }
    case Type.Timestamp: {
      const t = type as TimestampMillisecond;
      if (t.unit === TimeUnit.MILLISECOND) {
        return dtypeOfKind('timestamp', isNullable, { timezone: t.timezone ?? null });
      }
      throw new UnsupportedTypeError(fieldName, String(type), '; only millisecond timestamps are supported');
    }
    default:
      throw new UnsupportedTypeError(fieldName, String(type));
  }
}
