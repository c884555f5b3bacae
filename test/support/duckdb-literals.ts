/**
 * Loading frames of the new kinds (decimals, timestamps in us/ns, binary kinds) into DuckDB
 * through SQL literals, exactly (the typed appender of duckdb.ts reads dates and timestamps through
 * canonical microseconds, which would drop nanoseconds), and reading such values back as text
 * both sides print alike.
 */
import { Instant, type AnyDType, type DataFrame, type Decimal } from '../../src/index.js';
import { ident, sqlString, sqlType, type Duck } from './duckdb.js';

/** A SQL literal of a colframe value of `dt`. */
export function sqlLiteral(v: unknown, dt: AnyDType): string {
  if (v === null) return 'NULL';
  switch (dt.kind) {
    case 'decimal':
      return `CAST(${sqlString(String(v as Decimal))} AS ${sqlType(dt)})`;
    case 'timestamp': {
      if (dt.unit === 'ns') return `make_timestamp_ns(${(v as Instant).epoch})`;
      const micros = v instanceof Instant ? v.epoch : BigInt((v as Date).getTime()) * 1000n;
      return `make_timestamp(${micros})`;
    }
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return `unhex('${Buffer.from(v as Uint8Array).toString('hex')}')`;
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
      return sqlString(v as string);
    default:
      return String(v);
  }
}

/** Load `df` into table `name` (replacing it) with one INSERT of literals. */
export async function loadLiterals(duck: Duck, name: string, df: DataFrame): Promise<void> {
  const cols = df.columns.map((n, k) => `${ident(n)} ${sqlType(df.dtypes[k]!)}`);
  await duck.run(`CREATE OR REPLACE TABLE ${ident(name)} (${cols.join(', ')})`);
  if (df.height === 0) return;
  const rows = df.toRecords({ int64: 'bigint' }).map((r) => `(${df.columns.map((n, k) => sqlLiteral(r[n], df.dtypes[k]!)).join(', ')})`);
  await duck.run(`INSERT INTO ${ident(name)} VALUES ${rows.join(', ')}`);
}

/** SQL giving a column of a new kind as text the way {@link textOf} gives colframe's values. */
export function sqlText(name: string, dt: AnyDType): string {
  const c = ident(name);
  switch (dt.kind) {
    case 'timestamp':
      return dt.unit === 'ns' ? `CAST(epoch_ns(${c}) AS VARCHAR)` : `CAST(epoch_us(${c}) AS VARCHAR)`;
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return `lower(hex(${c}))`;
    default:
      return `CAST(${c} AS VARCHAR)`;
  }
}

/** A colframe value of `dt` as the text {@link sqlText} gives (null stays null). */
export function textOf(v: unknown, dt: AnyDType): string | null {
  if (v === null) return null;
  switch (dt.kind) {
    case 'timestamp':
      // Nanoseconds for ns columns, microseconds for the others (as sqlText's epoch_ns / epoch_us).
      return String(v instanceof Instant ? v.epoch : BigInt((v as Date).getTime()) * 1000n);
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return Buffer.from(v as Uint8Array).toString('hex');
    default:
      return String(v);
  }
}
