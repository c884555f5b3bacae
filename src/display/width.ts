/**
 * Terminal text helpers for printing: display width (East Asian wide characters and emoji take
 * two columns, combining marks none), cutting text to a width with `…`, and escaping characters
 * that would break a table line.
 */

/** Characters printed as-is that take exactly one column each. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Marks and format characters that take no column of their own. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
/** Starts with a code point shown as emoji (two columns) without a variation selector. */
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}/u;
/** Starts with a code point that becomes emoji (two columns) when followed by U+FE0F. */
const EMOJI_BASE = /^\p{Emoji}/u;

/**
 * East Asian Wide (W) and Fullwidth (F) ranges outside the emoji blocks, inclusive, sorted.
 * Emoji are recognised separately through `Emoji_Presentation`.
 */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2329, 0x232a], // angle brackets
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4], // ideographic symbols
  [0x17000, 0x18cff], // Tangut, Khitan
  [0x1b000, 0x1b2ff], // Kana supplement and extensions, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x2fffd], // CJK extensions B–F, compatibility supplement
  [0x30000, 0x3fffd], // CJK extensions G–H
];

let segmenter: Intl.Segmenter | undefined;

/** Split text into user-perceived characters (grapheme clusters). */
function graphemes(s: string): Iterable<{ segment: string }> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(s);
}

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  for (const [lo, hi] of WIDE_RANGES) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

/** Columns taken by one code point on its own. */
function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  // Hangul medial vowels and final consonants join the preceding initial consonant.
  if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return 0;
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch)) return 0;
  if (EMOJI_PRESENTATION.test(ch)) return 2;
  return isWide(cp) ? 2 : 1;
}

/**
 * Columns taken by one grapheme cluster. A cluster that starts with an emoji (flags, skin tones,
 * ZWJ families, keycaps with U+FE0F) is one two-column glyph; any other cluster takes the sum of
 * its code points, so joining texts never changes their total width.
 */
function clusterWidth(g: string): number {
  const cp = g.codePointAt(0)!;
  if (g.length === 1 || (g.length === 2 && cp > 0xffff)) return codePointWidth(cp);
  if (EMOJI_PRESENTATION.test(g) || (g.includes('\ufe0f') && EMOJI_BASE.test(g))) return 2;
  let w = 0;
  for (const ch of g) w += codePointWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * The number of terminal columns `s` takes.
 *
 * East Asian wide and fullwidth characters and emoji count 2, combining marks and other
 * zero-width characters 0, everything else 1. Emoji sequences (flags, skin tones, ZWJ families)
 * count 2 as a whole. Control characters count 0; escape them first with {@link escapeText} when
 * they must be shown.
 *
 * @param s - The text to measure.
 * @returns Its width in terminal columns.
 * @example
 * ```ts
 * console.log(displayWidth('abc'), displayWidth('日本'), displayWidth('👍🏽'), displayWidth('e\u0301'));
 * // prints: 3 4 2 1
 * ```
 */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = 0;
  for (const { segment } of graphemes(s)) w += clusterWidth(segment);
  return w;
}

/**
 * Cut `s` to at most `maxWidth` terminal columns, ending it with `…` when it was too wide.
 *
 * Keeps the leading characters and never splits a grapheme cluster, so the result may be one
 * column narrower than `maxWidth` when a wide character does not fit.
 *
 * @param s - The text to cut.
 * @param maxWidth - The widest result allowed, in terminal columns.
 * @returns `s` itself when it fits, else a prefix of it followed by `…`.
 * @example
 * ```ts
 * console.log(truncateText('Hello, world', 6), truncateText('日本語です', 6), truncateText('ok', 6));
 * // prints: Hello… 日本… ok
 * ```
 */
export function truncateText(s: string, maxWidth: number): string {
  if (displayWidth(s) <= maxWidth) return s;
  if (maxWidth < 1) return '';
  const budget = maxWidth - 1;
  if (PRINTABLE_ASCII.test(s)) return s.slice(0, budget) + '…';
  let w = 0;
  let out = '';
  for (const { segment } of graphemes(s)) {
    const cw = clusterWidth(segment);
    if (w + cw > budget) break;
    w += cw;
    out += segment;
  }
  return out + '…';
}

/** Characters that would break a table line or reorder it: controls, line separators, bidi overrides. */
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Escape characters that would break a one-line table cell.
 *
 * `\n`, `\r` and `\t` become those two characters; other control characters, line/paragraph
 * separators and bidirectional overrides become `\uXXXX`. Other text (including backslashes) is
 * unchanged.
 *
 * @param s - The text to escape.
 * @returns The text, safe to print on one line.
 * @example
 * ```ts
 * console.log(escapeText('a\nb\tc\u0001'));
 * // prints: a\nb\tc\u0001
 * ```
 */
export function escapeText(s: string): string {
  NEEDS_ESCAPE.lastIndex = 0;
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(
    NEEDS_ESCAPE,
    (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Pad `s` with spaces to `width` terminal columns.
 *
 * `'left'` alignment pads on the right, `'right'` on the left. Text already at least `width`
 * wide is returned as is.
 *
 * @param s - The text to pad.
 * @param width - The target width in terminal columns.
 * @param align - Which side the text sits on.
 * @returns The padded text.
 * @example
 * ```ts
 * console.log(`[${padText('日本', 6, 'left')}] [${padText('42', 6, 'right')}]`);
 * // prints: [日本  ] [    42]
 * ```
 */
export function padText(s: string, width: number, align: 'left' | 'right'): string {
  const gap = width - displayWidth(s);
  if (gap <= 0) return s;
  const pad = ' '.repeat(gap);
  return align === 'left' ? s + pad : pad + s;
}
