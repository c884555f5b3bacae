/**
 * Part 3 of the memory benchmark: how fast the mixed rows can be read, as objects, colframe rows,
 * apache-arrow rows and typed arrays.
 */
import type { Table } from 'apache-arrow';
import type { DataFrame } from '../../src/index.js';
import { fmt, fmtInt, markdownTable, settledBytes, timeMedians } from '../lib/measure.js';
import { type MixedRecord, type MIXED_SCHEMA, buildMixedFrame, buildMixedObjects } from './mixed.js';

// One loop per case, so each loop's property accesses stay specialised to its own row type.

function sumObjects(rows: readonly MixedRecord[]): number {
  let amount = 0;
  let id = 0;
  for (const r of rows) {
    amount += r.amount;
    id += r.id;
  }
  return amount + id;
}

function sumFrame(df: DataFrame<typeof MIXED_SCHEMA>): number {
  let amount = 0;
  let id = 0;
  for (const r of df) {
    amount += r.amount;
    id += r.id;
  }
  return amount + id;
}

function sumArrow(table: Table): number {
  let amount = 0;
  let id = 0;
  for (const row of table) {
    amount += row['amount'] as number;
    id += row['id'] as number;
  }
  return amount + id;
}

function sumTyped(amounts: Float64Array, ids: Int32Array): number {
  let amount = 0;
  let id = 0;
  const n = amounts.length;
  for (let i = 0; i < n; i++) {
    amount += amounts[i]!;
    id += ids[i]!;
  }
  return amount + id;
}

/**
 * Part 3 as a markdown section: median time of summing `amount` and `id` over the `rows` mixed rows
 * as plain objects, colframe rows, apache-arrow rows and the frame's typed arrays (`runs` rounds).
 */
export function iterationSpeed(rows: number, seed: number, runs: number): string {
  const objects = buildMixedObjects(rows, seed);
  const df = buildMixedFrame(rows, seed);
  const arrowTable = df.toArrow();
  const amounts = df.getColumn('amount').data.values as Float64Array;
  const ids = df.getColumn('id').data.values as Int32Array;
  if (!(amounts instanceof Float64Array) || !(ids instanceof Int32Array)) throw new Error('unexpected column storage');

  settledBytes(); // start timing from a collected heap (the builds' garbage is gone)
  const results = timeMedians(
    [
      { name: 'objects', run: () => sumObjects(objects) },
      { name: 'colframe', run: () => sumFrame(df) },
      { name: 'arrow', run: () => sumArrow(arrowTable) },
      { name: 'typed', run: () => sumTyped(amounts, ids) },
    ],
    runs,
    2,
  );
  const by = new Map(results.map((r) => [r.name, r]));
  const expected = by.get('typed')!.result;
  for (const r of results) {
    if (r.result !== expected) throw new Error(`${r.name} computed ${r.result}, the typed-array loop ${expected}`);
  }
  const ms = (k: string): number => by.get(k)!.ms;
  const colVsObj = ms('colframe') / ms('objects');
  const arrowVsCol = ms('arrow') / ms('colframe');

  const label: Record<string, string> = {
    objects: 'array of plain objects, `for...of`',
    colframe: 'colframe `for (const r of df)`',
    arrow: 'apache-arrow `for (const row of df.toArrow())`',
    typed: 'typed-array index loop (Float64Array + Int32Array)',
  };
  const table: string[][] = results.map((r) => [
    label[r.name]!,
    fmt(r.ms, 2),
    `${fmt(Math.min(...r.all), 2)}–${fmt(Math.max(...r.all), 2)}`,
    fmt((r.ms * 1e6) / rows, 2),
    `${fmt(r.ms / ms('objects'), 2)}× objects`,
    '',
    '',
  ]);
  table.push(['**colframe / objects**', '', '', '', `${fmt(colVsObj, 2)}×`, '≤ 1.5', colVsObj <= 1.5 ? 'yes' : '**no**']);
  table.push(['**arrow / colframe**', '', '', '', `${fmt(arrowVsCol, 2)}×`, '≥ 10', arrowVsCol >= 10 ? 'yes' : '**no**']);
  return [
    `## Part 3: iteration speed (sum \`amount\` and \`id\` over ${fmtInt(rows)} rows)`,
    '',
    markdownTable(['case', 'median ms', 'min–max ms', 'ns/row', 'ratio', 'target', 'met'], table, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'left',
      'left',
    ]),
    '',
    `Median of ${runs} runs after 2 warm-up runs each; the cases alternate within each round. ` +
      `All four cases computed the same sum (${expected}).`,
  ].join('\n');
}
