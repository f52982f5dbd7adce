import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matches, matchRequests, neverPairRules } from "../../../db/schema/matching";
import { notifications } from "../../../db/schema/notifications";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import { requestTestData } from "../../test-support/request-test-data";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { findExclusion } from "../matching/constraints";
import { loadProgramPool } from "../matching/program-pool.service";
import { notifyDepsOf } from "../notification/outbox.service";
import { sweepRequests } from "./request-sweeper.service";

let t: TestApp;
let data: ReturnType<typeof requestTestData>;
beforeAll(async () => {
  t = await startTestApp();
  data = requestTestData(t);
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;

async function notificationsOf(userId: string, type: string) {
  return t.deps.db
    .select({ title: notifications.title, body: notifications.body, data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, type)));
}

function socketFor(cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return new Promise((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(t.url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    s.once("hello", () => resolve(s));
    s.once("connect_error", reject);
  });
}

describe("suggestions", () => {
  it("shows the best mentors with score, breakdown, reasons and card, and marks an open request", async () => {
    const p = await data.program();
    const ts = await data.mentor(p.id, { name: "Tess Types", skills: ["TypeScript", "React"], lastActiveAt: new Date("2026-01-01") });
    await data.mentor(p.id, { name: "Pia Python", skills: ["Python"] });
    const me = await data.mentee(p.id, { skills: ["TS"] });
    const client = await data.clientFor(me.id);

    const before = await client.request.suggestions.query({ programId: p.id });
    expect(before.state).toBe("open");
    expect(before.suggestions.map((s) => s.mentor.name)).toEqual(["Tess Types", "Pia Python"]);
    const top = before.suggestions[0]!;
    expect(top.score.total).toBeGreaterThan(before.suggestions[1]!.score.total);
    expect(top.score.breakdown.map((b) => b.criterion)).toEqual(["skills", "availability", "communication", "capacity"]);
    expect(top.score.breakdown.reduce((sum, b) => sum + b.points, 0)).toBe(top.score.total);
    expect(top.score.reasons[0]).toBe("Knows TypeScript, which you want to learn");
    expect(top.score.reasons.length).toBeLessThanOrEqual(3);
    expect(top.mentor).toMatchObject({ headline: "Engineer", languages: ["English"], sparePlaces: 2, capacity: 2 });
    expect(top.mentor.lastActiveAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(top.openRequestId).toBeNull();

    await client.request.create.mutate({ programId: p.id, mentorId: ts.id, message: "Hello" });
    const after = await client.request.suggestions.query({ programId: p.id });
    expect(after.suggestions[0]?.openRequestId).not.toBeNull();
    expect(after.openRequests).toBe(1);
    expect(after.openRequestLimit).toBe(3);
  });

  it("never suggests a mentor at capacity, not ready, declined before or ruled never-pair", async () => {
    const p = await data.program();
    const me = await data.mentee(p.id);
    const full = await data.mentor(p.id, { name: "Full", capacity: 1 });
    const someone = await data.mentee(p.id);
    await t.deps.db.insert(matches).values({ programId: p.id, mentorId: full.id, menteeId: someone.id, source: "manual" });
    await data.mentor(p.id, { name: "Not ready", ready: false });
    const declined = await data.mentor(p.id, { name: "Declined" });
    await t.deps.db.insert(matchRequests).values({ programId: p.id, menteeId: me.id, mentorId: declined.id, status: "declined" });
    const never = await data.mentor(p.id, { name: "Never" });
    await t.deps.db.insert(neverPairRules).values({ programId: p.id, mentorId: never.id, menteeId: me.id });
    await data.mentor(p.id, { name: "Fine" });
    const client = await data.clientFor(me.id);
    const result = await client.request.suggestions.query({ programId: p.id });
    expect(result.suggestions.map((s) => s.mentor.name)).toEqual(["Fine"]);

    const refused = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: never.id, message: "" }));
    expect(refused.appCode).toBe("VALIDATION");
    expect(refused.fieldErrors.mentorId?.[0]).toBe("A coordinator ruled that these two are never paired.");
    const again = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: declined.id, message: "" }));
    expect(again.fieldErrors.mentorId?.[0]).toBe("A request between these two was declined before.");
    const atCapacity = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: full.id, message: "" }));
    expect(atCapacity.fieldErrors.mentorId?.[0]).toBe("The mentor has no free places.");
  });

  it("property: suggestions through the service never break a hard constraint", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            capacity: fc.integer({ min: 1, max: 2 }),
            taken: fc.integer({ min: 0, max: 2 }),
            ready: fc.boolean(),
            declined: fc.boolean(),
            never: fc.boolean(),
            skills: fc.subarray(["TypeScript", "Python", "Go", "Design"], { minLength: 1 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 4 }),
        async (mentors, count) => {
          const p = await data.program({ suggestionCount: count });
          const me = await data.mentee(p.id, { skills: ["TypeScript", "Go"] });
          for (const m of mentors) {
            const mentor = await data.mentor(p.id, { skills: m.skills, capacity: m.capacity, ready: m.ready });
            for (let k = 0; k < m.taken; k++) {
              const other = await data.mentee(p.id);
              await t.deps.db.insert(matches).values({ programId: p.id, mentorId: mentor.id, menteeId: other.id, source: "manual" });
            }
            if (m.declined) {
              await t.deps.db.insert(matchRequests).values({ programId: p.id, menteeId: me.id, mentorId: mentor.id, status: "declined" });
            }
            if (m.never) await t.deps.db.insert(neverPairRules).values({ programId: p.id, mentorId: mentor.id, menteeId: me.id });
          }
          const client = await data.clientFor(me.id);
          const result = await client.request.suggestions.query({ programId: p.id });
          const pool = await loadProgramPool(t.deps.db, p.id, t.clock.now(), { menteeIds: [me.id] });
          expect(result.suggestions.length).toBeLessThanOrEqual(count);
          for (const s of result.suggestions) {
            const mentor = pool.mentors.find((m) => m.userId === s.mentor.userId)!;
            expect(findExclusion(mentor, pool.mentees[0]!, pool.rules)).toBeNull();
          }
          const allowed = pool.mentors.filter((m) => findExclusion(m, pool.mentees[0]!, pool.rules) === null).length;
          expect(result.suggestions.length).toBe(Math.min(count, allowed));
        },
      ),
      { numRuns: 8 },
    );
  });

  it("a matched mentee sees the match instead, and a coordinator-matched program refuses requests", async () => {
    const p = await data.program();
    const mentor = await data.mentor(p.id, { name: "Mo Mentor" });
    const me = await data.mentee(p.id);
    const [m] = await t.deps.db
      .insert(matches)
      .values({ programId: p.id, mentorId: mentor.id, menteeId: me.id, source: "manual" })
      .returning({ id: matches.id });
    const client = await data.clientFor(me.id);
    const matched = await client.request.suggestions.query({ programId: p.id });
    expect(matched).toMatchObject({ state: "matched", match: { matchId: m!.id, mentorName: "Mo Mentor" }, suggestions: [] });
    const already = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: mentor.id, message: "" }));
    expect(already).toMatchObject({ appCode: "CONFLICT", message: "You already have a mentor in this program." });

    const reviewed = await data.program({ matchingMode: "reviewed" });
    const m2 = await data.mentor(reviewed.id);
    const e2 = await data.mentee(reviewed.id);
    const c2 = await data.clientFor(e2.id);
    expect((await c2.request.suggestions.query({ programId: reviewed.id })).state).toBe("coordinator");
    const refused = await errorOf(c2.request.create.mutate({ programId: reviewed.id, mentorId: m2.id, message: "" }));
    expect(refused.appCode).toBe("CONFLICT");
    expect(refused.message).toContain("your coordinator matches you");
  });

  it("a mentee whose membership is still pending is refused", async () => {
    const p = await data.program();
    const me = await data.mentee(p.id, { status: "pending" });
    const client = await data.clientFor(me.id);
    expect((await errorOf(client.request.suggestions.query({ programId: p.id }))).appCode).toBe("FORBIDDEN");
  });
});

describe("browsing mentors", () => {
  it("filters by skill, language, overlap and text, and pages ten at a time", async () => {
    const p = await data.program();
    const me = await data.mentee(p.id, { skills: ["Go"] });
    await data.mentor(p.id, { name: "Gopher", skills: ["golang"], languages: ["German", "English"] });
    await data.mentor(p.id, { name: "Night Owl", skills: ["Go"], availability: [{ weekday: 6, start: "02:00", end: "04:00" }] });
    for (let i = 0; i < 11; i++)
      await data.mentor(p.id, { name: `Py ${String(i).padStart(2, "0")}`, skills: ["Python"], headline: "Data person" });
    const client = await data.clientFor(me.id);

    const bySkill = await client.request.browse.query({ programId: p.id, skill: "Go" });
    expect(bySkill.items.map((i) => i.mentor.name)).toEqual(["Gopher", "Night Owl"]);
    expect(bySkill.items[0]?.overlapHours).toBe(6);
    expect(bySkill.items[1]?.overlapHours).toBe(0);
    expect(
      (await client.request.browse.query({ programId: p.id, skill: "go", minOverlapHours: 2 })).items.map((i) => i.mentor.name),
    ).toEqual(["Gopher"]);
    expect((await client.request.browse.query({ programId: p.id, language: "german" })).items.map((i) => i.mentor.name)).toEqual([
      "Gopher",
    ]);
    const text = await client.request.browse.query({ programId: p.id, text: "data" });
    expect(text.total).toBe(11);
    expect(text.pageCount).toBe(2);
    expect(text.items).toHaveLength(10);
    const second = await client.request.browse.query({ programId: p.id, text: "data", page: 2 });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.unavailable).toBeNull();
  });
});

describe("sending a request", () => {
  it("tells the mentor with the deadline, and refuses duplicates, bad mentors and going over the limit", async () => {
    const p = await data.program();
    const me = await data.mentee(p.id, { name: "Mia Mentee" });
    const mentors = [];
    for (let i = 0; i < 4; i++) mentors.push(await data.mentor(p.id, { name: `Mentor ${i}`, timezone: "Europe/Berlin" }));
    const client = await data.clientFor(me.id);
    const now = t.clock.now();

    const created = await client.request.create.mutate({ programId: p.id, mentorId: mentors[0]!.id, message: "  Please help  " });
    expect(created.status).toBe("pending");
    const [row] = await t.deps.db.select().from(matchRequests).where(eq(matchRequests.id, created.id));
    expect(row?.message).toBe("Please help");
    expect(row?.expiresAt?.getTime()).toBe(now.getTime() + 72 * HOUR);
    expect(row?.score?.total).toBeGreaterThan(0);
    const [note] = await notificationsOf(mentors[0]!.id, "request.received");
    expect(note?.data).toMatchObject({ menteeName: "Mia Mentee", message: "Please help" });
    expect((note?.data as { deadline?: string } | undefined)?.deadline).toMatch(/CET|CEST|GMT\+1|GMT\+2/);

    const dup = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: mentors[0]!.id, message: "" }));
    expect(dup).toMatchObject({ appCode: "CONFLICT", message: "You already have an open request with Mentor 0." });
    await client.request.create.mutate({ programId: p.id, mentorId: mentors[1]!.id, message: "" });
    await client.request.create.mutate({ programId: p.id, mentorId: mentors[2]!.id, message: "" });
    const over = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: mentors[3]!.id, message: "" }));
    expect(over.appCode).toBe("CONFLICT");
    expect(over.message).toMatch(/^You already have 3 open requests/);

    const outsider = await data.mentor((await data.program()).id);
    const notHere = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: outsider.id, message: "" }));
    expect(notHere.fieldErrors.mentorId?.[0]).toBe("This person is not a mentor taking requests in this program.");
    const self = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: me.id, message: "" }));
    expect(self.fieldErrors.mentorId?.[0]).toBe("You cannot ask yourself to be your mentor.");
    const long = await errorOf(client.request.create.mutate({ programId: p.id, mentorId: mentors[3]!.id, message: "x".repeat(1001) }));
    expect(long.appCode).toBe("VALIDATION");
    expect(long.fieldErrors.message?.[0]).toBe("Keep your message to 1,000 characters or fewer.");
  });

  it("the mentor sees the request arrive live with the mentee's profile, intake and message", async () => {
    const p = await data.program();
    const mentor = await data.mentor(p.id);
    const me = await data.mentee(p.id, { name: "Lia Live", goals: "Learn testing" });
    const mentorClient = await data.clientFor(mentor.id);
    const socket = await socketFor(jarOf(mentorClient).header());
    const arrived = new Promise<{ requestId: string; status: string }>((resolve) => socket.once("request:changed", resolve));
    const menteeClient = await data.clientFor(me.id);
    const { id } = await menteeClient.request.create.mutate({ programId: p.id, mentorId: mentor.id, message: "Hi!" });
    expect(await arrived).toMatchObject({ requestId: id, status: "pending" });
    socket.close();

    const [incoming] = await mentorClient.request.incoming.query({ programId: p.id });
    expect(incoming).toMatchObject({ id, status: "pending", message: "Hi!", mentee: { name: "Lia Live" } });
    expect(incoming?.mentee.intake).toMatchObject({
      skills: ["TypeScript"],
      goals: "Learn testing",
      preferredStyle: "Hands-on",
      urgency: "high",
    });
    expect(incoming?.events.map((e) => e.kind)).toEqual(["created"]);

    const stranger = await data.mentee(p.id);
    const strangerClient = await data.clientFor(stranger.id);
    expect((await errorOf(strangerClient.request.get.query({ requestId: id }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(strangerClient.request.withdraw.mutate({ requestId: id }))).appCode).toBe("NOT_FOUND");
    const coordinatorClient = await data.clientFor(p.coordinator.id);
    expect((await coordinatorClient.request.get.query({ requestId: id })).id).toBe(id);
  });
});

describe("answering a request", () => {
  it("accepting makes the match, tells the mentee live, and withdraws the other requests with a word to those mentors", async () => {
    const p = await data.program();
    const [a, b, c] = [
      await data.mentor(p.id, { name: "Ana" }),
      await data.mentor(p.id, { name: "Ben" }),
      await data.mentor(p.id, { name: "Cy" }),
    ];
    const me = await data.mentee(p.id, { name: "Max" });
    const menteeClient = await data.clientFor(me.id);
    const first = await menteeClient.request.create.mutate({ programId: p.id, mentorId: a.id, message: "" });
    const second = await menteeClient.request.create.mutate({ programId: p.id, mentorId: b.id, message: "" });
    const third = await menteeClient.request.create.mutate({ programId: p.id, mentorId: c.id, message: "" });

    const socket = await socketFor(jarOf(menteeClient).header());
    const live = new Promise<{ status: string }>((resolve) => socket.on("match:changed", resolve));
    const accepted = await (await data.clientFor(a.id)).request.accept.mutate({ requestId: first.id });
    expect(accepted.status).toBe("accepted");
    expect(await live).toMatchObject({ status: "active" });
    socket.close();

    const [match] = await t.deps.db.select().from(matches).where(eq(matches.id, accepted.matchId!));
    expect(match).toMatchObject({ mentorId: a.id, menteeId: me.id, status: "active", source: "request" });
    expect((await notificationsOf(me.id, "request.accepted"))[0]?.data).toMatchObject({ mentorName: "Ana" });
    const mine = await menteeClient.request.mine.query({ programId: p.id });
    expect(Object.fromEntries(mine.items.map((r) => [r.id, r.status]))).toEqual({
      [first.id]: "accepted",
      [second.id]: "withdrawn",
      [third.id]: "withdrawn",
    });
    expect(mine.openRequests).toBe(0);
    for (const other of [b, c]) {
      expect((await notificationsOf(other.id, "request.withdrawn"))[0]?.data).toMatchObject({
        menteeName: "Max",
        why: "They were matched with another mentor.",
      });
    }
    const late = await errorOf((await data.clientFor(b.id)).request.accept.mutate({ requestId: second.id }));
    expect(late).toMatchObject({ appCode: "CONFLICT", message: "This request was withdrawn." });
    const twice = await errorOf((await data.clientFor(a.id)).request.accept.mutate({ requestId: first.id }));
    expect(twice.message).toBe("This request was already accepted.");

    // The coordinator's activity log has every step, with who did it.
    const log = await (await data.clientFor(p.coordinator.id)).match.audit.query({ programId: p.id, action: "request.withdrawn" });
    expect(log.items.map((i) => i.targetId).sort()).toEqual([second.id, third.id].sort());
    const acceptedLog = await (await data.clientFor(p.coordinator.id)).match.audit.query({ programId: p.id, action: "request.accepted" });
    expect(acceptedLog.items.map((i) => [i.targetId, i.actorName])).toEqual([[first.id, "Ana"]]);
  });

  it("declining with a reason tells the mentee, and that mentor is not suggested again", async () => {
    const p = await data.program();
    const mentor = await data.mentor(p.id, { name: "Dee" });
    const me = await data.mentee(p.id);
    const menteeClient = await data.clientFor(me.id);
    const { id } = await menteeClient.request.create.mutate({ programId: p.id, mentorId: mentor.id, message: "" });
    const mentorClient = await data.clientFor(mentor.id);
    expect((await mentorClient.request.decline.mutate({ requestId: id, reason: "Full this term" })).status).toBe("declined");
    expect((await notificationsOf(me.id, "request.declined"))[0]?.data).toMatchObject({ mentorName: "Dee", reason: "Full this term" });
    expect((await menteeClient.request.suggestions.query({ programId: p.id })).suggestions).toEqual([]);
    expect((await errorOf(mentorClient.request.accept.mutate({ requestId: id }))).message).toBe("This request was declined.");
  });

  it("asking for more stops the clock; the answer restarts it and goes back to pending; the mentee can withdraw", async () => {
    const p = await data.program();
    const mentor = await data.mentor(p.id, { name: "Quinn" });
    const me = await data.mentee(p.id, { name: "Ada" });
    const menteeClient = await data.clientFor(me.id);
    const mentorClient = await data.clientFor(mentor.id);
    const { id } = await menteeClient.request.create.mutate({ programId: p.id, mentorId: mentor.id, message: "Hi" });

    await mentorClient.request.askInfo.mutate({ requestId: id, question: "Which stack?" });
    let [row] = await t.deps.db.select().from(matchRequests).where(eq(matchRequests.id, id));
    expect(row).toMatchObject({ status: "needs_info", expiresAt: null });
    expect((await notificationsOf(me.id, "request.info_requested"))[0]?.data).toMatchObject({
      mentorName: "Quinn",
      question: "Which stack?",
    });
    expect((await errorOf(mentorClient.request.askInfo.mutate({ requestId: id, question: "Again?" }))).appCode).toBe("CONFLICT");
    const empty = await errorOf(menteeClient.request.answer.mutate({ requestId: id, answer: "  " }));
    expect(empty.fieldErrors.answer?.[0]).toBe("Write your answer.");

    t.clock.advance(5 * HOUR);
    await menteeClient.request.answer.mutate({ requestId: id, answer: "Node and Postgres" });
    [row] = await t.deps.db.select().from(matchRequests).where(eq(matchRequests.id, id));
    expect(row?.status).toBe("pending");
    expect(row?.expiresAt?.getTime()).toBe(t.clock.now().getTime() + 72 * HOUR);
    expect((await notificationsOf(mentor.id, "request.info_answered"))[0]?.data).toMatchObject({
      menteeName: "Ada",
      answer: "Node and Postgres",
    });
    const view = await menteeClient.request.get.query({ requestId: id });
    expect(view.events.map((e) => [e.kind, e.body])).toEqual([
      ["created", "Hi"],
      ["asked", "Which stack?"],
      ["answered", "Node and Postgres"],
    ]);

    await menteeClient.request.withdraw.mutate({ requestId: id });
    expect((await notificationsOf(mentor.id, "request.withdrawn"))[0]?.data).toMatchObject({ why: "They withdrew the request." });
    const again = await errorOf(menteeClient.request.withdraw.mutate({ requestId: id }));
    expect(again).toMatchObject({ appCode: "CONFLICT", message: "This request was withdrawn." });
  });
});

describe("the request clock", () => {
  it("reminds the mentor once at 48 hours, and at 72 hours expires with fresh suggestions and a coordinator alert", async () => {
    const p = await data.program();
    const slow = await data.mentor(p.id, { name: "Slow Sam" });
    await data.mentor(p.id, { name: "Fresh Fay" });
    const me = await data.mentee(p.id, { name: "Eve" });
    const { id } = await (await data.clientFor(me.id)).request.create.mutate({ programId: p.id, mentorId: slow.id, message: "" });
    const deps = { db: t.deps.db, ...notifyDepsOf(t.deps) };

    t.clock.advance(47 * HOUR);
    await sweepRequests(deps);
    expect(await notificationsOf(slow.id, "request.reminder")).toHaveLength(0);
    t.clock.advance(1 * HOUR);
    await sweepRequests(deps);
    await sweepRequests(deps);
    const reminders = await notificationsOf(slow.id, "request.reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.data).toMatchObject({ menteeName: "Eve" });

    t.clock.advance(24 * HOUR - 1000);
    await sweepRequests(deps);
    expect((await t.deps.db.select().from(matchRequests).where(eq(matchRequests.id, id)))[0]?.status).toBe("pending");
    t.clock.advance(1000);
    await sweepRequests(deps);
    const [row] = await t.deps.db.select().from(matchRequests).where(eq(matchRequests.id, id));
    expect(row?.status).toBe("expired");
    const expired = await notificationsOf(me.id, "request.expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]?.data).toMatchObject({ mentorName: "Slow Sam", suggestions: "Fresh Fay" });
    expect((await notificationsOf(p.coordinator.id, "request.expired_alert"))[0]?.data).toMatchObject({
      mentorName: "Slow Sam",
      menteeName: "Eve",
    });
    await sweepRequests(deps);
    expect(await notificationsOf(me.id, "request.expired")).toHaveLength(1);
    expect(await notificationsOf(slow.id, "request.reminder")).toHaveLength(1);
  });
});
