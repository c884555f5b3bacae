/**
 * Group ids: which group each row belongs to, for one or more key columns. Groups are numbered in
 * order of first appearance (so results list groups in the order their keys first occur); a null
 * key is a group of its own.
 *
 * Categorical and boolean keys use their codes directly; integer keys with a small range a direct
 * table; other numbers, dates, timestamps (every unit), durations, times, float16 and decimals of up
 * to 64 bits a hash table over their exact order words (64-bit integers exact, −0 = 0, NaN one
 * value); utf8 keys a hash table over their bytes; keys of any other dtype (binary kinds, largeUtf8,
 * wider decimals, intervals, lists, structs, maps, unions) a hash table over each row's canonical
 * bytes (data/order-keys.ts).
 */
import { isNumericKind } from '../../dtype/dtype.js';
import type { Column } from '../../column/column.js';
import { alignedBits, validityOf } from '../expr/values.js';
import { orderWords } from '../expr/exact.js';
import { orderWordsOf, rowBytes } from '../data/order-keys.js';

/** Each row's group and each group's first row. */
export interface Groups {
  /** Group id of every row (0 … count − 1). */
  readonly ids: Int32Array;
  /** Number of groups. */
  readonly count: number;
  /** First row of each group. */
  readonly firstRow: Int32Array;
}

const NULL_KEY = -1;

/** Number the keys `key(i)` (small non-negative integers below `range`, or NULL_KEY) by first appearance. */
function byTable(n: number, range: number, key: (i: number) => number): Groups {
  const table = new Int32Array(range + 1).fill(-1); // last slot: the null key
  const ids = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = key(i);
    const slot = k === NULL_KEY ? range : k;
    let id = table[slot]!;
    if (id < 0) {
      id = first.length;
      table[slot] = id;
      first.push(i);
    }
    ids[i] = id;
  }
  return { ids, count: first.length, firstRow: Int32Array.from(first) };
}

/** Number dictionary codes without nulls by first appearance (the common case, no callback). */
function byCodes(codes: ArrayLike<number>, n: number, size: number): Groups {
  const table = new Int32Array(size).fill(-1);
  const ids = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = codes[i]!;
    let id = table[k]!;
    if (id < 0) {
      id = first.length;
      table[k] = id;
      first.push(i);
    }
    ids[i] = id;
  }
  return { ids, count: first.length, firstRow: Int32Array.from(first) };
}

/** Number arbitrary keys (numbers or strings; `null` for null) by first appearance. */
function byMap<K>(n: number, key: (i: number) => K | null): Groups {
  const map = new Map<K | null, number>();
  const ids = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = key(i);
    let id = map.get(k);
    if (id === undefined) {
      id = first.length;
      map.set(k, id);
      first.push(i);
    }
    ids[i] = id;
  }
  return { ids, count: first.length, firstRow: Int32Array.from(first) };
}

function isNullAt(v: Uint8Array | null, i: number): boolean {
  return v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0;
}

/**
 * Groups of a utf8 column by its bytes: an open-addressing table of FNV-1a hashes whose entries
 * point at each group's first row, compared byte by byte (no string per row).
 */
function utf8Groups(c: Column, v: Uint8Array | null): Groups {
  return byteGroups(c.data.valueOffsets as Int32Array, c.data.values as Uint8Array, v, c.length);
}

/**
 * Groups of rows given as byte ranges (`offs[i]` … `offs[i + 1]` of `bytes`), by first appearance;
 * rows null in `v` (when given) are one group.
 * @example
 * ```ts
 * const g = byteGroups(Int32Array.of(0, 1, 2, 3), Uint8Array.of(7, 8, 7), null, 3);
 * [Array.from(g.ids), g.count]; // → [ [ 0, 1, 0 ], 2 ]
 * ```
 */
export function byteGroups(offs: Int32Array, bytes: Uint8Array, v: Uint8Array | null, n: number): Groups {
  let size = 1024;
  while (size < n * 2) size *= 2;
  size = Math.min(size, 1 << 24);
  let mask = size - 1;
  // Each slot holds a group id and its key's hash side by side, so a probe reads one place.
  let table = new Int32Array(size * 2).fill(-1);
  let first = new Int32Array(1024); // the first row of each group
  let count = 0;
  const ids = new Int32Array(n);
  let nullId = -1;
  const same = (a: number, b: number) => {
    const sa = offs[a]!;
    const sb = offs[b]!;
    const len = offs[a + 1]! - sa;
    if (len !== offs[b + 1]! - sb) return false;
    for (let k = 0; k < len; k++) if (bytes[sa + k] !== bytes[sb + k]) return false;
    return true;
  };
  const newGroup = (i: number): number => {
    if (count >= first.length) {
      const grown = new Int32Array(first.length * 2);
      grown.set(first);
      first = grown;
    }
    first[count] = i;
    return count++;
  };
  for (let i = 0; i < n; i++) {
    if (isNullAt(v, i)) {
      if (nullId < 0) nullId = newGroup(i);
      ids[i] = nullId;
      continue;
    }
    // FNV-1a, kept as a signed 32-bit value so it reads back equal from the Int32Array.
    let h = 0x811c9dc5 | 0;
    for (let p = offs[i]!, end = offs[i + 1]!; p < end; p++) h = Math.imul(h ^ bytes[p]!, 0x01000193);
    let slot = h & mask;
    let id: number;
    for (;;) {
      const e = table[slot * 2]!;
      if (e < 0) {
        id = newGroup(i);
        table[slot * 2] = id;
        table[slot * 2 + 1] = h;
        if (count * 2 > size && size < 1 << 29) {
          // Grow and re-insert every group (rare: sized for n up front).
          const old = table;
          size *= 2;
          mask = size - 1;
          table = new Int32Array(size * 2).fill(-1);
          for (let s = 0; s < old.length; s += 2) {
            if (old[s]! < 0) continue;
            let s2 = old[s + 1]! & mask;
            while (table[s2 * 2]! >= 0) s2 = (s2 + 1) & mask;
            table[s2 * 2] = old[s]!;
            table[s2 * 2 + 1] = old[s + 1]!;
          }
        }
        break;
      }
      if (table[slot * 2 + 1] === h && same(first[e]!, i)) {
        id = e;
        break;
      }
      slot = (slot + 1) & mask;
    }
    ids[i] = id;
  }
  return { ids, count, firstRow: first.slice(0, count) };
}

/** Table size for about `n` keys: a power of two, at least twice `min(n, 65536)`. */
function initialSize(n: number): number {
  let size = 1024;
  while (size < Math.min(n, 1 << 16) * 2) size *= 2;
  return size;
}

/**
 * Groups of 64-bit keys given as order words (exact.ts: equal words ⇔ equal values, so −0 and 0,
 * and every NaN, share a group): an open-addressing table of group ids, each group's words kept
 * beside it, grown as groups appear. `null` validity means no nulls.
 */
export function wordGroups(hi: Uint32Array, lo: Uint32Array, v: Uint8Array | null, n: number): Groups {
  let size = initialSize(n);
  let mask = size - 1;
  let table = new Int32Array(size).fill(-1);
  let gHi = new Uint32Array(1024);
  let gLo = new Uint32Array(1024);
  const ids = new Int32Array(n);
  const first: number[] = [];
  let nullId = -1;
  const slotOf = (h: number, l: number) => {
    let x = Math.imul(h ^ Math.imul(l, 0x9e3779b1), 0x85ebca6b);
    x ^= x >>> 13;
    return Math.imul(x, 0xc2b2ae35) ^ (x >>> 16);
  };
  for (let i = 0; i < n; i++) {
    if (isNullAt(v, i)) {
      if (nullId < 0) ((nullId = first.length), first.push(i));
      ids[i] = nullId;
      continue;
    }
    const h = hi[i]!;
    const l = lo[i]!;
    let slot = slotOf(h, l) & mask;
    let id: number;
    for (;;) {
      const e = table[slot]!;
      if (e < 0) {
        id = first.length;
        first.push(i);
        table[slot] = id;
        if (id >= gHi.length) {
          const h2 = new Uint32Array(gHi.length * 2);
          h2.set(gHi);
          gHi = h2;
          const l2 = new Uint32Array(gLo.length * 2);
          l2.set(gLo);
          gLo = l2;
        }
        gHi[id] = h;
        gLo[id] = l;
        if (first.length * 2 > size) {
          // Grow and re-insert every group.
          size *= 2;
          mask = size - 1;
          table = new Int32Array(size).fill(-1);
          for (let g = 0; g < first.length; g++) {
            if (g === nullId) continue;
            let s2 = slotOf(gHi[g]!, gLo[g]!) & mask;
            while (table[s2]! >= 0) s2 = (s2 + 1) & mask;
            table[s2] = g;
          }
        }
        break;
      }
      if (gHi[e] === h && gLo[e] === l) {
        id = e;
        break;
      }
      slot = (slot + 1) & mask;
    }
    ids[i] = id;
  }
  return { ids, count: first.length, firstRow: Int32Array.from(first) };
}

/** Groups of one key column. */
function groupsOf(c: Column): Groups {
  const n = c.length;
  const v = validityOf(c);
  const kind = c.dtype.kind;
  if (kind === 'categorical') {
    const codes = c.data.values as Uint8Array;
    const size = c.access.dict!.length;
    if (v === null) return byCodes(codes, n, size);
    return byTable(n, size, (i) => (isNullAt(v, i) ? NULL_KEY : codes[i]!));
  }
  if (kind === 'bool') {
    const bits = alignedBits(c.data.values as Uint8Array, c.data.offset, n);
    return byTable(n, 2, (i) => (isNullAt(v, i) ? NULL_KEY : (bits[i >> 3]! >> (i & 7)) & 1));
  }
  if (kind === 'utf8') return utf8Groups(c, v);
  if (isNumericKind(kind) || kind === 'date' || kind === 'timestamp') {
    // Integers in a small range: a direct table instead of hashing.
    if (kind === 'int8' || kind === 'int16' || kind === 'int32' || kind === 'uint8' || kind === 'uint16' || kind === 'uint32' || kind === 'date') {
      const xs = c.data.values as ArrayLike<number>;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        if (isNullAt(v, i)) continue;
        const x = xs[i]!;
        if (x < min) min = x;
        if (x > max) max = x;
      }
      if (max - min < 1 << 22 || n === 0) {
        const lo = n === 0 || min === Infinity ? 0 : min;
        return byTable(n, n === 0 || max === -Infinity ? 0 : max - lo + 1, (i) => (isNullAt(v, i) ? NULL_KEY : xs[i]! - lo));
      }
    }
    const w = orderWords(c);
    return wordGroups(w.hi, w.lo, v, n);
  }
  if (kind === 'null') return byTable(n, 0, () => NULL_KEY);
  const words = orderWordsOf(c);
  if (words !== null && words.length === 1) return wordGroups(words[0]!.hi, words[0]!.lo, v, n);
  // Any other dtype (binary kinds, largeUtf8, wide decimals, intervals, lists, structs, maps,
  // unions): rows as canonical bytes, null rows (a union's too) one value.
  const r = rowBytes(c.data, c.dtype);
  return byteGroups(r.offsets as Int32Array, r.bytes, null, n);
}

/** Groups of one or more key columns (rows group together when every key is equal). */
export function groupIds(keys: readonly Column[], n: number): Groups {
  if (keys.length === 0) {
    return { ids: new Int32Array(n), count: n === 0 ? 0 : 1, firstRow: n === 0 ? new Int32Array(0) : Int32Array.of(0) };
  }
  let g = groupsOf(keys[0]!);
  for (let k = 1; k < keys.length; k++) {
    const h = groupsOf(keys[k]!);
    const a = g.ids;
    const b = h.ids;
    const width = h.count;
    g = g.count * width <= 1 << 22 ? byTable(n, g.count * width, (i) => a[i]! * width + b[i]!) : byMap(n, (i) => a[i]! * width + b[i]!);
  }
  return g;
}
