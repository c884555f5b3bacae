/**
 * The Arrow type of a nested column built from its children's own types: a categorical child
 * keeps the index width its data has (uint8, uint16 or int32), which the dtype alone does not say.
 */
import { Field, FixedSizeList, LargeList, List, Map_, Struct, Union, UnionMode, type Data, type DataType } from 'apache-arrow';
import { toArrowType } from '../dtype/arrow.js';
import type { AnyDType, ChildField } from '../dtype/dtype.js';

/** The children of a nested dtype in Arrow's order (list item, map entries, struct or union fields). */
export function childFieldsOf(d: AnyDType): readonly ChildField[] {
  switch (d.kind) {
    case 'list':
    case 'largeList':
    case 'fixedSizeList':
    case 'map':
      return [d.item!];
    case 'struct':
    case 'union':
      return d.fields!;
    default:
      return [];
  }
}

function field(c: ChildField, type: DataType): Field {
  const f = new Field(c.name, type, c.dtype.nullable);
  if (c.metadata !== undefined) for (const [k, v] of c.metadata) f.metadata.set(k, v);
  return f;
}

/**
 * The Arrow type of dtype `d` whose children are `kids` (any other dtype: its plain Arrow type).
 * @example
 * ```ts
 * const b = makeBuilder(categorical(), 'c');
 * for (let i = 0; i < 300; i++) b.append(`v${i}`);
 * String(arrowTypeWith(struct({ c: categorical() }), [b.finish()])); // → 'Struct<{c:Dictionary<Uint16, Utf8>}>'
 * ```
 */
export function arrowTypeWith(d: AnyDType, kids: readonly Data[]): DataType {
  const fs = childFieldsOf(d).map((c, i) => field(c, kids[i]!.type as DataType));
  switch (d.kind) {
    case 'list':
      return new List(fs[0]!);
    case 'largeList':
      return new LargeList(fs[0]!);
    case 'fixedSizeList':
      return new FixedSizeList(d.size!, fs[0]!);
    case 'struct':
      return new Struct(fs);
    case 'map':
      return new Map_(fs[0]! as Field<Struct<{ key: DataType; value: DataType }>>, d.keysSorted === true);
    case 'union':
      return new Union(d.mode === 'dense' ? UnionMode.Dense : UnionMode.Sparse, [...d.typeIds!], fs);
    default:
      return toArrowType(d);
  }
}
