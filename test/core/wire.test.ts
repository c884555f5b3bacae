import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Float64, List, Table, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { DataFrame, FrameDetachedError, SharedFrameError, bool, categorical, date, float64, int32, int64, nullable, struct, timestamp, utf8, sharedAllocator, readIPC, readIPCSync } from '../../src/index.js';
import type { ColumnPart } from '../../src/core/wire.js';
import { jsonRows, nestedFrame, readInWorker } from '../support/nested-frames.js';
import { nestedFrameArb } from '../support/nested-arbitraries.js';
import type { TransferPacket } from '../../src/index.js';

/** Posts a packet to a worker that sends it straight back (moving the buffers both ways). */
function echo(packet: TransferPacket, transferList: ArrayBuffer[]): Promise<TransferPacket> {
  const w = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.once('message', (p) => {
       const list = new Set();
       for (const c of p.columns) for (const b of [c, c.dict]) if (b) for (const v of [b.values, b.offsets, b.validity]) if (v && v.buffer instanceof ArrayBuffer) list.add(v.buffer);
       parentPort.postMessage(p, [...list]);
     });`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    w.once('message', (m: TransferPacket) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
    w.postMessage(packet, transferList);
  });
}

function mixed(n: number): DataFrame {
  return DataFrame.fromColumns(
    {
      i: Array.from({ length: n }, (_, k) => (k % 5 === 0 ? null : k - 3)),
      f: Array.from({ length: n }, (_, k) => k / 3),
      b: Array.from({ length: n }, (_, k) => (k % 7 === 0 ? null : k % 2 === 0)),
      s: Array.from({ length: n }, (_, k) => (k % 4 === 0 ? null : `s${k}é`)),
      c: Array.from({ length: n }, (_, k) => ['a', 'b', null, 'c'][k % 4]!),
      big: Array.from({ length: n }, (_, k) => BigInt(k) * 10n ** 15n),
      d: Array.from({ length: n }, (_, k) => new Date(Date.UTC(2020, 0, 1 + k))),
      t: Array.from({ length: n }, (_, k) => new Date(Date.UTC(2020, 0, 1, 0, 0, k))),
    },
    {
      schema: {
        i: nullable(int32()),
        f: float64(),
        b: nullable(bool()),
        s: nullable(utf8()),
        c: nullable(categorical()),
        big: int64('bigint'),
        d: date(),
        t: timestamp({ timezone: 'UTC' }),
      },
    },
  );
}

describe('df.transfer', () => {
  it('moves a frame to another thread and back with every dtype, nulls and slices intact', async () => {
    for (const src of [mixed(50), mixed(50).slice(3, 29), mixed(0)]) {
      const want = src.toRecords({ int64: 'bigint' });
      const dtypes = src.dtypes.map(String);
      const { packet, transferList } = src.transfer();
      const back = DataFrame.fromTransferred(await echo(packet, transferList));
      expect(back.dtypes.map(String)).toEqual(dtypes);
      expect(back.toRecords({ int64: 'bigint' })).toEqual(want);
    }
  });

  it('lists each buffer once when several columns are views into one buffer', async () => {
    // readIPC of a file reads it into one buffer the frame owns, and every column is a view into it.
    const dir = mkdtempSync(join(tmpdir(), 'colframe-wire-'));
    try {
      const file = join(dir, 'two.arrow');
      writeFileSync(file, DataFrame.fromColumns({ a: [1, 2, 3, 4], b: [5, 6, 7, 8] }).toIPC());
      const df = await readIPC(file);
      const buf = (df.getColumn('a').data.values as Float64Array).buffer;
      expect((df.getColumn('b').data.values as Float64Array).buffer).toBe(buf);
      const { transferList } = df.transfer();
      expect(transferList).toEqual([buf]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies buffers that are views over the caller\'s memory instead of moving them', async () => {
    const bytes = mixed(20).toIPC({ format: 'stream' });
    const length = bytes.length;
    const fromBytes = readIPCSync(bytes);
    const want = fromBytes.toRecords({ int64: 'bigint' });
    const { packet, transferList } = fromBytes.transfer();
    expect(transferList).not.toContain(bytes.buffer);
    const back = DataFrame.fromTransferred(await echo(packet, transferList));
    expect(back.toRecords({ int64: 'bigint' })).toEqual(want);
    expect(bytes.length).toBe(length); // the caller's array is intact …
    expect(readIPCSync(bytes).toRecords({ int64: 'bigint' })).toEqual(want); // … and still reads
    expect(fromBytes.toRecords({ int64: 'bigint' })).toEqual(want); // nothing of the frame moved

    const x = new Float64Array([1, 2, 3]);
    const t = DataFrame.fromColumns({ x }).transfer();
    structuredClone(t.packet, { transfer: t.transferList });
    expect([...x]).toEqual([1, 2, 3]);

    const table = tableFromArrays({ n: Int32Array.from([4, 5]) });
    const a = DataFrame.fromArrow(table).transfer();
    structuredClone(a.packet, { transfer: a.transferList });
    expect(table.getChild('n')!.toArray()).toEqual(Int32Array.from([4, 5]));
  });

  it('leaves shared buffers out of the transfer list: they are shared, not moved', () => {
    const df = DataFrame.fromColumns({ a: [1, 2, 3] }, { allocator: sharedAllocator });
    const { transferList } = df.transfer();
    expect(transferList).toEqual([]);
    expect(df.getColumn('a').toArray()).toEqual([1, 2, 3]);
  });

  it('makes the sender frame, frames sharing its buffers and its columns fail clearly', async () => {
    const df = mixed(10);
    const sub = df.select('s', 'f');
    const column = df.getColumn('f');
    const { packet, transferList } = df.transfer();
    await echo(packet, transferList);
    expect(() => df.height).toThrow(FrameDetachedError);
    expect(() => df.toRecords()).toThrow(/transferred to another thread \(column "i"\)/);
    expect(() => sub.getColumn('s').get(0)).toThrow(FrameDetachedError);
    expect(() => sub.filter(() => true)).toThrow(FrameDetachedError);
    expect(() => column.get(0)).toThrow(FrameDetachedError);
    expect(() => [...column]).toThrow(FrameDetachedError);
  });

  it('detects buffers detached by someone else’s transfer too', () => {
    const buf = new ArrayBuffer(24);
    const df = DataFrame.fromColumns({ a: new Float64Array(buf) });
    structuredClone(buf, { transfer: [buf] });
    expect(() => df.toRecords()).toThrow(FrameDetachedError);
  });

  it('round-trips random frames (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.option(fc.integer(), { nil: null }), fc.option(fc.string(), { nil: null })), { maxLength: 40 }), fc.nat(40), async (rows, cut) => {
        const df = DataFrame.fromColumns(
          { n: rows.map((r) => r[0]), s: rows.map((r) => r[1]) },
          { schema: { n: nullable(float64()), s: nullable(utf8()) } },
        ).slice(Math.min(cut, rows.length));
        const want = df.toRecords();
        const { packet, transferList } = df.transfer();
        expect(DataFrame.fromTransferred(await echo(packet, transferList)).toRecords()).toEqual(want);
      }),
      { numRuns: 25 },
    );
  });
});

describe('DataFrame.fromTransferred', () => {
  const good = (): TransferPacket => mixed(4).transfer().packet;

  it('rejects anything that is not a transfer packet', () => {
    expect(() => DataFrame.fromTransferred({} as TransferPacket)).toThrow(/Not a transfer packet/);
    expect(() => DataFrame.fromTransferred(null as unknown as TransferPacket)).toThrow(SharedFrameError);
    expect(() => DataFrame.fromTransferred(mixed(2).share() as unknown as TransferPacket)).toThrow(SharedFrameError);
  });

  it('rejects a packet of another format version', () => {
    expect(() => DataFrame.fromTransferred({ ...good(), version: 99 })).toThrow(/format version 99; this colframe reads version 1/);
  });

  it('rejects corrupted packets naming the column', () => {
    const p = good();
    const cols = p.columns.map((c) => ({ ...c }));
    cols[1] = { ...cols[1]!, values: new Float64Array(1) };
    expect(() => DataFrame.fromTransferred({ ...p, columns: cols })).toThrow(/column "f": values too short/);
    const s = p.columns.map((c) => ({ ...c }));
    s[3] = { ...s[3]!, offsets: Int32Array.from([0, 5, 2, 3, 400]) };
    expect(() => DataFrame.fromTransferred({ ...p, columns: s })).toThrow(/column "s": string offsets run past the bytes/);
    s[3] = { ...s[3]!, offsets: Int32Array.from([9, 5, 2, 3, 4]) };
    expect(() => DataFrame.fromTransferred({ ...p, columns: s })).toThrow(/column "s": string offsets out of order/);
    expect(() => DataFrame.fromTransferred({ ...p, height: 3 })).toThrow(/has 4 rows, the frame 3/);
    const k = p.columns.map((c) => ({ ...c }));
    k[0] = { ...k[0]!, dtype: { kind: 'complex' as never, nullable: false } };
    expect(() => DataFrame.fromTransferred({ ...p, columns: k })).toThrow(/no valid name or dtype/);
  });
});

describe('df.transfer of nested and exact columns', () => {
  it('moves list, struct, decimal, timestamp[ns], binary, map and union columns to a worker that reads them equal', async () => {
    for (const df of [nestedFrame(), nestedFrame(20).slice(3, 11)]) {
      const want = jsonRows(df);
      const dtypes = df.dtypes.map(String);
      const { packet, transferList } = df.transfer();
      expect(transferList.length).toBeGreaterThan(0);
      const reading = await readInWorker({ packet }, transferList);
      expect(reading.dtypes).toEqual(dtypes);
      expect(reading.json).toBe(want);
      expect(() => df.height).toThrow(FrameDetachedError); // the buffers moved
    }
  }, 60_000);

  it('property: any frame of any layout, whole or sliced, moves and reads back equal', () => {
    fc.assert(
      fc.property(nestedFrameArb(), fc.nat(8), fc.nat(8), (src, a, b) => {
        for (const df of [src, src.slice(Math.min(a, b), Math.abs(a - b))]) {
          const want = jsonRows(df);
          const dtypes = df.dtypes.map(String);
          const { packet, transferList } = df.transfer();
          const back = DataFrame.fromTransferred(structuredClone(packet, { transfer: transferList }));
          expect(back.dtypes.map(String)).toEqual(dtypes);
          expect(jsonRows(back)).toBe(want);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a struct column without buffers of its own still detects that its children moved', () => {
    const df = DataFrame.fromColumns({ p: [{ a: 1 }, { a: 2 }] }, { schema: { p: struct({ a: int32() }) } });
    const col = df.getColumn('p');
    const { packet, transferList } = df.transfer();
    structuredClone(packet, { transfer: transferList });
    expect(() => col.get(0)).toThrow(FrameDetachedError);
  });

  it('copies the caller\'s Arrow buffers of nested children instead of moving them', () => {
    const vec = vectorFromArray([[1, 2], [3]], new List(new Field('item', new Float64())));
    const df = DataFrame.fromArrow(new Table({ xs: vec }));
    const t = df.transfer();
    structuredClone(t.packet, { transfer: t.transferList });
    expect(vec.toArray().map((v) => [...(v as unknown as Float64Array)])).toEqual([[1, 2], [3]]);
  });

  it('round-trips the dtype of every column, parameters and children included', () => {
    const df = nestedFrame(3);
    const dtypes = df.dtypes.map(String);
    const type = df.getColumn('p').data.type.toString();
    const back = DataFrame.fromTransferred(structuredClone(df.transfer().packet));
    expect(back.dtypes.map(String)).toEqual(dtypes);
    expect(back.getColumn('p').data.type.toString()).toBe(type);
  });

  it('rejects a corrupted nested column naming the column and the child', () => {
    const p = nestedFrame(4).transfer().packet;
    const at = (name: string) => p.columns.findIndex((c) => c.name === name);
    const patched = (name: string, f: (c: ColumnPart) => ColumnPart): TransferPacket => ({ ...p, columns: p.columns.map((c, k) => (k === at(name) ? f(c) : c)) });
    const xs = (c: ColumnPart) => ({ ...c, children: [{ ...c.children![0]!, length: 1, values: new Float64Array(1) }] });
    expect(() => DataFrame.fromTransferred(patched('xs', xs))).toThrow(/Corrupted transfer packet: column "xs": list offsets run past the values/);
    const pv = (c: ColumnPart) => ({ ...c, children: c.children!.map((k, i) => (i === 0 ? { ...k, values: new Int32Array(1) } : k)) });
    expect(() => DataFrame.fromTransferred(patched('p', pv))).toThrow(/column "p", field "a": values too short/);
    const u = (c: ColumnPart) => ({ ...c, typeIds: Int8Array.from([0, 1, 9, 0]) });
    expect(() => DataFrame.fromTransferred(patched('u', u))).toThrow(/column "u": row 2: union type id 9 names no member/);
    const du = (c: ColumnPart) => ({ ...c, offsets: Int32Array.from([0, 0, 1, 50]) });
    expect(() => DataFrame.fromTransferred(patched('du', du))).toThrow(/column "du": row 3: union offset 50 is outside member/);
    const d = (c: ColumnPart) => ({ ...c, dtype: { ...c.dtype, precision: 99 } });
    expect(() => DataFrame.fromTransferred(patched('d', d))).toThrow(/column "d" has a decimal of precision 99/);
    const t = (c: ColumnPart) => ({ ...c, values: new Float64Array(4) });
    expect(() => DataFrame.fromTransferred(patched('t', t))).toThrow(/column "t": values too short/);
  });
});
