/**
 * Casts to and from text.
 *
 * To utf8 / categorical: integers exactly (int64 and uint64 included, whatever their read mode),
 * floats as their shortest round-trip text (`-0`, `NaN`, `inf`, `-inf`; float32 as float32),
 * booleans as `true` / `false`, dates as `YYYY-MM-DD`, timestamps as ISO 8601 (naive: no zone;
 * UTC: `Z`; another zone: local time and offset), years outside 0–9999 expanded.
 *
 * From utf8 / categorical (DuckDB's CAST for the forms accepted; see cast-parse.ts): surrounding
 * whitespace is ignored; integers take decimals and exponents, rounded half away from zero, and
 * are exact; floats take `inf` / `nan`; booleans `true/false/t/f/yes/no/y/n/1/0`; dates
 * `YYYY-MM-DD`; timestamps ISO 8601 or a date alone. Text with a `Z` or an offset is that instant;
 * text without is wall-clock time in the target's time zone (UTC when it has none). A categorical
 * parses each dictionary entry once.
 */
import { INT_RANGES, type AnyDType, type DTypeKind } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { decodeUtf8 } from '../../column/access.js';
import { NUMBER_STORAGE } from '../../column/builder-numeric.js';
import { heapAllocator } from '../../util/alloc.js';
import { bitmapBytes } from '../../util/bits.js';
import { parseFloatBytes, parsed } from '../../util/parse-bytes.js';
import { timestampZone } from '../../util/parse-dates.js';
import { float32Text, float64Text } from '../../codec/csv-values.js';
import { formatDate, formatTimestamp, formatTimestampAtOffset } from '../../util/temporal.js';
import { categoricalToUtf8 } from '../concat-columns.js';
import { CastFailures, HI, LO, TWO_32, castResult, resultDType, writeWords } from './cast.js';
import { BIG, bigOut, parseBoolText, parseDateText, parseFloat32Text, parseIntegerText, parseTimestampText, span, trimmed } from './cast-parse.js';
import { Interner, categoricalColumn, utf8Bytes, utf8Column } from './columns.js';
import { validityOf } from './values.js';
import { zoneOf, type Zone } from './zone.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MIN_DAYS = -2147483648;
const MAX_DAYS = 2147483647;

/**
 * A column as text: utf8, or categorical (distinct texts in first-seen order).
 * @example
 * ```ts
 * castToText(DataFrame.fromColumns({ x: [2n ** 63n - 1n] }).getColumn('x'), utf8(), true).get(0); // → '9223372036854775807'
 * ```
 */
export function castToText(c: Column, to: AnyDType, strict: boolean): Column {
  const from = c.dtype.kind;
  const n = c.length;
  if (from === to.kind) return new Column(c.name, resultDType(to, strict, c.nullCount), c.data);
  if (from === 'categorical') {
    const d = categoricalToUtf8(c.data, heapAllocator);
    return new Column(c.name, resultDType(to, strict, c.nullCount), d);
  }
  const valid = validityOf(c);
  const text = textOf(c);
  if (to.kind === 'categorical') {
    const dict = new Interner();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) if (valid === null || (valid[i >> 3]! & (1 << (i & 7))) !== 0) codes[i] = dict.code(text(i));
    const out = categoricalColumn(c.name, codes, dict.strings, valid);
    return new Column(c.name, resultDType(to, strict, c.nullCount), out.data);
  }
  const buf = utf8Bytes(n, n * 8);
  for (let i = 0; i < n; i++) {
    if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) buf.pushEmpty();
    else buf.push(text(i));
  }
  const out = utf8Column(c.name, buf, valid);
  return new Column(c.name, resultDType(to, strict, c.nullCount), out.data);
}

/** The text of row `i` of a non-text column (a non-null row), chosen once per dtype. */
function textOf(c: Column): (i: number) => string {
  const d = c.data;
  switch (c.dtype.kind) {
    case 'utf8': {
      const bytes = d.values as Uint8Array;
      const offs = d.valueOffsets as Int32Array;
      return (i) => decodeUtf8(bytes, offs[i]!, offs[i + 1]!);
    }
    case 'bool': {
      const bits = d.values as Uint8Array;
      const off = d.offset;
      return (i) => ((bits[(i + off) >> 3]! >> ((i + off) & 7)) & 1 ? 'true' : 'false');
    }
    case 'int64':
    case 'uint64': {
      const big = d.values as BigInt64Array;
      const words = new Int32Array(big.buffer, big.byteOffset, big.length * 2);
      const unsigned = c.dtype.kind === 'uint64';
      return (i) => {
        const h = unsigned ? words[2 * i + HI]! >>> 0 : words[2 * i + HI]!;
        return h < 0x200000 && h >= -0x200000 ? String(h * TWO_32 + (words[2 * i + LO]! >>> 0)) : String(big[i]);
      };
    }
    case 'float64': {
      const xs = d.values as Float64Array;
      return (i) => float64Text(xs[i]!);
    }
    case 'float32': {
      const xs = d.values as Float32Array;
      return (i) => float32Text(xs[i]!);
    }
    case 'date': {
      const days = d.values as Int32Array;
      return (i) => formatDate(days[i]!);
    }
    case 'timestamp': {
      const big = d.values as BigInt64Array;
      const words = new Int32Array(big.buffer, big.byteOffset, big.length * 2);
      const tz = c.dtype.timezone ?? null;
      const zone = zoneOf(tz);
      const ms = (i: number): number | bigint => {
        const h = words[2 * i + HI]!;
        return h < 0x200000 && h >= -0x200000 ? h * TWO_32 + (words[2 * i + LO]! >>> 0) : big[i]!;
      };
      if (zone === null) return (i) => formatTimestamp(ms(i), tz === null ? null : 'UTC');
      return (i) => {
        const t = ms(i);
        return formatTimestampAtOffset(t, zone.offset(Number(t)));
      };
    }
    default: {
      const xs = d.values as ArrayLike<number>;
      return (i) => String(xs[i]);
    }
  }
}

/** The parse of one text into slot `k` of the output; returns a failure reason, or '' when it parsed. */
type ParseInto = (b: Uint8Array, s: number, e: number, k: number) => string;

/**
 * A utf8 or categorical column parsed as `to` (a number, bool, date or timestamp kind).
 * @throws InvalidValueError (strict) naming the first row whose text does not convert.
 * @example
 * ```ts
 * castFromText(DataFrame.fromColumns({ s: [' 2.5 ', 'x'] }).getColumn('s'), int32(), false).toArray(); // → [ 3, null ]
 * ```
 */
export function castFromText(c: Column, to: AnyDType, strict: boolean): Column {
  const n = c.length;
  const valid = validityOf(c);
  const f = new CastFailures(c.name, to, strict, valid, n);
  const cat = c.dtype.kind === 'categorical';
  // Text entries: the rows of a utf8 column, or the dictionary of a categorical one.
  const entries = cat ? c.data.dictionary!.data[0]! : c.data;
  const m = entries.length;
  const bytes = entries.values as Uint8Array;
  const offs = entries.valueOffsets as Int32Array;
  const { out, parse } = parserFor(to, m);
  const bad = cat ? new Uint8Array(m) : null;
  for (let k = 0; k < m; k++) {
    if (!cat && valid !== null && (valid[k >> 3]! & (1 << (k & 7))) === 0) continue;
    const reason = parse(bytes, offs[k]!, offs[k + 1]!, k);
    if (reason === '') continue;
    if (bad !== null) bad[k] = 1;
    else f.fail(k, decodeUtf8(bytes, offs[k]!, offs[k + 1]!), reason);
  }
  let values: ArrayLike<unknown> = out;
  if (cat) {
    const codes = c.data.values as ArrayLike<number>;
    const gathered = new (out.constructor as Int32ArrayConstructor)(n) as unknown as { [i: number]: unknown; length: number };
    for (let i = 0; i < n; i++) {
      if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) continue;
      const k = codes[i]!;
      if (bad![k] === 1) f.fail(i, decodeUtf8(bytes, offs[k]!, offs[k + 1]!), parse(bytes, offs[k]!, offs[k + 1]!, k));
      else gathered[i] = (out as unknown as { [i: number]: unknown })[k];
    }
    values = gathered as ArrayLike<unknown>;
  }
  if (to.kind === 'bool') values = packBits(values as Uint8Array, n);
  return castResult(c.name, to, strict, n, values, f.validity);
}

function packBits(bytes: Uint8Array, n: number): Uint8Array {
  const bits = new Uint8Array(bitmapBytes(n));
  for (let i = 0; i < n; i++) if (bytes[i] === 1) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}

function rangeReason(kind: DTypeKind): string {
  const r = INT_RANGES[kind];
  if (r !== undefined) return `out of range ${r[0]} … ${r[1]}`;
  return kind === 'uint64' ? 'out of range 0 … 2^64-1' : kind === 'int64' ? 'out of range -2^63 … 2^63-1' : 'out of range';
}

const NOT_NUMBER = 'not a number';
const NOT_BOOL = 'not a boolean (true/false, t/f, yes/no, y/n, 1/0)';
const NOT_DATE = 'not a date (YYYY-MM-DD)';
const NOT_TIMESTAMP = 'not a timestamp (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM])';

/** The output array of `m` entries for `to`, and the parser writing into it (chosen once). */
function parserFor(to: AnyDType, m: number): { out: ArrayLike<unknown>; parse: ParseInto } {
  const kind = to.kind;
  switch (kind) {
    case 'bool': {
      const out = new Uint8Array(m);
      return {
        out,
        parse: (b, s, e, k) => {
          trimmed(b, s, e);
          const v = parseBoolText(b, span.s, span.e);
          if (v < 0) return NOT_BOOL;
          out[k] = v;
          return '';
        },
      };
    }
    case 'float64':
    case 'float32': {
      const out = kind === 'float64' ? new Float64Array(m) : new Float32Array(m);
      const f32 = kind === 'float32';
      return {
        out,
        parse: (b, s, e, k) => {
          trimmed(b, s, e);
          const v = f32 ? parseFloat32Text(b, span.s, span.e) : parseFloatBytes(b, span.s, span.e);
          if (!parsed.ok) return NOT_NUMBER;
          out[k] = v;
          return '';
        },
      };
    }
    case 'int64':
    case 'uint64': {
      const out = kind === 'int64' ? new BigInt64Array(m) : new BigUint64Array(m);
      const words = new Int32Array(out.buffer);
      const unsigned = kind === 'uint64';
      return {
        out,
        parse: (b, s, e, k) => {
          trimmed(b, s, e);
          const v = parseIntegerText(b, span.s, span.e);
          if (Number.isNaN(v)) return NOT_NUMBER;
          if (v !== BIG) {
            if (unsigned && v < 0) return rangeReason(kind);
            writeWords(words, k, v);
            return '';
          }
          const big = bigOut.value;
          if (unsigned ? big < 0n || big > UINT64_MAX : big < INT64_MIN || big > INT64_MAX) return rangeReason(kind);
          out[k] = big;
          return '';
        },
      };
    }
    case 'date': {
      const out = new Int32Array(m);
      return {
        out,
        parse: (b, s, e, k) => {
          trimmed(b, s, e);
          const days = parseDateText(b, span.s, span.e);
          if (Number.isNaN(days)) return NOT_DATE;
          if (days < MIN_DAYS || days > MAX_DAYS) return 'out of the date range';
          out[k] = days;
          return '';
        },
      };
    }
    case 'timestamp': {
      const out = new BigInt64Array(m);
      const words = new Int32Array(out.buffer);
      const zone = zoneOf(to.timezone ?? null);
      return {
        out,
        parse: (b, s, e, k) => {
          trimmed(b, s, e);
          const t = parseTimestampText(b, span.s, span.e);
          if (Number.isNaN(t)) return NOT_TIMESTAMP;
          const local = zone !== null && !timestampZone.aware;
          if (t !== BIG) {
            writeWords(words, k, local ? toUtc(zone, t) : t);
            return '';
          }
          const big = local ? bigOut.value - BigInt(zone.offset(Number(bigOut.value))) : bigOut.value;
          if (big < INT64_MIN || big > INT64_MAX) return 'out of the timestamp range';
          out[k] = big;
          return '';
        },
      };
    }
    default: {
      const out = new NUMBER_STORAGE[kind]!(m);
      const [lo, hi] = INT_RANGES[kind]!;
      return {
        out,
        parse: (b, s, e, k) => {
          trimmed(b, s, e);
          const v = parseIntegerText(b, span.s, span.e);
          if (Number.isNaN(v)) return NOT_NUMBER;
          if (v === BIG || v < lo || v > hi) return rangeReason(kind);
          out[k] = v;
          return '';
        },
      };
    }
  }
}

/** The instant whose wall-clock time in `zone` is `local` (see `localToUtc`). */
function toUtc(zone: Zone, local: number): number {
  const t = zone.toUtc(local, zone.offset(local));
  return t <= MAX_SAFE && t >= -MAX_SAFE ? t : local;
}

