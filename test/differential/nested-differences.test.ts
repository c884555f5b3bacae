/**
 * Each deliberate difference of nested-differences.ts really occurs: every test pins colframe's
 * decided answer and DuckDB's different one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColframeError, Decimal, DataFrame, col, date, decimal, float64, int32, list, nullable, timestamp, utf8 } from '../../src/index.js';
import { arrowFrame } from '../support/arrow-frames.js';
import { Duck } from '../support/duckdb.js';
import { normColumn } from '../support/duckdb-nested.js';
import { NESTED_DIFFERENCES } from './nested-differences.js';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const name = (id: number) => NESTED_DIFFERENCES.find((d) => d.id === id)!.name;
async function duckRow(sql: string): Promise<unknown[]> {
  return (await duck.query(sql)).rows[0]!;
}

describe('the deliberate differences from DuckDB of nested, temporal and decimal values', () => {
  it('the list numbers 9 … 18, each with a name, a description and the adaptation', () => {
    expect(NESTED_DIFFERENCES.map((d) => d.id)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    for (const d of NESTED_DIFFERENCES) expect(d.name.length * d.description.length * d.adaptation.length).toBeGreaterThan(0);
  });

  it(`9. ${name(9)}`, async () => {
    const df = arrowFrame({ xs: { dtype: list(nullable(int32())), values: [[], [null]] } });
    expect(normColumn(df.select(col('xs').list.sum()).getColumn('xs'))).toEqual([0n, 0n]);
    expect(await duckRow('SELECT list_sum([]::INTEGER[]), list_sum([NULL]::INTEGER[])')).toEqual([null, null]);
  });

  it(`10. ${name(10)}`, async () => {
    const df = arrowFrame({ k: { dtype: int32(), values: [1, 2, 3] }, xs: { dtype: nullable(list(int32())), values: [[7], [], null] } });
    expect(df.explode('xs').toRecords()).toEqual([{ k: 1, xs: 7 }, { k: 2, xs: null }, { k: 3, xs: null }]);
    expect((await duck.query("SELECT k, unnest(xs) FROM (VALUES (1, [7]), (2, []), (3, NULL)) t(k, xs) ORDER BY k")).rows).toEqual([[1n, 7n]]);
  });

  it(`11. ${name(11)}`, async () => {
    const df = arrowFrame({ ss: { dtype: list(nullable(utf8())), values: [[null, null]] } });
    expect(df.select(col('ss').list.join(',')).getColumn('ss').toArray()).toEqual(['']);
    expect(await duckRow("SELECT array_to_string([NULL, NULL]::VARCHAR[], ',')")).toEqual([null]);
  });

  it(`12. ${name(12)}`, async () => {
    const df = DataFrame.fromColumns({ x: [] as number[] }, { schema: { x: float64() } });
    expect(normColumn(df.agg({ x: col('x').implode() }).getColumn('x'))).toEqual([[]]);
    expect(await duckRow('SELECT list(x) FROM (SELECT 1.5 AS x) WHERE false')).toEqual([null]);
  });

  it(`13. ${name(13)}`, async () => {
    const df = arrowFrame({ t: { dtype: timestamp('us'), values: [61_123_456n] } });
    expect(df.select(col('t').dt.millisecond().alias('ms'), col('t').dt.microsecond().alias('us')).toRecords()).toEqual([{ ms: 123, us: 123456 }]);
    expect(await duckRow('SELECT millisecond(make_timestamp(61123456)), microsecond(make_timestamp(61123456))')).toEqual([1123n, 1123456n]);
  });

  it(`14. ${name(14)}`, async () => {
    const df = DataFrame.fromColumns({ a: [new Date('2024-03-01')], b: [new Date('2024-01-01')] }, { schema: { a: date(), b: date() } });
    const out = df.select(col('a').sub(col('b')).alias('d'));
    expect(String(out.schema.get('d'))).toBe('duration[ms]');
    expect(out.row(0).d).toBe(60 * 86_400_000);
    expect(await duckRow("SELECT DATE '2024-03-01' - DATE '2024-01-01', typeof(TIMESTAMP '2024-03-01' - TIMESTAMP '2024-01-01')")).toEqual([60n, 'INTERVAL']);
  });

  it(`15. ${name(15)}`, async () => {
    const df = arrowFrame({ t: { dtype: timestamp('ns'), values: [-1n] } });
    expect(df.select(col('t').dt.year().alias('y'), col('t').dt.second().alias('s')).toRecords()).toEqual([{ y: 1969, s: 59 }]);
    expect(await duckRow('SELECT year(make_timestamp_ns(-1)), second(make_timestamp_ns(-1))')).toEqual([1970n, 0n]);
  });

  it(`16. ${name(16)}`, async () => {
    const big = 10n ** 38n - 1n;
    const df = DataFrame.fromColumns({ a: [new Decimal(big, 0), new Decimal(1n, 0)] }, { schema: { a: decimal(38, 0) } });
    expect(() => df.agg({ s: col('a').sum() })).toThrow(ColframeError);
    expect(await duckRow(`SELECT CAST(sum(a) AS VARCHAR) FROM (VALUES (CAST('${big}' AS DECIMAL(38,0))), (CAST(1 AS DECIMAL(38,0)))) t(a)`)).toEqual([`1${'0'.repeat(38)}`]);
  });

  it(`17. ${name(17)}`, async () => {
    const df = DataFrame.fromColumns({ a: [new Decimal(10n ** 18n - 1n, 4)], b: [new Decimal(60000n, 0)] }, { schema: { a: decimal(18, 4), b: decimal(18, 0) } });
    const out = df.select(col('a').sub(col('b')).alias('d'));
    expect(String(out.schema.get('d'))).toBe('decimal(23, 4)');
    expect(String(out.row(0).d)).toBe('99999999939999.9999');
    expect(await duckRow('SELECT typeof(CAST(1 AS DECIMAL(18,4)) - CAST(1 AS DECIMAL(18,0)))')).toEqual(['DECIMAL(18,4)']);
    const err = await duck.tryQuery(`SELECT CAST('99999999999999.9999' AS DECIMAL(18,4)) - CAST('999999999999999999' AS DECIMAL(18,0))`);
    expect('error' in err ? err.error : 'no error').toMatch(/Overflow in subtract of DECIMAL\(18\)|to type DECIMAL\(18,4\) failed/);
  });

  it(`18. ${name(18)}`, async () => {
    const df = DataFrame.fromColumns({ f: [0.1] }, { schema: { f: float64() } });
    expect(String(df.select(col('f').cast(decimal(30, 25))).row(0).f)).toBe('0.1000000000000000055511151');
    expect(await duckRow('SELECT CAST(CAST(0.1 AS DOUBLE) AS DECIMAL(30,25))::VARCHAR')).toEqual(['0.1000000000000000117440512']);
  });
});
