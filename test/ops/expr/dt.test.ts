import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataFrame, ExpressionError, col, date, int32, lit, nullable, timestamp, type Expr } from '../../../src/index.js';
import { dtypeOf, valuesOf } from '../../support/frames.js';

const D = (s: string) => new Date(s);

const days = ['2024-02-29', '2023-03-01', '1970-01-01', '1969-12-31', '1900-02-28', '1900-03-01', '1600-02-29', '0001-01-01', null];
const dates = DataFrame.fromColumns({ d: days.map((s) => (s === null ? null : D(s))), i: days.map((_, k) => k) }, { schema: { d: nullable(date()), i: int32() } });

const instants = ['2024-02-29T23:59:59.999Z', '1969-12-31T23:59:00Z', '1970-01-01T00:00:00Z', '1900-03-01T12:34:56Z', '-000044-03-15T10:00:00Z', null];
const stamps = DataFrame.fromColumns({ t: instants.map((s) => (s === null ? null : D(s))) }, { schema: { t: nullable(timestamp()) } });

describe('dt fields on dates', () => {
  it('gives year, month and day, before 1970 and on leap days', () => {
    expect(valuesOf(col('d').dt.year(), dates)).toEqual([2024, 2023, 1970, 1969, 1900, 1900, 1600, 1, null]);
    expect(valuesOf(col('d').dt.month(), dates)).toEqual([2, 3, 1, 12, 2, 3, 2, 1, null]);
    expect(valuesOf(col('d').dt.day(), dates)).toEqual([29, 1, 1, 31, 28, 1, 29, 1, null]);
    expect(dtypeOf(col('d').dt.year(), dates)).toBe('int32?');
  });

  it('gives the ISO weekday, Monday 1 … Sunday 7', () => {
    // Thu, Wed, Thu, Wed, Wed, Thu, Tue, Mon
    expect(valuesOf(col('d').dt.weekday(), dates)).toEqual([4, 3, 4, 3, 3, 4, 2, 1, null]);
    const week = DataFrame.fromColumns({ d: ['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07', '2024-06-08', '2024-06-09'].map(D) }, { schema: { d: date() } });
    expect(valuesOf(col('d').dt.weekday(), week)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects hour and minute: a date has no time of day', () => {
    expect(() => valuesOf(col('d').dt.hour(), dates)).toThrow(ExpressionError);
    expect(() => valuesOf(col('d').dt.minute(), dates)).toThrow(/col\("d"\)\.dt\.minute\(\): a date has no time of day/);
  });
});

describe('dt fields on timestamps', () => {
  it('gives the UTC fields of a timestamp without a time zone, negative instants included', () => {
    expect(valuesOf(col('t').dt.year(), stamps)).toEqual([2024, 1969, 1970, 1900, -44, null]);
    expect(valuesOf(col('t').dt.month(), stamps)).toEqual([2, 12, 1, 3, 3, null]);
    expect(valuesOf(col('t').dt.day(), stamps)).toEqual([29, 31, 1, 1, 15, null]);
    expect(valuesOf(col('t').dt.hour(), stamps)).toEqual([23, 23, 0, 12, 10, null]);
    expect(valuesOf(col('t').dt.minute(), stamps)).toEqual([59, 59, 0, 34, 0, null]);
    expect(valuesOf(col('t').dt.weekday(), stamps)).toEqual([4, 3, 4, 4, 4, null]);
  });

  it('gives the wall-clock fields in the column time zone (half-hour offsets)', () => {
    const t = DataFrame.fromColumns(
      { t: ['2024-01-15T20:45:00Z', '1969-12-31T20:00:00Z', '1943-06-01T00:00:00Z'].map(D) },
      { schema: { t: timestamp({ timezone: 'Asia/Kolkata' }) } },
    );
    expect(valuesOf(col('t').dt.day(), t)).toEqual([16, 1, 1]);
    expect(valuesOf(col('t').dt.hour(), t)).toEqual([2, 1, 6]); // +05:30, and +06:30 in war time
    expect(valuesOf(col('t').dt.minute(), t)).toEqual([15, 30, 30]);
    expect(valuesOf(col('t').dt.year(), t)).toEqual([2024, 1970, 1943]);
  });

  it('follows daylight saving time in America/New_York', () => {
    const ny = DataFrame.fromColumns(
      { t: ['2024-03-10T06:59:59Z', '2024-03-10T07:00:00Z', '2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z', '2024-07-04T03:00:00Z'].map(D) },
      { schema: { t: timestamp({ timezone: 'America/New_York' }) } },
    );
    expect(valuesOf(col('t').dt.hour(), ny)).toEqual([1, 3, 1, 1, 23]);
    expect(valuesOf(col('t').dt.day(), ny)).toEqual([10, 10, 3, 3, 3]);
    expect(valuesOf(col('t').dt.weekday(), ny)).toEqual([7, 7, 7, 7, 3]);
  });
});

describe('dt.truncate', () => {
  it('rounds dates down to year, month and ISO week; day keeps them', () => {
    const d = DataFrame.fromColumns({ d: ['2024-02-29', '1969-12-31', '2024-06-09', '2024-06-03', '1600-03-01'].map(D) }, { schema: { d: date() } });
    expect(valuesOf(col('d').dt.truncate('year'), d)).toEqual(['2024-01-01', '1969-01-01', '2024-01-01', '2024-01-01', '1600-01-01'].map(D));
    expect(valuesOf(col('d').dt.truncate('month'), d)).toEqual(['2024-02-01', '1969-12-01', '2024-06-01', '2024-06-01', '1600-03-01'].map(D));
    expect(valuesOf(col('d').dt.truncate('week'), d)).toEqual(['2024-02-26', '1969-12-29', '2024-06-03', '2024-06-03', '1600-02-28'].map(D));
    expect(valuesOf(col('d').dt.truncate('day'), d)).toEqual(valuesOf(col('d'), d));
    expect(dtypeOf(col('d').dt.truncate('month'), d)).toBe('date');
    expect(valuesOf(col('d').dt.truncate('month'), dates).at(-1)).toBeNull();
  });

  it('rounds timestamps down to every unit, before 1970 included', () => {
    const t = DataFrame.fromColumns({ t: [D('1969-12-31T23:59:30.5Z'), D('2024-02-29T13:47:12Z')] });
    const tr = (u: Parameters<Expr['dt']['truncate']>[0]) => valuesOf(col('t').dt.truncate(u), t);
    expect(tr('minute')).toEqual([D('1969-12-31T23:59:00Z'), D('2024-02-29T13:47:00Z')]);
    expect(tr('hour')).toEqual([D('1969-12-31T23:00:00Z'), D('2024-02-29T13:00:00Z')]);
    expect(tr('day')).toEqual([D('1969-12-31T00:00:00Z'), D('2024-02-29T00:00:00Z')]);
    expect(tr('week')).toEqual([D('1969-12-29T00:00:00Z'), D('2024-02-26T00:00:00Z')]);
    expect(tr('month')).toEqual([D('1969-12-01T00:00:00Z'), D('2024-02-01T00:00:00Z')]);
    expect(tr('year')).toEqual([D('1969-01-01T00:00:00Z'), D('2024-01-01T00:00:00Z')]);
  });

  it('truncates on the wall clock of the time zone and keeps the time zone', () => {
    const k = DataFrame.fromColumns({ t: [D('2024-01-15T20:45:00Z')] }, { schema: { t: timestamp({ timezone: 'Asia/Kolkata' }) } });
    expect(valuesOf(col('t').dt.truncate('hour'), k)).toEqual([D('2024-01-15T20:30:00Z')]);
    expect(valuesOf(col('t').dt.truncate('day'), k)).toEqual([D('2024-01-15T18:30:00Z')]);
    expect(dtypeOf(col('t').dt.truncate('day'), k)).toBe('timestamp[ms, Asia/Kolkata]');
  });

  it('truncates across daylight saving changes to the right instant', () => {
    const ny = DataFrame.fromColumns(
      { t: ['2024-03-10T15:00:00Z', '2024-11-03T12:00:00Z', '2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z', '2024-03-20T12:00:00Z'].map(D) },
      { schema: { t: timestamp({ timezone: 'America/New_York' }) } },
    );
    // Midnight EST before the spring change; midnight EDT before the autumn one.
    expect(valuesOf(col('t').dt.truncate('day'), ny).slice(0, 2)).toEqual([D('2024-03-10T05:00:00Z'), D('2024-11-03T04:00:00Z')]);
    // 01:30 happens twice on 3 November: each truncates to its own 01:00.
    expect(valuesOf(col('t').dt.truncate('hour'), ny).slice(2, 4)).toEqual([D('2024-11-03T05:00:00Z'), D('2024-11-03T06:00:00Z')]);
    // The month began in EST.
    expect(valuesOf(col('t').dt.truncate('month'), ny)[4]).toEqual(D('2024-03-01T05:00:00Z'));
  });

  it('truncates a day whose midnight does not exist to the instant the day begins', () => {
    // São Paulo skipped from 00:00 to 01:00 on 4 November 2018.
    const sp = DataFrame.fromColumns({ t: [D('2018-11-04T12:00:00Z')] }, { schema: { t: timestamp({ timezone: 'America/Sao_Paulo' }) } });
    expect(valuesOf(col('t').dt.truncate('day'), sp)).toEqual([D('2018-11-04T03:00:00Z')]);
    expect(valuesOf(col('t').dt.hour(), sp)).toEqual([10]);
  });

  it('rejects an unknown unit', () => {
    expect(() => valuesOf(col('t').dt.truncate('fortnight' as 'minute'), stamps)).toThrow('col("t").dt.truncate("fortnight"): unknown unit "fortnight"; use one of year, quarter, month, week, day, hour, minute, second');
  });
});

describe('dt on literals, sliced frames and wrong types', () => {
  it('works on a Date literal (UTC) and keeps a null literal null', () => {
    expect(valuesOf(lit(D('1999-12-31T23:00:00Z')).dt.year(), stamps.head(2))).toEqual([1999, 1999]);
    expect(valuesOf(lit(D('1999-12-31T23:00:00Z')).dt.truncate('month'), stamps.head(1))).toEqual([D('1999-12-01T00:00:00Z')]);
    expect(valuesOf(lit(null).dt.month(), stamps.head(2))).toEqual([null, null]);
  });

  it('reads a sliced frame from its offset', () => {
    expect(valuesOf(col('d').dt.year(), dates.slice(3, 6))).toEqual([1969, 1900, 1900, 1600, 1, null]);
    expect(valuesOf(col('t').dt.hour(), stamps.slice(1, 5))).toEqual([23, 0, 12, 10, null]);
  });

  it('rejects a non-temporal input, naming the expression', () => {
    expect(() => valuesOf(col('i').dt.year(), dates)).toThrow(ExpressionError);
    expect(() => valuesOf(col('i').dt.year(), dates)).toThrow('col("i").dt.year(): expected dates or timestamps, got int32 column "i"');
    expect(() => valuesOf(lit('2024-01-01').dt.year(), dates)).toThrow(/expected a date, got string/);
  });

  it('prints as code and keeps the column name', () => {
    expect(String(col('d').dt.truncate('week').eq(lit(D('2024-01-01'))))).toBe('col("d").dt.truncate("week").eq(lit(new Date("2024-01-01T00:00:00.000Z")))');
    expect(dates.select(col('d').dt.year()).columns).toEqual(['d']);
  });
});

describe('dt properties', () => {
  const anyDate = fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true });

  it('dt.year/month/day/hour/minute/weekday agree with Date.getUTC* for any instant', () => {
    fc.assert(
      fc.property(fc.array(anyDate, { maxLength: 30 }), (ds) => {
        const t = DataFrame.fromColumns({ t: ds }, { schema: { t: timestamp() } });
        expect(valuesOf(col('t').dt.year(), t)).toEqual(ds.map((d) => d.getUTCFullYear()));
        expect(valuesOf(col('t').dt.month(), t)).toEqual(ds.map((d) => d.getUTCMonth() + 1));
        expect(valuesOf(col('t').dt.day(), t)).toEqual(ds.map((d) => d.getUTCDate()));
        expect(valuesOf(col('t').dt.hour(), t)).toEqual(ds.map((d) => d.getUTCHours()));
        expect(valuesOf(col('t').dt.minute(), t)).toEqual(ds.map((d) => d.getUTCMinutes()));
        expect(valuesOf(col('t').dt.weekday(), t)).toEqual(ds.map((d) => d.getUTCDay() || 7));
      }),
    );
  });

  it('date fields agree with Date.getUTC* for any day, and truncate never passes the day', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -99_999_000, max: 99_999_000 }), { maxLength: 30 }), (ns) => {
        const ds = ns.map((n) => new Date(n * 86_400_000));
        const t = DataFrame.fromColumns({ d: ds }, { schema: { d: date() } });
        expect(valuesOf(col('d').dt.year(), t)).toEqual(ds.map((d) => d.getUTCFullYear()));
        expect(valuesOf(col('d').dt.month(), t)).toEqual(ds.map((d) => d.getUTCMonth() + 1));
        expect(valuesOf(col('d').dt.day(), t)).toEqual(ds.map((d) => d.getUTCDate()));
        const weeks = valuesOf(col('d').dt.truncate('week'), t) as Date[];
        weeks.forEach((w, i) => {
          expect(w.getUTCDay()).toBe(1);
          expect(ds[i]!.getTime() - w.getTime()).toBeGreaterThanOrEqual(0);
          expect(ds[i]!.getTime() - w.getTime()).toBeLessThan(7 * 86_400_000);
        });
      }),
    );
  });

  it('time zone fields agree with Intl, and truncate("hour") lands on the wall-clock hour at or before the instant', () => {
    const zones = ['America/New_York', 'Asia/Kolkata', 'Europe/London', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
    const recent = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(recent, { minLength: 1, maxLength: 20 }), (tz, ds) => {
        const t = DataFrame.fromColumns({ t: ds }, { schema: { t: timestamp({ timezone: tz }) } });
        const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
        const parts = ds.map((d) => Object.fromEntries(f.formatToParts(d).map((p) => [p.type, Number(p.value)])));
        expect(valuesOf(col('t').dt.year(), t)).toEqual(parts.map((p) => p['year']));
        expect(valuesOf(col('t').dt.month(), t)).toEqual(parts.map((p) => p['month']));
        expect(valuesOf(col('t').dt.day(), t)).toEqual(parts.map((p) => p['day']));
        expect(valuesOf(col('t').dt.hour(), t)).toEqual(parts.map((p) => p['hour']));
        expect(valuesOf(col('t').dt.minute(), t)).toEqual(parts.map((p) => p['minute']));
        const hours = valuesOf(col('t').dt.truncate('hour'), t) as Date[];
        const wall = (d: Date) => {
          const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, Number(x.value)]));
          return Date.UTC(p['year']!, p['month']! - 1, p['day'], p['hour'], p['minute']);
        };
        hours.forEach((h, i) => {
          // On the hour, unless the hour began in a DST gap (Lord Howe skips 02:00–02:30): then the
          // instant the gap ends, where the wall clock jumps.
          const jumped = wall(h) - wall(new Date(h.getTime() - 60_000)) !== 60_000;
          if (!jumped) expect(new Date(wall(h)).getUTCMinutes()).toBe(0);
          expect(h.getTime()).toBeLessThanOrEqual(ds[i]!.getTime());
          expect(ds[i]!.getTime() - h.getTime()).toBeLessThan(2 * 3_600_000);
        });
      }),
    );
  });
});
