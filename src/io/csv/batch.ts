/**
 * One batch of rows being read: the column sinks, and what happens to a row whose values do not
 * all fit — widening an inferred column, reading a field as null (`onBadRow: 'null'`), dropping
 * the row (`'skip'`) or failing (`'error'`) — with everything reported in the read info.
 */
import { CsvParseError } from '../../errors.js';
import { dtypeName, dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { decodeUtf8 } from '../../column/access.js';
import { FrameCore } from '../../core/frame-core.js';
import { DataFrame } from '../../frame/dataframe.js';
import type { CsvBadRow, CsvNulledValue, CsvReadOptions, CsvWidening } from './options.js';
import { IN_SCRATCH, snippet, type Tokenizer } from './tokenizer.js';
import { makeDispatch, type Dispatch, type NullTest } from './dispatch.js';
import { int64Safe, makeSink, reencode, reencodesExactly, widenedDtype } from './sink-factory.js';
import type { Sink } from './sinks.js';
import { DictSink, InvalidUtf8, Utf8Sink } from './string-sinks.js';
import { RestartAsText } from './restart.js';
import { isNanToken } from './null-tokens.js';
import { floatOutOfRange, parseFloatBytes, parsed } from './values.js';
import { settleText } from './categorize.js';
import type { ReadMode, ReadPlan } from './reader.js';

const MAX_BAD_ROW_SAMPLES = 20;

/** What a read reports besides its frames, filled as rows are read. */
export class ReadReport {
  badRows = 0;
  readonly badSamples: CsvBadRow[] = [];
  readonly nulled: CsvNulledValue[] = [];
  readonly widened: CsvWidening[] = [];
}

/** What a batch needs from its reader: the tokenizer on the current row, and the read's settings. */
export interface BatchContext {
  readonly tok: Tokenizer;
  /** The reader's current buffer (the current row's unscratched fields are in it). */
  readonly buf: Uint8Array;
  /** The input offset of `buf[p]`. */
  offset(p: number): number;
  /** Data rows read before the current one. */
  readonly rowsRead: number;
  /** Whether the input can be read again (so a column can restart as text). */
  readonly rereadable: boolean;
  readonly mode: ReadMode;
  readonly options: CsvReadOptions;
  readonly nullTest: NullTest | null;
  /** Whether the common null tokens read as null (`nullValues: 'common'`). */
  readonly commonNulls: boolean;
  /** Rows the dtypes were inferred from (for messages). */
  readonly inferLimit: number;
  readonly report: ReadReport;
}

/**
 * The sinks of the current batch. `takeRow` sends the tokenizer's current row to them; `finish`
 * hands back the batch as a frame and starts the next one with the same (maybe widened) dtypes.
 */
export class BatchBuilder {
  /** Rows in the current batch. */
  rows = 0;
  /** Whether a batch was handed out (a scan can no longer widen). */
  private yielded = false;
  private sinks: Sink[];
  private dispatch: Dispatch;
  /** A scan's column widened in its first batch keeps the wider dtype for every later batch. */
  private readonly dtypes: AnyDType[];
  private readonly names: readonly string[];
  private readonly fields: readonly number[];
  private readonly inferred: readonly boolean[];
  private readonly nFields: number;
  private readonly onBad: 'error' | 'skip' | 'null';
  /** The input offset of the row last counted as bad, so a row counts once. */
  private lastBadRow = -1;

  constructor(
    private readonly ctx: BatchContext,
    private readonly plan: ReadPlan,
  ) {
    this.fields = plan.fields;
    this.inferred = plan.inferred;
    this.dtypes = plan.dtypes.slice();
    this.names = plan.fields.map((f) => plan.names[f]!);
    this.nFields = plan.names.length;
    this.onBad = ctx.options.onBadRow ?? 'error';
    this.sinks = this.newSinks();
    this.dispatch = makeDispatch(this.sinks, this.fields, ctx.nullTest);
  }

  private newSinks(): Sink[] {
    const { inferred, capacity, perValue } = this.plan;
    const o = this.ctx.options;
    return this.dtypes.map((d, k) =>
      makeSink(d, inferred[k]! && (this.ctx.mode.widen || d.kind !== 'categorical'), o.allocator, capacity, Math.ceil(capacity * perValue[k]! * 1.05) + 64, this.names[k]),
    );
  }

  /**
   * The batch as a frame, and a fresh batch started. With `settle`, inferred text columns are
   * made categorical or utf8 by their final distinct values (a whole read's last batch).
   */
  finish(settle: boolean): DataFrame {
    const cols = this.sinks.map((s, k) => {
      if (settle && s.inferred && (s instanceof DictSink || s instanceof Utf8Sink)) {
        const { dtype, data } = settleText(s.dtype, s.finish(), this.ctx.options.allocator);
        return new Column(this.names[k]!, dtype, data);
      }
      return new Column(this.names[k]!, s.dtype, s.finish());
    });
    const df = DataFrame.fromCore(new FrameCore(cols, this.rows));
    this.yielded = true;
    this.rows = 0;
    this.sinks = this.newSinks();
    this.dispatch = makeDispatch(this.sinks, this.fields, this.ctx.nullTest);
    return df;
  }

  /** Field `f` of the current row as text for a message (invalid UTF-8 as U+FFFD, cut after `max`). */
  private fieldText(f: number, max: number): string {
    const t = this.ctx.tok;
    if (f >= t.count) return '';
    const text = decodeUtf8((t.flags[f]! & IN_SCRATCH) !== 0 ? t.scratch : this.ctx.buf, t.starts[f]!, t.ends[f]!);
    return text.length > max ? `${text.slice(0, max)}…` : text;
  }

  /** Record that field `f` (column `k`, or -1 for an extra field) of the current row was read as null. */
  private nulledValue(k: number, f: number, reason: string): void {
    const column = k >= 0 ? this.names[k] : undefined;
    this.ctx.report.nulled.push({ row: this.ctx.rowsRead, line: this.ctx.tok.rowLine, column, value: this.fieldText(f, 200), reason });
  }

  /** Read column `k` as null in the current row (making it nullable if need be). */
  private nullInto(k: number): void {
    const s = this.sinks[k]!;
    if (!s.appendNull()) {
      s.makeNullable();
      this.dtypes[k] = s.dtype;
      s.appendNull();
      this.dispatch = makeDispatch(this.sinks, this.fields, this.ctx.nullTest);
    }
  }

  /** A bad row: thrown (`'error'`), or counted once and sampled. */
  private bad(reason: string, k: number): void {
    const t = this.ctx.tok;
    if (this.onBad === 'error') {
      const f = k >= 0 ? this.fields[k]! : -1;
      // The field's place in the input (its bytes may be an unescaped copy in scratch).
      const at = f >= 0 && f < t.count ? t.positions[f]! : t.rowStart;
      throw new CsvParseError(reason, t.rowLine, this.ctx.offset(at), k >= 0 ? this.names[k] : undefined, snippet(this.ctx.buf, at));
    }
    // A row with several bad fields counts (and is sampled) once.
    const rowAt = this.ctx.offset(t.rowStart);
    if (this.lastBadRow === rowAt) return;
    this.lastBadRow = rowAt;
    const report = this.ctx.report;
    report.badRows++;
    if (report.badSamples.length < MAX_BAD_ROW_SAMPLES) report.badSamples.push({ line: t.rowLine, byte: rowAt, reason });
  }

  /**
   * Widen inferred column `k` so it takes the current field; false when it cannot. A scan widens
   * only in its first batch (nothing yielded yet) and only exactly (int32 → int64 → float64,
   * date → timestamp, integers and dates → text), since it cannot read the input again.
   */
  private widen(k: number): boolean {
    const { tok: t, mode, options: o } = this.ctx;
    const f = this.fields[k]!;
    const b = (t.flags[f]! & IN_SCRATCH) !== 0 ? t.scratch : this.ctx.buf;
    const s = t.starts[f]!;
    const e = t.ends[f]!;
    const name = this.names[k]!;
    const capacity = this.plan.capacity;
    const old = this.sinks[k]!;
    const scan = !mode.widen;
    if (scan && this.yielded) return false;
    let next: Sink | undefined;
    if (old instanceof DictSink) {
      if (scan) return false; // a scan's text columns take any text
      next = old.toUtf8();
    } else {
      const to = widenedDtype(old.dtype, b, s, e, () => int64Safe(old));
      if (to !== undefined) next = reencode(old, makeSink(to, true, o.allocator, capacity, 0), name);
      if (next === undefined) {
        if (scan && !reencodesExactly(old.dtype)) return false;
        if (this.ctx.rereadable && !scan) throw new RestartAsText(name);
        next = reencode(old, new Utf8Sink(dtypeOfKind('utf8', true), { inferred: true, capacity, ...(o.allocator ? { allocator: o.allocator } : {}) }), name)!;
      }
      this.ctx.report.widened.push({
        column: name,
        from: dtypeName(old.dtype),
        to: dtypeName(next.dtype),
        line: t.rowLine,
        exact: next.dtype.kind !== 'utf8' || reencodesExactly(old.dtype),
      });
    }
    if (!next.append(b, s, e)) return false;
    this.sinks[k] = next;
    this.dtypes[k] = next.dtype;
    this.dispatch = makeDispatch(this.sinks, this.fields, this.ctx.nullTest);
    return true;
  }

  /** Why a value does not fit inferred column `k`, and the option that fixes it. */
  private inferredMisfit(k: number): string {
    const t = this.ctx.tok;
    const f = this.fields[k]!;
    const sink = this.sinks[k]!;
    const wider = widenedDtype(sink.dtype, (t.flags[f]! & IN_SCRATCH) !== 0 ? t.scratch : this.ctx.buf, t.starts[f]!, t.ends[f]!, () => int64Safe(sink));
    const fix = `pass { dtypes: { ${JSON.stringify(this.names[k])}: ${wider === undefined ? 'utf8' : wider.kind}() } } or a larger inferSchemaLength`;
    if (this.ctx.mode.widen) return ` (inferred from the first rows; ${fix})`;
    const row = this.ctx.rowsRead.toLocaleString('en-US');
    return ` in row ${row} (scanCSV fixed the dtypes from the first ${this.ctx.inferLimit.toLocaleString('en-US')} rows and has yielded batches of them; ${fix})`;
  }

  /** Whether column `k`'s field in the current row is an unquoted `NaN` / `nan`. */
  private nanField(k: number): boolean {
    const t = this.ctx.tok;
    const f = this.fields[k]!;
    if ((t.flags[f]! & 1) !== 0) return false;
    return isNanToken((t.flags[f]! & IN_SCRATCH) !== 0 ? t.scratch : this.ctx.buf, t.starts[f]!, t.ends[f]!);
  }

  /** Whether column `k` is a float column and its field in the current row a number beyond its range. */
  private beyondFloatRange(k: number): boolean {
    const kind = this.sinks[k]!.dtype.kind;
    if (kind !== 'float64' && kind !== 'float32') return false;
    const t = this.ctx.tok;
    const f = this.fields[k]!;
    const b = (t.flags[f]! & IN_SCRATCH) !== 0 ? t.scratch : this.ctx.buf;
    const v = parseFloatBytes(b, t.starts[f]!, t.ends[f]!);
    return parsed.ok && floatOutOfRange(v, b, t.starts[f]!, t.ends[f]!, kind === 'float32');
  }

  /** Send the tokenizer's current row to the sinks; false when the row was dropped. */
  takeRow(): boolean {
    const t = this.ctx.tok;
    const nFields = this.nFields;
    const rowStart = this.rows;
    let count = t.count;
    /** Fields from here on were missing from a short row (already reported). */
    let missingFrom = Infinity;
    if (count !== nFields) {
      const reason = `expected ${nFields} field${nFields === 1 ? '' : 's'}, found ${count}`;
      this.bad(reason, -1);
      if (this.onBad === 'skip') return false;
      // 'null': missing fields read as nulls, extra fields are dropped (each one reported).
      for (let f = nFields; f < count; f++) this.nulledValue(-1, f, `extra field ${f + 1} dropped (${reason})`);
      for (let k = 0; k < this.fields.length; k++) if (this.fields[k]! >= count) this.nulledValue(k, this.fields[k]!, `missing field (${reason})`);
      missingFrom = count;
      t.ensureFields(nFields);
      for (let f = count; f < nFields; f++) {
        t.starts[f] = 0;
        t.ends[f] = 0;
        t.flags[f] = 0;
      }
      count = nFields;
    }
    const sinks = this.sinks;
    let from = 0;
    for (;;) {
      let r: number;
      try {
        r = this.dispatch(this.ctx.buf, t.scratch, t.starts, t.ends, t.flags, from);
      } catch (err) {
        if (!(err instanceof InvalidUtf8)) throw err;
        // The sink that threw is the first without this row's value (the dispatch goes in order).
        const k = sinks.findIndex((s) => s.length === rowStart);
        this.bad('invalid UTF-8', k);
        if (this.onBad === 'skip') {
          for (const s of sinks) s.truncate(rowStart);
          return false;
        }
        // 'null': only this field is null; the row's other fields are kept.
        this.nulledValue(k, this.fields[k]!, 'invalid UTF-8');
        this.nullInto(k);
        from = k + 1;
        continue;
      }
      if (r === -1) return true;
      const n = sinks.length;
      const k = r < n ? r : r - n;
      if (r < n && this.ctx.commonNulls && this.nanField(k) && sinks[k]!.appendNull()) {
        // nullValues 'common': NaN is null where the dtype does not take it.
        from = k + 1;
        continue;
      }
      if (r < n && this.inferred[k] && this.widen(k)) {
        from = k + 1;
        continue;
      }
      const f = this.fields[k]!;
      if (r >= n && f >= missingFrom) {
        // A missing field of a short row in a column that is not nullable: reported above.
        this.nullInto(k);
        from = k + 1;
        continue;
      }
      const dt = dtypeName(sinks[k]!.dtype);
      const range = r < n && this.beyondFloatRange(k) ? ' (beyond its range)' : '';
      const reason =
        r < n
          ? `${JSON.stringify(this.fieldText(f, 40))} does not fit ${dt}${range}${this.inferred[k] ? this.inferredMisfit(k) : ''}`
          : `null in a column that is not nullable (${dt})`;
      this.bad(reason, k);
      if (this.onBad === 'skip') {
        for (const s of sinks) s.truncate(rowStart);
        return false;
      }
      // 'null': this field is null (its column made nullable if need be); the others are kept.
      this.nulledValue(k, f, reason);
      this.nullInto(k);
      from = k + 1;
    }
  }
}
