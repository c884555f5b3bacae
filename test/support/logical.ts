/**
 * The exact logical values of a colframe column, walking its Arrow `Data` by dtype, in the shape
 * `logicalJson` (test/support/arrow-json.ts) gives for Arrow's integration JSON: int64 and
 * temporal counts as decimal text, decimals as exact text, bytes as upper-case hex, dates as day
 * numbers, typed-array lists as arrays, structs as arrays of field values (repeated names kept),
 * maps as [key, value] pairs, unions as the selected child's value, nulls at every level.
 */
import type { Data } from 'apache-arrow';
import type { AnyDType } from '../../src/index.js';
import { Decimal, Instant } from '../../src/dtype/values.js';
import { nullableReader } from '../../src/column/readers.js';

const MS_PER_DAY = 86_400_000;

function leaf(d: AnyDType, v: unknown): unknown {
  if (v === null) return null;
  switch (d.kind) {
    case 'int64':
    case 'uint64':
    case 'duration':
      return String(v);
    case 'decimal':
      return (v as Decimal).toString();
    case 'date':
      return (v as Date).getTime() / MS_PER_DAY;
    case 'timestamp':
      if (v instanceof Instant) return String(v.epoch);
      return String(d.unit === 's' ? (v as Date).getTime() / 1000 : (v as Date).getTime());
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return Buffer.from(v as Uint8Array).toString('hex').toUpperCase();
    case 'interval': {
      const o = v as { nanoseconds?: bigint };
      return o.nanoseconds === undefined ? v : { ...o, nanoseconds: String(o.nanoseconds) };
    }
    default:
      return v;
  }
}

function validAt(data: Data, i: number): boolean {
  const bits = data.nullBitmap as Uint8Array | undefined;
  if (bits === undefined || bits.length === 0 || data.nullCount === 0) return true;
  const j = data.offset + i;
  return (bits[j >> 3]! & (1 << (j & 7))) !== 0;
}

/**
 * The logical values of `data` (dtype `dtype`), `length` rows from row 0.
 * @example
 * ```ts
 * const c = DataFrame.fromColumns({ x: [1, null] }).getColumn('x');
 * logicalData(c.data, c.dtype); // → [ 1, null ]
 * ```
 */
export function logicalData(data: Data, dtype: AnyDType): unknown[] {
  const n = data.length;
  const out: unknown[] = new Array(n);
  switch (dtype.kind) {
    case 'list':
    case 'largeList':
    case 'map': {
      const offs = data.valueOffsets as ArrayLike<number | bigint>;
      const child = data.children[0]!;
      const items = logicalData(child, dtype.item!.dtype);
      for (let i = 0; i < n; i++) out[i] = validAt(data, i) ? items.slice(Number(offs[i]!), Number(offs[i + 1]!)) : null;
      return out;
    }
    case 'fixedSizeList': {
      const s = dtype.size!;
      const items = logicalData(data.children[0]!, dtype.item!.dtype);
      for (let i = 0; i < n; i++) out[i] = validAt(data, i) ? items.slice(i * s, i * s + s) : null;
      return out;
    }
    case 'struct': {
      const fields = dtype.fields!.map((f, k) => logicalData(data.children[k]!, f.dtype));
      for (let i = 0; i < n; i++) out[i] = validAt(data, i) ? fields.map((v) => v[i]) : null;
      return out;
    }
    case 'union': {
      const fields = dtype.fields!.map((f, k) => logicalData(data.children[k]!, f.dtype));
      const ids = data.typeIds as Int8Array;
      const offs = data.valueOffsets as Int32Array | undefined;
      for (let i = 0; i < n; i++) {
        const k = dtype.typeIds!.indexOf(ids[i]!);
        out[i] = fields[k]![dtype.mode === 'dense' ? offs![i]! : i];
      }
      return out;
    }
    case 'int64':
    case 'uint64':
    case 'duration': {
      // Exact whichever way the dtype reads them.
      const v = data.values as BigInt64Array;
      for (let i = 0; i < n; i++) out[i] = validAt(data, i) ? String(v[i]) : null;
      return out;
    }
    default: {
      const read = nullableReader(data, dtype, 'x', 'plain');
      for (let i = 0; i < n; i++) out[i] = leaf(dtype, read(i));
      return out;
    }
  }
}
