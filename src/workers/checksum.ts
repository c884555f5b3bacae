/** A checksum of a shared frame's bytes, to catch writes to memory that is read-only by contract. */
import type { SharedFrame } from '../core/share.js';

function mix(h: number, v: ArrayBufferView | undefined): number {
  if (v === undefined) return h;
  const whole = (v.byteOffset & 3) === 0 ? v.byteLength >> 2 : 0;
  const words = new Int32Array(v.buffer, v.byteOffset, whole);
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 16777619);
  const bytes = new Uint8Array(v.buffer, v.byteOffset + whole * 4, v.byteLength - whole * 4);
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 16777619);
  return h;
}

/** FNV-style hash over every buffer a handle references (a full pass: for debug checks only). */
export function checksumShared(frame: SharedFrame): number {
  let h = 0x811c9dc5 | 0;
  for (const c of frame.columns) {
    for (const b of [c, c.dict]) {
      if (b === undefined) continue;
      h = mix(mix(mix(h, b.values), b.offsets), b.validity);
    }
  }
  return h;
}
