/**
 * The deliberate differences between colframe and DuckDB — exactly the numbered list of the
 * semantics decisions (and the README's semantics table). The differential suite adapts its
 * comparison for these and only these (each entry says where), and `differences.test.ts` asserts
 * that each one really occurs, so a change on either side shows up.
 */

/** One deliberate difference. */
export interface Difference {
  /** Its number in the list. */
  readonly id: number;
  /** A short name. */
  readonly name: string;
  /** What colframe does, and what DuckDB does instead. */
  readonly description: string;
  /** How the suite compares around it. */
  readonly adaptation: string;
}

/** The list. */
export const DIFFERENCES: readonly Difference[] = [
  {
    id: 1,
    name: 'integer arithmetic wraps',
    description:
      'add/sub/mul/mod of int8/16/32 and uint8/16 give int32 and wrap on overflow (like polars); with an int64/uint32/uint64 operand they give int64 and wrap modulo 2^64. DuckDB keeps narrower types and raises "Overflow".',
    adaptation: 'pairs.ts arithP/unaryP: the SQL computes the exact result in HUGEINT and wraps it to int32 / int64 (wrapSql).',
  },
  {
    id: 2,
    name: 'int64 against float64 compares exact values',
    description:
      'An int64 compared with a float64 compares the exact values (9007199254740993 = 9007199254740992.0 is false); DuckDB converts the integer to double (true). Join keys likewise.',
    adaptation: 'pairs.ts numberCmpSql: an int64/uint64 against a float compares as HUGEINT where the integer rounds to the float (also used for join keys).',
  },
  {
    id: 3,
    name: 'round rounds the shortest decimal form',
    description: 'round(x, d) rounds half away from zero on the shortest decimal form of the double: round(1.005, 2) = 1.01; DuckDB gives 1.0.',
    adaptation: 'pairs.ts roundSql: the SQL rounds CAST(CAST(x AS VARCHAR) AS DECIMAL) (DuckDB prints the shortest form).',
  },
  {
    id: 4,
    name: 'an integer result beyond 64 bits raises',
    description:
      'sum of integers whose total leaves int64 (uint64 for uint64) raises an error naming the column, and when/then/otherwise raises for a value beyond its int64 or uint64 result (a uint64 above 2^63 among signed values); DuckDB returns an int128 (HUGEINT).',
    adaptation: 'group-check.ts: where DuckDB\'s HUGEINT sum leaves int64 (uint64 for a uint64 column, whose sum is uint64), colframe must throw a ColframeError naming the column; evaluate.ts (Pair.range, set by when.test.ts): a DuckDB value beyond the result dtype means colframe must throw.',
  },
  {
    id: 5,
    name: 'row order is colframe\'s own',
    description:
      'groupBy / unique / valueCounts list groups in order of first appearance (DuckDB: unspecified); sort is stable.',
    adaptation: 'groupBy, unique and valueCounts compare as sorted multisets; sort gives DuckDB the row number as the last key; joins state colframe\'s documented order with ORDER BY.',
  },
  {
    id: 6,
    name: 'timestamp() is milliseconds by default',
    description: 'timestamp() without a unit (and every inferred CSV/JSON timestamp without sub-millisecond digits) holds milliseconds; DuckDB\'s TIMESTAMP holds microseconds. timestamp(\'us\') and timestamp(\'ns\') hold DuckDB\'s TIMESTAMP and TIMESTAMP_NS exactly.',
    adaptation: 'duckdb.ts: colframe\'s milliseconds are loaded as microseconds × 1000; values compare in microseconds, so a sub-millisecond DuckDB value never equals a colframe one; random text casts carry at most milliseconds.',
  },
  {
    id: 7,
    name: 'upper and lower map full Unicode case',
    description:
      'str.upper / str.lower use the full Unicode case mapping, as JavaScript and polars do: ß → SS, ﬁ → FI, İ → i̇, a final Σ → ς. DuckDB maps each code point to one code point (ß → ẞ, ﬁ stays, Σ → σ everywhere).',
    adaptation: 'pairs-str-dt.ts strP and evaluate.ts: DuckDB gives its result with the input; where they differ, colframe must give JavaScript\'s mapping of an input that has such a character.',
  },
  {
    id: 8,
    name: 'an inexact key coalesced into a float key raises',
    description:
      'A right or full join of an int64 key with a float64 key builds the key column as float64 and raises when an int64 key it must take has no exact double; DuckDB coalesces to DOUBLE, rounding.',
    adaptation: 'join.test.ts: where DuckDB\'s coalesced key rounds an int64 key, colframe must throw a SchemaError naming the key.',
  },
];

/** A difference by number. */
export function difference(id: number): Difference {
  const d = DIFFERENCES.find((x) => x.id === id);
  if (d === undefined) throw new Error(`no difference ${id}`);
  return d;
}
