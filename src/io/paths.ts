/**
 * What a file's name says about its contents, shared by the readers, the writers and the
 * command line: gzip compression (`.gz`, and the gzip magic bytes), and the CSV delimiter of
 * tab-separated files (`.tsv`, `.tab`, also under `.gz`).
 */
import { extname } from 'node:path';

/**
 * Whether `path` names a gzip file (ends with `.gz`, any case).
 * @param path - A file path.
 * @returns True for `x.csv.gz`, `x.GZ`.
 * @example
 * ```ts
 * console.log(isGzipPath('flights.csv.gz'), isGzipPath('flights.csv'));
 * // prints: true false
 * ```
 */
export function isGzipPath(path: string): boolean {
  return extname(path).toLowerCase() === '.gz';
}

/**
 * `path` without a trailing `.gz`, so the extension before it can name the format.
 * @param path - A file path.
 * @returns The path without `.gz`.
 * @example
 * ```ts
 * console.log(withoutGzip('a/b.tsv.gz'), withoutGzip('a/b.tsv'));
 * // prints: a/b.tsv a/b.tsv
 * ```
 */
export function withoutGzip(path: string): string {
  return isGzipPath(path) ? path.slice(0, -3) : path;
}

/**
 * The lower-case extension that names a file's format, looking through a `.gz`.
 * @param path - A file path.
 * @returns `.csv` for `x.CSV.gz`, `''` when there is none.
 * @example
 * ```ts
 * console.log(formatExtension('x.NDJSON.gz'), formatExtension('x.tsv'));
 * // prints: .ndjson .tsv
 * ```
 */
export function formatExtension(path: string): string {
  return extname(withoutGzip(path)).toLowerCase();
}

/**
 * Whether bytes start with the gzip magic number (`1f 8b`).
 * @param head - The first bytes of an input (at least two to say yes).
 * @returns True for gzip data.
 * @example
 * ```ts
 * import { gzipSync } from 'node:zlib';
 * console.log(isGzipBytes(gzipSync('a,b\n')), isGzipBytes(Buffer.from('a,b\n')));
 * // prints: true false
 * ```
 */
export function isGzipBytes(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The CSV delimiter a file name implies: a tab for `.tsv` and `.tab` (also `.tsv.gz`), else
 * `undefined` (a comma unless the caller sniffs or is told otherwise). An explicit `delimiter`
 * option always wins over the name.
 * @param path - A file path.
 * @returns `'\t'` or undefined.
 * @example
 * ```ts
 * console.log(JSON.stringify(delimiterOfPath('unemployment.tsv.gz')), delimiterOfPath('cars.csv'));
 * // prints: "\t" undefined
 * ```
 */
export function delimiterOfPath(path: string): string | undefined {
  const ext = formatExtension(path);
  return ext === '.tsv' || ext === '.tab' ? '\t' : undefined;
}
