/**
 * A utf8 dictionary extended by delta dictionary batches. Each delta is appended into storage
 * that grows by doubling, so a stream of many deltas costs time linear in the dictionary's final
 * size (joining the whole dictionary again for each delta was quadratic). The dictionary as of
 * any batch is a view over a prefix of that storage: later appends never change it.
 */
import { Utf8, makeData, type Data } from 'apache-arrow';
import { SchemaError } from '../../errors.js';
import { bitmapBytes } from '../../util/bits.js';

/** The most bytes a utf8 dictionary holds (int32 offsets). */
const MAX_BYTES = 2 ** 31 - 1;

function grown<T extends Uint8Array | Int32Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const out = make(Math.max(need, a.length * 2, 16));
  out.set(a);
  return out;
}

/**
 * A utf8 dictionary that takes deltas in amortized constant time per byte and entry.
 * @example
 * ```ts
 * import { vectorFromArray, Utf8 } from 'apache-arrow';
 * const d = new GrowingDictionary(vectorFromArray(['a', 'b'], new Utf8()).data[0]!);
 * d.append(vectorFromArray(['c'], new Utf8()).data[0]!);
 * const data = d.data();
 * [data.length, new TextDecoder().decode(data.values)]; // → [ 3, 'abc' ]
 * ```
 */
export class GrowingDictionary {
  #offsets: Int32Array;
  #bytes: Uint8Array;
  #valid: Uint8Array | undefined;
  #length = 0;
  #nullCount = 0;

  /** @param first - The dictionary the deltas extend (copied). */
  constructor(first: Data) {
    this.#offsets = new Int32Array(first.length + 1);
    this.#bytes = new Uint8Array(0);
    this.#valid = undefined;
    this.append(first);
  }

  /** Append the entries of `delta` (a utf8 `Data`). @throws SchemaError past 2 GiB of text. */
  append(delta: Data): void {
    const o = delta.valueOffsets as Int32Array;
    const n = delta.length;
    const base = o[0]!;
    const add = o[n]! - base;
    const at = this.#offsets[this.#length]!;
    if (at + add > MAX_BYTES) throw new SchemaError(`A dictionary extended by deltas would hold ${at + add} bytes, more than the 2 GiB a utf8 dictionary holds`);
    const len = this.#length;
    this.#offsets = grown(this.#offsets, len + n + 1, (k) => new Int32Array(k));
    this.#bytes = grown(this.#bytes, at + add, (k) => new Uint8Array(k));
    this.#bytes.set((delta.values as Uint8Array).subarray(base, o[n]!), at);
    const offs = this.#offsets;
    for (let i = 1; i <= n; i++) offs[len + i] = o[i]! - base + at;
    if (delta.nullCount > 0 || this.#valid !== undefined) {
      if (this.#valid === undefined) {
        // Entries so far were all valid.
        this.#valid = new Uint8Array(Math.max(16, bitmapBytes(len + n) * 2));
        for (let i = 0; i < len; i++) this.#valid[i >> 3]! |= 1 << (i & 7);
      }
      this.#valid = grown(this.#valid, bitmapBytes(len + n), (k) => new Uint8Array(k));
      const src = delta.nullCount > 0 ? delta.nullBitmap : undefined;
      const bitOff = delta.offset;
      const dst = this.#valid;
      for (let i = 0; i < n; i++) {
        const j = i + bitOff;
        const ok = src === undefined || src === null || (src[j >> 3]! & (1 << (j & 7))) !== 0;
        if (ok) dst[(len + i) >> 3]! |= 1 << ((len + i) & 7);
        else dst[(len + i) >> 3]! &= ~(1 << ((len + i) & 7));
      }
    }
    this.#length = len + n;
    this.#nullCount += delta.nullCount;
  }

  /** The dictionary so far: a `Data` over a prefix of the storage (no copy). */
  data(): Data {
    const n = this.#length;
    return makeData({
      type: new Utf8(),
      length: n,
      nullCount: this.#nullCount,
      data: this.#bytes.subarray(0, this.#offsets[n]!),
      valueOffsets: this.#offsets.subarray(0, n + 1),
      nullBitmap: this.#nullCount > 0 ? this.#valid!.subarray(0, bitmapBytes(n)) : undefined,
    } as never) as Data;
  }
}
