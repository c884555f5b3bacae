/**
 * Casts built for both sides (`expr.cast(dtype, { strict })` and DuckDB's TRY_CAST), and text in
 * the forms colframe's utf8 → number / bool / date / timestamp casts accept (surrounding spaces,
 * a leading '+' for numbers), plus text both sides must reject. Forms DuckDB accepts but the
 * semantics leave open (leading zeros, '1.5' to an integer, '0x10', '1_000', 't' / 'yes' / '1' as
 * booleans, a padded boolean, a date with a time, a date-only timestamp) are not generated.
 */
import fc from 'fast-check';
import type { AnyDType } from '../../src/index.js';
import { dayArb, float64Arb, instantArb, intValueArb } from './arbitraries.js';
import { dtypeCode, isFloat, isText, type FrameSpec } from './frame-specs.js';
import { INSTANT_TEXT, inner, type Pair } from './pairs.js';
import { sqlString, sqlType } from './duckdb.js';

const MS_PER_DAY = 86_400_000;

/** `a.cast(to, { strict })`. */
export function castP(a: Pair, to: AnyDType, strict: boolean): Pair {
  const from = a.dt!;
  const x = a.sql;
  const code = `${a.code}.cast(${dtypeCode(to)}${strict ? '' : ', { strict: false }'})`;
  const e = a.e.cast(to, strict ? {} : { strict: false });
  const base = { e, code, arg: code, dt: to, parts: inner(a), op: `cast ${from.kind} → ${to.kind}${strict ? '' : ' (non-strict)'}` };
  const strictArg = strict ? { strictArg: x } : {};
  if (isText(to.kind)) {
    if (isFloat(from.kind)) return { ...base, sql: `CAST(${x} AS DOUBLE)`, mode: { kind: 'text-number', float32: from.kind === 'float32' } };
    if (from.kind === 'date') {
      // Years 1–9999 as DuckDB writes them; other years have no settled text, but it must read back as the day.
      return { ...base, sql: `(CASE WHEN ${x} IS NULL THEN NULL WHEN year(${x}) BETWEEN 1 AND 9999 THEN CAST(${x} AS VARCHAR) ELSE ${sqlString(INSTANT_TEXT)} || CAST(epoch_ms(${x}) AS VARCHAR) END)` };
    }
    if (from.kind !== 'timestamp') return { ...base, sql: `CAST(${x} AS VARCHAR)` };
    // ISO 8601 naming the instant (a naive one as UTC wall time): read back exactly, any year.
    return { ...base, sql: x, mode: { kind: 'text-instant' } };
  }
  if (from.kind === 'date' && to.kind === 'timestamp') return { ...base, ...strictArg, sql: `CAST(${x} AS ${sqlType(to)})` };
  // Text to an instant: DuckDB's TIMESTAMP drops a UTC offset (keeps the wall clock); TIMESTAMPTZ
  // applies it, which is what an instant means. Text without an offset is a wall time in the
  // target's zone (UTC for a naive target): timezone(zone, TIMESTAMP) reads it there.
  if (isText(from.kind) && to.kind === 'timestamp') {
    const zone = to.timezone ?? null;
    if (zone === null || zone === 'UTC') return { ...base, ...strictArg, sql: `TRY_CAST(${x} AS TIMESTAMPTZ)` };
    const t = `CAST(${x} AS VARCHAR)`;
    const sql = `(CASE WHEN regexp_matches(${t}, '([Zz]|[+-][0-9][0-9](:?[0-9][0-9])?)\\s*$') THEN TRY_CAST(${x} AS TIMESTAMPTZ) ELSE timezone(${sqlString(zone)}, TRY_CAST(${t} AS TIMESTAMP)) END)`;
    return { ...base, ...strictArg, sql };
  }
  return { ...base, ...strictArg, sql: `TRY_CAST(${x} AS ${sqlType(to)})` };
}

const pad = (s: fc.Arbitrary<string>) =>
  fc.tuple(s, fc.constantFrom('', '', '', ' ', '  '), fc.constantFrom('', '', '', ' ')).map(([t, l, r]) => `${l}${t}${r}`);

/** Text to cast to integers: decimal integers (signs, '+', padding), out-of-range ones, junk. */
export function intTextArb(): fc.Arbitrary<string> {
  const digits = fc.oneof(intValueArb('int64'), intValueArb('uint64'), intValueArb('int8'), fc.constantFrom(128, -129, 256, 65536, 2147483648, -2147483649, 4294967296));
  return fc.oneof(
    { weight: 6, arbitrary: pad(fc.tuple(digits, fc.boolean()).map(([v, plus]) => (plus && BigInt(v) >= 0n ? `+${v}` : String(v)))) },
    { weight: 1, arbitrary: fc.constantFrom('-0', '+0', '0') },
    { weight: 2, arbitrary: fc.constantFrom('', ' ', 'abc', '1 2', '--1', '+-1', '1-', '12a', '99999999999999999999999', '-', '+') },
  );
}

/** Text to cast to floats: JavaScript's own forms, decimals, exponents, NaN and infinities, junk. */
export function floatTextArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: pad(float64Arb().map((x) => (Object.is(x, -0) ? '-0' : String(x)))) },
    { weight: 2, arbitrary: pad(fc.constantFrom('1.50', '-0.0', '+2.5', '1e3', '1E-3', '2.5e+2', '-1.25e-2', '3.0', 'inf', '-inf', '+Infinity', '123456789012345678901234567890')) },
    { weight: 2, arbitrary: fc.oneof(intValueArb('int32'), intValueArb('int64')).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', 'abc', '1.2.3', '1e', 'e5', '--1', '1 2', '.', '+', 'NaNx', '1,5') },
  );
}

/** Text to cast to bool. */
export function boolTextArb(): fc.Arbitrary<string> {
  return fc.constantFrom('true', 'false', 'TRUE', 'FALSE', 'True', 'fAlSe', '', 'maybe', '2', 'truth', 'tru', 'falsey');
}

/** `YYYY-MM-DD` of a day in years 1–9999 (other years have no form both sides read). */
function dayText(days: number): string | null {
  const iso = new Date(days * MS_PER_DAY).toISOString();
  return /^\d{4}-/.test(iso) && !iso.startsWith('0000') ? iso.slice(0, 10) : null;
}

/** Text to cast to date. */
export function dateTextArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: pad(dayArb().map((d) => dayText(d) ?? '2024-02-29')) },
    { weight: 2, arbitrary: fc.constantFrom('2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '', 'x', '20240101', '2024-01') },
  );
}

/** Text to cast to timestamp: ISO 8601 with `T` or a space, with or without a fraction, `Z` or an offset, or none. */
export function timestampTextArb(): fc.Arbitrary<string> {
  const form = fc.tuple(
    instantArb().filter((ms) => ms >= -62_135_596_800_000 + 86_400_000 && ms < 253_402_300_800_000 - 86_400_000),
    fc.constantFrom('T', ' '),
    fc.constantFrom('Z', '', '+05:30', '-08:00', '+00:00'),
    fc.boolean(),
  ).map(([ms, sep, zone, frac]) => {
    const offsetMin = zone === '+05:30' ? 330 : zone === '-08:00' ? -480 : 0;
    const local = new Date(ms + offsetMin * 60_000).toISOString();
    const body = frac ? local.slice(0, 23) : local.slice(0, 19);
    return `${body.slice(0, 10)}${sep}${body.slice(11)}${zone}`;
  });
  return fc.oneof(
    { weight: 6, arbitrary: pad(form) },
    { weight: 1, arbitrary: fc.constantFrom('2024-01-01T25:00:00Z', '2024-01-01T12:60:00Z', 'x', '', '2024-02-30T00:00:00Z') },
  );
}

/** A one-column frame (`s`, nullable utf8) of `height` texts from `text`. */
export function textFrameArb(text: fc.Arbitrary<string>, utf8Type: AnyDType): fc.Arbitrary<FrameSpec> {
  return fc
    .array(fc.option(text, { freq: 6 }), { minLength: 0, maxLength: 12 })
    .map((values) => ({ height: values.length, columns: [{ name: 's', dtype: utf8Type, values }] }));
}
