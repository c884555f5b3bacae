/**
 * Arrow data of any dtype from JavaScript row values, written straight into buffers with
 * `makeData` (independent of colframe's builders, so tests of the verbs do not lean on them):
 * nulls at the top and inside children, every layout. Row values are what colframe reads back
 * (`toRecords()`), so a test can compare read-back rows with its input:
 * numbers, bigints (64-bit kinds read as bigint), `Decimal`, `Instant` (us/ns timestamps), `Date`
 * (dates, s/ms timestamps), strings, `Uint8Array`s, arrays or typed arrays (lists), plain objects
 * (structs), `[key, value]` arrays (maps), and `pick(k, value)` for a union row of child `k`.
 */
import { Table, Vector, makeData, type Data } from 'apache-arrow';
import { DataFrame, Decimal, Instant, type AnyDType } from '../../src/index.js';
import { toArrowType } from '../../src/dtype/arrow.js';
import { Column } from '../../src/column/column.js';
import { FrameCore } from '../../src/core/frame-core.js';

/** A union row: child `child` (its position in the union's fields) holding `value`. */
export class Pick {
  constructor(
    readonly child: number,
    readonly value: unknown,
  ) {}
}

/** A union row of child `child`. */
export function pick(child: number, value: unknown): Pick {
  return new Pick(child, value);
}

/** A row value as colframe reads it back: union picks unwrapped, at any depth. */
export function readBack(v: unknown): unknown {
  if (v instanceof Pick) return readBack(v.value);
  if (Array.isArray(v)) return v.map(readBack);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, readBack(x)]));
  }
  return v;
}

function bitmap(valid: readonly boolean[]): Uint8Array {
  const out = new Uint8Array((valid.length + 7) >> 3);
  valid.forEach((ok, i) => {
    if (ok) out[i >> 3]! |= 1 << (i & 7);
  });
  return out;
}

const half = new Float32Array(1);
const halfBits = new Uint32Array(half.buffer);

/** The IEEE half bits of a number float16 holds exactly (tests use such values). */
export function toHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  half[0] = x;
  const b = halfBits[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = ((b >>> 23) & 0xff) - 127 + 15;
  const frac = b & 0x7fffff;
  if (((b >>> 23) & 0xff) === 0xff) return sign | 0x7c00;
  if (x === 0) return sign;
  if (exp <= 0) return sign | ((frac | 0x800000) >> (14 - exp)); // subnormal
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | (frac >> 13);
}

const MS_PER_DAY = 86_400_000;

function storageOf(d: AnyDType): { stride: number; write: (out: ArrayBufferView, i: number, v: unknown) => void; ctor: new (n: number) => ArrayBufferView } {
  const num = (ctor: new (n: number) => ArrayBufferView) => ({ stride: 1, ctor, write: (o: ArrayBufferView, i: number, v: unknown) => ((o as unknown as unknown[])[i] = v) });
  const big = (ctor: new (n: number) => ArrayBufferView) => ({ stride: 1, ctor, write: (o: ArrayBufferView, i: number, v: unknown) => ((o as unknown as bigint[])[i] = BigInt(v as number)) });
  switch (d.kind) {
    case 'int8':
      return num(Int8Array);
    case 'int16':
      return num(Int16Array);
    case 'int32':
      return num(Int32Array);
    case 'uint8':
      return num(Uint8Array);
    case 'uint16':
      return num(Uint16Array);
    case 'uint32':
      return num(Uint32Array);
    case 'float32':
      return num(Float32Array);
    case 'float64':
      return num(Float64Array);
    case 'int64':
    case 'duration':
      return big(BigInt64Array);
    case 'uint64':
      return big(BigUint64Array);
    case 'float16':
      return { stride: 1, ctor: Uint16Array, write: (o, i, v) => ((o as Uint16Array)[i] = toHalf(v as number)) };
    case 'date':
      return { stride: 1, ctor: Int32Array, write: (o, i, v) => ((o as Int32Array)[i] = (v as Date).getTime() / MS_PER_DAY) };
    case 'timestamp':
      return {
        stride: 1,
        ctor: BigInt64Array,
        write: (o, i, v) => {
          const x = v instanceof Instant ? v.epoch : v instanceof Date ? BigInt(v.getTime()) / (d.unit === 's' ? 1000n : 1n) : BigInt(v as number);
          (o as BigInt64Array)[i] = x;
        },
      };
    case 'time':
      return d.unit === 's' || d.unit === 'ms' ? num(Int32Array) : big(BigInt64Array);
    case 'decimal': {
      const words = d.bitWidth! / 32;
      return {
        stride: words,
        ctor: Uint32Array,
        write: (o, i, v) => {
          let x = BigInt.asUintN(d.bitWidth!, v instanceof Decimal ? v.unscaled : (v as bigint));
          for (let k = 0; k < words; k++, x >>= 32n) (o as Uint32Array)[i * words + k] = Number(x & 0xffffffffn);
        },
      };
    }
    case 'interval': {
      const stride = d.unit === 'yearMonth' ? 1 : d.unit === 'dayTime' ? 2 : 4;
      return {
        stride,
        ctor: Int32Array,
        write: (o, i, v) => {
          const a = o as Int32Array;
          const x = v as { months?: number; days?: number; milliseconds?: number; nanoseconds?: bigint };
          if (d.unit === 'yearMonth') a[i] = x.months!;
          else if (d.unit === 'dayTime') ((a[2 * i] = x.days!), (a[2 * i + 1] = x.milliseconds!));
          else {
            const ns = BigInt.asUintN(64, x.nanoseconds!);
            a[4 * i] = x.months!;
            a[4 * i + 1] = x.days!;
            a[4 * i + 2] = Number(ns & 0xffffffffn);
            a[4 * i + 3] = Number(ns >> 32n);
          }
        },
      };
    }
    case 'fixedSizeBinary':
      return { stride: d.size!, ctor: Uint8Array, write: (o, i, v) => (o as Uint8Array).set(v as Uint8Array, i * d.size!) };
    default:
      throw new Error(`no fixed storage for ${String(d)}`);
  }
}

const encoder = new TextEncoder();

/**
 * Arrow data of `dtype` holding `rows` (see the module comment).
 * @example
 * ```ts
 * arrowData(list(nullable(int32())), [[1, null], null]).length; // → 2
 * ```
 */
export function arrowData(dtype: AnyDType, rows: readonly unknown[]): Data {
  const n = rows.length;
  const valid = rows.map((v) => v !== null && v !== undefined);
  const nulls = valid.filter((ok) => !ok).length;
  const nullBitmap = nulls > 0 ? bitmap(valid) : undefined;
  const type = toArrowType(dtype);
  const base = { type, length: n, nullCount: nulls, nullBitmap };
  switch (dtype.kind) {
    case 'null':
      return makeData({ type, length: n, nullCount: n } as never);
    case 'bool':
      return makeData({ ...base, data: bitmap(rows.map((v) => v === true)) } as never);
    case 'utf8':
    case 'largeUtf8':
    case 'binary':
    case 'largeBinary': {
      const chunks = rows.map((v) => (v === null ? new Uint8Array(0) : typeof v === 'string' ? encoder.encode(v) : (v as Uint8Array)));
      const total = chunks.reduce((s, c) => s + c.length, 0);
      const bytes = new Uint8Array(total);
      const large = dtype.kind === 'largeUtf8' || dtype.kind === 'largeBinary';
      const offs = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
      let at = 0;
      chunks.forEach((c, i) => {
        bytes.set(c, at);
        at += c.length;
        if (large) (offs as BigInt64Array)[i + 1] = BigInt(at);
        else (offs as Int32Array)[i + 1] = at;
      });
      return makeData({ ...base, data: bytes, valueOffsets: offs } as never);
    }
    case 'categorical': {
      const dict: string[] = [];
      const codes = new Int32Array(n);
      rows.forEach((v, i) => {
        if (v === null) return;
        let c = dict.indexOf(v as string);
        if (c < 0) c = dict.push(v as string) - 1;
        codes[i] = c;
      });
      const dictData = arrowData({ kind: 'utf8', nullable: false } as AnyDType, dict);
      const idx = new Uint8Array(codes);
      return makeData({ ...base, data: idx, dictionary: new Vector([dictData]) } as never);
    }
    case 'list':
    case 'largeList':
    case 'map': {
      const items: unknown[] = [];
      const large = dtype.kind === 'largeList';
      const offs = large ? new BigInt64Array(n + 1) : new Int32Array(n + 1);
      rows.forEach((v, i) => {
        if (v !== null) {
          if (dtype.kind === 'map') for (const [key, value] of v as [unknown, unknown][]) items.push({ key, value });
          else items.push(...Array.from(v as ArrayLike<unknown>));
        }
        if (large) (offs as BigInt64Array)[i + 1] = BigInt(items.length);
        else (offs as Int32Array)[i + 1] = items.length;
      });
      const child = arrowData(dtype.item!.dtype, items);
      return makeData({ ...base, valueOffsets: offs, child } as never);
    }
    case 'fixedSizeList': {
      const size = dtype.size!;
      const items: unknown[] = [];
      for (const v of rows) {
        if (v === null) for (let k = 0; k < size; k++) items.push(dtype.item!.dtype.nullable ? null : zeroOf(dtype.item!.dtype));
        else items.push(...Array.from(v as ArrayLike<unknown>));
      }
      return makeData({ ...base, child: arrowData(dtype.item!.dtype, items) } as never);
    }
    case 'struct': {
      const children = dtype.fields!.map((f) =>
        arrowData(
          f.dtype,
          rows.map((v) => (v === null ? (f.dtype.nullable ? null : zeroOf(f.dtype)) : (v as Record<string, unknown>)[f.name])),
        ),
      );
      return makeData({ ...base, children } as never);
    }
    case 'union': {
      const fields = dtype.fields!;
      const which = rows.map((v) => (v instanceof Pick ? v.child : Math.max(0, fields.findIndex((f) => f.dtype.nullable))));
      const value = (v: unknown) => (v instanceof Pick ? v.value : null);
      const typeIds = Int8Array.from(which, (k) => dtype.typeIds![k]!);
      if (dtype.mode === 'dense') {
        const valueOffsets = new Int32Array(n);
        const per: unknown[][] = fields.map(() => []);
        rows.forEach((v, i) => {
          valueOffsets[i] = per[which[i]!]!.length;
          per[which[i]!]!.push(value(v));
        });
        const children = fields.map((f, k) => arrowData(f.dtype, per[k]!));
        return makeData({ type, length: n, nullCount: 0, typeIds, valueOffsets, children } as never);
      }
      const children = fields.map((f, k) => arrowData(f.dtype, rows.map((v, i) => (which[i] === k ? value(v) : f.dtype.nullable ? null : zeroOf(f.dtype)))));
      return makeData({ type, length: n, nullCount: 0, typeIds, children } as never);
    }
    default: {
      const { stride, ctor, write } = storageOf(dtype);
      const out = new ctor(n * stride);
      rows.forEach((v, i) => {
        if (v !== null) write(out, i, v);
      });
      return makeData({ ...base, data: out } as never);
    }
  }
}

/** A value of a dtype for slots whose row is null (children of null structs and fixed-size lists). */
function zeroOf(d: AnyDType): unknown {
  switch (d.kind) {
    case 'bool':
      return false;
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
      return '';
    case 'binary':
    case 'largeBinary':
      return new Uint8Array(0);
    case 'fixedSizeBinary':
      return new Uint8Array(d.size!);
    case 'list':
    case 'largeList':
    case 'map':
      return [];
    case 'fixedSizeList':
      return Array.from({ length: d.size! }, () => zeroOf(d.item!.dtype));
    case 'struct':
      return Object.fromEntries(d.fields!.map((f) => [f.name, zeroOf(f.dtype)]));
    case 'union':
      return pick(0, zeroOf(d.fields![0]!.dtype));
    case 'decimal':
      return 0n;
    case 'date':
      return new Date(0);
    case 'interval':
      return { months: 0, days: 0, milliseconds: 0, nanoseconds: 0n };
    case 'int64':
    case 'uint64':
    case 'duration':
      return 0n;
    case 'timestamp':
      return 0n;
    default:
      return 0;
  }
}

/**
 * A frame of `columns` (`{ name: [dtype, rows] }`) through `DataFrame.fromArrow` (zero-copy over
 * the data built here), with each column's declared dtype (64-bit read modes and nullability
 * included, which an Arrow table does not carry).
 * @example
 * ```ts
 * frameOfRows({ xs: [list(int32()), [[1], []]] }).height; // → 2
 * ```
 */
export function frameOfRows(columns: Readonly<Record<string, readonly [AnyDType, readonly unknown[]]>>): DataFrame {
  const vectors: Record<string, Vector> = {};
  for (const [name, [dtype, rows]] of Object.entries(columns)) vectors[name] = new Vector([arrowData(dtype, rows)]);
  const df = DataFrame.fromArrow(new Table(vectors), { int64: 'bigint' });
  const cols = df.getColumns().map((c) => {
    const declared = columns[c.name]![0];
    if (declared.kind !== c.dtype.kind) throw new Error(`column ${c.name}: fromArrow gave ${String(c.dtype)} for ${String(declared)}`);
    return new Column(c.name, declared, c.data);
  });
  return DataFrame.fromCore(new FrameCore(cols, df.height));
}
