import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { everyDay, pairContext, slotsOf, testZones as zones } from "../../test-support/slot-fixtures";
import { type WeeklyWindow, weekIntervals } from "../matching/availability";
import { isoDateOfDay, MS_PER_DAY, MS_PER_MINUTE, mondayOfWeek, parseIsoDate, weekdayOfDay, weekOfDay, ZoneClock } from "./zone-clock";

describe("ZoneClock", () => {
  it("converts wall-clock times as Temporal's compatible rule does, in gaps and repeated hours too", () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: (to - from) / (15 * MS_PER_MINUTE) }), (zone, quarter) => {
        const clock = new ZoneClock(zone, from, to);
        const wall = from + quarter * 15 * MS_PER_MINUTE;
        const d = new Date(wall);
        const expected = Temporal.PlainDateTime.from({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
        }).toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds;
        expect(clock.toInstant(wall)).toBe(expected);
        expect(clock.offsetAt(expected)).toBe(
          Temporal.Instant.fromEpochMilliseconds(expected).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("hits every transition exactly, including those at the very start of a year", () => {
    const clock = new ZoneClock("America/New_York", Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31));
    expect(clock.toInstant(Date.UTC(2026, 2, 8, 2, 30))).toBe(Date.UTC(2026, 2, 8, 7, 30)); // 02:30 -> 03:30 EDT
    expect(clock.toInstant(Date.UTC(2026, 10, 1, 1, 30))).toBe(Date.UTC(2026, 10, 1, 5, 30)); // first 01:30 (EDT)
    expect(clock.instantsShowing(Date.UTC(2026, 10, 1, 1, 30))).toBe(2);
    expect(clock.instantsShowing(Date.UTC(2026, 2, 8, 2, 30))).toBe(0);
  });

  it("gives the same weekly windows as the matching core's weekIntervals over a reference week", () => {
    const window = fc.record({
      weekday: fc.integer({ min: 0, max: 6 }),
      start: fc.integer({ min: 0, max: 95 }),
      length: fc.integer({ min: 1, max: 95 }),
    });
    const hhmm = (q: number) => `${String(Math.floor(q / 4) % 24).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(window, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 52 }),
        (zone, raw, week) => {
          const windows: WeeklyWindow[] = raw.map((w) => ({ weekday: w.weekday, start: hhmm(w.start), end: hhmm(w.start + w.length) }));
          const weekStart = Date.UTC(2026, 0, 5) + week * 7 * MS_PER_DAY;
          const expected = Array.from(weekIntervals(windows, zone, Temporal.Instant.fromEpochMilliseconds(weekStart)));
          // computeSlots with 15-minute slots at a 15-minute step tiles the availability exactly.
          const result = slotsOf(
            pairContext({ mentorZone: zone, weekly: windows }),
            new Date(weekStart).toISOString(),
            new Date(weekStart + 7 * MS_PER_DAY).toISOString(),
            15,
            15,
          );
          const quarters = result.slots.map((s) => (Date.parse(s.start) - weekStart) / MS_PER_MINUTE);
          const covered: number[] = [];
          for (const q of quarters) {
            if (covered.length > 0 && covered[covered.length - 1] === q) covered[covered.length - 1] = q + 15;
            else covered.push(q, q + 15);
          }
          expect(covered).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("numbers days, weekdays and Monday-start weeks", () => {
    const day = parseIsoDate("2026-03-04")!;
    expect(isoDateOfDay(day)).toBe("2026-03-04");
    expect(weekdayOfDay(day)).toBe(3);
    expect(isoDateOfDay(mondayOfWeek(weekOfDay(day)))).toBe("2026-03-02");
    expect(weekOfDay(parseIsoDate("2026-03-08")!)).toBe(weekOfDay(day));
    expect(weekOfDay(parseIsoDate("2026-03-09")!)).toBe(weekOfDay(day) + 1);
    expect(weekdayOfDay(parseIsoDate("1969-12-28")!)).toBe(0);
    expect(parseIsoDate("2026-13-01")).toBeNull();
    expect(everyDay("09:00", "10:00")).toHaveLength(7);
  });
});
