/**
 * Reading the flat layouts of a record batch: fixed-width values (integers, floats, decimals,
 * temporal types, intervals, fixed-size binary), booleans, variable-length text and bytes with 32-
 * or 64-bit offsets, and the null type. Buffers are views over the
 * input where aligned.
 */
import { isUtf8 } from 'node:buffer';
import type { Data } from 'apache-arrow';
import { toArrowType } from '../../dtype/arrow.js';
import { bitmapBytes } from '../../util/bits.js';
import { bitAt, dataOf } from './arrow-data.js';
import { checkOffsets, dataBuffer, readOffsets, type BatchCursor, type Node } from './body.js';
import type { FieldPlan } from './plan.js';

const POW10: bigint[] = [1n];
for (let i = 1; i <= 77; i++) POW10.push(POW10[i - 1]! * 10n);

/** The unscaled value of the decimal at word `w` (little-endian 32-bit words, two's complement). */
function decimalAt(words: Uint32Array, w: number, stride: number): bigint {
  let v = 0n;
  for (let k = stride - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[w + k]!);
  return BigInt.asIntN(stride * 32, v);
}

/**
 * Whether the decimal at word `w` is inside ±`limit` (10^precision), decided with doubles when
 * the value fits 64 bits and is not within a hair of the limit; `undefined` when undecided.
 * (The exact check: `|decimalAt(words, w, stride)| < 10n ** precision`.)
 */
function fitsFast(words: Uint32Array, w: number, stride: number, limit: number): boolean | undefined {
  const hi = stride === 1 ? (words[w]! | 0) < 0 ? -1 : 0 : words[w + 1]! | 0;
  const ext = hi < 0 ? 0xffffffff : 0;
  for (let k = 2; k < stride; k++) if (words[w + k] !== ext) return undefined;
  const v = stride === 1 ? words[w]! | 0 : hi * 4294967296 + words[w]!;
  const a = Math.abs(v);
  if (a < limit * 0.999999) return true;
  if (a > limit * 1.000001) return false;
  return undefined;
}

/** Every valid decimal fits its declared precision. */
function checkDecimals(cur: BatchCursor, p: FieldPlan, words: Uint32Array, n: number, validity: Uint8Array | undefined, at: number): void {
  const stride = p.stride;
  const limit = POW10[p.dtype.precision!]!;
  const approx = Number(limit);
  for (let i = 0; i < n; i++) {
    if (validity !== undefined && !bitAt(validity, i)) continue;
    if (fitsFast(words, i * stride, stride, approx) === true) continue;
    const v = decimalAt(words, i * stride, stride);
    if (v >= limit || v <= -limit) {
      throw cur.fail(`row ${i}: decimal value ${v} (unscaled) has more than the ${p.dtype.precision} digits of its precision`, at + i * stride * 4, p.path);
    }
  }
}

/** Fixed-width values: `stride` elements of `ctor` a row. */
export function readFixed(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined): Data {
  const n = node.length;
  const ctor = p.ctor!;
  const count = n * p.stride;
  const off = dataBuffer(cur, p.path, count * ctor.BYTES_PER_ELEMENT);
  const values = cur.view(ctor, off, count);
  if (p.dtype.kind === 'decimal' && cur.body.checkValues) checkDecimals(cur, p, values as Uint32Array, n, validity, off);
  return dataOf({ type: toArrowType(p.dtype), length: n, nullCount: node.nullCount, data: values, nullBitmap: validity });
}

/** Bit-packed booleans. */
export function readBool(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined): Data {
  const n = node.length;
  const off = dataBuffer(cur, p.path, bitmapBytes(n));
  const bits = cur.body.input.subarray(off, off + bitmapBytes(n));
  return dataOf({ type: toArrowType(p.dtype), length: n, nullCount: node.nullCount, data: bits, nullBitmap: validity });
}

/** Text or bytes with 32-bit (`binary`) or 64-bit (`largeBinary`) offsets; text is checked to be UTF-8. */
export function readBinary(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined): Data {
  const name = p.path;
  const n = node.length;
  const large = p.read === 'largeBinary';
  const { offsets, at } = readOffsets(cur, name, n, large);
  const db = cur.nextBuffer(name);
  checkOffsets(cur, name, offsets, at, db.length, `${db.length}-byte data buffer`);
  const bytes = cur.body.input.subarray(db.offset, db.offset + db.length);
  const text = p.dtype.kind === 'utf8' || p.dtype.kind === 'largeUtf8';
  if (text && cur.body.checkValues) checkUtf8(cur, name, offsets, bytes, db.offset);
  return dataOf({ type: toArrowType(p.dtype), length: n, nullCount: node.nullCount, data: bytes, valueOffsets: offsets, nullBitmap: validity });
}

/**
 * The bytes of every row are UTF-8: the whole range is, and no row starts inside a multi-byte
 * sequence (offsets already checked ascending).
 */
export function checkUtf8(cur: BatchCursor, name: string, offsets: Int32Array | BigInt64Array, bytes: Uint8Array, at: number): void {
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) {
    const a = Number(offsets[i]!);
    if (Number(offsets[i + 1]!) > a && (bytes[a]! & 0xc0) === 0x80) throw cur.fail(`row ${i} starts inside a UTF-8 sequence`, at + a, name);
  }
  const first = Number(offsets[0]!);
  const last = Number(offsets[n]!);
  if (last > first && !isUtf8(bytes.subarray(first, last))) throw cur.fail('the text is not valid UTF-8', at + first, name);
}

/** The null type: no buffers, every row null. */
export function readNull(p: FieldPlan, node: Node): Data {
  return dataOf({ type: toArrowType(p.dtype), length: node.length });
}
