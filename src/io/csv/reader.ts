/**
 * The CSV reader: chunks of bytes → tokenizer → column sinks → frames. One pass over the input,
 * bounded memory (the current chunk, the rows of the sample, and the columns being built).
 */
import { ColumnNotFoundError, CsvParseError, InvalidArgumentError, SchemaError } from '../../errors.js';
import { dtypeOfKind, withInt64Repr, type AnyDType } from '../../dtype/dtype.js';
import { Schema } from '../../dtype/schema.js';
import type { Column } from '../../column/column.js';
import { decodeUtf8 } from '../../column/access.js';
import type { DataFrame } from '../../frame/dataframe.js';
import type { CsvReadInfo, CsvReadOptions } from './options.js';
import { readAtLeast, type OpenedSource } from './source.js';
import { IN_SCRATCH, INCOMPLETE, Tokenizer, snippet, type Dialect } from './tokenizer.js';
import { ColumnSample } from './infer.js';
import { makeNullTest, type NullTest } from './dispatch.js';
import { RestartAsText } from './restart.js';
import { TokenTally, type NullTokenHint } from './null-tokens.js';
import { BatchBuilder, ReadReport } from './batch.js';

export { RestartAsText };

const EMPTY = new Uint8Array(0);
const PROGRESS_EVERY = 1 << 20;
/** Default `maxFieldBytes`: 256 MiB. */
export const DEFAULT_MAX_FIELD_BYTES = 256 * 2 ** 20;
/** Default `maxRowBytes`: 512 MiB. */
export const DEFAULT_MAX_ROW_BYTES = 512 * 2 ** 20;

/** How the reader runs: one frame with widening, or fixed-schema batches. */
export interface ReadMode {
  readonly batchSize: number;
  /** Whether inferred columns may widen after the sample (readCSV) or not (scanCSV). */
  readonly widen: boolean;
  /** Columns forced to utf8 by an earlier attempt. */
  readonly forcedText: ReadonlySet<string>;
}

/** What the header and the sample decided: the columns to build and their dtypes. */
export interface ReadPlan {
  /** Every header name (made unique). */
  readonly names: readonly string[];
  /** For each output column, its field index in a row. */
  readonly fields: readonly number[];
  /** For each output column, its dtype. */
  readonly dtypes: readonly AnyDType[];
  /** For each output column, whether its dtype was inferred (may widen / adapt). */
  readonly inferred: readonly boolean[];
  /** Expected rows, to size buffers. */
  readonly capacity: number;
  /** For each output column, expected bytes per value (to size string buffers). */
  readonly perValue: readonly number[];
}

function oneByte(name: string, value: string | null | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === null) return -1;
  if (typeof value !== 'string' || value.length !== 1 || value.charCodeAt(0) > 0x7f) {
    throw new InvalidArgumentError(`${name} must be a single ASCII character, got ${JSON.stringify(value)}`, value);
  }
  return value.charCodeAt(0);
}

/** The dialect from the options. @throws InvalidArgumentError */
export function dialectOf(o: CsvReadOptions): Dialect {
  const delimiter = oneByte('delimiter', o.delimiter, 44);
  const quote = oneByte('quote', o.quote, 34);
  const escape = oneByte('escape', o.escape, quote);
  const comment = oneByte('comment', o.comment, -1);
  if (delimiter === -1) throw new InvalidArgumentError('delimiter cannot be null', null);
  if (delimiter === 10 || delimiter === 13 || delimiter === quote) {
    throw new InvalidArgumentError(`delimiter ${JSON.stringify(o.delimiter)} cannot be a line end or the quote`, o.delimiter);
  }
  if (comment !== -1) {
    // A comment character that is also the delimiter, quote or escape would drop data rows.
    const clash = comment === delimiter ? 'delimiter' : comment === quote ? 'quote' : comment === escape ? 'escape' : undefined;
    if (clash !== undefined) {
      throw new InvalidArgumentError(
        `comment ${JSON.stringify(o.comment)} cannot be the same character as ${clash} ${JSON.stringify(String.fromCharCode(comment))}: lines starting with it would be dropped as comments`,
        o.comment,
      );
    }
  }
  return { delimiter, quote, escape, comment };
}

/** Reads one source; `batches()` yields frames. */
export class CsvReader {
  private readonly tok: Tokenizer;
  private it: AsyncIterator<Uint8Array> | undefined;
  private buf: Uint8Array = EMPTY;
  private pos = 0;
  private final = false;
  /** Input offset of `buf[0]`. */
  private base = 0;
  private bytesRead = 0;
  private lastProgress = 0;
  private rowsRead = 0;
  private readonly nullTest: NullTest | null;
  /** Whether the common null tokens read as null (`nullValues: 'common'`). */
  private readonly commonNulls: boolean;
  /** Per output column: a tally of its common null tokens, for columns that may need the hint. */
  private tallies: (TokenTally | undefined)[] = [];
  /** Bad rows, nulled values and widened columns, as the batches report them. */
  private readonly report = new ReadReport();
  private readonly renamed: { from: string; to: string }[] = [];
  names: string[] = [];
  /** Rows the dtypes were inferred from (for messages). */
  private inferLimit = 0;
  /** The field index of each output column (set by `prepare`). */
  private planFields: readonly number[] = [];
  /** Rows and bytes of the sample, and each sampled column's field bytes (to size the sinks). */
  private sampleRows = 0;
  private sampleBytes = 0;
  private sampleFieldBytes: number[] = [];

  constructor(
    private readonly src: OpenedSource,
    private readonly o: CsvReadOptions,
    private readonly mode: ReadMode,
    /** Input offset of the source's first byte (a parallel read's share starts mid-file). */
    private readonly origin = 0,
  ) {
    this.tok = new Tokenizer(dialectOf(o));
    this.tok.maxFieldBytes = o.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
    this.tok.maxRowBytes = o.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
    this.nullTest = makeNullTest(o.nullValues ?? []);
    this.commonNulls = o.nullValues === 'common';
  }

  /** The input byte offset of `buf[p]` (a stripped BOM counts: it is in the input). */
  private offset(p: number): number {
    return this.origin + this.base + p + this.src.bom.bytes;
  }

  /**
   * Append more input, keeping bytes from `keepFrom` on; false at the end of input. Reads at least
   * one chunk, and as many as the kept bytes, so a long sample or row is copied a logarithmic
   * number of times rather than once per chunk.
   */
  private async fill(keepFrom: number): Promise<boolean> {
    this.it ??= this.src.chunks()[Symbol.asyncIterator]();
    const keep = this.buf.length - keepFrom;
    const it = this.it;
    // The row being read starts at `pos`: past a limit it is an error; below it, read no further
    // than one byte past the limit, so memory stays bounded whatever the input.
    const rowBytes = this.buf.length - this.pos;
    const room = this.checkPartialRow(rowBytes);
    const { parts, got, done } = await readAtLeast(() => it.next(), Math.max(keep - rowBytes, Math.min(keep, room)));
    if (done) this.final = true;
    if (parts.length === 0) return false;
    this.bytesRead += got;
    if (keep === 0 && parts.length === 1) {
      this.base += this.buf.length;
      this.buf = parts[0]!;
    } else {
      // One copy of the kept bytes and the new chunks (every byte is written: no need to zero it).
      const joined = Buffer.allocUnsafe(keep + got);
      joined.set(this.buf.subarray(keepFrom));
      let at = keep;
      for (const part of parts) {
        joined.set(part, at);
        at += part.length;
      }
      this.base += keepFrom;
      this.buf = joined;
    }
    this.pos -= keepFrom;
    this.tok.base = this.offset(0);
    this.progress(false);
    return true;
  }

  /**
   * Check the incomplete row at `pos` (`rowBytes` long so far) against `maxRowBytes` and, for
   * the field being read, `maxFieldBytes`; returns the bytes it may still grow by before one of
   * them is passed.
   * @throws CsvParseError naming the row's line and byte offset, the limit and the option.
   */
  private checkPartialRow(rowBytes: number): number {
    const t = this.tok;
    let room = t.maxRowBytes + 1 - rowBytes;
    if (t.openField >= 0) {
      const at = t.positions[t.openField]!;
      const fieldBytes = this.buf.length - at;
      if (fieldBytes > t.maxFieldBytes) throw t.fieldTooLong(this.buf, at, fieldBytes, t.openField, true);
      room = Math.min(room, t.maxFieldBytes + 1 - fieldBytes);
    }
    if (rowBytes > t.maxRowBytes) {
      if (t.openField < 0) t.rowLine = t.line;
      throw t.rowTooLong(this.buf, this.pos, rowBytes, true);
    }
    return Math.max(room, 1);
  }

  private progress(end: boolean): void {
    const cb = this.o.onProgress;
    if (cb === undefined) return;
    if (!end && this.bytesRead - this.lastProgress < PROGRESS_EVERY) return;
    this.lastProgress = this.bytesRead;
    cb({ bytesRead: this.bytesRead, totalBytes: this.src.totalBytes, rows: this.rowsRead });
  }

  /** Tokenize the next row (fetching chunks as needed); false at the end of input. */
  private async nextRow(): Promise<boolean> {
    for (;;) {
      const r = this.tok.nextRow(this.buf, this.pos, this.buf.length, this.final);
      if (r !== INCOMPLETE) {
        this.pos = r;
        return this.tok.count > 0;
      }
      await this.fill(this.pos);
    }
  }

  /** Field `f` of the current row as a string (fatal on invalid UTF-8). */
  private fieldText(f: number): string {
    const t = this.tok;
    const b = (t.flags[f]! & IN_SCRATCH) !== 0 ? t.scratch : this.buf;
    const s = t.starts[f]!;
    const e = t.ends[f]!;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(s, e));
    } catch {
      const at = t.positions[f]!;
      throw new CsvParseError('invalid UTF-8', t.rowLine, this.offset(at), this.names[f], snippet(this.buf, at));
    }
  }

  /** Skip `skipRows` lines, then read the header (or peek at the first row for its width). */
  private async header(): Promise<void> {
    const skip = this.o.skipRows ?? 0;
    if (!Number.isInteger(skip) || skip < 0) throw new InvalidArgumentError(`skipRows must be a non-negative integer, got ${String(skip)}`, skip);
    for (let i = 0; i < skip; i++) {
      for (;;) {
        const r = this.tok.skipLine(this.buf, this.pos, this.buf.length, this.final);
        if (r !== INCOMPLETE) {
          this.pos = r;
          break;
        }
        await this.fill(this.pos);
      }
    }
    const h = this.o.header ?? true;
    const schemaNames = this.o.schema === undefined ? undefined : Schema.from(this.o.schema).names;
    if (Array.isArray(h)) {
      this.names = this.unique(h.map(String));
      return;
    }
    if (h === true) {
      if (!(await this.nextRow())) {
        this.names = schemaNames ? [...schemaNames] : [];
        return;
      }
      const raw: string[] = [];
      for (let f = 0; f < this.tok.count; f++) raw.push(this.fieldText(f));
      this.names = this.unique(raw.map((n, i) => (n === '' ? `column_${i + 1}` : n)));
      return;
    }
    if (schemaNames) {
      this.names = [...schemaNames];
      return;
    }
    // No header: peek at the first row for its width, then read it again as data.
    const pos = this.pos;
    const line = this.tok.line;
    const base = this.base;
    const has = await this.nextRow();
    const n = has ? this.tok.count : 0;
    this.pos = pos - (this.base - base);
    this.tok.line = line;
    this.names = Array.from({ length: n }, (_, i) => `column_${i + 1}`);
  }

  /** Names made unique: a repeated `a` becomes `a_1`, `a_2` … (reported in the read info). */
  private unique(names: readonly string[]): string[] {
    const seen = new Set(names);
    const used = new Set<string>();
    return names.map((n) => {
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
      let k = 1;
      while (seen.has(`${n}_${k}`) || used.has(`${n}_${k}`)) k++;
      const m = `${n}_${k}`;
      used.add(m);
      this.renamed.push({ from: n, to: m });
      return m;
    });
  }

  /** The selected columns (field index per output column) and their declared dtypes. */
  private plan(): { fields: number[]; declared: (AnyDType | undefined)[] } {
    const index = new Map(this.names.map((n, i) => [n, i]));
    const want = this.o.columns ?? this.names;
    const fields = want.map((n) => {
      const i = index.get(n);
      if (i === undefined) throw new ColumnNotFoundError(n, this.names);
      return i;
    });
    if (new Set(fields).size !== fields.length) throw new InvalidArgumentError('columns names a column twice', this.o.columns);
    const declared: (AnyDType | undefined)[] = fields.map(() => undefined);
    const wanted = new Set(want);
    if (this.o.schema !== undefined) {
      const s = Schema.from(this.o.schema);
      const missing = [...wanted].filter((n) => !s.has(n));
      const extra = s.names.filter((n) => !index.has(n));
      if (missing.length > 0 || extra.length > 0) {
        const parts = [];
        if (extra.length > 0) parts.push(`not in the file: ${extra.join(', ')}`);
        if (missing.length > 0) parts.push(`in the file but not in the schema: ${missing.join(', ')}`);
        throw new SchemaError(`The schema and the CSV header disagree (${parts.join('; ')}); use dtypes to set only some columns`);
      }
      want.forEach((n, k) => (declared[k] = s.get(n)));
    }
    for (const [n, d] of Object.entries(this.o.dtypes ?? {})) {
      if (!index.has(n)) throw new ColumnNotFoundError(n, this.names);
      const k = want.indexOf(n);
      if (k >= 0) declared[k] = d;
    }
    return { fields, declared };
  }

  /** Infer dtypes from up to `inferSchemaLength` rows, then rewind to read them again. */
  private async infer(fields: number[], declared: (AnyDType | undefined)[]): Promise<AnyDType[]> {
    const need = fields.map((_, k) => declared[k] === undefined);
    this.tallies = fields.map((f) => (this.mode.forcedText.has(this.names[f]!) && !this.commonNulls ? new TokenTally() : undefined));
    if (!need.some(Boolean)) return declared as AnyDType[];
    // Both readers then widen a column when a later value needs it: readCSV anywhere, a scan
    // while it reads its first batch (see `widen` in `rows`).
    const limit = this.o.inferSchemaLength ?? 1000;
    this.inferLimit = limit;
    if (!(limit >= 0)) throw new InvalidArgumentError(`inferSchemaLength must be ≥ 0, got ${String(limit)}`, limit);
    const samples = fields.map(() => new ColumnSample(this.commonNulls));
    const startPos = this.pos;
    const startBase = this.base;
    const startLine = this.tok.line;
    const trackDistinct = !this.mode.widen;
    const t = this.tok;
    let rows = 0;
    const fieldBytes = fields.map(() => 0);
    while (rows < limit) {
      const r = t.nextRow(this.buf, this.pos, this.buf.length, this.final);
      if (r === INCOMPLETE) {
        // Keep every byte from the sample's start: the rows are read again below.
        await this.fill(startPos - (this.base - startBase));
        continue;
      }
      if (t.count === 0) break;
      this.pos = r;
      rows++;
      for (let k = 0; k < fields.length; k++) {
        if (!need[k]) continue;
        const f = fields[k]!;
        if (f >= t.count) continue;
        const inScratch = (t.flags[f]! & IN_SCRATCH) !== 0;
        const b = inScratch ? t.scratch : this.buf;
        const s = t.starts[f]!;
        const e = t.ends[f]!;
        const quoted = (t.flags[f]! & 1) !== 0;
        fieldBytes[k] += e - s;
        if (!quoted && (s === e || (this.nullTest !== null && this.nullTest(b, s, e)))) continue;
        samples[k]!.add(b, s, e, trackDistinct, () => decodeUtf8(b, s, e));
      }
    }
    this.sampleRows = rows;
    // Text columns that held common null tokens (or were read as text after a number column met
    // one later) get their tokens counted, to tell whether they are numbers but for them.
    this.tallies = fields.map((f, k) =>
      (samples[k]!.tokens > 0 || this.mode.forcedText.has(this.names[f]!)) && !this.commonNulls ? new TokenTally() : undefined,
    );
    this.sampleBytes = this.pos - (startPos - (this.base - startBase));
    this.sampleFieldBytes = fieldBytes;
    this.pos = startPos - (this.base - startBase);
    t.line = startLine;
    return fields.map((f, k) => {
      // A column an earlier attempt found text in is text (categorical or utf8 as its values say).
      const forced = this.mode.forcedText.has(this.names[f]!) ? dtypeOfKind('categorical', true) : undefined;
      const d = declared[k] ?? forced ?? samples[k]!.dtype(this.mode.widen ? 'adaptive' : 'by-sample');
      return this.o.int64 === undefined ? d : withInt64Repr(d, this.o.int64);
    });
  }

  /** Read the input, yielding a frame per batch (one frame when `batchSize` is Infinity). */
  async *batches(): AsyncGenerator<DataFrame> {
    try {
      yield* this.read();
    } finally {
      // Release the source (close the file) however the read ends: done, stopped early, or failed.
      await this.it?.return?.();
    }
  }

  private async *read(): AsyncGenerator<DataFrame> {
    yield* this.rows(await this.prepare());
  }

  /** Read the header and the sample: which columns, and their dtypes. */
  async prepare(): Promise<ReadPlan> {
    await this.header();
    const { fields, declared } = this.plan();
    this.planFields = fields;
    this.tok.names = this.names;
    // In a one-column file a blank line is a null value, not a line to skip.
    this.tok.blankLinesAreRows = this.names.length === 1;
    const dtypes = await this.infer(fields, declared);
    const batchSize = this.mode.batchSize;
    return {
      names: this.names,
      fields,
      dtypes,
      inferred: declared.map((d) => d === undefined),
      capacity: Number.isFinite(batchSize) ? Math.min(batchSize, 1 << 16) : this.estimateRows(),
      // Bytes per value of each column in the sample, to size string buffers once.
      perValue: fields.map((_, k) => (this.sampleRows > 0 ? (this.sampleFieldBytes[k] ?? 0) / this.sampleRows : 16)),
    };
  }

  /** Bytes the tokenizer has looked at so far, counting those looked at again (for tests of linearity). */
  get scannedBytes(): number {
    return this.tok.scanned;
  }

  /** The input byte offset where the next row starts (after `prepare`, the first data row). */
  get nextRowOffset(): number {
    return this.offset(this.pos);
  }

  /** Physical line of the next row. */
  get nextRowLine(): number {
    return this.tok.line;
  }

  /**
   * Read rows with a plan, yielding a frame per batch. With `stopAt`, stop once the next row
   * would start at or after that input offset (`stoppedAt` then says where it did).
   */
  async *rows(plan: ReadPlan, stopAt = Infinity): AsyncGenerator<DataFrame> {
    this.names = [...plan.names];
    this.planFields = plan.fields;
    this.tok.names = this.names;
    this.tok.blankLinesAreRows = this.names.length === 1;
    const maxRows = this.o.maxRows ?? Infinity;
    const batchSize = this.mode.batchSize;
    const t = this.tok;
    const reader = this;
    const batch = new BatchBuilder(
      {
        tok: t,
        get buf() {
          return reader.buf;
        },
        offset: (p: number) => this.offset(p),
        get rowsRead() {
          return reader.rowsRead;
        },
        rereadable: this.src.rereadable,
        mode: this.mode,
        options: this.o,
        nullTest: this.nullTest,
        commonNulls: this.commonNulls,
        inferLimit: this.inferLimit,
        report: this.report,
      },
      plan,
    );
    // A whole read settles its text columns (a part of a parallel read leaves that to the join).
    const settle = this.finalizeStrings && this.mode.widen;
    const finishBatch = (): DataFrame => {
      const df = batch.finish(settle);
      if (this.finalizeStrings) this.tallyTokens(df.getColumns());
      return df;
    };
    let yielded = false;

    let done = this.rowsRead >= maxRows;
    while (!done) {
      // Synchronous inner loop over the complete rows in the buffer.
      for (;;) {
        const r = t.nextRow(this.buf, this.pos, this.buf.length, this.final);
        if (r === INCOMPLETE) break;
        this.pos = r;
        if (t.count === 0) {
          done = true;
          break;
        }
        if (!batch.takeRow()) continue;
        batch.rows++;
        this.rowsRead++;
        if (this.rowsRead >= maxRows || this.offset(this.pos) >= stopAt) {
          done = true;
          break;
        }
        if (batch.rows >= batchSize) {
          yield finishBatch();
          yielded = true;
        }
      }
      // With the whole input seen the tokenizer never stops short, so only an INCOMPLETE gets here.
      if (!done) await this.fill(this.pos);
    }
    this.stoppedAt = this.offset(this.pos);
    this.progress(true);
    if (batch.rows > 0 || !yielded) yield finishBatch();
    if (stopAt === Infinity) this.o.onReadInfo?.(this.info());
  }

  /** Release the source (close the file). */
  async close(): Promise<void> {
    await this.it?.return?.();
  }

  /** Where `rows` stopped: the input offset of the first row it did not read. */
  stoppedAt = 0;
  /**
   * Whether the last batch decides categorical vs utf8 for adaptive text columns. A part of a
   * parallel read leaves that to the join, which sees the whole column.
   */
  finalizeStrings = true;

  /** A guess at the row count from the input size and the sample's bytes per row (10% over). */
  private estimateRows(): number {
    const total = this.src.totalBytes;
    if (total === undefined || this.sampleRows === 0 || this.sampleBytes === 0) return 1024;
    const est = Math.ceil((total / (this.sampleBytes / this.sampleRows)) * 1.1) + 16;
    return Math.min(est, this.o.maxRows ?? Infinity, 1 << 28);
  }

  /** Count common null tokens in the finished text columns that may need the hint. */
  tallyTokens(cols: readonly Column[]): void {
    cols.forEach((c, k) => this.tallies[k]?.add(c));
  }

  /** What the read did. */
  info(): CsvReadInfo {
    const nullTokens: NullTokenHint[] = [];
    this.tallies.forEach((t, k) => {
      const hint = t?.hint(this.names[this.planFields[k]!]!);
      if (hint !== undefined) nullTokens.push(hint);
    });
    return {
      rows: this.rowsRead,
      bytes: this.bytesRead,
      badRows: this.report.badRows,
      badRowSamples: this.report.badSamples.slice(),
      nulledValues: this.report.nulled.slice(),
      widened: this.report.widened.slice(),
      renamedHeaders: this.renamed.slice(),
      nullTokens,
    };
  }
}
