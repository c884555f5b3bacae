/**
 * Inferring the dtype of nested JSON values: arrays become lists, objects structs, recursively,
 * each item and field widened by the rules of flat columns (int32 → int64 → float64, dates →
 * timestamps, timestamps to the finest unit seen, values of several JSON types → text).
 *
 * - An array is `list<item>`; an empty array alone gives `list<null>` (items of the null type),
 *   widened by the items of other arrays.
 * - An object is a struct of every key seen, in order of first appearance; a key missing from an
 *   object is null there.
 * - A place holding values of different sorts (arrays and objects, or either and scalars) is
 *   text: each value as its JSON text (strings without quotes), as a flat column mixing JSON
 *   types is.
 * - Every inferred child is nullable.
 */
import { dtypeOfKind, withInt64Repr, withNullable, type AnyDType, type Int64Repr } from '../../dtype/dtype.js';
import { list, struct } from '../../dtype/nested.js';
import { nullType } from '../../dtype/dtype.js';
import { Kind, timestampUnitOf } from '../csv/values.js';
import { FALSE, JsonSyntax, NULL, TRUE, describeStart, type Scanner } from './scan.js';
import { K_ALL, K_NESTED, V_BOOL, V_FLOAT, V_INT, V_STRING, kindsOf, safeInt } from './json-types.js';
import { Misfit } from './nested-build.js';

/** Stamps objects, to find a key repeated in one object. */
let objectStamp = 0;

/** What the values seen at one place of a nested value were. */
export class Shape {
  /** The stamp of the object whose member this shape last took (a key seen twice in one object). */
  private seenIn = 0;
  nonNull = 0;
  scalars = 0;
  arrays = 0;
  objects = 0;
  /** Inference classes every scalar has. */
  kinds = K_ALL & ~K_NESTED;
  /** Whether an integer beyond ±(2^53 − 1) was seen (a float64 would round it). */
  bigInt = false;
  items: Shape | null = null;
  fields: Map<string, Shape> | null = null;

  /**
   * Add the JSON value at `i` of the scanner's window (checked already); returns the index after it.
   * @throws Misfit for a key repeated in one object, unless `duplicateKeys` is `'last'`.
   */
  add(sc: Scanner, i: number, duplicateKeys: 'error' | 'last' = 'error'): number {
    const b = sc.b;
    const c = b[i]!;
    if (c === 110) return sc.literal(i, NULL);
    this.nonNull++;
    if (c === 91) {
      this.arrays++;
      const items: Shape = (this.items ??= new Shape());
      i = sc.ws(i + 1);
      if (b[i] === 93) return i + 1;
      for (let k = 0; ; k++) {
        try {
          i = sc.ws(items.add(sc, i, duplicateKeys));
        } catch (e) {
          throw e instanceof Misfit ? new Misfit(e.reason, `[${k}]${e.path}`) : e;
        }
        if (b[i] === 44) i = sc.ws(i + 1);
        else return i + 1;
      }
    }
    if (c === 123) {
      this.objects++;
      const fields: Map<string, Shape> = (this.fields ??= new Map<string, Shape>());
      i = sc.ws(i + 1);
      if (b[i] === 125) return i + 1;
      const stamp = ++objectStamp;
      for (;;) {
        const ke = sc.string(i);
        const name = sc.escaped ? Buffer.from(sc.scratch.subarray(0, sc.unescape(i + 1, ke))).toString('utf8') : Buffer.from(b.subarray(i + 1, ke)).toString('utf8');
        let f = fields.get(name);
        if (f === undefined) fields.set(name, (f = new Shape()));
        if (f.seenIn === stamp && duplicateKeys === 'error') {
          throw new Misfit(`duplicate key ${JSON.stringify(name)} in one object (pass duplicateKeys: 'last' to keep the last value, as JSON.parse does)`);
        }
        f.seenIn = stamp;
        try {
          i = sc.ws(f.add(sc, sc.ws(sc.ws(ke + 1) + 1), duplicateKeys));
        } catch (e) {
          throw e instanceof Misfit ? new Misfit(e.reason, `.${name}${e.path}`) : e;
        }
        if (b[i] === 44) i = sc.ws(i + 1);
        else return i + 1;
      }
    }
    this.scalars++;
    let end: number;
    if (c === 34) {
      const ve = sc.string(i);
      end = ve + 1;
      this.kinds &= sc.escaped ? kindsOf(V_STRING, sc.scratch, 0, sc.unescape(i + 1, ve)) : kindsOf(V_STRING, b, i + 1, ve);
    } else if (c === 116 || c === 102) {
      end = sc.literal(i, c === 116 ? TRUE : FALSE);
      this.kinds &= kindsOf(V_BOOL, b, i, end);
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      end = sc.number(i);
      const t = sc.integer ? V_INT : V_FLOAT;
      this.kinds &= kindsOf(t, b, i, end);
      if (t === V_INT && end - i > 15 && !safeInt(b, i, end)) this.bigInt = true;
    } else {
      throw new JsonSyntax(`expected a value, found ${describeStart(c)}`, i);
    }
    return end;
  }
}

/**
 * The dtype (nullable) of the values a shape saw; `int64` sets how inferred 64-bit integers read.
 * @example
 * ```ts
 * import { Scanner } from './scan.js';
 * const sc = new Scanner();
 * const shape = new Shape();
 * for (const text of ['[{"a":1}]', '[{"a":2.5,"b":"x"},null]', '[]']) {
 *   const b = Buffer.from(text);
 *   sc.reset(b, b.length, true);
 *   shape.add(sc, 0);
 * }
 * String(dtypeOfShape(shape)); // → 'list<struct<a: float64?, b: utf8?>?>?'
 * ```
 */
export function dtypeOfShape(shape: Shape, int64?: Int64Repr): AnyDType {
  const sorts = (shape.arrays > 0 ? 1 : 0) + (shape.objects > 0 ? 1 : 0) + (shape.scalars > 0 ? 1 : 0);
  if (shape.nonNull === 0) return nullType();
  if (sorts > 1) return dtypeOfKind('utf8', true);
  if (shape.arrays > 0) return withNullable(list(shape.items === null ? nullType() : dtypeOfShape(shape.items, int64)), true);
  if (shape.objects > 0) {
    const fields: [string, AnyDType][] = [...(shape.fields ?? new Map<string, Shape>())].map(([name, f]) => [name, dtypeOfShape(f, int64)]);
    return withNullable(struct(fields), true);
  }
  const k = shape.kinds;
  let d: AnyDType;
  if (k & Kind.Bool) d = dtypeOfKind('bool', true);
  else if (k & Kind.Int32) d = dtypeOfKind('int32', true);
  else if (k & Kind.Int64) d = dtypeOfKind('int64', true);
  else if (k & Kind.Float) d = shape.bigInt ? dtypeOfKind('utf8', true) : dtypeOfKind('float64', true);
  else if (k & Kind.Date) d = dtypeOfKind('date', true);
  else if (timestampUnitOf(k, false) !== undefined) d = dtypeOfKind('timestamp', true, { unit: timestampUnitOf(k, false)! });
  else if (timestampUnitOf(k, true) !== undefined) d = dtypeOfKind('timestamp', true, { unit: timestampUnitOf(k, true)!, timezone: 'UTC' });
  else d = dtypeOfKind('utf8', true);
  return int64 === undefined ? d : withInt64Repr(d, int64);
}
