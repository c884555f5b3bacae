/**
 * A pool worker: opens shared frames, runs the task's function over its row range and sends back
 * the resulting frame by transfer (its buffers move, nothing is copied).
 */
import { parentPort } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataFrame } from '../frame/dataframe.js';
import { exprFromWire } from '../ops/expr/wire.js';
import type { FrameRange, ReplyMessage, TaskMessage, TaskSpec, WireError } from './protocol.js';

/** A failure the worker explains itself (module or function not found, bad result). */
class TaskSetupError extends Error {
  override readonly name = 'TaskSetupError';
}

const modules = new Map<string, Promise<Record<string, unknown>>>();
let tsxRegistered = import.meta.url.endsWith('.ts'); // the pool registered tsx before loading us

async function loadModule(href: string): Promise<Record<string, unknown>> {
  if (/\.[mc]?tsx?$/.test(new URL(href).pathname) && !tsxRegistered) {
    try {
      const api = (await import('tsx/esm/api' as string)) as { register(): void };
      api.register();
      tsxRegistered = true;
    } catch {
      throw new TaskSetupError(`cannot load the TypeScript module ${href} without tsx; install tsx or point the pool at built .js`);
    }
  }
  let m = modules.get(href);
  if (m === undefined) {
    m = import(href) as Promise<Record<string, unknown>>;
    modules.set(href, m);
    m.catch(() => modules.delete(href)); // a failed import may be retried after a fix
  }
  try {
    return await m;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_MODULE_NOT_FOUND' && err.message.includes(href.replace(/^file:\/\//, ''))) {
      throw new TaskSetupError(`the module ${href} does not exist`);
    }
    throw e;
  }
}

function open(range: FrameRange): DataFrame {
  const df = DataFrame.fromShared(range.frame);
  return range.offset === 0 && range.length === df.height ? df : df.slice(range.offset, range.length);
}

async function run(task: TaskSpec): Promise<{ frame: DataFrame } | { value: unknown }> {
  switch (task.kind) {
    case 'ping':
      return { value: 'pong' };
    case 'filter':
      return { frame: open(task.range).filter(exprFromWire(task.predicate)) };
    case 'groupBy': {
      const aggs: Record<string, ReturnType<typeof exprFromWire>> = {};
      for (const a of task.aggs) aggs[a.name] = exprFromWire(a.expr);
      return { frame: open(task.range).groupBy(...task.keys).agg(aggs) as DataFrame };
    }
    case 'call': {
      const mod = await loadModule(task.module);
      const fn = mod[task.fn];
      if (typeof fn !== 'function') {
        const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
        throw new TaskSetupError(
          `the module has no ${fn === undefined ? 'export' : 'function export'} "${task.fn}"; it exports: ${names.length > 0 ? names.join(', ') : '(no functions)'}`,
        );
      }
      const input = task.range === null ? undefined : open(task.range);
      const out: unknown = await (fn as (...a: unknown[]) => unknown)(...(input === undefined ? [task.args] : [input, task.args, task.info]));
      if (task.expect === 'frame') {
        if (!(out instanceof DataFrame)) throw new TaskSetupError(`"${task.fn}" returned ${out === null ? 'null' : typeof out}, not a DataFrame`);
        return { frame: out };
      }
      return { value: out };
    }
  }
}

function wireError(e: unknown): WireError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, stack: e.stack, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: `non-error thrown: ${String(e)}`, stack: undefined, code: undefined };
}

/**
 * A worker's JavaScript heap is small, so V8 rarely collects it on its own; but each task's
 * handle keeps its shared block (outside the heap) alive until a collection. Collect after every
 * `GC_AFTER_BYTES` of blocks received, so blocks of finished calls are freed as they go.
 */
const GC_AFTER_BYTES = 32 * 2 ** 20;
setFlagsFromString('--expose-gc'); // process-wide: only for the context made on the next line
const collect = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');
const seenBlocks = new WeakSet<SharedArrayBuffer>();
let blockBytes = 0;

function noteBlock(task: TaskSpec): void {
  const range = task.kind === 'ping' ? null : task.range;
  if (range === null || !(range.frame?.block instanceof SharedArrayBuffer) || seenBlocks.has(range.frame.block)) return;
  seenBlocks.add(range.frame.block);
  blockBytes += range.frame.block.byteLength;
}

function collectIfDue(): void {
  if (blockBytes < GC_AFTER_BYTES) return;
  blockBytes = 0;
  collect();
}

parentPort!.on('message', (msg: TaskMessage) => {
  noteBlock(msg.task);
  void run(msg.task).then(
    (res) => {
      if ('frame' in res) {
        // A result that is a view of the shared input must not move the shared buffers (they are
        // not transferable anyway); everything else moves.
        const { packet, transferList } = res.frame.transfer();
        parentPort!.postMessage({ id: msg.id, ok: true, frame: packet } satisfies ReplyMessage, transferList);
      } else {
        try {
          parentPort!.postMessage({ id: msg.id, ok: true, value: res.value } satisfies ReplyMessage);
        } catch (e) {
          parentPort!.postMessage({ id: msg.id, ok: false, error: wireError(new TaskSetupError(`the result cannot be sent back: ${(e as Error).message}`)) } satisfies ReplyMessage);
        }
      }
    },
    (e: unknown) => parentPort!.postMessage({ id: msg.id, ok: false, error: wireError(e) } satisfies ReplyMessage),
  ).finally(collectIfDue);
});
