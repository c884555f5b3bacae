/** Dtypes that differ only in nullability (at any depth), unified for the rows of several frames. */
import { dtypeEquals, makeDType, paramsOf, type AnyDType, type ChildField } from '../../dtype/dtype.js';

function withChildren(d: AnyDType, nullable: boolean, children: readonly ChildField[]): AnyDType {
  const params = { ...paramsOf(d) };
  if (d.item !== undefined) return makeDType(d.kind, nullable, { ...params, item: children[0]! });
  if (d.fields !== undefined) return makeDType(d.kind, nullable, { ...params, fields: Object.freeze(children.slice()) });
  return makeDType(d.kind, nullable, params);
}

/**
 * The dtype holding the values of both `a` and `b` when they differ only in nullability, at the
 * top or in any child (the result admits nulls wherever either does), else `null`.
 * @example
 * ```ts
 * String(unifyNullability(list(int32()), nullable(list(nullable(int32()))))); // → 'list<int32?>?'
 * unifyNullability(list(int32()), list(int64())); // → null
 * ```
 */
export function unifyNullability(a: AnyDType, b: AnyDType): AnyDType | null {
  if (dtypeEquals(a, b, { ignoreNullable: true })) return a.nullable || !b.nullable ? a : b;
  if (a.kind !== b.kind) return null;
  const ca = a.item !== undefined ? [a.item] : (a.fields ?? []);
  const cb = b.item !== undefined ? [b.item] : (b.fields ?? []);
  if (ca.length !== cb.length || ca.length === 0) return null;
  const merged: ChildField[] = [];
  for (let k = 0; k < ca.length; k++) {
    if (ca[k]!.name !== cb[k]!.name) return null;
    const m = unifyNullability(ca[k]!.dtype, cb[k]!.dtype);
    if (m === null) return null;
    merged.push(Object.freeze({ ...ca[k]!, dtype: m }));
  }
  const out = withChildren(a, a.nullable || b.nullable, merged);
  return dtypeEquals(out, withChildren(b, a.nullable || b.nullable, merged)) ? out : null;
}
