import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import {
  bool, categorical, date, dtypeEquals, float32, float64, int16, int32, int64, int8, isDType, nullable, timestamp,
  uint16, uint32, uint64, uint8, utf8, SchemaError, InvalidArgumentError, UnknownOptionError,
} from '../../src/index.js';
import { dtypeShortName, withNullable } from '../../src/dtype/dtype.js';
import { fromArrowType, toArrowType } from '../../src/dtype/arrow.js';

const all = [bool(), int8(), int16(), int32(), int64(), int64('bigint'), uint8(), uint16(), uint32(), uint64(), float32(), float64(), utf8(), categorical(), date(), timestamp(), timestamp({ timezone: 'Europe/Oslo' })];

describe('dtypes', () => {
  it('are frozen descriptors with a kind and nullability', () => {
    for (const d of all) {
      expect(Object.isFrozen(d)).toBe(true);
      expect(d.nullable).toBe(false);
      expect(isDType(d)).toBe(true);
    }
    expect(isDType({ kind: 'int32', nullable: false })).toBe(false);
  });

  it('print their names, with ? when nullable', () => {
    expect(all.map(String)).toEqual([
      'bool', 'int8', 'int16', 'int32', 'int64', 'int64<bigint>', 'uint8', 'uint16', 'uint32', 'uint64',
      'float32', 'float64', 'utf8', 'categorical', 'date', 'timestamp[ms]', 'timestamp[ms, Europe/Oslo]',
    ]);
    expect(String(nullable(int32()))).toBe('int32?');
    expect(inspect(nullable(utf8()))).toBe('utf8?');
    expect(dtypeShortName(int32())).toBe('i32');
    expect(dtypeShortName(timestamp({ timezone: 'UTC' }))).toBe('datetime[ms, UTC]');
  });

  it('nullable keeps options and leaves the original untouched', () => {
    const t = timestamp({ timezone: 'UTC' });
    const n = nullable(t);
    expect(n.nullable).toBe(true);
    expect(n.timezone).toBe('UTC');
    expect(t.nullable).toBe(false);
    expect(withNullable(n, true)).toBe(n);
  });

  it('compare by kind and options', () => {
    expect(dtypeEquals(int32(), int32())).toBe(true);
    expect(dtypeEquals(int32(), nullable(int32()))).toBe(false);
    expect(dtypeEquals(int32(), nullable(int32()), { ignoreNullable: true })).toBe(true);
    expect(dtypeEquals(int64(), int64('bigint'))).toBe(false);
    expect(dtypeEquals(timestamp(), timestamp({ timezone: 'UTC' }))).toBe(false);
  });

  it('reject an unknown time zone', () => {
    expect(() => timestamp({ timezone: 'Mars/Olympus' })).toThrow(SchemaError);
    expect(() => timestamp({ timezone: 'Mars/Olympus' })).toThrow('Unknown time zone "Mars/Olympus"');
  });

  it('reject a misspelled 64-bit representation and timestamp options that are not its options object', () => {
    // @ts-expect-error: 'bignt' is not a representation
    expect(() => int64('bignt')).toThrow(InvalidArgumentError);
    // @ts-expect-error: 'bigint ' is not a representation
    expect(() => uint64('bigint ')).toThrow("uint64(repr): the representation is 'number' or 'bigint', got \"bigint \"");
    // @ts-expect-error: 'sec' is not a time unit
    expect(() => timestamp('sec')).toThrow(`timestamp(unit): the unit is 's', 'ms', 'us' or 'ns', got "sec"`);
    // @ts-expect-error: zone is not an option
    expect(() => timestamp({ zone: 'UTC' })).toThrow(UnknownOptionError);
  });

  it('map to Arrow types and back', () => {
    for (const d of all) {
      const back = fromArrowType('f', toArrowType(d), false);
      expect(back.kind).toBe(d.kind);
      expect(back.timezone ?? null).toBe(d.timezone ?? null);
    }
    expect(String(toArrowType(categorical()))).toBe('Dictionary<Uint8, Utf8>');
    expect(String(toArrowType(date()))).toBe('Date32<DAY>');
    expect(String(toArrowType(timestamp({ timezone: 'UTC' })))).toBe('Timestamp<MILLISECOND, UTC>');
  });
});
