/**
 * The slot engine: bookable times for a mentor and mentee over a range, "Why no slots?", and the check a booking
 * runs before it is written. Pure: the caller passes "now", both people's busy times and the mentor's sessions.
 *
 * Decisions (the scheduling issue leaves them open):
 * - A slot starts on a multiple of `stepMinutes` from local midnight in the mentor's zone (09:00, 09:30, ...),
 *   so a window starting 09:10 offers 09:15 first with a 15-minute step. The step must divide a day.
 * - A slot lies entirely inside one merged block of each person's availability (touching windows merge).
 * - DST follows Temporal's "compatible" rule, as the matching core does: a window edge in a skipped hour moves
 *   forward (a 02:00-03:00 window on 8 March 2026 in New York is empty; 01:00-03:00 is one real hour), and an
 *   edge in a repeated hour means its first occurrence (01:00-02:00 on 1 November spans 01:00 EDT to 02:00 EST,
 *   two real hours, so the repeated hour is offered twice: 01:00 EDT and 01:00 EST are different instants).
 * - An empty mentee window list means the intake did not ask, so it does not restrict anything.
 * - Buffers are the mentor's rule, applied around every session in `busy` (either person's, since a session is
 *   a session for both) and around the new slot: the slot with its own buffers must not touch any busy time,
 *   and must not touch any session's buffers either. So between two sessions there are at least
 *   bufferAfter + bufferBefore minutes (notes for the first, preparation for the second). External calendar busy
 *   times get no buffers of their own. Buffers may lie outside the availability windows.
 * - Blackout dates are whole calendar days in the program's zone: a program closes on its own 25 December for
 *   everyone, whatever the mentor's zone.
 * - Caps count `existingSessionsForCaps` by the local day (and Monday-start local week) of their start in the
 *   mentor's zone; a new slot counts on the day it starts.
 * - Minimum notice "next-day" means from the mentor's next local midnight after now; "hours" includes now + hours
 *   itself. Notice 0 still removes times that have started.
 */
import type { Temporal } from "temporal-polyfill";
import { AppError } from "../../errors";
import { checkWindows, isValidTimeZone, parseClock, type WeeklyWindow } from "../matching/availability";
import { type AvailabilityRules, assertAvailabilityRules, checkBlackoutDates, type DayWindow } from "./availability-rules";
import { IntervalCursor, type IntervalList, normalize, subtract } from "./intervals";
import { describeBreak, explain, type RuleBreak, type SlotExplanation, type SlotRuleCode, type TallyOfRule } from "./slot-explanation";
import { MS_PER_DAY, MS_PER_MINUTE, mondayOfWeek, parseIsoDate, weekdayOfDay, weekOfDay, ZoneClock } from "./zone-clock";

/** An ISO instant with "Z" or an offset, a Date, or a Temporal.Instant (database rows give Dates). */
export type InstantInput = string | Date | Temporal.Instant;

export interface BusyInterval {
  start: InstantInput;
  end: InstantInput;
  /** "session": any session of either person (gets the mentor's buffers); "external": a connected calendar's busy time. */
  kind: "session" | "external";
}

export interface SchedulingContext {
  now: InstantInput;
  mentor: { timeZone: string; rules: AvailabilityRules };
  /** Weekly windows from the intake in the mentee's zone; empty = not given, no restriction. */
  mentee: { timeZone: string; windows: readonly WeeklyWindow[] };
  /** Both people's sessions and external busy times. When moving a session, leave the session itself out. */
  busy: readonly BusyInterval[];
  /** The mentor's sessions that count towards the daily and weekly caps (all programs, not cancelled). */
  existingSessionsForCaps: readonly { start: InstantInput }[];
  /** Calendar dates ("YYYY-MM-DD") in the program's zone. */
  blackoutDates: readonly string[];
  programTimeZone: string;
}

export interface SlotQuery extends SchedulingContext {
  range: { start: InstantInput; end: InstantInput };
  sessionMinutes: number;
  stepMinutes: number;
}

/** Instants as UTC ISO strings. */
export interface Slot {
  start: string;
  end: string;
}

export interface SlotResult {
  slots: Slot[];
  explanation: SlotExplanation;
}

export const MAX_RANGE_DAYS = 26 * 7;
export const MAX_SESSION_MINUTES = 8 * 60;
const MIN_STEP_MINUTES = 5;
const MAX_STEP_MINUTES = 240;

const instantPattern = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/i;

function toMs(value: InstantInput, field: string): number {
  let ms = Number.NaN;
  // A string without "Z" or an offset would be read in the server's own zone: refuse it.
  if (typeof value === "string") ms = instantPattern.test(value) ? Date.parse(value) : Number.NaN;
  else if (value instanceof Date) ms = value.getTime();
  else if (value !== null && typeof value === "object" && typeof value.epochMilliseconds === "number") ms = value.epochMilliseconds;
  if (!Number.isFinite(ms)) throw AppError.field(field, "Use an instant like 2026-03-09T14:00:00Z.");
  return ms;
}

function assertZone(timeZone: string, field: string): void {
  if (typeof timeZone !== "string" || !isValidTimeZone(timeZone)) throw AppError.field(field, `Unknown time zone "${timeZone}".`);
}

interface Context {
  now: number;
  rules: AvailabilityRules;
  mentorZone: string;
  menteeZone: string;
  menteeWindows: readonly WeeklyWindow[];
  busy: { start: number; end: number; isSession: boolean }[];
  capStarts: number[];
  blackoutDays: number[];
  programZone: string;
}

function readContext(input: SchedulingContext): Context {
  assertZone(input.mentor?.timeZone, "mentor.timeZone");
  assertAvailabilityRules(input.mentor.rules, "mentor.rules");
  assertZone(input.mentee?.timeZone, "mentee.timeZone");
  const windowProblem = checkWindows(input.mentee.windows);
  if (windowProblem) throw AppError.field(windowProblem.field.replace(/^availability\./, "mentee.windows."), windowProblem.message);
  assertZone(input.programTimeZone, "programTimeZone");
  const blackoutProblem = checkBlackoutDates(input.blackoutDates);
  if (blackoutProblem) throw AppError.field(blackoutProblem.field, blackoutProblem.message);
  const busy = input.busy.map((b, i) => {
    const start = toMs(b.start, `busy.${i}.start`);
    const end = toMs(b.end, `busy.${i}.end`);
    if (end <= start) throw AppError.field(`busy.${i}.end`, "A busy time must end after it starts.");
    return { start, end, isSession: b.kind === "session" };
  });
  return {
    now: toMs(input.now, "now"),
    rules: input.mentor.rules,
    mentorZone: input.mentor.timeZone,
    menteeZone: input.mentee.timeZone,
    menteeWindows: input.mentee.windows,
    busy,
    capStarts: input.existingSessionsForCaps.map((s, i) => toMs(s.start, `existingSessionsForCaps.${i}.start`)),
    blackoutDays: input.blackoutDates.map((d) => parseIsoDate(d)!),
    programZone: input.programTimeZone,
  };
}

/** [start, end] minutes from the day's midnight; an end at or before the start runs into the next day. */
function windowMinutes(w: DayWindow): [number, number] {
  const start = parseClock(w.start)!;
  let end = parseClock(w.end, true)!;
  if (end <= start) end += 24 * 60;
  return [start, end];
}

function pushWindow(pairs: number[], clock: ZoneClock, day: number, [start, end]: [number, number]): void {
  const midnight = day * MS_PER_DAY;
  pairs.push(clock.toInstant(midnight + start * MS_PER_MINUTE), clock.toInstant(midnight + end * MS_PER_MINUTE));
}

/** Weekly windows as instants for the windows starting on local days firstDay..lastDay. */
function expandWeekly(windows: readonly WeeklyWindow[], clock: ZoneClock, firstDay: number, lastDay: number): IntervalList {
  const byWeekday: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
  for (const w of windows) byWeekday[w.weekday]!.push(windowMinutes(w));
  const pairs: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const minutes of byWeekday[weekdayOfDay(day)]!) pushWindow(pairs, clock, day, minutes);
  }
  return normalize(pairs);
}

/** Consecutive local days as instants, with the day number and what closed each. */
interface LabelledDays {
  list: IntervalList;
  days: number[];
  kinds: Array<"blocked" | "replace">;
}

function dayInterval(clock: ZoneClock, day: number): [number, number] {
  return [clock.toInstant(day * MS_PER_DAY), clock.toInstant((day + 1) * MS_PER_DAY)];
}

/**
 * One context read for slots in [from, to): interval lists for each rule, walked by cursors. Queries must come
 * in non-decreasing start order.
 */
class RuleChecker {
  readonly mentorClock: ZoneClock;
  private readonly mentorOpen: IntervalCursor;
  private readonly mentorAvailable: IntervalCursor;
  private readonly menteeAvailable: IntervalCursor | null;
  private readonly blackout: IntervalCursor;
  private readonly blackoutDays: number[];
  private readonly overrideCursor: IntervalCursor;
  private readonly overrideDays: LabelledDays;
  private readonly sessions: IntervalCursor;
  private readonly external: IntervalCursor;
  private readonly buffered: IntervalCursor;
  private readonly before: number;
  private readonly after: number;
  private readonly earliest: number;
  private readonly perDay = new Map<number, number>();
  private readonly perWeek = new Map<number, number>();

  constructor(
    private readonly ctx: Context,
    from: number,
    to: number,
  ) {
    const rules = ctx.rules;
    const margin = 2 * MS_PER_DAY;
    const clock = new ZoneClock(ctx.mentorZone, from - margin, to + margin);
    this.mentorClock = clock;
    // Windows starting the day before can run past midnight into the range.
    const firstDay = clock.dayOf(from) - 1;
    const lastDay = clock.dayOf(to);

    const weekly = expandWeekly(rules.weekly, clock, firstDay, lastDay);
    const overrideWindows: number[] = [];
    const closed: number[] = [];
    const blocked: number[] = [];
    const overrideDays: LabelledDays = { list: [], days: [], kinds: [] };
    const overrides = rules.overrides
      .map((o) => ({ override: o, day: parseIsoDate(o.date)! }))
      .filter(({ day }) => day >= firstDay && day <= lastDay)
      .sort((a, b) => a.day - b.day);
    for (const { override, day } of overrides) {
      const [dayStart, dayEnd] = dayInterval(clock, day);
      if (override.kind === "blocked") blocked.push(dayStart, dayEnd);
      else for (const w of override.windows) pushWindow(overrideWindows, clock, day, windowMinutes(w));
      if (override.kind === "extra") continue;
      closed.push(dayStart, dayEnd);
      overrideDays.list.push(dayStart, dayEnd);
      overrideDays.days.push(day);
      overrideDays.kinds.push(override.kind);
    }
    const added = normalize(overrideWindows);
    this.mentorOpen = new IntervalCursor(normalize([...weekly, ...added]));
    this.mentorAvailable = new IntervalCursor(subtract(normalize([...subtract(weekly, normalize(closed)), ...added]), normalize(blocked)));
    this.overrideDays = overrideDays;
    this.overrideCursor = new IntervalCursor(overrideDays.list);

    if (ctx.menteeWindows.length === 0) this.menteeAvailable = null;
    else {
      const menteeClock = new ZoneClock(ctx.menteeZone, from - margin, to + margin);
      this.menteeAvailable = new IntervalCursor(
        expandWeekly(ctx.menteeWindows, menteeClock, menteeClock.dayOf(from) - 1, menteeClock.dayOf(to)),
      );
    }

    const blackoutList: number[] = [];
    this.blackoutDays = [];
    if (ctx.blackoutDays.length > 0) {
      const programClock = new ZoneClock(ctx.programZone, from - margin, to + margin);
      const [first, last] = [programClock.dayOf(from), programClock.dayOf(to)];
      for (const day of [...new Set(ctx.blackoutDays)].sort((a, b) => a - b)) {
        if (day < first || day > last) continue;
        blackoutList.push(...dayInterval(programClock, day));
        this.blackoutDays.push(day);
      }
    }
    this.blackout = new IntervalCursor(blackoutList);

    this.before = rules.bufferBeforeMinutes * MS_PER_MINUTE;
    this.after = rules.bufferAfterMinutes * MS_PER_MINUTE;
    const sessions: number[] = [];
    const external: number[] = [];
    const buffered: number[] = [];
    for (const b of ctx.busy) {
      if (b.end <= from - MS_PER_DAY || b.start >= to + MS_PER_DAY) continue;
      if (b.isSession) {
        sessions.push(b.start, b.end);
        buffered.push(b.start - this.before, b.end + this.after);
      } else {
        external.push(b.start, b.end);
        buffered.push(b.start, b.end);
      }
    }
    this.sessions = new IntervalCursor(normalize(sessions));
    this.external = new IntervalCursor(normalize(external));
    this.buffered = new IntervalCursor(normalize(buffered));

    const notice = rules.minimumNotice;
    if (notice.kind === "hours") this.earliest = ctx.now + notice.hours * 60 * MS_PER_MINUTE;
    else {
      const nowClock = new ZoneClock(ctx.mentorZone, ctx.now, ctx.now);
      this.earliest = nowClock.toInstant((nowClock.dayOf(ctx.now) + 1) * MS_PER_DAY);
    }

    const capFrom = from - 8 * MS_PER_DAY;
    const capTo = to + 8 * MS_PER_DAY;
    for (const start of ctx.capStarts) {
      if (start < capFrom || start >= capTo) continue;
      const day = clock.dayOf(start);
      this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
      this.perWeek.set(weekOfDay(day), (this.perWeek.get(weekOfDay(day)) ?? 0) + 1);
    }
  }

  /** The first rule [start, end) breaks, in the order of slotRuleCodes, or null when it is bookable. */
  firstBreak(start: number, end: number): RuleBreak | null {
    const rules = this.ctx.rules;
    if (!this.mentorOpen.contains(start, end)) return { code: "outside-mentor-availability" };
    if (this.menteeAvailable && !this.menteeAvailable.contains(start, end)) return { code: "outside-mentee-availability" };
    const blackout = this.blackout.overlapping(start, end);
    if (blackout >= 0) return { code: "blackout-date", day: this.blackoutDays[blackout / 2]! };
    if (!this.mentorAvailable.contains(start, end)) {
      const k = this.overrideCursor.overlapping(start, end);
      return k >= 0
        ? { code: "blocked-by-override", day: this.overrideDays.days[k / 2]!, overrideKind: this.overrideDays.kinds[k / 2]! }
        : { code: "blocked-by-override", day: this.mentorClock.dayOf(start), overrideKind: "replace" };
    }
    if (this.sessions.overlapping(start, end) >= 0) return { code: "busy-session" };
    if (this.external.overlapping(start, end) >= 0) return { code: "busy-external" };
    if (this.buffered.overlapping(start - this.before, end + this.after) >= 0) return { code: "buffer" };
    if (start < this.earliest) return { code: "minimum-notice" };
    if (rules.maxPerDay === null && rules.maxPerWeek === null) return null;
    const day = this.mentorClock.dayOf(start);
    if (rules.maxPerDay !== null && (this.perDay.get(day) ?? 0) >= rules.maxPerDay) return { code: "daily-cap", day };
    const week = weekOfDay(day);
    if (rules.maxPerWeek !== null && (this.perWeek.get(week) ?? 0) >= rules.maxPerWeek) {
      return { code: "weekly-cap", day: mondayOfWeek(week) };
    }
    return null;
  }
}

function checkWholeMinutes(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw AppError.field(field, `Use a whole number of minutes from ${min} to ${max}.`);
  }
}

/**
 * Bookable slots for a pair within [range.start, range.end), sorted by start, with the reason for every start time
 * that was not offered. Cost: one pass over each rule's sorted interval list plus one check per candidate start
 * (8 weeks at a 15-minute step is 5,376 candidates), so 1,000 existing sessions add a sort and a merge.
 */
export function computeSlots(query: SlotQuery): SlotResult {
  const ctx = readContext(query);
  const from = toMs(query.range.start, "range.start");
  const to = toMs(query.range.end, "range.end");
  if (to <= from) throw AppError.field("range.end", "The range must end after it starts.");
  if (to - from > MAX_RANGE_DAYS * MS_PER_DAY) throw AppError.field("range.end", `Ask for at most ${MAX_RANGE_DAYS} days at a time.`);
  checkWholeMinutes(query.sessionMinutes, "sessionMinutes", 5, MAX_SESSION_MINUTES);
  checkWholeMinutes(query.stepMinutes, "stepMinutes", MIN_STEP_MINUTES, MAX_STEP_MINUTES);
  if ((24 * 60) % query.stepMinutes !== 0)
    throw AppError.field("stepMinutes", "The step must divide a day evenly (for example 15, 30 or 60).");

  const checker = new RuleChecker(ctx, from, to);
  const length = query.sessionMinutes * MS_PER_MINUTE;
  const step = query.stepMinutes * MS_PER_MINUTE;
  const clock = checker.mentorClock;
  const tallies = new Map<SlotRuleCode, TallyOfRule>();
  const slots: Slot[] = [];
  let candidates = 0;
  // Within one offset segment local time and UTC differ by a constant, so the starts aligned on local clock
  // multiples of the step are an arithmetic sequence; the next segment restarts the sequence on its own offset.
  const lastStart = to - length;
  for (let j = clock.segmentAt(from); j < clock.starts.length; j++) {
    const segmentStart = Math.max(clock.starts[j]!, from);
    if (segmentStart > lastStart) break;
    const segmentEnd = Math.min(clock.starts[j + 1] ?? Number.POSITIVE_INFINITY, lastStart + 1);
    const offset = clock.offsets[j]!;
    for (let start = Math.ceil((segmentStart + offset) / step) * step - offset; start < segmentEnd; start += step) {
      candidates++;
      const broken = checker.firstBreak(start, start + length);
      if (broken === null) {
        slots.push({ start: new Date(start).toISOString(), end: new Date(start + length).toISOString() });
        continue;
      }
      let tally = tallies.get(broken.code);
      if (!tally) {
        tally = { removed: 0, days: new Map() };
        tallies.set(broken.code, tally);
      }
      tally.removed++;
      if (broken.day !== undefined && !tally.days.has(broken.day)) tally.days.set(broken.day, broken);
    }
  }
  return { slots, explanation: explain(candidates, tallies, ctx.rules) };
}

export interface SlotConflict {
  code: SlotRuleCode;
  message: string;
}

/**
 * The first rule a requested time breaks, or null when it can be booked. Any start and length are judged (the
 * step only shapes what is offered); every slot computeSlots returns passes with the same context.
 */
export function checkSlot(input: SchedulingContext & { slot: { start: InstantInput; end: InstantInput } }): SlotConflict | null {
  const ctx = readContext(input);
  const start = toMs(input.slot.start, "slot.start");
  const end = toMs(input.slot.end, "slot.end");
  if (end <= start) throw AppError.field("slot.end", "A session must end after it starts.");
  if (end - start > MAX_SESSION_MINUTES * MS_PER_MINUTE) throw AppError.field("slot.end", "A session can last at most 8 hours.");
  const broken = new RuleChecker(ctx, start, end).firstBreak(start, end);
  return broken && { code: broken.code, message: describeBreak(broken, ctx.rules) };
}

/** For the booking service: a CONFLICT AppError whose message names the broken rule. */
export function assertSlotBookable(input: SchedulingContext & { slot: { start: InstantInput; end: InstantInput } }): void {
  const conflict = checkSlot(input);
  if (conflict) throw new AppError("CONFLICT", conflict.message);
}
