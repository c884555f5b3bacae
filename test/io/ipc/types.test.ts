import { describe, expect, it } from 'vitest';
import {
  DateMillisecond,
  Dictionary,
  Float16,
  Int64,
  Int8,
  LargeUtf8,
  List,
  Field as ArrowField,
  TimestampMicrosecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint32,
  Utf8,
  Table,
  type Vector,
  tableFromArrays,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { IpcFormatError, readIPCSync } from '../../../src/index.js';
import type { Instant } from '../../../src/dtype/values.js';

function ipc(columns: Record<string, Vector>, format: 'file' | 'stream' = 'stream'): Uint8Array {
  return tableToIPC(new Table(columns), format);
}

describe('readIPCSync: Arrow types and colframe dtypes', () => {
  it('reads second timestamps as timestamp[s], keeping the time zone', () => {
    const v = vectorFromArray([0, 1_700_000_000_000, null], new TimestampSecond('UTC'));
    const df = readIPCSync(ipc({ t: v }));
    expect(String(df.schema.get('t'))).toBe('timestamp[s, UTC]?');
    expect(df.getColumn('t').toArray()).toEqual([new Date(0), new Date(1_700_000_000_000), null]);
  });

  it('reads micro- and nanosecond timestamps exactly, as Instants of their unit', () => {
    const us = readIPCSync(ipc({ when: vectorFromArray([1, 2], new TimestampMicrosecond()) }));
    expect(String(us.schema.get('when'))).toBe('timestamp[us]?');
    const ns = readIPCSync(ipc({ ns: vectorFromArray([1], new TimestampNanosecond('UTC')) })).getColumn('ns').get(0) as Instant;
    expect([ns.epoch, ns.unit]).toEqual([1_000_000n, 'ns']);
  });

  it('reads LargeUtf8 as largeUtf8, its 64-bit offsets a view over the input', () => {
    const bytes = ipc({ s: vectorFromArray(['a', null, 'ccc', ''], new LargeUtf8()) });
    const df = readIPCSync(bytes);
    expect(String(df.schema.get('s'))).toBe('largeUtf8?');
    expect(df.getColumn('s').toArray()).toEqual(['a', null, 'ccc', '']);
    expect((df.getColumn('s').data.valueOffsets as unknown as BigInt64Array).buffer).toBe(bytes.buffer);
  });

  it('reads Date64 as a millisecond timestamp, Float16 as float16, lists, and dictionaries of non-strings decoded to their values', () => {
    const d64 = readIPCSync(ipc({ d: vectorFromArray([new Date(86_400_000), new Date(1_500)], new DateMillisecond()) }));
    expect([String(d64.schema.get('d')), d64.toRecords()]).toEqual(['timestamp[ms]?', [{ d: new Date(86_400_000) }, { d: new Date(1_500) }]]);
    const h = readIPCSync(ipc({ h: vectorFromArray([1.5, null], new Float16()) }));
    expect([String(h.schema.get('h')), h.getColumn('h').toArray()]).toEqual(['float16?', [1.5, null]]);
    const list = vectorFromArray([[1], [2, 3]], new List(new ArrowField('item', new Int8())));
    expect(readIPCSync(ipc({ l: list })).toRecords()).toEqual([{ l: Int8Array.of(1) }, { l: Int8Array.of(2, 3) }]);
    const dict = vectorFromArray([1n, 2n, 1n], new Dictionary(new Int64(), new Int8()));
    const di = readIPCSync(ipc({ di: dict }), { int64: 'bigint' });
    expect([String(di.schema.get('di')), di.getColumn('di').toArray()]).toEqual(['int64<bigint>?', [1n, 2n, 1n]]);
  });

  it('steps over fields left out with columns, reading the rest', () => {
    const bytes = ipc({ l: vectorFromArray([[1], [2, 3]], new List(new ArrowField('item', new Int8()))), x: vectorFromArray([5, 6], new Int8()) }, 'file');
    expect(readIPCSync(bytes, { columns: ['x'] }).toRecords()).toEqual([{ x: 5 }, { x: 6 }]);
  });

  it('reads uint32 dictionary indices as categorical', () => {
    const v = vectorFromArray(['a', 'b', 'a'], new Dictionary(new Utf8(), new Uint32()));
    expect(readIPCSync(ipc({ c: v })).getColumn('c').toArray()).toEqual(['a', 'b', 'a']);
  });

  it('reads 64-bit integers as checked numbers or as bigint', () => {
    const bytes = tableToIPC(tableFromArrays({ id: BigInt64Array.from([1n, 2n ** 60n]) }));
    const df = readIPCSync(bytes);
    expect(df.getColumn('id').get(0)).toBe(1);
    expect(() => df.getColumn('id').get(1)).toThrow(/does not fit a JavaScript number/);
    expect(readIPCSync(bytes, { int64: 'bigint' }).getColumn('id').get(1)).toBe(2n ** 60n);
  });

  it('rejects an IPC file whose footer is cut off', () => {
    const bytes = tableToIPC(tableFromArrays({ x: Int32Array.from([1, 2]) }), 'file');
    expect(() => readIPCSync(bytes.subarray(0, bytes.length - 3))).toThrow(IpcFormatError);
  });
});
