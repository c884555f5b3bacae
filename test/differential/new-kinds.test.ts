/**
 * sort, filter, unique, valueCounts and join on decimal, microsecond and nanosecond timestamp and
 * binary columns against DuckDB (DECIMAL(p, s), TIMESTAMP, TIMESTAMP_NS, BLOB): the rows each verb
 * keeps or orders (by a row-number column) and the values they carry, as exact text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, Instant, binary, col, decimal, fixedSizeBinary, int32, nullable, timestamp, type AnyDType, type DataFrame } from '../../src/index.js';
import { Duck, ident } from '../support/duckdb.js';
import { loadLiterals, sqlText, textOf } from '../support/duckdb-literals.js';
import { frameOfRows } from '../support/arrow-data.js';
import { runs, seedFor } from '../support/knobs.js';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const DECIMALS: readonly AnyDType[] = [decimal(5, 0), decimal(9, 2, { bitWidth: 32 }), decimal(18, 4, { bitWidth: 64 }), decimal(38, 10), decimal(20, 3)];

function decimalArb(d: AnyDType): fc.Arbitrary<Decimal> {
  const max = 10n ** BigInt(d.precision!) - 1n;
  return fc.oneof(fc.constantFrom(0n, 1n, -1n, max, -max, 5n, -5n), fc.bigInt({ min: -max, max })).map((u) => new Decimal(u, d.scale!));
}

const nsArb = fc.oneof(fc.constantFrom(0n, -1n, 1n, 999n, 1000n, 2n ** 62n, -(2n ** 62n), 1714557600123456789n), fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n })).map((e) => new Instant(e, 'ns'));
// DuckDB's TIMESTAMP covers years 290309 BC … 294247 AD: microseconds within ±2^62 / 1000 stay inside.
const usArb = fc.oneof(fc.constantFrom(0n, -1n, 1n, 1714557600123456n), fc.bigInt({ min: -(2n ** 52n), max: 2n ** 52n })).map((e) => new Instant(e, 'us'));
const bytesArb = fc.oneof(fc.constantFrom(Uint8Array.of(), Uint8Array.of(0), Uint8Array.of(1), Uint8Array.of(1, 0), Uint8Array.of(1, 255), Uint8Array.of(255)), fc.uint8Array({ maxLength: 3 }));

/** A pool of 1–4 values (so keys repeat), drawn into `n` rows with nulls. */
function columnArb<T>(values: fc.Arbitrary<T>, n: number): fc.Arbitrary<(T | null)[]> {
  return fc.array(values, { minLength: 1, maxLength: 4 }).chain((pool) => fc.array(fc.option(fc.constantFrom(...pool), { nil: null, freq: 5 }), { minLength: n, maxLength: n }));
}

interface Case {
  readonly df: DataFrame;
  readonly other: DataFrame;
}

const KEYS = ['d', 'us', 'ns', 'b'] as const;

const caseArb: fc.Arbitrary<Case> = fc
  .tuple(fc.constantFrom(...DECIMALS), fc.constantFrom(...DECIMALS), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 8 }))
  .chain(([d1, d2, n, m]) => {
    const frame = (d: AnyDType, rows: number) =>
      fc
        .record({ d: columnArb(decimalArb(d), rows), us: columnArb(usArb, rows), ns: columnArb(nsArb, rows), b: columnArb(bytesArb, rows) })
        .map((c) =>
          frameOfRows({
            __row: [int32(), Array.from({ length: rows }, (_, i) => i)],
            d: [nullable(d), c.d],
            us: [nullable(timestamp('us')), c.us],
            ns: [nullable(timestamp('ns')), c.ns],
            b: [nullable(binary()), c.b],
          }),
        );
    return fc.record({ df: frame(d1, n), other: frame(d2, m) });
  });

/** Each row of `df` as the exact text of its key columns (and its row number). */
function texts(df: DataFrame): (string | null)[][] {
  return df.toRecords().map((r) => ['__row', ...KEYS].map((n) => (n === '__row' ? String(r[n]) : textOf(r[n], df.schema.get(n)!))));
}

function sqlTexts(df: DataFrame): string {
  return ['__row', ...KEYS].map((n) => (n === '__row' ? `CAST(__row AS VARCHAR)` : sqlText(n, df.schema.get(n)!))).join(', ');
}

async function duckTexts(sql: string): Promise<(string | null)[][]> {
  return (await duck.query(sql)).rows.map((r) => r.map((v) => (v === null ? null : String(v))));
}

const cases = fc.sample(caseArb, { seed: seedFor('differential-new-kinds'), numRuns: runs(40) });

describe('verbs on decimal, us/ns timestamp and binary columns, differential against DuckDB', () => {
  it('sort by each key (both directions, nulls first and last) and by two keys orders rows as ORDER BY does, carrying exact values', async () => {
    for (const { df } of cases) {
      await loadLiterals(duck, 't', df);
      for (const key of KEYS) {
        for (const descending of [false, true]) {
          for (const nullsLast of [true, false]) {
            const sql = `SELECT ${sqlTexts(df)} FROM t ORDER BY ${ident(key)} ${descending ? 'DESC' : 'ASC'} NULLS ${nullsLast ? 'LAST' : 'FIRST'}, __row`;
            expect(texts(df.sort(key, { descending, nullsLast })), `${key} ${descending} ${nullsLast}`).toEqual(await duckTexts(sql));
          }
        }
      }
      const two = `SELECT ${sqlTexts(df)} FROM t ORDER BY d DESC NULLS LAST, ns ASC NULLS LAST, __row`;
      expect(texts(df.sort(['d', 'ns'], { descending: [true, false] }))).toEqual(await duckTexts(two));
    }
  });

  it('filter keeps the rows a predicate holds for, carrying exact values (WHERE)', async () => {
    for (const { df } of cases) {
      await loadLiterals(duck, 't', df);
      const kept = df.filter(col('__row').mod(3).neq(1));
      expect(texts(kept)).toEqual(await duckTexts(`SELECT ${sqlTexts(df)} FROM t WHERE __row % 3 <> 1 ORDER BY __row`));
      const pivot = df.height > 0 ? df.getColumn('d').get(0) : null;
      if (pivot === null) continue;
      const bigger = df.filter((r) => r.d !== null && Decimal.compare(r.d as Decimal, pivot as Decimal) > 0);
      expect(texts(bigger)).toEqual(await duckTexts(`SELECT ${sqlTexts(df)} FROM t WHERE d > (SELECT d FROM t WHERE __row = 0) ORDER BY __row`));
    }
  });

  it('unique by each key keeps the first row of each value (GROUP BY: nulls one group), valueCounts counts them', async () => {
    for (const { df } of cases) {
      await loadLiterals(duck, 't', df);
      for (const key of KEYS) {
        const firsts = df.unique({ subset: [key] }).getColumn('__row').toArray();
        const duckFirsts = (await duck.query(`SELECT min(__row) FROM t GROUP BY ${ident(key)} ORDER BY 1`)).rows.map((r) => Number(r[0]));
        expect(firsts, key).toEqual(duckFirsts);
        const counts = df.valueCounts(key).toRecords().map((r) => `${textOf(r[key], df.schema.get(key)!)}:${String(r.count)}`).sort();
        const duckCounts = (await duckTexts(`SELECT ${sqlText(key, df.schema.get(key)!)}, CAST(count(*) AS VARCHAR) FROM t GROUP BY ${ident(key)}`)).map(([v, c]) => `${v}:${c}`).sort();
        expect(counts, key).toEqual(duckCounts);
      }
    }
  });

  it('inner and left joins on each key pair rows as SQL joins do (decimals of different scales by value; null keys never match)', async () => {
    for (const { df, other } of cases) {
      await loadLiterals(duck, 'l', df);
      await loadLiterals(duck, 'r', other);
      for (const key of KEYS) {
        for (const how of ['inner', 'left'] as const) {
          const out = df.select('__row', key).join(other.select('__row', key), { on: key, how });
          const pairs = out
            .toRecords()
            .map((r) => `${String(r.__row)}-${r.__row_right === null ? 'null' : String(r.__row_right)}`)
            .sort();
          const sql = `SELECT l.__row, r.__row FROM l ${how === 'inner' ? 'JOIN' : 'LEFT JOIN'} r ON l.${ident(key)} = r.${ident(key)}`;
          const duckPairs = (await duck.query(sql)).rows.map((r) => `${String(r[0])}-${r[1] === null ? 'null' : String(r[1])}`).sort();
          expect(pairs, `${how} on ${key}: ${String(df.schema.get(key))} with ${String(other.schema.get(key))}`).toEqual(duckPairs);
        }
      }
    }
  });

  it('a fixed-size binary key matches BLOB keys bytewise', async () => {
    const a = frameOfRows({ k: [nullable(fixedSizeBinary(2)), [Uint8Array.of(1, 2), null, Uint8Array.of(0, 0)]], __row: [int32(), [0, 1, 2]] });
    const b = frameOfRows({ k: [binary(), [Uint8Array.of(0, 0), Uint8Array.of(1, 2), Uint8Array.of(1)]], __row: [int32(), [0, 1, 2]] });
    await loadLiterals(duck, 'l', a);
    await loadLiterals(duck, 'r', b);
    const pairs = a.join(b, { on: 'k' }).toRecords().map((r) => [r.__row, r.__row_right]);
    const duckPairs = (await duck.query('SELECT l.__row, r.__row FROM l JOIN r ON l.k = r.k ORDER BY 1, 2')).rows.map((r) => [Number(r[0]), Number(r[1])]);
    expect(pairs).toEqual(duckPairs);
  });
});
