import { describe, expect, it } from 'vitest';
import { inferDType } from '../../src/core/infer.js';
import { SchemaError } from '../../src/index.js';

const infer = (values: unknown[]) => String(inferDType(values, 'c'));

describe('inferDType', () => {
  it('picks int32 for int32-range integers, float64 otherwise', () => {
    expect(infer([1, 2, -3])).toBe('int32');
    expect(infer([1, 2.5])).toBe('float64');
    expect(infer([2 ** 31])).toBe('float64');
    expect(infer([-0])).toBe('float64');
    expect(infer([NaN])).toBe('float64');
  });

  it('picks int64 for bigints, bool, utf8 and timestamp', () => {
    expect(infer([1n, 2])).toBe('int64');
    expect(infer([true])).toBe('bool');
    expect(infer(['a'])).toBe('utf8');
    expect(infer([new Date()])).toBe('timestamp[ms]');
  });

  it('makes a column nullable when null or undefined appear; all-null or empty is nullable utf8', () => {
    expect(infer([1, null])).toBe('int32?');
    expect(infer([undefined, 'x'])).toBe('utf8?');
    expect(infer([null, null])).toBe('utf8?');
    expect(infer([])).toBe('utf8?');
  });

  it('rejects mixed types and unsupported values, naming the rows', () => {
    expect(() => infer([1, 'a'])).toThrow('Column "c" mixes number (row 0) and string (row 1)');
    expect(() => infer([true, null, new Date()])).toThrow('Column "c" mixes boolean (row 0) and Date (row 2)');
    expect(() => infer([1n, 1.5])).toThrow(/mixes bigint and a number that is not a safe integer \(row 1\)/);
    expect(() => infer([{ a: 1 }])).toThrow(SchemaError);
    expect(() => infer([null, [1]])).toThrow('Column "c", row 1: an array is not a supported value');
    expect(() => infer([new Map()])).toThrow('Column "c", row 0: a Map is not a supported value');
  });
});
