/**
 * The deliberate differences from DuckDB of lists, structs, instants of every unit and decimals,
 * numbered on from the list in differences.ts. The suites adapt their SQL for these (each entry
 * says where), and `nested-differences.test.ts` asserts that each one really occurs.
 */
import type { Difference } from './differences.js';

/** The list. */
export const NESTED_DIFFERENCES: readonly Difference[] = [
  {
    id: 9,
    name: 'a list sum without values is 0',
    description: 'list.sum of an empty list, or of a list of nulls only, is 0 (as polars and every colframe sum); DuckDB\'s list_sum gives NULL.',
    adaptation: 'lists.test.ts sum0: CASE WHEN xs IS NULL THEN NULL ELSE coalesce(list_sum(xs), 0) END.',
  },
  {
    id: 10,
    name: 'explode keeps empty and null lists',
    description: 'explode gives an empty list, and a null list, one row with a null item (as polars); DuckDB\'s UNNEST gives no row for them.',
    adaptation: 'lists.test.ts explode: the SQL unnests [NULL] in place of an empty or null list.',
  },
  {
    id: 11,
    name: 'list.join skips nulls, even all of them',
    description: 'list.join of a list whose items are all null gives "" (nulls skipped, as polars); DuckDB\'s array_to_string gives NULL.',
    adaptation: 'lists.test.ts: coalesce(array_to_string(ss, sep), \'\') for a non-null list.',
  },
  {
    id: 12,
    name: 'implode of no rows is an empty list',
    description: 'implode over zero rows gives [] (as polars); DuckDB\'s list() gives NULL.',
    adaptation: 'lists.test.ts: the whole-frame case asserts both answers.',
  },
  {
    id: 13,
    name: 'sub-second fields count within the second',
    description: 'dt.millisecond / microsecond / nanosecond count within the second (as polars: 0 … 999, 0 … 999,999, 0 … 999,999,999); DuckDB\'s millisecond / microsecond / nanosecond count from the minute.',
    adaptation: 'temporal-units.test.ts: the SQL takes them modulo 1000, 10^6 and 10^9.',
  },
  {
    id: 14,
    name: 'instant differences are durations',
    description: 'timestamp − timestamp gives a duration in the finer unit, date − date a duration in milliseconds (as polars); DuckDB gives an INTERVAL, and days (BIGINT) for dates.',
    adaptation: 'temporal-units.test.ts: both sides as exact nanoseconds (epoch_ns / epoch_us × 1000, date_diff × 86,400 · 10^9).',
  },
  {
    id: 15,
    name: 'nanosecond instants before 1970 are floored',
    description: 'A nanosecond instant before 1970 with sub-microsecond digits falls in its own second (−1 ns is 1969-12-31 23:59:59.999999999); DuckDB reads TIMESTAMP_NS toward zero for its fields and date_trunc (year(−1 ns) = 1970).',
    adaptation: 'temporal-units.test.ts: DuckDB\'s fields are taken on the instant floored to the microsecond, the nanoseconds added exactly.',
  },
  {
    id: 16,
    name: 'a decimal sum beyond 38 digits raises',
    description: 'sum of decimals gives decimal(38, s) and raises when a total needs more digits; DuckDB returns its 128-bit total beyond DECIMAL(38, s)\'s digits.',
    adaptation: 'decimal.test.ts: where DuckDB\'s sum has more than 38 digits, colframe must raise.',
  },
  {
    id: 17,
    name: 'decimal results take the SQL precision',
    description: 'add / sub / mul of decimals take the SQL precision (max(p1 − s1, p2 − s2) + max(s1, s2) + 1; p1 + p2), capped at 38, and the exact value; DuckDB keeps a result of two operands of at most 18 digits at DECIMAL(18, s) (its 64-bit storage) and raises "Overflow" when a value or a rescaled operand leaves it.',
    adaptation: 'decimal.test.ts SQL_PRECISION and NARROW_OVERFLOW: DuckDB\'s DECIMAL(18, s) stands for the larger precision, and its 18-digit overflow is not compared.',
  },
  {
    id: 18,
    name: 'float to decimal casts round the exact double',
    description: 'A float cast to a decimal rounds the double\'s exact value half away from zero at the scale (0.1 at scale 25 is 0.1000000000000000055511151); DuckDB scales in floating point (0.1000000000000000117440512).',
    adaptation: 'none needed in the random suites (they cast decimals to floats, not back); nested-differences.test.ts pins it.',
  },
];
