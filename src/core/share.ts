/**
 * Sharing a frame with worker threads: a small structured-cloneable handle whose bytes live in
 * `SharedArrayBuffer`s, so every thread reads the same memory.
 */
import { SharedFrameError } from '../errors.js';
import type { FrameCore } from './frame-core.js';
import { WIRE_VERSION, frameFromParts, frameToParts, type BufferParts, type ColumnPart } from './wire.js';

/** What `df.share()` returns: post it to any worker, rebuild with `DataFrame.fromShared`. */
export interface SharedFrame {
  readonly format: 'colframe.shared';
  readonly version: number;
  readonly height: number;
  readonly columns: readonly ColumnPart[];
}

function toShared<T extends ArrayBufferView | undefined>(v: T): T {
  if (v === undefined || v.buffer instanceof SharedArrayBuffer) return v;
  const sab = new SharedArrayBuffer(v.byteLength);
  new Uint8Array(sab).set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  const Ctor = v.constructor as new (b: ArrayBufferLike, o: number, n: number) => T;
  const per = (v as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  return new Ctor(sab, 0, v.byteLength / per);
}

function sharedParts(b: BufferParts): BufferParts {
  return { ...b, values: toShared(b.values), offsets: toShared(b.offsets), validity: toShared(b.validity) };
}

/** A handle over the frame's buffers, copying into shared memory those that are not shared yet. */
export function shareCore(core: FrameCore): SharedFrame {
  const columns = frameToParts(core).map((p) => ({ ...p, ...sharedParts(p), dict: p.dict && sharedParts(p.dict) }));
  return { format: 'colframe.shared', version: WIRE_VERSION, height: core.height, columns };
}

/**
 * The frame behind a handle.
 * @throws SharedFrameError for anything that is not a handle of this format version.
 */
export function coreFromShared(handle: unknown): FrameCore {
  const h = handle as Partial<SharedFrame> | null;
  if (h === null || typeof h !== 'object' || h.format !== 'colframe.shared') {
    throw new SharedFrameError('Not a shared-frame handle: expected the object returned by df.share()');
  }
  if (h.version !== WIRE_VERSION) throw new SharedFrameError(`Shared-frame handle of format version ${String(h.version)}; this colframe reads version ${WIRE_VERSION}`);
  return frameFromParts(h.columns ?? [], h.height ?? 0);
}
