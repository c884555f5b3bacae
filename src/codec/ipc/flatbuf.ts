/**
 * Bounds-checked reading of FlatBuffers tables over the `flatbuffers` package's `ByteBuffer`.
 * Every offset is checked against the buffer before it is followed, so a corrupt or hostile
 * buffer raises an {@link IpcFormatError} naming the byte offset instead of reading garbage
 * (`ByteBuffer` itself returns `undefined`-derived zeros past the end) or looping.
 */
import { ByteBuffer } from 'flatbuffers';
import { IpcFormatError } from '../../errors.js';
import { slot } from './constants.js';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One flatbuffer being read: the bytes, where they sit in the whole input (for messages), what
 * they are (for messages), and a budget of tables that bounds the work on crafted inputs.
 */
export class FbBuffer {
  readonly bb: ByteBuffer;
  readonly length: number;
  /** Tables left to visit; a schema cannot have more fields than it has bytes. */
  budget: number;

  constructor(
    bytes: Uint8Array,
    /** Byte offset of `bytes` in the input. */
    readonly base: number,
    /** What this flatbuffer is, e.g. `message 3 metadata`. */
    readonly what: string,
    /** Message index, for errors. */
    readonly message: number | undefined,
  ) {
    this.bb = new ByteBuffer(bytes);
    this.length = bytes.length;
    this.budget = bytes.length;
  }

  /** An error at position `pos` of this flatbuffer. */
  fail(reason: string, pos: number, field?: string): IpcFormatError {
    const where: { byte: number; message?: number; field?: string } = { byte: this.base + Math.max(0, pos) };
    if (this.message !== undefined) where.message = this.message;
    if (field !== undefined) where.field = field;
    return new IpcFormatError(this.message === undefined ? `${this.what}: ${reason}` : `metadata: ${reason}`, where);
  }

  /** Throw unless `[pos, pos + size)` is inside the buffer. */
  check(pos: number, size: number, what: string): void {
    if (!(pos >= 0 && size >= 0 && pos + size <= this.length)) {
      throw this.fail(`${what} at offset ${pos} (+${size}) is outside the ${this.length}-byte flatbuffer`, pos);
    }
  }

  i8(pos: number): number {
    this.check(pos, 1, 'int8');
    return this.bb.readInt8(pos);
  }
  u8(pos: number): number {
    this.check(pos, 1, 'uint8');
    return this.bb.readUint8(pos);
  }
  i16(pos: number): number {
    this.check(pos, 2, 'int16');
    return this.bb.readInt16(pos);
  }
  i32(pos: number): number {
    this.check(pos, 4, 'int32');
    return this.bb.readInt32(pos);
  }
  u32(pos: number): number {
    this.check(pos, 4, 'uint32');
    return this.bb.readUint32(pos);
  }
  /** An int64 as a number; values beyond ±2^53 are rejected (no buffer is that large). */
  i64(pos: number, what: string): number {
    this.check(pos, 8, 'int64');
    const v = this.bb.readInt64(pos);
    if (v > 9007199254740991n || v < -9007199254740991n) throw this.fail(`${what} ${v} is out of range`, pos);
    return Number(v);
  }

  /** The root table (its offset is the first uint32). */
  root(what: string): FbTable {
    return this.table(this.u32(0), what);
  }

  /** The table at absolute position `pos`. */
  table(pos: number, what: string): FbTable {
    if (--this.budget < 0) throw this.fail(`too many tables (corrupt or cyclic ${what})`, pos);
    const vt = pos - this.i32(pos);
    this.check(vt, 4, `vtable of ${what}`);
    const vtSize = this.bb.readUint16(vt);
    const objSize = this.bb.readUint16(vt + 2);
    if (vtSize < 4 || (vtSize & 1) !== 0) throw this.fail(`vtable of ${what} has invalid size ${vtSize}`, vt);
    this.check(vt, vtSize, `vtable of ${what}`);
    this.check(pos, Math.max(objSize, 4), what);
    return new FbTable(this, pos, vt, vtSize, objSize, what);
  }
}

/** A checked view of one table. */
export class FbTable {
  constructor(
    readonly fb: FbBuffer,
    readonly pos: number,
    private readonly vt: number,
    private readonly vtSize: number,
    private readonly objSize: number,
    readonly what: string,
  ) {}

  /** Absolute position of field `index`, or 0 when absent. */
  private field(index: number, size: number): number {
    const vo = slot(index);
    if (vo + 2 > this.vtSize) return 0;
    const off = this.fb.bb.readUint16(this.vt + vo);
    if (off === 0) return 0;
    if (off + size > this.objSize) throw this.fb.fail(`${this.what}: field ${index} at ${off} lies outside its ${this.objSize}-byte table`, this.pos);
    return this.pos + off;
  }

  has(index: number): boolean {
    return this.field(index, 1) !== 0;
  }
  bool(index: number, dflt: boolean): boolean {
    const p = this.field(index, 1);
    return p === 0 ? dflt : this.fb.u8(p) !== 0;
  }
  u8(index: number, dflt: number): number {
    const p = this.field(index, 1);
    return p === 0 ? dflt : this.fb.u8(p);
  }
  i16(index: number, dflt: number): number {
    const p = this.field(index, 2);
    return p === 0 ? dflt : this.fb.i16(p);
  }
  i32(index: number, dflt: number): number {
    const p = this.field(index, 4);
    return p === 0 ? dflt : this.fb.i32(p);
  }
  i64(index: number, dflt: number): number {
    const p = this.field(index, 8);
    return p === 0 ? dflt : this.fb.i64(p, `${this.what} field ${index}`);
  }

  /** Follow the uoffset at field `index`; 0 when absent. */
  private indirect(index: number): number {
    const p = this.field(index, 4);
    if (p === 0) return 0;
    const target = p + this.fb.u32(p);
    this.fb.check(target, 4, `${this.what} field ${index} target`);
    return target;
  }

  /** The sub-table at field `index`, or null. */
  table(index: number, what: string): FbTable | null {
    const t = this.indirect(index);
    return t === 0 ? null : this.fb.table(t, what);
  }

  /** The string at field `index` (must be valid UTF-8), or null. */
  string(index: number, what: string): string | null {
    const t = this.indirect(index);
    if (t === 0) return null;
    return readString(this.fb, t, what);
  }

  /** A vector at field `index`: position of its first element and its length, or null. */
  vector(index: number, elemSize: number, what: string): { start: number; length: number } | null {
    const t = this.indirect(index);
    if (t === 0) return null;
    const length = this.fb.u32(t);
    const start = t + 4;
    if (length > (this.fb.length - start) / elemSize) {
      throw this.fb.fail(`${what}: vector of ${length} elements of ${elemSize} bytes runs past the flatbuffer`, t);
    }
    return { start, length };
  }

  /** The tables of a vector of tables at field `index` (empty when absent). */
  tables(index: number, what: string): FbTable[] {
    const v = this.vector(index, 4, what);
    if (v === null) return [];
    const out: FbTable[] = [];
    for (let i = 0; i < v.length; i++) {
      const p = v.start + 4 * i;
      out.push(this.fb.table(p + this.fb.u32(p), `${what}[${i}]`));
    }
    return out;
  }
}

/** Read a length-prefixed UTF-8 string at `pos`. */
function readString(fb: FbBuffer, pos: number, what: string): string {
  const n = fb.u32(pos);
  fb.check(pos + 4, n, what);
  try {
    return fatalUtf8.decode(fb.bb.bytes().subarray(pos + 4, pos + 4 + n));
  } catch {
    throw fb.fail(`${what} is not valid UTF-8`, pos);
  }
}
