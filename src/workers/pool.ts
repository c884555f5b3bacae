/**
 * A pool of worker threads that run functions over slices of a shared frame: the frame is shared
 * per call (no copy when it already lives in shared memory, else one fresh copy), each task reads
 * its row range in place, and result frames come back by transfer.
 */
import { checkOptions } from '../util/options.js';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { DataFrame } from '../frame/dataframe.js';
import { InvalidArgumentError, SharedFrameError, WorkerTaskError } from '../errors.js';
import { Expr } from '../ops/expr/expr.js';
import { exprToWire } from '../ops/expr/wire.js';
import type { SharedFrame } from '../frame/share.js';
import { spawnModuleWorker } from '../util/spawn.js';
import type { FrameRange, ReplyMessage, TaskInfo, TaskSpec } from './protocol.js';
import { planParallelAgg } from './partial.js';
import { checksumShared } from './checksum.js';

export type { TaskInfo } from './protocol.js';

/** Options of {@link createPool}. */
export interface PoolOptions {
  /** Number of workers (default: the machine's available parallelism, at least 1). */
  size?: number;
  /**
   * Check the read-only contract: hash the shared frame's bytes before and after each call and
   * fail the call when a worker wrote to them (costs a pass over the data; for debugging).
   */
  debug?: boolean;
}

/** Options of {@link WorkerPool.map}. */
export interface MapOptions {
  /** Number of row ranges to split the frame into (default: the pool size). */
  partitions?: number;
  /** A structured-cloneable value passed to every call as its second argument. */
  args?: unknown;
}

/** A function a pool can run: `(slice, args, info) => DataFrame` (or a promise of one). */
export type SliceFn = (slice: DataFrame, args: unknown, info: TaskInfo) => unknown;

interface Pending {
  readonly id: number;
  readonly task: TaskSpec;
  readonly label: string;
  resolve(v: ReplyMessage & { ok: true }): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  index: number;
  busy: Pending | null;
  ready: boolean;
}

/** A module reference: a path (absolute, or relative to the working directory) or a `file:` URL. */
export type ModuleRef = string | URL;

function moduleHref(ref: ModuleRef): string {
  if (ref instanceof URL) return ref.href;
  if (typeof ref !== 'string' || ref.length === 0) throw new InvalidArgumentError('module: expected a path or a file URL', ref);
  if (ref.startsWith('file:')) return new URL(ref).href;
  return pathToFileURL(isAbsolute(ref) ? ref : resolve(process.cwd(), ref)).href;
}

function splitRanges(height: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  const n = Math.max(1, Math.min(parts, Math.max(1, height)));
  for (let p = 0; p < n; p++) {
    const start = Math.floor((height * p) / n);
    out.push([start, Math.floor((height * (p + 1)) / n) - start]);
  }
  return out;
}

/**
 * A pool of worker threads over shared frames. Create with {@link createPool}; `close()` ends the
 * workers. Idle workers never keep the process alive.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * // A module of functions for the workers: each gets a row range of the frame (and `args`).
 * writeFileSync('fns.mjs', [
 *   'export const big = (slice, args) => slice.filter((r) => r.amount > args.min);',
 *   'export const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));',
 * ].join('\n'));
 * const df = DataFrame.fromRecords([
 *   { city: 'Oslo', amount: 120 },
 *   { city: 'Rome', amount: 80 },
 *   { city: 'Oslo', amount: 300 },
 *   { city: 'Rome', amount: 950 },
 * ]);
 * const pool = createPool({ size: 2 });
 * // map: the function over row ranges, results concatenated in row order.
 * (await pool.map(df, 'fns.mjs', 'big', { args: { min: 100 }, partitions: 2 })).getColumn('amount').toArray(); // → [ 120, 300, 950 ]
 * // run: one call, for work that is not over a frame's rows.
 * await pool.run('fns.mjs', 'fib', 30); // → 832040
 * // filter and groupByAgg: the verbs, in parallel.
 * (await pool.filter(df, col('amount').gt(200))).getColumn('amount').toArray(); // → [ 300, 950 ]
 * (await pool.groupByAgg(df, ['city'], { total: col('amount').sum(), avg: col('amount').mean() })).toRecords(); // → [ { city: 'Oslo', total: 420, avg: 210 }, { city: 'Rome', total: 1030, avg: 515 } ]
 * await pool.close();
 * ```
 */
export class WorkerPool {
  /** Number of workers. */
  readonly size: number;
  readonly #debug: boolean;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;
  /** Workers started over the pool's life (replacements included). */
  #started = 0;

  /** @internal use {@link createPool}. */
  constructor(options: PoolOptions = {}) {
    checkOptions(options, ['size', 'debug'], 'createPool');
    const size = options.size ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(size) || size < 1) throw new InvalidArgumentError(`createPool: size must be a positive integer, got ${String(size)}`, size);
    this.size = size;
    this.#debug = options.debug === true;
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn(i));
  }

  /** Workers started so far, replacements of failed workers included. */
  get workersStarted(): number {
    return this.#started;
  }

  #spawn(index: number): Slot {
    this.#started++;
    const worker = spawnModuleWorker(import.meta.url, './worker');
    const slot: Slot = { worker, index, busy: null, ready: true };
    worker.on('message', (m: ReplyMessage) => this.#onReply(slot, m));
    worker.on('error', (e: Error) => this.#onCrash(slot, `threw outside a task: ${e.message}`, e.stack));
    worker.on('exit', (code: number) => this.#onCrash(slot, `exited with code ${code}`, undefined));
    worker.unref(); // after the listeners: adding a 'message' listener refs the port again
    return slot;
  }

  #onReply(slot: Slot, m: ReplyMessage): void {
    const p = slot.busy;
    if (p === null || p.id !== m.id) return;
    this.#release(slot);
    if (m.ok) p.resolve(m);
    else {
      const e = m.error;
      const msg = e.name === 'TaskSetupError' ? e.message : `${e.name}: ${e.message}`;
      p.reject(new WorkerTaskError(`${p.label} failed in worker ${slot.index}: ${msg}`, e.name, e.stack));
    }
    this.#pump();
  }

  #onCrash(slot: Slot, what: string, stack: string | undefined): void {
    if (this.#slots[slot.index] !== slot) return; // already replaced
    const p = slot.busy;
    slot.busy = null;
    if (!this.#closed) {
      void slot.worker.terminate();
      this.#slots[slot.index] = this.#spawn(slot.index);
    }
    if (p !== null) p.reject(new WorkerTaskError(`${p.label} failed: worker ${slot.index} ${what}`, 'exit', stack));
    this.#pump();
  }

  #release(slot: Slot): void {
    slot.busy = null;
    slot.worker.unref();
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.busy !== null) continue;
      const p = this.#queue.shift()!;
      slot.busy = p;
      slot.worker.ref(); // a running task keeps the process alive until it answers
      slot.worker.postMessage({ id: p.id, task: p.task });
    }
  }

  #submit(task: TaskSpec, label: string): Promise<ReplyMessage & { ok: true }> {
    if (this.#closed) return Promise.reject(new InvalidArgumentError('The worker pool is closed', undefined));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, task, label, resolve, reject });
      this.#pump();
    });
  }

  async #overSlices(
    df: DataFrame,
    partitions: number | undefined,
    label: string,
    make: (range: FrameRange, info: TaskInfo) => TaskSpec,
  ): Promise<DataFrame[]> {
    if (!(df instanceof DataFrame)) throw new InvalidArgumentError(`${label}: expected a DataFrame`, df);
    const parts = partitions ?? this.size;
    if (!Number.isInteger(parts) || parts < 1) throw new InvalidArgumentError(`${label}: partitions must be a positive integer, got ${String(parts)}`, parts);
    const frame: SharedFrame = df.share();
    const before = this.#debug ? checksumShared(frame) : 0;
    const ranges = splitRanges(df.height, parts);
    const replies = await Promise.allSettled(
      ranges.map(([offset, length], partition) =>
        this.#submit(make({ frame, offset, length }, { partition, partitions: ranges.length, offset }), label),
      ),
    );
    if (this.#debug && checksumShared(frame) !== before) {
      throw new SharedFrameError(`${label}: a worker wrote to the shared frame's memory, which is read-only by contract`);
    }
    const failed = replies.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return replies.map((r) => DataFrame.fromTransferred((r as PromiseFulfilledResult<ReplyMessage & { ok: true }>).value.frame!));
  }

  /**
   * Runs `fnName` exported by `module` over row ranges of `df` in the workers and concatenates the
   * frames it returns, in row order. The frame is shared for the call (O(1) when it already
   * lives in shared memory, else copied into a new block that the call alone uses); each task
   * gets `(slice, args, { partition, partitions, offset })` and its result's buffers move back
   * to this thread without a copy.
   *
   * Tasks must not write to their slice's buffers (shared memory cannot be made read-only). If
   * one does, with a frame the pool copied the write reaches only that call's copy, which is
   * dropped when the call ends: neither the caller's frame nor a later call sees it. With a
   * frame that already lives in shared memory (`{ shared: true }`, `fromShared`) the write
   * changes that memory, so the caller's frame; `createPool({ debug: true })` catches it.
   * @param module path (absolute or relative to the working directory) or `file:` URL of an ES
   *   module; `.ts` works when tsx is installed.
   * @throws WorkerTaskError when a call throws, the module or function does not exist, the function
   *   does not return a DataFrame, or a worker exits (the pool replaces the worker and stays usable).
   * @see {@link WorkerPool} for an example.
   */
  async map(df: DataFrame, module: ModuleRef, fnName: string, options: MapOptions = {}): Promise<DataFrame> {
    checkOptions(options, ['partitions', 'args'], 'pool.map');
    const href = moduleHref(module);
    const label = `Task "${fnName}" from ${module instanceof URL ? fileURLToPath(module) : String(module)}`;
    if (href.startsWith('file:') && !existsSync(fileURLToPath(href))) {
      throw new WorkerTaskError(`${label} failed: the module ${fileURLToPath(href)} does not exist`, 'TaskSetupError', undefined);
    }
    const frames = await this.#overSlices(df, options.partitions, label, (range, info) => ({
      kind: 'call', module: href, fn: fnName, args: options.args, range, info, expect: 'frame',
    }));
    return frames.length === 1 ? frames[0]! : DataFrame.concat(frames);
  }

  /**
   * Runs `fnName` once in a worker with `args` and resolves with its (structured-cloneable)
   * return value. For work that is not over a frame's rows.
   * @throws WorkerTaskError as for {@link WorkerPool.map}.
   * @see {@link WorkerPool} for an example.
   */
  async run(module: ModuleRef, fnName: string, args?: unknown): Promise<unknown> {
    const href = moduleHref(module);
    const label = `Task "${fnName}" from ${module instanceof URL ? fileURLToPath(module) : String(module)}`;
    const reply = await this.#submit({ kind: 'call', module: href, fn: fnName, args, range: null, info: null, expect: 'value' }, label);
    return reply.value;
  }

  /**
   * `df.filter(predicate)` over row ranges in parallel; rows keep their order.
   * @throws ExpressionError (in a WorkerTaskError) for a predicate the frame cannot evaluate.
   * @see {@link WorkerPool} for an example.
   */
  async filter(df: DataFrame, predicate: Expr, options: { partitions?: number } = {}): Promise<DataFrame> {
    checkOptions(options, ['partitions'], 'pool.filter');
    if (!(predicate instanceof Expr)) throw new InvalidArgumentError('pool.filter: the predicate must be an expression (row functions cannot cross threads)', predicate);
    df.filter(predicate.and(false)); // checks columns and dtypes here, before any worker starts
    const wire = exprToWire(predicate);
    const frames = await this.#overSlices(df, options.partitions, 'pool.filter', (range) => ({ kind: 'filter', range, predicate: wire }));
    return frames.length === 1 ? frames[0]! : DataFrame.concat(frames);
  }

  /**
   * `df.groupBy(...keys).agg(aggs)` in parallel: each worker aggregates its row range, and the
   * partial results are merged here. Groups come in order of first appearance, as in `groupBy`.
   * Supports `sum`, `count`, `len`, `mean`, `min`, `max`, `first`, `last` (merged exactly);
   * other aggregations need every value of a group together and raise.
   * @throws ExpressionError for an unknown column or an aggregation that cannot be merged.
   * @see {@link WorkerPool} for an example.
   */
  async groupByAgg(df: DataFrame, keys: readonly string[], aggs: Readonly<Record<string, Expr>>, options: { partitions?: number } = {}): Promise<DataFrame> {
    checkOptions(options, ['partitions'], 'pool.groupByAgg');
    const plan = planParallelAgg(df, keys, aggs);
    const partial = plan.partial.map((a) => ({ name: a.name, expr: exprToWire(a.expr) }));
    const frames = await this.#overSlices(df, options.partitions, 'pool.groupByAgg', (range) => ({ kind: 'groupBy', range, keys, aggs: partial }));
    return plan.merge(frames);
  }

  /**
   * Ends the workers; queued and running tasks reject. The pool cannot be used afterwards.
   * @example
   * ```ts
   * const pool = createPool({ size: 1 });
   * await pool.close();
   * await pool.run('fns.mjs', 'fib', 3);
   * // throws InvalidArgumentError: The worker pool is closed
   * ```
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const err = new InvalidArgumentError('The worker pool was closed before the task ran', undefined);
    for (const p of this.#queue.splice(0)) p.reject(err);
    await Promise.all(
      this.#slots.map(async (s) => {
        const p = s.busy;
        s.busy = null;
        await s.worker.terminate();
        if (p !== null) p.reject(new WorkerTaskError(`${p.label} failed: the pool was closed while it ran`, 'exit', undefined));
      }),
    );
  }
}

/**
 * A pool of `size` worker threads for running work over shared frames in parallel.
 * @throws InvalidArgumentError for a size that is not a positive integer.
 * @example
 * ```ts
 * const pool = createPool({ size: 2 });
 * pool.size; // → 2
 * await pool.close();
 * createPool({ size: 0 });
 * // throws InvalidArgumentError: createPool: size must be a positive integer, got 0
 * ```
 */
export function createPool(options: PoolOptions = {}): WorkerPool {
  return new WorkerPool(options);
}
