/**
 * Each deliberate difference from DuckDB really occurs: every test pins colframe's decided answer
 * and DuckDB's different one, so it fails if colframe starts to agree with DuckDB or diverges in
 * another way (or DuckDB changes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ColframeError, DataFrame, SchemaError, col, float64, int16, int32, int64, nullable, timestamp, uint8, utf8 } from '../../src/index.js';
import { Duck } from '../support/duckdb.js';
import { readColumn, readFrame } from '../support/frame-specs.js';
import { attempt } from '../support/harness.js';
import { NESTED_DIFFERENCES } from './nested-differences.js';
import { DIFFERENCES, difference } from './differences.js';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

async function duckValue(sql: string): Promise<unknown> {
  return (await duck.query(sql)).rows[0]![0];
}

async function duckError(sql: string): Promise<string> {
  const r = await duck.tryQuery(sql);
  return 'error' in r ? r.error : 'no error';
}

describe('the deliberate differences from DuckDB', () => {
  it('the list has the eight numbered differences, each with a name, a description and the adaptation', () => {
    expect(DIFFERENCES.map((d) => d.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const d of DIFFERENCES) expect(d.name.length * d.description.length * d.adaptation.length).toBeGreaterThan(0);
  });

  it("the README's semantics table lists exactly these differences, by number and name, in order", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('### Semantics, checked against DuckDB');
    const section = readme.slice(start, readme.indexOf('\n#', start + 1));
    const rows = [...section.matchAll(/^\| (\d+) \| ([^|]+?) \|/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual([...DIFFERENCES, ...NESTED_DIFFERENCES].map((d) => [d.id, d.name]));
  });

  it(`1. ${difference(1).name}: int32 and int64 arithmetic wrap where DuckDB raises Overflow`, async () => {
    const df = DataFrame.fromColumns(
      { a: [2147483647], s: [32767], u: [255], b: [2n ** 62n] },
      { schema: { a: int32(), s: int16(), u: uint8(), b: int64('bigint') } },
    );
    const out = df.select(col('a').add(1).alias('a1'), col('s').add(col('s')).alias('s2'), col('u').mul(col('u')).alias('u2'), col('b').mul(2).alias('b2'));
    const f = readFrame(out);
    expect(f.dtypes.map((d) => d.kind)).toEqual(['int32', 'int32', 'int32', 'int64']);
    expect(f.rows[0]).toEqual([-2147483648n, 65534n, 65025n, -(2n ** 63n)]);
    expect(await duckError('SELECT CAST(2147483647 AS INTEGER) + CAST(1 AS INTEGER)')).toMatch(/Overflow/);
    expect(await duckError('SELECT CAST(32767 AS SMALLINT) + CAST(32767 AS SMALLINT)')).toMatch(/Overflow/);
    expect(await duckError(`SELECT CAST('${2n ** 62n}' AS BIGINT) * CAST(2 AS BIGINT)`)).toMatch(/Overflow/);
  });

  it(`2. ${difference(2).name}: 9007199254740993 does not equal 9007199254740992.0, in comparisons and join keys`, async () => {
    const df = DataFrame.fromColumns({ i: [2n ** 53n + 1n], f: [2 ** 53] }, { schema: { i: int64('bigint'), f: float64() } });
    const f = readFrame(df.select(col('i').eq(col('f')).alias('eq'), col('i').gt(col('f')).alias('gt'), col('i').eq(9007199254740992).alias('lit')));
    expect(f.rows[0]).toEqual([false, true, false]);
    expect(await duckValue(`SELECT CAST('${2n ** 53n + 1n}' AS BIGINT) = CAST(9007199254740992 AS DOUBLE)`)).toBe(true);
    const left = DataFrame.fromColumns({ k: [2n ** 53n + 1n] }, { schema: { k: int64('bigint') } });
    const right = DataFrame.fromColumns({ k: [2 ** 53], v: ['x'] }, { schema: { k: float64(), v: utf8() } });
    const joined = attempt(() => left.join(right, { on: 'k', how: 'inner' }).height);
    expect(joined).toEqual({ ok: true, value: 0 });
    expect(await duckValue(`SELECT count(*) FROM (SELECT CAST('${2n ** 53n + 1n}' AS BIGINT) AS k) l JOIN (SELECT CAST(9007199254740992 AS DOUBLE) AS k) r ON l.k = r.k`)).toBe(1n);
  });

  it(`3. ${difference(3).name}: round(1.005, 2) is 1.01 where DuckDB gives 1.0 (and 1.015, 0.285, 1.255 likewise)`, async () => {
    const xs = [1.005, -1.005, 1.015, 0.285, 1.255, 2.5, -2.5];
    const df = DataFrame.fromColumns({ x: xs }, { schema: { x: float64() } });
    expect(readColumn(df.select(col('x').round(2).alias('r2')), 'r2')).toEqual([1.01, -1.01, 1.02, 0.29, 1.26, 2.5, -2.5]);
    expect(readColumn(df.select(col('x').round(0).alias('r0')), 'r0')).toEqual([1, -1, 1, 0, 1, 3, -3]);
    const r = (await duck.query(`SELECT ${xs.map((x) => `round(CAST(${x} AS DOUBLE), 2)`).join(', ')}`)).rows[0];
    expect(r).toEqual([1, -1, 1.01, 0.28, 1.25, 2.5, -2.5]);
  });

  it(`4. ${difference(4).name}: an int64 sum beyond int64 raises naming the column, where DuckDB returns a HUGEINT`, async () => {
    const df = DataFrame.fromColumns({ g: ['a', 'a'], big: [2n ** 63n - 1n, 2n ** 63n - 1n] }, { schema: { g: utf8(), big: int64('bigint') } });
    for (const run of [() => df.agg({ s: col('big').sum() }), () => df.groupBy('g').agg({ s: col('big').sum() })]) {
      const r = attempt(run);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(ColframeError);
        expect(r.error.message).toContain('"big"');
      }
    }
    expect(await duckValue(`SELECT sum(x) FROM (VALUES (CAST('${2n ** 63n - 1n}' AS BIGINT)), (CAST('${2n ** 63n - 1n}' AS BIGINT))) t(x)`)).toBe(2n ** 64n - 2n);
  });

  it(`5. ${difference(5).name}: groups in order of first appearance, ties kept in row order by a stable sort`, async () => {
    const df = DataFrame.fromColumns({ k: ['b', 'a', 'b', 'c', 'a'], v: [1, 2, 3, 4, 5], x: [0, -0, 0, 1, -0] }, { schema: { k: utf8(), v: int32(), x: float64() } });
    expect(readColumn(df.groupBy('k').agg({ n: col('v').len() }), 'k')).toEqual(['b', 'a', 'c']);
    expect(readColumn(df.unique({ subset: ['k'] }), 'v')).toEqual([1n, 2n, 4n]);
    expect(readColumn(df.valueCounts('k'), 'k')).toEqual(['b', 'a', 'c']);
    expect(readColumn(df.sort('x'), 'v')).toEqual([1n, 2n, 3n, 5n, 4n]);
    expect(readColumn(df.sort('x', { descending: true }), 'v')).toEqual([4n, 1n, 2n, 3n, 5n]);
    // The same groups come out of DuckDB (as a multiset: its order is not specified).
    await duck.load('t', df);
    const groups = (await duck.query('SELECT k FROM t GROUP BY k')).rows.map((r) => r[0]).sort();
    expect(groups).toEqual(['a', 'b', 'c']);
  });

  it(`6. ${difference(6).name}: colframe holds milliseconds; a sub-millisecond instant does not convert silently`, async () => {
    const df = DataFrame.fromColumns({ t: [new Date('2024-01-01T00:00:00.123Z')] }, { schema: { t: timestamp() } });
    expect(String(df.toArrow().schema.fields[0]!.type)).toMatch(/MILLISECOND/);
    expect(await duckValue("SELECT epoch_us(TIMESTAMP '2024-01-01 00:00:00.123456') % 1000")).toBe(456n);
    const text = DataFrame.fromColumns({ s: ['2024-01-01T00:00:00.123456Z'] }, { schema: { s: nullable(utf8()) } });
    const strict = attempt(() => readColumn(text.select(col('s').cast(timestamp())), 's'));
    expect(strict.ok ? strict.value : strict.error).toBeInstanceOf(ColframeError);
    expect(strict.ok ? '' : strict.error.message).toMatch(/\brow 0\b/);
    expect(readColumn(text.select(col('s').cast(timestamp(), { strict: false })), 's')).toEqual([null]);
  });

  it(`7. ${difference(7).name}: ß → SS, ﬁ → FI, ΣΑΣ → σας, where DuckDB gives ẞ, ﬁ, σασ`, async () => {
    const df = DataFrame.fromColumns({ s: ['straße', 'ﬁx', 'ΣΑΣ', 'İ'] }, { schema: { s: utf8() } });
    expect(readColumn(df.select(col('s').str.upper().alias('u')), 'u')).toEqual(['STRASSE', 'FIX', 'ΣΑΣ', 'İ']);
    expect(readColumn(df.select(col('s').str.lower().alias('l')), 'l')).toEqual(['straße', 'ﬁx', 'σας', 'i̇']);
    expect((await duck.query("SELECT upper('straße'), upper('ﬁx'), lower('ΣΑΣ')")).rows[0]).toEqual(['STRAẞE', 'ﬁX', 'σασ']);
  });

  it(`8. ${difference(8).name}: a full join of an int64 key 2^53 + 1 with a float64 key raises, where DuckDB rounds`, async () => {
    const left = DataFrame.fromColumns({ k: [1.5] }, { schema: { k: float64() } });
    const right = DataFrame.fromColumns({ k: [2n ** 53n + 1n] }, { schema: { k: int64('bigint') } });
    const r = attempt(() => left.join(right, { on: 'k', how: 'full' }));
    expect(r.ok ? 'no error' : r.error).toBeInstanceOf(SchemaError);
    expect(readColumn(left.join(right, { on: 'k', how: 'left' }), 'k')).toEqual([1.5]);
    expect(await duckValue(`SELECT CAST(coalesce(NULL::DOUBLE, CAST('${2n ** 53n + 1n}' AS BIGINT)) AS VARCHAR)`)).toBe('9007199254740992.0');
  });
});
