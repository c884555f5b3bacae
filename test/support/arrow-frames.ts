/**
 * Frames of any dtype built through apache-arrow (`DataFrame.fromArrow`): lists, structs, decimals
 * and instants of every unit. Values are given as JavaScript values; timestamps, durations and
 * decimals as their stored integers (bigint), so every digit is exact.
 */
import { Table, makeData, makeVector, vectorFromArray, type Data, type Vector } from 'apache-arrow';
import { DataFrame } from '../../src/frame/dataframe.js';
import { toArrowType } from '../../src/dtype/arrow.js';
import type { AnyDType } from '../../src/dtype/dtype.js';
import { bitmapBytes } from '../../src/util/bits.js';

/** One column: its dtype and its values (`null` for a null). */
export interface ArrowColumnSpec {
  readonly dtype: AnyDType;
  readonly values: readonly unknown[];
}

function validity(values: readonly unknown[]): { bits: Uint8Array | undefined; nulls: number } {
  const bits = new Uint8Array(bitmapBytes(values.length));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null) nulls++;
    else bits[i >> 3]! |= 1 << (i & 7);
  });
  return { bits: nulls > 0 ? bits : undefined, nulls };
}

/** The Arrow data of one column. */
export function arrowData(spec: ArrowColumnSpec): Data {
  const { dtype, values } = spec;
  const type = toArrowType(dtype);
  const { bits, nulls } = validity(values);
  if (dtype.kind === 'timestamp' || dtype.kind === 'duration') {
    const data = BigInt64Array.from(values, (v) => (v === null ? 0n : BigInt(v as bigint | number)));
    return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bits, data } as never);
  }
  if (dtype.kind === 'decimal') {
    const stride = dtype.bitWidth! / 32;
    const data = new Uint32Array(values.length * stride);
    values.forEach((v, i) => {
      let x = BigInt.asUintN(dtype.bitWidth!, v === null ? 0n : (v as bigint));
      for (let k = 0; k < stride; k++) {
        data[i * stride + k] = Number(x & 0xffffffffn);
        x >>= 32n;
      }
    });
    return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bits, data } as never);
  }
  if (dtype.kind === 'interval') {
    const stride = dtype.unit === 'yearMonth' ? 1 : dtype.unit === 'dayTime' ? 2 : 4;
    const data = new Int32Array(values.length * stride);
    values.forEach((v, i) => {
      if (v === null) return;
      const o = v as { months?: number; days?: number; milliseconds?: number; nanoseconds?: bigint };
      if (stride === 1) data[i] = o.months!;
      else if (stride === 2) data.set([o.days!, o.milliseconds!], 2 * i);
      else {
        const ns = BigInt.asUintN(64, o.nanoseconds!);
        data.set([o.months!, o.days!, Number(ns & 0xffffffffn) | 0, Number(ns >> 32n) | 0], 4 * i);
      }
    });
    return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bits, data } as never);
  }
  if (dtype.kind === 'list' || dtype.kind === 'largeList' || dtype.kind === 'fixedSizeList') {
    // Items built recursively (so nested instants and decimals are exact too).
    const flat: unknown[] = [];
    const offsets = new Float64Array(values.length + 1);
    values.forEach((v, i) => {
      const items = v === null ? (dtype.kind === 'fixedSizeList' ? new Array<unknown>(dtype.size!).fill(null) : []) : Array.from(v as ArrayLike<unknown>);
      flat.push(...items);
      offsets[i + 1] = flat.length;
    });
    const child = arrowData({ dtype: dtype.item!.dtype, values: flat });
    const valueOffsets = dtype.kind === 'list' ? Int32Array.from(offsets) : dtype.kind === 'largeList' ? BigInt64Array.from(offsets, (x) => BigInt(x)) : undefined;
    return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bits, valueOffsets, child } as never);
  }
  if (dtype.kind === 'struct') {
    const children = dtype.fields!.map((f) => arrowData({ dtype: f.dtype, values: values.map((v) => (v === null ? null : ((v as Record<string, unknown>)[f.name] ?? null))) }));
    return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bits, children } as never);
  }
  return (vectorFromArray(values as unknown[], type) as Vector).data[0]!;
}

/**
 * A frame of the given columns (each built by apache-arrow, then taken zero-copy).
 * @example
 * arrowFrame({ xs: { dtype: list(float64()), values: [[1, 2], null, []] } })
 */
export function arrowFrame(columns: Readonly<Record<string, ArrowColumnSpec>>): DataFrame {
  const vectors: Record<string, Vector> = {};
  for (const [name, spec] of Object.entries(columns)) vectors[name] = makeVector(arrowData(spec));
  return DataFrame.fromArrow(new Table(vectors));
}
