/**
 * fast-check arbitraries of random dtypes of every layout (nested up to two levels: lists of
 * structs, maps of lists, unions of lists …) and of frames of such columns, built from Arrow data
 * (arrow-data.ts) with nulls at every level. Frames of 0, 1 and 2 rows are frequent.
 */
import fc from 'fast-check';
import {
  Decimal,
  Instant,
  binary,
  bool,
  categorical,
  date,
  decimal,
  fixedSizeBinary,
  fixedSizeList,
  float64,
  int32,
  int64,
  interval,
  largeList,
  largeUtf8,
  list,
  map,
  nullable,
  struct,
  timestamp,
  union,
  utf8,
  type AnyDType,
  type DataFrame,
} from '../../src/index.js';
import { frameOfRows, pick } from './arrow-data.js';

const LEAVES: readonly AnyDType[] = [
  int32(),
  int64('bigint'),
  float64(),
  utf8(),
  largeUtf8(),
  bool(),
  decimal(12, 2),
  decimal(40, 3),
  timestamp('ns'),
  timestamp('ms'),
  binary(),
  fixedSizeBinary(2),
  categorical(),
  date(),
  interval('monthDayNano'),
];

/** Kinds whose values read back as numbers, bigints or decimals (and unions, which may hold them). */
const NUMERIC_READ = new Set(['int32', 'int64', 'float64', 'decimal', 'union']);

const maybeNullable = (d: AnyDType) => fc.boolean().map((n) => (n ? nullable(d) : d));

/** Random dtypes: leaves of every flat layout, and lists, structs, maps and unions of them, to `depth` levels. */
export function dtypeArb(depth = 2): fc.Arbitrary<AnyDType> {
  const leaf = fc.constantFrom(...LEAVES).chain(maybeNullable);
  if (depth === 0) return leaf;
  const inner = dtypeArb(depth - 1);
  const nested: fc.Arbitrary<AnyDType> = fc.oneof(
    inner.map((d) => list(d)),
    inner.map((d) => largeList(d)),
    fc.tuple(inner, fc.integer({ min: 0, max: 3 })).map(([d, n]) => fixedSizeList(d, n)),
    fc.tuple(inner, inner).map(([a, b]) => struct({ a, b })),
    fc.tuple(fc.constantFrom(utf8(), int32()), inner).map(([k, v]) => map(k, v)),
    // A union's children read back as values of different kinds (numbers, bigints or decimals
    // for `a`; text, bytes, dates, lists … for `b`), so a row value tells which child holds it.
    fc
      .tuple(fc.constantFrom<AnyDType>(int32(), float64(), int64('bigint'), decimal(12, 2)), inner.filter((d) => !NUMERIC_READ.has(d.kind)), fc.constantFrom('sparse' as const, 'dense' as const))
      .map(([a, b, mode]) => union({ a: nullable(a), b }, { mode, typeIds: [3, 1] })),
  );
  return fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 3, arbitrary: nested.chain(maybeNullable) });
}

const bytes = fc.uint8Array({ maxLength: 4 });
const text = fc.constantFrom('', 'a', 'b', 'ab', 'é', '😀', 'zz');

/** A non-null value of `d` (children may be null where their dtype admits it). */
export function valueArb(d: AnyDType): fc.Arbitrary<unknown> {
  switch (d.kind) {
    case 'int32':
      return fc.integer({ min: -3, max: 3 });
    case 'int64':
      return fc.constantFrom(0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n));
    case 'float64':
      return fc.constantFrom(0, -0, 1.5, NaN, -Infinity, 2);
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
      return text;
    case 'bool':
      return fc.boolean();
    case 'decimal':
      return fc.bigInt({ min: -(10n ** BigInt(d.precision!)) + 1n, max: 10n ** BigInt(d.precision!) - 1n }).map((u) => new Decimal(u, d.scale!));
    case 'timestamp':
      return d.unit === 'ns' ? fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((e) => new Instant(e, 'ns')) : fc.integer({ min: -1e12, max: 1e12 }).map((ms) => new Date(ms));
    case 'binary':
      return bytes;
    case 'fixedSizeBinary':
      return fc.uint8Array({ minLength: d.size!, maxLength: d.size! });
    case 'date':
      return fc.integer({ min: -1000, max: 1000 }).map((days) => new Date(days * 86_400_000));
    case 'interval':
      return fc.record({ months: fc.integer({ min: -2, max: 2 }), days: fc.integer({ min: -2, max: 2 }), nanoseconds: fc.bigInt({ min: -5n, max: 5n }) });
    case 'list':
    case 'largeList':
      return fc.array(cellArb(d.item!.dtype), { maxLength: 3 });
    case 'fixedSizeList':
      return fc.array(cellArb(d.item!.dtype), { minLength: d.size!, maxLength: d.size! });
    case 'struct':
      return fc.tuple(...d.fields!.map((f) => cellArb(f.dtype))).map((vs) => Object.fromEntries(d.fields!.map((f, k) => [f.name, vs[k]])));
    case 'map': {
      const [k, v] = d.item!.dtype.fields!;
      return fc.array(fc.tuple(valueArb(k!.dtype), cellArb(v!.dtype)), { maxLength: 2 });
    }
    case 'union':
      return fc.oneof(...d.fields!.map((f, k) => cellArb(f.dtype).map((v) => pick(k, v))));
    default:
      throw new Error(`no values for ${String(d)}`);
  }
}

/** A value of `d`, or null when `d` admits it (a union's null is a null of its first child). */
export function cellArb(d: AnyDType): fc.Arbitrary<unknown> {
  if (d.kind === 'union') return valueArb(d);
  return d.nullable ? fc.option(valueArb(d), { nil: null, freq: 4 }) : valueArb(d);
}

/** A random frame of 1–3 random columns and 0–8 rows, built straight from Arrow data. */
export function nestedFrameArb(opts: { maxRows?: number } = {}): fc.Arbitrary<DataFrame> {
  return fc
    .tuple(fc.array(dtypeArb(), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: opts.maxRows ?? 8 }))
    .chain(([dtypes, n]) => fc.tuple(...dtypes.map((d) => fc.array(cellArb(d), { minLength: n, maxLength: n }).map((rows) => [d, rows] as const))))
    .map((cols) => frameOfRows(Object.fromEntries(cols.map((c, k) => [`c${k}`, c]))));
}
