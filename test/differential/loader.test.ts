/** The DuckDB loader of the differential suite puts every value of every dtype into DuckDB exactly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameArb, samples } from '../support/arbitraries.js';
import { Duck, ident, sqlType } from '../support/duckdb.js';
import { frameOf, specRows } from '../support/frame-specs.js';
import { runs } from '../support/knobs.js';
import { showRow, type Norm } from '../support/values.js';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

/** Values as text that tells −0 from 0 and NaN from null. */
const exact = (row: readonly Norm[]) => showRow(row);

describe('the DuckDB loader', () => {
  it('loads random frames of every dtype with every value exact (int64, −0, NaN, ±Infinity, dates, instants) and faithful SQL types', async () => {
    for (const spec of samples(frameArb({ columns: { min: 1, max: 6 } }), 'loader', runs(60))) {
      await duck.load('t', frameOf(spec));
      const r = await duck.query(`SELECT ${spec.columns.map((c) => ident(c.name)).join(', ')} FROM t ORDER BY __row`);
      expect(r.types).toEqual(spec.columns.map((c) => sqlType(c.dtype).replace('TIMESTAMPTZ', 'TIMESTAMP WITH TIME Zone'.toUpperCase())));
      expect(r.rows.map(exact)).toEqual(specRows(spec).map(exact));
    }
  });
});
