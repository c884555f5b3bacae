/**
 * The CSV tokenizer: finds the fields of one row in a byte buffer, on bytes. It records each
 * field's start, end and flags in reused typed arrays (no array or object per row) and leaves the
 * values to the column sinks. A row that runs past the end of the buffer is reported as incomplete
 * so the reader can carry its bytes into the next chunk; nothing is lost at chunk boundaries.
 */
import { CsvParseError } from '../../errors.js';
import { decodeUtf8 } from '../../column/access.js';

/** Field flag: the field was quoted. */
export const QUOTED = 1;
/** Field flag: the field's bytes are in `scratch` (quotes or escapes were removed). */
export const IN_SCRATCH = 2;

/** Returned by `nextRow` when the buffer ends inside the row. */
export const INCOMPLETE = -1;

const LF = 10;
const CR = 13;

/** Dialect of the tokenizer, as byte codes (`-1` when unused). */
export interface Dialect {
  readonly delimiter: number;
  readonly quote: number;
  /** The escape inside quoted fields: the quote itself (doubling) or another byte such as `\`. */
  readonly escape: number;
  readonly comment: number;
}

/** Tokenizes rows; one instance per read. */
export class Tokenizer {
  /** Field starts of the last row (in `buf`, or in `scratch` when flagged). */
  starts = new Int32Array(64);
  /** Field ends of the last row. */
  ends = new Int32Array(64);
  /** Field flags of the last row (`QUOTED`, `IN_SCRATCH`). */
  flags = new Uint8Array(64);
  /** Where each field of the last row starts in `buf` (its opening quote, if quoted), for messages. */
  positions = new Int32Array(64);
  /** Number of fields in the last row. */
  count = 0;
  /** Position in `buf` where the last row starts (after skipped blank and comment lines). */
  rowStart = 0;
  /** Unescaped bytes of quoted fields that contained escapes. */
  scratch = new Uint8Array(1024);
  private scratchLen = 0;
  /** Physical 1-based line of the next byte. */
  line = 1;
  /** Physical line where the last row started. */
  rowLine = 1;
  /** Byte offset in the input of `buf[0]` (for error messages). */
  base = 0;
  /** Column names for error messages, when known. */
  names: readonly string[] = [];
  /**
   * Whether a blank line is a row of one empty (null) field rather than nothing. Set for
   * one-column inputs, where a blank line is how a null is written.
   */
  blankLinesAreRows = false;
  /** Largest field, in input bytes (quotes and escapes included): a longer one is a `CsvParseError`. */
  maxFieldBytes = Infinity;
  /** Largest row, in input bytes (its line end included): a longer one is a `CsvParseError`. */
  maxRowBytes = Infinity;
  /**
   * After `nextRow` returned INCOMPLETE: the field being read when the buffer ended (its start is
   * `positions[openField]`), or -1 when it ended before the row's first field.
   */
  openField = -1;
  /** Bytes the tokenizer has looked at, counting those looked at again (for tests of linearity). */
  scanned = 0;
  /**
   * Where to go on with a row the buffer ended in, so that each byte of a long row is looked at
   * about once however many chunks it spans: the input offset of the `pos` the row was asked
   * at (-1: nothing to resume), the lines counted and scratch bytes used by its complete fields,
   * and inside the open field, the input offset scanned to (an unquoted field, or a quoted
   * field's fast or slow path with its newlines and scratch position).
   */
  private resumeAt = -1;
  private resumeLine = 0;
  private resumeScratch = 0;
  private resumeBase = 0;
  /** 0: rescan the open field from its start; 1: unquoted, scanned to `resumeScan`; 2: quoted fast path; 3: quoted slow path. */
  private resumeMode = 0;
  private resumeScan = 0;
  private resumeNewlines = 0;
  private resumeOut = 0;
  /** Where the last `nextRow` started looking (the resumed scan's position, else `pos`). */
  private lookedFrom = 0;
  /** 1 for bytes that end an unquoted field (delimiter, CR, LF, quote), else 0. */
  private readonly special = new Uint8Array(256);
  /** The largest special byte: anything above it is ordinary text (one compare per byte). */
  private readonly maxSpecial: number;

  constructor(private readonly d: Dialect) {
    this.special[d.delimiter] = 1;
    this.special[LF] = 1;
    this.special[CR] = 1;
    if (d.quote >= 0) this.special[d.quote] = 1;
    this.maxSpecial = Math.max(d.delimiter, d.quote, CR);
  }

  /**
   * Skip one physical line starting at `pos` (for `skipRows`); returns the position after it,
   * or INCOMPLETE when the buffer ends first (and `final` is false).
   */
  skipLine(buf: Uint8Array, pos: number, end: number, final: boolean): number {
    this.openField = -1;
    let p = pos;
    while (p < end && buf[p] !== LF && buf[p] !== CR) p++;
    if (p === end) {
      if (!final) return INCOMPLETE;
      return p;
    }
    if (buf[p] === CR) {
      if (p + 1 === end && !final) return INCOMPLETE;
      if (p + 1 < end && buf[p + 1] === LF) p++;
    }
    this.line++;
    return p + 1;
  }

  /**
   * Tokenize the row starting at `pos`. Blank lines and comment lines are skipped first. Returns
   * the position after the row's line end; `end` when the input ends (with `count === 0` if there
   * was no row); or INCOMPLETE when more bytes are needed (only when `final` is false).
   * @throws CsvParseError for an unterminated quote, a stray quote, or text after a closing quote.
   */
  nextRow(buf: Uint8Array, pos: number, end: number, final: boolean): number {
    this.lookedFrom = pos;
    const r = this.row(buf, pos, end, final);
    this.scanned += (r === INCOMPLETE ? end : r) - this.lookedFrom;
    if (r !== INCOMPLETE && this.count > 0 && r - this.rowStart > this.maxRowBytes) {
      throw this.rowTooLong(buf, this.rowStart, r - this.rowStart);
    }
    return r;
  }

  /** `nextRow` without the accounting. */
  private row(buf: Uint8Array, pos: number, end: number, final: boolean): number {
    const d = this.d;
    const lineAtStart = this.line;
    if (this.resumeAt >= 0 && this.resumeAt === this.base + pos && this.openField >= 0) return this.resume(buf, pos, end, final, lineAtStart);
    this.resumeAt = -1;
    let p = pos;
    this.openField = -1;
    // Blank and comment lines.
    for (;;) {
      if (p >= end) {
        this.count = 0;
        if (!final) {
          this.line = lineAtStart;
          return INCOMPLETE;
        }
        return end;
      }
      const c = buf[p]!;
      if ((c === LF || c === CR) && this.blankLinesAreRows) {
        if (c === CR && p + 1 === end && !final) {
          this.line = lineAtStart;
          return INCOMPLETE;
        }
        this.rowLine = this.line;
        this.rowStart = p;
        this.starts[0] = p;
        this.ends[0] = p;
        this.flags[0] = 0;
        this.positions[0] = p;
        this.count = 1;
        this.line++;
        return c === CR && p + 1 < end && buf[p + 1] === LF ? p + 2 : p + 1;
      }
      if (c === LF) {
        p++;
        this.line++;
      } else if (c === CR) {
        if (p + 1 === end && !final) {
          this.line = lineAtStart;
          return INCOMPLETE;
        }
        p += p + 1 < end && buf[p + 1] === LF ? 2 : 1;
        this.line++;
      } else if (c === d.comment) {
        const q = this.skipLine(buf, p, end, final);
        if (q === INCOMPLETE) {
          this.line = lineAtStart;
          return INCOMPLETE;
        }
        p = q;
      } else {
        break;
      }
    }
    this.rowLine = this.line;
    this.rowStart = p;
    this.scratchLen = 0;
    return this.fields(buf, p, end, final, 0, pos, lineAtStart);
  }

  /**
   * Go on with the row the buffer ended in at the last call: shift the complete fields to the new
   * buffer, and scan the open field from where it stopped.
   */
  private resume(buf: Uint8Array, pos: number, end: number, final: boolean, lineAtStart: number): number {
    const shift = this.resumeBase - this.base;
    const k = this.openField;
    for (let f = 0; f <= k; f++) {
      this.positions[f] += shift;
      if ((this.flags[f]! & IN_SCRATCH) === 0 && f < k) {
        this.starts[f] += shift;
        this.ends[f] += shift;
      }
    }
    this.rowStart += shift;
    this.line = this.resumeLine;
    this.scratchLen = this.resumeScratch;
    const p = this.positions[k]!;
    this.lookedFrom = this.resumeMode === 0 ? p : this.resumeScan - this.base;
    return this.fields(buf, p, end, final, k, pos, lineAtStart);
  }

  /**
   * Remember how to go on with the row begun at `pos` when more input comes: field `k` is open,
   * and `fieldLine` and `fieldScratch` are the line count and scratch bytes before it.
   */
  private suspend(pos: number, k: number, mode: number, scan: number, lineAtStart: number, fieldLine: number, fieldScratch: number): number {
    this.resumeAt = this.base + pos;
    this.resumeBase = this.base;
    this.resumeLine = fieldLine;
    this.resumeScratch = fieldScratch;
    this.resumeMode = mode;
    this.resumeScan = this.base + scan;
    this.openField = k;
    this.line = lineAtStart;
    return INCOMPLETE;
  }

  /** The fields of a row from field `k` on, field `k` starting at `p` (the row asked at `pos`). */
  private fields(buf: Uint8Array, p: number, end: number, final: boolean, k: number, pos: number, lineAtStart: number): number {
    const d = this.d;
    const special = this.special;
    const resumeField = this.resumeAt >= 0 ? k : -1;
    const resumeMode = this.resumeMode;
    this.resumeAt = -1;
    const delimiter = d.delimiter;
    const quote = d.quote;
    const maxSpecial = this.maxSpecial;
    const maxField = this.maxFieldBytes;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let positions = this.positions;
    for (;;) {
      if (k === starts.length) {
        this.growFields();
        starts = this.starts;
        ends = this.ends;
        flags = this.flags;
        positions = this.positions;
      }
      positions[k] = p;
      // The lines and scratch bytes before this field, to scan it again from its start.
      const fieldLine = this.line;
      const fieldScratch = this.scratchLen;
      let c = p < end ? buf[p]! : -1;
      if (c === quote && quote >= 0) {
        // Quoted field.
        const q = this.quotedField(buf, p, end, final, k, k === resumeField && resumeMode >= 2);
        if (q === INCOMPLETE) return this.suspend(pos, k, this.qMode, this.qScan, lineAtStart, fieldLine, fieldScratch);
        p = q;
        c = p < end ? buf[p]! : -1;
        if (c !== -1 && c !== delimiter && c !== LF && c !== CR) {
          throw this.error('text after a closing quote', buf, p, k);
        }
        if (p - positions[k]! > maxField) throw this.fieldTooLong(buf, positions[k]!, p - positions[k]!, k, false);
      } else {
        const s = p;
        // Bytes an earlier call scanned hold no special byte.
        if (k === resumeField && resumeMode === 1) p = Math.max(p, this.resumeScan - this.base);
        // Readable form: while (p < end && special[buf[p]] === 0) p++;
        while (p < end) {
          const b = buf[p]!;
          if (b > maxSpecial || special[b] === 0) p++;
          else break;
        }
        c = p < end ? buf[p]! : -1;
        if (c === quote && quote >= 0) {
          throw this.error('a quote inside an unquoted field (quote the field and double the quote)', buf, s, k);
        }
        starts[k] = s;
        ends[k] = p;
        flags[k] = 0;
        if (p - s > maxField) throw this.fieldTooLong(buf, s, p - s, k, p === end && !final);
      }
      k++;
      if (c === delimiter) {
        p++;
        continue;
      }
      if (c === LF) {
        this.count = k;
        this.line++;
        return p + 1;
      }
      if (c === CR) {
        if (p + 1 === end && !final) return this.suspend(pos, k - 1, 0, 0, lineAtStart, fieldLine, fieldScratch);
        this.count = k;
        this.line++;
        return p + 1 < end && buf[p + 1] === LF ? p + 2 : p + 1;
      }
      // End of the buffer.
      if (!final) {
        // After a delimiter the next field has not begun: scan it again from its start (0 bytes).
        const quoted = (flags[k - 1]! & QUOTED) !== 0;
        return this.suspend(pos, k - 1, quoted ? 0 : 1, p, lineAtStart, fieldLine, fieldScratch);
      }
      this.count = k;
      return end;
    }
  }

  /** Scan the quoted field opening at `p`; records field `k`; returns the position after the closing quote. */
  private quotedField(buf: Uint8Array, p0: number, end: number, final: boolean, k: number, resuming: boolean): number {
    const d = this.d;
    const quote = d.quote;
    const escape = d.escape;
    let p = p0 + 1;
    const s = p;
    let newlines = 0;
    let slow = false;
    if (resuming) {
      p = this.resumeScan - this.base;
      newlines = this.resumeNewlines;
      slow = this.resumeMode === 3;
    }
    // Fast scan: no escapes yet.
    while (!slow && p < end) {
      const c = buf[p]!;
      if (c === quote) {
        if (escape === quote && p + 1 < end && buf[p + 1] === quote) break; // "" inside: slow path
        if (escape === quote && p + 1 === end && !final) return this.quotedIncomplete(buf, p, newlines, 2, 0); // can't tell yet
        this.starts[k] = s;
        this.ends[k] = p;
        this.flags[k] = 1;
        this.line += newlines;
        return p + 1;
      }
      if (c === escape) break;
      if (c === LF) newlines++;
      else if (c === CR && buf[p + 1] !== LF) newlines++;
      p++;
    }
    if (!slow && p >= end) {
      if (!final) return this.quotedIncomplete(buf, p, newlines, 2, 0);
      this.line += newlines;
      throw this.unterminated(buf, p0, k);
    }
    // Slow path: copy into scratch, removing escapes.
    const outStart = this.scratchLen;
    let o: number;
    if (slow) {
      o = this.resumeOut;
      this.ensureScratch(o + (end - p), o);
    } else {
      this.ensureScratch(outStart + (end - s));
      o = outStart;
    }
    const out = this.scratch;
    if (!slow) for (let i = s; i < p; i++) out[o++] = buf[i]!;
    while (p < end) {
      const c = buf[p]!;
      if (c === escape && escape !== quote) {
        if (p + 1 === end) break;
        const n = buf[p + 1]!;
        if (n === LF || (n === CR && buf[p + 2] !== LF)) newlines++;
        out[o++] = n;
        p += 2;
        continue;
      }
      if (c === quote) {
        if (escape === quote && p + 1 < end && buf[p + 1] === quote) {
          out[o++] = quote;
          p += 2;
          continue;
        }
        if (escape === quote && p + 1 === end && !final) return this.quotedIncomplete(buf, p, newlines, 3, o);
        this.starts[k] = outStart;
        this.ends[k] = o;
        this.flags[k] = QUOTED | IN_SCRATCH;
        this.scratchLen = o;
        this.line += newlines;
        return p + 1;
      }
      if (c === LF) newlines++;
      else if (c === CR && buf[p + 1] !== LF) newlines++;
      out[o++] = c;
      p++;
    }
    if (!final) return this.quotedIncomplete(buf, p, newlines, 3, o);
    this.line += newlines;
    throw this.unterminated(buf, p0, k);
  }

  /** How the last `quotedField` that returned INCOMPLETE goes on: its path (2 fast, 3 slow) and position. */
  private qMode = 0;
  private qScan = 0;

  /**
   * Note where a quoted field stopped for want of input, and return INCOMPLETE. A CR just before
   * the end is scanned again (whether an LF follows decides the line count).
   */
  private quotedIncomplete(buf: Uint8Array, p: number, newlines: number, mode: number, o: number): number {
    if (p > 0 && buf[p - 1] === CR) {
      p--;
      newlines--;
      if (mode === 3) o--;
    }
    this.qMode = mode;
    this.qScan = p;
    this.resumeNewlines = newlines;
    this.resumeOut = o;
    return INCOMPLETE;
  }

  /** The error for field `k`, starting at `p`, being `n` bytes long (or more, when `partial`: not all read). */
  fieldTooLong(buf: Uint8Array, p: number, n: number, k: number, partial: boolean): CsvParseError {
    const more = partial ? ' or more' : '';
    return this.error(
      `field of ${n.toLocaleString('en-US')} bytes${more} is longer than maxFieldBytes (${this.maxFieldBytes.toLocaleString('en-US')}); pass a larger maxFieldBytes to read it`,
      buf,
      p,
      k,
    );
  }

  /** The error for the row starting at `p`, being `n` bytes long (or more, when `partial`: not all read). */
  rowTooLong(buf: Uint8Array, p: number, n: number, partial = false): CsvParseError {
    return new CsvParseError(
      `row of ${n.toLocaleString('en-US')} bytes${partial ? ' or more' : ''} is longer than maxRowBytes (${this.maxRowBytes.toLocaleString('en-US')}); pass a larger maxRowBytes to read it`,
      this.rowLine,
      this.base + p,
      undefined,
      snippet(buf, p),
    );
  }

  private unterminated(buf: Uint8Array, p0: number, k: number): CsvParseError {
    return this.error('unterminated quoted field', buf, p0, k);
  }

  /** Make `scratch` hold at least `n` bytes, keeping its first `keep`. */
  private ensureScratch(n: number, keep = this.scratchLen): void {
    if (n <= this.scratch.length) return;
    let cap = this.scratch.length;
    while (cap < n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.scratch.subarray(0, keep));
    this.scratch = next;
  }

  /** Make room for at least `n` fields. */
  ensureFields(n: number): void {
    while (this.starts.length < n) this.growFields();
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(a: T, ctor: new (n: number) => T): T => {
      const b = new ctor(n);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, Int32Array);
    this.ends = grow(this.ends, Int32Array);
    this.positions = grow(this.positions, Int32Array);
    this.flags = grow(this.flags, Uint8Array);
  }

  /** A CsvParseError at byte `p` of `buf`, in field `k` of the current row. */
  error(reason: string, buf: Uint8Array, p: number, k: number): CsvParseError {
    return new CsvParseError(reason, this.rowLine, this.base + p, this.names[k] ?? (k >= 0 ? `column_${k + 1}` : undefined), snippet(buf, p));
  }
}

/** A short, printable excerpt of the bytes from `p` on (newlines shown as ↵). */
export function snippet(buf: Uint8Array, p: number, width = 40): string {
  const s = Math.max(0, Math.min(p, buf.length));
  const e = Math.min(buf.length, s + width);
  let text = decodeUtf8(buf, s, e).replace(/\r\n|\n|\r/g, '↵').replace(/\t/g, '→');
  if (e < buf.length) text += '…';
  return text;
}
