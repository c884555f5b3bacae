/**
 * The Arrow integration JSON format (archery's `.json` files: schema, batches of columns with
 * VALIDITY / DATA / OFFSET / SIZE / TYPE_ID / VIEWS / VARIADIC_DATA_BUFFERS / children, and
 * dictionaries) turned into exact logical values, the same shape `logicalColumn` gives for a
 * colframe column: int64 and counts as decimal text, decimals as exact text, bytes as upper-case
 * hex, dates as day numbers, lists as arrays, structs as arrays of field values (names may
 * repeat), maps as [key, value] pairs, unions as the selected child's value, nulls at every level.
 */
import { Decimal } from '../../src/dtype/values.js';

export interface JsonType {
  name: string;
  unit?: string;
  bitWidth?: number;
  precision?: number | string;
  scale?: number;
  isSigned?: boolean;
  byteWidth?: number;
  listSize?: number;
  mode?: string;
  typeIds?: number[];
}
export interface JsonField {
  name: string;
  type: JsonType;
  nullable: boolean;
  children?: JsonField[];
  dictionary?: { id: number; indexType: JsonType; isOrdered?: boolean };
  metadata?: { key: string; value: string }[];
}
export interface JsonView {
  SIZE: number;
  INLINED?: string;
  PREFIX_HEX?: string;
  BUFFER_INDEX?: number;
  OFFSET?: number;
}
export interface JsonColumn {
  name: string;
  count: number;
  VALIDITY?: number[];
  DATA?: unknown[];
  OFFSET?: (number | string)[];
  SIZE?: (number | string)[];
  TYPE_ID?: number[];
  VIEWS?: JsonView[];
  VARIADIC_DATA_BUFFERS?: string[];
  children?: JsonColumn[];
}
export interface JsonFile {
  schema: { fields: JsonField[]; metadata?: { key: string; value: string }[] };
  batches: { count: number; columns: JsonColumn[] }[];
  dictionaries?: { id: number; data: { count: number; columns: JsonColumn[] } }[];
}

const utf8 = new TextDecoder();

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

function leaf(t: JsonType, raw: unknown): unknown {
  switch (t.name) {
    case 'int':
      return t.bitWidth === 64 ? String(BigInt(raw as string)) : Number(raw);
    case 'floatingpoint':
      return t.precision === 'SINGLE' ? Math.fround(Number(raw)) : Number(raw);
    case 'bool':
    case 'utf8':
    case 'largeutf8':
      return raw;
    case 'binary':
    case 'largebinary':
    case 'fixedsizebinary':
      return String(raw).toUpperCase();
    case 'decimal':
      return new Decimal(BigInt(raw as string), t.scale ?? 0).toString();
    case 'date':
      // Date64 reads as a millisecond timestamp.
      return t.unit === 'DAY' ? Number(raw) : String(BigInt(raw as string));
    case 'time':
      return Number(raw);
    case 'timestamp':
    case 'duration':
      return String(BigInt(raw as string));
    case 'interval': {
      if (t.unit === 'YEAR_MONTH') return { months: Number(raw) };
      const o = raw as Record<string, number | string>;
      if (t.unit === 'DAY_TIME') return { days: Number(o['days']), milliseconds: Number(o['milliseconds']) };
      return { months: Number(o['months']), days: Number(o['days']), nanoseconds: String(BigInt(o['nanoseconds']!)) };
    }
    case 'null':
      return null;
    default:
      throw new Error(`no leaf reading for JSON type ${t.name}`);
  }
}

function viewValue(t: JsonType, c: JsonColumn, i: number): unknown {
  const v = c.VIEWS![i]!;
  let bytes: Uint8Array;
  if (v.INLINED !== undefined) {
    if (t.name === 'utf8view') return v.INLINED;
    bytes = hexBytes(v.INLINED);
  } else {
    const buf = hexBytes(c.VARIADIC_DATA_BUFFERS![v.BUFFER_INDEX!]!);
    bytes = buf.subarray(v.OFFSET!, v.OFFSET! + v.SIZE);
  }
  return t.name === 'utf8view' ? utf8.decode(bytes) : toHex(bytes);
}

/** Context: the dictionaries of the file, by id, as logical values. */
export type JsonDictionaries = ReadonlyMap<number, unknown[]>;

/**
 * The logical values of one JSON column of field `f`.
 * @example
 * ```ts
 * logicalJson({ name: 'x', type: { name: 'int', bitWidth: 8 }, nullable: true }, { name: 'x', count: 2, VALIDITY: [1, 0], DATA: [5, 0] }, new Map());
 * // → [ 5, null ]
 * ```
 */
export function logicalJson(f: JsonField, c: JsonColumn, dicts: JsonDictionaries): unknown[] {
  const t = f.type;
  const n = c.count;
  const out: unknown[] = new Array(n);
  const valid = (i: number): boolean => c.VALIDITY === undefined || c.VALIDITY[i] !== 0;
  if (f.dictionary !== undefined) {
    const d = dicts.get(f.dictionary.id)!;
    for (let i = 0; i < n; i++) out[i] = valid(i) ? d[Number(c.DATA![i])] : null;
    return out;
  }
  const kids = f.children ?? [];
  const childValues = (k: number): unknown[] => logicalJson(kids[k]!, c.children![k]!, dicts);
  switch (t.name) {
    case 'list':
    case 'largelist':
    case 'map': {
      const items = childValues(0);
      for (let i = 0; i < n; i++) out[i] = valid(i) ? items.slice(Number(c.OFFSET![i]), Number(c.OFFSET![i + 1])) : null;
      return out;
    }
    case 'listview':
    case 'largelistview': {
      const items = childValues(0);
      for (let i = 0; i < n; i++) out[i] = valid(i) ? items.slice(Number(c.OFFSET![i]), Number(c.OFFSET![i]) + Number(c.SIZE![i])) : null;
      return out;
    }
    case 'fixedsizelist': {
      const items = childValues(0);
      const s = t.listSize!;
      for (let i = 0; i < n; i++) out[i] = valid(i) ? items.slice(i * s, i * s + s) : null;
      return out;
    }
    case 'struct': {
      const fields = kids.map((_, k) => childValues(k));
      for (let i = 0; i < n; i++) out[i] = valid(i) ? fields.map((v) => v[i]) : null;
      return out;
    }
    case 'union': {
      const fields = kids.map((_, k) => childValues(k));
      const ids = t.typeIds ?? kids.map((_, k) => k);
      for (let i = 0; i < n; i++) {
        const k = ids.indexOf(c.TYPE_ID![i]!);
        out[i] = valid(i) ? fields[k]![c.OFFSET === undefined ? i : Number(c.OFFSET[i])] : null;
      }
      return out;
    }
    case 'runendencoded': {
      const ends = (c.children![0]!.DATA ?? []).map(Number);
      const values = childValues(1);
      let r = 0;
      for (let i = 0; i < n; i++) {
        while (i >= ends[r]!) r++;
        out[i] = values[r];
      }
      return out;
    }
    case 'utf8view':
    case 'binaryview':
      for (let i = 0; i < n; i++) out[i] = valid(i) ? viewValue(t, c, i) : null;
      return out;
    case 'null':
      return out.fill(null);
    default:
      for (let i = 0; i < n; i++) out[i] = valid(i) ? leaf(t, c.DATA![i]) : null;
      return out;
  }
}

/** Every dictionary of a JSON file as logical values (deltas appended). */
export function jsonDictionaries(json: JsonFile): Map<number, unknown[]> {
  const fields = new Map<number, JsonField>();
  const visit = (f: JsonField): void => {
    if (f.dictionary !== undefined && !fields.has(f.dictionary.id)) {
      const { dictionary: _d, ...rest } = f;
      fields.set(f.dictionary.id, rest);
    }
    (f.children ?? []).forEach(visit);
  };
  json.schema.fields.forEach(visit);
  const out = new Map<number, unknown[]>();
  for (const d of json.dictionaries ?? []) {
    const f = fields.get(d.id)!;
    const values = logicalJson({ ...f, nullable: true }, d.data.columns[0]!, out);
    out.set(d.id, [...(out.get(d.id) ?? []), ...values]);
  }
  return out;
}

/** The logical values of every field of a JSON file, batches joined. */
export function jsonColumns(json: JsonFile): unknown[][] {
  const dicts = jsonDictionaries(json);
  return json.schema.fields.map((f, k) => json.batches.flatMap((b) => logicalJson(f, b.columns[k]!, dicts)));
}
