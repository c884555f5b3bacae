/** Which items of an item column equal one value: the kernel of `list.contains`. */
import { ExpressionError } from '../../errors.js';
import { dtypeName, isNumericKind } from '../../dtype/dtype.js';
import { Decimal, Instant } from '../../dtype/values.js';
import type { Column } from '../../column/column.js';
import type { Where } from './expr.js';
import { compareExact, exactAt, HI, LO, wordsOf } from './exact.js';
import { countIn, unitOf } from './units.js';
import { decimalEquals } from './decimal-values.js';
import { validityOf } from './values.js';

const encoder = new TextEncoder();
const MS_PER_DAY = 86_400_000;

/**
 * One byte per item: 1 where the item is not null and equals `value` (numbers exactly, NaN equal
 * to NaN, −0 to 0; strings by their UTF-8 bytes; dates and timestamps by the instant; decimals by
 * value).
 * @throws ExpressionError when `value` is not of the items' family.
 */
export function itemMatches(items: Column, value: unknown, where: Where): Uint8Array {
  const m = items.length;
  const out = new Uint8Array(m);
  const kind = items.dtype.kind;
  const refuse = (): never => {
    throw new ExpressionError(where, `cannot look for ${describe(value)} in a list of ${dtypeName(items.dtype)}`);
  };
  if (isNumericKind(kind)) {
    if (typeof value !== 'number' && typeof value !== 'bigint') refuse();
    const x = value as number | bigint;
    if (kind === 'float64' || kind === 'float32' || (typeof x === 'number' && kind !== 'int64' && kind !== 'uint64')) {
      const xs = items.data.values as ArrayLike<number>;
      const v = Number(x);
      // A bigint beyond 2^53 equals no 8–32-bit integer or float exactly unless it converts back.
      if (typeof x === 'bigint' && BigInt(v) !== x) return out;
      for (let j = 0; j < m; j++) {
        const y = xs[j]!;
        if (y === v || (v !== v && y !== y)) out[j] = 1;
      }
    } else {
      const read = exactAt(items);
      for (let j = 0; j < m; j++) if (compareExact(read(j), x) === 0) out[j] = 1;
    }
  } else if (kind === 'bool') {
    if (typeof value !== 'boolean') refuse();
    const bits = items.data.values as Uint8Array;
    const off = items.data.offset;
    for (let j = 0; j < m; j++) {
      const b = ((bits[(j + off) >> 3]! >> ((j + off) & 7)) & 1) === 1;
      if (b === value) out[j] = 1;
    }
  } else if (kind === 'utf8' || kind === 'largeUtf8') {
    if (typeof value !== 'string') refuse();
    const want = encoder.encode(value as string);
    const bytes = items.data.values as Uint8Array;
    const offs = items.data.valueOffsets as unknown as ArrayLike<number | bigint>;
    const big = kind === 'largeUtf8';
    for (let j = 0; j < m; j++) {
      const s = big ? Number(offs[j]!) : (offs[j] as number);
      const e = big ? Number(offs[j + 1]!) : (offs[j + 1] as number);
      if (e - s !== want.length) continue;
      let k = 0;
      while (k < want.length && bytes[s + k] === want[k]) k++;
      if (k === want.length) out[j] = 1;
    }
  } else if (kind === 'categorical') {
    if (typeof value !== 'string') refuse();
    const code = items.access.dict!.indexOf(value as string);
    const codes = items.data.values as ArrayLike<number>;
    if (code >= 0) for (let j = 0; j < m; j++) if (codes[j] === code) out[j] = 1;
  } else if (kind === 'date') {
    if (!(value instanceof Date) && !(value instanceof Instant)) refuse();
    const { floor, exact } = countIn(value as Date | Instant, 'ms');
    const days = items.data.values as Int32Array;
    if (exact && floor % BigInt(MS_PER_DAY) === 0n) {
      const d = Number(floor / BigInt(MS_PER_DAY));
      for (let j = 0; j < m; j++) if (days[j] === d) out[j] = 1;
    }
  } else if (kind === 'timestamp' || kind === 'duration') {
    if (kind === 'timestamp' ? !(value instanceof Date) && !(value instanceof Instant) : typeof value !== 'bigint' && typeof value !== 'number') refuse();
    const target = kind === 'timestamp' ? countIn(value as Date | Instant, unitOf(items.dtype)) : { floor: BigInt(value as number | bigint), exact: Number.isInteger(value) || typeof value === 'bigint' };
    if (target.exact && target.floor >= -(2n ** 63n) && target.floor < 2n ** 63n) {
      const u = BigInt.asUintN(64, target.floor);
      const hi = Number(u >> 32n);
      const lo = Number(u & 0xffffffffn);
      const w = wordsOf(items);
      for (let j = 0; j < m; j++) if (w[2 * j + HI] === hi && w[2 * j + LO] === lo) out[j] = 1;
    }
  } else if (kind === 'decimal') {
    if (!(value instanceof Decimal) && typeof value !== 'number' && typeof value !== 'bigint') refuse();
    decimalEquals(items, value as Decimal | number | bigint, out);
  } else {
    refuse();
  }
  const valid = validityOf(items);
  if (valid !== null) for (let j = 0; j < m; j++) if ((valid[j >> 3]! & (1 << (j & 7))) === 0) out[j] = 0;
  return out;
}

function describe(v: unknown): string {
  if (v instanceof Date) return 'a date';
  if (v instanceof Instant) return 'an instant';
  if (v instanceof Decimal) return 'a decimal';
  return typeof v === 'string' ? 'a string' : typeof v === 'boolean' ? 'a boolean' : typeof v === 'number' || typeof v === 'bigint' ? 'a number' : String(v);
}
