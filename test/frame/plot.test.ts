import { describe, it, expect, expectTypeOf } from 'vitest';
import { format, inspect } from 'node:util';
import { formatGlimpse } from '../../src/display/glimpse.js';
import {
  ColumnNotFoundError,
  DataFrame,
  InvalidArgumentError,
  Plot,
  SchemaError,
  categorical,
  date,
  float64,
  nullable,
  readCSV,
  utf8,
  bool,
  int32,
  TextOutput,
  type HistOptions,
} from '../../src/index.js';
import { caught } from '../support/frames.js';

const weather = await readCSV(new URL('../../examples/data/seattle-weather.csv', import.meta.url), {
  schema: { date: date(), precipitation: float64(), temp_max: float64(), temp_min: float64(), wind: float64(), weather: categorical() },
});

/** The count at the end of each bar line of a text chart. */
function barCounts(chart: string): number[] {
  return chart
    .split('\n')
    .filter((l) => l.includes('│'))
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1).replace(/,/g, '')));
}

describe('df.plot.hist', () => {
  it('bins every value of temp_max once and reports nulls and NaN', () => {
    const chart = weather.plot.hist('temp_max', { bins: 12, width: 70 }).text;
    const lines = chart.split('\n');
    expect(lines[0]).toBe('temp_max (f64) · 1,461 values · 12 bins');
    expect(barCounts(chart)).toHaveLength(12);
    expect(barCounts(chart).reduce((a, b) => a + b, 0)).toBe(1461);
    expect(lines[1]!.startsWith('[-1.6, ')).toBe(true);
    expect(lines[12]!.endsWith(' 35.6] │') || /35\.6\] │/.test(lines[12]!)).toBe(true);
    expect(lines[13]).toBe('not binned: null 0 · NaN 0');
  });

  it('uses 10 bins by default', () => {
    expect(barCounts(weather.plot.hist('wind').text)).toHaveLength(10);
  });

  it('counts nulls and NaN apart rather than dropping them', () => {
    const df = DataFrame.fromColumns({ x: [1, null, NaN, 2, null] }, { schema: { x: nullable(float64()) } });
    const chart = df.plot.hist('x', { bins: 2 }).text;
    expect(barCounts(chart)).toEqual([1, 1]);
    expect(chart.split('\n').at(-1)).toBe('not binned: null 2 · NaN 1');
  });

  it('draws no data for an empty frame and for an all-null column', () => {
    expect(weather.head(0).plot.hist('temp_max').text).toContain('no data: the column is empty');
    const nulls = DataFrame.fromColumns({ x: [null, null] }, { schema: { x: nullable(float64()) } });
    expect(nulls.plot.hist('x').text).toContain('no data: none of the 2 values is a finite number');
    expect(nulls.plot.hist('x', { format: 'svg' })).toContain('>no data<');
  });

  it('returns a standalone SVG with format: svg', () => {
    const svg = weather.plot.hist('temp_max', { format: 'svg', bins: 20, width: 800, height: 500, title: 'Daily highs' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"')).toBe(true);
    expect(svg).toContain('>Daily highs</text>');
    expect(svg.match(/<rect x=/g)).toHaveLength(20);
  });

  it('throws ColumnNotFoundError with a suggestion for an unknown column', () => {
    const e = caught(() => weather.plot.hist('temp_mx' as 'temp_max'));
    expect(e).toBeInstanceOf(ColumnNotFoundError);
    expect((e as ColumnNotFoundError).suggestion).toBe('temp_max');
  });

  it('throws SchemaError naming a non-numeric column', () => {
    const e = caught(() => weather.plot.hist('weather'));
    expect(e).toBeInstanceOf(SchemaError);
    expect((e as Error).message).toMatch(/Column "weather" is categorical; a histogram needs a numeric column/);
    expect(() => weather.plot.hist('date')).toThrow(SchemaError);
  });

  it('throws InvalidArgumentError for bins that are not positive integers and for an unknown format', () => {
    for (const bins of [0, -1, 2.5, NaN]) {
      const e = caught(() => weather.plot.hist('temp_max', { bins }));
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect((e as InvalidArgumentError).value).toBe(bins);
    }
    expect(() => weather.plot.hist('temp_max', { format: 'png' as 'svg' })).toThrow(/format must be 'text' or 'svg', got "png"/);
  });
});

describe('df.plot.bar', () => {
  it('draws the value counts of weather, most frequent first', () => {
    const chart = weather.plot.bar('weather', { width: 60 }).text;
    expect(chart.split('\n')[0]).toBe('weather (cat) · 1,461 values · 5 distinct');
    const labels = chart.split('\n').slice(1).map((l) => l.slice(0, l.indexOf(' ')));
    expect(labels).toEqual(['rain', 'sun', 'fog', 'drizzle', 'snow']);
    expect(barCounts(chart)).toEqual([641, 640, 101, 53, 26]);
  });

  it('shows the top N and sums the rest on an … N others line', () => {
    const chart = weather.plot.bar('weather', { top: 2 }).text;
    expect(barCounts(chart)).toEqual([641, 640]);
    expect(chart.split('\n').at(-1)).toBe('… 3 others: 180 values');
  });

  it('counts nulls as a value labelled null, and takes text, bool and integer columns', () => {
    const df = DataFrame.fromColumns(
      { s: ['a', null, 'a', null, null], b: [true, false, true, true, null], n: [3, 3, 1, 2, 3] },
      { schema: { s: nullable(utf8()), b: nullable(bool()), n: int32() } },
    );
    expect(df.plot.bar('s').text.split('\n').slice(1)[0]!.startsWith('null │')).toBe(true);
    expect(barCounts(df.plot.bar('s').text)).toEqual([3, 2]);
    expect(barCounts(df.plot.bar('b').text)).toEqual([3, 1, 1]);
    expect(barCounts(df.plot.bar('n').text)).toEqual([3, 1, 1]);
  });

  it('works on a column named count', () => {
    const df = DataFrame.fromColumns({ count: [1, 1, 2] });
    expect(barCounts(df.plot.bar('count').text)).toEqual([2, 1]);
  });

  it('draws no data for an empty frame', () => {
    expect(weather.head(0).plot.bar('weather').text).toBe('weather (cat) · 0 values · 0 distinct\nno data: the column is empty');
  });

  it('returns a standalone SVG with format: svg', () => {
    const svg = weather.plot.bar('weather', { format: 'svg' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>rain: 641</title>');
  });

  it('throws SchemaError for a float column, pointing to hist', () => {
    const e = caught(() => weather.plot.bar('temp_max'));
    expect(e).toBeInstanceOf(SchemaError);
    expect((e as Error).message).toMatch(/Column "temp_max" is float64.*plot\.hist\("temp_max"\)/);
  });

  it('throws ColumnNotFoundError and InvalidArgumentError for bad arguments', () => {
    expect(caught(() => weather.plot.bar('wether' as 'weather'))).toBeInstanceOf(ColumnNotFoundError);
    for (const top of [0, -2, 1.5]) expect(() => weather.plot.bar('weather', { top })).toThrow(/top must be a positive integer/);
  });
});

describe('text charts and glimpse print themselves', () => {
  const outputs = (): [string, TextOutput][] => [
    ['hist', weather.plot.hist('wind', { width: 50 })],
    ['bar', weather.plot.bar('weather', { width: 50 })],
    ['glimpse', weather.glimpse({ maxWidth: 60 })],
  ];

  it('are TextOutput objects whose inspect form (console.log, the REPL) is the text itself, unquoted', () => {
    for (const [what, out] of outputs()) {
      expect(out, what).toBeInstanceOf(TextOutput);
      expect(out.text, what).toContain('\n');
      expect(inspect(out), what).toBe(out.text);
      expect(format('%o', out), what).toBe(out.text);
      expect(inspect({ chart: out }), what).toContain(out.text.split('\n')[0]!);
    }
  });

  it('give their text to String(), template literals, + and toString(), and a JSON string to JSON.stringify', () => {
    for (const [what, out] of outputs()) {
      expect(String(out), what).toBe(out.text);
      expect(`${out}`, what).toBe(out.text);
      expect(out + '', what).toBe(out.text);
      expect(out.toString(), what).toBe(out.text);
      expect(JSON.stringify(out), what).toBe(JSON.stringify(out.text));
    }
  });

  it('match what the formatters return and what print: true writes', () => {
    expect(weather.glimpse({ maxWidth: 60 }).text).toBe(formatGlimpse(weather.core, { maxWidth: 60 }));
    const writes: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (writes.push(chunk), true)) as typeof process.stdout.write;
    try {
      expect(weather.glimpse({ maxWidth: 60, print: true })).toBeUndefined();
    } finally {
      process.stdout.write = write;
    }
    expect(writes).toEqual([`${weather.glimpse({ maxWidth: 60 })}\n`]);
  });
});

describe('printing charts', () => {
  it('writes the chart and a newline to stdout with print: true and returns nothing', () => {
    const writes: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (writes.push(chunk), true)) as typeof process.stdout.write;
    let results: unknown[];
    try {
      results = [weather.plot.hist('wind', { print: true, width: 50 }), weather.plot.bar('weather', { print: true, width: 50 })];
    } finally {
      process.stdout.write = write;
    }
    expect(results).toEqual([undefined, undefined]);
    expect(writes).toEqual([`${weather.plot.hist('wind', { width: 50 })}\n`, `${weather.plot.bar('weather', { width: 50 })}\n`]);
  });

  it('types a text chart as TextOutput, an SVG as string, void with print: true, and column names from the schema', () => {
    expectTypeOf(weather.plot).toEqualTypeOf<Plot<typeof weather extends DataFrame<infer S> ? S : never>>();
    expectTypeOf(() => weather.plot.hist('temp_max')).returns.toEqualTypeOf<TextOutput>();
    expectTypeOf(() => weather.plot.bar('weather', { format: 'text' })).returns.toEqualTypeOf<TextOutput>();
    expectTypeOf(() => weather.plot.hist('temp_max', { print: true })).returns.toEqualTypeOf<void>();
    expectTypeOf(() => weather.plot.bar('weather', { format: 'svg' })).returns.toEqualTypeOf<string>();
    expectTypeOf(() => weather.plot.hist('temp_max', { format: 'svg' })).returns.toEqualTypeOf<string>();
    const options: HistOptions = {};
    expectTypeOf(() => weather.plot.hist('temp_max', options)).returns.toEqualTypeOf<TextOutput | string | void>();
    expectTypeOf(() => weather.glimpse({ print: true })).returns.toEqualTypeOf<void>();
    expectTypeOf(() => weather.glimpse()).returns.toEqualTypeOf<TextOutput>();
    // @ts-expect-error: not a column of the frame
    expect(() => weather.plot.hist('temp_mx')).toThrow(ColumnNotFoundError);
  });
});
