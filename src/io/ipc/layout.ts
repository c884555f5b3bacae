/**
 * The IPC stream layout, for code that lays a frame out in memory it owns (e.g. a
 * `SharedArrayBuffer` handed to worker threads): plan the stream, allocate `byteLength` bytes,
 * `writeInto` them, and read them back with `readIPCSync` (zero-copy) or any Arrow reader.
 * The implementation lives in `src/format/ipc/layout.ts` so `DataFrame.toIPC` can use it.
 *
 * @example
 * ```ts
 * const p = planIPCStream(df.core);
 * const sab = new SharedArrayBuffer(p.byteLength);
 * p.writeInto(new Uint8Array(sab));
 * const back = readIPCSync(new Uint8Array(sab)); // column buffers are views over `sab`
 * tableFromIPC(new Uint8Array(sab)).numRows === df.height; // true
 * ```
 */
export { encodeIPC, planIPCFile, planIPCStream } from '../../format/ipc/layout.js';
export type { IPCEncodeOptions, IPCLayoutOptions, IPCMessagePlacement, IPCStreamPlan } from '../../format/ipc/layout.js';
