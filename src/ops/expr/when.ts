/**
 * Conditionals: `when(cond).then(a).when(cond2).then(b).otherwise(c)`, SQL's `CASE WHEN`.
 * Evaluated by when-eval.ts.
 */
import { Expr, lit, nestingOf, noteNesting, type ExprNode, type Operand } from './expr.js';

/** One `when(cond).then(value)` pair of a conditional. */
export interface WhenBranch {
  /** The condition (boolean). */
  readonly cond: ExprNode;
  /** The value taken where the condition is true. */
  readonly value: ExprNode;
}

function nodeOf(x: Operand): ExprNode {
  return x instanceof Expr ? x.node : lit(x).node;
}

type WhenNode = Extract<ExprNode, { op: 'when' }>;

/** The conditional a branch extends, and the branch, of each conditional built by `.then()`. */
interface Link {
  readonly prev: WhenNode | null;
  readonly branch: WhenBranch;
}
const links = new WeakMap<WhenNode, Link>();

/**
 * The conditional `prev` with one more branch, built in constant time however many branches it
 * has: its branch list is gathered (walking back through the conditionals it extends) only when
 * first read, so a chain of n `.when().then()` steps costs O(n), not O(n²).
 */
function extended(prev: WhenNode | null, branch: WhenBranch): WhenNode {
  let branches: readonly WhenBranch[] | undefined;
  const node: WhenNode = {
    op: 'when',
    get branches(): readonly WhenBranch[] {
      if (branches === undefined) {
        // Every conditional a `.when()` continues was built here, so the links reach the first branch.
        const reversed: WhenBranch[] = [];
        for (let n: WhenNode | null = node; n !== null; ) {
          const link: Link = links.get(n)!;
          reversed.push(link.branch);
          n = link.prev;
        }
        branches = Object.freeze(reversed.reverse());
      }
      return branches;
    },
    otherwise: null,
  };
  links.set(node, { prev, branch });
  // Arguments nest one level below the conditional: its depth is the deepest of its parts + 1.
  const own = Math.max(nestingOf(branch.cond), nestingOf(branch.value)) + 1;
  noteNesting(node, Math.max(prev === null ? 0 : nestingOf(prev), own));
  return node;
}

/**
 * Start a conditional expression: `when(cond).then(a)`, optionally more `.when(c).then(b)`, and
 * `.otherwise(c)`. Each row takes the value of the first branch whose condition is true; a null
 * condition counts as false (it falls through, as in SQL's `CASE`); rows no branch takes get the
 * `otherwise` value, or null without one. Conditions must be boolean. The values must agree:
 * numbers give int32 when every value is int32-like (int8/16/32, uint8/16, integer literals) and
 * float64 otherwise; strings give utf8 (categorical when every string column among them is
 * categorical); booleans give bool; dates give date, or timestamp when any is a timestamp (a
 * `Date` literal joins a date result only at UTC midnight; timestamps must share a time zone).
 * Nullability follows the result: nullable only when some row is null.
 * @throws ExpressionError (when evaluated) for a non-boolean condition or values that do not agree.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ x: [5, 50, null, 500] });
 * df.select(when(col('x').lt(10)).then('small').when(col('x').lt(100)).then('medium').otherwise('large').alias('size'))
 *   .getColumn('size').toArray();
 * // → [ 'small', 'medium', 'large', 'large' ]
 * ```
 */
export function when(cond: Operand): When {
  return new When(null, nodeOf(cond));
}

/**
 * A condition waiting for its value: call `.then(value)`. (Having a `then` method, it is
 * "thenable": do not `await` it.)
 * @example
 * ```ts
 * const w = when(col('qty').gt(10));
 * // Not an expression yet: it waits for `.then(value)`.
 * w instanceof Expr; // → false
 * const e = w.then(lit('bulk'));
 * String(e); // → 'when(col("qty").gt(10)).then("bulk")'
 * ```
 */
export class When {
  /** @internal */
  constructor(
    private readonly prev: WhenNode | null,
    private readonly cond: ExprNode,
  ) {
    Object.freeze(this);
  }

  /**
   * The value where the condition is true; gives an expression (null where no branch is taken)
   * that can be continued with `.when(...)` or closed with `.otherwise(...)`.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ qty: [5, 20] });
   * // Null where no branch is taken (qty <= 10):
   * df.withColumns({ bulk: when(col('qty').gt(10)).then(true) }).getColumn('bulk').toArray(); // → [ null, true ]
   * ```
   */
  then(value: Operand): Then {
    return new Then(extended(this.prev, { cond: this.cond, value: nodeOf(value) }));
  }
}

/**
 * A conditional with at least one branch. It is an expression already (null where no branch is
 * taken); `.when(...)` adds a branch, `.otherwise(value)` sets the value for the other rows.
 * @example
 * ```ts
 * const df = DataFrame.fromColumns({ a: [3, -2, 0] });
 * const sign = when(col('a').gt(0)).then(1).when(col('a').lt(0)).then(-1).otherwise(0);
 * df.select(sign.alias('sign')).getColumn('sign').toArray(); // → [ 1, -1, 0 ]
 * ```
 */
export class Then extends Expr {
  private get whenNode(): WhenNode {
    return this.node as WhenNode;
  }

  /**
   * Another condition, tried for rows no earlier branch took.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [5, 50, 500] });
   * const size = when(col('x').lt(10)).then('small').when(col('x').lt(100)).then('medium');
   * df.select(size.alias('size')).getColumn('size').toArray(); // → [ 'small', 'medium', null ]
   * ```
   */
  when(cond: Operand): When {
    return new When(this.whenNode, nodeOf(cond));
  }

  /**
   * The value for rows no branch took.
   * @example
   * ```ts
   * const df = DataFrame.fromColumns({ x: [4, null] });
   * df.select(when(col('x').isNull()).then(0).otherwise(col('x')).alias('x')).getColumn('x').toArray(); // → [ 4, 0 ]
   * ```
   */
  otherwise(value: Operand): Expr {
    return new Expr({ op: 'when', branches: this.whenNode.branches, otherwise: nodeOf(value) });
  }
}
