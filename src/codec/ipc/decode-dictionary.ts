/**
 * Reading dictionary-encoded fields: string dictionaries become categorical columns (indices of
 * any integer type narrowed to uint8 / uint16 / int32, null dictionary entries folded into the
 * rows' validity); dictionaries of any other values are decoded to those values.
 */
import { Dictionary, Int32, Uint16, Uint8, Utf8, type Data, type DataType } from 'apache-arrow';
import { UnsupportedTypeError } from '../../errors.js';
import { indexWidthFor } from '../../dtype/arrow.js';
import type { TypedArrayConstructor } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { bitAt, dataOf, vectorOf } from './arrow-data.js';
import { dataBuffer, type BatchCursor, type Node } from './body.js';
import type { GrowingDictionary } from './dictionary.js';
import { gather } from './gather.js';
import type { FieldPlan } from './plan.js';

/** A dictionary as read so far: its values (utf8 for categoricals), and a generation that changes on replacement. */
export interface DictionaryState {
  data: Data;
  generation: number;
  /** The storage deltas are appended to, once a delta came (categoricals). */
  growing?: GrowingDictionary;
}

/** Index view types colframe keeps for categoricals: uint8, uint16, int32. */
const INDEX_TYPE: Record<number, () => DataType> = { 1: () => new Uint8(), 2: () => new Uint16(), 4: () => new Int32() };
const INDEX_VIEW: Record<number, TypedArrayConstructor> = { 1: Uint8Array, 2: Uint16Array, 4: Int32Array };
const INDEX_READ: Record<string, TypedArrayConstructor> = {
  '1s': Int8Array,
  '2s': Int16Array,
  '4s': Int32Array,
  '8s': BigInt64Array,
  '1u': Uint8Array,
  '2u': Uint16Array,
  '4u': Uint32Array,
  '8u': BigUint64Array,
};

/** A utf8 dictionary's values as plain utf8 data (LargeUtf8 offsets narrowed). */
export function utf8Values(d: Data, name: string): Data {
  const offs = d.valueOffsets as Int32Array | BigInt64Array;
  if (offs instanceof Int32Array) return d;
  const n = d.length;
  if (Number(offs[n]!) > 2147483647) throw new UnsupportedTypeError(name, 'Dictionary<LargeUtf8>', '; its values exceed the 2 GiB a categorical dictionary holds');
  const o = Int32Array.from(offs, (v) => Number(v));
  return dataOf({ type: new Utf8(), length: n, nullCount: d.nullCount, data: d.values, valueOffsets: o, nullBitmap: d.nullBitmap, offset: d.offset });
}

/** The codes of a categorical: the index buffer viewed (8/16/32-bit) or narrowed (64-bit), out-of-range null slots zeroed. */
function codesOf(cur: BatchCursor, p: FieldPlan, n: number, off: number, validity: Uint8Array | undefined, size: number): Uint8Array | Uint16Array | Int32Array {
  const dp = p.dictionary!;
  const w = dp.indexBits / 8;
  const raw = cur.view(INDEX_READ[`${w}${dp.indexSigned ? 's' : 'u'}`]!, off, n) as ArrayLike<number | bigint>;
  const check = cur.body.checkValues || w === 8;
  let bad = false;
  if (check) {
    for (let i = 0; i < n; i++) {
      const c = Number(raw[i]!);
      if (c < 0 || c >= size) {
        if (validity === undefined || bitAt(validity, i)) throw cur.fail(`row ${i}: dictionary index ${c} is outside the ${size}-entry dictionary`, off + i * w, p.path);
        bad = true;
      }
    }
  }
  if (w === 8) {
    const width = indexWidthFor(size);
    const out = width === 'uint8' ? new Uint8Array(n) : width === 'uint16' ? new Uint16Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = Number(raw[i]!);
      out[i] = c >= 0 && c < size ? c : 0;
    }
    return out;
  }
  let codes = cur.view(INDEX_VIEW[w]!, off, n) as Uint8Array;
  if (bad) {
    // Null slots with out-of-range indices: copy the codes and zero those slots so no reader trips on them.
    codes = codes.slice();
    for (let i = 0; i < n; i++) if (Number(raw[i]!) < 0 || Number(raw[i]!) >= size) codes[i] = 0;
  }
  return codes;
}

function categorical(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined, off: number, dict: Data): Data {
  const n = node.length;
  const codes = codesOf(cur, p, n, off, validity, dict.length);
  let values = dict;
  let valid = validity;
  let nullCount = node.nullCount;
  if (dict.nullCount > 0) {
    // Rows pointing at a null dictionary entry are null: fold that into the rows' validity, and
    // keep the dictionary itself free of nulls.
    const dictBits = dict.nullBitmap as Uint8Array;
    const out = new Uint8Array(bitmapBytes(n));
    if (validity === undefined) out.fill(0xff);
    else out.set(validity.subarray(0, out.length));
    nullCount = 0;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if (bitAt(out, i) && !bitAt(dictBits, dict.offset + c)) out[i >> 3]! &= ~(1 << (i & 7));
      if (!bitAt(out, i)) nullCount++;
    }
    if (nullCount > 0 && !p.field.nullable) throw cur.fail('the field is declared non-nullable but refers to null dictionary entries', off, p.path);
    valid = nullCount > 0 ? out : undefined;
    values = dataOf({ type: new Utf8(), length: dict.length, nullCount: 0, data: dict.values, valueOffsets: dict.valueOffsets });
  }
  const bytes = codes.BYTES_PER_ELEMENT;
  return dataOf({
    type: new Dictionary(new Utf8(), INDEX_TYPE[bytes]!() as Uint8),
    length: n,
    nullCount,
    data: codes,
    nullBitmap: valid,
    dictionary: vectorOf(values),
  });
}

function decoded(cur: BatchCursor, p: FieldPlan, node: Node, validity: Uint8Array | undefined, off: number, dict: Data): Data {
  const dp = p.dictionary!;
  const n = node.length;
  const w = dp.indexBits / 8;
  const raw = cur.view(INDEX_READ[`${w}${dp.indexSigned ? 's' : 'u'}`]!, off, n) as ArrayLike<number | bigint>;
  const size = dict.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (validity !== undefined && !bitAt(validity, i)) {
      idx[i] = -1;
      continue;
    }
    const c = Number(raw[i]!);
    if (c < 0 || c >= size) throw cur.fail(`row ${i}: dictionary index ${c} is outside the ${size}-entry dictionary`, off + i * w, p.path);
    idx[i] = c;
  }
  const data = gather(dict, dp.values.dtype, idx);
  if (!p.dtype.nullable && data.nullCount > 0) throw cur.fail('the field is declared non-nullable but refers to null dictionary entries', off, p.path);
  return data;
}

/** Dictionary indices of a field, read against the dictionary sent for its id. */
export function readDictionaryIndices(
  cur: BatchCursor,
  p: FieldPlan,
  node: Node,
  validity: Uint8Array | undefined,
  dictionaries: ReadonlyMap<number, DictionaryState>,
): Data {
  const dp = p.dictionary!;
  const state = dictionaries.get(dp.id);
  if (state === undefined) throw cur.fail(`no dictionary with id ${dp.id} was sent before this record batch`, undefined, p.path);
  const off = dataBuffer(cur, p.path, node.length * (dp.indexBits / 8), 'indices');
  return dp.categorical ? categorical(cur, p, node, validity, off, state.data) : decoded(cur, p, node, validity, off, state.data);
}
