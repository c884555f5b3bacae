/**
 * Random nested dtypes (lists, large and fixed-size lists, structs, maps, to a small depth, over
 * numbers, strings, booleans, dates, timestamps of every unit and decimals) and random row values
 * for them, for round-trip properties of the text writers and readers.
 */
import fc from 'fast-check';
import {
  Decimal,
  Instant,
  bool,
  date,
  decimal,
  fixedSizeList,
  float64,
  int32,
  int64,
  largeList,
  list,
  map,
  nullable,
  struct,
  timestamp,
  utf8,
  type AnyDType,
} from '../../src/index.js';

/** Leaf dtypes; `withDecimals` adds decimals (which JSON without a schema reads back as floats). */
function leafArb(withDecimals: boolean): fc.Arbitrary<AnyDType> {
  const leaves: fc.Arbitrary<AnyDType>[] = [
    fc.constantFrom<AnyDType>(int32(), int64('bigint'), float64(), utf8(), bool(), date(), timestamp(), timestamp({ timezone: 'UTC' })),
    fc.constantFrom<AnyDType>(timestamp('us'), timestamp('ns'), timestamp('us', { timezone: 'UTC' }), timestamp('s')),
  ];
  if (withDecimals) leaves.push(fc.constantFrom<AnyDType>(decimal(10, 2), decimal(38, 5), decimal(50, 0)));
  return fc.oneof(...leaves);
}

/** Options of {@link nestedDtypeArb}. */
export interface NestedDtypeOptions {
  /** Decimals among the leaves (default true). */
  readonly decimals?: boolean;
  /** Maps among the containers (default true). */
  readonly maps?: boolean;
  /** Fixed-size and large lists among the containers (default true). */
  readonly otherLists?: boolean;
}

/** A nested dtype (a list, struct or map at the top) at most `depth` containers deep; children nullable or not at random. */
export function nestedDtypeArb(depth = 3, o: NestedDtypeOptions = {}): fc.Arbitrary<AnyDType> {
  const maybeNull = (a: fc.Arbitrary<AnyDType>): fc.Arbitrary<AnyDType> => fc.tuple(a, fc.boolean()).map(([d, n]) => (n ? nullable(d) : d));
  const node = (level: number): fc.Arbitrary<AnyDType> => {
    const child = level <= 1 ? maybeNull(leafArb(o.decimals ?? true)) : maybeNull(fc.oneof({ arbitrary: leafArb(o.decimals ?? true), weight: 2 }, { arbitrary: node(level - 1), weight: 1 }));
    const containers: fc.Arbitrary<AnyDType>[] = [
      child.map((d) => list(d)),
      fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'k 1', 'é'), child), { minLength: 1, maxLength: 3, selector: (p) => p[0] }).map((fs) => struct(fs)),
    ];
    if (o.otherLists ?? true) containers.push(child.map((d) => largeList(d)), fc.tuple(child, fc.integer({ min: 1, max: 3 })).map(([d, n]) => fixedSizeList(d, n)));
    if (o.maps ?? true) containers.push(child.map((d) => map(utf8(), d)));
    return fc.oneof(...containers);
  };
  return node(depth);
}

const DAY_MS = 86_400_000;

/** A row value of `d` (null allowed when `d` is nullable). */
export function nestedValueArb(d: AnyDType): fc.Arbitrary<unknown> {
  const value = nonNullArb(d);
  return d.nullable ? fc.option(value, { freq: 5, nil: null }) : value;
}

function nonNullArb(d: AnyDType): fc.Arbitrary<unknown> {
  switch (d.kind) {
    case 'int32':
      return fc.integer();
    case 'int64':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'float64':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'utf8':
      return fc.oneof(fc.string(), fc.constantFrom('', '"', '\\', '\n', '2024-01-01', '1', 'null', '😀'));
    case 'bool':
      return fc.boolean();
    case 'date':
      return fc.integer({ min: -719_528, max: 2_932_896 }).map((days) => new Date(days * DAY_MS));
    case 'timestamp': {
      const unit = d.unit as 's' | 'ms' | 'us' | 'ns';
      if (unit === 'ms') return fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }).map((ms) => new Date(ms));
      if (unit === 's') return fc.integer({ min: -62_167_219_200, max: 253_402_300_799 }).map((s) => new Date(s * 1000));
      const ns = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
      const us = fc.bigInt({ min: -62_167_219_200_000_000n, max: 253_402_300_799_999_999n });
      return (unit === 'ns' ? ns : us).map((v) => new Instant(v, unit));
    }
    case 'decimal': {
      const lim = 10n ** BigInt(d.precision!) - 1n;
      return fc.bigInt({ min: -lim, max: lim }).map((v) => new Decimal(v, d.scale!));
    }
    case 'list':
    case 'largeList':
      return fc.array(nestedValueArb(d.item!.dtype), { maxLength: 4 });
    case 'fixedSizeList':
      return fc.array(nestedValueArb(d.item!.dtype), { minLength: d.size!, maxLength: d.size! });
    case 'struct':
      return fc.tuple(...d.fields!.map((f) => nestedValueArb(f.dtype))).map((vs) => Object.fromEntries(d.fields!.map((f, k) => [f.name, vs[k]])));
    case 'map': {
      const [, v] = d.item!.dtype.fields!;
      return fc.array(fc.tuple(fc.string({ maxLength: 3 }), nestedValueArb(v!.dtype)), { maxLength: 3 });
    }
    default:
      throw new Error(`no values for ${String(d)}`);
  }
}

/** A frame's columns: 1–3 nested dtypes (nullable at the top or not) and 0–6 rows of values. */
export function nestedFrameArb(o: NestedDtypeOptions = {}): fc.Arbitrary<{ schema: Record<string, AnyDType>; columns: Record<string, unknown[]> }> {
  return fc
    .tuple(fc.array(fc.tuple(nestedDtypeArb(3, o), fc.boolean()), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 6 }))
    .chain(([dts, height]) => {
      const schema: Record<string, AnyDType> = {};
      dts.forEach(([d, n], k) => (schema[`c${k}`] = n ? nullable(d) : d));
      return fc.tuple(...Object.values(schema).map((d) => fc.array(nestedValueArb(d), { minLength: height, maxLength: height }))).map((cols) => ({
        schema,
        columns: Object.fromEntries(Object.keys(schema).map((name, k) => [name, cols[k]!])),
      }));
    });
}
