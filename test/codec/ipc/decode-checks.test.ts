/**
 * Hand-built record batches of the nested and converted layouts: valid ones read to the right
 * values (run-end encoded, list views, Utf8View, Date64), and each one broken in one place is
 * refused with an IpcFormatError naming the field, row and byte.
 */
import { describe, expect, it } from 'vitest';
import { IpcFormatError, decimal, fixedSizeList, int32, int64, list, readIPCSync, struct, union, utf8, type AnyDType } from '../../../src/index.js';
import { recordBatchMessage, type FieldSpec } from '../../../src/codec/ipc/encode.js';
import { TypeTag } from '../../../src/codec/ipc/constants.js';
import { concat } from '../../support/bytes.js';
import { EOS, batch, body, frame, schema } from '../../support/ipc-messages.js';
import { logicalData } from '../../support/logical.js';

const i32 = (...v: number[]): Int32Array => Int32Array.from(v);
const spec = (name: string, dtype: AnyDType, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, dtype, ...extra });

function stream(fields: FieldSpec[], length: number, nodes: [number, number][], b: ReturnType<typeof body>, variadicCounts?: number[]): Uint8Array {
  const rb =
    variadicCounts === undefined
      ? batch(length, nodes, b)
      : frame(recordBatchMessage({ length, nodes, buffers: b.buffers, variadicCounts }, b.body.length), b.body);
  return concat(schema(fields), rb, EOS);
}

function values(bytes: Uint8Array, name: string): unknown[] {
  const c = readIPCSync(bytes, { int64: 'bigint' }).getColumn(name);
  return logicalData(c.data, c.dtype);
}

function expectIpcError(bytes: Uint8Array, pattern: RegExp, field?: string): IpcFormatError {
  let err: unknown;
  try {
    readIPCSync(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(IpcFormatError);
  expect((err as Error).message).toMatch(pattern);
  if (field !== undefined) expect((err as IpcFormatError).field).toBe(field);
  return err as IpcFormatError;
}

const ree = (name: string): FieldSpec =>
  spec(name, int32(), { arrowType: { tag: TypeTag.RunEndEncoded }, children: [spec('run_ends', int32()), spec('values', int32())] });
const listView = (name: string): FieldSpec => spec(name, list(int32()), { arrowType: { tag: TypeTag.ListView }, children: [spec('item', int32())] });

describe('reading converted layouts', () => {
  it('expands run-end encoded values to one value a row', () => {
    const bytes = stream([ree('r')], 5, [[5, 0], [2, 0], [2, 0]], body(null, i32(2, 5), null, i32(7, 9)));
    expect(values(bytes, 'r')).toEqual([7, 7, 9, 9, 9]);
  });

  it('reads list views in order (child kept) and out of order (child gathered)', () => {
    const inOrder = stream([listView('l')], 3, [[3, 0], [4, 0]], body(null, i32(0, 1, 1), i32(1, 0, 3), null, i32(1, 2, 3, 4)));
    expect(values(inOrder, 'l')).toEqual([[1], [], [2, 3, 4]]);
    const shuffled = stream([listView('l')], 3, [[3, 0], [4, 0]], body(null, i32(2, 0, 0), i32(2, 1, 4), null, i32(1, 2, 3, 4)));
    expect(values(shuffled, 'l')).toEqual([[3, 4], [1], [1, 2, 3, 4]]);
  });

  it('reads Utf8View values inline and in data buffers as utf8', () => {
    const views = new Int32Array(8);
    views.set([2, 0x6968, 0, 0]); // "hi" inline
    views.set([13, 0, 0, 0], 4); // 13 bytes in buffer 0 at offset 0
    const data = new TextEncoder().encode('thirteen char');
    const bytes = stream([spec('s', utf8(), { arrowType: { tag: TypeTag.Utf8View } })], 2, [[2, 0]], body(null, views, data), [1]);
    const df = readIPCSync(bytes);
    expect([String(df.schema.get('s')), df.getColumn('s').toArray()]).toEqual(['utf8', ['hi', 'thirteen char']]);
  });

  it('reads Date64 as a millisecond timestamp, a time of day included, without a copy', () => {
    const ms = BigInt64Array.of(0n, 86_400_000n * 3n + 1n);
    const bytes = stream([spec('d', int64(), { arrowType: { tag: TypeTag.Date, unit: 1 } })], 2, [[2, 0]], body(null, ms));
    const df = readIPCSync(bytes);
    expect([String(df.schema.get('d')), df.getColumn('d').toArray()]).toEqual(['timestamp[ms]', [new Date(0), new Date(3 * 86_400_000 + 1)]]);
    expect((df.getColumn('d').data.values as BigInt64Array).buffer).toBe(bytes.buffer);
  });
});

describe('refusing broken nested and converted layouts', () => {
  it('list offsets outside the child, or going backwards', () => {
    const l = [spec('l', list(int32()))];
    expectIpcError(stream(l, 2, [[2, 0], [3, 0]], body(null, i32(0, 1, 5), null, i32(1, 2, 3))), /offsets run from 0 to 5, outside the 3 values of child "item"/, 'l');
    expectIpcError(stream(l, 2, [[2, 0], [3, 0]], body(null, i32(0, 3, 1), null, i32(1, 2, 3))), /offsets go backwards at row 1 \(3 then 1\)/, 'l');
  });

  it('a struct child shorter than the struct, a fixed-size list child too short', () => {
    expectIpcError(stream([spec('s', struct({ a: int32() }))], 3, [[3, 0], [2, 0]], body(null, null, i32(1, 2))), /struct child "a" has 2 rows, fewer than the struct's 3/, 's');
    expectIpcError(
      stream([spec('f', fixedSizeList(int32(), 2))], 2, [[2, 0], [3, 0]], body(null, null, i32(1, 2, 3))),
      /fixed-size list child has 3 values, fewer than the 2 × 2/,
      'f',
    );
  });

  it('a union type id that is not declared, a dense union offset outside its child', () => {
    const sparse = [spec('u', union({ i: int32() }, { typeIds: [4] }))];
    const e = expectIpcError(stream(sparse, 2, [[2, 0], [2, 0]], body(Int8Array.of(4, 9), null, i32(1, 2))), /row 1: union type id 9 is not one of the declared 4/, 'u');
    expect(e.byte).toBeGreaterThan(0);
    const dense = [spec('u', union({ i: int32() }, { mode: 'dense' }))];
    expectIpcError(stream(dense, 2, [[2, 0], [1, 0]], body(Int8Array.of(0, 0), i32(0, 1), null, i32(5))), /row 1: dense union offset 1 is outside child "i" of 1 values/, 'u');
  });

  it('run ends that do not increase strictly, or do not cover the length', () => {
    expectIpcError(stream([ree('r')], 4, [[4, 0], [2, 0], [2, 0]], body(null, i32(3, 3), null, i32(7, 9))), /run end 1 is 3, not above the previous 3/, 'r');
    expectIpcError(stream([ree('r')], 4, [[4, 0], [2, 0], [2, 0]], body(null, i32(0, 2), null, i32(7, 9))), /run end 0 is 0/, 'r');
    expectIpcError(stream([ree('r')], 5, [[5, 0], [2, 0], [2, 0]], body(null, i32(1, 3), null, i32(7, 9))), /run ends cover 3 rows, fewer than the field's 5/, 'r');
  });

  it('a list view whose offset plus size runs past the child', () => {
    expectIpcError(stream([listView('l')], 2, [[2, 0], [3, 0]], body(null, i32(0, 2), i32(1, 2), null, i32(1, 2, 3))), /row 1: list view offset 2 \+ size 2 is outside the child's 3 values/, 'l');
  });

  it('a decimal whose digits overflow its precision (checked with checkValues), naming the row', () => {
    const words = new Uint32Array(8);
    words[4] = 12345; // row 1: 123.45 in decimal(3, 2)
    const bytes = stream([spec('d', decimal(3, 2))], 2, [[2, 0]], body(null, words));
    expectIpcError(bytes, /row 1: decimal value 12345 \(unscaled\) has more than the 3 digits of its precision/, 'd');
    expect(readIPCSync(bytes, { checkValues: false }).getColumn('d').get(1)!.toString()).toBe('123.45');
  });

  it('decimals of every width: ±(10^p − 1) read, ±10^p refused, also past 64 bits', () => {
    const words = (v: bigint, width: number): Uint32Array => {
      const out = new Uint32Array(width / 32);
      let x = BigInt.asUintN(width, v);
      for (let k = 0; k < out.length; k++, x >>= 32n) out[k] = Number(x & 0xffffffffn);
      return out;
    };
    for (const [width, p] of [[32, 9], [64, 18], [64, 3], [128, 38], [128, 19], [256, 76], [256, 40]] as const) {
      const d = decimal(p, 0, { bitWidth: width });
      const read = (v: bigint): unknown => readIPCSync(stream([spec('d', d)], 1, [[1, 0]], body(null, words(v, width)))).getColumn('d').get(0)!.toString();
      const limit = 10n ** BigInt(p);
      expect([read(limit - 1n), read(1n - limit)]).toEqual([String(limit - 1n), String(1n - limit)]);
      for (const bad of [limit, -limit]) {
        expect(() => read(bad), `${width}-bit, precision ${p}, ${bad}`).toThrow(/has more than the \d+ digits of its precision/);
      }
    }
  });

  it('a view pointing at a data buffer that does not exist, or past the end of one', () => {
    const s = [spec('s', utf8(), { arrowType: { tag: TypeTag.Utf8View } })];
    const views = i32(13, 0, 1, 0);
    expectIpcError(stream(s, 1, [[1, 0]], body(null, views, new Uint8Array(13)), [1]), /row 0: view buffer index 1 is not one of the 1 data buffers/, 's');
    expectIpcError(stream(s, 1, [[1, 0]], body(null, i32(13, 0, 0, 4), new Uint8Array(13)), [1]), /row 0: view bytes 4 … 17 run past data buffer 0 of 13 bytes/, 's');
  });
});
