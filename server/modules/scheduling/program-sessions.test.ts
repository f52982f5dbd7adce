/**
 * The coordinator's all-sessions view through the real app: the range and each filter, the summary counts, who
 * may look, and the live signal to the staff. The clock is fixed at Monday 2 March 2026, 08:00 UTC.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { enrol, makeUser } from "../../test-support/factories";
import { type SchedulingTestData, useSchedulingApp } from "../../test-support/scheduling-test-data";
import { socketFor } from "../../test-support/socket";
import { errorOf, jarOf, type TestApp } from "../../test-support/test-app";

let t: TestApp;
let data: SchedulingTestData;
useSchedulingApp("2026-03-02T08:00:00Z", (app) => ({ t, data } = app));

const weekdays = [1, 2, 3, 4].map((weekday) => ({ weekday, start: "08:00", end: "17:00" }));
const week = { from: "2026-02-23T00:00:00Z", to: "2026-03-09T00:00:00Z" };

/** A session written as it would be after its record was kept (the pair's own API only books ahead). */
async function pastSession(
  programId: string,
  matchId: string | null,
  people: { userId: string; role: "mentor" | "mentee"; attendance: "attended" | "no_show" | null; active?: boolean }[],
  fields: { start: string; status: "completed" | "no_show" | "confirmed"; kind?: "group"; title?: string; capacity?: number },
) {
  const start = new Date(fields.start);
  const end = new Date(start.getTime() + 3_600_000);
  const [s] = await t.deps.db
    .insert(sessions)
    .values({ programId, matchId, start, end, status: fields.status, kind: fields.kind, title: fields.title, capacity: fields.capacity })
    .returning({ id: sessions.id });
  const live = fields.status === "confirmed";
  await t.deps.db.insert(sessionParticipants).values(
    people.map((p) => ({
      sessionId: s!.id,
      userId: p.userId,
      role: p.role,
      attendance: p.attendance,
      active: live && (p.active ?? true),
      during: sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
    })),
  );
  return s!.id;
}

/**
 * Program P: Mia mentors Ned and Max mentors Nora. Mon 10:00 Mia/Ned booked and cancelled late; Tue 09:00 Mia/Ned
 * confirmed; Wed 09:00 Max/Nora requested (the program then asks mentors to confirm); last Thursday Max/Nora was a
 * no-show by Nora; last Friday Mia/Ned completed; Thursday 14:00 Mia hosts office hours for Ned and Nora (one more
 * seat given up). Program Q has a session of its own that week.
 */
async function world() {
  const p = await data.program();
  const coordinator = await makeUser(t.deps.db, { name: "Cora Coordinator" });
  await enrol(t.deps.db, p.id, coordinator.id, "coordinator");
  const coord = await data.clientFor(coordinator.id);
  const mia = await data.mentor(p.id, { name: "Mia Mentor", rules: { weekly: weekdays } });
  const max = await data.mentor(p.id, { name: "Max Mentor", rules: { weekly: weekdays } });
  const ned = await data.mentee(p.id, { name: "Ned Mentee" });
  const nora = await data.mentee(p.id, { name: "Nora Mentee" });
  const dropped = await data.mentee(p.id, { name: "Dora Dropped" });
  const miaNed = await data.match(p.id, mia.id, ned.id);
  const maxNora = await data.match(p.id, max.id, nora.id);
  const nedClient = await data.clientFor(ned.id);
  const noraClient = await data.clientFor(nora.id);

  const cancelledLate = await nedClient.scheduling.book.mutate({ matchId: miaNed, start: "2026-03-02T10:00:00Z" });
  await nedClient.scheduling.cancel.mutate({ sessionId: cancelledLate.id, reason: "Ill" });
  const confirmed = await nedClient.scheduling.book.mutate({ matchId: miaNed, start: "2026-03-03T09:00:00Z" });
  await coord.program.update.mutate({ programId: p.id, bookingConfirmation: "mentor_confirms" });
  const requested = await noraClient.scheduling.book.mutate({ matchId: maxNora, start: "2026-03-04T09:00:00Z" });
  const noShow = await pastSession(
    p.id,
    maxNora,
    [
      { userId: max.id, role: "mentor", attendance: "attended" },
      { userId: nora.id, role: "mentee", attendance: "no_show" },
    ],
    { start: "2026-02-26T09:00:00Z", status: "no_show" },
  );
  const completed = await pastSession(
    p.id,
    miaNed,
    [
      { userId: mia.id, role: "mentor", attendance: "attended" },
      { userId: ned.id, role: "mentee", attendance: "attended" },
    ],
    { start: "2026-02-27T09:00:00Z", status: "completed" },
  );
  const group = await pastSession(
    p.id,
    null,
    [
      { userId: mia.id, role: "mentor", attendance: null },
      { userId: ned.id, role: "mentee", attendance: null },
      { userId: nora.id, role: "mentee", attendance: null },
      { userId: dropped.id, role: "mentee", attendance: null, active: false },
    ],
    { start: "2026-03-05T14:00:00Z", status: "confirmed", kind: "group", title: "Office hours: CV reviews", capacity: 5 },
  );

  const q = await data.program();
  const qMentor = await data.mentor(q.id, { name: "Quinn Mentor", rules: { weekly: weekdays } });
  const qMentee = await data.mentee(q.id, { name: "Nora Elsewhere" });
  await (await data.clientFor(qMentee.id)).scheduling.book.mutate({
    matchId: await data.match(q.id, qMentor.id, qMentee.id),
    start: "2026-03-03T11:00:00Z",
  });

  return {
    p,
    q,
    coord,
    people: { mia, max, ned, nora },
    ids: { cancelledLate: cancelledLate.id, confirmed: confirmed.id, requested: requested.id, noShow, completed, group },
  };
}

describe("all sessions of a program", () => {
  it("a coordinator sees every session of the week with both people, status, late cancellation and attendance", async () => {
    const w = await world();
    const list = await w.coord.programSessions.list.query({ programId: w.p.id, ...week });
    expect(list.map((s) => s.id)).toEqual([
      w.ids.noShow,
      w.ids.completed,
      w.ids.cancelledLate,
      w.ids.confirmed,
      w.ids.requested,
      w.ids.group,
    ]);
    const byId = new Map(list.map((s) => [s.id, s]));
    expect(byId.get(w.ids.cancelledLate)).toMatchObject({
      status: "cancelled",
      lateCancellation: true,
      cancelReason: "Ill",
      mentor: { name: "Mia Mentor" },
      mentee: { name: "Ned Mentee" },
    });
    expect(byId.get(w.ids.requested)).toMatchObject({
      status: "requested",
      mentor: { name: "Max Mentor" },
      mentee: { name: "Nora Mentee" },
    });
    expect(byId.get(w.ids.noShow)?.participants).toEqual([
      { id: w.people.max.id, name: "Max Mentor", role: "mentor", attendance: "attended" },
      { id: w.people.nora.id, name: "Nora Mentee", role: "mentee", attendance: "no_show" },
    ]);
    expect(byId.get(w.ids.group)).toMatchObject({
      kind: "group",
      title: "Office hours: CV reviews",
      capacity: 5,
      seatsTaken: 2,
      mentor: { name: "Mia Mentor" },
      mentee: null,
    });
    expect(byId.get(w.ids.group)?.participants.map((p) => p.name)).toEqual(["Mia Mentor", "Ned Mentee", "Nora Mentee"]);
  });

  it("the range, status, kind, person and late-only filters each narrow the list", async () => {
    const w = await world();
    const ids = async (filters: Record<string, unknown>) =>
      (await w.coord.programSessions.list.query({ programId: w.p.id, ...week, ...filters })).map((s) => s.id);

    expect(await ids({ from: "2026-03-03T00:00:00Z", to: "2026-03-04T00:00:00Z" })).toEqual([w.ids.confirmed]);
    expect(await ids({ status: "requested" })).toEqual([w.ids.requested]);
    expect(await ids({ status: "cancelled" })).toEqual([w.ids.cancelledLate]);
    expect(await ids({ kind: "group" })).toEqual([w.ids.group]);
    expect(await ids({ search: "nora" })).toEqual([w.ids.noShow, w.ids.requested, w.ids.group]);
    expect(await ids({ search: "CV review" })).toEqual([w.ids.group]);
    expect(await ids({ search: "%" })).toEqual([]);
    expect(await ids({ lateOnly: true })).toEqual([w.ids.cancelledLate]);
    expect(await ids({ kind: "one_to_one", search: "Mia", status: "confirmed" })).toEqual([w.ids.confirmed]);
  });

  it("the summary counts the range's sessions by status, late cancellations and people who did not come", async () => {
    const w = await world();
    expect(await w.coord.programSessions.summary.query({ programId: w.p.id, ...week })).toEqual({
      confirmed: 2,
      requested: 1,
      completed: 1,
      cancelled: 1,
      lateCancellations: 1,
      noShows: 1,
    });
    expect(
      await w.coord.programSessions.summary.query({ programId: w.p.id, from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z" }),
    ).toEqual({ confirmed: 2, requested: 1, completed: 0, cancelled: 1, lateCancellations: 1, noShows: 0 });
  });

  it("a range backwards or longer than the engine allows is refused on its end", async () => {
    const w = await world();
    const backwards = await errorOf(w.coord.programSessions.list.query({ programId: w.p.id, from: week.to, to: week.from }));
    expect(Object.keys(backwards.fieldErrors)).toEqual(["to"]);
    const tooLong = await errorOf(
      w.coord.programSessions.summary.query({ programId: w.p.id, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }),
    );
    expect(Object.keys(tooLong.fieldErrors)).toEqual(["to"]);
  });

  it("the program's members and another program's coordinator are refused; a platform admin sees the list", async () => {
    const w = await world();
    const otherCoordinator = await makeUser(t.deps.db);
    await enrol(t.deps.db, w.q.id, otherCoordinator.id, "coordinator");
    for (const userId of [w.people.mia.id, w.people.nora.id, otherCoordinator.id]) {
      const client = await data.clientFor(userId);
      expect((await errorOf(client.programSessions.list.query({ programId: w.p.id, ...week }))).appCode).toBe("FORBIDDEN");
      expect((await errorOf(client.programSessions.summary.query({ programId: w.p.id, ...week }))).appCode).toBe("FORBIDDEN");
    }
    const admin = await data.clientFor((await makeUser(t.deps.db, { admin: true })).id);
    expect(await admin.programSessions.list.query({ programId: w.p.id, ...week })).toHaveLength(6);
  });
});

describe("live", () => {
  it("the program's coordinator is signalled when a session is booked and cancelled; another program's is not", async () => {
    const w = await world();
    const otherCoordinator = await makeUser(t.deps.db);
    await enrol(t.deps.db, w.q.id, otherCoordinator.id, "coordinator");
    const staffSocket = await socketFor(t.url, jarOf(w.coord).header());
    const otherSocket = await socketFor(t.url, jarOf(await data.clientFor(otherCoordinator.id)).header());
    const strays: unknown[] = [];
    otherSocket.on("session:changed", (e) => strays.push(e));
    try {
      const next = () => new Promise<{ sessionId: string; status: string }>((resolve) => staffSocket.once("session:changed", resolve));
      const booked = next();
      const ned = await data.clientFor(w.people.ned.id);
      const [match] = await t.deps.db.select({ matchId: sessions.matchId }).from(sessions).where(eq(sessions.id, w.ids.confirmed));
      const session = await ned.scheduling.book.mutate({ matchId: match!.matchId!, start: "2026-03-03T14:00:00Z" });
      expect(await booked).toMatchObject({ sessionId: session.id, status: "requested" });
      const cancelled = next();
      await ned.scheduling.cancel.mutate({ sessionId: session.id, reason: "Clash" });
      expect(await cancelled).toMatchObject({ sessionId: session.id, status: "cancelled" });
      expect(strays).toEqual([]);
    } finally {
      staffSocket.close();
      otherSocket.close();
    }
  });
});
