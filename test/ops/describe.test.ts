import { describe, expect, it } from 'vitest';
import { DataFrame, date, nullable, timestamp } from '../../src/index.js';
import { formatValue } from '../../src/display/value.js';
import { everyDtypeVectors, frameOf, timestampVector } from '../support/every-dtype.js';

const stat = (d: DataFrame, column: string, name: string): unknown => d.getColumn(column).get((d.getColumn('statistic').toArray() as string[]).indexOf(name));

describe('describe of dates and timestamps', () => {
  it('gives min and max of a date column as YYYY-MM-DD, as the table prints dates', () => {
    const df = DataFrame.fromColumns(
      { d: [new Date('2012-01-03'), null, new Date('2012-01-01'), new Date('2015-12-31')] },
      { schema: { d: nullable(date()) } },
    );
    const d = df.describe();
    expect([stat(d, 'd', 'count'), stat(d, 'd', 'null_count'), stat(d, 'd', 'min'), stat(d, 'd', 'max')]).toEqual(['3', '1', '2012-01-01', '2015-12-31']);
    expect(d.toString()).toContain('│ min        ┆ 2012-01-01 │');
  });

  it('gives min and max of a timestamp column as the table prints them: UTC without a zone', () => {
    const df = DataFrame.fromColumns({ t: [new Date('2024-03-05T14:22:10.123Z'), new Date('2024-03-05T08:00:00Z')] }, { schema: { t: timestamp() } });
    const d = df.describe();
    expect([stat(d, 't', 'min'), stat(d, 't', 'max')]).toEqual(['2024-03-05 08:00:00', '2024-03-05 14:22:10.123']);
  });

  it('gives min and max of a zoned timestamp column in its zone with the offset, as the table does', () => {
    const dtype = timestamp({ timezone: 'Europe/Oslo' });
    const values = [new Date('2024-01-15T12:00:00Z'), new Date('2024-07-01T00:30:00Z')];
    const d = DataFrame.fromColumns({ t: values }, { schema: { t: dtype } }).describe();
    expect([stat(d, 't', 'min'), stat(d, 't', 'max')]).toEqual(['2024-01-15 13:00:00+01:00', '2024-07-01 02:30:00+02:00']);
    expect([stat(d, 't', 'min'), stat(d, 't', 'max')]).toEqual(values.map((v) => formatValue(v, dtype)));
  });

  it('gives min and max of second, microsecond and nanosecond timestamps in their unit, exactly', () => {
    const d = frameOf({
      s: timestampVector('s', [1_714_557_600n, 2n ** 62n, null]),
      us: timestampVector('us', [1_714_557_600_123_456n, 1_714_557_600_000_000n, null]),
      ns: timestampVector('ns', [1_714_557_600_123_456_789n, -1n, null], 'Europe/Oslo'),
    }).describe();
    expect([stat(d, 's', 'min'), stat(d, 's', 'max')]).toEqual(['2024-05-01 10:00:00', '+146138514283-06-19 07:45:04']);
    expect([stat(d, 'us', 'min'), stat(d, 'us', 'max')]).toEqual(['2024-05-01 10:00:00', '2024-05-01 10:00:00.123456']);
    expect([stat(d, 'ns', 'min'), stat(d, 'ns', 'max')]).toEqual(['1970-01-01 00:59:59.999999999+01:00', '2024-05-01 12:00:00.123456789+02:00']);
  });

  it('gives null min and max for an empty or all-null date column', () => {
    const df = DataFrame.fromColumns({ d: [null, null] }, { schema: { d: nullable(date()) } });
    expect([stat(df.describe(), 'd', 'min'), stat(df.describe(), 'd', 'max')]).toEqual([null, null]);
    expect(stat(df.head(0).describe(), 'd', 'min')).toBeNull();
  });
});

describe('describe: the most frequent value of other dtypes', () => {
  it('spells a top value that is not text as the table does, and counts the unique values without nulls', () => {
    const v = everyDtypeVectors();
    const d = frameOf({ list_str: v.list_str!, struct: v.struct!, bin: v.bin!, dec: v.dec!, d_us: v.d_us!, null: v.null!, union: v.union! }).describe();
    const tops = ['list_str', 'struct', 'bin', 'dec', 'd_us', 'null', 'union'].map((c) => [stat(d, c, 'unique'), stat(d, c, 'top')]);
    expect(tops).toEqual([
      ['3', '["a", "b\\"c"]'],
      ['2', '{a: 1, b: "x"}'],
      ['2', 'b"\\x00\\x01ab"'],
      ['2', '12.3400'],
      ['2', '123µs'],
      ['0', null],
      ['2', '7'],
    ]);
  });
});
