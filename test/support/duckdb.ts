/**
 * DuckDB as the reference: one in-memory instance per test file (one thread), a loader that puts
 * a colframe frame into a table exactly (typed appenders: int64 as BIGINT, −0 and NaN kept, dates
 * as DATE, timestamps as TIMESTAMP / TIMESTAMPTZ in microseconds from the milliseconds), and
 * queries read back as canonical values.
 */
import {
  DuckDBDateValue,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { AnyDType, DataFrame } from '../../src/index.js';
import { readFrame } from './frame-specs.js';
import { Day, Instant, type Norm } from './values.js';

/** A query result as canonical values. */
export interface DuckResult {
  readonly names: readonly string[];
  readonly types: readonly string[];
  readonly rows: Norm[][];
}

/** A column of a query result by position. */
export function columnOf(r: DuckResult, k: number): Norm[] {
  return r.rows.map((row) => row[k]!);
}

/** The SQL type that holds a colframe dtype exactly. */
export function sqlType(dt: AnyDType): string {
  switch (dt.kind) {
    case 'bool':
      return 'BOOLEAN';
    case 'int8':
      return 'TINYINT';
    case 'int16':
      return 'SMALLINT';
    case 'int32':
      return 'INTEGER';
    case 'int64':
      return 'BIGINT';
    case 'uint8':
      return 'UTINYINT';
    case 'uint16':
      return 'USMALLINT';
    case 'uint32':
      return 'UINTEGER';
    case 'uint64':
      return 'UBIGINT';
    case 'float32':
      return 'FLOAT';
    case 'float64':
      return 'DOUBLE';
    case 'utf8':
    case 'categorical':
      return 'VARCHAR';
    case 'date':
      return 'DATE';
    case 'timestamp':
      // Microseconds hold s, ms and us exactly; nanoseconds need TIMESTAMP_NS (no zone).
      if (dt.unit === 'ns') return 'TIMESTAMP_NS';
      return dt.timezone ? 'TIMESTAMPTZ' : 'TIMESTAMP';
    case 'decimal':
      if (dt.precision! > 38) throw new Error(`DuckDB's DECIMAL holds at most 38 digits, not ${String(dt)}`);
      return `DECIMAL(${dt.precision}, ${dt.scale})`;
    case 'largeUtf8':
      return 'VARCHAR';
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return 'BLOB';
    case 'float16':
      return 'FLOAT';
    default:
      throw new Error(`no SQL type for ${String(dt)} in the differential suite yet`);
  }
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function appendValue(a: DuckDBAppender, v: Norm, dt: AnyDType): void {
  if (v === null) {
    a.appendNull();
    return;
  }
  switch (dt.kind) {
    case 'bool':
      return a.appendBoolean(v as boolean);
    case 'int8':
      return a.appendTinyInt(Number(v));
    case 'int16':
      return a.appendSmallInt(Number(v));
    case 'int32':
      return a.appendInteger(Number(v));
    case 'int64':
      return a.appendBigInt(v as bigint);
    case 'uint8':
      return a.appendUTinyInt(Number(v));
    case 'uint16':
      return a.appendUSmallInt(Number(v));
    case 'uint32':
      return a.appendUInteger(Number(v));
    case 'uint64':
      return a.appendUBigInt(v as bigint);
    case 'float32':
      return a.appendFloat(v as number);
    case 'float64':
      return a.appendDouble(v as number);
    case 'utf8':
    case 'categorical':
      return a.appendVarchar(v as string);
    case 'date':
      return a.appendDate(new DuckDBDateValue((v as Day).days));
    case 'timestamp':
      if (dt.timezone) return a.appendTimestampTZ(new DuckDBTimestampTZValue((v as Instant).micros));
      return a.appendTimestamp(new DuckDBTimestampValue((v as Instant).micros));
  }
}

/** A DuckDB value of a column of type `t` as a canonical value. */
export function normOfDuck(v: DuckDBValue, t: DuckDBType): Norm {
  if (v === null) return null;
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return v as boolean;
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return BigInt(v as number | bigint);
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return v as number;
    case DuckDBTypeId.VARCHAR:
      return v as string;
    case DuckDBTypeId.DATE:
      return new Day((v as DuckDBDateValue).days);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new Instant((v as DuckDBTimestampValue).micros);
    case DuckDBTypeId.TIMESTAMP_MS:
      return new Instant((v as unknown as { millis: bigint }).millis * 1000n);
    case DuckDBTypeId.TIMESTAMP_S:
      return new Instant((v as unknown as { seconds: bigint }).seconds * 1_000_000n);
    case DuckDBTypeId.LIST: {
      const inner = (t as unknown as { valueType: DuckDBType }).valueType;
      return (v as unknown as { items: readonly DuckDBValue[] }).items.map((x) => normOfDuck(x, inner));
    }
    default:
      throw new Error(`unexpected DuckDB result type ${String(t)}; cast it in the query`);
  }
}

/** A DuckDB connection for one test file. */
export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** An in-memory database on one thread, session time zone UTC. */
  static async open(): Promise<Duck> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
    return new Duck(instance, conn);
  }

  /** Close the connection and the instance. */
  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Run a statement without a result. */
  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Run a query and read every row as canonical values. */
  async query(sql: string): Promise<DuckResult> {
    const reader = await this.conn.runAndReadAll(sql);
    const types = reader.columnTypes();
    const rows = reader.getRows().map((row) => row.map((v, k) => normOfDuck(v, types[k]!)));
    return { names: reader.columnNames(), types: types.map(String), rows };
  }

  /** Like `query`, with DuckDB's error message instead of a throw. */
  async tryQuery(sql: string): Promise<DuckResult | { error: string }> {
    try {
      return await this.query(sql);
    } catch (e) {
      return { error: (e as Error).message.split('\n')[0]! };
    }
  }

  /**
   * Load a colframe frame into table `name` (replacing it), every value exactly, with an extra
   * INTEGER column `rowId` (0 … height − 1) unless the frame has a column of that name.
   */
  async load(name: string, df: DataFrame, rowId = '__row'): Promise<void> {
    const f = readFrame(df);
    const cols = f.names.map((n, k) => `${ident(n)} ${sqlType(f.dtypes[k]!)}`);
    const addRow = !f.names.includes(rowId);
    if (addRow) cols.push(`${ident(rowId)} INTEGER`);
    await this.conn.run(`CREATE OR REPLACE TABLE ${ident(name)} (${cols.join(', ')})`);
    if (f.rows.length === 0) return;
    const a = await this.conn.createAppender(name);
    try {
      f.rows.forEach((row, i) => {
        row.forEach((v, k) => appendValue(a, v, f.dtypes[k]!));
        if (addRow) a.appendInteger(i);
        a.endRow();
      });
      a.flushSync();
    } finally {
      a.closeSync();
    }
  }
}
