/**
 * Canonical values, so results of colframe and of DuckDB compare directly: every integer is a
 * `bigint` (exact), every float a `number`, dates are `Day`s, instants are `Instant`s in
 * microseconds (DuckDB's unit; colframe's milliseconds are multiplied, so a sub-millisecond
 * DuckDB value never equals a colframe one), lists are arrays.
 */

/** A calendar date as days since 1970-01-01. */
export class Day {
  constructor(readonly days: number) {}
  toString(): string {
    return `date ${isoDay(this.days)}`;
  }
}

/** An instant as microseconds since the epoch. */
export class Instant {
  constructor(readonly micros: bigint) {}
  toString(): string {
    const ms = this.micros / 1000n;
    const rest = this.micros % 1000n;
    return `instant ${isoInstant(Number(ms))}${rest === 0n ? '' : ` + ${rest} µs`}`;
  }
}

/** A canonical value. */
export type Norm = null | boolean | number | bigint | string | Day | Instant | readonly Norm[];

/** `YYYY-MM-DD` of a day number (any year, ISO 8601 expanded form outside 0000–9999). */
export function isoDay(days: number): string {
  const d = new Date(days * 86_400_000);
  return Number.isNaN(d.getTime()) ? `day ${days}` : d.toISOString().slice(0, d.toISOString().indexOf('T'));
}

/** ISO 8601 of an instant in milliseconds. */
export function isoInstant(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ms} ms` : d.toISOString();
}

/**
 * Whether two canonical values are equal: NaN equals NaN, −0 equals 0 (as decided), a float
 * equals an integer of exactly its value, dates and instants by their numbers.
 */
export function sameValue(a: Norm, b: Norm): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof a === 'bigint') {
    if (typeof b !== 'number' && typeof b !== 'bigint') return false;
    if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
    if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
    const f = (typeof a === 'number' ? a : b) as number;
    const i = (typeof a === 'bigint' ? a : b) as bigint;
    return Number.isInteger(f) && BigInt(f) === i;
  }
  if (a instanceof Day) return b instanceof Day && a.days === b.days;
  if (a instanceof Instant) return b instanceof Instant && a.micros === b.micros;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  return a === b;
}

/**
 * Whether two floats agree within `tolerance` (absolute): NaN equals NaN, an infinity equals only
 * itself, anything else within the tolerance. Non-numbers compare with `sameValue`.
 */
export function closeValue(a: Norm, b: Norm, tolerance: number): boolean {
  if (sameValue(a, b)) return true;
  if ((typeof a !== 'number' && typeof a !== 'bigint') || (typeof b !== 'number' && typeof b !== 'bigint')) return false;
  const x = Number(a);
  const y = Number(b);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  return Math.abs(x - y) <= tolerance;
}

/** A canonical value as text for failure messages (code-like: `5n`, `-0`, `NaN`, `"a"`). */
export function showValue(v: Norm): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return jsString(v);
  if (Array.isArray(v)) return `[${v.map(showValue).join(', ')}]`;
  return String(v);
}

/** A string as an unambiguous JavaScript literal: non-ASCII and control characters escaped. */
export function jsString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\u{${cp.toString(16)}}`;
  }
  return `${out}"`;
}

/** A row of canonical values as text. */
export function showRow(row: readonly Norm[]): string {
  return `(${row.map(showValue).join(', ')})`;
}

/** A key for a canonical value that equal values share (for multiset comparisons). */
export function valueKey(v: Norm): string {
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (Number.isInteger(v) && Number.isFinite(v)) return `i${BigInt(v)}`;
    return `f${v === 0 ? 0 : v}`;
  }
  if (typeof v === 'bigint') return `i${v}`;
  if (typeof v === 'string') return `s${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return `b${v}`;
  if (v instanceof Day) return `d${v.days}`;
  if (v instanceof Instant) return `t${v.micros}`;
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  return String(v);
}

const ISO = /^([+-]\d{4,9}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2}(?::\d{2})?)?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (exact for any year). */
function civilDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * The instant an ISO 8601 text names, in exact milliseconds (any year, expanded years too; a time
 * without an offset read as UTC), or null when it is not one. Independent of colframe's parser and
 * of `Date.parse` (which stops at ±8.64e15 ms).
 */
export function isoMillis(text: string): bigint | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const frac = (m[7] ?? '').padEnd(3, '0');
  if (frac.length > 3 && /[1-9]/.test(frac.slice(3))) return null;
  let ms = BigInt(civilDays(Number(m[1]), Number(m[2]), Number(m[3]))) * 86_400_000n;
  ms += BigInt(((Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0)) * 1000 + Number(frac.slice(0, 3)));
  const z = m[8];
  if (z !== undefined && z !== 'Z') {
    const [h, mi, se] = z.slice(1).replace(/(\d{2}):?(\d{2})/, '$1:$2').split(':').map(Number) as [number, number, number | undefined];
    ms -= BigInt((z[0] === '-' ? -1 : 1) * ((h * 60 + mi) * 60 + (se ?? 0)) * 1000);
  }
  return ms;
}

/**
 * Whether a text has a character whose full Unicode case mapping (JavaScript's, polars') is not a
 * single code point or depends on context (ß → SS, ﬁ → FI, İ → i̇, final Σ → ς): where colframe and
 * DuckDB's one-to-one mapping part (difference 7).
 */
export function hasSpecialCasing(text: string): boolean {
  for (const c of text) {
    if (c === 'Σ' || [...c.toUpperCase()].length !== 1 || [...c.toLowerCase()].length !== 1) return true;
  }
  return false;
}
