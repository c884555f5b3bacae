import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataFrame,
  bool,
  categorical,
  date,
  float32,
  float64,
  int16,
  int32,
  int64,
  nullable,
  readCSV,
  timestamp,
  uint64,
  uint8,
  utf8,
  writeCSV,
  type AnyDType,
  type CsvReadOptions,
  type CsvWriteOptions,
  type SchemaShape,
} from '../../../src/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'colframe-csv-roundtrip-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const MS_PER_DAY = 86_400_000;
// The reader takes four-digit years (0000–9999); the writer spells other years as ISO 8601
// expanded years (+012345), which it does not read yet, so the values here stay within them.
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

const textUnit = fc.oneof(
  fc.constantFrom(',', ';', '"', "'", '\n', '\r', '\r\n', ' ', '\t', '\0', '\ufeff', 'NA', '-', '.'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

const kinds: Record<string, [AnyDType, fc.Arbitrary<unknown>]> = {
  i8: [uint8(), fc.integer({ min: 0, max: 255 })],
  i16: [int16(), fc.integer({ min: -32768, max: 32767 })],
  i32: [int32(), fc.integer()],
  i64: [int64('bigint'), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })],
  u64: [uint64('bigint'), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
  f32: [float32(), fc.float()],
  f64: [float64(), fc.double()],
  b: [bool(), fc.boolean()],
  s: [utf8(), fc.string({ unit: textUnit, maxLength: 10 })],
  c: [categorical(), fc.constantFrom('red', '', 'a,b', 'NA', ' x', 'say "hi"', '日本')],
  d: [date(), fc.integer({ min: MIN_MS / MS_PER_DAY, max: Math.floor(MAX_MS / MS_PER_DAY) }).map((d) => new Date(d * MS_PER_DAY))],
  t: [timestamp(), fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms))],
  tz: [timestamp({ timezone: 'America/New_York' }), fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms))],
};

/**
 * Random frames of at least two columns (a one-column frame writes a null as an empty line, which
 * the reader skips as blank; see the nullValue test below).
 */
const frameArb = fc
  .tuple(fc.shuffledSubarray(Object.keys(kinds), { minLength: 2 }), fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }), fc.nat(30))
  .chain(([names, nullables, height]) => {
    const schema: Record<string, AnyDType> = {};
    const cols: Record<string, fc.Arbitrary<unknown[]>> = {};
    names.forEach((name, k) => {
      const [dt, values] = kinds[name]!;
      schema[name] = nullables[k] ? nullable(dt) : dt;
      cols[name] = fc.array(nullables[k] ? fc.option(values, { nil: null }) : values, { minLength: height, maxLength: height });
    });
    return fc.record(cols).map((c) => DataFrame.fromColumns(c, { schema: schema as SchemaShape }));
  });

const optionsArb: fc.Arbitrary<CsvWriteOptions> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  quote: fc.constantFrom('"', "'"),
  lineEnding: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
  nullValue: fc.constantFrom('', 'NA'),
});

/** The reader options that read what the writer wrote with `w`. */
function readOptionsFor(df: DataFrame, w: CsvWriteOptions): CsvReadOptions {
  const r: CsvReadOptions = { schema: df.schema.toObject() };
  if (w.delimiter !== undefined) r.delimiter = w.delimiter;
  if (w.quote !== undefined) r.quote = w.quote;
  if (w.nullValue !== undefined && w.nullValue !== '') r.nullValues = [w.nullValue];
  if (w.header === false) r.header = df.columns;
  return r;
}

describe('CSV round trip: writeCSV / toCSV → readCSV', () => {
  it('random frames → toCSV → readCSV with the frame schema → the same records', async () => {
    await fc.assert(
      fc.asyncProperty(frameArb, optionsArb, async (df, options) => {
        const back = await readCSV({ text: df.toCSV(options) }, readOptionsFor(df, options));
        expect(back.toRecords()).toEqual(df.toRecords());
      }),
      { numRuns: 300 },
    );
  });

  it('random frames → writeCSV to a file → readCSV in small chunks → the same records', async () => {
    const path = join(dir, 'rt.csv');
    await fc.assert(
      fc.asyncProperty(frameArb, optionsArb, async (df, options) => {
        await writeCSV(df, path, options);
        const back = await readCSV(path, { ...readOptionsFor(df, options), chunkSize: 7 });
        expect(back.toRecords()).toEqual(df.toRecords());
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the empty string and null apart, -0, NaN, ±inf, int64 beyond 2^53 and a header-less file', async () => {
    const schema = {
      s: nullable(utf8()),
      x: nullable(float64()),
      n: nullable(int64('bigint')),
      t: nullable(timestamp({ timezone: 'Europe/Oslo' })),
    };
    const df = DataFrame.fromColumns(
      {
        s: ['', null, ' ', '"', '\ufeffx'],
        x: [-0, NaN, Infinity, -Infinity, null],
        n: [2n ** 53n + 1n, null, -(2n ** 63n), 2n ** 63n - 1n, 0n],
        t: [new Date(Date.UTC(2024, 2, 5, 14, 22, 10, 123)), new Date(0), null, new Date(-1), new Date(MAX_MS)],
      },
      { schema },
    );
    for (const options of [{}, { header: false }, { bom: true, lineEnding: '\r\n' as const }] satisfies CsvWriteOptions[]) {
      const back = await readCSV({ text: df.toCSV(options) }, readOptionsFor(df, options));
      expect(back.toRecords()).toEqual(df.toRecords());
    }
  });

  it('a one-column frame with nulls round-trips with a nullValue', async () => {
    const df = DataFrame.fromColumns({ x: ['a', null, '', null] }, { schema: { x: nullable(utf8()) } });
    const options = { nullValue: 'NA' };
    expect(df.toCSV(options)).toBe('x\na\nNA\n""\nNA\n');
    const back = await readCSV({ text: df.toCSV(options) }, readOptionsFor(df, options));
    expect(back.toRecords()).toEqual(df.toRecords());
  });

  it('round-trips a frame spanning many chunks through a file', async () => {
    const n = 50_000;
    const df = DataFrame.fromColumns(
      {
        i: Int32Array.from({ length: n }, (_, k) => k * 40_503 - 1e9),
        x: Float64Array.from({ length: n }, (_, k) => Math.sin(k) * 10 ** (k % 30)),
        s: Array.from({ length: n }, (_, k) => (k % 9 === 0 ? null : `v${k}${k % 4 === 0 ? ', "q"\n' : ''}`)),
        b: Array.from({ length: n }, (_, k) => (k % 5 === 0 ? null : k % 2 === 0)),
        t: Array.from({ length: n }, (_, k) => new Date(1.7e12 + k * 997)),
      },
      { schema: { i: int32(), x: float64(), s: nullable(utf8()), b: nullable(bool()), t: timestamp() } },
    );
    const path = join(dir, 'big.csv');
    await writeCSV(df, path);
    const back = await readCSV(path, { schema: df.schema.toObject() });
    expect(back.toRecords()).toEqual(df.toRecords());
  });
});
