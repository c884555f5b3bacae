/**
 * The Arrow integration gold files (written by Arrow C++; LZ4- and ZSTD-compressed bodies too)
 * read equal to their JSON descriptions,
 * from the file and the stream form, and round trip through writeIPC / toIPC and apache-arrow.
 * Every case is accounted for: fields of types colframe holds are compared value by value; a
 * case with any other field must raise UnsupportedTypeError naming the first such field, and its
 * supported fields are then read with `columns` and compared too.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { ColframeError, DuplicateColumnError, UnsupportedTypeError, readIPCSync, type DataFrame } from '../../../src/index.js';
import { sharedData } from '../../support/shared-data.js';

const arrowTesting = sharedData('arrow-testing');
const DATA = arrowTesting.path;

interface JsonType {
  name: string;
  unit?: string;
  bitWidth?: number;
  precision?: string;
  isSigned?: boolean;
}
interface JsonField {
  name: string;
  type: JsonType;
  nullable: boolean;
  dictionary?: { id: number; indexType: JsonType };
}
interface JsonColumn {
  count: number;
  VALIDITY?: number[];
  DATA?: unknown[];
}
interface JsonFile {
  schema: { fields: JsonField[] };
  batches: { count: number; columns: JsonColumn[] }[];
  dictionaries?: { id: number; data: { count: number; columns: JsonColumn[] } }[];
}
interface Case {
  dir: string;
  name: string;
  files: { arrow_file: string; stream: string; 'json.gz': string };
}

const manifest = (arrowTesting.present ? JSON.parse(readFileSync(join(DATA, 'MANIFEST.json'), 'utf8')) : { cases: [] }) as { cases: Case[] };
const cases = manifest.cases.filter((c) => ['cpp-21.0.0', '1.0.0-littleendian', '0.14.1', '4.0.0-shareddict', '2.0.0-compression'].includes(c.dir));

/** Whether colframe reads a field of this JSON type (the rules of src/io/ipc/plan.ts). */
function supported(f: JsonField): boolean {
  const t = f.type;
  if (f.dictionary !== undefined) return t.name === 'utf8' && f.dictionary.indexType.bitWidth! <= 32;
  switch (t.name) {
    case 'bool':
    case 'utf8':
    case 'largeutf8':
      return true;
    case 'int':
      return true;
    case 'floatingpoint':
      return t.precision === 'SINGLE' || t.precision === 'DOUBLE';
    case 'date':
      return t.unit === 'DAY';
    case 'timestamp':
      return t.unit === 'SECOND' || t.unit === 'MILLISECOND';
    default:
      return false;
  }
}

/** The expected values of one JSON column, in colframe's terms. */
function expectedValue(f: JsonField, raw: unknown, dicts: Map<number, JsonColumn>): unknown {
  if (f.dictionary !== undefined) {
    const d = dicts.get(f.dictionary.id)!;
    const k = raw as number;
    return d.VALIDITY !== undefined && d.VALIDITY[k] === 0 ? null : d.DATA![k];
  }
  const t = f.type;
  switch (t.name) {
    case 'int':
      return t.bitWidth === 64 ? BigInt(raw as string) : raw;
    case 'floatingpoint':
      return t.precision === 'SINGLE' ? Math.fround(raw as number) : raw;
    case 'date':
      return new Date((raw as number) * 86_400_000);
    case 'timestamp':
      return new Date(Number(BigInt(raw as string) * (t.unit === 'SECOND' ? 1000n : 1n)));
    default:
      return raw;
  }
}

function expectedColumns(json: JsonFile, wanted: Set<number>): Map<number, unknown[]> {
  const dicts = new Map((json.dictionaries ?? []).map((d) => [d.id, d.data.columns[0]!]));
  const out = new Map<number, unknown[]>();
  for (const k of wanted) out.set(k, []);
  for (const b of json.batches) {
    for (const k of wanted) {
      const col = b.columns[k]!;
      const f = json.schema.fields[k]!;
      for (let i = 0; i < b.count; i++) {
        out.get(k)!.push(col.VALIDITY !== undefined && col.VALIDITY[i] === 0 ? null : expectedValue(f, col.DATA![i], dicts));
      }
    }
  }
  return out;
}

/** apache-arrow's values in colframe's terms (timestamps and dates are epoch ms there). */
function arrowColumns(bytes: Uint8Array, df: DataFrame): unknown[][] {
  const t = tableFromIPC(bytes);
  return df.schema.fields.map((f, k) => {
    const v = t.getChildAt(k)!;
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v.get(i);
      out.push(x === null ? null : f.dtype.kind === 'date' || f.dtype.kind === 'timestamp' ? new Date(Number(x)) : x);
    }
    return out;
  });
}

function roundTrip(df: DataFrame): void {
  const records = df.toRecords();
  for (const format of ['file', 'stream'] as const) {
    const bytes = df.toIPC({ format });
    const back = readIPCSync(bytes, { int64: 'bigint' });
    expect(String(back.schema)).toBe(String(df.schema));
    expect(back.toRecords()).toEqual(records);
    expect(arrowColumns(bytes, df)).toEqual(df.core.columns.map((c) => c.toArray()));
  }
}

/**
 * Cases every one of whose fields colframe holds: read whole. Every other case has at least one
 * field of another type (binary, decimal, list, struct, map, union, time, duration, interval,
 * date64, micro/nanosecond timestamps, null, view and run-end types, dictionaries of non-strings):
 * it must raise UnsupportedTypeError naming that field, and its other fields are read with
 * `columns` and compared.
 */
const IN_SCOPE = [
  '2.0.0-compression/lz4',
  '2.0.0-compression/uncompressible_lz4',
  '2.0.0-compression/uncompressible_zstd',
  '2.0.0-compression/zstd',
  '4.0.0-shareddict/shared_dict',
  'cpp-21.0.0/dictionary_unsigned',
  'cpp-21.0.0/primitive',
  'cpp-21.0.0/primitive_no_batches',
  'cpp-21.0.0/primitive_zerolength',
];

describe.skipIf(!arrowTesting.present)('Arrow integration gold files', () => {
  const info = cases.map((c) => {
    const json = JSON.parse(gunzipSync(readFileSync(join(DATA, c.files['json.gz']))).toString('utf8')) as JsonFile;
    const fields = json.schema.fields;
    const ok = fields.map(supported);
    return { c, json, fields, ok, id: `${c.dir}/${c.name}` };
  });

  it('lists the cases read whole (every field of a type colframe holds)', () => {
    expect(info.filter((x) => x.ok.every(Boolean)).map((x) => x.id).sort()).toEqual(IN_SCOPE);
    expect(cases.length).toBe(32 + 11 + 9 + 1 + 4);
  });

  for (const { c, json, fields, ok, id } of info) {
    for (const form of ['arrow_file', 'stream'] as const) {
      it(`${id} (${form === 'arrow_file' ? 'file' : 'stream'}) reads equal to its JSON, or names its unsupported field`, () => {
        const bytes = readFileSync(join(DATA, c.files[form]));
        const firstBad = ok.indexOf(false);
        let df: DataFrame;
        if (firstBad >= 0) {
          let err: unknown;
          try {
            readIPCSync(bytes);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(UnsupportedTypeError);
          expect((err as UnsupportedTypeError).field).toBe(fields[firstBad]!.name);
          const names = fields.filter((_, k) => ok[k]).map((f) => f.name);
          if (names.length === 0) return;
          if (new Set(names).size < names.length) {
            expect(() => readIPCSync(bytes, { columns: names })).toThrow(DuplicateColumnError);
            return;
          }
          df = readIPCSync(bytes, { columns: names, int64: 'bigint' });
        } else {
          df = readIPCSync(bytes, { int64: 'bigint' });
        }
        const wanted = new Set(fields.map((_, k) => k).filter((k) => ok[k]));
        const expected = expectedColumns(json, wanted);
        expect(df.height).toBe(json.batches.reduce((n, b) => n + b.count, 0));
        expect(df.width).toBe(wanted.size);
        for (const k of wanted) {
          const f = fields[k]!;
          const col = df.getColumn(f.name);
          expect(col.dtype.nullable, f.name).toBe(f.nullable);
          expect(col.toArray(), `${id} field ${f.name}`).toEqual(expected.get(k));
        }
        roundTrip(df);
      });
    }
  }

  it('keeps the custom metadata of the custom_metadata case', () => {
    const df = readIPCSync(readFileSync(join(DATA, 'integration/cpp-21.0.0/generated_custom_metadata.stream')), { columns: ['sort_of_pandas', 'lots_of_meta'] });
    expect(df.getColumn('lots_of_meta').metadata?.size).toBeGreaterThan(1);
    expect(df.schema.fields[1]!.metadata).toBe(df.getColumn('lots_of_meta').metadata);
    expect(df.schema.metadata).toBeDefined();
  });

  it('rejects union files in the pre-1.0 layout with a typed error', () => {
    for (const ext of ['arrow_file', 'stream']) {
      expect(() => readIPCSync(readFileSync(join(DATA, `integration/0.17.1/generated_union.${ext}`)))).toThrow(ColframeError);
    }
  });
});
