/**
 * Input sources for the CSV and JSON readers: files, bytes, streams and text, read in chunks,
 * gunzipped as a stream when they are gzip data (by the magic bytes `1f 8b`, whatever the name),
 * and turned into UTF-8 bytes (BOMs stripped; UTF-16 and latin1 transcoded chunk by chunk).
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '../../errors.js';
import { isGzipBytes } from '../paths.js';
import type { CsvEncoding, CsvSource } from './options.js';

/** An opened source: its chunks, total size when known, and whether it can be read again. */
export interface OpenedSource {
  /** UTF-8 chunks in order. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Total input bytes, when known. */
  readonly totalBytes: number | undefined;
  /** Whether `chunks()` may be called again (files and in-memory inputs). */
  readonly rereadable: boolean;
  /** A short description for messages. */
  readonly label: string;
  /** Bytes of a UTF-8 BOM dropped from the start (known once the first chunk is read). */
  readonly bom: { bytes: number };
  /**
   * Whether the input is gzip data, gunzipped on the way (known at once for files and bytes;
   * for a stream, once its first chunk is read). Offsets then count the gunzipped bytes.
   */
  readonly gzip: { detected: boolean };
}

const DEFAULT_CHUNK = 1 << 20;

function isAsyncIterable(x: unknown): x is AsyncIterable<Uint8Array | string> {
  return typeof x === 'object' && x !== null && typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/**
 * Open a source for reading.
 * @throws InvalidArgumentError for a source of the wrong kind.
 */
export async function openSource(
  source: CsvSource,
  encoding: CsvEncoding | undefined,
  chunkSize = DEFAULT_CHUNK,
  range?: { readonly start: number; readonly end: number },
): Promise<OpenedSource> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidArgumentError(`chunkSize must be a positive integer, got ${String(chunkSize)}`, chunkSize);
  }
  if (typeof source === 'string' || source instanceof URL) {
    const path = source instanceof URL ? fileURLToPath(source) : source;
    const fh = await open(path, 'r');
    let size: number;
    const head = new Uint8Array(2);
    try {
      const st = await fh.stat();
      if (st.isDirectory()) throw new InvalidArgumentError(`${path} is a directory, not a data file`, path);
      size = st.size;
      await fh.read(head, 0, 2, 0);
    } finally {
      await fh.close();
    }
    const bom = { bytes: 0 };
    if (range !== undefined) {
      // A byte range of the file (a parallel read's share): raw UTF-8, no BOM to look for.
      return {
        totalBytes: range.end - range.start,
        rereadable: true,
        label: path,
        bom,
        gzip: { detected: false },
        chunks: () => fileChunks(path, chunkSize, range.start, range.end),
      };
    }
    const gz = isGzipBytes(head);
    return {
      // A gzip file's size says little about its text: unknown.
      totalBytes: gz ? undefined : size,
      rereadable: true,
      label: path,
      bom,
      gzip: { detected: gz },
      chunks: () => transcode(gz ? gunzip(fileChunks(path, chunkSize), chunkSize, path) : fileChunks(path, chunkSize), encoding, bom),
    };
  }
  if (source instanceof Uint8Array) {
    const bom = { bytes: 0 };
    const gz = isGzipBytes(source);
    return {
      totalBytes: gz ? undefined : source.byteLength,
      rereadable: true,
      label: 'bytes',
      bom,
      gzip: { detected: gz },
      chunks: () => transcode(gz ? gunzip(sliceChunks(source, chunkSize), chunkSize, 'bytes') : sliceChunks(source, chunkSize), encoding, bom),
    };
  }
  if (typeof source === 'object' && source !== null && 'text' in source && typeof source.text === 'string') {
    const text = source.text;
    // A BOM (U+FEFF) at the start is dropped, as from bytes; offsets count its 3 UTF-8 bytes.
    const bom = { bytes: text.charCodeAt(0) === 0xfeff ? 3 : 0 };
    return {
      totalBytes: Buffer.byteLength(text, 'utf8'),
      rereadable: true,
      label: 'text',
      bom,
      gzip: { detected: false },
      chunks: () => textChunks(text, bom.bytes === 0 ? 0 : 1, chunkSize),
    };
  }
  if (isAsyncIterable(source)) {
    let used = false;
    const bom = { bytes: 0 };
    const gzip = { detected: false };
    return {
      totalBytes: undefined,
      rereadable: false,
      label: 'stream',
      bom,
      gzip,
      chunks: () => {
        if (used) throw new Error('a stream can be read once');
        used = true;
        return transcode(gunzipIfMagic(streamChunks(source, chunkSize), chunkSize, gzip), encoding, bom);
      },
    };
  }
  throw new InvalidArgumentError(
    'readCSV expects a file path, a URL, a Uint8Array/Buffer, a readable stream or { text }',
    source,
  );
}

async function* fileChunks(path: string, chunkSize: number, start = 0, end = Infinity): AsyncIterable<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    let at = start;
    while (at < end) {
      const want = Math.min(chunkSize, end - at);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield bytesRead === want ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/**
 * Gunzip `chunks` as a stream (node:zlib), in chunks of about `chunkSize` bytes.
 * @throws InvalidArgumentError naming `label` when the data is not valid gzip (corrupt or cut short).
 */
async function* gunzip(chunks: AsyncIterable<Uint8Array>, chunkSize: number, label: string): AsyncIterable<Uint8Array> {
  const z = createGunzip({ chunkSize: Math.max(64, Math.min(chunkSize, 1 << 20)) });
  const input = Readable.from(chunks, { objectMode: false });
  input.on('error', (e) => z.destroy(e));
  input.pipe(z);
  try {
    for await (const c of z) yield c as Uint8Array;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code === 'string' && err.code.startsWith('Z_')) {
      throw new InvalidArgumentError(`${label}: not valid gzip data (${err.message})`, label);
    }
    throw e;
  } finally {
    input.destroy();
    z.destroy();
  }
}

/** `chunks`, gunzipped when they start with the gzip magic bytes (then `gzip.detected` is set). */
async function* gunzipIfMagic(chunks: AsyncIterable<Uint8Array>, chunkSize: number, gzip: { detected: boolean }): AsyncIterable<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  // Gather two bytes to look for the magic, even with tiny chunks.
  const head: Uint8Array[] = [];
  let got = 0;
  while (got < 2) {
    const next = await it.next();
    if (next.done) break;
    head.push(next.value);
    got += next.value.length;
  }
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  async function* all(): AsyncIterable<Uint8Array> {
    try {
      if (first.length > 0) yield first;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  }
  if (!isGzipBytes(first)) {
    yield* all();
    return;
  }
  gzip.detected = true;
  yield* gunzip(all(), chunkSize, 'stream');
}

/**
 * The UTF-8 bytes of `text` from character `start` on, encoded a chunk of `chunkSize` characters
 * at a time (a surrogate pair is never split). A lone surrogate, which UTF-8 cannot encode, is
 * written as its 3-byte form (ED A0 80 – ED BF BF): bytes that are not UTF-8, so the reader
 * treats it exactly as invalid UTF-8 from a file (a typed error naming row and column, or what
 * `onBadRow` says) instead of a silent U+FFFD.
 */
async function* textChunks(text: string, start: number, chunkSize: number): AsyncIterable<Uint8Array> {
  const n = text.length;
  let i = start;
  while (i < n) {
    let end = Math.min(n, i + chunkSize);
    const last = text.charCodeAt(end - 1);
    if (end < n && last >= 0xd800 && last <= 0xdbff) {
      const next = text.charCodeAt(end);
      if (next >= 0xdc00 && next <= 0xdfff) end++;
    }
    const part = i === 0 && end === n ? text : text.slice(i, end);
    yield utf8Of(part);
    i = end;
  }
}

/** `String.prototype.isWellFormed` (Node 20; not in the compiler's lib yet). */
type WellFormed = string & { isWellFormed(): boolean };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** UTF-8 of `text`, with each lone surrogate as its 3-byte form (not valid UTF-8). */
function wtf8(text: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const m of text.matchAll(LONE_SURROGATE)) {
    const i = m.index!;
    if (i > at) parts.push(Buffer.from(text.slice(at, i), 'utf8'));
    const c = text.charCodeAt(i);
    parts.push(Uint8Array.of(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)));
    at = i + 1;
  }
  if (at < text.length) parts.push(Buffer.from(text.slice(at), 'utf8'));
  return Buffer.concat(parts);
}

/** UTF-8 of `text`; a lone surrogate becomes bytes that are not UTF-8 (see {@link wtf8}). */
function utf8Of(text: string): Uint8Array {
  return (text as WellFormed).isWellFormed() ? Buffer.from(text, 'utf8') : wtf8(text);
}

/**
 * Text arriving a piece at a time, to UTF-8 (see {@link utf8Of}): a high surrogate ending a piece
 * waits for the next, so a pair split between pieces stays one character.
 */
class PieceEncoder {
  private high = '';

  /** The UTF-8 of `piece` (`final`: nothing follows, so a waiting high surrogate is lone). */
  encode(piece: string, final: boolean): Uint8Array {
    let text = this.high + piece;
    this.high = '';
    const last = text.charCodeAt(text.length - 1);
    if (!final && last >= 0xd800 && last <= 0xdbff) {
      this.high = text.slice(-1);
      text = text.slice(0, -1);
    }
    return utf8Of(text);
  }
}

async function* sliceChunks(bytes: Uint8Array, chunkSize: number): AsyncIterable<Uint8Array> {
  for (let p = 0; p < bytes.length; p += chunkSize) yield bytes.subarray(p, Math.min(bytes.length, p + chunkSize));
}

async function* streamChunks(stream: AsyncIterable<Uint8Array | string>, chunkSize: number): AsyncIterable<Uint8Array> {
  const text = new PieceEncoder();
  for await (const c of stream) {
    let bytes: Uint8Array;
    if (typeof c === 'string') {
      bytes = text.encode(c, false); // lone surrogates become bytes that are not UTF-8, as in `{ text }`
    } else {
      if (!(c instanceof Uint8Array)) throw new InvalidArgumentError('the stream must yield Buffers, Uint8Arrays or strings', c);
      const waiting = text.encode('', true);
      if (waiting.length > 0) yield waiting;
      bytes = c;
    }
    // Split oversized chunks so progress and memory stay regular.
    for (let p = 0; p < bytes.length; p += chunkSize) yield bytes.subarray(p, Math.min(bytes.length, p + chunkSize));
  }
  const waiting = text.encode('', true);
  if (waiting.length > 0) yield waiting;
}

/**
 * Strip a BOM and transcode to UTF-8. Byte offsets in messages count the input's bytes for UTF-8
 * (BOM included); for latin1 and UTF-16 inputs they count the UTF-8 text the input decodes to. A UTF-8 BOM is dropped; a UTF-16 BOM selects UTF-16 (LE/BE)
 * unless another encoding was asked for; latin1 and UTF-16 are converted chunk by chunk.
 */
async function* transcode(chunks: AsyncIterable<Uint8Array>, encoding: CsvEncoding | undefined, bom: { bytes: number }): AsyncIterable<Uint8Array> {
  let first = true;
  let enc = encoding;
  let decoder: Utf16Decoder | undefined;
  let head = new Uint8Array(0);
  for await (let chunk of chunks) {
    if (first) {
      // Gather 3 bytes to look for a BOM even with tiny chunks.
      if (head.length + chunk.length < 3) {
        const joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
        head = joined;
        continue;
      }
      if (head.length > 0) {
        const joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
        chunk = joined;
      }
      first = false;
      const found = byteOrderMark(chunk, enc);
      chunk = chunk.subarray(found.skip);
      enc = found.enc;
      if (enc === 'utf8') bom.bytes = found.skip;
      decoder = decoderFor(enc);
    }
    yield convert(chunk, enc!, decoder, false);
  }
  if (first && head.length > 0) {
    // A tiny input: fewer than 3 bytes in all (perhaps just a UTF-16 BOM).
    const found = byteOrderMark(head, enc);
    const chunk = head.subarray(found.skip);
    enc = found.enc;
    decoder = decoderFor(enc);
    if (chunk.length > 0) yield convert(chunk, enc, decoder, false);
  }
  if (decoder !== undefined) {
    const rest = decoder.decode(new Uint8Array(0), true);
    if (rest.length > 0) yield rest;
  }
}

/** The encoding a leading byte-order mark selects (unless another was asked for), and its length. */
function byteOrderMark(b: Uint8Array, asked: CsvEncoding | undefined): { enc: CsvEncoding; skip: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf && (asked === undefined || asked === 'utf8')) return { enc: 'utf8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && (asked === undefined || asked === 'utf16le')) return { enc: 'utf16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff && (asked === undefined || asked === 'utf16be')) return { enc: 'utf16be', skip: 2 };
  return { enc: asked ?? 'utf8', skip: 0 };
}

function decoderFor(enc: CsvEncoding): Utf16Decoder | undefined {
  if (enc === 'utf16le' || enc === 'utf16be') return new Utf16Decoder(enc === 'utf16be');
  return undefined;
}

/**
 * UTF-16 bytes to text a chunk at a time, keeping what is not valid UTF-16 visible: a lone
 * surrogate stays in the text (and becomes bytes that are not UTF-8, as in `{ text }`), an odd
 * last byte becomes a byte that is not UTF-8 — so the reader treats both as invalid UTF-8 (a typed
 * error, or what `onBadRow` says) instead of a silent U+FFFD. A pair or a code unit split between
 * chunks is joined.
 */
class Utf16Decoder {
  /** A byte left over from the last chunk (odd length), or -1. */
  private odd = -1;
  /** The decoded text to UTF-8, a pair split between chunks kept whole. */
  private readonly text = new PieceEncoder();

  constructor(private readonly bigEndian: boolean) {}

  /** The UTF-8 bytes of the text decoded so far (`final`: the input ends here). */
  decode(chunk: Uint8Array, final: boolean): Uint8Array {
    let bytes = chunk;
    if (this.odd >= 0) {
      bytes = new Uint8Array(chunk.length + 1);
      bytes[0] = this.odd;
      bytes.set(chunk, 1);
      this.odd = -1;
    }
    const even = bytes.length & ~1;
    if (even < bytes.length) this.odd = bytes[even]!;
    const units = Buffer.from(bytes.subarray(0, even)); // a copy: swap16 works in place
    if (this.bigEndian) units.swap16();
    const out = this.text.encode(units.toString('utf16le'), final);
    if (!final || this.odd < 0) return out;
    this.odd = -1;
    const withOdd = new Uint8Array(out.length + 1);
    withOdd.set(out);
    withOdd[out.length] = 0xff; // never a UTF-8 byte
    return withOdd;
  }
}

function convert(chunk: Uint8Array, enc: CsvEncoding, decoder: Utf16Decoder | undefined, final: boolean): Uint8Array {
  if (enc === 'utf8') return chunk;
  if (enc === 'latin1') return Buffer.from(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1'), 'utf8');
  return decoder!.decode(chunk, final);
}

/**
 * Read chunks from `next` until more than `keep` bytes have come (at least one chunk) or the input
 * ends: the readers' way to grow their buffer a logarithmic number of times for a long row.
 * @example
 * ```ts
 * const chunks = [Buffer.from('ab'), Buffer.from('cd'), Buffer.from('e')][Symbol.iterator]();
 * const r = await readAtLeast(async () => chunks.next(), 3);
 * [r.parts.length, r.got, r.done]; // → [2, 4, false]
 * ```
 */
export async function readAtLeast(
  next: () => Promise<IteratorResult<Uint8Array>>,
  keep: number,
): Promise<{ parts: Uint8Array[]; got: number; done: boolean }> {
  const parts: Uint8Array[] = [];
  let got = 0;
  do {
    const r = await next();
    if (r.done) return { parts, got, done: true };
    parts.push(r.value);
    got += r.value.length;
  } while (got < keep);
  return { parts, got, done: false };
}
