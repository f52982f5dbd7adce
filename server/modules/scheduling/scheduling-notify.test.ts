/**
 * What people hear when a session is booked, confirmed, declined, moved or cancelled: the notifications, the .ics
 * on the email (parsed back with ical.js, as a calendar client would read it) and the reminder schedule.
 * The clock is fixed at Monday 2 March 2026, 08:00 UTC; sessions are on Thursday 5 March.
 */
import { and, eq, like, notLike } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { deliveries, notifications } from "../../../db/schema/notifications";
import { sessions } from "../../../db/schema/scheduling";
import { sessionUid } from "../../integrations/calendar/ics";
import { type SchedulingTestData, useSchedulingApp } from "../../test-support/scheduling-test-data";
import { errorOf, type TestApp } from "../../test-support/test-app";
import type { EmailPayload } from "../notification/outbox.service";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const THURSDAY_14 = "2026-03-05T14:00:00.000Z";
const MINUTE = 60_000;
/** The default reminder offsets (48 h, 24 h, 1 h, 15 min before). */
const OFFSETS = [48 * 60, 24 * 60, 60, 15];

let t: TestApp;
let data: SchedulingTestData;
useSchedulingApp(MONDAY, (app) => ({ t, data } = app));

const pair = (bookingConfirmation: "instant" | "mentor_confirms" = "instant") => data.berlinNewYorkPair(bookingConfirmation);
const notificationsOf = (userId: string, type: string) => data.notificationsOf(userId, type);

/** The .ics of the person's email of this type, parsed. */
async function inviteOf(userId: string, type: string) {
  const rows = await t.deps.db
    .select({ payload: deliveries.payload })
    .from(deliveries)
    .where(and(eq(deliveries.userId, userId), eq(deliveries.type, type), eq(deliveries.channel, "email")));
  expect(rows).toHaveLength(1);
  const payload = rows[0]!.payload as EmailPayload;
  const file = payload.attachments?.[0];
  expect(file).toBeDefined();
  const root = new ICAL.Component(ICAL.parse(file!.content));
  const events = root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  expect(events).toHaveLength(1);
  const event = events[0]!;
  return {
    contentType: file!.contentType,
    method: root.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    startIsUtc: event.startDate.zone?.tzid === "UTC",
    organizer: String(event.organizer),
    attendees: event.attendees.map((a) => String(a.getFirstValue())),
  };
}

/** The session's reminders still due (not cancelled): when each one is due, per person. */
async function liveReminders(sessionId: string) {
  return t.deps.db
    .select({ userId: notifications.userId, visibleAt: notifications.visibleAt })
    .from(notifications)
    .where(and(like(notifications.dedupeKey, `reminder:session:${sessionId}:%`), notLike(notifications.dedupeKey, "%:cancelled:%")));
}

const dueTimes = (start: string) => OFFSETS.map((m) => new Date(new Date(start).getTime() - m * MINUTE).toISOString()).sort();

function remindersOfUser(rows: Awaited<ReturnType<typeof liveReminders>>, userId: string) {
  return rows
    .filter((r) => r.userId === userId)
    .map((r) => r.visibleAt.toISOString())
    .sort();
}

describe("a confirmed booking", () => {
  it("sends both people session.confirmed with an .ics REQUEST in UTC and schedules the program's reminders", async () => {
    const w = await pair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    expect(s.status).toBe("confirmed");

    for (const person of [w.mentor, w.mentee]) {
      const [n] = await notificationsOf(person.id, "session.confirmed");
      expect(n).toBeDefined();
      const invite = await inviteOf(person.id, "session.confirmed");
      expect(invite.method).toBe("REQUEST");
      expect(invite.contentType).toContain("method=REQUEST");
      expect(invite.uid).toBe(sessionUid(s.id, t.deps.config.publicUrl));
      expect(invite.sequence).toBe(0);
      expect(invite.start).toBe(THURSDAY_10);
      expect(invite.startIsUtc).toBe(true);
      // The sending address organizes, so Gmail and Outlook offer Accept / Decline; both people attend.
      expect(invite.organizer.toLowerCase()).toBe("mailto:no-reply@mentoring.local");
      expect(invite.attendees.map((a) => a.toLowerCase()).sort()).toEqual(
        [`mailto:${w.mentor.email}`, `mailto:${w.mentee.email}`].map((a) => a.toLowerCase()).sort(),
      );
    }
    // Each person's "when" is in their own zone: 11:00 in Berlin, 05:00 in New York.
    const dataOf = async (userId: string) => (await notificationsOf(userId, "session.confirmed"))[0]!.data as Record<string, string>;
    expect(await dataOf(w.mentor.id)).toMatchObject({ partnerName: "Ned Mentee" });
    expect((await dataOf(w.mentor.id)).when).toContain("11:00");
    expect((await dataOf(w.mentee.id)).when).toContain("05:00");

    const reminders = await liveReminders(s.id);
    expect(remindersOfUser(reminders, w.mentor.id)).toEqual(dueTimes(THURSDAY_10));
    expect(remindersOfUser(reminders, w.mentee.id)).toEqual(dueTimes(THURSDAY_10));
  });

  it("a move sends both people the same UID at SEQUENCE + 1 (the mover too, by email only) and moves the reminders", async () => {
    const w = await pair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    const moved = await w.menteeClient.scheduling.reschedule.mutate({ sessionId: s.id, start: THURSDAY_14, reason: "A clash at work" });
    expect(moved.start.toISOString()).toBe(THURSDAY_14);
    expect(moved.status).toBe("confirmed");

    const [n] = await notificationsOf(w.mentor.id, "session.rescheduled");
    expect(n?.data).toMatchObject({ partnerName: "Ned Mentee", reason: "A clash at work" });
    expect(await notificationsOf(w.mentee.id, "session.rescheduled")).toHaveLength(0);
    const invite = await inviteOf(w.mentor.id, "session.rescheduled");
    // The mover's calendar app holds the old time until it gets the update too.
    const moverInvite = await inviteOf(w.mentee.id, "session.moved_by_you");
    for (const i of [invite, moverInvite]) {
      expect(i.method).toBe("REQUEST");
      expect(i.uid).toBe(sessionUid(s.id, t.deps.config.publicUrl));
      expect(i.sequence).toBe(1);
      expect(i.start).toBe(THURSDAY_14);
    }
    const [toMover] = await notificationsOf(w.mentee.id, "session.moved_by_you");
    expect(toMover?.inApp).toBe(false);
    expect(toMover?.data).toMatchObject({ partnerName: "Mia Mentor", reason: "A clash at work" });
    expect(await notificationsOf(w.mentor.id, "session.moved_by_you")).toHaveLength(0);

    const reminders = await liveReminders(s.id);
    expect(remindersOfUser(reminders, w.mentor.id)).toEqual(dueTimes(THURSDAY_14));
    expect(remindersOfUser(reminders, w.mentee.id)).toEqual(dueTimes(THURSDAY_14));
  });

  it("a second move, by the other person, reaches both calendars at SEQUENCE 2 with the same UID", async () => {
    const w = await pair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    await w.menteeClient.scheduling.reschedule.mutate({ sessionId: s.id, start: THURSDAY_14, reason: "First" });
    await w.mentorClient.scheduling.reschedule.mutate({ sessionId: s.id, start: "2026-03-05T15:00:00Z", reason: "Second" });
    const toMentee = await inviteOf(w.mentee.id, "session.rescheduled");
    const toMentor = await inviteOf(w.mentor.id, "session.moved_by_you");
    for (const i of [toMentee, toMentor]) {
      expect(i.uid).toBe(sessionUid(s.id, t.deps.config.publicUrl));
      expect(i.sequence).toBe(2);
      expect(i.start).toBe("2026-03-05T15:00:00.000Z");
    }
  });

  it("a move of a requested session sends no invite to anyone, and nothing to the mover", async () => {
    const w = await pair("mentor_confirms");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    await w.menteeClient.scheduling.reschedule.mutate({ sessionId: s.id, start: THURSDAY_14, reason: "Later" });
    expect(await notificationsOf(w.mentee.id, "session.moved_by_you")).toHaveLength(0);
    const rows = await t.deps.db
      .select({ payload: deliveries.payload })
      .from(deliveries)
      .where(and(eq(deliveries.userId, w.mentor.id), eq(deliveries.type, "session.rescheduled")));
    expect(rows).toHaveLength(1);
    expect((rows[0]!.payload as EmailPayload).attachments ?? []).toHaveLength(0);
  });

  it("a move keeps the booking rules, but the session's own time is not busy", async () => {
    const w = await pair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    // Half an hour later overlaps only the session itself.
    const moved = await w.mentorClient.scheduling.reschedule.mutate({ sessionId: s.id, start: "2026-03-05T10:30:00Z", reason: "Later" });
    expect(moved.start.toISOString()).toBe("2026-03-05T10:30:00.000Z");
    // Outside the mentor's hours is refused as booking would be.
    const err = await errorOf(
      w.menteeClient.scheduling.reschedule.mutate({ sessionId: s.id, start: "2026-03-05T20:00:00Z", reason: "Evening" }),
    );
    expect(err.appCode).toBe("CONFLICT");
  });

  it("a cancel sends METHOD:CANCEL with the same UID and leaves no reminders", async () => {
    const w = await pair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    await w.mentorClient.scheduling.cancel.mutate({ sessionId: s.id, reason: "I am ill" });

    const [n] = await notificationsOf(w.mentee.id, "session.cancelled");
    expect(n?.data).toMatchObject({ partnerName: "Mia Mentor", reason: "I am ill" });
    const invite = await inviteOf(w.mentee.id, "session.cancelled");
    expect(invite.method).toBe("CANCEL");
    expect(invite.contentType).toContain("method=CANCEL");
    expect(invite.uid).toBe(sessionUid(s.id, t.deps.config.publicUrl));
    expect(invite.sequence).toBe(1);
    expect(await liveReminders(s.id)).toHaveLength(0);
  });
});

describe("a requested session", () => {
  it("tells the mentor, who confirms it: then both get the invite and reminders", async () => {
    const w = await pair("mentor_confirms");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    expect(s.status).toBe("requested");
    expect(await notificationsOf(w.mentor.id, "session.requested")).toHaveLength(1);
    expect(await notificationsOf(w.mentee.id, "session.confirmed")).toHaveLength(0);
    expect(await liveReminders(s.id)).toHaveLength(0);

    // The mentee cannot confirm their own request; someone outside the pair does not see it.
    expect((await errorOf(w.menteeClient.scheduling.confirm.mutate({ sessionId: s.id }))).appCode).toBe("FORBIDDEN");
    const stranger = await data.clientFor((await data.mentor(w.p.id)).id);
    expect((await errorOf(stranger.scheduling.confirm.mutate({ sessionId: s.id }))).appCode).toBe("NOT_FOUND");

    const confirmed = await w.mentorClient.scheduling.confirm.mutate({ sessionId: s.id });
    expect(confirmed.status).toBe("confirmed");
    for (const person of [w.mentor, w.mentee]) {
      const invite = await inviteOf(person.id, "session.confirmed");
      expect(invite.method).toBe("REQUEST");
      expect(invite.start).toBe(THURSDAY_10);
    }
    expect(remindersOfUser(await liveReminders(s.id), w.mentee.id)).toEqual(dueTimes(THURSDAY_10));

    // Confirmed once; a second answer is a conflict.
    expect((await errorOf(w.mentorClient.scheduling.confirm.mutate({ sessionId: s.id }))).appCode).toBe("CONFLICT");
    expect((await errorOf(w.mentorClient.scheduling.decline.mutate({ sessionId: s.id, reason: "No" }))).appCode).toBe("CONFLICT");
  });

  it("a decline tells the mentee why and frees the time", async () => {
    const w = await pair("mentor_confirms");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    expect((await errorOf(w.menteeClient.scheduling.decline.mutate({ sessionId: s.id, reason: "No" }))).appCode).toBe("FORBIDDEN");
    const declined = await w.mentorClient.scheduling.decline.mutate({ sessionId: s.id, reason: "I travel that day" });
    expect(declined.status).toBe("cancelled");
    expect(declined.cancelReason).toBe("I travel that day");
    const [n] = await notificationsOf(w.mentee.id, "session.declined");
    expect(n?.data).toMatchObject({ partnerName: "Mia Mentor", reason: "I travel that day" });
    const [row] = await t.deps.db.select({ sequence: sessions.sequence }).from(sessions).where(eq(sessions.id, s.id));
    expect(row?.sequence).toBe(1);
    // The same time can be booked again.
    const again = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    expect(again.status).toBe("requested");
  });

  it("only the pair moves a session, and a cancelled one no longer moves", async () => {
    const w = await pair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    const stranger = await data.clientFor((await data.mentee(w.p.id)).id);
    expect((await errorOf(stranger.scheduling.reschedule.mutate({ sessionId: s.id, start: THURSDAY_14, reason: "x" }))).appCode).toBe(
      "NOT_FOUND",
    );
    await w.menteeClient.scheduling.cancel.mutate({ sessionId: s.id, reason: "Changed my mind" });
    expect((await errorOf(w.mentorClient.scheduling.reschedule.mutate({ sessionId: s.id, start: THURSDAY_14, reason: "x" }))).appCode).toBe(
      "CONFLICT",
    );
  });
});
