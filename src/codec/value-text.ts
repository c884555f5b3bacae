/**
 * The text of any value in CSV and JSON output, for the dtypes the encoders' byte-level fast
 * paths do not cover: decimals, float16, binary kinds, times, durations, intervals, large
 * strings, timestamps in units other than milliseconds, the null type, and nested values (lists,
 * structs, maps, unions) to any depth. Leaf values come from the column readers
 * (`column/readers.ts`, the one place that turns each Arrow layout into a value); this module
 * only spells them, and walks the nested layouts (offsets, children, type ids) to reach them.
 *
 * Spellings (the JSON ones nest inside JSON text; the CSV ones are a field's text):
 * - integers, durations: decimal digits, 64-bit ones exactly (a JSON number, never a string);
 * - floats (float16/32/64): the shortest text that reads back to the same value, `.0` on whole
 *   numbers; in JSON NaN and ±Infinity are `null` (JSON has no spelling for them);
 * - decimals: their exact text (`12.3400`), a JSON number as written: every digit kept;
 * - binary: base64 text;
 * - dates `YYYY-MM-DD`; timestamps ISO 8601 as `formatTimestampCount` writes them (the fraction
 *   with every digit of the unit, when it is not zero); times of day `HH:MM:SS[.fff…]` likewise; intervals in JSON as objects of their fields
 *   (`{"months":14}`), in CSV as ISO 8601 durations (`P1Y2M`);
 * - lists as JSON arrays, structs as JSON objects, maps as JSON objects when their keys are
 *   strings (as an array of `[key, value]` pairs for other keys, or when a row repeats a key),
 *   unions as the value of the member a row holds. In CSV a nested value is its JSON text.
 */
import type { Data } from 'apache-arrow';
import { withInt64Repr, type AnyDType } from '../dtype/dtype.js';
import { formatInterval, type TimeUnit } from '../dtype/values.js';
import { float16ToNumber, readerOf, validityOf } from '../column/readers.js';
import { formatDate } from '../util/temporal.js';
import { formatTimeCount, formatTimestampCount } from '../util/temporal-units.js';
import { float32Text, float64Text } from './csv-values.js';

/** The text of the non-null value at row `i`. */
export type TextOf = (i: number) => string;

/** JSON text of a float: `null` for NaN and ±Infinity. */
function jsonFloat(x: number, f32: boolean): string {
  if (x - x !== 0) return 'null';
  return f32 ? float32Text(x) : float64Text(x);
}

/** Whether a dtype's values are strings (a map with such keys is written as a JSON object). */
function stringKeys(d: AnyDType): boolean {
  return d.kind === 'utf8' || d.kind === 'largeUtf8' || d.kind === 'categorical';
}

/**
 * The JSON text of each value of `data` (dtype `dtype`, `name` for messages), `null` for null
 * rows. Nested values are walked to any depth; see the module comment for the spellings.
 * @example
 * ```ts
 * import { Field, Float64, List, Table, vectorFromArray } from 'apache-arrow';
 * const xs = vectorFromArray([[1.5, 2], null], new List(new Field('item', new Float64(), true)));
 * const c = DataFrame.fromArrow(new Table({ xs })).getColumn('xs');
 * const text = jsonText(c.data, c.dtype, 'xs');
 * [text(0), text(1)]; // → [ '[1.5,2.0]', 'null' ]
 * ```
 */
export function jsonText(data: Data, dtype: AnyDType, name: string): TextOf {
  const value = jsonValueText(data, dtype, name);
  const v = dtype.kind === 'union' ? null : validityOf(data);
  if (v === null) return value;
  const { bits, offset } = v;
  return (i) => {
    const j = i + offset;
    return (bits[j >> 3]! & (1 << (j & 7))) === 0 ? 'null' : value(i);
  };
}

/** The JSON text of a non-null value of `data`. */
export function jsonValueText(data: Data, dtype: AnyDType, name: string): TextOf {
  const values = data.values as unknown;
  switch (dtype.kind) {
    case 'null':
      return () => 'null';
    case 'float64':
    case 'float32': {
      const f = values as Float64Array;
      const f32 = dtype.kind === 'float32';
      return (i) => jsonFloat(f[i]!, f32);
    }
    case 'float16': {
      const h = values as Uint16Array;
      return (i) => jsonFloat(float16ToNumber(h[i]!), true);
    }
    case 'int64':
    case 'uint64':
    case 'duration': {
      const big = values as BigInt64Array;
      return (i) => '' + big[i]!;
    }
    case 'decimal': {
      const read = readerOf(data, dtype, name, 'json');
      return (i) => read(i) as string;
    }
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary': {
      // Strings as JSON strings; bytes as their base64 text (the reader's JSON mode).
      const read = readerOf(data, dtype, name, 'json');
      return (i) => JSON.stringify(read(i));
    }
    case 'date':
    case 'timestamp':
    case 'time': {
      const text = csvValueText(data, dtype, name);
      return (i) => `"${text(i)}"`;
    }
    case 'interval': {
      const read = readerOf(data, dtype, name, 'plain');
      return (i) => {
        const o = read(i) as Record<string, number | bigint>;
        return `{${Object.keys(o).map((k) => `"${k}":${String(o[k])}`).join(',')}}`;
      };
    }
    case 'list':
    case 'largeList':
    case 'fixedSizeList':
      return listText(data, dtype, name);
    case 'struct': {
      const fields = dtype.fields!;
      const texts = fields.map((f, k) => jsonText(data.children[k]!, f.dtype, name));
      const keys = fields.map((f) => JSON.stringify(f.name) + ':');
      return (i) => {
        let out = '{';
        for (let k = 0; k < texts.length; k++) out += (k === 0 ? '' : ',') + keys[k]! + texts[k]!(i);
        return out + '}';
      };
    }
    case 'map':
      return mapText(data, dtype, name);
    case 'union': {
      const ids = data.typeIds as Int8Array;
      const byId = new Array<TextOf | undefined>(128);
      dtype.fields!.forEach((f, k) => {
        byId[dtype.typeIds![k]!] = jsonText(data.children[k]!, f.dtype, name);
      });
      const offs = dtype.mode === 'dense' ? (data.valueOffsets as Int32Array) : null;
      return (i) => {
        const text = byId[ids[i]!];
        if (text === undefined) throw new RangeError(`Column "${name}", row ${i}: union type id ${ids[i]} names no child`);
        return text(offs === null ? i : offs[i]!);
      };
    }
    default: {
      // bool and the 8–32-bit integers: the reader's value as it prints.
      const read = readerOf(data, dtype, name, 'plain');
      return (i) => String(read(i));
    }
  }
}

/** Lists: `[item,item,…]` over the child's rows of each list. */
function listText(data: Data, dtype: AnyDType, name: string): TextOf {
  const item = jsonText(data.children[0]!, dtype.item!.dtype, name);
  const items = (start: number, end: number): string => {
    let out = '[';
    for (let k = start; k < end; k++) out += (k === start ? '' : ',') + item(k);
    return out + ']';
  };
  if (dtype.kind === 'fixedSizeList') {
    const n = dtype.size!;
    return (i) => items(i * n, i * n + n);
  }
  const offs = data.valueOffsets as unknown as ArrayLike<number | bigint>;
  return (i) => items(Number(offs[i]!), Number(offs[i + 1]!));
}

/** Maps: an object when keys are strings and none repeats in the row, else `[[key,value],…]`. */
function mapText(data: Data, dtype: AnyDType, name: string): TextOf {
  const offs = data.valueOffsets as Int32Array;
  const entries = data.children[0]!;
  const [kf, vf] = dtype.item!.dtype.fields!;
  const key = jsonValueText(entries.children[0]!, kf!.dtype, name);
  const value = jsonText(entries.children[1]!, vf!.dtype, name);
  const asObject = stringKeys(kf!.dtype);
  return (i) => {
    const start = offs[i]!;
    const end = offs[i + 1]!;
    if (asObject) {
      const keys = new Set<string>();
      let out = '{';
      for (let k = start; k < end; k++) {
        const kt = key(k);
        if (keys.has(kt)) return pairs(start, end);
        keys.add(kt);
        out += (k === start ? '' : ',') + kt + ':' + value(k);
      }
      return out + '}';
    }
    return pairs(start, end);
  };
  function pairs(start: number, end: number): string {
    let out = '[';
    for (let k = start; k < end; k++) out += (k === start ? '' : ',') + '[' + key(k) + ',' + value(k) + ']';
    return out + ']';
  }
}

/**
 * The CSV text of each non-null value of `data`, for the dtypes the CSV encoder has no byte path
 * for (and for every dtype on its text path): `null` when the value is null although the row is
 * not (a union member's null, or a null-type column). A union writes the text of the member a
 * row holds; lists, structs and maps their JSON text.
 * @example
 * ```ts
 * import { Field, Int32, Struct, Table, Utf8, vectorFromArray } from 'apache-arrow';
 * const type = new Struct([new Field('n', new Int32()), new Field('s', new Utf8(), true)]);
 * const p = vectorFromArray([{ n: 1, s: 'a, "b"' }], type);
 * const c = DataFrame.fromArrow(new Table({ p })).getColumn('p');
 * csvText(c.data, c.dtype, 'p')(0); // → '{"n":1,"s":"a, \\"b\\""}'
 * ```
 */
export function csvText(data: Data, dtype: AnyDType, name: string): (i: number) => string | null {
  switch (dtype.kind) {
    case 'null':
      return () => null;
    case 'union': {
      // The text of the member the row holds (null when that member's value is null).
      const ids = data.typeIds as Int8Array;
      const byId = new Array<((i: number) => string | null) | undefined>(128);
      dtype.fields!.forEach((f, k) => {
        const child = data.children[k]!;
        const text = csvText(child, f.dtype, name);
        const v = validityOf(child);
        byId[dtype.typeIds![k]!] = v === null ? text : (i) => ((v.bits[(i + v.offset) >> 3]! >> ((i + v.offset) & 7)) & 1) === 0 ? null : text(i);
      });
      const offs = dtype.mode === 'dense' ? (data.valueOffsets as Int32Array) : null;
      return (i) => {
        const text = byId[ids[i]!];
        if (text === undefined) throw new RangeError(`Column "${name}", row ${i}: union type id ${ids[i]} names no child`);
        return text(offs === null ? i : offs[i]!);
      };
    }
    case 'list':
    case 'largeList':
    case 'fixedSizeList':
    case 'struct':
    case 'map':
      // The JSON text of the value.
      return jsonValueText(data, dtype, name);
    default:
      return csvValueText(data, dtype, name);
  }
}

/** The CSV text of a non-null value of a dtype that is not nested. */
function csvValueText(data: Data, dtype: AnyDType, name: string): TextOf {
  const values = data.values as unknown;
  switch (dtype.kind) {
    case 'float64':
      return (i) => float64Text((values as Float64Array)[i]!);
    case 'float32':
      return (i) => float32Text((values as Float32Array)[i]!);
    case 'float16':
      return (i) => float32Text(float16ToNumber((values as Uint16Array)[i]!));
    case 'int64':
    case 'uint64':
    case 'duration':
      return (i) => '' + (values as BigInt64Array)[i]!;
    case 'date':
      return (i) => formatDate((values as Int32Array)[i]!);
    case 'timestamp': {
      const unit = (dtype.unit ?? 'ms') as TimeUnit;
      const tz = dtype.timezone ?? null;
      return (i) => formatTimestampCount((values as BigInt64Array)[i]!, unit, tz);
    }
    case 'time': {
      const unit = (dtype.unit ?? 'ms') as TimeUnit;
      return (i) => formatTimeCount((values as ArrayLike<number | bigint>)[i]!, unit);
    }
    case 'interval': {
      const read = readerOf(data, dtype, name, 'plain');
      return (i) => formatInterval(read(i) as Parameters<typeof formatInterval>[0]);
    }
    case 'decimal':
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary': {
      // Exact decimal text; bytes as base64 (the reader's JSON mode).
      const read = readerOf(data, dtype, name, 'json');
      return (i) => read(i) as string;
    }
    default: {
      // bool, 8–32-bit integers, strings: the reader's value as it prints (64-bit integers are
      // handled above, so no reader here can throw on range).
      const read = readerOf(data, withInt64Repr(dtype, 'bigint'), name, 'plain');
      return (i) => String(read(i));
    }
  }
}
