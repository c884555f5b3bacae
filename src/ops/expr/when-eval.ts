/**
 * Evaluating conditionals (`when(c).then(a)…otherwise(b)`): the conditions choose a source per
 * row (the first true one; null counts as false), then one typed gather per result kind copies
 * numbers, bits, UTF-8 byte ranges, dictionary codes or day / millisecond counts from the chosen
 * source. Result dtypes are documented on `when`.
 */
import type { Where } from './expr.js';
import { ExpressionError } from '../../errors.js';
import { dtypeEquals, dtypeName, dtypeOfKind, isNumericKind, withNullable, type AnyDType } from '../../dtype/dtype.js';
import { bitmapBytes } from '../../util/bits.js';
import type { Value } from './eval.js';
import { alignedBits, boolColumn, isSmallInt, nullsIn, numberColumn, validityOf } from './values.js';
import { exactAt, int64Column, isIntegerKind } from './exact.js';
import { categoricalColumn, Interner, isNullBit, utf8Bytes, utf8Column } from './columns.js';
import { makeData } from 'apache-arrow';
import { toArrowType } from '../../dtype/arrow.js';
import { Column } from '../../column/column.js';
import { Decimal, Instant, type TimeUnit } from '../../dtype/values.js';
import { concatData } from '../../column/concat-data.js';
import { nullColumn, takeOrNull } from '../take.js';
import { materialize } from './eval.js';
import { instantWords } from './arith-temporal.js';
import { countIn, finerUnit, unitOf } from './units.js';
import { MS_PER_DAY } from './calendar.js';

/** A branch with its condition and value evaluated. */
export interface EvaluatedBranch {
  /** The condition. */
  readonly cond: Value;
  /** The value where the condition holds. */
  readonly value: Value;
}

type Family = 'number' | 'string' | 'bool' | 'time' | 'other';
const NULL: Value = { scalar: null, dtype: dtypeOfKind('utf8', true) };

function familyOf(v: Value, where: Where): Family | undefined {
  if ('scalar' in v) {
    const s = v.scalar;
    if (s === null) return undefined;
    if (typeof s === 'number' || typeof s === 'bigint') return 'number';
    if (typeof s === 'string') return 'string';
    if (typeof s === 'boolean') return 'bool';
    if (s instanceof Date || s instanceof Instant) return 'time';
    if (s instanceof Decimal) return 'other';
    throw new ExpressionError(where, `unsupported value ${String(s)}`);
  }
  const k = v.column.dtype.kind;
  if (isNumericKind(k)) return 'number';
  if (k === 'utf8' || k === 'categorical') return 'string';
  if (k === 'bool') return 'bool';
  if (k === 'date' || k === 'timestamp') return 'time';
  return 'other';
}

function describe(v: Value): string {
  if ('column' in v) return `${dtypeName(v.column.dtype)} column "${v.column.name}"`;
  if (v.scalar instanceof Instant) return 'an instant';
  if (v.scalar instanceof Decimal) return 'a decimal';
  return v.scalar instanceof Date ? 'a date' : typeof v.scalar === 'string' ? 'a string' : `a ${typeof v.scalar}`;
}

/**
 * Evaluate a conditional over `n` rows.
 * @throws ExpressionError for a non-boolean condition or values of different kinds.
 * @example
 * ```ts
 * import { boolColumn } from './values.js';
 * const cond = { column: boolColumn('b', new Uint8Array([0b01]), null, 2) };
 * const v = whenValue([{ cond, value: { scalar: 1, dtype: int32() } }], null, 2, 'when(…)');
 * 'column' in v ? v.column.toArray() : v.scalar; // → [ 1, null ]
 * ```
 */
export function whenValue(branches: readonly EvaluatedBranch[], otherwise: Value | null, n: number, where: Where): Value {
  const pick = choose(branches, n, where);
  const sources = [...branches.map((b) => b.value), otherwise ?? NULL];
  let family: Family | undefined;
  let first: Value | undefined;
  for (const s of sources) {
    const f = familyOf(s, where);
    if (f === undefined) continue;
    if (family !== undefined && f !== family) throw new ExpressionError(where, `the values do not agree: ${describe(first!)} and ${describe(s)}`);
    family = f;
    first ??= s;
  }
  const name = 'column' in sources[0]! ? sources[0].column.name : 'literal';
  switch (family) {
    case 'number':
      return { column: gatherNumbers(name, sources, pick, n, where) };
    case 'bool':
      return { column: gatherBools(name, sources, pick, n) };
    case 'time':
      return { column: gatherTimes(name, sources, pick, n, where) };
    case 'other':
      return { column: gatherAny(name, sources, pick, n, where) };
    case 'string':
      return { column: sources.some((s) => 'column' in s) && sources.every((s) => !('column' in s) || s.column.dtype.kind === 'categorical') ? gatherCategorical(name, sources, pick, n) : gatherUtf8(name, sources, pick, n, where) };
    default: {
      // Every value is null: a null column.
      const buf = utf8Bytes(n, 0);
      for (let i = 0; i < n; i++) buf.pushEmpty();
      return { column: utf8Column(name, buf, new Uint8Array(bitmapBytes(n))) };
    }
  }
}

/** Per row, the index of the first branch whose condition is true, or the branch count. */
function choose(branches: readonly EvaluatedBranch[], n: number, where: Where): Uint8Array | Int32Array {
  const K = branches.length;
  branches.forEach(({ cond: c }, k) => {
    const ok = 'scalar' in c ? c.scalar === null || typeof c.scalar === 'boolean' : c.column.dtype.kind === 'bool';
    if (!ok) throw new ExpressionError(where, `condition ${k + 1} must be boolean, got ${describe(c)}`);
  });
  const pick = K < 255 ? new Uint8Array(n) : new Int32Array(n);
  pick.fill(K);
  for (let k = K - 1; k >= 0; k--) {
    // Later branches first, each overwriting: the first true branch wins.
    const c = branches[k]!.cond;
    if ('scalar' in c) {
      if (c.scalar === true) pick.fill(k);
      continue;
    }
    const col = c.column;
    const bits = alignedBits(col.data.values as Uint8Array, col.data.offset, n);
    const valid = validityOf(col);
    for (let i = 0; i < n; i++) {
      if ((bits[i >> 3]! & (1 << (i & 7))) !== 0 && !isNullBit(valid, i)) pick[i] = k;
    }
  }
  return pick;
}

/** Whether source `v` is null at row `i`. */
function nullAt(v: Value, valid: Uint8Array | null, i: number): boolean {
  return 'scalar' in v ? v.scalar === null : isNullBit(valid, i);
}

/**
 * Numbers picked per row, in the arithmetic result dtype of the sources: int32 when every one fits
 * int32, uint64 when a uint64 meets only unsigned columns and non-negative literals, int64 (exact)
 * for other integers, float64 with any float. A value beyond the 64-bit result raises.
 */
function gatherNumbers(name: string, sources: readonly Value[], pick: ArrayLike<number>, n: number, where: Where): Column {
  const kindOf = (s: Value) => ('scalar' in s ? s.dtype.kind : s.column.dtype.kind);
  const real = sources.filter((s) => !('scalar' in s && s.scalar === null));
  const small = real.every((s) => isSmallInt(kindOf(s)));
  const integer = real.every((s) => isIntegerKind(kindOf(s)));
  // uint64 when a uint64 meets only unsigned columns and literals that are not negative.
  const unsigned =
    real.some((s) => kindOf(s) === 'uint64') &&
    real.every((s) => ('scalar' in s ? (s.scalar as number | bigint) >= 0 : kindOf(s).startsWith('uint')));
  const bigint = real.some((s) => ('scalar' in s ? typeof s.scalar === 'bigint' : s.column.dtype.int64 === 'bigint'));
  const reads = sources.map((s) => ('column' in s ? exactAt(s.column) : null));
  const valids = sources.map((s) => ('column' in s ? validityOf(s.column) : null));
  const out = small ? new Int32Array(n) : new Float64Array(n);
  const valid = new Uint8Array(bitmapBytes(n));
  let big: Map<number, bigint> | undefined;
  for (let i = 0; i < n; i++) {
    const k = pick[i]!;
    const s = sources[k]!;
    if (nullAt(s, valids[k]!, i)) continue;
    const read = reads[k]!;
    const x = read === null ? ((s as { scalar: number | bigint }).scalar) : read(i);
    if (typeof x === 'number') out[i] = x;
    else if (integer) (big ??= new Map()).set(i, x);
    else out[i] = Number(x); // a 64-bit integer in a float result: the nearest double
    valid[i >> 3]! |= 1 << (i & 7);
  }
  if (!small && integer) {
    const [lo, hi] = unsigned ? [0n, 2n ** 64n] : [-(2n ** 63n), 2n ** 63n];
    for (const v of big?.values() ?? []) {
      if (v < lo || v >= hi) throw new ExpressionError(where, `${v}n does not fit ${unsigned ? 'uint64' : 'int64'}, the dtype of the result`);
    }
    return int64Column(name, out as Float64Array, valid, big, dtypeOfKind(unsigned ? 'uint64' : 'int64', false, bigint ? { int64: 'bigint' } : {}));
  }
  return numberColumn(name, dtypeOfKind(small ? 'int32' : 'float64', false), out, valid);
}

function gatherBools(name: string, sources: readonly Value[], pick: ArrayLike<number>, n: number): Column {
  const bits = sources.map((s) => ('column' in s ? alignedBits(s.column.data.values as Uint8Array, s.column.data.offset, n) : null));
  const valids = sources.map((s) => ('column' in s ? validityOf(s.column) : null));
  const out = new Uint8Array(bitmapBytes(n));
  const valid = new Uint8Array(bitmapBytes(n));
  for (let i = 0; i < n; i++) {
    const k = pick[i]!;
    const s = sources[k]!;
    if (nullAt(s, valids[k]!, i)) continue;
    const b = bits[k]!;
    if (b === null ? (s as { scalar: unknown }).scalar === true : (b[i >> 3]! & (1 << (i & 7))) !== 0) out[i >> 3]! |= 1 << (i & 7);
    valid[i >> 3]! |= 1 << (i & 7);
  }
  return boolColumn(name, out, valid, n);
}

function gatherTimes(name: string, sources: readonly Value[], pick: ArrayLike<number>, n: number, where: Where): Column {
  const stamps = sources.filter((s) => 'column' in s && s.column.dtype.kind === 'timestamp');
  const asDate = stamps.length === 0 && sources.some((s) => 'column' in s) && !sources.some((s) => 'scalar' in s && s.scalar instanceof Instant);
  let zone: AnyDType | undefined;
  for (const s of stamps) {
    const d = (s as { column: Column }).column.dtype;
    if (zone !== undefined && (zone.timezone ?? null) !== (d.timezone ?? null)) {
      throw new ExpressionError(where, `the values do not agree: ${describe(stamps[0]!)} and ${describe(s)}`);
    }
    zone ??= d;
  }
  const valids = sources.map((s) => ('column' in s ? validityOf(s.column) : null));
  const valid = new Uint8Array(bitmapBytes(n));
  if (asDate) {
    // Dates as days; a Date literal must be a midnight.
    const scal = sources.map((s) => {
      if (!('scalar' in s) || s.scalar === null) return 0;
      const t = (s.scalar as Date).getTime();
      if (t % MS_PER_DAY !== 0) throw new ExpressionError(where, `${(s.scalar as Date).toISOString()} has a time of day; the result is a date`);
      return t / MS_PER_DAY;
    });
    const vals = sources.map((s) => ('column' in s ? (s.column.data.values as Int32Array) : null));
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = pick[i]!;
      if (nullAt(sources[k]!, valids[k]!, i)) continue;
      const v = vals[k]!;
      out[i] = v === null ? scal[k]! : v[i]!;
      valid[i >> 3]! |= 1 << (i & 7);
    }
    return numberColumn(name, dtypeOfKind('date', false), out, valid);
  }
  // Instants in the finest unit among the timestamp columns and Instant literals (milliseconds
  // at least for Date literals and dates), each value scaled exactly.
  let unit: TimeUnit | null = null;
  for (const s of sources) {
    const u = 'column' in s ? (s.column.dtype.kind === 'timestamp' ? unitOf(s.column.dtype) : null) : s.scalar instanceof Instant ? s.scalar.unit : null;
    if (u !== null) unit = unit === null ? u : finerUnit(unit, u);
  }
  const needsMs = sources.some((s) => ('column' in s ? s.column.dtype.kind === 'date' : s.scalar instanceof Date));
  const u: TimeUnit = unit === null ? 'ms' : needsMs && unit === 's' ? 'ms' : unit;
  const dtype = dtypeOfKind('timestamp', false, { unit: u, timezone: zone?.timezone ?? null });
  // Each source scaled on the rows that take it only (another row's value may not fit the unit).
  const taken = sources.map(() => new Uint8Array(bitmapBytes(n)));
  for (let i = 0; i < n; i++) taken[pick[i]!]![i >> 3]! |= 1 << (i & 7);
  const words = sources.map((s, k) => {
    if ('scalar' in s && s.scalar === null) return null;
    if ('scalar' in s && !countIn(s.scalar as Date | Instant, u).exact) throw new ExpressionError(where, `${String(s.scalar)} has digits finer than ${u}`);
    return instantWords(s, u, n, where, dtype, taken[k]!);
  });
  const out = new BigInt64Array(n);
  const o = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const k = pick[i]!;
    const w = words[k];
    if (w === null || w === undefined || nullAt(sources[k]!, valids[k]!, i)) continue;
    const j = w.scalar ? 0 : i;
    o[2 * i] = w.w[2 * j]!;
    o[2 * i + 1] = w.w[2 * j + 1]!;
    valid[i >> 3]! |= 1 << (i & 7);
  }
  const nulls = nullsIn(valid, n);
  const dt = dtypeOfKind('timestamp', nulls > 0, { unit: u, timezone: zone?.timezone ?? null });
  return new Column(name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: out, nullBitmap: nulls > 0 ? valid : undefined } as never));
}

/**
 * Values of any other dtype (decimals, durations, lists, structs …): every source must have one
 * dtype (nullability aside); the sources are joined and each row taken from the one it picks.
 */
function gatherAny(name: string, sources: readonly Value[], pick: ArrayLike<number>, n: number, where: Where): Column {
  const typed = sources.filter((s) => 'column' in s || s.scalar !== null);
  const dt0 = typed.map((s) => ('column' in s ? s.column.dtype : s.dtype))[0]!;
  let dtype = dt0;
  for (const s of typed) {
    const d = 'column' in s ? s.column.dtype : s.dtype;
    if (!dtypeEquals(d, dt0, { ignoreNullable: true })) throw new ExpressionError(where, `the values do not agree: ${describe(typed[0]!)} and ${describe(s)}; cast them to one dtype`);
    if (d.nullable) dtype = withNullable(dtype, true);
  }
  const parts = sources.map((s) => ('scalar' in s && s.scalar === null ? nullColumn(name, dtype, n) : materialize(s, n, name)).data);
  const all = new Column(name, withNullable(dtype, true), concatData(parts, withNullable(dtype, true)));
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = pick[i]! * n + i;
  return takeOrNull(all, idx);
}

/** UTF-8 bytes of each source: a column's buffer, a dictionary or a literal, read by row or code. */
interface ByteSource {
  readonly bytes: Uint8Array;
  readonly offs: Int32Array;
  /** Dictionary codes by row (categorical), else null. */
  readonly codes: ArrayLike<number> | null;
  /** Whether one entry serves every row (a literal). */
  readonly single: boolean;
}

function byteSource(v: Value): ByteSource {
  if ('scalar' in v) {
    const b = utf8Bytes(1, 0);
    if (typeof v.scalar === 'string') b.push(v.scalar);
    else b.pushEmpty();
    const { bytes, offsets } = b.finish();
    return { bytes, offs: offsets, codes: null, single: true };
  }
  const c = v.column;
  if (c.dtype.kind === 'utf8') return { bytes: c.data.values as Uint8Array, offs: c.data.valueOffsets as Int32Array, codes: null, single: false };
  const dict = c.access.dict!;
  const b = utf8Bytes(dict.length, dict.length * 8);
  for (const s of dict) b.push(s);
  const { bytes, offsets } = b.finish();
  return { bytes, offs: offsets, codes: c.data.values as ArrayLike<number>, single: false };
}

function gatherUtf8(name: string, sources: readonly Value[], pick: ArrayLike<number>, n: number, where: Where): Column {
  const src = sources.map(byteSource);
  const valids = sources.map((s) => ('column' in s ? validityOf(s.column) : null));
  const valid = new Uint8Array(bitmapBytes(n));
  let bytes = 0;
  for (const s of src) bytes = Math.max(bytes, s.single ? s.bytes.length * n : s.offs[s.offs.length - 1]! - s.offs[0]!);
  const buf = utf8Bytes(n, Math.min(bytes, 1 << 26));
  for (let i = 0; i < n; i++) {
    const k = pick[i]!;
    if (nullAt(sources[k]!, valids[k]!, i)) {
      buf.pushEmpty();
      continue;
    }
    const s = src[k]!;
    const j = s.single ? 0 : s.codes !== null ? s.codes[i]! : i;
    if (!buf.pushBytes(s.bytes, s.offs[j]!, s.offs[j + 1]!)) throw new ExpressionError(where, 'the result would pass 2 GiB of UTF-8 (large_utf8 is not supported)');
    valid[i >> 3]! |= 1 << (i & 7);
  }
  return utf8Column(name, buf, valid);
}

function gatherCategorical(name: string, sources: readonly Value[], pick: ArrayLike<number>, n: number): Column {
  const interner = new Interner();
  const dicts = sources.map((s) => ('column' in s ? s.column.access.dict! : typeof s.scalar === 'string' ? [s.scalar] : []));
  const memos = dicts.map((d) => new Int32Array(d.length).fill(-1));
  const codes = sources.map((s) => ('column' in s ? (s.column.data.values as ArrayLike<number>) : null));
  const valids = sources.map((s) => ('column' in s ? validityOf(s.column) : null));
  const out = new Int32Array(n);
  const valid = new Uint8Array(bitmapBytes(n));
  for (let i = 0; i < n; i++) {
    const k = pick[i]!;
    if (nullAt(sources[k]!, valids[k]!, i)) continue;
    const cs = codes[k]!;
    const j = cs === null ? 0 : cs[i]!;
    const memo = memos[k]!;
    let m = memo[j]!;
    if (m < 0) m = memo[j] = interner.code(dicts[k]![j]!);
    out[i] = m;
    valid[i >> 3]! |= 1 << (i & 7);
  }
  return categoricalColumn(name, out, interner.strings, valid);
}
