/**
 * Dtype inference for CSV columns from a sample of rows.
 *
 * Each non-null field is classified on its bytes (see `classify`); a column takes the most specific
 * dtype every sampled value fits, in this order: bool, int32, int64, float64, date, timestamp
 * (wall times, or instants with a `Z`/offset as timestamp[…, UTC]), else a string column. A
 * timestamp column takes the coarsest unit that holds every value exactly: milliseconds when no
 * value has more than 3 fraction digits, microseconds for up to 6, nanoseconds for up to 9 —
 * and text when a value with nanosecond digits meets one outside the nanoseconds' years
 * (1677–2262). Numbers with leading zeros ("00501") or a leading `+` stay strings, as do integers
 * beyond int64, and float literals beyond the float64 range (`1e400`,
 * `1e-400`: never read as Infinity or 0). A float column that meets an integer beyond ±2^53 (which
 * a float64 may round) becomes text, as an int64 column beyond ±2^53 does when it meets a float.
 * A column with no non-null value in the sample is utf8.
 *
 * String columns: `readCSV` builds every string column dictionary-encoded and turns it into plain
 * utf8 when it proves to have many distinct values (see `DictSink`); `scanCSV`, whose batches
 * must share one schema, decides from the sample: categorical when the sample's distinct values
 * are at most half its non-null values, else utf8.
 */
import { dtypeOfKind, type AnyDType } from '../../dtype/dtype.js';
import { Kind, classify, timestampUnitOf } from './values.js';
import { commonTokenOf, isNanToken } from './null-tokens.js';

/** Per-column statistics gathered over the sample. */
export class ColumnSample {
  kinds: number = Kind.All;
  nonNull = 0;
  /** Common null tokens (`NA`, `-` …) seen among the values (when they are not read as null). */
  tokens = 0;
  /** `NaN` / `nan` left out of the classes (with `nullValues: 'common'`). */
  private nans = 0;
  private readonly distinct = new Set<string>();
  private distinctCapped = false;

  /**
   * @param commonNulls - Whether the read takes the common null tokens as null
   *   (`nullValues: 'common'`): the others never get here, and `NaN` is left out of the classes
   *   (it is null in a column that is not float).
   */
  constructor(private readonly commonNulls = false) {}

  /** Record one non-null field. `text` decodes it (only called while distinct values are tracked). */
  add(b: Uint8Array, s: number, e: number, trackDistinct: boolean, text: () => string): void {
    this.nonNull++;
    if (this.commonNulls) {
      if (isNanToken(b, s, e)) {
        this.nans++;
        return;
      }
    } else if (commonTokenOf(b, s, e) !== undefined) {
      this.tokens++;
    }
    if (this.kinds !== 0) this.kinds &= classify(b, s, e);
    if (trackDistinct && !this.distinctCapped) {
      this.distinct.add(text());
      if (this.distinct.size > 65536) this.distinctCapped = true;
    }
  }

  /** The inferred dtype (always nullable), given how string columns are to be stored. */
  dtype(strings: 'adaptive' | 'by-sample'): AnyDType {
    const k = this.kinds;
    if (this.nonNull === 0) return dtypeOfKind('utf8', true);
    if (this.nonNull === this.nans) return dtypeOfKind('float64', true); // only NaN: floats
    if (k & Kind.Bool) return dtypeOfKind('bool', true);
    if (k & Kind.Int32) return dtypeOfKind('int32', true);
    if (k & Kind.Int64) return dtypeOfKind('int64', true);
    if (k & Kind.Float) return dtypeOfKind('float64', true);
    if (k & Kind.Date) return dtypeOfKind('date', true);
    const naive = timestampUnitOf(k, false);
    if (naive !== undefined) return dtypeOfKind('timestamp', true, { unit: naive });
    const aware = timestampUnitOf(k, true);
    if (aware !== undefined) return dtypeOfKind('timestamp', true, { unit: aware, timezone: 'UTC' });
    if (strings === 'adaptive') return dtypeOfKind('categorical', true);
    const categorical = !this.distinctCapped && this.distinct.size * 2 <= this.nonNull;
    return dtypeOfKind(categorical ? 'categorical' : 'utf8', true);
  }
}
