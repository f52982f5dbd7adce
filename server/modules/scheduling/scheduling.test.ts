/**
 * Scheduling through the real app: availability, slots for a pair across time zones, booking rules, the
 * database's overlap constraint and cancelling. The clock is fixed at Monday 2 March 2026, 08:00 UTC.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgErrorCode } from "../../../db/client";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { auditLog } from "../../../db/schema/users";
import { createTestClock } from "../../clock";
import { enrol, makeUser } from "../../test-support/factories";
import { schedulingTestData } from "../../test-support/scheduling-test-data";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";

const MONDAY = "2026-03-02T08:00:00Z";
let t: TestApp;
let data: ReturnType<typeof schedulingTestData>;
beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock(MONDAY) });
  data = schedulingTestData(t);
});
afterAll(async () => {
  await t?.close();
});

const tuesday = { from: "2026-03-03T00:00:00Z", to: "2026-03-04T00:00:00Z" };
const wednesday = { from: "2026-03-04T00:00:00Z", to: "2026-03-05T00:00:00Z" };

/** A Berlin mentor free on Tuesdays 09:00-12:00 and a New York mentee free on Tuesdays 03:00-05:00 (09:00-11:00 in Berlin). */
async function transatlanticPair(programSettings: Parameters<typeof data.program>[0] = {}) {
  const p = await data.program(programSettings);
  const mentor = await data.mentor(p.id, {
    name: "Mia Mentor",
    timezone: "Europe/Berlin",
    rules: { weekly: [{ weekday: 2, start: "09:00", end: "12:00" }] },
  });
  const mentee = await data.mentee(p.id, {
    name: "Ned Mentee",
    timezone: "America/New_York",
    windows: [{ weekday: 2, start: "03:00", end: "05:00" }],
  });
  const matchId = await data.match(p.id, mentor.id, mentee.id);
  return { p, mentor, mentee, matchId, mentorClient: await data.clientFor(mentor.id), menteeClient: await data.clientFor(mentee.id) };
}

/** A UTC mentor free on Tuesdays 08:00-17:00 with extra rules, and a mentee whose intake does not restrict. */
async function openPair(rules: NonNullable<Parameters<typeof data.mentor>[1]>["rules"] = {}) {
  const p = await data.program();
  const mentor = await data.mentor(p.id, { rules: { weekly: [{ weekday: 2, start: "08:00", end: "17:00" }], ...rules } });
  const mentee = await data.mentee(p.id);
  const matchId = await data.match(p.id, mentor.id, mentee.id);
  return { p, mentor, mentee, matchId, menteeClient: await data.clientFor(mentee.id) };
}

describe("availability", () => {
  const valid = {
    weekly: [
      { weekday: 1, start: "09:00", end: "12:00" },
      { weekday: 1, start: "14:00", end: "17:00" },
    ],
    overrides: [{ date: "2026-03-10", kind: "blocked" as const }],
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 10,
    minimumNotice: { kind: "next-day" as const },
    maxPerDay: 2,
    maxPerWeek: 6,
  };

  it("a mentor saves several windows a day with buffers, notice and caps, and reads them back in their own zone", async () => {
    const p = await data.program();
    const mentor = await data.mentor(p.id, { timezone: "Asia/Kolkata" });
    const client = await data.clientFor(mentor.id);
    await client.scheduling.saveAvailability.mutate(valid);
    const saved = await client.scheduling.myAvailability.query();
    expect(saved).toMatchObject({ ...valid, timeZone: "Asia/Kolkata" });
  });

  it("a wrong value is refused on the field it belongs to", async () => {
    const p = await data.program();
    const client = await data.clientFor((await data.mentor(p.id)).id);
    const badClock = await errorOf(
      client.scheduling.saveAvailability.mutate({ ...valid, weekly: [{ weekday: 1, start: "25:00", end: "26:00" }] }),
    );
    expect(badClock.appCode).toBe("VALIDATION");
    expect(Object.keys(badClock.fieldErrors)).toEqual(["weekly.0.start"]);
    const badBuffer = await errorOf(client.scheduling.saveAvailability.mutate({ ...valid, bufferAfterMinutes: 600 }));
    expect(Object.keys(badBuffer.fieldErrors)).toEqual(["bufferAfterMinutes"]);
    const badDate = await errorOf(
      client.scheduling.saveAvailability.mutate({ ...valid, overrides: [{ date: "2026-02-30", kind: "blocked" }] }),
    );
    expect(Object.keys(badDate.fieldErrors)).toEqual(["overrides.0.date"]);
  });

  it("someone who mentors nowhere has no booking rules to set", async () => {
    const p = await data.program();
    const client = await data.clientFor((await data.mentee(p.id)).id);
    expect((await errorOf(client.scheduling.saveAvailability.mutate(valid))).appCode).toBe("FORBIDDEN");
  });
});

describe("slots for a pair", () => {
  it("each person sees the shared free time in their own zone with the other's local time beside it", async () => {
    const { matchId, menteeClient, mentorClient } = await transatlanticPair();

    const forMentee = await menteeClient.scheduling.slots.query({ matchId, ...tuesday });
    expect(forMentee.slots.map((s) => s.start)).toEqual([
      "2026-03-03T08:00:00.000Z",
      "2026-03-03T08:30:00.000Z",
      "2026-03-03T09:00:00.000Z",
    ]);
    expect(forMentee.slots[0]).toMatchObject({
      viewerLocal: "Tue 3 Mar, 03:00-04:00",
      otherLocal: "Tue 3 Mar, 09:00-10:00 (Europe/Berlin)",
    });

    const forMentor = await mentorClient.scheduling.slots.query({ matchId, ...tuesday });
    expect(forMentor.slots[0]).toMatchObject({
      viewerLocal: "Tue 3 Mar, 09:00-10:00",
      otherLocal: "Tue 3 Mar, 03:00-04:00 (America/New_York)",
    });
    expect(forMentor.whyNone).toEqual([]);
  });

  it("a booked session and its overlapping times are no longer offered", async () => {
    const { matchId, menteeClient, mentorClient } = await transatlanticPair();
    await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T08:00:00Z" });
    const after = await mentorClient.scheduling.slots.query({ matchId, ...tuesday });
    expect(after.slots.map((s) => s.viewerLocal)).toEqual(["Tue 3 Mar, 10:00-11:00"]);
  });

  it("a day without shared time is explained instead of left empty", async () => {
    const { matchId, menteeClient } = await transatlanticPair();
    const empty = await menteeClient.scheduling.slots.query({ matchId, ...wednesday });
    expect(empty.slots).toEqual([]);
    expect(empty.whyNone).toEqual(["The mentor has no available hours in this range."]);
  });

  it("a program blackout date removes the day and says so", async () => {
    const { matchId, menteeClient } = await transatlanticPair({ blackoutDates: ["2026-03-03"] });
    const closed = await menteeClient.scheduling.slots.query({ matchId, ...tuesday });
    expect(closed.slots).toEqual([]);
    expect(closed.whyNone.join(" ")).toMatch(/blackout/);
  });

  it("people outside the match are told it does not exist", async () => {
    const { matchId } = await transatlanticPair();
    const other = await data.program();
    const stranger = await data.clientFor((await data.mentee(other.id)).id);
    expect((await errorOf(stranger.scheduling.slots.query({ matchId, ...tuesday }))).appCode).toBe("NOT_FOUND");
  });
});

describe("booking", () => {
  it("a mentee books a shared slot and both people see the confirmed session", async () => {
    const { matchId, menteeClient, mentorClient, mentor, mentee } = await transatlanticPair();
    const booked = await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T09:00:00Z" });
    expect(booked).toMatchObject({
      status: "confirmed",
      role: "mentee",
      other: { id: mentor.id, name: "Mia Mentor", timeZone: "Europe/Berlin" },
    });
    const mentorList = await mentorClient.scheduling.mySessions.query({ from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z" });
    expect(mentorList).toHaveLength(1);
    expect(mentorList[0]).toMatchObject({ id: booked.id, status: "confirmed", role: "mentor", other: { id: mentee.id } });
    expect(mentorList[0]?.end.toISOString()).toBe("2026-03-03T10:00:00.000Z");
  });

  it("in a program where mentors confirm, a mentee's booking waits as requested", async () => {
    const { matchId, menteeClient } = await transatlanticPair({ bookingConfirmation: "mentor_confirms" });
    expect((await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T08:00:00Z" })).status).toBe("requested");
  });

  it("a time outside the mentor's availability is refused naming the rule", async () => {
    const { matchId, menteeClient } = await transatlanticPair();
    const refused = await errorOf(menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-04T09:00:00Z" }));
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "This time is outside the mentor's availability." });
  });

  it("a time outside the mentee's intake windows is refused naming the rule", async () => {
    const { matchId, menteeClient } = await transatlanticPair();
    const refused = await errorOf(menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T10:00:00Z" }));
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "This time is outside the mentee's availability." });
  });

  it("a time inside the mentor's minimum notice is refused naming the rule", async () => {
    const { matchId, menteeClient } = await openPair({ minimumNotice: { kind: "hours", hours: 48 } });
    const refused = await errorOf(menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T09:00:00Z" }));
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "This time is too soon: the mentor's minimum notice is 48 hours." });
  });

  it("a booking over the mentor's daily cap is refused naming the rule", async () => {
    const { matchId, menteeClient } = await openPair({ maxPerDay: 1 });
    await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T09:00:00Z" });
    const refused = await errorOf(menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T13:00:00Z" }));
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "Tuesday 3 March: the mentor's daily limit of 1 session is reached." });
  });

  it("a time overlapping the mentor's session with another mentee is refused", async () => {
    const { p, mentor, matchId, menteeClient } = await openPair();
    const second = await data.mentee(p.id, { name: "Second" });
    const secondMatch = await data.match(p.id, mentor.id, second.id);
    await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T09:00:00Z" });
    const refused = await errorOf(
      (await data.clientFor(second.id)).scheduling.book.mutate({ matchId: secondMatch, start: "2026-03-03T09:30:00Z" }),
    );
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "This time overlaps another session." });
  });

  it("only the pair books: staff may look at slots but not book for them", async () => {
    const { p, matchId } = await transatlanticPair();
    const coordinator = await makeUser(t.deps.db);
    await enrol(t.deps.db, p.id, coordinator.id, "coordinator");
    const staff = await data.clientFor(coordinator.id);
    expect((await staff.scheduling.slots.query({ matchId, ...tuesday })).slots).toHaveLength(3);
    expect((await errorOf(staff.scheduling.book.mutate({ matchId, start: "2026-03-03T08:00:00Z" }))).appCode).toBe("FORBIDDEN");
  });
});

describe("the overlap constraint in the database", () => {
  async function insertSession(matchId: string, programId: string, userId: string, start: string, end: string) {
    const [s] = await t.deps.db
      .insert(sessions)
      .values({ matchId, programId, start: new Date(start), end: new Date(end), status: "confirmed" })
      .returning({ id: sessions.id });
    await t.deps.db
      .insert(sessionParticipants)
      .values({ sessionId: s!.id, userId, role: "mentor", during: sql`tstzrange(${start}::timestamptz, ${end}::timestamptz, '[)')` });
    return s!.id;
  }

  it("refuses a direct insert of an overlapping live session for the same person, and allows back-to-back ones", async () => {
    const { p, mentor, matchId } = await openPair();
    await insertSession(matchId, p.id, mentor.id, "2026-04-01T10:00:00Z", "2026-04-01T11:00:00Z");
    let code: string | undefined;
    try {
      await insertSession(matchId, p.id, mentor.id, "2026-04-01T10:30:00Z", "2026-04-01T11:30:00Z");
    } catch (err) {
      code = pgErrorCode(err);
    }
    expect(code).toBe("23P01");
    await expect(insertSession(matchId, p.id, mentor.id, "2026-04-01T11:00:00Z", "2026-04-01T12:00:00Z")).resolves.toBeTypeOf("string");
  });

  it("ignores sessions that no longer hold the time", async () => {
    const { p, mentor, matchId } = await openPair();
    const first = await insertSession(matchId, p.id, mentor.id, "2026-04-02T10:00:00Z", "2026-04-02T11:00:00Z");
    await t.deps.db.update(sessionParticipants).set({ active: false }).where(eq(sessionParticipants.sessionId, first));
    await expect(insertSession(matchId, p.id, mentor.id, "2026-04-02T10:00:00Z", "2026-04-02T11:00:00Z")).resolves.toBeTypeOf("string");
  });
});

describe("cancelling", () => {
  it("a participant cancels with a reason, the time is offered again, and a cancellation inside the notice is recorded as late", async () => {
    const { matchId, menteeClient, mentorClient } = await transatlanticPair({ cancelNoticeHours: 24 });
    const booked = await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T08:00:00Z" });
    expect((await menteeClient.scheduling.slots.query({ matchId, ...tuesday })).slots.map((s) => s.start)).toEqual([
      "2026-03-03T09:00:00.000Z",
    ]);

    const noReason = await errorOf(mentorClient.scheduling.cancel.mutate({ sessionId: booked.id, reason: " " }));
    expect(Object.keys(noReason.fieldErrors)).toEqual(["reason"]);

    t.clock.set("2026-03-02T20:00:00Z"); // 12 hours before the start, inside the 24-hour notice
    try {
      const cancelled = await mentorClient.scheduling.cancel.mutate({ sessionId: booked.id, reason: "Sick today" });
      expect(cancelled).toMatchObject({ status: "cancelled", lateCancellation: true });
      const again = await menteeClient.scheduling.slots.query({ matchId, ...tuesday });
      expect(again.slots).toHaveLength(3);
      const [listed] = await menteeClient.scheduling.mySessions.query({ from: "2026-03-03T00:00:00Z", to: "2026-03-04T00:00:00Z" });
      expect(listed).toMatchObject({ status: "cancelled", cancelReason: "Sick today", lateCancellation: true });
      expect((await errorOf(menteeClient.scheduling.cancel.mutate({ sessionId: booked.id, reason: "Twice" }))).appCode).toBe("CONFLICT");
      const [logged] = await t.deps.db
        .select({ detail: auditLog.detail })
        .from(auditLog)
        .where(eq(auditLog.targetId, booked.id))
        .orderBy(sql`created_at desc`)
        .limit(1);
      expect(logged?.detail).toBe("late");
    } finally {
      t.clock.set(MONDAY);
    }
  });

  it("a cancellation well ahead is not late", async () => {
    const { matchId, menteeClient } = await transatlanticPair({ cancelNoticeHours: 4 });
    const booked = await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T08:00:00Z" });
    expect(await menteeClient.scheduling.cancel.mutate({ sessionId: booked.id, reason: "Clash at work" })).toMatchObject({
      lateCancellation: false,
    });
  });

  it("someone else's session cannot be cancelled", async () => {
    const { matchId, menteeClient } = await transatlanticPair();
    const booked = await menteeClient.scheduling.book.mutate({ matchId, start: "2026-03-03T08:00:00Z" });
    const other = await transatlanticPair();
    expect((await errorOf(other.menteeClient.scheduling.cancel.mutate({ sessionId: booked.id, reason: "Mine now" }))).appCode).toBe(
      "NOT_FOUND",
    );
  });
});
