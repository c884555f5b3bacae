/** `cast` in expressions: values converted to another dtype. */
import { ExpressionError, InvalidValueError } from '../../errors.js';
import { dtypeName, dtypeOfKind, isNumericKind, type AnyDType } from '../../dtype/dtype.js';
import { Column } from '../../column/column.js';
import { buildData, makeBuilder } from '../../column/builders.js';
import { dtypeOf, materialize, type Value } from './eval.js';

/** `v` converted to `to`; `strict` makes a value that does not convert an error, else a null. */
export function castValue(v: Value, to: AnyDType, n: number, where: string, strict = true): Value {
  const from = dtypeOf(v);
  const okNumeric = isNumericKind(from.kind) && isNumericKind(to.kind);
  const okText = to.kind === 'utf8' || to.kind === 'categorical';
  const okTime = (from.kind === 'date' || from.kind === 'timestamp') && (to.kind === 'date' || to.kind === 'timestamp');
  if (!(okNumeric || okText || okTime || from.kind === to.kind)) {
    throw new ExpressionError(where, `cannot cast ${dtypeName(from)} to ${dtypeName(to)}`);
  }
  const column = materialize(v, n, 'column' in v ? v.column.name : 'literal');
  const textOf = (x: unknown): unknown => {
    if (x === null || !okText || from.kind === 'utf8' || from.kind === 'categorical') return x;
    if (x instanceof Date) return from.kind === 'date' ? x.toISOString().slice(0, 10) : x.toISOString();
    return String(x);
  };
  // Values go through the checked builder: 1.5 → int32, 300 → uint8 or a time of day → date fail.
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) values[i] = textOf(column.at(i));
  const out = dtypeOfKind(to.kind, column.nullCount > 0 || to.nullable || !strict, { ...(to.int64 ? { int64: to.int64 } : {}), ...(to.timezone !== undefined ? { timezone: to.timezone } : {}) });
  if (!strict) {
    // A value that does not convert becomes null.
    const b = makeBuilder(out, column.name, { capacity: Math.max(1, n) });
    for (const x of values) {
      try {
        b.append(x);
      } catch (e) {
        if (!(e instanceof InvalidValueError)) throw e;
        b.appendNull();
      }
    }
    return { column: new Column(column.name, out, b.finish()) };
  }
  return { column: new Column(column.name, out, buildData(values, out, column.name)) };
}
