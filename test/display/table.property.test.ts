import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Column } from '../../src/column/column.js';
import { float64, int32, nullable, utf8 } from '../../src/dtype/dtype.js';
import { formatTable, type PrintOptions } from '../../src/display/table.js';
import { displayWidth } from '../../src/display/width.js';
import { col } from '../support/columns.js';
import { frameOf, listVector, structVector } from '../support/every-dtype.js';
import { Utf8, vectorFromArray } from 'apache-arrow';

/** A list<utf8> column of `height` rows (some null) holding the given texts, and a struct of it and a text. */
function nestedColumn(name: string, lists: (string[] | null)[], kind: 'list' | 'struct'): Column {
  const items = lists.flatMap((l) => l ?? []);
  const offsets = [0];
  for (const l of lists) offsets.push(offsets[offsets.length - 1]! + (l?.length ?? 0));
  const list = listVector(vectorFromArray(items, new Utf8()), offsets, lists.map((l) => l !== null));
  if (kind === 'list') return frameOf({ v: list }).getColumn('v').rename(name);
  const other = vectorFromArray(lists.map((l) => l?.[0] ?? null), new Utf8());
  return frameOf({ v: structVector({ xs: list, 'first item': other }) }).getColumn('v').rename(name);
}

/** Any text: ASCII, full Unicode (controls, marks, CJK, astral), grapheme clusters (emoji sequences). */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
  fc.constantFrom('日本語のテキスト', '👨‍👩‍👧 family', '🇳🇴🇸🇪', 'e\u0301\u0301', 'a\nb\tc', ' \u0301', '\u1100\u1161'),
);

function columnOf(height: number): fc.Arbitrary<Column> {
  return fc.oneof(
    fc.tuple(text, fc.array(fc.option(text, { nil: null }), { minLength: height, maxLength: height })).map(([name, values]) =>
      col(name, nullable(utf8()), values),
    ),
    fc.tuple(text, fc.array(fc.option(fc.double(), { nil: null }), { minLength: height, maxLength: height })).map(
      ([name, values]) => col(name, nullable(float64()), values),
    ),
    fc.tuple(text, fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: height, maxLength: height })).map(
      ([name, values]) => col(name, int32(), values),
    ),
    fc
      .tuple(
        text,
        fc.array(fc.option(fc.array(text, { maxLength: 6 }), { nil: null }), { minLength: height, maxLength: height }),
        fc.constantFrom<'list' | 'struct'>('list', 'struct'),
      )
      .map(([name, lists, kind]) => nestedColumn(name, lists, kind)),
  );
}

const source = fc
  .integer({ min: 0, max: 25 })
  .chain((height) => fc.record({ height: fc.constant(height), columns: fc.array(columnOf(height), { maxLength: 16 }) }));

const options: fc.Arbitrary<PrintOptions> = fc.record(
  {
    maxRows: fc.integer({ min: -1, max: 12 }),
    maxCols: fc.integer({ min: -1, max: 14 }),
    maxStringLength: fc.integer({ min: 1, max: 60 }),
    showDtypes: fc.boolean(),
    showShape: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('formatTable properties', () => {
  it('prints every line of the box with the same display width and no line breaks inside cells', () => {
    fc.assert(
      fc.property(source, options, (src, opts) => {
        const out = formatTable(src, { ...opts, maxWidth: -1 });
        const box = out.split('\n').filter((l) => !l.startsWith('shape:'));
        const widths = new Set(box.map(displayWidth));
        expect(widths.size).toBe(1);
        // Top rule, header lines, header rule, shown rows, bottom rule.
        if (src.columns.length > 0) {
          const headerLines = opts.showDtypes === false ? 1 : 3;
          const maxRows = opts.maxRows ?? 10;
          const shown = maxRows < 0 || src.height <= maxRows ? src.height : maxRows + 1;
          expect(box).toHaveLength(3 + headerLines + shown);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never prints a line wider than maxWidth when maxWidth >= 40', () => {
    fc.assert(
      fc.property(source, options, fc.integer({ min: 40, max: 160 }), (src, opts, maxWidth) => {
        const out = formatTable(src, { ...opts, maxWidth });
        const box = out.split('\n').filter((l) => !l.startsWith('shape:'));
        const widths = new Set(box.map(displayWidth));
        expect(widths.size).toBe(1);
        for (const w of widths) expect(w).toBeLessThanOrEqual(maxWidth);
      }),
      { numRuns: 300 },
    );
  });
});
