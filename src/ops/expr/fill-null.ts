/** `fillNull` in expressions: nulls replaced by a literal or another expression's values. */
import { ExpressionError } from '../../errors.js';
import { dtypeName, dtypeOfKind } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { buildData } from '../../column/builders.js';
import type { Value } from './eval.js';

/** `v` with its nulls replaced by `fill` (a column or a scalar). */
export function fillNull(v: Value, fill: Value, n: number, where: string): Value {
  if (!('column' in v)) return v.scalar === null ? fill : v;
  const c = v.column;
  if (c.nullCount === 0) return v;
  const dt = dtypeOfKind(c.dtype.kind, false, { ...(c.dtype.int64 ? { int64: c.dtype.int64 } : {}), ...(c.dtype.timezone !== undefined ? { timezone: c.dtype.timezone } : {}) });
  const values = new Array<unknown>(n);
  const other = 'column' in fill ? fill.column : null;
  for (let i = 0; i < n; i++) {
    const x = c.at(i);
    values[i] = x !== null ? x : other !== null ? other.at(i) : (fill as { scalar: unknown }).scalar;
  }
  try {
    const nullable = values.some((x) => x === null);
    const out = nullable ? dtypeOfKind(dt.kind, true, dt.int64 ? { int64: dt.int64 } : {}) : dt;
    return { column: new Column(c.name, out, buildData(values, out, c.name)) };
  } catch (e) {
    throw new ExpressionError(where, `the fill value does not fit ${dtypeName(c.dtype)}: ${(e as Error).message}`);
  }
}
