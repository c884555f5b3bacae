/**
 * The Arrow integration gold files (written by Arrow C++ and older Arrow releases; LZ4- and
 * ZSTD-compressed bodies too) read equal to their JSON descriptions, value by value and exactly
 * (test/support/arrow-json.ts), from the file and the stream form; and each read round trips
 * through colframe's writer (file and stream, and a compressed stream) to the same values. Every case of every directory listed is accounted for: the few fields that
 * cannot read equal are listed below with the reason.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { readIPCSync } from '../../../src/index.js';
import { decodeIPCColumns, type DecodeOptions } from '../../../src/codec/ipc/decode.js';
import { encodeIPCColumns } from '../../../src/codec/ipc/layout.js';
import type { Column } from '../../../src/column/column.js';
import { sharedData } from '../../support/shared-data.js';
import { jsonColumns, type JsonFile } from '../../support/arrow-json.js';
import { logicalData } from '../../support/logical.js';

const arrowTesting = sharedData('arrow-testing');
const DATA = arrowTesting.path;

interface Case {
  dir: string;
  name: string;
  files: { arrow_file: string; stream: string; 'json.gz': string };
}

/** The directories compared: all but 1.0.0-bigendian, which holds big-endian data (refused by design). */
const DIRS = ['cpp-21.0.0', '1.0.0-littleendian', '0.14.1', '0.17.1', '4.0.0-shareddict', '2.0.0-compression'];

/** Fields that cannot read equal, with why (none: every field of every case compared reads equal). */
const NOT_EQUAL: Readonly<Record<string, { fields: readonly string[]; reason: RegExp }>> = {};

/** Cases whose values overflow their declared decimal precision: read with `checkValues: false`. */
const OVER_PRECISION = new Set(['0.14.1/decimal', '1.0.0-littleendian/decimal']);

const manifest = (arrowTesting.present ? JSON.parse(readFileSync(join(DATA, 'MANIFEST.json'), 'utf8')) : { cases: [] }) as { cases: Case[] };
const cases = manifest.cases.filter((c) => DIRS.includes(c.dir));

function logical(cols: readonly Column[]): unknown[][] {
  return cols.map((c) => logicalData(c.data, c.dtype));
}

/** What each case read equal (filled by the tests, checked last). */
const equal = new Set<string>();

describe.skipIf(!arrowTesting.present)('Arrow integration gold files', () => {
  const info = cases.map((c) => {
    // Integers past 2^53 written as JSON numbers (interval nanoseconds) are kept as text.
    const text = gunzipSync(readFileSync(join(DATA, c.files['json.gz']))).toString('utf8').replace(/("nanoseconds":\s*)(-?\d+)/g, '$1"$2"');
    const json = JSON.parse(text) as JsonFile;
    const id = `${c.dir}/${c.name}`;
    const skip = new Set(NOT_EQUAL[id]?.fields ?? []);
    const wanted = json.schema.fields.map((f, k) => ({ f, k })).filter(({ f }) => !skip.has(f.name));
    return { c, json, id, wanted, expected: jsonColumns(json) };
  });

  for (const { c, json, id, wanted, expected } of info) {
    for (const form of ['arrow_file', 'stream'] as const) {
      it(`${id} (${form === 'arrow_file' ? 'file' : 'stream'}) reads equal to its JSON and round trips through the writer`, () => {
        const bytes = readFileSync(join(DATA, c.files[form]));
        const options: DecodeOptions = { int64: 'bigint' };
        const skipped = wanted.length < json.schema.fields.length;
        if (skipped) {
          expect(() => decodeIPCColumns(bytes, options)).toThrow(NOT_EQUAL[id]!.reason);
          Object.assign(options, { columns: [...new Set(wanted.map((w) => w.f.name))] });
        }
        if (OVER_PRECISION.has(id)) {
          expect(() => decodeIPCColumns(bytes, options)).toThrow(/has more than the \d+ digits of its precision/);
          Object.assign(options, { checkValues: false });
        }
        const read = decodeIPCColumns(bytes, options);
        expect(read.height).toBe(json.batches.reduce((n, b) => n + b.count, 0));
        expect(read.columns.map((col) => col.name)).toEqual(wanted.map((w) => w.f.name));
        const want = wanted.map((w) => expected[w.k]!);
        expect(logical(read.columns), id).toEqual(want);
        for (const [format, compression] of [['file', undefined], ['stream', undefined], ['stream', 'zstd']] as const) {
          const out = encodeIPCColumns(read.columns, read.height, read.metadata, compression === undefined ? { format } : { format, compression });
          const back = decodeIPCColumns(out, { int64: 'bigint', checkValues: !OVER_PRECISION.has(id) });
          expect(back.columns.map((col) => String(col.dtype))).toEqual(read.columns.map((col) => String(col.dtype)));
          expect(logical(back.columns), `${id} written as ${format}`).toEqual(want);
          if (compression === undefined) expect(tableFromIPC(out).numRows).toBe(read.height);
        }
        if (!skipped) equal.add(`${id} ${form}`);
      });
    }
  }

  it('reads every case of every directory compared equal, but the fields listed with their reason', () => {
    const all = info.flatMap(({ id }) => [`${id} arrow_file`, `${id} stream`]);
    const partial = Object.keys(NOT_EQUAL).flatMap((id) => [`${id} arrow_file`, `${id} stream`]);
    expect(cases.length).toBe(32 + 11 + 9 + 1 + 1 + 4);
    expect([...equal].sort()).toEqual(all.filter((x) => !partial.includes(x)).sort());
  });

  it('keeps the custom metadata of the custom_metadata case, on columns and on nested children', () => {
    const df = readIPCSync(readFileSync(join(DATA, 'integration/cpp-21.0.0/generated_custom_metadata.stream')));
    expect(df.getColumn('lots_of_meta').metadata?.size).toBeGreaterThan(1);
    expect(df.schema.fields[1]!.metadata).toBe(df.getColumn('lots_of_meta').metadata);
    expect(df.schema.metadata).toBeDefined();
    expect(df.getColumn('unregistered_extension').metadata?.get('ARROW:extension:name')).toBe('!nonexistent');
    expect(df.getColumn('list_with_odd_values').dtype.item!.metadata?.get('odd_values')).toBe('{}');
    const back = readIPCSync(df.toIPC());
    expect(back.getColumn('unregistered_extension').metadata).toEqual(df.getColumn('unregistered_extension').metadata);
    expect(back.getColumn('list_with_odd_values').dtype.item!.metadata).toEqual(df.getColumn('list_with_odd_values').dtype.item!.metadata);
  });

  it('keeps an extension type as its storage type, with the extension name on the column', () => {
    const df = readIPCSync(readFileSync(join(DATA, 'integration/cpp-21.0.0/generated_extension.arrow_file')));
    expect(String(df.schema.get('uuids'))).toBe('fixedSizeBinary(16)?');
    expect(df.getColumn('uuids').metadata?.get('ARROW:extension:name')).toBe('arrow.uuid');
    expect(String(df.schema.get('dict_exts'))).toBe('categorical?');
    expect(df.getColumn('dict_exts').metadata?.get('ARROW:extension:metadata')).toBe('dict-extension-serialized');
  });

  it('reads pre-1.0 unions (with a validity bitmap of their own) from file and stream', () => {
    for (const ext of ['arrow_file', 'stream']) {
      const read = decodeIPCColumns(readFileSync(join(DATA, `integration/0.17.1/generated_union.${ext}`)));
      expect(read.columns.map((col) => String(col.dtype))).toEqual([
        'sparseUnion<f1=5: int32?, f2=7: utf8?>?',
        'denseUnion<f1=10: int16?, f2=20: binary?>?',
        'sparseUnion<f1=5: float32, f2=7: bool?>?',
        'denseUnion<f1=42: uint8, f2=43: uint16?, f3=44: null?>?',
      ]);
    }
  });

  it('reads Date64 as a millisecond timestamp, times of day of pre-1.0 files included', () => {
    const df = readIPCSync(readFileSync(join(DATA, 'integration/0.14.1/generated_datetime.stream')), { columns: ['f1'] });
    expect(String(df.schema.get('f1'))).toBe('timestamp[ms]?');
    expect(df.getColumn('f1').data.values[0]).toBe(167903550396207n);
  });
});
