/**
 * The cells of the Arrow IPC file nodejs-polars wrote (test/fixtures/polars/types.arrow) print as
 * polars prints them. The expected texts are what nodejs-polars 0.24.1 printed for that file
 * (`POLARS_TABLE_WIDTH=300 POLARS_FMT_STR_LEN=100`, `df.toString()`). Two deliberate differences:
 * a zoned timestamp ends with its UTC offset (`+01:00`) where polars writes the zone's
 * abbreviation (`CET`), and a struct prints its field names (`{a: 1, b: "a"}` for polars' `{1,"a"}`).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readIPCSync } from '../../src/index.js';
import { cellFormatter } from '../../src/display/cell.js';

const file = fileURLToPath(new URL('../fixtures/polars/types.arrow', import.meta.url));

const POLARS: Record<string, string[]> = {
  l: ['[1.5, 2.0]', 'null', '[]', '[3.0, null]'],
  ls: ['["a"]', '["b", "c"]', 'null', '[]'],
  dt_ms: ['2024-05-01 10:00:00.123', 'null', '1970-01-01 00:00:00', '1969-12-31 23:59:59.999'],
  dt_us: ['2024-05-01 10:00:00.123456', '2078-08-30 20:00:00.246912', '2132-12-30 06:00:00.370368', '2187-04-30 16:00:00.493824'],
  dt_ns_tz: ['1970-01-01 00:43:19.999999877 CET', '1970-01-01 00:26:39.999999754 CET', '1970-01-01 00:09:59.999999631 CET', '1969-12-31 23:53:19.999999508 CET'],
  dur_us: ['1500µs', '3ms', '4500µs', '6ms'],
  dec: ['12.34', '-0.05', 'null', '99999999.99'],
  st: ['{1,"a"}', '{2,null}', '{3,"ccc"}', '{4,"😀 astral"}'],
};

/** polars' text with the two deliberate differences applied. */
function ours(name: string, text: string): string {
  if (name === 'dt_ns_tz') return text.replace(' CET', '+01:00');
  if (name === 'st') {
    const m = /^\{(\d+),(.*)\}$/.exec(text)!;
    return `{a: ${m[1]}, b: ${m[2]}}`;
  }
  return text;
}

describe('cells of a file written by nodejs-polars', () => {
  const df = readIPCSync(readFileSync(file));
  for (const name of Object.keys(POLARS)) {
    it(`print ${name} as polars prints it`, () => {
      const c = df.getColumn(name);
      const text = cellFormatter(c.data, c.dtype, c.name);
      expect(Array.from({ length: c.length }, (_, i) => text(i))).toEqual(POLARS[name]!.map((t) => ours(name, t)));
    });
  }
});
