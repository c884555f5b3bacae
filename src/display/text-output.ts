/**
 * `TextOutput`: text made for reading (a glimpse, a terminal chart) that prints itself as it is,
 * where a plain string would show up quoted with `\n` escapes in the REPL.
 */
import { inspect } from 'node:util';

/**
 * Text for people to read, as `df.glimpse()` and the text charts of `df.plot` return it.
 * `console.log(out)` and the REPL show the text itself (not a quoted string); `String(out)`,
 * `` `${out}` ``, `out.toString()` and `out.text` give the string; `JSON.stringify` writes it as
 * a JSON string.
 *
 * @example
 * ```ts
 * const out = DataFrame.fromColumns({ x: [1, 2] }).glimpse();
 * console.log(out);
 * // prints:
 * // Rows: 2
 * // Columns: 1
 * // $ x <i32> 1, 2
 * out instanceof TextOutput; // → true
 * `${out}`.split('\n').length; // → 3
 * out.text === String(out); // → true
 * ```
 */
export class TextOutput {
  /** The text, lines joined with `\n` (no trailing newline). */
  readonly text: string;

  /** Wrap `text`. */
  constructor(text: string) {
    this.text = text;
  }

  /** The text. */
  toString(): string {
    return this.text;
  }

  /** The text, so `JSON.stringify` writes a JSON string. */
  toJSON(): string {
    return this.text;
  }

  /** The text as it is, for `console.log` and the REPL. */
  [inspect.custom](): string {
    return this.text;
  }
}
