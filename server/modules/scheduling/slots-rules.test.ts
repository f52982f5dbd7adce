import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { everyDay, pairContext, slotsOf, startsOf } from "../../test-support/slot-fixtures";
import { assertSlotBookable, checkSlot, computeSlots, type SchedulingContext } from "./slots";

const day = (context: SchedulingContext, date: string, sessionMinutes = 60, stepMinutes = 60) =>
  slotsOf(context, `${date}T00:00:00Z`, `${date}T23:59:00Z`, sessionMinutes, stepMinutes);
const removedBy = (result: ReturnType<typeof slotsOf>, code: string) => result.explanation.rules.find((r) => r.code === code)?.removed;

describe("buffers", () => {
  const context = pairContext({
    weekly: everyDay("09:00", "18:00"),
    rules: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 },
    busy: [
      { start: "2026-03-02T12:00:00Z", end: "2026-03-02T13:00:00Z", kind: "session" },
      { start: "2026-03-02T15:00:00Z", end: "2026-03-02T16:00:00Z", kind: "external" },
    ],
  });

  it("keep both sessions' buffers free around a session, and the new slot's own buffers clear of calendar busy times", () => {
    const result = day(context, "2026-03-02", 60, 15);
    expect(startsOf(result).map((s) => s.slice(11, 16))).toEqual([
      "09:00",
      "09:15",
      "09:30",
      "09:45",
      "10:00",
      "10:15",
      "10:30",
      // 10:45-11:45 would leave 15 minutes before the 12:00 session, which needs 15 after this one plus 15 before its own.
      "13:30",
      "13:45",
      // 14:00-15:00 would need 15:00-15:15 for its notes, but the calendar is busy from 15:00.
      "16:15",
      "16:30",
      "16:45",
      "17:00",
    ]);
    expect(removedBy(result, "buffer")).toBe(6); // 10:45, 11:00, 13:00, 13:15, 14:00, 16:00
    expect(result.explanation.sentences).toContain(
      "6 start times are too close to other sessions or busy times: the mentor keeps 15 minutes before and 15 minutes after each session free.",
    );
  });

  it("name the buffer when a booking lands too close, and the session when it overlaps", () => {
    expect(checkSlot({ ...context, slot: { start: "2026-03-02T13:15:00Z", end: "2026-03-02T14:15:00Z" } })).toEqual({
      code: "buffer",
      message:
        "This time is too close to another session or busy time: the mentor keeps 15 minutes before and 15 minutes after each session free.",
    });
    expect(checkSlot({ ...context, slot: { start: "2026-03-02T12:30:00Z", end: "2026-03-02T13:30:00Z" } })?.code).toBe("busy-session");
    expect(checkSlot({ ...context, slot: { start: "2026-03-02T15:30:00Z", end: "2026-03-02T16:30:00Z" } })?.code).toBe("busy-external");
    expect(checkSlot({ ...context, slot: { start: "2026-03-02T13:30:00Z", end: "2026-03-02T14:30:00Z" } })).toBeNull();
  });
});

describe("minimum notice", () => {
  it("in hours: nothing starts sooner than now plus the notice", () => {
    const context = pairContext({ now: "2026-03-02T10:20:00Z", rules: { minimumNotice: { kind: "hours", hours: 24 } } });
    const result = slotsOf(context, "2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z");
    expect(startsOf(result)[0]).toBe("2026-03-03T11:00:00Z");
    expect(removedBy(result, "minimum-notice")).toBe(10);
    expect(result.explanation.sentences).toEqual(["10 start times are too soon: the mentor's minimum notice is 24 hours."]);
  });

  it("with zero hours still removes times that have already started", () => {
    const context = pairContext({ now: "2026-03-02T10:20:00Z" });
    expect(startsOf(day(context, "2026-03-02"))[0]).toBe("2026-03-02T11:00:00Z");
  });

  it("'not the same day' counts calendar days in the mentor's zone: at 23:30 in Kolkata, 00:00 is bookable", () => {
    const context = pairContext({
      mentorZone: "Asia/Kolkata",
      weekly: everyDay("00:00", "24:00"),
      rules: { minimumNotice: { kind: "next-day" } },
      now: "2026-03-02T18:00:00Z", // Monday 23:30 IST
    });
    const result = slotsOf(context, "2026-03-02T17:00:00Z", "2026-03-02T21:00:00Z", 30, 30);
    expect(startsOf(result)[0]).toBe("2026-03-02T18:30:00Z"); // Tuesday 00:00 IST
    expect(checkSlot({ ...context, slot: { start: "2026-03-02T18:00:00Z", end: "2026-03-02T18:30:00Z" } })).toEqual({
      code: "minimum-notice",
      message: "This time is too soon: the mentor takes bookings from the next day on (in the mentor's time zone).",
    });
  });
});

describe("caps", () => {
  it("a day with the mentor's daily limit reached offers nothing, counted on the mentor's local day", () => {
    const context = pairContext({
      mentorZone: "America/New_York",
      weekly: everyDay("09:00", "12:00"),
      rules: { maxPerDay: 2 },
      // 13:00 EST on Tuesday 3 March, and 21:00 EST the same Tuesday (02:00 UTC on Wednesday).
      existingSessionsForCaps: [{ start: "2026-03-03T18:00:00Z" }, { start: new Date("2026-03-04T02:00:00Z") }],
    });
    const result = slotsOf(context, "2026-03-03T00:00:00Z", "2026-03-05T12:00:00Z");
    expect(startsOf(result)).toEqual(["2026-03-04T14:00:00Z", "2026-03-04T15:00:00Z", "2026-03-04T16:00:00Z"]);
    expect(result.explanation.sentences).toEqual(["Tuesday 3 March: the mentor's daily limit of 2 sessions is reached."]);
    expect(result.explanation.rules.find((r) => r.code === "daily-cap")).toEqual({ code: "daily-cap", removed: 3, dates: ["2026-03-03"] });
  });

  it("a Monday-to-Sunday local week with the weekly limit reached offers nothing until the next Monday", () => {
    const context = pairContext({
      weekly: everyDay("09:00", "10:00"),
      rules: { maxPerWeek: 3 },
      existingSessionsForCaps: ["2026-03-02T15:00:00Z", "2026-03-03T15:00:00Z", "2026-03-04T15:00:00Z"].map((start) => ({ start })),
    });
    const result = slotsOf(context, "2026-03-05T00:00:00Z", "2026-03-11T00:00:00Z");
    expect(startsOf(result)).toEqual(["2026-03-09T09:00:00Z", "2026-03-10T09:00:00Z"]);
    expect(removedBy(result, "weekly-cap")).toBe(4); // Thursday to Sunday
    expect(result.explanation.sentences).toEqual(["Week of Monday 2 March: the mentor's weekly limit of 3 sessions is reached."]);
    expect(checkSlot({ ...context, slot: { start: "2026-03-08T09:00:00Z", end: "2026-03-08T10:00:00Z" } })?.code).toBe("weekly-cap");
  });
});

describe("date overrides", () => {
  const context = pairContext({
    weekly: everyDay("09:00", "11:00"),
    rules: {
      overrides: [
        { date: "2026-03-03", kind: "blocked" },
        { date: "2026-03-04", kind: "extra", windows: [{ start: "18:00", end: "19:00" }] },
        { date: "2026-03-05", kind: "replace", windows: [{ start: "14:00", end: "15:00" }] },
      ],
    },
  });

  it("a blocked day offers nothing, an extra window adds to the weekly hours, a replacement stands in for them", () => {
    const result = slotsOf(context, "2026-03-03T00:00:00Z", "2026-03-06T00:00:00Z");
    expect(startsOf(result)).toEqual(["2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z", "2026-03-04T18:00:00Z", "2026-03-05T14:00:00Z"]);
    expect(result.explanation.sentences).toEqual([
      "Tuesday 3 March: the mentor has blocked this day.",
      "Thursday 5 March: the mentor has set other hours for this day.",
    ]);
  });

  it("a booking on a blocked day is refused naming the override", () => {
    expect(checkSlot({ ...context, slot: { start: "2026-03-03T09:00:00Z", end: "2026-03-03T10:00:00Z" } })).toEqual({
      code: "blocked-by-override",
      message: "Tuesday 3 March: the mentor has blocked this day.",
    });
  });

  it("a blocked day also cuts the previous evening's window at local midnight", () => {
    const late = pairContext({
      weekly: [{ weekday: 1, start: "22:00", end: "02:00" }],
      rules: { overrides: [{ date: "2026-03-03", kind: "blocked" }] },
    });
    expect(startsOf(slotsOf(late, "2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"))).toEqual([
      "2026-03-02T22:00:00Z",
      "2026-03-02T23:00:00Z",
    ]);
  });
});

describe("program blackout dates", () => {
  it("are whole days in the program's zone: Auckland's 25 December ends at 11:00 UTC", () => {
    const context = pairContext({
      mentorZone: "Europe/London",
      weekly: everyDay("10:00", "13:00"),
      blackoutDates: ["2026-12-25"],
      programTimeZone: "Pacific/Auckland",
    });
    const result = slotsOf(context, "2026-12-24T00:00:00Z", "2026-12-26T00:00:00Z");
    // Auckland is at +13:00: its 25 December runs from 24 December 11:00 UTC to 25 December 11:00 UTC.
    expect(startsOf(result)).toEqual(["2026-12-24T10:00:00Z", "2026-12-25T11:00:00Z", "2026-12-25T12:00:00Z"]);
    expect(result.explanation.sentences).toEqual(["Friday 25 December is a program blackout date."]);
    expect(assertSlotBookableError(context, "2026-12-25T10:00:00Z", "2026-12-25T11:00:00Z")).toEqual({
      code: "CONFLICT",
      message: "Friday 25 December is a program blackout date.",
    });
  });
});

function assertSlotBookableError(context: SchedulingContext, start: string, end: string): { code: string; message: string } | null {
  try {
    assertSlotBookable({ ...context, slot: { start, end } });
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe("why no slots", () => {
  it("takes each rule in order, and the counts add up to the candidates", () => {
    const context = pairContext({
      now: "2026-03-02T10:30:00Z",
      weekly: everyDay("09:00", "13:00"),
      menteeWindows: everyDay("09:00", "12:00"),
      rules: { maxPerDay: 1 },
      busy: [{ start: "2026-03-02T11:00:00Z", end: "2026-03-02T12:00:00Z", kind: "session" }],
      existingSessionsForCaps: [{ start: "2026-03-03T09:00:00Z" }],
    });
    const result = slotsOf(context, "2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z");
    expect(result.slots).toEqual([]);
    const counts = Object.fromEntries(result.explanation.rules.filter((r) => r.removed > 0).map((r) => [r.code, r.removed]));
    expect(counts).toEqual({
      "outside-mentor-availability": 40,
      "outside-mentee-availability": 2,
      "busy-session": 1,
      "minimum-notice": 2,
      "daily-cap": 3,
    });
    expect(result.explanation.candidates).toBe(48);
    expect(result.explanation.sentences).toEqual([
      "2 start times when the mentor is free are outside the mentee's availability.",
      "1 start time clashes with existing sessions.",
      "2 start times are too soon: the mentor's minimum notice is 0 hours.",
      "Tuesday 3 March: the mentor's daily limit of 1 session is reached.",
    ]);
  });

  it("says so when the two people's hours never meet", () => {
    const context = pairContext({ weekly: everyDay("09:00", "12:00"), menteeWindows: everyDay("18:00", "20:00") });
    expect(slotsOf(context, "2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z").explanation.sentences).toEqual([
      "The mentee's availability does not overlap the mentor's hours in this range.",
    ]);
  });

  it("refuses a booking outside either person's hours naming whose", () => {
    const context = pairContext({ weekly: everyDay("09:00", "12:00"), menteeWindows: everyDay("10:00", "20:00") });
    expect(checkSlot({ ...context, slot: { start: "2026-03-02T08:00:00Z", end: "2026-03-02T09:00:00Z" } })?.message).toBe(
      "This time is outside the mentor's availability.",
    );
    expect(checkSlot({ ...context, slot: { start: "2026-03-02T09:00:00Z", end: "2026-03-02T10:00:00Z" } })?.message).toBe(
      "This time is outside the mentee's availability.",
    );
  });
});

describe("input checks", () => {
  const context = pairContext();
  const fieldOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof AppError) return Object.keys(error.fieldErrors ?? {})[0];
      throw error;
    }
    return undefined;
  };

  it("name the field of the first problem", () => {
    expect(fieldOf(() => slotsOf(context, "2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z"))).toBe("range.end");
    expect(fieldOf(() => slotsOf(context, "2026-03-02T00:00:00", "2026-03-03T00:00:00Z"))).toBe("range.start");
    expect(fieldOf(() => slotsOf(context, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", 60, 45))).toBeUndefined();
    expect(fieldOf(() => slotsOf(context, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", 60, 7))).toBe("stepMinutes");
    expect(fieldOf(() => slotsOf(context, "2026-03-02T00:00:00Z", "2027-03-03T00:00:00Z"))).toBe("range.end");
    expect(fieldOf(() => slotsOf({ ...context, programTimeZone: "Mars/Base" }, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"))).toBe(
      "programTimeZone",
    );
    const badRules = pairContext({ rules: { bufferAfterMinutes: 300 } });
    expect(fieldOf(() => slotsOf(badRules, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"))).toBe("mentor.rules.bufferAfterMinutes");
    const badMentee = pairContext({ menteeWindows: [{ weekday: 1, start: "9:00", end: "10:00" }] });
    expect(fieldOf(() => slotsOf(badMentee, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"))).toBe("mentee.windows.0.start");
    const badBusy = pairContext({ busy: [{ start: "2026-03-02T10:00:00Z", end: "2026-03-02T09:00:00Z", kind: "session" }] });
    expect(fieldOf(() => slotsOf(badBusy, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"))).toBe("busy.0.end");
    expect(fieldOf(() => checkSlot({ ...context, slot: { start: "2026-03-02T10:00:00Z", end: "2026-03-02T10:00:00Z" } }))).toBe("slot.end");
  });

  it("a range too short for one session has no candidates and says so", () => {
    const result = computeSlots({
      ...context,
      range: { start: "2026-03-02T09:00:00Z", end: "2026-03-02T09:30:00Z" },
      sessionMinutes: 60,
      stepMinutes: 30,
    });
    expect(result.explanation).toMatchObject({ candidates: 0, sentences: ["The range is too short for a session."] });
  });
});
