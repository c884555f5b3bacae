/**
 * The JSON / NDJSON reader: chunks of bytes → scanner → column sinks → one frame. One pass over
 * the input after a sample pass, bounded memory (the current chunk, the sample's bytes, the
 * record being read, and the columns being built): never one string for the input, never an
 * object per record.
 *
 * NDJSON is split on line feeds (a JSON string cannot hold a raw line break) and each line is
 * scanned as one object. A records array is scanned element by element straight from the chunk;
 * an element cut off by the chunk's end is rolled back and scanned again once the next chunk is in.
 */
import { ColumnNotFoundError, InvalidArgumentError, JsonParseError, SchemaError } from '../../errors.js';
import type { AnyDType } from '../../dtype/dtype.js';
import { Schema } from '../../dtype/schema.js';
import { decodeUtf8 } from '../../column/access.js';
import { FrameCore } from '../../core/frame-core.js';
import { DataFrame } from '../../frame/dataframe.js';
import { readAtLeast, type OpenedSource } from '../csv/source.js';
import { InvalidUtf8 } from '../csv/string-sinks.js';
import type { JsonFormat, JsonReadInfo, JsonReadOptions } from './options.js';
import { FALSE, JsonSyntax, NEED_MORE, NULL, Scanner, TRUE, describeStart } from './scan.js';
import { Columns, ValueError } from './columns.js';
import { V_BOOL, V_FLOAT, V_INT, V_NESTED, V_STRING } from './json-types.js';

const EMPTY = Buffer.alloc(0);
/** Default `maxFieldBytes`: 256 MiB. */
export const DEFAULT_MAX_FIELD_BYTES = 256 * 2 ** 20;
/** Default `maxRecordBytes`: 512 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 512 * 2 ** 20;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Records-array states. */
const S_START = 0; // before '['
const S_FIRST = 1; // after '[': an element or ']'
const S_AFTER = 2; // after an element: ',' or ']'
const S_NEXT = 3; // after ',': an element
const S_DONE = 4; // after ']': only whitespace

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** Reads one source into a frame. */
export class JsonReader {
  private it: AsyncIterator<Uint8Array> | undefined;
  private ahead: Promise<IteratorResult<Uint8Array>> | undefined;
  private buf: Buffer = EMPTY;
  private pos = 0;
  private final = false;
  /** Input offset of `buf[0]` (after a stripped BOM). */
  private base = 0;
  private bytesRead = 0;
  /** Physical line at `pos`. */
  private line = 1;
  private state = S_START;
  private readonly sc = new Scanner();
  private readonly cols: Columns;
  private stamp = 0;
  /** Key slots: each distinct key's bytes as first seen, and its column (-1: skipped). */
  private readonly slotRaw: Uint8Array[] = [];
  private readonly slotCol: number[] = [];
  private readonly slotByName = new Map<string, number>();
  /** The slot of each key position in the last record (keys usually come in the same order). */
  private order = new Int32Array(16).fill(-1);
  /** The current key's slot (-1 between values) and where its value starts, for messages. */
  private keySlot = -1;
  private valueAt = 0;
  /** Where the current record starts, and whether one is being read. */
  private recordAt = 0;
  private recordRow = 0;
  private inRecord = false;
  private readonly selection: ReadonlyMap<string, number> | undefined;
  private readonly schema: Schema | undefined;
  /** Where the sample started (input offset), to read it again. */
  private sampleAt = -1;
  format: JsonFormat = 'records';
  private readonly maxFieldBytes: number;
  private readonly maxRecordBytes: number;
  /** Input offset up to which the NDJSON line at `pos` is known to hold no line feed. */
  private noLineFeedTo = 0;
  /** Bytes looked at for line feeds and records, counting those looked at again (for tests of linearity). */
  scanned = 0;

  constructor(
    private readonly src: OpenedSource,
    private readonly o: JsonReadOptions,
    forcedText: ReadonlySet<string>,
    private readonly formatHint: JsonFormat | undefined,
  ) {
    this.maxFieldBytes = o.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
    this.maxRecordBytes = o.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    const nested = o.nested ?? 'infer';
    this.cols = new Columns({
      allocator: o.allocator,
      int64: o.int64,
      forcedText,
      rereadable: src.rereadable,
      nestedJson: nested === 'json',
      inferNested: nested === 'infer',
      duplicateKeys: o.duplicateKeys ?? 'error',
    });
    this.schema = o.schema === undefined ? undefined : Schema.from(o.schema);
    const want = o.columns ?? this.schema?.names;
    if (o.columns !== undefined) {
      if (new Set(o.columns).size !== o.columns.length) throw new InvalidArgumentError('columns names a key twice', o.columns);
      const missing = this.schema === undefined ? [] : o.columns.filter((n) => !this.schema!.has(n));
      if (missing.length > 0) throw new SchemaError(`columns lists keys the schema lacks: ${missing.join(', ')}`);
      this.selection = new Map(o.columns.map((n, i) => [n, i]));
    }
    for (const name of want ?? []) this.cols.add(name, this.declaredOf(name));
  }

  private declaredOf(name: string): AnyDType | undefined {
    if (this.schema?.has(name)) return this.schema.get(name);
    return Object.hasOwn(this.o.dtypes ?? {}, name) ? this.o.dtypes![name] : undefined;
  }

  /** The input byte offset of `buf[p]` (a stripped BOM counts: it is in the input). */
  private offset(p: number): number {
    return this.base + p + this.src.bom.bytes;
  }

  /**
   * Append input, keeping bytes from `keepFrom` on: at least one chunk, and as many as the kept
   * bytes (so a long record is scanned again only a logarithmic number of times).
   */
  private async fill(keepFrom: number): Promise<void> {
    const keep = this.buf.length - keepFrom;
    // The record being read starts at `pos`: past the limit it is an error; below it, read no
    // further than one byte past the limit, so memory stays bounded whatever the input.
    const recordBytes = this.buf.length - this.pos;
    if (recordBytes > this.maxRecordBytes) throw this.recordTooLong(this.pos, recordBytes, true);
    const room = Math.max(1, this.maxRecordBytes + 1 - recordBytes);
    const { parts, got, done } = await readAtLeast(() => this.nextChunk(), Math.max(keep - recordBytes, Math.min(keep, room)));
    if (done) this.final = true;
    this.bytesRead += got;
    if (keep === 0 && parts.length === 1) {
      this.base += this.buf.length;
      this.buf = asBuffer(parts[0]!);
    } else {
      const joined = Buffer.allocUnsafe(keep + got);
      this.buf.copy(joined, 0, keepFrom);
      let at = keep;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      this.base += keepFrom;
      this.buf = joined;
    }
    this.pos -= keepFrom;
  }

  /**
   * The next chunk, and the read of the one after it started at once, so reading the input
   * overlaps scanning the chunk just read.
   */
  private nextChunk(): Promise<IteratorResult<Uint8Array>> {
    this.it ??= this.src.chunks()[Symbol.asyncIterator]();
    const it = this.it;
    const p = this.ahead ?? it.next();
    this.ahead = undefined;
    return p.then((r) => {
      if (!r.done) {
        this.ahead = it.next();
        this.ahead.catch(() => undefined); // awaited (and thrown) by the next fill, if any
      }
      return r;
    });
  }

  /** Bytes to keep when fetching more: from the sample's start while sampling, else from `pos`. */
  private keepFrom(): number {
    return this.sampleAt >= 0 ? this.sampleAt - this.base : this.pos;
  }

  /** The error for the record (NDJSON line or array element) at `at`, `n` bytes long (or more, when `partial`). */
  private recordTooLong(at: number, n: number, partial: boolean, row = this.cols.rows): JsonParseError {
    const what = this.format === 'ndjson' ? 'line' : 'element';
    return this.parseError(
      `${what} of ${n.toLocaleString('en-US')} bytes${partial ? ' or more' : ''} is longer than maxRecordBytes (${this.maxRecordBytes.toLocaleString('en-US')}); pass a larger maxRecordBytes to read it`,
      at,
      this.line,
      row,
      undefined,
    );
  }

  /** Decide the format: given, from the path, else from the first non-whitespace byte. */
  private async detect(): Promise<boolean> {
    for (;;) {
      this.sc.reset(this.buf, this.buf.length, this.final);
      const lines = this.sc.lines;
      const i = this.sc.ws(this.pos);
      const wsLines = this.sc.lines - lines;
      this.sc.lines = lines;
      if (i < this.buf.length) {
        const c = this.buf[i];
        this.format = this.o.format ?? this.formatHint ?? (c === 123 ? 'ndjson' : 'records');
        if (this.o.format === undefined && this.formatHint === undefined && c !== 91 && c !== 123) {
          this.fail(`expected a JSON array of objects ('[') or one object per line ('{'), found ${describeStart(c)}`, i);
        }
        return true;
      }
      if (this.final) {
        this.format = this.o.format ?? this.formatHint ?? 'records';
        return false;
      }
      // Only whitespace so far: go past it (counting its lines) rather than keep it.
      this.line += wsLines;
      this.pos = i;
      await this.fill(this.pos);
    }
  }

  /** Read everything into a frame. */
  async read(): Promise<DataFrame> {
    try {
      const any = await this.detect();
      this.sc.endName = this.format === 'ndjson' ? 'line' : 'input';
      const limit = this.o.inferSchemaLength ?? 1000;
      if (!(limit >= 0)) throw new InvalidArgumentError(`inferSchemaLength must be ≥ 0, got ${String(limit)}`, limit);
      const maxRows = this.o.maxRows ?? Infinity;
      let capacity = 1024;
      let sampled = 0;
      if (any && this.schema === undefined && limit > 0 && maxRows > 0) {
        this.sampleAt = this.offset(this.pos) - this.src.bom.bytes;
        const line = this.line;
        const state = this.state;
        await this.run(Math.min(limit, maxRows));
        const rows = this.cols.rows;
        sampled = rows;
        capacity = this.estimateRows(rows, this.offset(this.pos) - this.src.bom.bytes - this.sampleAt);
        this.pos = this.sampleAt - this.base;
        this.noLineFeedTo = 0;
        this.sampleAt = -1;
        this.line = line;
        this.state = state;
        this.cols.rows = 0;
        this.order.fill(-1);
      }
      this.cols.startReading(capacity, sampled);
      if (any && maxRows > 0) await this.run(maxRows);
    } finally {
      await this.it?.return?.();
    }
    const rows = this.cols.rows;
    if (rows > 0) {
      // A listed key that no record has is most likely a typo.
      for (const name of [...(this.o.columns ?? []), ...Object.keys(this.o.dtypes ?? {})]) {
        if (!this.slotByName.has(name) && !this.schema?.has(name)) {
          throw new ColumnNotFoundError(name, [...this.slotByName.keys()]);
        }
      }
    }
    const frame = DataFrame.fromCore(new FrameCore(this.cols.finish(), rows));
    this.o.onReadInfo?.(this.info());
    return frame;
  }

  /** What the read did. */
  info(): JsonReadInfo {
    return { format: this.format, rows: this.cols.rows, bytes: this.bytesRead, widened: this.cols.widened.slice(), lateColumns: this.cols.late.slice() };
  }

  private estimateRows(rows: number, bytes: number): number {
    const total = this.src.totalBytes;
    if (total === undefined || rows === 0 || bytes <= 0) return 1024;
    const est = Math.ceil((total / (bytes / rows)) * 1.1) + 16;
    return Math.min(est, this.o.maxRows ?? Infinity, 1 << 28);
  }

  /** Read records until `limit` of them or the end of the input. */
  private async run(limit: number): Promise<void> {
    for (;;) {
      let done: boolean;
      try {
        done = this.format === 'ndjson' ? this.ndjson(limit) : this.records(limit);
      } catch (err) {
        throw this.located(err);
      }
      if (done) return;
      await this.fill(this.keepFrom());
    }
  }

  /** NDJSON records in the buffer; true when done (limit or end of input), false for more input. */
  private ndjson(limit: number): boolean {
    const buf = this.buf;
    const sc = this.sc;
    const cols = this.cols;
    for (;;) {
      if (cols.rows >= limit) return true;
      // Look for the line feed only in bytes not yet looked at (a long line comes in many chunks).
      const from = Math.max(this.pos, this.noLineFeedTo - this.base);
      let nl = buf.indexOf(10, from);
      this.scanned += (nl < 0 ? buf.length : nl + 1) - from;
      if (nl < 0) {
        this.noLineFeedTo = this.base + buf.length;
        if (!this.final) return false;
        if (this.pos >= buf.length) return true;
        nl = buf.length;
      }
      if (nl - this.pos > this.maxRecordBytes) throw this.recordTooLong(this.pos, nl - this.pos, false);
      sc.reset(buf, nl, true);
      sc.lines = 0;
      const i = sc.ws(this.pos);
      if (i < nl) {
        this.inRecord = true; // a line with data is a record, even when it is not an object
        this.recordRow = cols.rows;
        if (buf[i] !== 123) throw new JsonSyntax(`expected an object, found ${describeStart(buf[i])} (NDJSON holds one object per line)`, i);
        cols.line = this.line;
        const end = sc.ws(this.object(i));
        this.inRecord = end < nl;
        if (end < nl) throw new JsonSyntax(`unexpected ${describeStart(buf[end])} after the object (NDJSON holds one object per line)`, end);
      }
      this.line++;
      this.pos = nl + 1;
    }
  }

  /** Elements of a records array in the buffer; true when done, false for more input. */
  private records(limit: number): boolean {
    const buf = this.buf;
    const sc = this.sc;
    const cols = this.cols;
    sc.reset(buf, buf.length, this.final);
    for (;;) {
      sc.lines = 0;
      const i = sc.ws(this.pos);
      this.line += sc.lines;
      sc.lines = 0;
      this.pos = i;
      if (i >= buf.length) {
        if (!this.final) return false;
        if (this.state === S_START || this.state === S_DONE) return true;
        throw new JsonSyntax(`unexpected end of input: the array is not closed (missing ']')`, i);
      }
      const c = buf[i]!;
      switch (this.state) {
        case S_START:
          if (c !== 91) {
            const hint = c === 123 ? "; for one object per line pass format: 'ndjson'" : '';
            throw new JsonSyntax(`expected a JSON array of objects ('['), found ${describeStart(c)}${hint}`, i);
          }
          this.state = S_FIRST;
          this.pos = i + 1;
          continue;
        case S_AFTER:
          if (c === 44) this.state = S_NEXT;
          else if (c === 93) this.state = S_DONE;
          else throw new JsonSyntax(`expected ',' or ']' after an element, found ${describeStart(c)}`, i);
          this.pos = i + 1;
          continue;
        case S_DONE:
          throw new JsonSyntax(`unexpected ${describeStart(c)} after the end of the array`, i);
        default:
          break;
      }
      if (c === 93) {
        if (this.state === S_NEXT) throw new JsonSyntax("trailing comma: expected an element after ','", i);
        this.state = S_DONE;
        this.pos = i + 1;
        continue;
      }
      if (cols.rows >= limit) return true;
      this.inRecord = true;
      this.recordRow = cols.rows;
      if (c !== 123) throw new JsonSyntax(`expected an object, found ${describeStart(c)} (the array must hold objects)`, i);
      cols.line = this.line;
      let end: number;
      try {
        end = this.object(i);
      } catch (err) {
        if (err !== NEED_MORE) throw err;
        // Cut off by the chunk's end: forget its values and scan it again with more input.
        this.scanned += buf.length - i;
        cols.truncate(cols.rows);
        sc.lines = 0;
        return false;
      }
      this.scanned += end - i;
      if (end - i > this.maxRecordBytes) throw this.recordTooLong(i, end - i, false, cols.rows - 1);
      this.line += sc.lines;
      this.pos = end;
      this.state = S_AFTER;
    }
  }

  /** Read the object at `i` (its `{`) into the columns; returns the index after its `}`. */
  private object(i: number): number {
    const sc = this.sc;
    const b = sc.b;
    const e = sc.end;
    const cols = this.cols;
    const stamp = ++this.stamp;
    this.recordAt = i;
    this.recordRow = cols.rows;
    this.inRecord = true;
    this.keySlot = -1;
    i = sc.ws(i + 1);
    if (i >= e) sc.short(i);
    if (b[i] === 125) {
      cols.endRecord(stamp);
      this.inRecord = false;
      return i + 1;
    }
    for (let k = 0; ; k++) {
      if (b[i] !== 34) throw new JsonSyntax(`expected a key in quotes, found ${describeStart(b[i])}`, i);
      const ke = sc.string(i);
      const slot = this.slotOf(k, b, i + 1, ke, sc.escaped);
      i = sc.ws(ke + 1);
      if (i >= e) sc.short(i);
      if (b[i] !== 58) throw new JsonSyntax(`expected ':' after the key, found ${describeStart(b[i])}`, i);
      i = sc.ws(i + 1);
      if (i >= e) sc.short(i);
      this.keySlot = slot;
      this.valueAt = i;
      const c = this.slotCol[slot]!;
      if (c >= 0) {
        if (cols.seen[c] === stamp) {
          if ((this.o.duplicateKeys ?? 'error') === 'error') {
            throw new JsonSyntax("duplicate key in one object (pass duplicateKeys: 'last' to keep the last value, as JSON.parse does)", ke);
          }
          cols.unput(c);
        }
        cols.seen[c] = stamp;
      }
      const ve = this.value(i, c);
      if (ve - i > this.maxFieldBytes) {
        throw new JsonSyntax(
          `value of ${(ve - i).toLocaleString('en-US')} bytes is longer than maxFieldBytes (${this.maxFieldBytes.toLocaleString('en-US')}); pass a larger maxFieldBytes to read it`,
          i,
        );
      }
      i = sc.ws(ve);
      this.keySlot = -1;
      if (i >= e) sc.short(i);
      const d = b[i];
      if (d === 44) {
        i = sc.ws(i + 1);
        if (i >= e) sc.short(i);
        continue;
      }
      if (d === 125) break;
      throw new JsonSyntax(`expected ',' or '}' after a value, found ${describeStart(d)}`, i);
    }
    cols.endRecord(stamp);
    this.inRecord = false;
    return i + 1;
  }

  /** Read the value at `i` into column `c` (or only check it when `c` is -1); returns its end. */
  private value(i: number, c: number): number {
    const sc = this.sc;
    const b = sc.b;
    const cols = this.cols;
    const ch = b[i]!;
    if (ch === 34) {
      const ve = sc.string(i);
      if (c >= 0) {
        if (sc.escaped) cols.put(c, V_STRING, sc.scratch, 0, sc.unescape(i + 1, ve));
        else cols.put(c, V_STRING, b, i + 1, ve);
      }
      return ve + 1;
    }
    if (ch === 45 || (ch >= 48 && ch <= 57)) {
      const ne = sc.number(i);
      if (c >= 0) cols.put(c, sc.integer ? V_INT : V_FLOAT, b, i, ne);
      return ne;
    }
    if (ch === 116 || ch === 102) {
      const ne = sc.literal(i, ch === 116 ? TRUE : FALSE);
      if (c >= 0) cols.put(c, V_BOOL, b, i, ne);
      return ne;
    }
    if (ch === 110) {
      const ne = sc.literal(i, NULL);
      if (c >= 0) cols.putNull(c);
      return ne;
    }
    if (ch === 123 || ch === 91) {
      if (c >= 0 && this.o.nested === 'error' && !cols.takesNested(c)) {
        throw new JsonSyntax(
          `${describeStart(ch)} as a value (nested: 'error'); pass nested: 'infer' to read lists and structs, or 'json' to keep it as JSON text`,
          i,
        );
      }
      const ne = sc.skipValue(i);
      if (c >= 0) {
        cols.depth = sc.deepest;
        cols.put(c, V_NESTED, b, i, ne);
      }
      return ne;
    }
    throw new JsonSyntax(`expected a value, found ${describeStart(ch)}`, i);
  }

  /** The slot of the `k`-th key of a record, bytes `[s, e)` between its quotes. */
  private slotOf(k: number, b: Uint8Array, s: number, e: number, escaped: boolean): number {
    if (k < this.order.length) {
      const p = this.order[k]!;
      if (p >= 0) {
        const raw = this.slotRaw[p]!;
        const n = e - s;
        if (raw.length === n) {
          let j = 0;
          while (j < n && raw[j] === b[s + j]) j++;
          if (j === n) return p;
        }
      }
    } else {
      const next = new Int32Array(Math.max(k + 1, this.order.length * 2)).fill(-1);
      next.set(this.order);
      this.order = next;
    }
    const slot = this.slotByRaw(b, s, e, escaped);
    this.order[k] = slot;
    return slot;
  }

  /** Slow path: decode the key, find or add its slot (and column). */
  private slotByRaw(b: Uint8Array, s: number, e: number, escaped: boolean): number {
    let name: string;
    try {
      name = escaped ? fatalUtf8.decode(this.sc.scratch.subarray(0, this.sc.unescape(s, e))) : fatalUtf8.decode(b.subarray(s, e));
    } catch (err) {
      if (err instanceof JsonSyntax) throw err;
      throw new JsonSyntax('invalid UTF-8 in a key', s);
    }
    const known = this.slotByName.get(name);
    if (known !== undefined) return known;
    let col: number;
    if (this.selection !== undefined) {
      const at = this.selection.get(name);
      col = at === undefined ? -1 : at;
    } else if (this.schema !== undefined) {
      col = this.schema.indexOf(name);
      if (col < 0) {
        throw new JsonSyntax(
          `key ${JSON.stringify(name)} is not in the schema (${this.schema.names.join(', ')}); list the keys to read in columns to skip the others`,
          s - 1,
        );
      }
    } else {
      col = this.cols.add(name, this.declaredOf(name));
    }
    const slot = this.slotRaw.length;
    this.slotRaw.push(b.slice(s, e));
    this.slotCol.push(col);
    this.slotByName.set(name, slot);
    return slot;
  }

  /** The error to throw for an error raised while reading the current record. */
  private located(err: unknown): unknown {
    const line = this.line + this.sc.lines;
    const row = this.inRecord ? this.recordRow : undefined;
    const key = this.inRecord && this.keySlot >= 0 ? this.keyName(this.keySlot) : undefined;
    if (err instanceof JsonSyntax) return this.parseError(err.reason, err.at, line, row, err.reason.startsWith('key ') ? undefined : key);
    if (err instanceof ValueError) {
      const at = err.reason.startsWith('missing key') ? this.recordAt : this.valueAt;
      return this.parseError(err.reason, at, line, row, this.cols.names[err.column]);
    }
    if (err instanceof InvalidUtf8) return this.parseError('invalid UTF-8 in a string', this.valueAt, line, row, key);
    return err;
  }

  private keyName(slot: number): string {
    for (const [name, s] of this.slotByName) if (s === slot) return name;
    return decodeUtf8(this.slotRaw[slot]!, 0, this.slotRaw[slot]!.length);
  }

  /** Throw a JsonParseError at buffer index `at` (used before any record is read). */
  private fail(reason: string, at: number): never {
    throw this.parseError(reason, at, this.line, undefined, undefined);
  }

  private parseError(reason: string, at: number, line: number, row: number | undefined, key: string | undefined): JsonParseError {
    return new JsonParseError(reason, line, this.offset(at), row, key, snippetAt(this.buf, at), this.format);
  }
}

/** Up to 30 bytes either side of `p` on its line, with `⟨here⟩`-free plain text and `…` where cut. */
function snippetAt(buf: Uint8Array, p: number): string {
  const at = Math.max(0, Math.min(p, buf.length));
  let s = Math.max(0, at - 30);
  let e = Math.min(buf.length, at + 30);
  for (let i = at - 1; i >= s; i--) if (buf[i] === 10) { s = i + 1; break; }
  for (let i = at; i < e; i++) if (buf[i] === 10 || buf[i] === 13) { e = i; break; }
  // Do not start or end inside a UTF-8 sequence.
  while (s < at && (buf[s]! & 0xc0) === 0x80) s++;
  while (e > at && e < buf.length && (buf[e]! & 0xc0) === 0x80) e--;
  const text = decodeUtf8(buf, s, e).replace(/\t/g, '→');
  return (s > 0 && buf[s - 1] !== 10 ? '…' : '') + text + (e < buf.length && buf[e] !== 10 && buf[e] !== 13 ? '…' : '');
}
