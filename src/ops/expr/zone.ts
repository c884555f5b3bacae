/**
 * UTC offsets of an IANA time zone, from `Intl.DateTimeFormat`, cached per UTC day: the offset is
 * looked up at the two midnights around a day, and only a day whose two offsets differ (a DST or
 * zone change) is searched for its transition, to the second. A column of a million instants
 * over a few years costs a few thousand `Intl` calls, not a million. Fixed offsets (`+05:30`,
 * `-0800`) are parsed directly. Assumes at most one transition per UTC day, which holds for every
 * zone in the time zone database since 1900 (and nearly all before).
 */
import { daysFromCivil, MS_PER_DAY } from './calendar.js';

/**
 * A time zone's offsets: `offset(t)` is what to add to UTC milliseconds `t` for wall-clock time.
 * @example
 * ```ts
 * zoneOf('America/New_York')!.offset(Date.parse('2024-07-04T12:00:00Z')) / 3.6e6; // → -4
 * ```
 */
export interface Zone {
  /** Milliseconds to add to the UTC instant `t` to get the local wall-clock time. */
  offset(t: number): number;
  /** The UTC instant of local wall-clock milliseconds `local`; see `localToUtc`. */
  toUtc(local: number, hint: number): number;
}

const MAX_DATE_MS = 8.64e15;

/** A formatter giving wall-clock parts in `tz`. @throws RangeError for an unknown zone. */
function formatterFor(tz: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** The offset of `tz` at `t`, asked of `Intl` (second resolution, as the zone database has). */
function intlOffset(f: Intl.DateTimeFormat, t: number): number {
  const s = Math.floor(Math.min(Math.max(t, -MAX_DATE_MS), MAX_DATE_MS) / 1000) * 1000;
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let se = 0;
  let bc = false;
  for (const p of f.formatToParts(s)) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        se = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
      default:
        break;
    }
  }
  if (bc) y = 1 - y;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + se * 1000 - s;
}

const SLOTS = 4096;
const MAX_CACHED_DAYS = 1 << 20;

/**
 * Offsets of an `Intl` time zone: per UTC day, the offsets at its start and end and (when they
 * differ) the transition instant, in a direct-mapped cache of typed arrays in front of maps of
 * what `Intl` said. One per zone name, kept for the process (a zone's offsets do not change; the
 * maps are cleared past a million days).
 */
class IntlZone implements Zone {
  private readonly atMidnight = new Map<number, number>();
  private readonly transition = new Map<number, number>();
  private readonly days = new Float64Array(SLOTS).fill(NaN);
  private readonly before = new Float64Array(SLOTS);
  private readonly after = new Float64Array(SLOTS);
  private readonly at = new Float64Array(SLOTS);

  constructor(private readonly f: Intl.DateTimeFormat) {}

  private midnight(day: number): number {
    let o = this.atMidnight.get(day);
    if (o === undefined) {
      if (this.atMidnight.size >= MAX_CACHED_DAYS) {
        this.atMidnight.clear();
        this.transition.clear();
      }
      o = intlOffset(this.f, day * MS_PER_DAY);
      this.atMidnight.set(day, o);
    }
    return o;
  }

  /** Fill cache slot `slot` for `day`. */
  private load(day: number, slot: number): void {
    const before = this.midnight(day);
    const after = this.midnight(day + 1);
    let at = Infinity;
    if (before !== after) {
      at = this.transition.get(day) ?? NaN;
      if (Number.isNaN(at)) {
        // The first second of the day with the later offset.
        let lo = day * 86_400;
        let hi = lo + 86_400;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (intlOffset(this.f, mid * 1000) === after) hi = mid;
          else lo = mid;
        }
        at = hi * 1000;
        this.transition.set(day, at);
      }
    }
    this.days[slot] = day;
    this.before[slot] = before;
    this.after[slot] = after;
    this.at[slot] = at;
  }

  offset(t: number): number {
    const day = Math.floor(t / MS_PER_DAY);
    const slot = day & (SLOTS - 1);
    if (this.days[slot] !== day) this.load(day, slot);
    return t < this.at[slot]! ? this.before[slot]! : this.after[slot]!;
  }

  toUtc(local: number, hint: number): number {
    return localToUtc(this, local, hint);
  }
}

/** A zone at a fixed offset. */
class FixedZone implements Zone {
  constructor(private readonly ms: number) {}
  offset(): number {
    return this.ms;
  }
  toUtc(local: number): number {
    return local - this.ms;
  }
}

/**
 * The UTC instant whose wall-clock time in `zone` is `local`. A local time that occurs twice (the
 * hour repeated when clocks go back) resolves to the occurrence at offset `hint` when it is one
 * (callers pass the offset of the instant being truncated, so the result never passes it), else
 * to the earlier one. A local time that does not exist (skipped when clocks go forward) resolves
 * to the instant the gap ends, the first instant at or after it on the wall clock.
 * @example
 * ```ts
 * // 02:30 on 2024-03-10 does not exist in New York (clocks jump from 02:00 to 03:00 EDT):
 * const ny = zoneOf('America/New_York')!;
 * new Date(localToUtc(ny, Date.UTC(2024, 2, 10, 2, 30), -5 * 3.6e6)).toISOString(); // → '2024-03-10T07:00:00.000Z'
 * ```
 */
export function localToUtc(zone: Zone, local: number, hint: number): number {
  const t = local - hint;
  if (zone.offset(t) === hint) return t;
  // The offsets a day either side: `local` is one of them, both (repeated) or neither (a gap).
  const before = zone.offset(local - MS_PER_DAY);
  const after = zone.offset(local + MS_PER_DAY);
  const a = local - before;
  const b = local - after;
  const okA = zone.offset(a) === before;
  const okB = zone.offset(b) === after;
  if (okA && okB) return Math.min(a, b);
  if (okA) return a;
  if (okB) return b;
  // A gap: the transition to `after` lies between the two candidates.
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

const zones = new Map<string, IntlZone | null>();
const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * The zone named `tz`, or `null` for UTC (no time zone, `UTC`, `Etc/UTC` …).
 * @throws RangeError when `tz` is neither an IANA name nor a fixed offset such as `+05:30`.
 * @example
 * ```ts
 * zoneOf('UTC');                 // → null
 * zoneOf('+05:30')!.offset(0);   // → 19800000
 * ```
 */
export function zoneOf(tz: string | null | undefined): Zone | null {
  if (tz === null || tz === undefined) return null;
  const m = FIXED.exec(tz);
  if (m !== null) {
    const ms = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
    return ms === 0 ? null : new FixedZone(ms);
  }
  let z = zones.get(tz);
  if (z === undefined) {
    const f = formatterFor(tz);
    const resolved = f.resolvedOptions().timeZone;
    z = resolved === 'UTC' || resolved === 'Etc/UTC' || resolved === 'Etc/GMT' || resolved === 'GMT' ? null : new IntlZone(f);
    zones.set(tz, z);
  }
  return z;
}
