/** What an async call throws, for tests that inspect the error. */

/** The error `read` rejects with (fails the test when it does not throw). */
export async function failure(read: () => Promise<unknown>): Promise<Error> {
  try {
    await read();
  } catch (e) {
    return e as Error;
  }
  throw new Error('the read did not throw');
}
