import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bool, categorical, date, float64, int32, int64, nullable, utf8 } from '../../src/dtype/dtype.js';
import { formatGlimpse } from '../../src/display/glimpse.js';
import { displayWidth } from '../../src/display/width.js';
import { DataFrame } from '../../src/frame/dataframe.js';
import { col, frame, range } from '../support/columns.js';
import { printerFrame } from '../support/every-dtype.js';

const small = frame(
  col('id', int32(), [1, 2, 3]),
  col('name', nullable(utf8()), ['Ada', null, 'Linus']),
  col('amount', nullable(float64()), [1.5, null, 12]),
);

describe('formatGlimpse', () => {
  it('prints Rows and Columns, then one line per column with its name, dtype and values', () => {
    expect(formatGlimpse(small, { maxWidth: 80 })).toBe(
      [
        'Rows: 3',
        'Columns: 3',
        '$ id     <i32> 1, 2, 3',
        '$ name   <str> "Ada", null, "Linus"',
        '$ amount <f64> 1.5, null, 12.0',
      ].join('\n'),
    );
  });

  it('adds values while they fit the width and ends a cut line with …', () => {
    const src = frame(col('x', int32(), range(1000)));
    const out = formatGlimpse(src, { maxWidth: 30 }).split('\n')[2]!;
    expect(out).toBe('$ x <i32> 0, 1, 2, 3, 4, 5, …');
    expect(displayWidth(out)).toBeLessThanOrEqual(30);
  });

  it('shows at most maxValues values', () => {
    const src = frame(col('x', int32(), range(1000)));
    expect(formatGlimpse(src, { maxWidth: 200, maxValues: 3 }).split('\n')[2]).toBe('$ x <i32> 0, 1, 2, …');
    expect(formatGlimpse(src, { maxWidth: -1 }).split('\n')[2]).toBe('$ x <i32> 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …');
  });

  it('does not add … when every value is shown', () => {
    expect(formatGlimpse(frame(col('x', int32(), [1, 2])), { maxWidth: 20 }).split('\n')[2]).toBe('$ x <i32> 1, 2');
  });

  it('quotes strings, escaping quotes, backslashes and newlines, and cuts long ones inside the quotes', () => {
    const src = frame(col('s', utf8(), ['say "hi"', 'a\\b', 'x\ny', 'a'.repeat(50)]));
    const line = formatGlimpse(src, { maxWidth: 200, maxStringLength: 12 }).split('\n')[2]!;
    expect(line).toBe(String.raw`$ s <str> "say \"hi\"", "a\\b", "x\ny", "aaaaaaaaa…"`);
  });

  it('quotes categorical values and spells bools, dates and nulls as the table does', () => {
    const src = frame(
      col('c', nullable(categorical()), ['rain', null]),
      col('b', nullable(bool()), [true, null]),
      col('d', date(), [new Date(Date.UTC(2024, 0, 15)), new Date(Date.UTC(2024, 1, 1))]),
    );
    expect(formatGlimpse(src, { maxWidth: 80 }).split('\n').slice(2)).toEqual([
      '$ c <cat>  "rain", null',
      '$ b <bool> true, null',
      '$ d <date> 2024-01-15, 2024-02-01',
    ]);
  });

  it('prints a 64-bit integer beyond 2^53 exactly rather than throwing', () => {
    const src = frame(col('big', int64(), [2n ** 60n]));
    expect(formatGlimpse(src, { maxWidth: 80 }).split('\n')[2]).toBe('$ big <i64> 1152921504606846976');
  });

  it('cuts the first value when not even it fits the width', () => {
    const src = frame(col('s', utf8(), ['a'.repeat(30)]));
    const line = formatGlimpse(src, { maxWidth: 20 }).split('\n')[2]!;
    expect(line).toBe('$ s <str> "aaaaaaaa…');
    expect(displayWidth(line)).toBe(20);
  });

  it('shows every column by default and elides middle columns past maxCols', () => {
    const cols = range(30).map((j) => col(`c${j}`, int32(), [j]));
    expect(formatGlimpse(frame(...cols)).split('\n')).toHaveLength(32);
    const out = formatGlimpse(frame(...cols), { maxCols: 4 }).split('\n');
    expect(out).toEqual(['Rows: 1', 'Columns: 30', '$ c0  <i32> 0', '$ c1  <i32> 1', '$ … 26 more columns', '$ c28 <i32> 28', '$ c29 <i32> 29']);
  });

  it('aligns names by display width, escaping control characters in them', () => {
    const src = frame(col('日本', int32(), [1]), col('a\nb', int32(), [2]));
    expect(formatGlimpse(src, { maxWidth: 80 }).split('\n').slice(2)).toEqual(['$ 日本 <i32> 1', '$ a\\nb <i32> 2']);
  });

  it('prints the header and bare column lines for a frame without rows', () => {
    expect(formatGlimpse(frame(col('x', int32(), [])))).toBe('Rows: 0\nColumns: 1\n$ x <i32>');
    expect(formatGlimpse({ height: 0, columns: [] })).toBe('Rows: 0\nColumns: 0');
  });

  it('keeps every line within maxWidth for any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 30 }), { nil: null }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 24, max: 100 }),
        (values, maxWidth) => {
          const out = formatGlimpse(frame(col('s', nullable(utf8()), values)), { maxWidth });
          for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(maxWidth);
        },
      ),
    );
  });
});

describe('DataFrame.glimpse', () => {
  const df = DataFrame.fromRecords([{ a: 1, b: 'x' }]);

  it('returns the glimpse text as a TextOutput', () => {
    expect(df.glimpse({ maxWidth: 40 }).text).toBe('Rows: 1\nColumns: 2\n$ a <i32> 1\n$ b <str> "x"');
  });

  it('writes it to stdout with print: true and returns nothing', () => {
    const writes: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (writes.push(chunk), true)) as typeof process.stdout.write;
    let result: unknown;
    try {
      result = df.glimpse({ print: true, maxWidth: 40 });
    } finally {
      process.stdout.write = write;
    }
    expect(result).toBeUndefined();
    expect(writes).toEqual(['Rows: 1\nColumns: 2\n$ a <i32> 1\n$ b <str> "x"\n']);
  });
});

describe('formatGlimpse: every dtype', () => {
  it('spells nested and temporal values as the box table does, with top-level strings quoted', () => {
    expect(formatGlimpse(printerFrame().core, { maxWidth: 100 })).toBe(
      [
        'Rows: 3',
        'Columns: 6',
        '$ ts_ns    <datetime[ns, Europe/Oslo]> 2024-05-01 12:00:00.123456789+02:00, null, …',
        '$ dec      <decimal[10,4]>             12.3400, null, -0.0005',
        '$ bin      <binary>                    b"\\x00\\x01ab", null, b""',
        '$ list_str <list[str]>                 ["a", "b\\"c"], [null], []',
        '$ struct   <struct[2]>                 {a: 1, b: "x"}, null, {a: null, b: "<&>"}',
        '$ map      <map[str, i32]>             {"a": 1, "b": null}, null, {}',
      ].join('\n'),
    );
  });
});
