/**
 * A frame with a column of each nested and exact kind (list<float64>, struct, decimal,
 * timestamp[ns], binary, map, sparse and dense unions, categorical inside a struct), its rows as
 * JSON text, and a worker thread that opens a shared handle or a transfer packet of it and answers
 * with what it read.
 */
import { Worker } from 'node:worker_threads';
import {
  DataFrame,
  Decimal,
  Instant,
  binary,
  categorical,
  decimal,
  float64,
  int32,
  list,
  map,
  nullable,
  struct,
  timestamp,
  union,
  utf8,
  type SharedFrame,
  type TransferPacket,
} from '../../src/index.js';

export const NESTED_SCHEMA = {
  xs: nullable(list(float64())),
  p: nullable(struct({ a: int32(), b: nullable(utf8()), c: categorical() })),
  d: nullable(decimal(20, 4)),
  t: timestamp('ns'),
  b: nullable(binary()),
  m: map(utf8(), nullable(int32())),
  u: union({ i: int32(), s: nullable(utf8()) }),
  du: union({ f: float64(), l: list(int32()) }, { mode: 'dense', typeIds: [4, 2] }),
};

/** `n` rows of every column of {@link NESTED_SCHEMA}, nulls included. */
export function nestedFrame(n = 12): DataFrame<typeof NESTED_SCHEMA> {
  const rows = Array.from({ length: n }, (_, i) => ({
    xs: i % 5 === 4 ? null : Array.from({ length: i % 4 }, (_, k) => i + k / 4),
    p: i % 6 === 5 ? null : { a: i, b: i % 2 === 0 ? null : `b${i}`, c: ['x', 'y'][i % 2]! },
    d: i % 7 === 6 ? null : new Decimal(BigInt(i) * 12_345_678_901n - 5n, 4),
    t: new Instant(1_714_557_600_123_456_789n + BigInt(i), 'ns'),
    b: i % 3 === 2 ? null : new Uint8Array([i, 255 - i, 7]),
    m: Array.from({ length: i % 3 }, (_, k) => [`k${k}`, k === 1 ? null : i * k] as [string, number | null]),
    u: i % 3 === 0 ? i : i % 3 === 1 ? `s${i}` : null,
    du: i % 2 === 0 ? i / 2 : [i, -i],
  }));
  return DataFrame.fromRecords(rows, { schema: NESTED_SCHEMA });
}

/** The rows as JSON text (row views' `toJSON`: exact text for decimals and instants, base64 bytes). */
export function jsonRows(df: DataFrame): string {
  return JSON.stringify([...df].map((r) => (r as { toJSON(): unknown }).toJSON()));
}

/** What the worker read. */
export interface WorkerReading {
  readonly json: string;
  readonly dtypes: string[];
  /** Whether every buffer of every column (children too) is a SharedArrayBuffer. */
  readonly allShared: boolean;
}

/**
 * Start a worker that loads the library from source, post it `msg` (`{ handle }` or `{ packet }`)
 * with `transferList`, and resolve with what it read.
 */
export async function readInWorker(msg: { handle: SharedFrame } | { packet: TransferPacket }, transferList: ArrayBuffer[] = []): Promise<WorkerReading> {
  const w = new Worker(
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('../../src/index.ts', import.meta.url).href)}); }).then(({ DataFrame }) => {
       const { parentPort } = require('node:worker_threads');
       const buffers = (d, out) => { for (const b of [d.values, d.valueOffsets, d.nullBitmap, d.typeIds]) if (b && b.byteLength > 0) out.push(b.buffer); for (const c of d.children) buffers(c, out); if (d.dictionary) for (const c of d.dictionary.data) buffers(c, out); return out; };
       parentPort.once('message', (m) => {
         const df = m.handle ? DataFrame.fromShared(m.handle) : DataFrame.fromTransferred(m.packet);
         const all = df.getColumns().flatMap((c) => buffers(c.data, []));
         parentPort.postMessage({ json: JSON.stringify([...df].map((r) => r.toJSON())), dtypes: df.dtypes.map(String), allShared: all.every((b) => b instanceof SharedArrayBuffer) });
       });
       parentPort.postMessage('ready');
     });`,
    { eval: true },
  );
  try {
    return await new Promise<WorkerReading>((resolve, reject) => {
      w.on('message', (m: unknown) => (m === 'ready' ? w.postMessage(msg, transferList) : resolve(m as WorkerReading)));
      w.once('error', reject);
    });
  } finally {
    await w.terminate();
  }
}
