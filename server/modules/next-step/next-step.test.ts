/**
 * The next step each person sees per program (Home and the program page both show this), over every state of a
 * mentee and a mentor, on a real database with the clock held still so "upcoming" is exact.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matches, matchRequests } from "../../../db/schema/matching";
import { checklistProgress, programIntakes, programMemberships, programs } from "../../../db/schema/programs";
import { mentorAvailability, sessions } from "../../../db/schema/scheduling";
import { createTestClock } from "../../clock";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "../../test-support/factories";
import { jarOf, startTestApp, type TestApp } from "../../test-support/test-app";

const HOUR = 3_600_000;
const clock = createTestClock("2026-11-23T09:00:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(async () => {
  await t?.close();
});

async function clientFor(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, t.clock, userId));
  return client;
}

type Mode = "mentee_choice" | "reviewed" | "cohort";

/** A program with a coordinator, so the steps that say who to contact have someone to name. */
async function program(mode: Mode = "mentee_choice") {
  const p = await makeProgram(t.deps.db);
  await t.deps.db.update(programs).set({ matchingMode: mode }).where(eq(programs.id, p.id));
  const coordinator = await makeUser(t.deps.db, { name: "Cora Coordinator" });
  await enrol(t.deps.db, p.id, coordinator.id, "coordinator");
  return { ...p, coordinator };
}

/** A member with an intake (onboarded) unless told otherwise; mentors are ready (checklist done) unless told. */
async function member(programId: string, role: "mentor" | "mentee", name: string, opts: { intake?: boolean; ready?: boolean } = {}) {
  const u = await makeUser(t.deps.db, { name });
  const m = await enrol(t.deps.db, programId, u.id, role);
  if (opts.intake ?? true) {
    await t.deps.db
      .insert(programIntakes)
      .values({ membershipId: m.id, skills: ["design"], capacity: role === "mentor" ? 3 : 0, communication: ["video"] });
  }
  if (role === "mentor" && (opts.ready ?? true)) {
    await t.deps.db.update(programMemberships).set({ readyAt: clock.now() }).where(eq(programMemberships.id, m.id));
  }
  return { ...u, client: await clientFor(u.id) };
}

async function match(
  programId: string,
  mentorId: string,
  menteeId: string,
  status: "active" | "paused" | "completed" | "ended" = "active",
) {
  const [row] = await t.deps.db
    .insert(matches)
    .values({ programId, mentorId, menteeId, status, source: "manual", endedAt: status === "ended" ? clock.now() : null })
    .returning({ id: matches.id });
  return row!.id;
}

async function session(
  programId: string,
  matchId: string,
  startsInHours: number,
  status: "confirmed" | "requested" | "cancelled" = "confirmed",
) {
  const start = new Date(clock.now().getTime() + startsInHours * HOUR);
  const [row] = await t.deps.db
    .insert(sessions)
    .values({ programId, matchId, start, end: new Date(start.getTime() + HOUR), status })
    .returning({ id: sessions.id });
  return { id: row!.id, start };
}

async function stepOf(client: Awaited<ReturnType<typeof clientFor>>, programId: string) {
  const steps = await client.nextStep.mine.query({ programId });
  expect(steps).toHaveLength(1);
  return steps[0]!;
}

describe("a mentee's next step", () => {
  it("is waiting for approval while the membership is pending", async () => {
    const p = await program();
    const u = await makeUser(t.deps.db, { name: "Pat Pending" });
    await enrol(t.deps.db, p.id, u.id, "mentee", "pending");
    expect(await stepOf(await clientFor(u.id), p.id)).toMatchObject({ kind: "membership_pending", programName: p.name, role: "mentee" });
  });

  it("is the intake until it is saved, then finding a mentor in a mentee-choice program", async () => {
    const p = await program();
    const mentee = await member(p.id, "mentee", "Nia New", { intake: false });
    expect(await stepOf(mentee.client, p.id)).toMatchObject({ kind: "finish_onboarding", intakeDone: false });

    await mentee.client.onboarding.saveIntake.mutate({
      programId: p.id,
      role: "mentee",
      skills: ["design"],
      goals: "Ship a portfolio",
      preferredStyle: "",
      availability: [],
      communication: ["video"],
      urgency: "medium",
    });
    expect(await stepOf(mentee.client, p.id)).toMatchObject({ kind: "find_mentor" });
  });

  it("is the coordinator matching them in reviewed and cohort programs, naming the coordinator", async () => {
    for (const mode of ["reviewed", "cohort"] as const) {
      const p = await program(mode);
      const mentee = await member(p.id, "mentee", "Rae Reviewed");
      expect(await stepOf(mentee.client, p.id)).toMatchObject({
        kind: "coordinator_matching",
        coordinators: [{ id: p.coordinator.id, name: "Cora Coordinator" }],
      });
    }
  });

  it("is waiting for the mentor with the deadline after a request, then booking once the mentor accepts", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Amara Mentor");
    const mentee = await member(p.id, "mentee", "Omar Mentee");
    const sent = await mentee.client.request.create.mutate({ programId: p.id, mentorId: mentor.id, message: "Could you help?" });

    const waiting = await stepOf(mentee.client, p.id);
    expect(waiting).toMatchObject({ kind: "request_open", status: "pending", mentor: { id: mentor.id, name: "Amara Mentor" } });
    if (waiting.kind !== "request_open") throw new Error("unreachable");
    // The program's default answer deadline is 72 hours from the request.
    expect(waiting.expiresAt?.toISOString()).toBe(new Date(clock.now().getTime() + 72 * HOUR).toISOString());

    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "answer_requests", count: 1 });

    const accepted = await mentor.client.request.accept.mutate({ requestId: sent.id });
    expect(await stepOf(mentee.client, p.id)).toEqual({
      kind: "book_session",
      programId: p.id,
      programName: p.name,
      role: "mentee",
      matchId: accepted.matchId,
      partner: { id: mentor.id, name: "Amara Mentor" },
    });
  });

  it("puts a mentor's question first: the mentee has to answer it", async () => {
    const p = await program();
    const [first, second] = [await member(p.id, "mentor", "Ben First"), await member(p.id, "mentor", "Cy Second")];
    const mentee = await member(p.id, "mentee", "Quinn Question");
    await mentee.client.request.create.mutate({ programId: p.id, mentorId: first.id, message: "Hello" });
    const toSecond = await mentee.client.request.create.mutate({ programId: p.id, mentorId: second.id, message: "Hello" });
    await second.client.request.askInfo.mutate({ requestId: toSecond.id, question: "What do you want to learn?" });

    expect(await stepOf(mentee.client, p.id)).toMatchObject({
      kind: "request_open",
      status: "needs_info",
      requestId: toSecond.id,
      mentor: { name: "Cy Second" },
      expiresAt: null,
      otherOpenRequests: 1,
    });
  });

  it("is the next session while one is booked, and booking again once it is over", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Dana Mentor");
    const mentee = await member(p.id, "mentee", "Eli Mentee");
    const matchId = await match(p.id, mentor.id, mentee.id);
    await session(p.id, matchId, 2, "cancelled");
    const later = await session(p.id, matchId, 48);
    const next = await session(p.id, matchId, 24, "requested");

    expect(await stepOf(mentee.client, p.id)).toMatchObject({
      kind: "upcoming_session",
      matchId,
      partner: { name: "Dana Mentor" },
      session: { id: next.id, start: next.start, status: "requested" },
    });

    // Half an hour into the first one it is still the step; once both are over, booking is.
    clock.advance(24.5 * HOUR);
    expect(await stepOf(mentee.client, p.id)).toMatchObject({ kind: "upcoming_session", session: { id: next.id } });
    clock.advance(24 * HOUR);
    expect(await stepOf(mentee.client, p.id)).toMatchObject({ kind: "upcoming_session", session: { id: later.id } });
    clock.advance(2 * HOUR);
    expect(await stepOf(mentee.client, p.id)).toMatchObject({ kind: "book_session", matchId });
    clock.set("2026-11-23T09:00:00Z");
  });

  it("never asks someone matched to finish their intake, even when a coordinator matched them without one", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Fay Mentor");
    const mentee = await member(p.id, "mentee", "Gus Manual", { intake: false });
    const matchId = await match(p.id, mentor.id, mentee.id);
    expect(await stepOf(mentee.client, p.id)).toMatchObject({ kind: "book_session", matchId });
  });

  it("says a paused match is paused and names the coordinator to contact", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Hal Mentor");
    const mentee = await member(p.id, "mentee", "Ivy Paused");
    const matchId = await match(p.id, mentor.id, mentee.id, "paused");
    await session(p.id, matchId, 24);
    expect(await stepOf(mentee.client, p.id)).toMatchObject({
      kind: "match_paused",
      matchId,
      partner: { name: "Hal Mentor" },
      coordinators: [{ name: "Cora Coordinator" }],
    });
  });

  it("says an ended match ended, and whether the mentee may ask another mentor", async () => {
    for (const [mode, canRequest] of [
      ["mentee_choice", true],
      ["reviewed", false],
    ] as const) {
      const p = await program(mode);
      const mentor = await member(p.id, "mentor", "Jo Mentor");
      const mentee = await member(p.id, "mentee", "Kit Ended");
      await match(p.id, mentor.id, mentee.id, "ended");
      expect(await stepOf(mentee.client, p.id)).toMatchObject({
        kind: "match_ended",
        status: "ended",
        partner: { name: "Jo Mentor" },
        canRequest,
        coordinators: [{ name: "Cora Coordinator" }],
      });
    }
  });
});

describe("a mentor's next step", () => {
  it("is the checklist while it is unfinished, and waiting for mentees once ready", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Lee Learner", { ready: false });
    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "finish_onboarding", intakeDone: true, checklistDone: false });

    await t.deps.db.update(programMemberships).set({ readyAt: clock.now() }).where(eq(programMemberships.userId, mentor.id));
    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "await_mentees", isMenteeChoice: true });
  });

  it("says the checklist is with a coordinator once every required step is submitted, not to finish it", async () => {
    const p = await program();
    const checklist = { codeOfConduct: false, documents: [], trainingUrl: "https://training.example/course", backgroundCheck: true };
    await t.deps.db.update(programs).set({ checklist }).where(eq(programs.id, p.id));
    const mentor = await member(p.id, "mentor", "Rae Reviewed", { ready: false });
    const [membership] = await t.deps.db.select().from(programMemberships).where(eq(programMemberships.userId, mentor.id));
    const mark = (step: "training" | "background_check", status: "todo" | "submitted" | "approved" | "rejected") =>
      t.deps.db
        .insert(checklistProgress)
        .values({ membershipId: membership!.id, step, status })
        .onConflictDoUpdate({ target: [checklistProgress.membershipId, checklistProgress.step], set: { status } });

    // Nothing done yet, then one of two steps: still the mentor's turn.
    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "finish_onboarding", checklistDone: false, checklistInReview: false });
    await mark("training", "approved");
    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "finish_onboarding", checklistInReview: false });
    // Both on the coordinator's side: waiting for review.
    await mark("background_check", "submitted");
    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "finish_onboarding", checklistDone: false, checklistInReview: true });
    // Sent back: the mentor's turn again.
    await mark("background_check", "rejected");
    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "finish_onboarding", checklistInReview: false });
  });

  it("is the requests to answer, counted, with the first deadline", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Max Popular");
    for (const [name, hours] of [
      ["Ana", 30],
      ["Bo", 10],
    ] as const) {
      const mentee = await member(p.id, "mentee", name);
      await t.deps.db.insert(matchRequests).values({
        programId: p.id,
        menteeId: mentee.id,
        mentorId: mentor.id,
        status: "pending",
        expiresAt: new Date(clock.now().getTime() + hours * HOUR),
      });
    }
    const step = await stepOf(mentor.client, p.id);
    expect(step).toMatchObject({ kind: "answer_requests", count: 2 });
    if (step.kind !== "answer_requests") throw new Error("unreachable");
    expect(step.firstExpiresAt?.toISOString()).toBe(new Date(clock.now().getTime() + 10 * HOUR).toISOString());
  });

  it("is proposing times to a mentee with nothing booked, saying whether bookable hours are set", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Ned Mentor");
    const booked = await member(p.id, "mentee", "Ola Booked");
    const waiting = await member(p.id, "mentee", "Pia Waiting");
    await session(p.id, await match(p.id, mentor.id, booked.id), 24);
    const waitingMatch = await match(p.id, mentor.id, waiting.id);

    expect(await stepOf(mentor.client, p.id)).toMatchObject({
      kind: "propose_times",
      matchId: waitingMatch,
      partner: { id: waiting.id, name: "Pia Waiting" },
      hasAvailability: false,
    });

    await t.deps.db.insert(mentorAvailability).values({ userId: mentor.id, weekly: [{ weekday: 2, start: "09:00", end: "12:00" }] });
    expect(await stepOf(mentor.client, p.id)).toMatchObject({ kind: "propose_times", hasAvailability: true });
  });

  it("is the soonest session when every mentee has one booked", async () => {
    const p = await program();
    const mentor = await member(p.id, "mentor", "Quin Mentor");
    const a = await member(p.id, "mentee", "Ria");
    const b = await member(p.id, "mentee", "Sol");
    await session(p.id, await match(p.id, mentor.id, a.id), 50);
    const soon = await session(p.id, await match(p.id, mentor.id, b.id), 5);
    expect(await stepOf(mentor.client, p.id)).toMatchObject({
      kind: "upcoming_session",
      partner: { name: "Sol" },
      session: { id: soon.id },
    });
  });
});

describe("where the steps are asked for", () => {
  it("Home gets one step per program and role; a program the caller is not in gives none", async () => {
    const first = await program();
    const second = await program("cohort");
    const mentee = await member(first.id, "mentee", "Uma Both");
    const m2 = await enrol(t.deps.db, second.id, mentee.id, "mentor");
    await t.deps.db.insert(programIntakes).values({ membershipId: m2.id, capacity: 2 });

    const all = await mentee.client.nextStep.mine.query({});
    expect(all.map((s) => [s.programId, s.role, s.kind]).sort()).toEqual(
      [
        [first.id, "mentee", "find_mentor"],
        [second.id, "mentor", "finish_onboarding"],
      ].sort(),
    );

    const stranger = await program();
    expect(await mentee.client.nextStep.mine.query({ programId: stranger.id })).toEqual([]);
  });

  it("refuses a program id that is not an id, naming the field", async () => {
    const mentee = await member((await program()).id, "mentee", "Val Typo");
    await expect(mentee.client.nextStep.mine.query({ programId: "not-a-uuid" })).rejects.toMatchObject({
      data: { appCode: "VALIDATION", fieldErrors: { programId: [expect.any(String)] } },
    });
  });
});
