/**
 * Part 2 of the memory benchmark: the bytes a mixed frame holds against its raw column bytes.
 */
import type { DataFrame } from '../../src/index.js';
import { bytesHeld, fmt, fmtInt, fmtMiB, markdownTable } from '../lib/measure.js';
import { MIXED_SCHEMA, arrowBufferBytes, buildMixedFrame, rawBytesMixed } from './mixed.js';

/**
 * Part 2 as a markdown section: bytes held by a `rows`-row mixed frame (built after one warm-up
 * build of `warmupRows` rows) against its raw column bytes, `memoryUsage()` and its Arrow buffers.
 */
export function frameBytesVsRaw(rows: number, seed: number, warmupRows: number): string {
  buildMixedFrame(warmupRows, seed + 1); // warm up the build path
  const raw = rawBytesMixed(rows, seed);
  const { bytes: held, result } = bytesHeld(
    () => buildMixedFrame(rows, seed),
    (df) => ({ usage: df.memoryUsage(), arrow: arrowBufferBytes(df as DataFrame), height: df.height }),
  );
  const r = result!;
  if (r.height !== rows) throw new Error(`expected ${rows} rows, the frame has ${r.height}`);
  const names = Object.keys(MIXED_SCHEMA) as (keyof typeof MIXED_SCHEMA)[];
  const rawTotal = names.reduce((s, k) => s + raw[k], 0);
  const arrowTotal = names.reduce((s, k) => s + (r.arrow[k] ?? 0), 0);
  const ratio = held / rawTotal;

  const dtypeLabel: Record<keyof typeof MIXED_SCHEMA, string> = {
    id: 'int32',
    amount: 'float64',
    flag: 'bool (1 bit)',
    category: `categorical, ${raw.k[0]} values, ${raw.widths[0]}-byte index`,
    city: `categorical, ${raw.k[1]} values, ${raw.widths[1]}-byte index`,
    note: 'utf8, 10–40 chars',
  };
  const colRows = names.map((k) => [
    k,
    dtypeLabel[k],
    fmtInt(raw[k]),
    fmtInt(r.arrow[k] ?? 0),
    fmtInt(r.usage.columns[k]?.total ?? 0),
  ]);
  colRows.push(['**total**', '', fmtInt(rawTotal), fmtInt(arrowTotal), fmtInt(r.usage.total)]);

  const summary = [
    ['rows', fmtInt(rows)],
    ['bytes held (frame alone, source arrays dropped)', `${fmtInt(held)} (${fmtMiB(held)})`],
    ['raw column bytes', `${fmtInt(rawTotal)} (${fmtMiB(rawTotal)})`],
    ['held / raw', `${fmt(ratio, 3)}×`],
    ['held / raw ≤ 1.10', ratio <= 1.1 ? 'yes' : '**no**'],
    ['df.memoryUsage().total', fmtInt(r.usage.total)],
    ['sum of Arrow buffers (col.data values + valueOffsets + nullBitmap + dictionary data)', fmtInt(arrowTotal)],
    ['memoryUsage().total equals that sum', r.usage.total === arrowTotal ? 'yes' : '**no**'],
    ['memoryUsage().total equals raw column bytes', r.usage.total === rawTotal ? 'yes' : '**no**'],
    ['held − memoryUsage().total (JS objects around the buffers)', fmtInt(held - r.usage.total)],
  ];
  return [
    `## Part 2: bytes held by a ${fmtInt(rows)}-row mixed frame vs its raw column bytes`,
    '',
    markdownTable(['measure', 'value'], summary, ['left', 'right']),
    '',
    markdownTable(['column', 'dtype', 'raw bytes', 'Arrow buffers', 'memoryUsage'], colRows, ['left', 'left', 'right', 'right', 'right']),
  ].join('\n');
}
