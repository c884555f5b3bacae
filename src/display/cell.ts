/**
 * The text of a cell of any dtype, nested ones included: the one spelling every printer (box
 * table, markdown, HTML, glimpse, `describe`, `Column.toString`) shows. A formatter is built
 * once per column and dispatches on the dtype recursively — a list's items, a struct's fields, a
 * map's keys and values and a union's members each get the formatter of their own dtype — down
 * to leaf values, which come from the column readers (`column/readers.ts`) and are spelled by
 * {@link formatValue}. Leaves are read exactly: 64-bit integers and durations as bigints,
 * timestamps, dates and times as their stored counts (so any value has its exact text, beyond a
 * `Date`'s range too).
 *
 * Nested values print as `[1, 2, 3]`, `["a", null]`, `{a: 1, b: "x"}` (a struct) and
 * `{"k": 1, "j": null}` (a map); strings inside them are quoted. Only the items shown are read:
 * a list shows its first {@link DEFAULT_MAX_ITEMS} items and how many more it has
 * (`[1, 2, 3, … 97 more]`), so a cell holding a million items costs three.
 */
import type { Data } from 'apache-arrow';
import { dtypeOfKind, withInt64Repr, type AnyDType } from '../dtype/dtype.js';
import { readerOf, validityOf } from '../column/readers.js';
import { registerColumnText } from '../column/column.js';
import { DEFAULT_MAX_STRING_LENGTH, formatValue } from './value.js';
import { escapeText, truncateText } from './width.js';

/** Items of a list or entries of a map shown before `… N more`. */
export const DEFAULT_MAX_ITEMS = 3;
/** A nested cell is cut with `…` to this many times `maxStringLength` terminal columns. */
export const NESTED_WIDTH_FACTOR = 3;

/** Options for {@link cellFormatter}. */
export interface CellOptions {
  /** Text wider than this is cut with `…` (default 32); a nested cell is cut to 3 times this. */
  maxStringLength?: number;
  /** Items of a list or entries of a map shown before `… N more` (default 3). */
  maxItems?: number;
  /** Quote top-level strings as nested ones are (`"Ada"`; default false: `Ada`). */
  quote?: boolean;
}

/** The text of row `i`: `null` for a null, `''` past the end. */
export type CellText = (i: number) => string;

interface Context {
  readonly name: string;
  readonly maxStr: number;
  readonly maxItems: number;
  /** Text length past which a struct stops adding fields (the cell is cut shorter anyway). */
  readonly stop: number;
}

/**
 * The cell formatter of a column's data: `(i) => text` for every row, nulls as `null`. Never
 * throws: a value that cannot be read prints as `?`.
 *
 * @param data - The column's Arrow data.
 * @param dtype - Its dtype.
 * @param name - The column's name (for messages).
 * @param opts - See {@link CellOptions}.
 * @returns The formatter.
 * @example
 * ```ts
 * import { Field, Int32, List, Struct, Table, Utf8, vectorFromArray } from 'apache-arrow';
 * const df = DataFrame.fromArrow(new Table({
 *   xs: vectorFromArray([[1, 2, 3, 4], null], new List(new Field('item', new Int32(), true))),
 *   p: vectorFromArray([{ a: 1, b: 'x' }, { a: null, b: 'y"z' }], new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8())])),
 * }));
 * const xs = df.getColumn('xs');
 * const p = df.getColumn('p');
 * const text = cellFormatter(xs.data, xs.dtype, 'xs');
 * console.log(text(0), text(1), cellFormatter(p.data, p.dtype, 'p')(1));
 * // prints: [1, 2, 3, … 1 more] null {a: null, b: "y\"z"}
 * ```
 */
export function cellFormatter(data: Data, dtype: AnyDType, name: string, opts: CellOptions = {}): CellText {
  const maxStr = Math.max(1, finite(opts.maxStringLength, DEFAULT_MAX_STRING_LENGTH));
  const ctx: Context = { name, maxStr, maxItems: Math.max(0, finite(opts.maxItems, DEFAULT_MAX_ITEMS)), stop: maxStr * NESTED_WIDTH_FACTOR * 2 };
  let text: CellText;
  try {
    text = textOf(data, dtype, ctx, opts.quote === true);
  } catch {
    return (i) => (i < data.length ? '?' : '');
  }
  const cut = nestedKind(dtype) ? maxStr * NESTED_WIDTH_FACTOR : Infinity;
  const n = data.length;
  return (i) => {
    if (i >= n) return '';
    try {
      const s = text(i);
      return cut === Infinity ? s : truncateText(s, cut);
    } catch {
      return '?';
    }
  };
}

function finite(v: number | undefined, fallback: number): number {
  if (v === undefined || Number.isNaN(v)) return fallback;
  return v < 0 ? Infinity : Math.floor(v);
}

function nestedKind(d: AnyDType): boolean {
  return d.kind === 'list' || d.kind === 'largeList' || d.kind === 'fixedSizeList' || d.kind === 'struct' || d.kind === 'map' || d.kind === 'union';
}

/** Row text with nulls as `null`; `quote` quotes strings (inside nested values). */
function textOf(data: Data, dtype: AnyDType, ctx: Context, quote: boolean): CellText {
  const body = bodyOf(data, dtype, ctx, quote);
  const v = validityOf(data);
  if (v === null) return body;
  const { bits, offset } = v;
  return (i) => {
    const j = i + offset;
    return (bits[j >> 3]! & (1 << (j & 7))) === 0 ? 'null' : body(i);
  };
}

/** Text of non-null rows. Offsets and child indexing as in `column/readers.ts`. */
function bodyOf(data: Data, dtype: AnyDType, ctx: Context, quote: boolean): CellText {
  switch (dtype.kind) {
    case 'list':
    case 'largeList': {
      const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
      const item = textOf(data.children[0]!, dtype.item!.dtype, ctx, true);
      return (i) => itemsText(Number(offs[i]!), Number(offs[i + 1]!), item, ctx);
    }
    case 'fixedSizeList': {
      const n = dtype.size!;
      const item = textOf(data.children[0]!, dtype.item!.dtype, ctx, true);
      return (i) => itemsText(i * n, i * n + n, item, ctx);
    }
    case 'struct': {
      const labels = dtype.fields!.map((f) => `${fieldLabel(f.name)}: `);
      const fields = dtype.fields!.map((f, k) => textOf(data.children[k]!, f.dtype, ctx, true));
      return (i) => {
        let out = '{';
        for (let k = 0; k < fields.length; k++) {
          if (out.length > ctx.stop) return `${out}, …}`;
          out += (k === 0 ? '' : ', ') + labels[k]! + fields[k]!(i);
        }
        return `${out}}`;
      };
    }
    case 'map': {
      const offs = data.valueOffsets as Int32Array;
      const entries = data.children[0]!;
      const [kf, vf] = dtype.item!.dtype.fields!;
      const key = textOf(entries.children[0]!, kf!.dtype, ctx, true);
      const value = textOf(entries.children[1]!, vf!.dtype, ctx, true);
      return (i) => {
        const start = offs[i]!;
        const end = offs[i + 1]!;
        const shown = Math.min(end - start, ctx.maxItems);
        const parts: string[] = [];
        for (let k = start; k < start + shown; k++) parts.push(`${key(k)}: ${value(k)}`);
        return `{${withMore(parts, end - start)}}`;
      };
    }
    case 'union': {
      const ids = data.typeIds as Int8Array;
      const byId = new Array<CellText | undefined>(128);
      dtype.fields!.forEach((f, k) => {
        byId[dtype.typeIds![k]!] = textOf(data.children[k]!, f.dtype, ctx, quote);
      });
      const member = (i: number): CellText => byId[ids[i]!] ?? (() => '?');
      if (dtype.mode === 'dense') {
        const offs = data.valueOffsets as Int32Array;
        return (i) => member(i)(offs[i]!);
      }
      return (i) => member(i)(i);
    }
    case 'categorical': {
      // The shown entries only: the column reader decodes the whole dictionary first, which for
      // a dictionary of a million strings costs a printout ~0.4 s.
      const codes = data.values as ArrayLike<number>;
      const dict = data.dictionary;
      const opts = { maxStringLength: ctx.maxStr, quote };
      return (i) => formatValue(dict?.get(codes[i]!) ?? '?', dtype, opts);
    }
    default: {
      const read = readerOf(data, exactDType(dtype), ctx.name, 'plain');
      const opts = { maxStringLength: ctx.maxStr, quote };
      return (i) => formatValue(read(i), dtype, opts);
    }
  }
}

/** `[a, b, c, … N more]` of items `[start, end)`. */
function itemsText(start: number, end: number, item: CellText, ctx: Context): string {
  const shown = Math.min(end - start, ctx.maxItems);
  const parts: string[] = [];
  for (let k = start; k < start + shown; k++) parts.push(item(k));
  return `[${withMore(parts, end - start)}]`;
}

function withMore(parts: string[], total: number): string {
  const more = total - parts.length;
  if (more > 0) parts.push(`… ${more} more`);
  return parts.join(', ');
}

/** A struct field's name as written before its value: bare when it is an identifier, else quoted. */
function fieldLabel(name: string): string {
  return escapeText(/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
}

const BIG = dtypeOfKind('int64', false, { int64: 'bigint' });
const INT32 = dtypeOfKind('int32', false);

/**
 * The dtype a leaf is read as so that its value is exact: 64-bit integers and durations as
 * bigints; timestamps and 64-bit times as their stored count (a bigint), dates as their day
 * count; `formatValue` spells those counts in the column's unit.
 */
function exactDType(d: AnyDType): AnyDType {
  switch (d.kind) {
    case 'int64':
    case 'uint64':
    case 'duration':
      return withInt64Repr(d, 'bigint');
    case 'timestamp':
      return BIG;
    case 'time':
      return d.unit === 'us' || d.unit === 'ns' ? BIG : d;
    case 'date':
      return INT32;
    default:
      return d;
  }
}

// Column.toString spells its values as the table does, strings quoted.
registerColumnText((data, dtype, name) => cellFormatter(data, dtype, name, { quote: true }));
