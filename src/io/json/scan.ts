/**
 * Byte-level JSON scanning (RFC 8259) over a window of UTF-8 bytes: whitespace, strings (with
 * escapes checked and, when asked, decoded to UTF-8), numbers, literals, and whole nested values
 * skipped with their grammar checked. No string is made for a value.
 *
 * Running off the end of the window throws {@link NEED_MORE} while more input may come (the caller
 * fetches the next chunk and scans the record again), and a {@link JsonSyntax} error once the
 * input has ended. Every other grammar error is a `JsonSyntax` naming the offending byte.
 */
import { allocTyped, grownCapacity, heapAllocator, resizeTyped } from '../../util/alloc.js';

/** A grammar error at byte `at` of the window; the reader adds line, row and key. */
export class JsonSyntax extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

/** Thrown when the window ends inside a value and more input may follow. */
export const NEED_MORE: unique symbol = Symbol('need more input');

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/** Byte → 1 for the characters a `\` may precede (`"\/bfnrtu`). */
const ESCAPES = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPES[c.charCodeAt(0)] = 1;

/** The hex digit's value, or -1. */
function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** What a byte that starts a value is, for messages. */
export function describeStart(c: number | undefined): string {
  if (c === undefined) return 'the end of the input';
  if (c === QUOTE) return 'a string';
  if (c === 123) return 'an object';
  if (c === 91) return 'an array';
  if (c === 116 || c === 102) return 'a boolean';
  if (c === 110) return 'null';
  if (c === MINUS || (c >= ZERO && c <= NINE)) return 'a number';
  if (c >= 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/** Scans one window `[.., end)` of bytes `b`; `final` says no bytes follow the window. */
export class Scanner {
  b: Uint8Array = new Uint8Array(0);
  end = 0;
  final = true;
  /** What the window's end is called in messages: `input` (records) or `line` (NDJSON). */
  endName = 'input';
  /** Newlines passed so far (counted in whitespace, the only place JSON allows them). */
  lines = 0;
  /** Whether the last string scanned held a `\` escape. */
  escaped = false;
  /** Whether the last number scanned was an integer (no fraction, no exponent). */
  integer = false;
  /** Decoded bytes of the last string passed to `unescape`. */
  scratch: Uint8Array = allocTyped(Uint8Array, 256, heapAllocator);
  /** Nesting stack of `skipValue`: 1 for an object, 2 for an array. */
  private stack = new Uint8Array(64);
  /** The deepest nesting the last `skipValue` met (0 for a scalar, 1 for `[1]`, 2 for `[[1]]` …). */
  deepest = 0;

  /** Set the window. */
  reset(b: Uint8Array, end: number, final: boolean): void {
    this.b = b;
    this.end = end;
    this.final = final;
  }

  /** Throw NEED_MORE, or, at the end of the input, a syntax error at `at`. */
  short(at: number, what?: string): never {
    if (!this.final) throw NEED_MORE;
    throw new JsonSyntax(what ?? `unexpected end of ${this.endName}`, at);
  }

  /** The first non-whitespace byte at or after `i` (counting newlines); `end` when there is none. */
  ws(i: number): number {
    const b = this.b;
    const e = this.end;
    for (; i < e; i++) {
      const c = b[i]!;
      if (c > 32) return i;
      if (c === 10) this.lines++;
      else if (c !== 32 && c !== 9 && c !== 13) return i;
    }
    return i;
  }

  /**
   * The index of the closing quote of the string whose opening quote is at `i`. Sets `escaped`.
   * @throws JsonSyntax for a control character, a bad escape or an unterminated string.
   */
  string(i: number): number {
    const b = this.b;
    const e = this.end;
    let j = i + 1;
    let escaped = false;
    for (;;) {
      if (j >= e) this.short(i, 'unterminated string');
      const c = b[j]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        if (j + 1 >= e) this.short(i, 'unterminated string');
        const x = b[j + 1]!;
        if (ESCAPES[x] !== 1) throw new JsonSyntax(`invalid escape '\\${x < 0x20 || x >= 0x7f ? '?' : String.fromCharCode(x)}'`, j);
        if (x === 117) {
          if (j + 5 >= e) this.short(i, 'unterminated string');
          for (let k = 2; k < 6; k++) if (hex(b[j + k]!) < 0) throw new JsonSyntax('invalid \\u escape: expected four hex digits', j);
          j += 6;
        } else {
          j += 2;
        }
        continue;
      }
      if (c < 0x20) throw new JsonSyntax(c === 10 ? 'unterminated string (a raw line break inside a string)' : 'unescaped control character in a string', j);
      j++;
    }
    this.escaped = escaped;
    return j;
  }

  /**
   * Decode the escaped string content `[s, e)` (already checked by `string`) into `scratch` as
   * UTF-8; returns the byte length.
   * @throws JsonSyntax for a lone surrogate (`\ud800` without its pair), which UTF-8 cannot hold.
   */
  unescape(s: number, e: number): number {
    const b = this.b;
    if (this.scratch.length < e - s) this.scratch = resizeTyped(this.scratch, 0, grownCapacity(this.scratch.length, e - s), heapAllocator);
    const out = this.scratch;
    let p = 0;
    for (let i = s; i < e; ) {
      const c = b[i]!;
      if (c !== BACKSLASH) {
        out[p++] = c;
        i++;
        continue;
      }
      const x = b[i + 1]!;
      i += 2;
      switch (x) {
        case 98: out[p++] = 8; continue; // \b
        case 102: out[p++] = 12; continue; // \f
        case 110: out[p++] = 10; continue; // \n
        case 114: out[p++] = 13; continue; // \r
        case 116: out[p++] = 9; continue; // \t
        case 117: break; // \u
        default: out[p++] = x; continue; // \" \\ \/
      }
      let cp = (hex(b[i]!) << 12) | (hex(b[i + 1]!) << 8) | (hex(b[i + 2]!) << 4) | hex(b[i + 3]!);
      i += 4;
      if (cp >= 0xd800 && cp <= 0xdfff) {
        const lo =
          cp <= 0xdbff && i + 1 < e && b[i] === BACKSLASH && b[i + 1] === 117
            ? (hex(b[i + 2]!) << 12) | (hex(b[i + 3]!) << 8) | (hex(b[i + 4]!) << 4) | hex(b[i + 5]!)
            : -1;
        if (lo < 0xdc00 || lo > 0xdfff) throw new JsonSyntax('lone surrogate in a \\u escape (UTF-8 cannot hold it)', i - 6);
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i += 6;
      }
      if (cp < 0x80) out[p++] = cp;
      else if (cp < 0x800) {
        out[p++] = 0xc0 | (cp >> 6);
        out[p++] = 0x80 | (cp & 0x3f);
      } else if (cp < 0x10000) {
        out[p++] = 0xe0 | (cp >> 12);
        out[p++] = 0x80 | ((cp >> 6) & 0x3f);
        out[p++] = 0x80 | (cp & 0x3f);
      } else {
        out[p++] = 0xf0 | (cp >> 18);
        out[p++] = 0x80 | ((cp >> 12) & 0x3f);
        out[p++] = 0x80 | ((cp >> 6) & 0x3f);
        out[p++] = 0x80 | (cp & 0x3f);
      }
    }
    return p;
  }

  /**
   * The end of the number starting at `i` (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
   * Sets `integer`.
   * @throws JsonSyntax for text that is not a JSON number (`01`, `1.`, `.5`, `+1`, `NaN` …).
   */
  number(i: number): number {
    const b = this.b;
    const e = this.end;
    let j = i;
    if (b[j] === MINUS) j++;
    if (j >= e) this.short(i);
    let c = b[j]!;
    if (c === ZERO) {
      j++;
    } else if (c > ZERO && c <= NINE) {
      j++;
      while (j < e && (c = b[j]!) >= ZERO && c <= NINE) j++;
    } else {
      throw new JsonSyntax('invalid number', i);
    }
    let integer = true;
    if (j < e && b[j] === 46) {
      integer = false;
      j++;
      const d = j;
      while (j < e && (c = b[j]!) >= ZERO && c <= NINE) j++;
      if (j === d) {
        if (j >= e) this.short(i);
        throw new JsonSyntax('invalid number: a digit must follow the decimal point', i);
      }
    }
    if (j < e && (b[j] === 101 || b[j] === 69)) {
      integer = false;
      j++;
      if (j < e && (b[j] === 43 || b[j] === MINUS)) j++;
      const d = j;
      while (j < e && (c = b[j]!) >= ZERO && c <= NINE) j++;
      if (j === d) {
        if (j >= e) this.short(i);
        throw new JsonSyntax('invalid number: the exponent has no digits', i);
      }
    }
    // A number running into the window's end may go on in the next chunk.
    if (j >= e && !this.final) throw NEED_MORE;
    if (j < e) {
      c = b[j]!;
      if ((c >= ZERO && c <= NINE) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS) {
        throw new JsonSyntax(b[i] === ZERO || (b[i] === MINUS && b[i + 1] === ZERO) ? 'invalid number: leading zero' : 'invalid number', i);
      }
    }
    this.integer = integer;
    return j;
  }

  /**
   * The end of the literal `word` (`true`, `false`, `null`, given as bytes) starting at `i`.
   * @throws JsonSyntax when the bytes are not that literal.
   */
  literal(i: number, word: Uint8Array): number {
    const b = this.b;
    const e = this.end;
    const n = word.length;
    for (let k = 0; k < n; k++) {
      if (i + k >= e) this.short(i);
      if (b[i + k] !== word[k]) throw new JsonSyntax(`invalid literal (expected ${String.fromCharCode(...word)})`, i);
    }
    return i + n;
  }

  /**
   * The end of the value starting at `i` (any JSON value, nested to any depth), checking its
   * grammar without building it. Iterative: deep nesting cannot overflow the call stack.
   * @throws JsonSyntax at the first grammar error.
   */
  skipValue(i: number): number {
    let depth = 0;
    this.deepest = 0;
    for (;;) {
      // A value at i.
      i = this.ws(i);
      if (i >= this.end) this.short(i);
      const c = this.b[i]!;
      let closed = false;
      if (c === 123 || c === 91) {
        const kind = c === 123 ? 1 : 2;
        i = this.ws(i + 1);
        if (i >= this.end) this.short(i);
        if (depth + 1 > this.deepest) this.deepest = depth + 1;
        if (this.b[i] === (kind === 1 ? 125 : 93)) {
          i++;
          closed = true;
        } else {
          if (depth >= this.stack.length) {
            const next = new Uint8Array(this.stack.length * 2);
            next.set(this.stack);
            this.stack = next;
          }
          this.stack[depth++] = kind;
          if (kind === 1) {
            i = this.key(i);
            continue;
          }
          continue;
        }
      } else {
        i = this.scalar(i);
        closed = true;
      }
      // After a value: close containers or move to the next member.
      while (closed) {
        if (depth === 0) return i;
        i = this.ws(i);
        if (i >= this.end) this.short(i);
        const d = this.b[i]!;
        const kind = this.stack[depth - 1]!;
        if (d === 44) {
          i = this.ws(i + 1);
          if (kind === 1) i = this.key(i);
          closed = false;
        } else if (d === (kind === 1 ? 125 : 93)) {
          depth--;
          i++;
        } else {
          throw new JsonSyntax(`expected ',' or '${kind === 1 ? '}' : ']'}', found ${describeStart(d)}`, i);
        }
      }
    }
  }

  /** Past `"key"` and `:` of an object member at `i`; returns where its value may start. */
  private key(i: number): number {
    if (i >= this.end) this.short(i);
    if (this.b[i] !== QUOTE) throw new JsonSyntax(`expected a key in quotes, found ${describeStart(this.b[i])}`, i);
    i = this.ws(this.string(i) + 1);
    if (i >= this.end) this.short(i);
    if (this.b[i] !== 58) throw new JsonSyntax(`expected ':' after the key, found ${describeStart(this.b[i])}`, i);
    return i + 1;
  }

  /** The end of the string, number or literal at `i`. */
  private scalar(i: number): number {
    const c = this.b[i]!;
    if (c === QUOTE) return this.string(i) + 1;
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.number(i);
    if (c === 116) return this.literal(i, TRUE);
    if (c === 102) return this.literal(i, FALSE);
    if (c === 110) return this.literal(i, NULL);
    throw new JsonSyntax(`expected a value, found ${describeStart(c)}`, i);
  }
}

/** The literals as bytes. */
export const TRUE = new Uint8Array([116, 114, 117, 101]);
export const FALSE = new Uint8Array([102, 97, 108, 115, 101]);
export const NULL = new Uint8Array([110, 117, 108, 108]);
