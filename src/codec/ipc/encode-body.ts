/**
 * The nodes and buffers a column of any dtype writes into a record batch body, in Arrow's
 * pre-order (a node, its buffers, then its children), with the field spec the schema needs
 * (children, dictionary encodings of categoricals at any depth, metadata). Sliced data is written
 * compact: bitmaps shifted to bit 0, offsets rebased to 0, list children cut to the range the
 * offsets use, struct / sparse union / fixed-size list children cut to the parent's rows.
 */
import type { Data } from 'apache-arrow';
import type { AnyDType, ChildField } from '../../dtype/dtype.js';
import { decodeDictionary } from '../../column/access.js';
import { Utf8Bytes } from '../../column/builder-strings.js';
import { heapAllocator } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { childFields, strideOf } from './arrow-data.js';
import type { FieldSpec } from './encode.js';

/** A piece of a body: its length and how to write it at an offset of the target. */
export interface Piece {
  readonly length: number;
  write(target: Uint8Array, at: number): void;
}

function bytesOf(a: ArrayBufferView, byteLength: number): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, byteLength);
}

/** A piece copying `src`. */
export function copyPiece(src: Uint8Array): Piece {
  return { length: src.length, write: (t, at) => t.set(src, at) };
}

/** `n` bits of `bits` from bit `offset`, shifted to bit 0 (all set when there is no bitmap). */
export function bitsPiece(bits: Uint8Array | null | undefined, offset: number, n: number): Piece {
  const len = bitmapBytes(n);
  if (bits === null || bits === undefined) return { length: len, write: (t, at) => t.fill(0xff, at, at + len) };
  if ((offset & 7) === 0) return copyPiece(bits.subarray(offset >> 3, (offset >> 3) + len));
  return {
    length: len,
    write(t, at) {
      t.fill(0, at, at + len);
      for (let i = 0; i < n; i++) {
        const j = i + offset;
        if ((bits[j >> 3]! & (1 << (j & 7))) !== 0) t[at + (i >> 3)]! |= 1 << (i & 7);
      }
    },
  };
}

/** Offsets (32- or 64-bit) rebased to start at 0. */
export function offsetsPiece(offsets: Int32Array | BigInt64Array, n: number): Piece {
  const w = offsets.BYTES_PER_ELEMENT;
  const first = offsets[0]!;
  if (first === 0 || first === 0n) return copyPiece(bytesOf(offsets, w * (n + 1)));
  return {
    length: w * (n + 1),
    write(t, at) {
      const dv = new DataView(t.buffer, t.byteOffset + at, w * (n + 1));
      if (offsets instanceof BigInt64Array) for (let i = 0; i <= n; i++) dv.setBigInt64(8 * i, offsets[i]! - (first as bigint), true);
      else for (let i = 0; i <= n; i++) dv.setInt32(4 * i, offsets[i]! - (first as number), true);
    },
  };
}

const EMPTY_PIECE: Piece = copyPiece(new Uint8Array(0));

/** The node list and buffer pieces of one message body, appended in pre-order. */
export interface BodyParts {
  readonly nodes: [number, number][];
  readonly pieces: Piece[];
}

/** A categorical dictionary to send: its id and its values as one utf8 `Data`. */
export interface PendingDictionary {
  readonly id: number;
  readonly data: Data;
}

/** Where the dictionaries of categoricals go, and the next id to give a nested one. */
export interface DictionarySink {
  readonly dictionaries: PendingDictionary[];
  nextId: number;
}

/** The dictionary of a categorical `Data` as one utf8 `Data` with no nulls. */
export function dictionaryData(d: Data): Data {
  const chunks = d.dictionary!.data;
  if (chunks.length === 1 && chunks[0]!.nullCount === 0) return chunks[0]!;
  const strings = decodeDictionary(d.dictionary!);
  const b = new Utf8Bytes(heapAllocator, strings.length, 64);
  for (const s of strings) b.push(s);
  const { bytes, offsets } = b.finish();
  return { length: strings.length, nullCount: 0, offset: 0, values: bytes, valueOffsets: offsets, nullBitmap: undefined } as unknown as Data;
}

/** Validity, offsets and bytes of text or binary data (32- or 64-bit offsets). */
export function bytesPieces(d: Data, out: BodyParts): void {
  const n = d.length;
  const offs = d.valueOffsets as Int32Array | BigInt64Array;
  const bytes = (d.values as Uint8Array).subarray(Number(offs[0]!), Number(offs[n]!));
  out.nodes.push([n, d.nullCount]);
  out.pieces.push(d.nullCount > 0 ? bitsPiece(d.nullBitmap, d.offset, n) : EMPTY_PIECE, offsetsPiece(offs, n), copyPiece(bytes));
}

function childSpec(c: ChildField, d: Data, out: BodyParts, sink: DictionarySink, id?: number): FieldSpec {
  return encodeData(c.name, c.dtype, d, c.metadata, out, sink, id);
}

/**
 * Append the node and buffers of `d` (and its children) to `out`; categorical dictionaries go to
 * `sink` (a top-level one under `id` when given). Returns the field spec of the schema.
 */
export function encodeData(
  name: string,
  dtype: AnyDType,
  d: Data,
  metadata: ReadonlyMap<string, string> | undefined,
  out: BodyParts,
  sink: DictionarySink,
  id?: number,
): FieldSpec {
  const n = d.length;
  const spec = { name, dtype, metadata };
  if (dtype.kind === 'null') {
    out.nodes.push([n, n]);
    return spec;
  }
  if (dtype.kind === 'utf8' || dtype.kind === 'binary' || dtype.kind === 'largeUtf8' || dtype.kind === 'largeBinary') {
    bytesPieces(d, out);
    return spec;
  }
  const kids = childFields(dtype);
  if (dtype.kind === 'union') {
    out.nodes.push([n, 0]);
    out.pieces.push(copyPiece(bytesOf(d.typeIds as Int8Array, n)));
    const dense = dtype.mode === 'dense';
    if (dense) out.pieces.push(copyPiece(bytesOf(d.valueOffsets as Int32Array, 4 * n)));
    const children = kids.map((c, k) => childSpec(c, dense ? d.children[k]! : d.children[k]!.slice(0, n), out, sink));
    return { ...spec, children };
  }
  out.nodes.push([n, d.nullCount]);
  out.pieces.push(d.nullCount > 0 ? bitsPiece(d.nullBitmap, d.offset, n) : EMPTY_PIECE);
  switch (dtype.kind) {
    case 'bool':
      out.pieces.push(bitsPiece(d.values as Uint8Array, d.offset, n));
      return spec;
    case 'categorical': {
      const v = d.values as Uint8Array;
      out.pieces.push(copyPiece(bytesOf(v, n * v.BYTES_PER_ELEMENT)));
      const t = d.type as unknown as { indices: { bitWidth: number; isSigned: boolean } };
      const dictId = id ?? sink.nextId++;
      sink.dictionaries.push({ id: dictId, data: dictionaryData(d) });
      return { ...spec, dictionary: { id: dictId, bitWidth: t.indices.bitWidth, signed: t.indices.isSigned } };
    }
    case 'list':
    case 'largeList':
    case 'map': {
      const offs = d.valueOffsets as Int32Array | BigInt64Array;
      out.pieces.push(offsetsPiece(offs, n));
      const first = Number(offs[0]!);
      const child = d.children[0]!.slice(first, Number(offs[n]!) - first);
      return { ...spec, children: [childSpec(kids[0]!, child, out, sink)] };
    }
    case 'fixedSizeList':
      return { ...spec, children: [childSpec(kids[0]!, d.children[0]!.slice(0, n * dtype.size!), out, sink)] };
    case 'struct':
      return { ...spec, children: kids.map((c, k) => childSpec(c, d.children[k]!.slice(0, n), out, sink)) };
    default: {
      const v = d.values as Uint8Array;
      out.pieces.push(copyPiece(bytesOf(v, n * strideOf(dtype) * v.BYTES_PER_ELEMENT)));
      return spec;
    }
  }
}
