/** Signals that an inferred column must be read again as utf8 (a later value was text). */
export class RestartAsText extends Error {
  constructor(readonly column: string) {
    super(`column ${column} must be read as text`);
  }
}
