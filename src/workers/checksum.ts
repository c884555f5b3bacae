/** A checksum of a shared frame's block, to catch writes to memory that is read-only by contract. */
import type { SharedFrame } from '../frame/share.js';

/** FNV-style hash over the whole block (a full pass: for debug checks only). */
export function checksumShared(frame: SharedFrame): number {
  const words = new Int32Array(frame.block, 0, frame.byteLength >> 2);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 16777619);
  const tail = new Uint8Array(frame.block, words.length * 4, frame.byteLength - words.length * 4);
  for (let i = 0; i < tail.length; i++) h = Math.imul(h ^ tail[i]!, 16777619);
  return h;
}
