/**
 * The JSON types of values (bit flags, so a column can accept several), the inference classes of
 * one value, and which JSON types a column of each dtype takes.
 */
import { isNestedKind, type AnyDType } from '../../dtype/dtype.js';
import { Kind, classify, parseIntBytes, parsed, temporalKinds } from '../csv/values.js';

export const V_STRING = 1;
export const V_INT = 2;
export const V_FLOAT = 4;
export const V_BOOL = 8;
export const V_NESTED = 16;
export const V_NUMBER = V_INT | V_FLOAT;
export const V_ANY = 31;

/** Inference class of a string value (beside the date and timestamp classes of `Kind`). */
export const K_STRING = 2048;
/** Inference class of an array or object (with `nested: 'infer'`). */
export const K_NESTED = 4096;
export const K_ALL = 8191;
export const K_NUMBER = Kind.Int32 | Kind.Int64 | Kind.Float;

/** The JSON type's name, for messages. */
export function typeName(t: number): string {
  return t === V_STRING ? 'a string' : t === V_BOOL ? 'a boolean' : t === V_NESTED ? 'a nested value' : 'a number';
}

/**
 * The inference classes of one value of JSON type `t` (bytes `[s, e)`: a string's content, else
 * its JSON text). `nested` is the class of arrays and objects (`K_NESTED` when they are
 * inferred, 0 when they are text).
 */
export function kindsOf(t: number, b: Uint8Array, s: number, e: number, nested = 0): number {
  if (t === V_STRING) return K_STRING | temporalKinds(b, s, e); // dates and timestamps as readCSV reads them
  if (t === V_BOOL) return Kind.Bool;
  if (t === V_NESTED) return nested;
  return classify(b, s, e) & K_NUMBER;
}

/** Whether the integer text `[s, e)` is within ±(2^53 − 1). */
export function safeInt(b: Uint8Array, s: number, e: number): boolean {
  parseIntBytes(b, s, e);
  return parsed.ok;
}

/**
 * The JSON types a column (or a nested leaf) of `d` takes: strings for dates, timestamps and
 * times; numbers or strings for decimals; an inferred text column takes every type (as its JSON
 * text), a declared one strings (and nested values with `nested: 'json'`); nested dtypes take
 * arrays and objects.
 */
export function acceptOf(d: AnyDType, inferred: boolean, nestedJson: boolean): number {
  if (isNestedKind(d.kind)) return V_NESTED;
  switch (d.kind) {
    case 'bool':
      return V_BOOL;
    case 'date':
    case 'timestamp':
    case 'time':
    case 'binary':
    case 'largeBinary':
    case 'fixedSizeBinary':
      return V_STRING;
    case 'utf8':
    case 'largeUtf8':
    case 'categorical':
      return inferred ? V_ANY : V_STRING | (nestedJson ? V_NESTED : 0);
    case 'decimal':
      return V_NUMBER | V_STRING;
    case 'null':
      return 0;
    default:
      return V_NUMBER; // integers: a non-integer number fails in the sink
  }
}
