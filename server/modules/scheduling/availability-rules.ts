/**
 * A mentor's booking rules, all in the mentor's own time zone, and the checks a settings form runs on them.
 * Plain shapes (no zod): the scheduling schema for the wire describes the same fields, and the slot engine
 * takes these after they were read from the database.
 */

import type { DateOverride, DayWindow, MinimumNotice, WeeklyWindow } from "../../../db/schema/jsonb-shapes";
import { AppError } from "../../errors";
import { checkWindows } from "../matching/availability";
import { parseIsoDate } from "./zone-clock";

// The column shapes live with the table (db/schema/jsonb-shapes.ts); they are re-exported for the rules' callers.
export type { DateOverride, DayWindow, MinimumNotice };

export interface AvailabilityRules {
  /** Several windows a day are allowed; overlapping or touching windows simply merge. */
  weekly: readonly WeeklyWindow[];
  overrides: readonly DateOverride[];
  /** Free time the mentor keeps before and after every session (0-240 minutes). */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNotice: MinimumNotice;
  /** Sessions starting on one local day of the mentor; null = no cap. */
  maxPerDay: number | null;
  /** Sessions starting in one Monday-to-Sunday local week of the mentor; null = no cap. */
  maxPerWeek: number | null;
}

export const MAX_BUFFER_MINUTES = 240;
export const MAX_NOTICE_HOURS = 24 * 30;
export const MAX_SESSIONS_CAP = 100;
export const MAX_WEEKLY_WINDOWS = 70;
export const MAX_OVERRIDES = 1000;
export const MAX_WINDOWS_PER_OVERRIDE = 20;
export const MAX_BLACKOUT_DATES = 1000;

export const openRules: AvailabilityRules = {
  weekly: [],
  overrides: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNotice: { kind: "hours", hours: 0 },
  maxPerDay: null,
  maxPerWeek: null,
};

export interface FieldProblem {
  field: string;
  message: string;
}

/** checkWindows names fields "availability.<i>..."; re-root them at the path they have in these rules. */
function checkWindowsAt(windows: readonly WeeklyWindow[], path: string): FieldProblem | null {
  const problem = checkWindows(windows);
  return problem ? { field: problem.field.replace(/^availability\./, `${path}.`), message: problem.message } : null;
}

function checkWholeNumber(value: unknown, field: string, min: number, max: number, what: string): FieldProblem | null {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    return { field, message: `${what} must be a whole number from ${min} to ${max}.` };
  }
  return null;
}

function checkCap(value: unknown, field: string, what: string): FieldProblem | null {
  if (value === null) return null;
  return checkWholeNumber(value, field, 1, MAX_SESSIONS_CAP, what);
}

function checkOverrides(overrides: readonly DateOverride[]): FieldProblem | null {
  if (!Array.isArray(overrides)) return { field: "overrides", message: "Overrides must be a list." };
  if (overrides.length > MAX_OVERRIDES) return { field: "overrides", message: `At most ${MAX_OVERRIDES} date overrides.` };
  const seen = new Set<string>();
  for (const [i, override] of overrides.entries()) {
    if (parseIsoDate(override.date) === null) return { field: `overrides.${i}.date`, message: "Use a date like 2026-03-31." };
    if (seen.has(override.date)) return { field: `overrides.${i}.date`, message: "There is already an override for this date." };
    seen.add(override.date);
    if (override.kind === "blocked") continue;
    if (override.kind !== "replace" && override.kind !== "extra") {
      return { field: `overrides.${i}.kind`, message: 'Choose "blocked", "replace" or "extra".' };
    }
    if (!Array.isArray(override.windows) || override.windows.length === 0) {
      return { field: `overrides.${i}.windows`, message: "Add at least one window, or block the whole day." };
    }
    if (override.windows.length > MAX_WINDOWS_PER_OVERRIDE) {
      return { field: `overrides.${i}.windows`, message: `At most ${MAX_WINDOWS_PER_OVERRIDE} windows on one date.` };
    }
    const problem = checkWindowsAt(
      override.windows.map((w: DayWindow) => ({ weekday: 0, start: w.start, end: w.end })),
      `overrides.${i}.windows`,
    );
    if (problem) return problem;
  }
  return null;
}

/** The first problem with a mentor's rules, with the field path a form shows it on, or null when all are usable. */
export function checkAvailabilityRules(rules: AvailabilityRules): FieldProblem | null {
  if (!Array.isArray(rules.weekly)) return { field: "weekly", message: "Weekly windows must be a list." };
  if (rules.weekly.length > MAX_WEEKLY_WINDOWS) return { field: "weekly", message: `At most ${MAX_WEEKLY_WINDOWS} weekly windows.` };
  const notice = rules.minimumNotice;
  return (
    checkWindowsAt(rules.weekly, "weekly") ??
    checkOverrides(rules.overrides) ??
    checkWholeNumber(rules.bufferBeforeMinutes, "bufferBeforeMinutes", 0, MAX_BUFFER_MINUTES, "The buffer before a session") ??
    checkWholeNumber(rules.bufferAfterMinutes, "bufferAfterMinutes", 0, MAX_BUFFER_MINUTES, "The buffer after a session") ??
    (notice?.kind === "next-day"
      ? null
      : notice?.kind === "hours"
        ? typeof notice.hours === "number" && Number.isFinite(notice.hours) && notice.hours >= 0 && notice.hours <= MAX_NOTICE_HOURS
          ? null
          : { field: "minimumNotice.hours", message: `The minimum notice must be from 0 to ${MAX_NOTICE_HOURS} hours.` }
        : { field: "minimumNotice.kind", message: 'Choose "hours" or "next-day".' }) ??
    checkCap(rules.maxPerDay, "maxPerDay", "The daily limit") ??
    checkCap(rules.maxPerWeek, "maxPerWeek", "The weekly limit")
  );
}

/** Program blackout dates are calendar dates in the program's time zone (see slots.ts for why). */
export function checkBlackoutDates(dates: readonly string[]): FieldProblem | null {
  if (!Array.isArray(dates)) return { field: "blackoutDates", message: "Blackout dates must be a list." };
  if (dates.length > MAX_BLACKOUT_DATES) return { field: "blackoutDates", message: `At most ${MAX_BLACKOUT_DATES} blackout dates.` };
  for (const [i, date] of dates.entries()) {
    if (parseIsoDate(date) === null) return { field: `blackoutDates.${i}`, message: "Use a date like 2026-12-25." };
  }
  return null;
}

/** Throws a VALIDATION AppError on the first problem; `prefix` roots the field path ("mentor.rules"). */
export function assertAvailabilityRules(rules: AvailabilityRules, prefix = ""): void {
  const problem = checkAvailabilityRules(rules);
  if (problem) throw AppError.field(prefix ? `${prefix}.${problem.field}` : problem.field, problem.message);
}
