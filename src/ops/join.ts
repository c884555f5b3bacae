/**
 * `join`: a hash join on one or more key columns. Null keys never match (as in SQL); numbers
 * match by exact value (int32 5 matches float64 5.0, 64-bit integers exactly, −0 matches 0, NaN
 * matches NaN). Keys are turned into dense ids shared by both sides (small integer ranges by
 * offset, other numbers by hashing their order words, strings through a Map), the right side is
 * bucketed by id (counting sort, no per-row objects),
 * and the left side probes the buckets. Output rows: left order, then each left row's matches in
 * right order; `right`/`full` joins append the unmatched right rows.
 */
import { checkOptions } from '../util/options.js';
import { InvalidArgumentError, SchemaError } from '../errors.js';
import { dtypeEquals, dtypeName, dtypeOfKind, isNumericKind, withNullable, type AnyDType } from '../dtype/dtype.js';
import { FIXED_STORAGE } from '../dtype/arrow.js';
import { Column } from '../column/column.js';
import { valueReader } from '../column/access.js';
import { buildData } from '../column/builders.js';
import { FrameCore } from '../core/frame-core.js';
import { bitmapBytes } from '../util/bits.js';
import { isSmallInt, nullsIn, numberColumn, validityOf } from './expr/values.js';
import { canonicalKey, commonWords, doubleOrderWords, exactAt, int64Column, isIntegerKind, orderWords } from './expr/exact.js';
import { byteGroups, wordGroups } from './group-by/groups.js';
import { equalityBytesOf } from './data/order-keys.js';
import { unifyNullability } from './data/unify.js';
import { columnValidity, nullCountOf } from './data/validity.js';
import { concatData } from '../column/concat-data.js';
import { takeDataOrNull } from './data/take-data.js';
import { castColumn } from './expr/cast.js';
import { float16ToNumber } from '../column/readers.js';
import { takeOrNull } from './take.js';

/** How rows combine. */
export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'cross';

/** Options of `join`. */
export interface JoinOptions {
  /** Key column(s) with the same name on both sides. */
  on?: string | readonly string[];
  /** Key column(s) on the left, when names differ (with `rightOn`). */
  leftOn?: string | readonly string[];
  /** Key column(s) on the right. */
  rightOn?: string | readonly string[];
  /** Default `inner`. */
  how?: JoinHow;
  /** Appended to right column names that clash with left ones (default `_right`). */
  suffix?: string;
}

const MAX_CROSS_ROWS = 2 ** 31 - 1;

/**
 * Which key columns match each other: numbers with numbers (any width; float16 through float64),
 * text with text (utf8, largeUtf8, categorical), bytes with bytes (binary, largeBinary, fixed-size
 * binary), decimals with decimals (any scale: compared by value), and otherwise the same kind —
 * timestamps, times, durations and intervals of the same unit, nested dtypes that differ at most
 * in nullability.
 */
type Family = 'number' | 'string' | 'bool' | 'date' | 'timestamp' | 'bytes' | 'decimal' | 'other';

function familyOf(c: Column): Family {
  const k = c.dtype.kind;
  if (isNumericKind(k) || k === 'float16') return 'number';
  if (k === 'utf8' || k === 'categorical' || k === 'largeUtf8') return 'string';
  if (k === 'bool' || k === 'date' || k === 'timestamp' || k === 'decimal') return k;
  if (k === 'binary' || k === 'largeBinary' || k === 'fixedSizeBinary') return 'bytes';
  return 'other';
}

/** Whether left key `a` can be matched with right key `b` (same family, and the same unit or structure where that matters). */
function matchable(a: Column, b: Column): boolean {
  const f = familyOf(a);
  if (f !== familyOf(b)) return false;
  if (f === 'timestamp') return a.dtype.unit === b.dtype.unit;
  if (f !== 'other') return true;
  const k = a.dtype.kind;
  if (k === 'duration' || k === 'time' || k === 'interval' || k === 'null') return k === b.dtype.kind && a.dtype.unit === b.dtype.unit;
  return unifyNullability(a.dtype, b.dtype) !== null;
}

/** A float16 key as float64 (exact), so it matches other numbers; other keys as they are. */
function keyColumn(c: Column): Column {
  if (c.dtype.kind !== 'float16') return c;
  const h = c.data.values as Uint16Array;
  const f = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) f[i] = float16ToNumber(h[i]!);
  return numberColumn(c.name, dtypeOfKind('float64', c.dtype.nullable), f, validityOf(c));
}

/** Per-row values of a string or boolean key column as Map keys, or null. */
function keyReader(c: Column): (i: number) => string | boolean | null {
  const v = validityOf(c);
  const isNull = (i: number) => v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0;
  if (c.dtype.kind === 'categorical') {
    const dict = c.access.dict!;
    const codes = c.data.values as Uint8Array;
    return (i) => (isNull(i) ? null : dict[codes[i]!]!);
  }
  const read = valueReader(c.access, c.dtype, c.name);
  return (i) => (isNull(i) ? null : (read(i) as string | boolean));
}

/** Left and right ids of one key pair (−1 for a null key; equal keys share an id). */
interface PairIds {
  l: Int32Array;
  r: Int32Array;
  count: number;
}

/**
 * Ids of a numeric or temporal key pair: both sides' order words (exact.ts) hashed as one
 * sequence when they share an encoding; otherwise (a 64-bit integer beyond 2^53 against a float)
 * exact canonical values through a Map.
 */
function numericKeyIds(a: Column, b: Column): PairIds {
  const nl = a.length;
  const nr = b.length;
  const va = validityOf(a);
  const vb = validityOf(b);
  const common = commonWords(a, b);
  if (common !== null) {
    const wa = common === 'same' ? orderWords(a) : doubleOrderWords(a);
    const wb = common === 'same' ? orderWords(b) : doubleOrderWords(b);
    const hi = new Uint32Array(nl + nr);
    const lo = new Uint32Array(nl + nr);
    hi.set(wa.hi);
    hi.set(wb.hi, nl);
    lo.set(wa.lo);
    lo.set(wb.lo, nl);
    const g = wordGroups(hi, lo, null, nl + nr);
    const l = g.ids.slice(0, nl);
    const r = g.ids.slice(nl);
    if (va !== null) for (let i = 0; i < nl; i++) if ((va[i >> 3]! & (1 << (i & 7))) === 0) l[i] = -1;
    if (vb !== null) for (let i = 0; i < nr; i++) if ((vb[i >> 3]! & (1 << (i & 7))) === 0) r[i] = -1;
    return { l, r, count: g.count };
  }
  const map = new Map<number | bigint, number>();
  const ids = (c: Column, v: Uint8Array | null): Int32Array => {
    const read = exactAt(c);
    const out = new Int32Array(c.length);
    for (let i = 0; i < c.length; i++) {
      if (v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0) {
        out[i] = -1;
        continue;
      }
      const k = canonicalKey(read(i));
      let id = map.get(k);
      if (id === undefined) map.set(k, (id = map.size));
      out[i] = id;
    }
    return out;
  };
  const r = ids(b, vb);
  const l = ids(a, va);
  return { l, r, count: map.size };
}

/**
 * Ids of a key pair compared through bytes (binary kinds, decimals, and every other dtype by its
 * canonical row bytes): both sides' rows hashed as one sequence.
 */
function bytesKeyIds(a: Column, b: Column): PairIds {
  const [ka, kb] = equalityBytesOf(a, b);
  const nl = a.length;
  const nr = b.length;
  const offsets = new Int32Array(nl + nr + 1);
  const a0 = ka.offsets[0]!;
  const shift = ka.offsets[nl]! - a0;
  for (let i = 0; i <= nl; i++) offsets[i] = ka.offsets[i]! - a0;
  for (let i = 1; i <= nr; i++) offsets[nl + i] = kb.offsets[i]! - kb.offsets[0]! + shift;
  const bytes = new Uint8Array(offsets[nl + nr]!);
  bytes.set(ka.bytes.subarray(a0, ka.offsets[nl]!));
  bytes.set(kb.bytes.subarray(kb.offsets[0]!, kb.offsets[nr]!), shift);
  const g = byteGroups(offsets, bytes, null, nl + nr);
  const l = g.ids.slice(0, nl);
  const r = g.ids.slice(nl);
  const va = columnValidity(a);
  const vb = columnValidity(b);
  if (va !== null) for (let i = 0; i < nl; i++) if ((va[i >> 3]! & (1 << (i & 7))) === 0) l[i] = -1;
  if (vb !== null) for (let i = 0; i < nr; i++) if ((vb[i >> 3]! & (1 << (i & 7))) === 0) r[i] = -1;
  return { l, r, count: g.count };
}

/** Ids of one key pair of any family. */
function pairIds(a0: Column, b0: Column): PairIds {
  const a = keyColumn(a0);
  const b = keyColumn(b0);
  const f = familyOf(a);
  if (f === 'number' || f === 'date' || f === 'timestamp') return intKeyIds(a, b) ?? numericKeyIds(a, b);
  if (f === 'bytes' || f === 'decimal' || f === 'other') return bytesKeyIds(a, b);
  const map = new Map<string | boolean, number>();
  const ids = (c: Column): Int32Array => {
    const read = keyReader(c);
    const out = new Int32Array(c.length);
    for (let i = 0; i < c.length; i++) {
      const x = read(i);
      if (x === null) {
        out[i] = -1;
        continue;
      }
      let id = map.get(x);
      if (id === undefined) map.set(x, (id = map.size));
      out[i] = id;
    }
    return out;
  };
  const r = ids(b);
  const l = ids(a);
  return { l, r, count: map.size };
}

const SMALL_INTS = new Set(['int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32', 'date']);

/** Ids of one integer key pair by offset from the smallest value, when the range is small. */
function intKeyIds(a: Column, b: Column): { l: Int32Array; r: Int32Array; count: number } | undefined {
  if (!SMALL_INTS.has(a.dtype.kind) || !SMALL_INTS.has(b.dtype.kind)) return undefined;
  const xa = a.data.values as Int32Array;
  const xb = b.data.values as Int32Array;
  const va = validityOf(a);
  const vb = validityOf(b);
  let min = Infinity;
  let max = -Infinity;
  for (const [xs, v] of [
    [xa, va],
    [xb, vb],
  ] as const) {
    for (let i = 0; i < xs.length; i++) {
      if (v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const x = xs[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  if (!(max - min < 1 << 24)) return undefined;
  const ids = (xs: ArrayLike<number>, v: Uint8Array | null, n: number) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0 ? -1 : xs[i]! - min;
    return out;
  };
  return { l: ids(xa, va, a.length), r: ids(xb, vb, b.length), count: max === -Infinity ? 0 : max - min + 1 };
}

/** Dense ids of the keys of both sides (−1 for a null key; equal keys share an id). */
function keyIds(left: readonly Column[], right: readonly Column[]): PairIds {
  let { l, r, count } = pairIds(left[0]!, right[0]!);
  for (let k = 1; k < left.length; k++) {
    // Fold this key into the running ids (pairs renumbered densely through a Map).
    const next = pairIds(left[k]!, right[k]!);
    const width = next.count;
    const pairs = new Map<number, number>();
    const fold = (a: number, b: number) => {
      if (a < 0 || b < 0) return -1;
      const key = a * width + b;
      let v = pairs.get(key);
      if (v === undefined) {
        v = pairs.size;
        pairs.set(key, v);
      }
      return v;
    };
    r = r.map((a, i) => fold(a, next.r[i]!));
    l = l.map((a, i) => fold(a, next.l[i]!));
    count = pairs.size;
  }
  return { l, r, count };
}

function names(x: string | readonly string[] | undefined): string[] {
  return x === undefined ? [] : typeof x === 'string' ? [x] : [...x];
}

/**
 * The dtype of a key column coalesced from both sides: the shared dtype, or the smallest that holds
 * both (int32 for two int32-fitting integers, int64 for other integers, float64 with a float,
 * utf8 for text).
 */
function coalescedType(a: AnyDType, b: AnyDType): AnyDType {
  if (dtypeEquals(a, b, { ignoreNullable: true })) return a;
  const ka = a.kind;
  const kb = b.kind;
  if (isNumericKind(ka) && isNumericKind(kb)) {
    if (!isIntegerKind(ka) || !isIntegerKind(kb)) return dtypeOfKind('float64', false);
    const repr = a.int64 === 'bigint' || b.int64 === 'bigint' ? { int64: 'bigint' as const } : {};
    return dtypeOfKind(isSmallInt(ka) && isSmallInt(kb) ? 'int32' : 'int64', false, repr);
  }
  if (ka === kb) return a; // dates; timestamps in the left side's time zone
  return dtypeOfKind('utf8', false);
}

/**
 * The key column of a right or full join: each row's key from the left side where it has a row,
 * else from the right, in the dtype both fit (coalescedType).
 * @throws SchemaError when a 64-bit integer key would have to be rounded to fit a float key.
 */
function coalesce(left0: Column, right0: Column, li: Int32Array, ri: Int32Array): Column {
  const left = keyColumn(left0);
  const right = keyColumn(right0);
  const family = familyOf(left);
  if (family !== 'number' && family !== 'string' && family !== 'bool' && family !== 'date') return coalesceAny(left, right, li, ri);
  const n = li.length;
  const dt = coalescedType(left.dtype, right.dtype);
  const vl = validityOf(left);
  const vr = validityOf(right);
  const validity = new Uint8Array(bitmapBytes(n));
  const from = (k: number): { c: Column; i: number; valid: boolean } => {
    if (li[k]! >= 0) return { c: left, i: li[k]!, valid: vl === null || (vl[li[k]! >> 3]! & (1 << (li[k]! & 7))) !== 0 };
    const i = ri[k]!;
    return { c: right, i, valid: i >= 0 && (vr === null || (vr[i >> 3]! & (1 << (i & 7))) !== 0) };
  };
  if (isNumericKind(dt.kind)) {
    const rl = exactAt(left);
    const rr = exactAt(right);
    const wide = dt.kind === 'int64' || dt.kind === 'uint64';
    const values = wide ? new Float64Array(n) : (new FIXED_STORAGE[dt.kind]!(n) as Float64Array);
    let big: Map<number, bigint> | undefined;
    for (let k = 0; k < n; k++) {
      const { c, i, valid } = from(k);
      if (!valid) continue;
      validity[k >> 3]! |= 1 << (k & 7);
      const x = c === left ? rl(i) : rr(i);
      if (typeof x === 'number') values[k] = x;
      else if (!wide && Number(x) === Number(x) && BigInt(Number(x)) === x) values[k] = Number(x); // −2^63 and other exact doubles
      else if (!wide) throw new SchemaError(`join: key ${x} of "${c.name}" (${String(c.dtype)}) has no exact float64 value to coalesce with the float key "${(c === left ? right : left).name}"; cast the keys to one dtype first`, c.name);
      else (big ??= new Map()).set(k, x);
    }
    const v = nullsIn(validity, n) > 0 ? validity : null;
    if (wide) return int64Column(left.name, values, v, big, dt);
    return numberColumn(left.name, dt, values, v);
  }
  const values = new Array<unknown>(n);
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    const { c, i, valid } = from(k);
    values[k] = valid ? c.at(i) : null;
    if (!valid) nulls++;
  }
  const out = withNullable(dt, nulls > 0);
  return new Column(left.name, out, buildData(values, out, left.name));
}

/**
 * The key column of a right or full join for keys of the other families: both sides' rows in one
 * column of their shared dtype (nullability unified; timestamps, times and durations in the left
 * side's zone and read mode), then each output row's from the left where it has one, else from the
 * right.
 * @throws SchemaError when the two keys have different dtypes (decimals of different scales,
 *   different binary kinds): cast them to one dtype first.
 */
function coalesceAny(left: Column, right: Column, li: Int32Array, ri: Int32Array): Column {
  const k = left.dtype.kind;
  const sameUnit = (k === 'timestamp' || k === 'duration' || k === 'time' || k === 'interval') && k === right.dtype.kind && left.dtype.unit === right.dtype.unit;
  let dt = sameUnit ? withNullable(left.dtype, left.dtype.nullable || right.dtype.nullable) : unifyNullability(left.dtype, right.dtype);
  if (dt === null) {
    // Decimals of other precisions or scales, or other binary kinds: both cast to one dtype that holds both.
    const common = commonKeyType(left.dtype, right.dtype);
    if (common !== null) return coalesceAny(castColumn(left, common, true), castColumn(right, common, true), li, ri);
  }
  if (dt === null) {
    throw new SchemaError(
      `join: key "${left.name}" is ${dtypeName(left.dtype)} on the left and "${right.name}" ${dtypeName(right.dtype)} on the right; a right or full join keeps one key column, so cast both keys to one dtype first`,
      left.name,
    );
  }
  const nl = left.length;
  const both = concatData([left.data, right.data], dt);
  const idx = li.map((l, j) => (l >= 0 ? l : ri[j]! >= 0 ? nl + ri[j]! : -1));
  const data = takeDataOrNull(both, dt, idx);
  return new Column(left.name, withNullable(dt, dt.nullable || nullCountOf(data, dt) > 0), data, left.metadata);
}

/**
 * The dtype two key columns of the decimal or bytes family coalesce into: the decimal with the
 * larger scale and enough integer digits for both (at most 76 digits), or binary (largeBinary
 * when either side is large); null for other pairs.
 */
function commonKeyType(a: AnyDType, b: AnyDType): AnyDType | null {
  const nullable = a.nullable || b.nullable;
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    const scale = Math.max(a.scale!, b.scale!);
    const digits = Math.max(a.precision! - a.scale!, b.precision! - b.scale!);
    const precision = Math.min(76, digits + scale);
    return withNullable(dtypeOfKind('decimal', false, { precision, scale, bitWidth: precision <= 38 ? 128 : 256 }), nullable);
  }
  const bytes = (k: string) => k === 'binary' || k === 'largeBinary' || k === 'fixedSizeBinary';
  if (bytes(a.kind) && bytes(b.kind)) return withNullable(dtypeOfKind(a.kind === 'largeBinary' || b.kind === 'largeBinary' ? 'largeBinary' : 'binary', false), nullable);
  return null;
}

/**
 * `left` joined with `right`.
 * @throws InvalidArgumentError for missing or mismatched key options; ColumnNotFoundError;
 *   SchemaError when key dtypes cannot be compared.
 */
export function join(left: FrameCore, right: FrameCore, opts: JoinOptions): FrameCore {
  checkOptions(opts, ['on', 'leftOn', 'rightOn', 'how', 'suffix'], 'join');
  const how = opts.how ?? 'inner';
  const suffix = opts.suffix ?? '_right';
  if (!['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'].includes(how)) {
    throw new InvalidArgumentError(`join: how must be inner, left, right, full, semi, anti or cross, got ${String(how)}`, how);
  }
  const nl = left.height;
  const nr = right.height;
  let li: Int32Array;
  let ri: Int32Array;
  let leftKeyNames: string[] = [];
  let rightKeyNames: string[] = [];
  if (how === 'cross') {
    if (nl * nr > MAX_CROSS_ROWS) throw new InvalidArgumentError(`join: a cross join of ${nl} × ${nr} rows is too large`, nl * nr);
    li = new Int32Array(nl * nr);
    ri = new Int32Array(nl * nr);
    for (let a = 0, k = 0; a < nl; a++) for (let b = 0; b < nr; b++, k++) ((li[k] = a), (ri[k] = b));
  } else {
    const on = names(opts.on);
    leftKeyNames = on.length > 0 ? on : names(opts.leftOn);
    rightKeyNames = on.length > 0 ? on : names(opts.rightOn);
    if (leftKeyNames.length === 0 || leftKeyNames.length !== rightKeyNames.length) {
      throw new InvalidArgumentError('join: give `on`, or `leftOn` and `rightOn` with the same number of columns', opts);
    }
    const lk = leftKeyNames.map((n) => left.column(n));
    const rk = rightKeyNames.map((n) => right.column(n));
    lk.forEach((c, k) => {
      const d = rk[k]!;
      if (!matchable(c, d)) {
        throw new SchemaError(`join: cannot match left "${c.name}" (${String(c.dtype)}) with right "${d.name}" (${String(d.dtype)})`, c.name);
      }
    });
    const ids = keyIds(lk, rk);
    // Right rows bucketed by key id (counting sort).
    const start = new Int32Array(ids.count + 1);
    for (let i = 0; i < nr; i++) if (ids.r[i]! >= 0) start[ids.r[i]! + 1]!++;
    for (let g = 0; g < ids.count; g++) start[g + 1]! += start[g]!;
    const next = start.slice(0, ids.count);
    const bucket = new Int32Array(start[ids.count]!);
    for (let i = 0; i < nr; i++) if (ids.r[i]! >= 0) bucket[next[ids.r[i]!]!++] = i;
    // Count, then fill the output pairs.
    const matches = (a: number) => {
      const id = ids.l[a]!;
      return id < 0 ? 0 : start[id + 1]! - start[id]!;
    };
    let total = 0;
    for (let a = 0; a < nl; a++) {
      const m = matches(a);
      if (how === 'semi') total += m > 0 ? 1 : 0;
      else if (how === 'anti') total += m === 0 ? 1 : 0;
      else total += m === 0 && (how === 'left' || how === 'full') ? 1 : m;
    }
    const matchedRight = how === 'right' || how === 'full' ? new Uint8Array(nr) : null;
    li = new Int32Array(total);
    ri = new Int32Array(total);
    let k = 0;
    for (let a = 0; a < nl; a++) {
      const id = ids.l[a]!;
      const m = matches(a);
      if (how === 'semi' || how === 'anti') {
        if ((m > 0) === (how === 'semi')) li[k++] = a;
        continue;
      }
      if (m === 0) {
        if (how === 'left' || how === 'full') {
          li[k] = a;
          ri[k++] = -1;
        }
        continue;
      }
      for (let p = start[id]!; p < start[id + 1]!; p++) {
        li[k] = a;
        ri[k++] = bucket[p]!;
        if (matchedRight !== null) matchedRight[bucket[p]!] = 1;
      }
    }
    if (matchedRight !== null) {
      let extra = 0;
      for (let b = 0; b < nr; b++) if (matchedRight[b] === 0) extra++;
      const l2 = new Int32Array(total + extra);
      const r2 = new Int32Array(total + extra);
      l2.set(li);
      r2.set(ri);
      for (let b = 0; b < nr; b++) if (matchedRight[b] === 0) ((l2[k] = -1), (r2[k++] = b));
      li = l2;
      ri = r2;
    }
    if (how === 'semi' || how === 'anti') {
      return new FrameCore(
        left.columns.map((c) => takeOrNull(c, li)),
        li.length,
      );
    }
  }
  // Left columns (keys coalesced with the right side's for right/full joins), then the right
  // side's non-key columns, renamed with the suffix on a clash.
  // When every left row appears once, in order (a many-to-one join), the left columns are reused.
  let identity = li.length === nl;
  for (let k = 0; identity && k < li.length; k++) identity = li[k] === k;
  const out: Column[] = left.columns.map((c) => {
    const k = leftKeyNames.indexOf(c.name);
    if (k >= 0 && (how === 'right' || how === 'full')) return coalesce(c, right.column(rightKeyNames[k]!), li, ri);
    return identity ? c : takeOrNull(c, li);
  });
  const taken = new Set(out.map((c) => c.name));
  for (const c of right.columns) {
    if (how !== 'cross' && rightKeyNames.includes(c.name) && leftKeyNames[rightKeyNames.indexOf(c.name)] !== undefined) continue;
    let name = c.name;
    if (taken.has(name)) name = `${name}${suffix}`;
    if (taken.has(name)) throw new SchemaError(`join: "${name}" would appear twice; pick another suffix`, name);
    taken.add(name);
    out.push(takeOrNull(c, ri).rename(name));
  }
  return new FrameCore(out, li.length);
}
