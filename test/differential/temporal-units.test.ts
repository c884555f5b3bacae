/**
 * Instants of every unit against DuckDB (TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP, TIMESTAMP_NS,
 * TIMESTAMPTZ): dt fields (year … nanosecond, weekday, quarter, day of year) and truncate; instant
 * and duration arithmetic (timestamp − timestamp, ± duration, date − date, duration × integer)
 * and comparisons across units, against exact HUGEINT nanoseconds; duration totals against
 * integer division. Years far outside 1900–2100 included.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { Instant, col, date, duration, int32, lit, nullable, timestamp, type Expr, type TimeUnit } from '../../src/index.js';
import { arrowFrame, type ArrowColumnSpec } from '../support/arrow-frames.js';
import { samples } from '../support/arbitraries.js';
import { Duck, ident } from '../support/duckdb.js';
import { loadColumns, sqlNanos } from '../support/duckdb-nested.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { checkCases, type NestedCase } from '../support/nested-check.js';
import type { Norm } from '../support/values.js';

const FILE = 'test/differential/temporal-units.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const NS: Record<TimeUnit, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };
const UNITS: TimeUnit[] = ['s', 'ms', 'us', 'ns'];
const STAMPS: Record<TimeUnit, string> = { s: 'ts', ms: 'tms', us: 'tus', ns: 'tns' };
const DURS: Record<TimeUnit, string> = { s: 'ds', ms: 'dms', us: 'dus', ns: 'dns' };
const ZONE = 'America/New_York';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Counts of `unit`: mostly 1900 … 2100, some anywhere DuckDB's timestamps reach (±250,000 years). */
function instants(unit: TimeUnit, wide = true): fc.Arbitrary<bigint> {
  const per = NS[unit];
  const near = fc.bigInt({ min: -2_208_988_800_000_000_000n / per, max: 4_102_444_800_000_000_000n / per });
  const far = unit === 'ns' ? fc.bigInt({ min: -(2n ** 63n) + 1000n, max: 2n ** 63n - 1000n }) : fc.bigInt({ min: -8_000_000_000_000_000_000n / (per / 1000n > 0n ? per / 1000n : 1n), max: 8_000_000_000_000_000_000n / (per / 1000n > 0n ? per / 1000n : 1n) });
  return wide ? fc.oneof({ arbitrary: near, weight: 3 }, { arbitrary: far, weight: 1 }) : near;
}
const durations = fc.oneof(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: INT64_MIN + 1n, max: INT64_MAX }), fc.constantFrom(0n, -1n, 1n));

const specArb = fc.integer({ min: 1, max: 12 }).chain((h) => {
  const col = <T>(a: fc.Arbitrary<T>) => fc.array(fc.option(a, { nil: null, freq: 8 }), { minLength: h, maxLength: h });
  return fc
    .tuple(
      fc.tuple(...UNITS.map((u) => col(instants(u)))),
      col(instants('us', false)),
      fc.tuple(...UNITS.map(() => col(durations))),
      col(fc.integer({ min: -40000, max: 40000 }).map((d) => new Date(d * 86_400_000))),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: h, maxLength: h }),
    )
    .map(([stamps, zoned, durs, days, k]) => {
      const out: Record<string, ArrowColumnSpec> = {};
      UNITS.forEach((u, j) => {
        out[STAMPS[u]] = { dtype: nullable(timestamp(u)), values: stamps[j]! };
        out[DURS[u]] = { dtype: nullable(duration(u)), values: durs[j]! };
      });
      out['tz'] = { dtype: nullable(timestamp('us', { timezone: ZONE })), values: zoned };
      out['d'] = { dtype: nullable(date()), values: days };
      out['k'] = { dtype: int32(), values: k };
      return out;
    });
});

const finer = (a: TimeUnit, b: TimeUnit): TimeUnit => (NS[a] < NS[b] ? a : b);
/** colframe must raise where the exact result, in `unit`, leaves int64 (DuckDB's HUGEINT keeps it). */
const beyond = (unit: TimeUnit) => (vs: readonly Norm[]) => vs.some((v) => typeof v === 'bigint' && (v / NS[unit] < INT64_MIN || v / NS[unit] > INT64_MAX));

function fieldCases(): NestedCase[] {
  const out: NestedCase[] = [];
  const fields: [keyof Expr['dt'], (t: string, u: TimeUnit) => string][] = [
    ['year', (t) => `year(${t})`],
    ['quarter', (t) => `quarter(${t})`],
    ['month', (t) => `month(${t})`],
    ['day', (t) => `day(${t})`],
    ['ordinalDay', (t) => `dayofyear(${t})`],
    ['weekday', (t) => `isodow(${t})`],
    ['hour', (t) => `hour(${t})`],
    ['minute', (t) => `minute(${t})`],
    ['second', (t) => `second(${t})`],
    // Difference 13: of the second (polars), where DuckDB counts from the minute.
    ['millisecond', (t) => `millisecond(${t}) % 1000`],
    ['microsecond', (t) => `microsecond(${t}) % 1000000`],
    ['nanosecond', (t, u) => (u === 'ns' ? `nanosecond(${t}) % 1000000000` : `(microsecond(${t}) % 1000000) * 1000`)],
  ];
  // Difference 15: DuckDB reads a nanosecond instant before 1970 toward zero (year(−1 ns) is 1970);
  // its fields are taken on the instant floored to the microsecond, the nanoseconds added exactly.
  const floorUs = `make_timestamp((epoch_ns(tns) - (epoch_ns(tns) % 1000 + 1000) % 1000) // 1000)`;
  const subUs = `((epoch_ns(tns) % 1000 + 1000) % 1000)`;
  for (const u of UNITS) {
    for (const [f, sql] of fields) {
      const t = u === 'ns' ? floorUs : ident(STAMPS[u]);
      const q = u === 'ns' && f === 'nanosecond' ? `(microsecond(${t}) % 1000000) * 1000 + ${subUs}` : sql(t, u === 'ns' ? 'us' : u);
      out.push({ label: `dt.${String(f)}[${u}]`, e: (col(STAMPS[u]).dt[f] as () => Expr)(), sql: q });
    }
  }
  for (const [f, sql] of fields.slice(0, 9)) out.push({ label: `dt.${String(f)}[zone]`, e: (col('tz').dt[f] as () => Expr)(), sql: sql(`timezone('${ZONE}', tz)`, 'us') });
  for (const u of UNITS) {
    for (const unit of ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const) {
      out.push({ label: `truncate ${unit}[${u}]`, e: col(STAMPS[u]).dt.truncate(unit), sql: sqlNanos(`date_trunc('${unit}', ${u === 'ns' ? floorUs : ident(STAMPS[u])})`, 'us'), raisesWhen: beyond(u) });
    }
  }
  for (const unit of ['year', 'month', 'day'] as const) {
    out.push({ label: `truncate ${unit}[zone]`, e: col('tz').dt.truncate(unit), sql: sqlNanos(`timezone('${ZONE}', date_trunc('${unit}', timezone('${ZONE}', tz)))`, 'us') });
  }
  return out;
}

function arithmeticCases(): NestedCase[] {
  const out: NestedCase[] = [];
  const ns = (u: TimeUnit) => sqlNanos(ident(STAMPS[u]), u);
  const dns = (u: TimeUnit) => `(CAST(${ident(DURS[u])} AS HUGEINT) * ${NS[u]})`;
  for (const a of UNITS) {
    for (const b of UNITS) {
      const f = finer(a, b);
      out.push({ label: `ts − ts`, e: col(STAMPS[a]).sub(col(STAMPS[b])), sql: `${ns(a)} - ${ns(b)}`, raisesWhen: beyond(f) });
      out.push({ label: `ts + dur`, e: col(STAMPS[a]).add(col(DURS[b])), sql: `${ns(a)} + ${dns(b)}`, raisesWhen: beyond(f) });
      out.push({ label: `ts − dur`, e: col(STAMPS[a]).sub(col(DURS[b])), sql: `${ns(a)} - ${dns(b)}`, raisesWhen: beyond(f) });
      out.push({ label: `dur + dur`, e: col(DURS[a]).add(col(DURS[b])), sql: `${dns(a)} + ${dns(b)}`, raisesWhen: beyond(f) });
      for (const op of ['eq', 'lt', 'gte'] as const) {
        const sqlOp = { eq: '=', lt: '<', gte: '>=' }[op];
        out.push({ label: `ts ${op} ts`, e: col(STAMPS[a])[op](col(STAMPS[b])), sql: `${ns(a)} ${sqlOp} ${ns(b)}` });
        out.push({ label: `dur ${op} dur`, e: col(DURS[a])[op](col(DURS[b])), sql: `${dns(a)} ${sqlOp} ${dns(b)}` });
      }
    }
    const inst = new Instant(1_700_000_000_123_456_789n, 'ns');
    out.push({ label: 'ts > Instant', e: col(STAMPS[a]).gt(inst), sql: `${ns(a)} > 1700000000123456789` });
    out.push({ label: 'Instant <= ts', e: lit(inst).lte(col(STAMPS[a])), sql: `1700000000123456789 <= ${ns(a)}` });
    out.push({ label: 'ts − date', e: col(STAMPS[a]).sub(col('d')), sql: `${ns(a)} - CAST(epoch_us(d) AS HUGEINT) * 1000`, raisesWhen: beyond(a === 's' ? 'ms' : a) });
    out.push({ label: 'dur × int', e: col(DURS[a]).mul(col('k')), sql: `${dns(a)} * k`, raisesWhen: beyond(a) });
    const totals: [keyof Expr['dt'], bigint][] = [
      ['totalDays', 86_400_000_000_000n],
      ['totalHours', 3_600_000_000_000n],
      ['totalMinutes', 60_000_000_000n],
      ['totalSeconds', 1_000_000_000n],
      ['totalMilliseconds', 1_000_000n],
      ['totalMicroseconds', 1000n],
      ['totalNanoseconds', 1n],
    ];
    for (const [t, per] of totals) {
      // Whole counts toward zero: DuckDB's // on HUGEINT truncates.
      out.push({ label: `dt.${String(t)}[${a}]`, e: (col(DURS[a]).dt[t] as () => Expr)(), sql: `${dns(a)} // ${per}`, raisesWhen: (vs) => vs.some((v) => typeof v === 'bigint' && (v < INT64_MIN || v > INT64_MAX)) });
    }
  }
  // date − date: DuckDB gives days (BIGINT); colframe a duration in milliseconds (difference 14).
  out.push({ label: 'date − date', e: col('d').sub(col('d').dt.truncate('year')), sql: `CAST(date_diff('day', date_trunc('year', d), d) AS HUGEINT) * 86400000000000` });
  return out;
}

describe('instants of every unit, differential against DuckDB', () => {
  it('dt fields and truncate give DuckDB\'s results on s, ms, us and ns timestamps and in a time zone', async () => {
    const name = 'dt on every unit';
    const specs = samples(specArb, name, runs(20));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      await checkCases(duck, findings, k, spec, arrowFrame(spec), fieldCases());
    }
    findings.assertNone(specs.length);
  });

  it('instant and duration arithmetic, comparisons and totals are exact across units', async () => {
    const name = 'instant arithmetic';
    const specs = samples(specArb, name, runs(20));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of specs.entries()) {
      await loadColumns(duck, 't', spec);
      await checkCases(duck, findings, k, spec, arrowFrame(spec), arithmeticCases());
    }
    findings.assertNone(specs.length);
  });
});
