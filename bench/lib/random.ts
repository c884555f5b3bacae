/**
 * A small seeded pseudo-random generator (mulberry32) and helpers, so every benchmark run sees
 * the same data. Not for cryptography.
 */

/** The raw mulberry32 step: a function returning uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** A seeded random source with the helpers the benchmarks need. */
export class Random {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.#next();
  }

  /** A uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#next() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  bool(p = 0.5): boolean {
    return this.#next() < p;
  }

  /** A char code of a lowercase ASCII letter. */
  lowerCode(): number {
    return LOWER.charCodeAt(this.int(0, 25));
  }

  /** A char code of an uppercase ASCII letter. */
  upperCode(): number {
    return UPPER.charCodeAt(this.int(0, 25));
  }

  /** A char code of an ASCII digit. */
  digitCode(): number {
    return DIGITS.charCodeAt(this.int(0, 9));
  }

  /**
   * Fill `out` (cleared first) with the char codes of a capitalized word of `len` letters.
   * Returns `out`.
   */
  wordCodes(len: number, out: number[]): number[] {
    out.length = 0;
    for (let k = 0; k < len; k++) out.push(k === 0 ? this.upperCode() : this.lowerCode());
    return out;
  }

  /**
   * Fill `out` (cleared first) with the char codes of `len` characters of ASCII text: lowercase
   * words of 2–9 letters separated by single spaces (never a leading or trailing space).
   */
  textCodes(len: number, out: number[]): number[] {
    out.length = 0;
    let word = this.int(2, 9);
    while (out.length < len) {
      if (word === 0 && out.length < len - 1) {
        out.push(32);
        word = this.int(2, 9);
      } else {
        out.push(this.lowerCode());
        word = Math.max(0, word - 1);
      }
    }
    return out;
  }

  /**
   * Fill `out` (cleared first) with the char codes of a street address of `len` characters:
   * a house number, a space, then capitalized text.
   */
  addressCodes(len: number, out: number[]): number[] {
    out.length = 0;
    const digits = Math.min(len - 2, this.int(1, 4));
    for (let k = 0; k < digits; k++) out.push(this.digitCode());
    out.push(32);
    out.push(this.upperCode());
    while (out.length < len) {
      if (out[out.length - 1] !== 32 && out.length < len - 1 && this.bool(0.15)) out.push(32);
      else out.push(out[out.length - 1] === 32 ? this.upperCode() : this.lowerCode());
    }
    return out;
  }
}

/**
 * A new, flat (sequential) string from char codes. `String.fromCharCode` allocates a fresh string
 * of exactly these characters: no cons or sliced string, nothing shared with another string.
 */
export function stringFromCodes(codes: readonly number[]): string {
  return String.fromCharCode.apply(null, codes as number[]);
}
