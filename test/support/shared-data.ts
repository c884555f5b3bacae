/**
 * The external test data beside the repository, at `../shared/data` (public CSV suites, Arrow IPC
 * gold and fuzz files, real datasets; each folder's SOURCE.md says where it comes from). It is not
 * part of the repository: tests that read a folder of it skip, saying which folder is missing,
 * when it is not there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The absolute path of `../shared/data` (beside the repository). */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** One folder of `../shared/data`. */
export interface SharedData {
  /** Its absolute path (whether or not it is there). */
  readonly path: string;
  /** Whether it is there; suites that read it run only then (`describe.skipIf(!data.present)`). */
  readonly present: boolean;
  /** The absolute path of a file in it: `file('data', 'cars.json')`. */
  file(...parts: string[]): string;
}

const reported = new Set<string>();

/**
 * The folder `name` of `../shared/data` (`sharedData('vega-datasets')`). When it is missing, a
 * message naming it is printed (once per test file), and the caller skips the suites that read
 * it: `describe.skipIf(!vega.present)('…', …)`. Nothing may read the folder while tests are being
 * collected unless it is present (guard module-level reads with `present`).
 */
export function sharedData(name: string): SharedData {
  const path = join(SHARED_DATA_DIR, name);
  const present = existsSync(path);
  if (!present && !reported.has(name)) {
    reported.add(name);
    console.warn(`Skipping the tests that read ../shared/data/${name}: the folder ${path} is missing (see the Testing section of README.md).`);
  }
  return { path, present, file: (...parts) => join(path, ...parts) };
}
