/**
 * The internals of a frame: its columns, height and schema, with name lookup and the zero-copy
 * selections every verb builds on. Verbs in `ops/` take and return `FrameCore`s.
 */
import { ColumnNotFoundError, DuplicateColumnError, InvalidArgumentError, SchemaError } from '../errors.js';
import { Schema } from '../dtype/schema.js';
import type { Column } from '../column/column.js';
import { checkLengths } from './construct.js';

/**
 * An immutable set of equally long, uniquely named columns.
 * @example
 * ```ts
 * const [a, b] = DataFrame.fromColumns({ a: [1, 2], b: ['x', 'y'] }).getColumns();
 * const core = new FrameCore([a!, b!]);
 * core.column('a') === a; // → true
 * [core.height, core.width, core.schema.names]; // → [ 2, 2, [ 'a', 'b' ] ]
 * ```
 */
export class FrameCore {
  /** Columns in order. */
  readonly columns: readonly Column[];
  /** Number of rows. */
  readonly height: number;
  /** Names and dtypes in order. */
  readonly schema: Schema;

  /**
   * @throws ShapeError when lengths differ; DuplicateColumnError when names repeat.
   */
  constructor(columns: readonly Column[], height?: number, metadata?: ReadonlyMap<string, string>) {
    const h = checkLengths(columns);
    this.columns = Object.freeze(columns.slice());
    this.height = columns.length === 0 ? (height ?? 0) : h;
    this.schema = new Schema(
      columns.map((c) => (c.metadata === undefined ? { name: c.name, dtype: c.dtype } : { name: c.name, dtype: c.dtype, metadata: c.metadata })),
      metadata,
    );
    Object.freeze(this);
  }

  /** Number of columns. */
  get width(): number {
    return this.columns.length;
  }

  /**
   * The column named `name`.
   * @throws ColumnNotFoundError listing the available names.
   */
  column(name: string): Column {
    const i = this.schema.indexOf(name);
    if (i < 0) throw new ColumnNotFoundError(String(name), this.schema.names);
    return this.columns[i]!;
  }

  /**
   * The columns named, in the order given.
   * @throws ColumnNotFoundError; DuplicateColumnError when a name is given twice.
   */
  pick(names: readonly string[]): FrameCore {
    const seen = new Set<string>();
    const cols = names.map((n) => {
      if (typeof n !== 'string') throw new SchemaError(`Column names must be strings, got ${typeof n}`);
      if (seen.has(n)) throw new DuplicateColumnError(n, ' in the selection');
      seen.add(n);
      return this.column(n);
    });
    return new FrameCore(cols, this.height, this.schema.metadata);
  }

  /**
   * Every column except those named.
   * @throws ColumnNotFoundError for a name the frame does not have.
   */
  without(names: readonly string[]): FrameCore {
    const drop = new Set<string>();
    for (const n of names) {
      this.column(n);
      drop.add(n);
    }
    return new FrameCore(
      this.columns.filter((c) => !drop.has(c.name)),
      this.height,
      this.schema.metadata,
    );
  }

  /**
   * Columns renamed by `mapping` (`{ old: new }`); swaps are allowed.
   * @throws ColumnNotFoundError for an old name the frame lacks; DuplicateColumnError when the result repeats a name.
   */
  renamed(mapping: Readonly<Record<string, string>>): FrameCore {
    if (mapping === null || typeof mapping !== 'object') throw new SchemaError('rename expects an object of { oldName: newName }');
    for (const old of Object.keys(mapping)) {
      this.column(old);
      if (typeof mapping[old] !== 'string') throw new SchemaError(`rename: the new name for "${old}" must be a string`);
    }
    const cols = this.columns.map((c) => (Object.hasOwn(mapping, c.name) ? c.rename(mapping[c.name]!) : c));
    const seen = new Set<string>();
    for (const c of cols) {
      if (seen.has(c.name)) throw new DuplicateColumnError(c.name, ' after renaming');
      seen.add(c.name);
    }
    return new FrameCore(cols, this.height, this.schema.metadata);
  }

  /** Rows `[offset, offset + length)`, both already clipped to the frame (zero-copy). */
  sliceRows(offset: number, length: number): FrameCore {
    if (offset === 0 && length === this.height) return this;
    return new FrameCore(
      this.columns.map((c) => c.sliceUnchecked(offset, length)),
      length,
      this.schema.metadata,
    );
  }
}

/**
 * Clip polars-style slice arguments: a negative offset counts from the end; length defaults to
 * the rest; both are clipped to the frame.
 * @throws InvalidArgumentError for a non-integer offset or a length that is not a non-negative integer.
 */
export function clipSlice(height: number, offset: number, length?: number): [number, number] {
  if (!Number.isInteger(offset)) throw new InvalidArgumentError(`slice(offset, length): offset must be an integer, got ${String(offset)}`, offset);
  if (length !== undefined && (!Number.isInteger(length) || length < 0)) {
    throw new InvalidArgumentError(`slice(offset, length): length must be a non-negative integer, got ${String(length)}`, length);
  }
  let start = offset < 0 ? Math.max(0, height + offset) : Math.min(offset, height);
  const end = length === undefined ? height : Math.min(height, start + length);
  if (start > end) start = end;
  return [start, end - start];
}
