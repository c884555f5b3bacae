import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, categorical, float64, int32, list, nullable, sharedAllocator, struct, union, utf8 } from '../../src/index.js';
import { makeBuilder } from '../../src/column/builders.js';
import { appendError, build, buffersIn } from '../support/build.js';

describe('struct builders', () => {
  const p = struct({ x: float64(), tag: nullable(utf8()) });

  it('take plain objects, row views and Maps; a missing nullable field is null', () => {
    const view = DataFrame.fromRecords([{ p: { x: 3, tag: 'v' } }], { schema: { p } }).row(0).p;
    const c = build(nullable(p), [{ x: 1, tag: 'a' }, { x: 2 }, view, new Map<string, unknown>([['x', 4]]), null]);
    expect(c.toArray().map((v) => (v === null ? null : (v as { toObject(): object }).toObject()))).toEqual([
      { x: 1, tag: 'a' },
      { x: 2, tag: null },
      { x: 3, tag: 'v' },
      { x: 4, tag: null },
      null,
    ]);
  });

  it('a null row puts a placeholder in every child, so children keep the struct\'s length', () => {
    const c = build(nullable(struct({ a: int32(), l: list(int32()), s: struct({ b: utf8() }) })), [null, { a: 1, l: [1], s: { b: 'x' } }, null]);
    expect(c.data.children.map((d) => d.length)).toEqual([3, 3, 3]);
    expect(c.data.children[1]!.valueOffsets).toEqual(new Int32Array([0, 0, 1, 1]));
    expect((c.get(1) as { toObject(): object }).toObject()).toEqual({ a: 1, l: new Int32Array([1]), s: { b: 'x' } });
    expect(c.nullCount).toBe(2);
  });

  it('refuse a key the struct does not declare, a missing non-nullable field and non-objects', () => {
    expect(appendError(p, { x: 1, z: 2 })).toBe('Column "c", row 0: an Object does not fit struct<x: float64, tag: utf8?>: has field "z", which the struct does not declare (x, tag)');
    expect(appendError(p, { tag: 'a' })).toBe('Column "c", row 0, field "x": undefined does not fit float64: the field is missing and not nullable (declare it with nullable(...))');
    expect(appendError(p, { x: null })).toBe('Column "c", row 0, field "x": null does not fit float64: the field is not nullable (declare it with nullable(...))');
    expect(appendError(p, [1, 'a'])).toMatch(/expected an object with the struct's fields/);
    expect(appendError(p, 'x')).toMatch(/expected an object/);
  });

  it('the struct\'s Arrow type names each child\'s own type: a categorical child keeps its index width', () => {
    const c = build(struct({ c: categorical(), l: list(categorical()) }), Array.from({ length: 300 }, (_, i) => ({ c: `v${i}`, l: [`w${i}`] })));
    expect(String(c.data.type)).toBe('Struct<{c:Dictionary<Uint16, Utf8>, l:List<Dictionary<Uint16, Utf8>>}>');
    expect(c.data.children[0]!.values).toBeInstanceOf(Uint16Array);
    expect((c.get(299) as { c: string }).c).toBe('v299');
  });

  it('a failed field undoes the fields already appended', () => {
    const b = makeBuilder(struct({ a: int32(), b: int32() }), 'c');
    expect(() => b.append({ a: 1, b: 'x' })).toThrow(/field "b"/);
    b.append({ a: 2, b: 3 });
    const d = b.finish();
    expect(d.children.map((k) => [...(k.values as Int32Array)])).toEqual([[2], [3]]);
  });

  it('put every buffer of every child in shared memory with the shared allocator', () => {
    const c = build(nullable(struct({ a: nullable(list(utf8())), u: union({ i: int32(), s: utf8() }, { mode: 'dense' }) })), [{ a: ['x'], u: 1 }, null, { a: null, u: 's' }], {
      allocator: sharedAllocator,
    });
    const bufs = buffersIn(c.data);
    expect(bufs.length).toBeGreaterThan(8);
    for (const b of bufs) expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('property: records of a struct column round-trip through toRecords and fromRecords', () => {
    const schema = { s: nullable(struct({ n: nullable(int32()), t: utf8(), xs: list(float64()) })) };
    const rec = fc.record({ n: fc.option(fc.integer(), { nil: null }), t: fc.string(), xs: fc.array(fc.double(), { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(fc.option(rec, { nil: null }), { maxLength: 40 }), (values) => {
        const df = DataFrame.fromRecords(
          values.map((s) => ({ s })),
          { schema },
        );
        const again = DataFrame.fromRecords(df.toRecords(), { schema });
        expect(again.toRecords()).toEqual(df.toRecords());
        expect(df.toRecords().map((r) => (r.s === null ? null : { ...r.s, xs: [...r.s.xs] }))).toEqual(values);
      }),
    );
  });
});

describe('union builders', () => {
  it('put each value in the first member that takes it; sparse members get placeholders', () => {
    const u = union({ i: int32(), f: float64(), s: nullable(utf8()) });
    const c = build(u, [1, 2.5, 'a', null, 2 ** 40]);
    expect(c.toArray()).toEqual([1, 2.5, 'a', null, 2 ** 40]);
    expect(c.data.typeIds).toEqual(new Int8Array([0, 1, 2, 2, 1]));
    expect(c.data.children.map((d) => d.length)).toEqual([5, 5, 5]);
  });

  it('dense unions record each value\'s offset in its member; custom type ids are kept', () => {
    const u = union({ i: int32(), s: utf8() }, { mode: 'dense', typeIds: [5, 9] });
    const c = build(u, ['a', 1, 'b', 2]);
    expect(c.toArray()).toEqual(['a', 1, 'b', 2]);
    expect(c.data.typeIds).toEqual(new Int8Array([9, 5, 9, 5]));
    expect(c.data.valueOffsets).toEqual(new Int32Array([0, 0, 1, 1]));
    expect(c.data.children.map((d) => d.length)).toEqual([2, 2]);
  });

  it('refuse a value no member takes, and a null without a nullable member', () => {
    expect(appendError(union({ i: int32(), s: utf8() }), 1.5)).toBe(
      'Column "c", row 0: 1.5 (number) does not fit sparseUnion<i=0: int32, s=1: utf8>: no member of the union takes it (expected an integer number)',
    );
    expect(appendError(union({ i: int32() }), null)).toMatch(/no member of the union is nullable/);
    expect(appendError(union({ l: list(int32()) }), [1, 'x'])).toMatch(/no member of the union takes it \(item 1: expected an integer number\)/);
  });

  it('a union nested in a null struct row holds a placeholder', () => {
    const c = build(nullable(struct({ u: union({ i: int32(), s: utf8() }, { mode: 'dense' }) })), [null, { u: 's' }]);
    expect(c.data.children[0]!.length).toBe(2);
    expect((c.get(1) as { u: unknown }).u).toBe('s');
  });
});
