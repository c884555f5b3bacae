/**
 * Dtype inference from JavaScript values (for `fromColumns` arrays and `fromRecords`).
 *
 * Rules, per column, over every value:
 * - numbers: `int32` when every one is an integer in the int32 range (and none is −0), else `float64`;
 * - bigints: `int64` (numbers mixed in must be safe integers);
 * - strings: `utf8`; booleans: `bool`; `Date`s: `timestamp` (ms, no time zone);
 * - `null` / `undefined` make the column nullable; a column of nothing but nulls (or no values)
 *   is a nullable `utf8`;
 * - any other mix (number and string, …) or value (objects, arrays, functions, symbols) is a
 *   `SchemaError` naming the column and the rows: nothing is coerced silently.
 */
import { SchemaError } from '../errors.js';
import { withArticle } from '../util/strings.js';
import { dtypeOfKind, type AnyDType, type DTypeKind } from '../dtype/dtype.js';

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

type Seen = 'number' | 'bigint' | 'string' | 'boolean' | 'Date';

function kindOfValue(v: unknown): Seen | null | 'other' {
  switch (typeof v) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'bigint';
    case 'undefined':
      return null;
    case 'object':
      if (v === null) return null;
      if (v instanceof Date) return 'Date';
      return 'other';
    default:
      return 'other';
  }
}

function describeKind(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    if (Array.isArray(v)) return 'an array';
    const name = (v as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== 'Object' ? withArticle(name) : 'an object';
  }
  return withArticle(typeof v);
}

/**
 * The dtype of a column of JavaScript values.
 * @throws SchemaError for mixed or unsupported value types, naming the column and rows.
 */
export function inferDType(values: ArrayLike<unknown>, column: string): AnyDType {
  let seen: Seen | undefined;
  let firstRow = -1;
  let hasNull = false;
  let allInt32 = true;
  let hasNumber = false;
  let hasBigint = false;
  let nonIntegerNumberRow = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const k = kindOfValue(v);
    if (k === null) {
      hasNull = true;
      continue;
    }
    if (k === 'other') {
      throw new SchemaError(
        `Column "${column}", row ${i}: ${describeKind(v)} is not a supported value ` +
          `(expected number, bigint, string, boolean, Date or null)`,
        column,
      );
    }
    if (k === 'number') {
      hasNumber = true;
      const n = v as number;
      if (allInt32 && (!Number.isInteger(n) || n < I32_MIN || n > I32_MAX || Object.is(n, -0))) allInt32 = false;
      if (nonIntegerNumberRow < 0 && !Number.isSafeInteger(n)) nonIntegerNumberRow = i;
    } else if (k === 'bigint') {
      hasBigint = true;
    }
    if (seen === undefined) {
      seen = k;
      firstRow = i;
    } else if (seen !== k && !((seen === 'number' && k === 'bigint') || (seen === 'bigint' && k === 'number'))) {
      throw new SchemaError(
        `Column "${column}" mixes ${seen} (row ${firstRow}) and ${k} (row ${i}); pass a schema to choose a dtype`,
        column,
      );
    }
  }
  let kind: DTypeKind;
  if (seen === undefined) kind = 'utf8';
  else if (hasBigint) {
    if (hasNumber && nonIntegerNumberRow >= 0) {
      throw new SchemaError(
        `Column "${column}" mixes bigint and a number that is not a safe integer (row ${nonIntegerNumberRow}); pass a schema`,
        column,
      );
    }
    kind = 'int64';
  } else if (seen === 'number') kind = allInt32 ? 'int32' : 'float64';
  else if (seen === 'string') kind = 'utf8';
  else if (seen === 'boolean') kind = 'bool';
  else kind = 'timestamp';
  return dtypeOfKind(kind, hasNull || seen === undefined);
}
