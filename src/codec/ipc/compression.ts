/**
 * Compressed Arrow IPC bodies (`BodyCompression`, method BUFFER): every buffer of a record or
 * dictionary batch is either empty (length 0, nothing else), or an 8-byte little-endian int64
 * uncompressed length followed by the codec's bytes, or −1 followed by the bytes stored raw.
 *
 * Reading: the prefixes are checked up front (each declared length against a bound of what the
 * codec can expand the stored bytes to, and 2 GiB), one fresh body is allocated with every buffer
 * on a 64-byte boundary, and each buffer is decompressed into its slot when the batch reader
 * reaches it, so a codec error names its field. The codec must produce exactly the declared
 * length. Error byte offsets point at the compressed buffer in the input.
 *
 * Codecs are loaded on the first compressed buffer, not on `import 'colframe'`: LZ4 frames are
 * decoded here (bounds-checked) and encoded by `lz4js`; ZSTD is libzstd compiled to WebAssembly
 * (`@bokuweb/zstd-wasm`), instantiated synchronously so `readIPCSync` and `toIPC` work.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { IpcFormatError, UnsupportedError } from '../../errors.js';
import { BUFFER_SIZE, COMPRESSION_NAMES } from './constants.js';
import { FbBuffer } from './flatbuf.js';
import type { IpcRecordBatch } from './metadata.js';

/**
 * A body compression codec colframe writes: `'lz4'` (LZ4 frame) or `'zstd'` (Zstandard).
 * @example
 * ```ts
 * const c: IpcCompression = 'zstd';
 * readIPCSync(DataFrame.fromColumns({ x: [1, 2, 3] }).toIPC({ compression: c })).height; // → 3
 * ```
 */
export type IpcCompression = 'lz4' | 'zstd';

/**
 * `CompressionType` values (Message.fbs).
 * @example
 * ```ts
 * CompressionType.ZSTD; // → 1
 * ```
 */
export const CompressionType = { LZ4_FRAME: 0, ZSTD: 1 } as const;

/**
 * The `CompressionType` of an {@link IpcCompression}.
 * @example
 * ```ts
 * [COMPRESSION_CODE.lz4, COMPRESSION_CODE.zstd]; // → [ 0, 1 ]
 * ```
 */
export const COMPRESSION_CODE: Readonly<Record<IpcCompression, number>> = { lz4: CompressionType.LZ4_FRAME, zstd: CompressionType.ZSTD };

/**
 * The most bytes one buffer may declare uncompressed: 2 GiB − 1 (a larger claim is an
 * `IpcFormatError`, as no colframe column buffer is that large).
 * @example
 * ```ts
 * MAX_UNCOMPRESSED_BUFFER; // → 2147483647
 * ```
 */
export const MAX_UNCOMPRESSED_BUFFER = 2 ** 31 - 1;

/**
 * How many output bytes one stored byte can become, at most: an LZ4 sequence gives at most 255
 * match bytes per length byte; a ZSTD RLE block gives at most 128 KiB for 4 bytes. A declared
 * length above `bound × stored bytes + 1 KiB` cannot be true and is refused before allocating.
 */
const MAX_RATIO: readonly number[] = [256, 32768];

/** The 8-byte prefix value of a buffer stored raw. */
const NO_COMPRESSION = -1;
const PREFIX = 8;
const ALIGN = 64;

// ---------------------------------------------------------------------------------------------
// Codec loading (lazy)

const require = createRequire(import.meta.url);

interface Lz4js {
  compress(src: Uint8Array): Uint8Array | number[];
}

interface ZstdModule {
  HEAPU8: Uint8Array;
  calledRun?: boolean;
  instantiateWasm?: (imports: object, receive: (instance: WasmInstance) => void) => object;
  init(bytes?: Uint8Array): void;
  _malloc(n: number): number;
  _free(p: number): void;
  _ZSTD_isError(code: number): number;
  _ZSTD_compressBound(n: number): number;
  _ZSTD_compress(dst: number, cap: number, src: number, n: number, level: number): number;
  _ZSTD_decompress(dst: number, cap: number, src: number, n: number): number;
}

/** The slice of the global `WebAssembly` used here (the project's `lib` has no DOM types). */
interface WasmInstance {
  readonly exports: object;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
}

let lz4js: Lz4js | undefined;
let zstd: ZstdModule | undefined;

function loadLz4(): Lz4js {
  return (lz4js ??= require('lz4js') as Lz4js);
}

/**
 * libzstd in WebAssembly, instantiated synchronously through Emscripten's `instantiateWasm`
 * hook (the package's own `init()` is asynchronous, which `readIPCSync` cannot await).
 */
function loadZstd(): ZstdModule {
  if (zstd !== undefined) return zstd;
  const dir = dirname(require.resolve('@bokuweb/zstd-wasm'));
  const m = (require(join(dir, 'module.js')) as { Module: ZstdModule }).Module;
  if (m.calledRun !== true) {
    const wasm = readFileSync(join(dir, 'zstd.wasm'));
    m.instantiateWasm = (imports, receive) => {
      const wa = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const inst = new wa.Instance(new wa.Module(wasm), imports);
      receive(inst);
      return inst.exports;
    };
    m.init();
    if ((m as { calledRun?: boolean }).calledRun !== true) throw new Error('the ZSTD WebAssembly module did not start');
  }
  return (zstd = m);
}

// ---------------------------------------------------------------------------------------------
// LZ4 frame decoding (bounds-checked: every read and write is checked; lz4js decodes unchecked)

/** Thrown inside the decoders; turned into an IpcFormatError by the caller. */
class CodecError extends Error {}

const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_MAX = [0, 0, 0, 0, 1 << 16, 1 << 18, 1 << 20, 1 << 22];

const u32 = (b: Uint8Array, p: number): number => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;

/** Decode one LZ4 block `src[s, sEnd)` into `dst` at `d`; matches may reach back to `floor`. */
function lz4Block(src: Uint8Array, s: number, sEnd: number, dst: Uint8Array, d: number, dEnd: number, floor: number): number {
  for (;;) {
    if (s >= sEnd) throw new CodecError('an LZ4 block ends inside a sequence');
    const token = src[s++]!;
    let lit = token >>> 4;
    if (lit === 15) {
      let b: number;
      do {
        if (s >= sEnd) throw new CodecError('an LZ4 block ends inside a literal length');
        b = src[s++]!;
        lit += b;
      } while (b === 255);
    }
    if (lit > sEnd - s) throw new CodecError('LZ4 literals run past the end of their block');
    if (lit > dEnd - d) throw new CodecError('LZ4 data decodes to more bytes than the declared length');
    if (lit < 32) for (let i = 0; i < lit; i++) dst[d + i] = src[s + i]!;
    else dst.set(src.subarray(s, s + lit), d);
    s += lit;
    d += lit;
    if (s === sEnd) return d; // the last sequence holds literals only
    if (sEnd - s < 2) throw new CodecError('an LZ4 block ends inside a match offset');
    const off = src[s]! | (src[s + 1]! << 8);
    s += 2;
    if (off === 0 || off > d - floor) throw new CodecError(`an LZ4 match offset ${off} points before the start of the data`);
    let len = token & 15;
    if (len === 15) {
      let b: number;
      do {
        if (s >= sEnd) throw new CodecError('an LZ4 block ends inside a match length');
        b = src[s++]!;
        len += b;
      } while (b === 255);
    }
    len += 4;
    if (len > dEnd - d) throw new CodecError('LZ4 data decodes to more bytes than the declared length');
    // Short or overlapping matches byte by byte (an overlap repeats the last `off` bytes); long ones in one copy.
    if (len < 32 || off < len) for (let i = 0; i < len; i++) dst[d + i] = dst[d + i - off]!;
    else dst.copyWithin(d, d - off, d - off + len);
    d += len;
  }
}

/** Decode LZ4 frames (one or more, as Arrow C++ reads them) into `dst[0, dEnd)`; returns the bytes written. */
function lz4Frames(src: Uint8Array, dst: Uint8Array, d0: number, dEnd: number): number {
  let s = 0;
  let d = d0;
  const n = src.length;
  while (s < n) {
    if (n - s < 7) throw new CodecError('an LZ4 frame header is cut short');
    if (u32(src, s) !== LZ4_MAGIC) throw new CodecError(`not an LZ4 frame (magic 0x${u32(src, s).toString(16)})`);
    const flg = src[s + 4]!;
    const bd = src[s + 5]!;
    if (flg >> 6 !== 1) throw new CodecError(`unknown LZ4 frame version ${flg >> 6}`);
    if ((flg & 0x01) !== 0) throw new CodecError('the LZ4 frame needs a dictionary');
    const blockMax = LZ4_BLOCK_MAX[(bd >> 4) & 7]!;
    if (blockMax === 0) throw new CodecError(`invalid LZ4 block size code ${(bd >> 4) & 7}`);
    const blockSum = (flg & 0x10) !== 0;
    const contentSum = (flg & 0x04) !== 0;
    s += 6 + ((flg & 0x08) !== 0 ? 8 : 0) + 1; // FLG, BD, content size, header checksum
    const floor = d;
    for (;;) {
      if (n - s < 4) throw new CodecError('an LZ4 frame ends without its end mark');
      const word = u32(src, s);
      s += 4;
      if (word === 0) break;
      const raw = word >>> 31 === 1;
      const size = word & 0x7fffffff;
      if (size > blockMax) throw new CodecError(`an LZ4 block of ${size} bytes exceeds the frame's ${blockMax}-byte blocks`);
      if (size > n - s) throw new CodecError('an LZ4 block runs past the end of the buffer');
      if (raw) {
        if (size > dEnd - d) throw new CodecError('LZ4 data decodes to more bytes than the declared length');
        dst.set(src.subarray(s, s + size), d);
        d += size;
      } else d = lz4Block(src, s, s + size, dst, d, dEnd, floor);
      s += size + (blockSum ? 4 : 0);
    }
    if (contentSum) s += 4;
    if (s > n) throw new CodecError('an LZ4 frame ends inside its checksum');
  }
  return d - d0;
}

// ---------------------------------------------------------------------------------------------
// Decompression of one buffer

/** Decompress `src` (a buffer without its prefix) into `out[at, at + declared)`. */
function decompressInto(codec: number, src: Uint8Array, out: Uint8Array, at: number, declared: number): void {
  let got: number;
  if (codec === CompressionType.LZ4_FRAME) got = lz4Frames(src, out, at, at + declared);
  else {
    const z = loadZstd();
    const p = z._malloc(Math.max(1, src.length));
    const q = z._malloc(Math.max(1, declared));
    try {
      if (p === 0 || q === 0) throw new CodecError(`cannot allocate ${declared} bytes in the ZSTD decoder's memory`);
      z.HEAPU8.set(src, p);
      const r = z._ZSTD_decompress(q, declared, p, src.length);
      if (z._ZSTD_isError(r) !== 0) {
        throw new CodecError(r === -70 ? 'ZSTD data decodes to more bytes than the declared length' : `corrupt ZSTD data (libzstd error ${-r})`);
      }
      got = r >>> 0;
      out.set(z.HEAPU8.subarray(q, q + got), at);
    } finally {
      if (q !== 0) z._free(q);
      if (p !== 0) z._free(p);
    }
  }
  if (got !== declared) throw new CodecError(`the buffer declares ${declared} uncompressed bytes but decompresses to ${got}`);
}

const pad = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * The body of a compressed batch as an uncompressed one: a fresh body holding every buffer at a
 * 64-byte boundary, a batch whose buffer list points into it, and an `inflate` hook that fills
 * buffer `i` when the reader reaches it (a codec error then names the field). The prefixes are
 * checked here. The IPC decoder calls it for every batch whose header has a `BodyCompression`.
 * @param input - The whole input; `bodyStart` / `bodyLength` locate the body in it.
 * @param codec - The `CompressionType` (0 LZ4_FRAME, 1 ZSTD).
 * @param message - The message index, for errors.
 * @throws IpcFormatError for a buffer outside the body or too short for its prefix, a negative
 * declared length, or one above what the stored bytes can hold (see {@link MAX_UNCOMPRESSED_BUFFER}).
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * readIPCSync(df.toIPC({ compression: 'lz4' })).toRecords(); // → [ { x: 1 }, { x: 2 }, { x: 3 } ]
 * ```
 */
export function inflatedBody(
  input: Uint8Array,
  bodyStart: number,
  bodyLength: number,
  batch: IpcRecordBatch,
  codec: number,
  message: number,
): { bytes: Uint8Array; batch: IpcRecordBatch; inflate: (i: number, field: string) => void } {
  const name = COMPRESSION_NAMES[codec] ?? `codec ${codec}`;
  const b = batch.buffers;
  const src: { at: number; length: number; declared: number; raw: boolean; to: number }[] = [];
  let total = 0;
  const dv = new DataView(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < b.length; i++) {
    const off = b.fb.i64(b.start + BUFFER_SIZE * i, 'buffer offset');
    const len = b.fb.i64(b.start + BUFFER_SIZE * i + 8, 'buffer length');
    const at = bodyStart + off;
    if (off < 0 || len < 0 || off + len > bodyLength) {
      throw new IpcFormatError(`buffer ${i} (offset ${off}, length ${len}) runs past the ${bodyLength}-byte body`, { message, byte: bodyStart + Math.max(0, off) });
    }
    let declared = 0;
    let raw = false;
    if (len > 0) {
      if (len < PREFIX) throw new IpcFormatError(`compressed buffer ${i} of ${len} bytes is shorter than its 8-byte length prefix`, { message, byte: at });
      const v = dv.getBigInt64(at, true);
      if (v === BigInt(NO_COMPRESSION)) {
        raw = true;
        declared = len - PREFIX;
      } else {
        const bound = Math.min(MAX_UNCOMPRESSED_BUFFER, (len - PREFIX) * MAX_RATIO[codec]! + 1024);
        if (v < 0n || v > BigInt(bound)) {
          throw new IpcFormatError(
            v < 0n
              ? `compressed buffer ${i} declares a negative uncompressed length ${v}`
              : `compressed buffer ${i} declares ${v} uncompressed bytes, more than ${len - PREFIX} ${name} bytes can hold (at most ${bound})`,
            { message, byte: at },
          );
        }
        declared = Number(v);
      }
    }
    src.push({ at, length: len, declared, raw, to: total });
    total += pad(declared);
  }
  // The new buffer list: (offset, length) int64 pairs, read through the same checked flatbuffer reader.
  const list = new Uint8Array(Math.max(1, b.length) * BUFFER_SIZE);
  const lv = new DataView(list.buffer);
  src.forEach((s, i) => {
    lv.setBigInt64(BUFFER_SIZE * i, BigInt(s.to), true);
    lv.setBigInt64(BUFFER_SIZE * i + 8, BigInt(s.declared), true);
  });
  const bytes = new Uint8Array(total);
  const inflate = (i: number, field: string): void => {
    const s = src[i];
    if (s === undefined || s.length === 0) return;
    const data = input.subarray(s.at + PREFIX, s.at + s.length);
    if (s.raw) {
      bytes.set(data, s.to);
      return;
    }
    try {
      decompressInto(codec, data, bytes, s.to, s.declared);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      throw new IpcFormatError(`${name} buffer ${i}: ${e.message}`, { message, byte: s.at, field });
    }
  };
  return {
    bytes,
    batch: { ...batch, buffers: { fb: new FbBuffer(list, 0, `decompressed buffer list of message ${message}`, message), start: 0, length: b.length } },
    inflate,
  };
}

/**
 * Check the codec id and method of a `BodyCompression` table.
 * @param what - The flatbuffer read, for the message.
 * @throws UnsupportedError naming an unknown codec or a method other than BUFFER.
 * @example
 * ```ts
 * checkCodec(1, 0, 'message 1 metadata'); // → undefined
 * checkCodec(7, 0, 'message 1 metadata'); // throws UnsupportedError: Arrow IPC message 1 metadata: the record batch body is compressed with codec 7, which is neither LZ4_FRAME (0) nor ZSTD (1)
 * ```
 */
export function checkCodec(codec: number, method: number, what: string): void {
  if (codec !== CompressionType.LZ4_FRAME && codec !== CompressionType.ZSTD) {
    throw new UnsupportedError(`compression codec ${codec}`, `Arrow IPC ${what}: the record batch body is compressed with codec ${codec}, which is neither LZ4_FRAME (0) nor ZSTD (1)`);
  }
  if (method !== 0) {
    throw new UnsupportedError(`compression method ${method}`, `Arrow IPC ${what}: body compression method ${method} is not BUFFER (0), the only one Arrow defines`);
  }
}

// ---------------------------------------------------------------------------------------------
// Compression of one buffer (writer)

/** Arrow C++'s default ZSTD level. */
const ZSTD_LEVEL = 1;

function zstdCompress(src: Uint8Array): Uint8Array {
  const z = loadZstd();
  const cap = z._ZSTD_compressBound(src.length);
  const p = z._malloc(Math.max(1, src.length));
  const q = z._malloc(Math.max(1, cap));
  try {
    if (p === 0 || q === 0) throw new RangeError(`cannot allocate ${src.length + cap} bytes in the ZSTD encoder's memory`);
    z.HEAPU8.set(src, p);
    const r = z._ZSTD_compress(q, cap, p, src.length, ZSTD_LEVEL);
    if (z._ZSTD_isError(r) !== 0) throw new Error(`libzstd failed to compress (error ${-r})`);
    return z.HEAPU8.slice(q, q + (r >>> 0));
  } finally {
    if (q !== 0) z._free(q);
    if (p !== 0) z._free(p);
  }
}

/**
 * One buffer as written in a compressed body: empty stays empty; otherwise the 8-byte
 * uncompressed length and the codec's bytes, or −1 and the bytes themselves when compressing
 * does not make the buffer smaller.
 * @param codec - `'lz4'` (LZ4 frame, by lz4js) or `'zstd'` (libzstd level 1).
 * @param src - The buffer's bytes.
 * @returns A new array (or `src` itself when empty).
 * @example
 * ```ts
 * const zeros = compressBuffer('zstd', new Uint8Array(1000));
 * new DataView(zeros.buffer, zeros.byteOffset).getBigInt64(0, true); // → 1000n
 * zeros.length < 40; // → true
 * [...compressBuffer('lz4', Uint8Array.from([7, 1, 9]))]; // → [ 255, 255, 255, 255, 255, 255, 255, 255, 7, 1, 9 ]
 * ```
 */
export function compressBuffer(codec: IpcCompression, src: Uint8Array): Uint8Array {
  if (src.length === 0) return src;
  let c: Uint8Array;
  if (codec === 'zstd') c = zstdCompress(src);
  else {
    const l = loadLz4().compress(src);
    c = l instanceof Uint8Array ? l : Uint8Array.from(l);
  }
  const raw = c.length >= src.length;
  const out = new Uint8Array(PREFIX + (raw ? src.length : c.length));
  new DataView(out.buffer).setBigInt64(0, BigInt(raw ? NO_COMPRESSION : src.length), true);
  out.set(raw ? src : c, PREFIX);
  return out;
}
