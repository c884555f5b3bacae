/**
 * The check every public function runs on its options object: an object, and only keys it knows,
 * so a misspelled option (`{ delimter: ';' }`) is an error naming it and the closest known one
 * instead of being ignored. (Imports only `errors.ts`, which sits below every other layer.)
 */
import { InvalidArgumentError, UnknownOptionError } from '../errors.js';

/** The keys of `T` that a key list `K` leaves out (`never` when it lists them all). */
type Missing<T, K extends readonly string[]> = Exclude<keyof T & string, K[number]>;

/**
 * Check an options object: `undefined` (no options) passes; anything that is not a plain object
 * (`null`, a string, an array …) is an {@link InvalidArgumentError}; a key not in `keys` is an
 * {@link UnknownOptionError} naming it, suggesting the closest known key and listing them all.
 * Values are the caller's to check. The type of `keys` must list every key of the options type
 * (a missing one is a compile error naming it), so the list cannot fall behind the interface.
 *
 * @param options - The options as given.
 * @param keys - Every key the function takes.
 * @param where - The function's name for the message, e.g. `readCSV` or `df.sort`.
 * @throws InvalidArgumentError for options that are not an object.
 * @throws UnknownOptionError for a key not in `keys`.
 * @example
 * ```ts
 * interface Opts { delimiter?: string; quote?: string }
 * const opts: Opts = JSON.parse('{"delimter": ";"}');
 * checkOptions(opts, ['delimiter', 'quote'], 'readThing');
 * // throws UnknownOptionError: readThing: unknown option "delimter". Did you mean "delimiter"? Options: delimiter, quote
 * ```
 */
export function checkOptions<T extends object, const K extends readonly (keyof T & string)[]>(
  options: T | undefined,
  keys: K & ([Missing<T, K>] extends [never] ? unknown : { readonly missingKeys: Missing<T, K> }),
  where: string,
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`, options);
  }
  const known: readonly string[] = keys;
  for (const key in options) {
    if (Object.hasOwn(options, key) && !known.includes(key)) throw new UnknownOptionError(key, where, known);
  }
}
