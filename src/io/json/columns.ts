/**
 * The columns of a JSON read: one per key, in order of first appearance, each a CSV column sink
 * (bytes → typed arrays) fed with a value's bytes and its JSON type.
 *
 * Inference works on JSON types first, then on text: numbers → int32 / int64 / float64, `true` /
 * `false` → bool, strings → date, timestamp or text (strings are never read as numbers), objects
 * and arrays (with `nested: 'json'`) → text. A column mixing JSON types (numbers and strings,
 * booleans and numbers …) is text, each value as its JSON text (`1.50`, `true`; strings without
 * their quotes). An integer beyond int64 is text too, as is a column mixing non-integers with
 * integers beyond ±2^53: no number is rounded to fit a dtype.
 */
import { Column } from '../../column/column.js';
import { dtypeName, dtypeOfKind, isNestedKind, withInt64Repr, type AnyDType } from '../../dtype/dtype.js';
import type { Allocator } from '../../util/alloc.js';
import { makeSink, reencode, widenedDtype as csvWidenedDtype } from '../csv/sink-factory.js';
import type { Sink } from '../csv/sinks.js';
import { Int64Sink } from '../csv/sinks.js';
import { DictSink, Utf8Sink } from '../csv/string-sinks.js';
import { Kind, timestampUnitOf } from '../csv/values.js';
import { K_ALL, K_NESTED, V_INT, V_NESTED, V_NUMBER, V_STRING, acceptOf, kindsOf, safeInt, typeName } from './json-types.js';
import { NestedSink, NestedTextSink } from './nested-sink.js';
import { Misfit } from './nested-build.js';
import { RestartAsText } from '../csv/restart.js';
import { settleText } from '../csv/categorize.js';
import type { JsonWidening } from './options.js';

/** A value that does not fit its column; the reader adds where it is. */
export class ValueError extends Error {
  constructor(
    readonly reason: string,
    readonly column: number,
  ) {
    super(reason);
  }
}

/** Whether a column of this dtype, when made text, keeps every earlier value's exact JSON text. */
function textExact(d: AnyDType): boolean {
  const k = d.kind;
  return k === 'int32' || k === 'int64' || k === 'bool' || k === 'date' || k === 'utf8' || k === 'categorical';
}

/** How columns are made. */
export interface ColumnsOptions {
  readonly allocator: Allocator | undefined;
  readonly int64: 'number' | 'bigint' | undefined;
  /** Columns to read as text from the start (an earlier attempt met text in them). */
  readonly forcedText: ReadonlySet<string>;
  /** Whether the input can be read again (so a widening to text can restart exactly). */
  readonly rereadable: boolean;
  /** Whether declared text columns take nested values (`nested: 'json'`). */
  readonly nestedJson: boolean;
  /** Whether inferred columns of arrays and objects get list and struct dtypes (`nested: 'infer'`). */
  readonly inferNested: boolean;
  /** A key repeated in one object (nested objects included). */
  readonly duplicateKeys: 'error' | 'last';
}

/** Values nested deeper than this keep an inferred column as JSON text (no dtype that deep is inferred). */
export const MAX_INFERRED_DEPTH = 64;

/** The columns being built. */
export class Columns {
  readonly names: string[] = [];
  /** A sink per column; `null` while a column has seen only nulls (its dtype is undecided). */
  sinks: (Sink | null)[] = [];
  /** JSON types each column's sink takes. */
  private accept: number[] = [];
  private readonly declared: (AnyDType | undefined)[] = [];
  /** Inference classes seen in the sample, and non-null counts. */
  private kinds: number[] = [];
  private nonNull: number[] = [];
  /** Value bytes seen in the sample, to size string buffers once. */
  private sampleBytes: number[] = [];
  private sampleRows = 0;
  /** Per column, the stamp of the last record that gave it a value (duplicate and missing keys). */
  seen = new Int32Array(16);
  /** Whether values only feed inference (the sample pass). */
  sampling = true;
  /** Rows completed so far: the current record's index. */
  rows = 0;
  /** Expected rows, to size new sinks. */
  capacity = 1024;
  /** Physical line of the current value (for the read info). */
  line = 1;
  /** How deep the current nested value is (set by the reader before it puts one). */
  depth = 0;
  readonly widened: JsonWidening[] = [];
  readonly late: { column: string; row: number }[] = [];

  constructor(private readonly o: ColumnsOptions) {}

  /** Number of columns. */
  get length(): number {
    return this.names.length;
  }

  /** Add a column (declared dtype or inferred); returns its index. */
  add(name: string, declared: AnyDType | undefined): number {
    const c = this.names.length;
    this.names.push(name);
    this.declared.push(declared);
    this.kinds.push(K_ALL);
    this.nonNull.push(0);
    this.sampleBytes.push(0);
    if (c >= this.seen.length) {
      const next = new Int32Array(this.seen.length * 2);
      next.set(this.seen);
      this.seen = next;
    }
    this.seen[c] = -1;
    this.sinks.push(null);
    this.accept.push(0);
    if (!this.sampling) {
      if (this.rows > 0) this.late.push({ column: name, row: this.rows });
      if (declared !== undefined) this.open(c, declared, false);
      else if (this.o.forcedText.has(name)) this.open(c, this.textDtype(), true);
    }
    return c;
  }

  /** After the sample (rows back to 0): open a sink for every declared column and every column the sample decided. */
  startReading(capacity: number, sampleRows: number): void {
    this.sampleRows = sampleRows;
    this.sampling = false;
    this.capacity = capacity;
    for (let c = 0; c < this.names.length; c++) {
      const declared = this.declared[c];
      if (declared !== undefined) this.open(c, declared, false);
      else if (this.o.forcedText.has(this.names[c]!)) this.open(c, this.textDtype(), true);
      else if (this.nonNull[c]! > 0) this.openInferred(c, this.kinds[c]!);
    }
  }

  /** Open inferred column `c` for values of classes `k`: pending nested when they are arrays or objects. */
  private openInferred(c: number, k: number): void {
    if ((k & K_NESTED) === 0) {
      this.open(c, this.dtypeOfKinds(k), true);
      return;
    }
    this.open(c, dtypeOfKind('utf8', true), true, true);
  }

  /** The inference class of the current nested value: K_NESTED when it is inferred, else 0 (text). */
  private nestedClass(): number {
    return this.o.inferNested && this.depth <= MAX_INFERRED_DEPTH ? K_NESTED : 0;
  }

  private textDtype(): AnyDType {
    return dtypeOfKind('categorical', true);
  }

  /** The inferred dtype for inference classes `k` (at least one value seen). */
  private dtypeOfKinds(k: number): AnyDType {
    let d: AnyDType;
    if (k & Kind.Bool) d = dtypeOfKind('bool', true);
    else if (k & Kind.Int32) d = dtypeOfKind('int32', true);
    else if (k & Kind.Int64) d = dtypeOfKind('int64', true);
    else if (k & Kind.Float) d = dtypeOfKind('float64', true);
    else if (k & Kind.Date) d = dtypeOfKind('date', true);
    else if (timestampUnitOf(k, false) !== undefined) d = dtypeOfKind('timestamp', true, { unit: timestampUnitOf(k, false)! });
    else if (timestampUnitOf(k, true) !== undefined) d = dtypeOfKind('timestamp', true, { unit: timestampUnitOf(k, true)!, timezone: 'UTC' });
    else d = this.textDtype();
    return this.o.int64 === undefined ? d : withInt64Repr(d, this.o.int64);
  }

  /** Open column `c`'s sink with `rows` nulls already in it (`pendingNested`: arrays and objects whose dtype is inferred at the end). */
  private open(c: number, dtype: AnyDType, inferred: boolean, pendingNested = false): void {
    const perValue = this.sampleRows > 0 ? this.sampleBytes[c]! / this.sampleRows : 16;
    const capacity = this.capacity;
    const bytes = Math.ceil(capacity * perValue * 1.05) + 64;
    const opts = { inferred, capacity, byteCapacity: bytes, ...(this.o.allocator ? { allocator: this.o.allocator } : {}) };
    const sink: Sink = pendingNested
      ? new NestedTextSink(opts, dtype, this.o.duplicateKeys)
      : isNestedKind(dtype.kind)
        ? new NestedSink(dtype, { allocator: this.o.allocator, inferred: false, nestedJson: this.o.nestedJson, duplicateKeys: this.o.duplicateKeys })
        : makeSink(dtype, inferred, this.o.allocator, capacity, bytes);
    for (let r = 0; r < this.rows; r++) {
      if (!sink.appendNull()) throw new ValueError(`missing key for a column that is not nullable (${dtypeName(dtype)})`, c);
    }
    this.sinks[c] = sink;
    this.accept[c] = pendingNested ? 0 : acceptOf(dtype, inferred, this.o.nestedJson);
  }

  /**
   * Append the value of JSON type `t` with bytes `[s, e)` (a string's decoded content, else the
   * value's JSON text) to column `c`.
   * @throws ValueError when it does not fit a declared dtype.
   * @throws RestartAsText when a widening to text could not keep earlier values exact but the input can be read again.
   */
  put(c: number, t: number, b: Uint8Array, s: number, e: number): void {
    if (this.sampling) {
      this.sampleBytes[c]! += e - s;
      if (this.declared[c] === undefined) {
        this.nonNull[c]!++;
        this.kinds[c]! &= kindsOf(t, b, s, e, this.nestedClass());
      }
      return;
    }
    let sink = this.sinks[c]!;
    if (sink === null) {
      this.openInferred(c, kindsOf(t, b, s, e, this.nestedClass()));
      sink = this.sinks[c]!;
    }
    if ((this.accept[c]! & t) !== 0) {
      // An integer beyond ±2^53 in an inferred float column would be rounded: make it text.
      if (t === V_INT && e - s > 15 && sink.inferred && (sink.dtype.kind === 'float64' || sink.dtype.kind === 'float32') && !safeInt(b, s, e)) {
        this.widen(c, t, b, s, e);
        return;
      }
      if (sink.append(b, s, e)) return;
    }
    if (sink instanceof NestedTextSink) {
      // Arrays and objects whose dtype is inferred at the end (it takes no type on the fast path).
      try {
        if (sink.put(t === V_NESTED && this.nestedClass() !== 0, b, s, e)) return;
      } catch (err) {
        if (err instanceof Misfit) throw new ValueError(err.describe(), c);
        throw err;
      }
      this.widen(c, t, b, s, e);
      return;
    }
    if (this.declared[c] !== undefined || !sink.inferred) {
      const what = t === V_STRING || t === V_NESTED ? typeName(t) : `${typeName(t)} (${latin1(b, s, Math.min(e, s + 40))})`;
      const dt = sink.dtype;
      const why = sink instanceof NestedSink && (this.accept[c]! & t) !== 0 ? `: ${sink.misfit}` : '';
      throw new ValueError(
        (this.accept[c]! & t) === 0 && (dt.kind === 'utf8' || dt.kind === 'categorical' || dt.kind === 'largeUtf8')
          ? `${what} does not fit ${dtypeName(dt)}: expected a string`
          : `${what} does not fit ${dtypeName(dt)}${why}`,
        c,
      );
    }
    this.widen(c, t, b, s, e);
  }

  /** Whether column `c` is declared with a nested dtype (it takes arrays and objects whatever `nested` says). */
  takesNested(c: number): boolean {
    const d = this.declared[c];
    return d !== undefined && isNestedKind(d.kind);
  }

  /** Append a null to column `c` (an explicit `null`). @throws ValueError when it is not nullable. */
  putNull(c: number): void {
    if (this.sampling) return;
    const sink = this.sinks[c];
    if (sink === null || sink === undefined) return; // undecided: nulls are implicit
    if (!sink.appendNull()) throw new ValueError(`null in a column that is not nullable (${dtypeName(sink.dtype)})`, c);
  }

  /** Drop column `c`'s value of the current record (a repeated key, when the last one wins). */
  unput(c: number): void {
    if (!this.sampling) this.sinks[c]?.truncate(this.rows);
  }

  /** End the record stamped `stamp`: a null for every column it did not name. */
  endRecord(stamp: number): void {
    if (!this.sampling) {
      const seen = this.seen;
      const sinks = this.sinks;
      for (let c = 0; c < sinks.length; c++) {
        if (seen[c] === stamp) continue;
        const sink = sinks[c]!;
        if (sink !== null && !sink.appendNull()) {
          throw new ValueError(`missing key for a column that is not nullable (${dtypeName(sink.dtype)})`, c);
        }
      }
    }
    this.rows++;
  }

  /** Roll every column back to `rows` values (a record cut off by the end of a chunk). */
  truncate(rows: number): void {
    for (const s of this.sinks) s?.truncate(rows);
  }

  /** Widen inferred column `c` so it takes the value, then append it. */
  private widen(c: number, t: number, b: Uint8Array, s: number, e: number): void {
    const old = this.sinks[c]!;
    const name = this.names[c]!;
    let next: Sink | undefined;
    if (old instanceof DictSink) {
      // Too many distinct values for a categorical (it takes every JSON type): plain utf8.
      next = old.toUtf8();
    } else {
      const to = this.widenedDtype(old, t, b, s, e);
      const text = to.kind === 'categorical';
      if (text && !textExact(old.dtype) && this.o.rereadable) throw new RestartAsText(name);
      next = reencode(old, makeSink(to, true, this.o.allocator, this.capacity, 0), name);
      if (next === undefined) next = reencode(old, makeSink(this.textDtype(), true, this.o.allocator, this.capacity, 0), name)!;
      this.widened.push({
        column: name,
        from: dtypeName(old.dtype),
        to: dtypeName(next.dtype),
        row: this.rows,
        line: this.line,
        exact: !text || textExact(old.dtype),
      });
    }
    this.sinks[c] = next;
    this.accept[c] = acceptOf(next.dtype, true, this.o.nestedJson);
    this.put(c, t, b, s, e);
  }

  /** The dtype an inferred column widens to for a value that does not fit. */
  private widenedDtype(old: Sink, t: number, b: Uint8Array, s: number, e: number): AnyDType {
    const kind = old.dtype.kind;
    const k = kindsOf(t, b, s, e);
    if ((t & V_NUMBER) !== 0) {
      const int64 = { int64: old.dtype.int64 ?? this.o.int64 ?? 'number' } as const;
      if (kind === 'int32' && k & Kind.Int64) return dtypeOfKind('int64', true, int64);
      if (kind === 'int32' && k & Kind.Float) return dtypeOfKind('float64', true);
      if (kind === 'int64' && k & Kind.Float && old instanceof Int64Sink && allSafe(old)) return dtypeOfKind('float64', true);
    }
    if (t === V_STRING && (kind === 'date' || kind === 'timestamp')) {
      const to = csvWidenedDtype(old.dtype, b, s, e);
      if (to !== undefined) return to;
    }
    return this.textDtype();
  }

  /** The built columns, `rows` long. */
  finish(): Column[] {
    return this.names.map((name, c) => {
      let sink = this.sinks[c] ?? null;
      if (sink === null) {
        // Only nulls (or the key never appeared): a utf8 column of nulls.
        sink = new Utf8Sink(dtypeOfKind('utf8', true), { inferred: true, capacity: this.rows, byteCapacity: 0, ...(this.o.allocator ? { allocator: this.o.allocator } : {}) });
        for (let r = 0; r < this.rows; r++) sink.appendNull();
      } else if (sink instanceof NestedTextSink && sink.nested) {
        const { dtype, data } = sink.build({ allocator: this.o.allocator, nestedJson: this.o.nestedJson, duplicateKeys: this.o.duplicateKeys }, this.o.int64);
        return new Column(name, dtype, data);
      } else if ((sink instanceof DictSink || sink instanceof Utf8Sink) && sink.inferred) {
        // The whole column is read: categorical or utf8 by its final distinct values.
        const { dtype, data } = settleText(sink.dtype, sink.finish(), this.o.allocator);
        return new Column(name, dtype, data);
      }
      return new Column(name, sink.dtype, sink.finish());
    });
  }
}

/** Whether every value of an int64 sink is within ±2^53 (so float64 holds it exactly). */
function allSafe(sink: Int64Sink): boolean {
  const v = sink.values;
  const max = 2n ** 53n;
  for (let i = 0; i < sink.length; i++) {
    const x = v[i]!;
    if (x > max || x < -max) return false;
  }
  return true;
}

function latin1(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i]!);
  return out;
}
