/**
 * Wall-clock arithmetic for one IANA zone over a span of time, without a Temporal call per conversion.
 *
 * The slot engine converts thousands of local times (every weekly window on every day of an 8-week range, every
 * candidate start, every session's local day) and the Temporal polyfill costs about 100 microseconds per
 * conversion. A zone's offset only changes at its transitions (two a year at most for zones in use), so the
 * transitions are read once per zone and year through Temporal and cached; each conversion is then a lookup
 * and an addition.
 *
 * "Wall milliseconds" are the local date and time written as if it were UTC: `wall = instant + offset`. Local
 * midnight is then a multiple of a day, so `Math.floor(wall / MS_PER_DAY)` is the local date as a day number
 * (days since 1970-01-01) and the local weekday, week and clock follow by arithmetic.
 */
import { Temporal } from "temporal-polyfill";

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

interface YearTransitions {
  /** The offset in force just before the year starts (UTC). */
  initialOffset: number;
  /** Instants (epoch ms) within the year where the offset changes, and the offset from then on. */
  at: number[];
  offsets: number[];
}

const CACHE_LIMIT = 10_000;
const yearCache = new Map<string, YearTransitions>();

function transitionsOfYear(timeZone: string, year: number): YearTransitions {
  const key = `${timeZone}|${year}`;
  const known = yearCache.get(key);
  if (known) return known;
  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year + 1, 0, 1);
  // Start one millisecond early: getTimeZoneTransition("next") is strictly after, and a transition exactly at
  // midnight UTC on 1 January belongs to this year.
  let zoned: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(yearStart - 1).toZonedDateTimeISO(timeZone);
  const found: YearTransitions = { initialOffset: zoned.offsetNanoseconds / 1e6, at: [], offsets: [] };
  for (;;) {
    zoned = zoned.getTimeZoneTransition("next");
    if (!zoned || zoned.epochMilliseconds >= yearEnd) break;
    found.at.push(zoned.epochMilliseconds);
    found.offsets.push(zoned.offsetNanoseconds / 1e6);
  }
  if (yearCache.size >= CACHE_LIMIT) yearCache.clear();
  yearCache.set(key, found);
  return found;
}

/** Offsets of one zone, valid for instants in the span it was built for (and extrapolated outside it). */
export class ZoneClock {
  /** `starts[i]` is the first instant at which `offsets[i]` applies; `starts[0]` is -Infinity. */
  readonly starts: number[] = [Number.NEGATIVE_INFINITY];
  readonly offsets: number[] = [];

  constructor(
    readonly timeZone: string,
    fromMs: number,
    toMs: number,
  ) {
    const firstYear = new Date(fromMs - MS_PER_DAY).getUTCFullYear();
    const lastYear = new Date(toMs + MS_PER_DAY).getUTCFullYear();
    this.offsets.push(transitionsOfYear(timeZone, firstYear).initialOffset);
    for (let year = firstYear; year <= lastYear; year++) {
      const transitions = transitionsOfYear(timeZone, year);
      for (const [i, at] of transitions.at.entries()) {
        this.starts.push(at);
        this.offsets.push(transitions.offsets[i]!);
      }
    }
  }

  /** The index of the offset segment holding `ms`. */
  segmentAt(ms: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= ms) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  offsetAt(ms: number): number {
    return this.offsets[this.segmentAt(ms)]!;
  }

  toWall(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  /** The local date of an instant as a day number (days since 1970-01-01). */
  dayOf(ms: number): number {
    return Math.floor(this.toWall(ms) / MS_PER_DAY);
  }

  /**
   * The instant a wall-clock time names, by Temporal's "compatible" rule (as the matching core's weekIntervals):
   * a time skipped by a spring-forward gap moves forward by the gap (02:30 on 8 March 2026 in New York is 03:30
   * EDT), and a time repeated by an autumn fall-back means its first occurrence (01:30 on 1 November is EDT).
   */
  toInstant(wall: number): number {
    const guess = this.segmentAt(wall - this.offsetAt(wall));
    const last = this.starts.length - 1;
    let best = Number.NaN;
    for (let j = Math.max(0, guess - 1); j <= Math.min(last, guess + 1); j++) {
      const ms = wall - this.offsets[j]!;
      const isInSegment = ms >= this.starts[j]! && (j === last || ms < this.starts[j + 1]!);
      if (isInSegment && !(ms >= best)) best = ms;
    }
    if (!Number.isNaN(best)) return best;
    // In a gap: read the wall time with the offset from before the transition, which lands after it.
    for (let j = Math.max(1, guess - 1); j <= Math.min(last, guess + 1); j++) {
      if (wall >= this.starts[j]! + this.offsets[j - 1]! && wall < this.starts[j]! + this.offsets[j]!) return wall - this.offsets[j - 1]!;
    }
    return wall - this.offsets[guess]!;
  }

  /** How many instants show this wall-clock time: 0 in a spring-forward gap, 2 in a repeated autumn hour. */
  instantsShowing(wall: number): number {
    let count = 0;
    const last = this.starts.length - 1;
    for (let j = 0; j <= last; j++) {
      const ms = wall - this.offsets[j]!;
      if (ms >= this.starts[j]! && (j === last || ms < this.starts[j + 1]!)) count++;
    }
    return count;
  }
}

/** 0 = Sunday ... 6 = Saturday for a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** A Monday-start week number; two days are in the same local week exactly when their week numbers match. */
export function weekOfDay(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** The Monday that starts a week number, as a day number. */
export function mondayOfWeek(week: number): number {
  return week * 7 - 3;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a "YYYY-MM-DD" calendar date, or null when it is not a real date. */
export function parseIsoDate(text: string): number | null {
  const m = typeof text === "string" ? isoDatePattern.exec(text) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
