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
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { DataFrame } from '../frame/dataframe.js';
import { InvalidArgumentError, SharedFrameError, TaskCancelledError, WorkerTaskError } from '../errors.js';
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
  /**
   * Limits of each worker's JavaScript heap and stack (Node's `Worker` `resourceLimits`:
   * `maxOldGenerationSizeMb`, `maxYoungGenerationSizeMb`, `codeRangeSizeMb`, `stackSizeMb`).
   * A task whose worker exceeds them fails with a {@link WorkerTaskError} of kind
   * `ERR_WORKER_OUT_OF_MEMORY` instead of taking the process down; the worker is replaced.
   */
  resourceLimits?: ResourceLimits;
}

/** Cancellation options every task-running method of a {@link WorkerPool} takes. */
export interface TaskOptions {
  /**
   * Milliseconds a task may run (or wait in the queue) before it is cancelled with a
   * {@link TaskCancelledError}; a running task's worker is terminated and replaced.
   */
  timeout?: number;
  /** Cancels the tasks (queued or running) with a {@link TaskCancelledError} when it aborts. */
  signal?: AbortSignal;
}

/** Options of {@link WorkerPool.map}. */
export interface MapOptions extends TaskOptions {
  /** Number of row ranges to split the frame into (default: the pool size). */
  partitions?: number;
  /** A structured-cloneable value passed to every call as its second argument. */
  args?: unknown;
}

/** Options of {@link WorkerPool.filter} and {@link WorkerPool.groupByAgg}. */
export interface VerbOptions extends TaskOptions {
  /** Number of row ranges to split the frame into (default: the pool size). */
  partitions?: number;
}

/** A function a pool can run: `(slice, args, info) => DataFrame` (or a promise of one). */
export type SliceFn = (slice: DataFrame, args: unknown, info: TaskInfo) => unknown;

interface Pending {
  readonly id: number;
  /** Dropped (set to null) once the task is posted, so the pool holds no shared block after. */
  task: TaskSpec | null;
  readonly label: string;
  /** Settles the task once (later calls do nothing) and removes its timer and abort listener. */
  resolve(v: ReplyMessage & { ok: true }): void;
  reject(e: Error): void;
}

const RESOURCE_LIMITS = ['maxOldGenerationSizeMb', 'maxYoungGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb'] as const;

function checkResourceLimits(limits: ResourceLimits | undefined): void {
  if (limits === undefined) return;
  checkOptions(limits, RESOURCE_LIMITS, 'createPool resourceLimits');
  for (const k of RESOURCE_LIMITS) {
    const v = limits[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) {
      throw new InvalidArgumentError(`createPool: resourceLimits.${k} must be a positive number, got ${String(v)}`, v);
    }
  }
}

function checkTaskOptions(options: TaskOptions, where: string): void {
  const { timeout, signal } = options;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)) {
    throw new InvalidArgumentError(`${where}: timeout must be a positive number of milliseconds, got ${String(timeout)}`, timeout);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidArgumentError(`${where}: signal must be an AbortSignal, got ${signal === null ? 'null' : typeof signal}`, signal);
  }
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
  readonly #resourceLimits: ResourceLimits | undefined;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;
  /** Workers started over the pool's life (replacements included). */
  #started = 0;

  /** @internal use {@link createPool}. */
  constructor(options: PoolOptions = {}) {
    checkOptions(options, ['size', 'debug', 'resourceLimits'], 'createPool');
    const size = options.size ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(size) || size < 1) throw new InvalidArgumentError(`createPool: size must be a positive integer, got ${String(size)}`, size);
    checkResourceLimits(options.resourceLimits);
    this.size = size;
    this.#debug = options.debug === true;
    this.#resourceLimits = options.resourceLimits === undefined ? undefined : { ...options.resourceLimits };
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn(i));
  }

  /** Workers started so far, replacements of failed workers included. */
  get workersStarted(): number {
    return this.#started;
  }

  #spawn(index: number): Slot {
    this.#started++;
    const worker = spawnModuleWorker(import.meta.url, './worker', this.#resourceLimits === undefined ? {} : { resourceLimits: this.#resourceLimits });
    const slot: Slot = { worker, index, busy: null, ready: true };
    worker.on('message', (m: ReplyMessage) => this.#onReply(slot, m));
    worker.on('error', (e: Error & { code?: unknown }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#onCrash(slot, 'ran out of memory (the pool\'s resourceLimits)', e.stack, e.code);
      else this.#onCrash(slot, `threw outside a task: ${e.message}`, e.stack, 'exit');
    });
    worker.on('exit', (code: number) => this.#onCrash(slot, `exited with code ${code}`, undefined, 'exit'));
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

  #onCrash(slot: Slot, what: string, stack: string | undefined, kind: string): void {
    if (this.#slots[slot.index] !== slot) return; // already replaced
    const p = slot.busy;
    this.#replace(slot);
    if (p !== null) p.reject(new WorkerTaskError(`${p.label} failed: worker ${slot.index} ${what}`, kind, stack));
    this.#pump();
  }

  /** Ends a slot's worker and puts a new one in its place (its task, if any, is the caller's). */
  #replace(slot: Slot): void {
    slot.busy = null;
    if (this.#slots[slot.index] !== slot || this.#closed) return;
    this.#slots[slot.index] = this.#spawn(slot.index);
    slot.worker.removeAllListeners('message');
    void slot.worker.terminate();
  }

  /** Cancels a task: dropped from the queue, or its worker terminated and replaced. */
  #cancel(p: Pending, err: TaskCancelledError): void {
    const queued = this.#queue.indexOf(p);
    if (queued >= 0) this.#queue.splice(queued, 1);
    const slot = this.#slots.find((s) => s.busy === p);
    if (slot !== undefined) this.#replace(slot);
    p.reject(err);
    this.#pump();
  }

  #release(slot: Slot): void {
    slot.busy = null;
    slot.worker.unref();
  }

  #pump(): void {
    for (const slot of this.#slots) {
      while (this.#queue.length > 0 && slot.busy === null && !this.#closed) {
        const p = this.#queue.shift()!;
        slot.busy = p;
        slot.worker.ref(); // a running task keeps the process alive until it answers
        try {
          slot.worker.postMessage({ id: p.id, task: p.task });
        } catch (e) {
          // Nothing was sent (the task's arguments do not survive a structured clone): the slot
          // is free again and the task fails here.
          this.#release(slot);
          const args = p.task?.kind === 'call' ? p.task.args : undefined;
          p.reject(new InvalidArgumentError(`${p.label}: its args cannot be sent to a worker (${(e as Error).message})`, args));
          continue;
        }
        p.task = null;
      }
    }
  }

  #submit(task: TaskSpec, label: string, options: TaskOptions = {}): Promise<ReplyMessage & { ok: true }> {
    if (this.#closed) return Promise.reject(new InvalidArgumentError('The worker pool is closed', undefined));
    const { timeout, signal } = options;
    if (signal?.aborted === true) return Promise.reject(new TaskCancelledError(`${label} was cancelled: its signal aborted`, 'abort'));
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const onAbort = (): void => this.#cancel(p, new TaskCancelledError(`${label} was cancelled: its signal aborted`, 'abort'));
      const done = (): boolean => {
        if (settled) return false;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const p: Pending = {
        id: this.#nextId++,
        task,
        label,
        resolve: (v) => done() && resolve(v),
        reject: (e) => done() && reject(e),
      };
      if (timeout !== undefined) {
        timer = setTimeout(() => this.#cancel(p, new TaskCancelledError(`${label} was cancelled: it ran past its timeout of ${timeout} ms`, 'timeout')), timeout);
        timer.unref(); // a running task refs its worker; a timer alone keeps nothing alive
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(p);
      this.#pump();
    });
  }

  async #overSlices(
    df: DataFrame,
    options: VerbOptions,
    label: string,
    make: (range: FrameRange, info: TaskInfo) => TaskSpec,
  ): Promise<DataFrame[]> {
    if (!(df instanceof DataFrame)) throw new InvalidArgumentError(`${label}: expected a DataFrame`, df);
    const parts = options.partitions ?? this.size;
    if (!Number.isInteger(parts) || parts < 1) throw new InvalidArgumentError(`${label}: partitions must be a positive integer, got ${String(parts)}`, parts);
    const frame: SharedFrame = df.share();
    const before = this.#debug ? checksumShared(frame) : 0;
    const ranges = splitRanges(df.height, parts);
    const replies = await Promise.allSettled(
      ranges.map(([offset, length], partition) =>
        this.#submit(make({ frame, offset, length }, { partition, partitions: ranges.length, offset }), label, options),
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
   * @throws InvalidArgumentError when `args` cannot be structured-cloned (a function, a symbol …).
   * @throws TaskCancelledError when `timeout` passes or `signal` aborts first (running workers are
   *   replaced).
   * @see {@link WorkerPool} for an example.
   */
  async map(df: DataFrame, module: ModuleRef, fnName: string, options: MapOptions = {}): Promise<DataFrame> {
    checkOptions(options, ['partitions', 'args', 'timeout', 'signal'], 'pool.map');
    checkTaskOptions(options, 'pool.map');
    const href = moduleHref(module);
    const label = `Task "${fnName}" from ${module instanceof URL ? fileURLToPath(module) : String(module)}`;
    if (href.startsWith('file:') && !existsSync(fileURLToPath(href))) {
      throw new WorkerTaskError(`${label} failed: the module ${fileURLToPath(href)} does not exist`, 'TaskSetupError', undefined);
    }
    const frames = await this.#overSlices(df, options, label, (range, info) => ({
      kind: 'call', module: href, fn: fnName, args: options.args, range, info, expect: 'frame',
    }));
    return frames.length === 1 ? frames[0]! : DataFrame.concat(frames);
  }

  /**
   * Runs `fnName` once in a worker with `args` and resolves with its (structured-cloneable)
   * return value. For work that is not over a frame's rows.
   * @throws WorkerTaskError, InvalidArgumentError, TaskCancelledError as for {@link WorkerPool.map}.
   * @see {@link WorkerPool} for an example.
   */
  async run(module: ModuleRef, fnName: string, args?: unknown, options: TaskOptions = {}): Promise<unknown> {
    checkOptions(options, ['timeout', 'signal'], 'pool.run');
    checkTaskOptions(options, 'pool.run');
    const href = moduleHref(module);
    const label = `Task "${fnName}" from ${module instanceof URL ? fileURLToPath(module) : String(module)}`;
    const reply = await this.#submit({ kind: 'call', module: href, fn: fnName, args, range: null, info: null, expect: 'value' }, label, options);
    return reply.value;
  }

  /**
   * `df.filter(predicate)` over row ranges in parallel; rows keep their order.
   * @throws ExpressionError (in a WorkerTaskError) for a predicate the frame cannot evaluate.
   * @see {@link WorkerPool} for an example.
   */
  async filter(df: DataFrame, predicate: Expr, options: VerbOptions = {}): Promise<DataFrame> {
    checkOptions(options, ['partitions', 'timeout', 'signal'], 'pool.filter');
    checkTaskOptions(options, 'pool.filter');
    if (!(predicate instanceof Expr)) throw new InvalidArgumentError('pool.filter: the predicate must be an expression (row functions cannot cross threads)', predicate);
    df.filter(predicate.and(false)); // checks columns and dtypes here, before any worker starts
    const wire = exprToWire(predicate);
    const frames = await this.#overSlices(df, options, 'pool.filter', (range) => ({ kind: 'filter', range, predicate: wire }));
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
  async groupByAgg(df: DataFrame, keys: readonly string[], aggs: Readonly<Record<string, Expr>>, options: VerbOptions = {}): Promise<DataFrame> {
    checkOptions(options, ['partitions', 'timeout', 'signal'], 'pool.groupByAgg');
    checkTaskOptions(options, 'pool.groupByAgg');
    const plan = planParallelAgg(df, keys, aggs);
    const partial = plan.partial.map((a) => ({ name: a.name, expr: exprToWire(a.expr) }));
    const frames = await this.#overSlices(df, options, 'pool.groupByAgg', (range) => ({ kind: 'groupBy', range, keys, aggs: partial }));
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
 * @throws InvalidArgumentError for a size that is not a positive integer or a resource limit
 *   that is not a positive number; UnknownOptionError for an unknown option.
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
