/**
 * What colframe makes of each schema field: a dtype and how to read its buffers, or the reason
 * it cannot (an `UnsupportedTypeError` naming the field and the type). Also the buffer and node
 * counts of every Arrow type, so fields that are not read can be stepped over exactly.
 */
import { UnsupportedTypeError } from '../../errors.js';
import { intKindOf } from '../../dtype/arrow.js';
import { dtypeOfKind, withInt64Repr, type AnyDType, type Int64Repr } from '../../dtype/dtype.js';
import { MetadataVersion, TypeTag, TimeUnit, DateUnit, Precision, UnionMode } from './constants.js';
import { describeType, type IpcField, type IpcType } from './metadata.js';

/** How a supported field's buffers are read. */
export type ReadKind = 'fixed' | 'bool' | 'utf8' | 'largeUtf8' | 'dictionary' | 'timestampSeconds';

/** A field colframe reads: its dtype and the layout to read. */
export interface FieldPlan {
  readonly field: IpcField;
  readonly dtype: AnyDType;
  readonly read: ReadKind;
  /** Bytes per value of the (index) data buffer; 0 for bit-packed booleans and for utf8. */
  readonly width: number;
  /** For dictionaries: the index type's signedness and the dictionary id. */
  readonly signed: boolean;
  readonly dictionaryId: number;
}

function unsupported(f: IpcField, detail = ''): UnsupportedTypeError {
  const t = f.dictionary === null ? describeType(f.type) : `Dictionary<${describeType(f.type)}, ${describeType(f.dictionary.indexType)}>`;
  return new UnsupportedTypeError(f.name, t, detail);
}

function timeZoneOk(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function plan(field: IpcField, dtype: AnyDType, read: ReadKind, width: number, signed = false, dictionaryId = -1): FieldPlan {
  return { field, dtype, read, width, signed, dictionaryId };
}

/**
 * The plan for a top-level field.
 * @throws UnsupportedTypeError naming the field and its Arrow type when colframe has no dtype for it.
 */
export function planField(f: IpcField, int64: Int64Repr | undefined): FieldPlan {
  const t = f.type;
  const n = f.nullable;
  if (f.dictionary !== null) {
    const it = f.dictionary.indexType;
    if (t.tag !== TypeTag.Utf8) throw unsupported(f, '; only dictionaries of Utf8 strings are read (as categorical)');
    if (it.bitWidth !== 8 && it.bitWidth !== 16 && it.bitWidth !== 32) throw unsupported(f, '; dictionary indices wider than 32 bits are not supported');
    return plan(f, dtypeOfKind('categorical', n), 'dictionary', it.bitWidth / 8, it.signed === true, f.dictionary.id);
  }
  switch (t.tag) {
    case TypeTag.Bool:
      return plan(f, dtypeOfKind('bool', n), 'bool', 0);
    case TypeTag.Int: {
      const kind = intKindOf(t.bitWidth!, t.signed === true);
      if (kind === undefined) throw unsupported(f, `; integer bit width ${t.bitWidth} is not 8, 16, 32 or 64`);
      const d = dtypeOfKind(kind, n);
      return plan(f, int64 === undefined ? d : withInt64Repr(d, int64), 'fixed', t.bitWidth! / 8);
    }
    case TypeTag.FloatingPoint:
      if (t.unit === Precision.SINGLE) return plan(f, dtypeOfKind('float32', n), 'fixed', 4);
      if (t.unit === Precision.DOUBLE) return plan(f, dtypeOfKind('float64', n), 'fixed', 8);
      throw unsupported(f, '; float16 has no colframe dtype');
    case TypeTag.Utf8:
      return plan(f, dtypeOfKind('utf8', n), 'utf8', 0);
    case TypeTag.LargeUtf8:
      return plan(f, dtypeOfKind('utf8', n), 'largeUtf8', 0);
    case TypeTag.Date:
      if (t.unit === DateUnit.DAY) return plan(f, dtypeOfKind('date', n), 'fixed', 4);
      throw unsupported(f, '; Date64 (milliseconds) is not a colframe dtype (cast it to Date32 or a millisecond timestamp first)');
    case TypeTag.Timestamp: {
      const tz = t.timezone ?? null;
      if (tz !== null && !timeZoneOk(tz)) throw unsupported(f, `; its time zone ${JSON.stringify(tz)} is not one this runtime knows`);
      const d = dtypeOfKind('timestamp', n, { timezone: tz });
      if (t.unit === TimeUnit.MILLISECOND) return plan(f, d, 'fixed', 8);
      if (t.unit === TimeUnit.SECOND) return plan(f, d, 'timestampSeconds', 8);
      throw unsupported(f, '; colframe timestamps hold milliseconds and reading finer units would round');
    }
    default:
      throw unsupported(f);
  }
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
