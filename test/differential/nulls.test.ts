/**
 * fillNull (a value, the forward / backward / mean strategies, and the expression form) against
 * DuckDB's coalesce and window functions.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import type { DataFrame } from '../../src/index.js';
import { dayArb, frameArb, samples, stringArb } from '../support/arbitraries.js';
import { Duck, ident, sqlString, sqlType } from '../support/duckdb.js';
import { checkPairs } from '../support/evaluate.js';
import { checkFrame } from '../support/frame-check.js';
import { dateCode, isFloat, isNumber, isText, isTime, type ColumnSpec, type FrameSpec } from '../support/frame-specs.js';
import { Findings } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { colP, fillNullP, litP, type Pair } from '../support/pairs.js';
import { literalArb } from '../support/predicates.js';
import { closeValue, jsString, sameValue, type Norm } from '../support/values.js';

const FILE = 'test/differential/nulls.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

type Fill = number | string | boolean | Date;

/** Whether a column takes a fill value (numbers: numeric columns; strings: text; booleans: bool; Dates: dates and timestamps). */
function takes(c: ColumnSpec, v: Fill): boolean {
  const k = c.dtype.kind;
  if (typeof v === 'number') return isNumber(k);
  if (typeof v === 'string') return isText(k);
  if (typeof v === 'boolean') return k === 'bool';
  return isTime(k);
}

function fillSql(c: ColumnSpec, v: Fill): string {
  const x = ident(c.name);
  if (!takes(c, v)) return x;
  const lit = typeof v === 'number' ? String(v) : typeof v === 'string' ? sqlString(v) : typeof v === 'boolean' ? String(v).toUpperCase() : `epoch_ms(CAST(${v.getTime()} AS BIGINT))`;
  return `coalesce(${x}, CAST(${lit} AS ${sqlType(c.dtype)}))`;
}

function fillCode(v: Fill): string {
  return v instanceof Date ? dateCode(v.getTime(), true) : typeof v === 'string' ? jsString(v) : String(v);
}

const fillArb: fc.Arbitrary<Fill> = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  stringArb(),
  fc.boolean(),
  dayArb().map((d) => new Date(d * 86_400_000)),
);

const kinds = (spec: FrameSpec) => spec.columns.map((c) => c.dtype.kind).join(',');

describe('fillNull, differential against DuckDB', () => {
  it('fillNull(value) fills the columns whose dtype takes the value, as coalesce does, and leaves the others', async () => {
    const name = 'fillNull value';
    const cases = samples(fc.tuple(frameArb({ nullable: 'always', columns: { min: 1, max: 4 } }), fillArb), name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, v]] of cases.entries()) {
      await checkFrame(duck, findings, k, spec, {
        run: (df: DataFrame) => df.fillNull(v),
        code: `df.fillNull(${fillCode(v)})`,
        sql: `SELECT ${spec.columns.map((c) => `${fillSql(c, v)} AS ${ident(c.name)}`).join(', ')} FROM t ORDER BY __row`,
        order: 'exact',
        label: `fillNull(${v instanceof Date ? 'Date' : typeof v}) on ${kinds(spec)}`,
      });
    }
    findings.assertNone(cases.length);
  });

  it('fillNull forward / backward carries the previous / next non-null value, as last_value / first_value IGNORE NULLS', async () => {
    const name = 'fillNull forward backward';
    const cases = samples(fc.tuple(frameArb({ nullable: 'always', columns: { min: 1, max: 4 } }), fc.constantFrom<'forward' | 'backward'>('forward', 'backward')), name, runs(60));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, strategy]] of cases.entries()) {
      const frame = strategy === 'forward' ? 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW' : 'ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING';
      const fn = strategy === 'forward' ? 'last_value' : 'first_value';
      await checkFrame(duck, findings, k, spec, {
        run: (df: DataFrame) => df.fillNull({ strategy }),
        code: `df.fillNull({ strategy: '${strategy}' })`,
        sql: `SELECT ${spec.columns.map((c) => `${fn}(${ident(c.name)} IGNORE NULLS) OVER (ORDER BY __row ${frame}) AS ${ident(c.name)}`).join(', ')} FROM t ORDER BY __row`,
        order: 'exact',
        label: `fillNull ${strategy} on ${kinds(spec)}`,
      });
    }
    findings.assertNone(cases.length);
  });

  it('fillNull mean fills float columns with their mean (avg) and leaves non-numeric columns', async () => {
    const name = 'fillNull mean';
    const arb = frameArb({ nullable: 'always', kinds: ['float32', 'float64', 'utf8', 'bool', 'date'], columns: { min: 1, max: 3 } });
    const cases = samples(arb, name, runs(50));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      const items = spec.columns.map((c) => {
        const x = ident(c.name);
        return isFloat(c.dtype.kind) ? `coalesce(${x}, CAST(avg(CAST(${x} AS DOUBLE)) OVER () AS ${sqlType(c.dtype)})) AS ${x}` : `${x} AS ${x}`;
      });
      await checkFrame(duck, findings, k, spec, {
        run: (df: DataFrame) => df.fillNull({ strategy: 'mean' }),
        code: `df.fillNull({ strategy: 'mean' })`,
        sql: `SELECT ${items.join(', ')} FROM t ORDER BY __row`,
        order: 'exact',
        label: `fillNull mean on ${kinds(spec)}`,
        same: (g: Norm, w: Norm) => sameValue(g, w) || closeValue(g, w, 1e-12 * Math.abs(Number(w))),
      });
    }
    findings.assertNone(cases.length);
  });

  it('col(x).fillNull(value of its family) gives coalesce(x, value)', async () => {
    const name = 'fillNull expression';
    const arb = frameArb({ nullable: 'always', columns: { min: 1, max: 4 } }).chain((spec) =>
      fc.tuple(
        fc.constant(spec),
        fc.array(
          fc.constantFrom(...spec.columns).chain((c) =>
            literalArb(c).map((v): Pair => {
              const p = fillNullP(colP(c), litP(v));
              return { ...p, sql: `coalesce(${ident(c.name)}, CAST(${litP(v).sql} AS ${sqlType(c.dtype)}))` };
            }),
          ),
          { minLength: 4, maxLength: 4 },
        ),
      ),
    );
    const cases = samples(arb, name, runs(50));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, [spec, pairs]] of cases.entries()) await checkPairs(duck, findings, k, spec, pairs, (p) => `fillNull on ${p.dt?.kind}`);
    findings.assertNone(cases.length);
  });
});
