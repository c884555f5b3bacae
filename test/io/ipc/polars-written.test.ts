/**
 * Arrow IPC files written by nodejs-polars (test/fixtures/polars, made by make.mjs there) read equal
 * to the values polars itself holds: Utf8View strings, categoricals, lists, structs, datetimes in
 * ms/us/ns with a time zone, durations and decimals, from uncompressed and compressed files and
 * the stream form.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Decimal, Instant, readIPCSync, type DataFrame } from '../../../src/index.js';

const dir = fileURLToPath(new URL('../../fixtures/polars/', import.meta.url));
const expected = JSON.parse(readFileSync(`${dir}types.expected.json`, 'utf8')) as { rows: Record<string, unknown>[] };

/** A value in the exact form of types.expected.json. */
function exact(v: unknown): unknown {
  if (v === null) return null;
  if (v instanceof Date) return String(v.getTime());
  if (v instanceof Instant) return String(v.epoch);
  if (v instanceof Decimal) return String(v);
  if (typeof v === 'bigint') return String(v);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(exact);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, exact(x)]));
  return v;
}

function rowsOf(df: DataFrame): Record<string, unknown>[] {
  return df.toRecords().map((r) => {
    const out = exact(r) as Record<string, unknown>;
    out.dur_us = r.dur_us === null ? null : String(r.dur_us);
    return out;
  });
}

describe('files written by nodejs-polars', () => {
  // polars writes lists with 64-bit offsets; its IPC files write strings as Utf8View, its stream
  // writer as LargeUtf8. Each reads as the type written (views as utf8).
  const fileSchema =
    'Schema { id: int64?, s: utf8?, cat: categorical?, l: largeList<float64?>?, ls: largeList<utf8?>?, dt_ms: timestamp[ms]?, dt_us: timestamp[us]?, ' +
    'dt_ns_tz: timestamp[ns, Europe/Oslo]?, dur_us: duration[us]?, dec: decimal(10, 2)?, st: struct<a: int32?, b: utf8?>? }';
  const streamSchema = fileSchema.replace(/utf8\?/g, 'largeUtf8?');
  for (const [file, schema] of [['types.arrow', fileSchema], ['types-lz4.arrow', fileSchema], ['types-zstd.arrow', fileSchema], ['types.arrows', streamSchema]] as const) {
    it(`${file} reads equal to polars' own values`, () => {
      const df = readIPCSync(readFileSync(`${dir}${file}`));
      expect(String(df.schema)).toBe(schema);
      expect(rowsOf(df)).toEqual(expected.rows);
    });
  }

  it('selects a column beside view-typed fields without decoding them', () => {
    const df = readIPCSync(readFileSync(`${dir}types.arrow`), { columns: ['id'] });
    expect(df.getColumn('id').toArray()).toEqual([1, 2, 3, 4]);
  });
});
