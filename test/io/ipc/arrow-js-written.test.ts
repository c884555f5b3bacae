/**
 * Arrow IPC written by apache-arrow JS, holding every type apache-arrow has, reads equal to
 * apache-arrow's own values (file and stream); and colframe's own writer's bytes read equal in
 * apache-arrow.
 */
import { describe, expect, it } from 'vitest';
import {
  Binary, Bool, DateDay, Decimal as ArrowDecimal, DenseUnion, Dictionary, DurationMicrosecond, DurationNanosecond, DurationSecond, Field,
  FixedSizeBinary, FixedSizeList, Float16, Float32, Float64, Int16, Int32, Int64, Int8, IntervalDayTime, IntervalMonthDayNano,
  IntervalYearMonth, LargeBinary, LargeList, LargeUtf8, List, Map_, Null, SparseUnion, Struct, Table, TimeMicrosecond, TimeMillisecond,
  TimeNanosecond, TimeSecond, TimestampMicrosecond, TimestampMillisecond, TimestampNanosecond, TimestampSecond, Uint16, Uint32, Uint64,
  Uint8, Utf8, makeData, makeVector, tableFromIPC, tableToIPC, vectorFromArray, type Vector,
} from 'apache-arrow';
import { DataFrame, readIPCSync } from '../../../src/index.js';

/** Little-endian 32-bit words of each value (two's complement) for a decimal of `bits`. */
function decimalWords(values: bigint[], bits: number): Uint32Array {
  const w = bits / 32;
  const out = new Uint32Array(values.length * w);
  values.forEach((v, i) => {
    let x = BigInt.asUintN(bits, v);
    for (let k = 0; k < w; k++) {
      out[i * w + k] = Number(x & 0xffffffffn);
      x >>= 32n;
    }
  });
  return out;
}

const n = 4;
const validity = new Uint8Array([0b1011]); // row 2 null
const i64 = (xs: bigint[]) => new BigInt64Array(xs);

function table(): Table {
  const cols: Record<string, Vector> = {
    null: makeVector(makeData({ type: new Null(), length: n, nullCount: n })),
    bool: vectorFromArray([true, false, null, true], new Bool()),
    i8: vectorFromArray([-128, 0, null, 127], new Int8()),
    i16: vectorFromArray([-32768, 1, null, 32767], new Int16()),
    i32: vectorFromArray([-(2 ** 31), 2, null, 2 ** 31 - 1], new Int32()),
    i64: makeVector(makeData({ type: new Int64(), length: n, nullCount: 1, nullBitmap: validity, data: i64([-(2n ** 63n), 3n, 0n, 2n ** 63n - 1n]) })),
    u8: vectorFromArray([0, 1, null, 255], new Uint8()),
    u16: vectorFromArray([0, 1, null, 65535], new Uint16()),
    u32: vectorFromArray([0, 1, null, 2 ** 32 - 1], new Uint32()),
    u64: makeVector(makeData({ type: new Uint64(), length: n, nullCount: 1, nullBitmap: validity, data: new BigUint64Array([0n, 1n, 0n, 2n ** 64n - 1n]) })),
    f16: makeVector(makeData({ type: new Float16(), length: n, nullCount: 1, nullBitmap: validity, data: new Uint16Array([0x3c00, 0xc000, 0, 0x7c00]) })),
    f32: vectorFromArray([1.5, -0, null, Infinity], new Float32()),
    f64: vectorFromArray([NaN, -0, null, 1e308], new Float64()),
    dec128: makeVector(makeData({ type: new ArrowDecimal(2, 38, 128), length: n, nullCount: 1, nullBitmap: validity, data: decimalWords([-(10n ** 38n) + 1n, 5n, 0n, 10n ** 38n - 1n], 128) })),
    dec256: makeVector(makeData({ type: new ArrowDecimal(10, 76, 256), length: n, nullCount: 1, nullBitmap: validity, data: decimalWords([-(10n ** 76n) + 1n, -5n, 0n, 10n ** 76n - 1n], 256) })),
    utf8: vectorFromArray(['a', '', null, '😀'], new Utf8()),
    largeUtf8: vectorFromArray(['a', '', null, '😀'], new LargeUtf8()),
    binary: vectorFromArray([new Uint8Array([1]), new Uint8Array([]), null, new Uint8Array([255, 0])], new Binary()),
    largeBinary: vectorFromArray([new Uint8Array([1]), new Uint8Array([]), null, new Uint8Array([255, 0])], new LargeBinary()),
    fixedBinary: makeVector(makeData({ type: new FixedSizeBinary(2), length: n, nullCount: 1, nullBitmap: validity, data: new Uint8Array([1, 2, 3, 4, 0, 0, 7, 8]) })),
    date: makeVector(makeData({ type: new DateDay(), length: n, nullCount: 1, nullBitmap: validity, data: new Int32Array([-719162, 0, 0, 2932896]) })),
    ts_s: makeVector(makeData({ type: new TimestampSecond('UTC'), length: n, nullCount: 1, nullBitmap: validity, data: i64([-1n, 0n, 0n, 1714557600n]) })),
    ts_ms: makeVector(makeData({ type: new TimestampMillisecond(), length: n, nullCount: 1, nullBitmap: validity, data: i64([-1n, 0n, 0n, 1714557600123n]) })),
    ts_us: makeVector(makeData({ type: new TimestampMicrosecond('Asia/Kolkata'), length: n, nullCount: 1, nullBitmap: validity, data: i64([-1n, 0n, 0n, 1714557600123456n]) })),
    ts_ns: makeVector(makeData({ type: new TimestampNanosecond(), length: n, nullCount: 1, nullBitmap: validity, data: i64([-(2n ** 63n), 0n, 0n, 2n ** 63n - 1n]) })),
    t_s: makeVector(makeData({ type: new TimeSecond(), length: n, nullCount: 1, nullBitmap: validity, data: new Int32Array([0, 1, 0, 86399]) })),
    t_ms: makeVector(makeData({ type: new TimeMillisecond(), length: n, nullCount: 1, nullBitmap: validity, data: new Int32Array([0, 1, 0, 86399999]) })),
    t_us: makeVector(makeData({ type: new TimeMicrosecond(), length: n, nullCount: 1, nullBitmap: validity, data: i64([0n, 1n, 0n, 86399999999n]) })),
    t_ns: makeVector(makeData({ type: new TimeNanosecond(), length: n, nullCount: 1, nullBitmap: validity, data: i64([0n, 1n, 0n, 86399999999999n]) })),
    dur_s: makeVector(makeData({ type: new DurationSecond(), length: n, nullCount: 1, nullBitmap: validity, data: i64([-5n, 0n, 0n, 5n]) })),
    dur_us: makeVector(makeData({ type: new DurationMicrosecond(), length: n, nullCount: 1, nullBitmap: validity, data: i64([-5n, 0n, 0n, 5n]) })),
    dur_ns: makeVector(makeData({ type: new DurationNanosecond(), length: n, nullCount: 1, nullBitmap: validity, data: i64([-5n, 0n, 0n, 5n]) })),
    iv_ym: makeVector(makeData({ type: new IntervalYearMonth(), length: n, nullCount: 1, nullBitmap: validity, data: new Int32Array([-14, 0, 0, 14]) })),
    iv_dt: makeVector(makeData({ type: new IntervalDayTime(), length: n, nullCount: 1, nullBitmap: validity, data: new Int32Array([1, 2, 3, 4, 0, 0, -7, -8]) })),
    iv_mdn: makeVector(makeData({ type: new IntervalMonthDayNano(), length: n, nullCount: 1, nullBitmap: validity, data: new Int32Array([1, 2, 3, 0, 4, 5, -1, -1, 0, 0, 0, 0, 6, 7, 8, 0]) })),
    list: vectorFromArray([[1, 2], [], null, [3, null]], new List(new Field('item', new Int32(), true))),
    largeList: vectorFromArray([['a'], [], null, ['b', null]], new LargeList(new Field('item', new Utf8(), true))),
    fsl: vectorFromArray([[1, 2], [3, 4], null, [5, null]], new FixedSizeList(2, new Field('item', new Float64(), true))),
    struct: vectorFromArray(
      [{ a: 1, b: 'x', c: [1.5] }, { a: null, b: 'y', c: [] }, null, { a: 3, b: null, c: null }],
      new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true), new Field('c', new List(new Field('item', new Float64(), true)), true)]),
    ),
    map: vectorFromArray(
      [new Map<string, number | null>([['k', 1]]), new Map<string, number | null>(), null, new Map<string, number | null>([['a', null], ['b', 2]])],
      new Map_(new Field('entries', new Struct<{ key: Utf8; value: Int32 }>([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]), false)),
    ),
    dict: vectorFromArray(['x', 'y', null, 'x'], new Dictionary(new Utf8(), new Int32())),
  };
  const children = [new Field('i', new Int32(), true), new Field('s', new Utf8(), true)];
  const ints = vectorFromArray([1, null, 3, 4], new Int32()).data[0]!;
  const strs = vectorFromArray(['a', 'b', 'c', 'd'], new Utf8()).data[0]!;
  cols.sparse = makeVector(makeData({ type: new SparseUnion([0, 1], children), length: n, nullCount: 0, typeIds: new Int8Array([1, 0, 0, 1]), children: [ints, strs] }));
  cols.dense = makeVector(
    makeData({ type: new DenseUnion([0, 1], children), length: n, nullCount: 0, typeIds: new Int8Array([1, 0, 0, 1]), valueOffsets: new Int32Array([0, 0, 1, 1]), children: [ints, strs] }),
  );
  return new Table(cols);
}

/** apache-arrow's own value of a cell, in a comparable form. */
function arrowValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return Array.from(v);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, arrowValue);
  if (v instanceof Map) return [...v].map(([k, x]) => [arrowValue(k), arrowValue(x)]);
  if (typeof v === 'object' && typeof (v as { toArray?: unknown }).toArray === 'function') {
    const a = (v as { toArray(): unknown }).toArray();
    return Array.isArray(a) || ArrayBuffer.isView(a) ? Array.from(a as ArrayLike<unknown>, arrowValue) : arrowValue(a);
  }
  if (typeof v === 'object') return Object.fromEntries(Object.entries((v as { toJSON?: () => object }).toJSON?.() ?? (v as object)).map(([k, x]) => [k, arrowValue(x)]));
  return v;
}

describe('IPC written by apache-arrow JS', () => {
  const t = table();
  for (const format of ['file', 'stream'] as const) {
    it(`reads every type apache-arrow has, from the ${format} format, with apache-arrow's schema`, () => {
      const df = readIPCSync(tableToIPC(t, format));
      expect(df.columns).toEqual(t.schema.fields.map((f) => f.name));
      const back = df.toArrow();
      for (const f of t.schema.fields) {
        const ours = back.getChild(f.name)!;
        expect(String(ours.type), f.name).toBe(String(f.type));
        const theirs = t.getChild(f.name)!;
        for (let i = 0; i < n; i++) expect(arrowValue(ours.get(i)), `${f.name}[${i}]`).toEqual(arrowValue(theirs.get(i)));
      }
    });
  }

  it('writes bytes apache-arrow reads to the same values', () => {
    const df = DataFrame.fromArrow(t);
    const back = tableFromIPC(df.toIPC());
    for (const f of t.schema.fields) {
      const theirs = t.getChild(f.name)!;
      const ours = back.getChild(f.name)!;
      for (let i = 0; i < n; i++) expect(arrowValue(ours.get(i)), `${f.name}[${i}]`).toEqual(arrowValue(theirs.get(i)));
    }
  });
});
