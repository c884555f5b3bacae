/** Starting worker threads on colframe's own modules, from TypeScript sources or from `dist/`. */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker running the module `name` (without extension) beside `base` (an `import.meta.url`):
 * the `.js` file when colframe runs built, or the `.ts` source through tsx (which the worker
 * registers itself: `node --import tsx` does not reach worker threads).
 * @example
 * ```ts
 * const w = spawnModuleWorker(import.meta.url, './parse-worker');
 * ```
 */
export function spawnModuleWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  if (base.endsWith('.ts')) {
    const api = import.meta.resolve('tsx/esm/api');
    const target = new URL(`${name}.ts`, base).href;
    const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(new URL(`${name}.js`, base), options);
}
