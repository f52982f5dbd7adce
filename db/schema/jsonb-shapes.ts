// The shapes of the availability jsonb columns, as plain types with no import: db/schema/scheduling.ts types its
// columns with them, and the server's availability rules (server/modules/matching/availability.ts,
// server/modules/scheduling/availability-rules.ts) re-export them, so db/ never imports server/.

/** `weekday` 0 = Sunday ... 6 = Saturday (as JavaScript's getDay and PostgreSQL's EXTRACT(dow)). */
export interface WeeklyWindow {
  weekday: number;
  /** "HH:MM", 00:00-23:59. */
  start: string;
  /** "HH:MM", or "24:00" for midnight at the end of the day; an end at or before the start runs past midnight. */
  end: string;
}

/** A window on one date: "HH:MM" to "HH:MM" (or "24:00"); an end at or before the start runs past midnight. */
export interface DayWindow {
  start: string;
  end: string;
}

/**
 * A change to one local date ("YYYY-MM-DD" in the mentor's zone). An override owns its calendar day from local
 * midnight to midnight, and nothing outside it:
 * - "blocked": no time at all within that day, including the tail of the previous evening's weekly window;
 * - "replace": within that day only these windows (weekly time, including the previous evening's tail, is cut);
 * - "extra": these windows on top of the weekly ones.
 * A replacement or extra window may run past midnight into the next day, unless that day is blocked; a weekly
 * window that starts on an overridden day keeps its part after midnight.
 */
export type DateOverride =
  | { date: string; kind: "blocked" }
  | { date: string; kind: "replace"; windows: readonly DayWindow[] }
  | { date: string; kind: "extra"; windows: readonly DayWindow[] };

/**
 * "hours": a slot must start at least this long after now. "next-day": not on the same calendar day as now in the
 * mentor's zone, i.e. from the mentor's next local midnight on (so a request at 23:50 can book 00:00).
 */
export type MinimumNotice = { kind: "hours"; hours: number } | { kind: "next-day" };
