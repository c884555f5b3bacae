/**
 * Round trips: random frames (every dtype, nulls, unicode and escapes, int64 beyond 2^53, dates and
 * timestamps) through writeJSON / toJSONString and back through readJSON, in both formats.
 */
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
  int8,
  nullable,
  readJSON,
  timestamp,
  uint32,
  uint64,
  uint8,
  utf8,
  writeJSON,
  type AnyDType,
  type SchemaShape,
} from '../../../src/index.js';
import { DTYPE_VALUES, columnOf, expectSameFrame, frameOf, framesOf } from '../../support/frames.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'colframe-json-roundtrip-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const MS_PER_DAY = 86_400_000;
// The reader takes four-digit years (0000–9999), as readCSV does.
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

/** Text with the characters JSON must escape, emoji, and other non-ASCII. */
const textUnit = fc.oneof(
  fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\0', '\u001f', '\u007f', '\u2028', '\ufeff', '😀', '👩‍👩‍👧', 'é', '日本', '{', '[', ','),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

const kinds: Record<string, [AnyDType, fc.Arbitrary<unknown>]> = {
  i8: [int8(), fc.integer({ min: -128, max: 127 })],
  u8: [uint8(), fc.integer({ min: 0, max: 255 })],
  i16: [int16(), fc.integer({ min: -32768, max: 32767 })],
  i32: [int32(), fc.integer()],
  u32: [uint32(), fc.integer({ min: 0, max: 2 ** 32 - 1 })],
  i64: [int64('bigint'), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })],
  u64: [uint64('bigint'), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
  f32: [float32(), fc.float({ noNaN: true, noDefaultInfinity: true })],
  f64: [float64(), fc.double({ noNaN: true, noDefaultInfinity: true })],
  b: [bool(), fc.boolean()],
  s: [utf8(), fc.string({ unit: textUnit, maxLength: 12 })],
  c: [categorical(), fc.constantFrom('red', '', 'say "hi"', 'a\\b', '日本', '😀')],
  d: [date(), fc.integer({ min: MIN_MS / MS_PER_DAY, max: Math.floor(MAX_MS / MS_PER_DAY) }).map((d) => new Date(d * MS_PER_DAY))],
  t: [timestamp(), fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms))],
  tz: [timestamp({ timezone: 'UTC' }), fc.integer({ min: MIN_MS, max: MAX_MS }).map((ms) => new Date(ms))],
};

/** A random frame: a few columns of random dtypes, each maybe nullable with nulls. */
const frames = fc
  .uniqueArray(fc.constantFrom(...Object.keys(kinds)), { minLength: 1, maxLength: 6 })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
      fc.integer({ min: 0, max: 25 }),
    ),
  )
  .chain(([keys, nullables, height]) => {
    const schema: Record<string, AnyDType> = {};
    const cols: Record<string, fc.Arbitrary<unknown[]>> = {};
    keys.forEach((k, i) => {
      const [dtype, arb] = kinds[k]!;
      const name = i % 2 === 0 ? `col ${k} "${i}"` : `${k}é`;
      schema[name] = nullables[i] ? nullable(dtype) : dtype;
      cols[name] = fc.array(nullables[i] ? fc.option(arb, { nil: null }) : arb, { minLength: height, maxLength: height });
    });
    return fc.record(cols).map((values) => DataFrame.fromColumns(values, { schema: schema as SchemaShape }));
  });

describe('JSON round trips', () => {
  for (const format of ['records', 'ndjson'] as const) {
    it(`writeJSON then readJSON with the schema gives the frame back (${format}, files)`, async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(frames, async (df) => {
          const path = join(dir, `rt-${n++}.${format === 'ndjson' ? 'ndjson' : 'json'}`);
          await writeJSON(df, path);
          expectSameFrame(df, await readJSON(path, { schema: df.schema.toObject() }));
        }),
        { numRuns: 120 },
      );
    });

    it(`toJSONString then readJSON with the schema gives the frame back (${format}, small chunks)`, async () => {
      await fc.assert(
        fc.asyncProperty(frames, fc.integer({ min: 1, max: 64 }), async (df, chunkSize) => {
          const text = df.toJSONString({ format });
          expectSameFrame(df, await readJSON(Buffer.from(text), { format, schema: df.schema.toObject(), chunkSize }));
        }),
        { numRuns: 120 },
      );
    });
  }

  it('readJSON without a schema gives back every value of a written frame, with inferred dtypes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            id: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
            name: fc.option(fc.string({ unit: textUnit, maxLength: 12 }), { nil: null }),
            x: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), { nil: null }),
            ok: fc.option(fc.boolean(), { nil: null }),
            day: fc.option(fc.integer({ min: -719_528, max: 2_932_896 }).map((d) => new Date(d * MS_PER_DAY)), { nil: null }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        async (rows) => {
          const schema = { id: int64('bigint'), name: nullable(utf8()), x: nullable(float64()), ok: nullable(bool()), day: nullable(date()) };
          const df = DataFrame.fromRecords(rows, { schema });
          const back = await readJSON({ text: df.toJSONString({ format: 'ndjson' }) }, { int64: 'bigint' });
          for (const name of ['id', 'name', 'x', 'ok', 'day'] as const) {
            const want = df.getColumn(name).toArray();
            if (want.every((v) => v === null)) continue; // an all-null key reads as utf8 nulls
            const got = back.getColumn(name).toArray();
            // Integers read back as int32 or int64 (compared as bigint); integer-valued floats,
            // -0 included, as integers (compared as numbers).
            const norm = (v: unknown): unknown =>
              v === null ? null : name === 'id' ? BigInt(v as number) : name === 'x' ? Number(v) + 0 : v;
            expect(got.map(norm)).toEqual(want.map(norm));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('JSON round trips keep dtypes and values (every dtype, extremes)', () => {
  /**
   * Dtypes readJSON infers back without being told (as nullable): bool, int32, float64 (whole
   * numbers are written with `.0`), date, naive timestamp and UTC timestamp, at every value their
   * integers hold (expanded years included). The others need a dtype: int8/int16/uint* and int64
   * (integers read as the narrowest of int32 / int64 that holds them), float32 (read as float64),
   * utf8 vs categorical (a choice by distinct values), a time zone other than UTC (the instant is
   * written in UTC), and a column with no value at all (read as utf8).
   */
  const INFERRED = new Set(['bool', 'int32', 'float64', 'date', 'timestamp', 'timestampUTC']);

  /** The frame as JSON can hold it: NaN and ±Infinity become null (JSON has no spelling for them). */
  function asJsonHoldsIt(df: DataFrame): DataFrame {
    return frameOf(
      df.getColumns().map((c) => {
        if (c.dtype.kind !== 'float64' && c.dtype.kind !== 'float32') return c;
        const values = Array.from({ length: c.length }, (_, i) => {
          const v = c.at(i) as number | null;
          return v === null || !Number.isFinite(v) ? null : v;
        });
        return columnOf(c.name, nullable(c.dtype), values);
      }),
      df.height,
    );
  }

  for (const format of ['records', 'ndjson'] as const) {
    it(`random frames → toJSONString → readJSON give the same dtypes and values, NaN and ±inf as null (${format})`, async () => {
      await fc.assert(
        fc.asyncProperty(framesOf(Object.keys(DTYPE_VALUES), { minHeight: 1 }), async ({ df }) => {
          const want = asJsonHoldsIt(df);
          const dtypes: Record<string, AnyDType> = {};
          for (const c of want.getColumns()) {
            if (!INFERRED.has(c.name) || c.nullCount === c.length) dtypes[c.name] = c.dtype;
          }
          const back = await readJSON({ text: df.toJSONString({ format }) }, { format, dtypes, int64: 'bigint' });
          expectSameFrame(want, back, { ignoreNullable: true });
        }),
        { numRuns: 300 },
      );
    });
  }

  it('a frame without rows reads back with its columns when the schema is given', async () => {
    const { df } = fc.sample(framesOf(Object.keys(DTYPE_VALUES), { maxHeight: 0 }), 1)[0]!;
    expect(df.toJSONString()).toBe('[]\n');
    expectSameFrame(df, await readJSON({ text: df.toJSONString() }, { schema: df.schema.toObject() }));
  });

  it('whole floats, -0 and floats beyond 2^53 read back as float64, int64 beyond 2^53 as exact int64', async () => {
    const df = DataFrame.fromColumns(
      { f: [2147483647, 1, -0, 2 ** 60, 1e20, 1e21, 0.5], i: [2n ** 60n, -(2n ** 63n), 2n ** 63n - 1n, 0n, 1n, 2n, 3n] },
      { schema: { f: float64(), i: int64('bigint') } },
    );
    expect(df.toJSONString({ format: 'ndjson' }).split('\n')[0]).toBe('{"f":2147483647.0,"i":1152921504606846976}');
    const back = await readJSON({ text: df.toJSONString() }, { int64: 'bigint' });
    expectSameFrame(df, back, { ignoreNullable: true });
  });

  it('int64 beyond 2^53 in a column that also holds floats reads back exactly as text', async () => {
    const back = await readJSON({ text: '[{"x":1152921504606846976},{"x":1.5}]' });
    expect(back.getColumn('x').dtype.kind).not.toMatch(/int|float/);
    expect(back.getColumn('x').toArray()).toEqual(['1152921504606846976', '1.5']);
  });
});
