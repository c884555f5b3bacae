/**
 * Casts that change a column's layout rather than its values:
 * - utf8 ↔ largeUtf8, binary ↔ largeBinary: the same bytes with 32- or 64-bit offsets (to 32-bit
 *   offsets only while the bytes fit 2 GiB);
 * - text → binary kinds: the UTF-8 bytes; binary kinds → text: bytes that are valid UTF-8 (others
 *   do not convert); fixed-size binary ↔ binary: the bytes (to fixed size: rows of that length);
 * - largeUtf8 to or from other kinds: through utf8;
 * - list kinds → list kinds: the items cast to the target's item dtype (a list into a fixed-size
 *   list must have its size); struct → struct with the same field names: each field cast;
 * - the null type → anything: nulls.
 */
import { Binary, LargeBinary, LargeUtf8, Utf8, makeData, type Data } from 'apache-arrow';
import { dtypeName, dtypeOfKind, withNullable, type AnyDType } from '../../dtype/dtype.js';
import { toArrowType } from '../../dtype/arrow.js';
import { ExpressionError, SchemaError } from '../../errors.js';
import { Column } from '../../column/column.js';
import { nullData } from '../data/null-data.js';
import { takeDataOrNull } from '../data/take-data.js';
import { nestedType } from '../../column/layout.js';
import { CastFailures, castColumn, resultDType } from './cast.js';
import { validityOf } from './values.js';

const MAX_32 = 2 ** 31 - 1;
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function isNull(valid: Uint8Array | null, i: number): boolean {
  return valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0;
}

/** The kinds stored as bytes plus offsets. */
export function isBytesKind(kind: string): boolean {
  return kind === 'utf8' || kind === 'largeUtf8' || kind === 'binary' || kind === 'largeBinary' || kind === 'fixedSizeBinary';
}

/** Offsets of rows of `d` (any byte layout) as numbers, from row 0: `n + 1` of them. */
function offsetsOf(d: Data, dtype: AnyDType): Float64Array {
  const n = d.length;
  const out = new Float64Array(n + 1);
  if (dtype.kind === 'fixedSizeBinary') {
    for (let i = 0; i <= n; i++) out[i] = i * dtype.size!;
    return out;
  }
  const offs = d.valueOffsets as unknown as ArrayLike<number | bigint>;
  for (let i = 0; i <= n; i++) out[i] = Number(offs[i]!);
  return out;
}

/**
 * A column of a byte layout (utf8, largeUtf8, binary, largeBinary, fixed-size binary) as another:
 * the bytes kept, offsets rewritten, UTF-8 checked when the target is text, lengths checked when it
 * is fixed-size.
 * @throws InvalidValueError (strict) for bytes that are not UTF-8 or not of the fixed size;
 *   SchemaError when the bytes pass 2 GiB for a 32-bit-offset target.
 * @example
 * ```ts
 * const s = DataFrame.fromColumns({ s: ['hé', ''] }).getColumn('s');
 * castBytes(s, binary(), true).toArray(); // → [ Uint8Array(3) [ 104, 195, 169 ], Uint8Array(0) [] ]
 * ```
 */
export function castBytes(c: Column, to: AnyDType, strict: boolean): Column {
  const n = c.length;
  const valid = validityOf(c);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const offs = offsetsOf(c.data, c.dtype);
  const bytes = c.data.values as Uint8Array;
  const text = to.kind === 'utf8' || to.kind === 'largeUtf8';
  const fromText = c.dtype.kind === 'utf8' || c.dtype.kind === 'largeUtf8';
  for (let i = 0; i < n; i++) {
    if (isNull(valid, i)) continue;
    const s = offs[i]!;
    const e = offs[i + 1]!;
    if (to.kind === 'fixedSizeBinary' && e - s !== to.size) f.fail(i, bytes.slice(s, e), `has ${e - s} bytes, not ${to.size}`);
    else if (text && !fromText) {
      try {
        strictDecoder.decode(bytes.subarray(s, e));
      } catch {
        f.fail(i, bytes.slice(s, e), 'not valid UTF-8');
      }
    }
  }
  const v = f.validity;
  const nulls = v === null ? 0 : n - countValid(v, n);
  const dt = resultDType(to, strict, nulls);
  const start = offs[0]!;
  const total = offs[n]! - start;
  const body = bytes.subarray(start, start + total);
  if (to.kind === 'fixedSizeBinary') {
    // Rows of the fixed size, null rows zero-filled.
    const out = new Uint8Array(n * to.size!);
    for (let i = 0; i < n; i++) if (!isNull(v, i)) out.set(bytes.subarray(offs[i]!, offs[i + 1]!), i * to.size!);
    return new Column(c.name, dt, makeData({ type: toArrowType(dt), length: n, nullCount: nulls, data: out, nullBitmap: nulls > 0 ? v! : undefined } as never));
  }
  const large = to.kind === 'largeUtf8' || to.kind === 'largeBinary';
  if (!large && total > MAX_32) throw new SchemaError(`cast: column "${c.name}" holds ${total} bytes, more than ${dtypeName(to)} holds (2 GiB); cast to large${text ? 'Utf8' : 'Binary'}`, c.name);
  const outOffs = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const o = offs[i]! - start;
    if (large) (outOffs as BigInt64Array)[i] = BigInt(o);
    else (outOffs as Int32Array)[i] = o;
  }
  const type = to.kind === 'utf8' ? new Utf8() : to.kind === 'largeUtf8' ? new LargeUtf8() : to.kind === 'binary' ? new Binary() : new LargeBinary();
  return new Column(c.name, dt, makeData({ type, length: n, nullCount: nulls, data: body, valueOffsets: outOffs, nullBitmap: nulls > 0 ? v! : undefined } as never));
}

function countValid(v: Uint8Array, n: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if ((v[i >> 3]! & (1 << (i & 7))) !== 0) k++;
  return k;
}

/** The child items `[s, e)` of a list column's data as a column of its item dtype. */
function itemsColumn(c: Column, s: number, e: number): Column {
  const child = c.data.children[0]!;
  return new Column(`${c.name}.item`, c.dtype.item!.dtype, child.slice(s, e - s));
}

/**
 * A list, largeList or fixed-size list column as another list kind, its items cast to the
 * target's item dtype; a struct as a struct with the same field names, each field cast.
 * @throws ExpressionError for structs whose field names differ; InvalidValueError (strict) for an
 *   item that does not convert or a list that is not of a fixed-size target's size.
 * @example
 * ```ts
 * import { Field, Int32, List, Table, vectorFromArray } from 'apache-arrow';
 * const xs = vectorFromArray([[1, 2], [3]], new List(new Field('item', new Int32())));
 * const c = DataFrame.fromArrow(new Table({ xs })).getColumn('xs');
 * castNested(c, list(float64()), true).toArray(); // → [ Float64Array(2) [ 1, 2 ], Float64Array(1) [ 3 ] ]
 * ```
 */
export function castNested(c: Column, to: AnyDType, strict: boolean): Column {
  const n = c.length;
  const valid = validityOf(c);
  if (c.dtype.kind === 'struct') {
    const from = c.dtype.fields!;
    const fields = to.fields!;
    if (from.length !== fields.length || from.some((x, k) => x.name !== fields[k]!.name)) {
      throw new ExpressionError(`cast(${dtypeName(to)})`, `the struct's fields (${from.map((x) => x.name).join(', ')}) are not the target's (${fields.map((x) => x.name).join(', ')})`);
    }
    const kids = fields.map((x, k) => castColumn(new Column(`${c.name}.${x.name}`, from[k]!.dtype, c.data.children[k]!), x.dtype, strict));
    const dt = withChildren(to, kids.map((k) => k.dtype), strict, c.nullCount);
    const data = makeData({ type: nestedType(dt, toArrowType(dt), kids.map((k) => k.data)), length: n, nullCount: c.nullCount, children: kids.map((k) => k.data), nullBitmap: valid ?? undefined } as never);
    return new Column(c.name, dt, data);
  }
  // Lists: the items referenced by the rows, cast once, with offsets from 0.
  const offs = c.dtype.kind === 'fixedSizeList' ? null : (c.data.valueOffsets as unknown as ArrayLike<number | bigint>);
  const size = c.dtype.size ?? 0;
  const start = (i: number) => (offs === null ? i * size : Number(offs[i]!));
  const s0 = start(0);
  const items = castColumn(itemsColumn(c, s0, start(n)), to.item!.dtype, strict);
  const f = new CastFailures(c.name, to, strict, valid, n);
  let valueOffsets: Int32Array | BigInt64Array | undefined;
  let child = items;
  if (to.kind === 'fixedSizeList') {
    for (let i = 0; i < n; i++) if (!isNull(valid, i) && start(i + 1) - start(i) !== to.size) f.fail(i, c.at(i), `has ${start(i + 1) - start(i)} items, not ${to.size}`);
    if (offs !== null || c.dtype.size !== to.size) {
      // `size` item slots a row: a row's items, or nulls for a null row.
      const k = to.size!;
      const v = f.validity;
      const idx = new Int32Array(n * k);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) idx[i * k + j] = isNull(v, i) ? -1 : start(i) - s0 + j;
      const data = takeDataOrNull(items.data, items.dtype, idx);
      child = new Column(items.name, withNullable(items.dtype, items.dtype.nullable || data.nullCount > 0), data);
    }
  } else {
    const large = to.kind === 'largeList';
    if (!large && start(n) - s0 > MAX_32) throw new SchemaError(`cast: column "${c.name}" holds more items than a list holds; cast to largeList`, c.name);
    valueOffsets = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) {
      const o = start(i) - s0;
      if (large) (valueOffsets as BigInt64Array)[i] = BigInt(o);
      else (valueOffsets as Int32Array)[i] = o;
    }
  }
  const v = f.validity;
  const nulls = v === null ? 0 : n - countValid(v, n);
  const dt = withChildren(to, [child.dtype], strict, nulls);
  const data = makeData({ type: nestedType(dt, toArrowType(dt), [child.data]), length: n, nullCount: nulls, valueOffsets, child: child.data, nullBitmap: nulls > 0 ? v! : undefined } as never);
  return new Column(c.name, dt, data);
}

/** `to` with its children's dtypes as the casts gave them (nullable where a cast made nulls). */
function withChildren(to: AnyDType, kids: readonly AnyDType[], strict: boolean, nulls: number): AnyDType {
  const top = resultDType(to, strict, nulls);
  const children = (to.fields ?? [to.item!]).map((ch, k) => Object.freeze({ ...ch, dtype: kids[k]! }));
  return dtypeOfKind(to.kind, top.nullable, to.fields !== undefined ? { ...paramsOfNested(to), fields: Object.freeze(children) } : { ...paramsOfNested(to), item: children[0]! });
}

function paramsOfNested(d: AnyDType): { size?: number; keysSorted?: boolean } {
  return d.size !== undefined ? { size: d.size } : d.keysSorted !== undefined ? { keysSorted: d.keysSorted } : {};
}

/**
 * A column of the null type as any dtype: every row null.
 * @example
 * ```ts
 * import { Null, Table, vectorFromArray } from 'apache-arrow';
 * const c = DataFrame.fromArrow(new Table({ n: vectorFromArray([null, null], new Null()) })).getColumn('n');
 * const d = castNull(c, decimal(10, 2));
 * [String(d.dtype), d.toArray()]; // → [ 'decimal(10, 2)?', [ null, null ] ]
 * ```
 */
export function castNull(c: Column, to: AnyDType): Column {
  const dt = withNullable(to, true);
  return new Column(c.name, dt, nullData(dt, c.length));
}
