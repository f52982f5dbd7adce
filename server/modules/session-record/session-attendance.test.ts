/**
 * Check-in, attendance, no-show strikes and completion through the real app, with the clock moved around a
 * session on Thursday 5 March 2026, 10:00-11:00 UTC (booked on Monday 2 March, 08:00 UTC).
 */
import { and, eq, gt, like, notLike } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devMessages, notifications } from "../../../db/schema/notifications";
import { programs } from "../../../db/schema/programs";
import { domainEvents, sessionParticipants } from "../../../db/schema/scheduling";
import { createTestClock } from "../../clock";
import { silentLogger } from "../../logger";
import { sessionRecordTestData } from "../../test-support/session-record-test-data";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";
import { defaultReminderOffsets } from "../notification/reminder.service";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";

let t: TestApp;
let data: ReturnType<typeof sessionRecordTestData>;
beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock(MONDAY) });
  data = sessionRecordTestData(t);
});
afterAll(async () => {
  await t?.close();
});

type Pair = Awaited<ReturnType<typeof data.pair>>;

async function book(w: Pair, start: string) {
  t.clock.set(MONDAY);
  return (await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start })).id;
}

/** The session's reminders (one per person) not cancelled and due after `at`. */
async function pendingReminders(sessionId: string, at: string) {
  return t.deps.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        like(notifications.dedupeKey, `reminder:session:${sessionId}:%`),
        notLike(notifications.dedupeKey, "%:cancelled:%"),
        gt(notifications.visibleAt, new Date(at)),
      ),
    );
}

async function alertsTo(userId: string) {
  return t.deps.db
    .select({ data: notifications.data, link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, "session.no_show_alert")));
}

describe("check-in", () => {
  it("opens 10 minutes before the start, says when before that, and closes at the end", async () => {
    const w = await data.pair();
    const sessionId = await book(w, THURSDAY_10);

    t.clock.set("2026-03-05T09:49:00Z");
    const early = await errorOf(w.menteeClient.sessionRecord.checkIn.mutate({ sessionId }));
    expect(early.appCode).toBe("CONFLICT");
    // In the mentee's own zone (New York): 09:50 UTC is 04:50.
    expect(early.message).toContain("Check-in opens at");
    expect(early.message).toContain("04:50");

    t.clock.set("2026-03-05T09:50:00Z");
    const checked = await w.menteeClient.sessionRecord.checkIn.mutate({ sessionId });
    expect(checked.checkedInAt.toISOString()).toBe("2026-03-05T09:50:00.000Z");
    t.clock.set("2026-03-05T09:55:00Z");
    // Again: the first time stays.
    expect((await w.menteeClient.sessionRecord.checkIn.mutate({ sessionId })).checkedInAt.toISOString()).toBe("2026-03-05T09:50:00.000Z");
    const view = await w.mentorClient.sessionRecord.get.query({ sessionId });
    expect(view.participants.find((p) => p.id === w.mentee.id)?.checkedInAt?.toISOString()).toBe("2026-03-05T09:50:00.000Z");
    expect(view.participants.find((p) => p.id === w.mentor.id)?.checkedInAt).toBeNull();
    expect(view.checkIn.opensAt.toISOString()).toBe("2026-03-05T09:50:00.000Z");

    expect((await errorOf(w.coordinatorClient.sessionRecord.checkIn.mutate({ sessionId }))).appCode).toBe("FORBIDDEN");
    t.clock.set("2026-03-05T11:00:00Z");
    const late = await errorOf(w.mentorClient.sessionRecord.checkIn.mutate({ sessionId }));
    expect(late.appCode).toBe("CONFLICT");
    expect(late.message).toContain("over");
  });
});

describe("attendance and strikes", () => {
  it("is marked after the start: the mentor marks the mentee, the mentee can only call the mentor a no-show", async () => {
    const w = await data.pair();
    const sessionId = await book(w, THURSDAY_10);
    t.clock.set("2026-03-05T09:55:00Z");
    const early = await errorOf(
      w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentee.id, attendance: "attended" }),
    );
    expect(early.appCode).toBe("CONFLICT");

    t.clock.set("2026-03-05T10:20:00Z");
    await w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentee.id, attendance: "attended" });
    expect(
      (await errorOf(w.menteeClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentor.id, attendance: "attended" })))
        .appCode,
    ).toBe("FORBIDDEN");
    expect(
      (await errorOf(w.menteeClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentee.id, attendance: "attended" })))
        .appCode,
    ).toBe("FORBIDDEN");
    const marked = await w.menteeClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentor.id, attendance: "no_show" });
    expect(marked.strikes).toBe(1);
    const view = await w.coordinatorClient.sessionRecord.get.query({ sessionId });
    expect(Object.fromEntries(view.participants.map((p) => [p.name, p.attendance]))).toEqual({
      "Mia Mentor": "no_show",
      "Ned Mentee": "attended",
    });
    const outsider = await data.outsider();
    expect(
      (await errorOf(outsider.client.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentor.id, attendance: "attended" })))
        .appCode,
    ).toBe("NOT_FOUND");
  });

  it("a second no-show in the program alerts its coordinators once, by email too; a third does not; clearing one lowers the count", async () => {
    const w = await data.pair({ noShowThreshold: 2 });
    const first = await book(w, THURSDAY_10);
    const second = await book(w, "2026-03-06T10:00:00.000Z");
    const third = await book(w, "2026-03-07T10:00:00.000Z");
    t.clock.set("2026-03-08T09:00:00Z");

    expect(
      (await w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId: first, userId: w.mentee.id, attendance: "no_show" })).strikes,
    ).toBe(1);
    expect(await alertsTo(w.coordinator.id)).toHaveLength(0);
    // Staff may mark anyone.
    expect(
      (await w.coordinatorClient.sessionRecord.markAttendance.mutate({ sessionId: second, userId: w.mentee.id, attendance: "no_show" }))
        .strikes,
    ).toBe(2);
    const [alert] = await alertsTo(w.coordinator.id);
    expect(alert?.data).toMatchObject({ personName: "Ned Mentee", strikes: "2" });
    expect(alert?.link).toBe(`/sessions/${second}`);
    expect(await alertsTo(w.mentor.id)).toHaveLength(0);

    await createDeliveryWorker({
      db: t.deps.db,
      clock: t.clock,
      mailer: t.deps.mailer,
      logger: silentLogger,
      realtime: t.deps.realtime,
    }).drain();
    const mail = await t.deps.db.select().from(devMessages).where(eq(devMessages.to, w.coordinator.email));
    expect(mail.map((m) => m.subject)).toContain(`Ned Mentee missed 2 sessions in ${w.program.name}`);

    expect(
      (await w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId: third, userId: w.mentee.id, attendance: "no_show" })).strikes,
    ).toBe(3);
    expect(await alertsTo(w.coordinator.id)).toHaveLength(1);

    // Cleared marks lower the count; crossing the threshold again is a new alert.
    expect(
      (await w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId: third, userId: w.mentee.id, attendance: null })).strikes,
    ).toBe(2);
    expect(
      (await w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId: first, userId: w.mentee.id, attendance: "attended" })).strikes,
    ).toBe(1);
    expect(await alertsTo(w.coordinator.id)).toHaveLength(1);
    expect(
      (await w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId: third, userId: w.mentee.id, attendance: "no_show" })).strikes,
    ).toBe(2);
    expect(await alertsTo(w.coordinator.id)).toHaveLength(2);
  });

  it("two no-shows marked at the same moment cross the threshold once: exactly one alert", async () => {
    const w = await data.pair({ noShowThreshold: 2 });
    const first = await book(w, THURSDAY_10);
    const second = await book(w, "2026-03-06T10:00:00.000Z");
    t.clock.set("2026-03-08T09:00:00Z");
    const results = await Promise.all(
      [first, second].map((sessionId) =>
        w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentee.id, attendance: "no_show" }),
      ),
    );
    expect(results.map((r) => r.strikes).sort()).toEqual([1, 2]);
    expect(await alertsTo(w.coordinator.id)).toHaveLength(1);
  });
});

describe("completion", () => {
  it("after the start: marks who checked in as attended, cancels pending reminders and records session.completed", async () => {
    const w = await data.pair();
    // A follow-up half an hour after the start is the one kind of reminder still pending once a session started.
    await t.deps.db
      .update(programs)
      .set({ reminderOffsets: [...defaultReminderOffsets, { minutesBefore: -30, channels: ["email", "in_app"] }] })
      .where(eq(programs.id, w.program.id));
    const sessionId = await book(w, THURSDAY_10);
    expect(await pendingReminders(sessionId, "2026-03-05T10:05:00Z")).toHaveLength(2);

    t.clock.set("2026-03-05T09:52:00Z");
    await w.mentorClient.sessionRecord.checkIn.mutate({ sessionId });
    expect((await errorOf(w.mentorClient.sessionRecord.complete.mutate({ sessionId }))).appCode).toBe("CONFLICT");
    expect((await w.mentorClient.sessionRecord.get.query({ sessionId })).viewer.canComplete).toBe(false);

    t.clock.set("2026-03-05T10:05:00Z");
    expect((await w.menteeClient.sessionRecord.get.query({ sessionId })).viewer.canComplete).toBe(true);
    const outsider = await data.outsider();
    expect((await errorOf(outsider.client.sessionRecord.complete.mutate({ sessionId }))).appCode).toBe("NOT_FOUND");
    const done = await w.menteeClient.sessionRecord.complete.mutate({ sessionId });
    expect(done).toEqual({ status: "completed", completedAt: new Date("2026-03-05T10:05:00Z") });

    expect(await pendingReminders(sessionId, "2026-03-05T10:05:00Z")).toHaveLength(0);
    const view = await w.coordinatorClient.sessionRecord.get.query({ sessionId });
    expect(view.status).toBe("completed");
    expect(view.completedBy?.name).toBe("Ned Mentee");
    expect(Object.fromEntries(view.participants.map((p) => [p.name, p.attendance]))).toEqual({
      "Mia Mentor": "attended",
      "Ned Mentee": null,
    });
    const rows = await t.deps.db
      .select({ active: sessionParticipants.active })
      .from(sessionParticipants)
      .where(eq(sessionParticipants.sessionId, sessionId));
    expect(rows.every((r) => !r.active)).toBe(true);

    const events = await t.deps.db.select().from(domainEvents).where(eq(domainEvents.type, "session.completed"));
    const event = events.find((e) => e.payload.sessionId === sessionId);
    expect(event?.payload).toEqual({
      sessionId,
      matchId: w.matchId,
      programId: w.program.id,
      kind: "one_to_one",
      completedAt: "2026-03-05T10:05:00.000Z",
      participants: expect.arrayContaining([
        { userId: w.mentor.id, role: "mentor", attendance: "attended" },
        { userId: w.mentee.id, role: "mentee", attendance: null },
      ]),
    });
    expect((await errorOf(w.mentorClient.sessionRecord.complete.mutate({ sessionId }))).appCode).toBe("CONFLICT");
    // Notes can still be written after the session.
    await w.mentorClient.sessionRecord.saveSharedNotes.mutate({ sessionId, sharedNotes: "Went well", updatedAt: view.updatedAt });
  });

  it("a one-to-one session whose other party was a no-show ends as no_show; staff may complete it", async () => {
    const w = await data.pair();
    const sessionId = await book(w, THURSDAY_10);
    t.clock.set("2026-03-05T10:30:00Z");
    await w.menteeClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentor.id, attendance: "no_show" });
    const done = await w.coordinatorClient.sessionRecord.complete.mutate({ sessionId });
    expect(done.status).toBe("no_show");
    const [event] = (await t.deps.db.select().from(domainEvents).where(eq(domainEvents.type, "session.completed"))).filter(
      (e) => e.payload.sessionId === sessionId,
    );
    expect(event?.payload.participants).toEqual(expect.arrayContaining([{ userId: w.mentor.id, role: "mentor", attendance: "no_show" }]));
  });

  it("a cancelled session is neither checked into nor completed", async () => {
    const w = await data.pair();
    const sessionId = await book(w, THURSDAY_10);
    await w.mentorClient.scheduling.cancel.mutate({ sessionId, reason: "Ill" });
    t.clock.set("2026-03-05T10:10:00Z");
    expect((await errorOf(w.menteeClient.sessionRecord.checkIn.mutate({ sessionId }))).appCode).toBe("CONFLICT");
    expect((await errorOf(w.menteeClient.sessionRecord.complete.mutate({ sessionId }))).appCode).toBe("CONFLICT");
    expect(
      (await errorOf(w.mentorClient.sessionRecord.markAttendance.mutate({ sessionId, userId: w.mentee.id, attendance: "no_show" })))
        .appCode,
    ).toBe("CONFLICT");
    expect(
      await t.deps.db
        .select()
        .from(domainEvents)
        .where(eq(domainEvents.type, "session.completed"))
        .then((r) => r.filter((e) => e.payload.sessionId === sessionId)),
    ).toEqual([]);
  });
});
