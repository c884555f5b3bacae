/**
 * The IPC stream layout, for code that lays a frame out in memory it owns (e.g. a
 * `SharedArrayBuffer` handed to worker threads): plan the stream, allocate `byteLength` bytes,
 * `writeInto` them, and read them back with `readIPCSync` (zero-copy) or any Arrow reader.
 * The implementation lives in `src/codec/ipc/layout.ts` so `DataFrame.toIPC` can use it.
 *
 * @example
 * ```ts
 * import { tableFromIPC } from 'apache-arrow';
 * const df = DataFrame.fromColumns({ x: [1, 2, 3] });
 * const p = planIPCStream(df.core);
 * const sab = new SharedArrayBuffer(p.byteLength);
 * p.writeInto(new Uint8Array(sab));
 * // Column buffers read back are views over `sab`:
 * readIPCSync(new Uint8Array(sab)).getColumn('x').data.values.buffer === sab; // → true
 * tableFromIPC(new Uint8Array(sab)).numRows; // → 3
 * ```
 */
export { encodeIPC, planIPCFile, planIPCStream } from '../../codec/ipc/layout.js';
export type { IPCEncodeOptions, IPCLayoutOptions, IPCMessagePlacement, IPCStreamPlan } from '../../codec/ipc/layout.js';
export type { IpcCompression } from '../../codec/ipc/compression.js';
