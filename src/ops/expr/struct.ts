/**
 * The struct namespace, `col(name).struct`: `field(name)`, evaluated by struct-eval.ts.
 */
import type { Expr, ExprNode } from './expr.js';

/** One struct operation. */
export type StructCall = { readonly fn: 'field'; readonly name: string };

/**
 * A struct call as code, after `.struct`.
 * @example
 * ```ts
 * showStruct({ fn: 'field', name: 'x' }); // → 'field("x")'
 * ```
 */
export function showStruct(c: StructCall): string {
  return `${c.fn}(${JSON.stringify(c.name)})`;
}

/**
 * Operations on a struct expression, reached through `expr.struct`.
 * @example
 * ```ts
 * import { tableFromArrays, vectorFromArray, Struct, Field, Int32, Utf8 } from 'apache-arrow';
 * const type = new Struct([new Field('id', new Int32()), new Field('tag', new Utf8(), true)]);
 * const df = DataFrame.fromArrow(tableFromArrays({ p: vectorFromArray([{ id: 1, tag: 'a' }, { id: 2, tag: null }], type) } as never));
 * df.select(col('p').struct.field('tag')).toRecords(); // → [ { tag: 'a' }, { tag: null } ]
 * ```
 */
export class StructNamespace {
  /** @internal */
  constructor(
    private readonly arg: ExprNode,
    private readonly wrap: (node: ExprNode) => Expr,
  ) {}

  /**
   * The field `name` of each struct, as a column named `name` of the field's dtype (zero-copy:
   * the struct's child column, with the struct's own nulls applied to it).
   * @throws ExpressionError (when evaluated) for a name the struct has no field of, naming the
   * fields it has, or an operand that is not a struct.
   * @example
   * ```ts
   * import { tableFromArrays, vectorFromArray, Struct, Field, Float64 } from 'apache-arrow';
   * const type = new Struct([new Field('x', new Float64()), new Field('y', new Float64())]);
   * const df = DataFrame.fromArrow(tableFromArrays({ p: vectorFromArray([{ x: 1, y: 2 }, null], type) } as never));
   * df.select(col('p').struct.field('y')).getColumn('y').toArray(); // → [ 2, null ]
   * ```
   */
  field(name: string): Expr {
    return this.wrap({ op: 'struct', arg: this.arg, call: { fn: 'field', name } });
  }
}
