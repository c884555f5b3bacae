/** Decimal storage: unscaled integers of 32 to 256 bits as little-endian 32-bit words. */

/**
 * The unscaled value of the decimal at row `i` of `words` (`stride` words a row, `bits` wide).
 * @example
 * ```ts
 * decimalAt(Uint32Array.of(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff), 0, 4, 128); // → -1n
 * ```
 */
export function decimalAt(words: Uint32Array, i: number, stride: number, bits: number): bigint {
  const w = i * stride;
  if (stride === 1) return BigInt(words[w]! | 0);
  let v = 0n;
  for (let k = stride - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[w + k]!);
  return BigInt.asIntN(bits, v);
}

/**
 * Write unscaled value `v` (which the width holds) at row `i` of `words`.
 * @example
 * ```ts
 * const w = new Uint32Array(2);
 * writeDecimal(w, 0, 2, -2n);
 * Array.from(w); // → [ 4294967294, 4294967295 ]
 * ```
 */
export function writeDecimal(words: Uint32Array, i: number, stride: number, v: bigint): void {
  let x = BigInt.asUintN(stride * 32, v);
  for (let k = 0; k < stride; k++, x >>= 32n) words[i * stride + k] = Number(x & 0xffffffffn);
}

/** The decimal words of data values (a Uint32Array view of `n` rows of `stride` words). */
export function decimalWords(values: ArrayBufferView, n: number, stride: number): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, n * stride);
}
