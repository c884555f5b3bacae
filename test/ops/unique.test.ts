import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, Decimal, Instant, col, decimal, int32, list, nullable, struct, timestamp, utf8 } from '../../src/index.js';
import { EVERY_KIND, everyKindFrame, everyKindRecords } from '../support/every-kind.js';
import { frameOfRows } from '../support/arrow-data.js';
import { nestedFrameArb } from '../support/nested-arbitraries.js';
import { seedFor } from '../support/knobs.js';

/** A canonical text of a read-back value: equal values (NaN = NaN, −0 = 0, exact decimals and instants) give equal text. */
function canon(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v === 0 ? 0 : v);
  if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') return `${typeof v}:${String(v)}`;
  if (v instanceof Decimal || v instanceof Instant) return String(v);
  if (v instanceof Date) return `date:${v.getTime()}`;
  if (v instanceof Uint8Array && !(v instanceof Uint8ClampedArray) && v.constructor === Uint8Array) return `bytes:${Buffer.from(v).toString('hex')}`;
  if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<unknown>, canon).join(',')}]`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  return `{${Object.entries(v as object).map(([k, x]) => `${k}=${canon(x)}`).join(',')}}`;
}

/** The first (or last) row of each distinct value of `key`, in row order; `none`: rows whose value is unique. */
function expectedUnique(rows: readonly Record<string, unknown>[], key: (r: Record<string, unknown>) => string, keep: 'first' | 'last' | 'none'): Record<string, unknown>[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(key(r), (count.get(key(r)) ?? 0) + 1);
  const seen = new Set<string>();
  const pick = new Set<number>();
  const order = keep === 'last' ? rows.map((_, i) => rows.length - 1 - i) : rows.map((_, i) => i);
  for (const i of order) {
    const k = key(rows[i]!);
    if (keep === 'none' ? count.get(k) === 1 : !seen.has(k)) pick.add(i);
    seen.add(k);
  }
  return rows.filter((_, i) => pick.has(i));
}

describe('unique and valueCounts on columns of every dtype kind', () => {
  const all = everyKindFrame() as DataFrame;
  const rows = everyKindRecords();

  it.each(Object.keys(EVERY_KIND))('unique by a %s column keeps the first, last or only row of each value', (name) => {
    for (const keep of ['first', 'last', 'none'] as const) {
      expect(all.unique({ subset: [name], keep }).toRecords()).toEqual(expectedUnique(rows, (r) => canon(r[name]), keep));
    }
  });

  it('values equal in value but not in storage are one value: −0 and 0, NaNs, decimal rows, nanoseconds apart', () => {
    const df = frameOfRows({
      t: [timestamp('ns'), [new Instant(1n, 'ns'), new Instant(2n, 'ns'), new Instant(1n, 'ns')]],
      l: [list(nullable(int32())), [[1, null], [1, null], [1]]],
      s: [nullable(struct({ a: utf8(), d: decimal(40, 2) })), [{ a: 'x', d: new Decimal(1n, 2) }, null, { a: 'x', d: new Decimal(1n, 2) }]],
    });
    expect(df.unique({ subset: ['t'] }).height).toBe(2);
    expect(df.unique({ subset: ['l'] }).height).toBe(2);
    expect(df.unique({ subset: ['s'] }).toRecords()).toEqual(df.head(2).toRecords());
    expect(df.unique().height).toBe(3);
  });

  it('valueCounts counts each value of a new kind, in order of first appearance', () => {
    expect(all.valueCounts('ts_ns').toRecords()).toEqual([
      { ts_ns: rows[0]!.ts_ns, count: 2 },
      { ts_ns: rows[1]!.ts_ns, count: 1 },
      { ts_ns: null, count: 1 },
      { ts_ns: rows[3]!.ts_ns, count: 1 },
      { ts_ns: rows[4]!.ts_ns, count: 1 },
    ]);
    expect(all.valueCounts('mp').getColumn('count').toArray()).toEqual([2, 1, 1, 1, 1]);
    expect(all.valueCounts('su').height).toBe(5); // 1, 'x', null (both nulls), 'yz', -3
  });

  it('groupBy takes keys of new kinds and counts, firsts and nUniques values of any kind', () => {
    const out = all.groupBy('bin').agg({ n: col('i16').count(), first: col('nest').first(), kinds: col('mp').nUnique() });
    expect(out.toRecords()).toEqual([
      { bin: rows[0]!.bin, n: 2, first: rows[0]!.nest, kinds: 1 },
      { bin: rows[1]!.bin, n: 1, first: rows[1]!.nest, kinds: 0 }, // its one map is null
      { bin: null, n: 1, first: rows[2]!.nest, kinds: 1 },
      { bin: rows[3]!.bin, n: 1, first: rows[3]!.nest, kinds: 1 },
      { bin: rows[5]!.bin, n: 1, first: rows[5]!.nest, kinds: 1 },
    ]);
  });

  it('property: unique of random nested frames agrees with canonical equality of the rows', () => {
    fc.assert(
      fc.property(nestedFrameArb(), fc.constantFrom('first' as const, 'last' as const, 'none' as const), fc.nat({ max: 3 }), (df, keep, start) => {
        const part = df.slice(start);
        const rows = part.toRecords();
        expect(part.unique({ keep }).toRecords()).toEqual(expectedUnique(rows, canon, keep));
      }),
      { seed: seedFor('unique-nested'), numRuns: 150 },
    );
  });
});
