/**
 * Writing encoded chunks to a caller's writable stream, with backpressure, for `writeCSV`,
 * `writeJSON` and `writeIPC`. Unlike `stream.pipeline`, it leaves no listener on the destination
 * once the write is done, so a stream kept open with `end: false` and written to many times holds
 * no reference to any earlier frame.
 */

/** A writable stream as the writers take it (`NodeJS.WritableStream`, with what `Writable` adds). */
type Dest = NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean; writableFinished?: boolean; closed?: boolean };

/**
 * Write `chunks` to `dest`, waiting for `'drain'` whenever the stream asks to, and end it (then
 * wait for `'finish'`) when `end` is true. Every listener added to `dest` is removed before the
 * promise settles, whatever the outcome.
 *
 * @param chunks - The bytes to write, produced lazily (an encoder).
 * @param dest - The destination stream.
 * @param end - Whether to end `dest` once everything is written.
 * @returns A promise that resolves when every chunk is taken (and, with `end`, the stream finished).
 * @throws The stream's own error (as a rejection) when it fails, or an `Error` with code
 *   `ERR_STREAM_PREMATURE_CLOSE` when it closes or is already closed before the write is done.
 * @example
 * ```ts
 * import { PassThrough } from 'node:stream';
 * const out = new PassThrough();
 * await writeChunks([Buffer.from('a\n'), Buffer.from('b\n')], out, false);
 * out.read().toString(); // → 'a\nb\n'
 * out.listenerCount('error') + out.listenerCount('drain') + out.listenerCount('close'); // → 0
 * ```
 */
export async function writeChunks(chunks: Iterable<Uint8Array | string>, dest: NodeJS.WritableStream, end: boolean): Promise<void> {
  const d = dest as Dest;
  const premature = (): Error => Object.assign(new Error('the destination stream closed before the frame was written'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
  if (d.destroyed === true || d.writableEnded === true) throw premature();
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  // Functions, not variables: listeners change these between awaits.
  const finished = (): boolean => d.writableFinished === true;
  const destroyed = (): boolean => d.destroyed === true;
  const closed = (): boolean => d.closed === true;
  const failed = (): { error: unknown } | undefined => failure;
  const onError = (e: unknown): void => {
    failure ??= { error: e };
    wake?.();
  };
  const onClose = (): void => {
    // A 'close' after 'finish' is the normal end of an ended stream, not a failure.
    if (!(end && d.writableFinished === true)) failure ??= { error: premature() };
    wake?.();
  };
  const onDrain = (): void => wake?.();
  const wait = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (failed() !== undefined) return resolve();
      wake = () => {
        wake = undefined;
        resolve();
      };
    });
  let written: Promise<void> = Promise.resolve();
  dest.on('error', onError);
  dest.on('close', onClose);
  try {
    let held: Uint8Array | string | undefined;
    const put = async (chunk: Uint8Array | string, last: boolean): Promise<void> => {
      if (failed() !== undefined) throw failed()!.error;
      let ok: boolean;
      if (last) {
        // The last chunk's callback runs once every chunk before it is taken: wait for it, so
        // the promise settles after the bytes are written (or with the error of writing them).
        written = new Promise<void>((resolve, reject) => {
          ok = dest.write(chunk, (e?: Error | null) => (e ? reject(e) : resolve()));
        });
        written.catch(() => undefined);
      } else ok = dest.write(chunk);
      if (!ok!) {
        dest.on('drain', onDrain);
        try {
          await wait();
        } finally {
          dest.removeListener('drain', onDrain);
        }
      }
    };
    for (const chunk of chunks) {
      if (held !== undefined) await put(held, false);
      held = chunk;
    }
    if (held !== undefined) await put(held, true);
    if (failed() !== undefined) throw failed()!.error;
    await Promise.race([
      written,
      new Promise<void>((resolve) => {
        if (failed() !== undefined) resolve();
        else wake = resolve;
      }),
    ]);
    if (failed() !== undefined) throw failed()!.error;
    if (end) {
      const onFinish = (): void => wake?.();
      dest.on('finish', onFinish);
      try {
        const done = wait();
        dest.end();
        if (!finished() && failed() === undefined) await done;
      } finally {
        dest.removeListener('finish', onFinish);
      }
      if (failed() !== undefined) throw failed()!.error;
    }
  } catch (e) {
    // A failed stream may still emit its 'error' (it is being destroyed): keep listening until it
    // closes, so that error is not thrown as uncaught.
    if ((destroyed() || failed() !== undefined) && !closed()) dest.once('close', () => dest.removeListener('error', onError));
    else dest.removeListener('error', onError);
    dest.removeListener('close', onClose);
    wake = undefined;
    throw e;
  }
  wake = undefined;
  dest.removeListener('error', onError);
  dest.removeListener('close', onClose);
}
