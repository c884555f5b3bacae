/** Choosing, widening and re-encoding CSV column sinks. */
import { dtypeOfKind, withInt64Repr, type AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { UnsupportedTypeError } from '../../errors.js';
import type { Allocator } from '../../util/alloc.js';
import { BoolSink, DateSink, FloatSink, Int64Sink, IntSink, TimestampSink, negativeZeroRows, type Sink, type SinkOptions } from './sinks.js';
import { DictSink, Utf8Sink } from './string-sinks.js';
import { BinarySink, DecimalSink, LargeUtf8Sink, NullSink, TimeSink } from './more-sinks.js';
import { Kind, classify, timestampUnitOf } from './values.js';
import type { TimeUnit } from '../../dtype/values.js';
import { formatDate } from '../../util/temporal.js';
import { formatTimestampCount } from '../../util/temporal-units.js';

/**
 * A sink for `dtype`. `inferred` makes numeric sinks strict and a categorical sink adaptive.
 * @throws UnsupportedTypeError naming `name` for a dtype text fields cannot hold (lists, structs,
 *   maps, unions, intervals, float16).
 */
export function makeSink(dtype: AnyDType, inferred: boolean, allocator: Allocator | undefined, capacity: number, byteCapacity: number, name = '(csv)'): Sink {
  const opts: SinkOptions = allocator === undefined ? { inferred, capacity, byteCapacity } : { inferred, capacity, byteCapacity, allocator };
  switch (dtype.kind) {
    case 'bool':
      return new BoolSink(dtype, opts);
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return new IntSink(dtype, opts);
    case 'int64':
    case 'uint64':
    case 'duration':
      return new Int64Sink(dtype, opts);
    case 'float32':
    case 'float64':
      return new FloatSink(dtype, opts);
    case 'date':
      return new DateSink(dtype, opts);
    case 'timestamp':
      return new TimestampSink(dtype, opts);
    case 'utf8':
      return new Utf8Sink(dtype, opts);
    case 'categorical':
      return new DictSink(dtype, opts);
    case 'largeUtf8':
      return new LargeUtf8Sink(dtype, opts);
    case 'decimal':
      return new DecimalSink(dtype, opts);
    case 'time':
      return new TimeSink(dtype, opts);
    case 'null':
      return new NullSink(dtype, opts);
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return new BinarySink(dtype, opts);
    default:
      throw new UnsupportedTypeError(name, String(dtype), ' as a CSV column dtype (read it as utf8, or read JSON or Arrow IPC)');
  }
}

/**
 * The dtype an inferred column widens to when a value of text `[s, e)` does not fit `current`:
 * int32 → int64 or float64, int64 → float64 when every value so far is within ±2^53 (`safe`;
 * a float64 holds those exactly), date → timestamp, a timestamp to a finer unit (ms → us → ns)
 * when the value has more fraction digits, anything else → utf8 (returned as `undefined`).
 */
export function widenedDtype(current: AnyDType, b: Uint8Array, s: number, e: number, safe: () => boolean = () => false): AnyDType | undefined {
  const k = classify(b, s, e);
  switch (current.kind) {
    case 'int32':
      if (k & Kind.Int64) return dtypeOfKind('int64', true, { int64: current.int64 ?? 'number' });
      if (k & Kind.Float) return dtypeOfKind('float64', true);
      return undefined;
    case 'int64':
      if (k & Kind.Float && safe()) return dtypeOfKind('float64', true);
      return undefined;
    case 'date': {
      const unit = timestampUnitOf(k, false);
      return unit === undefined ? undefined : dtypeOfKind('timestamp', true, { unit });
    }
    case 'timestamp': {
      const aware = (current.timezone ?? null) !== null;
      const unit = timestampUnitOf(k & finerKinds(current.unit as TimeUnit), aware);
      return unit === undefined ? undefined : dtypeOfKind('timestamp', true, { unit, timezone: current.timezone ?? null });
    }
    default:
      return undefined;
  }
}

/** The timestamp classes of units finer than `unit`. */
function finerKinds(unit: TimeUnit): number {
  if (unit === 'ms' || unit === 's') return Kind.TimestampNaiveUs | Kind.TimestampAwareUs | Kind.TimestampNaiveNs | Kind.TimestampAwareNs;
  if (unit === 'us') return Kind.TimestampNaiveNs | Kind.TimestampAwareNs;
  return 0;
}

/**
 * Re-encode every row of `col` into the sink `to` by formatting each value as text and appending
 * it. Exact for integers, dates and categorical/utf8; floats, booleans and timestamps come out in
 * canonical form (`1.5`, `true`, ISO-8601), which may differ from the file's text. Returns
 * undefined when a value does not fit `to`.
 */
export function reencodeColumn(col: Column, to: Sink): Sink | undefined {
  const kind = col.dtype.kind;
  const raw = col.data.values as ArrayLike<number | bigint>;
  const read = new Column(col.name, withInt64Repr(col.dtype, 'bigint'), col.data);
  const tz = col.dtype.timezone ?? null;
  // An integer column's `-0` texts, to keep them (a float column has a negative zero).
  const negZeros = negativeZeroRows(col.data);
  let nz = 0;
  for (let i = 0; i < read.length; i++) {
    if (read.isNull(i)) {
      if (!to.appendNull()) return undefined;
      continue;
    }
    let text: string;
    if (kind === 'date') {
      const days = raw[i] as number;
      // A date read into a timestamp column is its midnight.
      text = to.dtype.kind === 'timestamp' ? `${formatDate(days)}T00:00:00` : formatDate(days);
    } else if (kind === 'timestamp') {
      text = formatTimestampCount(raw[i] as bigint, (col.dtype.unit ?? 'ms') as TimeUnit, tz);
    } else if (negZeros !== undefined && negZeros[nz] === i) {
      text = '-0';
      nz++;
    } else {
      text = String(read.at(i));
    }
    const bytes = Buffer.from(text, 'utf8');
    if (!to.append(bytes, 0, bytes.length)) return undefined;
  }
  return to;
}

/** `reencodeColumn` for the rows a sink holds so far. */
export function reencode(from: Sink, to: Sink, name: string): Sink | undefined {
  return reencodeColumn(new Column(name, from.dtype, from.finish()), to);
}

/** Whether every value of an int64 sink is within ±2^53, so a float64 holds it exactly. */
export function int64Safe(sink: Sink): boolean {
  if (!(sink instanceof Int64Sink)) return false;
  const v = sink.values;
  for (let i = 0; i < sink.length; i++) {
    const x = v[i]!;
    if (x > SAFE || x < -SAFE) return false;
  }
  return true;
}

/** Whether every value of an int64 column is within ±2^53, so a float64 holds it exactly. */
export function int64ColumnSafe(col: Column): boolean {
  const v = col.data.values as BigInt64Array;
  for (let i = 0; i < col.length; i++) {
    const x = v[i]!;
    if (x > SAFE || x < -SAFE) return false;
  }
  return true;
}

const SAFE = 2n ** 53n;

/** Whether re-encoding a column of this dtype as text gives back exactly the file's text. */
export function reencodesExactly(dtype: AnyDType): boolean {
  return dtype.kind === 'int32' || dtype.kind === 'int64' || dtype.kind === 'utf8' || dtype.kind === 'categorical' || dtype.kind === 'date';
}
