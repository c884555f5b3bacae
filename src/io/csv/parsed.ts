/** The out-parameter every byte parser of the CSV reader sets: whether the last parse succeeded. */

/**
 * Whether the last parse succeeded (parsers return their value and set this, with no exception
 * and no allocation per field).
 * @example
 * ```ts
 * parseIntBytes(Buffer.from('12x'), 0, 3);
 * console.log(parsed.ok);
 * // prints: false
 * ```
 */
export const parsed = { ok: true };
