import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import {
  type AvailabilityRules,
  assertAvailabilityRules,
  checkAvailabilityRules,
  checkBlackoutDates,
  openRules,
} from "./availability-rules";

const rules = (over: Partial<AvailabilityRules>): AvailabilityRules => ({ ...openRules, ...over });
const fieldOf = (over: Partial<AvailabilityRules>) => checkAvailabilityRules(rules(over))?.field ?? null;

describe("availability rules", () => {
  it("accept several windows a day, overrides of every kind, buffers, both notice kinds and caps", () => {
    expect(
      checkAvailabilityRules({
        weekly: [
          { weekday: 1, start: "09:00", end: "12:00" },
          { weekday: 1, start: "14:00", end: "17:00" },
          { weekday: 5, start: "22:00", end: "01:00" },
        ],
        overrides: [
          { date: "2026-03-03", kind: "blocked" },
          { date: "2026-03-04", kind: "extra", windows: [{ start: "18:00", end: "24:00" }] },
          { date: "2026-03-05", kind: "replace", windows: [{ start: "10:00", end: "11:00" }] },
        ],
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 240,
        minimumNotice: { kind: "next-day" },
        maxPerDay: 3,
        maxPerWeek: null,
      }),
    ).toBeNull();
    expect(fieldOf({ minimumNotice: { kind: "hours", hours: 1.5 } })).toBeNull();
  });

  it("name the field path of the first problem", () => {
    expect(
      fieldOf({
        weekly: [
          { weekday: 1, start: "09:00", end: "10:00" },
          { weekday: 8, start: "09:00", end: "10:00" },
        ],
      }),
    ).toBe("weekly.1.weekday");
    expect(fieldOf({ weekly: [{ weekday: 1, start: "09:00", end: "09:00" }] })).toBe("weekly.0.end");
    expect(fieldOf({ overrides: [{ date: "2026-02-30", kind: "blocked" }] })).toBe("overrides.0.date");
    expect(fieldOf({ overrides: [{ date: "3 March", kind: "blocked" }] })).toBe("overrides.0.date");
    expect(
      fieldOf({
        overrides: [
          { date: "2026-03-03", kind: "blocked" },
          { date: "2026-03-03", kind: "extra", windows: [{ start: "09:00", end: "10:00" }] },
        ],
      }),
    ).toBe("overrides.1.date");
    expect(fieldOf({ overrides: [{ date: "2026-03-03", kind: "replace", windows: [] }] })).toBe("overrides.0.windows");
    expect(fieldOf({ overrides: [{ date: "2026-03-03", kind: "extra", windows: [{ start: "09:00", end: "25:00" }] }] })).toBe(
      "overrides.0.windows.0.end",
    );
    expect(fieldOf({ overrides: [{ date: "2026-03-03", kind: "moved" } as never] })).toBe("overrides.0.kind");
    expect(fieldOf({ bufferBeforeMinutes: -5 })).toBe("bufferBeforeMinutes");
    expect(fieldOf({ bufferAfterMinutes: 241 })).toBe("bufferAfterMinutes");
    expect(fieldOf({ bufferAfterMinutes: 7.5 })).toBe("bufferAfterMinutes");
    expect(fieldOf({ minimumNotice: { kind: "hours", hours: -1 } })).toBe("minimumNotice.hours");
    expect(fieldOf({ minimumNotice: { kind: "hours", hours: Number.NaN } })).toBe("minimumNotice.hours");
    expect(fieldOf({ minimumNotice: { kind: "weeks" } as never })).toBe("minimumNotice.kind");
    expect(fieldOf({ maxPerDay: 0 })).toBe("maxPerDay");
    expect(fieldOf({ maxPerWeek: 2.5 })).toBe("maxPerWeek");
  });

  it("throw a VALIDATION error rooted where the rules sit in the input", () => {
    try {
      assertAvailabilityRules(rules({ maxPerDay: -1 }), "mentor.rules");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
      expect((error as AppError).fieldErrors).toEqual({
        "mentor.rules.maxPerDay": ["The daily limit must be a whole number from 1 to 100."],
      });
    }
  });

  it("blackout dates are real calendar dates", () => {
    expect(checkBlackoutDates(["2026-12-25", "2028-02-29"])).toBeNull();
    expect(checkBlackoutDates(["2026-12-25", "2027-02-29"])?.field).toBe("blackoutDates.1");
  });
});
