/**
 * The column sinks of a JSON read for nested values: {@link NestedSink} reads them into a
 * declared list, struct or map dtype as they come; {@link NestedTextSink} keeps the JSON text of
 * an inferred column's values and, at the end, infers their dtype from every value and builds
 * the column (so no value read before a wider one has to be read again).
 */
import type { Data } from 'apache-arrow';
import { withNullable, type AnyDType, type Int64Repr } from '../../dtype/dtype.js';
import type { Sink, SinkOptions } from '../csv/sinks.js';
import { Utf8Sink } from '../csv/string-sinks.js';
import { Scanner } from './scan.js';
import { Misfit, makeValueBuilder, type BuildOptions, type ValueBuilder } from './nested-build.js';
import { Shape, dtypeOfShape } from './nested-shape.js';

/** A declared nested column: each value (its JSON text) read into the dtype's builders. */
export class NestedSink implements Sink {
  readonly inferred = false;
  private readonly builder: ValueBuilder;
  private readonly sc = new Scanner();
  /** Why the last value did not fit (with its place inside the value), for the error. */
  misfit = '';

  constructor(
    readonly dtype: AnyDType,
    o: BuildOptions,
  ) {
    this.builder = makeValueBuilder(dtype, o);
  }

  get length(): number {
    return this.builder.length;
  }

  append(b: Uint8Array, s: number, e: number): boolean {
    this.sc.reset(b, e, true);
    try {
      this.builder.put(this.sc, s);
      return true;
    } catch (err) {
      if (!(err instanceof Misfit)) throw err;
      this.misfit = err.describe();
      return false;
    }
  }

  appendNull(): boolean {
    try {
      this.builder.putNull();
      return true;
    } catch (err) {
      if (!(err instanceof Misfit)) throw err;
      return false;
    }
  }

  makeNullable(): void {
    // JSON reads stop at a value that does not fit: never called.
  }

  truncate(n: number): void {
    this.builder.truncate(n);
  }

  finish(): Data {
    return this.builder.finish();
  }
}

/**
 * An inferred column whose values so far are arrays or objects: their JSON text, as a text
 * column would hold it, and the shape of every value (inferred as each one is read, so a key
 * repeated in an object is reported where it is). `build` reads the text into the dtype the
 * shapes give; a column that also held values of other JSON types (`markOther`) stays text.
 */
export class NestedTextSink extends Utf8Sink {
  /** Rows holding a value that is not an array or object (or nested too deep to infer). */
  private readonly otherRows: number[] = [];
  private readonly shape = new Shape();
  private readonly sc = new Scanner();

  constructor(
    opts: SinkOptions,
    dtype: AnyDType,
    private readonly duplicateKeys: 'error' | 'last',
  ) {
    super(dtype, opts);
  }

  /**
   * Append a value: an array or object (`nested`, its shape taken) or any other value (text).
   * @throws Misfit for a key repeated in one of its objects.
   */
  put(nested: boolean, b: Uint8Array, s: number, e: number): boolean {
    if (nested) {
      this.sc.reset(b, e, true);
      this.shape.add(this.sc, s, this.duplicateKeys);
    } else {
      this.otherRows.push(this.length);
    }
    return this.append(b, s, e);
  }

  /** Whether every value is an array or an object (so the column gets a nested dtype). */
  get nested(): boolean {
    return this.otherRows.length === 0;
  }

  override truncate(n: number): void {
    const r = this.otherRows;
    while (r.length > 0 && r[r.length - 1]! >= n) r.pop();
    super.truncate(n);
  }

  /** The column in the dtype its values' shapes give (every value is an array or object). */
  build(o: Omit<BuildOptions, 'inferred'>, int64: Int64Repr | undefined): { dtype: AnyDType; data: Data } {
    const text = this.finish();
    const bytes = text.values as Uint8Array;
    const offs = text.valueOffsets as Int32Array;
    const dtype = withNullable(dtypeOfShape(this.shape, int64), true);
    const builder = makeValueBuilder(dtype, { ...o, inferred: true });
    const bits = text.nullCount > 0 ? (text.nullBitmap as Uint8Array) : null;
    const sc = this.sc;
    for (let i = 0; i < text.length; i++) {
      const j = i + text.offset;
      if (bits !== null && (bits[j >> 3]! & (1 << (j & 7))) === 0) {
        builder.putNull();
        continue;
      }
      sc.reset(bytes, offs[i + 1]!, true);
      builder.put(sc, offs[i]!);
    }
    return { dtype, data: builder.finish() };
  }
}
