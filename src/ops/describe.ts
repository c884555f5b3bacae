/**
 * `describe`: summary statistics per column. Numeric columns: count, null_count, mean, std, min,
 * 25%, 50%, 75%, max (float64; quantiles linearly interpolated). Text columns: count, null_count,
 * unique, top (the most frequent value; ties to the first seen). Booleans: count, null_count, and
 * `mean` as the share of true. Dates and timestamps: count, null_count, min, max (as the table
 * prints them: `2012-01-01`; `2012-01-01 08:30:00` with the unit's fraction digits, naive, or in
 * the column's time zone with its offset). A `top` value that is not text is spelled as the table
 * spells it.
 * The result has a `statistic` column, then a float64 column per numeric or boolean column and a
 * utf8 column per other column (rows a column has no value for are null).
 */
import { isNumericKind, isStringKind, dtypeOfKind } from '../dtype/dtype.js';
import { cellFormatter } from '../display/cell.js';
import { Column } from '../column/column.js';
import { buildData } from '../column/builders.js';
import { FrameCore } from '../core/frame-core.js';
import { col } from './expr/expr.js';
import { groupByAgg } from './group-by/group-by.js';
import { selectQuantiles } from './group-by/agg-numeric.js';
import { groupIds } from './group-by/groups.js';
import { validityOf } from './expr/values.js';
import { doublesOf, exactAt } from './expr/exact.js';
import { formatDate } from '../util/temporal.js';
import { formatTimestampCount, type CountUnit } from '../util/temporal-units.js';

/** A numeric column's non-null values as a new Float64Array (64-bit integers to the nearest double). */
function nonNullNumbers(c: Column): Float64Array {
  const xs = doublesOf(c);
  const v = validityOf(c);
  const out = new Float64Array(c.length - c.nullCount);
  let k = 0;
  for (let i = 0; i < c.length; i++) if (v === null || (v[i >> 3]! & (1 << (i & 7))) !== 0) out[k++] = xs[i]!;
  return out;
}

const STATS = ['count', 'null_count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max', 'unique', 'top'] as const;

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  return String(v);
}

/** Summary statistics of every column. */
export function describe(core: FrameCore): FrameCore {
  const out: Column[] = [new Column('statistic', dtypeOfKind('utf8', false), buildData([...STATS], dtypeOfKind('utf8', false), 'statistic'))];
  for (const c of core.columns) {
    const stats: Record<string, unknown> = { count: c.length - c.nullCount, null_count: c.nullCount };
    const kind = c.dtype.kind;
    const one = (aggs: Record<string, ReturnType<typeof col>>) => new FrameCore(groupByAgg(core, [], aggs).columns, 1);
    if (isNumericKind(kind)) {
      const r = one({ mean: col(c.name).mean(), std: col(c.name).std(), min: col(c.name).min(), max: col(c.name).max() });
      // Row 0 of each statistic; 64-bit integers shown as the nearest double (the column is float64).
      const v = (k: string) => (r.column(k).isNull(0) ? null : Number(exactAt(r.column(k))(0)));
      // The three quartiles by selection over one copy of the non-null values (no sort).
      const values = nonNullNumbers(c);
      const [q1, q2, q3] = values.length === 0 ? [null, null, null] : selectQuantiles(values, [0.25, 0.5, 0.75]);
      Object.assign(stats, { mean: v('mean'), std: v('std'), min: v('min'), '25%': q1, '50%': q2, '75%': q3, max: v('max') });
    } else if (kind === 'bool') {
      let t = 0;
      for (const x of c) if (x === true) t++;
      stats['mean'] = c.length - c.nullCount === 0 ? null : t / (c.length - c.nullCount);
    } else if (kind === 'date' || kind === 'timestamp') {
      // As the table prints them: dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS[.mmm]` (in
      // their zone, with its offset), from the stored integers (exact for every value).
      const r = one({ min: col(c.name).min(), max: col(c.name).max() });
      const show = (k: string) => {
        const m = r.column(k);
        if (m.isNull(0)) return null;
        if (kind === 'date') return formatDate((m.data.values as Int32Array)[0]!);
        const unit = (c.dtype.unit ?? 'ms') as CountUnit;
        return formatTimestampCount((m.data.values as BigInt64Array)[0]!, unit, c.dtype.timezone ?? null, { separator: ' ', inZone: true });
      };
      Object.assign(stats, { min: show('min'), max: show('max') });
    } else {
      // Distinct values and the most frequent one, from the group ids (no per-row strings).
      const g = groupIds([c], c.length);
      const sizes = new Int32Array(g.count);
      for (let i = 0; i < c.length; i++) sizes[g.ids[i]!]!++;
      let topRow = -1;
      let best = 0;
      let unique = 0;
      // A union holds its nulls in its members and the null type has no validity bitmap: their
      // nulls are found by the value's text (strings quoted, so only a null reads `null`).
      const quoted = kind === 'union' || kind === 'null' ? cellFormatter(c.data, c.dtype, c.name, { quote: true }) : null;
      for (let id = 0; id < g.count; id++) {
        const row = g.firstRow[id]!;
        if (c.isNull(row) || quoted?.(row) === 'null') continue;
        unique++;
        if (sizes[id]! > best) ((best = sizes[id]!), (topRow = row));
      }
      // Text as is; any other value as the table spells it.
      const top = topRow < 0 ? null : isStringKind(kind) ? c.get(topRow) : cellFormatter(c.data, c.dtype, c.name, { maxStringLength: -1 })(topRow);
      Object.assign(stats, { unique, top });
    }
    if (isNumericKind(kind) || kind === 'bool') {
      const dt = dtypeOfKind('float64', true);
      const values = STATS.map((s) => (stats[s] === undefined || stats[s] === null ? null : Number(stats[s])));
      out.push(new Column(c.name, dt, buildData(values, dt, c.name)));
    } else {
      const dt = dtypeOfKind('utf8', true);
      out.push(new Column(c.name, dt, buildData(STATS.map((s) => text(stats[s])), dt, c.name)));
    }
  }
  return new FrameCore(out, STATS.length);
}
