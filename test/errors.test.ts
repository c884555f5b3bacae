import { describe, expect, it } from 'vitest';
import {
  ColframeError,
  ColumnNotFoundError,
  DuplicateColumnError,
  IndexOutOfRangeError,
  Int64RangeError,
  InvalidArgumentError,
  InvalidValueError,
  SchemaError,
  ShapeError,
  UnsupportedTypeError,
  TaskCancelledError,
} from '../src/index.js';
import { describeValue } from '../src/errors.js';

describe('errors', () => {
  it('every error is a ColframeError with a literal code and its class name', () => {
    const errs: [ColframeError, string][] = [
      [new ColumnNotFoundError('a', ['b']), 'COLUMN_NOT_FOUND'],
      [new SchemaError('bad'), 'SCHEMA'],
      [new ShapeError('bad', { a: 1 }), 'SHAPE'],
      [new DuplicateColumnError('a'), 'DUPLICATE_COLUMN'],
      [new Int64RangeError(2n ** 60n, 'id', 3), 'INT64_RANGE'],
      [new InvalidValueError('x', 'age', 2, 'int32', 'expected an integer number'), 'INVALID_VALUE'],
      [new IndexOutOfRangeError(5, 3), 'INDEX_OUT_OF_RANGE'],
      [new UnsupportedTypeError('l', 'List<Int32>'), 'UNSUPPORTED_TYPE'],
      [new InvalidArgumentError('bad', 1.5), 'INVALID_ARGUMENT'],
      [new TaskCancelledError('late', 'timeout'), 'TASK_CANCELLED'],
    ];
    for (const [e, code] of errs) {
      expect(e).toBeInstanceOf(ColframeError);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.name).toBe(e.constructor.name);
      expect(e.stack).toContain(e.constructor.name);
    }
  });

  it('ColumnNotFoundError suggests the closest name: typos, swapped letters, case', () => {
    expect(new ColumnNotFoundError('pric', ['price', 'qty']).message).toBe(
      'Column "pric" not found. Did you mean "price"? Available: price, qty',
    );
    expect(new ColumnNotFoundError('nmae', ['name', 'age']).suggestion).toBe('name');
    expect(new ColumnNotFoundError('PRICE', ['price']).suggestion).toBe('price');
    expect(new ColumnNotFoundError('zzz', ['price', 'qty']).suggestion).toBeUndefined();
    expect(new ColumnNotFoundError('a', []).message).toBe('Column "a" not found. Available: (the frame has no columns)');
  });

  it('ColumnNotFoundError cuts a long list of names', () => {
    const names = Array.from({ length: 30 }, (_, i) => `c${i}`);
    expect(new ColumnNotFoundError('zzz', names).message).toMatch(/c19, … \(10 more\)$/);
  });

  it('Int64RangeError names the value, column and row and says how to read bigint', () => {
    const e = new Int64RangeError(-(2n ** 62n), 'id', 7);
    expect(e.message).toMatch(/^Column "id", row 7: -4611686018427387904 does not fit a JavaScript number exactly; read it as bigint/);
    expect(e.value).toBe(-(2n ** 62n));
  });

  it('describeValue quotes strings, cuts long ones and names types', () => {
    expect(describeValue('abc')).toBe('"abc" (string)');
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…" (string)`);
    expect(describeValue(3n)).toBe('3n (bigint)');
    expect(describeValue(new Date(0))).toBe('Date(1970-01-01T00:00:00.000Z)');
    expect(describeValue(new Date(NaN))).toBe('Date(Invalid Date)');
    expect(describeValue([1])).toBe('an Array');
    expect(describeValue(new Map())).toBe('a Map');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
  });
});
