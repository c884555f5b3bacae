/** Starting worker threads on colframe's own modules, from TypeScript sources or from `dist/`. */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker running the module `name` (without extension) beside `base` (an `import.meta.url`):
 * the `.js` file when colframe runs built, or the `.ts` source through tsx (which the worker
 * registers itself: `node --import tsx` does not reach worker threads).
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * writeFileSync('package.json', '{ "type": "module" }');
 * writeFileSync('double.ts', "import { parentPort } from 'node:worker_threads';\nparentPort!.on('message', (n: number) => parentPort!.postMessage(n * 2));\n");
 * // From a .ts module the worker runs double.ts through tsx; from a .js one, double.js.
 * const w = spawnModuleWorker(pathToFileURL('main.ts').href, './double');
 * const reply = await new Promise((resolve) => {
 *   w.once('message', resolve);
 *   w.postMessage(21);
 * });
 * await w.terminate();
 * reply; // → 42
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
