import { describe, expect, it } from 'vitest';
import { Writable, PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataFrame, writeCSV, writeIPC, writeJSON } from '../../src/index.js';
import { writeChunks } from '../../src/io/write-stream.js';

const EVENTS = ['error', 'close', 'finish', 'drain', 'unpipe', 'end', 'prefinish'] as const;

function listeners(s: Writable): number {
  return EVENTS.reduce((n, e) => n + s.listenerCount(e), 0);
}

/** A destination that takes every chunk and keeps nothing. */
function sink(): Writable & { bytes: number } {
  const w = new Writable({
    highWaterMark: 4096,
    write(chunk: Buffer, _e, cb) {
      w.bytes += chunk.length;
      cb();
    },
  }) as Writable & { bytes: number };
  w.bytes = 0;
  return w;
}

const writers = {
  writeCSV: (df: DataFrame, out: Writable) => writeCSV(df, out, { end: false, header: false }),
  writeJSON: (df: DataFrame, out: Writable) => writeJSON(df, out, { format: 'ndjson', end: false }),
  writeIPC: (df: DataFrame, out: Writable) => writeIPC(df, out, { format: 'stream', end: false }),
};

describe('writing to a stream kept open', () => {
  for (const [name, write] of Object.entries(writers)) {
    it(`${name} leaves no listener and holds no frame after 1,000 writes with end: false`, async () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const out = sink();
      const base = listeners(out);
      const warnings: Error[] = [];
      const onWarning = (w: Error): number => warnings.push(w);
      process.on('warning', onWarning);
      try {
        const frames: WeakRef<DataFrame>[] = [];
        for (let i = 0; i < 1000; i++) {
          const df = DataFrame.fromColumns({ x: new Float64Array(1000).fill(i) });
          frames.push(new WeakRef(df));
          await write(df, out);
          expect(listeners(out)).toBe(base);
        }
        await new Promise((r) => setImmediate(r));
        gc();
        // Every frame written is garbage once its write is done: nothing the stream holds keeps it.
        expect(frames.filter((f) => f.deref() !== undefined).length).toBeLessThanOrEqual(1);
        expect(out.bytes).toBeGreaterThan(1000 * 1000);
        expect(out.writableEnded).toBe(false);
      } finally {
        process.off('warning', onWarning);
      }
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    }, 20_000);
  }

  it('writeChunks removes its listeners when the stream fails, once the stream has closed', async () => {
    const boom = new Error('disk on fire');
    let calls = 0;
    const w = new Writable({
      highWaterMark: 1,
      write(_c, _e, cb) {
        cb(++calls === 3 ? boom : null);
      },
    });
    const chunks = Array.from({ length: 10 }, () => Buffer.from('abc'));
    await expect(writeChunks(chunks, w, false)).rejects.toBe(boom);
    await new Promise((r) => setImmediate(r));
    expect(w.destroyed).toBe(true);
    expect(listeners(w)).toBe(0);
  });

  it('writeChunks refuses a stream that is already ended, and ends one when asked', async () => {
    const done = new PassThrough();
    done.end();
    await expect(writeChunks([Buffer.from('x')], done, false)).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    const out = new PassThrough();
    const got: Buffer[] = [];
    out.on('data', (c: Buffer) => got.push(c));
    const before = listeners(out);
    await writeChunks([Buffer.from('a'), 'b'], out, true);
    expect(out.writableFinished).toBe(true);
    expect(Buffer.concat(got).toString()).toBe('ab');
    expect(listeners(out)).toBe(before);
  });
});
