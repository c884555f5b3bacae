import { describe, expect, it } from 'vitest';
import {
  DataFrame,
  ExpressionError,
  InvalidValueError,
  bool,
  categorical,
  col,
  date,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  lit,
  nullable,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  type AnyDType,
} from '../../../src/index.js';
import { evalColumn, evalValues, rawBigInts, rawTimestamps } from '../../support/expr.js';

const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

/** A one-column frame `x` of `values` with dtype `dt` (nullable). */
function frame(values: readonly unknown[], dt: AnyDType): DataFrame {
  return DataFrame.fromColumns({ x: values as unknown[] }, { schema: { x: nullable(dt) } });
}
/** `values` (dtype `from`) cast to `to`, strict or not. */
function cast(values: readonly unknown[], from: AnyDType, to: AnyDType, strict = false): unknown[] {
  return evalValues(frame(values, from), col('x').cast(to, { strict }));
}
/** The strict cast's error for `values`. */
function castError(values: readonly unknown[], from: AnyDType, to: AnyDType): unknown {
  try {
    cast(values, from, to, true);
  } catch (e) {
    return e;
  }
  throw new Error('the cast did not fail');
}

describe('cast from 64-bit integers', () => {
  it('casts an int64 column read as bigint to float64', () => {
    expect(cast([1n, -2n, null], int64('bigint'), float64(), true)).toEqual([1, -2, null]);
    expect(cast([1n, -2n, null], int64('bigint'), float64(), false)).toEqual([1, -2, null]);
    expect(cast([3n], uint64('bigint'), float32(), true)).toEqual([3]);
  });

  it('rounds values beyond 2^53 to the nearest double (ties to even)', () => {
    const got = cast([2n ** 53n + 1n, 2n ** 53n + 3n, I64_MAX, I64_MIN, -(2n ** 53n) - 1n], int64('bigint'), float64(), true);
    expect(got).toEqual([2 ** 53, 2 ** 53 + 4, 2 ** 63, -(2 ** 63), -(2 ** 53)]);
    expect(cast([U64_MAX, 2n ** 63n + 1025n], uint64('bigint'), float64(), true)).toEqual([2 ** 64, 2 ** 63 + 2048]);
  });

  it('rounds to float32 once, from the exact integer (no double rounding)', () => {
    // 2^54 + 2^30 + 1 is nearest the double 2^54 + 2^30, a float32 tie; the integer is above it.
    const got = cast([2n ** 54n + 2n ** 30n + 1n, 2n ** 54n + 2n ** 30n, 2n ** 24n + 1n], int64('bigint'), float32(), true);
    expect(got).toEqual([2 ** 54 + 2 ** 31, 2 ** 54, 2 ** 24]);
  });

  it('checks the range of narrower integer targets exactly', () => {
    const xs = [2147483647n, 2147483648n, -2147483648n, -2147483649n, null];
    expect(cast(xs, int64('bigint'), int32())).toEqual([2147483647, null, -2147483648, null, null]);
    const e = castError(xs, int64('bigint'), int32());
    expect(e).toBeInstanceOf(InvalidValueError);
    expect(String(e)).toContain('Column "x", row 1: 2147483648n (bigint) does not fit int32');
    expect(cast([2n ** 53n + 1n], int64('bigint'), int32())).toEqual([null]);
    expect(cast([-1n, 0n, I64_MAX], int64('bigint'), uint64('bigint'))).toEqual([null, 0n, I64_MAX]);
    expect(cast([2n ** 63n, U64_MAX, 5n], uint64('bigint'), int64('bigint'))).toEqual([null, null, 5n]);
    expect(cast([255n, 256n], uint64('bigint'), uint8())).toEqual([255, null]);
  });

  it('prints every value exactly as text, whatever the read mode', () => {
    expect(cast([I64_MAX, I64_MIN, 9007199254740993n, null], int64('bigint'), utf8(), true)).toEqual([
      '9223372036854775807',
      '-9223372036854775808',
      '9007199254740993',
      null,
    ]);
    const numberMode = DataFrame.fromColumns({ x: [I64_MAX, -5n] }, { schema: { x: int64() } });
    expect(evalValues(numberMode, col('x').cast(utf8()))).toEqual(['9223372036854775807', '-5']);
    expect(cast([U64_MAX], uint64('bigint'), utf8(), true)).toEqual(['18446744073709551615']);
    expect(cast([U64_MAX, 7n], uint64('bigint'), categorical(), true)).toEqual(['18446744073709551615', '7']);
  });

  it('widens exactly between integer dtypes and to int64', () => {
    expect(cast([-128, 127], int8(), int64('bigint'), true)).toEqual([-128n, 127n]);
    expect(cast([4294967295], uint32(), int64('bigint'), true)).toEqual([4294967295n]);
    expect(cast([-1, 3], int32(), uint64('bigint'))).toEqual([null, 3n]);
    expect(cast([-1, 300, 65535], int32(), uint16())).toEqual([null, 300, 65535]);
  });
});

describe('cast from text', () => {
  it('parses integers as DuckDB does: spaces trimmed, a leading +, decimals and exponents rounded half away from zero', () => {
    const xs = [' 12 ', '+5', '-0', '1.5', '2.5', '-2.5', '0.5', '1e3', '1.5e1', '25e-1', '.5', '5.', '\t7\n', '-.5', '1e-1000', '007', null];
    expect(cast(xs, utf8(), int32(), true)).toEqual([12, 5, 0, 2, 3, -3, 1, 1000, 15, 3, 1, 5, 7, -1, 0, 7, null]);
  });

  it('refuses text that is not a decimal number: error when strict, null otherwise', () => {
    const bad = ['', '  ', 'abc', '1,5', '0x10', '1_000', '1e', 'e5', '.', '-', '--1', '+-1', 'nan', 'inf', '1 000', '1.2.3', '12a', '\u00a012'];
    expect(cast(bad, utf8(), int32())).toEqual(bad.map(() => null));
    bad.forEach((s, i) => {
      const e = castError([s], utf8(), int32());
      expect(e, s).toBeInstanceOf(InvalidValueError);
      expect(String(e)).toContain(`Column "x", row 0: ${JSON.stringify(s)} (string) does not fit int32`);
      expect(i).toBeGreaterThanOrEqual(0);
    });
  });

  it('names the column, the row and the text in a strict error', () => {
    const e = castError(['1', '2', 'two'], utf8(), int32()) as InvalidValueError;
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.column).toBe('x');
    expect(e.row).toBe(2);
    expect(e.value).toBe('two');
  });

  it('checks the range after rounding', () => {
    expect(cast(['127', '128', '-128.4', '-128.5', '127.4', '127.5', '1e2', '1e3'], utf8(), int8())).toEqual([127, null, -128, null, 127, null, 100, null]);
    expect(cast(['255', '255.4', '255.5', '-1', '65535'], utf8(), uint8())).toEqual([255, 255, null, null, null]);
    expect(cast(['4294967295', '4294967296'], utf8(), uint32())).toEqual([4294967295, null]);
    expect(cast(['32767', '-32769'], utf8(), int16())).toEqual([32767, null]);
  });

  it('parses int64 and uint64 exactly, with no double in between', () => {
    const xs = ['9223372036854775807', '-9223372036854775808', '9223372036854775807.4', '9223372036854775806.5', '9223372036854775808', '9007199254740993', '1e18', '9.3e18', '-9223372036854775808.5', '0000000000000000000000000000001'];
    expect(cast(xs, utf8(), int64('bigint'))).toEqual([I64_MAX, I64_MIN, I64_MAX, I64_MAX, null, 9007199254740993n, 10n ** 18n, null, null, 1n]);
    expect(cast(['18446744073709551615', '-1', '18446744073709551615.5', '12345678901234567890'], utf8(), uint64('bigint'))).toEqual([U64_MAX, null, null, 12345678901234567890n]);
  });

  it('parses floats: exponents, inf, nan, overflow to infinity, underflow to zero', () => {
    const xs = [' 1.5 ', '+1.5', 'inf', '-Infinity', 'NaN', 'INF', '1e400', '1e-400', '.5', '1.', '-0', '0.1'];
    expect(cast(xs, utf8(), float64(), true)).toEqual([1.5, 1.5, Infinity, -Infinity, NaN, Infinity, Infinity, 0, 0.5, 1, -0, 0.1]);
    expect(cast(['1,5', '0x1p3', '1e', '1.5 x', '1d'], utf8(), float64())).toEqual([null, null, null, null, null]);
  });

  it('rounds text to float32 once, correctly (no double rounding)', () => {
    const xs = ['1.00000017881393432617187499', '1.000000178813934326171875', '1.00000017881393432617187501', '0.1', '3.40282357e38', '-3.40282356e38', '1e-50'];
    expect(cast(xs, utf8(), float32(), true)).toEqual([
      1.0000001192092896,
      1.000000238418579,
      1.000000238418579,
      Math.fround(0.1),
      Infinity,
      -3.4028234663852886e38,
      0,
    ]);
  });

  it('parses booleans: true/false, t/f, yes/no, y/n, 1/0 in any case', () => {
    const xs = ['true', 'FALSE', 't', 'F', 'yes', 'No', 'y', 'N', '1', '0', ' true '];
    expect(cast(xs, utf8(), bool(), true)).toEqual([true, false, true, false, true, false, true, false, true, false, true]);
    expect(cast(['2', 'on', 'off', 'tr', '', '01'], utf8(), bool())).toEqual([null, null, null, null, null, null]);
  });

  it('parses ISO dates, with years outside 0–9999 in the expanded form', () => {
    const xs = ['2024-01-05', ' 2024-02-29 ', '+010000-01-01', '-000001-12-31', '0000-01-01'];
    expect(cast(xs, utf8(), date(), true)).toEqual(xs.map((s) => new Date(Date.parse(`${s.trim()}T00:00:00Z`))));
    // A year of five digits needs its sign (ISO 8601's expanded form, as the readers take it).
    expect(cast(['2023-02-29', '2024-1-5', '2024/01/05', '20240105', '2024-01-05T10:00:00', 'x', '10000-01-01'], utf8(), date())).toEqual([null, null, null, null, null, null, null]);
  });

  it('parses ISO timestamps; a zone or offset in the text gives the instant, a date alone is midnight', () => {
    const xs = ['2024-01-05T10:30:00', '2024-01-05 10:30', '2024-01-05T10:30:00.123Z', '2024-01-05T10:30:00+02:00', '2024-01-05', ' 2024-01-05T10:30:00Z ', '+010000-01-01T00:00:00.5Z', '-000001-12-31T23:59:59'];
    expect(cast(xs, utf8(), timestamp(), true).map((d) => (d as Date).toISOString())).toEqual([
      '2024-01-05T10:30:00.000Z',
      '2024-01-05T10:30:00.000Z',
      '2024-01-05T10:30:00.123Z',
      '2024-01-05T08:30:00.000Z',
      '2024-01-05T00:00:00.000Z',
      '2024-01-05T10:30:00.000Z',
      '+010000-01-01T00:00:00.500Z',
      '-000001-12-31T23:59:59.000Z',
    ]);
    // Sub-millisecond digits would be lost: refused.
    expect(cast(['2024-01-05T10:30:00.1234', '2024-01-05 25:00', 'x'], utf8(), timestamp())).toEqual([null, null, null]);
  });

  it('reads text without an offset as wall-clock time in the target time zone', () => {
    const got = cast(['2024-01-05T10:30:00', '2024-07-05T10:30:00', '2024-01-05T10:30:00Z'], utf8(), timestamp({ timezone: 'America/New_York' }), true);
    expect(got.map((d) => (d as Date).toISOString())).toEqual(['2024-01-05T15:30:00.000Z', '2024-07-05T14:30:00.000Z', '2024-01-05T10:30:00.000Z']);
  });

  it('parses timestamps beyond the JavaScript Date range exactly', () => {
    const df = frame(['+292278994-08-17T07:12:55.807', '-292275055-05-16T16:47:04.192'], utf8());
    expect(rawBigInts(evalColumn(df, col('x').cast(timestamp())))).toEqual([I64_MAX, I64_MIN]);
    expect(cast(['+292278994-08-17T07:12:55.808'], utf8(), timestamp())).toEqual([null]);
  });

  it('parses each categorical dictionary entry once and reports the first failing row', () => {
    const df = DataFrame.fromColumns({ x: ['1', 'x', '2', 'x', null] }, { schema: { x: nullable(categorical()) } });
    expect(evalValues(df, col('x').cast(int32(), { strict: false }))).toEqual([1, null, 2, null, null]);
    expect(() => evalValues(df, col('x').cast(int32()))).toThrow('Column "x", row 1: "x" (string) does not fit int32');
    expect(evalValues(df, col('x').cast(utf8()))).toEqual(['1', 'x', '2', 'x', null]);
  });
});

describe('cast from floats to integers', () => {
  it('rounds half to even, as DuckDB', () => {
    expect(cast([2.5, 1.5, -2.5, 0.5, -0.5, 3.5, -1.5, 0.49999999999999994, 4.000000000000001], float64(), int32(), true)).toEqual([2, 2, -2, 0, 0, 4, -2, 0, 4]);
    expect(cast([2.5], float32(), int8(), true)).toEqual([2]);
  });

  it('makes NaN, infinities and values out of range an error (strict) or null', () => {
    const xs = [NaN, Infinity, -Infinity, 2147483647.4, 2147483647.5, -2147483648.5, -2147483648.6, 1e300];
    expect(cast(xs, float64(), int32())).toEqual([null, null, null, 2147483647, null, -2147483648, null, null]);
    expect(String(castError([1, NaN], float64(), int32()))).toContain('Column "x", row 1: NaN (number) does not fit int32');
    expect(cast([127.4, 127.5, -128.5, -128.6, -0.4], float64(), int8())).toEqual([127, null, -128, null, 0]);
    // An unsigned target takes no negative value, not even one that rounds to 0 (as DuckDB); −0 is 0.
    expect(cast([-0.4, -0.6, 255.4, 255.5, -0], float64(), uint8())).toEqual([null, null, 255, null, 0]);
  });

  it('converts to 64-bit integers exactly', () => {
    expect(cast([9223372036854774784, 2 ** 63, -(2 ** 63), 2.5, 2 ** 60 + 2 ** 8], float64(), int64('bigint'))).toEqual([
      9223372036854774784n,
      null,
      I64_MIN,
      2n,
      2n ** 60n + 256n,
    ]);
    expect(cast([2 ** 64 - 2048, 2 ** 64, -1, -0.4, -0], float64(), uint64('bigint'))).toEqual([2n ** 64n - 2048n, null, null, null, 0n]);
  });

  it('keeps float64 → float32 finite unless the value is beyond float32 (inf and nan pass)', () => {
    expect(cast([0.1, 1e39, -1e39, Infinity, NaN, 1e-50], float64(), float32())).toEqual([Math.fround(0.1), null, null, Infinity, NaN, 0]);
  });

  it('converts booleans and numbers both ways (nonzero is true)', () => {
    expect(cast([true, false, null], bool(), int32(), true)).toEqual([1, 0, null]);
    expect(cast([true], bool(), int64('bigint'), true)).toEqual([1n]);
    expect(cast([true], bool(), float64(), true)).toEqual([1]);
    expect(cast([2, 0, -0, NaN, 0.5], float64(), bool(), true)).toEqual([true, false, false, true, true]);
    expect(cast([0n, I64_MIN], int64('bigint'), bool(), true)).toEqual([false, true]);
  });

  it('prints floats as their shortest round-trip text, whole ones with .0 (as the writers do); float32 as float32', () => {
    expect(cast([1.5, 0.1, 1e21, -0, NaN, -Infinity, 5e-324, 2], float64(), utf8(), true)).toEqual(['1.5', '0.1', '1e+21', '-0.0', 'NaN', '-inf', '5e-324', '2.0']);
    expect(cast([Math.fround(0.1), 3], float32(), utf8(), true)).toEqual(['0.1', '3.0']);
    expect(cast([true, false], bool(), utf8(), true)).toEqual(['true', 'false']);
  });
});

describe('cast between dates and timestamps', () => {
  it('takes the day containing the instant, also before 1970', () => {
    const xs = [new Date('2024-01-05T10:30:00Z'), new Date('1969-12-31T23:59:59.999Z'), new Date(-1), new Date(0), new Date('2024-01-05T00:00:00Z'), null];
    expect(cast(xs, timestamp(), date(), true)).toEqual([
      new Date('2024-01-05'),
      new Date('1969-12-31'),
      new Date('1969-12-31'),
      new Date('1970-01-01'),
      new Date('2024-01-05'),
      null,
    ]);
  });

  it('takes the local date in the column time zone', () => {
    const xs = [new Date('2024-01-05T03:00:00Z'), new Date('2024-01-05T20:00:00Z')];
    expect(cast(xs, timestamp({ timezone: 'America/New_York' }), date(), true)).toEqual([new Date('2024-01-04'), new Date('2024-01-05')]);
    expect(cast(xs, timestamp({ timezone: 'Asia/Tokyo' }), date(), true)).toEqual([new Date('2024-01-05'), new Date('2024-01-06')]);
    expect(cast(xs, timestamp({ timezone: 'UTC' }), date(), true)).toEqual([new Date('2024-01-05'), new Date('2024-01-05')]);
  });

  it('gives midnight for a date: UTC for naive and UTC timestamps, local midnight in a zone', () => {
    const xs = [new Date('2024-01-05'), new Date('1969-12-31')];
    expect(cast(xs, date(), timestamp(), true)).toEqual(xs);
    const ny = cast(xs, date(), timestamp({ timezone: 'America/New_York' }), true) as Date[];
    expect(ny.map((d) => d.toISOString())).toEqual(['2024-01-05T05:00:00.000Z', '1969-12-31T05:00:00.000Z']);
  });

  it('refuses a timestamp whose day is beyond the date range', () => {
    const df = rawTimestamps([2n ** 62n, 0n]);
    expect(evalValues(df, col('t').cast(date(), { strict: false }))).toEqual([null, new Date(0)]);
    expect(() => evalValues(df, col('t').cast(date()))).toThrow(InvalidValueError);
  });

  it('keeps the instant when only the time zone changes', () => {
    const xs = [new Date('2024-01-05T03:00:00Z')];
    const out = evalColumn(frame(xs, timestamp({ timezone: 'UTC' })), col('x').cast(timestamp({ timezone: 'Asia/Tokyo' })));
    expect(String(out.dtype)).toBe('timestamp[ms, Asia/Tokyo]');
    expect(out.toArray()).toEqual(xs);
  });
});

describe('cast dates and timestamps to text', () => {
  it('prints dates in ISO form, years outside 0–9999 expanded', () => {
    const xs = ['2024-01-05', '+010000-01-01', '-000001-12-31', '0000-01-01', '9999-12-31'].map((s) => new Date(`${s}T00:00:00Z`));
    expect(cast(xs, date(), utf8(), true)).toEqual(['2024-01-05', '+010000-01-01', '-000001-12-31', '0000-01-01', '9999-12-31']);
  });

  it('prints naive timestamps without a zone, UTC ones with Z, zoned ones with their offset', () => {
    const xs = [new Date('2024-01-05T10:30:00Z'), new Date('2024-07-05T10:30:00.120Z'), new Date('+010000-01-01T00:00:00Z')];
    expect(cast(xs, timestamp(), utf8(), true)).toEqual(['2024-01-05T10:30:00', '2024-07-05T10:30:00.120', '+010000-01-01T00:00:00']);
    expect(cast(xs, timestamp({ timezone: 'UTC' }), utf8(), true)).toEqual(['2024-01-05T10:30:00Z', '2024-07-05T10:30:00.120Z', '+010000-01-01T00:00:00Z']);
    expect(cast(xs.slice(0, 2), timestamp({ timezone: 'America/New_York' }), utf8(), true)).toEqual(['2024-01-05T05:30:00-05:00', '2024-07-05T06:30:00.120-04:00']);
  });

  it('prints timestamps beyond the JavaScript Date range exactly', () => {
    const df = rawTimestamps([I64_MAX, I64_MIN, -1n]);
    expect(evalValues(df, col('t').cast(utf8()))).toEqual(['+292278994-08-17T07:12:55.807', '-292275055-05-16T16:47:04.192', '1969-12-31T23:59:59.999']);
  });
});

describe('cast: dtype pairs, literals and frames', () => {
  it('still refuses pairs with no conversion, before reading any row', () => {
    expect(() => evalValues(frame([new Date(0)], date()), col('x').cast(int32()))).toThrow(ExpressionError);
    expect(() => evalValues(frame([1], int32()), col('x').cast(date()))).toThrow('col("x").cast(date): cannot cast int32 to date');
    expect(() => evalValues(frame([true], bool()), col('x').cast(timestamp()))).toThrow(ExpressionError);
  });

  it('casts literals', () => {
    expect(evalValues(frame([1, 2], int32()), lit('2.5').cast(int32()))).toEqual([3, 3]);
    expect(evalValues(frame([1], int32()), lit(null).cast(int32()))).toEqual([null]);
  });

  it('is non-nullable when strict and no null is in or out; nullable when not strict', () => {
    const df = DataFrame.fromColumns({ s: ['1', '2'] });
    expect(String(evalColumn(df, col('s').cast(int32())).dtype)).toBe('int32');
    expect(String(evalColumn(df, col('s').cast(int32(), { strict: false })).dtype)).toBe('int32?');
  });

  it('df.cast follows the same rules', () => {
    const df = DataFrame.fromColumns({ s: [' 2.5 ', 'x'], b: [2n ** 60n + 1n, 1n], f: [2.5, -0.5] }, { schema: { s: utf8(), b: int64('bigint'), f: float64() } });
    expect(() => df.cast({ s: int32() })).toThrow('Column "s", row 1: "x" (string) does not fit int32');
    const out = df.cast({ s: int32(), b: float64(), f: int8() }, { strict: false });
    expect(out.toRecords()).toEqual([
      { s: 3, b: 2 ** 60, f: 2 },
      { s: null, b: 1, f: 0 },
    ]);
  });
});

describe('cast of a sliced frame', () => {
  it('reads values and nulls from the slice offset in every kernel', () => {
    const df = DataFrame.fromColumns(
      {
        b: [true, null, false, true, true, false, null, true, false, true],
        s: ['1', null, '2.5', 'x', '4', '5', null, '7', '8', '9'],
        k: ['1', null, '2.5', 'x', '4', '5', null, '7', '8', '9'],
        big: [1n, null, 2n ** 60n, 3n, 4n, 5n, null, 7n, 8n, 9n],
        t: [new Date(-1), null, new Date(86_400_000), new Date(0), new Date(1), new Date(2), null, new Date(3), new Date(4), new Date(5)],
        f: [0.5, null, 2.5, NaN, 4, 5, null, 7, 8, 9],
      },
      { schema: { b: nullable(bool()), s: nullable(utf8()), k: nullable(categorical()), big: nullable(int64('bigint')), t: nullable(timestamp()), f: nullable(float64()) } },
    );
    const part = df.slice(1, 6);
    const e = (x: ReturnType<typeof col>) => evalValues(part, x);
    expect(e(col('b').cast(int32()))).toEqual([null, 0, 1, 1, 0, null]);
    expect(e(col('s').cast(int32(), { strict: false }))).toEqual([null, 3, null, 4, 5, null]);
    expect(e(col('k').cast(int32(), { strict: false }))).toEqual([null, 3, null, 4, 5, null]);
    expect(e(col('big').cast(float64()))).toEqual([null, 2 ** 60, 3, 4, 5, null]);
    expect(e(col('big').cast(utf8()))).toEqual([null, '1152921504606846976', '3', '4', '5', null]);
    expect(e(col('t').cast(date()))).toEqual([null, new Date(86_400_000), new Date(0), new Date(0), new Date(0), null]);
    expect(e(col('f').cast(int8(), { strict: false }))).toEqual([null, 2, null, 4, 5, null]);
    expect(e(col('b').cast(utf8()))).toEqual([null, 'false', 'true', 'true', 'false', null]);
    expect(() => e(col('s').cast(int32()))).toThrow('Column "s", row 2: "x" (string) does not fit int32');
  });
});
