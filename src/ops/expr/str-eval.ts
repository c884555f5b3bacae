/**
 * Evaluating string operations (`expr.str.*`).
 *
 * - utf8 columns: `startsWith`, `endsWith` and literal `contains` compare UTF-8 bytes (a literal
 *   `contains` searches the whole byte buffer with `Buffer#indexOf` and maps matches to rows);
 *   `length` counts UTF-8 lead bytes; `slice` walks lead bytes and copies byte ranges; `lower` and
 *   `upper` rewrite ASCII rows byte by byte. Only regular expressions, non-ASCII case mapping and
 *   `replace` of a row that matches decode the row to a string.
 * - categorical columns: the operation runs once per dictionary entry in use (memoized by code),
 *   then the codes are mapped. String results stay categorical: a new dictionary of the distinct
 *   results in use, in first-seen order.
 * - Nulls stay null. Code points are counted as UTF-8 has them (a lone surrogate in a literal is
 *   one code point, U+FFFD).
 */
import type { Where } from './expr.js';
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind } from '../../dtype/dtype.js';
import type { Column } from '../../column/column.js';
import { decodeUtf8 } from '../../column/access.js';
import type { Utf8Bytes } from '../../column/builder-strings.js';
import { bitmapBytes } from '../../util/bits.js';
import type { Value } from './eval.js';
import type { StrCall, StrPattern } from './str.js';
import { boolColumn, numberColumn, validityOf } from './values.js';
import { categoricalColumn, Interner, isNullBit, utf8Bytes, utf8Column } from './columns.js';

const encoder = new TextEncoder();
const MAX_UTF8_BYTES = 2 ** 31 - 1;

/**
 * Evaluate a string operation on an evaluated operand of `n` rows.
 * @throws ExpressionError for a non-string input or bad arguments.
 * @example
 * ```ts
 * strValue({ fn: 'upper' }, { scalar: 'abc', dtype: utf8() }, 1, 'lit("abc").str.upper()');
 * // → { scalar: 'ABC', dtype: utf8 }
 * ```
 */
export function strValue(call: StrCall, v: Value, n: number, where: Where): Value {
  const op = compile(call, where);
  const outKind = op.kind === 'test' ? 'bool' : op.kind === 'count' ? 'int32' : 'utf8';
  if ('scalar' in v) {
    if (v.scalar === null) return { scalar: null, dtype: dtypeOfKind(outKind, true) };
    if (typeof v.scalar !== 'string') throw new ExpressionError(where, `expected a string, got ${typeof v.scalar}`);
    const s = v.scalar;
    const out = op.kind === 'test' ? op.test(s) : op.kind === 'count' ? codePoints(s) : op.map(s);
    return { scalar: out, dtype: dtypeOfKind(outKind, false) };
  }
  const c = v.column;
  if (c.dtype.kind === 'categorical') return onCategorical(op, c, n);
  if (c.dtype.kind !== 'utf8') throw new ExpressionError(where, `expected strings, got ${dtypeName(c.dtype)} column "${c.name}"`);
  return { column: onUtf8(call, op, c, n, where) };
}

/** An operation as a function of one string: a test, a count or a mapping. */
type StrOp = { kind: 'test'; test: (s: string) => boolean } | { kind: 'count' } | { kind: 'map'; map: (s: string) => string };

function regexOf(p: StrPattern, global: boolean, where: Where): RegExp {
  if (typeof p !== 'string' && (typeof p !== 'object' || p === null || typeof p.source !== 'string')) {
    throw new ExpressionError(where, `the pattern must be a string or a RegExp, got ${typeof p}`);
  }
  const source = typeof p === 'string' ? p : p.source;
  const flags = (typeof p === 'string' ? '' : p.flags.replace('g', '')) + (global ? 'g' : '');
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new ExpressionError(where, `invalid regular expression: ${(e as Error).message}`);
  }
}

function checkString(x: unknown, what: string, where: Where): string {
  if (typeof x !== 'string') throw new ExpressionError(where, `${what} must be a string, got ${typeof x}`);
  return x;
}

function compile(call: StrCall, where: Where): StrOp {
  switch (call.fn) {
    case 'contains': {
      if (typeof call.pattern === 'string' && call.literal) {
        const text = call.pattern;
        return { kind: 'test', test: (s) => s.includes(text) };
      }
      const re = regexOf(call.pattern, false, where);
      // A sticky expression matches at lastIndex: start every row at 0.
      return { kind: 'test', test: re.sticky ? (s) => ((re.lastIndex = 0), re.test(s)) : (s) => re.test(s) };
    }
    case 'startsWith': {
      const text = checkString(call.text, 'the prefix', where);
      return { kind: 'test', test: (s) => s.startsWith(text) };
    }
    case 'endsWith': {
      const text = checkString(call.text, 'the suffix', where);
      return { kind: 'test', test: (s) => s.endsWith(text) };
    }
    case 'length':
      return { kind: 'count' };
    case 'lower':
      return { kind: 'map', map: (s) => s.toLowerCase() };
    case 'upper':
      return { kind: 'map', map: (s) => s.toUpperCase() };
    case 'replace': {
      const replacement = checkString(call.replacement, 'the replacement', where);
      if (typeof call.pattern === 'string' && call.literal) {
        const text = call.pattern;
        const as = () => replacement;
        // An empty pattern matches between code points (a JavaScript string would split surrogates).
        if (text === '') return { kind: 'map', map: call.all ? (s) => s.replace(/(?:)/gu, as) : (s) => replacement + s };
        return { kind: 'map', map: call.all ? (s) => s.replaceAll(text, as) : (s) => s.replace(text, as) };
      }
      const re = regexOf(call.pattern, call.all, where);
      const as = () => replacement;
      const rep = call.literal ? (s: string) => s.replace(re, as) : (s: string) => s.replace(re, replacement);
      return { kind: 'map', map: re.sticky ? (s) => ((re.lastIndex = 0), rep(s)) : rep };
    }
    case 'slice': {
      const { start, length } = call;
      if (!Number.isSafeInteger(start)) throw new ExpressionError(where, `start must be an integer, got ${String(start)}`);
      if (length !== null && !(Number.isSafeInteger(length) && length >= 0)) {
        throw new ExpressionError(where, `length must be a non-negative integer, got ${String(length)}`);
      }
      return { kind: 'map', map: (s) => sliceString(s, start, length) };
    }
  }
}

/** Number of code points of `s` (a lone surrogate counts as one). */
function codePoints(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++, k++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return k;
}

/** The UTF-16 index `k` code points after index `i` of `s` (at most `s.length`). */
function advanceString(s: string, i: number, k: number): number {
  let p = i;
  for (let left = k; left > 0 && p < s.length; left--) {
    const c = s.charCodeAt(p++);
    if (c >= 0xd800 && c <= 0xdbff && p < s.length) {
      const d = s.charCodeAt(p);
      if (d >= 0xdc00 && d <= 0xdfff) p++;
    }
  }
  return p;
}

/** The clipped window `[from, to)` in code points of a string of `total` code points. */
function sliceWindow(total: number, start: number, length: number | null): [number, number] {
  let from = start >= 0 ? start : total + start;
  let to = length === null ? total : from + length;
  if (from < 0) from = 0;
  if (to > total) to = total;
  return to > from ? [from, to] : [0, 0];
}

function sliceString(s: string, start: number, length: number | null): string {
  const total = start < 0 ? codePoints(s) : Infinity;
  const [from, to] = start < 0 ? sliceWindow(total, start, length) : [start, length === null ? Infinity : start + length];
  const i = advanceString(s, 0, from);
  return s.slice(i, to === Infinity ? s.length : advanceString(s, i, to - from));
}

function onCategorical(op: StrOp, c: Column, n: number): Value {
  const dict = c.access.dict!;
  const codes = c.data.values as ArrayLike<number>;
  const valid = validityOf(c);
  if (op.kind === 'test') {
    const memo = new Int8Array(dict.length).fill(-1);
    const out = new Uint8Array(bitmapBytes(n));
    const test = op.test;
    for (let i = 0; i < n; i++) {
      if (isNullBit(valid, i)) continue;
      const k = codes[i]!;
      let m = memo[k]!;
      if (m < 0) m = memo[k] = test(dict[k]!) ? 1 : 0;
      if (m === 1) out[i >> 3]! |= 1 << (i & 7);
    }
    return { column: boolColumn(c.name, out, valid, n) };
  }
  const memo = new Int32Array(dict.length).fill(-1);
  const out = new Int32Array(n);
  if (op.kind === 'count') {
    for (let i = 0; i < n; i++) {
      if (isNullBit(valid, i)) continue;
      const k = codes[i]!;
      let m = memo[k]!;
      if (m < 0) m = memo[k] = codePoints(dict[k]!);
      out[i] = m;
    }
    return { column: numberColumn(c.name, dtypeOfKind('int32', false), out, valid) };
  }
  const interner = new Interner();
  const map = op.map;
  for (let i = 0; i < n; i++) {
    if (isNullBit(valid, i)) continue;
    const k = codes[i]!;
    let m = memo[k]!;
    if (m < 0) m = memo[k] = interner.code(map(dict[k]!));
    out[i] = m;
  }
  return { column: categoricalColumn(c.name, out, interner.strings, valid) };
}

function onUtf8(call: StrCall, op: StrOp, c: Column, n: number, where: Where): Column {
  const bytes = c.data.values as Uint8Array;
  const offs = c.data.valueOffsets as Int32Array;
  const valid = validityOf(c);
  switch (call.fn) {
    case 'startsWith':
    case 'endsWith':
      return boolColumn(c.name, affixMatches(bytes, offs, n, encoder.encode(call.text), call.fn === 'endsWith'), valid, n);
    case 'contains':
      if (typeof call.pattern === 'string' && call.literal) {
        return boolColumn(c.name, literalMatches(bytes, offs, n, encoder.encode(call.pattern)), valid, n);
      }
      break;
    case 'length': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let k = 0;
        const e = offs[i + 1]!;
        // Code points are the bytes that are not continuation bytes (10xxxxxx).
        for (let p = offs[i]!; p < e; p++) if ((bytes[p]! & 0xc0) !== 0x80) k++;
        out[i] = k;
      }
      return numberColumn(c.name, dtypeOfKind('int32', false), out, valid);
    }
    case 'slice':
      return sliceBytes(c.name, bytes, offs, n, valid, call.start, call.length, where);
    case 'lower':
    case 'upper':
      return caseMap(c.name, bytes, offs, n, valid, call.fn === 'lower', (op as { map: (s: string) => string }).map, where);
    default:
      break;
  }
  if (op.kind === 'test') {
    const out = new Uint8Array(bitmapBytes(n));
    for (let i = 0; i < n; i++) {
      if (isNullBit(valid, i)) continue;
      if (op.test(decodeUtf8(bytes, offs[i]!, offs[i + 1]!))) out[i >> 3]! |= 1 << (i & 7);
    }
    return boolColumn(c.name, out, valid, n);
  }
  const r = call as Extract<StrCall, { fn: 'replace' }>;
  if (typeof r.pattern === 'string' && r.literal && r.pattern !== '') {
    return replaceBytes(c.name, bytes, offs, n, valid, encoder.encode(r.pattern), encoder.encode(r.replacement), r.all, where);
  }
  const map = (op as { map: (s: string) => string }).map;
  const buf = utf8Bytes(n, offs[n]! - offs[0]!);
  for (let i = 0; i < n; i++) {
    if (isNullBit(valid, i)) buf.pushEmpty();
    else fits(buf.push(map(decodeUtf8(bytes, offs[i]!, offs[i + 1]!))), where);
  }
  return utf8Column(c.name, buf, valid);
}

/**
 * Literal replace on UTF-8 bytes: rows without a match are copied as they are; in the others the
 * bytes between matches are copied and `by` written for each match (the first, or `all`).
 */
function replaceBytes(name: string, bytes: Uint8Array, offs: Int32Array, n: number, valid: Uint8Array | null, needle: Uint8Array, by: Uint8Array, all: boolean, where: Where): Column {
  const firstAt = new Int32Array(n);
  const hits = literalMatches(bytes, offs, n, needle, firstAt);
  const hay = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const m = needle.length;
  const buf = utf8Bytes(n, offs[n]! - offs[0]!);
  for (let i = 0; i < n; i++) {
    const s = offs[i]!;
    const e = offs[i + 1]!;
    if (isNullBit(valid, i)) {
      buf.pushEmpty();
      continue;
    }
    if ((hits[i >> 3]! & (1 << (i & 7))) === 0) {
      fits(buf.pushBytes(bytes, s, e), where);
      continue;
    }
    let w = buf.byteLength;
    let p = s;
    let at = firstAt[i]!;
    for (;;) {
      w = appendBytes(buf, w, bytes, p, at, where);
      w = appendBytes(buf, w, by, 0, by.length, where);
      p = at + m;
      if (!all) break;
      at = hay.indexOf(needle, p);
      if (at < 0 || at + m > e) break;
    }
    buf.pushEnd(appendBytes(buf, w, bytes, p, e, where));
  }
  return utf8Column(name, buf, valid);
}

/** Write bytes `[s, e)` of `src` at byte `w` of the entry being built in `buf`; returns the new end. */
function appendBytes(buf: Utf8Bytes, w: number, src: Uint8Array, s: number, e: number, where: Where): number {
  const end = w + e - s;
  if (end > buf.bytes.length) {
    fits(end <= MAX_UTF8_BYTES, where);
    const grown = new Uint8Array(Math.min(Math.max(end, buf.bytes.length * 2), MAX_UTF8_BYTES));
    grown.set(buf.bytes.subarray(0, w));
    buf.bytes = grown;
  }
  const b = buf.bytes;
  if (e - s <= 32) for (let k = s; k < e; k++) b[w + k - s] = src[k]!;
  else b.set(src.subarray(s, e), w);
  return end;
}

function fits(ok: boolean, where: Where): void {
  if (!ok) throw new ExpressionError(where, 'the result would pass 2 GiB of UTF-8 (large_utf8 is not supported)');
}

/** Bits of the rows whose bytes start (or end) with `needle`. */
function affixMatches(bytes: Uint8Array, offs: Int32Array, n: number, needle: Uint8Array, atEnd: boolean): Uint8Array {
  const out = new Uint8Array(bitmapBytes(n));
  const m = needle.length;
  for (let i = 0; i < n; i++) {
    const s = offs[i]!;
    const e = offs[i + 1]!;
    if (e - s < m) continue;
    const from = atEnd ? e - m : s;
    let k = 0;
    while (k < m && bytes[from + k] === needle[k]) k++;
    if (k === m) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

/**
 * Bits of the rows whose bytes contain `needle`: one native search over the whole buffer, each
 * match mapped to its row (a match spanning two rows is skipped), then on from the next row.
 * `firstAt`, when given, receives the byte index of each matching row's first match.
 */
function literalMatches(bytes: Uint8Array, offs: Int32Array, n: number, needle: Uint8Array, firstAt: Int32Array | null = null): Uint8Array {
  const out = new Uint8Array(bitmapBytes(n));
  const m = needle.length;
  if (m === 0) {
    out.fill(0xff);
    return out;
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = offs[n]!;
  let row = 0;
  let p = offs[0]!;
  while (row < n) {
    const at = buf.indexOf(needle, p);
    if (at < 0 || at + m > end) break;
    while (offs[row + 1]! <= at) row++;
    if (at + m <= offs[row + 1]!) {
      out[row >> 3]! |= 1 << (row & 7);
      if (firstAt !== null) firstAt[row] = at;
      row++;
      p = offs[row]!;
    } else {
      p = at + 1;
    }
  }
  return out;
}

/** The byte index `k` code points after byte `p` (at most `e`). */
function advanceBytes(bytes: Uint8Array, p: number, e: number, k: number): number {
  let q = p;
  for (let left = k; left > 0 && q < e; left--) {
    q++;
    while (q < e && (bytes[q]! & 0xc0) === 0x80) q++;
  }
  return q;
}

function sliceBytes(name: string, bytes: Uint8Array, offs: Int32Array, n: number, valid: Uint8Array | null, start: number, length: number | null, where: Where): Column {
  const buf = utf8Bytes(n, offs[n]! - offs[0]!);
  for (let i = 0; i < n; i++) {
    const s = offs[i]!;
    const e = offs[i + 1]!;
    if (isNullBit(valid, i)) {
      buf.pushEmpty();
      continue;
    }
    let from = start;
    let count = length;
    if (start < 0) {
      // The window [total + start, … + length) clipped to the string, as in sliceWindow.
      let total = 0;
      for (let p = s; p < e; p++) if ((bytes[p]! & 0xc0) !== 0x80) total++;
      from = total + start;
      let to = length === null ? total : from + length;
      if (from < 0) from = 0;
      if (to > total) to = total;
      count = to > from ? to - from : 0;
    }
    const bs = advanceBytes(bytes, s, e, from);
    const be = count === null ? e : advanceBytes(bytes, bs, e, count);
    fits(buf.pushBytes(bytes, bs, be), where);
  }
  return utf8Column(name, buf, valid);
}

function caseMap(name: string, bytes: Uint8Array, offs: Int32Array, n: number, valid: Uint8Array | null, lower: boolean, map: (s: string) => string, where: Where): Column {
  const buf = utf8Bytes(n, offs[n]! - offs[0]!);
  // ASCII letters differ from their other case by bit 0x20 only.
  const from = lower ? 65 : 97;
  for (let i = 0; i < n; i++) {
    const s = offs[i]!;
    const e = offs[i + 1]!;
    if (isNullBit(valid, i)) {
      buf.pushEmpty();
      continue;
    }
    let ascii = true;
    for (let p = s; p < e; p++) {
      if (bytes[p]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (!ascii) {
      fits(buf.push(map(decodeUtf8(bytes, s, e))), where);
      continue;
    }
    const at = buf.byteLength;
    fits(buf.pushBytes(bytes, s, e), where);
    const b = buf.bytes;
    for (let k = at; k < at + e - s; k++) if (((b[k]! - from) >>> 0) < 26) b[k] = b[k]! ^ 0x20;
  }
  return utf8Column(name, buf, valid);
}
