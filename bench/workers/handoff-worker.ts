/**
 * The receiving side of the handoff benchmark: turns what arrives into something readable, reads
 * one value (the "first read") and answers with the absolute time it finished.
 */
import { parentPort } from 'node:worker_threads';
import { tableFromIPC } from 'apache-arrow';
import { DataFrame } from '../../src/index.js';

let held: unknown = null; // keeps the received data alive until the next message, for RSS readings

const now = (): number => performance.timeOrigin + performance.now();

parentPort!.on('message', (m: { kind: string; payload: unknown }) => {
  let first: unknown;
  switch (m.kind) {
    case 'share': {
      const df = DataFrame.fromShared(m.payload as never);
      first = df.getColumn('amount').get(df.height - 1);
      held = df;
      break;
    }
    case 'transfer': {
      const df = DataFrame.fromTransferred(m.payload as never);
      first = df.getColumn('amount').get(df.height - 1);
      held = df;
      break;
    }
    case 'objects': {
      const rows = m.payload as { amount: number }[];
      first = rows[rows.length - 1]!.amount;
      held = rows;
      break;
    }
    case 'arrow': {
      const t = tableFromIPC(m.payload as Uint8Array);
      first = t.getChild('amount')!.get(t.numRows - 1);
      held = t;
      break;
    }
    case 'release':
      held = null;
      first = null;
      break;
  }
  parentPort!.postMessage({ done: now(), first, held: held !== null });
});
