/**
 * Properties of the slot engine on random pairs: random windows and overrides in random zones (DST in both
 * hemispheres, half-hour and 45-minute offsets, Lord Howe, Santiago's midnight change), random busy times,
 * buffers, notice, caps and blackouts, over random ranges near daylight-saving changes.
 *
 * Invariants:
 * 1. Slots are sorted by start, distinct, exactly sessionMinutes long and inside the range.
 * 2. No slot, widened by the mentor's buffers, touches a busy time; for sessions, not even the session's buffers.
 *    (So no slot overlaps any busy interval widened by the buffers.)
 * 3. Every slot lies inside both people's availability, as read by an independent oracle that converts wall-clock
 *    times with Temporal directly.
 * 4. The slots are exactly the step-aligned starts (in the mentor's local time) that the oracle accepts under all
 *    rules: nothing bookable is missing, nothing forbidden is offered.
 * 5. checkSlot accepts every slot; the explanation's counts add up to the candidates.
 * 6. Removing busy times never removes a slot.
 * 7. With step == session length and a step dividing 30 minutes, slots never overlap each other. (With longer
 *    steps, aligned local times on both sides of an autumn change can be closer than the step in real time.)
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { testZones } from "../../test-support/slot-fixtures";
import { parseClock, type WeeklyWindow } from "../matching/availability";
import type { AvailabilityRules, DateOverride, DayWindow } from "./availability-rules";
import { checkSlot, computeSlots, type SchedulingContext, type SlotQuery } from "./slots";

const QUARTER = 15 * 60_000;
const hhmm = (q: number) => `${String(Math.floor(q / 4) % 24).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
const dayWindowUpTo = (maxQuarters: number) =>
  fc
    .record({ start: fc.integer({ min: 0, max: 95 }), length: fc.integer({ min: 4, max: maxQuarters }) })
    .map(({ start, length }): DayWindow => ({ start: hhmm(start), end: length + start === 96 ? "24:00" : hhmm(start + length) }));
const dayWindow = dayWindowUpTo(48);
/** One or two windows on each day of the week (several a day, some past midnight), so most ranges hold some. */
const weekOfWindows = (maxQuarters: number) =>
  fc
    .tuple(...[0, 1, 2, 3, 4, 5, 6].map(() => fc.array(dayWindowUpTo(maxQuarters), { minLength: 1, maxLength: 2 })))
    .map((days): WeeklyWindow[] => days.flatMap((windows, weekday) => windows.map((w) => ({ weekday, ...w }))));

// Days around the 2026 changes of the test zones, plus ordinary days.
const anchorDays = [
  "2026-03-08",
  "2026-11-01",
  "2026-03-29",
  "2026-10-25",
  "2026-04-05",
  "2026-10-04",
  "2026-04-04",
  "2026-09-06",
  "2026-09-27",
  "2026-01-15",
  "2026-06-20",
].map((d) => Date.parse(`${d}T00:00:00Z`));

const scenario = fc
  .record({
    mentorZone: fc.constantFrom(...testZones),
    menteeZone: fc.constantFrom(...testZones),
    programZone: fc.constantFrom(...testZones),
    weekly: weekOfWindows(48),
    // Empty (not given) half the time; otherwise long windows, so the two people still meet often.
    menteeWindows: fc.oneof(fc.constant([] as WeeklyWindow[]), weekOfWindows(72)),
    overrides: fc.array(
      fc.record({
        dayOffset: fc.integer({ min: -1, max: 3 }),
        kind: fc.constantFrom("blocked", "replace", "extra"),
        windows: fc.array(dayWindow, { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
    blackoutOffsets: fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 1 }),
    anchor: fc.constantFrom(...anchorDays),
    startQuarter: fc.integer({ min: -96, max: 96 }),
    lengthQuarters: fc.integer({ min: 24, max: 2 * 96 }),
    busy: fc.array(
      // Where in the range (per mille, with a little spill on both sides), so busy times land among the slots.
      fc.record({
        at: fc.integer({ min: -30, max: 1030 }),
        quarters: fc.integer({ min: 1, max: 16 }),
        isSession: fc.boolean(),
        countsForCaps: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    bufferBefore: fc.constantFrom(0, 0, 5, 15, 30),
    bufferAfter: fc.constantFrom(0, 0, 10, 15, 60),
    notice: fc.oneof(
      fc.constantFrom(0, 1, 2.5, 24).map((hours) => ({ kind: "hours" as const, hours })),
      fc.constant({ kind: "next-day" as const }),
    ),
    nowMinute: fc.integer({ min: -3 * 1440, max: 360 }),
    maxPerDay: fc.constantFrom(null, null, 1, 2),
    maxPerWeek: fc.constantFrom(null, null, 2, 4),
    sessionMinutes: fc.constantFrom(15, 30, 45, 60, 90),
    stepMinutes: fc.constantFrom(15, 30, 60),
  })
  .map((s): SlotQuery => {
    const from = s.anchor + s.startQuarter * QUARTER;
    const to = from + s.lengthQuarters * QUARTER;
    const localDate = (zone: string, offset: number) =>
      Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(zone).toPlainDate().add({ days: offset }).toString();
    const overrides: DateOverride[] = [];
    for (const o of s.overrides) {
      const date = localDate(s.mentorZone, o.dayOffset);
      if (overrides.some((x) => x.date === date)) continue;
      overrides.push(o.kind === "blocked" ? { date, kind: "blocked" } : { date, kind: o.kind as "replace" | "extra", windows: o.windows });
    }
    const busy = s.busy.map((b) => ({
      start: new Date(from + Math.round((b.at * s.lengthQuarters) / 1000) * QUARTER).toISOString(),
      end: new Date(from + (Math.round((b.at * s.lengthQuarters) / 1000) + b.quarters) * QUARTER).toISOString(),
      kind: b.isSession ? ("session" as const) : ("external" as const),
      countsForCaps: b.countsForCaps,
    }));
    const rules: AvailabilityRules = {
      weekly: s.weekly,
      overrides,
      bufferBeforeMinutes: s.bufferBefore,
      bufferAfterMinutes: s.bufferAfter,
      minimumNotice: s.notice,
      maxPerDay: s.maxPerDay,
      maxPerWeek: s.maxPerWeek,
    };
    return {
      now: new Date(from + s.nowMinute * 60_000).toISOString(),
      mentor: { timeZone: s.mentorZone, rules },
      mentee: { timeZone: s.menteeZone, windows: s.menteeWindows },
      busy: busy.map(({ countsForCaps: _, ...b }) => b),
      existingSessionsForCaps: busy.filter((b) => b.countsForCaps).map((b) => ({ start: b.start })),
      blackoutDates: s.blackoutOffsets.map((k) => localDate(s.programZone, k)),
      programTimeZone: s.programZone,
      range: { start: new Date(from).toISOString(), end: new Date(to).toISOString() },
      sessionMinutes: s.sessionMinutes,
      stepMinutes: s.stepMinutes,
    };
  });

/**
 * An independent reading of the rules: every wall-clock conversion goes through Temporal (memoised, since the
 * polyfill costs tens of microseconds a call), and every rule is a direct test on one instant or one slot.
 */
class Oracle {
  private readonly instants = new Map<string, number>();
  private readonly locals = new Map<string, { date: string; weekday: number; minute: number }>();
  private readonly previous = new Map<string, string>();
  private readonly mentorMemo = new Map<number, boolean>();
  private readonly menteeMemo = new Map<number, boolean>();
  private readonly blackouts: Array<[number, number]>;
  private readonly sessionDays: string[];

  constructor(private readonly q: SlotQuery) {
    this.blackouts = q.blackoutDates.map((date) => [this.at(q.programTimeZone, date, 0), this.at(q.programTimeZone, date, 1440)]);
    this.sessionDays = q.existingSessionsForCaps.map((s) => this.local(q.mentor.timeZone, Date.parse(s.start as string)).date);
  }

  /** The instant of `minutes` after the start of local `date` (minutes may pass midnight). */
  private at(zone: string, date: string, minutes: number): number {
    const key = `${zone}|${date}|${minutes}`;
    let ms = this.instants.get(key);
    if (ms === undefined) {
      const day = Temporal.PlainDate.from(date).add({ days: Math.floor(minutes / 1440) });
      const m = minutes % 1440;
      ms = day.toZonedDateTime({ timeZone: zone, plainTime: new Temporal.PlainTime(Math.floor(m / 60), m % 60) }).epochMilliseconds;
      this.instants.set(key, ms);
    }
    return ms;
  }

  local(zone: string, ms: number): { date: string; weekday: number; minute: number } {
    const key = `${zone}|${ms}`;
    let found = this.locals.get(key);
    if (!found) {
      const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
      found = { date: zoned.toPlainDate().toString(), weekday: zoned.dayOfWeek % 7, minute: zoned.hour * 60 + zoned.minute };
      this.locals.set(key, found);
    }
    return found;
  }

  private dayBefore(date: string): string {
    let found = this.previous.get(date);
    if (!found) {
      found = Temporal.PlainDate.from(date).subtract({ days: 1 }).toString();
      this.previous.set(date, found);
    }
    return found;
  }

  private covers(zone: string, date: string, w: DayWindow, t: number): boolean {
    const start = parseClock(w.start)!;
    let end = parseClock(w.end, true)!;
    if (end <= start) end += 1440;
    return this.at(zone, date, start) <= t && t < this.at(zone, date, end);
  }

  private weeklyCovers(zone: string, windows: readonly WeeklyWindow[], date: string, weekday: number, t: number): boolean {
    return windows.some((w) => w.weekday === weekday && this.covers(zone, date, w, t));
  }

  mentorAvailableAt(t: number): boolean {
    let known = this.mentorMemo.get(t);
    if (known === undefined) {
      known = this.mentorAvailable(t);
      this.mentorMemo.set(t, known);
    }
    return known;
  }

  /**
   * Overrides own their local calendar day: a blocked day has nothing, a replaced day only its override windows
   * (its own or the previous day's past midnight); override windows of the previous day run on into today.
   */
  private mentorAvailable(t: number): boolean {
    const { timeZone, rules } = this.q.mentor;
    const today = this.local(timeZone, t);
    const yesterday = this.dayBefore(today.date);
    const overrideOf = (date: string) => rules.overrides.find((o) => o.date === date);
    const own = overrideOf(today.date);
    if (own?.kind === "blocked") return false;
    const isInOverrideWindow = [today.date, yesterday].some((date) => {
      const o = overrideOf(date);
      return o !== undefined && o.kind !== "blocked" && o.windows.some((w) => this.covers(timeZone, date, w, t));
    });
    if (isInOverrideWindow) return true;
    if (own?.kind === "replace") return false;
    return (
      this.weeklyCovers(timeZone, rules.weekly, today.date, today.weekday, t) ||
      this.weeklyCovers(timeZone, rules.weekly, yesterday, (today.weekday + 6) % 7, t)
    );
  }

  menteeAvailableAt(t: number): boolean {
    const { timeZone, windows } = this.q.mentee;
    if (windows.length === 0) return true;
    let known = this.menteeMemo.get(t);
    if (known === undefined) {
      const today = this.local(timeZone, t);
      known =
        this.weeklyCovers(timeZone, windows, today.date, today.weekday, t) ||
        this.weeklyCovers(timeZone, windows, this.dayBefore(today.date), (today.weekday + 6) % 7, t);
      this.menteeMemo.set(t, known);
    }
    return known;
  }

  /** Availability is constant on UTC quarter-hours here (15-minute windows, offsets and DST shifts). */
  everyQuarter(start: number, end: number, test: (t: number) => boolean): boolean {
    for (let t = start; t < end; t += QUARTER) if (!test(t)) return false;
    return true;
  }

  isBookable(start: number, end: number): boolean {
    const q = this.q;
    const rules = q.mentor.rules;
    if (!this.everyQuarter(start, end, (t) => this.mentorAvailableAt(t) && this.menteeAvailableAt(t))) return false;
    if (this.blackouts.some(([dayStart, dayEnd]) => start < dayEnd && dayStart < end)) return false;
    const before = rules.bufferBeforeMinutes * 60_000;
    const after = rules.bufferAfterMinutes * 60_000;
    for (const b of q.busy) {
      const [a, z] = [Date.parse(b.start as string), Date.parse(b.end as string)];
      const [wa, wz] = b.kind === "session" ? [a - before, z + after] : [a, z];
      if (start - before < wz && wa < end + after) return false;
    }
    const zone = q.mentor.timeZone;
    const now = Date.parse(q.now as string);
    const notice = rules.minimumNotice;
    const earliest = notice.kind === "hours" ? now + notice.hours * 3_600_000 : this.at(zone, this.local(zone, now).date, 1440);
    if (start < earliest) return false;
    const day = this.local(zone, start).date;
    if (rules.maxPerDay !== null && this.sessionDays.filter((d) => d === day).length >= rules.maxPerDay) return false;
    if (rules.maxPerWeek !== null) {
      const mondayOf = (date: string) => {
        const d = Temporal.PlainDate.from(date);
        return d.subtract({ days: d.dayOfWeek - 1 }).toString();
      };
      const monday = mondayOf(day);
      if (this.sessionDays.filter((d) => mondayOf(d) === monday).length >= rules.maxPerWeek) return false;
    }
    return true;
  }

  /** Starts on a local multiple of the step from midnight in the mentor's zone, with the session inside the range. */
  candidates(): number[] {
    const from = Date.parse(this.q.range.start as string);
    const to = Date.parse(this.q.range.end as string);
    const length = this.q.sessionMinutes * 60_000;
    const out: number[] = [];
    for (let t = from; t + length <= to; t += QUARTER) {
      if (this.local(this.q.mentor.timeZone, t).minute % this.q.stepMinutes === 0) out.push(t);
    }
    return out;
  }
}

const withoutBusy = (q: SlotQuery): SlotQuery => ({ ...q, busy: [] });
const contextOf = (q: SlotQuery): SchedulingContext => q;

describe("slot engine properties", () => {
  it("offers exactly the bookable aligned times: inside both availabilities, clear of busy times and buffers, after notice, under caps", () => {
    fc.assert(
      fc.property(scenario, (q) => {
        const result = computeSlots(q);
        const from = Date.parse(q.range.start as string);
        const to = Date.parse(q.range.end as string);
        const length = q.sessionMinutes * 60_000;
        const starts = result.slots.map((s) => Date.parse(s.start));
        const oracle = new Oracle(q);

        // 1. Sorted, distinct, the right length, inside the range.
        for (const [i, slot] of result.slots.entries()) {
          expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(length);
          expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(from);
          expect(Date.parse(slot.end)).toBeLessThanOrEqual(to);
          if (i > 0) expect(starts[i]!).toBeGreaterThan(starts[i - 1]!);
        }
        // 2. Clear of busy times widened by the buffers.
        const before = q.mentor.rules.bufferBeforeMinutes * 60_000;
        const after = q.mentor.rules.bufferAfterMinutes * 60_000;
        for (const start of starts) {
          for (const b of q.busy) {
            const [a, z] = [Date.parse(b.start as string), Date.parse(b.end as string)];
            const [wa, wz] = b.kind === "session" ? [a - before, z + after] : [a, z];
            expect(start < wz && wa < start + length, "slot overlaps busy time widened by buffers").toBe(false);
            expect(start - before < wz && wa < start + length + after, "slot's own buffers touch busy time").toBe(false);
          }
        }
        // 3. Inside both availabilities.
        for (const start of starts) {
          expect(oracle.everyQuarter(start, start + length, (t) => oracle.mentorAvailableAt(t))).toBe(true);
          expect(oracle.everyQuarter(start, start + length, (t) => oracle.menteeAvailableAt(t))).toBe(true);
        }
        // 4. Exactly the oracle's bookable candidates.
        const candidates = oracle.candidates();
        expect(starts).toEqual(candidates.filter((t) => oracle.isBookable(t, t + length)));
        // 5. Each slot passes the booking check; counts add up.
        for (const slot of result.slots) expect(checkSlot({ ...contextOf(q), slot })).toBeNull();
        const explanation = result.explanation;
        expect(explanation.candidates).toBe(candidates.length);
        expect(explanation.rules.reduce((sum, r) => sum + r.removed, result.slots.length)).toBe(candidates.length);
        // 6. Fewer busy times never means fewer slots.
        const free = new Set(computeSlots(withoutBusy(q)).slots.map((s) => s.start));
        for (const slot of result.slots) expect(free.has(slot.start)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("with step equal to the session length (15 or 30 minutes), slots never overlap, across every DST change", () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(15, 30), (q, minutes) => {
        const result = computeSlots({ ...q, sessionMinutes: minutes, stepMinutes: minutes });
        for (let i = 1; i < result.slots.length; i++) {
          expect(Date.parse(result.slots[i]!.start)).toBeGreaterThanOrEqual(Date.parse(result.slots[i - 1]!.end));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the mentor's own rules explain every refused candidate: checkSlot names the same first rule as the tally", () => {
    fc.assert(
      fc.property(scenario, (q) => {
        const result = computeSlots(q);
        const offered = new Set(result.slots.map((s) => s.start));
        const length = q.sessionMinutes * 60_000;
        const counts = new Map<string, number>();
        for (const t of new Oracle(q).candidates()) {
          const start = new Date(t).toISOString();
          const conflict = checkSlot({ ...contextOf(q), slot: { start, end: new Date(t + length).toISOString() } });
          expect(conflict === null).toBe(offered.has(start));
          if (conflict) counts.set(conflict.code, (counts.get(conflict.code) ?? 0) + 1);
        }
        for (const rule of result.explanation.rules) expect(counts.get(rule.code) ?? 0).toBe(rule.removed);
      }),
      { numRuns: 20 },
    );
  });
});
