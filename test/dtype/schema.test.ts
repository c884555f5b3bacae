import { describe, expect, it } from 'vitest';
import { ColumnNotFoundError, DuplicateColumnError, Schema, SchemaError, int32, nullable, utf8 } from '../../src/index.js';

describe('Schema', () => {
  const s = Schema.from({ name: utf8(), age: int32(), address: nullable(utf8()) });

  it('keeps names and dtypes in order', () => {
    expect(s.names).toEqual(['name', 'age', 'address']);
    expect(s.length).toBe(3);
    expect(s.indexOf('age')).toBe(1);
    expect(s.get('address')).toEqual(nullable(utf8()));
    expect([...s].map(([n, d]) => `${n}:${String(d)}`)).toEqual(['name:utf8', 'age:int32', 'address:utf8?']);
    expect(s.toString()).toBe('Schema { name: utf8, age: int32, address: utf8? }');
  });

  it('quotes names that are not identifiers when printed', () => {
    expect(Schema.from({ 'a b': int32() }).toString()).toBe('Schema { "a b": int32 }');
  });

  it('get names the missing column and suggests the closest', () => {
    expect(() => s.get('adress' as never)).toThrow(ColumnNotFoundError);
    expect(() => s.get('adress' as never)).toThrow('Did you mean "address"?');
  });

  it('rejects duplicate names and values that are not dtypes', () => {
    expect(() => new Schema([{ name: 'a', dtype: int32() }, { name: 'a', dtype: utf8() }])).toThrow(DuplicateColumnError);
    expect(() => Schema.from({ a: 'int32' } as never)).toThrow(SchemaError);
    expect(() => Schema.from({ a: 'int32' } as never)).toThrow(`Column "a": 'int32' is not a dtype`);
  });

  it('compares names, order and dtypes', () => {
    expect(s.equals(Schema.from({ name: utf8(), age: int32(), address: nullable(utf8()) }))).toBe(true);
    expect(s.equals(Schema.from({ age: int32(), name: utf8(), address: nullable(utf8()) }))).toBe(false);
    expect(s.equals(Schema.from({ name: utf8(), age: int32(), address: utf8() }))).toBe(false);
    expect(s.equals(Schema.from({ name: utf8(), age: int32(), address: utf8() }), { ignoreNullable: true })).toBe(true);
  });
});
