/**
 * Weekly availability ("Mondays 18:00-20:00" in the owner's own time zone) turned into absolute instants so two
 * people in different zones can be compared. Overlap is measured on one concrete reference week rather than
 * on an abstract pattern, because the same two patterns overlap differently in the weeks when only one of the
 * two zones has changed to or from daylight saving time (New York moves on 8 March 2026, London on 29 March).
 */
import { Temporal } from "temporal-polyfill";
import type { WeeklyWindow } from "../../../db/schema/jsonb-shapes";
import { AppError } from "../../errors";

// The column shape lives with the table (db/schema/jsonb-shapes.ts); it is re-exported for the rules' callers.
export type { WeeklyWindow };

export const MINUTES_PER_WEEK = 7 * 24 * 60;
const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 24 * 60;

/**
 * Sorted, non-overlapping [start, end) pairs, in whole minutes since the reference week's first instant, clipped
 * to that week. A flat array so overlap is a merge of two number lists with nothing allocated per comparison.
 * Whole minutes because every zone offset in use today is a whole number of minutes (only pre-1970 local mean
 * times had seconds), and whole minutes let the scorer use prefix sums.
 */
export type WeekIntervals = Int32Array;

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight, or null when the text is not "HH:MM" (or "24:00" when `isEnd`). */
export function parseClock(text: string, isEnd = false): number | null {
  if (isEnd && text === "24:00") return MINUTES_PER_DAY;
  const m = clockPattern.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The first problem with a list of windows as { field, message }, or null when all are usable. */
export function checkWindows(windows: readonly WeeklyWindow[]): { field: string; message: string } | null {
  for (const [i, w] of windows.entries()) {
    if (!Number.isInteger(w.weekday) || w.weekday < 0 || w.weekday > 6) {
      return { field: `availability.${i}.weekday`, message: "Choose a day of the week (0 = Sunday to 6 = Saturday)." };
    }
    const start = parseClock(w.start);
    if (start === null) return { field: `availability.${i}.start`, message: "Use a time like 09:30." };
    const end = parseClock(w.end, true);
    if (end === null) return { field: `availability.${i}.end`, message: "Use a time like 17:00 (or 24:00 for midnight)." };
    if (end === start) return { field: `availability.${i}.end`, message: "A window needs an end different from its start." };
  }
  return null;
}

const knownZones = new Set<string>();

export function isValidTimeZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch {
    return false;
  }
  if (knownZones.size < CACHE_LIMIT) knownZones.add(timeZone);
  return true;
}

interface LocalDay {
  date: Temporal.PlainDate;
  weekday: number;
  /** The day's ISO date, part of the cache key. */
  iso: string;
}

// Converting a local wall-clock time to an instant costs tens of microseconds with the polyfill, and a program's
// thousands of people share a handful of zones and a handful of start times: both lookups are memoised. The
// caches are cleared when large so a long-running server does not grow them without bound.
const CACHE_LIMIT = 100_000;
const dayCache = new Map<string, readonly LocalDay[]>();
const instantCache = new Map<string, number>();

/** The local dates that can hold a window touching the week: one day before (late windows) to one after. */
function localDaysAround(timeZone: string, weekStart: Temporal.Instant): readonly LocalDay[] {
  const key = `${timeZone}|${weekStart.epochMilliseconds}`;
  const known = dayCache.get(key);
  if (known) return known;
  const first = weekStart.toZonedDateTimeISO(timeZone).toPlainDate();
  const days: LocalDay[] = [];
  for (let k = -1; k <= 7; k++) {
    const date = first.add({ days: k });
    days.push({ date, weekday: date.dayOfWeek % 7, iso: date.toString() });
  }
  if (dayCache.size >= CACHE_LIMIT) dayCache.clear();
  dayCache.set(key, days);
  return days;
}

/**
 * Epoch milliseconds of `minutes` after the start of local `day` (may exceed one day for windows past midnight).
 * Wall-clock times inside a spring-forward gap resolve as Temporal's "compatible" rule does (02:30 on
 * 8 March 2026 in New York becomes 03:30 EDT); in the autumn overlap the earlier of the two instants is used.
 */
function localToEpochMs(timeZone: string, day: LocalDay, minutes: number): number {
  const key = `${timeZone}|${day.iso}|${minutes}`;
  const known = instantCache.get(key);
  if (known !== undefined) return known;
  const extraDays = Math.floor(minutes / MINUTES_PER_DAY);
  const inDay = minutes - extraDays * MINUTES_PER_DAY;
  const date = extraDays === 0 ? day.date : day.date.add({ days: extraDays });
  const ms = date.toZonedDateTime({
    timeZone,
    plainTime: new Temporal.PlainTime(Math.floor(inDay / 60), inDay % 60),
  }).epochMilliseconds;
  if (instantCache.size >= CACHE_LIMIT) instantCache.clear();
  instantCache.set(key, ms);
  return ms;
}

/**
 * One person's windows as absolute intervals within [weekStart, weekStart + 7 days). Any 7-day span holds each
 * weekly window exactly once, so the reference week can start on any instant; which week it is decides which
 * daylight-saving offsets apply.
 */
export function weekIntervals(windows: readonly WeeklyWindow[], timeZone: string, weekStart: Temporal.Instant): WeekIntervals {
  const problem = checkWindows(windows);
  if (problem) throw AppError.field(problem.field, problem.message);
  if (!isValidTimeZone(timeZone)) throw AppError.field("timeZone", `Unknown time zone "${timeZone}".`);
  const weekStartMs = weekStart.epochMilliseconds;
  if (weekStartMs % MS_PER_MINUTE !== 0) throw AppError.field("weekStart", "The reference week must start on a whole minute.");
  const raw: Array<[number, number]> = [];
  for (const day of localDaysAround(timeZone, weekStart)) {
    for (const w of windows) {
      if (w.weekday !== day.weekday) continue;
      const start = parseClock(w.start)!;
      let end = parseClock(w.end, true)!;
      if (end <= start) end += MINUTES_PER_DAY;
      const from = Math.max(0, Math.round((localToEpochMs(timeZone, day, start) - weekStartMs) / MS_PER_MINUTE));
      const to = Math.min(MINUTES_PER_WEEK, Math.round((localToEpochMs(timeZone, day, end) - weekStartMs) / MS_PER_MINUTE));
      if (to > from) raw.push([from, to]);
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [from, to] of raw) {
    const last = merged.length - 1;
    if (merged.length > 0 && from <= merged[last]!) merged[last] = Math.max(merged[last]!, to);
    else merged.push(from, to);
  }
  return Int32Array.from(merged);
}

/** Minutes both interval lists cover. */
export function overlapMinutes(a: WeekIntervals, b: WeekIntervals): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const aEnd = a[i + 1]!;
    const bEnd = b[j + 1]!;
    const from = Math.max(a[i]!, b[j]!);
    const to = Math.min(aEnd, bEnd);
    if (to > from) total += to - from;
    if (aEnd < bEnd) i += 2;
    else j += 2;
  }
  return total;
}

export interface Availability {
  timeZone: string;
  availability: readonly WeeklyWindow[];
}

/** Hours a week two people are both available, on the week starting at `weekStart`. */
export function weeklyOverlapHours(a: Availability, b: Availability, weekStart: Temporal.Instant): number {
  return overlapMinutes(weekIntervals(a.availability, a.timeZone, weekStart), weekIntervals(b.availability, b.timeZone, weekStart)) / 60;
}
