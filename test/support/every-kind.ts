/**
 * One column of every dtype kind, six rows each, with nulls at the top level and inside children:
 * the frame the verb tests move rows of. Rows are given as colframe reads them back (see
 * arrow-data.ts), so an expected result is the input rows picked by index.
 */
import {
  Decimal,
  Instant,
  binary,
  bool,
  categorical,
  date,
  decimal,
  duration,
  fixedSizeBinary,
  fixedSizeList,
  float16,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  interval,
  largeBinary,
  largeList,
  largeUtf8,
  list,
  map,
  nullType,
  nullable,
  struct,
  time,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  union,
  utf8,
  type AnyDType,
  type DataFrame,
} from '../../src/index.js';
import { frameOfRows, pick, readBack } from './arrow-data.js';

const b = (...xs: number[]) => Uint8Array.from(xs);
const ns = (s: string) => new Instant(BigInt(s), 'ns');
const us = (s: string) => new Instant(BigInt(s), 'us');
const dec = (u: bigint, s = 2) => new Decimal(u, s);

/** `name → [dtype, six rows]`: one column of every kind (nested ones with nulls inside). */
export const EVERY_KIND: Readonly<Record<string, readonly [AnyDType, readonly unknown[]]>> = {
  nul: [nullType(), [null, null, null, null, null, null]],
  b: [nullable(bool()), [true, null, false, true, false, true]],
  i8: [nullable(int8()), [-128, 127, null, 0, 1, -1]],
  i16: [int16(), [1, 2, 3, 4, 5, 6]],
  i32: [nullable(int32()), [5, null, -7, 2147483647, 0, 5]],
  i64: [nullable(int64('bigint')), [2n ** 62n, -(2n ** 63n), null, 0n, 7n, 7n]],
  u8: [uint8(), [0, 255, 1, 2, 3, 4]],
  u16: [uint16(), [0, 65535, 1, 2, 3, 4]],
  u32: [nullable(uint32()), [4294967295, null, 0, 1, 2, 3]],
  u64: [nullable(uint64('bigint')), [2n ** 64n - 1n, 0n, null, 1n, 2n, 3n]],
  f16: [nullable(float16()), [1.5, -2, null, 65504, 0.25, NaN]],
  f32: [float32(), [1.5, -0.25, 3, 4, 5, 6]],
  f64: [nullable(float64()), [1.25, null, NaN, -Infinity, 0, 1e300]],
  d128: [nullable(decimal(20, 4)), [dec(123400n, 4), dec(-5n, 4), null, dec(10n ** 19n, 4), dec(0n, 4), dec(1n, 4)]],
  d256: [nullable(decimal(50, 2)), [dec(10n ** 49n), null, dec(-(10n ** 48n)), dec(1n), dec(0n), dec(-1n)]],
  d32: [nullable(decimal(9, 3, { bitWidth: 32 })), [dec(999_999_999n, 3), dec(-1n, 3), null, dec(5n, 3), dec(0n, 3), dec(2n, 3)]],
  d64: [decimal(18, 0, { bitWidth: 64 }), [dec(10n ** 17n, 0), dec(-1n, 0), dec(3n, 0), dec(4n, 0), dec(5n, 0), dec(6n, 0)]],
  s: [nullable(utf8()), ['a', '', null, 'héllo', '😀', 'a']],
  ls: [nullable(largeUtf8()), ['x', null, '', 'yz', 'x', 'ü']],
  bin: [nullable(binary()), [b(1, 2), b(), null, b(255), b(1, 2), b(0)]],
  lbin: [nullable(largeBinary()), [b(9), null, b(), b(1, 2, 3), b(9), b(0, 0)]],
  fsb: [nullable(fixedSizeBinary(3)), [b(1, 2, 3), null, b(0, 0, 0), b(255, 255, 255), b(1, 2, 3), b(3, 2, 1)]],
  fsb4: [fixedSizeBinary(4), [b(1, 2, 3, 4), b(0, 0, 0, 0), b(9, 9, 9, 9), b(1, 1, 1, 1), b(2, 2, 2, 2), b(3, 3, 3, 3)]],
  cat: [nullable(categorical()), ['red', 'blue', null, 'red', 'green', 'blue']],
  day: [nullable(date()), [new Date('2024-02-29'), null, new Date('1969-12-31'), new Date('1970-01-01'), new Date('2000-01-01'), new Date('2024-02-29')]],
  ts_s: [nullable(timestamp('s')), [new Date('2024-05-01T10:00:00Z'), null, new Date(0), new Date('1960-01-01T00:00:01Z'), new Date(1000), new Date(0)]],
  ts_ms: [nullable(timestamp('ms', { timezone: 'UTC' })), [new Date(1714557600123), new Date(-1), null, new Date(0), new Date(5), new Date(5)]],
  ts_us: [nullable(timestamp('us')), [us('1714557600123456'), null, us('-1'), us('0'), us('1714557600123456'), us('9')]],
  ts_ns: [nullable(timestamp('ns', { timezone: 'Europe/Oslo' })), [ns('1714557600123456789'), ns('-1'), null, ns('0'), ns('1714557600123456788'), ns('1714557600123456789')]],
  t_s: [nullable(time('s')), [0, 86399, null, 3600, 60, 1]],
  t_ns: [nullable(time('ns')), [0, 86_399_999_999_999, null, 1, 2, 3]],
  dur: [nullable(duration('us')), [5, -5, null, 0, 2 ** 53 - 1, 1]],
  durb: [duration('ns', 'bigint'), [1n, 2n ** 63n - 1n, -(2n ** 63n), 0n, 5n, 6n]],
  iv_ym: [nullable(interval('yearMonth')), [{ months: 14 }, null, { months: -1 }, { months: 0 }, { months: 1 }, { months: 2 }]],
  iv_dt: [interval('dayTime'), [{ days: 1, milliseconds: 2 }, { days: 0, milliseconds: 0 }, { days: -1, milliseconds: 5 }, { days: 3, milliseconds: 4 }, { days: 5, milliseconds: 6 }, { days: 7, milliseconds: 8 }]],
  iv_mdn: [
    nullable(interval('monthDayNano')),
    [{ months: 1, days: 2, nanoseconds: 3n }, null, { months: 0, days: 0, nanoseconds: -(2n ** 63n) }, { months: -1, days: -2, nanoseconds: 2n ** 62n }, { months: 0, days: 0, nanoseconds: 0n }, { months: 1, days: 1, nanoseconds: 1n }],
  ],
  li: [nullable(list(nullable(int32()))), [Int32Array.of(1, 2), null, [3, null], Int32Array.of(), Int32Array.of(7), [null]]],
  ll: [nullable(largeList(utf8())), [['a', 'b'], [], null, ['c'], ['d', 'e', 'f'], ['']]],
  fl: [nullable(fixedSizeList(nullable(float64()), 2)), [Float64Array.of(1, 2), null, [null, 4], Float64Array.of(5, 6), Float64Array.of(NaN, -0), [null, null]]],
  st: [
    nullable(struct({ x: nullable(int32()), tag: nullable(categorical()), when: nullable(timestamp('ns')) })),
    [{ x: 1, tag: 'a', when: ns('5') }, null, { x: null, tag: null, when: null }, { x: 4, tag: 'b', when: ns('-5') }, { x: 5, tag: 'a', when: ns('0') }, { x: 6, tag: 'c', when: null }],
  ],
  mp: [nullable(map(utf8(), nullable(decimal(10, 2)))), [[['a', dec(100n)], ['b', null]], null, [], [['c', dec(-1n)]], [['a', dec(100n)], ['b', null]], [['z', dec(0n)]]]],
  nest: [
    nullable(list(nullable(struct({ k: utf8(), v: nullable(list(int64('bigint'))) })))),
    [[{ k: 'a', v: BigInt64Array.of(1n, 2n) }, null], null, [], [{ k: 'b', v: null }], [{ k: 'c', v: BigInt64Array.of() }], [null, null]],
  ],
  su: [
    union({ i: nullable(int32()), s: nullable(utf8()) }),
    [pick(0, 1), pick(1, 'x'), pick(0, null), pick(1, null), pick(1, 'yz'), pick(0, -3)],
  ],
  du: [
    union({ n: nullable(float64()), l: list(int32()) }, { mode: 'dense', typeIds: [5, 2] }),
    [pick(1, Int32Array.of(1, 2)), pick(0, 1.5), pick(0, null), pick(1, Int32Array.of()), pick(0, -0.5), pick(1, Int32Array.of(9))],
  ],
};

/** The frame of {@link EVERY_KIND}, built straight from Arrow data. */
export function everyKindFrame(): DataFrame {
  return frameOfRows(EVERY_KIND);
}

/** The rows of {@link EVERY_KIND} as `toRecords()` gives them, in order. */
export function everyKindRecords(): Record<string, unknown>[] {
  const names = Object.keys(EVERY_KIND);
  return Array.from({ length: 6 }, (_, i) => Object.fromEntries(names.map((n) => [n, readBack(EVERY_KIND[n]![1][i])])));
}
