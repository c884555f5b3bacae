import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Column } from '../../../src/column/column.js';
import { FrameCore } from '../../../src/core/frame-core.js';
import { DataFrame, binary, decimal, fixedSizeBinary, int32, list, nullable, struct, utf8 } from '../../../src/index.js';
import { takeData, takeDataOrNull } from '../../../src/ops/data/take-data.js';
import { sharedAllocator } from '../../../src/util/alloc.js';
import { EVERY_KIND, everyKindFrame, everyKindRecords } from '../../support/every-kind.js';
import { arrowData } from '../../support/arrow-data.js';
import { nestedFrameArb } from '../../support/nested-arbitraries.js';
import { seedFor } from '../../support/knobs.js';

/** The frame's rows at `idx` through takeData, column by column. */
function take(df: DataFrame, idx: number[], orNull = false): Record<string, unknown>[] {
  const ix = Int32Array.from(idx);
  const cols = df.getColumns().map((c) => new Column(c.name, c.dtype, orNull ? takeDataOrNull(c.data, c.dtype, ix) : takeData(c.data, c.dtype, ix)));
  return DataFrame.fromCore(new FrameCore(cols, idx.length)).toRecords();
}

const nullRow = Object.fromEntries(Object.keys(EVERY_KIND).map((n) => [n, null]));

describe('takeData', () => {
  const df = everyKindFrame();
  const rows = everyKindRecords();

  it('gathers rows of every dtype kind in any order, repeats included', () => {
    const idx = [5, 0, 3, 3, 1, 2, 4];
    expect(take(df, idx)).toEqual(idx.map((i) => rows[i]));
  });

  it('gathers from sliced data (offset ≠ 0: struct and fixed-size-list children sliced, list and dense-union children not)', () => {
    for (const [start, len] of [
      [1, 5],
      [2, 3],
      [3, 2],
      [5, 1],
    ] as const) {
      const part = df.slice(start, len);
      expect(part.toRecords()).toEqual(rows.slice(start, start + len));
      const idx = Array.from({ length: len }, (_, k) => len - 1 - k);
      expect(take(part, idx)).toEqual(idx.map((i) => rows[start + i]));
    }
  });

  it('gives empty data for no indices, from full and empty frames', () => {
    expect(take(df, [])).toEqual([]);
    expect(take(df.head(0), [])).toEqual([]);
    const d = take(df, []);
    expect(d).toHaveLength(0);
  });

  it('keeps the Arrow type and shares categorical dictionaries (nested ones too)', () => {
    const c = df.getColumn('st');
    const out = takeData(c.data, c.dtype, Int32Array.of(0, 3));
    expect(out.type).toBe(c.data.type);
    expect(out.children[1]!.dictionary).toBe(c.data.children[1]!.dictionary);
  });

  it('gathers rows of fixed width of any byte count (decimals of 4–32 bytes, fixed-size binary of 3 bytes)', () => {
    const d = arrowData(nullable(fixedSizeBinary(3)), [Uint8Array.of(1, 2, 3), null, Uint8Array.of(4, 5, 6)]);
    const out = new Column('b', nullable(fixedSizeBinary(3)), takeData(d.slice(1, 2), nullable(fixedSizeBinary(3)), Int32Array.of(1, 0, 1)));
    expect(out.toArray()).toEqual([Uint8Array.of(4, 5, 6), null, Uint8Array.of(4, 5, 6)]);
    const dd = arrowData(decimal(30, 1), [1n, -(10n ** 29n), 5n]);
    expect(new Column('d', decimal(30, 1), takeData(dd, decimal(30, 1), Int32Array.of(1, 2))).toArray().map(String)).toEqual(['-10000000000000000000000000000.0', '0.5']);
  });

  it('puts the buffers it makes where the allocator says', () => {
    const c = df.getColumn('nest');
    const out = takeData(c.data, c.dtype, Int32Array.of(0, 4), sharedAllocator);
    expect(out.valueOffsets.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(out.children[0]!.children[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    const s = df.getColumn('s');
    expect(takeData(s.data, s.dtype, Int32Array.of(0)).values.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('property: agrees with picking the rows of the input (random nested frames, random indices)', () => {
    fc.assert(
      fc.property(
        nestedFrameArb().chain((df) =>
          fc.tuple(
            fc.constant(df),
            fc.array(fc.nat({ max: Math.max(0, df.height - 1) }), { maxLength: df.height === 0 ? 0 : 10 }),
            fc.nat({ max: df.height }),
          ),
        ),
        ([df, idx, start]) => {
          const rows = df.toRecords();
          expect(take(df, idx)).toEqual(idx.map((i) => rows[i]));
          const part = df.slice(start);
          const sub = idx.filter((i) => i < part.height);
          expect(take(part, sub)).toEqual(sub.map((i) => rows[start + i]));
        },
      ),
      { seed: seedFor('take-data'), numRuns: 150 },
    );
  });
});

describe('takeDataOrNull', () => {
  const df = everyKindFrame();
  const rows = everyKindRecords();

  it('gives a null row for an index of −1, in every dtype kind (unions select a null child)', () => {
    expect(take(df, [-1, 2, -1, 0], true)).toEqual([nullRow, rows[2], nullRow, rows[0]]);
    expect(take(df.slice(3), [1, -1], true)).toEqual([rows[4], nullRow]);
  });

  it('gives null rows of any dtype from empty data', () => {
    expect(take(df.head(0), [-1, -1], true)).toEqual([nullRow, nullRow]);
  });

  it('is takeData when no index is −1', () => {
    expect(take(df, [4, 1], true)).toEqual([rows[4], rows[1]]);
  });

  it('property: agrees with picking rows, null for −1', () => {
    fc.assert(
      fc.property(
        nestedFrameArb().chain((df) => fc.tuple(fc.constant(df), fc.array(fc.integer({ min: -1, max: df.height - 1 }), { maxLength: 8 }))),
        ([df, idx]) => {
          const rows = df.toRecords();
          const none = Object.fromEntries(df.columns.map((n) => [n, null]));
          expect(take(df, idx, true)).toEqual(idx.map((i) => (i < 0 ? none : rows[i])));
        },
      ),
      { seed: seedFor('take-data-or-null'), numRuns: 120 },
    );
  });

  it('keeps children that admit no null valid (a null struct row holds zero values below it)', () => {
    const dt = nullable(struct({ a: int32(), s: utf8(), l: list(binary()) }));
    const d = arrowData(dt, [{ a: 1, s: 'x', l: [Uint8Array.of(1)] }]);
    const out = takeDataOrNull(d, dt, Int32Array.of(-1, 0));
    for (const child of out.children) expect(child.nullCount).toBe(0);
    expect(DataFrame.fromCore(new FrameCore([new Column('x', dt, out)])).toRecords()).toEqual([{ x: null }, { x: { a: 1, s: 'x', l: [Uint8Array.of(1)] } }]);
  });
});
