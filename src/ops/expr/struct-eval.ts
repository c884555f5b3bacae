/**
 * Evaluating struct operations (`expr.struct.*`): a field is the struct's child column, shared
 * (zero-copy), with the struct's own nulls applied to it.
 */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { closestName, formatList } from '../../util/strings.js';
import type { Where } from './expr.js';
import type { Value } from './eval.js';
import type { StructCall } from './struct.js';
import { maskColumn, validityOf } from './values.js';

/**
 * The field `name` of a struct column as a column named `name`: the child data, with the rows
 * where the struct is null made null.
 * @throws ExpressionError when `c` is not a struct or has no field `name` (naming the fields it has).
 */
export function structField(c: Column, name: string, where: Where): Column {
  if (c.dtype.kind !== 'struct') throw new ExpressionError(where, `expected a struct, got ${dtypeName(c.dtype)} column "${c.name}"`);
  const fields = c.dtype.fields!;
  const k = fields.findIndex((f) => f.name === name);
  if (k < 0) {
    const names = fields.map((f) => f.name);
    const near = closestName(name, names);
    throw new ExpressionError(where, `struct column "${c.name}" has no field "${name}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; its fields: ${formatList(names)}`);
  }
  const f = fields[k]!;
  const child = new Column(name, f.dtype, c.data.children[k]!, f.metadata);
  return maskColumn(child, validityOf(c));
}

/**
 * Evaluate a struct operation on an evaluated operand.
 * @throws ExpressionError for an operand that is not a struct or an unknown field.
 */
export function structValue(call: StructCall, v: Value, where: Where): Value {
  if ('scalar' in v) {
    if (v.scalar === null) return { scalar: null, dtype: dtypeOfKind('null', true) };
    throw new ExpressionError(where, `expected a struct, got ${typeof v.scalar}`);
  }
  return { column: structField(v.column, call.name, where) };
}
