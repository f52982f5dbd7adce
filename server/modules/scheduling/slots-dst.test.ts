import { describe, expect, it } from "vitest";
import { everyDay, pairContext, slotsOf, startsOf } from "../../test-support/slot-fixtures";
import { formatSlotForViewer } from "./slot-display";

describe("a 09:00-11:00 weekly window keeps its local hours across daylight-saving changes", () => {
  it("America/New_York, 8 March 2026: 09:00 EST is 14:00 UTC the day before, 09:00 EDT is 13:00 UTC on the day", () => {
    const mentor = pairContext({ mentorZone: "America/New_York", weekly: everyDay("09:00", "11:00") });
    expect(startsOf(slotsOf(mentor, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"))).toEqual([
      "2026-03-07T14:00:00Z",
      "2026-03-07T15:00:00Z",
      "2026-03-08T13:00:00Z",
      "2026-03-08T14:00:00Z",
      "2026-03-09T13:00:00Z",
      "2026-03-09T14:00:00Z",
    ]);
  });

  it("America/New_York, 1 November 2026: 09:00 EDT is 13:00 UTC, then 09:00 EST is 14:00 UTC", () => {
    const mentor = pairContext({ mentorZone: "America/New_York", weekly: everyDay("09:00", "11:00") });
    expect(startsOf(slotsOf(mentor, "2026-10-31T00:00:00Z", "2026-11-02T00:00:00Z"))).toEqual([
      "2026-10-31T13:00:00Z",
      "2026-10-31T14:00:00Z",
      "2026-11-01T14:00:00Z",
      "2026-11-01T15:00:00Z",
    ]);
  });

  it("Europe/Berlin, 29 March and 25 October 2026: 09:00 moves from 08:00 to 07:00 UTC and back", () => {
    const mentor = pairContext({ mentorZone: "Europe/Berlin", weekly: everyDay("09:00", "11:00") });
    expect(startsOf(slotsOf(mentor, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"))).toEqual([
      "2026-03-28T08:00:00Z",
      "2026-03-28T09:00:00Z",
      "2026-03-29T07:00:00Z",
      "2026-03-29T08:00:00Z",
    ]);
    expect(startsOf(slotsOf(mentor, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"))).toEqual([
      "2026-10-24T07:00:00Z",
      "2026-10-24T08:00:00Z",
      "2026-10-25T08:00:00Z",
      "2026-10-25T09:00:00Z",
    ]);
  });

  it("Australia/Lord_Howe, 5 April and 4 October 2026: the 30-minute change moves 09:00 by half an hour", () => {
    const mentor = pairContext({ mentorZone: "Australia/Lord_Howe", weekly: everyDay("09:00", "11:00") });
    // +11:00 until 02:00 on 5 April, +10:30 until 02:00 on 4 October, then +11:00 again.
    expect(startsOf(slotsOf(mentor, "2026-04-03T12:00:00Z", "2026-04-05T12:00:00Z"))).toEqual([
      "2026-04-03T22:00:00Z",
      "2026-04-03T23:00:00Z",
      "2026-04-04T22:30:00Z",
      "2026-04-04T23:30:00Z",
    ]);
    expect(startsOf(slotsOf(mentor, "2026-10-02T12:00:00Z", "2026-10-04T12:00:00Z"))).toEqual([
      "2026-10-02T22:30:00Z",
      "2026-10-02T23:30:00Z",
      "2026-10-03T22:00:00Z",
      "2026-10-03T23:00:00Z",
    ]);
  });
});

describe("the skipped and the repeated hour", () => {
  it("New York's skipped hour offers no start time: 01:00-04:00 on 8 March is two real hours, 02:00-03:00 is none", () => {
    const night = pairContext({ mentorZone: "America/New_York", weekly: [{ weekday: 0, start: "01:00", end: "04:00" }] });
    // 01:00 EST = 06:00Z, 01:30 EST = 06:30Z, 03:00 EDT = 07:00Z; 02:00 and 02:30 do not exist that night.
    expect(startsOf(slotsOf(night, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z", 60, 30))).toEqual([
      "2026-03-08T06:00:00Z",
      "2026-03-08T06:30:00Z",
      "2026-03-08T07:00:00Z",
    ]);
    const skipped = pairContext({ mentorZone: "America/New_York", weekly: [{ weekday: 0, start: "02:00", end: "03:00" }] });
    const none = slotsOf(skipped, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z", 30, 30);
    expect(none.slots).toEqual([]);
    expect(none.explanation.sentences).toEqual(["The mentor has no available hours in this range."]);
  });

  it("New York's repeated hour is offered twice: 01:00-02:00 on 1 November runs from 01:00 EDT to 02:00 EST", () => {
    const night = pairContext({ mentorZone: "America/New_York", weekly: [{ weekday: 0, start: "01:00", end: "02:00" }] });
    const result = slotsOf(night, "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z");
    expect(startsOf(result)).toEqual(["2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z"]);
    const shown = result.slots.map((slot) => formatSlotForViewer(slot, "America/New_York", "UTC").viewerLocal);
    expect(shown).toEqual(["Sun 1 Nov, 01:00 (UTC-04:00)-01:00 (UTC-05:00)", "Sun 1 Nov, 01:00 (UTC-05:00)-02:00"]);
  });

  it("Lord Howe skips 02:00-02:30 on 4 October and repeats 01:30-02:00 on 5 April", () => {
    const spring = pairContext({ mentorZone: "Australia/Lord_Howe", weekly: [{ weekday: 0, start: "01:30", end: "03:00" }] });
    // 01:30 +10:30 = 15:00Z; local 02:00 does not exist; 02:30 +11:00 = 15:30Z; 03:00 +11:00 = 16:00Z.
    expect(startsOf(slotsOf(spring, "2026-10-03T12:00:00Z", "2026-10-04T12:00:00Z", 30, 30))).toEqual([
      "2026-10-03T15:00:00Z",
      "2026-10-03T15:30:00Z",
    ]);
    const autumn = pairContext({ mentorZone: "Australia/Lord_Howe", weekly: [{ weekday: 0, start: "01:00", end: "02:00" }] });
    // 01:00 +11:00 = 14:00Z, 01:30 +11:00 = 14:30Z, 01:30 again at +10:30 = 15:00Z; 02:00 +10:30 = 15:30Z.
    const result = slotsOf(autumn, "2026-04-04T12:00:00Z", "2026-04-05T12:00:00Z", 30, 30);
    expect(startsOf(result)).toEqual(["2026-04-04T14:00:00Z", "2026-04-04T14:30:00Z", "2026-04-04T15:00:00Z"]);
    expect(formatSlotForViewer(result.slots[2]!, "Australia/Lord_Howe", "UTC").viewerLocal).toBe("Sun 5 Apr, 01:30 (UTC+10:30)-02:00");
  });
});

describe("a New York mentor and a Kolkata mentee (+05:30, no DST)", () => {
  const pair = pairContext({
    mentorZone: "America/New_York",
    weekly: [{ weekday: 1, start: "20:00", end: "23:00" }],
    menteeZone: "Asia/Kolkata",
    menteeWindows: [{ weekday: 2, start: "06:00", end: "10:00" }],
  });

  it("share Monday evening / Tuesday morning in full in winter and lose half an hour once New York springs forward", () => {
    // Winter: 20:00-23:00 EST = 01:00-04:00Z = 06:30-09:30 IST, inside 06:00-10:00 IST.
    expect(startsOf(slotsOf(pair, "2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z", 60, 30))).toEqual([
      "2026-03-03T01:00:00Z",
      "2026-03-03T01:30:00Z",
      "2026-03-03T02:00:00Z",
      "2026-03-03T02:30:00Z",
      "2026-03-03T03:00:00Z",
    ]);
    // After 8 March: 20:00-23:00 EDT = 00:00-03:00Z = 05:30-08:30 IST; the mentee starts at 06:00 IST = 00:30Z.
    const after = slotsOf(pair, "2026-03-09T00:00:00Z", "2026-03-11T00:00:00Z", 60, 30);
    expect(startsOf(after)).toEqual(["2026-03-10T00:30:00Z", "2026-03-10T01:00:00Z", "2026-03-10T01:30:00Z", "2026-03-10T02:00:00Z"]);
    expect(after.explanation.sentences).toEqual(["1 start time when the mentor is free is outside the mentee's availability."]);
  });

  it("shows each slot in the viewer's zone with the other party's local time beside it", () => {
    const slot = { start: "2026-03-03T01:00:00Z", end: "2026-03-03T02:00:00Z" };
    expect(formatSlotForViewer(slot, "America/New_York", "Asia/Kolkata")).toEqual({
      viewerLocal: "Mon 2 Mar, 20:00-21:00",
      otherLocal: "Tue 3 Mar, 06:30-07:30 (Asia/Kolkata)",
    });
    expect(formatSlotForViewer({ start: "2026-03-03T04:30:00Z", end: "2026-03-03T05:30:00Z" }, "America/New_York", "UTC")).toEqual({
      viewerLocal: "Mon 2 Mar, 23:30-Tue 3 Mar, 00:30",
      otherLocal: "Tue 3 Mar, 04:30-05:30 (UTC)",
    });
  });
});
