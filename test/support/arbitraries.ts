/**
 * fast-check arbitraries of random frames covering every dtype colframe has, biased to the values
 * that break things: nulls, NaN, ±Infinity, −0, ±1.797e308, subnormals, int64 beyond ±2^53 (−2^63
 * and 2^63 − 1 included), uint64 up to 2^64 − 1, empty strings, astral and combining characters,
 * U+FFFF, strings equal up to a prefix, dates outside years 0–9999, timestamps near midnight and
 * DST changes. Columns are often duplicate-heavy (drawn from a pool of 1–3 values) or drawn from a
 * pool shared by every column of the case (so columns compare equal and keys match), and frames
 * of 0, 1 and 2 rows are frequent.
 */
import fc from 'fast-check';
import { nullable, type AnyDType, type DTypeKind } from '../../src/index.js';
import { ALL_KINDS, dtypeOf, is64, isFloat, isInt, isText, type ColumnSpec, type FrameSpec } from './frame-specs.js';
import { SAFE_INT64, seedFor } from './knobs.js';

const MS_PER_DAY = 86_400_000;

/** Inclusive ranges of the integer kinds, as bigints. */
export const INT_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
  uint64: [0n, 2n ** 64n - 1n],
};

/** Floats that break things. */
export const FLOAT_SPECIALS: readonly number[] = [
  0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.1, 1.005, 2.675, NaN, Infinity, -Infinity,
  1.7976931348623157e308, -1.7976931348623157e308, 1.797e308, 5e-324, -5e-324, 2.2250738585072014e-308,
  9007199254740992, 9007199254740994, -9007199254740992, 1e21, 1e-7, 123456.789, 4503599627370497, 0.49999999999999994,
];

/** Strings that break things (no NUL: DuckDB's VARCHAR and colframe's text paths both take it, but not every path). */
export const STRING_SPECIALS: readonly string[] = [
  '', ' ', 'a', 'ab', 'abc', 'b', 'A', 'Z', 'z', 'a b', 'a,b', 'a"b', "it's", 'line\nbreak', '😀', '😀a', 'a😀', 'é', 'e\u0301',
  '\uffff', '\u{10ffff}', 'ß', 'İ', 'ǅ', 'ﬁ', 'ΣΑΣ', '𝔘𝔫𝔦', '\u0300', 'Ω', '日本', 'null', 'NaN', '1', '-0', 'true',
];

/** Day numbers that break things (years 0 and 10000, the ends of the Date range, leap days). */
export const DAY_SPECIALS: readonly number[] = [
  0, -1, 1, 19782, 11016, -719528, -719529, -719162, 2932896, 2932895, 100_000_000, -100_000_000, -25567, 25567, 47482,
];

/** Instants (ms) that break things: around midnight and the epoch, DST changes, the Date range ends. */
export const INSTANT_SPECIALS: readonly number[] = [
  0, -1, 1, 999, -999, 86_399_999, -86_400_001, 8.64e15, -8.64e15, 1_704_067_200_000, 1_710_052_200_000, 1_730_611_800_000,
  1_730_615_400_000, -62_198_755_200_000, 253_402_300_800_000, -62_135_596_800_001, 1_709_208_000_000,
];

/** Time zones used for timestamp columns. */
export const TIME_ZONES: readonly (string | null)[] = [null, null, null, 'UTC', 'America/New_York', 'Asia/Kolkata'];

function bigIn(lo: bigint, hi: bigint): fc.Arbitrary<bigint> {
  return fc.bigInt({ min: lo, max: hi });
}

/** Non-null integers of `kind`, as numbers (≤ 32 bits) or bigints (64 bits). */
export function intValueArb(kind: DTypeKind): fc.Arbitrary<number | bigint> {
  const [lo0, hi0] = INT_RANGE[kind]!;
  const safe = 2n ** 53n - 1n;
  const lo = SAFE_INT64 && lo0 < -safe ? -safe : lo0;
  const hi = SAFE_INT64 && hi0 > safe ? safe : hi0;
  const specials = [lo, hi, 0n, 1n, -1n, 2n, -2n, lo + 1n, hi - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 31n, 2n ** 62n, 2n ** 63n].filter(
    (x) => x >= lo && x <= hi,
  );
  const small = bigIn(lo > -4n ? lo : -4n, hi < 4n ? hi : 4n);
  const arb = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...specials) },
    { weight: 4, arbitrary: small },
    { weight: 2, arbitrary: bigIn(lo, hi) },
  );
  return is64(kind) ? arb : arb.map((x) => Number(x));
}

/** Non-null float64 values. */
export function float64Arb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FLOAT_SPECIALS) },
    { weight: 2, arbitrary: fc.double() },
    { weight: 3, arbitrary: fc.integer({ min: -4, max: 4 }) },
    { weight: 2, arbitrary: fc.integer({ min: -8, max: 8 }).map((k) => k / 2) },
    { weight: 1, arbitrary: fc.integer({ min: -40, max: 40 }).map((k) => 1e8 + k / 4) },
    { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  );
}

/** Non-null float32 values (already rounded to float32). */
export function float32Arb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 8, arbitrary: float64Arb().map((x) => Math.fround(x)) },
    { weight: 1, arbitrary: fc.constantFrom(3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, 16777217, 16777216) },
  ).map((x) => Math.fround(x));
}

/** Whether a string has no lone surrogate. */
function wellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** Non-null strings. */
export function stringArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...STRING_SPECIALS) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 4 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  ).filter((s) => !s.includes('\u0000') && wellFormed(s));
}

/** Non-null day numbers (years far outside 0–9999 included). */
export function dayArb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...DAY_SPECIALS) },
    { weight: 4, arbitrary: fc.integer({ min: -800_000, max: 3_000_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: -100_000_000, max: 100_000_000 }) },
  );
}

/** Non-null instants in milliseconds (within the JavaScript Date range). */
export function instantArb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...INSTANT_SPECIALS) },
    { weight: 4, arbitrary: fc.tuple(fc.integer({ min: -800_000, max: 3_000_000 }), fc.integer({ min: 0, max: MS_PER_DAY - 1 })).map(([d, t]) => d * MS_PER_DAY + t) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 18_000, max: 21_000 }), fc.integer({ min: 0, max: 23 })).map(([d, h]) => d * MS_PER_DAY + h * 3_600_000) },
    { weight: 1, arbitrary: bigIn(-8_640_000_000_000_000n, 8_640_000_000_000_000n).map(Number) },
  );
}

/** Non-null values of a dtype, as spec values. */
export function valueArb(dt: AnyDType): fc.Arbitrary<unknown> {
  const k = dt.kind;
  if (k === 'bool') return fc.boolean();
  if (isInt(k)) return intValueArb(k);
  if (k === 'float32') return float32Arb();
  if (k === 'float64') return float64Arb();
  if (isText(k)) return stringArb();
  if (k === 'date') return dayArb();
  return instantArb();
}

/** Values every column of one case may draw from, so that columns compare equal and keys match. */
export interface SharedPool {
  readonly nums: readonly (number | bigint)[];
  readonly strs: readonly string[];
  readonly days: readonly number[];
}

/** A shared pool. */
export function sharedPoolArb(): fc.Arbitrary<SharedPool> {
  const num = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom<number | bigint>(-0, 0.5, 2.5, NaN, Infinity, -Infinity, 127, 255, 65535, 2147483647, -2147483648, 4294967295, 1e300, 9007199254740992),
    SAFE_INT64 ? fc.constantFrom(2n ** 53n - 1n, -(2n ** 53n) + 1n) : fc.constantFrom(2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n - 1n, 2n ** 63n),
  );
  return fc.record({
    nums: fc.array(num, { minLength: 2, maxLength: 5 }),
    strs: fc.array(stringArb(), { minLength: 2, maxLength: 4 }),
    days: fc.array(dayArb(), { minLength: 1, maxLength: 3 }),
  });
}

/** The values of a shared pool that a dtype holds, as spec values. */
export function poolValues(dt: AnyDType, pool: SharedPool): unknown[] {
  const k = dt.kind;
  if (k === 'bool') return [true, false];
  if (isInt(k)) {
    const [lo, hi] = INT_RANGE[k]!;
    const out: (number | bigint)[] = [];
    for (const x of pool.nums) {
      if (typeof x === 'number' && !Number.isInteger(x)) continue;
      const b = BigInt(x);
      if (b >= lo && b <= hi && !(SAFE_INT64 && (b > 2n ** 53n - 1n || b < 1n - 2n ** 53n))) out.push(is64(k) ? b : Number(b));
    }
    return out;
  }
  if (isFloat(k)) return pool.nums.map((x) => (k === 'float32' ? Math.fround(Number(x)) : Number(x)));
  if (isText(k)) return [...pool.strs];
  if (k === 'date') return [...pool.days];
  return pool.days.flatMap((d) => [d * MS_PER_DAY, d * MS_PER_DAY + 1]).filter((ms) => Math.abs(ms) <= 8.64e15);
}

/** Heights: 0, 1 and 2 often, up to 40. */
export function heightArb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0, 1, 2) },
    { weight: 5, arbitrary: fc.integer({ min: 3, max: 12 }) },
    { weight: 1, arbitrary: fc.integer({ min: 13, max: 40 }) },
  );
}

/** Options of `dtypeArb`. */
export interface DTypeOptions {
  /** Kinds to draw from (default: all). */
  readonly kinds?: readonly DTypeKind[];
  /** Nullable dtypes: sometimes (default), always or never. */
  readonly nullable?: 'sometimes' | 'always' | 'never';
  /** Time zones for timestamps (default `TIME_ZONES`). */
  readonly zones?: readonly (string | null)[];
}

/** A random dtype. */
export function dtypeArb(opts: DTypeOptions = {}): fc.Arbitrary<AnyDType> {
  const kinds = opts.kinds ?? ALL_KINDS;
  const zones = opts.zones ?? TIME_ZONES;
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      repr: fc.constantFrom<'number' | 'bigint'>('number', 'bigint'),
      zone: fc.constantFrom(...zones),
      isNullable: opts.nullable === 'always' ? fc.constant(true) : opts.nullable === 'never' ? fc.constant(false) : fc.boolean(),
    })
    .map(({ kind, repr, zone, isNullable }) => {
      const d = dtypeOf(kind, { int64: repr, timezone: zone });
      return isNullable ? nullable(d) : d;
    });
}

/** `height` values of `dt` (nulls only when nullable): random, from a small pool, or from the shared pool. */
export function columnValuesArb(dt: AnyDType, height: number, pool: SharedPool | null): fc.Arbitrary<unknown[]> {
  const len = { minLength: height, maxLength: height };
  const shared = pool === null ? [] : poolValues(dt, pool);
  const choices: fc.WeightedArbitrary<unknown[]>[] = [
    { weight: 3, arbitrary: fc.array(valueArb(dt), len) },
    { weight: 3, arbitrary: fc.array(valueArb(dt), { minLength: 1, maxLength: 3 }).chain((p) => fc.array(fc.constantFrom(...p), len)) },
  ];
  if (shared.length > 0) choices.push({ weight: 4, arbitrary: fc.array(fc.constantFrom(...shared), len) });
  const values = fc.oneof(...choices);
  if (!dt.nullable) return values;
  return fc
    .tuple(values, fc.oneof({ weight: 6, arbitrary: fc.array(fc.integer({ min: 0, max: 3 }), len) }, { weight: 1, arbitrary: fc.constant(new Array<number>(height).fill(0)) }))
    .map(([vs, mask]) => vs.map((v, i) => (mask[i] === 0 ? null : v)));
}

/** Options of `frameArb`. */
export interface FrameOptions extends DTypeOptions {
  /** Number of columns (default 1–5). */
  readonly columns?: { readonly min: number; readonly max: number };
  /** Heights (default `heightArb()`). */
  readonly height?: fc.Arbitrary<number>;
  /** Column names (default c0, c1, …). */
  readonly prefix?: string;
}

/** A random frame spec. */
export function frameArb(opts: FrameOptions = {}): fc.Arbitrary<FrameSpec> {
  const { min, max } = opts.columns ?? { min: 1, max: 5 };
  return fc
    .record({ height: opts.height ?? heightArb(), dtypes: fc.array(dtypeArb(opts), { minLength: min, maxLength: max }), pool: sharedPoolArb() })
    .chain(({ height, dtypes, pool }) => frameOfDTypes(dtypes, height, pool, opts.prefix ?? 'c'));
}

/** A frame spec with the given dtypes. */
export function frameOfDTypes(dtypes: readonly AnyDType[], height: number, pool: SharedPool | null, prefix = 'c'): fc.Arbitrary<FrameSpec> {
  const cols = dtypes.map((dt, k) => columnValuesArb(dt, height, pool).map((values): ColumnSpec => ({ name: `${prefix}${k}`, dtype: dt, values })));
  return fc.tuple(...cols).map((columns) => ({ columns, height }));
}

/** `n` samples of `arb` from the seed of property `name`. */
export function samples<T>(arb: fc.Arbitrary<T>, name: string, n: number): T[] {
  return fc.sample(arb, { seed: seedFor(name), numRuns: n });
}
