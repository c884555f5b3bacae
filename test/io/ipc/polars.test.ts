/**
 * Arrow IPC written by nodejs-polars (test/fixtures/polars: Utf8View text, categoricals, large
 * lists, a struct, datetimes in ms / us / ns with a zone, a duration, a decimal; as a file, a
 * stream, and LZ4 / ZSTD compressed) reads whole, equal to the exact values polars printed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIPCSync } from '../../../src/index.js';
import { logicalData } from '../../support/logical.js';

const dir = join(import.meta.dirname, '../../fixtures/polars');
const expected = JSON.parse(readFileSync(join(dir, 'types.expected.json'), 'utf8')) as { rows: Record<string, unknown>[] };

/** polars' printed values in the shape of `logicalData`: int64 as text, structs as field lists. */
function want(name: string): unknown[] {
  return expected.rows.map((r) => {
    const v = r[name];
    if (v === null) return null;
    if (name === 'id') return String(v);
    if (name === 'st') return Object.values(v as object);
    return v;
  });
}

describe('Arrow IPC written by polars', () => {
  for (const file of ['types.arrow', 'types.arrows', 'types-lz4.arrow', 'types-zstd.arrow']) {
    it(`${file} reads whole, every column equal to polars' values`, () => {
      const df = readIPCSync(readFileSync(join(dir, file)));
      expect(df.columns).toEqual(Object.keys(expected.rows[0]!));
      expect(String(df.schema.get('dt_ns_tz'))).toBe('timestamp[ns, Europe/Oslo]?');
      expect(String(df.schema.get('dec'))).toBe('decimal(10, 2)?');
      for (const c of df.getColumns()) expect(logicalData(c.data, c.dtype), `${file} ${c.name}`).toEqual(want(c.name));
      const back = readIPCSync(df.toIPC());
      for (const c of back.getColumns()) expect(logicalData(c.data, c.dtype), `${file} ${c.name} written back`).toEqual(want(c.name));
    });
  }
});
