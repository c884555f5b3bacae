import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DataFrame,
  InvalidValueError,
  bool,
  col,
  date,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  nullable,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  type AnyDType,
} from '../../../src/index.js';
import { evalColumn, evalValues, rawBigInts, rawDates, rawTimestamps } from '../../support/expr.js';

const I64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const U64 = { min: 0n, max: 2n ** 64n - 1n };

/** Values of `dt` cast to utf8 and back. */
function roundTrip(values: readonly unknown[], dt: AnyDType): unknown[] {
  const df = DataFrame.fromColumns({ x: values as unknown[] }, { schema: { x: nullable(dt) } });
  return evalValues(df, col('x').cast(utf8()).cast(dt));
}

describe('cast round trips through text', () => {
  const small: [AnyDType, number, number][] = [
    [int8(), -128, 127],
    [int16(), -32768, 32767],
    [int32(), -2147483648, 2147483647],
    [uint8(), 0, 255],
    [uint16(), 0, 65535],
    [uint32(), 0, 4294967295],
  ];
  for (const [dt, min, max] of small) {
    it(`${String(dt)} → utf8 → ${String(dt)} is the identity`, () => {
      const value = fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max, 0));
      fc.assert(fc.property(fc.array(fc.option(value, { nil: null })), (xs) => {
        expect(roundTrip(xs, dt)).toEqual(xs);
      }));
    });
  }

  for (const [dt, range] of [
    [int64('bigint'), I64],
    [uint64('bigint'), U64],
  ] as const) {
    it(`${String(dt)} → utf8 → ${String(dt)} is the identity, extremes included`, () => {
      const value = fc.oneof(fc.bigInt(range), fc.constantFrom(range.min, range.max, 0n, 2n ** 53n + 1n));
      fc.assert(fc.property(fc.array(fc.option(value, { nil: null })), (xs) => {
        expect(roundTrip(xs, dt)).toEqual(xs);
      }));
    });
  }

  it('float64 and float32 → utf8 → back give the same bits (NaN, ±0, ±inf included)', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (xs) => {
        const back = roundTrip(xs, float64()) as number[];
        back.forEach((x, i) => expect(Object.is(x, xs[i])).toBe(true));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.float()), (xs) => {
        const back = roundTrip(xs, float32()) as number[];
        back.forEach((x, i) => expect(Object.is(x, xs[i])).toBe(true));
      }),
    );
  });

  it('date → utf8 → date is the identity over the whole int32 day range', () => {
    const day = fc.oneof(fc.integer({ min: -2147483648, max: 2147483647 }), fc.integer({ min: -1_000_000, max: 3_000_000 }));
    fc.assert(
      fc.property(fc.array(day, { minLength: 1 }), (days) => {
        const out = evalColumn(rawDates(days), col('d').cast(utf8()).cast(date()));
        expect(Array.from(out.data.values as Int32Array)).toEqual(days);
      }),
    );
  });

  it('timestamp → utf8 → timestamp is the identity over the whole int64 range, naive and UTC', () => {
    const ms = fc.oneof(fc.bigInt(I64), fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.constantFrom(I64.min, I64.max, -1n, 0n));
    for (const tz of [null, 'UTC']) {
      fc.assert(
        fc.property(fc.array(ms, { minLength: 1 }), (xs) => {
          const out = evalColumn(rawTimestamps(xs, tz), col('t').cast(utf8()).cast(timestamp({ timezone: tz })));
          expect(rawBigInts(out)).toEqual(xs);
        }),
      );
    }
  });

  it('timestamp → utf8 → timestamp is the identity in time zones (offsets with seconds included)', () => {
    const ms = fc.integer({ min: -8.64e15, max: 8.64e15 }).map(BigInt);
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Europe/Amsterdam', 'Asia/Kathmandu']) {
      fc.assert(
        fc.property(fc.array(ms, { minLength: 1 }), (xs) => {
          const out = evalColumn(rawTimestamps(xs, tz), col('t').cast(utf8()).cast(timestamp({ timezone: tz })));
          expect(rawBigInts(out)).toEqual(xs);
        }),
        { numRuns: 30 },
      );
    }
  });
});

/** Whether a strict cast of the single value `x` throws an InvalidValueError. */
function strictFails(x: unknown, from: AnyDType, to: AnyDType): boolean {
  const df = DataFrame.fromColumns({ x: [x] }, { schema: { x: from } });
  try {
    evalValues(df, col('x').cast(to));
    return false;
  } catch (e) {
    if (e instanceof InvalidValueError) return true;
    throw e;
  }
}

describe('strict cast errors exactly where the non-strict cast gives null', () => {
  const targets: AnyDType[] = [int8(), uint8(), int32(), uint32(), int64('bigint'), uint64('bigint'), float32(), float64(), bool(), date(), timestamp()];
  const numberish = fc.oneof(
    fc.string(),
    fc.stringMatching(/^\s?[+-]?\d{0,22}(\.\d{0,4})?([eE][+-]?\d{1,3})?\s?$/),
    fc.constantFrom('inf', '-Infinity', 'nan', 'true', 'f', 'yes', '2024-02-29', '2023-02-29', '+010000-01-01', '2024-01-05T10:30:00Z', '2024-01-05 25:00'),
  );
  for (const to of targets) {
    it(`from utf8 to ${String(to)}`, () => {
      fc.assert(
        fc.property(fc.array(numberish, { minLength: 1, maxLength: 8 }), (xs) => {
          const loose = evalValues(DataFrame.fromColumns({ x: xs }), col('x').cast(to, { strict: false }));
          xs.forEach((x, i) => expect(strictFails(x, utf8(), to), JSON.stringify(x)).toBe(loose[i] === null));
        }),
        { numRuns: 40 },
      );
    });
  }

  for (const to of [int8(), int32(), uint32(), int64('bigint'), uint64('bigint'), float32()]) {
    it(`from float64 to ${String(to)}`, () => {
      const value = fc.oneof(fc.double(), fc.integer({ min: -300, max: 300 }).map((x) => x / 2), fc.constantFrom(2 ** 63, -(2 ** 63), 2 ** 64, 4294967295.5, -0.5));
      fc.assert(
        fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (xs) => {
          const loose = evalValues(DataFrame.fromColumns({ x: xs }), col('x').cast(to, { strict: false }));
          xs.forEach((x, i) => expect(strictFails(x, float64(), to), String(x)).toBe(loose[i] === null));
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('text to integer agrees with exact decimal arithmetic', () => {
  /** The integer a decimal text rounds to (half away from zero), by BigInt arithmetic. */
  function reference(text: string): bigint | null {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return null;
    const digits = BigInt(`${m[2]}${m[3] ?? ''}` || '0');
    const scale = Number(m[4] ?? 0) - (m[3] ?? '').length;
    let v: bigint;
    if (scale >= 0) v = digits * 10n ** BigInt(scale);
    else {
      const d = 10n ** BigInt(-scale);
      v = digits / d + ((digits % d) * 2n >= d ? 1n : 0n);
    }
    return m[1] === '-' ? -v : v;
  }

  it('for int64', () => {
    const text = fc.stringMatching(/^[+-]?\d{0,20}(\.\d{0,25})?([eE][+-]?\d{1,2})?$/);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 10 }), (xs) => {
        const got = evalValues(DataFrame.fromColumns({ x: xs }), col('x').cast(int64('bigint'), { strict: false }));
        xs.forEach((x, i) => {
          const r = reference(x);
          expect(got[i], x).toEqual(r === null || r < I64.min || r > I64.max ? null : r);
        });
      }),
    );
  });
});
