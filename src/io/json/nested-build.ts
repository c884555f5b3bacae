/**
 * Building nested columns (lists, structs, maps) from JSON values scanned on bytes: a builder per
 * level of the dtype, each leaf a column sink of the CSV reader (so leaves read exactly as flat
 * columns do: numbers, strings, dates, timestamps of every unit, decimals …). No object or array
 * is made per value; the scanner walks the value once.
 *
 * A value that does not fit throws {@link Misfit} with its place inside the value (`[2].a`).
 */
import { makeData, type Data } from 'apache-arrow';
import { UnsupportedTypeError } from '../../errors.js';
import { dtypeName, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { ValidityBuilder } from '../../column/builder-base.js';
import { grownCapacity, heapAllocator, resizeTyped, type Allocator } from '../../util/alloc.js';
import { makeSink } from '../csv/sink-factory.js';
import type { Sink } from '../csv/sinks.js';
import { FALSE, JsonSyntax, NULL, TRUE, describeStart, type Scanner } from './scan.js';
import { V_BOOL, V_FLOAT, V_INT, V_NESTED, V_STRING, acceptOf } from './json-types.js';

/** A value that does not fit its builder's dtype: `path` is where inside the value (`[2].a`). */
export class Misfit extends Error {
  constructor(
    readonly reason: string,
    readonly path = '',
  ) {
    super(reason);
  }

  /** The reason, with the place inside the value when it is not the value itself. */
  describe(): string {
    return this.path === '' ? this.reason : `at ${this.path}: ${this.reason}`;
  }
}

/** How builders are made. */
export interface BuildOptions {
  readonly allocator: Allocator | undefined;
  /** Whether the dtype was inferred (text leaves take any JSON value as its text). */
  readonly inferred: boolean;
  /** Whether declared text leaves take nested values as their JSON text (`nested: 'json'`). */
  readonly nestedJson: boolean;
  /** A repeated key in an object: an error, or the last value wins. */
  readonly duplicateKeys: 'error' | 'last';
}

/** Builds one column (or one child) from JSON values. */
export interface ValueBuilder {
  readonly dtype: AnyDType;
  readonly length: number;
  /**
   * Append the JSON value at `i` of the scanner's window (already checked by `skipValue`).
   * @returns The index after it.
   * @throws Misfit when it does not fit.
   */
  put(sc: Scanner, i: number): number;
  /** Append a null. @throws Misfit when the dtype is not nullable. */
  putNull(): void;
  /** Append a placeholder for a slot under a null parent (a null when the dtype admits one). */
  putEmpty(): void;
  /** Drop values from `n` on. */
  truncate(n: number): void;
  finish(): Data;
}

/** A builder for `dtype`. @throws UnsupportedTypeError for the kinds JSON values cannot give (unions, binary, intervals …). */
export function makeValueBuilder(dtype: AnyDType, o: BuildOptions): ValueBuilder {
  switch (dtype.kind) {
    case 'list':
    case 'largeList':
    case 'fixedSizeList':
      return new ListBuilder(dtype, makeValueBuilder(dtype.item!.dtype, o));
    case 'struct':
      return new StructBuilder(dtype, dtype.fields!.map((f) => makeValueBuilder(f.dtype, o)), o.duplicateKeys);
    case 'map': {
      const [k, v] = dtype.item!.dtype.fields!;
      return new MapBuilder(dtype, new LeafBuilder(k!.dtype, o), makeValueBuilder(v!.dtype, o));
    }
    default:
      return new LeafBuilder(dtype, o);
  }
}

/** Placeholder texts for a non-nullable leaf under a null parent. */
function placeholder(kind: string): Uint8Array {
  switch (kind) {
    case 'bool':
      return Buffer.from('false');
    case 'date':
      return Buffer.from('1970-01-01');
    case 'timestamp':
      return Buffer.from('1970-01-01T00:00:00');
    case 'time':
      return Buffer.from('00:00');
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
      return new Uint8Array(0);
    default:
      return Buffer.from('0');
  }
}

/** What a JSON value is, for messages: `"abc"`, `1.5`, `true`, `an array`. */
function shown(b: Uint8Array, s: number, e: number, t: number): string {
  if (t === V_NESTED) return describeStart(b[s]);
  const text = Buffer.from(b.subarray(s, Math.min(e, s + 40))).toString('utf8');
  return t === V_STRING ? JSON.stringify(text) : text;
}

/** A scalar dtype: a CSV sink fed with each value's bytes (a string's decoded content, else its JSON text). */
class LeafBuilder implements ValueBuilder {
  readonly sink: Sink;
  private readonly accept: number;

  constructor(
    readonly dtype: AnyDType,
    o: BuildOptions,
  ) {
    try {
      this.sink = makeSink(dtype, o.inferred, o.allocator, 16, 0);
    } catch (e) {
      if (e instanceof UnsupportedTypeError) throw new UnsupportedTypeError('(json)', String(dtype), ' in readJSON');
      throw e;
    }
    this.accept = acceptOf(dtype, o.inferred, o.nestedJson);
  }

  get length(): number {
    return this.sink.length;
  }

  put(sc: Scanner, i: number): number {
    const b = sc.b;
    const c = b[i]!;
    let t: number;
    let bytes = b;
    let s = i;
    let e: number;
    let end: number;
    if (c === 34) {
      const ve = sc.string(i);
      t = V_STRING;
      end = ve + 1;
      if (sc.escaped) {
        e = sc.unescape(i + 1, ve);
        bytes = sc.scratch;
        s = 0;
      } else {
        s = i + 1;
        e = ve;
      }
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      end = e = sc.number(i);
      t = sc.integer ? V_INT : V_FLOAT;
    } else if (c === 116 || c === 102) {
      end = e = sc.literal(i, c === 116 ? TRUE : FALSE);
      t = V_BOOL;
    } else if (c === 110) {
      end = sc.literal(i, NULL);
      this.putNull();
      return end;
    } else if (c === 123 || c === 91) {
      end = e = sc.skipValue(i);
      t = V_NESTED;
    } else {
      throw new JsonSyntax(`expected a value, found ${describeStart(c)}`, i);
    }
    if ((this.accept & t) === 0 || !this.sink.append(bytes, s, e)) throw new Misfit(`${shown(bytes, s, e, t)} does not fit ${dtypeName(this.dtype)}`);
    return end;
  }

  /** Append text bytes `[s, e)` as a string value (a map's key from an object). */
  putText(b: Uint8Array, s: number, e: number): void {
    if ((this.accept & V_STRING) === 0 || !this.sink.append(b, s, e)) throw new Misfit(`${shown(b, s, e, V_STRING)} does not fit ${dtypeName(this.dtype)}`);
  }

  putNull(): void {
    if (!this.sink.appendNull()) throw new Misfit(`null does not fit ${dtypeName(this.dtype)} (not nullable)`);
  }

  putEmpty(): void {
    if (this.sink.appendNull()) return;
    const p = placeholder(this.dtype.kind);
    if (!this.sink.append(p, 0, p.length)) throw new UnsupportedTypeError('(json)', String(this.dtype), ' under a null value in readJSON (make it nullable)');
  }

  truncate(n: number): void {
    this.sink.truncate(n);
  }

  finish(): Data {
    return this.sink.finish();
  }
}

/** Offsets that grow, and the validity of a container. */
abstract class Container {
  length = 0;
  readonly validity = new ValidityBuilder(heapAllocator);
  constructor(readonly dtype: AnyDType) {}

  protected valid(): void {
    this.validity.setValid(this.length);
    this.length++;
  }

  /** A `null` literal at `i`: a null value; returns the index after it. */
  protected putNullAt(sc: Scanner, i: number): number {
    const end = sc.literal(i, NULL);
    this.putNull();
    return end;
  }

  putNull(): void {
    if (!this.dtype.nullable) throw new Misfit(`null does not fit ${dtypeName(this.dtype)} (not nullable)`);
    this.empty();
    this.validity.setNull(this.length);
    this.length++;
  }

  putEmpty(): void {
    this.empty();
    if (this.dtype.nullable) this.validity.setNull(this.length);
    else this.validity.setValid(this.length);
    this.length++;
  }

  /** Append the children of a value that holds nothing (under a null). */
  protected abstract empty(): void;

  protected cutValidity(n: number): void {
    this.validity.truncate(n, this.length);
    this.length = n;
  }
}

/** Growable int32 offsets, starting with 0. */
class Offsets {
  v = new Int32Array(64);
  push(at: number, value: number): void {
    if (at >= this.v.length) this.v = resizeTyped(this.v, at, grownCapacity(this.v.length, at + 1), heapAllocator);
    this.v[at] = value;
  }
  exact(n: number): Int32Array {
    return this.v.slice(0, n + 1);
  }
}

/** Lists (32- and 64-bit offsets) and fixed-size lists. */
class ListBuilder extends Container implements ValueBuilder {
  private readonly offsets = new Offsets();
  private readonly size: number;

  constructor(
    dtype: AnyDType,
    private readonly child: ValueBuilder,
  ) {
    super(dtype);
    this.size = dtype.kind === 'fixedSizeList' ? dtype.size! : -1;
  }

  put(sc: Scanner, i: number): number {
    const b = sc.b;
    if (b[i] === 110) return this.putNullAt(sc, i);
    if (b[i] !== 91) throw new Misfit(`${describeStart(b[i])} does not fit ${dtypeName(this.dtype)}: expected an array`);
    i = sc.ws(i + 1);
    let k = 0;
    if (b[i] === 93) i++;
    else {
      for (;; k++) {
        try {
          i = sc.ws(this.child.put(sc, i));
        } catch (e) {
          throw e instanceof Misfit ? new Misfit(e.reason, `[${k}]${e.path}`) : e;
        }
        if (b[i] === 44) {
          i = sc.ws(i + 1);
          continue;
        }
        i++; // ']' (the grammar was checked)
        k++;
        break;
      }
    }
    if (this.size >= 0 && k !== this.size) throw new Misfit(`an array of ${k} items does not fit ${dtypeName(this.dtype)}`);
    this.offsets.push(this.length + 1, this.child.length);
    this.valid();
    return i;
  }

  protected empty(): void {
    for (let k = 0; k < this.size; k++) this.child.putEmpty();
    this.offsets.push(this.length + 1, this.child.length);
  }

  truncate(n: number): void {
    if (n >= this.length) return;
    this.child.truncate(this.size >= 0 ? n * this.size : this.offsets.v[n]!);
    this.cutValidity(n);
  }

  finish(): Data {
    const child = this.child.finish();
    const common = { type: toArrowType(this.dtype), length: this.length, nullCount: this.validity.nulls, nullBitmap: this.validity.finish(this.length), child };
    if (this.size >= 0) return makeData(common as never);
    const offs = this.offsets.exact(this.length);
    const valueOffsets = this.dtype.kind === 'largeList' ? BigInt64Array.from(offs, (x) => BigInt(x)) : offs;
    return makeData({ ...common, valueOffsets } as never);
  }
}

/** Structs: an object's members by key; a missing key is null. */
class StructBuilder extends Container implements ValueBuilder {
  private readonly names: readonly string[];
  private readonly keyBytes: readonly Buffer[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    dtype: AnyDType,
    private readonly children: readonly ValueBuilder[],
    private readonly duplicateKeys: 'error' | 'last',
  ) {
    super(dtype);
    this.names = dtype.fields!.map((f) => f.name);
    this.keyBytes = this.names.map((n) => Buffer.from(n, 'utf8'));
    const index = new Map<string, number>();
    this.names.forEach((n, k) => {
      if (!index.has(n)) index.set(n, k);
    });
    this.index = index;
    this.seen = new Int32Array(this.names.length).fill(-1);
  }

  /** The field of the key `[s, e)` (raw bytes between its quotes), trying position `k` first. */
  private fieldOf(sc: Scanner, s: number, e: number, k: number): number {
    const raw = this.keyBytes[k];
    if (!sc.escaped && raw !== undefined && raw.length === e - s) {
      let j = 0;
      while (j < raw.length && raw[j] === sc.b[s + j]) j++;
      if (j === raw.length) return k;
    }
    const name = sc.escaped ? Buffer.from(sc.scratch.subarray(0, sc.unescape(s, e))).toString('utf8') : Buffer.from(sc.b.subarray(s, e)).toString('utf8');
    const f = this.index.get(name);
    if (f === undefined) throw new Misfit(`key ${JSON.stringify(name)} is not a field of ${dtypeName(this.dtype)}`);
    return f;
  }

  put(sc: Scanner, i: number): number {
    const b = sc.b;
    if (b[i] === 110) return this.putNullAt(sc, i);
    if (b[i] !== 123) throw new Misfit(`${describeStart(b[i])} does not fit ${dtypeName(this.dtype)}: expected an object`);
    const stamp = ++this.stamp;
    const row = this.length;
    i = sc.ws(i + 1);
    if (b[i] === 125) i++;
    else {
      for (let k = 0; ; k++) {
        const ke = sc.string(i);
        const f = this.fieldOf(sc, i + 1, ke, k);
        i = sc.ws(sc.ws(ke + 1) + 1); // past ':'
        const child = this.children[f]!;
        if (this.seen[f] === stamp) {
          if (this.duplicateKeys === 'error') throw new Misfit(`duplicate key ${JSON.stringify(this.names[f])} (pass duplicateKeys: 'last' to keep the last value)`);
          child.truncate(row);
        }
        this.seen[f] = stamp;
        try {
          i = sc.ws(child.put(sc, i));
        } catch (e) {
          throw e instanceof Misfit ? new Misfit(e.reason, `.${this.names[f]}${e.path}`) : e;
        }
        if (b[i] === 44) {
          i = sc.ws(i + 1);
          continue;
        }
        i++; // '}'
        break;
      }
    }
    for (let f = 0; f < this.children.length; f++) {
      if (this.seen[f] === stamp) continue;
      try {
        this.children[f]!.putNull();
      } catch (e) {
        throw e instanceof Misfit ? new Misfit(`missing key for a field that is not nullable (${dtypeName(this.children[f]!.dtype)})`, `.${this.names[f]}`) : e;
      }
    }
    this.valid();
    return i;
  }

  protected empty(): void {
    for (const c of this.children) c.putEmpty();
  }

  truncate(n: number): void {
    if (n >= this.length) return;
    for (const c of this.children) c.truncate(n);
    this.cutValidity(n);
  }

  finish(): Data {
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(this.length),
      children: this.children.map((c) => c.finish()),
    } as never);
  }
}

/** Maps: a JSON object (keys as text) or an array of `[key, value]` pairs, entries in order. */
class MapBuilder extends Container implements ValueBuilder {
  private readonly offsets = new Offsets();

  constructor(
    dtype: AnyDType,
    private readonly key: LeafBuilder,
    private readonly value: ValueBuilder,
  ) {
    super(dtype);
  }

  put(sc: Scanner, i: number): number {
    const b = sc.b;
    if (b[i] === 110) return this.putNullAt(sc, i);
    const c = b[i];
    if (c !== 123 && c !== 91) throw new Misfit(`${describeStart(c)} does not fit ${dtypeName(this.dtype)}: expected an object or an array of [key, value] pairs`);
    const close = c === 123 ? 125 : 93;
    i = sc.ws(i + 1);
    if (b[i] === close) i++;
    else {
      for (let k = 0; ; k++) {
        try {
          if (c === 123) {
            const ke = sc.string(i);
            if (sc.escaped) this.key.putText(sc.scratch, 0, sc.unescape(i + 1, ke));
            else this.key.putText(b, i + 1, ke);
            i = sc.ws(this.value.put(sc, sc.ws(sc.ws(ke + 1) + 1)));
          } else {
            if (b[i] !== 91) throw new Misfit(`${describeStart(b[i])} is not a [key, value] pair`);
            const ke = sc.ws(this.key.put(sc, sc.ws(i + 1)));
            if (b[ke] !== 44) throw new Misfit('a pair of one item is not a [key, value] pair');
            i = sc.ws(this.value.put(sc, sc.ws(ke + 1)));
            if (b[i] !== 93) throw new Misfit('a pair of more than two items is not a [key, value] pair');
            i = sc.ws(i + 1);
          }
        } catch (e) {
          throw e instanceof Misfit ? new Misfit(e.reason, `[${k}]${e.path}`) : e;
        }
        if (b[i] === 44) {
          i = sc.ws(i + 1);
          continue;
        }
        i++;
        break;
      }
    }
    this.offsets.push(this.length + 1, this.key.length);
    this.valid();
    return i;
  }

  protected empty(): void {
    this.offsets.push(this.length + 1, this.key.length);
  }

  truncate(n: number): void {
    if (n >= this.length) return;
    const at = this.offsets.v[n]!;
    this.key.truncate(at);
    this.value.truncate(at);
    this.cutValidity(n);
  }

  finish(): Data {
    const entriesType = toArrowType(this.dtype.item!.dtype);
    const keys = this.key.finish();
    const entries = makeData({ type: entriesType, length: keys.length, nullCount: 0, children: [keys, this.value.finish()] } as never);
    return makeData({
      type: toArrowType(this.dtype),
      length: this.length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.finish(this.length),
      valueOffsets: this.offsets.exact(this.length),
      child: entries,
    } as never);
  }
}
