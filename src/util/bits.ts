/** Bit helpers for Arrow validity bitmaps and boolean buffers (LSB-first bit order). */

/** Whether bit `i` of `bitmap` is set. */
export function getBit(bitmap: Uint8Array, i: number): boolean {
  return (bitmap[i >> 3]! & (1 << (i & 7))) !== 0;
}

/** Set bit `i` of `bitmap`. */
export function setBit(bitmap: Uint8Array, i: number): void {
  bitmap[i >> 3]! |= 1 << (i & 7);
}

/** Clear bit `i` of `bitmap`. */
export function clearBit(bitmap: Uint8Array, i: number): void {
  bitmap[i >> 3]! &= ~(1 << (i & 7));
}

/** Bytes needed for a bitmap of `n` bits. */
export function bitmapBytes(n: number): number {
  return (n + 7) >> 3;
}

/** Number of set bits in `bitmap` over bit positions `[start, end)`. */
export function countSetBits(bitmap: Uint8Array, start: number, end: number): number {
  let count = 0;
  let i = start;
  // Leading partial byte, then whole bytes, then the tail.
  while (i < end && (i & 7) !== 0) {
    if ((bitmap[i >> 3]! & (1 << (i & 7))) !== 0) count++;
    i++;
  }
  while (i + 8 <= end) {
    count += POPCOUNT8[bitmap[i >> 3]!]!;
    i += 8;
  }
  while (i < end) {
    if ((bitmap[i >> 3]! & (1 << (i & 7))) !== 0) count++;
    i++;
  }
  return count;
}

const POPCOUNT8 = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();
