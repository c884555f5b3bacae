import { describe, it, expect } from 'vitest';
import { displayWidth, escapeText, padText, truncateText } from '../../src/display/width.js';

describe('displayWidth', () => {
  it('counts printable ASCII as one column per character', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('hello, world!')).toBe(13);
  });

  it('counts CJK ideographs, kana, Hangul and fullwidth forms as two columns', () => {
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('こんにちは')).toBe(10);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('ＡＢＣ')).toBe(6);
    expect(displayWidth('a日b')).toBe(4);
    expect(displayWidth('𠀀')).toBe(2); // CJK extension B, outside the BMP
  });

  it('counts emoji as two columns, including multi-code-point sequences', () => {
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('👍🏽')).toBe(2); // skin tone modifier
    expect(displayWidth('👨‍👩‍👧')).toBe(2); // ZWJ family
    expect(displayWidth('🇳🇴')).toBe(2); // flag
    expect(displayWidth('❤️')).toBe(2); // text-default symbol with U+FE0F
    expect(displayWidth('1️⃣')).toBe(2); // keycap
    expect(displayWidth('ok👍')).toBe(4);
  });

  it('counts combining marks and zero-width characters as zero columns', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('Åström'.normalize('NFD'))).toBe(6);
    expect(displayWidth('a\u200bb')).toBe(2); // zero-width space
    expect(displayWidth('\u1100\u1161\u11a8')).toBe(2); // Hangul jamo forming one syllable
  });

  it('counts Latin, Greek and Cyrillic letters and box-drawing characters as one column', () => {
    expect(displayWidth('Ünïcödé')).toBe(7);
    expect(displayWidth('αβγ')).toBe(3);
    expect(displayWidth('Привет')).toBe(6);
    expect(displayWidth('│┆…')).toBe(3);
  });

  it('counts control characters as zero columns', () => {
    expect(displayWidth('a\u0001b')).toBe(2);
  });
});

describe('truncateText', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateText('hello', 5)).toBe('hello');
    expect(truncateText('日本', 4)).toBe('日本');
  });

  it('cuts text that is too wide and ends it with … within the width', () => {
    expect(truncateText('Hello, world', 6)).toBe('Hello…');
    expect(displayWidth(truncateText('Hello, world', 6))).toBe(6);
  });

  it('never splits a wide character, leaving the result one column short if need be', () => {
    expect(truncateText('日本語です', 6)).toBe('日本…');
    expect(truncateText('日本語です', 5)).toBe('日本…');
    expect(truncateText('日本語です', 4)).toBe('日…');
  });

  it('keeps grapheme clusters whole', () => {
    expect(truncateText('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 5)).toBe('👨‍👩‍👧👨‍👩‍👧…');
    expect(truncateText('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
  });

  it('gives … alone for a width of one and nothing for a width below one', () => {
    expect(truncateText('abc', 1)).toBe('…');
    expect(truncateText('abc', 0)).toBe('');
  });
});

describe('escapeText', () => {
  it('shows newlines, carriage returns and tabs as backslash escapes', () => {
    expect(escapeText('a\nb')).toBe('a\\nb');
    expect(escapeText('a\r\nb')).toBe('a\\r\\nb');
    expect(escapeText('a\tb')).toBe('a\\tb');
  });

  it('shows other control characters, line separators and bidi overrides as \\uXXXX', () => {
    expect(escapeText('\u0001\u001b\u007f\u0085')).toBe('\\u0001\\u001b\\u007f\\u0085');
    expect(escapeText('a\u2028b\u202ec')).toBe('a\\u2028b\\u202ec');
  });

  it('leaves ordinary text, backslashes and emoji joiners alone', () => {
    expect(escapeText('plain text')).toBe('plain text');
    expect(escapeText('C:\\dir')).toBe('C:\\dir');
    expect(escapeText('👨‍👩‍👧')).toBe('👨‍👩‍👧');
  });

  it('escapes the same way on repeated calls', () => {
    expect(escapeText('x\n')).toBe('x\\n');
    expect(escapeText('y\n')).toBe('y\\n');
  });
});

describe('padText', () => {
  it('pads by display width on the side away from the alignment', () => {
    expect(padText('ab', 5, 'left')).toBe('ab   ');
    expect(padText('ab', 5, 'right')).toBe('   ab');
    expect(padText('日本', 6, 'left')).toBe('日本  ');
    expect(padText('toolong', 3, 'left')).toBe('toolong');
  });
});
