import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { type Availability, checkWindows, overlapMinutes, type WeeklyWindow, weekIntervals, weeklyOverlapHours } from "./availability";

const at = (iso: string) => Temporal.Instant.from(iso);
const weekdays = (start: string, end: string): WeeklyWindow[] => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const officeHours = (timeZone: string): Availability => ({ timeZone, availability: weekdays("09:00", "17:00") });

const newYork = officeHours("America/New_York");
const london = officeHours("Europe/London");
const kolkata = officeHours("Asia/Kolkata");

describe("weekly overlap across time zones", () => {
  it("New York and London office hours overlap 3 hours a day when both are on standard time", () => {
    expect(weeklyOverlapHours(newYork, london, at("2026-03-02T00:00:00Z"))).toBe(15);
  });

  it("gain an hour a day in the weeks after New York springs forward on 2026-03-08 and London has not", () => {
    expect(weeklyOverlapHours(newYork, london, at("2026-03-09T00:00:00Z"))).toBe(20);
  });

  it("a week that contains 2026-03-08 mixes both: Thu and Fri at 3 h, Mon to Wed at 4 h", () => {
    expect(weeklyOverlapHours(newYork, london, at("2026-03-05T00:00:00Z"))).toBe(18);
  });

  it("lose the hour again when New York falls back on 2026-11-01 (London already did on 2026-10-25)", () => {
    expect(weeklyOverlapHours(newYork, london, at("2026-10-19T00:00:00Z"))).toBe(15);
    expect(weeklyOverlapHours(newYork, london, at("2026-10-26T00:00:00Z"))).toBe(20);
    expect(weeklyOverlapHours(newYork, london, at("2026-11-02T00:00:00Z"))).toBe(15);
  });

  it("counts real hours for a window across the change itself: 01:00-04:00 is 2 h in March and 4 h in November", () => {
    const nightOwl = (weekday: number): Availability => ({
      timeZone: "America/New_York",
      availability: [{ weekday, start: "01:00", end: "04:00" }],
    });
    const always: Availability = {
      timeZone: "UTC",
      availability: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
    };
    expect(weeklyOverlapHours(nightOwl(0), always, at("2026-03-05T00:00:00Z"))).toBe(2);
    expect(weeklyOverlapHours(nightOwl(0), always, at("2026-10-29T00:00:00Z"))).toBe(4);
    expect(weeklyOverlapHours(nightOwl(0), always, at("2026-06-04T00:00:00Z"))).toBe(3);
  });

  it("handles a half-hour zone: London and Kolkata office hours overlap 2.5 h a day in winter, 3.5 h in summer", () => {
    expect(weeklyOverlapHours(london, kolkata, at("2026-01-12T00:00:00Z"))).toBe(12.5);
    expect(weeklyOverlapHours(london, kolkata, at("2026-07-13T00:00:00Z"))).toBe(17.5);
  });

  it("matches a Monday evening in New York with a Tuesday morning in Kolkata (midnight in between)", () => {
    const evening: Availability = { timeZone: "America/New_York", availability: [{ weekday: 1, start: "20:00", end: "23:00" }] };
    const morning: Availability = { timeZone: "Asia/Kolkata", availability: [{ weekday: 2, start: "06:00", end: "10:00" }] };
    // 20:00-23:00 EST = 01:00-04:00 UTC Tuesday = 06:30-09:30 IST Tuesday.
    expect(weeklyOverlapHours(evening, morning, at("2026-01-12T00:00:00Z"))).toBe(3);
    const mondayMorning: Availability = { ...morning, availability: [{ weekday: 1, start: "06:00", end: "10:00" }] };
    expect(weeklyOverlapHours(evening, mondayMorning, at("2026-01-12T00:00:00Z"))).toBe(0);
  });

  it("reads an end before the start as running past midnight in the owner's zone", () => {
    const late: Availability = { timeZone: "Asia/Kolkata", availability: [{ weekday: 1, start: "22:00", end: "02:00" }] };
    const utcAfternoon: Availability = { timeZone: "UTC", availability: [{ weekday: 1, start: "16:00", end: "21:00" }] };
    // 22:00-02:00 IST = 16:30-20:30 UTC.
    expect(weeklyOverlapHours(late, utcAfternoon, at("2026-01-12T00:00:00Z"))).toBe(4);
  });

  it("catches windows that fall just outside the reference week's local days (Sunday night east of UTC)", () => {
    const mondayEarly: Availability = { timeZone: "Asia/Kolkata", availability: [{ weekday: 1, start: "02:00", end: "04:00" }] };
    const utcSunday: Availability = { timeZone: "UTC", availability: [{ weekday: 0, start: "20:00", end: "23:00" }] };
    // Mon 02:00-04:00 IST = Sun 20:30-22:30 UTC; a week starting Monday 00:00 UTC sees next week's occurrence.
    expect(weeklyOverlapHours(mondayEarly, utcSunday, at("2026-01-12T00:00:00Z"))).toBe(2);
  });

  it("gives the same weekly total for any 7-day span when no zone changes offset", () => {
    const window = fc.record({
      weekday: fc.integer({ min: 0, max: 6 }),
      start: fc.integer({ min: 0, max: 95 }),
      length: fc.integer({ min: 1, max: 48 }),
    });
    const toWindows = (ws: { weekday: number; start: number; length: number }[]) =>
      ws.map(({ weekday, start, length }) => {
        const hhmm = (q: number) => `${String(Math.floor(q / 4) % 24).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
        return { weekday, start: hhmm(start), end: hhmm(start + length) };
      });
    fc.assert(
      fc.property(
        fc.array(window, { maxLength: 5 }),
        fc.array(window, { maxLength: 5 }),
        fc.integer({ min: 0, max: 7 * 96 }),
        (a, b, shift) => {
          const first: Availability = { timeZone: "Asia/Kolkata", availability: toWindows(a) };
          const second: Availability = { timeZone: "UTC", availability: toWindows(b) };
          const base = at("2026-01-05T00:00:00Z");
          const shifted = base.add({ minutes: shift * 15 });
          expect(weeklyOverlapHours(first, second, shifted)).toBe(weeklyOverlapHours(first, second, base));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("weekIntervals and overlapMinutes", () => {
  it("merges overlapping windows and keeps intervals inside the week", () => {
    const intervals = weekIntervals(
      [
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 1, start: "11:00", end: "13:00" },
        { weekday: 0, start: "23:00", end: "01:00" },
      ],
      "UTC",
      at("2026-01-05T00:00:00Z"),
    );
    // Monday 2026-01-05 00:00 UTC: Sunday night's tail (00:00-01:00) and the next Sunday's head (23:00-24:00).
    expect(Array.from(intervals)).toEqual([0, 60, 540, 780, 7 * 1440 - 60, 7 * 1440]);
  });

  it("overlapMinutes is symmetric and counts shared minutes only", () => {
    const a = Int32Array.from([0, 100, 200, 300]);
    const b = Int32Array.from([50, 250]);
    expect(overlapMinutes(a, b)).toBe(100);
    expect(overlapMinutes(b, a)).toBe(100);
    expect(overlapMinutes(a, new Int32Array(0))).toBe(0);
  });
});

describe("window validation", () => {
  it("accepts 24:00 as an end and names the field of the first problem", () => {
    expect(checkWindows([{ weekday: 0, start: "00:00", end: "24:00" }])).toBeNull();
    expect(checkWindows([{ weekday: 7, start: "09:00", end: "10:00" }])?.field).toBe("availability.0.weekday");
    expect(checkWindows([{ weekday: 1, start: "9:00", end: "10:00" }])?.field).toBe("availability.0.start");
    expect(checkWindows([{ weekday: 1, start: "24:00", end: "10:00" }])?.field).toBe("availability.0.start");
    expect(checkWindows([{ weekday: 1, start: "09:00", end: "25:00" }])?.field).toBe("availability.0.end");
    expect(checkWindows([{ weekday: 1, start: "09:00", end: "09:00" }])?.field).toBe("availability.0.end");
  });

  it("rejects bad windows, unknown zones and a week start that is not a whole minute with a VALIDATION error", () => {
    const week = at("2026-01-05T00:00:00Z");
    expect(() => weekIntervals([{ weekday: 1, start: "09:00", end: "09:00" }], "UTC", week)).toThrow(AppError);
    expect(() => weekIntervals([], "Mars/Olympus_Mons", week)).toThrow(/Unknown time zone/);
    expect(() => weekIntervals([], "UTC", at("2026-01-05T00:00:30Z"))).toThrow(/whole minute/);
  });
});
