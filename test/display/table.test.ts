import { describe, it, expect } from 'vitest';
import { makeData, Int32 } from 'apache-arrow';
import { Column } from '../../src/column/column.js';
import {
  bool,
  categorical,
  date,
  float32,
  float64,
  int32,
  int64,
  int8,
  nullable,
  timestamp,
  uint64,
  uint8,
  utf8,
} from '../../src/dtype/dtype.js';
import { formatTable, type PrintOptions, type TableSource } from '../../src/display/table.js';
import { displayWidth } from '../../src/display/width.js';
import { col, frame, range } from '../support/columns.js';
import { everyDtypeVectors, frameOf, listVector, printerFrame, structVector } from '../support/every-dtype.js';
import { vectorFromArray, Utf8 } from 'apache-arrow';

/** `formatTable` with a fixed line width, so results do not depend on the terminal running the tests. */
function print(src: TableSource, opts: PrintOptions = {}): string {
  return formatTable(src, { maxWidth: 120, ...opts });
}

/** The lines of a table below its shape line, which must all be equally wide. */
function boxLines(table: string): string[] {
  return table.split('\n').filter((l) => !l.startsWith('shape:'));
}

function expectRectangular(table: string): number {
  const widths = new Set(boxLines(table).map(displayWidth));
  expect(widths.size).toBe(1);
  return [...widths][0]!;
}

describe('formatTable: layout', () => {
  it('prints a small frame as a polars-style box with shape, names, dtypes and aligned values', () => {
    const src = frame(
      col('id', int32(), [1, 2, 3]),
      col('name', nullable(utf8()), ['Ada', null, 'Linus']),
      col('amount', nullable(float64()), [1.5, null, 12]),
    );
    expect(print(src)).toBe(
      [
        'shape: (3, 3)',
        '┌─────┬───────┬────────┐',
        '│ id  ┆ name  ┆ amount │',
        '│ --- ┆ ---   ┆ ---    │',
        '│ i32 ┆ str   ┆ f64    │',
        '╞═════╪═══════╪════════╡',
        '│   1 ┆ Ada   ┆    1.5 │',
        '│   2 ┆ null  ┆   null │',
        '│   3 ┆ Linus ┆   12.0 │',
        '└─────┴───────┴────────┘',
      ].join('\n'),
    );
  });

  it('omits the shape line and the dtype rows when asked', () => {
    const src = frame(col('x', float64(), [1, 2]), col('y', utf8(), ['a', 'b']));
    expect(print(src, { showShape: false, showDtypes: false })).toBe(
      [
        '┌─────┬───┐', //
        '│ x   ┆ y │',
        '╞═════╪═══╡',
        '│ 1.0 ┆ a │',
        '│ 2.0 ┆ b │',
        '└─────┴───┘',
      ].join('\n'),
    );
  });

  it('ends without a trailing newline', () => {
    expect(print(frame(col('a', int32(), [1])))).not.toMatch(/\n$/);
  });
});

describe('formatTable: row elision', () => {
  it('shows rows 0-4, a … row, then rows 95-99 of a 100-row frame', () => {
    const src = frame(col('i', int32(), range(100)), col('sq', float64(), range(100).map((i) => (i * i) / 4)));
    expect(print(src)).toBe(
      [
        'shape: (100, 2)',
        '┌─────┬─────────┐',
        '│ i   ┆ sq      │',
        '│ --- ┆ ---     │',
        '│ i32 ┆ f64     │',
        '╞═════╪═════════╡',
        '│   0 ┆     0.0 │',
        '│   1 ┆    0.25 │',
        '│   2 ┆     1.0 │',
        '│   3 ┆    2.25 │',
        '│   4 ┆     4.0 │',
        '│   … ┆       … │',
        '│  95 ┆ 2256.25 │',
        '│  96 ┆  2304.0 │',
        '│  97 ┆ 2352.25 │',
        '│  98 ┆  2401.0 │',
        '│  99 ┆ 2450.25 │',
        '└─────┴─────────┘',
      ].join('\n'),
    );
  });

  it('shows every row when the height is at most maxRows', () => {
    const ten = print(frame(col('i', int32(), range(10))));
    expect(ten).not.toContain('…');
    expect(ten.split('\n')).toHaveLength(6 + 10 + 1);
    expect(print(frame(col('i', int32(), range(11))))).toContain('│   … │');
  });

  it('splits maxRows into ceil(n/2) head rows and floor(n/2) tail rows', () => {
    expect(print(frame(col('i', int32(), range(10))), { maxRows: 3, showShape: false })).toBe(
      [
        '┌─────┐',
        '│ i   │',
        '│ --- │',
        '│ i32 │',
        '╞═════╡',
        '│   0 │',
        '│   1 │',
        '│   … │',
        '│   9 │',
        '└─────┘',
      ].join('\n'),
    );
  });

  it('shows every row when maxRows is negative', () => {
    const out = print(frame(col('i', int32(), range(50))), { maxRows: -1 });
    expect(out).not.toContain('…');
    expect(out).toContain('│  49 │');
  });
});

describe('formatTable: column elision', () => {
  const cols30 = range(30).map((j) => col(`c${j}`, int32(), [j, j * 10]));

  it('shows the first 6 and last 6 of 30 columns around a … column by default', () => {
    expect(print({ height: 2, columns: cols30 }, { maxWidth: 200 })).toBe(
      [
        'shape: (2, 30)',
        '┌─────┬─────┬─────┬─────┬─────┬─────┬───┬─────┬─────┬─────┬─────┬─────┬─────┐',
        '│ c0  ┆ c1  ┆ c2  ┆ c3  ┆ c4  ┆ c5  ┆ … ┆ c24 ┆ c25 ┆ c26 ┆ c27 ┆ c28 ┆ c29 │',
        '│ --- ┆ --- ┆ --- ┆ --- ┆ --- ┆ --- ┆   ┆ --- ┆ --- ┆ --- ┆ --- ┆ --- ┆ --- │',
        '│ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆   ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 │',
        '╞═════╪═════╪═════╪═════╪═════╪═════╪═══╪═════╪═════╪═════╪═════╪═════╪═════╡',
        '│   0 ┆   1 ┆   2 ┆   3 ┆   4 ┆   5 ┆ … ┆  24 ┆  25 ┆  26 ┆  27 ┆  28 ┆  29 │',
        '│   0 ┆  10 ┆  20 ┆  30 ┆  40 ┆  50 ┆ … ┆ 240 ┆ 250 ┆ 260 ┆ 270 ┆ 280 ┆ 290 │',
        '└─────┴─────┴─────┴─────┴─────┴─────┴───┴─────┴─────┴─────┴─────┴─────┴─────┘',
      ].join('\n'),
    );
  });

  it('splits maxCols into ceil(k/2) leading and floor(k/2) trailing columns', () => {
    const header = print({ height: 2, columns: cols30 }, { maxCols: 3 }).split('\n')[2];
    expect(header).toBe('│ c0  ┆ c1  ┆ … ┆ c29 │');
  });

  it('drops middle columns until every line fits a narrow maxWidth', () => {
    const out = print({ height: 2, columns: cols30 }, { maxWidth: 40 });
    expect(out).toBe(
      [
        'shape: (2, 30)',
        '┌─────┬─────┬─────┬───┬─────┬─────┐',
        '│ c0  ┆ c1  ┆ c2  ┆ … ┆ c28 ┆ c29 │',
        '│ --- ┆ --- ┆ --- ┆   ┆ --- ┆ --- │',
        '│ i32 ┆ i32 ┆ i32 ┆   ┆ i32 ┆ i32 │',
        '╞═════╪═════╪═════╪═══╪═════╪═════╡',
        '│   0 ┆   1 ┆   2 ┆ … ┆  28 ┆  29 │',
        '│   0 ┆  10 ┆  20 ┆ … ┆ 280 ┆ 290 │',
        '└─────┴─────┴─────┴───┴─────┴─────┘',
      ].join('\n'),
    );
    for (const line of boxLines(out)) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });

  it('elides columns of a frame narrower than maxCols when they do not fit maxWidth', () => {
    const src = frame(col('alpha', utf8(), ['a'.repeat(20)]), col('beta', utf8(), ['b'.repeat(20)]), col('gamma', utf8(), ['c']));
    const out = print(src, { maxWidth: 40 });
    expect(out.split('\n')[2]).toBe('│ alpha                ┆ … ┆ gamma │');
  });

  it('always keeps one column and the … column, cutting its text to fit', () => {
    const src = frame(col('wide', utf8(), ['x'.repeat(30)]), col('other', utf8(), ['y']));
    expect(print(src, { maxWidth: 20 })).toBe(
      [
        'shape: (1, 2)',
        '┌──────────────┬───┐',
        '│ wide         ┆ … │',
        '│ ---          ┆   │',
        '│ str          ┆   │',
        '╞══════════════╪═══╡',
        '│ xxxxxxxxxxx… ┆ … │',
        '└──────────────┴───┘',
      ].join('\n'),
    );
  });

  it('shows every column when they fit and maxCols is negative', () => {
    const out = print({ height: 2, columns: cols30 }, { maxCols: -1, maxWidth: 1000 });
    expect(out).not.toContain('…');
    expect(out.split('\n')[2]).toContain('c14 ┆ c15');
  });
});

describe('formatTable: text', () => {
  it('cuts long names and values to maxStringLength columns ending with …', () => {
    const src = frame(
      col('text', utf8(), ['short', 'a much longer piece of text that goes past the limit']),
      col('a_column_name_that_is_far_too_long_to_show', int32(), [1, 2]),
    );
    expect(print(src)).toBe(
      [
        'shape: (2, 2)',
        '┌──────────────────────────────────┬──────────────────────────────────┐',
        '│ text                             ┆ a_column_name_that_is_far_too_l… │',
        '│ ---                              ┆ ---                              │',
        '│ str                              ┆ i32                              │',
        '╞══════════════════════════════════╪══════════════════════════════════╡',
        '│ short                            ┆                                1 │',
        '│ a much longer piece of text tha… ┆                                2 │',
        '└──────────────────────────────────┴──────────────────────────────────┘',
      ].join('\n'),
    );
  });

  it('honours a smaller maxStringLength', () => {
    const out = print(frame(col('name', utf8(), ['abcdefghij'])), { maxStringLength: 4, showShape: false });
    expect(out.split('\n')[1]).toBe('│ name │');
    expect(out.split('\n')[5]).toBe('│ abc… │');
  });

  it('aligns wide CJK and emoji text by display width', () => {
    const src = frame(
      col('name', utf8(), ['日本語', 'Ada', '👍🏽 ok']),
      col('emoji', nullable(utf8()), ['🇳🇴', null, 'e\u0301']),
      col('n', int32(), [1, 22, 333]),
    );
    const out = print(src);
    expect(out).toBe(
      [
        'shape: (3, 3)',
        '┌────────┬───────┬─────┐',
        '│ name   ┆ emoji ┆ n   │',
        '│ ---    ┆ ---   ┆ --- │',
        '│ str    ┆ str   ┆ i32 │',
        '╞════════╪═══════╪═════╡',
        '│ 日本語 ┆ 🇳🇴    ┆   1 │',
        '│ Ada    ┆ null  ┆  22 │',
        '│ 👍🏽 ok  ┆ e\u0301     ┆ 333 │',
        '└────────┴───────┴─────┘',
      ].join('\n'),
    );
    expect(expectRectangular(out)).toBe(24);
  });

  it('escapes newlines, tabs and control characters in names and values so no line breaks', () => {
    const src = frame(col('multi\nline', utf8(), ['a\nb', 'tab\there']), col('ctl', utf8(), ['\u0001x', '\r\n']));
    expect(print(src)).toBe(
      [
        'shape: (2, 2)',
        '┌─────────────┬─────────┐',
        '│ multi\\nline ┆ ctl     │',
        '│ ---         ┆ ---     │',
        '│ str         ┆ str     │',
        '╞═════════════╪═════════╡',
        '│ a\\nb        ┆ \\u0001x │',
        '│ tab\\there   ┆ \\r\\n    │',
        '└─────────────┴─────────┘',
      ].join('\n'),
    );
  });
});

describe('formatTable: values', () => {
  it('prints nulls left-aligned in text columns and right-aligned in numeric ones', () => {
    const out = print(frame(col('s', nullable(utf8()), ['abcdef', null]), col('n', nullable(int32()), [123456, null])), {
      showShape: false,
    });
    expect(out.split('\n')).toContain('│ null   ┆   null │');
  });

  it('formats bool, integer, float32, categorical and date columns', () => {
    const src = frame(
      col('b', nullable(bool()), [true, false, null]),
      col('i8', nullable(int8()), [-128, null, 127]),
      col('u8', uint8(), [0, 1, 255]),
      col('f32', nullable(float32()), [0.1, null, -2.5]),
      col('cat', nullable(categorical()), ['x', null, 'x']),
      col('d', nullable(date()), [new Date('2024-02-29'), null, new Date('1999-12-31')]),
    );
    expect(print(src)).toBe(
      [
        'shape: (3, 6)',
        '┌───────┬──────┬─────┬──────┬──────┬────────────┐',
        '│ b     ┆ i8   ┆ u8  ┆ f32  ┆ cat  ┆ d          │',
        '│ ---   ┆ ---  ┆ --- ┆ ---  ┆ ---  ┆ ---        │',
        '│ bool  ┆ i8   ┆ u8  ┆ f32  ┆ cat  ┆ date       │',
        '╞═══════╪══════╪═════╪══════╪══════╪════════════╡',
        '│ true  ┆ -128 ┆   0 ┆  0.1 ┆ x    ┆ 2024-02-29 │',
        '│ false ┆ null ┆   1 ┆ null ┆ null ┆ null       │',
        '│ null  ┆  127 ┆ 255 ┆ -2.5 ┆ x    ┆ 1999-12-31 │',
        '└───────┴──────┴─────┴──────┴──────┴────────────┘',
      ].join('\n'),
    );
  });

  it('formats float edge cases in a column', () => {
    const out = print(frame(col('x', float64(), [0.1 + 0.2, 1.23456789e20, 1.2e-7, NaN, -Infinity, -0])), {
      showShape: false,
      showDtypes: false,
    });
    expect(out.split('\n').slice(3, 9)).toEqual([
      '│          0.3 │',
      '│ 1.234568e+20 │',
      '│       1.2e-7 │',
      '│          NaN │',
      '│         -inf │',
      '│         -0.0 │',
    ]);
  });

  it('prints timestamps in UTC without a zone and with the offset of a zone such as Europe/Oslo or UTC', () => {
    const src = frame(
      col('ts', nullable(timestamp()), [new Date(Date.UTC(2024, 0, 15, 12)), null, new Date(Date.UTC(2024, 6, 1, 8, 30, 0, 125))]),
      col('oslo', timestamp({ timezone: 'Europe/Oslo' }), [
        new Date(Date.UTC(2024, 0, 15, 12)),
        new Date(Date.UTC(2024, 6, 1, 8, 30)),
        new Date(Date.UTC(2024, 11, 31, 23, 30)),
      ]),
      col('utc', timestamp({ timezone: 'UTC' }), [new Date(Date.UTC(2024, 0, 15, 12)), new Date(0), new Date(Date.UTC(2000, 1, 29))]),
    );
    expect(print(src, { maxWidth: 120 })).toBe(
      [
        'shape: (3, 3)',
        '┌─────────────────────────┬───────────────────────────┬───────────────────────────┐',
        '│ ts                      ┆ oslo                      ┆ utc                       │',
        '│ ---                     ┆ ---                       ┆ ---                       │',
        '│ datetime[ms]            ┆ datetime[ms, Europe/Oslo] ┆ datetime[ms, UTC]         │',
        '╞═════════════════════════╪═══════════════════════════╪═══════════════════════════╡',
        '│ 2024-01-15 12:00:00     ┆ 2024-01-15 13:00:00+01:00 ┆ 2024-01-15 12:00:00+00:00 │',
        '│ null                    ┆ 2024-07-01 10:30:00+02:00 ┆ 1970-01-01 00:00:00+00:00 │',
        '│ 2024-07-01 08:30:00.125 ┆ 2025-01-01 00:30:00+01:00 ┆ 2000-02-29 00:00:00+00:00 │',
        '└─────────────────────────┴───────────────────────────┴───────────────────────────┘',
      ].join('\n'),
    );
  });

  it('prints 64-bit integers beyond 2^53 exactly, even when the column reads them as numbers', () => {
    const src = frame(
      col('id', nullable(int64()), [2n ** 60n, null, 42, -(2n ** 63n)]),
      col('u', uint64(), [2n ** 64n - 1n, 0n, 9007199254740993n, 1n]),
      col('big', int64('bigint'), [1n, 2n ** 62n, 3n, 4n]),
    );
    expect(() => src.columns[0]!.get(0)).toThrow(/does not fit a JavaScript number/);
    expect(print(src)).toBe(
      [
        'shape: (4, 3)',
        '┌──────────────────────┬──────────────────────┬─────────────────────┐',
        '│ id                   ┆ u                    ┆ big                 │',
        '│ ---                  ┆ ---                  ┆ ---                 │',
        '│ i64                  ┆ u64                  ┆ i64                 │',
        '╞══════════════════════╪══════════════════════╪═════════════════════╡',
        '│  1152921504606846976 ┆ 18446744073709551615 ┆                   1 │',
        '│                 null ┆                    0 ┆ 4611686018427387904 │',
        '│                   42 ┆     9007199254740993 ┆                   3 │',
        '│ -9223372036854775808 ┆                    1 ┆                   4 │',
        '└──────────────────────┴──────────────────────┴─────────────────────┘',
      ].join('\n'),
    );
  });

  it('reads the right rows of a sliced column, including raw 64-bit values', () => {
    const ids = col('id', nullable(int64()), [1, 2n ** 60n, null, 2n ** 60n + 3n, 5]).sliceUnchecked(1, 3);
    const out = print({ height: 3, columns: [ids] }, { showShape: false, showDtypes: false });
    expect(out.split('\n').slice(3, 6)).toEqual(['│ 1152921504606846976 │', '│                null │', '│ 1152921504606846979 │']);
  });
});

describe('formatTable: default width', () => {
  const cols30 = range(30).map((j) => col(`c${j}`, int32(), [j]));

  function withStdout(isTTY: boolean, columns: number, run: () => void): void {
    const stdout = process.stdout as { isTTY?: boolean; columns?: number };
    const saved = {
      isTTY: Object.getOwnPropertyDescriptor(stdout, 'isTTY'),
      columns: Object.getOwnPropertyDescriptor(stdout, 'columns'),
    };
    Object.defineProperty(stdout, 'isTTY', { value: isTTY, configurable: true, writable: true });
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true, writable: true });
    try {
      run();
    } finally {
      for (const key of ['isTTY', 'columns'] as const) {
        const d = saved[key];
        if (d === undefined) delete stdout[key];
        else Object.defineProperty(stdout, key, d);
      }
    }
  }

  it('fits the terminal width when stdout is a terminal', () => {
    withStdout(true, 50, () => {
      const widths = boxLines(formatTable({ height: 1, columns: cols30 })).map(displayWidth);
      expect(Math.max(...widths)).toBeLessThanOrEqual(50);
      expect(Math.max(...widths)).toBeGreaterThan(40);
    });
  });

  it('uses 120 columns when stdout is not a terminal', () => {
    withStdout(false, 50, () => {
      const out = formatTable({ height: 1, columns: range(40).map((j) => col(`column_${j}`, int32(), [j])) });
      const width = expectRectangular(out);
      expect(width).toBeLessThanOrEqual(120);
      expect(width).toBeGreaterThan(100);
    });
  });
});

describe('formatTable: empty frames', () => {
  it('prints the header, dtypes and closing border of a frame with no rows', () => {
    expect(print(frame(col('a', int32(), []), col('b', utf8(), [])))).toBe(
      [
        'shape: (0, 2)',
        '┌─────┬─────┐',
        '│ a   ┆ b   │',
        '│ --- ┆ --- │',
        '│ i32 ┆ str │',
        '╞═════╪═════╡',
        '└─────┴─────┘',
      ].join('\n'),
    );
  });

  it('prints an empty box for a frame with no columns', () => {
    expect(print({ height: 0, columns: [] })).toBe('shape: (0, 0)\n┌┐\n└┘');
    expect(print({ height: 5, columns: [] })).toBe('shape: (5, 0)\n┌┐\n└┘');
    expect(print({ height: 0, columns: [] }, { showShape: false })).toBe('┌┐\n└┘');
  });
});

describe('formatTable: cost', () => {
  it('reads only the shown rows of a 10-million-row frame', () => {
    const n = 10_000_000;
    const data = makeData({ type: new Int32(), length: n, nullCount: 0, data: new Int32Array(n).map((_, i) => i) });
    // The column's value buffer, with every element read recorded.
    const reads: number[] = [];
    const values = new Proxy(data.values as Int32Array, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.push(Number(key));
        const v: unknown = Reflect.get(target, key, target);
        return typeof v === 'function' && receiver !== target ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const spied = Object.assign(Object.create(Object.getPrototypeOf(data) as object) as object, data, { values }) as typeof data;
    const big = new Column('i', int32(), spied);
    print({ height: 1, columns: [col('warm', int32(), [1])] });
    const t0 = performance.now();
    const out = print({ height: n, columns: [big] });
    const elapsed = performance.now() - t0;
    expect(reads.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 9_999_995, 9_999_996, 9_999_997, 9_999_998, 9_999_999]);
    expect(out).toContain('│ 9999999 │');
    expect(out.split('\n')[0]).toBe('shape: (10000000, 1)');
    expect(elapsed).toBeLessThan(50);
  });
});

describe('formatTable: every dtype', () => {
  it('spells timestamps, decimals, bytes, lists, structs and maps as polars does, numbers right-aligned', () => {
    expect(print(printerFrame().core, { maxWidth: 200 })).toBe(
      [
        'shape: (3, 6)',
        '┌─────────────────────────────────────┬───────────────┬───────────────┬───────────────┬─────────────────────┬─────────────────────┐',
        '│ ts_ns                               ┆ dec           ┆ bin           ┆ list_str      ┆ struct              ┆ map                 │',
        '│ ---                                 ┆ ---           ┆ ---           ┆ ---           ┆ ---                 ┆ ---                 │',
        '│ datetime[ns, Europe/Oslo]           ┆ decimal[10,4] ┆ binary        ┆ list[str]     ┆ struct[2]           ┆ map[str, i32]       │',
        '╞═════════════════════════════════════╪═══════════════╪═══════════════╪═══════════════╪═════════════════════╪═════════════════════╡',
        '│ 2024-05-01 12:00:00.123456789+02:00 ┆       12.3400 ┆ b"\\x00\\x01ab" ┆ ["a", "b\\"c"] ┆ {a: 1, b: "x"}      ┆ {"a": 1, "b": null} │',
        '│ null                                ┆          null ┆ null          ┆ [null]        ┆ null                ┆ null                │',
        '│ 1970-01-01 00:59:59.999999999+01:00 ┆       -0.0005 ┆ b""           ┆ []            ┆ {a: null, b: "<&>"} ┆ {}                  │',
        '└─────────────────────────────────────┴───────────────┴───────────────┴───────────────┴─────────────────────┴─────────────────────┘',
      ].join('\n'),
    );
  });

  it('prints a frame of every dtype as a rectangle of lines, each within maxWidth', () => {
    const df = frameOf(everyDtypeVectors());
    for (const maxWidth of [40, 80, 120, 400]) {
      const out = print(df.core, { maxWidth, maxCols: -1 });
      expect(expectRectangular(out)).toBeLessThanOrEqual(maxWidth);
    }
  });

  it('shows long lists as their first items and a count, cuts text inside structs, and cuts wide cells to fit', () => {
    const items = vectorFromArray(Array.from({ length: 102 }, (_, i) => i * 1000), new Int32());
    const df = frameOf({
      id: vectorFromArray([1, 2], new Int32()),
      xs: listVector(items, [0, 100, 102]),
      person: structVector({
        name: vectorFromArray(['Ada Lovelace', 'Grace Brewster Murray Hopper, Rear Admiral'], new Utf8()),
        born: vectorFromArray([1815, 1906], new Int32()),
      }),
    });
    expect(print(df.core, { maxStringLength: 12 })).toBe(
      [
        'shape: (2, 3)',
        '┌─────┬────────────────────────────┬──────────────────────────────────┐',
        '│ id  ┆ xs                         ┆ person                           │',
        '│ --- ┆ ---                        ┆ ---                              │',
        '│ i32 ┆ list[i32]                  ┆ struct[2]                        │',
        '╞═════╪════════════════════════════╪══════════════════════════════════╡',
        '│   1 ┆ [0, 1000, 2000, … 97 more] ┆ {name: "Ada Lovel…", born: 1815} │',
        '│   2 ┆ [100000, 101000]           ┆ {name: "Grace Bre…", born: 1906} │',
        '└─────┴────────────────────────────┴──────────────────────────────────┘',
      ].join('\n'),
    );
    expect(print(df.select('person').core, { maxWidth: 30 }).split('\n').slice(5, 8)).toEqual([
      '╞════════════════════════════╡',
      '│ {name: "Ada Lovelace", bo… │',
      '│ {name: "Grace Brewster Mu… │',
    ]);
  });
});
