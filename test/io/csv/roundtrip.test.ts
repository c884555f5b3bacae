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
import { DTYPE_VALUES, columnOf, expectSameFrame, frameOf, framesOf } from '../../support/frames.js';

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

describe('CSV round trips keep dtypes and values (every dtype, extremes)', () => {
  /**
   * Dtypes readCSV infers back without being told (as nullable): bool, int32, float64 (whole
   * numbers are written with `.0`, NaN as `NaN`, ±inf as `inf` / `-inf`), date, naive timestamp
   * and UTC timestamp, at every value their integers hold (expanded years included). The others
   * need a dtype: int8/int16/uint* and int64 (integers read as the narrowest of int32 / int64 that
   * holds them), float32 (read as float64), utf8 vs categorical (a choice by distinct values;
   * text may also look like numbers), a time zone other than UTC (the instant is written in UTC),
   * and a column with no value at all (read as utf8).
   */
  const INFERRED = new Set(['bool', 'int32', 'float64', 'date', 'timestamp', 'timestampUTC']);

  function dtypesFor(df: DataFrame): Record<string, AnyDType> {
    const dtypes: Record<string, AnyDType> = {};
    for (const c of df.getColumns()) if (!INFERRED.has(c.name) || c.nullCount === c.length) dtypes[c.name] = c.dtype;
    return dtypes;
  }

  it('random frames → toCSV → readCSV give the same dtypes and values', async () => {
    await fc.assert(
      fc.asyncProperty(framesOf(Object.keys(DTYPE_VALUES)), async ({ df }) => {
        const back = await readCSV({ text: df.toCSV() }, { dtypes: dtypesFor(df), int64: 'bigint' });
        expectSameFrame(df, back, { ignoreNullable: true });
      }),
      { numRuns: 400 },
    );
  });

  it('random frames → writeCSV → readCSV in small chunks give the same dtypes and values', async () => {
    const path = join(dir, 'rt-any.csv');
    await fc.assert(
      fc.asyncProperty(framesOf(Object.keys(DTYPE_VALUES)), fc.integer({ min: 1, max: 64 }), async ({ df }, chunkSize) => {
        await writeCSV(df, path);
        const back = await readCSV(path, { dtypes: dtypesFor(df), int64: 'bigint', chunkSize });
        expectSameFrame(df, back, { ignoreNullable: true });
      }),
      { numRuns: 100 },
    );
  });

  it('whole floats read back as float64 (2147483647.0 is not int32), float32 as float64 or as float32 when declared', async () => {
    const df = DataFrame.fromColumns(
      { f: [2147483647, 1, -0, 2 ** 60, 9.3e18, 1e20, 1e21], g: [1, 0.1, 16777216, -0, NaN, Infinity, 3] },
      { schema: { f: float64(), g: float32() } },
    );
    expect(df.toCSV()).toBe(
      'f,g\n2147483647.0,1.0\n1.0,0.1\n-0.0,16777216.0\n1152921504606847000.0,-0.0\n9300000000000000000.0,NaN\n100000000000000000000.0,inf\n1e+21,3.0\n',
    );
    const back = await readCSV({ text: df.toCSV() });
    expect(back.schema.toString()).toBe('Schema { f: float64?, g: float64? }');
    expectSameFrame(df.select('f'), back.select('f'), { ignoreNullable: true });
    // float32 values read back as the double of their shortest float32 text (0.1, not 0.100000001…).
    expect(back.getColumn('g').toArray()).toEqual([1, 0.1, 16777216, -0, NaN, Infinity, 3]);
    expectSameFrame(df, await readCSV({ text: df.toCSV() }, { dtypes: { g: float32() } }), { ignoreNullable: true });
  });

  it('int64 is written from the stored integer (2^60 exactly) and reads back exactly, also as text next to floats', async () => {
    const df = DataFrame.fromColumns({ i: [2n ** 60n, null, -(2n ** 63n)] }, { schema: { i: nullable(int64()) } });
    expect(df.toCSV()).toBe('i\n1152921504606846976\n\n-9223372036854775808\n');
    const back = await readCSV({ text: df.toCSV() }, { int64: 'bigint' });
    expect(back.getColumn('i').toArray()).toEqual([2n ** 60n, null, -(2n ** 63n)]);
    const mixed = await readCSV({ text: 'x\n1152921504606846976\n1.5\n' });
    expect(mixed.getColumn('x').toArray()).toEqual(['1152921504606846976', '1.5']);
  });

  it('naive timestamps are written without Z and read back naive; zoned ones with Z read back as UTC', async () => {
    const df = DataFrame.fromColumns(
      { t: [new Date(Date.UTC(2024, 2, 5, 14, 22, 10, 123))], z: [new Date(0)] },
      { schema: { t: timestamp(), z: timestamp({ timezone: 'Europe/Oslo' }) } },
    );
    expect(df.toCSV()).toBe('t,z\n2024-03-05T14:22:10.123,1970-01-01T00:00:00Z\n');
    const back = await readCSV({ text: df.toCSV() });
    expect(back.schema.toString()).toBe('Schema { t: timestamp[ms]?, z: timestamp[ms, UTC]? }');
  });

  it('dates and timestamps beyond years 0–9999 are written with expanded years and read back, inferred', async () => {
    const df = frameOf([
      columnOf('d', date(), [2 ** 31 - 1, -(2 ** 31), 2_932_897, -719_529, -719_528, -700_000]),
      columnOf('t', timestamp(), [2n ** 63n - 1n, -(2n ** 63n), 8_640_000_000_000_001n, -62_167_219_200_001n, 0n, 2n ** 53n + 1n]),
    ]);
    expect(df.toCSV().split('\n').slice(1, 6)).toEqual([
      '+5881580-07-11,+292278994-08-17T07:12:55.807',
      '-5877641-06-23,-292275055-05-16T16:47:04.192',
      '+010000-01-01,+275760-09-13T00:00:00.001',
      '-000001-12-31,-000001-12-31T23:59:59.999',
      '0000-01-01,1970-01-01T00:00:00',
    ]);
    expectSameFrame(df, await readCSV({ text: df.toCSV() }), { ignoreNullable: true });
  });
});
