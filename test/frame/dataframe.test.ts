import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import {
  Dictionary,
  Field as ArrowField,
  Int32,
  RecordBatch,
  Schema as ArrowSchema,
  Struct,
  Table,
  Utf8,
  makeData,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  Utf8View,
} from 'apache-arrow';
import {
  DataFrame,
  ColumnNotFoundError,
  DuplicateColumnError,
  IndexOutOfRangeError,
  Int64RangeError,
  InvalidArgumentError,
  InvalidValueError,
  SchemaError,
  ShapeError,
  bool,
  categorical,
  col,
  date,
  float64,
  int32,
  int64,
  nullable,
  timestamp,
  uint8,
  utf8,
} from '../../src/index.js';
import { caught } from '../support/frames.js';

const people = () =>
  DataFrame.fromColumns(
    { name: ['Ada', 'Linus', 'Grace'], age: [36, 54, 85], address: [null, 'Helsinki', 'Arlington'] },
    { schema: { name: utf8(), age: int32(), address: nullable(utf8()) } },
  );

describe('DataFrame.fromColumns', () => {
  it('builds a frame with the declared schema and shape', () => {
    const df = people();
    expect(df.shape).toEqual([3, 3]);
    expect(df.height).toBe(3);
    expect(df.width).toBe(3);
    expect(df.columns).toEqual(['name', 'age', 'address']);
    expect(df.schema.toString()).toBe('Schema { name: utf8, age: int32, address: utf8? }');
    expect(df.dtypes.map(String)).toEqual(['utf8', 'int32', 'utf8?']);
    expect(df.toRecords()).toEqual([
      { name: 'Ada', age: 36, address: null },
      { name: 'Linus', age: 54, address: 'Helsinki' },
      { name: 'Grace', age: 85, address: 'Arlington' },
    ]);
  });

  it('infers int32, float64, bool, utf8 and timestamp from arrays, nullable where nulls appear', () => {
    const df = DataFrame.fromColumns({
      i: [1, 2, -3],
      f: [1, 2.5, null],
      b: [true, false, true],
      s: ['a', 'b', 'c'],
      t: [new Date(0), new Date(1000), null],
    });
    expect(df.schema.toString()).toBe('Schema { i: int32, f: float64?, b: bool, s: utf8, t: timestamp[ms]? }');
  });

  it('uses a typed array as the values buffer without copying', () => {
    const xs = new Float64Array([1, 2, 3]);
    const df = DataFrame.fromColumns({ x: xs });
    const values = df.getColumn('x').data.values as Float64Array;
    expect(values.buffer).toBe(xs.buffer);
    expect(df.schema.get('x').kind).toBe('float64');
  });

  it('converts a typed array whose type differs from the declared dtype, checking each value', () => {
    const df = DataFrame.fromColumns({ x: new Float64Array([1, 2]) }, { schema: { x: int32() } });
    expect(df.getColumn('x').toArray()).toEqual([1, 2]);
    expect(() => DataFrame.fromColumns({ x: new Float64Array([1, 2.5]) }, { schema: { x: int32() } })).toThrow(
      /Column "x", row 1: 2.5 \(number\) does not fit int32/,
    );
  });

  it('rejects columns of different lengths with a ShapeError listing them', () => {
    const err = caught(() => DataFrame.fromColumns({ a: [1, 2, 3], b: [1, 2] }));
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as ShapeError).lengths).toEqual({ a: 3, b: 2 });
    expect(err.message).toBe('Columns have different lengths: a: 3, b: 2');
  });

  it('rejects a value that does not fit the declared dtype, naming value, column and row', () => {
    const err = caught(() => DataFrame.fromColumns({ age: [1, 'abc'] }, { schema: { age: int32() } }));
    expect(err).toBeInstanceOf(InvalidValueError);
    expect(err.message).toBe('Column "age", row 1: "abc" (string) does not fit int32: expected an integer number');
    expect(caught(() => DataFrame.fromColumns({ q: [1, 300] }, { schema: { q: uint8() } })).message).toBe(
      'Column "q", row 1: 300 (number) does not fit uint8: out of range 0 … 255',
    );
  });

  it('rejects nulls in a column declared not nullable', () => {
    expect(() => DataFrame.fromColumns({ a: [1, null] }, { schema: { a: int32() } })).toThrow(
      'Column "a", row 1: null does not fit int32: the column is not nullable (declare it with nullable(...))',
    );
  });

  it('rejects a schema that names columns the data lacks, or misses columns the data has', () => {
    expect(() => DataFrame.fromColumns({ a: [1] }, { schema: { a: int32(), b: int32() } } as never)).toThrow(
      'The schema and the columns disagree (missing from the data: b)',
    );
    expect(() => DataFrame.fromColumns({ a: [1], c: [2] }, { schema: { a: int32() } } as never)).toThrow(
      /not in the schema: c/,
    );
  });

  it('rejects mixed value types when inferring', () => {
    expect(() => DataFrame.fromColumns({ a: [1, 'x'] })).toThrow(SchemaError);
    expect(() => DataFrame.fromColumns({ a: [1, 'x'] })).toThrow('Column "a" mixes number (row 0) and string (row 1)');
  });

  it('rejects inputs that are not columns', () => {
    expect(() => DataFrame.fromColumns({ a: 5 } as never)).toThrow('Column "a": expected an array, a typed array, an Arrow Vector or a Column, got a number');
  });

  it('gives an empty frame for no columns', () => {
    const df = DataFrame.fromColumns({});
    expect(df.shape).toEqual([0, 0]);
    expect([...df]).toEqual([]);
  });
});

describe('DataFrame.fromRecords', () => {
  it('takes the union of keys in first-seen order, missing keys as null', () => {
    const df = DataFrame.fromRecords([{ a: 1 }, { b: 'x' }, { a: 3, b: 'y' }] as { a?: number; b?: string }[]);
    expect(df.columns).toEqual(['a', 'b']);
    expect(df.toRecords()).toEqual([
      { a: 1, b: null },
      { a: null, b: 'x' },
      { a: 3, b: 'y' },
    ]);
  });

  it('checks records against a declared schema and rejects undeclared fields', () => {
    const schema = { name: utf8(), age: int32() };
    expect(DataFrame.fromRecords([{ name: 'a', age: 1 }], { schema }).toRecords()).toEqual([{ name: 'a', age: 1 }]);
    expect(() => DataFrame.fromRecords([{ name: 'a', age: 1, extra: true }], { schema })).toThrow(
      'Row 0 has field "extra", which the schema does not declare (name, age)',
    );
    expect(() => DataFrame.fromRecords([{ name: 'a', age: 1 }, { name: 'b', age: 1.5 }], { schema })).toThrow(
      'Column "age", row 1: 1.5 (number) does not fit int32: expected an integer number',
    );
  });

  it('rejects rows that are not objects', () => {
    expect(() => DataFrame.fromRecords([{ a: 1 }, null as never])).toThrow('Row 1 is null, not a record object');
    expect(() => DataFrame.fromRecords([[1, 2]] as never)).toThrow('Row 0 is an array, not a record object');
  });

  it('reads row views back as records', () => {
    const df = people();
    expect(DataFrame.fromRecords(df.rows()).toRecords()).toEqual(df.toRecords());
  });

  it('accepts any iterable of records', () => {
    function* gen() {
      yield { x: 1 };
      yield { x: 2 };
    }
    expect(DataFrame.fromRecords(gen()).getColumn('x').toArray()).toEqual([1, 2]);
  });
});

describe('int64 columns', () => {
  const big = 2n ** 60n;

  it('store values exactly and read safe ones as numbers', () => {
    const df = DataFrame.fromColumns({ id: [1n, 2n] });
    expect(df.row(1).id).toBe(2);
  });

  it('throw Int64RangeError rather than round a value beyond 2^53', () => {
    const df = DataFrame.fromColumns({ id: [1n, big] });
    const err = caught(() => df.row(1).id);
    expect(err).toBeInstanceOf(Int64RangeError);
    expect(err.message).toMatch(/^Column "id", row 1: 1152921504606846976 does not fit a JavaScript number exactly/);
    expect(() => df.getColumn('id').get(1)).toThrow(Int64RangeError);
    expect(() => df.toRecords()).toThrow(Int64RangeError);
  });

  it('read as bigint when the frame, the dtype or the read asks for it', () => {
    expect(DataFrame.fromColumns({ id: [big] }, { int64: 'bigint' }).row(0).id).toBe(big);
    expect(DataFrame.fromColumns({ id: [big] }, { schema: { id: int64('bigint') } }).row(0).id).toBe(big);
    expect(DataFrame.fromColumns({ id: [big] }).toRecords({ int64: 'bigint' })).toEqual([{ id: big }]);
  });

  it('reject a number beyond 2^53 on input, which may already be rounded', () => {
    expect(() => DataFrame.fromColumns({ id: [2 ** 60] }, { schema: { id: int64() } })).toThrow(
      /may already be rounded; pass a bigint/,
    );
  });
});

describe('row views', () => {
  it('read typed values lazily from the columns', () => {
    const df = people();
    const r = df.row(1);
    expect(r.name).toBe('Linus');
    expect(r.age).toBe(54);
    expect(df.row(0).address).toBeNull();
    expect(df.row(-1).name).toBe('Grace');
  });

  it('serialize to the plain record with JSON.stringify and toObject', () => {
    const r = people().row(0);
    expect(JSON.stringify(r)).toBe('{"name":"Ada","age":36,"address":null}');
    expect(r.toObject()).toEqual({ name: 'Ada', age: 36, address: null });
  });

  it('print as the plain record', () => {
    expect(inspect(people().row(0))).toBe("{ name: 'Ada', age: 36, address: null }");
  });

  it('are read-only', () => {
    const r = people().row(0) as { age: number };
    expect(() => {
      r.age = 1;
    }).toThrow(TypeError);
    expect(r.age).toBe(36);
  });

  it('hold no own enumerable properties: spread gives an empty object, toObject() gives the record', () => {
    const r = people().row(0);
    expect(Object.keys(r)).toEqual([]);
  });

  it('come from one class per schema', () => {
    const a = people();
    const b = people();
    expect(Object.getPrototypeOf(a.row(0))).toBe(Object.getPrototypeOf(b.row(1)));
  });

  it('iterate with for...of, rows() and spread', () => {
    const df = people();
    const names: string[] = [];
    for (const r of df) names.push(r.name);
    expect(names).toEqual(['Ada', 'Linus', 'Grace']);
    expect([...df.rows()].map((r) => r.age)).toEqual([36, 54, 85]);
  });

  it('reject out-of-range and non-integer indices', () => {
    const df = people();
    const err = caught(() => df.row(3));
    expect(err).toBeInstanceOf(IndexOutOfRangeError);
    expect(err.message).toBe('Row 3 is out of range for a frame of height 3 (valid: -3 … 2)');
    expect(() => df.row(-4)).toThrow(IndexOutOfRangeError);
    expect(() => df.row(1.5)).toThrow(IndexOutOfRangeError);
    expect(() => DataFrame.fromColumns({}).row(0)).toThrow('Row 0 is out of range for a frame of height 0 (it is empty)');
  });

  it('handle column names that are not identifiers or that shadow methods', () => {
    const df = DataFrame.fromColumns({ 'a b': [1], 'x"y': [2], __proto__x: [3], toJSON: [4], constructor: [5] } as Record<string, number[]>);
    const r = df.row(0) as Record<string, unknown>;
    expect(r['a b']).toBe(1);
    expect(r['x"y']).toBe(2);
    expect(r['toJSON']).toBe(4);
    expect(r['constructor']).toBe(5);
    const p = DataFrame.fromRecords([JSON.parse('{"__proto__": 7, "ok": 1}') as Record<string, number>]);
    expect(p.columns).toEqual(['__proto__', 'ok']);
    const rec = p.toRecords()[0]!;
    expect(Object.getOwnPropertyDescriptor(rec, '__proto__')?.value).toBe(7);
    expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
  });

  it('read every dtype', () => {
    const df = DataFrame.fromColumns(
      {
        b: [true, null],
        c: ['x', null],
        d: [new Date('2024-02-29'), null],
        t: [new Date('2024-02-29T12:34:56.789Z'), null],
        f: [1.5, null],
      },
      { schema: { b: nullable(bool()), c: nullable(categorical()), d: nullable(date()), t: nullable(timestamp()), f: nullable(float64()) } },
    );
    expect(df.row(0)).toEqual(expect.anything());
    expect(df.toRecords()).toEqual([
      { b: true, c: 'x', d: new Date('2024-02-29'), t: new Date('2024-02-29T12:34:56.789Z'), f: 1.5 },
      { b: null, c: null, d: null, t: null, f: null },
    ]);
  });
});

describe('selection', () => {
  it('select keeps the named columns in the given order, sharing them', () => {
    const df = people();
    const s = df.select('age', 'name');
    expect(s.columns).toEqual(['age', 'name']);
    expect(s.getColumn('age')).toBe(df.getColumn('age'));
    expect(df.select(['name']).columns).toEqual(['name']);
  });

  it('select and drop name the missing column and suggest the closest', () => {
    const df = people();
    const err = caught(() => df.select('nmae' as never));
    expect(err).toBeInstanceOf(ColumnNotFoundError);
    expect(err.message).toBe('Column "nmae" not found. Did you mean "name"? Available: name, age, address');
    expect(() => df.drop('agee' as never)).toThrow('Column "agee" not found. Did you mean "age"?');
    expect(() => df.getColumn('zzz' as never)).toThrow('Column "zzz" not found. Available: name, age, address');
  });

  it('select rejects a name given twice', () => {
    expect(() => people().select('age', 'age')).toThrow(DuplicateColumnError);
  });

  it('drop removes the named columns', () => {
    expect(people().drop('age', 'address').columns).toEqual(['name']);
  });

  it('rename renames, allows swaps and rejects clashes', () => {
    const df = people();
    expect(df.rename({ age: 'years' }).columns).toEqual(['name', 'years']. concat(['address']));
    expect(df.rename({ age: 'name', name: 'age' }).toRecords()[0]).toEqual({ age: 'Ada', name: 36, address: null });
    expect(() => df.rename({ age: 'name' })).toThrow('Column "name" appears more than once after renaming');
    expect(() => df.rename({ agee: 'x' } as never)).toThrow(ColumnNotFoundError);
  });
});

describe('slicing', () => {
  const df = DataFrame.fromColumns({ i: Array.from({ length: 20 }, (_, k) => k), s: Array.from({ length: 20 }, (_, k) => (k % 3 === 0 ? null : `s${k}`)) });

  it('head and tail take the first and last rows, negative counts from the other end', () => {
    expect(df.head().getColumn('i').toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(df.head(2).getColumn('i').toArray()).toEqual([0, 1]);
    expect(df.tail(2).getColumn('i').toArray()).toEqual([18, 19]);
    expect(df.head(-18).getColumn('i').toArray()).toEqual([0, 1]);
    expect(df.tail(-18).getColumn('i').toArray()).toEqual([18, 19]);
    expect(df.head(100).height).toBe(20);
  });

  it('slice is zero-copy and clips like polars', () => {
    const s = df.slice(5, 3);
    expect(s.getColumn('i').toArray()).toEqual([5, 6, 7]);
    expect(s.getColumn('s').toArray()).toEqual(['s5', null, 's7']);
    expect((s.getColumn('i').data.values as Int32Array).buffer).toBe((df.getColumn('i').data.values as Int32Array).buffer);
    expect(df.slice(-3).getColumn('i').toArray()).toEqual([17, 18, 19]);
    expect(df.slice(18, 10).height).toBe(2);
    expect(df.slice(30).height).toBe(0);
    expect(() => df.slice(1.5)).toThrow(InvalidArgumentError);
    expect(() => df.slice(0, -1)).toThrow('slice(offset, length): length must be a non-negative integer, got -1');
    expect(() => df.head(1.5)).toThrow('head(n): n must be an integer, got 1.5');
    expect(() => df.tail(NaN)).toThrow(InvalidArgumentError);
  });

  it('row views of a slice read the slice', () => {
    const s = df.slice(3, 4);
    expect([...s].map((r) => r.s)).toEqual([null, 's4', 's5', null]);
    expect(s.slice(1, 2).toRecords()).toEqual([
      { i: 4, s: 's4' },
      { i: 5, s: 's5' },
    ]);
  });
});

describe('Arrow interop', () => {
  it('fromArrow uses the table buffers without copying', () => {
    const table = tableFromArrays({ x: new Float64Array([1, 2, 3]), s: ['a', 'b', 'c'] });
    const df = DataFrame.fromArrow(table);
    expect(df.getColumn('x').data.values.buffer).toBe(table.getChild('x')!.data[0]!.values.buffer);
    expect(df.toRecords()).toEqual([
      { x: 1, s: 'a' },
      { x: 2, s: 'b' },
      { x: 3, s: 'c' },
    ]);
  });

  it('toArrow shares the frame buffers and round-trips through IPC', () => {
    const df = people();
    const t = df.toArrow();
    expect(t.getChild('age')!.data[0]!.values.buffer).toBe(df.getColumn('age').data.values.buffer);
    expect(t.numRows).toBe(3);
    const back = DataFrame.fromArrow(tableFromIPC(tableToIPC(t)));
    expect(back.toRecords()).toEqual(df.toRecords());
    expect(back.schema.toString()).toBe(df.schema.toString());
  });

  it('round-trips categorical columns with their dictionary', () => {
    const df = DataFrame.fromColumns({ c: ['x', 'y', 'x', null] }, { schema: { c: nullable(categorical()) } });
    const t = df.toArrow();
    expect(String(t.schema.fields[0]!.type)).toBe('Dictionary<Uint8, Utf8>');
    expect(DataFrame.fromArrow(tableFromIPC(tableToIPC(t))).getColumn('c').toArray()).toEqual(['x', 'y', 'x', null]);
  });

  it('combines several record batches into one chunk per column', () => {
    const a = tableFromArrays({ x: new Int32Array([1, 2]) });
    const b = tableFromArrays({ x: new Int32Array([3]) });
    const t = new Table([...a.batches, ...b.batches]);
    expect(DataFrame.fromArrow(t).getColumn('x').toArray()).toEqual([1, 2, 3]);
  });

  it('reads dictionaries with signed indices written by other tools', () => {
    const v = vectorFromArray(['a', 'b', 'a'], new Dictionary(new Utf8(), new Int32()));
    const df = DataFrame.fromColumns({ v });
    expect(df.schema.get('v').kind).toBe('categorical');
    expect(df.getColumn('v').toArray()).toEqual(['a', 'b', 'a']);
  });

  it('holds an Arrow list column without a copy', () => {
    const t = tableFromArrays({ ok: new Int32Array([1]) });
    const l = vectorFromArray([[1, 2]]);
    const df = DataFrame.fromArrow(new Table({ ok: t.getChild('ok')!, l }));
    expect(String(df.schema.get('l'))).toBe('list<float64?>?');
    expect(df.getColumn('l').data).toBe(l.data[0]);
    expect(df.row(0).l).toEqual(new Float64Array([1, 2]));
  });

  it('rejects Arrow types it does not hold, naming the field', () => {
    const t = tableFromArrays({ ok: new Int32Array([1]) });
    const v = vectorFromArray(['a'], new Utf8View());
    expect(() => DataFrame.fromArrow(new Table({ ok: t.getChild('ok')!, v }))).toThrow(/Field "v" has Arrow type Utf8View/);
  });

  it('rejects an Arrow table with two fields of one name', () => {
    const x = tableFromArrays({ x: new Int32Array([1]) });
    const f = x.schema.fields[0]!;
    const schema = new ArrowSchema([f, f]);
    const data = makeData({ type: new Struct(schema.fields), length: 1, nullCount: 0, children: [x.getChild('x')!.data[0]!, x.getChild('x')!.data[0]!] });
    const t = new Table(schema, [new RecordBatch(schema, data)]);
    expect(() => DataFrame.fromArrow(t)).toThrow(DuplicateColumnError);
    expect(() => DataFrame.fromArrow(t)).toThrow('Column "x" appears more than once in the Arrow table');
  });

  it('rejects nulls in an Arrow field declared not nullable', () => {
    const v = vectorFromArray([1, null], new Int32());
    const schema = new ArrowSchema([new ArrowField('a', new Int32(), false)]);
    const data = makeData({ type: new Struct(schema.fields), length: 2, nullCount: 0, children: [v.data[0]!] });
    const t = new Table(schema, [new RecordBatch(schema, data)]);
    expect(() => DataFrame.fromArrow(t)).toThrow('Column "a" holds 1 null but the schema declares it not nullable; use nullable(int32)');
  });

  it('rejects something that is not a Table', () => {
    expect(() => DataFrame.fromArrow({} as never)).toThrow('fromArrow expects an apache-arrow Table, got an Object');
  });
});

describe('immutability', () => {
  it('frames and columns are frozen', () => {
    const df = people();
    expect(Object.isFrozen(df)).toBe(true);
    expect(Object.isFrozen(df.getColumn('age'))).toBe(true);
    expect(() => {
      (df as unknown as { height: number }).height = 5;
    }).toThrow(TypeError);
  });
});

describe('printing', () => {
  it('console.log shows the box table', () => {
    expect(inspect(people())).toBe(people().toString());
    expect(people().toString()).toContain('shape: (3, 3)');
  });

  it('a describe() result prints every statistic, though it has more rows than the default 10', () => {
    const d = DataFrame.fromColumns({ n: [1, 2, 3, 4], s: ['a', 'b', 'a', null] }).describe();
    const stats = ['count', 'null_count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max', 'unique', 'top'];
    expect(d.height).toBeGreaterThan(10);
    for (const text of [inspect(d), d.toString(), d.toMarkdown(), d.toHTML()]) {
      for (const stat of stats) expect(text).toContain(stat);
      expect(text).not.toMatch(/[│|>] …/);
    }
    expect(inspect(d).split('\n')).toHaveLength(7 + stats.length);
  });

  it('a describe() result still honours an explicit maxRows, and frames derived from it print as any other', () => {
    const d = DataFrame.fromColumns({ n: [1, 2, 3, 4] }).describe();
    expect(d.toString({ maxRows: 4 })).toContain('│ …');
    const copy = d.withColumns({ twice: col('n').mul(2) });
    expect(copy.height).toBe(d.height);
    expect(copy.toString()).toContain('│ …');
  });
});

describe('allocation', () => {
  it('puts new column buffers in shared memory when asked', async () => {
    const { sharedAllocator } = await import('../../src/index.js');
    const df = DataFrame.fromColumns({ x: [1, 2], s: ['a', null] }, { allocator: sharedAllocator });
    expect(df.getColumn('x').data.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(df.getColumn('s').data.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(df.getColumn('s').data.nullBitmap!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(df.toRecords()).toEqual([
      { x: 1, s: 'a' },
      { x: 2, s: null },
    ]);
  });
});
