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
import { IpcFormatError, UnsupportedTypeError, readIPCSync } from '../../../src/index.js';

function ipc(columns: Record<string, Vector>, format: 'file' | 'stream' = 'stream'): Uint8Array {
  return tableToIPC(new Table(columns), format);
}

function unsupported(bytes: Uint8Array): UnsupportedTypeError {
  try {
    readIPCSync(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(UnsupportedTypeError);
    return e as UnsupportedTypeError;
  }
  throw new Error('expected an UnsupportedTypeError');
}

describe('readIPCSync: Arrow types and colframe dtypes', () => {
  it('reads second timestamps exactly as milliseconds, keeping the time zone', () => {
    const v = vectorFromArray([0, 1_700_000_000_000, null], new TimestampSecond('UTC'));
    const df = readIPCSync(ipc({ t: v }));
    expect(String(df.schema.get('t'))).toBe('timestamp[ms, UTC]?');
    expect(df.getColumn('t').toArray()).toEqual([new Date(0), new Date(1_700_000_000_000), null]);
  });

  it('refuses micro- and nanosecond timestamps, naming the field and the unit, rather than rounding', () => {
    const us = unsupported(ipc({ when: vectorFromArray([1, 2], new TimestampMicrosecond()) }));
    expect(us.field).toBe('when');
    expect(us.message).toMatch(/Field "when" has Arrow type Timestamp<MICROSECOND>.*would round/);
    expect(unsupported(ipc({ ns: vectorFromArray([1], new TimestampNanosecond('UTC')) })).type).toBe('Timestamp<NANOSECOND, UTC>');
  });

  it('reads LargeUtf8 as utf8 (offsets narrowed to int32)', () => {
    const df = readIPCSync(ipc({ s: vectorFromArray(['a', null, 'ccc', ''], new LargeUtf8()) }));
    expect(String(df.schema.get('s'))).toBe('utf8?');
    expect(df.getColumn('s').toArray()).toEqual(['a', null, 'ccc', '']);
  });

  it('refuses Date64, Float16, lists and dictionaries of non-strings, naming each field', () => {
    expect(unsupported(ipc({ d: vectorFromArray([0], new DateMillisecond()) })).message).toMatch(/Field "d" has Arrow type Date64<MILLISECOND>/);
    expect(unsupported(ipc({ h: vectorFromArray([1], new Float16()) })).type).toBe('Float16');
    const list = vectorFromArray([[1], [2, 3]], new List(new ArrowField('item', new Int8())));
    expect(unsupported(ipc({ l: list })).type).toBe('List');
    const dict = vectorFromArray([1n, 2n], new Dictionary(new Int64(), new Int8()));
    expect(unsupported(ipc({ di: dict })).type).toBe('Dictionary<Int64, Int8>');
  });

  it('steps over unsupported fields left out with columns, reading the rest', () => {
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
