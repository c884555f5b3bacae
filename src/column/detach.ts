/**
 * Detached buffers. Moving a frame's `ArrayBuffer`s to another thread detaches them here: a
 * typed array over a detached buffer reads as empty, so a frame over one would read `undefined`
 * where its values were. Frames and columns check for that before they read, cheaply: every
 * transfer bumps an epoch, and an object re-checks its buffers only when the epoch has moved.
 */
import type { Data } from 'apache-arrow';
import { FrameDetachedError } from '../errors.js';
import type { Column } from './column.js';

/** Bumped by every transfer this thread makes (and by `noteDetached`). */
export const transfers = { epoch: 0 };

const moved = new WeakSet<ArrayBufferLike>();

/** Record that `buffers` were (or are about to be) moved to another thread. */
export function noteTransferred(buffers: Iterable<ArrayBufferLike>): void {
  for (const b of buffers) moved.add(b);
  transfers.epoch++;
}

const borrowed = new WeakSet<ArrayBufferLike>();

/**
 * Record that `buffers` belong to the caller: memory colframe reads zero-copy (a typed array given
 * to `fromColumns`, bytes given to `readIPCSync`, an Arrow table's buffers) but does not own.
 * A transfer copies such buffers instead of moving them, so the caller's arrays stay intact.
 */
export function noteBorrowed(buffers: Iterable<ArrayBufferLike | undefined>): void {
  for (const b of buffers) if (b !== undefined) borrowed.add(b);
}

/** Every buffer behind `d` (its children and dictionary too), for {@link noteBorrowed}. */
export function buffersOfData(d: Data, out: ArrayBufferLike[] = []): ArrayBufferLike[] {
  for (const v of [d.values as ArrayBufferView | undefined, d.valueOffsets, d.nullBitmap, d.typeIds as ArrayBufferView | undefined]) if (v !== undefined && v !== null) out.push(v.buffer);
  for (const c of d.children) buffersOfData(c, out);
  for (const c of d.dictionary?.data ?? []) buffersOfData(c, out);
  return out;
}

/** Whether `buf` is the caller's memory (see {@link noteBorrowed}). */
export function isBorrowed(buf: ArrayBufferLike): boolean {
  return borrowed.has(buf);
}

/** Whether `buf` is detached (moved away by any transfer, ours or another's). */
function isDetachedBuffer(buf: ArrayBufferLike): boolean {
  if (moved.has(buf)) return true;
  if (buf.byteLength > 0 || !(buf instanceof ArrayBuffer)) return false;
  try {
    new Uint8Array(buf); // throws on a detached buffer; a genuinely empty one is fine
    return false;
  } catch {
    return true;
  }
}

function viewDetached(v: ArrayBufferView | null | undefined): boolean {
  return v !== null && v !== undefined && isDetachedBuffer(v.buffer);
}

/** Whether any buffer of `d` (of its children or its dictionary) is detached. */
export function isDetachedData(d: Data): boolean {
  if (viewDetached(d.values as ArrayBufferView) || viewDetached(d.valueOffsets) || viewDetached(d.nullBitmap) || viewDetached(d.typeIds as ArrayBufferView | undefined)) return true;
  for (const c of d.children) if (isDetachedData(c)) return true;
  const dict = d.dictionary?.data;
  if (dict !== undefined) for (const c of dict) if (isDetachedData(c)) return true;
  return false;
}

/**
 * Throws when a column's buffers are detached.
 * @throws FrameDetachedError naming the first detached column.
 */
export function assertAttached(columns: readonly Column[]): void {
  for (const c of columns) if (isDetachedData(c.data)) throw new FrameDetachedError(c.name);
}
