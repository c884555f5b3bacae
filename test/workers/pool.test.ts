import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEventListeners } from 'node:events';
import {
  DataFrame,
  ExpressionError,
  InvalidArgumentError,
  SharedFrameError,
  TaskCancelledError,
  WorkerTaskError,
  categorical,
  col,
  createPool,
  float64,
  int32,
  nullable,
  utf8,
  type WorkerPool,
} from '../../src/index.js';
import { expectSameFrame } from '../support/frames.js';
import { jsonRows, nestedFrame } from '../support/nested-frames.js';

const fns = new URL('./fixtures/fns.ts', import.meta.url);
const root = new URL('../..', import.meta.url).pathname;

function sample(n: number): DataFrame {
  const cities = ['Oslo', 'Lima', 'Pune', 'Kobe', 'Nice'];
  return DataFrame.fromColumns(
    {
      id: Int32Array.from({ length: n }, (_, i) => i),
      x: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : (i * 7919) % 1000)),
      city: Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : cities[(i * 31) % 5]!)),
      name: Array.from({ length: n }, (_, i) => `n${i % 97}`),
    },
    { schema: { id: int32(), x: nullable(float64()), city: nullable(categorical()), name: utf8() } },
  );
}


/** One worker, shared by the tests below that need no pool of their own (workers are slow to start). */
let one: WorkerPool;
beforeAll(() => {
  one = createPool({ size: 1 });
});
afterAll(async () => {
  await one.close();
});

describe('createPool', () => {
  let pool: WorkerPool;
  const df = sample(10_000);
  beforeAll(() => {
    pool = createPool({ size: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('map runs a module function over row ranges and concatenates the results in row order', async () => {
    const out = await pool.map(df, fns, 'above', { args: { min: 900 }, partitions: 5 });
    expectSameFrame(out, df.filter(col('x').gt(900)));
  });

  it('map passes each call its partition, the partition count and its first row', async () => {
    const out = await pool.map(df, fns, 'tagged', { partitions: 3 });
    expect(out.toRecords()).toEqual([
      { partition: 0, partitions: 3, offset: 0, rows: 3333 },
      { partition: 1, partitions: 3, offset: 3333, rows: 3333 },
      { partition: 2, partitions: 3, offset: 6666, rows: 3334 },
    ]);
  });

  it('map hands nested and exact columns to the workers and back: lists, structs, decimals, instants, bytes, maps, unions', async () => {
    const nested = nestedFrame(60);
    const out = await pool.map(nested, fns, 'copied', { partitions: 3 });
    expect(out.dtypes.map(String)).toEqual(nested.dtypes.map(String));
    expect(jsonRows(out)).toBe(jsonRows(nested));
  });

  it('map over an empty frame makes one call over no rows', async () => {
    const out = await pool.map(df.head(0), fns, 'tagged');
    expect(out.toRecords()).toEqual([{ partition: 0, partitions: 1, offset: 0, rows: 0 }]);
  });

  it('run calls a function once and resolves with its value', async () => {
    expect(await pool.run(fns, 'answer')).toBe(42);
    expect(await Promise.all([1, 2, 3, 4, 5].map((x) => pool.run(fns, 'slowSquare', x)))).toEqual([1, 4, 9, 16, 25]);
  });

  it('filter in parallel equals filter', async () => {
    const p = col('x').gt(500).and(col('city').eq('Lima'));
    expectSameFrame(await pool.filter(df, p, { partitions: 4 }), df.filter(p));
  });

  it('filter rejects an unknown column before any worker runs', async () => {
    await expect(pool.filter(df, col('nope').gt(1))).rejects.toThrow(/Column "nope" not found/);
    await expect(pool.filter(df, ((r: { x: number }) => r.x > 1) as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('groupByAgg merges partial aggregates into what groupBy gives, nulls in keys and values included', async () => {
    const aggs = {
      total: col('x').sum(),
      avg: col('x').mean(),
      n: col('x').count(),
      rows: col('x').len(),
      lo: col('x').min(),
      hi: col('x').max(),
      first: col('name').first(),
      last: col('name').last(),
    };
    for (const keys of [['city'], ['name'], ['city', 'name']]) {
      const got = await pool.groupByAgg(df, keys, aggs, { partitions: 7 });
      const want = df.groupBy(...keys).agg(aggs);
      expect(got.dtypes.map(String)).toEqual(want.dtypes.map(String));
      const g = got.toRecords();
      const w = want.toRecords();
      expect(g.length).toBe(w.length);
      g.forEach((r, i) => {
        for (const [k, v] of Object.entries(w[i]!)) {
          if (typeof v === 'number') expect(r[k]).toBeCloseTo(v, 9);
          else expect(r[k]).toEqual(v);
        }
      });
    }
  });

  it('groupByAgg refuses aggregations that do not merge from partial results', async () => {
    await expect(pool.groupByAgg(df, ['city'], { m: col('x').median() })).rejects.toBeInstanceOf(ExpressionError);
    await expect(pool.groupByAgg(df, ['nope'], { s: col('x').sum() })).rejects.toThrow(/Column "nope" not found/);
  });

  it('a function that throws rejects its task with the worker error and stack; the pool stays usable', async () => {
    const err = await pool.map(df, fns, 'boom').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerTaskError);
    expect((err as WorkerTaskError).kind).toBe('TypeError');
    expect((err as Error).message).toMatch(/Task "boom" .* failed in worker \d: TypeError: kaboom in a worker/);
    expect((err as Error).stack).toMatch(/in the worker[\s\S]*fns\.ts/);
    expect(await pool.run(fns, 'answer')).toBe(42);
  });

  it('a worker that exits mid-task rejects that task, is replaced, and other tasks still complete', async () => {
    const started = pool.workersStarted;
    const results = await Promise.allSettled([pool.run(fns, 'leave'), ...[1, 2, 3].map((x) => pool.run(fns, 'slowSquare', x))]);
    expect(results[0]!.status).toBe('rejected');
    const reason = (results[0] as PromiseRejectedResult).reason as WorkerTaskError;
    expect(reason).toBeInstanceOf(WorkerTaskError);
    expect(reason.message).toMatch(/exited with code 3/);
    expect(results.slice(1).map((r) => (r as PromiseFulfilledResult<unknown>).value)).toEqual([1, 4, 9]);
    expect(pool.workersStarted).toBe(started + 1);
    expectSameFrame(await pool.map(df, fns, 'above', { args: { min: 990 } }), df.filter(col('x').gt(990)));
    expect(df.height).toBe(10_000); // the main thread's frame is unaffected
  });

  it('a missing module, a missing function or a non-frame result reject clearly', async () => {
    await expect(pool.map(df, join(root, 'test/workers/fixtures/missing.ts'), 'x')).rejects.toThrow(/the module .*missing\.ts does not exist/);
    await expect(pool.map(df, fns, 'nope')).rejects.toThrow(/has no export "nope"; it exports: .*above/);
    await expect(pool.map(df, fns, 'notAFunction')).rejects.toThrow(/no function export "notAFunction"/);
    await expect(pool.map(df, fns, 'answer')).rejects.toThrow(/"answer" returned number, not a DataFrame/);
    expect(await pool.run(fns, 'answer')).toBe(42);
  });

  it('bad arguments are rejected', async () => {
    await expect(pool.map(df, fns, 'above', { partitions: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(pool.map({} as DataFrame, fns, 'above')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => createPool({ size: 0 })).toThrow(InvalidArgumentError);
  });
});

describe('shared copies', () => {
  it('never reuses a copy of a frame built over a typed array the caller changed since', async () => {
    const values = new Float64Array([1, 2, 3]);
    const df = DataFrame.fromColumns({ x: values });
    expect((await one.filter(df, col('x').gt(1))).height).toBe(2);
    values[0] = 5; // the frame is a view over the caller's array
    expect(df.filter(col('x').gt(1)).height).toBe(3);
    expect((await one.filter(df, col('x').gt(1))).height).toBe(3);
  });

  it('a task writing to its shared input reaches neither later calls nor the caller\'s frame', async () => {
    const df = DataFrame.fromColumns({ x: new Float64Array([1, 2, 3]) });
    await one.map(df, fns, 'scribble');
    expect(df.getColumn('x').toArray()).toEqual([1, 2, 3]);
    expect((await one.map(df, fns, 'firstX')).toRecords()).toEqual([{ first: 1 }]);
  });
});

describe('task arguments and cancellation', () => {
  const df = sample(100);

  it('refuses an argument that cannot be sent to a worker, leaving the slot free', async () => {
    const direct = await one.run(fns, 'answer', () => 1).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(InvalidArgumentError);
    expect((direct as Error).message).toMatch(/Task "answer" .*: its args cannot be sent to a worker/);
    await expect(one.map(df, fns, 'above', { args: Symbol('s'), partitions: 3 })).rejects.toThrow(/args cannot be sent to a worker/);
    // Queued behind a running task: rejected when its turn comes, the next task still runs.
    const results = await Promise.allSettled([one.run(fns, 'slowSquare', 3), one.run(fns, 'answer', { f: Symbol('t') }), one.run(fns, 'answer')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidArgumentError);
    expect(await one.run(fns, 'answer')).toBe(42);
  });

  it('cancels a task past its timeout, replaces its worker and keeps working', async () => {
    const started = one.workersStarted;
    const err = await one.run(fns, 'forever', undefined, { timeout: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskCancelledError);
    expect((err as TaskCancelledError).code).toBe('TASK_CANCELLED');
    expect((err as TaskCancelledError).reason).toBe('timeout');
    expect((err as Error).message).toMatch(/Task "forever" .* was cancelled: it ran past its timeout of 50 ms/);
    expect(one.workersStarted).toBe(started + 1);
    expect(await one.run(fns, 'answer')).toBe(42);
    await expect(one.map(df, fns, 'forever', { timeout: 50, partitions: 2 })).rejects.toBeInstanceOf(TaskCancelledError);
    expectSameFrame(await one.filter(df, col('x').gt(500)), df.filter(col('x').gt(500)));
  });

  it('cancels running and queued tasks when their signal aborts', async () => {
    const ac = new AbortController();
    const running = one.run(fns, 'forever', undefined, { signal: ac.signal }).catch((e: unknown) => e);
    const queued = one.run(fns, 'answer', undefined, { signal: ac.signal }).catch((e: unknown) => e);
    setTimeout(() => ac.abort(), 20);
    for (const e of [await running, await queued]) {
      expect(e).toBeInstanceOf(TaskCancelledError);
      expect((e as TaskCancelledError).reason).toBe('abort');
    }
    await expect(one.filter(df, col('x').gt(1), { signal: ac.signal })).rejects.toBeInstanceOf(TaskCancelledError);
    expect(await one.run(fns, 'answer')).toBe(42);
  });

  it('checks the timeout and signal options', async () => {
    await expect(one.run(fns, 'answer', undefined, { timeout: -1 })).rejects.toThrow(/timeout must be a positive number of milliseconds, got -1/);
    await expect(one.map(df, fns, 'above', { signal: 'stop' as never })).rejects.toThrow(/signal must be an AbortSignal/);
    await expect(one.filter(df, col('x').gt(1), { timout: 5 } as never)).rejects.toThrow(/unknown option "timout". Did you mean "timeout"\?/);
  });
});

describe('a pool with resource limits', () => {
  it('fails a task whose worker runs out of memory, and replaces the worker', async () => {
    const pool = createPool({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    try {
      const err = await pool.run(fns, 'hog').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkerTaskError);
      expect((err as WorkerTaskError).kind).toBe('ERR_WORKER_OUT_OF_MEMORY');
      expect((err as Error).message).toMatch(/Task "hog" .* failed: worker 0 ran out of memory/);
      expect(await pool.run(fns, 'answer')).toBe(42);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('checks the resource limits', () => {
    expect(() => createPool({ size: 1, resourceLimits: { maxOldGenerationSizeMB: 64 } as never })).toThrow(/unknown option "maxOldGenerationSizeMB". Did you mean "maxOldGenerationSizeMb"\?/);
    expect(() => createPool({ size: 1, resourceLimits: { stackSizeMb: 0 } })).toThrow(/stackSizeMb must be a positive number, got 0/);
  });
});

describe('memory', () => {
  it('frees each call\'s shared copy: RSS stays flat over calls on fresh 8 MB frames', async () => {
    const pool = one;
    const mb = (): number => process.memoryUsage.rss() / 2 ** 20;
    {
      const call = async (): Promise<void> => {
        const x = new Float64Array(2 ** 20); // 8 MB, copied into a new shared block per call
        x[7] = 1;
        expect((await pool.filter(DataFrame.fromColumns({ x }), col('x').gt(0))).height).toBe(1);
      };
      for (let i = 0; i < 5; i++) await call(); // warm up
      const before = mb();
      for (let i = 0; i < 30; i++) await call(); // 240 MB of blocks in all
      expect(mb() - before).toBeLessThan(100);
    }
  });
});

describe('soak', () => {
  it('runs 1,000 task cycles with RSS and listener counts flat', async () => {
    const pool = createPool({ size: 1 });
    const ac = new AbortController();
    const df = sample(200);
    const want = df.filter(col('x').gt(500)).height;
    const cycle = async (i: number): Promise<void> => {
      if (i % 4 === 0) expect((await pool.filter(df, col('x').gt(500), { partitions: 1, signal: ac.signal, timeout: 10_000 })).height).toBe(want);
      else expect(await pool.run(fns, 'answer', undefined, { signal: ac.signal, timeout: 10_000 })).toBe(42);
    };
    const listeners = (): number => getEventListeners(ac.signal, 'abort').length;
    try {
      for (let i = 0; i < 100; i++) await cycle(i); // warm up
      const rss = process.memoryUsage.rss();
      const before = listeners();
      for (let i = 0; i < 1000; i++) await cycle(i);
      expect(before).toBe(0);
      expect(listeners()).toBe(0);
      expect((process.memoryUsage.rss() - rss) / 2 ** 20).toBeLessThan(64);
    } finally {
      await expect(pool.close()).resolves.toBeUndefined();
    }
  }, 30_000);

  it('a script whose tasks time out or abort keeps working and exits without close()', () => {
    const dir = mkdtempSync(join(root, 'test/workers/.tmp-'));
    try {
      for (const close of [false]) {
        const script = join(dir, `cancel-${String(close)}.ts`);
        writeFileSync(
          script,
          `import { createPool } from ${JSON.stringify(join(root, 'src/index.ts'))};
const fns = new URL(${JSON.stringify(fns.href)});
const pool = createPool({ size: 1 });
const late = await pool.run(fns, 'forever', undefined, { timeout: 50 }).catch((e) => e.code);
const ac = new AbortController();
setTimeout(() => ac.abort(), 50);
const aborted = await pool.run(fns, 'forever', undefined, { signal: ac.signal }).catch((e) => e.code);
console.log(late, aborted, await pool.run(fns, 'answer'));
${close ? 'await pool.close();\nconsole.log("closed");' : ''}`,
        );
        const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
        expect(out).toContain('TASK_CANCELLED TASK_CANCELLED 42');
        if (close) expect(out).toContain('closed');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a debug pool', () => {
  it('catches a worker writing to the shared frame', async () => {
    const pool = createPool({ size: 1, debug: true });
    try {
      const df = DataFrame.fromColumns({ x: new Float64Array([1, 2, 3]) });
      await expect(pool.map(df, fns, 'scribble')).rejects.toBeInstanceOf(SharedFrameError);
      await expect(pool.map(DataFrame.fromColumns({ x: new Float64Array([1, 2, 3]) }), fns, 'above', { args: { min: 1 } })).resolves.toBeInstanceOf(DataFrame);
    } finally {
      await pool.close();
    }
  });
});

describe('closing', () => {
  it('rejects calls after close', async () => {
    const pool = createPool({ size: 1 });
    await pool.close();
    await expect(pool.run(fns, 'answer')).rejects.toThrow(/closed/);
  });

  it('a script that uses a pool exits on its own, closed or not', () => {
    const dir = mkdtempSync(join(root, 'test/workers/.tmp-'));
    try {
      for (const close of [true, false]) {
        const script = join(dir, `run-${String(close)}.ts`);
        writeFileSync(
          script,
          `import { DataFrame, createPool } from ${JSON.stringify(join(root, 'src/index.ts'))};
const pool = createPool({ size: 2 });
const v = await pool.run(new URL(${JSON.stringify(fns.href)}), 'answer');
console.log('answer', v);
${close ? 'await pool.close();' : ''}`,
        );
        const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
        expect(out).toContain('answer 42');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
