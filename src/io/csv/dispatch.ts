/**
 * The per-row dispatch from tokenized fields to column sinks, generated once per set of sinks so
 * every call site sees one sink class (monomorphic, inlinable) instead of a loop over a mixed array.
 */
import type { Sink } from './sinks.js';
import { isCommonNull } from './null-tokens.js';

/**
 * Sends the current row's fields to the sinks, starting at sink `from` (to resume after a widened
 * column). Returns -1 when every value was taken; `k` when sink `k` refused a value; `n + k`
 * when sink `k` refused a null (not nullable).
 */
export type Dispatch = (buf: Uint8Array, scratch: Uint8Array, starts: Int32Array, ends: Int32Array, flags: Uint8Array, from: number) => number;

/** Tests whether unquoted field bytes are one of the configured null texts. */
export type NullTest = (b: Uint8Array, s: number, e: number) => boolean;

/** A dispatch for `sinks`, where sink `k` takes field `fields[k]` of the row. */
export function makeDispatch(sinks: readonly Sink[], fields: readonly number[], nullTest: NullTest | null): Dispatch {
  const n = sinks.length;
  const cases = sinks
    .map((_, k) => {
      const f = fields[k]!;
      const isNull = nullTest === null ? 'a === z && (g & 1) === 0' : '(g & 1) === 0 && (a === z || nullTest(buf, a, z))';
      // Readable form: if the field is null → appendNull, else append its bytes (from scratch when flagged).
      return `    case ${k}:
      g = flags[${f}]; a = starts[${f}]; z = ends[${f}];
      if (${isNull}) { if (!s${k}.appendNull()) return ${n + k}; }
      else if (!s${k}.append((g & 2) !== 0 ? scratch : buf, a, z)) return ${k};`;
    })
    .join('\n');
  const decls = sinks.map((_, k) => `const s${k} = sinks[${k}];`).join('\n');
  const source = `"use strict";
${decls}
return function dispatch(buf, scratch, starts, ends, flags, from) {
  let g = 0, a = 0, z = 0;
  switch (from) {
${cases}
  }
  return -1;
};`;
  const factory = new Function('sinks', 'nullTest', source) as (sinks: readonly Sink[], nullTest: NullTest | null) => Dispatch;
  return factory(sinks, nullTest);
}

/** A null test for the given texts (compared on bytes), or for the common tokens (`'common'`). */
export function makeNullTest(texts: readonly string[] | 'common'): NullTest | null {
  if (texts === 'common') return isCommonNull;
  const words = texts.filter((t) => t.length > 0).map((t) => Buffer.from(t, 'utf8'));
  if (words.length === 0) return null;
  return (b, s, e) => {
    const n = e - s;
    for (const w of words) {
      if (w.length !== n) continue;
      let k = 0;
      while (k < n && w[k] === b[s + k]) k++;
      if (k === n) return true;
    }
    return false;
  };
}
