/**
 * String (`expr.str.*`), date-time (`expr.dt.*`) and conditional (`when`) expressions built for
 * both sides. Strings: code points throughout (DuckDB's length / substring / strpos count code
 * points), literal patterns, and regular expressions whose meaning is the same in JavaScript and
 * RE2. Date-time fields of a zoned timestamp are read on its wall clock (`timezone(tz, x)`).
 */
import { when, type AnyDType, type TruncateUnit } from '../../src/index.js';
import { dtypeOf } from './frame-specs.js';
import { sqlString } from './duckdb.js';
import { jsString } from './values.js';
import { inner, type Pair } from './pairs.js';

/** A string operation. */
export type StrOp =
  | { fn: 'contains'; pattern: string; literal: boolean }
  | { fn: 'startsWith' | 'endsWith'; text: string }
  | { fn: 'lower' | 'upper' | 'length' }
  | { fn: 'replace'; pattern: string; replacement: string; literal: boolean; all: boolean }
  | { fn: 'slice'; start: number; length: number | null };

/** Regular expressions that mean the same in JavaScript (no flags) and RE2. */
export const SAFE_REGEXES: readonly string[] = ['^a', 'b$', 'a|b', '[A-Z]', '\\d', 'ab+', '^$', 'é', '😀'];

/** `a.str.<op>`. */
export function strP(a: Pair, op: StrOp): Pair {
  const x = a.sql;
  const s = a.e.str;
  const k = a.dt!.kind;
  const base = { parts: inner(a), op: `str.${op.fn}${'literal' in op ? (op.literal ? ' literal' : ' regex') : ''}` };
  switch (op.fn) {
    case 'contains': {
      const code = `${a.code}.str.contains(${jsString(op.pattern)}${op.literal ? ', { literal: true }' : ''})`;
      const sql = op.literal ? `contains(${x}, ${sqlString(op.pattern)})` : `regexp_matches(${x}, ${sqlString(op.pattern)})`;
      return { ...base, e: s.contains(op.pattern, { literal: op.literal }), code, arg: code, sql, dt: dtypeOf('bool') };
    }
    case 'startsWith':
    case 'endsWith': {
      const code = `${a.code}.str.${op.fn}(${jsString(op.text)})`;
      const sql = `${op.fn === 'startsWith' ? 'starts_with' : 'ends_with'}(${x}, ${sqlString(op.text)})`;
      return { ...base, e: s[op.fn](op.text), code, arg: code, sql, dt: dtypeOf('bool') };
    }
    case 'lower':
    case 'upper': {
      const code = `${a.code}.str.${op.fn}()`;
      const t = `CAST(${x} AS VARCHAR)`;
      const sql = `(CASE WHEN ${x} IS NULL THEN NULL ELSE CAST(to_json([${op.fn}(${t}), ${t}]) AS VARCHAR) END)`;
      return { ...base, e: s[op.fn](), code, arg: code, sql, dt: dtypeOf(k), mode: { kind: 'case', fn: op.fn } };
    }
    case 'length': {
      const code = `${a.code}.str.length()`;
      return { ...base, e: s.length(), code, arg: code, sql: `length(${x})`, dt: dtypeOf('int32') };
    }
    case 'replace': {
      const opts = [op.all ? 'all: true' : '', op.literal ? 'literal: true' : ''].filter((o) => o !== '');
      const code = `${a.code}.str.replace(${jsString(op.pattern)}, ${jsString(op.replacement)}${opts.length > 0 ? `, { ${opts.join(', ')} }` : ''})`;
      const p = sqlString(op.pattern);
      const r = sqlString(op.replacement);
      let sql: string;
      if (!op.literal) sql = `regexp_replace(${x}, ${p}, ${r}${op.all ? ", 'g'" : ''})`;
      else if (op.all) sql = `replace(${x}, ${p}, ${r})`;
      else sql = `(CASE WHEN strpos(${x}, ${p}) = 0 THEN ${x} ELSE substring(${x}, 1, strpos(${x}, ${p}) - 1) || ${r} || substring(${x}, strpos(${x}, ${p}) + length(${p})) END)`;
      return { ...base, e: s.replace(op.pattern, op.replacement, { all: op.all, literal: op.literal }), code, arg: code, sql, dt: dtypeOf(k) };
    }
    case 'slice': {
      const code = `${a.code}.str.slice(${op.start}${op.length === null ? '' : `, ${op.length}`})`;
      const begin = op.start < 0 ? `(length(${x}) + ${op.start})` : `${op.start}`;
      const end = op.length === null ? `length(${x})` : `least(greatest(${begin} + ${op.length}, 0), length(${x}))`;
      const b = `greatest(${begin}, 0)`;
      const sql = `substring(${x}, ${b} + 1, greatest(${end} - ${b}, 0))`;
      return { ...base, e: op.length === null ? s.slice(op.start) : s.slice(op.start, op.length), code, arg: code, sql, dt: dtypeOf(k) };
    }
  }
}

/** A date-time operation. */
export type DtOp = { fn: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'weekday' } | { fn: 'truncate'; unit: TruncateUnit };

/** `a.dt.<op>` on a date or timestamp column. */
export function dtP(a: Pair, op: DtOp): Pair {
  const dt = a.dt!;
  const x = a.sql;
  const tz = dt.kind === 'timestamp' && dt.timezone ? sqlString(dt.timezone) : null;
  const wall = tz === null ? x : `timezone(${tz}, ${x})`;
  const base = { parts: inner(a), op: `dt.${op.fn}${op.fn === 'truncate' ? `(${op.unit})` : ''} on ${dt.kind}${tz === null ? '' : ' with zone'}` };
  if (op.fn !== 'truncate') {
    const code = `${a.code}.dt.${op.fn}()`;
    const f = op.fn === 'weekday' ? 'isodow' : op.fn;
    return { ...base, e: a.e.dt[op.fn](), code, arg: code, sql: `${f}(${wall})`, dt: dtypeOf('int32') };
  }
  const code = `${a.code}.dt.truncate(${JSON.stringify(op.unit)})`;
  const e = a.e.dt.truncate(op.unit);
  if (dt.kind === 'date') {
    const sql = ['day', 'hour', 'minute'].includes(op.unit) ? x : `CAST(date_trunc('${op.unit}', ${x}) AS DATE)`;
    return { ...base, e, code, arg: code, sql, dt };
  }
  if (tz === null) return { ...base, e, code, arg: code, sql: `date_trunc('${op.unit}', ${x})`, dt };
  // The start on the wall clock, as the instant with the original's UTC offset where that offset
  // reads the same wall time there, else DuckDB's reading of the wall time.
  const t = `date_trunc('${op.unit}', ${wall})`;
  const cand = `(${x} - (${wall} - ${t}))`;
  const sql = `(CASE WHEN timezone(${tz}, ${cand}) = ${t} THEN ${cand} ELSE timezone(${tz}, ${t}) END)`;
  return { ...base, e, code, arg: code, sql, dt };
}

/** `when(c1).then(v1)…otherwise(o)`: `dt` is the decided result dtype (see `whenKind`). */
export function whenP(branches: readonly [Pair, Pair][], otherwise: Pair | null, dt: AnyDType | null): Pair {
  let w = when(branches[0]![0].e).then(branches[0]![1].e);
  let code = `when(${branches[0]![0].arg}).then(${branches[0]![1].arg})`;
  for (const [c, v] of branches.slice(1)) {
    w = w.when(c.e).then(v.e);
    code += `.when(${c.arg}).then(${v.arg})`;
  }
  const e = otherwise === null ? w : w.otherwise(otherwise.e);
  if (otherwise !== null) code += `.otherwise(${otherwise.arg})`;
  const sql = `(CASE ${branches.map(([c, v]) => `WHEN ${c.sql} THEN ${v.sql}`).join(' ')}${otherwise === null ? '' : ` ELSE ${otherwise.sql}`} END)`;
  return { e, code, arg: code, sql, dt, parts: inner(...branches.flat(), ...(otherwise === null ? [] : [otherwise])), op: 'when' };
}
