/**
 * Frames as plain data (`FrameSpec`): the source of truth of a random case. A spec builds the
 * colframe frame, loads DuckDB, shrinks by dropping rows, and prints as colframe code for
 * reproductions. Values are held as: booleans; numbers for 8–32-bit integers and floats; bigints
 * for int64 / uint64; strings; day numbers for dates; milliseconds for timestamps.
 */
import {
  DataFrame,
  bool,
  categorical,
  date,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  timestamp,
  uint16,
  uint32,
  uint64,
  uint8,
  utf8,
  type AnyDType,
  type DTypeKind,
} from '../../src/index.js';
import { Day, Instant, jsString, type Norm } from './values.js';

/** One column of a spec. */
export interface ColumnSpec {
  readonly name: string;
  readonly dtype: AnyDType;
  readonly values: readonly unknown[];
}

/** A frame as plain data. */
export interface FrameSpec {
  readonly columns: readonly ColumnSpec[];
  readonly height: number;
}

const MS_PER_DAY = 86_400_000;

/** The dtype of `kind` (non-nullable, default options). */
export function dtypeOf(kind: DTypeKind, opts: { timezone?: string | null; int64?: 'number' | 'bigint' } = {}): AnyDType {
  switch (kind) {
    case 'bool':
      return bool();
    case 'int8':
      return int8();
    case 'int16':
      return int16();
    case 'int32':
      return int32();
    case 'int64':
      return opts.int64 === 'bigint' ? int64('bigint') : int64();
    case 'uint8':
      return uint8();
    case 'uint16':
      return uint16();
    case 'uint32':
      return uint32();
    case 'uint64':
      return opts.int64 === 'bigint' ? uint64('bigint') : uint64();
    case 'float32':
      return float32();
    case 'float64':
      return float64();
    case 'utf8':
      return utf8();
    case 'categorical':
      return categorical();
    case 'date':
      return date();
    case 'timestamp':
      return timestamp({ timezone: opts.timezone ?? null });
    default:
      throw new Error(`no spec dtype for ${kind}`);
  }
}

/** Kinds of integers. */
export const INT_KINDS: readonly DTypeKind[] = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'];
/** Kinds of floats. */
export const FLOAT_KINDS: readonly DTypeKind[] = ['float32', 'float64'];
/** Every kind colframe has. */
export const ALL_KINDS: readonly DTypeKind[] = ['bool', ...INT_KINDS, ...FLOAT_KINDS, 'utf8', 'categorical', 'date', 'timestamp'];

/** Whether a kind is an integer kind. */
export function isInt(kind: DTypeKind): boolean {
  return INT_KINDS.includes(kind);
}
/** Whether a kind is a float kind. */
export function isFloat(kind: DTypeKind): boolean {
  return kind === 'float32' || kind === 'float64';
}
/** Whether a kind is numeric. */
export function isNumber(kind: DTypeKind): boolean {
  return isInt(kind) || isFloat(kind);
}
/** Whether a kind holds text. */
export function isText(kind: DTypeKind): boolean {
  return kind === 'utf8' || kind === 'categorical';
}
/** Whether a kind is temporal. */
export function isTime(kind: DTypeKind): boolean {
  return kind === 'date' || kind === 'timestamp';
}
/** Whether an integer kind is 64 bits wide (values held as bigint). */
export function is64(kind: DTypeKind): boolean {
  return kind === 'int64' || kind === 'uint64';
}

/** A spec value as the JavaScript value colframe's constructors take. */
export function inputValue(v: unknown, dt: AnyDType): unknown {
  if (v === null) return null;
  if (dt.kind === 'date') return new Date((v as number) * MS_PER_DAY);
  if (dt.kind === 'timestamp') return new Date(v as number);
  return v;
}

/** The colframe frame of a spec (`DataFrame.fromColumns` with the spec's schema). */
export function frameOf(spec: FrameSpec): DataFrame {
  const columns: Record<string, unknown[]> = {};
  const schema: Record<string, AnyDType> = {};
  for (const c of spec.columns) {
    columns[c.name] = c.values.map((v) => inputValue(v, c.dtype));
    schema[c.name] = c.dtype;
  }
  return DataFrame.fromColumns(columns as Record<string, unknown[]>, { schema } as never) as DataFrame;
}

/** The spec restricted to rows `rows` (in that order). */
export function takeSpec(spec: FrameSpec, rows: readonly number[]): FrameSpec {
  return { height: rows.length, columns: spec.columns.map((c) => ({ ...c, values: rows.map((i) => c.values[i]) })) };
}

/** The spec with only the named columns. */
export function selectSpec(spec: FrameSpec, names: readonly string[]): FrameSpec {
  return { height: spec.height, columns: spec.columns.filter((c) => names.includes(c.name)) };
}

/** The spec with a non-nullable int32 column `name` holding 0 … height − 1 appended. */
export function withRowId(spec: FrameSpec, name = '__row'): FrameSpec {
  return { height: spec.height, columns: [...spec.columns, { name, dtype: int32(), values: Array.from({ length: spec.height }, (_, i) => i) }] };
}

/** A spec value as a canonical value. */
export function normOfSpec(v: unknown, dt: AnyDType): Norm {
  if (v === null) return null;
  switch (dt.kind) {
    case 'date':
      return new Day(v as number);
    case 'timestamp':
      return new Instant(BigInt(v as number) * 1000n);
    default:
      if (isInt(dt.kind)) return BigInt(v as number | bigint);
      return v as Norm;
  }
}

/** The rows of a spec as canonical values. */
export function specRows(spec: FrameSpec): Norm[][] {
  return Array.from({ length: spec.height }, (_, i) => spec.columns.map((c) => normOfSpec(c.values[i], c.dtype)));
}

/** A column's values as canonical values. */
export function specColumn(spec: FrameSpec, name: string): Norm[] {
  const c = spec.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c.values.map((v) => normOfSpec(v, c.dtype));
}

/** A value read from a colframe frame (as `toRecords({ int64: 'bigint' })` gives it) as a canonical value. */
export function normOfFrameValue(v: unknown, dt: AnyDType): Norm {
  if (v === null || v === undefined) return null;
  if (isTime(dt.kind) && Number.isNaN((v as Date).getTime())) return 'Invalid Date (read from a date or timestamp column)';
  if (dt.kind === 'date') return new Day((v as Date).getTime() / MS_PER_DAY);
  if (dt.kind === 'timestamp') return new Instant(BigInt((v as Date).getTime()) * 1000n);
  if (isInt(dt.kind)) return BigInt(v as number | bigint);
  return v as Norm;
}

/** A colframe frame's names, dtypes and rows as canonical values. */
export interface FrameRows {
  readonly names: readonly string[];
  readonly dtypes: readonly AnyDType[];
  readonly rows: Norm[][];
}

/** Read a colframe frame into canonical rows (64-bit integers read as bigint). */
export function readFrame(df: DataFrame): FrameRows {
  const names = df.columns;
  const dtypes = df.dtypes;
  const records = df.toRecords({ int64: 'bigint' }) as Record<string, unknown>[];
  // Dates and timestamps from their stored integers: exact also beyond a JavaScript Date's range.
  const stored = names.map((n, k) => {
    if (!isTime(dtypes[k]!.kind)) return null;
    const c = df.getColumn(n);
    const values = c.data.values as Int32Array | BigInt64Array;
    return (i: number): Norm => (c.isNull(i) ? null : dtypes[k]!.kind === 'date' ? new Day(values[i] as number) : new Instant(BigInt(values[i]!) * 1000n));
  });
  const rows = records.map((r, i) => names.map((n, k) => (stored[k] !== null ? stored[k]!(i) : normOfFrameValue(r[n], dtypes[k]!))));
  return { names, dtypes, rows };
}

/** One column of a colframe frame as canonical values. */
export function readColumn(df: DataFrame, name: string): Norm[] {
  const f = readFrame(df.select(name));
  return f.rows.map((r) => r[0]!);
}

// ------------------------------------------------------------------ printing as code

/** A dtype as colframe code: `nullable(int64('bigint'))`, `timestamp({ timezone: "UTC" })`. */
export function dtypeCode(dt: AnyDType): string {
  let inner: string;
  if (dt.kind === 'timestamp') inner = dt.timezone ? `timestamp({ timezone: ${JSON.stringify(dt.timezone)} })` : 'timestamp()';
  else if (is64(dt.kind)) inner = dt.int64 === 'bigint' ? `${dt.kind}('bigint')` : `${dt.kind}()`;
  else inner = `${dt.kind}()`;
  return dt.nullable ? `nullable(${inner})` : inner;
}

/** A number as JavaScript code (`-0`, `NaN`, `-Infinity` kept). */
export function numberCode(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A spec value as colframe input code. */
export function valueCode(v: unknown, dt: AnyDType): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'bigint':
      return `${v}n`;
    case 'string':
      return jsString(v);
    case 'boolean':
      return String(v);
    case 'number':
      if (dt.kind === 'date') return dateCode(v * MS_PER_DAY, true);
      if (dt.kind === 'timestamp') return dateCode(v, false);
      return numberCode(v);
    default:
      return String(v);
  }
}

/** A `Date` as code: `new Date("2024-01-02")` in years 0–9999, else `new Date(ms)` with the ISO text. */
export function dateCode(ms: number, dayOnly: boolean): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  if (/^\d{4}-/.test(iso)) return `new Date(${JSON.stringify(dayOnly ? iso.slice(0, 10) : iso)})`;
  return `new Date(${ms} /* ${dayOnly ? iso.slice(0, iso.indexOf('T')) : iso} */)`;
}

/** A spec as the colframe code that builds it. */
export function frameCode(spec: FrameSpec, name = 'df'): string {
  if (spec.columns.length === 0) return `const ${name} = DataFrame.fromColumns({});`;
  const cols = spec.columns.map((c) => `  ${c.name}: [${c.values.map((v) => valueCode(v, c.dtype)).join(', ')}],`);
  const schema = spec.columns.map((c) => `${c.name}: ${dtypeCode(c.dtype)}`).join(', ');
  return `const ${name} = DataFrame.fromColumns({\n${cols.join('\n')}\n}, { schema: { ${schema} } });`;
}
