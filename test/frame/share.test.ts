import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { DataFrame, SharedFrameError, categorical, float64, int32, int64, nullable, readCSV, utf8 } from '../../src/index.js';
import type { SharedFrame } from '../../src/index.js';
import { jsonRows, nestedFrame, readInWorker } from '../support/nested-frames.js';
import { buffersIn } from '../support/build.js';

function sample(): DataFrame {
  return DataFrame.fromColumns(
    {
      id: [1, 2, 3, 4],
      amount: [1.5, null, -2.25, 1e9],
      city: ['Oslo', 'Lima', null, 'Oslo'],
      note: ['a', 'bé', '', null],
      big: [1n, -(2n ** 62n), 0n, 9n],
    },
    { schema: { id: int32(), amount: nullable(float64()), city: nullable(categorical()), note: nullable(utf8()), big: int64('bigint') } },
  );
}

const records = (df: DataFrame): unknown[] => df.toRecords({ int64: 'bigint' });
const buffersOf = (df: DataFrame): ArrayBufferLike[] => df.getColumns().map((c) => (c.data.values as Uint8Array).buffer);

describe('df.share / DataFrame.fromShared', () => {
  it('rebuilds the same frame over shared memory', () => {
    const df = sample();
    const back = DataFrame.fromShared(df.share());
    expect(back.dtypes.map(String)).toEqual(df.dtypes.map(String));
    expect(records(back)).toEqual(records(df));
    for (const b of buffersOf(back)) expect(b).toBeInstanceOf(SharedArrayBuffer);
  });

  it('lays the block out as an Arrow IPC stream that apache-arrow reads', () => {
    const df = sample();
    const h = df.share();
    const t = tableFromIPC(new Uint8Array(h.block, 0, h.byteLength));
    expect(t.numRows).toBe(4);
    expect(t.schema.fields.map((f) => f.name)).toEqual(df.columns);
    expect(t.getChild('city')!.toArray()).toEqual(['Oslo', 'Lima', null, 'Oslo']);
    expect(t.getChild('amount')!.get(1)).toBeNull();
    expect(t.getChild('big')!.get(1)).toBe(-(2n ** 62n));
  });

  it('writes out as a valid .arrows file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'colframe-share-'));
    try {
      const h = sample().share();
      const file = join(dir, 'frame.arrows');
      writeFileSync(file, new Uint8Array(h.block, 0, h.byteLength));
      const { readFileSync } = await import('node:fs');
      expect(tableFromIPC(readFileSync(file)).numRows).toBe(4);
      const { readIPC } = await import('../../src/index.js');
      expect(records(await readIPC(file))).toEqual(records(sample()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shares a frame that already lives in a block in O(1): same block, no copy', () => {
    const shared = DataFrame.fromShared(sample().share());
    const h1 = shared.share();
    const h2 = shared.share();
    expect(h2.block).toBe(h1.block);
    const sel = shared.select('note', 'id').rename({ id: 'key' });
    const hs = sel.share();
    expect(hs.block).toBe(h1.block);
    const back = DataFrame.fromShared(structuredClone(hs));
    expect(back.columns).toEqual(['note', 'key']);
    expect(back.toRecords()).toEqual(sel.toRecords());
  });

  it('copies a heap frame into a new block on every call, so a changed source is never shared stale', () => {
    const values = new Float64Array([1, 2, 3]);
    const df = DataFrame.fromColumns({ x: values });
    const h1 = df.share();
    values[0] = 5;
    const h2 = df.share();
    expect(h2.block).not.toBe(h1.block);
    expect(DataFrame.fromShared(h1).getColumn('x').toArray()).toEqual([1, 2, 3]);
    expect(DataFrame.fromShared(h2).getColumn('x').toArray()).toEqual([5, 2, 3]);
  });

  it('readCSV { shared: true } gives a frame that shares in O(1)', async () => {
    const df = await readCSV({ text: 'a,b\n1,x\n2,y\n' }, { shared: true });
    for (const b of buffersOf(df)) expect(b).toBeInstanceOf(SharedArrayBuffer);
    const h = df.share();
    expect(buffersOf(df)[0]).toBe(h.block);
    expect(DataFrame.fromShared(h).toRecords()).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    await expect(readCSV({ text: 'a\n1\n' }, { shared: 'yes' as never })).rejects.toThrow(/shared must be true or false/);
  });

  it('a worker reads the shared frame without a copy and sees the same values', async () => {
    const df = DataFrame.fromShared(sample().share());
    const w = new Worker(
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('../../src/index.ts', import.meta.url).href)}); }).then(({ DataFrame }) => {
         const { parentPort } = require('node:worker_threads');
         parentPort.once('message', (h) => {
           const df = DataFrame.fromShared(h);
           parentPort.postMessage({ rows: df.toRecords({ int64: 'bigint' }), shared: df.getColumn('id').data.values.buffer instanceof SharedArrayBuffer });
         });
         parentPort.postMessage('ready');
       });`,
      { eval: true },
    );
    try {
      const reply = await new Promise<{ rows: unknown[]; shared: boolean }>((resolve, reject) => {
        w.on('message', (m: unknown) => (m === 'ready' ? w.postMessage(df.share()) : resolve(m as { rows: unknown[]; shared: boolean })));
        w.once('error', reject);
      });
      expect(reply.shared).toBe(true);
      expect(reply.rows).toEqual(records(df));
    } finally {
      await w.terminate();
    }
  }, 30_000);
});

describe('DataFrame.fromShared with bad handles', () => {
  const good = (): SharedFrame => sample().share();

  it('rejects what is not a handle', () => {
    expect(() => DataFrame.fromShared({} as SharedFrame)).toThrow(/Not a shared-frame handle/);
    expect(() => DataFrame.fromShared(undefined as unknown as SharedFrame)).toThrow(SharedFrameError);
  });

  it('rejects a handle of another format version', () => {
    expect(() => DataFrame.fromShared({ ...good(), version: 2 })).toThrow(/format version 2; this colframe reads version 1/);
  });

  it('rejects a truncated block', () => {
    const h = good();
    expect(() => DataFrame.fromShared({ ...h, byteLength: h.byteLength + 8 })).toThrow(/Truncated shared block/);
    for (const cut of [0, 7, 100, h.byteLength - 16]) {
      const short = new SharedArrayBuffer(cut);
      new Uint8Array(short).set(new Uint8Array(h.block, 0, cut));
      expect(() => DataFrame.fromShared({ ...h, block: short, byteLength: cut })).toThrow(SharedFrameError);
    }
  });

  it('rejects a corrupted block, never returning garbage', () => {
    const h = good();
    for (const at of [4, 8, 12, 40, 64]) {
      const bad = new SharedArrayBuffer(h.byteLength);
      const bytes = new Uint8Array(bad);
      bytes.set(new Uint8Array(h.block, 0, h.byteLength));
      bytes[at] = bytes[at]! ^ 0xff;
      bytes[at + 1] = 0x7f;
      let out: DataFrame | undefined;
      try {
        out = DataFrame.fromShared({ ...h, block: bad });
      } catch (e) {
        expect(e).toBeInstanceOf(SharedFrameError);
        continue;
      }
      // A flipped byte that the metadata survives (padding, a name byte) must still read sanely.
      expect(out.height).toBe(4);
    }
  });

  it('rejects a block whose string or dictionary layout was tampered with, naming the column', () => {
    // Every byte position and a few values: opening either fails with SharedFrameError, or the
    // frame reads completely (no RangeError from a later read).
    const h = good();
    for (let at = 0; at < h.byteLength; at++) {
      for (const v of [0x41]) {
        const bad = new SharedArrayBuffer(h.byteLength);
        const bytes = new Uint8Array(bad);
        bytes.set(new Uint8Array(h.block, 0, h.byteLength));
        if (bytes[at] === v) continue;
        bytes[at] = v;
        let out: DataFrame;
        try {
          out = DataFrame.fromShared({ ...h, block: bad });
        } catch (e) {
          expect(e, `byte ${at} = ${v}`).toBeInstanceOf(SharedFrameError);
          continue;
        }
        expect(() => out.toRecords(), `byte ${at} = ${v}`).not.toThrow();
      }
    }
  });

  it('names the column and entry of out-of-order dictionary offsets', () => {
    const df = DataFrame.fromColumns({ city: ['Oslo', 'Lima', 'Oslo'] }, { schema: { city: categorical() } });
    const h = df.share();
    const bad = new SharedArrayBuffer(h.byteLength);
    const bytes = new Uint8Array(bad);
    bytes.set(new Uint8Array(h.block, 0, h.byteLength));
    const text = Buffer.from(bytes);
    const at = text.indexOf('OsloLima');
    // The dictionary's offsets [0, 4, 8] sit in the body before its bytes; make the middle one 9.
    const offs = new Int32Array(bad, 0, Math.floor(at / 4));
    const k = offs.findLastIndex((o, i) => o === 4 && offs[i - 1] === 0 && offs[i + 1] === 8);
    offs[k] = 9;
    expect(() => DataFrame.fromShared({ ...h, block: bad })).toThrow(/Corrupted shared block: column "city": dictionary offsets go backwards at entry 1 \(9 then 8\)/);
  });

  it('rejects a selection naming fields the block lacks', () => {
    expect(() => DataFrame.fromShared({ ...good(), columns: [{ field: 9, name: 'x' }] })).toThrow(/no field 9 in a block of 5 fields/);
    expect(() => DataFrame.fromShared({ ...good(), block: new ArrayBuffer(8) as unknown as SharedArrayBuffer })).toThrow(/not a SharedArrayBuffer/);
  });
});

describe('sharing nested and exact columns with a worker', () => {
  it('a worker reads list, struct, decimal, timestamp[ns], binary, map and union columns equal, over shared memory', async () => {
    const df = nestedFrame();
    const reading = await readInWorker({ handle: df.share() });
    expect(reading.dtypes).toEqual(df.dtypes.map(String));
    expect(reading.json).toBe(jsonRows(df));
    expect(reading.allShared).toBe(true);
  }, 30_000);

  it('shares a frame already in a block in O(1), nested columns too: the same SharedArrayBuffer, no copy', () => {
    const shared = DataFrame.fromShared(nestedFrame().share());
    const h1 = shared.share();
    expect(shared.share().block).toBe(h1.block);
    const sel = shared.select('p', 'du', 'xs');
    expect(sel.share().block).toBe(h1.block);
    expect(jsonRows(DataFrame.fromShared(structuredClone(sel.share())))).toBe(jsonRows(sel));
    // Every buffer of every child is a view into that one block.
    for (const c of shared.getColumns()) for (const b of buffersIn(c.data)) expect(b.buffer, c.name).toBe(h1.block);
  });

  it('opening a tampered block of nested columns fails with SharedFrameError or reads completely', () => {
    const h = nestedFrame(4).share();
    // Every fourth byte: most metadata fields and buffer words are 4 bytes wide or more, so each is hit.
    for (let at = 0; at < h.byteLength; at += 4) {
      const bad = new SharedArrayBuffer(h.byteLength);
      const bytes = new Uint8Array(bad);
      bytes.set(new Uint8Array(h.block, 0, h.byteLength));
      if (bytes[at] === 0x41) continue;
      bytes[at] = 0x41;
      let out: DataFrame;
      try {
        out = DataFrame.fromShared({ ...h, block: bad });
      } catch (e) {
        expect(e, `byte ${at}`).toBeInstanceOf(SharedFrameError);
        continue;
      }
      expect(() => jsonRows(out), `byte ${at}`).not.toThrow();
    }
  });
});
