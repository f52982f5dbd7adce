/**
 * The words for "Why no slots?" and for a refused booking. Every candidate start time is removed by the first
 * rule it breaks, in the order of `slotRuleCodes`, so the counts add up: candidates = slots + all removals.
 */
import type { AvailabilityRules } from "./availability-rules";
import { MS_PER_DAY } from "./zone-clock";

/** In the order they are applied; a candidate breaking several rules is counted under the first. */
export const slotRuleCodes = [
  "outside-mentor-availability",
  "outside-mentee-availability",
  "blackout-date",
  "blocked-by-override",
  "busy-session",
  "busy-external",
  "buffer",
  "minimum-notice",
  "daily-cap",
  "weekly-cap",
] as const;
export type SlotRuleCode = (typeof slotRuleCodes)[number];

/** A broken rule for one time; `day` is the local day number the rule is about (program zone for blackouts, else the mentor's). */
export interface RuleBreak {
  code: SlotRuleCode;
  day?: number;
  overrideKind?: "blocked" | "replace";
}

export interface RuleTally {
  code: SlotRuleCode;
  /** Candidate start times this rule removed (after the earlier rules). */
  removed: number;
  /** For date rules: the local dates ("YYYY-MM-DD", first day of the week for weekly-cap) it applied to. */
  dates: string[];
}

export interface SlotExplanation {
  /** Step-aligned start times (in the mentor's local time) whose session fits in the range. */
  candidates: number;
  rules: RuleTally[];
  sentences: string[];
}

/** Fixed English words rather than Intl, so tests and messages are deterministic. */
export const weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Tuesday 3 March" for a day number. */
export function describeDay(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  return `${weekdayNames[date.getUTCDay()]} ${date.getUTCDate()} ${monthNames[date.getUTCMonth()]}`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function describeNotice(rules: AvailabilityRules): string {
  const notice = rules.minimumNotice;
  return notice.kind === "next-day"
    ? "the mentor takes bookings from the next day on (in the mentor's time zone)"
    : `the mentor's minimum notice is ${plural(notice.hours, "hour", "hours")}`;
}

function describeBuffers(rules: AvailabilityRules): string {
  const before = rules.bufferBeforeMinutes;
  const after = rules.bufferAfterMinutes;
  if (before > 0 && after > 0) return `the mentor keeps ${before} minutes before and ${after} minutes after each session free`;
  if (before > 0) return `the mentor keeps ${before} minutes before each session free`;
  return `the mentor keeps ${after} minutes after each session free`;
}

function describeDateRule(broken: RuleBreak, rules: AvailabilityRules): string {
  const day = broken.day ?? 0;
  switch (broken.code) {
    case "blackout-date":
      return `${describeDay(day)} is a program blackout date.`;
    case "blocked-by-override":
      return broken.overrideKind === "blocked"
        ? `${describeDay(day)}: the mentor has blocked this day.`
        : `${describeDay(day)}: the mentor has set other hours for this day.`;
    case "daily-cap":
      return `${describeDay(day)}: the mentor's daily limit of ${plural(rules.maxPerDay ?? 0, "session", "sessions")} is reached.`;
    default:
      return `Week of ${describeDay(day)}: the mentor's weekly limit of ${plural(rules.maxPerWeek ?? 0, "session", "sessions")} is reached.`;
  }
}

/** The message a refused booking carries: it names the rule. */
export function describeBreak(broken: RuleBreak, rules: AvailabilityRules): string {
  switch (broken.code) {
    case "outside-mentor-availability":
      return "This time is outside the mentor's availability.";
    case "outside-mentee-availability":
      return "This time is outside the mentee's availability.";
    case "busy-session":
      return "This time overlaps another session.";
    case "busy-external":
      return "This time overlaps a busy time in a connected calendar.";
    case "buffer":
      return `This time is too close to another session or busy time: ${describeBuffers(rules)}.`;
    case "minimum-notice":
      return `This time is too soon: ${describeNotice(rules)}.`;
    default:
      return describeDateRule(broken, rules);
  }
}

const isDateRule = (code: SlotRuleCode) =>
  code === "blackout-date" || code === "blocked-by-override" || code === "daily-cap" || code === "weekly-cap";

export interface TallyOfRule {
  removed: number;
  /** Day number -> the break that named it, in first-seen order. */
  days: Map<number, RuleBreak>;
}

/** Plain sentences, in rule order. The mentor's own hours are mentioned only when nothing is left after them. */
export function explain(candidates: number, tallies: ReadonlyMap<SlotRuleCode, TallyOfRule>, rules: AvailabilityRules): SlotExplanation {
  const sentences: string[] = [];
  const out: RuleTally[] = [];
  let remaining = candidates;
  if (candidates === 0) sentences.push("The range is too short for a session.");
  for (const code of slotRuleCodes) {
    const tally = tallies.get(code);
    const removed = tally?.removed ?? 0;
    const days = [...(tally?.days.keys() ?? [])].sort((a, b) => a - b);
    out.push({ code, removed, dates: days.map((d) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10)) });
    const isAll = removed > 0 && removed === remaining;
    remaining -= removed;
    if (removed === 0) continue;
    if (isDateRule(code)) {
      for (const day of days) sentences.push(describeDateRule(tally!.days.get(day)!, rules));
      continue;
    }
    const times = plural(removed, "start time", "start times");
    switch (code) {
      case "outside-mentor-availability":
        if (isAll) sentences.push("The mentor has no available hours in this range.");
        break;
      case "outside-mentee-availability":
        sentences.push(
          isAll
            ? "The mentee's availability does not overlap the mentor's hours in this range."
            : `${times} when the mentor is free ${removed === 1 ? "is" : "are"} outside the mentee's availability.`,
        );
        break;
      case "busy-session":
        sentences.push(`${times} ${removed === 1 ? "clashes" : "clash"} with existing sessions.`);
        break;
      case "busy-external":
        sentences.push(`${times} ${removed === 1 ? "clashes" : "clash"} with busy times in a connected calendar.`);
        break;
      case "buffer":
        sentences.push(`${times} ${removed === 1 ? "is" : "are"} too close to other sessions or busy times: ${describeBuffers(rules)}.`);
        break;
      default:
        sentences.push(`${times} ${removed === 1 ? "is" : "are"} too soon: ${describeNotice(rules)}.`);
    }
  }
  return { candidates, rules: out, sentences };
}
