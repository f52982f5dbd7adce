/**
 * Office hours through the real app: hosting, seats (full, overlapping, leaving, racing), what attendees hear
 * (.ics parsed back with ical.js, reminders per person), moving and cancelling, and the one-to-one paths refusing
 * group sessions. The clock is fixed at Monday 2 March 2026, 08:00 UTC; sessions are on Thursday 5 March.
 * The seat race runs on separate connections at the same moment on PostgreSQL (TEST_DATABASE_URL).
 */
import { TRPCClientError } from "@trpc/client";
import { and, eq, like, notLike } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, notifications } from "../../../db/schema/notifications";
import { sessionParticipants } from "../../../db/schema/scheduling";
import { auditLog } from "../../../db/schema/users";
import { createTestClock } from "../../clock";
import { sessionUid } from "../../integrations/calendar/ics";
import { enrol, makeUser } from "../../test-support/factories";
import { schedulingTestData } from "../../test-support/scheduling-test-data";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";
import type { EmailPayload } from "../notification/outbox.service";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const THURSDAY_10_30 = "2026-03-05T10:30:00.000Z";
const THURSDAY_14 = "2026-03-05T14:00:00.000Z";
/** A one-to-one mentor bookable all Thursday (UTC). */
const THURSDAYS = { weekly: [{ weekday: 4, start: "08:00", end: "18:00" }] };
const WEEK = { from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z" };

let t: TestApp;
let data: ReturnType<typeof schedulingTestData>;
beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock(MONDAY) });
  data = schedulingTestData(t);
});
afterAll(async () => {
  await t?.close();
});

/** A program with a hosting mentor (Berlin) and `mentees` mentees, each with a signed-in client. */
async function world(mentees = 2) {
  const p = await data.program();
  const host = await data.mentor(p.id, { name: "Hana Host", timezone: "Europe/Berlin" });
  const people = [];
  for (let i = 0; i < mentees; i++) {
    const u = await data.mentee(p.id, { name: `Attendee ${i}`, timezone: "America/New_York" });
    people.push({ ...u, client: await data.clientFor(u.id) });
  }
  return { p, host, hostClient: await data.clientFor(host.id), people };
}

async function hostAt(w: Awaited<ReturnType<typeof world>>, start = THURSDAY_10, capacity = 3) {
  const { created } = await w.hostClient.officeHours.host.mutate({
    programId: w.p.id,
    title: "CV reviews",
    start,
    capacity,
    description: "Bring your CV",
  });
  return created[0]!;
}

/** The .ics files emailed to the person for this notification type, parsed as a calendar client would. */
async function invitesOf(userId: string, type: string) {
  const rows = await t.deps.db
    .select({ payload: deliveries.payload })
    .from(deliveries)
    .where(and(eq(deliveries.userId, userId), eq(deliveries.type, type), eq(deliveries.channel, "email")));
  return rows.map((r) => {
    const file = (r.payload as EmailPayload).attachments?.[0];
    if (!file) throw new Error("no .ics attached");
    const root = new ICAL.Component(ICAL.parse(file.content));
    const event = new ICAL.Event(root.getFirstSubcomponent("vevent")!);
    return {
      method: root.getFirstPropertyValue("method"),
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      attendees: event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()),
    };
  });
}

/** Who still has reminders due for the session (not cancelled). */
async function remindedPeople(sessionId: string) {
  const rows = await t.deps.db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(and(like(notifications.dedupeKey, `reminder:session:${sessionId}:%`), notLike(notifications.dedupeKey, "%:cancelled:%")));
  return [...new Set(rows.map((r) => r.userId))].sort();
}

describe("hosting and taking seats", () => {
  it("a mentor hosts office hours, a mentee takes a seat, and both see it in My calendar", async () => {
    const w = await world(1);
    const oh = await hostAt(w);
    expect(oh).toMatchObject({
      title: "CV reviews",
      description: "Bring your CV",
      capacity: 3,
      seatsLeft: 3,
      mine: "host",
      canManage: true,
    });
    // The program's session length (60 minutes) is the default duration.
    expect(oh.end.getTime() - oh.start.getTime()).toBe(60 * 60_000);

    const attendee = w.people[0]!;
    const [listed] = await attendee.client.officeHours.list.query({ programId: w.p.id });
    expect(listed).toMatchObject({ id: oh.id, seatsLeft: 3, mine: null, canManage: false, attendees: [] });
    expect(listed?.host).toMatchObject({ name: "Hana Host", timeZone: "Europe/Berlin" });

    const seated = await attendee.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    expect(seated).toMatchObject({ mine: "seat", seatsTaken: 1, seatsLeft: 2 });

    const [mine] = await attendee.client.scheduling.mySessions.query(WEEK);
    expect(mine).toMatchObject({ id: oh.id, kind: "group", title: "CV reviews", role: "mentee", other: { name: "Hana Host" } });
    const [hosted] = await w.hostClient.scheduling.mySessions.query(WEEK);
    expect(hosted).toMatchObject({ id: oh.id, role: "mentor", seatsTaken: 1, other: null });
    const [forHost] = await w.hostClient.officeHours.list.query({ programId: w.p.id });
    expect(forHost?.attendees.map((a) => a.name)).toEqual(["Attendee 0"]);
  });

  it("a full session refuses the next seat, and leaving frees it", async () => {
    const w = await world(2);
    const oh = await hostAt(w, THURSDAY_10, 1);
    await w.people[0]!.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    const full = await errorOf(w.people[1]!.client.officeHours.takeSeat.mutate({ sessionId: oh.id }));
    expect(full).toMatchObject({ appCode: "CONFLICT", message: "No seats left." });
    expect((await errorOf(w.people[0]!.client.officeHours.takeSeat.mutate({ sessionId: oh.id }))).message).toBe("You already have a seat.");

    expect((await w.people[0]!.client.sessionRecord.get.query({ sessionId: oh.id })).viewer.role).toBe("mentee");
    const left = await w.people[0]!.client.officeHours.leave.mutate({ sessionId: oh.id });
    expect(left).toMatchObject({ mine: null, seatsLeft: 1 });
    // A seat given back leaves My calendar, and its record: the leaver no longer reads or edits it.
    expect(await w.people[0]!.client.scheduling.mySessions.query(WEEK)).toEqual([]);
    expect((await errorOf(w.people[0]!.client.sessionRecord.get.query({ sessionId: oh.id }))).appCode).toBe("NOT_FOUND");
    expect(
      (
        await errorOf(
          w.people[0]!.client.sessionRecord.saveSharedNotes.mutate({ sessionId: oh.id, sharedNotes: "still here?", updatedAt: new Date() }),
        )
      ).appCode,
    ).toBe("NOT_FOUND");
    const now = await w.people[1]!.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    expect(now).toMatchObject({ mine: "seat", seatsLeft: 0 });
    // Coming back is refused only because it is full again; after the other leaves, the seat can be retaken.
    await w.people[1]!.client.officeHours.leave.mutate({ sessionId: oh.id });
    expect(await w.people[0]!.client.officeHours.takeSeat.mutate({ sessionId: oh.id })).toMatchObject({ mine: "seat" });
  });

  it("the host cannot take a seat in their own office hours, and capacity cannot drop below the seats taken", async () => {
    const w = await world(2);
    const oh = await hostAt(w);
    expect((await errorOf(w.hostClient.officeHours.takeSeat.mutate({ sessionId: oh.id }))).appCode).toBe("CONFLICT");
    for (const p of w.people) await p.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    const low = await errorOf(
      w.hostClient.officeHours.edit.mutate({ sessionId: oh.id, title: "CV reviews", capacity: 1, description: "" }),
    );
    expect(low.appCode).toBe("VALIDATION");
    expect(low.fieldErrors.capacity?.[0]).toContain("2 seats are taken");
    const edited = await w.hostClient.officeHours.edit.mutate({ sessionId: oh.id, title: "CV clinic", capacity: 2, description: "" });
    expect(edited).toMatchObject({ title: "CV clinic", seatsLeft: 0 });
  });
});

describe("overlaps, for seats too", () => {
  it("a person with a one-to-one session at that time cannot take a seat, and a seat blocks a one-to-one booking", async () => {
    const w = await world(2);
    const mentor = await data.mentor(w.p.id, { name: "Other Mentor", rules: THURSDAYS });
    const [busy, seated] = w.people as [(typeof w.people)[0], (typeof w.people)[0]];
    await busy.client.scheduling.book.mutate({ matchId: await data.match(w.p.id, mentor.id, busy.id), start: THURSDAY_10_30 });
    const oh = await hostAt(w, THURSDAY_10);

    const refused = await errorOf(busy.client.officeHours.takeSeat.mutate({ sessionId: oh.id }));
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "This time overlaps another session of yours." });
    expect((await busy.client.officeHours.list.query({ programId: w.p.id }))[0]?.seatsLeft).toBe(3);

    await seated.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    const matchId = await data.match(w.p.id, mentor.id, seated.id);
    const blocked = await errorOf(seated.client.scheduling.book.mutate({ matchId, start: THURSDAY_10_30 }));
    expect(blocked.appCode).toBe("CONFLICT");
  });

  it("a host cannot host over their own session, and the refusal says so", async () => {
    const w = await world(0);
    await hostAt(w, THURSDAY_10);
    const err = await errorOf(hostAt(w, THURSDAY_10_30));
    expect(err).toMatchObject({ appCode: "CONFLICT", message: "This time overlaps another session of yours." });
    expect(await w.hostClient.scheduling.mySessions.query(WEEK)).toHaveLength(1);
  });

  it("weekly office hours keep the host's local time across DST and report a clashing week instead of skipping it", async () => {
    const w = await world(0);
    // Berlin moves to summer time on 29 March: 11:00 local is 10:00 UTC before and 09:00 UTC after.
    await hostAt(w, "2026-03-26T10:30:00Z");
    const result = await w.hostClient.officeHours.host.mutate({
      programId: w.p.id,
      title: "Weekly clinic",
      start: "2026-03-19T10:00:00Z",
      capacity: 4,
      repeatWeeks: 3,
    });
    expect(result.created.map((s) => s.start.toISOString())).toEqual(["2026-03-19T10:00:00.000Z", "2026-04-02T09:00:00.000Z"]);
    expect(result.conflicts).toEqual([
      { start: new Date("2026-03-26T10:00:00Z"), message: "This time overlaps another session of yours." },
    ]);
    const listed = await w.hostClient.officeHours.list.query({ programId: w.p.id });
    expect(listed.map((s) => s.title).sort()).toEqual(["CV reviews", "Weekly clinic", "Weekly clinic"]);
  });

  it("a move is refused when an attendee would overlap, naming them; otherwise attendees get the updated invite", async () => {
    const w = await world(2);
    const oh = await hostAt(w, THURSDAY_10);
    for (const p of w.people) await p.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    const mentor = await data.mentor(w.p.id, { rules: THURSDAYS });
    const busy = w.people[1]!;
    await busy.client.scheduling.book.mutate({ matchId: await data.match(w.p.id, mentor.id, busy.id), start: THURSDAY_14 });

    const refused = await errorOf(w.hostClient.officeHours.move.mutate({ sessionId: oh.id, start: THURSDAY_14, reason: "Clash" }));
    expect(refused).toMatchObject({ appCode: "CONFLICT", message: "This time overlaps another session of Attendee 1." });
    expect((await w.hostClient.officeHours.list.query({ programId: w.p.id }))[0]?.start.toISOString()).toBe(THURSDAY_10);

    const moved = await w.hostClient.officeHours.move.mutate({ sessionId: oh.id, start: "2026-03-05T16:00:00Z", reason: "A clash" });
    expect(moved.seatsTaken).toBe(2);
    for (const p of w.people) {
      const [invite] = await invitesOf(p.id, "session.rescheduled");
      expect(invite).toMatchObject({
        method: "REQUEST",
        uid: sessionUid(oh.id, t.deps.config.publicUrl),
        start: "2026-03-05T16:00:00.000Z",
      });
    }
    expect(await remindedPeople(oh.id)).toEqual([w.host.id, ...w.people.map((p) => p.id)].sort());
  });
});

describe("what people hear", () => {
  it("a seat brings that person an invite and their own reminders; leaving withdraws both, only theirs", async () => {
    const w = await world(2);
    const oh = await hostAt(w);
    const [a, b] = w.people as [(typeof w.people)[0], (typeof w.people)[0]];
    await a.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    await b.client.officeHours.takeSeat.mutate({ sessionId: oh.id });

    const [invite] = await invitesOf(a.id, "session.confirmed");
    expect(invite).toMatchObject({ method: "REQUEST", uid: sessionUid(oh.id, t.deps.config.publicUrl), start: THURSDAY_10 });
    // Only the host and this attendee are named in the invite.
    expect(invite?.attendees.sort()).toEqual([`mailto:${w.host.email}`, `mailto:${a.email}`].map((x) => x.toLowerCase()).sort());
    const [n] = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, a.id), eq(notifications.type, "session.confirmed")));
    expect(n?.data).toMatchObject({ partnerName: "Hana Host" });
    expect(await remindedPeople(oh.id)).toEqual([w.host.id, a.id, b.id].sort());

    await a.client.officeHours.leave.mutate({ sessionId: oh.id });
    const [cancel] = await invitesOf(a.id, "session.cancelled");
    expect(cancel).toMatchObject({ method: "CANCEL", uid: invite?.uid });
    expect(cancel!.sequence).toBeGreaterThan(invite!.sequence);
    expect(await remindedPeople(oh.id)).toEqual([w.host.id, b.id].sort());
  });

  it("leaving within the program's cancellation notice is recorded as late", async () => {
    const w = await world(1);
    const oh = await hostAt(w, "2026-03-02T10:00:00Z");
    await w.people[0]!.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    await w.people[0]!.client.officeHours.leave.mutate({ sessionId: oh.id });
    const [row] = await t.deps.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, oh.id), eq(auditLog.action, "office_hours.leave")));
    expect(row?.detail).toBe("late");
  });

  it("the host cancels: every attendee gets a CANCEL with the same UID, reminders stop and the seats are gone", async () => {
    const w = await world(2);
    const oh = await hostAt(w);
    for (const p of w.people) await p.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    const cancelled = await w.hostClient.officeHours.cancel.mutate({ sessionId: oh.id, reason: "I am ill" });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "I am ill", lateCancellation: false });

    for (const p of w.people) {
      const [invite] = await invitesOf(p.id, "session.cancelled");
      expect(invite).toMatchObject({ method: "CANCEL", uid: sessionUid(oh.id, t.deps.config.publicUrl) });
      const [mine] = await p.client.scheduling.mySessions.query(WEEK);
      expect(mine?.status).toBe("cancelled");
    }
    expect(await remindedPeople(oh.id)).toEqual([]);
    const live = await t.deps.db
      .select()
      .from(sessionParticipants)
      .where(and(eq(sessionParticipants.sessionId, oh.id), eq(sessionParticipants.active, true)));
    expect(live).toHaveLength(0);
    expect(await w.people[0]!.client.officeHours.list.query({ programId: w.p.id })).toEqual([]);
  });
});

describe("access and input", () => {
  it("the one-to-one paths refuse a group session, for attendees and for the host", async () => {
    const w = await world(1);
    const oh = await hostAt(w);
    const a = w.people[0]!.client;
    await a.officeHours.takeSeat.mutate({ sessionId: oh.id });
    for (const client of [a, w.hostClient]) {
      expect((await errorOf(client.scheduling.cancel.mutate({ sessionId: oh.id, reason: "x" }))).appCode).toBe("CONFLICT");
      expect((await errorOf(client.scheduling.reschedule.mutate({ sessionId: oh.id, start: THURSDAY_14, reason: "x" }))).appCode).toBe(
        "CONFLICT",
      );
    }
    expect((await errorOf(w.hostClient.scheduling.confirm.mutate({ sessionId: oh.id }))).appCode).toBe("CONFLICT");
    expect((await errorOf(w.hostClient.scheduling.decline.mutate({ sessionId: oh.id, reason: "x" }))).appCode).toBe("CONFLICT");
    expect((await w.hostClient.officeHours.list.query({ programId: w.p.id }))[0]).toMatchObject({ status: "confirmed", seatsTaken: 1 });
  });

  it("outsiders are told it does not exist; members who may not change it are refused", async () => {
    const w = await world(1);
    const oh = await hostAt(w);
    const outsider = await data.clientFor((await makeUser(t.deps.db)).id);
    expect((await errorOf(outsider.officeHours.takeSeat.mutate({ sessionId: oh.id }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(outsider.officeHours.cancel.mutate({ sessionId: oh.id, reason: "x" }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(outsider.officeHours.list.query({ programId: w.p.id }))).appCode).toBe("FORBIDDEN");

    const mentee = w.people[0]!.client;
    expect((await errorOf(mentee.officeHours.cancel.mutate({ sessionId: oh.id, reason: "x" }))).appCode).toBe("FORBIDDEN");
    expect(
      (await errorOf(mentee.officeHours.host.mutate({ programId: w.p.id, title: "Mine", start: THURSDAY_14, capacity: 2 }))).appCode,
    ).toBe("FORBIDDEN");
    expect((await errorOf(mentee.officeHours.leave.mutate({ sessionId: oh.id }))).appCode).toBe("NOT_FOUND");

    const coordinator = await makeUser(t.deps.db);
    await enrol(t.deps.db, w.p.id, coordinator.id, "coordinator");
    const staff = await data.clientFor(coordinator.id);
    expect((await errorOf(staff.officeHours.takeSeat.mutate({ sessionId: oh.id }))).appCode).toBe("FORBIDDEN");
    const moved = await staff.officeHours.move.mutate({ sessionId: oh.id, start: THURSDAY_14, reason: "Room change" });
    expect(moved).toMatchObject({ canManage: true, mine: null });
  });

  it("bad input names the field", async () => {
    const w = await world(0);
    const base = { programId: w.p.id, title: "CV reviews", start: THURSDAY_10, capacity: 3 };
    const cases: [Record<string, unknown>, string][] = [
      [{ capacity: 0 }, "capacity"],
      [{ capacity: 201 }, "capacity"],
      [{ capacity: 2.5 }, "capacity"],
      [{ title: "  " }, "title"],
      [{ start: "next thursday" }, "start"],
      [{ start: "2026-03-01T10:00:00Z" }, "start"],
      [{ durationMinutes: 5 }, "durationMinutes"],
      [{ repeatWeeks: 13 }, "repeatWeeks"],
    ];
    for (const [change, field] of cases) {
      const err = await errorOf(w.hostClient.officeHours.host.mutate({ ...base, ...change } as typeof base));
      expect(err.appCode, JSON.stringify(change)).toBe("VALIDATION");
      expect(Object.keys(err.fieldErrors), JSON.stringify(change)).toEqual([field]);
    }
    expect(await w.hostClient.scheduling.mySessions.query(WEEK)).toHaveLength(0);
  });
});

/** Settles every call as "ok" or its app error code (an INTERNAL would show up and fail the test). */
async function outcomes(calls: Promise<unknown>[]) {
  return Promise.all(
    calls.map((c) =>
      c.then(
        () => "ok",
        (err: unknown) =>
          err instanceof TRPCClientError ? ((err.data as { appCode?: string } | undefined)?.appCode ?? "UNKNOWN") : String(err),
      ),
    ),
  );
}

describe("taking seats at the same moment", () => {
  it("10 people taking seats in office hours with 3 seats: exactly 3 seats, 7 clean conflicts", async () => {
    const w = await world(10);
    const oh = await hostAt(w, THURSDAY_10, 3);
    const result = await outcomes(w.people.map((p) => p.client.officeHours.takeSeat.mutate({ sessionId: oh.id })));
    expect(result.filter((r) => r === "ok")).toHaveLength(3);
    expect(result.filter((r) => r === "CONFLICT")).toHaveLength(7);
    const [after] = await w.hostClient.officeHours.list.query({ programId: w.p.id });
    expect(after).toMatchObject({ seatsTaken: 3, seatsLeft: 0 });
    expect(after?.attendees).toHaveLength(3);
  }, 60_000);
});
