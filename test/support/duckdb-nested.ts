/**
 * DuckDB against frames of every kind the expression suites need: lists (`T[]`), fixed-size lists
 * (`T[n]`), structs, decimals, timestamps in their own unit (TIMESTAMP_S / TIMESTAMP_MS /
 * TIMESTAMP / TIMESTAMP_NS, TIMESTAMPTZ with a zone), dates, and durations as BIGINT counts.
 * Tables are loaded from the same plain values the colframe frame is built from
 * (`ArrowColumnSpec`), as SQL literals, exactly; results of both sides are read as canonical
 * values (`Norm`): integers and instants as bigints (instants and durations in nanoseconds),
 * decimals as their text, lists as arrays.
 */
import type { Column } from '../../src/index.js';
import type { AnyDType } from '../../src/dtype/dtype.js';
import { Decimal, Instant } from '../../src/dtype/values.js';
import type { ArrowColumnSpec } from './arrow-frames.js';
import { ident, sqlString, sqlType, type Duck } from './duckdb.js';
import type { Norm } from './values.js';

const NS: Readonly<Record<string, bigint>> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };
const MS_PER_DAY = 86_400_000;

/** The DuckDB type holding a dtype exactly. */
export function duckType(dt: AnyDType): string {
  switch (dt.kind) {
    case 'timestamp':
      if (dt.timezone) return 'TIMESTAMPTZ';
      return dt.unit === 's' ? 'TIMESTAMP_S' : dt.unit === 'ms' ? 'TIMESTAMP_MS' : dt.unit === 'ns' ? 'TIMESTAMP_NS' : 'TIMESTAMP';
    case 'duration':
      return 'BIGINT';
    case 'list':
    case 'largeList':
      return `${duckType(dt.item!.dtype)}[]`;
    case 'fixedSizeList':
      return `${duckType(dt.item!.dtype)}[${dt.size}]`;
    case 'struct':
      return `STRUCT(${dt.fields!.map((f) => `${ident(f.name)} ${duckType(f.dtype)}`).join(', ')})`;
    default:
      return sqlType(dt);
  }
}

function floatLiteral(x: number, type: string): string {
  const text = Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : Object.is(x, -0) ? '-0.0' : String(x);
  return `CAST('${text}' AS ${type})`;
}

/** A value of `dt` (as given to `arrowFrame`) as a SQL expression of type `duckType(dt)`. */
export function duckLiteral(v: unknown, dt: AnyDType): string {
  if (v === null || v === undefined) return `CAST(NULL AS ${duckType(dt)})`;
  switch (dt.kind) {
    case 'bool':
      return v ? 'TRUE' : 'FALSE';
    case 'float32':
      return floatLiteral(Math.fround(v as number), 'FLOAT');
    case 'float64':
      return floatLiteral(v as number, 'DOUBLE');
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
      return sqlString(v as string);
    case 'decimal':
      return `CAST('${v instanceof Decimal ? v.toString() : new Decimal(v as bigint, dt.scale!).toString()}' AS ${duckType(dt)})`;
    case 'date':
      return `(DATE '1970-01-01' + CAST(${Math.round((v as Date).getTime() / MS_PER_DAY)} AS INTEGER))`;
    case 'timestamp': {
      const count = v instanceof Instant ? v.epoch : v instanceof Date ? BigInt(v.getTime()) : (v as bigint);
      const unit = dt.unit ?? 'ms';
      if (unit === 'ns') return `make_timestamp_ns(${count})`;
      const micros = (count * NS[unit]!) / 1000n;
      return `CAST(make_timestamp(${micros}) AS ${duckType(dt)})`;
    }
    case 'duration':
      return `CAST(${String(v)} AS BIGINT)`;
    case 'list':
    case 'largeList':
    case 'fixedSizeList': {
      const items = Array.from(v as ArrayLike<unknown>, (x) => duckLiteral(x, dt.item!.dtype));
      return `CAST([${items.join(', ')}] AS ${duckType(dt)})`;
    }
    case 'struct': {
      const o = v as Record<string, unknown>;
      return `CAST({${dt.fields!.map((f) => `${sqlString(f.name)}: ${duckLiteral(o[f.name] ?? null, f.dtype)}`).join(', ')}} AS ${duckType(dt)})`;
    }
    default:
      return typeof v === 'bigint' || typeof v === 'number' ? `CAST(${String(v)} AS ${duckType(dt)})` : sqlString(String(v));
  }
}

/** Load columns (the values a colframe frame is built from) into table `name`, with `__row` 0 … n − 1. */
export async function loadColumns(duck: Duck, name: string, columns: Readonly<Record<string, ArrowColumnSpec>>): Promise<void> {
  const names = Object.keys(columns);
  const defs = names.map((n) => `${ident(n)} ${duckType(columns[n]!.dtype)}`);
  await duck.run(`CREATE OR REPLACE TABLE ${ident(name)} (${[...defs, '"__row" INTEGER'].join(', ')})`);
  const height = names.length === 0 ? 0 : columns[names[0]!]!.values.length;
  const rows: string[] = [];
  for (let i = 0; i < height; i++) rows.push(`(${[...names.map((n) => duckLiteral(columns[n]!.values[i], columns[n]!.dtype)), String(i)].join(', ')})`);
  for (let k = 0; k < rows.length; k += 200) await duck.run(`INSERT INTO ${ident(name)} VALUES ${rows.slice(k, k + 200).join(', ')}`);
}

/** SQL giving an instant column (or expression) of `unit` as HUGEINT nanoseconds since the epoch. */
export function sqlNanos(expr: string, unit: string): string {
  return unit === 'ns' ? `CAST(epoch_ns(${expr}) AS HUGEINT)` : `CAST(epoch_us(${expr}) AS HUGEINT) * 1000`;
}

/** A colframe value of `dt` as a canonical value (instants and durations in ns, decimals as text). */
export function normValue(v: unknown, dt: AnyDType): Norm {
  if (v === null || v === undefined) return null;
  switch (dt.kind) {
    case 'decimal':
      return String(v);
    case 'timestamp':
      return v instanceof Instant ? v.epochNanoseconds : BigInt((v as Date).getTime()) * 1_000_000n;
    case 'date':
      return BigInt((v as Date).getTime() / MS_PER_DAY);
    case 'duration':
      return BigInt(v as number | bigint) * NS[dt.unit ?? 'ms']!;
    case 'list':
    case 'largeList':
    case 'fixedSizeList':
      return Array.from(v as ArrayLike<unknown>, (x) => normValue(x, dt.item!.dtype));
    default:
      if (typeof v === 'number' && Number.isInteger(v) && !dt.kind.startsWith('float')) return BigInt(v);
      return v as Norm;
  }
}

/** A colframe column as canonical values (64-bit counts read from the buffer, so nothing is refused). */
export function normColumn(c: Column): Norm[] {
  const out: Norm[] = [];
  const raw = c.data.values as unknown as ArrayLike<bigint>;
  for (let i = 0; i < c.length; i++) {
    if (c.isNull(i)) out.push(null);
    else if (c.dtype.kind === 'duration' || c.dtype.kind === 'timestamp') out.push(BigInt(raw[i]!) * NS[c.dtype.unit ?? 'ms']!);
    else if (c.dtype.kind === 'int64' || c.dtype.kind === 'uint64') out.push(c.dtype.kind === 'uint64' ? BigInt.asUintN(64, BigInt(raw[i]!)) : BigInt(raw[i]!));
    else out.push(normValue(c.at(i), c.dtype));
  }
  return out;
}

/** A spec as code: the `arrowFrame({...})` call that builds the frame (for reproductions). */
export function columnsCode(columns: Readonly<Record<string, ArrowColumnSpec>>): string {
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
    if (typeof v === 'string') return JSON.stringify(v);
    if (v instanceof Date) return `new Date(${v.getTime()})`;
    if (v instanceof Decimal) return `Decimal.parse(${JSON.stringify(v.toString())}, ${v.scale})`;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) return `[${Array.from(v as ArrayLike<unknown>, show).join(', ')}]`;
    if (typeof v === 'object') return `{ ${Object.entries(v as object).map(([k, x]) => `${JSON.stringify(k)}: ${show(x)}`).join(', ')} }`;
    return String(v);
  };
  const cols = Object.entries(columns).map(([n, c]) => `  ${JSON.stringify(n)}: { dtype: ${String(c.dtype).replace(/\?$/, '')} /* ${String(c.dtype)} */, values: [${c.values.map(show).join(', ')}] },`);
  return `const df = arrowFrame({\n${cols.join('\n')}\n});`;
}
