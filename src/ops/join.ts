/**
 * `join`: a hash join on one or more key columns. Null keys never match (as in SQL). Keys are
 * turned into dense ids shared by both sides (categoricals through their dictionaries, numbers and
 * strings through a Map), the right side is bucketed by id (counting sort, no per-row objects),
 * and the left side probes the buckets. Output rows: left order, then each left row's matches in
 * right order; `right`/`full` joins append the unmatched right rows.
 */
import { checkOptions } from '../util/options.js';
import { InvalidArgumentError, SchemaError } from '../errors.js';
import { isNumericKind } from '../dtype/dtype.js';
import { Column } from '../column/column.js';
import { buildData } from '../column/builders.js';
import { FrameCore } from '../core/frame-core.js';
import { numbersOf, validityOf } from './expr/values.js';
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

type Family = 'number' | 'string' | 'bool' | 'date' | 'timestamp';

function familyOf(c: Column): Family {
  const k = c.dtype.kind;
  if (isNumericKind(k)) return 'number';
  if (k === 'utf8' || k === 'categorical') return 'string';
  if (k === 'bool') return 'bool';
  if (k === 'date') return 'date';
  return 'timestamp';
}

/** Per-row values of a key column as Map keys (numbers or strings), or null. */
function keyReader(c: Column): (i: number) => number | string | null {
  const v = validityOf(c);
  const isNull = (i: number) => v !== null && (v[i >> 3]! & (1 << (i & 7))) === 0;
  const k = c.dtype.kind;
  if (k === 'categorical') {
    const dict = c.access.dict!;
    const codes = c.data.values as Uint8Array;
    return (i) => (isNull(i) ? null : dict[codes[i]!]!);
  }
  if (k === 'utf8' || k === 'bool') return (i) => (isNull(i) ? null : (c.at(i) as string | number));
  const xs = k === 'date' ? (c.data.values as Int32Array) : numbersOf(c);
  return (i) => (isNull(i) ? null : xs[i]!);
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
function keyIds(left: readonly Column[], right: readonly Column[], nl: number, nr: number): { l: Int32Array; r: Int32Array; count: number } {
  if (left.length === 1) {
    const direct = intKeyIds(left[0]!, right[0]!);
    if (direct !== undefined) return direct;
  }
  let l = new Int32Array(nl);
  let r = new Int32Array(nr);
  let count = 1;
  for (let k = 0; k < left.length; k++) {
    const map = new Map<number | string | boolean, number>();
    const rl = keyReader(left[k]!);
    const rr = keyReader(right[k]!);
    const id = (x: number | string | null): number => {
      if (x === null) return -1;
      let v = map.get(x);
      if (v === undefined) {
        v = map.size;
        map.set(x, v);
      }
      return v;
    };
    const ir = new Int32Array(nr);
    for (let i = 0; i < nr; i++) ir[i] = id(rr(i));
    const il = new Int32Array(nl);
    for (let i = 0; i < nl; i++) il[i] = id(rl(i));
    if (k === 0) {
      l = il;
      r = ir;
      count = map.size;
      continue;
    }
    // Fold this key into the running ids (pairs renumbered densely through a Map).
    const width = map.size;
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
    r = r.map((a, i) => fold(a, ir[i]!));
    l = l.map((a, i) => fold(a, il[i]!));
    count = pairs.size;
  }
  return { l, r, count };
}

function names(x: string | readonly string[] | undefined): string[] {
  return x === undefined ? [] : typeof x === 'string' ? [x] : [...x];
}

/** A column of `n` values picked from `left` (where `li ≥ 0`) or `right`. */
function coalesce(left: Column, right: Column, li: Int32Array, ri: Int32Array): Column {
  const values = new Array<unknown>(li.length);
  for (let k = 0; k < li.length; k++) values[k] = li[k]! >= 0 ? left.at(li[k]!) : ri[k]! >= 0 ? right.at(ri[k]!) : null;
  return new Column(left.name, left.dtype, buildData(values, left.dtype, left.name));
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
      if (familyOf(c) !== familyOf(d)) {
        throw new SchemaError(`join: cannot match left "${c.name}" (${String(c.dtype)}) with right "${d.name}" (${String(d.dtype)})`, c.name);
      }
    });
    const ids = keyIds(lk, rk, nl, nr);
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
