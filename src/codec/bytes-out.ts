/** Writing bytes into a growable output buffer: the shared helpers of the CSV and JSON encoders. */

/** A larger buffer holding `out`'s first `p` bytes, with room for `need` more. */
export function grow(out: Buffer, p: number, need: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(out.length * 2, p + need));
  out.copy(next, 0, 0, p);
  return next;
}

/** `bytes` at `out[p…]`; returns the position after them. */
export function put(out: Buffer, p: number, bytes: Uint8Array): number {
  for (let j = 0; j < bytes.length; j++) out[p++] = bytes[j]!;
  return p;
}

/** ASCII text (numbers, dates) as bytes at `out[p…]`; returns the position after it. */
export function writeAscii(out: Buffer, p: number, text: string): number {
  for (let j = 0; j < text.length; j++) out[p++] = text.charCodeAt(j);
  return p;
}
