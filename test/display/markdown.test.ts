import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { date, float64, int32, nullable, utf8 } from '../../src/dtype/dtype.js';
import { escapeMarkdown, formatMarkdown } from '../../src/display/markdown.js';
import { escapeText } from '../../src/display/width.js';
import { DataFrame } from '../../src/frame/dataframe.js';
import { col, frame, range } from '../support/columns.js';
import { printerFrame } from '../support/every-dtype.js';

const small = frame(
  col('id', int32(), [1, 2, 3]),
  col('name', nullable(utf8()), ['Ada', null, 'Linus']),
  col('amount', nullable(float64()), [1.5, null, 12]),
);

/** Split a GFM table row into its cells at unescaped pipes. */
function cells(line: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 1; i < line.length - 1; i++) {
    const c = line[i]!;
    if (c === '\\') {
      cur += c + (line[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      parts.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  parts.push(cur.trim());
  return parts;
}

/** What a markdown renderer shows for a backslash-escaped cell: each `\x` becomes `x`. */
function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

describe('formatMarkdown', () => {
  it('prints shape, a name (dtype) header, ---: for numbers and padded cells', () => {
    expect(formatMarkdown(small)).toBe(
      [
        'shape: (3, 3)',
        '',
        '| id (i32) | name (str) | amount (f64) |',
        '|---------:|------------|-------------:|',
        '|        1 | Ada        |          1.5 |',
        '|        2 | null       |         null |',
        '|        3 | Linus      |         12.0 |',
      ].join('\n'),
    );
  });

  it('leaves out the shape line and the dtypes when asked', () => {
    const out = formatMarkdown(small, { showShape: false, showDtypes: false }).split('\n');
    expect(out[0]).toBe('| id  | name  | amount |');
    expect(out[1]).toBe('|----:|-------|-------:|');
  });

  it('shows the first 5 and last 5 rows of a long frame around a … row (maxRows 10 as in the table)', () => {
    const out = formatMarkdown(frame(col('x', int32(), range(100))), { showShape: false }).split('\n');
    expect(out).toHaveLength(2 + 11);
    expect(out.slice(2).map((l) => cells(l)[0])).toEqual(['0', '1', '2', '3', '4', '…', '95', '96', '97', '98', '99']);
  });

  it('honours maxRows and shows every row when it is negative', () => {
    const src = frame(col('x', int32(), range(20)));
    expect(formatMarkdown(src, { maxRows: 3, showShape: false }).split('\n').slice(2).map((l) => cells(l)[0])).toEqual(['0', '1', '…', '19']);
    expect(formatMarkdown(src, { maxRows: -1, showShape: false }).split('\n')).toHaveLength(22);
  });

  it('elides middle columns of a wide frame around a … column', () => {
    const src = frame(...range(30).map((j) => col(`c${j}`, int32(), [j])));
    const header = cells(formatMarkdown(src, { showShape: false, showDtypes: false }).split('\n')[0]!);
    expect(header).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', '…', 'c24', 'c25', 'c26', 'c27', 'c28', 'c29']);
    const narrow = cells(formatMarkdown(src, { showShape: false, showDtypes: false, maxCols: 3 }).split('\n')[2]!);
    expect(narrow).toEqual(['0', '1', '…', '29']);
  });

  it('escapes pipes, markup and newlines so a hostile value stays in its cell', () => {
    const src = frame(col('s', utf8(), ['a|b', '*bold* _x_ temp_max', '<script>', 'line\nbreak', 'back\\slash|', '`code` [l](u) ~~s~~ &amp;']));
    const lines = formatMarkdown(src, { showShape: false }).split('\n').slice(2);
    expect(lines.map((l) => cells(l))).toEqual([
      ['a\\|b'],
      ['\\*bold\\* \\_x\\_ temp_max'],
      ['\\<script\\>'],
      ['line\\\\nbreak'],
      ['back\\\\slash\\|'],
      ['\\`code\\` \\[l\\](u) \\~\\~s\\~\\~ \\&amp;'],
    ]);
  });

  it('escapes names too', () => {
    const out = formatMarkdown(frame(col('a|b*', int32(), [1])), { showShape: false });
    expect(out.split('\n')[0]).toBe('| a\\|b\\* (i32) |');
  });

  it('cuts long text to maxStringLength', () => {
    const out = formatMarkdown(frame(col('s', utf8(), ['abcdefghij'])), { maxStringLength: 5, showShape: false });
    expect(cells(out.split('\n')[2]!)).toEqual(['abcd…']);
  });

  it('formats dates and floats as the box table does', () => {
    const src = frame(col('d', date(), [new Date(Date.UTC(2024, 0, 15))]), col('f', float64(), [0.1 + 0.2]));
    expect(cells(formatMarkdown(src, { showShape: false }).split('\n')[2]!)).toEqual(['2024-01-15', '0.3']);
  });

  it('prints a valid one-column table for a frame without columns, and header only without rows', () => {
    expect(formatMarkdown({ height: 0, columns: [] }, { showShape: false })).toBe('|  |\n|--|');
    expect(formatMarkdown(frame(col('x', int32(), [])), { showShape: false })).toBe('| x (i32) |\n|--------:|');
  });

  it('keeps every row to its column count and every cell reading back as its text, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 12 }), (values) => {
        const lines = formatMarkdown(frame(col('s', utf8(), values), col('n', int32(), values.map((_, i) => i))), {
          showShape: false,
          maxRows: -1,
          maxStringLength: 1000,
        }).split('\n');
        expect(lines).toHaveLength(values.length + 2);
        lines.slice(2).forEach((line, i) => {
          expect(line).not.toMatch(/[\n\r]/);
          const parts = cells(line);
          expect(parts).toHaveLength(2);
          expect(unescape(parts[0]!)).toBe(escapeText(values[i]!).trim());
        });
      }),
    );
  });
});

describe('escapeMarkdown', () => {
  it('keeps an underscore between letters or digits and escapes one at a word edge', () => {
    expect(escapeMarkdown('temp_max _x a_1')).toBe('temp_max \\_x a_1');
  });
});

describe('DataFrame.toMarkdown', () => {
  it('prints the frame as a markdown table', () => {
    const df = DataFrame.fromRecords([{ city: 'Oslo | NO', temp: 3.5 }]);
    expect(df.toMarkdown({ showShape: false })).toBe(
      ['| city (str) | temp (f64) |', '|------------|-----------:|', '| Oslo \\| NO |        3.5 |'].join('\n'),
    );
  });
});

describe('formatMarkdown: every dtype', () => {
  it('spells nested and temporal values as the box table does, escaped for GFM, decimals right-aligned', () => {
    expect(formatMarkdown(printerFrame().core)).toBe(
      [
        'shape: (3, 6)',
        '',
        '| ts_ns (datetime\\[ns, Europe/Oslo\\]) | dec (decimal\\[10,4\\]) | bin (binary)    | list_str (list\\[str\\]) | struct (struct\\[2\\])   | map (map\\[str, i32\\]) |',
        '|-------------------------------------|----------------------:|-----------------|------------------------|------------------------|-----------------------|',
        '| 2024-05-01 12:00:00.123456789+02:00 |               12.3400 | b"\\\\x00\\\\x01ab" | \\["a", "b\\\\"c"\\]       | {a: 1, b: "x"}         | {"a": 1, "b": null}   |',
        '| null                                |                  null | null            | \\[null\\]               | null                   | null                  |',
        '| 1970-01-01 00:59:59.999999999+01:00 |               -0.0005 | b""             | \\[\\]                   | {a: null, b: "\\<\\&\\>"} | {}                    |',
      ].join('\n'),
    );
  });
});
