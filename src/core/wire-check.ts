/**
 * The checks a transfer packet passes before any view is built over it: a known format and
 * version, a dtype that is well formed at every level, and for every array and child the buffers
 * its layout needs, of the right typed-array kind and long enough; offsets bounded by what they
 * index (first and last offset: O(1) per array), union type ids naming a member and dense union
 * offsets inside their member (one pass). Values themselves are not re-checked: a packet comes
 * from `transfer()`.
 */
import { SharedFrameError } from '../errors.js';
import { MAX_DECIMAL_PRECISION, type DTypeKind } from '../dtype/dtype.js';
import type { BufferParts, ColumnPart, PlainChild, PlainDType, TransferPacket } from './wire.js';

const KINDS = new Set<DTypeKind>([
  'null', 'bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'decimal',
  'utf8', 'largeUtf8', 'binary', 'largeBinary', 'fixedSizeBinary', 'categorical', 'date', 'timestamp', 'time', 'duration', 'interval',
  'list', 'largeList', 'fixedSizeList', 'struct', 'map', 'union',
]);

const TIME_UNITS = new Set(['s', 'ms', 'us', 'ns']);
const INTERVAL_UNITS = new Set(['yearMonth', 'dayTime', 'monthDayNano']);

type Ctor = abstract new (...args: never[]) => ArrayBufferView;

/** The typed array and bytes per row of each fixed-width kind's values. */
function fixedLayout(d: PlainDType): [Ctor, number] | undefined {
  switch (d.kind) {
    case 'int8':
      return [Int8Array, 1];
    case 'uint8':
      return [Uint8Array, 1];
    case 'int16':
      return [Int16Array, 2];
    case 'uint16':
      return [Uint16Array, 2];
    case 'float16':
      return [Uint16Array, 2];
    case 'int32':
    case 'date':
      return [Int32Array, 4];
    case 'uint32':
      return [Uint32Array, 4];
    case 'float32':
      return [Float32Array, 4];
    case 'float64':
      return [Float64Array, 8];
    case 'int64':
    case 'timestamp':
    case 'duration':
      return [BigInt64Array, 8];
    case 'uint64':
      return [BigUint64Array, 8];
    case 'time':
      return d.unit === 's' || d.unit === 'ms' ? [Int32Array, 4] : [BigInt64Array, 8];
    case 'interval':
      return [Int32Array, d.unit === 'yearMonth' ? 4 : d.unit === 'dayTime' ? 8 : 16];
    case 'decimal':
      return [Uint32Array, d.bitWidth! / 8];
    case 'fixedSizeBinary':
      return [Uint8Array, d.size!];
    default:
      return undefined;
  }
}

const isInt = (v: unknown, min = 0): v is number => Number.isInteger(v) && (v as number) >= min;

/** The reason `d` is not a well-formed plain dtype, or `undefined`. */
function badDType(d: PlainDType | null | undefined): string | undefined {
  if (d === null || typeof d !== 'object' || !KINDS.has(d.kind) || typeof d.nullable !== 'boolean') return 'no valid name or dtype';
  const child = (c: PlainChild | undefined): string | undefined =>
    c === null || typeof c !== 'object' || typeof c.name !== 'string' ? `a ${d.kind} child without a name` : badDType(c.dtype);
  switch (d.kind) {
    case 'timestamp':
    case 'time':
    case 'duration':
      return TIME_UNITS.has(String(d.unit)) ? undefined : `a ${d.kind} of unit ${String(d.unit)}`;
    case 'interval':
      return INTERVAL_UNITS.has(String(d.unit)) ? undefined : `an interval of unit ${String(d.unit)}`;
    case 'decimal': {
      const max = MAX_DECIMAL_PRECISION[d.bitWidth ?? 0];
      const ok = max !== undefined && isInt(d.precision, 1) && d.precision <= max && Number.isInteger(d.scale) && Math.abs(d.scale!) <= d.precision;
      return ok ? undefined : `a decimal of precision ${String(d.precision)}, scale ${String(d.scale)}, width ${String(d.bitWidth)}`;
    }
    case 'fixedSizeBinary':
      return isInt(d.size) ? undefined : `a fixed-size binary of size ${String(d.size)}`;
    case 'list':
    case 'largeList':
      return child(d.item);
    case 'fixedSizeList':
      return isInt(d.size) ? child(d.item) : `a fixed-size list of size ${String(d.size)}`;
    case 'map': {
      const bad = child(d.item);
      if (bad !== undefined) return bad;
      return d.item!.dtype.kind === 'struct' && d.item!.dtype.fields?.length === 2 ? undefined : 'a map whose entries are not a key and a value';
    }
    case 'struct':
    case 'union': {
      if (!Array.isArray(d.fields)) return `a ${d.kind} without fields`;
      for (const f of d.fields) {
        const bad = child(f);
        if (bad !== undefined) return bad;
      }
      if (d.kind === 'struct') return undefined;
      const ids = d.typeIds;
      const ok = (d.mode === 'sparse' || d.mode === 'dense') && Array.isArray(ids) && ids.length === d.fields.length && ids.every((t) => isInt(t) && t <= 127);
      return ok ? undefined : 'a union without a mode or type ids';
    }
    default:
      return undefined;
  }
}

/** The children of a plain nested dtype, in Arrow's order. */
function kidsOf(d: PlainDType): PlainChild[] {
  if (d.item !== undefined) return [d.item];
  return d.fields ?? [];
}

class Checker {
  constructor(
    private readonly where: string,
    private readonly what = 'transfer packet',
    /** Also check every offset is in order and every dictionary code in range (one integer pass each). */
    private readonly strict = false,
  ) {}

  bad(what: string): never {
    throw new SharedFrameError(`Corrupted ${this.what}: ${this.where}: ${what}`);
  }

  /** Offsets of `b` as numbers: first and last checked against `0 … limit`. */
  offsets(b: BufferParts, large: boolean, what: string, limit: number): void {
    const o = b.offsets;
    if (o === undefined || !(large ? o instanceof BigInt64Array : o instanceof Int32Array) || o.length < b.length + 1) this.bad(`${what} offsets too short`);
    // O(1): the first and last offsets bound every entry (Arrow slices the offsets, not what they
    // index); a packet comes from `transfer()`, so the order between them is not re-checked (a
    // view never reads out of bounds).
    const first = Number(o[0]!);
    const last = Number(o[b.length]!);
    if (first < 0 || first > last) this.bad(`${what} offsets out of order`);
    if (last > limit) this.bad(`${what} offsets run past the ${what === 'string' ? 'bytes' : 'values'}`);
    if (this.strict) {
      let prev = first;
      for (let i = 1; i <= b.length; i++) {
        const next = Number(o[i]!);
        if (next < prev) this.bad(`${what} offsets go backwards at row ${i - 1} (${prev} then ${next})`);
        prev = next;
      }
    }
  }

  /** `b` holds what `d`'s layout needs, children included. */
  parts(b: BufferParts, d: PlainDType): void {
    if (b === null || typeof b !== 'object') this.bad('missing buffers');
    if (!isInt(b.length)) this.bad(`length ${String(b.length)}`);
    if (!isInt(b.offset)) this.bad(`offset ${String(b.offset)}`);
    if (!isInt(b.nullCount) || b.nullCount > b.length) this.bad(`null count ${String(b.nullCount)}`);
    if (b.validity !== undefined && (!(b.validity instanceof Uint8Array) || b.validity.length * 8 < b.offset + b.length)) this.bad('validity bitmap too short');
    if (b.nullCount > 0 && b.validity === undefined && d.kind !== 'null' && d.kind !== 'union') this.bad('nulls without a validity bitmap');
    if (b.values !== undefined && !ArrayBuffer.isView(b.values)) this.bad('values are not a typed array');
    const kids = kidsOf(d);
    if (kids.length > 0 && (!Array.isArray(b.children) || b.children.length !== kids.length)) this.bad(`${kids.length} children expected`);
    const values = b.values;
    const fixed = fixedLayout(d);
    if (fixed !== undefined) {
      if (b.length > 0 && (!(values instanceof fixed[0]) || values.byteLength < b.length * fixed[1])) this.bad('values too short');
      return;
    }
    switch (d.kind) {
      case 'null':
        return;
      case 'bool':
        if (!(values instanceof Uint8Array) || values.byteLength * 8 < b.offset + b.length) this.bad('boolean values too short');
        return;
      case 'utf8':
      case 'binary':
      case 'largeUtf8':
      case 'largeBinary':
        if (values !== undefined && !(values instanceof Uint8Array)) this.bad('bytes are not a Uint8Array');
        this.offsets(b, d.kind === 'largeUtf8' || d.kind === 'largeBinary', d.kind === 'utf8' || d.kind === 'largeUtf8' ? 'string' : 'binary', values?.byteLength ?? 0);
        return;
      case 'categorical': {
        if (b.dict === undefined) this.bad('categorical without a dictionary');
        new Checker(`${this.where} (dictionary)`, this.what, this.strict).parts(b.dict, { kind: 'utf8', nullable: true });
        const w = values instanceof Uint16Array ? 2 : values instanceof Int32Array ? 4 : 1;
        if (b.length > 0 && (!(values instanceof Uint8Array || values instanceof Uint16Array || values instanceof Int32Array) || values.byteLength < b.length * w)) this.bad('values too short');
        if (this.strict) {
          const codes = values as Uint8Array | Uint16Array | Int32Array;
          const size = b.dict.length;
          for (let i = 0; i < b.length; i++) {
            const k = codes[i]!;
            if (k >= 0 && k < size) continue;
            const j = i + b.offset;
            if (b.validity !== undefined && (b.validity[j >> 3]! & (1 << (j & 7))) === 0) continue; // a null slot is never read
            this.bad(`row ${i}: dictionary index ${k} is outside the ${size}-entry dictionary`);
          }
        }
        return;
      }
      case 'list':
      case 'largeList':
      case 'map': {
        const child = b.children![0]!;
        this.offsets(b, d.kind === 'largeList', 'list', isInt(child?.length) ? child.length : 0);
        this.child(child, kids[0]!, 'item');
        return;
      }
      case 'fixedSizeList': {
        const child = b.children![0]!;
        if (!isInt(child?.length) || child.length < b.length * d.size!) this.bad('fixed-size list items too short');
        this.child(child, kids[0]!, 'item');
        return;
      }
      case 'struct':
        b.children!.forEach((c, k) => {
          if (!isInt(c?.length) || c.length < b.length) this.bad(`field "${kids[k]!.name}" too short`);
          this.child(c, kids[k]!, `field ${JSON.stringify(kids[k]!.name)}`);
        });
        return;
      case 'union':
        this.union(b, d, kids);
        return;
    }
  }

  private child(b: BufferParts, c: PlainChild, label: string): void {
    new Checker(`${this.where}, ${label}`, this.what, this.strict).parts(b, c.dtype);
  }

  private union(b: BufferParts, d: PlainDType, kids: PlainChild[]): void {
    const t = b.typeIds;
    if (!(t instanceof Int8Array) || t.length < b.length) this.bad('union type ids too short');
    const member = new Int8Array(128).fill(-1);
    d.typeIds!.forEach((id, k) => (member[id] = k));
    const dense = d.mode === 'dense';
    const o = b.offsets;
    if (dense && (!(o instanceof Int32Array) || o.length < b.length)) this.bad('union offsets too short');
    b.children!.forEach((c, k) => {
      if (!isInt(c?.length) || (!dense && c.length < b.length)) this.bad(`member "${kids[k]!.name}" too short`);
      this.child(c, kids[k]!, `member ${JSON.stringify(kids[k]!.name)}`);
    });
    for (let i = 0; i < b.length; i++) {
      const k = member[t[i]!]!;
      if (k < 0) this.bad(`row ${i}: union type id ${t[i]} names no member`);
      if (dense) {
        const at = (o as Int32Array)[i]!;
        if (at < 0 || at >= b.children![k]!.length) this.bad(`row ${i}: union offset ${at} is outside member "${kids[k]!.name}"`);
      }
    }
  }
}

/**
 * `packet` as a transfer packet of format `version`, every column checked.
 * @throws SharedFrameError for anything that is not a well-formed packet of this version.
 */
export function checkPacket(packet: unknown, version: number): TransferPacket {
  const p = packet as Partial<TransferPacket> | null;
  if (p === null || typeof p !== 'object' || p.format !== 'colframe.transfer') {
    throw new SharedFrameError('Not a transfer packet: expected the `packet` returned by df.transfer()');
  }
  if (p.version !== version) throw new SharedFrameError(`Transfer packet of format version ${String(p.version)}; this colframe reads version ${version}`);
  if (!Array.isArray(p.columns) || !Number.isInteger(p.height) || p.height! < 0) throw new SharedFrameError('Corrupted transfer packet: no columns or height');
  for (const c of p.columns as ColumnPart[]) {
    const where = `column "${String(c?.name)}"`;
    const bad = c === null || typeof c !== 'object' || typeof c.name !== 'string' ? 'no valid name or dtype' : badDType(c.dtype);
    if (bad !== undefined) throw new SharedFrameError(`Corrupted transfer packet: ${where} has ${bad}`);
    if (c.length !== p.height) throw new SharedFrameError(`Corrupted transfer packet: ${where} has ${String(c.length)} rows, the frame ${String(p.height)}`);
    new Checker(where).parts(c, c.dtype);
  }
  return p as TransferPacket;
}

/**
 * Check that `parts` hold what dtype `dtype`'s layout needs, at every level (see the module
 * comment); `what` names the container in the error (`shared block`); `strict` also checks that
 * every offset is in order and every dictionary code in range.
 * @throws SharedFrameError naming `where` and the child.
 */
export function checkParts(parts: BufferParts, dtype: PlainDType, where: string, what: string, strict = false): void {
  new Checker(where, what, strict).parts(parts, dtype);
}
