/** Small builders for the scheduling tests: a pair with open rules unless a test says otherwise. */
import type { WeeklyWindow } from "../modules/matching/availability";
import { type AvailabilityRules, openRules } from "../modules/scheduling/availability-rules";
import { computeSlots, type SchedulingContext, type SlotResult } from "../modules/scheduling/slots";

export const everyDay = (start: string, end: string): WeeklyWindow[] => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start, end }));

export interface PairOptions extends Partial<Omit<SchedulingContext, "mentor" | "mentee">> {
  mentorZone?: string;
  weekly?: WeeklyWindow[];
  rules?: Partial<AvailabilityRules>;
  menteeZone?: string;
  menteeWindows?: WeeklyWindow[];
}

export function pairContext(options: PairOptions = {}): SchedulingContext {
  const { mentorZone = "UTC", weekly = everyDay("09:00", "17:00"), rules = {}, menteeZone = "UTC", menteeWindows = [], ...rest } = options;
  return {
    now: "2026-01-01T00:00:00Z",
    busy: [],
    existingSessionsForCaps: [],
    blackoutDates: [],
    programTimeZone: "UTC",
    ...rest,
    mentor: { timeZone: mentorZone, rules: { ...openRules, weekly, ...rules } },
    mentee: { timeZone: menteeZone, windows: menteeWindows },
  };
}

export function slotsOf(context: SchedulingContext, start: string, end: string, sessionMinutes = 60, stepMinutes = 60): SlotResult {
  return computeSlots({ ...context, range: { start, end }, sessionMinutes, stepMinutes });
}

/** Slot starts without the milliseconds, for short expectations. */
export const startsOf = (result: SlotResult): string[] => result.slots.map((s) => s.start.replace(".000Z", "Z"));

/**
 * Zones for property tests: DST in both hemispheres, half-hour and 45-minute offsets, Lord Howe's 30-minute DST,
 * and Santiago, whose clocks change at midnight (so some days have no 00:00). Every offset is a multiple of 15 minutes.
 */
export const testZones = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/St_Johns",
  "Pacific/Chatham",
  "America/Santiago",
];
