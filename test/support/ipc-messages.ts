/** Hand-built Arrow IPC streams for reader tests: valid ones and ones broken in one place. */
import { dictionaryBatchMessage, recordBatchMessage, schemaMessage, type BatchSpec, type FieldSpec } from '../../src/codec/ipc/encode.js';
import { categorical, int32, nullable, utf8, type AnyDType } from '../../src/index.js';
import { concat } from './bytes.js';

const pad8 = (n: number): number => (n + 7) & ~7;

/** One framed message: marker, length, metadata padded to 8, body. `legacy` drops the marker. */
export function frame(meta: Uint8Array, body: Uint8Array = new Uint8Array(0), legacy = false): Uint8Array {
  const prefix = legacy ? 4 : 8;
  const metaLen = pad8(prefix + meta.length) - prefix;
  const out = new Uint8Array(prefix + metaLen + body.length);
  const dv = new DataView(out.buffer);
  if (!legacy) dv.setUint32(0, 0xffffffff, true);
  dv.setInt32(prefix - 4, metaLen, true);
  out.set(meta, prefix);
  out.set(body, prefix + metaLen);
  return out;
}

export const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** A body from typed arrays, each 8-aligned; returns the body and the buffer specs. */
export function body(...buffers: (ArrayBufferView | null)[]): { body: Uint8Array; buffers: [number, number][] } {
  const specs: [number, number][] = [];
  let at = 0;
  for (const b of buffers) {
    const len = b === null ? 0 : b.byteLength;
    specs.push([at, len]);
    at = pad8(at + len);
  }
  const out = new Uint8Array(at);
  buffers.forEach((b, i) => {
    if (b !== null) out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), specs[i]![0]);
  });
  return { body: out, buffers: specs };
}

/** A schema message of fields. */
export function schema(fields: FieldSpec[], metadata?: Map<string, string>): Uint8Array {
  return frame(schemaMessage(fields, metadata));
}

/** A record batch message. */
export function batch(length: number, nodes: [number, number][], b: { body: Uint8Array; buffers: [number, number][] }, legacy = false): Uint8Array {
  const spec: BatchSpec = { length, nodes, buffers: b.buffers };
  return frame(recordBatchMessage(spec, b.body.length), b.body, legacy);
}

/** A dictionary batch of utf8 strings. */
export function dictBatch(id: number, strings: string[], isDelta = false): Uint8Array {
  const enc = new TextEncoder();
  const bytes = strings.map((s) => enc.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  bytes.forEach((b, i) => (offsets[i + 1] = offsets[i]! + b.length));
  const b = body(null, offsets, concat(...bytes));
  return frame(dictionaryBatchMessage(id, { length: strings.length, nodes: [[strings.length, 0]], buffers: b.buffers }, b.body.length, isDelta), b.body);
}

/** Field specs. */
export const f = {
  int32: (name: string, n = false): FieldSpec => ({ name, dtype: n ? nullable(int32()) : int32() }),
  utf8: (name: string, n = false): FieldSpec => ({ name, dtype: n ? nullable(utf8()) : utf8() }),
  cat: (name: string, id: number, bitWidth = 8, signed = false): FieldSpec => ({ name, dtype: nullable(categorical()) as AnyDType, dictionary: { id, bitWidth, signed } }),
};

/** utf8 buffers for strings. */
export function utf8Buffers(strings: string[]): [Int32Array, Uint8Array] {
  const enc = new TextEncoder();
  const bytes = strings.map((s) => enc.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  bytes.forEach((b, i) => (offsets[i + 1] = offsets[i]! + b.length));
  return [offsets, concat(...bytes)];
}
