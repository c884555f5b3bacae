/**
 * The worker thread of a parallel CSV read: reads its byte range of the file with the plan the
 * main thread decided (see `readShare`), and sends back the built columns (buffers moved, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { readShare } from './share-read.js';
import type { ShareTask } from './share.js';

parentPort!.on('message', (task: ShareTask) => {
  void readShare(task).then(({ result, transfer }) => parentPort!.postMessage(result, transfer));
});
