/**
 * The decimal builder: exact values of `decimal(precision, scale)` from `Decimal`s, decimal text,
 * bigints and numbers, stored as Arrow does (little-endian 32-bit words, two's complement, 1, 2,
 * 4 or 8 words a value). Nothing is rounded: a value with more fraction digits than the scale, or
 * more digits than the precision, is an error.
 */
import type { AnyDType } from '../dtype/dtype.js';
import { Decimal, parseDecimalText, pow10 } from '../dtype/values.js';
import { TypedValuesBuilder, type BuilderOptions } from './builder-base.js';

/**
 * The unscaled integer of `value` at `scale`, or the reason it has none (a string): `Decimal`s
 * are rescaled exactly, text is parsed, bigints are integer values, numbers are taken at their
 * shortest decimal text (`0.1` is 0.1, not the binary fraction behind it).
 * @example
 * ```ts
 * unscaledAt(new Decimal(125n, 2), 4); // → 12500n
 * unscaledAt('0.125', 2); // → 'has more than 2 fraction digits'
 * unscaledAt(0.1, 3); // → 100n
 * unscaledAt(12n, -1); // → 'has digits below 10^1'
 * ```
 */
export function unscaledAt(value: unknown, scale: number): bigint | string {
  if (value instanceof Decimal) return rescale(value.unscaled, value.scale, scale);
  if (typeof value === 'bigint') return rescale(value, 0, scale);
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'is not a finite number';
    text = String(value);
  } else return 'expected a Decimal, decimal text, a bigint or a number';
  if (scale >= 0) return parseDecimalText(text, scale);
  const whole = parseDecimalText(text, 0);
  return typeof whole === 'string' ? whole : rescale(whole, 0, scale);
}

function rescale(unscaled: bigint, from: number, to: number): bigint | string {
  if (from === to) return unscaled;
  if (from < to) return unscaled * pow10(to - from);
  const q = pow10(from - to);
  if (unscaled % q !== 0n) return to >= 0 ? `has more than ${to} fraction digits` : `has digits below 10^${-to}`;
  return unscaled / q;
}

/** Decimals of 32, 64, 128 or 256 bits. */
export class DecimalBuilder extends TypedValuesBuilder<Uint32Array> {
  private readonly scale: number;
  private readonly limit: bigint;

  constructor(dtype: AnyDType, name: string, opts: BuilderOptions) {
    super(dtype, name, opts, Uint32Array, dtype.bitWidth! / 32);
    this.scale = dtype.scale!;
    this.limit = pow10(dtype.precision!);
  }

  protected appendValue(value: unknown): void {
    const v = unscaledAt(value, this.scale);
    if (typeof v === 'string') this.fail(value, v);
    if (v >= this.limit || v <= -this.limit) this.fail(value, `has more than ${this.dtype.precision} digits (the precision)`);
    this.ensure();
    const words = this.values;
    const w = this.length * this.stride;
    if (this.stride === 1) {
      words[w] = Number(v); // stored modulo 2^32: two's complement
      return;
    }
    let rest = v;
    for (let k = 0; k < this.stride; k++) {
      words[w + k] = Number(BigInt.asUintN(32, rest));
      rest >>= 32n;
    }
  }
}
